"""Generated Alembic projects (alembic_projects.py: graphgen graphs with
branches, merges, labels and depends_on, whose revisions carry op.* bodies)
imported with `fleet import alembic`, then checked against Alembic itself:

- every revision comes over with its graph fields, as YAML unless it runs
  SQL text (then as SQL from Alembic's offline mode);
- `heads`, `history` and `branches` print the same lines from both tools;
- a database Alembic upgraded part of the way is taken to the heads by
  fleet, with no stamp, and ends with the schema and rows Alembic's own
  `upgrade heads` gives; then `fleet downgrade base` empties it as Alembic's
  `downgrade base` empties its own.

The totals over the run (revisions, the share that became YAML) are printed
at the end of the session (conftest.py)."""

from __future__ import annotations

import random

import graphgen
from alembic_projects import write_project
from fleet_cli import ok
from import_run import alembic, fleet_import, graph_listings, same_schema, target

TOTALS = {"projects": 0, "revisions": 0, "yaml": 0, "sql": 0, "by_hand": 0}


def _story(g, tmp_path) -> str:
    return f"{g.describe()}\n(project in {tmp_path})"


def test_an_imported_project_carries_on_where_alembic_left_it(fleet, make_db, kind,
                                                              project_seed, tmp_path):
    g = graphgen.generate(1000 + project_seed, min_revs=4, max_revs=10)
    project = tmp_path / "project"
    uses_sql = write_project(g, str(project))
    ini = project / "alembic.ini"
    scripts = tmp_path / "migrations"
    story = _story(g, tmp_path)

    report = fleet_import(fleet, ini, scripts)
    got = {r["revision"]: r["as"] for r in report["revisions"]}
    assert sorted(got) == sorted(g.ids()), story
    for rev, sql in uses_sql.items():
        assert got[rev] == ("sql" if sql else "yaml"), f"{rev}: {report}\n{story}"
    TOTALS["projects"] += 1
    TOTALS["revisions"] += len(got)
    for how in got.values():
        TOTALS[how] += 1

    graph_listings(fleet, ini, scripts)

    theirs, ours = make_db("alembic"), make_db("fleet")
    alembic(ini, theirs.url, "upgrade", "heads")
    # Alembic takes ours part of the way: up to a random revision (with
    # what it needs), then fleet goes on from Alembic's version table.
    midpoint = random.Random(project_seed).choice(g.ids())
    alembic(ini, ours.url, "upgrade", midpoint)
    ok(fleet("upgrade", "heads", *target(ours, scripts)))
    same_schema(theirs, ours, kind, "upgrade heads after Alembic's upgrade "
                f"{midpoint}", story)

    alembic(ini, theirs.url, "downgrade", "base")
    ok(fleet("downgrade", "base", *target(ours, scripts)))
    same_schema(theirs, ours, kind, "downgrade base", story)

