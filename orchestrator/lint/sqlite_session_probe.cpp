#include "orchestrator/lint/session_probe.hpp"

#include <string_view>

namespace fleet::orchestrator::lint {

namespace {

// SQLite keeps a table's rows in the b-tree starting at its rootpage: a
// rebuild (create, copy, drop, rename) leaves the name on a new one. Keyed
// by name: SQLite has no other identity. The scratch file is fleet's own,
// made without auto_vacuum, so a DROP never moves another table's root page
// (which auto_vacuum does, and which would read as a rewrite).
constexpr const char* k_sqlite_look = R"sql(
SELECT name, rootpage, CASE WHEN type = 'table' THEN 't' ELSE 'f' END
  FROM sqlite_master
 WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
)sql";

// SQLite has one writer, and lock waits end at the connection's busy
// timeout; a statement's own running time is bounded by the dry run's
// deadline, which interrupts it.
void sqlite_bound(engine::runtime::Connection&, const SessionBounds&) {}

void sqlite_begin(engine::runtime::Connection& session) { session.begin(); }

SessionView sqlite_look(engine::runtime::Connection& session) {
    SessionView view;
    for (const auto& row : session.query(k_sqlite_look)) {
        const std::string name = row.at(0).value_or("");
        view.relations[name] = {name, row.at(1).value_or(""), row.at(2).value_or("") == "t"};
    }
    // SQLite says whether a transaction is open: a COMMIT in a revision
    // leaves none.
    view.transaction = session.in_transaction() ? "open" : "none";
    return view;
}

bool sqlite_stopped_by_bounds(const DatabaseError&) { return false; }

// SQLite gives no code of its own for it, only these words: VACUUM is the
// one statement of a migration that refuses a transaction.
bool sqlite_refused_in_transaction(const DatabaseError& error) {
    return std::string_view(error.what()).find("cannot VACUUM from within a transaction") !=
           std::string_view::npos;
}

constexpr SessionProbe k_sqlite_probe{"sqlite",
                                      false,
                                      sqlite_bound,
                                      sqlite_begin,
                                      sqlite_look,
                                      sqlite_stopped_by_bounds,
                                      sqlite_refused_in_transaction};

} // namespace

const SessionProbe& sqlite_session_probe() noexcept { return k_sqlite_probe; }

} // namespace fleet::orchestrator::lint
