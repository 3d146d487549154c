"""The `schema` key: on PostgreSQL every operation that takes it works in that
schema (the table, its constraints, indexes, renames and drops), its derived
downgrade too, and the names follow the convention without the schema. On
SQLite a schema is an attached database, as in Alembic: one that is not
attached fails the revision with SQLite's message, and nothing stays."""

from __future__ import annotations

from fleet_cli import SqliteDb, fails, ok, versions
from op_run import script_args
from yaml_revisions import write_chain

SCHEMA = {"upgrade": [{"execute": {"postgresql": "CREATE SCHEMA billing", "sqlite": "SELECT 1"}}],
          "downgrade": [{"execute": {"postgresql": "DROP SCHEMA billing", "sqlite": "SELECT 1"}}]}
TABLES = {"upgrade": [
    {"create_table": {"name": "plans", "schema": "billing", "columns": [
        {"name": "id", "type": "integer", "primary_key": True},
        {"name": "code", "type": "varchar(10)", "unique": True}]}},
    {"create_table": {"name": "subs", "schema": "billing", "columns": [
        {"name": "id", "type": "integer", "primary_key": True},
        {"name": "plan_id", "type": "integer"}]}},
    {"add_column": {"table": "subs", "schema": "billing",
                    "column": {"name": "note", "type": "text", "unique": True}}},
    {"create_index": {"table": "subs", "schema": "billing", "columns": ["plan_id"]}},
    {"alter_column": {"table": "subs", "schema": "billing", "column": "note", "type": "varchar(50)"}},
    {"rename_table": {"table": "subs", "schema": "billing", "new_name": "subscriptions"}},
]}
DROP_NOTE = {"upgrade": [{"drop_column": {"table": "subscriptions", "schema": "billing",
                                          "column": "note"}}]}


def objects(db) -> dict:
    """billing's tables with their columns, constraints and indexes (public's are none)."""
    out = {}
    for (table,) in db.query("SELECT table_name FROM information_schema.tables "
                             "WHERE table_schema = 'billing' ORDER BY 1"):
        out[table] = {
            "columns": db.query("SELECT column_name, data_type FROM information_schema.columns "
                                "WHERE table_schema = 'billing' AND table_name = %s "
                                "ORDER BY ordinal_position", (table,)),
            "constraints": sorted(r[0] for r in db.query(
                "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(%s)",
                (f"billing.{table}",))),
            "indexes": sorted(r[0] for r in db.query(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'billing' AND tablename = %s",
                (table,))),
        }
    return out


def test_every_operation_works_in_the_schema_on_postgresql(fleet, pg, tmp_path):
    db = pg.create()
    r1, r2, r3 = write_chain(tmp_path / "m" / "versions", [SCHEMA, TABLES, DROP_NOTE])
    args = script_args(db, tmp_path / "m")
    ok(fleet("upgrade", r2, *args))
    at_r2 = objects(db)
    assert at_r2 == {
        "plans": {"columns": [("id", "integer"), ("code", "character varying")],
                  "constraints": ["pk_plans", "uq_plans_code"], "indexes": ["pk_plans", "uq_plans_code"]},
        "subscriptions": {"columns": [("id", "integer"), ("plan_id", "integer"),
                                      ("note", "character varying")],
                          "constraints": ["pk_subs", "uq_subs_note"],
                          "indexes": ["ix_subs_plan_id", "pk_subs", "uq_subs_note"]},
    }, at_r2
    assert db.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
                    "AND table_name IN ('plans', 'subs', 'subscriptions')") == [(0,)]
    ok(fleet("upgrade", r3, *args))
    assert [c for c, _ in objects(db)["subscriptions"]["columns"]] == ["id", "plan_id"]
    ok(fleet("downgrade", r2, *args))        # derived: note back, from the replayed schema
    assert objects(db) == at_r2
    ok(fleet("downgrade", r1, *args))        # derived: renamed back, then dropped
    assert objects(db) == {}
    ok(fleet("downgrade", "base", *args))
    assert db.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'") == [(0,)]


def test_on_sqlite_a_schema_is_an_attached_database(fleet, tmp_path):
    db = SqliteDb(tmp_path / "app.db")
    r1, _r2, _r3 = write_chain(tmp_path / "m" / "versions", [SCHEMA, TABLES, DROP_NOTE])
    args = script_args(db, tmp_path / "m")
    ok(fleet("upgrade", r1, *args))
    res = fails(fleet("upgrade", "head", *args), 1)
    assert "CREATE TABLE billing.plans (" in res.err and "unknown database billing" in res.err, res
    assert versions(db) == {r1}
    assert db.tables() == {"alembic_version", "fleet_history"}
