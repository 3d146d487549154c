"""The rollout's limits as a user sees them in the progress log and the
summary: concurrency and per_host (a full server lets targets on another go
first), a pause between waves that SIGTERM ends at once, and max_failures as
a percentage in the second of three environments (the first stays done, the
third never starts), and a halt that lets the target still running finish."""

from __future__ import annotations

import re
import textwrap

from fleet_cli import fails, ok
from rollout_fleet import (CHAIN, HEAD, REVS, PgTarget, Running, SqliteTarget, create_databases, level,
                           outcome_lines, summary, versions, write_chain)


def test_concurrency_and_per_host_bound_what_runs_at_once(fleet, pg, tmp_path):
    # Two "servers": the same PostgreSQL reached as 127.0.0.1 and as localhost.
    write_chain(tmp_path / "migrations", pg_sleep=0.3, slow_from=5)
    prefix, dbs = create_databases(pg, 8)
    ip_url = pg.url_for("x")[: -len("/x")]
    port = re.search(r":(\d+)$", ip_url).group(1)
    local_url = ip_url.replace(f"@127.0.0.1:{port}", f"@localhost:{port}")
    assert local_url != ip_url
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        environments:
          prod:
            rollout: {{concurrency: 3, per_host: 2, canary: 0, batch: 8}}
            databases:
              - name: ip-{{n}}
                url: ${{IP_SERVER}}/{prefix}_{{n}}
                for_each: {{n: ["01", "02", "03", "04"]}}
              - name: local-{{n}}
                url: ${{LOCAL_SERVER}}/{prefix}_{{n}}
                for_each: {{n: ["05", "06", "07", "08"]}}
        """))
    res = ok(fleet("upgrade", "head", env={"IP_SERVER": ip_url, "LOCAL_SERVER": local_url}))
    assert summary(res.out)["done"] == 8, res

    running: set[str] = set()
    most, most_per_host = 0, {"ip": 0, "local": 0}
    order = []
    for line in res.err.splitlines():
        m = re.match(r"^prod/(\S+): (started|done in)", line)
        if not m:
            continue
        name, event = m.groups()
        if event == "started":
            running.add(name)
            order.append(name)
        else:
            running.discard(name)
        most = max(most, len(running))
        for host in most_per_host:
            most_per_host[host] = max(most_per_host[host],
                                      sum(1 for n in running if n.startswith(host + "-")))
    assert most == 3, res
    assert most_per_host == {"ip": 2, "local": 2}, res
    # ip-03 waits for a place on its server while local-05 goes ahead.
    assert order[:3] == ["ip-01", "ip-02", "local-05"], res
    for i, db in enumerate(dbs, start=1):
        assert level(PgTarget(db, f"db {i}")) == len(CHAIN)


def test_sigterm_during_the_pause_between_waves_ends_the_rollout_at_once(fleet, tmp_path):
    write_chain(tmp_path / "migrations")
    (tmp_path / "tenants").mkdir()
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent("""\
        environments:
          prod:
            rollout: {canary: 1, batch: 5, pause: 10m}
            databases:
              - name: tenant-{t}
                url: sqlite:///tenants/{t}.db
                for_each: {t: [a, b, c, d, e, f]}
        """))
    run = Running(fleet, ["upgrade", "head"], tmp_path)
    run.wait_for(r"^prod/tenant-a: done in ")
    run.proc.terminate()                      # SIGTERM, as a CI runner or Kubernetes sends
    rc = run.finish(timeout=60)

    assert rc == 1, run
    assert run.elapsed < 30, f"the pause was not cut short ({run.elapsed:.0f}s)\n{run}"
    assert summary(run.out) == {"total": 6, "done": 1, "failed": 0, "skipped": 5, "cancelled": 0,
                                "tail": " — interrupted"}, run
    assert "prod: batch 1 of 1" not in run.err, run
    assert level(SqliteTarget(tmp_path / "tenants/a.db", "a")) == len(CHAIN)
    for t in "bcdef":
        assert not (tmp_path / f"tenants/{t}.db").exists(), t


def test_max_failures_as_a_percentage_halts_its_environment_and_skips_later_ones(fleet, tmp_path):
    write_chain(tmp_path / "migrations")
    for env in ("eu", "us", "ap"):
        (tmp_path / env).mkdir()
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent("""\
        rollout: {concurrency: 1, canary: 1, batch: 3}
        environments:
          eu:
            databases:
              - name: t-{t}
                url: sqlite:///eu/{t}.db
                for_each: {t: [e1, e2, e3]}
          us:
            rollout: {max_failures: "20%"}
            databases:
              - name: t-{t}
                url: sqlite:///us/{t}.db
                for_each: {t: [u01, u02, u03, u04, u05, u06, u07, u08, u09, u10]}
          ap:
            databases:
              - name: t-{t}
                url: sqlite:///ap/{t}.db
                for_each: {t: [a1, a2]}
        """))
    rigged = ["u03", "u05", "u07"]
    for t in rigged:
        ok(fleet("-n", f"us/t-{t}", "upgrade", REVS[0]))
        SqliteTarget(tmp_path / f"us/{t}.db", t).execute("CREATE TABLE plans (legacy TEXT);")

    res = fails(fleet("upgrade", "head", "--env", "eu", "--env", "us", "--env", "ap"), 4)

    reason = "3 targets of us failed, more than max_failures 20%"
    assert summary(res.out) == {"total": 15, "done": 7, "failed": 3, "skipped": 5, "cancelled": 0,
                                "tail": f" — halted: {reason}"}, res
    assert outcome_lines(res.out, "failed") == [f"us/t-{t}" for t in rigged], res
    assert outcome_lines(res.out, "skipped") == ["us/t-u08", "us/t-u09", "us/t-u10", "ap/t-a1", "ap/t-a2"], res
    for t in ("e1", "e2", "e3"):
        assert versions(SqliteTarget(tmp_path / f"eu/{t}.db", t)) == {HEAD}
    for t in ("u01", "u02", "u04", "u06"):
        assert level(SqliteTarget(tmp_path / f"us/{t}.db", t)) == len(CHAIN)
    for t in rigged:
        assert versions(SqliteTarget(tmp_path / f"us/{t}.db", t)) == {REVS[0]}
    for t in ("us/u08.db", "us/u09.db", "us/u10.db", "ap/a1.db", "ap/a2.db"):
        assert not (tmp_path / t).exists(), t


def test_a_halt_lets_the_running_target_finish_and_skips_the_rest(fleet, pg, tmp_path):
    # No canary, two at once: a SQLite tenant that fails at once beside a
    # PostgreSQL one whose last revision takes a second.
    write_chain(tmp_path / "migrations", pg_sleep=1.0, slow_from=5)
    _, (db,) = create_databases(pg, 1)
    (tmp_path / "tenants").mkdir()
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent("""\
        environments:
          prod:
            rollout: {concurrency: 2, canary: 0, batch: 10, max_failures: 0}
            databases:
              - name: broken
                url: sqlite:///tenants/broken.db
              - name: slow
                url: ${SLOW_URL}
              - name: t-{t}
                url: sqlite:///tenants/{t}.db
                for_each: {t: [a, b, c]}
        """))
    broken = SqliteTarget(tmp_path / "tenants/broken.db", "broken")
    broken.execute("CREATE TABLE accounts (legacy TEXT);")

    res = fails(fleet("upgrade", "head", env={"SLOW_URL": db.url}), 4)

    reason = "1 target of prod failed, more than max_failures 0"
    assert summary(res.out) == {"total": 5, "done": 1, "failed": 1, "skipped": 3, "cancelled": 0,
                                "tail": f" — halted: {reason}"}, res
    assert f"rollout halted: {reason}; waiting for 1 running target\n" in res.err, res
    assert re.search(r"^prod/slow: done in .*\(5 steps\)$", res.err, re.M), res
    assert outcome_lines(res.out, "skipped") == ["prod/t-a", "prod/t-b", "prod/t-c"], res
    assert level(PgTarget(db, "slow")) == len(CHAIN)
    assert broken.tables() == {"accounts"}
    assert not any((tmp_path / f"tenants/{t}.db").exists() for t in "abc")
