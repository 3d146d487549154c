"""What the import tests do with both tools: run Alembic's commands in this
process on a project, run `fleet import alembic`, and compare catalogs as
far as the two tools are meant to agree."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path

import catalog
import expect
from fleet_cli import ok


def alembic(ini: Path, url: str | None, verb: str, *args) -> str:
    """Alembic's command `verb` on the project of ini, against url; its output."""
    from alembic import command
    from alembic.config import Config
    cfg = Config(str(ini), stdout=io.StringIO())
    if url:
        cfg.attributes["url"] = url
    getattr(command, verb)(cfg, *args)
    return cfg.stdout.getvalue()


def fleet_import(fleet, project: Path, to: Path, *more, rc: int = 0):
    """`fleet import alembic project --to to --format json`: the report."""
    res = fleet("import", "alembic", project, "--to", to, "--format", "json", *more)
    assert res.rc == rc, f"expected exit {rc}:\n{res}"
    return json.loads(res.out)


def target(db, scripts: Path) -> list:
    return ["--url", db.url, "--script-location", scripts]


_GROUP = re.compile(r"\(([^()]*, [^()]*)\)")


def lines(text: str) -> list[str]:
    """The lines, sorted, each "(a, b)" group sorted too: Alembic lists a
    revision's branch labels from a set, in no fixed order."""
    def sort_group(m):
        return "(" + ", ".join(sorted(m.group(1).split(", "))) + ")"
    return sorted(_GROUP.sub(sort_group, line.rstrip()) for line in text.splitlines()
                  if line.strip())


def graph_listings(fleet, ini: Path, scripts: Path) -> None:
    """heads, history and branches print the same lines from both tools."""
    for verb in ("heads", "history", "branches"):
        theirs = alembic(ini, None, verb)
        ours = ok(fleet(verb, "--script-location", scripts)).out
        assert lines(ours) == lines(theirs), f"`{verb}` differs:\nAlembic:\n{theirs}\nfleet:\n{ours}"


_NOW = re.compile(r"\bnow\(\)", re.I)


def _default(column: dict) -> str | None:
    text = expect.default(column)
    if text is None or text.startswith("nextval("):
        return None
    # func.now() comes over as the portable CURRENT_TIMESTAMP.
    return _NOW.sub("CURRENT_TIMESTAMP", text).replace("current_timestamp", "CURRENT_TIMESTAMP")


def comparable(cat: dict, kind: str) -> dict:
    """The catalog as far as an imported project must reproduce Alembic's:
    a serial key and an identity key are the same autoincrement key (fleet
    writes identity columns); defaults without casts and outer parentheses;
    on SQLite, types by affinity and constraint names left out (SQLite
    keeps only what the CREATE TABLE text says, and Alembic leaves them
    unnamed where fleet names them); columns in name order."""
    out = copy.deepcopy(cat)
    out.pop("sequences", None)
    for table in out["tables"].values():
        for column in table["columns"]:
            column["identity"] = bool(column.get("identity")) or \
                str(column.get("default") or "").startswith("nextval(")
            column["default"] = _default(column)
            if kind == "sqlite":
                column["type"] = expect.affinity(column["type"])
                column["identity"] = False
        if kind == "sqlite":
            if table["primary_key"]:
                table["primary_key"]["name"] = None
            table["unique"] = sorted(table["unique"].values())
            for fk in table["foreign_keys"]:
                fk["name"] = None
            table["foreign_keys"].sort(key=lambda f: f["columns"])
        for index in table["indexes"].values():
            index.pop("sql", None)
        # Two branches that each add a column to one table add them in the
        # order the tool walks the branches, which Alembic leaves to the
        # order it loaded the files: the set of columns is what must agree.
        table["columns"].sort(key=lambda c: c["name"])
    return out


def same_schema(expected_db, actual_db, kind: str, when: str, story: str = "") -> None:
    expected = comparable(catalog.read(expected_db), kind)
    actual = comparable(catalog.read(actual_db), kind)
    assert actual == expected, (f"{when}: fleet's schema differs from Alembic's\n{story}\n"
                                f"{catalog.diff(expected, actual)}")
    for table, shape in expected["tables"].items():
        assert rows(actual_db, table, shape) == rows(expected_db, table, shape), \
            f"{when}: the rows of {table} differ\n{story}"


def rows(db, table: str, shape: dict | None = None) -> list:
    """The rows of a table, sorted, without the columns a clock fills
    (a CURRENT_TIMESTAMP default differs between any two runs)."""
    columns = [c["name"] for c in shape["columns"]
               if "CURRENT_TIMESTAMP" not in str(c["default"] or "")]
    listed = ", ".join(f'"{c}"' for c in columns)
    return sorted(map(tuple, db.query(f'SELECT {listed} FROM "{table}"')), key=repr)
