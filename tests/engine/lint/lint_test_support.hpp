#pragma once

#include "engine/lint/lint_revision.hpp"
#include "engine/ops/column_type.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

// Revisions made by hand for the rule tests: SQL statements on lines 10, 11,
// ..., a model of tables built as YAML revisions would build it.
// Lists of rule ids printed whole when a check fails.
namespace doctest {
template <> struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& values) {
        std::string out = "{";
        for (const auto& v : values)
            out += (out.size() > 1 ? ", " : "") + v;
        return (out + "}").c_str();
    }
};
} // namespace doctest

namespace fleet::test::lint {

namespace ops = fleet::engine::ops;

inline fleet::engine::lint::RevisionToLint sql_revision(const std::vector<std::string>& statements,
                                                        bool transactional = true,
                                                        const std::string& dialect = "postgresql") {
    fleet::engine::lint::RevisionToLint r;
    r.id = "b1";
    r.file = "versions/b1.sql";
    r.transactional = transactional;
    r.dialect = dialect;
    int line = 10;
    for (const auto& sql : statements)
        r.statements.push_back({line++, sql, "execute", false});
    return r;
}

// A table of the model before the revision: columns as name -> portable type.
inline void add_table(ops::SchemaModel& model, const std::string& name,
                      const std::vector<std::pair<std::string, std::string>>& columns) {
    ops::CreateTable table;
    table.name = name;
    for (const auto& [column, type] : columns) {
        ops::Column c;
        c.name = column;
        std::string error;
        c.type = *ops::parse_column_type(type, &error);
        table.columns.push_back(c);
    }
    model.apply(table, "versions/a1.yaml");
}

// The rule ids of the findings, in order.
inline std::vector<std::string>
rules_of(const std::vector<fleet::engine::lint::Finding>& findings) {
    std::vector<std::string> ids;
    for (const auto& f : findings)
        ids.push_back(f.rule);
    return ids;
}

inline bool has(const std::vector<fleet::engine::lint::Finding>& findings,
                const std::string& rule) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const auto& f) { return f.rule == rule; });
}

// One target's facts with one table of `rows` rows and `bytes` bytes.
inline fleet::engine::lint::TargetFacts target(const std::string& table, double rows,
                                               long long bytes, int server_version = 150004) {
    fleet::engine::lint::TargetFacts facts;
    facts.target = "production/t-acme";
    facts.dialect = "postgresql";
    facts.server_version = server_version;
    facts.statement_lock_timeout = std::chrono::milliseconds(5000);
    fleet::engine::lint::TableFacts t;
    t.rows = rows;
    t.bytes = bytes;
    facts.tables[table] = t;
    return facts;
}

} // namespace fleet::test::lint
