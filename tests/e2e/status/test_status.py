"""`fleet status` end to end: an inventory of dev, staging and production,
SQLite files and PostgreSQL databases in mixed states, read by the real
binary. The table and the JSON document are compared with golden files
(golden/*, each opening with '#' lines saying what it shows); temporary
paths and the test server's address are normalised first."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from fleet_cli import Scripts, SqliteDb, fails, ok
from fleet_golden import check_golden, normalise

GOLDEN = Path(__file__).parent / "golden"

R1, R2, R3 = "1a2b3c4d5e6f", "3f2a1c9e7b10", "9c8b7a6d5e4f"
UNKNOWN = "ffeeddccbbaa"

INVENTORY = textwrap.dedent("""\
    script_location: migrations
    environments:
      dev:
        databases:
          - name: app
            url: sqlite:///dev/app.db
      staging:
        databases:
          - name: core
            url: ${STAGING_CORE_URL}
          - name: tenant-{t}
            url: sqlite:///staging/{t}.db
            for_each: {t: [acme, globex]}
      production:
        databases:
          - name: core
            url: ${PRODUCTION_CORE_URL}
          - name: eu
            url: sqlite:///production/eu.db
          - name: us
            url: sqlite:///production/us.db
          - name: legacy
            url: sqlite:///production/legacy.db
    """)

UNREACHABLE = """\
      - name: down
        url: postgresql://fleet:hunter2-secret@127.0.0.1:1/nowhere
"""


class MixedFleet:
    """The fleet every test here reads, built through fleet itself:
    dev/app, staging/* at the head; production/core two behind,
    production/eu never created, production/us on a revision this release
    does not know, production/legacy with a failed step left half-done."""

    def __init__(self, fleet, pg, root: Path):
        self.fleet, self.root = fleet, root
        scripts = Scripts(root / "migrations")
        scripts.sql(R1, None, "CREATE TABLE accounts (id INTEGER PRIMARY KEY);", "DROP TABLE accounts;",
                    message="create accounts")
        scripts.sql(R2, R1, "ALTER TABLE accounts ADD COLUMN email VARCHAR(255);",
                    "ALTER TABLE accounts DROP COLUMN email;", message="add email")
        scripts.sql(R3, R2, "CREATE INDEX ix_accounts_email ON accounts (email);",
                    "DROP INDEX ix_accounts_email;", message="index email")
        for folder in ("dev", "staging", "production"):
            (root / folder).mkdir()
        self.staging_core = pg.create()
        self.production_core = pg.create()
        self.labels = {self.staging_core.name: "staging_core", self.production_core.name: "production_core"}
        self.env = {"STAGING_CORE_URL": self.staging_core.url, "PRODUCTION_CORE_URL": self.production_core.url}
        (root / "fleet.yaml").write_text(INVENTORY)
        (root / "fleet-down.yaml").write_text(INVENTORY + UNREACHABLE)
        fleet.secrets.add("hunter2-secret")

        for name, rev in [("dev/app", "head"), ("staging/core", "head"), ("staging/tenant-acme", "head"),
                          ("staging/tenant-globex", "head"), ("production/core", R1),
                          ("production/us", "head"), ("production/legacy", R2)]:
            ok(self.run("-n", name, "upgrade", rev))
        SqliteDb(root / "production/us.db").execute(
            f"UPDATE alembic_version SET version_num = '{UNKNOWN}'")
        # What a crash inside a non-transactional step leaves: its row, failed.
        SqliteDb(root / "production/legacy.db").execute(
            "INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, "
            "finished_at, duration_ms, outcome, fleet_version, host) VALUES ('deadbeef', 1, "
            f"'{R3}', 'upgrade', NULL, '2026-01-02T03:04:05.000Z', NULL, NULL, 'failed', '0.1.0', 'ci')")

    def run(self, *args, config: str = "fleet.yaml"):
        return self.fleet("-c", config, *args, cwd=self.root, env=self.env)

    def normalise(self, text: str) -> str:
        return normalise(text, self.root, self.labels)


@pytest.fixture
def mixed(fleet, pg, tmp_path) -> MixedFleet:
    return MixedFleet(fleet, pg, tmp_path)


def test_mixed_fleet_table_lists_unhealthy_first_and_exits_3(mixed):
    res = fails(mixed.run("status"), 3)
    check_golden(GOLDEN / "mixed_fleet.txt", mixed.normalise(res.out))
    assert "not up to date" in res.err


def test_mixed_fleet_json_is_the_documented_document(mixed):
    res = fails(mixed.run("status", "--format", "json"), 3)
    doc = json.loads(res.out)
    assert doc["version"] == 1 and doc["exit_code"] == 3
    check_golden(GOLDEN / "mixed_fleet.json", mixed.normalise(res.out))


def test_an_unreachable_target_is_a_row_with_its_reason_and_exit_1(mixed):
    res = fails(mixed.run("status", config="fleet-down.yaml"), 1)
    check_golden(GOLDEN / "unreachable.txt", mixed.normalise(res.out))
    assert "could not be read" in res.err
    doc = json.loads(fails(mixed.run("status", "--format", "json", config="fleet-down.yaml"), 1).out)
    down = [t for t in doc["targets"] if t["database"] == "down"][0]
    assert down["state"] == "unreachable" and down["current"] is None
    assert down["url"] == "postgresql://fleet:***@127.0.0.1:1/nowhere"


def test_environments_in_step_exit_0(mixed):
    res = ok(mixed.run("--env", "dev", "status", "--env", "staging"))
    assert "production" not in res.out
    assert "dev: 1 target, 1 up to date\nstaging: 3 targets, 3 up to date\n" in res.out
    assert "dev: level with staging\nstaging: most advanced\n" in res.out


def test_status_reads_only(mixed):
    before = mixed.production_core.query("SELECT count(*) FROM fleet_history")
    pg_tables = mixed.production_core.tables()
    fails(mixed.run("status"), 3)
    fails(mixed.run("status", "--format", "json"), 3)
    assert not (mixed.root / "production/eu.db").exists()
    assert mixed.production_core.tables() == pg_tables
    assert mixed.production_core.query("SELECT count(*) FROM fleet_history") == before


def test_selectors_and_a_single_url(mixed):
    res = fails(mixed.run("-n", "production/e*", "status"), 3)
    lines = res.out.splitlines()
    assert lines[1].split()[:5] == ["production", "eu", "base", R3, "3"]
    assert "behind 3: database not created yet" in lines[1]
    assert lines[3] == "production: 1 target, 1 behind"

    url = "sqlite:///" + str(mixed.root / "staging/acme.db")
    res = ok(mixed.fleet("--url", url, "--script-location", mixed.root / "migrations", "status",
                         cwd=mixed.root))
    assert res.out.splitlines()[1].split() == ["default", "default", R3, R3, "0", "up", "to", "date"]


def test_bad_format_and_bad_scripts_are_usage_errors_before_any_database(mixed):
    res = fails(mixed.run("status", "--format", "yaml"), 2)
    assert "table or json" in res.err
    (mixed.root / "migrations/versions/broken.sql").write_text("-- +upgrade\nSELECT 1;\n")
    res = fails(mixed.run("status"), 2)
    assert "broken.sql" in res.err
    assert res.out == ""
