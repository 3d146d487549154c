"""A database's schema as one plain, comparable value, whichever the dialect:

  {"tables": {name: {"columns": [{name, type, nullable, default, identity, comment}],
                     "primary_key": {name, columns} | None,
                     "unique": {name: [columns]},
                     "checks": {name: condition},
                     "foreign_keys": [{name, columns, referred_table, referred_columns,
                                       ondelete, onupdate}],
                     "indexes": {name: {columns, unique, where, sql}},
                     "comment": text | None}},
   "enums": {name: [labels]}, "views": {name: sql}, "triggers": {name: sql}}

Types, defaults and conditions are as the database reports them
(catalog_sqlite.py, catalog_pg.py). The bookkeeping tables (alembic_version,
fleet_history) are left out, so a database after `downgrade base` reads as
an empty one."""

from __future__ import annotations

import json
import os

BOOKKEEPING = {"alembic_version", "fleet_history"}


def read(db) -> dict:
    """The catalog of db: a fleet_cli SqliteDb or PgDb (or differential_dbs')."""
    if db.kind == "sqlite":
        import catalog_sqlite
        if not os.path.exists(str(db.path)):
            return empty("sqlite")        # reading would create the file
        return catalog_sqlite.read(str(db.path))
    import catalog_pg
    return catalog_pg.read(db.conn())


def rows(db, table: str) -> list[tuple]:
    """The rows of table, sorted."""
    if db.kind == "sqlite":
        import catalog_sqlite
        return catalog_sqlite.rows(str(db.path), table)
    import catalog_pg
    return catalog_pg.rows(db.conn(), table)


def show(catalog: dict) -> str:
    """The catalog as indented JSON, for assertion messages."""
    return json.dumps(catalog, indent=1, sort_keys=True, default=str)


def column(catalog: dict, table: str, name: str) -> dict:
    """One column of one table; fails naming what the table has."""
    assert table in catalog["tables"], f"no table {table}: {sorted(catalog['tables'])}"
    cols = catalog["tables"][table]["columns"]
    found = [c for c in cols if c["name"] == name]
    assert found, f"no column {table}.{name}: {[c['name'] for c in cols]}"
    return found[0]


def column_names(catalog: dict, table: str) -> list[str]:
    assert table in catalog["tables"], f"no table {table}: {sorted(catalog['tables'])}"
    return [c["name"] for c in catalog["tables"][table]["columns"]]


def empty(kind: str) -> dict:
    """What read() gives for a database with nothing in it."""
    out = {"tables": {}, "enums": {}, "views": {}, "triggers": {}}
    if kind == "postgresql":
        out["sequences"] = []
    return out


def diff(expected: dict, actual: dict) -> str:
    """A unified diff of two catalogs, for assertion messages."""
    import difflib
    return "\n".join(difflib.unified_diff(show(expected).splitlines(), show(actual).splitlines(),
                                          "expected", "actual", lineterm="", n=4))
