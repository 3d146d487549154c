// Bad input to the YAML operation reader: each error names the file, the
// line and the key, as a user sees it (exit 2 at the command line).
#include "tests/engine/script/yaml_ops_test_support.hpp"

#include <doctest/doctest.h>

using namespace fleet::test;

TEST_CASE("an unknown operation lists the known ones") {
    CHECK(read_error("  - add_columns: {table: t}\n") ==
          "a.yaml:3: unknown operation 'add_columns' (expected add_column, alter_column, "
          "bulk_insert, create_check_constraint, create_foreign_key, create_index, "
          "create_primary_key, create_table, create_unique_constraint, drop_column, "
          "drop_constraint, drop_index, drop_table, execute, rename_table)");
}

TEST_CASE("an unknown key is reported at its line with the keys the map takes") {
    SUBCASE("in an operation") {
        CHECK(read_error("  - drop_table:\n      name: a\n      cascade: true\n") ==
              "a.yaml:5: unknown key 'cascade' in 'drop_table' (expected name, schema)");
    }
    SUBCASE("in a column") {
        CHECK(
            read_error("  - create_table:\n      name: t\n      columns:\n"
                       "        - name: id\n          type: integer\n          nulable: false\n") ==
            "a.yaml:8: unknown key 'nulable' in column 'id' of 'create_table' (expected name, "
            "type, nullable, primary_key, autoincrement, unique, server_default, references, "
            "comment)");
    }
    SUBCASE("in a reference") {
        CHECK(read_error("  - add_column:\n      table: t\n      column: {name: a, type: integer,\n"
                         "        references: {table: p, columns: [id]}}\n") ==
              "a.yaml:6: unknown key 'columns' in 'references' of column 'a' of 'add_column' "
              "(expected table, column, schema, ondelete, onupdate, name)");
    }
    SUBCASE("a key given twice") {
        CHECK(read_error("  - drop_table:\n      name: a\n      name: b\n") ==
              "a.yaml:5: key 'name' appears twice in 'drop_table' (first on line 4)");
    }
}

TEST_CASE("a missing required key is reported at the operation's line") {
    CHECK(read_error("  - execute: SELECT 1\n  - rename_table:\n      table: a\n") ==
          "a.yaml:4: 'rename_table' needs 'new_name'");
    CHECK(read_error("  - drop_constraint: {name: ck, table: t}\n") ==
          "a.yaml:3: 'drop_constraint' needs 'type'");
    CHECK(read_error("  - create_table:\n      name: t\n") ==
          "a.yaml:3: 'create_table' needs 'columns'");
    SUBCASE("in a nested map, at that map's line") {
        CHECK(read_error("  - create_table:\n      name: t\n      columns:\n"
                         "        - {name: id}\n") ==
              "a.yaml:6: column 'id' of 'create_table' needs 'type'");
    }
}

TEST_CASE("a value of the wrong kind is reported at the value's line") {
    SUBCASE("a list where a name is expected") {
        CHECK(read_error("  - drop_table:\n      name:\n        - a\n") ==
              "a.yaml:5: 'name' in 'drop_table' must be a name, not a list");
    }
    SUBCASE("nullable: maybe") {
        CHECK(read_error("  - add_column:\n      table: t\n      column:\n        name: c\n"
                         "        type: text\n        nullable: maybe\n") ==
              "a.yaml:8: 'nullable' in column 'c' of 'add_column' must be true or false, not "
              "'maybe'");
    }
    SUBCASE("an operation's value that is not a map") {
        CHECK(read_error("  - drop_table: accounts\n") ==
              "a.yaml:3: 'drop_table' must be a map of name, schema, not 'accounts'");
    }
    SUBCASE("an empty name, an empty list, a null") {
        CHECK(read_error("  - drop_table: {name: ''}\n") ==
              "a.yaml:3: 'name' in 'drop_table' must be a name, not empty text");
        CHECK(read_error("  - create_unique_constraint: {table: t, columns: []}\n") ==
              "a.yaml:3: 'columns' in 'create_unique_constraint' names nothing");
        CHECK(read_error("  - drop_index:\n      name:\n") ==
              "a.yaml:4: 'name' in 'drop_index' must be a name, not null");
    }
    SUBCASE("a list entry that is not a name") {
        CHECK(read_error("  - create_primary_key:\n      table: t\n      columns:\n"
                         "        - a\n        - {b: 1}\n") ==
              "a.yaml:7: 'columns' in 'create_primary_key' must be a list of names, but an "
              "entry is a map");
        CHECK(read_error("  - create_primary_key: {table: t, columns: [a, a]}\n") ==
              "a.yaml:3: 'columns' in 'create_primary_key' names 'a' twice");
        CHECK(read_error("  - create_index:\n      table: t\n      columns:\n        - [a]\n") ==
              "a.yaml:6: 'columns' in 'create_index' must be a list of column names or "
              "{expr: SQL}, but an entry is a list");
    }
}

TEST_CASE("create_table refuses columns and constraints that do not fit together") {
    const std::string head = "  - create_table:\n      name: t\n      columns:\n"
                             "        - {name: id, type: integer, primary_key: true}\n";
    SUBCASE("a column given twice") {
        CHECK(read_error(head + "        - {name: id, type: text}\n") ==
              "a.yaml:7: column 'id' appears twice in 'create_table' (first on line 6)");
    }
    SUBCASE("a constraint naming a column the table does not have") {
        CHECK(read_error(head + "      unique: [{columns: [email]}]\n") ==
              "a.yaml:7: 'columns' of a 'unique' entry of 'create_table' names 'email', which "
              "is not a column of 't'");
    }
    SUBCASE("two constraints with one name") {
        CHECK(read_error(head + "      checks:\n        - {condition: id > 0}\n"
                                "        - {condition: id < 10}\n") ==
              "a.yaml:9: two constraints of 'create_table' are named 'ck_t_id' (the first on "
              "line 8): name one of them");
    }
    SUBCASE("the primary key given twice") {
        CHECK(read_error(head + "      primary_key: {columns: [id]}\n") ==
              "a.yaml:7: 'create_table' gives its primary key twice: in 'primary_key' and as a "
              "column's 'primary_key: true' (keep one)");
    }
    SUBCASE("a nullable primary key") {
        CHECK(read_error(
                  "  - create_table:\n      name: t\n      columns:\n"
                  "        - {name: id, type: integer, primary_key: true, nullable: true}\n") ==
              "a.yaml:6: column 'id' of 'create_table' is a primary key, which cannot be nullable");
    }
    SUBCASE("autoincrement off the primary key or on a type that is not an integer") {
        CHECK(read_error(head + "        - {name: n, type: bigint, autoincrement: true}\n") ==
              "a.yaml:7: column 'n' of 'create_table' has 'autoincrement' but is not in the "
              "primary key");
        CHECK(read_error("  - create_table:\n      name: t\n      columns:\n"
                         "        - {name: id, type: text, primary_key: true, autoincrement: "
                         "true}\n") ==
              "a.yaml:6: 'autoincrement' in column 'id' of 'create_table' needs an integer type "
              "(smallint, integer or bigint), not text");
    }
    SUBCASE("no columns") {
        CHECK(read_error("  - create_table: {name: t, columns: []}\n") ==
              "a.yaml:3: 'create_table' needs at least one column");
    }
}

TEST_CASE("bad types, defaults, actions and references name their key") {
    const std::string head = "  - add_column:\n      table: t\n      column:\n        name: c\n";
    SUBCASE("a portable type with bad arguments") {
        CHECK(read_error(head + "        type: varchar(big)\n") ==
              "a.yaml:7: 'type' in column 'c' of 'add_column': type 'varchar' takes a length: "
              "varchar(N) with N a positive whole number");
    }
    SUBCASE("a type map that mixes forms or names no type") {
        CHECK(read_error(head + "        type: {enum: mood, sqlite: text}\n") ==
              "a.yaml:7: 'type' of column 'c' of 'add_column' is {enum, values} or "
              "{postgresql, sqlite}, not both");
        CHECK(read_error(head + "        type: {mysql: text}\n") ==
              "a.yaml:7: unknown key 'mysql' in 'type' of column 'c' of 'add_column' (expected "
              "enum, values, postgresql, sqlite)");
        CHECK(read_error(head + "        type: {enum: mood}\n") ==
              "a.yaml:7: 'type' of column 'c' of 'add_column' needs 'values'");
    }
    SUBCASE("a server default that is not a portable expression") {
        CHECK(read_error(head + "        type: date\n        server_default: {expr: now()}\n") ==
              "a.yaml:8: 'expr' in 'server_default' of column 'c' of 'add_column' must be one of "
              "current_timestamp, current_date, current_time, not 'now()' (write {sql: ...} for "
              "other SQL)");
        CHECK(read_error(head + "        type: date\n        server_default: [1]\n") ==
              "a.yaml:8: 'server_default' in column 'c' of 'add_column' must be a value, "
              "{expr: current_timestamp} or {sql: ..., postgresql: ..., sqlite: ...}, not a list");
    }
    SUBCASE("an ON DELETE action SQL does not have") {
        CHECK(read_error("  - create_foreign_key:\n      table: t\n      columns: [a]\n"
                         "      references: {table: p, columns: [id]}\n      ondelete: DELETE\n") ==
              "a.yaml:7: 'ondelete' in 'create_foreign_key' must be one of CASCADE, SET NULL, "
              "SET DEFAULT, RESTRICT, NO ACTION, not 'DELETE'");
    }
    SUBCASE("references with another number of columns") {
        CHECK(read_error("  - create_foreign_key:\n      table: t\n      columns: [a, b]\n"
                         "      references: {table: p, columns: [id]}\n") ==
              "a.yaml:6: 'references' of 'create_foreign_key' names 1 column(s) for the 2 of "
              "'columns'");
    }
}

TEST_CASE("the other operations refuse what they cannot take") {
    SUBCASE("drop_constraint's type") {
        CHECK(read_error("  - drop_constraint: {name: x, table: t, type: index}\n") ==
              "a.yaml:3: 'type' in 'drop_constraint' must be primary, unique, foreignkey or "
              "check, not 'index'");
    }
    SUBCASE("alter_column that changes nothing, or converts without a type") {
        CHECK(read_error("  - alter_column: {table: t, column: c, existing_nullable: true}\n") ==
              "a.yaml:3: 'alter_column' changes nothing: give type, nullable, server_default, "
              "new_column_name or comment");
        CHECK(read_error("  - alter_column:\n      table: t\n      column: c\n"
                         "      postgresql_using: c::int\n") ==
              "a.yaml:6: 'postgresql_using' in 'alter_column' converts to a new 'type', and "
              "there is none");
    }
    SUBCASE("bulk_insert rows that are not maps of values") {
        CHECK(read_error("  - bulk_insert:\n      table: t\n      rows:\n        - [1, 2]\n") ==
              "a.yaml:6: a row of 'bulk_insert' must be a map of column -> value, not a list");
        CHECK(read_error("  - bulk_insert:\n      table: t\n      rows:\n"
                         "        - {a: 1, b: [2]}\n") ==
              "a.yaml:6: column 'b' of a 'bulk_insert' row must be a value (text, a number, "
              "true, false or null), not a list");
        CHECK(read_error("  - bulk_insert:\n      table: t\n      rows:\n"
                         "        - {a: 1, a: 2}\n") ==
              "a.yaml:6: column 'a' appears twice in a 'bulk_insert' row");
        CHECK(read_error("  - bulk_insert: {table: t, rows: {a: 1}}\n") ==
              "a.yaml:3: 'rows' in 'bulk_insert' must be a list of maps column -> value, not a "
              "map");
    }
}
