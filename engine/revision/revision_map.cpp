// Linking the graph: what Alembic's RevisionMap._revision_map does when it is
// first built, in the same order, so that the same broken inputs fail with
// the same error first.
#include "engine/revision/revision_map.hpp"

#include "engine/revision/index_set.hpp"
#include "engine/revision/revision_error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace fleet::engine::revision {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
    if (!contains(list, item)) list.push_back(item);
}

std::string describe(const Revision& rev) {
    return rev.source.empty() ? rev.id : fmt::format("{} ({})", rev.id, rev.source);
}

} // namespace

RevisionMap::RevisionMap(std::vector<Revision> revisions) : m_revisions(std::move(revisions)) {
    for (auto& rev : m_revisions) {
        // What the map fills in is recomputed, never trusted from the caller.
        rev.dependencies.clear();
        rev.normalized_dependencies.clear();
        rev.nextrev.clear();
        rev.all_nextrev.clear();
        rev.dependents.clear();
        rev.all_branch_labels.clear();
        for (const auto& label : rev.branch_labels)
            add_unique(rev.all_branch_labels, label);
    }
    check_declarations();
    index_revisions();
    map_branch_labels();
    resolve_dependencies();
    link_children();
    build_adjacency();
    normalize_dependencies();
    m_normalized_down.assign(m_revisions.size(), {});
    for (std::size_t i = 0; i < m_revisions.size(); ++i)
        for (const auto& id : m_revisions[i].normalized_down_revisions())
            m_normalized_down[i].push_back(m_by_id.at(id));
    detect_cycles();
    inherit_branch_labels();
}

// Alembic checks these in Revision.__init__ and while loading, file by file.
void RevisionMap::check_declarations() const {
    std::unordered_map<std::string, const Revision*> seen;
    for (const auto& rev : m_revisions) {
        if (rev.id.empty())
            throw RevisionError(fmt::format("Revision in {} has no revision identifier",
                                            rev.source.empty() ? "<unknown>" : rev.source));
        if (contains(rev.down_revisions, rev.id)) throw LoopDetected(rev.id, rev.source);
        if (contains(rev.depends_on, rev.id)) throw DependencyLoopDetected(rev.id, rev.source);
        std::vector<char> illegal;
        for (char c : {'+', '-', '@'}) // in sorted order, as Alembic lists them
            if (rev.id.find(c) != std::string::npos) illegal.push_back(c);
        if (!illegal.empty())
            throw RevisionError(
                fmt::format("Character(s) '{}' not allowed in revision identifier '{}'",
                            fmt::join(illegal, ", "), rev.id));
        auto [it, inserted] = seen.emplace(rev.id, &rev);
        if (!inserted)
            throw RevisionError(fmt::format("Revision {} is present more than once ({} and {})",
                                            rev.id, it->second->source, rev.source));
    }
}

void RevisionMap::index_revisions() {
    for (std::size_t i = 0; i < m_revisions.size(); ++i) {
        m_by_id.emplace(m_revisions[i].id, i);
        m_by_key.emplace(m_revisions[i].id, i);
        m_keys.emplace_back(m_revisions[i].id, i);
    }
}

// Branch labels become keys of the map next to the ids: a label names the
// revision that declares it, and may not collide with an id or another label.
void RevisionMap::map_branch_labels() {
    for (std::size_t i = 0; i < m_revisions.size(); ++i) {
        for (const auto& label : m_revisions[i].branch_labels) {
            if (auto it = m_by_key.find(label); it != m_by_key.end())
                throw RevisionError(
                    fmt::format("Branch name '{}' in revision {} already used by revision {}",
                                label, m_revisions[i].id, m_revisions[it->second].id));
            m_by_key.emplace(label, i);
            m_keys.emplace_back(label, i);
        }
    }
}

// depends_on names an id or a branch label, as Alembic resolves them; a unique
// prefix is accepted too (Alembic writes full ids when it generates a file, a
// hand-written fleet file may not).
void RevisionMap::resolve_dependencies() {
    for (auto& rev : m_revisions) {
        for (const auto& dep : rev.depends_on) {
            std::size_t target = 0;
            if (auto it = m_by_key.find(dep); it != m_by_key.end()) {
                target = it->second;
            } else {
                std::vector<std::size_t> matches;
                for (const auto& [key, index] : m_keys)
                    if (key.size() > 3 && key.starts_with(dep) &&
                        std::find(matches.begin(), matches.end(), index) == matches.end())
                        matches.push_back(index);
                if (matches.size() != 1 || dep.empty()) {
                    std::string why = matches.empty() ? "is not present" : "is ambiguous";
                    throw RevisionError(
                        fmt::format("Revision {} referenced from {} as a dependency {}", dep,
                                    describe(rev), why));
                }
                target = matches.front();
            }
            rev.dependencies.push_back(m_revisions[target].id);
        }
    }
}

void RevisionMap::link_children() {
    for (std::size_t i = 0; i < m_revisions.size(); ++i) {
        const Revision& rev = m_revisions[i];
        for (const auto& down : rev.all_down_revisions()) {
            auto it = m_by_id.find(down);
            if (it == m_by_id.end())
                throw RevisionError(fmt::format("Revision {} referenced from {} is not present",
                                                down, describe(rev)));
            Revision& parent = m_revisions[it->second];
            add_unique(parent.all_nextrev, rev.id);
            if (contains(rev.down_revisions, parent.id)) add_unique(parent.nextrev, rev.id);
            if (contains(rev.dependencies, parent.id)) add_unique(parent.dependents, rev.id);
        }
    }
    for (std::size_t i = 0; i < m_revisions.size(); ++i) {
        const Revision& rev = m_revisions[i];
        if (rev.is_head()) m_heads.push_back(i);
        if (rev.is_real_head()) m_real_heads.push_back(i);
        if (rev.is_base()) m_bases.push_back(i);
        if (rev.is_real_base()) m_real_bases.push_back(i);
    }
}

void RevisionMap::build_adjacency() {
    auto to_indices = [this](const std::vector<std::string>& ids) {
        std::vector<std::size_t> out;
        out.reserve(ids.size());
        for (const auto& id : ids)
            out.push_back(m_by_id.at(id));
        return out;
    };
    std::size_t n = m_revisions.size();
    m_down.resize(n);
    m_all_down.resize(n);
    m_next.resize(n);
    m_all_next.resize(n);
    m_normalized_down.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        m_down[i] = to_indices(m_revisions[i].down_revisions);
        m_all_down[i] = to_indices(m_revisions[i].all_down_revisions());
        m_next[i] = to_indices(m_revisions[i].nextrev);
        m_all_next[i] = to_indices(m_revisions[i].all_nextrev);
    }
}

// A dependency that an ancestor already depends on adds no ordering, so steps
// move the version row only along the remaining ones.
void RevisionMap::normalize_dependencies() {
    for (std::size_t i = 0; i < m_revisions.size(); ++i) {
        Revision& rev = m_revisions[i];
        std::vector<std::string> normalized;
        for (const auto& dep : rev.dependencies)
            add_unique(normalized, dep);
        if (!normalized.empty()) {
            for (std::size_t ancestor : related({i}, Edges::down)) {
                if (ancestor == i) continue;
                for (const auto& dep : m_revisions[ancestor].dependencies)
                    std::erase(normalized, dep);
            }
        }
        rev.normalized_dependencies = std::move(normalized);
    }
}

// Every revision must lie on a path from a head down to a base; those that do
// not are on a cycle. Checked along down_revision first, then with depends_on.
void RevisionMap::detect_cycles() const {
    std::size_t n = m_revisions.size();
    if (n == 0) return;
    auto all_ids = [this] {
        std::vector<std::string> ids;
        for (const auto& rev : m_revisions)
            ids.push_back(rev.id);
        return ids;
    };
    // The files of the revisions on a cycle, for the message: what to open.
    auto files_of = [&](const std::vector<std::string>& ids) {
        std::vector<std::string> files;
        for (const auto& id : ids)
            if (const auto* rev = find(id); rev && !rev->source.empty())
                files.push_back(rev->source);
        return files;
    };
    auto outside = [&](const std::vector<std::size_t>& heads, Edges down,
                       const std::vector<std::size_t>& bases, Edges up) {
        detail::IndexSet space(n, related(heads, down));
        space.intersect(detail::IndexSet(n, related(bases, up)));
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < n; ++i)
            if (!space.contains(i)) ids.push_back(m_revisions[i].id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    if (m_heads.empty() || m_bases.empty()) throw CycleDetected(all_ids(), files_of(all_ids()));
    if (auto ids = outside(m_heads, Edges::down, m_bases, Edges::next); !ids.empty())
        throw CycleDetected(ids, files_of(ids));
    if (m_real_heads.empty() || m_real_bases.empty())
        throw DependencyCycleDetected(all_ids(), files_of(all_ids()));
    if (auto ids = outside(m_real_heads, Edges::all_down, m_real_bases, Edges::all_next);
        !ids.empty())
        throw DependencyCycleDetected(ids, files_of(ids));
    // Alembic's check misses a cycle whose revisions all lie on some path from
    // a head to a base too (it then loops forever ordering them); fleet names
    // the revisions on it.
    if (auto ids = on_cycles(Edges::down); !ids.empty()) throw CycleDetected(ids, files_of(ids));
    if (auto ids = on_cycles(Edges::all_down); !ids.empty())
        throw DependencyCycleDetected(ids, files_of(ids));
}

// The revisions on a cycle along these edges, sorted: Tarjan's strongly
// connected components of more than one revision (a self-loop is refused
// earlier).
std::vector<std::string> RevisionMap::on_cycles(Edges kind) const {
    const std::size_t n = m_revisions.size();
    constexpr std::size_t k_unvisited = static_cast<std::size_t>(-1);
    std::vector<std::size_t> order(n, k_unvisited), low(n, 0);
    std::vector<char> on_stack(n, 0);
    std::vector<std::size_t> stack;
    std::vector<std::string> ids;
    std::size_t counter = 0;
    // Iterative, so a long history cannot overflow the call stack.
    struct Frame {
        std::size_t node;
        std::size_t next_edge;
    };
    for (std::size_t root = 0; root < n; ++root) {
        if (order[root] != k_unvisited) continue;
        std::vector<Frame> frames{{root, 0}};
        order[root] = low[root] = counter++;
        stack.push_back(root);
        on_stack[root] = 1;
        while (!frames.empty()) {
            Frame& frame = frames.back();
            const auto& out = edges(frame.node, kind);
            if (frame.next_edge < out.size()) {
                std::size_t next = out[frame.next_edge++];
                if (order[next] == k_unvisited) {
                    order[next] = low[next] = counter++;
                    stack.push_back(next);
                    on_stack[next] = 1;
                    frames.push_back({next, 0});
                } else if (on_stack[next]) {
                    low[frame.node] = std::min(low[frame.node], order[next]);
                }
                continue;
            }
            const std::size_t node = frame.node;
            frames.pop_back();
            if (!frames.empty())
                low[frames.back().node] = std::min(low[frames.back().node], low[node]);
            if (low[node] != order[node]) continue;
            std::vector<std::size_t> component;
            std::size_t member = 0;
            do {
                member = stack.back();
                stack.pop_back();
                on_stack[member] = 0;
                component.push_back(member);
            } while (member != node);
            if (component.size() > 1)
                for (std::size_t i : component)
                    ids.push_back(m_revisions[i].id);
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

// Alembic's _add_branches: a label reaches every descendant of its revision
// and, while the line is straight, the revisions below it down to the nearest
// branch point or merge point.
void RevisionMap::inherit_branch_labels() {
    // Labels reach every descendant, through merges, so a long-lived project
    // carries many labels on most revisions. Labels are numbered and each
    // revision keeps a bit per label, so an addition costs a bit test, not a
    // search or a string hash (a linear search here made loading 3,000
    // revisions with 75 labels spend 80% of its time comparing strings).
    std::unordered_map<std::string, std::size_t> numbers;
    for (const auto& rev : m_revisions)
        for (const auto& label : rev.all_branch_labels)
            numbers.emplace(label, numbers.size());
    std::vector<std::vector<bool>> present(m_revisions.size(), std::vector<bool>(numbers.size()));
    for (std::size_t i = 0; i < m_revisions.size(); ++i)
        for (const auto& label : m_revisions[i].all_branch_labels)
            present[i][numbers.at(label)] = true;
    auto add = [&](std::size_t node, const std::pair<std::size_t, const std::string*>& label) {
        if (present[node][label.first]) return;
        present[node][label.first] = true;
        m_revisions[node].all_branch_labels.push_back(*label.second);
    };
    for (std::size_t i = 0; i < m_revisions.size(); ++i) {
        if (m_revisions[i].branch_labels.empty()) continue;
        const std::vector<std::string> names = m_revisions[i].all_branch_labels;
        std::vector<std::pair<std::size_t, const std::string*>> labels;
        for (const auto& name : names)
            labels.emplace_back(numbers.at(name), &name);
        auto descendants = related({i}, Edges::next);
        for (std::size_t node : descendants)
            for (const auto& label : labels)
                add(node, label);
        // Alembic walks down from the last revision its traversal yielded.
        std::size_t parent = descendants.back();
        while (!m_revisions[parent].is_real_branch_point() &&
               !m_revisions[parent].is_merge_point()) {
            for (const auto& label : labels)
                add(parent, label);
            if (m_down[parent].empty()) break;
            parent = m_down[parent].front();
        }
    }
}

const std::vector<std::size_t>& RevisionMap::edges(std::size_t index, Edges kind) const {
    switch (kind) {
    case Edges::down:
        return m_down[index];
    case Edges::normalized_down:
        return m_normalized_down[index];
    case Edges::all_down:
        return m_all_down[index];
    case Edges::next:
        return m_next[index];
    case Edges::all_next:
        return m_all_next[index];
    }
    return m_down[index];
}

std::vector<std::size_t> RevisionMap::related(const std::vector<std::size_t>& targets, Edges kind,
                                              bool check) const {
    std::size_t n = m_revisions.size();
    detail::IndexSet seen(n);
    std::vector<std::size_t> out;
    std::vector<std::size_t> todo;
    for (std::size_t target : targets) {
        todo.push_back(target);
        detail::IndexSet per_target(n);
        while (!todo.empty()) {
            std::size_t rev = todo.back();
            todo.pop_back();
            if (check) per_target.insert(rev);
            if (!seen.insert(rev)) continue;
            for (std::size_t next : edges(rev, kind))
                todo.push_back(next);
            out.push_back(rev);
        }
        if (check) {
            std::vector<std::string> overlaps;
            detail::IndexSet target_set(n, targets);
            for (std::size_t i : per_target.items())
                if (i != target && target_set.contains(i)) overlaps.push_back(m_revisions[i].id);
            if (!overlaps.empty())
                throw RevisionError(
                    fmt::format("Requested revision {} overlaps with other requested revisions {}",
                                m_revisions[target].id, fmt::join(overlaps, ", ")));
        }
    }
    return out;
}

std::vector<std::size_t> RevisionMap::indices(const std::vector<const Revision*>& revs) const {
    std::vector<std::size_t> out;
    out.reserve(revs.size());
    for (const Revision* rev : revs) {
        // Compared as integers: a pointer into another map is no UB to test.
        const auto at = reinterpret_cast<std::uintptr_t>(rev);
        const auto begin = reinterpret_cast<std::uintptr_t>(m_revisions.data());
        const auto end = reinterpret_cast<std::uintptr_t>(m_revisions.data() + m_revisions.size());
        if (!rev || at < begin || at >= end)
            throw RevisionError(fmt::format("Revision {} is not a revision of this map",
                                            rev ? rev->id : std::string("<base>")));
        out.push_back(index_of(rev));
    }
    return out;
}

// Where Alembic asserts that every element is a Revision (is_revision()), a
// "base" marker or None is a graph walk gone wrong; Alembic stops with an
// AssertionError, fleet with a RevisionError saying where.
std::vector<std::size_t> RevisionMap::indices(const std::vector<Resolved>& nodes,
                                              const char* context) const {
    std::vector<std::size_t> out;
    out.reserve(nodes.size());
    for (const Resolved& node : nodes) {
        if (!node.rev)
            throw RevisionError(fmt::format("{} resolved to {}, not to a revision", context,
                                            node.base ? "base" : "nothing"));
        out.push_back(index_of(node.rev));
    }
    return out;
}

const Revision* RevisionMap::find(std::string_view full_id) const {
    auto it = m_by_id.find(std::string(full_id));
    return it == m_by_id.end() ? nullptr : &m_revisions[it->second];
}

namespace {
std::vector<std::string> ids_of(const std::vector<Revision>& revisions,
                                const std::vector<std::size_t>& indices) {
    std::vector<std::string> out;
    out.reserve(indices.size());
    for (std::size_t i : indices)
        out.push_back(revisions[i].id);
    return out;
}
} // namespace

std::vector<std::string> RevisionMap::heads() const { return ids_of(m_revisions, m_heads); }
std::vector<std::string> RevisionMap::bases() const { return ids_of(m_revisions, m_bases); }
std::vector<std::string> RevisionMap::real_heads() const {
    return ids_of(m_revisions, m_real_heads);
}
std::vector<std::string> RevisionMap::real_bases() const {
    return ids_of(m_revisions, m_real_bases);
}

std::vector<const Revision*>
RevisionMap::get_ancestor_nodes(const std::vector<const Revision*>& targets,
                                bool include_dependencies) const {
    std::vector<const Revision*> out;
    for (std::size_t i :
         related(indices(targets), include_dependencies ? Edges::normalized_down : Edges::down))
        out.push_back(&m_revisions[i]);
    return out;
}

std::vector<const Revision*>
RevisionMap::get_descendant_nodes(const std::vector<const Revision*>& targets,
                                  bool include_dependencies) const {
    std::vector<const Revision*> out;
    for (std::size_t i :
         related(indices(targets), include_dependencies ? Edges::all_next : Edges::next))
        out.push_back(&m_revisions[i]);
    return out;
}

} // namespace fleet::engine::revision
