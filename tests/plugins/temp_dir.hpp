#pragma once

#include <filesystem>
#include <string>

namespace fleet::tests {

// A fresh folder under the system's temporary folder, removed with
// everything in it when the TempDir goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    // path() / name, as a string.
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

} // namespace fleet::tests
