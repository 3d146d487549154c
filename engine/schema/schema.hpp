#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A normalized model of one database schema (the tables one target's
// migrations build), as the drivers' introspection reads it. Plain values, no
// I/O: two databases built by the same DDL read into equal models, so
// compare() (schema_compare.hpp) reports only what really differs.
namespace fleet::engine::schema {

struct Column {
    std::string name;
    // As the database reports it, through normalize_type(): "integer",
    // "varchar(255)", "character varying(255)".
    std::string type;
    bool nullable = true;
    // The default expression as the database reports it (trimmed); nullopt
    // when there is none.
    std::optional<std::string> default_value;
    // The column's comment; "" when it has none (SQLite keeps none).
    std::string comment{};
    // When `type` names an enum type (PostgreSQL), its labels in their sort
    // order; empty otherwise. Every column of one enum type holds the same
    // labels, since they are the type's.
    std::vector<std::string> enum_values{};
};

struct Index {
    std::string name;
    // Column names in index order; an expression column is its text (SQLite:
    // through normalize_expression), or "<expression>" when it cannot be read.
    std::vector<std::string> columns;
    bool unique = false;
    // A partial index's WHERE clause, empty when none (or not reported).
    std::string where;
};

struct ForeignKey {
    std::string name; // empty where the database does not name it (SQLite)
    std::vector<std::string> columns;
    std::string referred_table;
    std::vector<std::string> referred_columns;
    std::string on_update; // "NO ACTION", "CASCADE", ... upper case
    std::string on_delete;
};

// A UNIQUE or CHECK constraint the database reports as such (not as an index).
struct Constraint {
    enum class Kind { unique, check };
    Kind kind = Kind::unique;
    std::string name; // empty where unnamed (SQLite)
    // unique: the columns; check: empty.
    std::vector<std::string> columns;
    // check: the expression as the database prints it (SQLite: as written,
    // through normalize_expression, no outer parentheses); unique: empty.
    std::string definition;
};

struct Table {
    std::string name;
    std::vector<Column> columns;          // in the table's column order
    std::vector<std::string> primary_key; // column names in key order; empty: none
    std::vector<Index> indexes;           // sorted by name (normalize())
    std::vector<ForeignKey> foreign_keys; // sorted by key (normalize())
    std::vector<Constraint> constraints;  // sorted by key (normalize())
    std::string comment{};                // "" when none
};

struct View {
    std::string name;
    std::string definition; // as the database prints it, whitespace collapsed
};

struct Schema {
    std::vector<Table> tables; // sorted by name (normalize())
    std::vector<View> views;   // sorted by name (normalize())

    // The table of that name, nullptr when absent.
    const Table* find_table(std::string_view name) const;
};

// A type's text in one spelling: lower case outside quotes, runs of blanks as
// one space, no blanks inside parentheses or before one, ", " between
// arguments. "VARCHAR ( 255 )" -> "varchar(255)". Never throws but bad_alloc.
std::string normalize_type(std::string_view type);

// text trimmed, runs of blanks (outside quotes) as one space: how defaults,
// check expressions and view bodies are compared.
std::string collapse_blanks(std::string_view text);

// Sorts tables, views, indexes, foreign keys and constraints into the order
// the model promises, so equal schemas are equal values whatever order the
// database listed them in. Column order is kept (it is the table's).
void normalize(Schema& schema);

// The schema without the named tables (fleet's version table and
// fleet_history), compared without ASCII case as SQLite does.
void drop_tables(Schema& schema, const std::vector<std::string>& names);

// The enum types the tables' columns use: type name -> labels. A type no
// column uses is not part of the schema, as autogenerate can neither make
// nor miss one.
std::map<std::string, std::vector<std::string>> enum_types(const Schema& schema);

// A deterministic text of the whole schema: equal texts mean equal schemas.
// What schemas are grouped by.
std::string canonical_text(const Schema& schema);

// How a foreign key or constraint is told apart from others of its table:
// its name when it has one, else what it does ("(a, b) -> t (x, y)",
// "unique (a, b)", "check (a > 0)").
std::string identity(const ForeignKey& key);
std::string identity(const Constraint& constraint);

// One-line texts used in descriptions and reports.
// "email varchar(255) NOT NULL DEFAULT 'x'", "mood mood ENUM ('a', 'b') COMMENT 'why'"
std::string describe(const Column& column);
std::string describe(const Index& index);           // "ix_a on (a, b) UNIQUE"
std::string describe(const ForeignKey& key);        // "(owner_id) -> users (id) ON DELETE CASCADE"
std::string describe(const Constraint& constraint); // "UNIQUE (a, b)" / "CHECK (a > 0)"
std::string column_list(const std::vector<std::string>& columns); // "(a, b)"
std::string quoted_list(const std::vector<std::string>& values);  // "('a', 'it''s')"
std::string quoted(std::string_view text);                        // "'it''s'"

bool operator==(const Column& a, const Column& b);
bool operator==(const Index& a, const Index& b);
bool operator==(const ForeignKey& a, const ForeignKey& b);
bool operator==(const Constraint& a, const Constraint& b);

} // namespace fleet::engine::schema
