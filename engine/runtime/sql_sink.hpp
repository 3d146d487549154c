#pragma once

#include "engine/ops/dialect.hpp"
#include "engine/runtime/connection.hpp"

#include <ostream>
#include <string>

namespace fleet::engine::runtime {

// Where a run's SQL goes: a live connection, or text for a DBA (--sql). The
// migration context talks only to a sink, so the live run and offline output
// share one code path and cannot drift apart.
class SqlSink {
  public:
    virtual ~SqlSink() = default;

    virtual const ops::Dialect& dialect() const = 0;
    // True for --sql: nothing is executed and nothing can be read back.
    virtual bool offline() const = 0;

    // Runs (or prints) one statement; returns the rows changed, -1 offline.
    virtual long long execute(const std::string& sql) = 0;
    virtual void begin() = 0;
    virtual void commit() = 0;
    // Abandons the open transaction; does nothing when none is open.
    virtual void rollback() = 0;
    // A line for a reader of the offline script ("-- Running upgrade ...");
    // live sinks drop it.
    virtual void comment(const std::string& text) = 0;
    // The live connection; offline sinks throw fleet::UsageError, since a
    // --sql run may not depend on what is in the database.
    virtual Connection& connection() = 0;
};

// Executes on a live connection.
class LiveSink final : public SqlSink {
  public:
    explicit LiveSink(Connection& connection) : m_connection(connection) {}

    const ops::Dialect& dialect() const override { return m_connection.dialect(); }
    bool offline() const override { return false; }
    long long execute(const std::string& sql) override { return m_connection.execute(sql); }
    void begin() override { m_connection.begin(); }
    void commit() override { m_connection.commit(); }
    void rollback() override;
    void comment(const std::string&) override {}
    Connection& connection() override { return m_connection; }

  private:
    Connection& m_connection;
};

// Writes statements as a SQL script: each one ended by ";" and a blank line,
// the layout `alembic upgrade --sql` prints.
class OfflineSink final : public SqlSink {
  public:
    OfflineSink(const ops::Dialect& dialect, std::ostream& out) : m_dialect(dialect), m_out(out) {}

    const ops::Dialect& dialect() const override { return m_dialect; }
    bool offline() const override { return true; }
    long long execute(const std::string& sql) override;
    void begin() override;
    void commit() override;
    void rollback() override {}
    void comment(const std::string& text) override;
    Connection& connection() override;

  private:
    const ops::Dialect& m_dialect;
    std::ostream& m_out;
};

} // namespace fleet::engine::runtime
