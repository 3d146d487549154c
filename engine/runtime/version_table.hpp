#pragma once

#include "engine/runtime/head_maintainer.hpp"
#include "engine/runtime/sql_sink.hpp"

#include <string>
#include <vector>

namespace fleet::engine::runtime {

// Alembic's version table: one row per applied head, in Alembic's exact shape
//   version_num VARCHAR(32) NOT NULL, CONSTRAINT <table>_pkc PRIMARY KEY (version_num)
// so Alembic reads what fleet wrote and fleet takes over what Alembic wrote.
// It renders and runs the statements; only the HeadMaintainer decides which.
class VersionTable {
  public:
    // table: e.g. "alembic_version"; schema: empty for the default one.
    VersionTable(std::string table, std::string schema)
        : m_table(std::move(table)), m_schema(std::move(schema)) {}

    const std::string& name() const { return m_table; }
    const std::string& schema() const { return m_schema; }

    // Whether the table exists in the live database.
    bool exists(Connection& connection) const;
    // The heads recorded, in the order the database returns them (as
    // Alembic reads them: that order picks the branch a bare -1 walks);
    // empty when the table does not exist. Reads
    // only: never creates anything.
    std::vector<std::string> read_heads(Connection& connection) const;

    // CREATE TABLE, run on the sink (printed when offline).
    void create(SqlSink& sink) const;
    void drop(SqlSink& sink) const;
    // Deletes every row (stamp --purge).
    void purge(SqlSink& sink) const;

    // The row writes. Live, each must touch exactly one row (as Alembic checks)
    // or fleet::DatabaseError says which version and how many rows matched.
    void insert(SqlSink& sink, const std::string& version) const;
    void remove(SqlSink& sink, const std::string& version) const;
    void update(SqlSink& sink, const std::string& from, const std::string& to) const;

  private:
    std::string qualified(const ops::Dialect& dialect) const;
    void expect_one_row(long long changed, const VersionChange& change) const;

    std::string m_table;
    std::string m_schema;
};

} // namespace fleet::engine::runtime
