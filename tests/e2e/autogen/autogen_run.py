"""Driving autogenerate on one database: a project folder with an empty
script directory, the declared schema written as SQL, and the fleet calls
the tests make (revision --autogenerate, check, upgrade, downgrade)."""

from __future__ import annotations

from pathlib import Path

import catalog
from fleet_cli import SqliteDb, fails, ok, pg_admin_url


class Project:
    def __init__(self, fleet, db, root: Path, env: dict | None = None):
        self.fleet, self.db, self.root, self.env = fleet, db, Path(root), env
        (self.root / "migrations" / "versions").mkdir(parents=True, exist_ok=True)

    def call(self, *args):
        return self.fleet(*args, cwd=self.root, env=self.env)

    def args(self, source: Path | str) -> list[str]:
        out = ["--url", self.db.url, "--script-location", str(self.root / "migrations"),
               "--from", str(source)]
        if self.db.kind == "postgresql":
            out += ["--dev-url", pg_admin_url()]
        return out

    def declare(self, name: str, sql: str) -> Path:
        path = self.root / f"{name}.sql"
        path.write_text(sql)
        return path

    def autogenerate(self, source, message: str):
        return ok(self.call("revision", "--autogenerate", "-m", message, *self.args(source)))

    def check(self, source, rc: int = 0):
        res = self.call("check", *self.args(source))
        return ok(res) if rc == 0 else fails(res, rc)

    def migrate(self, *command):
        return ok(self.call(*command, "--url", self.db.url, "--script-location",
                            str(self.root / "migrations")))

    def revisions(self) -> list[Path]:
        return sorted((self.root / "migrations" / "versions").glob("*.yaml"))


class Direct:
    """A database of the test's kind that a declared schema is loaded into as
    written, emptied before each load (cheaper than a new database)."""

    def __init__(self, db):
        self.db = db

    def load(self, sql: str):
        empty(self.db)
        self.db.execute(sql)
        return self.db


def empty(db):
    """Removes everything from `db`: the SQLite file, or PostgreSQL's public
    schema with every table, type and sequence in it."""
    if isinstance(db, SqliteDb):
        if db.path.exists():
            db.path.unlink()
    else:
        db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def comparable(cat: dict) -> dict:
    """A catalog with each table's columns in name order: a column added by
    a revision goes last, where the declared schema may have it earlier."""
    out = {**cat, "tables": {}}
    for name, t in cat["tables"].items():
        out["tables"][name] = {**t, "columns": sorted(t["columns"], key=lambda c: c["name"])}
    return out


def same_schema(db, reference, when: str, res=None):
    actual, expected = comparable(catalog.read(db)), comparable(catalog.read(reference))
    assert actual == expected, f"{when}: the catalogs differ\n{catalog.diff(expected, actual)}\n{res or ''}"
