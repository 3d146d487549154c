"""Offline SQL of every op_cases case on both dialects, compared with golden
files: `fleet upgrade head --sql` then `fleet downgrade HEAD:base --sql`
(the derived downgrade), with no database (the SQLite file is never made;
the PostgreSQL URL points at a closed port). The SQLite ones include the
table rebuilds, printed from the table definitions the revisions build.

golden/<case>_<dialect>.sql opens with '-- golden:' lines saying what it
shows. To create or refresh them after a change to fleet's SQL:
    FLEET_UPDATE_GOLDEN=1 FLEET_BIN=build/fleet /usr/bin/python3 -m pytest -q \\
        -p no:cacheprovider tests/e2e/portable_ops/test_offline_sql.py
and review `git diff tests/e2e/portable_ops/golden` before committing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import op_cases
from fleet_cli import ok
from op_run import write_case

GOLDEN = Path(__file__).parent / "golden"
URLS = {"sqlite": "sqlite:///never-created.db", "postgresql": "postgresql://app@127.0.0.1:1/app"}
PARAMS = [(name, kind) for name, case in op_cases.CASES.items() for kind in case.kinds]


def normalised(sql: str) -> str:
    """Offline output with what changes from run to run fixed: run ids,
    checksums, fleet's version and the host name."""
    sql = re.sub(r"'[0-9a-f]{32}'", "'<run-id>'", sql)
    sql = re.sub(r"'[0-9a-f]{64}'", "'<checksum>'", sql)
    return re.sub(r"'[0-9]+\.[0-9]+\.[0-9]+', '[^']*'\)", "'<version>', '<host>')", sql)


def header(name: str, kind: str) -> str:
    return (f"-- golden: offline SQL of the portable-operation case '{name}' on {kind}\n"
            f"-- golden: (tests/e2e/portable_ops/op_cases.py): `fleet upgrade head --sql`, then\n"
            f"-- golden: the downgrade (derived unless written), `fleet downgrade HEAD:base --sql`.\n")


def without_header(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("-- golden:"))


@pytest.mark.parametrize("name,kind", PARAMS, ids=[f"{n}-{k}" for n, k in PARAMS])
def test_offline_sql_matches_its_golden_file(fleet, tmp_path, name, kind):
    revs = write_case(tmp_path / "m", op_cases.CASES[name])
    args = ["--url", URLS[kind], "--script-location", tmp_path / "m"]
    up = ok(fleet(*args, "upgrade", "head", "--sql"))
    down = ok(fleet(*args, "downgrade", f"{revs[-1]}:base", "--sql"))
    actual = normalised(f"-- fleet upgrade head --sql\n{up.out}"
                        f"-- fleet downgrade {revs[-1]}:base --sql\n{down.out}")
    assert not (tmp_path / "never-created.db").exists(), "--sql made the SQLite file"
    path = GOLDEN / f"{name}_{kind}.sql"
    if os.environ.get("FLEET_UPDATE_GOLDEN"):
        path.write_text(header(name, kind) + actual)
    assert path.exists(), (f"no golden file {path.name}: create it with FLEET_UPDATE_GOLDEN=1 "
                           f"(see this file's docstring), review it, commit it. fleet printed:\n"
                           f"{actual}")
    assert actual == without_header(path.read_text()), f"{path.name} differs; fleet printed:\n{actual}"
