"""The read-only commands keep to the inventory's rollout limits: with
`per_host: 2`, `fleet status` and `fleet plan` never have more than two
sessions on one PostgreSQL server, however many databases it holds.

The test holds an ACCESS EXCLUSIVE lock on every database's version table,
so each read fleet starts stays visible in pg_stat_activity, waiting on it;
it then lets the databases go one at a time, in inventory order. What is
observed is positive, not timed: at each step fleet's waiting sessions are
exactly the next two databases, and never more than two."""

from __future__ import annotations

import json
import subprocess
import textwrap

import psycopg2
import pytest

from fleet_cli import Scripts, ok, wait_for

R1 = "4e1a5c0d2b7f"
COUNT = 6


@pytest.fixture
def one_server(fleet, pg, tmp_path):
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql(R1, None, "CREATE TABLE accounts (id INTEGER PRIMARY KEY);", "DROP TABLE accounts;")
    prefix, dbs = pg.create_numbered("limits", COUNT)
    url = pg.url_for(f"{prefix}_{{n}}")
    numbers = ", ".join(f'"{i:02d}"' for i in range(1, COUNT + 1))
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        script_location: migrations
        rollout: {{concurrency: 8, per_host: 2, batch: "100%"}}
        environments:
          prod:
            databases:
              - name: db-{{n}}
                url: {url}
                for_each: {{n: [{numbers}]}}
        """))
    ok(fleet("upgrade", "head", cwd=tmp_path))
    return tmp_path, dbs


@pytest.mark.parametrize("command", [["status", "--format", "json"], ["plan", "--format", "json"]])
def test_reads_keep_to_per_host(fleet, pg, one_server, command):
    root, dbs = one_server
    names = [db.name for db in dbs]
    holders = []
    for db in dbs:
        con = psycopg2.connect(db.url)
        with con.cursor() as cur:
            cur.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
        holders.append(con)
    admin = pg.admin()
    holder_pids = [con.get_backend_pid() for con in holders]

    def waiting() -> set[str]:
        with admin.cursor() as cur:
            cur.execute("SELECT datname FROM pg_stat_activity WHERE datname = ANY(%s) "
                        "AND wait_event_type = 'Lock' AND pid <> ALL(%s)", (names, holder_pids))
            found = [row[0] for row in cur.fetchall()]
        assert len(found) <= 2, f"fleet {command[0]} had {len(found)} sessions on one server " \
                                f"at once (per_host: 2): {sorted(found)}"
        return set(found)

    proc = subprocess.Popen([fleet.bin, *command], cwd=str(root), env=fleet.env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for k, con in enumerate(holders):
            # Fleet reads in inventory order, two at a time: this database
            # and the next one wait, no other has been opened.
            expected = set(names[k:k + 2])
            wait_for(lambda: waiting() == expected, f"fleet to wait on {sorted(expected)}",
                     timeout=60, every=0.01)
            con.rollback()
            wait_for(lambda: names[k] not in waiting(), f"fleet to read {names[k]}",
                     timeout=60, every=0.01)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        for con in holders:
            con.close()
        admin.close()
    assert proc.returncode == 0, err
    doc = json.loads(out)
    assert doc["targets"] and len(doc["targets"]) == COUNT
