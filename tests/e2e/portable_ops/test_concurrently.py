"""postgresql_concurrently: on PostgreSQL the revision holding it runs outside
a transaction, with the bookkeeping of a `transactional: false` revision: a
'running' fleet_history row before, 'done' after, and a failure left
half-done for `fleet retry`; `plan` marks it. On SQLite the key means
nothing and the revision runs in its transaction as usual."""

from __future__ import annotations

from fleet_cli import SqliteDb, fails, history, ok, versions
from op_run import script_args
from yaml_revisions import write_chain

THINGS = {"upgrade": [{"create_table": {"name": "things", "columns": [
    {"name": "id", "type": "integer", "primary_key": True},
    {"name": "code", "type": "varchar(10)"}]}}]}
UNIQUE_CODE = {"upgrade": [{"create_index": {"table": "things", "columns": ["code"], "unique": True,
                                             "postgresql_concurrently": True}}]}
STATEMENT = "CREATE UNIQUE INDEX CONCURRENTLY ix_things_code ON things (code)"


def in_transaction(sql: str, statement: str) -> bool:
    """Whether statement sits between a BEGIN; and its COMMIT; in sql."""
    depth = 0
    for line in sql.splitlines():
        depth += line == "BEGIN;"
        depth -= line == "COMMIT;"
        if line.startswith(statement):
            return depth > 0
    raise AssertionError(f"{statement} is not in:\n{sql}")


def index_state(db) -> list:
    return db.query("SELECT indisvalid, indisunique FROM pg_index WHERE indexrelid = "
                    "to_regclass('ix_things_code')")


def test_postgresql_concurrently_runs_outside_the_transaction_and_a_failure_is_half_done(
        fleet, pg, tmp_path):
    db = pg.create()
    r1, r2 = write_chain(tmp_path / "m" / "versions", [THINGS, UNIQUE_CODE])
    args = script_args(db, tmp_path / "m")
    plan = ok(fleet("plan", "head", *args))
    assert f"upgrade {r1} -> {r2} (step {r2}) [non-transactional]" in plan.out, plan
    assert f"upgrade base -> {r1} (step {r1})\n" in plan.out, plan
    offline = ok(fleet("upgrade", f"{r1}:head", "--sql", *args))
    assert not in_transaction(offline.out, STATEMENT + ";"), offline
    assert offline.out.rstrip().endswith("COMMIT;") and "BEGIN;\n\nCOMMIT;" not in offline.out, offline

    ok(fleet("upgrade", r1, *args))
    db.execute("INSERT INTO things VALUES (1, 'a'), (2, 'a')")
    res = fails(fleet("upgrade", "head", *args), 1)
    assert f"revision {r2} failed" in res.err and STATEMENT in res.err, res
    assert "could not create unique index" in res.err, res
    # What PostgreSQL leaves of a failed concurrent build: an invalid index.
    assert index_state(db) == [(False, True)]
    assert versions(db) == {r1}
    assert [h for h in history(db) if h[0] == r2] == [(r2, "upgrade", "failed")]
    status = fails(fleet("status", *args), 3)
    assert f"half-done: upgrade {r2} failed" in status.out, status
    res = fails(fleet("upgrade", "head", *args), 1)
    assert f"`fleet retry {r2}`" in res.err and "Nothing was run" in res.err, res

    # The operator removes the duplicate and the invalid index, then retries.
    db.execute("DELETE FROM things WHERE id = 2; DROP INDEX ix_things_code")
    ok(fleet("retry", *args))
    assert versions(db) == {r2}
    assert index_state(db) == [(True, True)]
    ok(fleet("status", *args))

    # The derived downgrade drops it concurrently too, outside a transaction.
    offline = ok(fleet("downgrade", f"{r2}:{r1}", "--sql", *args))
    assert not in_transaction(offline.out, "DROP INDEX CONCURRENTLY ix_things_code;"), offline
    ok(fleet("downgrade", "-1", *args))
    assert index_state(db) == [] and versions(db) == {r1}
    assert [h[1:] for h in history(db) if h[0] == r2] == [
        ("upgrade", "failed"), ("upgrade", "done"), ("downgrade", "done")]


def test_on_sqlite_the_concurrently_key_means_nothing(fleet, tmp_path):
    db = SqliteDb(tmp_path / "app.db")
    r1, r2 = write_chain(tmp_path / "m" / "versions", [THINGS, UNIQUE_CODE])
    args = script_args(db, tmp_path / "m")
    plan = ok(fleet("plan", "head", *args))
    assert "[non-transactional]" not in plan.out, plan
    offline = ok(fleet("upgrade", "head", "--sql", *args))
    assert "CREATE UNIQUE INDEX ix_things_code ON things (code);" in offline.out, offline
    assert "CONCURRENTLY" not in offline.out, offline
    assert in_transaction(offline.out, "CREATE UNIQUE INDEX ix_things_code"), offline
    ok(fleet("upgrade", "head", *args))
    assert db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'ix_things_code'") \
        == [("ix_things_code",)]
