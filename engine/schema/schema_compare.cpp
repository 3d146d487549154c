#include "engine/schema/schema_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace fleet::engine::schema {

namespace {

// Collects differences with their descriptions, in the order they are found.
class Collector {
  public:
    explicit Collector(const Sides& sides) : m_sides(sides) {}

    // Something one side has and the other lacks. what: "column accounts.email".
    void only(ObjectKind kind, bool in_left, const std::string& table, const std::string& name,
              const std::string& what, const std::string& detail) {
        Difference d{kind, in_left ? Change::only_left : Change::only_right, table, name, {}, {},
                     {}};
        (in_left ? d.left : d.right) = detail;
        d.description = fmt::format("{}{}{}: only in {}", what, detail.empty() ? "" : " ", detail,
                                    in_left ? m_sides.left : m_sides.right);
        m_out.push_back(std::move(d));
    }

    // Something both have, differently. aspect: "type", "" for the whole.
    void changed(ObjectKind kind, const std::string& table, const std::string& name,
                 const std::string& what, const std::string& aspect, const std::string& left,
                 const std::string& right) {
        Difference d{kind, Change::changed, table, name, left, right, {}};
        d.description =
            fmt::format("{}: {}{}{} in {}, {} in {}", what, aspect, aspect.empty() ? "" : " ", left,
                        m_sides.left, right, m_sides.right);
        m_out.push_back(std::move(d));
    }

    std::vector<Difference> take() { return std::move(m_out); }

  private:
    const Sides& m_sides;
    std::vector<Difference> m_out;
};

// A column's description without its name, which the line already says.
std::string column_detail(const Column& column) {
    return describe(column).substr(column.name.size() + 1);
}

std::string comment_text(const std::string& comment) {
    return comment.empty() ? std::string("no comment") : quoted(comment);
}

std::string nullability(const Column& column) { return column.nullable ? "NULL" : "NOT NULL"; }

std::string default_text(const Column& column) {
    return column.default_value ? "DEFAULT " + *column.default_value : std::string("no default");
}

void compare_columns(const Table& a, const Table& b, Collector& out) {
    auto find = [](const Table& table, const std::string& name) -> const Column* {
        for (const auto& column : table.columns)
            if (column.name == name) return &column;
        return nullptr;
    };
    for (const auto& left : a.columns) {
        std::string what = fmt::format("column {}.{}", a.name, left.name);
        const Column* right = find(b, left.name);
        if (!right) {
            out.only(ObjectKind::column, true, a.name, left.name, what, column_detail(left));
            continue;
        }
        // Labels of one enum type differ in every column using it: that is
        // told once, as the type's difference (compare()).
        if (left.type != right->type)
            out.changed(ObjectKind::column, a.name, left.name, what, "type", left.type,
                        right->type);
        if (left.nullable != right->nullable)
            out.changed(ObjectKind::column, a.name, left.name, what, "", nullability(left),
                        nullability(*right));
        if (left.default_value != right->default_value)
            out.changed(ObjectKind::column, a.name, left.name, what, "", default_text(left),
                        default_text(*right));
        if (left.comment != right->comment)
            out.changed(ObjectKind::column, a.name, left.name, what, "comment",
                        comment_text(left.comment), comment_text(right->comment));
    }
    for (const auto& right : b.columns) {
        if (find(a, right.name)) continue;
        out.only(ObjectKind::column, false, a.name, right.name,
                 fmt::format("column {}.{}", b.name, right.name), column_detail(right));
    }
}

// Indexes, keys and constraints: matched by key(), described by describe().
template <typename Item, typename Key>
void compare_items(ObjectKind kind, const char* noun, const std::string& table,
                   const std::vector<Item>& a, const std::vector<Item>& b, Key key,
                   Collector& out) {
    std::map<std::string, const Item*> left;
    std::map<std::string, const Item*> right;
    for (const auto& item : a)
        left.emplace(key(item), &item);
    for (const auto& item : b)
        right.emplace(key(item), &item);
    // Both maps are walked in key order, which is the normalized order.
    auto what = [&](const Item& item) {
        return item.name.empty() ? fmt::format("{} on {}", noun, table)
                                 : fmt::format("{} {} on {}", noun, item.name, table);
    };
    auto l = left.begin();
    auto r = right.begin();
    while (l != left.end() || r != right.end()) {
        if (r == right.end() || (l != left.end() && l->first < r->first)) {
            out.only(kind, true, table, l->first, what(*l->second), describe(*l->second));
            ++l;
        } else if (l == left.end() || r->first < l->first) {
            out.only(kind, false, table, r->first, what(*r->second), describe(*r->second));
            ++r;
        } else {
            if (!(*l->second == *r->second))
                out.changed(kind, table, l->first, what(*l->second), "", describe(*l->second),
                            describe(*r->second));
            ++l;
            ++r;
        }
    }
}

// "on accounts (a, b) UNIQUE": the line already names the index.
std::string index_detail(const std::string& table, const Index& index) {
    return "on " + table + " " + describe(index).substr(index.name.size() + 4);
}

void compare_tables(const Table& a, const Table& b, Collector& out) {
    if (a.comment != b.comment)
        out.changed(ObjectKind::table, a.name, "", "table " + a.name, "comment",
                    comment_text(a.comment), comment_text(b.comment));
    compare_columns(a, b, out);
    if (a.primary_key != b.primary_key) {
        auto text = [](const Table& t) {
            return t.primary_key.empty() ? std::string("none") : column_list(t.primary_key);
        };
        out.changed(ObjectKind::primary_key, a.name, "", "primary key of " + a.name, "", text(a),
                    text(b));
    }
    // Index descriptions leave out the name, which the line already says.
    std::map<std::string, const Index*> l;
    std::map<std::string, const Index*> r;
    for (const auto& index : a.indexes)
        l.emplace(index.name, &index);
    for (const auto& index : b.indexes)
        r.emplace(index.name, &index);
    for (const auto& [name, index] : l) {
        auto other = r.find(name);
        std::string what = "index " + name;
        if (other == r.end())
            out.only(ObjectKind::index, true, a.name, name, what, index_detail(a.name, *index));
        else if (!(*index == *other->second))
            out.changed(ObjectKind::index, a.name, name, what, "", index_detail(a.name, *index),
                        index_detail(a.name, *other->second));
    }
    for (const auto& [name, index] : r) {
        if (l.count(name)) continue;
        out.only(ObjectKind::index, false, a.name, name, "index " + name,
                 index_detail(a.name, *index));
    }
    compare_items(
        ObjectKind::foreign_key, "foreign key", a.name, a.foreign_keys, b.foreign_keys,
        [](const ForeignKey& k) { return identity(k); }, out);
    compare_items(
        ObjectKind::constraint, "constraint", a.name, a.constraints, b.constraints,
        [](const Constraint& c) { return identity(c); }, out);
}

std::string table_summary(const Table& table) {
    return fmt::format("{} column{}", table.columns.size(), table.columns.size() == 1 ? "" : "s");
}

} // namespace

std::vector<Difference> compare(const Schema& a, const Schema& b, const Sides& sides) {
    Collector out(sides);
    auto l = a.tables.begin();
    auto r = b.tables.begin();
    while (l != a.tables.end() || r != b.tables.end()) {
        if (r == b.tables.end() || (l != a.tables.end() && l->name < r->name)) {
            out.only(ObjectKind::table, true, l->name, "", "table " + l->name,
                     "(" + table_summary(*l) + ")");
            ++l;
        } else if (l == a.tables.end() || r->name < l->name) {
            out.only(ObjectKind::table, false, r->name, "", "table " + r->name,
                     "(" + table_summary(*r) + ")");
            ++r;
        } else {
            compare_tables(*l, *r, out);
            ++l;
            ++r;
        }
    }
    const auto right_enums = enum_types(b);
    for (const auto& [name, values] : enum_types(a)) {
        const auto other = right_enums.find(name);
        if (other != right_enums.end() && other->second != values)
            out.changed(ObjectKind::enum_type, name, "", "enum " + name, "labels",
                        quoted_list(values), quoted_list(other->second));
    }
    auto lv = a.views.begin();
    auto rv = b.views.begin();
    while (lv != a.views.end() || rv != b.views.end()) {
        if (rv == b.views.end() || (lv != a.views.end() && lv->name < rv->name)) {
            out.only(ObjectKind::view, true, lv->name, "", "view " + lv->name, "");
            ++lv;
        } else if (lv == a.views.end() || rv->name < lv->name) {
            out.only(ObjectKind::view, false, rv->name, "", "view " + rv->name, "");
            ++rv;
        } else {
            if (lv->definition != rv->definition)
                out.changed(ObjectKind::view, lv->name, "", "view " + lv->name, "definition",
                            lv->definition, rv->definition);
            ++lv;
            ++rv;
        }
    }
    return out.take();
}

std::string_view change_sign(Change change) noexcept {
    switch (change) {
    case Change::only_left:
        return "-";
    case Change::only_right:
        return "+";
    case Change::changed:
        return "~";
    }
    return "~";
}

std::string_view change_name(Change change) noexcept {
    switch (change) {
    case Change::only_left:
        return "only_left";
    case Change::only_right:
        return "only_right";
    case Change::changed:
        return "changed";
    }
    return "changed";
}

std::string_view kind_name(ObjectKind kind) noexcept {
    switch (kind) {
    case ObjectKind::table:
        return "table";
    case ObjectKind::column:
        return "column";
    case ObjectKind::primary_key:
        return "primary_key";
    case ObjectKind::index:
        return "index";
    case ObjectKind::foreign_key:
        return "foreign_key";
    case ObjectKind::constraint:
        return "constraint";
    case ObjectKind::view:
        return "view";
    case ObjectKind::enum_type:
        return "enum";
    }
    return "table";
}

} // namespace fleet::engine::schema
