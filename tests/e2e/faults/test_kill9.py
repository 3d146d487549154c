"""SIGKILL at random moments of rollouts over 50 SQLite files and 10
PostgreSQL databases. Each iteration starts `fleet upgrade head` or `fleet
downgrade base` (alternating; transaction_per_migration and concurrency drawn
at random), kills the process after a random delay, checks that no target is
half-migrated, then runs the same command again to completion and checks every
target is at head (or base) with each revision's rows exactly once and
fleet_history agreeing with the version table. Every other upgrade starts
from targets never migrated (no SQLite file, no tables), so kills also land
while fleet creates the database file, the version table and fleet_history.

The RNG seed is printed; FLEET_FAULT_SEED=N replays a run's choices
(command, transaction mode, concurrency, delay; where a kill lands still
depends on the machine's speed), and
FLEET_FAULT_ITERATIONS=N runs more iterations than the default 20."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter

from fault_fleet import CHAIN_LENGTH, level, make_fleet, steps_run, write_chain, write_inventory
from fleet_cli import redact

SQLITE_TARGETS = 50
PG_TARGETS = 10
DEFAULT_ITERATIONS = 20
# Rows each revision generates in its own table: enough work that a kill
# often lands inside a transaction, little enough that 20 iterations stay short.
BUSY_ROWS = 300


def run_to_end(fleet, args: list, cwd, timeout: float = 300) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    p = subprocess.run([fleet.bin, *args], cwd=str(cwd), env=fleet.env(), capture_output=True,
                       text=True, timeout=timeout)
    return p, time.monotonic() - started


def report(p: subprocess.CompletedProcess) -> str:
    return redact(f"{' '.join(p.args[1:])} -> exit {p.returncode}\n--- stdout ---\n{p.stdout}"
                  f"--- stderr ---\n{p.stderr}")


def kill_after(fleet, args: list, cwd, delay: float) -> bool:
    """Starts fleet, sends SIGKILL to its process group after delay seconds;
    True when it was still running then (the kill landed mid-run)."""
    proc = subprocess.Popen([fleet.bin, *args], cwd=str(cwd), env=fleet.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        return True


def test_sigkill_at_random_moments_never_leaves_a_target_half_migrated(fleet, pg, tmp_path):
    seed = int(os.environ.get("FLEET_FAULT_SEED") or random.SystemRandom().randrange(1 << 32))
    iterations = int(os.environ.get("FLEET_FAULT_ITERATIONS") or DEFAULT_ITERATIONS)
    print(f"\nkill -9 test: seed {seed} (FLEET_FAULT_SEED={seed} replays it), {iterations} iterations")
    rng = random.Random(seed)

    write_chain(tmp_path / "migrations", busy_rows=BUSY_ROWS)
    targets = make_fleet(pg, tmp_path, SQLITE_TARGETS, PG_TARGETS)

    # One full run each way, uninterrupted: the kill delays are drawn from
    # these times, so kills land mid-run in this build (plain or sanitized).
    write_inventory(tmp_path, targets, concurrency=4)
    full = {}
    for direction, goal in (("upgrade", "head"), ("downgrade", "base")):
        p, full[direction] = run_to_end(fleet, [direction, goal], tmp_path)
        assert p.returncode == 0, report(p)
        for t in targets:
            assert level(t) == (CHAIN_LENGTH if direction == "upgrade" else 0), t.name

    started = time.monotonic()
    mid_run = partial = 0
    landed = Counter()
    estimate = dict(full)
    all_steps = CHAIN_LENGTH * len(targets)
    for i in range(iterations):
        direction, goal = ("upgrade", "head") if i % 2 == 0 else ("downgrade", "base")
        per_migration = rng.random() < 0.5
        concurrency = rng.choice([1, 2, 4, 8, 16])
        # From "before it connects" to about when a run ends, by an estimate
        # that follows where the kills land (the machine's load changes).
        delay = rng.uniform(0.0, 1.0) * estimate[direction]
        what = (f"iteration {i} (seed {seed}): {direction} {goal}, transaction_per_migration "
                f"{per_migration}, concurrency {concurrency}, killed after {delay:.3f}s")
        write_inventory(tmp_path, targets, per_migration=per_migration, concurrency=concurrency)
        if i % 4 == 0:
            # Every other upgrade starts from never-migrated targets, so kills
            # also land while fleet creates the file and its own tables.
            for t in targets:
                t.forget()
            what += ", from never-migrated targets"
        mid_run += kill_after(fleet, [direction, goal], tmp_path, delay)

        # Half the time look at the fleet right after the kill (the reads roll
        # back a killed SQLite writer's hot journal); the other half leave
        # that to the re-run, so fleet meets the journal itself.
        if i % 4 in (1, 2):
            levels = [level(t) for t in targets]
            start, end = (0, CHAIN_LENGTH) if direction == "upgrade" else (CHAIN_LENGTH, 0)
            partial += any(n not in (start, end) for n in levels) or len(set(levels)) > 1

        p, _ = run_to_end(fleet, [direction, goal], tmp_path)
        assert p.returncode == 0, f"{what}: the re-run failed\n{report(p)}"
        # Where the kill landed, from what was left for the re-run to do.
        ran = steps_run(p.stderr)
        assert len(ran) == len(targets), f"{what}: not every target reported done\n{report(p)}"
        left = sum(ran.values())
        where = ("before the first commit" if left == all_steps else
                 "after the end" if left == 0 else "mid-rollout")
        landed[where] += 1
        estimate[direction] *= {"before the first commit": 1.2, "after the end": 0.8}.get(where, 1.0)
        for t in targets:
            n = level(t)
            assert n == (CHAIN_LENGTH if direction == "upgrade" else 0), f"{what}: {t.name} at level {n}"

    elapsed = time.monotonic() - started
    print(f"kill -9 test: {iterations} iterations, {mid_run} kills found fleet running "
          f"({', '.join(f'{n} {k}' for k, n in sorted(landed.items()))}), {partial} of "
          f"{sum(1 for i in range(iterations) if i % 4 in (1, 2))} checked right after the kill "
          f"found the fleet part-way, {elapsed:.1f}s (full upgrade {full['upgrade']:.2f}s, "
          f"full downgrade {full['downgrade']:.2f}s), 0 failures")
    # A test whose kills all came too late would prove nothing.
    assert landed["mid-rollout"] >= iterations // 4, \
        f"only {landed['mid-rollout']} of {iterations} kills landed mid-rollout"
