#include "orchestrator/lint/statement_effects.hpp"

#include <algorithm>
#include <tuple>

namespace fleet::orchestrator::lint {

namespace {

const ObservedRelation* find(const SessionView& view, const std::string& key) {
    auto found = view.relations.find(key);
    return found == view.relations.end() ? nullptr : &found->second;
}

} // namespace

engine::lint::StatementTrace statement_effects(const engine::lint::LintStatement& statement,
                                               const SessionView& at_start,
                                               const SessionView& before,
                                               const SessionView& after) {
    engine::lint::StatementTrace trace;
    trace.line = statement.line;
    trace.sql = statement.sql;

    for (const auto& lock : after.locks) {
        if (before.locks.count(lock)) continue;
        const auto& [key, mode] = lock;
        // A relation in neither view is a catalog (the look's own reads).
        const ObservedRelation* relation = find(after, key);
        if (!relation) relation = find(before, key);
        if (!relation) continue;
        trace.locks.push_back({relation->name, mode, find(at_start, key) != nullptr});
    }
    std::sort(trace.locks.begin(), trace.locks.end(), [](const auto& a, const auto& b) {
        return std::tie(a.relation, a.mode) < std::tie(b.relation, b.mode);
    });

    for (const auto& [key, start] : at_start.relations) {
        if (!start.table) continue;
        const ObservedRelation* now = find(after, key);
        if (!now || now->storage == start.storage) continue;
        const ObservedRelation* earlier = find(before, key);
        if (earlier && earlier->storage == now->storage) continue;
        trace.rewritten.push_back(now->name);
    }
    std::sort(trace.rewritten.begin(), trace.rewritten.end());
    return trace;
}

} // namespace fleet::orchestrator::lint
