"""Writes fleet YAML revisions (INTERFACE.md, "A YAML revision: portable
operations") from plain Python values: a chain of revisions, each a map with
`upgrade` (a list of one-key steps) and optionally `downgrade`."""

from __future__ import annotations

from pathlib import Path

import yaml


def rev_id(i: int) -> str:
    """The id of the i-th revision of a chain (1-based): 12 hex digits."""
    return f"{i:04x}0a0b{i:04x}"


def revision_text(rev: str, down: str | None, upgrade: list, downgrade: list | None = None,
                  message: str = "") -> str:
    doc = {"revision": rev, "down_revision": down, "message": message or f"step {rev}",
           "upgrade": upgrade}
    if downgrade is not None:
        doc["downgrade"] = downgrade
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=100)


def write_chain(versions: Path, revisions: list[dict], prefix: str = "") -> list[str]:
    """Writes revisions (each {upgrade: [...], downgrade: [...]?}) as a chain
    into the folder versions; returns their ids, base first."""
    versions = Path(versions)
    versions.mkdir(parents=True, exist_ok=True)
    ids, down = [], None
    for i, r in enumerate(revisions, 1):
        rev = rev_id(i)
        text = revision_text(rev, down, r["upgrade"], r.get("downgrade"), r.get("message", ""))
        (versions / f"{rev}_{prefix}step{i}.yaml").write_text(text)
        ids.append(rev)
        down = rev
    return ids
