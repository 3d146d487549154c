"""The per-target step count of a rollout says how many steps stayed in the
database: with one transaction for the whole run, a failing third revision of
five leaves none (the count is 0, not the 3 steps that started); with a
transaction per revision the two before it stay; and a PostgreSQL run whose
transaction hit a lock timeout and was retried counts each step once."""

from __future__ import annotations

import re

import psycopg2

from fleet_cli import Scripts, SqliteDb, dev_inventory, linear_chain
from rollout_fleet import Running


def outcome(out: str, state: str, target: str) -> int:
    """N of the stdout line 'STATE    TARGET  N step(s), ...'."""
    found = re.findall(rf"^{state}\s+{re.escape(target)}  (\d+) step\(s\)", out, re.M)
    assert len(found) == 1, f"no single {state} line for {target} in:\n{out}"
    return int(found[0])


def three_targets(tmp_path, per_migration: bool) -> Scripts:
    """Targets a, b, c (SQLite files); b already has table t3, so revision 3
    of 5 fails there."""
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 5)
    dbs = {name: SqliteDb(tmp_path / f"{name}.db") for name in "abc"}
    dbs["b"].execute("CREATE TABLE t3 (id INTEGER)")
    dev_inventory(tmp_path, scripts, dbs,
                  f"transaction_per_migration: {'true' if per_migration else 'false'}\n"
                  "rollout: {concurrency: 1, canary: 1, max_failures: 5}\n")
    return scripts


def test_a_failed_whole_run_transaction_reports_no_steps(fleet, tmp_path):
    three_targets(tmp_path, per_migration=False)
    res = fleet("upgrade", "head", "-v")
    assert res.rc == 1, res
    assert outcome(res.out, "failed", "dev/b") == 0, res
    assert outcome(res.out, "done", "dev/a") == 5, res
    assert outcome(res.out, "done", "dev/c") == 5, res


def test_a_transaction_per_revision_reports_the_revisions_that_stayed(fleet, tmp_path):
    three_targets(tmp_path, per_migration=True)
    res = fleet("upgrade", "head", "-v")
    assert res.rc == 1, res
    assert outcome(res.out, "failed", "dev/b") == 2, res


def test_a_lock_timeout_retry_on_postgresql_counts_each_step_once(fleet, pg, tmp_path):
    db = pg.create()
    other = SqliteDb(tmp_path / "other.db")
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql("a001", None, "CREATE TABLE migration_log (rev VARCHAR(32));", "DROP TABLE migration_log;")
    scripts.sql("a002", "a001", "ALTER TABLE busy ADD COLUMN note VARCHAR(20);",
                "ALTER TABLE busy DROP COLUMN note;")
    (tmp_path / "fleet.yaml").write_text(
        f"script_location: {scripts.root}\n"
        "lock: {timeout: 5s, statement_lock_timeout: 1s, retries: 3}\n"
        "rollout: {concurrency: 1, canary: 1}\n"
        "environments:\n  dev:\n    databases:\n"
        f"      - name: pg\n        url: {db.url}\n"
        f"      - name: other\n        url: {other.url}\n")
    db.execute("CREATE TABLE busy (id INTEGER)")
    other.execute("CREATE TABLE busy (id INTEGER)")
    blocker = psycopg2.connect(db.url, application_name="busy-app")
    try:
        blocker.cursor().execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE")
        run = Running(fleet, ["upgrade", "head", "-v"], tmp_path)
        # The first attempt timed out and was rolled back: let the retry through.
        run.wait_for(r"rolled back, retrying in")
        blocker.rollback()
        rc = run.finish()
    finally:
        blocker.close()
    assert rc == 0, run.err
    assert outcome(run.out, "done", "dev/pg") == 2, run.out + run.err
    assert [r[0] for r in db.query("SELECT version_num FROM alembic_version")] == ["a002"]
