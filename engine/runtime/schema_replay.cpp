#include "engine/runtime/schema_replay.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>
#include <set>
#include <utility>

namespace fleet::engine::runtime {

SchemaReplay::SchemaReplay(const script::ScriptDirectory& scripts, std::string dialect)
    : m_scripts(scripts), m_dialect(std::move(dialect)) {}

const revision::Revision& SchemaReplay::revision(const std::string& id) const {
    if (!m_map) m_map.emplace(m_scripts.revisions());
    const auto* rev = m_map->find(id);
    if (!rev) throw RevisionError(fmt::format("no script for revision {}", id));
    return *rev;
}

const std::vector<ops::Operation>& SchemaReplay::upgrade(const std::string& id) const {
    const auto* script = m_scripts.find(id);
    if (!script) throw RevisionError(fmt::format("no script for revision {}", id));
    return script->operations(script::Direction::upgrade, m_dialect);
}

const std::string& SchemaReplay::file(const std::string& id) const {
    const auto* script = m_scripts.find(id);
    if (!script) throw RevisionError(fmt::format("no script for revision {}", id));
    return script->path;
}

std::vector<std::string> SchemaReplay::lineage(const std::string& id) const {
    // An iterative depth-first walk down, emitting each revision after all
    // of its parents: a long chain needs no deep recursion.
    std::vector<std::string> order;
    std::set<std::string> seen{id};
    std::vector<std::pair<std::string, std::size_t>> stack{{id, 0}};
    while (!stack.empty()) {
        auto& [current, next] = stack.back();
        const auto parents = revision(current).all_down_revisions();
        if (next < parents.size()) {
            const auto parent = parents[next++];
            if (seen.insert(parent).second) stack.emplace_back(parent, 0);
            continue;
        }
        order.push_back(current);
        stack.pop_back();
    }
    return order;
}

void SchemaReplay::compute(const std::string& id) {
    for (const auto& rev : lineage(id)) {
        if (m_after.count(rev)) continue;
        const auto parents = revision(rev).all_down_revisions();
        ops::SchemaModel model;
        if (parents.size() == 1) {
            model = m_after.at(parents.front());
        } else if (parents.size() > 1) {
            // A merge: every ancestor once, in topological order, as the
            // branches' upgrades reach the database.
            auto ancestors = lineage(rev);
            ancestors.pop_back();
            for (const auto& ancestor : ancestors)
                for (const auto& op : upgrade(ancestor))
                    model.apply(op, file(ancestor));
        }
        auto after = model;
        for (const auto& op : upgrade(rev))
            after.apply(op, file(rev));
        m_before.emplace(rev, std::move(model));
        m_after.emplace(rev, std::move(after));
    }
}

const ops::SchemaModel& SchemaReplay::before(const std::string& id) {
    compute(id);
    return m_before.at(id);
}

const ops::SchemaModel& SchemaReplay::after(const std::string& id) {
    compute(id);
    return m_after.at(id);
}

} // namespace fleet::engine::runtime
