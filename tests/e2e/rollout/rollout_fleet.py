"""What the rollout tests share beyond tests/e2e/cli/fleet_cli.py: one chain
of revisions whose every step leaves a mark that can be checked, targets of
the three kinds (a SQLite file, a PostgreSQL database, a tenant schema inside
one) read the same way, the check that a target is not half-migrated, and a
fleet process watched line by line while it runs (to interrupt it)."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from fleet_cli import PgDb, PgServer, SqliteDb, redact


# ---- the revisions ---------------------------------------------------------------------

@dataclass(frozen=True)
class Revision:
    rev: str
    message: str
    upgrade: str
    downgrade: str


# Five revisions, each leaving a mark mark_of() can see: a table, a column,
# an index, a second table, and a data step whose three rows prove it ran
# exactly once (it has no key that would make a second run fail instead).
CHAIN = [
    Revision("a1c0ffee0001", "create accounts",
             "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);",
             "DROP TABLE accounts;"),
    Revision("b2c0ffee0002", "add email to accounts",
             "ALTER TABLE accounts ADD COLUMN email VARCHAR(255);",
             "ALTER TABLE accounts DROP COLUMN email;"),
    Revision("c3c0ffee0003", "index accounts.email",
             "CREATE INDEX ix_accounts_email ON accounts (email);",
             "DROP INDEX ix_accounts_email;"),
    Revision("d4c0ffee0004", "create plans",
             "CREATE TABLE plans (code VARCHAR(20) NOT NULL, seats INTEGER NOT NULL);",
             "DROP TABLE plans;"),
    Revision("e5c0ffee0005", "seed plans",
             "INSERT INTO plans (code, seats) VALUES ('free', 1), ('team', 10), ('enterprise', 100);",
             "DELETE FROM plans WHERE code IN ('free', 'team', 'enterprise');"),
]
REVS = [r.rev for r in CHAIN]
HEAD = REVS[-1]
SEED_ROWS = 3


def write_chain(root: Path, pg_sleep: float = 0.0, sqlite_burn: int = 0,
                slow_from: int = 1) -> list[str]:
    """Writes CHAIN into root/versions. From revision number slow_from (1-based)
    on, each upgrade also sleeps pg_sleep seconds on PostgreSQL (inside the
    revision's transaction) and, on SQLite, counts to sqlite_burn with a
    recursive CTE (CPU time, interruptible). Returns the revision ids."""
    versions = Path(root) / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    down = ""
    for i, r in enumerate(CHAIN, start=1):
        slow = i >= slow_from
        lines = [f"-- revision: {r.rev}", f"-- down_revision: {down}", f"-- message: {r.message}", ""]
        if slow and pg_sleep:
            lines += ["-- +upgrade postgresql", r.upgrade, f"SELECT pg_sleep({pg_sleep});", ""]
        if slow and sqlite_burn:
            lines += ["-- +upgrade sqlite", r.upgrade,
                      "CREATE TABLE IF NOT EXISTS burn (n INTEGER);",
                      f"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                      f"WHERE x < {sqlite_burn}) INSERT INTO burn SELECT max(x) FROM c;",
                      "DELETE FROM burn;", ""]
        lines += ["-- +upgrade", r.upgrade, "", "-- +downgrade", r.downgrade, ""]
        (versions / f"{r.rev}_{r.message.replace(' ', '_').replace('.', '_')}.sql").write_text(
            "\n".join(lines))
        down = r.rev
    return list(REVS)


# ---- targets ---------------------------------------------------------------------------

class SqliteTarget(SqliteDb):
    """fleet_cli's SqliteDb with a name, whose reads open the file read-only."""

    def __init__(self, path: Path, name: str):
        super().__init__(path)
        self.name = name

    def query(self, sql: str, params=()) -> list:
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def has_index(self, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)))

    def fingerprint(self):
        """What 'untouched' means for a file: absent stays absent, present
        keeps its bytes and its modification time."""
        if not self.exists():
            return None
        st = self.path.stat()
        return (hashlib.sha256(self.path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns)


class PgTarget:
    """A PostgreSQL database (schema public) or one tenant schema in one."""
    kind = "postgresql"

    def __init__(self, db: PgDb, name: str, schema: str = "public"):
        self.db = db
        self.name = name
        self.schema = schema

    def exists(self) -> bool:
        return True

    def query(self, sql: str, params=()) -> list:
        return self.db.query(sql, params)

    def tables(self) -> set[str]:
        return {r[0] for r in self.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (self.schema,))}

    def columns(self, table: str) -> list[str]:
        return [r[0] for r in self.query(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = %s ORDER BY ordinal_position", (self.schema, table))]

    def has_index(self, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM pg_indexes WHERE schemaname = %s AND indexname = %s",
                               (self.schema, name)))

    def fingerprint(self):
        return (frozenset(self.tables()),)


def q(target, table: str) -> str:
    """table, qualified with the target's schema where it has one."""
    return f'"{target.schema}"."{table}"' if target.kind == "postgresql" else f'"{table}"'


def versions(target) -> set[str] | None:
    """The version table's rows; None when there is no version table."""
    if "alembic_version" not in target.tables():
        return None
    return {r[0] for r in target.query(f"SELECT version_num FROM {q(target, 'alembic_version')}")}


def history(target) -> list[tuple]:
    """(revision, direction, outcome) of every fleet_history row."""
    if "fleet_history" not in target.tables():
        return []
    return [tuple(r) for r in target.query(
        f"SELECT revision, direction, outcome FROM {q(target, 'fleet_history')} "
        "ORDER BY started_at, run_id, step")]


def seed_rows(target) -> int:
    if "plans" not in target.tables():
        return 0
    return target.query(f"SELECT count(*) FROM {q(target, 'plans')}")[0][0]


def marks(target) -> list[bool]:
    """Whether each revision of CHAIN has left its mark on the target."""
    tables = target.tables()
    return [
        "accounts" in tables,
        "accounts" in tables and "email" in target.columns("accounts"),
        target.has_index("ix_accounts_email"),
        "plans" in tables,
        seed_rows(target) > 0,
    ]


def level(target) -> int:
    """How many revisions of CHAIN the version table says are applied, after
    checking the target is not half-migrated: each revision's mark exists
    exactly when its id is at or below the version row, and the data step's
    rows are there exactly once."""
    rows = versions(target)
    assert rows is None or len(rows) <= 1, f"{target.name}: version rows {rows}"
    current = next(iter(rows)) if rows else None
    n = REVS.index(current) + 1 if current else 0
    expected = [i < n for i in range(len(CHAIN))]
    got = marks(target)
    assert got == expected, (f"{target.name} is half-migrated: version {current}, "
                             f"marks {got} (expected {expected})")
    assert seed_rows(target) == (SEED_ROWS if n == len(CHAIN) else 0), \
        f"{target.name}: {seed_rows(target)} seed rows at version {current}"
    return n


# ---- PostgreSQL ------------------------------------------------------------------------

def server_url(pg: PgServer) -> str:
    """The test server's URL without a database: postgresql://user:pw@host:port."""
    return pg.url_for("x")[: -len("/x")]


def create_databases(pg: PgServer, count: int) -> tuple[str, list[PgDb]]:
    """count new databases rollout_XXXXXXXX_01.. (dropped with pg.drop_all())."""
    return pg.create_numbered("rollout", count)


def create_schemas(db: PgDb, names: list[str]):
    db.execute("; ".join(f'CREATE SCHEMA "{n}"' for n in names))


# ---- output ----------------------------------------------------------------------------

SUMMARY = re.compile(r"^(\d+) target\(s\): (\d+) done, (\d+) failed, (\d+) skipped, (\d+) cancelled(.*)$",
                     re.M)


def summary(out: str) -> dict:
    """The summary line fleet prints last on stdout, as numbers plus its tail
    (' — halted: ...', ' — interrupted' or '')."""
    found = SUMMARY.findall(out)
    assert len(found) == 1, f"no single summary line in:\n{out}"
    total, done, failed, skipped, cancelled, tail = found[0]
    return {"total": int(total), "done": int(done), "failed": int(failed),
            "skipped": int(skipped), "cancelled": int(cancelled), "tail": tail}


def outcome_lines(out: str, state: str) -> list[str]:
    """Target names of the stdout lines 'STATE    ENV/NAME  N step(s), ...'."""
    return re.findall(rf"^{state}\s+(\S+)  \d+ step\(s\)", out, re.M)


# ---- a running fleet -------------------------------------------------------------------

class Running:
    """A fleet process whose stderr (the progress log: stderr is not a
    terminal) is read line by line as it comes, so a test can act on it."""

    def __init__(self, fleet, args: list, cwd: Path, env: dict | None = None):
        self.args = args
        self.proc = subprocess.Popen([fleet.bin, *map(str, args)], cwd=str(cwd), env=fleet.env(env),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.err_lines: list[str] = []
        self.out = ""
        self._cond = threading.Condition()
        self._err_reader = threading.Thread(target=self._read_err, daemon=True)
        self._out_reader = threading.Thread(target=self._read_out, daemon=True)
        self._err_reader.start()
        self._out_reader.start()
        self.started = time.monotonic()

    def _read_err(self):
        for line in self.proc.stderr:
            with self._cond:
                self.err_lines.append(line)
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def _read_out(self):
        self.out = self.proc.stdout.read()

    @property
    def err(self) -> str:
        with self._cond:
            return "".join(self.err_lines)

    def wait_for(self, pattern: str, times: int = 1, timeout: float = 60) -> None:
        """Until `times` stderr lines match pattern; fails if fleet ends or
        the time runs out first."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while sum(1 for line in self.err_lines if re.search(pattern, line)) < times:
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._err_reader.is_alive()):
                    raise AssertionError(redact(
                        f"waited for {times} line(s) matching {pattern!r}; fleet "
                        f"{'ended' if self.proc.poll() is not None else 'still runs'}:\n"
                        + "".join(self.err_lines)))
                self._cond.wait(min(left, 0.2))

    def interrupt(self):
        os.kill(self.proc.pid, signal.SIGINT)

    def finish(self, timeout: float = 120) -> int:
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(redact(f"fleet did not end in {timeout}s:\n{self.err}"))
        self._err_reader.join(10)
        self._out_reader.join(10)
        self.elapsed = time.monotonic() - self.started
        return rc

    def __str__(self) -> str:
        return redact(f"fleet {' '.join(map(str, self.args))}\n-> exit {self.proc.returncode}\n"
                      f"--- stdout ---\n{self.out}--- stderr ---\n{self.err}")
