"""A full disk under a SQLite target: the database file lives on a small
tmpfs, and a revision that writes more than fits fails with exit 1 and an
error naming the revision, the statement and SQLite's disk-full message. The
run rolls back: the file passes PRAGMA integrity_check and is exactly as it
was before that revision's transaction (version table, tables, rows). Once
there is room again, the same command finishes the job. The same when the
disk fills only at COMMIT (SQLite then keeps the transaction open: the driver
must roll it back). Needs root (mount)."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from fault_fleet import CHAIN_LENGTH, HEAD, REVS, SqliteTarget, level, write_chain, write_inventory
from fleet_cli import fails, ok

MIB = 1024 * 1024
FILLER_REVISION = 4          # its transaction writes more than the disk holds
FILLER_MIB = 4               # more than SQLite's 2 MiB page cache: the INSERT itself fails


def filler_sql(kib: int) -> str:
    return f"""
        CREATE TABLE filler (b BLOB NOT NULL);
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {kib})
        INSERT INTO filler (b) SELECT randomblob(1024) FROM c;
    """


@contextmanager
def tmpfs(path: Path, size: str):
    path.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


def dump(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL text."""
    con = sqlite3.connect(str(path))
    try:
        return list(con.iterdump())
    finally:
        con.close()


def integrity(path: Path) -> list:
    con = sqlite3.connect(str(path))
    try:
        return con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("make_room", ["remount", "delete_filler_file"])
@pytest.mark.parametrize("per_migration", [False, True], ids=["one_transaction", "per_migration"])
def test_a_full_disk_fails_the_revision_leaves_a_valid_database_and_a_rerun_succeeds(
        fleet, tmp_path, per_migration, make_room):
    scripts = tmp_path / "migrations"
    write_chain(scripts, extra={FILLER_REVISION: filler_sql(FILLER_MIB * 1024)})
    with tmpfs(tmp_path / "disk", "1m" if make_room == "remount" else "8m") as disk:
        target = SqliteTarget(disk / "app.db", "prod/app")
        write_inventory(tmp_path, [target], per_migration=per_migration)
        ok(fleet("upgrade", REVS[1]))
        if make_room == "delete_filler_file":
            # Leaves about 1.5 MiB of the 8: less than the revision writes.
            (disk / "filler.bin").write_bytes(b"\0" * (6 * MIB + MIB // 2))
        before = dump(target.path)
        assert level(target) == 2

        res = fails(fleet("upgrade", "head"), 1)

        message = res.both
        assert REVS[FILLER_REVISION - 1] in message, res
        assert "INSERT INTO filler" in message, res
        assert "database or disk is full" in message, res
        assert integrity(target.path) == [("ok",)], res
        assert not (disk / "app.db-journal").exists(), "a journal was left behind"
        if per_migration:
            # Revision 3 committed on its own before revision 4 ran out of room.
            assert level(target) == FILLER_REVISION - 1, res
        else:
            assert level(target) == 2, res
            assert dump(target.path) == before, "the failed run changed the database"

        if make_room == "remount":
            subprocess.run(["mount", "-o", "remount,size=16m", str(disk)], check=True)
        else:
            (disk / "filler.bin").unlink()
        ok(fleet("upgrade", "head"))
        assert integrity(target.path) == [("ok",)]
        assert level(target) == CHAIN_LENGTH
        assert target.query("SELECT count(*) FROM filler") == [(FILLER_MIB * 1024,)]


@pytest.mark.parametrize("per_migration", [False, True], ids=["one_transaction", "per_migration"])
def test_a_disk_that_fills_at_commit_fails_the_commit_and_rolls_back(fleet, tmp_path, per_migration):
    """1.2 MiB fits in SQLite's page cache, so no statement fails: the disk
    fills when COMMIT writes the pages out. SQLite then keeps the transaction
    open; the driver rolls it back, and the error names the revision and the
    COMMIT as it would a failed statement."""
    scripts = tmp_path / "migrations"
    write_chain(scripts, extra={FILLER_REVISION: filler_sql(1200)})
    with tmpfs(tmp_path / "disk", "1m") as disk:
        target = SqliteTarget(disk / "app.db", "prod/app")
        write_inventory(tmp_path, [target], per_migration=per_migration)
        ok(fleet("upgrade", REVS[1]))
        before = dump(target.path)

        res = fails(fleet("upgrade", "head"), 1)
        assert "COMMIT failed, so the transaction was rolled back: database or disk is full" in res.err, res
        # Named like a failed statement: the revision whose transaction it
        # was (the run's last, when the whole run is one transaction).
        failed = REVS[FILLER_REVISION - 1] if per_migration else HEAD
        assert f"revision {failed} failed\n  statement: COMMIT\n" in res.err, res
        assert integrity(target.path) == [("ok",)], res
        assert not (disk / "app.db-journal").exists(), "a journal was left behind"
        if per_migration:
            assert level(target) == FILLER_REVISION - 1, res
        else:
            assert level(target) == 2, res
            assert dump(target.path) == before, "the failed run changed the database"

        subprocess.run(["mount", "-o", "remount,size=16m", str(disk)], check=True)
        ok(fleet("upgrade", "head"))
        assert integrity(target.path) == [("ok",)]
        assert level(target) == CHAIN_LENGTH
