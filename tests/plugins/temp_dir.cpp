#include "tests/plugins/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace fleet::tests {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fleet-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

} // namespace fleet::tests
