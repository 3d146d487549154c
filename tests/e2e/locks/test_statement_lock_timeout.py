"""A psycopg2 session holds ACCESS EXCLUSIVE on a table fleet must ALTER: the
ALTER gives up at lock.statement_lock_timeout, the transaction is rolled back
and retried with backoff; it succeeds once the test releases the lock during
the retries, and with the lock never released fleet exits 1 naming the
blocker's pid and query."""

from __future__ import annotations

import threading
import time

import psycopg2

from fleet_cli import Scripts


def prepare(tmp_path, db, retries: int = 3):
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql("a001", None, "CREATE TABLE migration_log (rev VARCHAR(32));\n"
                "INSERT INTO migration_log VALUES ('a001');", "DROP TABLE migration_log;")
    scripts.sql("a002", "a001", "ALTER TABLE busy ADD COLUMN note VARCHAR(20);\n"
                "INSERT INTO migration_log VALUES ('a002');",
                "ALTER TABLE busy DROP COLUMN note;")
    (tmp_path / "fleet.yaml").write_text(
        f"script_location: {scripts.root}\n"
        f"lock: {{timeout: 5s, statement_lock_timeout: 1s, retries: {retries}}}\n"
        f"environments:\n  dev:\n    databases:\n      - name: app\n        url: {db.url}\n")
    db.execute("CREATE TABLE busy (id INTEGER)")
    blocker = psycopg2.connect(db.url, application_name="busy-app")
    cur = blocker.cursor()
    cur.execute("SELECT pg_backend_pid()")
    pid = cur.fetchone()[0]
    # Last, so it is the query pg_stat_activity shows for the blocker.
    cur.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE")
    return blocker, pid


def wait_for_lock_wait(db, timeout: float = 20.0) -> None:
    """Until a fleet session waits for a table lock (its ALTER is blocked)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fleet' "
                    "AND wait_event_type = 'Lock'")[0][0]:
            return
        time.sleep(0.05)
    raise AssertionError("fleet never waited for the table lock")


def test_postgresql_alter_behind_a_busy_table_retries_and_succeeds_once_released(fleet, pg, tmp_path):
    db = pg.create()
    blocker, _ = prepare(tmp_path, db)

    def release():
        wait_for_lock_wait(db)
        time.sleep(1.5)  # past the first 1s timeout: a retry is under way
        blocker.rollback()

    releaser = threading.Thread(target=release)
    releaser.start()
    try:
        res = fleet("upgrade", "head", timeout=60)
    finally:
        releaser.join()
        blocker.close()
    assert res.rc == 0, res
    assert "retrying in" in res.err, res
    assert [r[0] for r in db.query("SELECT rev FROM migration_log ORDER BY rev")] == ["a001", "a002"]
    assert "note" in db.columns("busy")
    assert [r[0] for r in db.query("SELECT version_num FROM alembic_version")] == ["a002"]


def test_postgresql_lock_never_released_fails_naming_the_blocker(fleet, pg, tmp_path):
    db = pg.create()
    blocker, pid = prepare(tmp_path, db, retries=2)
    try:
        started = time.monotonic()
        res = fleet("upgrade", "head", timeout=60)
        took = time.monotonic() - started
    finally:
        blocker.rollback()
        blocker.close()
    assert res.rc == 1, res
    assert res.err.count("retrying in") == 2, res
    assert "lock timeout" in res.err, res
    assert f"blocked by pid {pid}" in res.err, res
    assert "application 'busy-app'" in res.err, res
    assert "LOCK TABLE busy IN ACCESS EXCLUSIVE MODE" in res.err, res
    assert "still locked after 2 retries" in res.err, res
    assert took >= 3.0, res  # three attempts of 1s
    # One transaction per run: nothing of it stayed.
    assert "migration_log" not in db.tables(), res
    assert "alembic_version" not in db.tables(), res
