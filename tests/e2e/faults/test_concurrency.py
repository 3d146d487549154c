"""2, 4 and 8 `fleet upgrade head` processes plus several processes of the
embedded engine per target (examples/embedding: an application upgrading its
own database at start-up), all started at once on one fleet of 40 SQLite
files and 10 PostgreSQL databases that do not exist yet (SQLite) or are
empty. The per-target migration lock must serialise them: every revision is
applied exactly once per target (its rows once, one 'done' upgrade row in
fleet_history), every process exits 0, and none hangs.

Exit 0 for all, not "0 or a clean lock timeout": each holder keeps a target's
lock for well under a second, and the lock timeouts (fleet's from the
inventory, 300 s; the embedded engine's built-in 30 s) are far longer than
the whole race, so a timeout here would itself be a bug (a lock not released
or a waiter that does not see it free)."""

from __future__ import annotations

import os
import random
import subprocess
import time
from collections import Counter

import pytest

from fault_fleet import CHAIN_LENGTH, HEAD, REVS, level, make_fleet, steps_run, upgrades_done, \
    write_chain, write_inventory
from fleet_cli import redact

SQLITE_TARGETS = 40
PG_TARGETS = 10
EMBEDDED_PER_TARGET = 4
# No process may take longer than this; one that does is reported as hanging.
DEADLINE = 150
# Some 200 processes start at once on what may be a 2-core machine running
# other suites (and, in the sanitizer build, each one slower to start): the
# server can take longer than the default 10 s to answer a new connection.
# This test is about the lock, not connection latency, so PostgreSQL targets
# wait up to the deadline for their connection.
CONNECT_TIMEOUT = DEADLINE


def embedding_bin() -> str:
    path = os.environ.get("EMBEDDING_BIN")
    assert path and os.access(path, os.X_OK), \
        "EMBEDDING_BIN (the built examples/embedding program) is not set or not executable"
    return path


@pytest.mark.parametrize("fleet_processes", [2, 4, 8])
def test_fleet_and_embedded_processes_racing_apply_each_revision_once(fleet, pg, tmp_path,
                                                                      fleet_processes):
    embedding = embedding_bin()
    scripts = tmp_path / "migrations"
    write_chain(scripts, busy_rows=200)
    targets = make_fleet(pg, tmp_path, SQLITE_TARGETS, PG_TARGETS)
    for t in targets:
        if t.kind == "postgresql":
            t.url += f"?connect_timeout={CONNECT_TIMEOUT}"
    # The 4-process race commits each revision on its own, the others one
    # transaction per target run; either way fleet holds the lock for the run.
    write_inventory(tmp_path, targets, per_migration=fleet_processes == 4, concurrency=4,
                    lock_timeout="300s")

    commands = [("fleet", [fleet.bin, "upgrade", "head"]) for _ in range(fleet_processes)]
    for t in targets:
        commands += [(f"embedded {t.name}", [embedding, t.url, str(scripts)])] * EMBEDDED_PER_TARGET
    # Interleaved, so fleet processes are not all ahead of the embedded ones.
    random.Random(fleet_processes).shuffle(commands)
    started = time.monotonic()
    procs = [(what, subprocess.Popen(cmd, cwd=str(tmp_path), env=fleet.env(), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True))
             for what, cmd in commands]
    results, hanging = [], []
    for what, p in procs:
        try:
            out, err = p.communicate(timeout=max(1.0, DEADLINE - (time.monotonic() - started)))
            results.append((what, p.returncode, out, err))
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            hanging.append(redact(f"{what}: still running after {DEADLINE}s\n{out}{err}"))
    elapsed = time.monotonic() - started
    print(f"\n{fleet_processes} fleet + {len(targets) * EMBEDDED_PER_TARGET} embedded processes "
          f"on {len(targets)} targets: {elapsed:.1f}s")
    assert not hanging, "\n".join(hanging)

    failed = [redact(f"{what}: exit {rc}\n{out}{err}") for what, rc, out, err in results if rc != 0]
    assert not failed, f"{len(failed)} process(es) failed:\n" + "\n".join(failed[:5])
    by_fleet = Counter()          # steps the fleet processes say they ran, per target
    for what, _, out, err in results:
        if what == "fleet":
            assert f"{len(targets)} target(s): {len(targets)} done, 0 failed" in out, out
            ran = steps_run(err)
            assert len(ran) == len(targets), redact(err)
            by_fleet.update(ran)
        else:
            assert out == f"database at {HEAD}\n", f"{what}: {out!r}"
    # One transaction per target run: whoever got the lock first ran all the
    # steps, and the others found nothing to do (and said so).
    assert set(by_fleet.values()) <= {0, CHAIN_LENGTH}, dict(by_fleet)
    migrated_by_fleet = sum(1 for n in by_fleet.values() if n)
    print(f"{migrated_by_fleet} target(s) migrated by a fleet process, "
          f"{len(targets) - migrated_by_fleet} by an embedded one")

    for t in targets:
        assert level(t) == CHAIN_LENGTH, t.name            # each revision's rows exactly once
        assert upgrades_done(t) == Counter({r: 1 for r in REVS}), \
            f"{t.name}: fleet_history upgrades {dict(upgrades_done(t))}"
        assert t.query("SELECT count(*) FROM fleet_history")[0][0] == CHAIN_LENGTH, t.name
