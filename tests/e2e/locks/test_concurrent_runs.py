"""Two `fleet upgrade head` processes started together on one database: the
migration lock lets one migrate while the other waits, so every revision runs
exactly once, and both tell the truth (the second finds nothing to do, or
reports that it timed out waiting for the lock)."""

from __future__ import annotations

import subprocess

from fleet_cli import Scripts, redact

REVISIONS = 8


def write_logging_chain(scripts: Scripts, n: int) -> list[str]:
    """n revisions; each inserts one row into migration_log (made by the
    first), so a revision run twice shows as a duplicate row, and each takes a
    little time so two runs overlap."""
    revs, prev = [], None
    for i in range(1, n + 1):
        rev = f"c{i:03d}"
        up = ""
        if i == 1:
            up += "CREATE TABLE migration_log (rev VARCHAR(32) NOT NULL);\n"
        up += f"CREATE TABLE t{i} (id INTEGER);\n"
        up += f"INSERT INTO migration_log (rev) VALUES ('{rev}');\n"
        scripts.sql(rev, prev, up, f"DROP TABLE t{i};", message=f"step {i}")
        revs.append(rev)
        prev = rev
    return revs


def test_two_upgrades_started_together_apply_each_revision_once(fleet, make_db, tmp_path):
    db = make_db("race")
    scripts = Scripts(tmp_path / "migrations")
    revs = write_logging_chain(scripts, REVISIONS)
    if db.kind == "sqlite":
        db.execute("SELECT 1")  # the file exists before the race: both open one database
    cmd = [fleet.bin, "upgrade", "head", *scripts.args(db)]
    procs = [subprocess.Popen(cmd, cwd=str(tmp_path), env=fleet.env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p, *p.communicate(timeout=120)) for p in procs]
    report = "\n".join(redact(f"exit {p.returncode}\n{out}{err}") for p, out, err in results)

    rows = [r[0] for r in db.query("SELECT rev FROM migration_log ORDER BY rev")]
    assert rows == revs, report                                   # each exactly once
    assert {r[0] for r in db.query("SELECT version_num FROM alembic_version")} == {revs[-1]}
    done = db.query("SELECT count(*) FROM fleet_history WHERE outcome = 'done'")[0][0]
    assert done == REVISIONS, report

    codes = sorted(p.returncode for p, _, _ in results)
    assert codes in ([0, 0], [0, 1]), report
    # The one that migrated logged every step; with both at 0 the other ran none.
    logs = [err.count("Running upgrade") for _, _, err in results]
    if codes == [0, 0]:
        assert sorted(logs) == [0, REVISIONS], report
    else:
        loser = next(err for p, _, err in results if p.returncode == 1)
        assert "waiting for the migration lock" in loser, report


def fnv1a_lock_id(database: str, schema: str, table: str) -> int:
    """fleet's PostgreSQL advisory lock id (plugins/postgres/postgres_migration_lock.cpp),
    recomputed here so the test also pins it: a changed id would let an old and
    a new fleet migrate one schema at once."""
    h = 14695981039346656037
    for name in ("fleet migration lock", database, schema, table):
        for byte in name.encode() + b"\0":
            h = ((h ^ byte) * 1099511628211) % (1 << 64)
    return h - (1 << 64) if h >= (1 << 63) else h


def write_inventory(tmp_path, db, scripts: Scripts, timeout: str = "1s") -> None:
    (tmp_path / "fleet.yaml").write_text(
        f"script_location: {scripts.root}\n"
        f"lock: {{timeout: {timeout}}}\n"
        f"environments:\n  dev:\n    databases:\n      - name: app\n        url: {db.url}\n")


def test_a_held_lock_times_out_naming_its_holder(fleet, make_db, tmp_path):
    """Another process holds the target's migration lock: fleet waits
    lock.timeout, exits 1 naming the holder, and has changed nothing."""
    db = make_db("held")
    scripts = Scripts(tmp_path / "migrations")
    write_logging_chain(scripts, 2)
    write_inventory(tmp_path, db, scripts)
    if db.kind == "sqlite":
        import fcntl
        import os
        db.execute("SELECT 1")
        holder = open(str(db.path.resolve()) + "-fleet.lock", "a+")
        fcntl.flock(holder, fcntl.LOCK_EX)
        holder.write(f"pid {os.getpid()}\nhost testhost\napplication pytest-holder\nsince 2026-01-01T00:00:00Z\n")
        holder.flush()
        expected = [f"pid {os.getpid()}", "application 'pytest-holder'"]
    else:
        import psycopg2
        holder = psycopg2.connect(db.url, application_name="pytest-holder")
        holder.autocommit = True
        with holder.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s), pg_backend_pid()",
                        (fnv1a_lock_id(db.name, "public", "alembic_version"),))
            pid = cur.fetchone()[1]
        expected = [f"pid {pid}", "application 'pytest-holder'", "client 127.0.0.1"]
    try:
        res = fleet("upgrade", "head")
        assert res.rc == 1, res
        assert "waiting for the migration lock of" in res.err, res
        for text in expected:
            assert text in res.err, res
        assert "alembic_version" not in db.tables(), res
    finally:
        holder.close()
    # Released (the holder is gone): the same command now goes through.
    res = fleet("upgrade", "head")
    assert res.rc == 0, res
