// The fleet side of the revision cross-check (see README.md): reads the same
// cases as alembic_probe.py on stdin and answers them with fleet's
// RevisionMap, plan_upgrade/plan_downgrade/plan_stamp and HeadMaintainer,
// one JSON line per case, in the same shape.
#include "engine/error.hpp"
#include "engine/revision/revision_error.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/runtime/head_maintainer.hpp"
#include "engine/runtime/migration_plan.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <optional>

namespace {

using namespace fleet::engine;
using json = nlohmann::json;

// The Alembic class name the error stands for.
std::string kind_of(const std::exception& e) {
    if (dynamic_cast<const revision::RangeNotAncestorError*>(&e)) return "RangeNotAncestorError";
    if (dynamic_cast<const revision::MultipleHeads*>(&e)) return "MultipleHeads";
    if (dynamic_cast<const revision::ResolutionError*>(&e)) return "ResolutionError";
    if (dynamic_cast<const revision::DependencyLoopDetected*>(&e)) return "DependencyLoopDetected";
    if (dynamic_cast<const revision::LoopDetected*>(&e)) return "LoopDetected";
    if (dynamic_cast<const revision::DependencyCycleDetected*>(&e))
        return "DependencyCycleDetected";
    if (dynamic_cast<const revision::CycleDetected*>(&e)) return "CycleDetected";
    if (dynamic_cast<const fleet::RevisionError*>(&e)) return "RevisionError";
    return "other";
}

json error(const std::exception& e) { return json{{"err", {kind_of(e), e.what()}}}; }

revision::RevisionArg arg(const json& j) {
    if (j.is_null()) return {};
    if (j.is_array()) return revision::RevisionArg::tuple(j.get<std::vector<std::string>>());
    return revision::RevisionArg(j.get<std::string>());
}

json ids(const std::vector<const revision::Revision*>& revs) {
    json out = json::array();
    for (const auto* r : revs)
        out.push_back(r ? json(r->id) : json(nullptr));
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

json describe(const runtime::MigrationStep& s) {
    if (s.is_stamp())
        return json{"stamp", s.from_revisions(), s.to_revisions(), s.is_upgrade(), s.branch_move()};
    return json{s.is_upgrade() ? "upgrade" : "downgrade", s.revision()->id, s.describe()};
}

const char* kind_name(runtime::VersionChange::Kind kind) {
    switch (kind) {
    case runtime::VersionChange::Kind::insert:
        return "insert";
    case runtime::VersionChange::Kind::remove:
        return "remove";
    case runtime::VersionChange::Kind::update:
        return "update";
    }
    return "?";
}

// One upgrade/downgrade/stamp from `heads`; heads becomes the rows after it.
json run_command(const revision::RevisionMap& map, const json& command,
                 std::vector<std::string>& heads) {
    auto current = sorted(heads);
    std::vector<runtime::MigrationStep> steps;
    if (command[0] == "upgrade") {
        steps = runtime::plan_upgrade(map, command[1].get<std::string>(), current);
    } else if (command[0] == "downgrade") {
        steps = runtime::plan_downgrade(map, command[1].get<std::string>(), current);
    } else {
        const bool purge = command[2];
        if (purge) current.clear();
        steps =
            runtime::plan_stamp(map, command[1].get<std::vector<std::string>>(), current, purge);
    }
    runtime::HeadMaintainer maintainer(current);
    json out = json::array();
    for (const auto& step : steps) {
        json writes = json::array();
        for (const auto& w : maintainer.update_to_step(step))
            writes.push_back({kind_name(w.kind), w.from, w.to});
        out.push_back(
            {{"step", describe(step)}, {"heads", sorted(maintainer.heads())}, {"writes", writes}});
    }
    heads = sorted(maintainer.heads());
    return out;
}

json answer_query(const revision::RevisionMap& map, const json& q) {
    const std::string op = q["op"];
    if (op == "get_revisions") return ids(map.get_revisions(arg(q["arg"])));
    if (op == "get_revision") {
        const auto* r = map.get_revision(arg(q["arg"]));
        return r ? json(r->id) : json(nullptr);
    }
    if (op == "current_head") return map.get_current_head(q["label"].get<std::string>());
    if (op == "walk") return ids(map.walk_revisions(arg(q["base"]), arg(q["head"])));
    if (op == "all_current") {
        std::vector<std::string> out;
        for (const auto* r : map.get_all_current(q["ids"]))
            out.push_back(r->id);
        return sorted(out);
    }
    if (op == "iterate")
        return ids(map.iterate_revisions(arg(q["upper"]), arg(q["lower"]), q["implicit_base"],
                                         q["inclusive"], q["assert_relative_length"],
                                         q["select_for_downgrade"]));
    if (op == "session") {
        std::vector<std::string> heads;
        json commands = json::array();
        for (const auto& command : q["commands"]) {
            try {
                commands.push_back({{"ok", run_command(map, command, heads)}});
            } catch (const fleet::Error& e) {
                commands.push_back(error(e));
            }
        }
        return commands;
    }
    throw std::invalid_argument("unknown op " + op);
}

json answer(const json& c) {
    std::vector<revision::Revision> revs;
    for (const auto& spec : c["revisions"]) {
        revision::Revision r;
        r.id = spec["id"];
        r.down_revisions = spec["down"].get<std::vector<std::string>>();
        r.depends_on = spec.value("deps", std::vector<std::string>{});
        r.branch_labels = spec.value("labels", std::vector<std::string>{});
        r.message = spec.value("message", "");
        r.source = "versions/" + r.id + ".sql";
        revs.push_back(r);
    }
    json out;
    std::optional<revision::RevisionMap> built;
    try {
        built.emplace(revs);
    } catch (const fleet::Error& e) {
        out["build"] = error(e);
        return out;
    }
    const auto& map = *built;
    out["build"] = json{{"ok", true}};
    json labels, normalized, nextrev;
    for (const auto& r : map.revisions()) {
        labels[r.id] = sorted(r.all_branch_labels);
        normalized[r.id] = sorted(r.normalized_dependencies);
        nextrev[r.id] = sorted(r.nextrev);
    }
    out["graph"] = {{"heads", map.heads()},
                    {"bases", map.bases()},
                    {"real_heads", map.real_heads()},
                    {"real_bases", map.real_bases()},
                    {"labels", labels},
                    {"normalized", normalized},
                    {"nextrev", nextrev}};
    json results = json::array();
    for (const auto& q : c["queries"]) {
        try {
            results.push_back({{"ok", answer_query(map, q)}});
        } catch (const fleet::Error& e) {
            results.push_back(error(e));
        }
    }
    out["results"] = results;
    return out;
}

} // namespace

int main() {
    std::string line;
    while (std::getline(std::cin, line))
        if (!line.empty()) std::cout << answer(json::parse(line)).dump() << std::endl;
}
