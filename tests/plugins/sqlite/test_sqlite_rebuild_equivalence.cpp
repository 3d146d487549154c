// The equivalence test of issue 11: after generated sequences of
// alterations, each revision one rebuild, the table equals in every PRAGMA
// and in sqlite_master (modulo formatting) the same table created directly
// in its final form, and every row survived with its values.
#include "plugins/sqlite/sqlite_table_sql.hpp"
#include "tests/plugins/sqlite/rebuild_changes.hpp"
#include "tests/plugins/sqlite/sqlite_rebuild_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>

using fleet::test::RebuildDb;
using namespace fleet::test::changes;
namespace ops = fleet::engine::ops;
namespace sq = fleet::plugins::sqlite;
using Strings = std::vector<std::string>;

namespace {

struct ModelColumn {
    std::string name;
    bool text = true; // text-like values (TEXT, VARCHAR) or integers (INTEGER, BIGINT)
    std::string type; // as SQLite shows it
    bool not_null = false;
    std::string default_sql; // "'d3'", "7" or empty
    std::string references;  // a column-level REFERENCES clause, or empty
};

struct ModelConstraint {
    std::string name;
    ops::ConstraintType type = ops::ConstraintType::unique; // unique, check or foreignkey
    std::string column;
};

// The table as the changes should leave it, and its rows: column -> value as
// RebuildDb::rows() spells it.
struct Model {
    std::vector<ModelColumn> columns;
    std::vector<ModelConstraint> constraints;
    std::vector<std::map<std::string, std::string>> rows;

    ModelColumn* find(const std::string& name) {
        for (auto& c : columns)
            if (c.name == name) return &c;
        return nullptr;
    }
    std::string condition(const ModelConstraint& c) const {
        return find_const(c.column)->text ? "length(" + c.column + ") < 100" : c.column + " > -1";
    }
    const ModelColumn* find_const(const std::string& name) const {
        for (const auto& c : columns)
            if (c.name == name) return &c;
        return nullptr;
    }
    // The table created directly in this form.
    std::string create_sql() const {
        std::string sql = "CREATE TABLE t (id INTEGER PRIMARY KEY";
        for (const auto& c : columns) {
            sql += ", " + c.name + " " + c.type;
            if (c.not_null) sql += " NOT NULL";
            if (!c.default_sql.empty()) sql += " DEFAULT " + c.default_sql;
            if (!c.references.empty()) sql += " " + c.references;
        }
        for (const auto& c : constraints) {
            sql += ", CONSTRAINT " + c.name;
            if (c.type == ops::ConstraintType::unique) sql += " UNIQUE (" + c.column + ")";
            if (c.type == ops::ConstraintType::check) sql += " CHECK (" + condition(c) + ")";
            if (c.type == ops::ConstraintType::foreignkey)
                sql += " FOREIGN KEY (" + c.column + ") REFERENCES p (id) ON DELETE SET NULL";
        }
        return sql + ")";
    }
    bool used_by_constraint(const std::string& column) const {
        return std::any_of(constraints.begin(), constraints.end(),
                           [&](const ModelConstraint& c) { return c.column == column; });
    }
    bool all_set(const std::string& column) const {
        return std::all_of(rows.begin(), rows.end(),
                           [&](const auto& row) { return row.at(column) != "NULL"; });
    }
    bool distinct(const std::string& column) const {
        std::vector<std::string> seen;
        for (const auto& row : rows)
            if (row.at(column) != "NULL") seen.push_back(row.at(column));
        std::sort(seen.begin(), seen.end());
        return std::adjacent_find(seen.begin(), seen.end()) == seen.end();
    }
};

const char* k_start = R"sql(
CREATE TABLE p (id INTEGER PRIMARY KEY);
INSERT INTO p VALUES (1), (2), (3);
CREATE TABLE t (id INTEGER PRIMARY KEY, c0 TEXT, c1 INTEGER,
                pid INTEGER REFERENCES p (id) ON DELETE CASCADE);
)sql";

Model start_model(RebuildDb& db) {
    Model m;
    m.columns = {{"c0", true, "TEXT", false, "", ""},
                 {"c1", false, "INTEGER", false, "", ""},
                 {"pid", false, "INTEGER", false, "", "REFERENCES p (id) ON DELETE CASCADE"}};
    for (int i = 1; i <= 12; ++i) {
        const std::string c0 = i % 5 == 0 ? "NULL" : "'v" + std::to_string(i) + "'";
        const std::string c1 = i % 4 == 0 ? "NULL" : std::to_string(i * 10);
        const std::string pid = std::to_string(i % 3 + 1);
        db.exec("INSERT INTO t VALUES (" + std::to_string(i) + ", " + c0 + ", " + c1 + ", " + pid +
                ")");
        m.rows.push_back({{"id", std::to_string(i)}, {"c0", c0}, {"c1", c1}, {"pid", pid}});
    }
    return m;
}

ops::ServerDefault default_of(bool text, int n) {
    ops::ServerDefault d;
    d.value = text ? ops::Literal{ops::Literal::Kind::string, "d" + std::to_string(n)}
                   : ops::Literal{ops::Literal::Kind::number, std::to_string(n)};
    return d;
}

// One generated change, applied to the model; nullopt when the one drawn
// does not fit the table now.
std::optional<ops::Operation> next_change(std::mt19937& random, Model& m, int& counter) {
    const int n = ++counter;
    auto pick = [&]() -> ModelColumn* {
        if (m.columns.empty()) return nullptr;
        return &m.columns[std::uniform_int_distribution<std::size_t>(0,
                                                                     m.columns.size() - 1)(random)];
    };
    switch (std::uniform_int_distribution<int>(0, 9)(random)) {
    case 0: { // add a column, with a default half of the time
        ops::Column column;
        column.name = "a" + std::to_string(n);
        const bool text = n % 2 == 0;
        column.type.kind = text ? ops::ColumnType::Kind::text : ops::ColumnType::Kind::integer;
        std::string value = "NULL";
        if (n % 3 != 0) {
            column.server_default = default_of(text, n);
            value = text ? "'d" + std::to_string(n) + "'" : std::to_string(n);
        }
        m.columns.push_back({column.name, text, text ? "TEXT" : "INTEGER", false,
                             column.server_default ? value : "", ""});
        for (auto& row : m.rows)
            row[column.name] = value;
        return add_column("t", column);
    }
    case 1: { // drop a column no constraint uses
        auto* c = pick();
        if (!c || m.used_by_constraint(c->name) || m.columns.size() < 2) return std::nullopt;
        const auto name = c->name;
        std::erase_if(m.columns, [&](const ModelColumn& x) { return x.name == name; });
        for (auto& row : m.rows)
            row.erase(name);
        return drop_column("t", name);
    }
    case 2: { // rename
        auto* c = pick();
        if (!c) return std::nullopt;
        const auto old = c->name;
        c->name = "r" + std::to_string(n);
        for (auto& k : m.constraints)
            if (k.column == old) k.column = c->name;
        for (auto& row : m.rows) {
            row[c->name] = row[old];
            row.erase(old);
        }
        return rename_column("t", old, c->name);
    }
    case 3: { // change the type within its kind
        auto* c = pick();
        if (!c) return std::nullopt;
        c->type = c->text ? (c->type == "TEXT" ? "VARCHAR(50)" : "TEXT")
                          : (c->type == "INTEGER" ? "BIGINT" : "INTEGER");
        return set_type("t", c->name, c->type);
    }
    case 4: { // NOT NULL where every row has a value, or back to nullable
        auto* c = pick();
        if (!c || (!c->not_null && !m.all_set(c->name))) return std::nullopt;
        c->not_null = !c->not_null;
        return set_nullable("t", c->name, !c->not_null);
    }
    case 5: { // a new default, or none
        auto* c = pick();
        if (!c) return std::nullopt;
        ops::AlterColumn op;
        op.table = "t";
        op.column = c->name;
        if (c->default_sql.empty()) {
            op.server_default = default_of(c->text, n);
            c->default_sql = c->text ? "'d" + std::to_string(n) + "'" : std::to_string(n);
        } else {
            op.server_default = std::optional<ops::ServerDefault>{};
            c->default_sql.clear();
        }
        return op;
    }
    case 6: { // a UNIQUE constraint where the values are distinct
        auto* c = pick();
        if (!c || !m.distinct(c->name)) return std::nullopt;
        m.constraints.push_back(
            {"uq_t_" + std::to_string(n), ops::ConstraintType::unique, c->name});
        return add_unique("t", m.constraints.back().name, {c->name});
    }
    case 7: { // a CHECK the rows pass
        auto* c = pick();
        if (!c) return std::nullopt;
        m.constraints.push_back({"ck_t_" + std::to_string(n), ops::ConstraintType::check, c->name});
        return add_check("t", m.constraints.back().name, m.condition(m.constraints.back()));
    }
    case 8: { // a foreign key to p that the rows keep: values in 1..3 or NULL
        auto* c = pick();
        if (!c || c->text) return std::nullopt;
        for (const auto& row : m.rows) {
            const auto& v = row.at(c->name);
            if (v != "NULL" && v != "1" && v != "2" && v != "3") return std::nullopt;
        }
        m.constraints.push_back(
            {"fk_t_" + std::to_string(n), ops::ConstraintType::foreignkey, c->name});
        ops::ForeignKey key;
        key.name = m.constraints.back().name;
        key.columns = {c->name};
        key.referred_table = "p";
        key.referred_columns = {"id"};
        key.ondelete = "SET NULL";
        return add_foreign_key("t", key);
    }
    default: { // drop a constraint
        if (m.constraints.empty()) return std::nullopt;
        const auto k = m.constraints.front();
        m.constraints.erase(m.constraints.begin());
        return drop_constraint("t", k.name, k.type);
    }
    }
}

// A CREATE TABLE's parts with formatting, quoting and case taken out.
Strings normalized(const std::string& sql) {
    auto words = [](const std::string& text) {
        std::string out;
        for (const auto& token : sq::tokenize_sql(text)) {
            std::string value = token.value;
            for (auto& ch : value)
                ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            out += (out.empty() ? "" : " ") + value;
        }
        return out;
    };
    const auto table = sq::parse_create_table(sql);
    Strings parts{words(table.name) + " " + words(table.options)};
    for (const auto& column : table.columns) {
        Strings clauses;
        for (const auto& c : column.constraints)
            clauses.push_back(words(sq::render_clause(c)));
        std::sort(clauses.begin(), clauses.end());
        std::string part = words(column.name) + " : " + words(column.type);
        for (const auto& c : clauses)
            part += " ; " + c;
        parts.push_back(part);
    }
    for (const auto& c : table.constraints)
        parts.push_back(words(sq::render_clause(c)));
    return parts;
}

// Every PRAGMA that describes table t, and its sqlite_master entries.
Strings description(RebuildDb& db) {
    Strings out;
    auto add = [&](const std::string& label, const Strings& rows) {
        for (const auto& row : rows)
            out.push_back(label + " " + row);
    };
    add("xinfo", db.rows("SELECT * FROM pragma_table_xinfo('t')"));
    add("fk", db.rows("SELECT * FROM pragma_foreign_key_list('t')"));
    add("index",
        db.rows(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list('t') ORDER BY name"));
    for (auto index : db.rows("SELECT name FROM pragma_index_list('t') ORDER BY name")) {
        index = index.substr(1, index.size() - 2);
        add(index, db.rows("SELECT * FROM pragma_index_xinfo('" + index + "')"));
    }
    add("master", db.rows("SELECT type, name, tbl_name FROM sqlite_master WHERE tbl_name = 't' "
                          "ORDER BY name"));
    const auto sql = db.rows("SELECT sql FROM sqlite_master WHERE name = 't'");
    REQUIRE(sql.size() == 1);
    add("sql", normalized(sql[0].substr(1, sql[0].size() - 2)));
    return out;
}

// Rows one a line, so a failure shows which differ.
std::string joined(const Strings& rows) {
    std::string out;
    for (const auto& row : rows)
        out += row + "\n";
    return out;
}

Strings expected_rows(const Model& m) {
    Strings out;
    for (const auto& row : m.rows) {
        std::string line = row.at("id");
        for (const auto& c : m.columns)
            line += "|" + row.at(c.name);
        out.push_back(line);
    }
    return out;
}

} // namespace

TEST_CASE(
    "After generated alterations the rebuilt table equals the table created in its final form") {
    for (unsigned seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        std::mt19937 random(seed);
        RebuildDb db;
        db.exec(k_start);
        Model model = start_model(db);
        int counter = 0;
        for (int revision = 0; revision < 6; ++revision) {
            std::vector<ops::Operation> changes;
            const int wanted = std::uniform_int_distribution<int>(1, 3)(random);
            for (int tries = 0; tries < 20 && static_cast<int>(changes.size()) < wanted; ++tries)
                if (auto change = next_change(random, model, counter)) changes.push_back(*change);
            CAPTURE(revision);
            const auto rebuild = db.plan("t", changes);
            CAPTURE(joined(rebuild.statements));
            db.run(rebuild.statements);
        }
        RebuildDb direct;
        direct.exec("CREATE TABLE p (id INTEGER PRIMARY KEY);" + model.create_sql());
        CAPTURE(model.create_sql());
        CHECK(description(db) == description(direct));
        CHECK(joined(db.rows("SELECT * FROM t ORDER BY id")) == joined(expected_rows(model)));
        CHECK(db.rows("PRAGMA foreign_key_check").empty());
        CHECK(db.rows("SELECT name FROM sqlite_master WHERE name LIKE '%fleet%'").empty());
    }
}
