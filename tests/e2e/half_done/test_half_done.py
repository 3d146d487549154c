"""A transactional: false revision killed with SIGKILL in the middle of its
statements, on SQLite and PostgreSQL. What a user must see: `fleet status` and
`fleet audit` call the target half-done; `fleet upgrade` and `fleet downgrade`
refuse it, run nothing and say which two commands resolve it; `fleet retry`
runs the step again, `fleet mark-done` records it without running it, and
upgrades then go on. In a rollout the refused target is a failure like any
other, so the failure budget applies."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

import pytest

from fleet_cli import Scripts, fails, fleet_bin, history, ok, versions

R1, R2, R3 = "a1000000000a", "b2000000000b", "c3000000000c"

# A statement that runs for far longer than the test waits, so the kill
# always lands inside it, once the test has put a row in slow_switch. With
# the table empty it ends at once: `fleet audit` replays these revisions on
# an empty scratch database to learn the schema they build.
SLOW = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 FROM slow_switch UNION ALL SELECT x + 1 FROM c) "
              "SELECT x FROM c LIMIT 1 OFFSET 2000000000;",
    "postgresql": "SELECT pg_sleep(600) FROM slow_switch;",
}


def write_scripts(scripts: Scripts, kind: str, r2_upgrade: str | None = None):
    scripts.sql(R1, None, "CREATE TABLE t1 (id INTEGER PRIMARY KEY);\n"
                "CREATE TABLE slow_switch (x INTEGER);",
                "DROP TABLE slow_switch;\nDROP TABLE t1;", message="one")
    # The step a DBA writes to be safe outside a transaction: it can run again.
    r2 = r2_upgrade or f"""
        CREATE TABLE IF NOT EXISTS t2 (id INTEGER PRIMARY KEY);
        {SLOW[kind]}
        INSERT INTO t2 (id) VALUES (1);"""
    scripts.sql(R2, R1, r2, "DROP TABLE t2;", message="two", transactional="false")
    scripts.sql(R3, R2, "CREATE TABLE t3 (id INTEGER PRIMARY KEY);", "DROP TABLE t3;",
                message="three")


def running_row(db) -> bool:
    return any(r == (R2, "upgrade", "running") for r in history(db))


def kill_inside_r2(fleet, scripts: Scripts, db):
    """Starts `fleet upgrade head`, waits until r2's 'running' row is
    committed (its statements are under way), and kills the process."""
    ok(fleet("upgrade", R1, *scripts.args(db)))
    db.execute("INSERT INTO slow_switch (x) VALUES (1)")
    proc = subprocess.Popen([fleet_bin(), "upgrade", "head", *scripts.args(db)],
                            cwd=fleet.cwd, env=fleet.env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not running_row(db):
            assert proc.poll() is None, f"fleet ended (exit {proc.returncode}) before r2 ran"
            assert time.monotonic() < deadline, "r2 never started"
            time.sleep(0.05)
        time.sleep(0.2)  # well inside the slow statement
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture
def half_done(fleet, kind, make_db, tmp_path):
    """A database whose r2 was killed half-way: r1 applied, t2 created, its
    row not inserted, r2's history row still 'running'."""
    scripts = Scripts(tmp_path / "m")
    write_scripts(scripts, kind)
    db = make_db()
    kill_inside_r2(fleet, scripts, db)
    if kind == "postgresql":
        # fleet's sessions ask the server to check the client every second,
        # so the killed client's backend (in pg_sleep, holding the migration
        # lock) must be gone within a few seconds, not when the sleep ends.
        deadline = time.monotonic() + 10
        while db.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%%' "
                       "AND pid <> pg_backend_pid()")[0][0]:
            assert time.monotonic() < deadline, "the killed client's backend is still running"
            time.sleep(0.1)
    assert versions(db) == {R1}
    assert "t2" in db.tables() and "t3" not in db.tables()
    return scripts, db


def test_status_and_audit_report_the_killed_step_half_done(fleet, half_done):
    scripts, db = half_done
    status = fails(fleet("status", *scripts.args(db)), 3)
    assert f"half-done: upgrade {R2} never finished (started " in status.out, status
    audit = fails(fleet("audit", *scripts.args(db)), 3)
    assert f"half-done: upgrade {R2} never finished" in audit.out, audit


def test_upgrade_and_downgrade_refuse_and_name_both_commands(fleet, half_done):
    scripts, db = half_done
    before = history(db)
    for command in (["upgrade", "head"], ["downgrade", "base"]):
        res = fails(fleet(*command, *scripts.args(db)), 1)
        assert f"upgrade {R2} was left half-done (never finished" in res.err, res
        assert "Nothing was run" in res.err, res
        assert f"`fleet retry {R2}`" in res.err and f"`fleet mark-done {R2}`" in res.err, res
    assert versions(db) == {R1}
    assert "t3" not in db.tables() and "t1" in db.tables()
    assert history(db) == before


def test_retry_runs_the_step_again_and_upgrades_go_on(fleet, kind, half_done):
    scripts, db = half_done
    # The operator removes what made it hang, keeping it re-runnable.
    write_scripts(scripts, kind, r2_upgrade="""
        CREATE TABLE IF NOT EXISTS t2 (id INTEGER PRIMARY KEY);
        INSERT INTO t2 (id) VALUES (1);""")
    ok(fleet("retry", *scripts.args(db)))
    assert versions(db) == {R2}
    assert db.query("SELECT id FROM t2") == [(1,)]
    ok(fleet("upgrade", "head", *scripts.args(db)))
    assert versions(db) == {R3}
    assert [r for r in history(db) if r[0] == R2] == [(R2, "upgrade", "running"), (R2, "upgrade", "done")]
    ok(fleet("status", *scripts.args(db)))


def test_mark_done_records_the_step_without_running_it(fleet, half_done):
    scripts, db = half_done
    # The operator finishes r2 by hand...
    db.execute("INSERT INTO t2 (id) VALUES (1)")
    res = ok(fleet("mark-done", R2, *scripts.args(db)))
    assert f"Marking done upgrade {R1} -> {R2}, two" in res.err, res
    assert versions(db) == {R2}
    # ...so fleet did not run it (the slow statement would still be running,
    # and the INSERT would have failed on the duplicate key).
    assert db.query("SELECT id FROM t2") == [(1,)]
    assert [r for r in history(db) if r[0] == R2] == [(R2, "upgrade", "running"),
                                                      (R2, "upgrade", "marked_done")]
    ok(fleet("upgrade", "head", *scripts.args(db)))
    assert versions(db) == {R3}
    ok(fleet("audit", *scripts.args(db)))


def test_retry_and_mark_done_refuse_a_revision_that_is_not_half_done(fleet, half_done):
    scripts, db = half_done
    for command in ("retry", "mark-done"):
        res = fails(fleet(command, R3, *scripts.args(db)), 2)
        assert f"revision '{R3}' is not half-done on default/default (half-done: {R2})" in res.err, res
    assert versions(db) == {R1}


def test_a_half_done_target_counts_against_the_rollout_failure_budget(fleet, tmp_path):
    """Three SQLite targets, the second with r2 half-done: with no failures
    allowed the rollout halts there (exit 4) and the third is not touched;
    with --continue-on-error the others reach head and the exit is 1."""
    scripts = Scripts(tmp_path / "m")
    write_scripts(scripts, "sqlite", r2_upgrade="CREATE TABLE IF NOT EXISTS t2 (id INTEGER PRIMARY KEY);")
    (tmp_path / "fleet.yaml").write_text(
        "script_location: m\n"
        "rollout: {concurrency: 1, canary: 1, batch: 1, max_failures: 0}\n"
        "environments:\n  dev:\n    databases:\n"
        "      - name: t-{n}\n        url: sqlite:///t{n}.db\n        for_each: {n: [a, b, c]}\n")
    ok(fleet("upgrade", R1, "--env", "dev"))
    # What a killed run leaves (the kill itself is tested above): r2's row
    # marked running and never closed, in the table the upgrade to r1 made.
    con = sqlite3.connect(tmp_path / "tb.db")
    con.execute("INSERT INTO fleet_history (run_id, step, revision, direction, started_at, outcome, "
                "fleet_version, host) VALUES ('killed', 1, ?, 'upgrade', '2000-01-01T00:00:00.000Z', "
                "'running', '0.1.0', 'h')", (R2,))
    con.commit()
    con.close()

    res = fails(fleet("upgrade", "head", "--env", "dev"), 4)
    assert "dev/t-b" in res.out and "was left half-done" in res.out, res
    assert "3 target(s): 1 done, 1 failed, 1 skipped" in res.out, res
    res = fails(fleet("upgrade", "head", "--env", "dev", "--continue-on-error"), 1)
    assert "3 target(s): 2 done, 1 failed, 0 skipped" in res.out, res
    ok(fleet("retry", "--env", "dev"))
    ok(fleet("upgrade", "head", "--env", "dev"))
    ok(fleet("status", "--env", "dev"))
