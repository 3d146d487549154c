"""`fleet lint` with an inventory and no database named checks the revisions
alone, for the dialects of the inventory's databases: here SQLite only,
whose dialect it must find without a made-up URL (one with a host was
refused as an invalid SQLite URL, exit 2)."""

from __future__ import annotations

import json

from fleet_cli import Scripts, SqliteDb, dev_inventory, linear_chain, redact


def test_lint_without_a_database_checks_a_sqlite_inventorys_revisions(fleet, tmp_path):
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 2)
    dbs = [SqliteDb(tmp_path / f"t{i}.db") for i in range(3)]
    dev_inventory(tmp_path, scripts, {f"t{i}": db for i, db in enumerate(dbs)})
    result = fleet("lint", "head", "--format", "json", cwd=tmp_path)
    assert result.rc == 0, redact(result.both)
    report = json.loads(result.out)
    assert report["findings"] == [], redact(result.out)
    # Nothing was opened: a database file lint had touched would exist.
    assert not any(db.path.exists() for db in dbs)
