#include "orchestrator/alembic_import/import_report.hpp"

#include "engine/util/text.hpp"
#include "engine/util/text_table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace fleet::orchestrator::alembic_import {

namespace {

struct Counts {
    std::size_t yaml = 0, sql = 0, by_hand = 0;
};

Counts count(const ImportOutcome& outcome) {
    Counts c;
    for (const ImportedRevision& r : outcome.revisions) {
        if (r.kind == ImportKind::yaml) ++c.yaml;
        if (r.kind == ImportKind::sql) ++c.sql;
        if (r.kind == ImportKind::by_hand) ++c.by_hand;
    }
    return c;
}

std::string json_kind(ImportKind kind) {
    return kind == ImportKind::by_hand ? "by_hand" : std::string(kind_name(kind));
}

} // namespace

std::string import_table(const ImportOutcome& outcome) {
    engine::util::TextTable table;
    table.add_row({"REVISION", "AS", "FILE", "WHY NOT YAML"});
    for (std::size_t i = 0; i < outcome.revisions.size(); ++i) {
        const ImportedRevision& r = outcome.revisions[i];
        table.add_row({r.id, std::string(kind_name(r.kind)), outcome.files.at(i).string(),
                       engine::util::one_line(r.reason)});
    }
    const Counts c = count(outcome);
    std::string text = table.render();
    text += fmt::format("\nImported {} revisions from {} into {}: {} as YAML, {} as SQL, {} by "
                        "hand.\n",
                        outcome.revisions.size(), outcome.script_location, outcome.to.string(),
                        c.yaml, c.sql, c.by_hand);
    if (c.by_hand > 0) {
        text += "\nTo write by hand (each fails when run until it is; its Python source is in "
                "the file):\n";
        for (std::size_t i = 0; i < outcome.revisions.size(); ++i) {
            const ImportedRevision& r = outcome.revisions[i];
            if (r.kind != ImportKind::by_hand) continue;
            text += fmt::format("  {}  {}: {}\n", r.id, outcome.files.at(i).string(),
                                engine::util::one_line(r.reason));
        }
    }
    return text;
}

std::string import_json(const ImportOutcome& outcome) {
    const Counts c = count(outcome);
    nlohmann::json revisions = nlohmann::json::array();
    for (std::size_t i = 0; i < outcome.revisions.size(); ++i) {
        const ImportedRevision& r = outcome.revisions[i];
        revisions.push_back({{"revision", r.id},
                             {"as", json_kind(r.kind)},
                             {"file", outcome.files.at(i).string()},
                             {"source", r.source_path},
                             {"reason", r.reason}});
    }
    const nlohmann::json document{
        {"version", 1},
        {"exit_code", outcome.exit_code},
        {"from", outcome.script_location},
        {"to", outcome.to.string()},
        {"summary",
         {{"revisions", outcome.revisions.size()},
          {"yaml", c.yaml},
          {"sql", c.sql},
          {"by_hand", c.by_hand}}},
        {"revisions", revisions},
    };
    return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace fleet::orchestrator::alembic_import
