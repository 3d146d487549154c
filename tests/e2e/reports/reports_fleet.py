"""A SQLite fleet whose rollout fails on chosen targets, and the helpers the
reports tests share: the history of each target (to see which ones a run
touched), and golden files with times made stable."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

from rollout_fleet import SqliteTarget, write_chain

TENANTS = ["acme", "globex", "initech", "umbrella", "hooli", "stark"]
GOLDEN = Path(__file__).parent / "golden"


def make_fleet(root: Path, failing: list[str], tenants: list[str] = TENANTS,
               rollout: str = "{concurrency: 2, canary: 0, max_failures: 10}") -> dict:
    """root/fleet.yaml: environment prod, one SQLite tenant per name, the
    rollout tests' five-revision chain. Each tenant of `failing` already has
    the table the first revision creates, so its upgrade fails there (and
    rolls back whole). Returns the targets by name ("prod/t-acme")."""
    write_chain(root / "migrations")
    (root / "prod").mkdir(parents=True, exist_ok=True)
    (root / "fleet.yaml").write_text(textwrap.dedent(f"""\
        rollout: {rollout}
        environments:
          prod:
            databases:
              - name: t-{{t}}
                url: sqlite:///prod/{{t}}.db
                for_each: {{t: [{", ".join(tenants)}]}}
        """))
    targets = {f"prod/t-{t}": SqliteTarget(root / f"prod/{t}.db", f"prod/t-{t}") for t in tenants}
    for t in failing:
        targets[f"prod/t-{t}"].execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, legacy TEXT);")
    return targets


def fix(targets: dict, names: list[str]):
    """Removes the cause of the failure: the table that was in the way."""
    for name in names:
        targets[name].execute("DROP TABLE accounts;")


def history_rows(target) -> set[tuple]:
    """Every fleet_history row (run_id, step, revision, direction, outcome);
    empty when there is no such table."""
    if "fleet_history" not in target.tables():
        return set()
    return set(target.query("SELECT run_id, step, revision, direction, outcome FROM fleet_history"))


def check_golden(name: str, text: str):
    """Compares text with golden/NAME, whose lines starting with a golden
    marker ("<!-- golden:", "# golden:") say what it shows and are not
    compared. FLEET_UPDATE_GOLDEN=1 rewrites it, keeping those lines first
    (after an XML declaration)."""
    path = GOLDEN / name
    lines = path.read_text().splitlines(keepends=True) if path.exists() else []
    marker = re.compile(r"^(<!-- golden:|# golden:)")
    header = [line for line in lines if marker.match(line)]
    expected = "".join(line for line in lines if not marker.match(line))
    if os.environ.get("FLEET_UPDATE_GOLDEN"):
        body = text.splitlines(keepends=True)
        cut = 1 if body and body[0].startswith("<?xml") else 0
        path.write_text("".join(body[:cut] + header + body[cut:]))
        return
    assert text == expected, f"golden/{name} differs:\n{text}"
