#include "engine/autogen/schema_diff_ops.hpp"

#include "engine/autogen/schema_renames.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace fleet::engine::autogen {

namespace {

using schema::Schema;
using schema::Table;

template <class T> const T* by_identity(const std::vector<T>& items, const T& wanted) {
    const auto key = schema::identity(wanted);
    for (const auto& item : items)
        if (schema::identity(item) == key) return &item;
    return nullptr;
}

const schema::Index* by_name(const std::vector<schema::Index>& items, const std::string& name) {
    for (const auto& item : items)
        if (item.name == name) return &item;
    return nullptr;
}

const schema::Column* column_named(const Table& table, const std::string& name) {
    for (const auto& column : table.columns)
        if (column.name == name) return &column;
    return nullptr;
}

// What `from` has that `to` lacks or has differently (by identity).
template <class T>
std::vector<const T*> gone(const std::vector<T>& from, const std::vector<T>& to) {
    std::vector<const T*> out;
    for (const auto& item : from) {
        const T* other = by_identity(to, item);
        if (!other || !(*other == item)) out.push_back(&item);
    }
    return out;
}

std::vector<const schema::Index*> gone_indexes(const Table& from, const Table& to) {
    std::vector<const schema::Index*> out;
    for (const auto& index : from.indexes) {
        const auto* other = by_name(to.indexes, index.name);
        if (!other || !(*other == index)) out.push_back(&index);
    }
    return out;
}

// Tables in an order where each comes after the tables it refers to (among
// `names`); a reference that would need a later table is `forward`.
struct Ordered {
    std::vector<const Table*> tables;
    std::set<std::pair<std::string, std::string>> forward; // (table, key identity)
};

Ordered parents_first(const std::vector<const Table*>& tables) {
    std::set<std::string> names;
    for (const auto* t : tables)
        names.insert(t->name);
    Ordered out;
    std::set<std::string> placed;
    std::vector<const Table*> left = tables;
    while (!left.empty()) {
        bool progress = false;
        for (auto it = left.begin(); it != left.end();) {
            const Table* t = *it;
            const bool ready = std::all_of(
                t->foreign_keys.begin(), t->foreign_keys.end(), [&](const schema::ForeignKey& k) {
                    return k.referred_table == t->name || !names.count(k.referred_table) ||
                           placed.count(k.referred_table);
                });
            if (!ready) {
                ++it;
                continue;
            }
            out.tables.push_back(t);
            placed.insert(t->name);
            it = left.erase(it);
            progress = true;
        }
        if (progress) continue;
        // A cycle: place the first table left, its keys to unplaced tables
        // become forward references.
        const Table* t = left.front();
        for (const auto& k : t->foreign_keys)
            if (k.referred_table != t->name && names.count(k.referred_table) &&
                !placed.count(k.referred_table))
                out.forward.insert({t->name, schema::identity(k)});
        out.tables.push_back(t);
        placed.insert(t->name);
        left.erase(left.begin());
    }
    return out;
}

class Differ {
  public:
    Differ(const Schema& from, const Schema& to, const CatalogOps& catalog)
        : m_from(from), m_to(to), m_catalog(catalog) {}

    std::vector<ops::Operation> run() {
        std::vector<const Table*> dropped, created;
        std::vector<std::pair<const Table*, const Table*>> kept;
        for (const auto& t : m_from.tables) {
            if (const auto* other = m_to.find_table(t.name))
                kept.emplace_back(&t, other);
            else
                dropped.push_back(&t);
        }
        for (const auto& t : m_to.tables)
            if (!m_from.find_table(t.name)) created.push_back(&t);

        // 1. Foreign keys that go away or change, first: nothing else can
        // then be blocked by one (a dropped table's own keys go with it,
        // except those in a cycle of dropped tables).
        for (const auto& [a, b] : kept)
            for (const auto* key : gone(a->foreign_keys, b->foreign_keys))
                drop_constraint(*a, foreign_key_name(*a, *key), ops::ConstraintType::foreignkey);
        const auto drop_order = parents_first(dropped);
        for (const auto* t : drop_order.tables)
            for (const auto& key : t->foreign_keys)
                if (drop_order.forward.count({t->name, schema::identity(key)}))
                    drop_constraint(*t, foreign_key_name(*t, key), ops::ConstraintType::foreignkey);
        // 2. Indexes and constraints that go away or change.
        for (const auto& [a, b] : kept) {
            for (const auto* index : gone_indexes(*a, *b))
                m_ops.push_back(ops::DropIndex{"", index->name, a->name, false, 0});
            for (const auto* c : gone(a->constraints, b->constraints))
                drop_constraint(*a, constraint_name(*a, *c),
                                c->kind == schema::Constraint::Kind::unique
                                    ? ops::ConstraintType::unique
                                    : ops::ConstraintType::check);
        }
        // 3. Tables that go away, children first.
        for (auto it = drop_order.tables.rbegin(); it != drop_order.tables.rend(); ++it)
            m_ops.push_back(ops::DropTable{"", (*it)->name, 0});
        // 3b. Enum types whose labels change, through each kept column using
        // them: before any new table or column uses the new labels.
        for (const auto& [a, b] : kept)
            for (const auto& old : a->columns)
                if (const auto* now = column_named(*b, old.name); now && relabels(old, *now))
                    alter(*a, old, *b, *now);
        // 4. New tables, parents first, with their indexes.
        const auto create_order = parents_first(created);
        std::vector<ops::Operation> late_keys;
        for (const auto* t : create_order.tables) {
            m_ops.push_back(m_catalog.create_table(*t, [&](const schema::ForeignKey& key) {
                return !create_order.forward.count({t->name, schema::identity(key)});
            }));
            for (const auto& key : t->foreign_keys)
                if (create_order.forward.count({t->name, schema::identity(key)}))
                    late_keys.push_back(
                        ops::CreateForeignKey{"", t->name, m_catalog.foreign_key(*t, key), 0});
            for (const auto& index : t->indexes)
                m_ops.push_back(m_catalog.create_index(*t, index));
        }
        // 5. Columns of kept tables: added, altered, dropped.
        for (const auto& [a, b] : kept)
            columns(*a, *b);
        // 6. Constraints and indexes that are new or changed.
        for (const auto& [a, b] : kept) {
            for (const auto* c : gone(b->constraints, a->constraints)) {
                if (c->kind == schema::Constraint::Kind::unique)
                    m_ops.push_back(
                        ops::CreateUniqueConstraint{"", b->name, m_catalog.unique(*b, *c), 0});
                else
                    m_ops.push_back(
                        ops::CreateCheckConstraint{"", b->name, m_catalog.check(*b, *c), 0});
            }
            for (const auto* index : gone_indexes(*b, *a))
                m_ops.push_back(m_catalog.create_index(*b, *index));
        }
        // 7. Foreign keys last: every table they refer to exists now.
        for (const auto& [a, b] : kept)
            for (const auto* key : gone(b->foreign_keys, a->foreign_keys))
                m_ops.push_back(
                    ops::CreateForeignKey{"", b->name, m_catalog.foreign_key(*b, *key), 0});
        for (auto& op : late_keys)
            m_ops.push_back(std::move(op));
        return std::move(m_ops);
    }

  private:
    void drop_constraint(const Table& table, std::string name, ops::ConstraintType type) {
        m_ops.push_back(ops::DropConstraint{"", table.name, std::move(name), type, 0});
    }

    void columns(const Table& a, const Table& b) {
        for (const auto& column : b.columns)
            if (!column_named(a, column.name))
                m_ops.push_back(ops::AddColumn{"", b.name, m_catalog.column(b, column), 0});
        for (const auto& old : a.columns) {
            const auto* now = column_named(b, old.name);
            if (now && !(*now == old) && !relabels(old, *now)) alter(a, old, b, *now);
        }
        for (const auto& old : a.columns)
            if (!column_named(b, old.name))
                m_ops.push_back(ops::DropColumn{"", a.name, old.name, 0});
        if (a.comment != b.comment) m_ops.push_back(m_catalog.table_comment(b));
    }

    // Whether the column keeps its enum type, whose labels change.
    static bool relabels(const schema::Column& old, const schema::Column& now) {
        return !old.enum_values.empty() && !now.enum_values.empty() && old.type == now.type &&
               old.enum_values != now.enum_values;
    }

    void alter(const Table& a, const schema::Column& old, const Table& b,
               const schema::Column& now) {
        ops::AlterColumn op;
        op.table = b.name;
        op.column = old.name;
        const auto before = m_catalog.column(a, old);
        const auto after = m_catalog.column(b, now);
        if (old.type != now.type || old.enum_values != now.enum_values) op.type = after.type;
        if (old.nullable != now.nullable) op.nullable = now.nullable;
        if (old.default_value != now.default_value) op.server_default = after.server_default;
        if (old.comment != now.comment) {
            op.comment = now.comment;
            op.existing_comment = old.comment;
        }
        op.existing_type = before.type;
        op.existing_nullable = before.nullable;
        op.existing_server_default = before.server_default;
        m_ops.push_back(std::move(op));
    }

    const Schema& m_from;
    const Schema& m_to;
    const CatalogOps& m_catalog;
    std::vector<ops::Operation> m_ops;
};

// A table or column dropped while another is added beside it may have been
// renamed: the catalog cannot tell, so the reviewer is told what the
// revision does and how to say it was a rename.
void note_drops_beside_adds(const std::vector<ops::Operation>& operations, Notes& notes) {
    std::vector<std::string> new_tables;
    std::map<std::string, std::vector<std::string>> new_columns; // table -> columns
    for (const auto& op : operations) {
        if (const auto* create = std::get_if<ops::CreateTable>(&op))
            new_tables.push_back(create->name);
        else if (const auto* add = std::get_if<ops::AddColumn>(&op))
            new_columns[add->table].push_back(add->column.name);
    }
    const auto listed = [](const std::vector<std::string>& names) {
        return fmt::format("{}", fmt::join(names, ", "));
    };
    for (std::size_t i = 0; i < operations.size(); ++i) {
        if (const auto* drop = std::get_if<ops::DropTable>(&operations[i]);
            drop && !new_tables.empty())
            notes[i] = fmt::format(
                "Dropped, not renamed: table {0} goes with its rows while {1} is created. If it "
                "became one of them, write `-- fleet:renamed_from {0}` after that table's name in "
                "the declared SQL (`renamed_from: {0}` in YAML) and autogenerate again.",
                drop->name, listed(new_tables));
        else if (const auto* column = std::get_if<ops::DropColumn>(&operations[i])) {
            const auto added = new_columns.find(column->table);
            if (added == new_columns.end()) continue;
            notes[i] = fmt::format(
                "Dropped, not renamed: column {0}.{1} goes with its data while {2} is added. If "
                "it became one of them, write `-- fleet:renamed_from {1}` after that column in "
                "the declared SQL (`renamed_from: {1}` in YAML) and autogenerate again.",
                column->table, column->column, listed(added->second));
        }
    }
}

} // namespace

void make_comparable(Schema& schema) {
    schema.views.clear();
    for (auto& table : schema.tables) {
        for (auto& column : table.columns) {
            const bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(),
                                          column.name) != table.primary_key.end();
            if (in_key) column.nullable = false;
            // A serial key (its own sequence's nextval) is an autoincrement
            // key as an identity column is: written as one, compared as one.
            const auto& d = column.default_value;
            if (in_key && table.primary_key.size() == 1 && d && d->rfind("nextval('", 0) == 0 &&
                d->size() > 11 && d->compare(d->size() - 12, 12, "'::regclass)") == 0)
                column.default_value = "GENERATED BY DEFAULT AS IDENTITY";
        }
    }
}

std::vector<ops::Operation> diff_operations(const Schema& from, const Schema& to,
                                            const CatalogOps& catalog, const RenameHints& renames,
                                            Notes* notes) {
    auto renamed = apply_renames(from, to, renames, catalog);
    auto operations = std::move(renamed.operations);
    for (auto& op : Differ(renamed.schema, to, catalog).run())
        operations.push_back(std::move(op));
    if (notes) note_drops_beside_adds(operations, *notes);
    return operations;
}

} // namespace fleet::engine::autogen
