#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace fleet::test {

// A fresh folder of its own under $TMPDIR (mkdtemp, so test binaries running
// side by side never share one), removed with everything in it at the end.
class TempDir {
  public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "fleet-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    // path() / name, as a string.
    std::string file(const std::string& name) const { return (m_path / name).string(); }

    // Writes text to path() / relative, creating folders; returns the full path.
    std::filesystem::path write(const std::string& relative, std::string_view text) const {
        const std::filesystem::path target = m_path / relative;
        std::filesystem::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        return target;
    }

  private:
    std::filesystem::path m_path;
};

} // namespace fleet::test
