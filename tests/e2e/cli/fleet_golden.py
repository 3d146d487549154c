"""Golden files of the many-target reports (status, plan, diff, audit): the
comparison, and the normalisation of a report's temporary paths, database
names and test-server address that comes before it.

A golden file opens with '#' lines saying what it shows; the rest is the
expected output. FLEET_UPDATE_GOLDEN=1 rewrites it from the run, keeping
those lines; review the diff before committing it."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?")


def check_golden(path: Path, actual: str):
    """Asserts that actual equals the golden file at path, less its header."""
    header = [line for line in path.read_text().splitlines(keepends=True) if line.startswith("#")] \
        if path.exists() else []
    if os.environ.get("FLEET_UPDATE_GOLDEN"):
        path.write_text("".join(header) + actual)
    assert path.exists(), f"no golden file {path}: run with FLEET_UPDATE_GOLDEN=1 and review it"
    expected = "".join(line for line in path.read_text().splitlines(keepends=True) if not line.startswith("#"))
    assert header, f"{path} must open with '#' lines saying what it shows"
    assert actual == expected, f"{path.name} differs from the golden file:\n{actual}"


def normalise(text: str, root: Path, labels: dict, times: bool = False) -> str:
    """text with root as <tmp>, each PostgreSQL database name (a key of
    labels, unique per run) as its fixed label, optionally every ISO time as
    <time>, and the server's address in a URL of a labelled database as
    <server>."""
    text = text.replace(str(root), "<tmp>")
    for name, label in labels.items():
        text = text.replace(name, label)
    if times:
        text = TIME.sub("<time>", text)
    alternatives = "|".join(re.escape(label) for label in labels.values())
    return re.sub(rf"postgresql://([^@/\s\"]*@)?[^/\s\"]+/({alternatives})",
                  r"postgresql://<server>/\2", text)
