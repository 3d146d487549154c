#pragma once

#include "engine/ops/dialect.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fleet::engine::runtime {

// One row of a result, each column as text; NULL is nullopt.
using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;

// A live connection to one database, implemented by a driver in plugins/.
// Not thread-safe: one thread uses it at a time (the orchestrator gives each
// target one connection). Every method throws fleet::DatabaseError carrying the
// server's message and SQLSTATE; driver exceptions never escape.
class Connection {
public:
    virtual ~Connection() = default;

    virtual const ops::Dialect& dialect() const = 0;

    // Runs one statement; returns the rows it changed (-1 when not known).
    virtual long long execute(const std::string& sql) = 0;
    // Runs one query and returns every row.
    virtual Rows query(const std::string& sql) = 0;

    // Explicit transaction control. begin() while in a transaction throws.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual bool in_transaction() const = 0;

    // Whether the table exists; schema empty means the default search path
    // (PostgreSQL) or the main database (SQLite).
    virtual bool table_exists(const std::string& schema, const std::string& table) = 0;

    // Stops the statement running now, from any thread, while the connection
    // is alive: it then fails with a DatabaseError. How a rollout stops work
    // when Boost 1.74 cannot cancel the operation awaited.
    virtual void cancel() noexcept = 0;

    // The URL with its password masked: what messages may show.
    virtual std::string display_url() const = 0;
};

} // namespace fleet::engine::runtime
