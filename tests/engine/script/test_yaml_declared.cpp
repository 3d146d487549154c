// A declared schema in YAML: tables read by create_table's reader, their
// indexes by create_index's, the rename hints taken out first, and every
// error naming the file and the line.
#include "engine/error.hpp"
#include "engine/script/yaml_declared.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <variant>
#include <vector>

using namespace fleet;
using namespace fleet::engine;

namespace {

script::DeclaredYaml read(std::vector<script::DeclaredFile> files) {
    return script::parse_declared_yaml(files);
}

script::DeclaredYaml read(const std::string& text) { return read({{"s.yaml", text}}); }

std::string error_of(std::vector<script::DeclaredFile> files) {
    try {
        (void)read(std::move(files));
    } catch (const InputError& error) {
        return error.what();
    }
    return "(no error)";
}

std::string error_of(const std::string& text) { return error_of({{"s.yaml", text}}); }

const std::string k_schema = R"(tables:
  - name: orgs
    columns:
      - {name: id, type: bigint, primary_key: true, autoincrement: true}
  - name: accounts
    renamed_from: users
    columns:
      - {name: id, type: bigint, primary_key: true, autoincrement: true}
      - {name: email, type: varchar(255), nullable: false, renamed_from: mail}
      - {name: org_id, type: bigint, references: {table: orgs, column: id, ondelete: CASCADE}}
    unique: [{name: uq_accounts_email, columns: [email]}]
    indexes:
      - {name: ix_accounts_org_id, columns: [org_id]}
      - {columns: [{expr: lower(email)}], where: "org_id IS NOT NULL"}
)";

} // namespace

TEST_CASE("a declared schema's tables read as create_table and their indexes as create_index") {
    const auto declared = read(k_schema);
    REQUIRE(declared.operations.size() == 4);
    CHECK(declared.sources == std::vector<std::string>(4, "s.yaml"));

    const auto& orgs = std::get<ops::CreateTable>(declared.operations[0]);
    CHECK(orgs.name == "orgs");
    CHECK(orgs.line == 2);
    const auto& accounts = std::get<ops::CreateTable>(declared.operations[1]);
    CHECK(accounts.name == "accounts");
    CHECK(accounts.line == 5);
    REQUIRE(accounts.columns.size() == 3);
    CHECK(accounts.columns[1].name == "email");
    CHECK_FALSE(accounts.columns[1].nullable);
    REQUIRE(accounts.foreign_keys.size() == 1);
    CHECK(accounts.foreign_keys[0].name == "fk_accounts_org_id_orgs");
    CHECK(accounts.foreign_keys[0].ondelete == "CASCADE");
    REQUIRE(accounts.unique.size() == 1);
    CHECK(accounts.unique[0].name == "uq_accounts_email");

    const auto& by_column = std::get<ops::CreateIndex>(declared.operations[2]);
    CHECK(by_column.name == "ix_accounts_org_id");
    CHECK(by_column.table == "accounts");
    CHECK(by_column.line == 13);
    const auto& by_expression = std::get<ops::CreateIndex>(declared.operations[3]);
    CHECK(by_expression.table == "accounts");
    CHECK(by_expression.name == "ix_accounts_email"); // the convention's name
    CHECK(by_expression.columns[0].expression == "lower(email)");
    CHECK(by_expression.where == "org_id IS NOT NULL");
}

TEST_CASE("renamed_from hints are returned, and never reach create_table's reader") {
    const auto declared = read(k_schema);
    CHECK(declared.renames.tables == std::map<std::string, std::string>{{"accounts", "users"}});
    CHECK(declared.renames.columns == std::map<std::pair<std::string, std::string>, std::string>{
                                          {{"accounts", "email"}, "mail"}});
    SUBCASE("none given: no hints") {
        CHECK(read("tables:\n  - {name: t, columns: [{name: a, type: text}]}\n").renames.empty());
    }
}

TEST_CASE("a folder's files are one schema: tables of every file before any index") {
    const auto declared =
        read({{"1.yaml", "tables:\n  - name: a\n    columns: [{name: id, type: integer}]\n"
                         "    indexes: [{columns: [id]}]\n"},
              {"2.yaml", "indexes:\n  - {table: a, columns: [id], unique: true, name: ux}\n"
                         "tables:\n  - {name: b, columns: [{name: id, type: integer}]}\n"}});
    REQUIRE(declared.operations.size() == 4);
    CHECK(std::get<ops::CreateTable>(declared.operations[0]).name == "a");
    CHECK(std::get<ops::CreateTable>(declared.operations[1]).name == "b");
    CHECK(std::get<ops::CreateIndex>(declared.operations[2]).name == "ix_a_id");
    const auto& unique = std::get<ops::CreateIndex>(declared.operations[3]);
    CHECK(unique.name == "ux");
    CHECK(unique.unique);
    CHECK(declared.sources == std::vector<std::string>{"1.yaml", "2.yaml", "1.yaml", "2.yaml"});
    SUBCASE("a top-level index may be of a table a later file declares") {
        CHECK(read({{"1.yaml", "tables: []\nindexes: [{table: b, columns: [id]}]\n"},
                    {"2.yaml", "tables: [{name: b, columns: [{name: id, type: integer}]}]\n"}})
                  .operations.size() == 2);
    }
}

TEST_CASE("a table takes what create_table takes, read by the same reader") {
    const auto declared = read("tables:\n  - name: t\n    columns:\n"
                               "      - {name: id, type: integer}\n"
                               "      - {name: plan, type: varchar(20), server_default: free}\n"
                               "    primary_key: {columns: [id]}\n"
                               "    checks: [{condition: \"plan IN ('free', 'pro')\"}]\n"
                               "    comment: all of them\n");
    const auto& t = std::get<ops::CreateTable>(declared.operations.at(0));
    CHECK(t.primary_key->name == "pk_t");
    CHECK(t.checks.at(0).name == "ck_t_plan");
    CHECK(t.columns.at(1).server_default->value.text == "free");
    CHECK(t.comment == "all of them");
}

TEST_CASE("errors name the file and the line") {
    SUBCASE("an unknown key of a table: create_table's own message") {
        CHECK(error_of("tables:\n  - name: t\n    colums: []\n") ==
              "s.yaml:3: unknown key 'colums' in 'create_table' (expected name, schema, columns, "
              "primary_key, unique, checks, foreign_keys, comment)");
    }
    SUBCASE("an unknown key of a column") {
        CHECK(error_of("tables:\n  - name: t\n    columns:\n      - {name: a, type: text, "
                       "renamed: b}\n") ==
              "s.yaml:4: unknown key 'renamed' in column 'a' of 'create_table' (expected name, "
              "type, nullable, primary_key, autoincrement, unique, server_default, references, "
              "comment)");
    }
    SUBCASE("an unknown key of an index") {
        CHECK(error_of("tables:\n  - name: t\n    columns: [{name: a, type: text}]\n"
                       "    indexes:\n      - {columns: [a], using: gin}\n")
                  .starts_with("s.yaml:5: unknown key 'using' in 'create_index'"));
    }
    SUBCASE("an unknown key of the file") {
        CHECK(error_of("tables: []\nviews: []\n") ==
              "s.yaml:2: unknown key 'views' in a declared schema file (expected tables, "
              "indexes)");
    }
    SUBCASE("a table twice, in one file or two") {
        CHECK(error_of("tables:\n  - {name: t, columns: [{name: a, type: text}]}\n"
                       "  - {name: t, columns: [{name: b, type: text}]}\n") ==
              "s.yaml:3: table 't' is declared twice (first at s.yaml:2)");
        CHECK(error_of(
                  {{"a.yaml", "tables: [{name: t, columns: [{name: a, type: text}]}]\n"},
                   {"b.yaml", "tables:\n\n  - {name: t, columns: [{name: a, type: text}]}\n"}}) ==
              "b.yaml:3: table 't' is declared twice (first at a.yaml:1)");
    }
    SUBCASE("an index of a table not declared") {
        CHECK(error_of("tables: []\nindexes:\n  - {table: nope, columns: [a]}\n") ==
              "s.yaml:3: index 'ix_nope_a' is of table 'nope', which no file of the declared "
              "schema declares");
    }
    SUBCASE("an index of a table that names its table") {
        CHECK(error_of("tables:\n  - name: t\n    columns: [{name: a, type: text}]\n"
                       "    indexes:\n      - columns: [a]\n        table: u\n") ==
              "s.yaml:6: an index of table 't' takes no 'table': it is that table's (an index "
              "of another table goes in the file's top-level 'indexes' list)");
    }
    SUBCASE("an index twice") {
        CHECK(error_of("tables:\n  - name: t\n    columns: [{name: a, type: text}]\n"
                       "    indexes:\n      - {columns: [a]}\n      - {columns: [a, a2]}\n") ==
              "s.yaml:6: index 'ix_t_a' is declared twice (first at s.yaml:5)");
    }
    SUBCASE("an index built concurrently") {
        CHECK(error_of("tables:\n  - name: t\n    columns: [{name: a, type: text}]\n"
                       "    indexes: [{columns: [a], postgresql_concurrently: true}]\n")
                  .starts_with("s.yaml:4: index 'ix_t_a' has 'postgresql_concurrently'"));
    }
    SUBCASE("no tables list") {
        CHECK(error_of("") == "s.yaml:1: a declared schema file is a map with a 'tables' list "
                              "(and 'indexes'), not an empty document");
        CHECK(error_of("indexes: []\n") == "s.yaml:1: a declared schema file needs 'tables'");
        CHECK(error_of("tables:\n") ==
              "s.yaml:1: 'tables' in a declared schema file must be a list of tables, not null");
        CHECK(error_of("tables: {name: t}\n") == "s.yaml:1: 'tables' in a declared schema file "
                                                 "must be a list of tables, not a map");
        CHECK(error_of("- name: t\n") == "s.yaml:1: a declared schema file is a map with a "
                                         "'tables' list (and 'indexes'), not a list");
    }
    SUBCASE("a table that is not a map") {
        CHECK(error_of("tables:\n  - t\n") ==
              "s.yaml:2: a table of the declared schema is a map (a create_table body, indexes, "
              "renamed_from), not 't'");
    }
    SUBCASE("a second YAML document") {
        CHECK(error_of("tables: []\n---\ntables: []\n") ==
              "s.yaml:3: more than one YAML document; a declared schema file holds one");
    }
    SUBCASE("YAML that does not parse") {
        CHECK(error_of("tables:\n  - {name: t, columns: [}\n").starts_with("s.yaml:2: "));
    }
    SUBCASE("a renamed_from that is not a name, or given twice, or claimed twice") {
        CHECK(error_of("tables:\n  - name: t\n    renamed_from: [a]\n"
                       "    columns: [{name: a, type: text}]\n") ==
              "s.yaml:3: 'renamed_from' in table 't' must be a name, not a list");
        CHECK(error_of("tables:\n  - name: t\n    columns:\n"
                       "      - {name: a, type: text, renamed_from: ''}\n") ==
              "s.yaml:4: 'renamed_from' in column 'a' of table 't' must be a name, not empty "
              "text");
        CHECK(error_of("tables:\n  - name: t\n    renamed_from: a\n    renamed_from: b\n"
                       "    columns: [{name: a, type: text}]\n") ==
              "s.yaml:4: key 'renamed_from' appears twice in table 't' (first on line 3)");
        CHECK(error_of("tables:\n  - {name: t, renamed_from: old, columns: [{name: a, type: "
                       "text}]}\n  - {name: u, renamed_from: old, columns: [{name: a, type: "
                       "text}]}\n") == "s.yaml:3: tables 't' and 'u' are both renamed from 'old'");
    }
    SUBCASE("what create_table refuses, at its line") {
        CHECK(error_of("tables:\n  - name: t\n    columns:\n"
                       "      - {name: a, type: text, autoincrement: true}\n") ==
              "s.yaml:4: 'autoincrement' in column 'a' of 'create_table' needs an integer type "
              "(smallint, integer or bigint), not text");
    }
}
