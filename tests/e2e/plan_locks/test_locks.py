"""`fleet locks`, and the `locked` state of `fleet status`, end to end: a
real `fleet upgrade` stuck in a slow PostgreSQL revision, and a SQLite lock
file held by this test the way the driver holds it (flock plus the holder's
name), read by the real binary while they hold the lock."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import textwrap

import pytest

from fleet_cli import Scripts, SqliteDb, fails, ok, wait_for

R1, R2 = "1a2b3c4d5e6f", "3f2a1c9e7b10"
SECRET = "hunter2-secret"

INVENTORY = textwrap.dedent(f"""\
    script_location: migrations
    lock: {{timeout: 1s}}
    environments:
      dev:
        databases:
          - name: core
            url: ${{CORE_URL}}
          - name: app
            url: sqlite:///app.db
          - name: fresh
            url: sqlite:///fresh.db
      broken:
        databases:
          - name: down
            url: postgresql://fleet:{SECRET}@127.0.0.1:1/nowhere
    """)


class LockFleet:
    """dev/core (PostgreSQL) and dev/app (SQLite) at R1, dev/fresh never
    created, broken/down unreachable. R2 sleeps on PostgreSQL, so an upgrade
    of dev/core holds its lock for as long as the test needs."""

    def __init__(self, fleet, pg, root):
        self.fleet, self.root = fleet, root
        scripts = Scripts(root / "migrations")
        scripts.sql(R1, None, "CREATE TABLE accounts (id INTEGER PRIMARY KEY);", "DROP TABLE accounts;",
                    message="create accounts")
        scripts.write(f"{R2}_slow.sql", textwrap.dedent(f"""\
            -- revision: {R2}
            -- down_revision: {R1}
            -- message: slow backfill

            -- +upgrade postgresql
            SELECT pg_sleep(120);

            -- +upgrade
            SELECT 1;

            -- +downgrade
            SELECT 1;
            """))
        self.core = pg.create()
        self.app = SqliteDb(root / "app.db")
        self.env = {"CORE_URL": self.core.url}
        (root / "fleet.yaml").write_text(INVENTORY)
        fleet.secrets.add(SECRET)
        for name in ("dev/core", "dev/app"):
            ok(self.run("-n", name, "upgrade", R1))

    def run(self, *args):
        return self.fleet("-c", "fleet.yaml", *args, cwd=self.root, env=self.env)

    def locks_json(self, *args) -> dict:
        res = self.run("locks", "--format", "json", *args)
        assert res.rc in (0, 1), res
        return {t["name"]: t for t in json.loads(res.out)["targets"]}


@pytest.fixture
def locked(fleet, pg, tmp_path) -> LockFleet:
    return LockFleet(fleet, pg, tmp_path)


def test_nobody_holding_a_lock_is_one_line_and_exit_0(locked):
    res = ok(locked.run("--env", "dev", "locks"))
    assert res.out == "3 of 3 targets: no migration lock held\n"
    assert not (locked.root / "fresh.db").exists()
    assert not (locked.root / "fresh.db-fleet.lock").exists()


def test_an_unreachable_target_is_listed_with_its_reason_and_exit_1(locked):
    res = fails(locked.run("locks"), 1)
    assert "unreachable: broken/down: cannot connect to postgresql://fleet:***@127.0.0.1:1/nowhere" \
        in res.out, res
    assert res.out.startswith("unreachable: "), res      # no held lock: no table
    assert res.out.endswith("3 of 4 targets: no migration lock held; 1 could not be asked\n")
    assert SECRET not in res.out + res.err
    doc = locked.locks_json()
    assert doc["broken/down"]["state"] == "unreachable" and doc["broken/down"]["error"]


def test_a_running_postgresql_upgrade_is_named_by_locks_and_status(locked):
    cmd = [locked.fleet.bin, "-c", "fleet.yaml", "-n", "dev/core", "upgrade", "head"]
    upgrade = subprocess.Popen(cmd, cwd=str(locked.root), env=locked.fleet.env(locked.env),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        held = wait_for(lambda: (lambda t: t if t["state"] == "held" else None)(
            locked.locks_json("--env", "dev")["dev/core"]), "the upgrade to take its lock")
        # The holder is the upgrade's session, now sleeping in R2.
        sleeper = wait_for(lambda: locked.core.query(
            "SELECT pid FROM pg_stat_activity WHERE left(query, 20) = 'SELECT pg_sleep(120)'"),
            "the upgrade to reach its slow revision")[0][0]
        holders = held["holders"]
        assert [h["pid"] for h in holders] == [sleeper]
        assert holders[0]["since"]

        res = ok(locked.run("--env", "dev", "locks"))
        lines = res.out.splitlines()
        assert lines[0].split() == ["TARGET", "PID", "APPLICATION", "CLIENT", "SINCE", "ACTIVITY"]
        assert lines[1].startswith(f"dev/core  {sleeper}  ")
        assert "pg_sleep(120)" in lines[1]
        assert res.out.endswith("2 of 3 targets: no migration lock held; 1 held\n")

        status = locked.run("--env", "dev", "status")
        assert status.rc == 3, status
        row = [line for line in status.out.splitlines() if line.split()[:2] == ["dev", "core"]]
        assert row and f"locked: pid {sleeper}" in row[0], status
        doc = json.loads(locked.run("--env", "dev", "status", "--format", "json").out)
        core = [t for t in doc["targets"] if t["database"] == "core"][0]
        assert core["state"] == "locked" and f"pid {sleeper}" in core["detail"]
        assert core["pending"] == 1
    finally:
        locked.core.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                          "WHERE left(query, 20) = 'SELECT pg_sleep(120)'")
        out, err = upgrade.communicate(timeout=60)
    assert upgrade.returncode == 1, err
    # Gone with its session: free again, and status back to behind.
    assert locked.locks_json("--env", "dev")["dev/core"]["state"] == "free"
    status = fails(locked.run("-n", "dev/core", "status"), 3)
    assert "behind 1" in status.out


def test_a_held_sqlite_lock_file_is_named_by_locks_and_status(locked):
    holder = open(str(locked.app.path.resolve()) + "-fleet.lock", "a+")
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        holder.write(f"pid {os.getpid()}\nhost testhost\napplication pytest-holder\n"
                     "since 2026-01-01T00:00:00Z\n")
        holder.flush()
        res = ok(locked.run("--env", "dev", "locks"))
        assert (f"dev/app  {os.getpid()}  pytest-holder  testhost  2026-01-01T00:00:00Z  -\n"
                in res.out), res
        app = locked.locks_json("--env", "dev")["dev/app"]
        assert app["state"] == "held"
        assert app["holders"] == [{"pid": os.getpid(), "application": "pytest-holder",
                                   "client": "testhost", "since": "2026-01-01T00:00:00Z",
                                   "activity": ""}]
        status = fails(locked.run("-n", "dev/app", "status"), 3)
        assert (f"locked: pid {os.getpid()} (application 'pytest-holder', client testhost, "
                "since 2026-01-01T00:00:00Z)") in status.out, status
        # Planning reads without the lock: a held lock does not stop a plan.
        plan = ok(locked.run("-n", "dev/app", "plan"))
        assert "1 target would run 1 step: dev/app" in plan.out
    finally:
        holder.close()
    assert locked.locks_json("--env", "dev")["dev/app"]["state"] == "free"
