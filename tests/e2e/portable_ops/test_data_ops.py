"""execute (with a written downgrade; per-dialect SQL), bulk_insert (rows
land; its downgrade is written), and the SQLite rebuild with foreign keys
ON: after a rebuild of the parent, the children are there, their ON DELETE
action still works and foreign_key_check is clean."""

from __future__ import annotations

import sqlite3

import pytest

import catalog
from op_run import round_trip, script_args
import op_cases
from fleet_cli import fails, ok, versions


def test_execute_runs_each_dialects_sql_and_its_written_downgrade(run_case, kind):
    cat, db = run_case("execute")
    assert "raw_t" in cat["tables"]
    assert catalog.rows(db, "raw_t") == [(1, "pg" if kind == "postgresql" else "lite")]


def test_bulk_insert_rows_land_with_quotes_and_nulls(run_case):
    cat, db = run_case("bulk_insert")
    assert catalog.rows(db, "orgs") == [(1, "acme"), (2, "umbrella"), (3, "it's"), (4, "fourth")]
    assert catalog.rows(db, "members")[2] == (12, 2, None, 7)


def test_bulk_insert_without_a_written_downgrade_refuses_the_downgrade(fleet, make_db, tmp_path):
    db = make_db()
    case = op_cases.Case(op_cases.family({"bulk_insert": {"table": "orgs", "rows": [{"id": 5, "name": "e"}]}}))
    from op_run import write_case
    revs = write_case(tmp_path / "s", case)
    args = script_args(db, tmp_path / "s")
    ok(fleet("upgrade", "head", *args))
    before = catalog.read(db), versions(db)
    res = fails(fleet("downgrade", "base", *args), 2)
    assert "bulk_insert" in res.err and revs[-1] in res.err, res
    assert (catalog.read(db), versions(db)) == before, "a refused downgrade ran something"


@pytest.mark.parametrize("kind", ["sqlite"])
@pytest.mark.parametrize("change", ["alter_column_nullable", "alter_column_type", "create_check"])
def test_a_rebuild_of_the_parent_keeps_the_children_with_foreign_keys_on(fleet, make_db, tmp_path,
                                                                         change):
    steps = {"alter_column_nullable": {"alter_column": {"table": "orgs", "column": "name",
                                                        "nullable": True}},
             "alter_column_type": {"alter_column": {"table": "orgs", "column": "name",
                                                    "type": "varchar(200)"}},
             "create_check": {"create_check_constraint": {"table": "orgs",
                                                          "condition": "length(name) > 0"}}}
    db = make_db()
    cat = round_trip(fleet, db, tmp_path / "s", op_cases.Case(op_cases.family(steps[change])))
    assert catalog.rows(db, "orgs") == [(1, "acme"), (2, "umbrella")]
    assert [r[:2] for r in catalog.rows(db, "members")] == [(10, 1), (11, 1), (12, 2)]
    con = sqlite3.connect(str(db.path))
    try:
        con.execute("PRAGMA foreign_keys = ON")
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute("DELETE FROM orgs WHERE id = 1")
        con.commit()
        left = con.execute("SELECT id FROM members ORDER BY id").fetchall()
    finally:
        con.close()
    assert left == [(12,)], "ON DELETE CASCADE from members to orgs did not survive the rebuild"
    assert cat["tables"]["members"]["foreign_keys"][0]["referred_table"] == "orgs"
