#pragma once

#include "engine/script/script.hpp"
#include "engine/script/script_format.hpp"

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace fleet::engine::script {

// A revision file's bytes, and what is made from them only when asked: the
// parsed body and the checksum. Reading the graph of 3,000 revisions needs
// neither; running one step needs both for that step alone.
// Thread-safe: a Script is shared by every target's thread, and the first
// to ask parses while the others wait; the result never changes after.
class ScriptSource {
  public:
    // `bytes` as read from `file` (a byte order mark included). `body` is
    // the body when the caller already parsed it, else it is parsed on first
    // use.
    ScriptSource(std::string bytes, std::string file, ScriptFormat format,
                 std::optional<Body> body = std::nullopt);

    ScriptSource(const ScriptSource&) = delete;
    ScriptSource& operator=(const ScriptSource&) = delete;

    // The file's bytes as read.
    std::string_view bytes() const { return m_bytes; }

    // The body, parsed on the first call. Throws InputError naming the file
    // and line when it is bad (again on every call: nothing is kept).
    const Body& body() const;

    // The lowercase hex SHA-256 of bytes(), computed on the first call.
    const std::string& checksum() const;

  private:
    const std::string m_bytes;
    const std::string m_file;
    const ScriptFormat m_format;
    mutable std::mutex m_mutex; // guards the two below while they are made
    mutable std::optional<Body> m_body;
    mutable std::optional<std::string> m_checksum;
};

} // namespace fleet::engine::script
