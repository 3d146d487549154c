#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the rules need to know of one SQL statement, read with PostgreSQL's
// own parser (libpg_query, PostgreSQL 15's grammar) rather than by looking
// at its text: the kind of statement, its table, the ALTER TABLE
// subcommands, CONCURRENTLY, NOT VALID, USING INDEX, how volatile a default
// is. SQLite's statements are read with the same parser; what it cannot
// read is left to the dry run.
namespace fleet::engine::lint {

// A column type as PostgreSQL's parser names it: the last part of its name
// ("int8" for bigint, "varchar", "bpchar" for char(n), "numeric", "text")
// and its modifiers ((100) -> {100}, (10,2) -> {10, 2}).
struct TypeFacts {
    std::string name;
    std::vector<int> modifiers;
    bool array = false;
    bool operator==(const TypeFacts&) const = default;
};

// How a default expression behaves: none, a constant, an expression whose
// value is fixed for the statement (now(), current_timestamp), or one that
// gives each row its own value (random(), nextval(), a serial column).
enum class DefaultKind { none, constant, stable, volatile_per_row };

struct ConstraintFacts {
    enum class Kind { check, foreign_key, unique, primary_key, other };
    Kind kind = Kind::other;
    std::string name;
    std::vector<std::string> columns; // a foreign key's own columns, a key's columns
    std::string referred_table;       // a foreign key's
    bool not_valid = false;           // NOT VALID: existing rows are not checked
    bool using_index = false;         // UNIQUE/PRIMARY KEY USING INDEX
    // For CHECK (column IS NOT NULL): the column it proves non-null.
    std::string proves_not_null;
};

// A column of CREATE TABLE or ADD COLUMN.
struct ColumnFacts {
    std::string name;
    TypeFacts type;
    DefaultKind default_kind = DefaultKind::none;
    bool not_null = false;
    // Its column constraints (REFERENCES, UNIQUE, PRIMARY KEY, CHECK), each
    // with `columns` = {name}.
    std::vector<ConstraintFacts> constraints;
};

// One ALTER TABLE subcommand.
struct AlterAction {
    enum class Kind {
        add_column,
        drop_column,
        alter_type,
        set_not_null,
        drop_not_null,
        set_default,
        drop_default,
        add_constraint,
        validate_constraint,
        drop_constraint,
        set_tablespace,
        other,
    };
    Kind kind = Kind::other;
    // The column changed; the constraint for validate/drop_constraint; the
    // tablespace for set_tablespace.
    std::string column;
    ColumnFacts added; // add_column
    TypeFacts type;    // alter_type: the new type
    bool using_expression = false;
    DefaultKind default_kind = DefaultKind::none; // set_default
    ConstraintFacts constraint;                   // add_constraint
};

struct StatementFacts {
    enum class Kind {
        unparsed, // the parser refused it: left to the dry run
        other,    // parsed, nothing the rules look at
        create_table,
        alter_table,
        create_index,
        drop_index,
        drop_table,
        rename_table,
        rename_column,
        update,
        delete_rows,
        vacuum_full,
        cluster,
        reindex,  // REINDEX INDEX (index) or TABLE (table); neither for SCHEMA, DATABASE
        truncate, // new storage, no rewrite of rows: what a trace must not call a rewrite
        set_lock_timeout,
        begin,
        commit, // COMMIT, ROLLBACK, END: a transaction block ends
        do_block,
    };
    Kind kind = Kind::unparsed;
    std::string parse_error; // unparsed: the parser's message

    // The table it works on, as the parser names it (unquoted names in
    // lower case); empty when the statement does not say (DROP INDEX).
    std::string table;
    // drop_table: every table dropped but a session's temporary ones (in
    // schema temp or pg_temp: no target holds them); truncate: every table.
    std::vector<std::string> tables;
    std::string index; // create_index, drop_index (each name for several)
    std::vector<std::string> indexes;
    std::vector<std::string> index_columns; // create_index: its plain columns, in order
    bool concurrently = false;
    bool unique = false;
    bool has_where = false;                   // update, delete_rows
    std::string new_name;                     // rename_table, rename_column
    std::string column;                       // rename_column: the old name
    std::vector<ColumnFacts> columns;         // create_table
    std::vector<ConstraintFacts> constraints; // create_table: table constraints
    std::vector<AlterAction> actions;         // alter_table
    // set_lock_timeout: milliseconds, 0 when it turns the timeout off
    // (0, RESET, DEFAULT: back to the server's, none for fleet to count on).
    long long lock_timeout_ms = 0;
};

// The statements of `sql` (usually one), read with PostgreSQL's parser.
// SQL the parser refuses gives one StatementFacts of kind unparsed with the
// parser's message; but a CREATE TABLE or CREATE INDEX in SQLite's words
// (AUTOINCREMENT, STRICT, WITHOUT ROWID, [name]) is read without the words
// the parser stops at, so the rules know the table it creates. Never throws
// but bad_alloc; thread-safe.
std::vector<StatementFacts> read_statements(std::string_view sql);

// How a default expression given as SQL text ("now()", "0") behaves, read
// as read_statements reads a DEFAULT; `none` for empty text, `volatile_per_row`
// when the parser refuses it (the worst it could be).
DefaultKind default_kind_of(std::string_view expression);

// The type named by `type` ("varchar(50)", "bigint", "numeric(10, 2)") as
// the parser names it; nullopt when the parser refuses it.
std::optional<TypeFacts> type_facts_of(std::string_view type);

// Milliseconds of a lock_timeout setting as PostgreSQL reads it: "5s",
// "500ms", "1min", a bare number is milliseconds; nullopt when unreadable.
std::optional<long long> timeout_ms(std::string_view setting);

} // namespace fleet::engine::lint
