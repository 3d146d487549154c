#include "engine/lint/rules.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fleet::engine::lint {

namespace {

constexpr bool k_pg = true;
constexpr bool k_lite = true;

} // namespace

const std::vector<Rule>& rule_catalog() {
    // What each rule says comes from PostgreSQL's ALTER TABLE documentation
    // ("Notes": which forms rewrite, which scan, which lock they take) and
    // SQLite's "Making Other Kinds Of Table Schema Changes".
    static const std::vector<Rule> k_rules{
        {"rewrite-type-change", Severity::error, k_pg, false,
         "a column type change that is not binary-coercible rewrites the table and its indexes "
         "under ACCESS EXCLUSIVE",
         "add a new column of the new type, backfill it in batches, move the code to it, then "
         "drop the old one (varchar(n) to a larger n or text, and a raised numeric precision, "
         "rewrite nothing)"},
        {"rewrite-volatile-default", Severity::error, k_pg, false,
         "adding a column whose default is volatile (random(), clock_timestamp(), "
         "gen_random_uuid(), nextval(), serial, identity) rewrites the table under ACCESS "
         "EXCLUSIVE",
         "add the column without a default, SET DEFAULT in a second statement (new rows only), "
         "and backfill existing rows in batches"},
        {"rewrite-constant-default", Severity::error, k_pg, false,
         "before PostgreSQL 11, adding a column with any default rewrites the table under ACCESS "
         "EXCLUSIVE (from 11 a constant or stable default is stored once)",
         "on PostgreSQL 10 and older: add the column without a default, SET DEFAULT, backfill in "
         "batches; or upgrade the server"},
        {"vacuum-full", Severity::error, k_pg, false,
         "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE: no reads, no writes until done",
         "plain VACUUM (no lock on reads or writes), or pg_repack / pg_squeeze, which rebuild "
         "online"},
        {"cluster", Severity::error, k_pg, false,
         "CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE",
         "pg_repack --order-by, which reorders online, outside the migration"},
        {"table-rewrite", Severity::error, k_pg, false,
         "the dry run saw a table's storage replaced by a statement the rules cannot read "
         "(a function, a DO block): a rewrite under ACCESS EXCLUSIVE",
         "do the change as a new column or table filled in batches, then switch over"},
        {"set-not-null-scan", Severity::error, k_pg, false,
         "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE unless a valid CHECK "
         "(column IS NOT NULL) already proves it (PostgreSQL 12+)",
         "ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later "
         "revision, then SET NOT NULL (no scan) and drop the CHECK"},
        {"add-check-scan", Severity::error, k_pg, false,
         "adding a CHECK constraint checks every row under ACCESS EXCLUSIVE",
         "add it NOT VALID (new rows are checked at once), then VALIDATE CONSTRAINT in a later "
         "revision, which blocks no reads or writes"},
        {"add-foreign-key-scan", Severity::error, k_pg, false,
         "adding a FOREIGN KEY checks every row while holding SHARE ROW EXCLUSIVE on both tables: "
         "writes to both wait",
         "add it NOT VALID, then VALIDATE CONSTRAINT in a later revision, which blocks no reads "
         "or writes"},
        {"add-unique-scan", Severity::error, k_pg, false,
         "adding UNIQUE or PRIMARY KEY without USING INDEX builds its index under ACCESS "
         "EXCLUSIVE",
         "CREATE UNIQUE INDEX CONCURRENTLY in a transactional: false revision, then ADD "
         "CONSTRAINT ... UNIQUE (or PRIMARY KEY) USING INDEX"},
        {"create-index-locks-writes", Severity::error, k_pg, false,
         "CREATE INDEX without CONCURRENTLY blocks every write to a table that has rows while it "
         "builds",
         "CREATE INDEX CONCURRENTLY (YAML: postgresql_concurrently: true) in a transactional: "
         "false revision"},
        {"drop-index-locks-table", Severity::warning, k_pg, false,
         "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table, queueing "
         "every query behind any transaction that uses it",
         "DROP INDEX CONCURRENTLY (YAML: postgresql_concurrently: true) in a transactional: false "
         "revision"},
        {"concurrently-in-transaction", Severity::error, k_pg, false,
         "CREATE INDEX, DROP INDEX or REINDEX CONCURRENTLY cannot run inside a transaction "
         "block: the revision fails",
         "put it in its own revision with transactional: false and no BEGIN around it"},
        {"reindex-locks-writes", Severity::error, k_pg, false,
         "REINDEX without CONCURRENTLY blocks every write to the table while it rebuilds, and "
         "every query that would read the index it rebuilds",
         "REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a transactional: false revision"},
        {"set-tablespace", Severity::error, k_pg, false,
         "SET TABLESPACE copies the table's files to the new tablespace under ACCESS EXCLUSIVE: "
         "no reads, no writes until done",
         "pg_repack --tablespace, which moves the table online, outside the migration; for new "
         "tables, CREATE TABLE ... TABLESPACE"},
        {"add-not-null-without-default", Severity::error, k_pg, false,
         "adding a NOT NULL column without a default fails on a table that has rows (its rows "
         "would hold null): the revision fails on every such target",
         "give the column a constant default (no rewrite from PostgreSQL 11), or add it "
         "nullable, backfill in batches, then SET NOT NULL the safe way"},
        {"validate-in-same-transaction", Severity::error, k_pg, false,
         "VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID keeps the "
         "add's lock through the whole scan",
         "commit the NOT VALID add first: VALIDATE CONSTRAINT in the next revision"},
        {"drop-table", Severity::warning, k_pg, k_lite,
         "dropping a table deletes its data, and running code that still uses it fails",
         "stop using the table in the code and deploy that first; drop it in a later release, "
         "after a backup"},
        {"drop-column", Severity::warning, k_pg, k_lite,
         "dropping a column deletes its data, and running code that still names it fails",
         "stop using the column in the code (and in ORM models) and deploy that first; drop it "
         "in a later release"},
        {"narrow-type", Severity::warning, k_pg, k_lite,
         "a narrowing type change (a shorter varchar, a smaller integer, fewer numeric digits) "
         "fails on, or cuts, values that no longer fit",
         "check that every value fits first, or keep the wider type and enforce the limit with "
         "a CHECK added NOT VALID"},
        {"rename-table", Severity::warning, k_pg, k_lite,
         "renaming a table breaks the running code that uses the old name until it is deployed",
         "create the new table (or a view with the new name), move the code, then drop the old "
         "name in a later release"},
        {"rename-column", Severity::warning, k_pg, k_lite,
         "renaming a column breaks the running code that uses the old name until it is deployed",
         "add the new column, write both and backfill, move the reads, then drop the old column "
         "in a later release"},
        {"whole-table-write", Severity::error, k_pg, k_lite,
         "an UPDATE or DELETE without WHERE on a large table changes every row in one long "
         "transaction: row locks on all of it, bloat, replication lag",
         "change the rows in batches (by primary key ranges, each its own transaction) from a "
         "transactional: false revision or a job outside the migration"},
        {"missing-lock-timeout", Severity::warning, k_pg, false,
         "a statement that takes a table lock runs with no lock_timeout: behind one long "
         "transaction it waits, and every query on the table queues behind it",
         "keep fleet's lock.statement_lock_timeout set (5s by default), or SET lock_timeout in "
         "the revision before the statement"},
        {"long-transaction-open", Severity::warning, k_pg, false,
         "a transaction open on the target now would make the revision's table lock wait, and "
         "every query on the table queue behind it",
         "wait for that transaction to end (or end it) before the rollout; a lock_timeout makes "
         "the statement give up instead of blocking others"},
        {"foreign-key-without-index", Severity::warning, k_pg, k_lite,
         "a foreign key whose columns lead no index: every delete or key update of the referred "
         "table scans the referring one",
         "create an index on the foreign key's columns (CONCURRENTLY on PostgreSQL, in a "
         "transactional: false revision)"},
        {"sqlite-rebuild-large-table", Severity::error, false, k_lite,
         "a SQLite table rebuild copies the whole table inside one write transaction: writers "
         "wait for all of it, and the file needs twice the table's size free",
         "use a change SQLite's ALTER TABLE makes in place (add a nullable column, a constant "
         "default, rename), or run it in a maintenance window with the disk space free"},
        {"sqlite-rebuild-referenced-table", Severity::warning, false, k_lite,
         "rebuilding a table other tables' foreign keys point into needs foreign keys off for "
         "the run, and every referring table is checked afterwards; a hand-written rebuild with "
         "them on deletes or blocks the referring rows",
         "let fleet do the rebuild (a YAML operation: foreign keys off, checked after), or avoid "
         "the rebuild with a change SQLite makes in place"},
    };
    return k_rules;
}

const Rule* find_rule(std::string_view id) {
    const auto& rules = rule_catalog();
    const auto found =
        std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == id; });
    return found == rules.end() ? nullptr : &*found;
}

const Rule& rule(std::string_view id) {
    if (const Rule* found = find_rule(id)) return *found;
    throw std::logic_error("no lint rule '" + std::string(id) + "'");
}

} // namespace fleet::engine::lint
