"""The differential harness: one command sequence, run by Alembic (in process)
and by fleet (a subprocess), compared after every command.

After each command both databases must agree on:
  * success or failure (fleet exit 0 vs non-zero; and when Alembic rejects
    the input, fleet must exit 2, when the database fails, 1);
  * the alembic_version rows, as a set;
  * the steps the command ran (rows added to step_log), as a multiset;
  * the order fleet ran them in must be valid (an upgrade after the upgrades
    of its parents and dependencies run by the same command, a downgrade
    before theirs); an order that is valid but not Alembic's exact order is
    only noted, and listed in the session summary.
After a failed command, neither database may have changed.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import graphgen
from differential_commands import next_command
from differential_dbs import SqliteDb, State
from differential_tools import Cmd, Outcome, alembic_config, fleet_target_args, run_alembic, run_fleet

# ---- statistics shown in the session summary (conftest.py prints them) ----

STATS: dict[str, dict] = {}


def stats(kind: str) -> dict:
    return STATS.setdefault(kind, {
        "graphs": 0, "commands": 0, "failed_commands": 0,
        "alembic_s": 0.0, "fleet_s": 0.0, "wall_s": 0.0,
        "order_notes": [], "alembic_notes": [], "crash_notes": [],
        "row_order_notes": [],
        "coverage": {},
    })

# ---- step order ------------------------------------------------------------------

def order_problems(g: graphgen.Graph, steps: tuple) -> list[str]:
    """Why this order of one command's steps is not a valid one (empty: valid)."""
    problems = []
    pos: dict[tuple, int] = {}
    for i, step in enumerate(steps):
        if step in pos:
            problems.append(f"{step[1]} {step[0]} ran twice")
        pos.setdefault(step, i)
    known = set(g.ids())
    for i, (rev, direction) in enumerate(steps):
        if rev not in known:
            problems.append(f"{direction} of unknown revision {rev}")
            continue
        for pre in g.prerequisites(rev):
            j = pos.get((pre, direction))
            if j is None:
                continue
            if direction == "up" and j > i:
                problems.append(f"up {rev} ran before up {pre} (which it needs)")
            if direction == "down" and j < i:
                problems.append(f"down {pre} ran before down {rev} (which needs it)")
    return problems


def applied(g: graphgen.Graph, versions) -> set[str]:
    """Revisions a set of version rows stands for: the rows, their ancestors
    and (as Alembic counts them) their dependencies."""
    out: set[str] = set()
    for v in versions:
        if v in g.by_id():
            out |= {v} | g.ancestors(v, with_deps=True)
    return out


def applied_set_problems(g: graphgen.Graph, before: State, after: State,
                         steps: tuple) -> list[str]:
    """For an upgrade or downgrade: the rows afterwards must stand for exactly
    what was applied before, plus the upgrades, minus the downgrades."""
    if not steps:
        return []
    ups = {r for r, d in steps if d == "up"}
    downs = {r for r, d in steps if d == "down"}
    want = (applied(g, before.versions) | ups) - downs
    got = applied(g, after.versions)
    probs = []
    if got != want:
        probs.append(f"rows {sorted(after.versions)} stand for {sorted(got)}, but the steps "
                     f"run leave {sorted(want)} applied")
    already = applied(g, before.versions)
    if ups & already:
        probs.append(f"upgraded already-applied {sorted(ups & already)}")
    if downs - already:
        probs.append(f"downgraded not-applied {sorted(downs - already)}")
    return probs


def rows_triage(g: graphgen.Graph, a_rows, f_rows) -> str:
    """Why two sets of version rows differ, in words, to speed up triage."""
    out = []
    a_applied, f_applied = applied(g, a_rows), applied(g, f_rows)
    if a_applied == f_applied:
        out.append("they stand for the same applied revisions (rows + ancestors + dependencies)")
    else:
        out.append(f"applied revisions differ: only Alembic's rows imply "
                   f"{sorted(a_applied - f_applied)}, only fleet's {sorted(f_applied - a_applied)}")
    for who, rows in (("Alembic", a_rows), ("fleet", f_rows)):
        redundant = sorted(r for r in rows
                           if any(r in g.ancestors(o, with_deps=True) for o in rows if o != r))
        if redundant:
            out.append(f"{who}'s rows {redundant} are ancestors or dependencies of its other rows")
    return "; " + "; ".join(out)

# ---- one sequence, both tools -------------------------------------------------------------

def alembic_by_row_order(alembic_dir: str, scratch: str, before: State, cmd: Cmd,
                         limit: int = 64) -> list[tuple]:
    """What Alembic does with `cmd` for each order the version rows could be
    read in. Alembic reads alembic_version without ORDER BY and some of its
    answers (downgrade -1 with several heads, for one) depend on the order
    the rows come back in, which differs between databases and between
    Alembic's and fleet's way of writing the table. Runs on a scratch SQLite
    file with MigrationContext.get_current_heads patched to each order.
    Returns [(rows in order, Outcome, versions after, steps run)]."""
    import itertools
    from unittest import mock
    from alembic.runtime.migration import MigrationContext

    rows = sorted(before.versions)
    if len(rows) <= 4:
        orders = list(itertools.permutations(rows))
    else:
        # Too many to try all: every row first and every row last (the rest
        # sorted, then reversed), then a seeded sample of the others.
        orders = []
        for i, r in enumerate(rows):
            rest = rows[:i] + rows[i + 1:]
            orders += [(r, *rest), (r, *reversed(rest)), (*rest, r), (*reversed(rest), r)]
        rng = random.Random(0)
        while len(orders) < limit:
            orders.append(tuple(rng.sample(rows, len(rows))))
        orders = list(dict.fromkeys(orders))
    db = SqliteDb(os.path.join(scratch, "row_order.db"))
    results = []
    try:
        for order in orders:
            db.reset()
            db.create_step_log()
            db.force_state(State(frozenset(order), ()))
            cfg = alembic_config(alembic_dir, db)
            with mock.patch.object(MigrationContext, "get_current_heads",
                                   lambda self, _o=order: tuple(_o)):
                out = run_alembic(cfg, cmd)
            after = db.state()
            results.append((order, out, after.versions, after.steps))
    finally:
        db.dispose()
    return results


def outcome_matches(a: Outcome, a_versions, a_steps, f: Outcome, f_versions, f_steps) -> bool:
    if a.ok != f.ok:
        return False
    if not a.ok:
        return a.expected_rc is None or a.expected_rc == f.rc
    return a_versions == f_versions and Counter(a_steps) == Counter(f_steps)


class Mismatch(AssertionError):
    pass


@dataclass
class Sequence:
    """Runs one graph's command sequence against both tools."""
    graph: graphgen.Graph
    kind: str
    alembic_db: object
    fleet_db: Optional[object]         # None: Alembic only (harness self-check)
    alembic_dir: str
    fleet_dir: str
    workdir: str
    fleet_bin: Optional[str]
    history: list = field(default_factory=list)
    extra_report: str = ""

    def fleet_cli(self, cmd: Cmd) -> str:
        args = fleet_target_args(self.fleet_db, self.fleet_dir)
        args[1] = self.fleet_db.shown_url()
        return " ".join([self.fleet_bin or "fleet", *args, *cmd.fleet_args()])

    def report(self, cmd: Cmd, problem: str, a: Outcome, f: Optional[Outcome],
               a_before: State, a_after: State, f_before, f_after) -> str:
        lines = [
            f"DIFFERENTIAL MISMATCH on {self.kind}, seed {self.graph.seed}: {problem}",
            f"command #{len(self.history) + 1}: {cmd}   ({cmd.why})",
            "",
            self.graph.describe(),
            "",
            "commands before it (alembic | fleet):",
        ]
        for i, (c, ao, fo) in enumerate(self.history, 1):
            lines.append(f"  #{i:<2} {str(c):<40} {ao.short():<18} | "
                         f"{fo.short() if fo else '-'}")
        lines += [
            "",
            f"alembic: {'ok' if a.ok else 'FAILED'} {a.error_type} {a.detail}".rstrip(),
            f"  before: {a_before.show()}",
            f"  after:  {a_after.show()}",
            f"  steps run: {list(a_after.steps[len(a_before.steps):])}",
        ]
        if f is not None:
            lines += [
                f"fleet: exit {f.rc}",
                f"  stdout: {f.detail.split(chr(0))[0].strip()!s}",
                f"  stderr: {f.detail.split(chr(0))[-1].strip()!s}",
                f"  before: {f_before.show()}",
                f"  after:  {f_after.show()}",
                f"  steps run: {list(f_after.steps[len(f_before.steps):])}",
                "",
                "reproduce:",
                f"  FLEET_BIN={self.fleet_bin} /usr/bin/python3 -m pytest -p no:cacheprovider "
                f"tests/e2e/test_alembic_differential.py -k differential_{self.kind} "
                f"--first-seed {self.graph.seed} --seeds 1",
                f"  script dirs (kept by pytest): fleet {self.fleet_dir}  alembic {self.alembic_dir}",
                f"  this command: {self.fleet_cli(cmd)}",
            ]
        if self.extra_report:
            lines += ["", self.extra_report]
        return "\n".join(lines)

    def run(self, rng: random.Random, length: int):
        st = stats(self.kind)
        st["graphs"] += 1
        cfg = alembic_config(self.alembic_dir, self.alembic_db)
        for _ in range(length):
            a_before = self.alembic_db.state()
            cmd = next_command(rng, self.graph, a_before.versions)
            self.step(cfg, cmd, a_before)

    def step(self, cfg, cmd: Cmd, a_before: State):
        st = stats(self.kind)
        f_before = self.fleet_db.state() if self.fleet_db else None
        a = run_alembic(cfg, cmd)
        a_after = self.alembic_db.state()
        st["alembic_s"] += a.seconds
        st["commands"] += 1
        st["failed_commands"] += 0 if a.ok else 1
        cov = st["coverage"].setdefault(f"{cmd.verb} {cmd.why}", [0, 0])
        cov[0 if a.ok else 1] += 1
        a_steps = a_after.steps[len(a_before.steps):]
        a_crashed = not a.ok and a.expected_rc is None
        where = f"{self.kind} seed {self.graph.seed} command #{len(self.history) + 1} '{cmd}'"

        def fail(problem, f=None, f_after=None):
            raise Mismatch(self.report(cmd, problem, a, f, a_before, a_after,
                                       f_before, f_after))

        # Checks of the reference itself: they validate the harness.
        if a_after.steps[:len(a_before.steps)] != a_before.steps:
            fail("harness: Alembic's step_log lost rows")
        if a_crashed:
            # An Alembic bug (AssertionError, KeyError...). On SQLite it may
            # have committed part of the work: put its database back.
            st["alembic_notes"].append(f"{where}: Alembic crashed: {a.detail}"
                                       + (" (and changed the database: restored)"
                                          if a_after != a_before else ""))
            if a_after != a_before:
                self.alembic_db.force_state(a_before)
                a_after = self.alembic_db.state()
                a_steps = ()
        elif not a.ok and a_after != a_before:
            st["alembic_notes"].append(f"{where}: Alembic changed the database although it failed")
        if a.ok:
            probs = order_problems(self.graph, a_steps) + \
                applied_set_problems(self.graph, a_before, a_after, a_steps)
            if probs:
                st["alembic_notes"].append(f"{where}: Alembic fails the harness's own "
                                           f"consistency checks: {probs}")

        if self.fleet_db is None:
            self.history.append((cmd, a, None))
            return

        t0 = time.perf_counter()
        rc, out, err = run_fleet(self.fleet_bin,
                                 fleet_target_args(self.fleet_db, self.fleet_dir)
                                 + cmd.fleet_args(), cwd=self.workdir)
        f = Outcome(ok=rc == 0, rc=rc, detail=out + "\0" + err,
                    seconds=time.perf_counter() - t0)
        st["fleet_s"] += f.seconds
        f_after = self.fleet_db.state()
        f_steps = f_after.steps[len(f_before.steps):]

        pw = getattr(self.fleet_db, "password", None)
        if pw and (pw in out or pw in err):
            fail("fleet printed the database password", f, f_after)
        if rc not in (0, 1, 2):
            fail(f"fleet exited {rc} (crash, signal or hang?)", f, f_after)
        if f_after.steps[:len(f_before.steps)] != f_before.steps:
            fail("fleet's step_log lost rows", f, f_after)
        if not f.ok and f_after != f_before:
            fail("fleet changed the database although the command failed", f, f_after)
        if f.ok:
            probs = order_problems(self.graph, f_steps)
            if probs:
                fail("fleet ran the steps in an invalid order: " + "; ".join(probs), f, f_after)

        if a_crashed:
            # No reference: fleet failing cleanly matches Alembic; fleet
            # succeeding is listed for a human to judge, if what it did is
            # self-consistent, and the Alembic database adopts its result.
            if f.ok:
                probs = applied_set_problems(self.graph, f_before, f_after, f_steps)
                if probs:
                    fail("Alembic crashed here (an Alembic bug) and fleet succeeded, "
                         "but inconsistently: " + "; ".join(probs), f, f_after)
                st["crash_notes"].append(
                    f"{where}: Alembic crashed ({a.error_type}); fleet succeeded: rows "
                    f"{sorted(f_after.versions)}, steps {[f'{d} {r}' for r, d in f_steps]}")
                self.alembic_db.force_state(f_after)
            self.history.append((cmd, a, f))
            return

        problem = None
        if a.ok != f.ok:
            problem = "success/failure differs"
        elif not a.ok and rc != a.expected_rc:
            problem = (f"Alembic rejected this with {a.error_type}; fleet should exit "
                       f"{a.expected_rc}, exited {rc}")
        elif a_after.versions != f_after.versions:
            problem = "alembic_version rows differ" + rows_triage(self.graph, a_after.versions,
                                                                f_after.versions)
        elif Counter(a_steps) != Counter(f_steps):
            problem = "the steps run differ"

        if problem and len(a_before.versions) > 1:
            # Maybe Alembic's answer hangs on the order it read the rows in.
            alts = alembic_by_row_order(self.alembic_dir, self.workdir, a_before, cmd)
            if any(outcome_matches(o, v, stp, f, f_after.versions, f_steps)
                   for _, o, v, stp in alts):
                st["row_order_notes"].append(
                    f"{where}: Alembic's result depends on the order it reads the version "
                    f"rows; fleet's ({f.short()}, rows {sorted(f_after.versions)}) is one "
                    f"of them")
                if f.ok:
                    self.alembic_db.force_state(State(f_after.versions,
                                                      a_before.steps + f_steps))
                else:
                    self.alembic_db.force_state(a_before)
                self.history.append((cmd, a, f))
                return
            self.extra_report = (
                f"what Alembic does for {len(alts)} of the orders it could read the "
                f"{len(a_before.versions)} version rows in (fleet did none of them):\n" +
                "\n".join(f"  {list(order)}: {o.short()} rows {sorted(v)} steps "
                          f"{[f'{d} {r}' for r, d in stp]}" for order, o, v, stp in alts))
        if problem:
            fail(problem, f, f_after)
        if a_steps != f_steps:
            st["order_notes"].append(
                f"{where}: alembic {[f'{d} {r}' for r, d in a_steps]} vs "
                f"fleet {[f'{d} {r}' for r, d in f_steps]}")
        self.history.append((cmd, a, f))


def run_graph(seed: int, kind: str, alembic_db, fleet_db, fleet_bin: Optional[str],
              tmpdir: str) -> Sequence:
    """Generates graph `seed`, writes both script dirs, runs its sequence."""
    t0 = time.perf_counter()
    tmpdir = os.path.join(tmpdir, f"{kind}-seed{seed:04d}")   # pytest truncates its names
    g = graphgen.generate(seed)
    alembic_dir = graphgen.write_alembic_dir(g, os.path.join(tmpdir, "alembic_scripts"))
    fleet_dir = graphgen.write_fleet_dir(g, os.path.join(tmpdir, "fleet_scripts"))
    workdir = os.path.join(tmpdir, "cwd")
    os.makedirs(workdir, exist_ok=True)
    for db in (alembic_db, fleet_db):
        if db is not None:
            db.reset()
            db.create_step_log()
    rng = random.Random(seed * 7919 + 17)
    seq = Sequence(graph=g, kind=kind, alembic_db=alembic_db, fleet_db=fleet_db,
                   alembic_dir=alembic_dir, fleet_dir=fleet_dir, workdir=workdir,
                   fleet_bin=fleet_bin)
    try:
        seq.run(rng, rng.randint(8, 16))
    finally:
        stats(kind)["wall_s"] += time.perf_counter() - t0
    return seq
