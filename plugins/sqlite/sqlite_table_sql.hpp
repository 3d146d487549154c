#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// SQLite's CREATE TABLE text, as sqlite_master.sql stores it, read into its
// parts and written back. A table rebuild edits these parts (a column's type,
// a constraint added or dropped) and keeps every other part byte for byte:
// the type text, CHECK and DEFAULT expressions, COLLATE, ON DELETE actions,
// generated columns, AUTOINCREMENT, WITHOUT ROWID and STRICT. Pure functions,
// safe from any thread.
namespace fleet::plugins::sqlite {

// One token of SQLite SQL. Comments and white space are not tokens.
struct SqlToken {
    enum class Kind {
        word,       // a bare identifier or keyword
        identifier, // "quoted", `quoted` or [quoted]
        string,     // 'text' or a blob literal x'00'
        number,
        punct, // one character: ( ) , . ; and operators
    };
    Kind kind = Kind::punct;
    std::size_t begin = 0; // offsets into the text tokenized
    std::size_t end = 0;
    std::string value; // word/identifier: the name unquoted; else the text as written

    // A bare word equal to keyword, ignoring case.
    bool is_keyword(std::string_view keyword) const;
    // A word or quoted identifier naming `name`, ignoring case.
    bool names(std::string_view name) const;
    bool is_punct(char c) const {
        return kind == Kind::punct && value.size() == 1 && value[0] == c;
    }
};

// The tokens of `sql`. Throws InputError (no file, line 0) on an unterminated
// string, quoted identifier or block comment.
std::vector<SqlToken> tokenize_sql(std::string_view sql);

// The kinds of constraint clause, column-level and table-level.
enum class ClauseKind {
    primary_key, // PRIMARY KEY [ASC|DESC] [ON CONFLICT x] [AUTOINCREMENT] / PRIMARY KEY (...)
    not_null,
    null, // a bare NULL (allowed by SQLite, means nothing)
    unique,
    check,
    default_value,
    collate,
    references,  // column-level REFERENCES ...
    generated,   // [GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]
    foreign_key, // table-level FOREIGN KEY (...) REFERENCES ...
};

// One constraint clause: its optional CONSTRAINT name and its text as
// written, from its keyword to its last token, without the name.
struct ConstraintClause {
    ClauseKind kind = ClauseKind::check;
    std::string name;     // unquoted; empty without CONSTRAINT
    std::string name_sql; // as written
    std::string text;
    // PRIMARY KEY / UNIQUE / FOREIGN KEY (...) of a table constraint: the
    // column names listed (unquoted); FOREIGN KEY and REFERENCES: the table
    // referred to (unquoted).
    std::vector<std::string> columns;
    std::string referred_table;
    bool autoincrement = false; // PRIMARY KEY ... AUTOINCREMENT
};

struct ColumnSql {
    std::string name;     // unquoted
    std::string name_sql; // as written
    std::string type;     // as written; may be empty
    std::vector<ConstraintClause> constraints;

    bool has(ClauseKind kind) const;
};

struct TableSql {
    std::string name;     // unquoted
    std::string name_sql; // as written (with its schema prefix, if any)
    std::vector<ColumnSql> columns;
    std::vector<ConstraintClause> constraints; // table constraints, in order
    std::string options;                       // "WITHOUT ROWID, STRICT" as written
    bool without_rowid = false;
    bool strict = false;

    const ColumnSql* find_column(std::string_view name) const;
    // Whether a column aliases the rowid: INTEGER PRIMARY KEY (not DESC) in a
    // rowid table, column-level or a one-column table PRIMARY KEY.
    bool has_rowid_alias() const;
    bool has_autoincrement() const;
};

// Reads a CREATE TABLE statement. Throws InputError (no file, line 0, naming
// what it could not read) for anything else: CREATE VIRTUAL TABLE, CREATE
// TABLE ... AS SELECT, or text SQLite would not accept.
TableSql parse_create_table(std::string_view sql);

// The statement back: "CREATE TABLE name (\n    column,\n    ...\n)" with
// each part's text as parsed or edited. Parsing the result gives `table`.
std::string render_create_table(const TableSql& table);

// A column's definition: name_sql, type, clauses ("CONSTRAINT n" + text).
std::string render_column(const ColumnSql& column);
// A clause: "CONSTRAINT name_sql text", or its text without a name.
std::string render_clause(const ConstraintClause& clause);

// A CHECK clause's condition: its text after the CHECK keyword, "(a > 0)".
std::string check_expression(const ConstraintClause& clause);

// Whether any word or quoted identifier in `tokens` names `name`.
bool mentions(const std::vector<SqlToken>& tokens, std::string_view name);

} // namespace fleet::plugins::sqlite
