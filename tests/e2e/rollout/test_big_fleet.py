"""One inventory of 230 targets of the three kinds: 200 SQLite tenant files
(for_each over a list), 20 PostgreSQL databases (for_each over numbers in the
URL) and 10 tenant schemas in one PostgreSQL database (for_each setting
`schema` and `version_table_schema`). `fleet upgrade head` on the three
environments, named, brings every one to the head with each step run once;
`fleet downgrade base` takes every one back to an empty version table."""

from __future__ import annotations

import textwrap

from fleet_cli import ok
from rollout_fleet import (CHAIN, HEAD, REVS, PgTarget, SqliteTarget, create_databases, create_schemas,
                           history, level, seed_rows, server_url, summary, versions, write_chain)

N_SQLITE, N_PG, N_SCHEMAS = 200, 20, 10


def build(fleet, pg, root):
    write_chain(root / "migrations")
    (root / "tenants").mkdir()
    tenants = [f"t{i:03d}" for i in range(N_SQLITE)]
    prefix, dbs = create_databases(pg, N_PG + 1)
    registry, dbs = dbs[-1], dbs[:-1]
    slugs = [f"s{i:02d}" for i in range(N_SCHEMAS)]
    create_schemas(registry, [f"t_{s}" for s in slugs])
    numbers = ", ".join(f'"{i:02d}"' for i in range(1, N_PG + 1))
    (root / "fleet.yaml").write_text(textwrap.dedent(f"""\
        script_location: migrations
        rollout: {{concurrency: 4, per_host: 4, canary: 1, batch: [5, "25%"]}}
        environments:
          tenants:
            databases:
              - name: tenant-{{t}}
                url: sqlite:///tenants/{{t}}.db
                for_each: {{t: [{", ".join(tenants)}]}}
          databases:
            rollout: {{batch: 10}}
            databases:
              - name: db-{{n}}
                url: ${{PG_SERVER}}/{prefix}_{{n}}
                for_each: {{n: [{numbers}]}}
          schemas:
            databases:
              - name: schema-{{slug}}
                url: ${{PG_SERVER}}/{registry.name}
                schema: t_{{slug}}
                version_table_schema: t_{{slug}}
                for_each: {{slug: [{", ".join(slugs)}]}}
        """))
    targets = [SqliteTarget(root / "tenants" / f"{t}.db", f"tenants/tenant-{t}") for t in tenants]
    targets += [PgTarget(db, f"databases/db-{i:02d}") for i, db in enumerate(dbs, start=1)]
    targets += [PgTarget(registry, f"schemas/schema-{s}", schema=f"t_{s}") for s in slugs]
    env = {"PG_SERVER": server_url(pg)}
    return targets, registry, env


def test_230_targets_of_three_kinds_go_to_head_and_back_to_base(fleet, pg, tmp_path):
    targets, registry, env = build(fleet, pg, tmp_path)
    envs = ["--env", "tenants", "--env", "databases", "--env", "schemas"]

    res = ok(fleet("-c", "fleet.yaml", "upgrade", "head", *envs, env=env, timeout=300))
    assert summary(res.out) == {"total": 230, "done": 230, "failed": 0, "skipped": 0, "cancelled": 0,
                                "tail": ""}, res
    assert "rollout: 230 targets in 3 environments" in res.err, res
    assert "tenants: canary wave, 1 target" in res.err and "tenants: batch 1 of 5, 5 targets" in res.err, res
    assert "databases: batch 2 of 2, 9 targets" in res.err, res
    for t in targets:
        assert level(t) == len(CHAIN), t.name
        assert versions(t) == {HEAD}, t.name
        assert seed_rows(t) == 3, t.name
        assert history(t) == [(r, "upgrade", "done") for r in REVS], t.name
    # The tenant schemas hold their own tables; public of their database holds none.
    assert PgTarget(registry, "registry public").tables() == set()

    # fleet itself agrees: every environment up to date.
    res = ok(fleet("-c", "fleet.yaml", "status", env=env, timeout=300))
    assert "tenants: 200 targets, 200 up to date" in res.out, res
    assert "databases: 20 targets, 20 up to date" in res.out, res
    assert "schemas: 10 targets, 10 up to date" in res.out, res

    # A second upgrade finds nothing to do anywhere.
    res = ok(fleet("-c", "fleet.yaml", "upgrade", "head", *envs, env=env, timeout=300))
    assert summary(res.out)["done"] == 230 and res.err.count("(0 steps)") == 230, res
    assert all(seed_rows(t) == 3 and len(history(t)) == len(REVS) for t in targets)

    res = ok(fleet("-c", "fleet.yaml", "downgrade", "base", *envs, env=env, timeout=300))
    assert summary(res.out) == {"total": 230, "done": 230, "failed": 0, "skipped": 0, "cancelled": 0,
                                "tail": ""}, res
    for t in targets:
        assert versions(t) == set(), t.name                 # the version table stays, empty
        assert t.tables() == {"alembic_version", "fleet_history"}, t.name
        assert level(t) == 0
        downs = [h for h in history(t) if h[1] == "downgrade"]
        assert downs == [(r, "downgrade", "done") for r in reversed(REVS)], t.name
