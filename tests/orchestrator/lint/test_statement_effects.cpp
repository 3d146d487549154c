// What one statement did, from the session's views around it: no database.
#include "orchestrator/lint/statement_effects.hpp"

#include <doctest/doctest.h>

using fleet::engine::lint::LintStatement;
using fleet::engine::lint::LockTaken;
using fleet::orchestrator::lint::ObservedRelation;
using fleet::orchestrator::lint::SessionView;
using fleet::orchestrator::lint::statement_effects;

namespace {

LintStatement at_line(int line) {
    LintStatement statement;
    statement.line = line;
    statement.sql = "...";
    return statement;
}

ObservedRelation table(std::string name, std::string storage) {
    return {std::move(name), std::move(storage), true};
}

bool operator==(const LockTaken& a, const LockTaken& b) {
    return a.relation == b.relation && a.mode == b.mode && a.existed_before == b.existed_before;
}

} // namespace

TEST_CASE("a statement's locks are those it added, on user relations, new ones told apart") {
    SessionView start;
    start.relations["16384"] = table("accounts", "16384");
    SessionView before = start;
    before.locks = {{"16384", "RowExclusiveLock"}, {"1259", "AccessShareLock"}};
    SessionView after = before;
    after.relations["16390"] = table("notes", "16390");
    after.locks.insert({"16384", "AccessExclusiveLock"}); // stronger than the one held
    after.locks.insert({"16390", "AccessExclusiveLock"}); // on a relation it made
    after.locks.insert({"2615", "AccessShareLock"});      // a catalog: no user relation

    const auto trace = statement_effects(at_line(12), start, before, after);
    CHECK(trace.line == 12);
    CHECK(trace.traced);
    REQUIRE(trace.locks.size() == 2);
    CHECK(trace.locks[0] == LockTaken{"accounts", "AccessExclusiveLock", true});
    CHECK(trace.locks[1] == LockTaken{"notes", "AccessExclusiveLock", false});
    CHECK(trace.rewritten.empty());
}

TEST_CASE("a relation the statement dropped is named as it was before") {
    SessionView start;
    start.relations["16384"] = table("accounts", "16384");
    SessionView after;
    after.locks = {{"16384", "AccessExclusiveLock"}};
    const auto trace = statement_effects(at_line(3), start, start, after);
    REQUIRE(trace.locks.size() == 1);
    CHECK(trace.locks[0] == LockTaken{"accounts", "AccessExclusiveLock", true});
    CHECK(trace.rewritten.empty());
}

TEST_CASE("new storage is a rewrite only for tables that existed when the revision began") {
    SessionView start;
    start.relations["1"] = table("accounts", "100");
    start.relations["2"] = {"accounts_pkey", "200", false};
    SessionView before = start;
    before.relations["3"] = table("notes", "300"); // made earlier in the revision
    SessionView after;
    after.relations["1"] = table("accounts_renamed", "101");
    after.relations["2"] = {"accounts_pkey", "201", false};
    after.relations["3"] = table("notes", "301");

    const auto trace = statement_effects(at_line(1), start, before, after);
    // Named as it is now; indexes and new tables are not reported.
    CHECK(trace.rewritten == std::vector<std::string>{"accounts_renamed"});
}

TEST_CASE("a rebuild by create, copy, drop and rename is one rewrite, at the rename") {
    // SQLite's views, keyed by name.
    SessionView start;
    start.relations["t"] = table("t", "2");
    SessionView created = start;
    created.relations["_fleet_new_t"] = table("_fleet_new_t", "3");
    SessionView copied = created;
    SessionView dropped = copied;
    dropped.relations.erase("t");
    SessionView renamed;
    renamed.relations["t"] = table("t", "3");

    CHECK(statement_effects(at_line(1), start, start, created).rewritten.empty());
    CHECK(statement_effects(at_line(2), start, created, copied).rewritten.empty());
    CHECK(statement_effects(at_line(3), start, copied, dropped).rewritten.empty());
    CHECK(statement_effects(at_line(4), start, dropped, renamed).rewritten ==
          std::vector<std::string>{"t"});
    // A later statement that leaves it alone reports nothing again.
    CHECK(statement_effects(at_line(5), start, renamed, renamed).rewritten.empty());
}
