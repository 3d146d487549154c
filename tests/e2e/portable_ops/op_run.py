"""Runs one op_cases.Case through fleet and checks that every step reverses:
upgrade one revision at a time (the catalog read after each), downgrade one
at a time (each catalog back to the one before that revision), upgrade head
(the same catalog as the first time), downgrade base (empty again), upgrade
head (the same again). Returns the catalog at head. After undoing a
drop_column (and below it) the column order may differ (the column goes back last, as
Alembic's add_column puts it); everything else must be equal."""

from __future__ import annotations

import copy
from pathlib import Path

import catalog
from fleet_cli import ok
from yaml_revisions import write_chain


def script_args(db, root: Path) -> list[str]:
    return ["--url", db.url, "--script-location", str(root)]


def write_case(root: Path, case) -> list[str]:
    return write_chain(Path(root) / "versions", list(case.revisions))


def columns_by_name(cat: dict) -> dict:
    """cat with each table's columns sorted by name: a dropped column put back
    by a derived downgrade goes last (add_column), on both dialects."""
    out = copy.deepcopy(cat)
    for t in out["tables"].values():
        t["columns"].sort(key=lambda c: c["name"])
    return out


def same(db, expected: dict, when: str, res, any_column_order: bool = False) -> None:
    actual = catalog.read(db)
    if any_column_order:
        actual, expected = columns_by_name(actual), columns_by_name(expected)
    assert actual == expected, f"{when}: the catalog differs\n{catalog.diff(expected, actual)}\n{res}"


def round_trip(fleet, db, root: Path, case) -> dict:
    revs = write_case(root, case)
    args = script_args(db, root)
    seen = [catalog.read(db)]
    for rev in revs:
        ok(fleet("upgrade", "+1", *args))
        seen.append(catalog.read(db))
    drops = False
    for i in range(len(revs), 0, -1):
        res = ok(fleet("downgrade", "-1", *args))
        # Once a dropped column is back (last), the revisions below see it there too.
        drops = drops or any("drop_column" in step for step in case.revisions[i - 1]["upgrade"])
        same(db, seen[i - 1], f"after the derived downgrade of revision {i} ({revs[i - 1]})", res,
             any_column_order=drops)
    res = ok(fleet("upgrade", "head", *args))
    same(db, seen[-1], "upgrade head after downgrading every revision", res)
    res = ok(fleet("downgrade", "base", *args))
    same(db, seen[0], "downgrade base", res)
    res = ok(fleet("upgrade", "head", *args))
    same(db, seen[-1], "upgrade head a second time", res)
    return seen[-1]
