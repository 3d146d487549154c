#include "engine/script/script_source.hpp"

#include "engine/script/script_file.hpp"
#include "engine/script/sha256.hpp"

namespace fleet::engine::script {

ScriptSource::ScriptSource(std::string bytes, std::string file, ScriptFormat format,
                           std::optional<Body> body)
    : m_bytes(std::move(bytes)), m_file(std::move(file)), m_format(format),
      m_body(std::move(body)) {}

const Body& ScriptSource::body() const {
    // Once made, the body is never replaced, so the reference stays valid
    // after the lock is released.
    std::lock_guard lock(m_mutex);
    if (!m_body) m_body = parse_body(m_bytes, m_file, m_format);
    return *m_body;
}

const std::string& ScriptSource::checksum() const {
    std::lock_guard lock(m_mutex);
    if (!m_checksum) m_checksum = sha256_hex(m_bytes);
    return *m_checksum;
}

} // namespace fleet::engine::script
