#pragma once

#include "engine/ops/column_type.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// Migration operations as plain data: Alembic's op.* kept as values, with
// its parameter names (INTERFACE.md, "A YAML revision: portable
// operations"). The YAML reader (engine/script/yaml_ops*) fills them, names
// included (engine/ops/naming.hpp): past the reader every index and
// constraint has its name. A dialect's compiler (engine/ops/ddl_compiler.hpp)
// renders each into SQL; the live run and offline --sql render the same way.
namespace fleet::engine::ops {

// A literal value as YAML wrote it: a server_default scalar, a bulk_insert
// cell. Strings are quoted when rendered, numbers and booleans are not.
struct Literal {
    enum class Kind { null, boolean, number, string };
    Kind kind = Kind::null;
    std::string text; // number: as written; boolean: "true"/"false"; string: the value
    bool operator==(const Literal&) const = default;
};

// A column's server default.
struct ServerDefault {
    enum class Kind {
        literal,    // value
        expression, // current_timestamp, current_date or current_time (portable)
        sql,        // SQL as written: sql, or by_dialect's entry for the dialect
    };
    Kind kind = Kind::literal;
    Literal value;
    std::string expression; // lower case: "current_timestamp", ...
    std::string sql;
    std::map<std::string, std::string> by_dialect;
    bool operator==(const ServerDefault&) const = default;
};

// ON DELETE / ON UPDATE: as written, upper case ("CASCADE", "SET NULL",
// "RESTRICT", "NO ACTION", "SET DEFAULT"); empty: not given.
struct ForeignKey {
    std::string name;
    std::vector<std::string> columns;
    std::string referred_schema;
    std::string referred_table;
    std::vector<std::string> referred_columns;
    std::string ondelete;
    std::string onupdate;
    bool operator==(const ForeignKey&) const = default;
};

struct PrimaryKey {
    std::string name;
    std::vector<std::string> columns;
    bool operator==(const PrimaryKey&) const = default;
};

struct UniqueConstraint {
    std::string name;
    std::vector<std::string> columns;
    bool operator==(const UniqueConstraint&) const = default;
};

struct CheckConstraint {
    std::string name;
    std::string condition; // SQL as written
    bool operator==(const CheckConstraint&) const = default;
};

// A column as create_table, add_column and the replayed schema hold it. The
// column-level primary_key, unique and references become table-level
// constraints in create_table (with convention names) when read; a column
// keeps them here only where Alembic keeps them on the column (add_column).
struct Column {
    std::string name;
    ColumnType type;
    bool nullable = true;
    bool primary_key = false;
    bool autoincrement = false;
    bool unique = false;
    std::optional<ServerDefault> server_default;
    std::optional<ForeignKey> references; // columns: {name}
    std::string comment;
    bool operator==(const Column&) const = default;
};

// One part of an index: a column name, or an expression ({expr: SQL}).
struct IndexPart {
    std::string column;     // empty for an expression
    std::string expression; // SQL as written
    bool operator==(const IndexPart&) const = default;
};

// ---- the operations -------------------------------------------------------
// Every operation carries `line`: where its step starts in its revision file
// (0 when it was made, not read), for error messages.

struct Execute {
    // SQL text run as written: one statement. by_dialect, when it has an
    // entry for the target's dialect, is used instead of sql; with sql empty
    // and no entry for the dialect, nothing runs there.
    std::string sql;
    std::map<std::string, std::string> by_dialect;
    int line = 0;

    // The statement to run on `dialect`; empty: nothing to run there.
    const std::string& sql_for(std::string_view dialect) const {
        const auto own = by_dialect.find(std::string(dialect));
        return own != by_dialect.end() ? own->second : sql;
    }
    bool operator==(const Execute&) const = default;
};

struct CreateTable {
    std::string schema;
    std::string name;
    std::vector<Column> columns; // primary_key/unique/references moved to the lists below
    std::optional<PrimaryKey> primary_key;
    std::vector<UniqueConstraint> unique;
    std::vector<CheckConstraint> checks;
    std::vector<ForeignKey> foreign_keys;
    std::string comment;
    int line = 0;
    bool operator==(const CreateTable&) const = default;
};

struct DropTable {
    std::string schema;
    std::string name;
    int line = 0;
    bool operator==(const DropTable&) const = default;
};

struct RenameTable {
    std::string schema;
    std::string table;
    std::string new_name;
    int line = 0;
    bool operator==(const RenameTable&) const = default;
};

struct AddColumn {
    std::string schema;
    std::string table;
    Column column; // may keep unique/references (rendered as named constraints)
    int line = 0;
    bool operator==(const AddColumn&) const = default;
};

struct DropColumn {
    std::string schema;
    std::string table;
    std::string column;
    int line = 0;
    bool operator==(const DropColumn&) const = default;
};

// Only the fields given change. server_default: nullopt = unchanged,
// a value holding nullopt = drop the default. A type that is the column's
// enum type with other values changes that type's labels, for every column
// of it (PostgreSQL shares one type between them). existing_*: what the column
// was, as Alembic's existing_type & co (needed to reverse, and on SQLite to
// rebuild without the replayed schema).
struct AlterColumn {
    std::string schema;
    std::string table;
    std::string column;
    std::optional<ColumnType> type;
    std::optional<bool> nullable;
    std::optional<std::optional<ServerDefault>> server_default;
    std::optional<std::string> new_column_name;
    std::optional<std::string> comment; // "" drops the comment
    std::string postgresql_using;
    // The derived downgrade of a change given postgresql_using: PostgreSQL
    // casts back with USING column::type (the old type, as the dialect
    // spells it), since a cast the upgrade needed spelled out is rarely one
    // PostgreSQL makes on its own the other way (integer back to text is,
    // text to uuid is not).
    bool postgresql_using_cast = false;
    std::optional<ColumnType> existing_type;
    std::optional<bool> existing_nullable;
    std::optional<std::optional<ServerDefault>> existing_server_default;
    std::optional<std::string> existing_comment;
    int line = 0;
    bool operator==(const AlterColumn&) const = default;
};

struct CreateIndex {
    std::string schema;
    std::string name;
    std::string table;
    std::vector<IndexPart> columns;
    bool unique = false;
    std::string where; // a partial index's condition, SQL as written
    bool postgresql_concurrently = false;
    int line = 0;
    bool operator==(const CreateIndex&) const = default;
};

struct DropIndex {
    std::string schema;
    std::string name;
    std::string table; // may be empty (PostgreSQL does not need it)
    bool postgresql_concurrently = false;
    int line = 0;
    bool operator==(const DropIndex&) const = default;
};

struct CreatePrimaryKey {
    std::string schema;
    std::string table;
    PrimaryKey key;
    int line = 0;
    bool operator==(const CreatePrimaryKey&) const = default;
};

struct CreateUniqueConstraint {
    std::string schema;
    std::string table;
    UniqueConstraint constraint;
    int line = 0;
    bool operator==(const CreateUniqueConstraint&) const = default;
};

struct CreateForeignKey {
    std::string schema;
    std::string table;
    ForeignKey key;
    int line = 0;
    bool operator==(const CreateForeignKey&) const = default;
};

struct CreateCheckConstraint {
    std::string schema;
    std::string table;
    CheckConstraint check;
    int line = 0;
    bool operator==(const CreateCheckConstraint&) const = default;
};

enum class ConstraintType { primary, unique, foreignkey, check };

struct DropConstraint {
    std::string schema;
    std::string table;
    std::string name;
    ConstraintType type = ConstraintType::check;
    int line = 0;
    bool operator==(const DropConstraint&) const = default;
};

// rows: each a list of (column, value) in the order written.
struct BulkInsert {
    std::string schema;
    std::string table;
    std::vector<std::vector<std::pair<std::string, Literal>>> rows;
    int line = 0;
    bool operator==(const BulkInsert&) const = default;
};

using Operation =
    std::variant<Execute, CreateTable, DropTable, RenameTable, AddColumn, DropColumn, AlterColumn,
                 CreateIndex, DropIndex, CreatePrimaryKey, CreateUniqueConstraint, CreateForeignKey,
                 CreateCheckConstraint, DropConstraint, BulkInsert>;

// The line an operation was read from (0 when unknown).
inline int source_line(const Operation& op) {
    return std::visit([](const auto& o) { return o.line; }, op);
}

// The operation's YAML name: "create_table", "execute", ...
std::string_view operation_name(const Operation& op);

// The table an operation works on ("" for execute): what SQLite's rebuild
// groups by.
std::string_view table_of(const Operation& op);

} // namespace fleet::engine::ops
