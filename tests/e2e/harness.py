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

import io
import os
import random
import sqlite3
import subprocess
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import graphgen

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


# ---- databases -----------------------------------------------------------------

@dataclass(frozen=True)
class State:
    versions: frozenset
    steps: tuple

    def show(self) -> str:
        return f"versions={sorted(self.versions)} steps={len(self.steps)}"


STEP_LOG_DDL = {
    "sqlite": "CREATE TABLE step_log (id INTEGER PRIMARY KEY AUTOINCREMENT, "
              "rev VARCHAR(32) NOT NULL, direction VARCHAR(10) NOT NULL)",
    "postgresql": "CREATE TABLE step_log (id SERIAL PRIMARY KEY, "
                  "rev VARCHAR(32) NOT NULL, direction VARCHAR(10) NOT NULL)",
}


# Puts a database back into a given state (version rows and step_log), used
# only on the Alembic database after Alembic itself crashed half-way.
FORCE_STATE_DDL = (
    "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)); "
    "DELETE FROM alembic_version; DELETE FROM step_log;")


class SqliteDb:
    kind = "sqlite"

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        self.url = "sqlite:///" + self.path        # sqlite:////abs/path
        self._engine = None

    def shown_url(self) -> str:
        return self.url

    def engine(self):
        if self._engine is None:
            from sqlalchemy import create_engine, pool
            self._engine = create_engine(self.url, poolclass=pool.NullPool)
        return self._engine

    def reset(self):
        self.dispose()
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(self.path + suffix):
                os.remove(self.path + suffix)

    def execute(self, sql: str):
        con = sqlite3.connect(self.path)
        try:
            con.execute(sql)
            con.commit()
        finally:
            con.close()

    def create_step_log(self):
        self.execute(STEP_LOG_DDL["sqlite"])

    def state(self) -> State:
        con = sqlite3.connect(self.path)
        try:
            tables = {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            versions = frozenset()
            if "alembic_version" in tables:
                versions = frozenset(r[0] for r in con.execute(
                    "SELECT version_num FROM alembic_version"))
            steps = ()
            if "step_log" in tables:
                steps = tuple(tuple(r) for r in con.execute(
                    "SELECT rev, direction FROM step_log ORDER BY id"))
            return State(versions, steps)
        finally:
            con.close()

    def force_state(self, state: State):
        con = sqlite3.connect(self.path)
        try:
            con.executescript(FORCE_STATE_DDL)
            con.executemany("INSERT INTO alembic_version (version_num) VALUES (?)",
                            [(v,) for v in sorted(state.versions)])
            con.executemany("INSERT INTO step_log (rev, direction) VALUES (?, ?)",
                            list(state.steps))
            con.commit()
        finally:
            con.close()

    def dispose(self):
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def redact(url: str) -> str:
    p = urllib.parse.urlsplit(url)
    if p.password:
        netloc = p.netloc.replace(":" + p.password + "@", ":***@")
        return urllib.parse.urlunsplit(p._replace(netloc=netloc))
    return url


def pg_url_for(admin_url: str, dbname: str) -> str:
    p = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(p._replace(path="/" + dbname))


class PgDb:
    kind = "postgresql"

    def __init__(self, url: str):
        self.url = url
        self.password = urllib.parse.urlsplit(url).password
        self._engine = None
        self._conn = None

    def shown_url(self) -> str:
        return redact(self.url)

    def conn(self):
        if self._conn is None or self._conn.closed:
            import psycopg2
            self._conn = psycopg2.connect(self.url)
            self._conn.autocommit = True
        return self._conn

    def engine(self):
        if self._engine is None:
            from sqlalchemy import create_engine
            self._engine = create_engine(self.url, pool_size=1, max_overflow=2)
        return self._engine

    def execute(self, sql: str):
        with self.conn().cursor() as cur:
            cur.execute(sql)

    def reset(self):
        # Drops every table of the previous graph: alembic_version, step_log,
        # fleet_history and whatever else fleet keeps there.
        self.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")

    def create_step_log(self):
        self.execute(STEP_LOG_DDL["postgresql"])

    def state(self) -> State:
        with self.conn().cursor() as cur:
            cur.execute("SELECT to_regclass('public.alembic_version'), "
                        "to_regclass('public.step_log')")
            has_version, has_steps = cur.fetchone()
            versions = frozenset()
            if has_version:
                cur.execute("SELECT version_num FROM public.alembic_version")
                versions = frozenset(r[0] for r in cur.fetchall())
            steps = ()
            if has_steps:
                cur.execute("SELECT rev, direction FROM public.step_log ORDER BY id")
                steps = tuple(tuple(r) for r in cur.fetchall())
            return State(versions, steps)

    def force_state(self, state: State):
        with self.conn().cursor() as cur:
            cur.execute("BEGIN")
            cur.execute(FORCE_STATE_DDL)
            for v in sorted(state.versions):
                cur.execute("INSERT INTO alembic_version (version_num) VALUES (%s)", (v,))
            for rev, direction in state.steps:
                cur.execute("INSERT INTO step_log (rev, direction) VALUES (%s, %s)",
                            (rev, direction))
            cur.execute("COMMIT")

    def dispose(self):
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# ---- commands --------------------------------------------------------------------

@dataclass(frozen=True)
class Cmd:
    verb: str                      # upgrade | downgrade | stamp
    revs: tuple[str, ...]
    purge: bool = False
    why: str = ""                  # what the generator meant to exercise

    def fleet_args(self) -> list[str]:
        return [self.verb, *self.revs] + (["--purge"] if self.purge else [])

    def __str__(self) -> str:
        return " ".join(self.fleet_args())


@dataclass
class Outcome:
    ok: bool
    rc: Optional[int] = None            # fleet only
    error_type: str = ""                # Alembic only: exception class
    expected_rc: Optional[int] = None   # Alembic only: what fleet should exit with
    detail: str = ""                    # message / stdout+stderr
    seconds: float = 0.0

    def short(self) -> str:
        if self.rc is not None:
            return f"exit {self.rc}"
        return "ok" if self.ok else f"{self.error_type}"


def pin_alembic_load_order() -> None:
    """Alembic loads revision files in os.listdir order, which depends on the
    file system; fleet loads them sorted by name. Where Alembic's own answer
    depends on load order (which branch an `upgrade heads` walks first, and so
    which version row a later merge keeps), the two tools must start from the
    same one, so Alembic is made to list its folder sorted too. Both folders
    name files "<id>_step.<ext>", so the two sorted orders are the same."""
    from alembic.script.base import Script
    if getattr(Script, "_fleet_sorted_listing", False):
        return
    listing = Script._list_py_dir.__func__

    def sorted_listing(cls, scriptdir, path):
        return sorted(listing(cls, scriptdir, path))

    Script._list_py_dir = classmethod(sorted_listing)
    Script._fleet_sorted_listing = True


def alembic_config(script_dir: str, db) -> "object":
    from alembic.config import Config
    pin_alembic_load_order()
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", script_dir)
    cfg.attributes["engine"] = db.engine()
    cfg.attributes["url"] = db.url
    return cfg


def run_alembic(cfg, cmd: Cmd) -> Outcome:
    from alembic import command
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    t0 = time.perf_counter()
    try:
        if cmd.verb == "upgrade":
            command.upgrade(cfg, cmd.revs[0])
        elif cmd.verb == "downgrade":
            command.downgrade(cfg, cmd.revs[0])
        elif cmd.verb == "stamp":
            revs = list(cmd.revs) if len(cmd.revs) > 1 else cmd.revs[0]
            command.stamp(cfg, revs, purge=cmd.purge)
        else:
            raise ValueError(f"harness: unknown verb {cmd.verb}")
        return Outcome(ok=True, seconds=time.perf_counter() - t0)
    except (CommandError, RevisionError) as e:
        return Outcome(ok=False, error_type=type(e).__name__, expected_rc=2,
                       detail=str(e), seconds=time.perf_counter() - t0)
    except SQLAlchemyError as e:
        return Outcome(ok=False, error_type=type(e).__name__, expected_rc=1,
                       detail=str(e), seconds=time.perf_counter() - t0)
    except Exception as e:  # an Alembic internal error: any failure will do
        return Outcome(ok=False, error_type=type(e).__name__, expected_rc=None,
                       detail=f"(Alembic internal error) {e!r}",
                       seconds=time.perf_counter() - t0)


def fleet_env() -> dict:
    """The environment fleet runs in: no inventory, no DATABASE_URL."""
    env = dict(os.environ)
    for var in ("DATABASE_URL", "FLEET_CONFIG"):
        env.pop(var, None)
    return env


def run_fleet(fleet_bin: str, args: list[str], cwd: str, env: Optional[dict] = None,
              timeout: float = 120) -> tuple[int, str, str]:
    """Runs fleet; returns (exit code, stdout, stderr). A hang is exit -999."""
    try:
        p = subprocess.run([fleet_bin, *args], cwd=cwd, env=env or fleet_env(),
                           capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return -999, str(e.stdout or ""), f"fleet did not finish in {timeout}s"


def fleet_target_args(db, script_dir: str) -> list[str]:
    return ["--url", db.url, "--script-location", script_dir]


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


# ---- the command generator -----------------------------------------------------------

def _unknown_id(rng: random.Random, g: graphgen.Graph) -> str:
    while True:
        cand = "".join(rng.choice(graphgen.HEX) for _ in range(rng.choice([8, 12])))
        if not any(i.startswith(cand) for i in g.ids()):
            return cand


def _unique_prefix(rng: random.Random, g: graphgen.Graph, rid: str) -> str:
    lo = max(4, g.min_unique_prefix_len(rid))
    if lo >= 12:
        return rid
    return rid[:rng.randint(lo, 11)]


def next_command(rng: random.Random, g: graphgen.Graph, heads_now: frozenset) -> Cmd:
    """A random next command, chosen knowing the graph and the current rows."""
    ids = g.ids()
    labels = g.labels()
    ambiguous = g.ambiguous_prefixes()
    current = sorted(h for h in heads_now if h in set(ids))
    applied = set(current)
    for h in current:
        applied |= g.ancestors(h, with_deps=True)
    applied_sorted = sorted(applied)
    nothing_applied = not applied

    def ref(rid: str) -> str:      # a full id or a unique prefix
        return rid if rng.random() < 0.5 else _unique_prefix(rng, g, rid)

    def some_applied() -> str:
        return rng.choice(applied_sorted) if applied_sorted and rng.random() < 0.8 \
            else rng.choice(ids)

    def some_current() -> str:
        return rng.choice(current) if current and rng.random() < 0.7 else rng.choice(ids)

    up = 3.0 if nothing_applied else 1.0
    down = 0.3 if nothing_applied else 1.0
    table = [
        # (weight, builder)
        (3 * up, lambda: Cmd("upgrade", ("head",), why="head")),
        (4 * up, lambda: Cmd("upgrade", ("heads",), why="heads")),
        (3 * up, lambda: Cmd("upgrade", (rng.choice(ids),), why="full id")),
        (3 * up, lambda: Cmd("upgrade", (_unique_prefix(rng, g, rng.choice(ids)),),
                             why="unique prefix")),
        (1.5 * up if ambiguous else 0,
         lambda: Cmd("upgrade", (rng.choice(ambiguous),), why="ambiguous prefix")),
        (1.0, lambda: Cmd("upgrade", (_unknown_id(rng, g),), why="unknown id")),
        (0.4, lambda: Cmd("upgrade", (rng.choice(ids)[:3],), why="3-char prefix")),
        (2 * up, lambda: Cmd("upgrade", ("+1",), why="+1")),
        (1 * up, lambda: Cmd("upgrade", ("+2",), why="+2")),
        (2 * up, lambda: Cmd("upgrade", (ref(some_current()) + "+1",), why="REV+1")),
        (2 * up if labels else 0,
         lambda: Cmd("upgrade", (rng.choice(labels) + "@head",), why="LABEL@head")),
        (1.5 * up if labels else 0,
         lambda: Cmd("upgrade", (rng.choice(labels) + "@+1",), why="LABEL@+1")),
        (1.5 * up, lambda: Cmd("upgrade", (ref(rng.choice(ids)) + "@head",), why="REV@head")),
        (0.6 if labels else 0, lambda: Cmd("upgrade", (rng.choice(labels),), why="LABEL")),
        (0.8 if labels else 0,
         lambda: Cmd("upgrade", (rng.choice(labels) + "@" + ref(rng.choice(ids)),),
                     why="LABEL@REV")),
        (3 * down, lambda: Cmd("downgrade", ("-1",), why="-1")),
        (0.5 * down, lambda: Cmd("downgrade", ("-2",), why="-2")),
        (1.5 * down, lambda: Cmd("downgrade", ("base",), why="base")),
        (2 * down, lambda: Cmd("downgrade", (ref(some_applied()),), why="id")),
        (1.5 * down if labels else 0,
         lambda: Cmd("downgrade", (rng.choice(labels) + "@-1",), why="LABEL@-1")),
        (2 * down, lambda: Cmd("downgrade", (ref(some_current()) + "-1",), why="REV-1")),
        (0.8 * down if labels else 0,
         lambda: Cmd("downgrade", (rng.choice(labels) + "@base",), why="LABEL@base")),
        (0.4 * down if ambiguous else 0,
         lambda: Cmd("downgrade", (rng.choice(ambiguous),), why="ambiguous prefix")),
        (2.0, lambda: Cmd("stamp", (ref(rng.choice(ids)),), why="REV")),
        (1.0, lambda: Cmd("stamp", ("heads",), why="heads")),
        (0.6, lambda: Cmd("stamp", ("head",), why="head")),
        (0.8, lambda: Cmd("stamp", ("base",), why="base")),
        (0.5 if labels else 0,
         lambda: Cmd("stamp", (rng.choice(labels) + "@head",), why="LABEL@head")),
        (1.0, lambda: Cmd("stamp", (ref(rng.choice(ids)),), purge=True, why="--purge REV")),
        (0.8 if len(g.heads()) > 1 else 0,
         lambda: Cmd("stamp", tuple(rng.sample(g.heads(), 2)), why="two heads")),
        (0.6, lambda: Cmd("stamp", tuple(sorted(rng.sample(ids, 2))), why="two revs")),
    ]
    weights = [w for w, _ in table]
    builder = rng.choices([b for _, b in table], weights)[0]
    return builder()


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
