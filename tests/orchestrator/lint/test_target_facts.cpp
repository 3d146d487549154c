// The live facts of a target, read from real databases: a PostgreSQL
// database on $FLEET_TEST_PG_URL (made once for the file) and SQLite files.
// Targets are made as the commands make them (command_target), read-only.
#include "orchestrator/lint/target_facts.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

using fleet::engine::lint::TableFacts;
using fleet::engine::lint::TargetFacts;
using fleet::engine::url::DatabaseUrl;
using fleet::orchestrator::lint::FactsOptions;
using fleet::orchestrator::lint::read_facts_in_parallel;
using fleet::orchestrator::lint::read_target_facts;

namespace {

const std::set<std::string> k_tables{"big", "empty", "checked", "app.events", "parted", "nope"};

fleet::inventory::TargetSpec spec(const std::string& name, const std::string& url) {
    fleet::inventory::TargetSpec spec;
    spec.environment = "test";
    spec.name = name;
    spec.url_text = url;
    return spec;
}

fleet::engine::command::Target target(const std::string& name, const std::string& url) {
    auto made =
        fleet::orchestrator::command_target(spec(name, url), fleet::orchestrator::Needs::database);
    made.name = "test/" + name;
    return made;
}

struct PostgresTarget {
    fleet::tests::PgScratchDatabase database;
    std::unique_ptr<fleet::engine::runtime::Connection> admin =
        fleet::plugins::connect(database.url());

    PostgresTarget() {
        admin->execute(R"sql(
CREATE TABLE big (id int PRIMARY KEY, note text);
INSERT INTO big SELECT g, 'x' FROM generate_series(1, 500000) g;
ANALYZE big;
CREATE TABLE empty (id int, big_id int REFERENCES big (id), other int);
CREATE INDEX empty_big ON empty (big_id);
CREATE INDEX empty_pair ON empty (other, id);
CREATE INDEX empty_expression ON empty ((other + 1), id);
CREATE INDEX empty_partial ON empty (id) WHERE other > 0;
CREATE TABLE checked (a int, b int, c int, CONSTRAINT checked_a CHECK (a IS NOT NULL),
                      CONSTRAINT checked_c CHECK (c > 0));
ALTER TABLE checked ADD CONSTRAINT checked_b CHECK (b IS NOT NULL) NOT VALID;
CREATE SCHEMA app;
CREATE TABLE app.events (id int);
INSERT INTO app.events VALUES (1), (2), (3);
ANALYZE app.events;
CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM ('2026-01-01') TO ('2026-07-01');
CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM ('2026-07-01') TO ('2027-01-01');
INSERT INTO parted SELECT g, date '2026-01-01' + (g % 360) FROM generate_series(1, 1000) g;
ANALYZE parted;
)sql");
    }

    std::string url() const { return database.url().full(); }
    long long total_size(const std::string& table) const {
        return std::stoll(
            *admin->query(fmt::format("SELECT pg_total_relation_size('{}')", table))[0][0]);
    }
};

PostgresTarget& postgres() {
    static PostgresTarget made;
    return made;
}

const TargetFacts& postgres_facts() {
    static const TargetFacts read = [] {
        postgres();
        const auto started = std::chrono::steady_clock::now();
        auto facts = read_target_facts(target("pg", postgres().url()), k_tables);
        MESSAGE(fmt::format(
            "facts of one PostgreSQL target: {:.3f} s",
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
        return facts;
    }();
    return read;
}

const TableFacts& table(const TargetFacts& facts, const std::string& name) {
    const auto found = facts.tables.find(name);
    if (found == facts.tables.end()) FAIL("no facts of table " << name);
    return found->second;
}

bool has_index(const TableFacts& table, const std::vector<std::string>& columns) {
    return std::find(table.index_columns.begin(), table.index_columns.end(), columns) !=
           table.index_columns.end();
}

} // namespace

TEST_CASE("PostgreSQL facts: the target, its dialect and its server version") {
    const auto& facts = postgres_facts();
    CHECK(facts.unreadable == "");
    CHECK(facts.target == "test/pg");
    CHECK(facts.dialect == "postgresql");
    CHECK(facts.server_version ==
          std::stoi(*postgres().admin->query("SHOW server_version_num")[0][0]));
    CHECK(facts.statement_lock_timeout.count() > 0);
}

TEST_CASE("a table of 500,000 rows reads about 500,000 rows, and its size") {
    const auto& big = table(postgres_facts(), "big");
    CHECK(big.rows > 495'000);
    CHECK(big.rows < 505'000);
    CHECK(big.bytes == postgres().total_size("big"));
    CHECK(big.bytes > 20'000'000);
    CHECK(big.referenced_by_foreign_keys);
    CHECK(has_index(big, {"id"}));
}

TEST_CASE("an empty table reads 0 rows, though it was never analyzed") {
    const auto& empty = table(postgres_facts(), "empty");
    CHECK(empty.rows == 0);
    CHECK(empty.bytes == postgres().total_size("empty"));
    CHECK_FALSE(empty.referenced_by_foreign_keys);
}

TEST_CASE("index columns: each whole-table index's key columns, up to an expression") {
    const auto& empty = table(postgres_facts(), "empty");
    CHECK(has_index(empty, {"big_id"}));
    CHECK(has_index(empty, {"other", "id"}));
    // The partial index, and the one led by an expression, serve no lookup
    // by their columns alone.
    CHECK(empty.index_columns.size() == 2);
}

TEST_CASE("only a valid CHECK (col IS NOT NULL) proves a column not null") {
    CHECK(table(postgres_facts(), "checked").not_null_proven == std::vector<std::string>{"a"});
}

TEST_CASE("a schema-qualified table, a partitioned one, and one not there") {
    const auto& facts = postgres_facts();
    CHECK(table(facts, "app.events").rows == 3);
    const auto& parted = table(facts, "parted");
    CHECK(parted.rows > 990);
    CHECK(parted.rows < 1010);
    CHECK(parted.bytes == postgres().total_size("parted_1") + postgres().total_size("parted_2"));
    CHECK(facts.tables.count("nope") == 0);
    CHECK(facts.tables.size() == k_tables.size() - 1);
}

TEST_CASE("a target that is a schema finds its tables by its search_path") {
    auto in_app = spec("tenant", postgres().url());
    in_app.settings.schema = "app";
    auto made = fleet::orchestrator::command_target(in_app, fleet::orchestrator::Needs::database);
    const auto facts = read_target_facts(made, {"events", "big"});
    CHECK(facts.unreadable == "");
    CHECK(table(facts, "events").rows == 3);
    CHECK(facts.tables.count("big") == 0); // public is not on its search_path
}

TEST_CASE("a transaction held open by another session is listed once older than the threshold") {
    fleet::plugins::ConnectOptions options;
    options.application_name = "lint facts holder";
    auto holder = fleet::plugins::connect(postgres().database.url(), options);
    const int pid = std::stoi(*holder->query("SELECT pg_backend_pid()")[0][0]);
    holder->begin();
    holder->query("SELECT count(*) FROM empty");

    FactsOptions now;
    now.open_transaction_age = std::chrono::seconds(0);
    const auto facts = read_target_facts(target("pg", postgres().url()), {}, now);
    CHECK(facts.unreadable == "");
    const auto held = std::find_if(facts.open_transactions.begin(), facts.open_transactions.end(),
                                   [&](const auto& open) { return open.pid == pid; });
    REQUIRE(held != facts.open_transactions.end());
    CHECK(held->state == "idle in transaction");
    CHECK(held->application == "lint facts holder");
    CHECK(held->age.count() >= 0);
    CHECK(held->age.count() < 60);

    // Younger than the default threshold of a minute: not listed.
    const auto later = read_target_facts(target("pg", postgres().url()), {});
    CHECK(later.open_transactions.empty());
    holder->rollback();
}

TEST_CASE("a table locked by a migration makes the read give up within its bound") {
    auto holder = fleet::plugins::connect(postgres().database.url());
    holder->begin();
    holder->execute("LOCK TABLE empty IN ACCESS EXCLUSIVE MODE");
    FactsOptions options;
    options.timeout = std::chrono::milliseconds(300);
    const auto started = std::chrono::steady_clock::now();
    const auto facts = read_target_facts(target("pg", postgres().url()), {"empty"}, options);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    CHECK(facts.unreadable.find("gave up reading after 300ms") == 0);
    // What was read before stays.
    CHECK(facts.server_version > 0);
    holder->rollback();
}

TEST_CASE("a PostgreSQL target that refuses is unreadable, without its password") {
    DatabaseUrl url = postgres().database.url();
    url.password = "wrong-password-1234";
    const auto facts = read_target_facts(target("pg", url.full()), k_tables);
    CHECK(facts.unreadable.find("password authentication failed") != std::string::npos);
    CHECK(facts.unreadable.find("wrong-password-1234") == std::string::npos);
    CHECK(facts.tables.empty());
}

namespace {

struct SqliteTarget {
    fleet::test::TempDir folder;
    std::string url = "sqlite:///" + folder.file("app.db");

    SqliteTarget() {
        auto connection = fleet::plugins::connect(DatabaseUrl::parse(url));
        for (const char* sql : {
                 "CREATE TABLE big (id INTEGER PRIMARY KEY, note TEXT)",
                 "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 1000) "
                 "INSERT INTO big SELECT i, 'some text' FROM g",
                 "DELETE FROM big WHERE id % 10 = 0",
                 "CREATE TABLE empty (id INTEGER, big_id INTEGER REFERENCES big (id), other INT)",
                 "CREATE INDEX empty_big ON empty (big_id)",
                 "CREATE INDEX empty_expression ON empty (other + 1, id)",
                 "CREATE INDEX empty_partial ON empty (id) WHERE other > 0",
             })
            connection->execute(sql);
    }
};

const SqliteTarget& sqlite() {
    static SqliteTarget made;
    return made;
}

} // namespace

TEST_CASE("SQLite facts of a small file: rows counted, bytes from its pages") {
    const auto facts = read_target_facts(target("lite", sqlite().url), {"big", "EMPTY", "nope"});
    CHECK(facts.unreadable == "");
    CHECK(facts.dialect == "sqlite");
    CHECK(facts.server_version == 0);
    CHECK(facts.open_transactions.empty());
    const auto& big = table(facts, "big");
    CHECK(big.rows == 900);
    CHECK(big.bytes >= 4096);
    CHECK(big.referenced_by_foreign_keys);
    const auto& empty = table(facts, "EMPTY"); // SQLite's names ignore case
    CHECK(empty.rows == 0);
    CHECK(empty.index_columns == std::vector<std::vector<std::string>>{{"big_id"}});
    CHECK_FALSE(empty.referenced_by_foreign_keys);
    CHECK(facts.tables.count("nope") == 0);
}

TEST_CASE("SQLite facts of a large file: rows estimated from max(rowid), bytes not known") {
    FactsOptions options;
    options.sqlite_exact_up_to_bytes = 0;
    const auto facts = read_target_facts(target("lite", sqlite().url), {"big"}, options);
    CHECK(facts.unreadable == "");
    // 1 to 1000 less every tenth: 900 rows, 999 the highest rowid.
    CHECK(table(facts, "big").rows == 999);
    CHECK(table(facts, "big").bytes == -1);
}

TEST_CASE("a SQLite file not there yet has no facts, and is not created") {
    fleet::test::TempDir folder;
    const auto facts =
        read_target_facts(target("new", "sqlite:///" + folder.file("new.db")), {"big"});
    CHECK(facts.unreadable == "");
    CHECK(facts.tables.empty());
    CHECK_FALSE(std::filesystem::exists(folder.file("new.db")));
}

TEST_CASE("a file that is no database is unreadable, not an exception") {
    fleet::test::TempDir folder;
    folder.write("junk.db", std::string(8192, 'j'));
    const auto facts =
        read_target_facts(target("junk", "sqlite:///" + folder.file("junk.db")), {"big"});
    CHECK(facts.unreadable != "");
    MESSAGE(facts.unreadable);
}

TEST_CASE("facts of many targets are read in parallel, in order, one's trouble its own") {
    fleet::orchestrator::TargetList list;
    DatabaseUrl unreachable = postgres().database.url();
    unreachable.port = 1;
    for (const auto& [name, url] : std::vector<std::pair<std::string, std::string>>{
             {"pg", postgres().url()}, {"lite", sqlite().url}, {"down", unreachable.full()}}) {
        list.selected.push_back(spec(name, url));
        list.targets.push_back({"test", name, target(name, url)});
    }
    list.environments = {"test"};
    const auto facts = read_facts_in_parallel(list, {"big"});
    REQUIRE(facts.size() == 3);
    CHECK(facts[0].target == "test/pg");
    CHECK(table(facts[0], "big").rows > 495'000);
    CHECK(facts[1].target == "test/lite");
    CHECK(table(facts[1], "big").rows == 900);
    CHECK(facts[2].target == "test/down");
    CHECK(facts[2].unreadable.find("cannot connect") != std::string::npos);
}
