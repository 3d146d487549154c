"""`fleet plan` end to end: a fleet of SQLite files and PostgreSQL databases
in mixed states (at the head, part way, at base, never created, on an
unknown revision, unreachable), planned by the real binary. The table and
the JSON document are compared with golden files (golden/*, each opening with
'#' lines saying what it shows); temporary paths and the test server's
address are normalised first. Planning must change nothing, and each
target's --sql must do what `fleet upgrade` then does."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest

from fleet_cli import Scripts, SqliteDb, fails, history, ok, snapshot, versions
from fleet_golden import check_golden, normalise

GOLDEN = Path(__file__).parent / "golden"

R1, R2, R3 = "1a2b3c4d5e6f", "3f2a1c9e7b10", "9c8b7a6d5e4f"
UNKNOWN = "ffeeddccbbaa"
SECRET = "hunter2-secret"

INVENTORY = textwrap.dedent(f"""\
    script_location: migrations
    environments:
      dev:
        databases:
          - name: app
            url: sqlite:///dev/app.db
      staging:
        databases:
          - name: core
            url: ${{STAGING_CORE_URL}}
          - name: tenant-{{t}}
            url: sqlite:///staging/{{t}}.db
            for_each: {{t: [acme, globex, initech]}}
      production:
        databases:
          - name: core
            url: ${{PRODUCTION_CORE_URL}}
          - name: eu
            url: sqlite:///production/eu.db
          - name: us
            url: sqlite:///production/us.db
          - name: down
            url: postgresql://fleet:{SECRET}@127.0.0.1:1/nowhere
    """)


def write_scripts(root: Path) -> Scripts:
    scripts = Scripts(root)
    scripts.sql(R1, None, "CREATE TABLE accounts (id INTEGER PRIMARY KEY);", "DROP TABLE accounts;",
                message="create accounts")
    scripts.sql(R2, R1, "ALTER TABLE accounts ADD COLUMN email VARCHAR(255);",
                "ALTER TABLE accounts DROP COLUMN email;", message="add email")
    scripts.sql(R3, R2, "CREATE INDEX ix_accounts_email ON accounts (email);",
                "DROP INDEX ix_accounts_email;", message="index email")
    return scripts


class MixedFleet:
    """dev/app and production/eu at the head; staging/core (PostgreSQL),
    staging/tenant-acme and -initech at R1; staging/tenant-globex never
    created; production/core (PostgreSQL) created but empty; production/us on
    a revision this release does not know; production/down unreachable."""

    def __init__(self, fleet, pg, root: Path):
        self.fleet, self.root = fleet, root
        write_scripts(root / "migrations")
        for folder in ("dev", "staging", "production"):
            (root / folder).mkdir()
        self.staging_core = pg.create()
        self.production_core = pg.create()
        self.labels = {self.staging_core.name: "staging_core", self.production_core.name: "production_core"}
        self.env = {"STAGING_CORE_URL": self.staging_core.url, "PRODUCTION_CORE_URL": self.production_core.url}
        (root / "fleet.yaml").write_text(INVENTORY)
        fleet.secrets.add(SECRET)
        for name, rev in [("dev/app", "head"), ("staging/core", R1), ("staging/tenant-acme", R1),
                          ("staging/tenant-initech", R1), ("production/eu", "head"),
                          ("production/us", "head")]:
            ok(self.run("-n", name, "upgrade", rev))
        SqliteDb(root / "production/us.db").execute(
            f"UPDATE alembic_version SET version_num = '{UNKNOWN}'")

    def run(self, *args):
        return self.fleet("-c", "fleet.yaml", *args, cwd=self.root, env=self.env)

    def sqlite(self, name: str) -> SqliteDb:
        return SqliteDb(self.root / f"{name}.db")

    def databases(self) -> dict:
        dbs = {name: self.sqlite(name) for name in
               ("dev/app", "staging/acme", "staging/globex", "staging/initech", "production/eu",
                "production/us")}
        dbs["staging/core"] = self.staging_core
        dbs["production/core"] = self.production_core
        return dbs

    def normalise(self, text: str) -> str:
        return normalise(text, self.root, self.labels)


@pytest.fixture
def mixed(fleet, pg, tmp_path) -> MixedFleet:
    return MixedFleet(fleet, pg, tmp_path)


def sections(sql_output: str) -> dict:
    """plan --sql output split at its '-- fleet target: NAME' lines."""
    parts = re.split(r"^-- fleet target: (\S+)\n\n", sql_output, flags=re.M)
    assert parts[0] == "", f"text before the first target:\n{parts[0]}"
    return dict(zip(parts[1::2], parts[2::2]))


# ---- the report -------------------------------------------------------------------------

def test_mixed_fleet_table_groups_identical_plans_and_exits_1_for_the_unreachable(mixed):
    res = fails(mixed.run("plan"), 1)
    check_golden(GOLDEN / "plan_mixed.txt", mixed.normalise(res.out))
    assert "could not be planned" in res.err
    assert SECRET not in res.out


def test_mixed_fleet_json_is_the_documented_document(mixed):
    res = fails(mixed.run("plan", "--format", "json"), 1)
    doc = json.loads(res.out)
    assert doc["version"] == 1 and doc["exit_code"] == 1
    assert doc["summary"] == {"targets": 9, "would_run": 5, "up_to_date": 2, "failed": 2, "steps": 12}
    by_name = {t["name"]: t for t in doc["targets"]}
    assert [s["revision"] for s in by_name["staging/core"]["steps"]] == [R2, R3]
    assert by_name["staging/tenant-globex"]["database_exists"] is False
    assert by_name["production/down"]["state"] == "unreachable"
    assert by_name["production/down"]["url"] == "postgresql://fleet:***@127.0.0.1:1/nowhere"
    assert by_name["production/us"]["state"] == "error"
    assert UNKNOWN in by_name["production/us"]["error"]
    check_golden(GOLDEN / "plan_mixed.json", mixed.normalise(res.out))


def test_pending_work_on_reachable_targets_exits_0(mixed):
    res = ok(mixed.run("--env", "dev", "plan", "--env", "staging"))
    assert "production" not in res.out
    assert res.out.endswith("4 of 5 targets would run 9 steps; 1 up to date\n")


def test_a_large_block_abbreviates_its_names_and_all_lists_them(fleet, tmp_path):
    write_scripts(tmp_path / "migrations")
    (tmp_path / "fleet.yaml").write_text(
        "script_location: migrations\nenvironments:\n  production:\n    databases:\n"
        "      - name: t{n}\n        url: sqlite:///dbs/t{n}.db\n"
        f"        for_each: {{n: [{', '.join(f'{i:02d}' for i in range(25))}]}}\n")
    res = ok(fleet("plan", cwd=tmp_path))
    assert ("25 targets would run 3 steps: production/t00, production/t01, production/t02, "
            "production/t03, production/t04, production/t05, production/t06, production/t07, "
            "production/t08, production/t09 and 15 more (--all names them all)\n"
            "  from base (25 of 25 not created yet)\n") in res.out
    full = ok(fleet("plan", "--all", cwd=tmp_path)).out
    assert "production/t24" in full and "more (--all" not in full
    assert not (tmp_path / "dbs").exists() or not any((tmp_path / "dbs").iterdir())


# ---- read-only ---------------------------------------------------------------------------

def test_plan_changes_nothing_and_creates_no_file(mixed):
    dbs = mixed.databases()
    before = {name: snapshot(db) for name, db in dbs.items()}
    files_before = sorted(str(p.relative_to(mixed.root)) for p in mixed.root.rglob("*") if p.is_file())
    contents = {name: db.path.read_bytes() for name, db in dbs.items()
                if isinstance(db, SqliteDb) and db.exists()}

    fails(mixed.run("plan"), 1)
    fails(mixed.run("plan", "--format", "json"), 1)
    fails(mixed.run("plan", "--sql"), 1)
    fails(mixed.run("plan", "--downgrade", "base"), 1)
    fails(mixed.run("plan", "+1"), 1)

    assert {name: snapshot(db) for name, db in dbs.items()} == before
    files_after = sorted(str(p.relative_to(mixed.root)) for p in mixed.root.rglob("*") if p.is_file())
    assert files_after == files_before          # no SQLite file, no lock file
    assert not mixed.sqlite("staging/globex").exists()
    for name, data in contents.items():
        assert dbs[name].path.read_bytes() == data, f"{name} changed"
    assert mixed.production_core.tables() == set()


# ---- --sql -------------------------------------------------------------------------------

def run_sql(db, script: str):
    """Runs an offline script as a DBA would (sqlite3 / psql)."""
    if isinstance(db, SqliteDb):
        con = sqlite3.connect(str(db.path), isolation_level=None)
        try:
            con.executescript(script)
        finally:
            con.close()
    else:
        db.execute(script)


def state_of(db):
    # History rows as a multiset: an offline script stamps started_at with the
    # database's CURRENT_TIMESTAMP, whose text sorts apart from fleet's own
    # ISO form, so the order by time is not comparable.
    return (versions(db), db.tables(), db.columns("accounts") if "accounts" in db.tables() else [],
            sorted(history(db)))


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
@pytest.mark.parametrize("start", [None, R1])
def test_plan_sql_from_where_a_target_stands_does_what_upgrade_does(fleet, pg, tmp_path, kind, start):
    scripts = write_scripts(tmp_path / "migrations")
    if kind == "sqlite":
        by_hand, live = SqliteDb(tmp_path / "by_hand.db"), SqliteDb(tmp_path / "live.db")
    else:
        by_hand, live = pg.create(), pg.create()
    if start:
        for db in (by_hand, live):
            ok(fleet("upgrade", start, *scripts.args(db)))

    sql = ok(fleet("plan", "--sql", *scripts.args(by_hand))).out
    assert sql.startswith("-- fleet target: default/default\n\n")
    assert ("CREATE TABLE alembic_version" in sql) == (start is None)
    assert snapshot(by_hand) == snapshot(live)       # planning wrote nothing
    run_sql(by_hand, sql)
    ok(fleet("upgrade", "heads", *scripts.args(live)))

    assert versions(by_hand) == {R3}
    assert state_of(by_hand) == state_of(live)


def test_plan_sql_over_the_fleet_gives_each_target_its_own_start(mixed):
    res = fails(mixed.run("plan", "--sql"), 1)
    parts = sections(res.out)
    assert list(parts) == ["dev/app", "staging/core", "staging/tenant-acme", "staging/tenant-globex",
                           "staging/tenant-initech", "production/core", "production/eu",
                           "production/us", "production/down"]
    assert parts["dev/app"] == f"-- nothing to do: at {R3}\n\n"
    assert "CREATE TABLE alembic_version" not in parts["staging/core"]
    assert f"UPDATE alembic_version SET version_num='{R2}'" in parts["staging/core"]
    assert "CREATE TABLE alembic_version" in parts["staging/tenant-globex"]
    assert "CREATE TABLE alembic_version" in parts["production/core"]
    assert parts["production/down"].startswith("-- unreachable: ")
    assert UNKNOWN in parts["production/us"]
    # Each target in its own dialect: PostgreSQL's script is not SQLite's.
    assert parts["staging/core"] != parts["staging/tenant-acme"]

    # The staging/core script, run by hand, brings it where upgrade would.
    run_sql(mixed.staging_core, parts["staging/core"])
    assert versions(mixed.staging_core) == {R3}
    assert ok(mixed.run("-n", "staging/core", "plan")).out.endswith(
        "0 of 1 target would run 0 steps; 1 up to date\n")


# ---- --downgrade ----------------------------------------------------------------------------

def small_fleet(fleet, tmp_path, revisions: dict) -> None:
    write_scripts(tmp_path / "migrations")
    names = list(revisions)
    (tmp_path / "fleet.yaml").write_text(
        "script_location: migrations\nenvironments:\n  dev:\n    databases:\n" +
        "".join(f"      - name: {n}\n        url: sqlite:///{n}.db\n" for n in names))
    for name, rev in revisions.items():
        if rev:
            ok(fleet("-n", name, "upgrade", rev, cwd=tmp_path))


def test_downgrade_plan_walks_down_and_a_destination_above_a_target_is_its_error(fleet, tmp_path):
    small_fleet(fleet, tmp_path, {"a": "head", "b": R1, "c": R2})
    res = fails(fleet("plan", "--downgrade", R2, cwd=tmp_path), 1)
    assert res.out.startswith(f"Plan: downgrade {R2}\n\n")
    assert (f"error: dev/b\n  Destination {R2} is not a valid downgrade target from current head(s)\n"
            in res.out), res
    assert (f"1 target would run 1 step: dev/a\n  from {R3}\n"
            f"  downgrade {R3} -> {R2} (index email)\n") in res.out
    assert f"1 target, nothing to do: dev/c\n  at {R2}\n" in res.out

    doc = json.loads(ok(fleet("-n", "a", "plan", "--downgrade", "base", "--format", "json",
                              cwd=tmp_path)).out)
    steps = doc["targets"][0]["steps"]
    assert doc["direction"] == "downgrade" and doc["revision"] == "base"
    assert [(s["direction"], s["revision"], s["down_revisions"]) for s in steps] == [
        ("downgrade", R3, [R2]), ("downgrade", R2, [R1]), ("downgrade", R1, [])]
    assert versions(SqliteDb(tmp_path / "a.db")) == {R3}


def test_downgrade_needs_a_revision(fleet, tmp_path):
    small_fleet(fleet, tmp_path, {"a": "head"})
    res = fails(fleet("plan", "--downgrade", cwd=tmp_path), 2)
    assert "needs the REVISION" in res.err and res.out == ""


# ---- bad input -------------------------------------------------------------------------------

def test_an_unknown_revision_is_exit_2_before_any_database_is_opened(mixed):
    res = fails(mixed.run("plan", "zz"), 2)
    assert "Can't locate revision identified by 'zz'" in res.err
    assert res.out == ""
    assert "unreachable" not in res.err     # the unreachable target was never tried
    assert not mixed.sqlite("staging/globex").exists()


def test_an_ambiguous_prefix_or_head_with_several_heads_is_exit_2(fleet, tmp_path):
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql("aaa111111111", None, "SELECT 1;")
    scripts.sql("aaa222222222", None, "SELECT 1;")
    db = SqliteDb(tmp_path / "app.db")
    res = fails(fleet("plan", "aaa", *scripts.args(db)), 2)
    assert "aaa111111111" in res.err and "aaa222222222" in res.err, res
    res = fails(fleet("plan", "head", *scripts.args(db)), 2)
    assert "Multiple head revisions" in res.err, res
    assert not db.exists()
    res = ok(fleet("plan", "heads", *scripts.args(db)))
    assert "1 target would run 2 steps: default/default" in res.out
    assert not db.exists()


def test_bad_format_is_exit_2(fleet, tmp_path):
    small_fleet(fleet, tmp_path, {"a": None})
    res = fails(fleet("plan", "--format", "yaml", cwd=tmp_path), 2)
    assert "table or json" in res.err
