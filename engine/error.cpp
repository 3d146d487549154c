#include "engine/error.hpp"

#include <fmt/format.h>

namespace fleet {

Error::Error(const std::string& message, ExitCode code)
    : std::runtime_error(message), m_code(code) {}

UsageError::UsageError(const std::string& message) : Error(message, ExitCode::bad_input) {}

namespace {
std::string located(const std::string& file, int line, const std::string& problem) {
    if (file.empty()) return problem;
    if (line <= 0) return fmt::format("{}: {}", file, problem);
    return fmt::format("{}:{}: {}", file, line, problem);
}
} // namespace

InputError::InputError(const std::string& file, int line, const std::string& problem)
    : Error(located(file, line, problem), ExitCode::bad_input), m_file(file), m_line(line),
      m_problem(problem) {}

RevisionError::RevisionError(const std::string& message) : Error(message, ExitCode::bad_input) {}

DatabaseError::DatabaseError(const std::string& message, std::string sqlstate)
    : Error(message, ExitCode::failed), m_sqlstate(std::move(sqlstate)) {}

namespace {
std::string migration_message(const std::string& revision, const std::string& statement,
                              const std::string& server_message) {
    std::string shown = statement;
    constexpr std::size_t k_max_statement = 500;
    if (shown.size() > k_max_statement) {
        // Cut before a UTF-8 continuation byte (10xxxxxx) so the message
        // never ends in half a character.
        std::size_t cut = k_max_statement;
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80)
            --cut;
        shown = shown.substr(0, cut) + "...";
    }
    return fmt::format("revision {} failed\n  statement: {}\n  error: {}", revision, shown,
                       server_message);
}
} // namespace

MigrationError::MigrationError(const std::string& revision, const std::string& statement,
                               const std::string& server_message, std::string sqlstate)
    : DatabaseError(migration_message(revision, statement, server_message), std::move(sqlstate)),
      m_revision(revision), m_statement(statement), m_server_message(server_message) {}

MigrationError MigrationError::with_note(const std::string& note) const {
    return MigrationError(m_revision, m_statement, m_server_message + note, sqlstate());
}

} // namespace fleet
