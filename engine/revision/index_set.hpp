#pragma once

#include <cstddef>
#include <vector>

// Internal to engine/revision and engine/runtime: a set of revisions by their
// index in RevisionMap::revisions(). Alembic keeps such sets as Python sets,
// whose iteration order is arbitrary; this one iterates in load order, so
// fleet's answers are deterministic where Alembic's order does not matter.
namespace fleet::engine::revision::detail {

class IndexSet {
  public:
    explicit IndexSet(std::size_t universe) : m_in(universe, 0) {}
    template <class Range> IndexSet(std::size_t universe, const Range& items) : m_in(universe, 0) {
        for (std::size_t i : items)
            insert(i);
    }

    bool insert(std::size_t i) {
        if (m_in[i]) return false;
        m_in[i] = 1;
        ++m_size;
        return true;
    }
    bool erase(std::size_t i) {
        if (!m_in[i]) return false;
        m_in[i] = 0;
        --m_size;
        return true;
    }
    bool contains(std::size_t i) const { return i < m_in.size() && m_in[i]; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    template <class Range> void insert_all(const Range& items) {
        for (std::size_t i : items)
            insert(i);
    }
    // Keep only what `other` holds.
    void intersect(const IndexSet& other) {
        for (std::size_t i = 0; i < m_in.size(); ++i)
            if (m_in[i] && !other.contains(i)) erase(i);
    }
    void subtract(const IndexSet& other) {
        for (std::size_t i = 0; i < m_in.size(); ++i)
            if (m_in[i] && other.contains(i)) erase(i);
    }
    // Any member in common with the items?
    template <class Range> bool intersects(const Range& items) const {
        for (std::size_t i : items)
            if (contains(i)) return true;
        return false;
    }
    // The members in load order.
    std::vector<std::size_t> items() const {
        std::vector<std::size_t> out;
        out.reserve(m_size);
        for (std::size_t i = 0; i < m_in.size(); ++i)
            if (m_in[i]) out.push_back(i);
        return out;
    }

  private:
    std::vector<char> m_in;
    std::size_t m_size = 0;
};

} // namespace fleet::engine::revision::detail
