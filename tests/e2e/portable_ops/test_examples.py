"""The example projects' revisions, as shipped, on both dialects: the
quickstart and the fleet example write their schema changes as portable YAML
operations, and the same files must migrate a PostgreSQL database as they
migrate the SQLite files the examples use. Each chain is upgraded one
revision at a time, downgraded one at a time back through the same catalogs,
and ends empty; the two dialects end at head with the same tables, columns,
nullability, keys, constraint and index names."""

from __future__ import annotations

from pathlib import Path

import pytest

import catalog
from fleet_cli import SqliteDb, ok
from op_run import same, script_args

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
CHAINS = {
    "quickstart": ["3f1c2a9b8d70", "8a4e6d0c5b21", "1a2b3c4d5e6f"],
    "fleet": ["5e1a0c3b7d21", "8c4f2e6a9b10", "1d9b7f3c5a42", "a7e3c9d1f254", "f2b6d8e0c396"],
}


def shape(cat: dict) -> dict:
    """What must agree across dialects: per table, the columns' names and
    nullability in order, the key, and the names of the constraints and
    indexes with their columns."""
    out = {}
    for name, t in cat["tables"].items():
        out[name] = {
            "columns": [(c["name"], c["nullable"]) for c in t["columns"]],
            "primary_key": t["primary_key"],
            "unique": t["unique"],
            "checks": sorted(t["checks"]),
            "foreign_keys": sorted((fk["name"], tuple(fk["columns"]), fk["referred_table"],
                                    fk["ondelete"]) for fk in t["foreign_keys"]),
            "indexes": {n: i["columns"] for n, i in t["indexes"].items()},
        }
    return out


def walk(fleet, db, example: str) -> dict:
    """Up one revision at a time and back down; returns the catalog at head."""
    args = script_args(db, EXAMPLES / example / "migrations")
    seen = [catalog.read(db)]
    for _ in CHAINS[example]:
        ok(fleet("upgrade", "+1", *args))
        seen.append(catalog.read(db))
    for i in range(len(CHAINS[example]), 0, -1):
        res = ok(fleet("downgrade", "-1", *args))
        same(db, seen[i - 1], f"after downgrading {CHAINS[example][i - 1]}", res)
    res = ok(fleet("upgrade", "head", *args))
    same(db, seen[-1], "upgrade head again", res)
    return seen[-1]


@pytest.mark.parametrize("example", sorted(CHAINS))
def test_example_revisions_run_unchanged_on_sqlite_and_postgresql(fleet, pg, tmp_path, example):
    lite = SqliteDb(tmp_path / f"{example}.db")
    at_head = {"sqlite": walk(fleet, lite, example), "postgresql": walk(fleet, pg.create(), example)}
    assert shape(at_head["sqlite"]) == shape(at_head["postgresql"]), \
        catalog.diff(at_head["sqlite"], at_head["postgresql"])


def test_quickstart_requiring_a_body_keeps_rows_indexes_and_the_foreign_key(fleet, make_db, kind):
    """SQLite rebuilds extractions for the NOT NULL; the other dialect alters
    the column in place."""
    db = make_db("quickstart")
    args = script_args(db, EXAMPLES / "quickstart" / "migrations")
    ok(fleet("upgrade", "8a4e6d0c5b21", *args))
    db.execute("INSERT INTO accounts (email) VALUES ('ada@example.com')")
    db.execute("INSERT INTO extractions (account_id, body) VALUES (1, 'first'), (1, NULL)")
    offline = ok(fleet("upgrade", "8a4e6d0c5b21:head", "--sql", *args))
    if kind == "sqlite":
        assert "ALTER TABLE _fleet_rebuild_extractions RENAME TO extractions;" in offline.out, offline
    else:
        assert "ALTER TABLE extractions ALTER COLUMN body SET NOT NULL;" in offline.out, offline
    res = ok(fleet("upgrade", "head", *args))
    assert db.query("SELECT id, account_id, body, review_notes FROM extractions ORDER BY id") == \
        [(1, 1, "first", None), (2, 1, "", None)], res
    cat = catalog.read(db)
    assert catalog.column(cat, "extractions", "body")["nullable"] is False
    [fk] = cat["tables"]["extractions"]["foreign_keys"]
    assert (fk["name"], fk["referred_table"], fk["ondelete"]) == \
        ("fk_extractions_account_id_accounts", "accounts", "CASCADE"), catalog.show(cat)
    assert "ix_extractions_account_id" in cat["tables"]["extractions"]["indexes"]
    # The foreign key still acts: deleting the account deletes its extractions.
    if kind == "sqlite":
        db.execute("PRAGMA foreign_keys = ON; DELETE FROM accounts")
    else:
        db.execute("DELETE FROM accounts")
    assert db.query("SELECT count(*) FROM extractions") == [(0,)]
