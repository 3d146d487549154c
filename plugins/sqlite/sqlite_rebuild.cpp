#include "plugins/sqlite/sqlite_rebuild.hpp"

#include "engine/error.hpp"
#include "plugins/sql_quoting.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "plugins/sqlite/sqlite_rebuild_columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace fleet::plugins::sqlite {

namespace ops = engine::ops;

namespace {

// What the rebuild drops and puts back, as positions in the catalog.
struct Dependents {
    std::vector<std::size_t> recreated; // indexes, triggers and views, catalog order
    std::vector<std::size_t> dropped;   // views and other tables' triggers dropped first
};

// The table's indexes and triggers (DROP TABLE takes them), and every view
// and other table's trigger that names the table or such a view: with those
// left in place, ALTER TABLE RENAME fails ("error in view v: no such table").
Dependents dependents(const SchemaCatalog& catalog, const std::string& table) {
    Dependents d;
    std::set<std::size_t> taken;
    std::vector<std::string> names{table};
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t i = 0; i < catalog.size(); ++i) {
            const auto& e = catalog[i];
            if (taken.count(i) || e.sql.empty()) continue;
            const bool own =
                same_name(e.tbl_name, table) && (e.type == "index" || e.type == "trigger");
            const bool named = (e.type == "view" || e.type == "trigger") &&
                               std::any_of(names.begin(), names.end(), [&](const std::string& n) {
                                   return mentions(tokenize_sql(e.sql), n);
                               });
            if (!own && !named) continue;
            taken.insert(i);
            if (!own) d.dropped.push_back(i);
            if (e.type == "view") {
                names.push_back(e.name);
                grew = true;
            }
        }
    }
    d.recreated.assign(taken.begin(), taken.end());
    // Dropped newest first: a view's INSTEAD OF trigger before the view, which
    // would take it along and make its DROP TRIGGER fail.
    std::sort(d.dropped.begin(), d.dropped.end());
    return d;
}

[[noreturn]] void refuse(const RebuildOptions& o, int line, const std::string& table,
                         const std::string& column, const std::string& user) {
    throw InputError(o.file, line,
                     fmt::format("cannot drop column {} of {}: {} uses it (drop or change that "
                                 "first); nothing was run",
                                 column, table, user));
}

std::string clause_label(const ConstraintClause& c) {
    return c.name.empty() ? "the constraint " + c.text : "constraint " + c.name;
}

// Whether a REFERENCES or FOREIGN KEY clause names `column` of `table` as
// its parent key.
bool refers_to(const ConstraintClause& c, const std::string& table, const std::string& column) {
    if (c.kind != ClauseKind::references && c.kind != ClauseKind::foreign_key) return false;
    if (!same_name(c.referred_table, table)) return false;
    auto tokens = tokenize_sql(c.text);
    const auto at = std::find_if(tokens.begin(), tokens.end(),
                                 [](const SqlToken& t) { return t.is_keyword("REFERENCES"); });
    tokens.erase(tokens.begin(), at == tokens.end() ? at : at + 2); // the keyword and the table
    return mentions(tokens, column);
}

// Refuses a drop_column whose column something kept still uses.
void check_dropped(const RebuiltTable& r, const TableSql& old, const SchemaCatalog& catalog,
                   const Dependents& d, const std::vector<std::size_t>& children, int line,
                   const RebuildOptions& o) {
    const auto& table = old.name;
    for (const auto& column : r.dropped) {
        const auto* was = old.find_column(column);
        if (was && was->has(ClauseKind::primary_key))
            refuse(o, line, table, column, "the primary key");
        for (const auto& kept : r.table.columns) {
            for (const auto& c : kept.constraints) {
                if (refers_to(c, table, column))
                    refuse(o, line, table, column, "the foreign key of column " + kept.name);
                if (c.kind != ClauseKind::check && c.kind != ClauseKind::generated) continue;
                if (mentions(tokenize_sql(c.text), column))
                    refuse(o, line, table, column,
                           (c.kind == ClauseKind::check ? "the CHECK of column "
                                                        : "generated column ") +
                               kept.name);
            }
        }
        for (const auto& c : r.table.constraints) {
            const bool listed =
                std::any_of(c.columns.begin(), c.columns.end(),
                            [&](const std::string& n) { return same_name(n, column); });
            if (listed || refers_to(c, table, column) ||
                (c.kind == ClauseKind::check && mentions(tokenize_sql(c.text), column)))
                refuse(o, line, table, column, clause_label(c));
        }
        for (auto i : d.recreated) {
            const auto& e = catalog[i];
            auto tokens = tokenize_sql(e.sql);
            if (e.type == "index") {
                // CREATE INDEX name ON table (...): the columns come after ON.
                const auto on = std::find_if(tokens.begin(), tokens.end(),
                                             [](const SqlToken& t) { return t.is_keyword("ON"); });
                tokens.erase(tokens.begin(), on == tokens.end() ? on : on + 2);
            }
            if (mentions(tokens, column)) refuse(o, line, table, column, e.type + " " + e.name);
        }
        for (auto i : children) {
            const auto child = parse_create_table(catalog[i].sql);
            for (const auto& col : child.columns)
                for (const auto& c : col.constraints)
                    if (refers_to(c, table, column))
                        refuse(o, line, table, column, "a foreign key of table " + child.name);
            for (const auto& c : child.constraints)
                if (refers_to(c, table, column))
                    refuse(o, line, table, column, "a foreign key of table " + child.name);
        }
    }
}

// The tables whose foreign keys refer to `table` (itself excluded).
std::vector<std::size_t> child_tables(const SchemaCatalog& catalog, const std::string& table) {
    std::vector<std::size_t> children;
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const auto& e = catalog[i];
        if (e.type != "table" || same_name(e.name, table) || e.sql.empty()) continue;
        if (!mentions(tokenize_sql(e.sql), table)) continue;
        TableSql other;
        try {
            other = parse_create_table(e.sql);
        } catch (const InputError&) {
            continue; // a virtual table: no foreign keys
        }
        bool refers = false;
        for (const auto& c : other.constraints)
            refers |= same_name(c.referred_table, table);
        for (const auto& col : other.columns)
            for (const auto& c : col.constraints)
                refers |= same_name(c.referred_table, table);
        if (refers) children.push_back(i);
    }
    return children;
}

std::string unused_name(const SchemaCatalog& catalog, const std::string& table) {
    const std::string base = "_fleet_rebuild_" + table;
    std::string name = base;
    for (int n = 1;; ++n) {
        const bool taken = std::any_of(catalog.begin(), catalog.end(), [&](const SchemaEntry& e) {
            return same_name(e.name, name);
        });
        if (!taken) return name;
        name = base + "_" + std::to_string(n);
    }
}

// Step 1, checked: with foreign keys ON, DROP TABLE deletes the rows of
// tables that refer to this one (ON DELETE CASCADE) or fails, and inside a
// transaction PRAGMA foreign_keys=OFF does nothing. A runtime that forgot
// Rebuild::foreign_keys_off gets this error instead of losing rows.
void foreign_keys_are_off(std::vector<std::string>& out) {
    out.push_back("CREATE TEMP TABLE _fleet_foreign_keys_off (foreign_keys INTEGER, CONSTRAINT " +
                  double_quoted("a table rebuild needs PRAGMA foreign_keys=OFF before its "
                                "transaction: DROP TABLE would delete or block the rows that "
                                "refer to the table") +
                  " CHECK (foreign_keys = 0))");
    out.push_back("INSERT INTO temp._fleet_foreign_keys_off SELECT foreign_keys FROM "
                  "pragma_foreign_keys");
    out.push_back("DROP TABLE temp._fleet_foreign_keys_off");
}

// Step 10 as statements that fail: SQLite's foreign_key_check only returns
// rows, so each row goes into a scratch table whose CHECK, named after the
// rows' table, refuses it and rolls the revision back.
void foreign_key_check(std::vector<std::string>& out, const std::vector<std::string>& tables,
                       const std::string& rebuilt) {
    std::string create = "CREATE TEMP TABLE _fleet_foreign_key_check (tbl TEXT";
    std::string insert = "INSERT INTO temp._fleet_foreign_key_check ";
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const auto literal = single_quoted(tables[i]);
        create += ", CONSTRAINT " +
                  double_quoted(fmt::format("foreign_key_check: rows of table {} break a foreign "
                                            "key after the rebuild of {}",
                                            tables[i], rebuilt)) +
                  " CHECK (tbl IS NOT " + literal + ")";
        insert += (i ? " UNION ALL " : "") +
                  std::string("SELECT \"table\" FROM pragma_foreign_key_check(") + literal + ")";
    }
    out.push_back(create + ")");
    out.push_back(insert);
    out.push_back("DROP TABLE temp._fleet_foreign_key_check");
}

// Column renames, natively once the table is back: SQLite then rewrites
// every index, trigger, view and child key that names the column. When a
// new name is another renamed column's old one (a swap), every renamed
// column first takes a scratch name.
void renames(std::vector<std::string>& out, const RebuiltTable& r, const std::string& table) {
    std::vector<std::size_t> renamed;
    for (std::size_t i = 0; i < r.current.size(); ++i)
        if (r.current[i] != r.table.columns[i].name) renamed.push_back(i);
    bool swap = false;
    for (auto i : renamed)
        for (auto j : renamed)
            swap |= i != j && same_name(r.current[i], r.table.columns[j].name);
    auto rename = [&](const std::string& from, const std::string& to) {
        out.push_back(fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", quote_name(table),
                                  quote_name(from), quote_name(to)));
    };
    for (auto i : renamed) {
        const std::string from = r.table.columns[i].name;
        if (!swap) {
            rename(from, r.current[i]);
            continue;
        }
        rename(from, "_fleet_rename_" + std::to_string(i));
    }
    if (swap)
        for (auto i : renamed)
            rename("_fleet_rename_" + std::to_string(i), r.current[i]);
}

} // namespace

Rebuild render_rebuild(const SchemaCatalog& catalog, std::string_view table_name,
                       const std::vector<ops::Operation>& changes, const RebuildOptions& options) {
    const int first_line = changes.empty() ? 0 : ops::source_line(changes.front());
    const auto entry = std::find_if(catalog.begin(), catalog.end(), [&](const SchemaEntry& e) {
        return e.type == "table" && same_name(e.name, table_name);
    });
    if (entry == catalog.end())
        throw InputError(
            options.file, first_line,
            fmt::format("table {} is not in the database: nothing to rebuild", table_name));
    RebuiltTable r = rebuilt_table(entry->sql);
    const TableSql old = r.table;
    for (const auto& change : changes)
        apply_change(r, change, options.file);
    const std::string& table = old.name;
    const auto d = dependents(catalog, table);
    const auto children = child_tables(catalog, table);
    if (!r.dropped.empty()) check_dropped(r, old, catalog, d, children, first_line, options);

    Rebuild out;
    auto& s = out.statements;
    const auto temporary = unused_name(catalog, table);
    TableSql built = r.table;
    built.name_sql = quote_name(temporary);
    if (!children.empty()) foreign_keys_are_off(s);
    s.push_back(render_create_table(built));

    // Step 5: every stored column; the rowid too unless a column is its alias;
    // an added column as ADD COLUMN would have filled it.
    std::string into, from;
    if (!old.without_rowid && !built.without_rowid && !built.has_rowid_alias()) {
        into = from = "rowid";
    }
    for (std::size_t i = 0; i < built.columns.size(); ++i) {
        if (built.columns[i].has(ClauseKind::generated)) continue;
        into += (into.empty() ? "" : ", ") + quote_name(built.columns[i].name);
        from += (from.empty() ? "" : ", ") +
                (r.source[i].empty() ? r.fill[i] : quote_name(r.source[i]));
    }
    if (!into.empty())
        s.push_back(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", quote_name(temporary),
                                into, from, quote_name(table)));
    // DROP TABLE deletes the sqlite_sequence row and RENAME carries the new
    // table's: copy the old counter over, so no id is handed out twice.
    if (old.has_autoincrement() && built.has_autoincrement()) {
        s.push_back("DELETE FROM sqlite_sequence WHERE name = " + single_quoted(temporary));
        s.push_back("INSERT INTO sqlite_sequence (name, seq) SELECT " + single_quoted(temporary) +
                    ", seq FROM sqlite_sequence WHERE name = " + single_quoted(table));
    }
    for (auto i = d.dropped.rbegin(); i != d.dropped.rend(); ++i) {
        const auto& e = catalog[*i];
        s.push_back(
            fmt::format("DROP {} {}", e.type == "view" ? "VIEW" : "TRIGGER", quote_name(e.name)));
    }
    s.push_back("DROP TABLE " + quote_name(table));
    s.push_back(
        fmt::format("ALTER TABLE {} RENAME TO {}", quote_name(temporary), quote_name(table)));
    for (auto i : d.recreated)
        s.push_back(catalog[i].sql);
    renames(s, r, table);
    bool has_keys = !children.empty();
    for (const auto& c : built.constraints)
        has_keys |= c.kind == ClauseKind::foreign_key;
    for (const auto& col : built.columns)
        has_keys |= col.has(ClauseKind::references);
    if (options.check_foreign_keys && has_keys) {
        std::vector<std::string> checked{table};
        for (auto i : children)
            checked.push_back(catalog[i].name);
        foreign_key_check(s, checked, table);
    }
    return out;
}

} // namespace fleet::plugins::sqlite
