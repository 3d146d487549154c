"""fleet check against Alembic 1.8's compare_metadata on the generated pairs
(schemagen.py): "before" is loaded into database A, the current side, and
"after" into database B, the declared side. Alembic compares A with B
reflected into SQLAlchemy metadata (compare_type and compare_server_default
on); fleet runs `check --format json --from B --url A`. Both answers become
(kind, table, object) keys (difference_keys.py), and:

- every key Alembic reports, fleet reports too, unless it is an Alembic
  false positive of a kind listed in ALEMBIC_FALSE_POSITIVES whose object
  the catalogs of A and B show alike;
- every key fleet reports and Alembic does not is of a kind listed in
  FLEET_ONLY, and the catalogs of A and B show that object differently.

Each dialect's counts per kind are printed at the end of the session (the
terminal summary, with or without -s), for the record of what each tool sees."""

from __future__ import annotations

import collections
import json

import pytest

import alembic_compare
import catalog
import schemagen
from autogen_run import Project
from difference_keys import alembic_keys, fleet_keys

# SQLAlchemy warns of each expression index it skips: FLEET_ONLY says why.
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

# Kinds fleet reports that Alembic 1.8 does not, with why; each seen in the
# generated pairs.
FLEET_ONLY = {
    "check added": "Alembic does not compare CHECK constraints; fleet does, by their "
                   "expressions (INTERFACE.md: \"unique and CHECK constraints (by their "
                   "expressions)\")",
    "check removed": "as \"check added\"",
    "expression index added": "SQLAlchemy 1.4 does not reflect an index on an expression "
                              "(\"Skipped unsupported reflection of expression-based index\"), "
                              "so Alembic never sees one; fleet detects \"indexes (unique, "
                              "partial, expression)\" (INTERFACE.md)",
    "expression index removed": "as \"expression index added\"",
    "enum labels changed": "Alembic 1.8 compares an enum column's type by its name alone, so "
                           "labels added to or removed from a PostgreSQL enum type go unseen; "
                           "fleet detects \"enum types\" (INTERFACE.md) and writes the change",
}

UNCOMPARED = " (Alembic failed comparing defaults)"
FLEET_ONLY["column default changed" + UNCOMPARED] = (
    "Alembic 1.8 cannot compare a string default holding a quote on PostgreSQL: it writes "
    "SELECT 'it''s'::text = \"it's\", which the server refuses; the pair is compared again "
    "without defaults")

# Kinds Alembic reports where nothing differs, with why; each occurrence is
# checked against the catalogs before it is let through.
ALEMBIC_FALSE_POSITIVES = {
    "column default changed": "on SQLite Alembic 1.8 compares default texts: the current side's "
                              "CURRENT_TIMESTAMP and 2.5 come wrapped in parentheses, "
                              "(CURRENT_TIMESTAMP) and (2.5), the declared side's not; and a "
                              "string default holding a quote, 'it''s', has its quotes undone on "
                              "one side only",
}

# kind of database -> side -> Counter of key kinds, over the session.
COUNTS: dict = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))


def fleet_operations(fleet, current, declared, root) -> list[dict]:
    project = Project(fleet, current, root)
    res = project.call("check", "--format", "json", *project.args(declared.url))
    assert res.rc in (0, 3), res
    document = json.loads(res.out)
    assert document["exit_code"] == res.rc, res
    return document["operations"]


def catalogs_agree(key: tuple, a: dict, b: dict) -> bool:
    """Whether A's and B's catalogs hold the object of `key` alike."""
    kind, table, name = key
    kind = kind.removeprefix("expression ")
    ta, tb = a["tables"].get(table), b["tables"].get(table)
    if ta is None or tb is None:
        return ta is tb
    if kind == "table comment changed":
        return ta["comment"] == tb["comment"]
    if kind == "enum labels changed":
        types = {c["type"] for t in (ta, tb) for c in t["columns"] if c["name"] == name}
        return all(a["enums"].get(t) == b["enums"].get(t) for t in types)
    if kind.startswith("column"):
        ca = [c for c in ta["columns"] if c["name"] == name]
        cb = [c for c in tb["columns"] if c["name"] == name]
        field = {"column type changed": "type", "column nullable changed": "nullable",
                 "column default changed": "default",
                 "column comment changed": "comment"}.get(kind)
        if not ca or not cb or field is None:
            return bool(ca) == bool(cb) and ca == cb
        return ca[0][field] == cb[0][field]
    if kind.startswith("foreign key"):
        return ([k for k in ta["foreign_keys"] if k["name"] == name] ==
                [k for k in tb["foreign_keys"] if k["name"] == name])
    part = {"index": "indexes", "unique": "unique", "check": "checks",
            "primary key": "primary_key"}[kind.rsplit(" ", 1)[0]]
    if part == "primary_key":
        return ta[part] == tb[part]
    return ta[part].get(name) == tb[part].get(name)


def is_expression_index(key: tuple, *catalogs: dict) -> bool:
    for cat in catalogs:
        index = cat["tables"].get(key[1], {}).get("indexes", {}).get(key[2])
        if index and any(c == "<expr>" or "(" in c for c in index["columns"]):
            return True
    return False


def refine(keys: set, cat_a: dict, cat_b: dict) -> set:
    """An index on an expression is a kind of its own: SQLAlchemy cannot
    reflect one, so Alembic sees none, while fleet compares them."""
    return {("expression " + k[0], k[1], k[2])
            if k[0].startswith("index ") and is_expression_index(k, cat_a, cat_b) else k
            for k in keys}


def record(kind_of_db: str, side: str, keys) -> None:
    COUNTS[kind_of_db][side].update(k[0] for k in keys)


def test_fleet_check_reports_every_difference_alembic_does(fleet, pair_dbs, kind, tmp_path,
                                                           pair_seed):
    before, after = schemagen.pair(pair_seed, kind)
    before_sql, after_sql = schemagen.sql(before, kind), schemagen.sql(after, kind)
    current, declared = pair_dbs
    current.execute(before_sql)
    declared.execute(after_sql)
    pairs_sql = f"--- before (A)\n{before_sql}--- after (B)\n{after_sql}"

    cat_a, cat_b = catalog.read(current), catalog.read(declared)
    diffs, defaults_compared = alembic_compare.diffs_or_without_defaults(current, declared)
    theirs = refine(alembic_keys(diffs), cat_a, cat_b)
    operations = fleet_operations(fleet, current, declared, tmp_path)
    ours = refine(fleet_keys(operations), cat_a, cat_b)
    if not defaults_compared:
        ours = {(k[0] + UNCOMPARED, k[1], k[2]) if k[0] == "column default changed" else k
                for k in ours}
    COUNTS[kind]["pairs"]["pairs"] += 1
    record(kind, "fleet", ours)
    record(kind, "alembic", theirs)

    missed = sorted(theirs - ours, key=str)
    unexplained = [k for k in missed
                   if k[0] not in ALEMBIC_FALSE_POSITIVES or not catalogs_agree(k, cat_a, cat_b)]
    assert not unexplained, (f"Alembic reports what fleet check does not: {unexplained}\n"
                             f"{pairs_sql}--- fleet\n{json.dumps(operations, indent=1)}")
    record(kind, "alembic false positives", missed)

    extra = sorted(ours - theirs, key=str)
    unlisted = [k for k in extra if k[0] not in FLEET_ONLY]
    assert not unlisted, (f"fleet check reports what Alembic does not, of a kind not in "
                          f"FLEET_ONLY: {unlisted}\n{pairs_sql}")
    unreal = [k for k in extra if catalogs_agree(k, cat_a, cat_b)]
    assert not unreal, f"fleet check reports what the catalogs show alike: {unreal}\n{pairs_sql}"
    record(kind, "fleet only", extra)


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    """The counts per kind, handed after the module's last test to
    conftest.py's terminal summary (output here would be captured)."""
    yield
    lines = []
    for kind_of_db, sides in sorted(COUNTS.items()):
        lines.append(f"compare_metadata differential, {kind_of_db}: "
                     f"{sides['pairs']['pairs']} pairs")
        for k in sorted(set(sides["fleet"]) | set(sides["alembic"])):
            line = f"  {k}: fleet {sides['fleet'][k]}, Alembic {sides['alembic'][k]}"
            if sides["fleet only"][k]:
                line += f", fleet only {sides['fleet only'][k]}"
            if sides["alembic false positives"][k]:
                line += f", Alembic false positives {sides['alembic false positives'][k]}"
            lines.append(line)
    request.config.fleet_differential_summary = lines
