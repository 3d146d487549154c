#include "orchestrator/alembic_import/imported_revision.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace fleet::orchestrator::alembic_import {

namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& value) {
    std::vector<std::string> out;
    if (value.is_null()) return out;
    for (const json& item : value)
        out.push_back(item.get<std::string>());
    return out;
}

std::map<std::string, std::string> by_dialect(const json& value) {
    std::map<std::string, std::string> out;
    for (const auto& [dialect, sql] : value.items())
        out.emplace(dialect, sql.get<std::string>());
    return out;
}

ImportKind kind_of(const std::string& name) {
    if (name == "yaml") return ImportKind::yaml;
    if (name == "sql") return ImportKind::sql;
    if (name == "by_hand") return ImportKind::by_hand;
    throw Error(fmt::format("the Alembic import helper answered an unknown kind '{}'", name),
                ExitCode::failed);
}

ImportedRevision revision_of(const json& r) {
    ImportedRevision out;
    out.id = r.at("revision").get<std::string>();
    out.down_revisions = strings(r.at("down_revision"));
    out.branch_labels = strings(r.at("branch_labels"));
    out.depends_on = strings(r.at("depends_on"));
    out.message = r.at("message").get<std::string>();
    out.create_date = r.at("create_date").get<std::string>();
    out.source_path = r.at("path").get<std::string>();
    out.stem = r.at("stem").get<std::string>();
    out.kind = kind_of(r.at("kind").get<std::string>());
    out.reason = r.value("reason", "");
    switch (out.kind) {
    case ImportKind::yaml:
        out.upgrade_steps = r.at("upgrade").dump();
        out.has_downgrade = !r.at("downgrade").is_null();
        if (out.has_downgrade) out.downgrade_steps = r.at("downgrade").dump();
        break;
    case ImportKind::sql:
    case ImportKind::by_hand:
        out.upgrade_sql = by_dialect(r.at("upgrade"));
        out.has_downgrade = !r.at("downgrade").is_null();
        if (out.has_downgrade) out.downgrade_sql = by_dialect(r.at("downgrade"));
        out.transactional = r.at("transactional").get<bool>();
        if (out.kind == ImportKind::by_hand) {
            out.source = r.at("source").get<std::string>();
            out.upgrade_by_hand = r.at("upgrade_by_hand").get<bool>();
            out.downgrade_by_hand = r.at("downgrade_by_hand").get<bool>();
        }
        break;
    }
    return out;
}

[[noreturn]] void throw_reported(const json& error) {
    const std::string kind = error.value("kind", "");
    const std::string message = error.value("message", "");
    if (kind == "missing_alembic") throw AlembicMissing(message);
    const std::string file = error.contains("file") && error["file"].is_string()
                                 ? error["file"].get<std::string>()
                                 : std::string();
    const int line =
        error.contains("line") && error["line"].is_number() ? error["line"].get<int>() : 0;
    throw InputError(file, line, message);
}

} // namespace

std::string_view kind_name(ImportKind kind) {
    switch (kind) {
    case ImportKind::yaml:
        return "yaml";
    case ImportKind::sql:
        return "sql";
    case ImportKind::by_hand:
        return "by hand";
    }
    return "?";
}

AlembicMissing::AlembicMissing(const std::string& detail)
    : Error(fmt::format("Alembic is not installed for Python 3 ({}): install it with "
                        "`apt install python3-alembic` (or pip install alembic), or name "
                        "a Python that has it in $FLEET_PYTHON",
                        detail),
            ExitCode::bad_input),
      m_detail(detail) {}

ImportedProject parse_helper_output(std::string_view text) {
    try {
        const json document = json::parse(text);
        if (document.contains("error")) throw_reported(document.at("error"));
        ImportedProject project;
        project.script_location = document.at("script_location").get<std::string>();
        for (const json& revision : document.at("revisions"))
            project.revisions.push_back(revision_of(revision));
        return project;
    } catch (const json::exception& error) {
        throw Error(
            fmt::format("the Alembic import helper's answer cannot be read: {}", error.what()),
            ExitCode::failed);
    }
}

} // namespace fleet::orchestrator::alembic_import
