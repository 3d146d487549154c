"""PostgreSQL restarted (pg_ctl restart -m fast) in the middle of a rollout
over ten databases, two at a time. The targets that were migrating fail
with a connection error naming them and their URL (masked); none is
half-migrated, as each target's run is one transaction; with max_failures 0
the rollout halts (exit 4) and the rest are skipped untouched; with a
budget that allows it the rollout goes on (exit 1); a re-run converges to
head everywhere, every data step having run exactly once."""

from __future__ import annotations

import re
import textwrap
import time

from fleet_cli import ok
from rollout_fleet import (REVS, PgTarget, Running, create_databases, level, outcome_lines,
                           server_url, summary, versions, write_chain)

N = 10
# Each of the five revisions sleeps this long in its transaction, so a
# target takes about 1.5s: a restart finds two of them mid-migration.
SLEEP = 0.3


def inventory(root, prefix: str, max_failures: int):
    names = ", ".join(f'"{i:02d}"' for i in range(1, N + 1))
    (root / "fleet.yaml").write_text(textwrap.dedent(f"""\
        rollout: {{concurrency: 2, per_host: 2, canary: 0, batch: {N},
                   max_failures: {max_failures}}}
        environments:
          prod:
            databases:
              - name: db-{{n}}
                url: ${{PG_SERVER}}/{prefix}_{{n}}
                for_each: {{n: [{names}]}}
        """))


def failure_messages(out: str) -> dict[str, str]:
    """ENV/NAME -> the message under its 'failed' outcome line on stdout,
    its lines stripped of their indent."""
    return {name: "\n".join(line.strip() for line in block.rstrip("\n").split("\n"))
            for name, block in re.findall(r"^failed\s+(\S+)  \d+ step\(s\).*\n((?:  .*\n?)*)",
                                          out, re.M)}


def restart_after(run: Running, cluster, targets_started: int):
    """Restarts the server once `targets_started` targets have started and
    the last two have had time to be inside their transaction."""
    run.wait_for(r"^prod/db-\d+: started", times=targets_started, timeout=60)
    time.sleep(SLEEP * 1.5)
    cluster.restart()


# What a target that lost its server says: a session ended by the restart
# (the server's own words, or fleet's when libpq saw the socket close first),
# or a connection tried while the server was down.
LOST = (r"terminating connection due to administrator command"
        r"|the server closed the connection \(it was restarted or shut down, the session was "
        r"terminated, or the network failed\)")
REFUSED = (r"connection to server at \"127\.0\.0\.1\", port \d+ failed: (Connection refused"
           r"|server closed the connection unexpectedly"
           r"|FATAL: +the database system is "
           r"(shutting down|starting up|not yet accepting connections))")


def check_connection_errors(failed: dict[str, str], dbs, port: int):
    """Each failure is the connection's, and names the database (masked)."""
    by_name = {f"prod/db-{i:02d}": db for i, db in enumerate(dbs, start=1)}
    for name, message in failed.items():
        url = re.escape(f"postgresql://postgres:***@127.0.0.1:{port}/{by_name[name].name}")
        assert (re.fullmatch(rf"revision [0-9a-f]{{12}} failed\nstatement: .*\n"
                             rf"error: lost the connection to {url}: ({LOST})", message)
                or re.fullmatch(rf"lost the connection to {url}: ({LOST})", message)
                or re.fullmatch(rf"cannot connect to {url}: ({REFUSED}).*", message)), \
            f"{name}: {message}"


def test_a_restart_mid_rollout_fails_the_running_targets_and_a_rerun_converges(
        fleet, pg, cluster, tmp_path):
    write_chain(tmp_path / "migrations", pg_sleep=SLEEP)
    prefix, dbs = create_databases(pg, N)
    targets = [PgTarget(db, f"prod/db-{i:02d}") for i, db in enumerate(dbs, start=1)]
    env = {"PG_SERVER": server_url(pg)}
    port = int(cluster.url.rsplit(":", 1)[1].split("/")[0])

    # 1. No failure allowed: the restart halts the rollout.
    inventory(tmp_path, prefix, max_failures=0)
    run = Running(fleet, ["upgrade", "head"], tmp_path, env)
    restart_after(run, cluster, targets_started=4)
    rc = run.finish(timeout=90)
    for db in dbs:
        db.close()   # their sessions died with the restart
    assert rc == 4, str(run)
    counts = summary(run.out)
    assert counts["failed"] >= 1 and counts["done"] >= 2 and counts["skipped"] >= 1, str(run)
    assert counts["done"] + counts["failed"] + counts["skipped"] == N, str(run)
    assert counts["tail"].startswith(" — halted: "), str(run)
    failed = failure_messages(run.out)
    assert sorted(failed) == sorted(outcome_lines(run.out, "failed")), str(run)
    check_connection_errors(failed, dbs, port)
    done = set(re.findall(r"^(prod/db-\d+): done in ", run.err, re.M))
    assert len(done) == counts["done"], str(run)
    skipped = set(outcome_lines(run.out, "skipped"))
    for t in targets:
        n = level(t)   # never half-migrated, seed rows exactly once
        if t.name in done:
            assert n == len(REVS), t.name
        else:
            assert n == 0, f"{t.name} at level {n} after a failed run"
        if t.name in skipped:
            assert versions(t) is None, f"{t.name} was skipped but touched"

    # 2. A budget that allows failures: the rollout goes on past them.
    inventory(tmp_path, prefix, max_failures=N)
    run = Running(fleet, ["upgrade", "head"], tmp_path, env)
    restart_after(run, cluster, targets_started=2)
    rc = run.finish(timeout=90)
    for db in dbs:
        db.close()
    assert rc == 1, str(run)
    counts = summary(run.out)
    assert counts["failed"] >= 1 and counts["skipped"] == 0 and counts["tail"] == "", str(run)
    failed = failure_messages(run.out)
    check_connection_errors(failed, dbs, port)
    for t in targets:
        assert level(t) == (0 if t.name in failed else len(REVS)), t.name

    # 3. A re-run with the server steady converges everywhere.
    res = ok(fleet("upgrade", "head", env=env))
    assert summary(res.out)["done"] == N, res
    for t in targets:
        assert level(t) == len(REVS), t.name
