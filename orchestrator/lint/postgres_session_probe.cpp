#include "orchestrator/lint/session_probe.hpp"

#include <fmt/format.h>

namespace fleet::orchestrator::lint {

namespace {

// Every user relation with its storage, the session's relation locks and
// its transaction id, in one round trip: the dry run asks after each
// statement. Keyed by oid, which a rename keeps and a new relation never
// reuses while the transaction lives. The locks of the catalogs this very
// query reads are among those returned; they name no user relation, and the
// dry run leaves them out. txid_current_if_assigned() is NULL once a
// statement has ended the transaction the dry run opened (which assigned
// one): a COMMIT written in a revision.
constexpr const char* k_look = R"sql(
SELECT 'r', c.oid::text, c.oid::regclass::text, c.relfilenode::text,
       CASE WHEN c.relkind IN ('r', 'm') THEN 't' ELSE 'f' END
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
UNION ALL
SELECT 'l', l.relation::text, NULL, l.mode, NULL
  FROM pg_catalog.pg_locks l
 WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted
UNION ALL
SELECT 'x', pg_catalog.txid_current_if_assigned()::text, NULL, NULL, NULL
)sql";

void bound(engine::runtime::Connection& session, const SessionBounds& bounds) {
    session.execute(fmt::format("SET lock_timeout = {}; SET statement_timeout = {}",
                                bounds.lock_timeout.count(), bounds.statement_timeout.count()));
}

void begin(engine::runtime::Connection& session) {
    session.begin();
    // An id now, so a statement that ends this transaction shows as one.
    session.query("SELECT pg_catalog.txid_current()");
}

SessionView look(engine::runtime::Connection& session) {
    SessionView view;
    for (const auto& row : session.query(k_look)) {
        const std::string& kind = row.at(0).value();
        if (kind == "r") {
            view.relations[row.at(1).value()] = {row.at(2).value(), row.at(3).value(),
                                                 row.at(4).value() == "t"};
        } else if (kind == "l") {
            view.locks.emplace(row.at(1).value_or(""), row.at(3).value_or(""));
        } else {
            view.transaction = row.at(1).value_or("none");
        }
    }
    return view;
}

// 57014: statement_timeout (or a cancel); 55P03: lock_timeout.
bool stopped_by_bounds(const DatabaseError& error) {
    return error.sqlstate() == "57014" || error.sqlstate() == "55P03";
}

// 25001 (active_sql_transaction): "... cannot run inside a transaction block".
bool refused_in_transaction(const DatabaseError& error) { return error.sqlstate() == "25001"; }

constexpr SessionProbe k_probe{"postgresql",          true, bound, begin, look, stopped_by_bounds,
                               refused_in_transaction};

} // namespace

const SessionProbe& postgres_session_probe() noexcept { return k_probe; }

} // namespace fleet::orchestrator::lint
