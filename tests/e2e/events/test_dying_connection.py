"""A transactional: false revision whose statement fails because its own
connection dies (the statement terminates its session): writing the step's
`failed` history row then fails too, and the error fleet prints must still be
the one naming the revision and the statement, not the lost connection's."""

from __future__ import annotations

from fleet_cli import Scripts


def test_the_error_naming_revision_and_statement_survives_a_dead_connection(fleet, pg, tmp_path):
    db = pg.create()
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql("a001", None, "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;")
    scripts.sql("a002", "a001", "SELECT pg_terminate_backend(pg_backend_pid());", "SELECT 1;",
                transactional="false")
    res = fleet("upgrade", "head", *scripts.args(db))
    assert res.rc == 1, res
    assert "revision a002 failed" in res.err, res
    assert "statement: SELECT pg_terminate_backend(pg_backend_pid())" in res.err, res
    # The history row could not be written: the error says so rather than
    # hiding it.
    assert "history" in res.err, res
    # a001 committed before; a002 is recorded as started (half-done), since
    # its `failed` row could not be written.
    assert [r[0] for r in db.query("SELECT version_num FROM alembic_version")] == ["a001"]
