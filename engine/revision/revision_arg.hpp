#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fleet::engine::revision {

// What Alembic passes around as an "identifier or tuple of ids": nothing
// (Python's None), one identifier string ("head", "ae1+2", "label@head"), or a
// tuple of revision ids (a database's current heads). The difference is not
// cosmetic: Alembic parses relative forms and "@" only in a string, never in a
// tuple, so callers say which one they mean.
class RevisionArg {
  public:
    // None.
    RevisionArg() = default;
    // One identifier string.
    RevisionArg(std::string identifier) : m_value(std::move(identifier)) {}
    RevisionArg(std::string_view identifier) : m_value(std::string(identifier)) {}
    RevisionArg(const char* identifier) : m_value(std::string(identifier)) {}
    // A tuple of ids (may be empty: a database with no version rows).
    RevisionArg(std::vector<std::string> ids) : m_value(std::move(ids)) {}

    static RevisionArg tuple(std::vector<std::string> ids) { return RevisionArg(std::move(ids)); }

    bool is_none() const { return std::holds_alternative<std::monostate>(m_value); }
    bool is_string() const { return std::holds_alternative<std::string>(m_value); }
    bool is_tuple() const { return std::holds_alternative<std::vector<std::string>>(m_value); }

    // The string; only when is_string().
    const std::string& str() const { return std::get<std::string>(m_value); }
    // The tuple; only when is_tuple().
    const std::vector<std::string>& ids() const {
        return std::get<std::vector<std::string>>(m_value);
    }

    // Alembic's util.to_tuple: None -> (), "x" -> ("x"), a tuple -> itself.
    std::vector<std::string> to_tuple() const;

    // Python truthiness: None, "" and () are false.
    explicit operator bool() const;

    // How Alembic's "%s" prints it in messages: the string itself, a tuple as
    // ('a', 'b') / ('a',) / (), None as None.
    std::string repr() const;

  private:
    std::variant<std::monostate, std::string, std::vector<std::string>> m_value;
};

} // namespace fleet::engine::revision
