"""SIGINT in the middle of a rollout. Once: nothing new starts, the running
targets finish their run (one transaction) or stop after the revision in
progress (transaction_per_migration, reported cancelled), the rest are
reported skipped, the exit code is 1, and a second run of the same command
finishes the job. Twice: the running statements are cancelled and those
targets roll back; a target waiting for its migration lock must give up too.
Either way no target is half-migrated: every revision's objects exist
exactly when the version table says the revision ran."""

from __future__ import annotations

import fcntl
import re
import textwrap
import time

import pytest

from fleet_cli import ok
from rollout_fleet import (CHAIN, HEAD, REVS, PgTarget, Running, SqliteTarget, create_databases,
                           create_schemas, history, level, outcome_lines, server_url, summary,
                           versions, write_chain)

N_TENANTS = 30
LOCK_TIMEOUT = 12


def tenant_schemas(pg, root, count: int, rollout: str):
    """count tenant schemas in one new database, as one environment `prod`."""
    _, (db,) = create_databases(pg, 1)
    slugs = [f"s{i:02d}" for i in range(count)]
    create_schemas(db, [f"t_{s}" for s in slugs])
    (root / "fleet.yaml").write_text(textwrap.dedent(f"""\
        environments:
          prod:
            rollout: {rollout}
            databases:
              - name: tenant-{{slug}}
                url: ${{PG_SERVER}}/{db.name}
                schema: t_{{slug}}
                version_table_schema: t_{{slug}}
                for_each: {{slug: [{", ".join(slugs)}]}}
        """))
    return [PgTarget(db, f"prod/tenant-{s}", schema=f"t_{s}") for s in slugs]


@pytest.mark.parametrize("per_migration", [False, True], ids=["one_transaction", "per_migration"])
def test_one_sigint_starts_nothing_new_and_a_rerun_finishes_the_job(fleet, pg, tmp_path, per_migration):
    """One transaction for a target's run: the running targets finish it.
    transaction_per_migration: they stop after the revision in progress
    (reported cancelled, the version table at that revision)."""
    # Every revision sleeps 0.1s inside its transaction: a target takes ~0.5s.
    write_chain(tmp_path / "migrations", pg_sleep=0.1)
    targets = tenant_schemas(pg, tmp_path, N_TENANTS, "{concurrency: 2, per_host: 2, canary: 1, batch: 10}")
    if per_migration:
        inventory = tmp_path / "fleet.yaml"
        inventory.write_text("transaction_per_migration: true\n" + inventory.read_text())
    env = {"PG_SERVER": server_url(pg)}

    run = Running(fleet, ["upgrade", "head"], tmp_path, env)
    run.wait_for(r": done in ", times=3)
    run.interrupt()
    rc = run.finish()

    assert rc == 1, run
    s = summary(run.out)
    assert s["tail"] == " — interrupted" and s["total"] == N_TENANTS and s["failed"] == 0, run
    assert "interrupted: starting nothing new" in run.err, run
    skipped = outcome_lines(run.out, "skipped")
    assert len(skipped) == s["skipped"] >= N_TENANTS - 8, run
    assert run.out.count("not started: the rollout was interrupted") == s["skipped"], run
    # What each cancelled target says it did: "stopped after K of 5 step(s)".
    stopped = dict(re.findall(r"^cancelled (\S+)  \d+ step\(s\).*\n\s+stopped after (\d) of 5 step",
                              run.out, re.M))
    assert len(stopped) == s["cancelled"], run
    if not per_migration:
        assert s["cancelled"] == 0, run

    levels = {t.name: level(t) for t in targets}          # checks none is half-migrated
    for t in targets:
        if t.name in skipped:
            assert levels[t.name] == 0 and versions(t) is None and t.tables() == set(), \
                f"{t.name} was skipped but touched"
        elif t.name in stopped:
            assert levels[t.name] == int(stopped[t.name]), (t.name, levels[t.name], str(run))
        else:
            assert levels[t.name] == len(CHAIN), (t.name, levels[t.name], str(run))
    assert s["done"] == N_TENANTS - len(skipped) - len(stopped) >= 3, run

    res = ok(fleet("upgrade", "head", env=env, timeout=180))
    assert summary(res.out) == {"total": N_TENANTS, "done": N_TENANTS, "failed": 0, "skipped": 0,
                                "cancelled": 0, "tail": ""}, res
    for t in targets:
        assert level(t) == len(CHAIN) and versions(t) == {HEAD}, t.name
        assert history(t) == [(r, "upgrade", "done") for r in REVS], t.name


def test_a_second_sigint_cancels_the_running_statements_and_they_roll_back(fleet, pg, tmp_path):
    # Revisions 2.. take minutes (PostgreSQL sleeps, SQLite counts): only a
    # cancel ends them soon. Targets alternate SQLite file and tenant schema;
    # no canary, so the first two start together.
    write_chain(tmp_path / "migrations", pg_sleep=120, sqlite_burn=10**11, slow_from=2)
    _, (db,) = create_databases(pg, 1)
    create_schemas(db, ["t_a", "t_b", "t_c"])
    (tmp_path / "tenants").mkdir()
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        environments:
          prod:
            rollout: {{concurrency: 2, per_host: 2, canary: 0, batch: 10}}
            databases:
              - name: file-a
                url: sqlite:///tenants/a.db
              - name: schema-a
                url: ${{PG_SERVER}}/{db.name}
                schema: t_a
                version_table_schema: t_a
              - name: file-b
                url: sqlite:///tenants/b.db
              - name: schema-b
                url: ${{PG_SERVER}}/{db.name}
                schema: t_b
                version_table_schema: t_b
              - name: file-c
                url: sqlite:///tenants/c.db
              - name: schema-c
                url: ${{PG_SERVER}}/{db.name}
                schema: t_c
                version_table_schema: t_c
        """))
    files = {n: SqliteTarget(tmp_path / f"tenants/{n}.db", f"prod/file-{n}") for n in "abc"}
    schemas = {n: PgTarget(db, f"prod/schema-{n}", schema=f"t_{n}") for n in "abc"}
    env = {"PG_SERVER": server_url(pg)}

    # -v logs each statement as it starts: the signals must find both targets
    # inside their slow statement (a cancel between statements is lost).
    run = Running(fleet, ["-v", "upgrade", "head"], tmp_path, env)
    run.wait_for(r"prod/file-a: SQL: WITH RECURSIVE")
    run.wait_for(r"prod/schema-a: SQL: SELECT pg_sleep")
    time.sleep(0.5)
    run.interrupt()
    run.wait_for(r"^interrupted: starting nothing new")
    run.interrupt()
    rc = run.finish(timeout=60)

    assert rc == 1, run
    assert run.elapsed < 40, f"the cancel did not end the statements ({run.elapsed:.0f}s):\n{run}"
    assert "interrupted again: cancelling the running statements" in run.err, run
    assert summary(run.out) == {"total": 6, "done": 0, "failed": 0, "skipped": 4, "cancelled": 2,
                                "tail": " — interrupted"}, run
    assert sorted(outcome_lines(run.out, "cancelled")) == ["prod/file-a", "prod/schema-a"], run
    assert sorted(outcome_lines(run.out, "skipped")) == ["prod/file-b", "prod/file-c",
                                                         "prod/schema-b", "prod/schema-c"], run

    # Revision 1 ran in the same transaction as the cancelled revision 2: gone too.
    for t in (files["a"], schemas["a"]):
        assert level(t) == 0, t.name
        assert not versions(t), f"{t.name}: {versions(t)}"
    for n in "bc":
        assert not files[n].exists(), f"{files[n].name} was skipped but created"
        assert schemas[n].tables() == set(), f"{schemas[n].name} was skipped but touched"


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_second_sigint_also_ends_a_wait_for_a_migration_lock(fleet, pg, tmp_path, kind):
    """A target waiting for its migration lock (another run holds it) is
    running too: the second Ctrl-C must end that wait as it ends a statement,
    not leave the user waiting for lock.timeout."""
    write_chain(tmp_path / "migrations")
    (tmp_path / "tenants").mkdir()
    if kind == "sqlite":
        busy_url = "sqlite:///tenants/busy.db"
    else:
        _, (busy_db,) = create_databases(pg, 1)
        busy_url = busy_db.url
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        environments:
          prod:
            rollout: {{concurrency: 2, canary: 0}}
            lock: {{timeout: {LOCK_TIMEOUT}s}}
            databases:
              - name: busy
                url: ${{BUSY_URL}}
              - name: free
                url: sqlite:///tenants/free.db
        """))

    holder = None
    if kind == "sqlite":
        # What another fleet run holds while it migrates tenants/busy.db.
        lock_file = open(tmp_path / "tenants/busy.db-fleet.lock", "w")
        fcntl.flock(lock_file, fcntl.LOCK_EX)
    else:
        slow = tmp_path / "slow"
        write_chain(slow, pg_sleep=LOCK_TIMEOUT + 30)
        holder = Running(fleet, ["--url", busy_db.url, "--script-location", slow, "upgrade", "head"],
                         tmp_path)
        holder.wait_for(r"Running upgrade")
    try:
        run = Running(fleet, ["upgrade", "head"], tmp_path, {"BUSY_URL": busy_url})
        run.wait_for(r"^prod/free: done in ")
        time.sleep(1.0)       # busy is waiting for the lock
        run.interrupt()
        run.wait_for(r"^interrupted: starting nothing new")
        run.interrupt()
        rc = run.finish(timeout=LOCK_TIMEOUT + 30)
    finally:
        if holder is not None:
            holder.proc.kill()
            holder.finish()
        else:
            lock_file.close()

    assert rc == 1, run
    assert "interrupted again: cancelling the running statements" in run.err, run
    assert run.elapsed < LOCK_TIMEOUT / 2, (
        f"the second SIGINT did not end the wait for the lock: fleet ran {run.elapsed:.1f}s "
        f"(lock timeout {LOCK_TIMEOUT}s)\n{run}")
    assert summary(run.out) == {"total": 2, "done": 1, "failed": 0, "skipped": 0, "cancelled": 1,
                                "tail": " — interrupted"}, run
    assert outcome_lines(run.out, "cancelled") == ["prod/busy"], run
