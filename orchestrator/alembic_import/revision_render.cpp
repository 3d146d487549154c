#include "orchestrator/alembic_import/revision_render.hpp"

#include "engine/autogen/ops_yaml.hpp"
#include "engine/script/revision_writer.hpp"
#include "engine/script/script.hpp"
#include "engine/script/yaml_script.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <sstream>

namespace fleet::orchestrator::alembic_import {

namespace {

namespace script = engine::script;

script::NewRevision header_of(const ImportedRevision& r, script::ScriptFormat format) {
    script::NewRevision out;
    out.id = r.id;
    out.message = r.message;
    out.down_revisions = r.down_revisions;
    out.branch_labels = r.branch_labels;
    out.depends_on = r.depends_on;
    out.format = format;
    out.create_date = r.create_date;
    out.has_downgrade = r.has_downgrade;
    return out;
}

// The helper's JSON step lists read by the YAML revision reader (JSON is
// YAML's flow style), then written back as YAML steps.
void yaml_bodies(const ImportedRevision& r, script::NewRevision& out) {
    std::string document = fmt::format("revision: {}\nupgrade: {}\n", r.id, r.upgrade_steps);
    if (r.has_downgrade) document += fmt::format("downgrade: {}\n", r.downgrade_steps);
    script::Body body;
    try {
        (void)script::parse_yaml_script(document, r.source_path, &body);
    } catch (const InputError& error) {
        throw InputError(r.source_path, 0,
                         fmt::format("the import made a step fleet cannot read (a fleet bug): {}",
                                     error.problem()));
    }
    out.upgrade_body = engine::autogen::yaml_steps(body.upgrade[""]);
    if (r.has_downgrade) out.downgrade_body = engine::autogen::yaml_steps(body.downgrade[""]);
}

std::string sql_quoted(std::string_view text, char quote) {
    std::string out(1, quote);
    for (char c : text) {
        out += c;
        if (c == quote) out += quote;
    }
    out += quote;
    return out;
}

// A statement that fails saying `message`: PostgreSQL raises it; SQLite,
// which has no RAISE outside triggers, names a table that is the message.
std::string failing_statement(std::string_view dialect, const std::string& message) {
    if (dialect != "postgresql") return fmt::format("SELECT * FROM {};", sql_quoted(message, '"'));
    std::string escaped; // '%' is a placeholder in RAISE's format
    for (char c : message) {
        escaped += c;
        if (c == '%') escaped += '%';
    }
    return fmt::format("DO $fleet$ BEGIN RAISE EXCEPTION {}; END $fleet$;",
                       sql_quoted(escaped, '\''));
}

// On every dialect, a statement saying the revision must be written by hand.
std::map<std::string, std::string> failing_steps(const ImportedRevision& r) {
    const std::string message =
        fmt::format("revision {} must be written by hand: it came from {} and {}", r.id,
                    r.source_path, engine::util::one_line(r.reason));
    std::map<std::string, std::string> out;
    for (std::string_view dialect : script::k_dialect_names)
        out.emplace(dialect, failing_statement(dialect, message));
    return out;
}

// SQL captured for some dialects only (--dialect): on the others the
// revision fails rather than silently running nothing.
void fail_where_not_captured(const ImportedRevision& r, std::map<std::string, std::string>& sql) {
    if (sql.empty()) return;
    std::vector<std::string> captured;
    for (const auto& [dialect, statements] : sql)
        captured.push_back(dialect);
    for (std::string_view dialect : script::k_dialect_names) {
        if (sql.count(std::string(dialect))) continue;
        sql.emplace(dialect,
                    failing_statement(
                        dialect, fmt::format("revision {} was imported as SQL for {} only: import "
                                             "it again with --dialect {}, or write this section",
                                             r.id, fmt::join(captured, ", "), dialect)));
    }
}

std::string source_as_comments(const ImportedRevision& r) {
    std::string out = fmt::format("-- fleet import: this revision could not be captured ({}).\n"
                                  "-- Write the sections that fail by hand; until then they fail.\n"
                                  "-- Its Alembic source, {}:\n--\n",
                                  engine::util::one_line(r.reason), r.source_path);
    std::istringstream lines(r.source);
    std::string line;
    while (std::getline(lines, line))
        out += line.empty() ? "--\n" : "--   " + line + "\n";
    return out;
}

} // namespace

RenderedRevision render_imported(const ImportedRevision& r) {
    const auto format =
        r.kind == ImportKind::yaml ? script::ScriptFormat::yaml : script::ScriptFormat::sql;
    script::NewRevision file = header_of(r, format);
    switch (r.kind) {
    case ImportKind::yaml:
        yaml_bodies(r, file);
        break;
    case ImportKind::sql:
        file.transactional = r.transactional;
        file.upgrade_by_dialect = r.upgrade_sql;
        file.downgrade_by_dialect = r.downgrade_sql;
        break;
    case ImportKind::by_hand:
        // The direction that could be captured is kept; the other fails.
        file.transactional = r.transactional;
        file.upgrade_body = source_as_comments(r);
        file.upgrade_by_dialect = r.upgrade_by_hand ? failing_steps(r) : r.upgrade_sql;
        file.downgrade_by_dialect = r.downgrade_by_hand ? failing_steps(r) : r.downgrade_sql;
        break;
    }
    fail_where_not_captured(r, file.upgrade_by_dialect);
    fail_where_not_captured(r, file.downgrade_by_dialect);
    return {r.stem + std::string(script::format_extension(format)), script::render_revision(file)};
}

} // namespace fleet::orchestrator::alembic_import
