"""What the command-line end-to-end tests share: the fleet runner, the two
kinds of database, and writers of script directories. The fixtures every
suite shares are in fleet_fixtures.py, the golden-file checks in fleet_golden.py."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.dont_write_bytecode = True

KINDS = ["sqlite", "postgresql"]


# ---- the binary ---------------------------------------------------------------------

def fleet_bin() -> str:
    path = os.environ.get("FLEET_BIN")
    if not path:
        pytest.fail("FLEET_BIN is not set: point it at the built fleet binary", pytrace=False)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"FLEET_BIN={path} is not an executable file", pytrace=False)
    return os.path.abspath(path)


def pg_admin_url() -> str:
    url = os.environ.get("FLEET_TEST_PG_URL")
    if not url:
        pytest.fail("FLEET_TEST_PG_URL is not set: the PostgreSQL tests need a throwaway "
                    "server (scripts/pg_cluster.sh start DIR prints its URL)", pytrace=False)
    return url


def scratch_databases() -> set[str]:
    """The databases autogenerate and audit make on the dev server
    (fleet_scratch_...): a test compares the set before and after to show
    none was left behind."""
    import psycopg2
    con = psycopg2.connect(pg_admin_url())
    try:
        with con.cursor() as cur:
            cur.execute("SELECT datname FROM pg_database WHERE datname LIKE 'fleet\\_scratch\\_%'")
            return {r[0] for r in cur.fetchall()}
    finally:
        con.close()


def assert_no_scratch_left(before: set[str]):
    """Fails when a fleet_scratch_ database that was not there `before`
    stays. Another suite running beside this one (ctest -j) makes and drops
    its own meanwhile, so a name seen now is waited for: one this test left
    behind stays, theirs go within seconds."""
    extra = scratch_databases() - before
    if extra:
        wait_for(lambda: not (scratch_databases() & extra),
                 f"scratch databases {sorted(extra)} to go: left behind?", timeout=60)


def admin_password() -> str | None:
    url = os.environ.get("FLEET_TEST_PG_URL")
    return urllib.parse.urlsplit(url).password if url else None


def redact(text: str) -> str:
    """The test server's password out of a test's own failure report (fleet's
    output is checked separately, and must never hold it)."""
    pw = admin_password()
    return text.replace(pw, "<test-password>") if pw else text


@dataclass(repr=False)
class Result:
    args: list
    rc: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err

    def __str__(self) -> str:
        return redact(f"fleet {' '.join(map(str, self.args))}\n-> exit {self.rc}\n"
                      f"--- stdout ---\n{self.out}--- stderr ---\n{self.err}")

    __repr__ = __str__


class Fleet:
    """Runs the binary. Every run asserts that no known secret shows in its output."""

    def __init__(self, cwd: Path):
        self.bin = fleet_bin()
        self.cwd = cwd
        self.secrets: set[str] = set()
        pw = admin_password()
        if pw:
            self.secrets.add(pw)

    def env(self, extra: dict | None = None) -> dict:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "FLEET_CONFIG", "FLEET_TEST_PG_URL")}
        env.update(extra or {})
        return env

    def __call__(self, *args, cwd: Path | str | None = None, env: dict | None = None,
                 user: str | None = None, timeout: float = 120) -> Result:
        cmd = [self.bin, *map(str, args)]
        if user:
            cmd = ["runuser", "-u", user, "--", *cmd]
        try:
            p = subprocess.run(cmd, cwd=str(cwd or self.cwd), env=self.env(env),
                               capture_output=True, text=True, timeout=timeout)
            res = Result(list(args), p.returncode, p.stdout, p.stderr)
        except subprocess.TimeoutExpired as e:
            pytest.fail(f"fleet {' '.join(map(str, args))} did not finish in {timeout}s: "
                        f"{e.stdout!r} {e.stderr!r}")
        for s in self.secrets:
            assert s not in res.out, f"a password shows in stdout:\n{res}"
            assert s not in res.err, f"a password shows in stderr:\n{res}"
        return res


def ok(res: Result) -> Result:
    assert res.rc == 0, f"expected success:\n{res}"
    return res


def fails(res: Result, rc: int) -> Result:
    assert res.rc == rc, f"expected exit {rc}:\n{res}"
    return res


def wait_for(predicate, what: str, timeout: float = 30, every: float = 0.2):
    """Polls predicate every `every` seconds until it returns something true,
    and returns that; fails the test after timeout (every wait is bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out waiting for {what}")


# ---- databases ---------------------------------------------------------------------

class SqliteDb:
    kind = "sqlite"

    def __init__(self, path: Path):
        self.path = Path(path)

    @property
    def url(self) -> str:
        return "sqlite:///" + str(self.path.resolve())        # sqlite:////abs

    def exists(self) -> bool:
        return self.path.exists()

    def _con(self):
        assert self.path.exists(), f"{self.path} does not exist"
        return sqlite3.connect(str(self.path))

    def query(self, sql: str, params=()) -> list:
        con = self._con()
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def execute(self, sql: str):
        con = self._con() if self.path.exists() else sqlite3.connect(str(self.path))
        try:
            con.executescript(sql)
            con.commit()
        finally:
            con.close()

    def tables(self) -> set[str]:
        if not self.path.exists():
            return set()
        return {r[0] for r in self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.query(f'PRAGMA table_info("{table}")')]


class PgDb:
    kind = "postgresql"

    def __init__(self, url: str, name: str):
        self.url = url
        self.name = name
        self._conn = None

    def exists(self) -> bool:
        return True

    def conn(self):
        import psycopg2
        if self._conn is None or self._conn.closed:
            self._conn = psycopg2.connect(self.url)
            self._conn.autocommit = True
        return self._conn

    def query(self, sql: str, params=()) -> list:
        with self.conn().cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def execute(self, sql: str):
        with self.conn().cursor() as cur:
            cur.execute(sql)

    def tables(self) -> set[str]:
        # Every schema but the system ones, so a table made anywhere shows.
        return {r[0] for r in self.query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")}

    def columns(self, table: str) -> list[str]:
        return [r[0] for r in self.query(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
            (table,))]

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def versions(db) -> set[str]:
    """The version table's rows; empty when there is no version table."""
    if "alembic_version" not in db.tables():
        return set()
    return {r[0] for r in db.query("SELECT version_num FROM alembic_version")}


def history(db) -> list[tuple]:
    """fleet_history rows as (revision, direction, outcome), in run order."""
    if "fleet_history" not in db.tables():
        return []
    return [tuple(r) for r in db.query(
        "SELECT revision, direction, outcome FROM fleet_history ORDER BY started_at, run_id, step")]


def snapshot(db):
    """What a failed command must leave as it was: whether the database exists,
    its tables, version rows and history rows."""
    return (db.exists(), db.tables(), versions(db), len(history(db)))


class PgServer:
    def __init__(self):
        self.created: list[str] = []
        self.dbs: list[PgDb] = []

    def admin(self):
        import psycopg2
        con = psycopg2.connect(pg_admin_url())
        con.autocommit = True
        return con

    def url_for(self, name: str, password: str | None = None) -> str:
        p = urllib.parse.urlsplit(pg_admin_url())
        netloc = p.netloc
        if password is not None:
            netloc = f"{p.username}:{password}@{p.hostname}:{p.port}"
        return urllib.parse.urlunsplit(p._replace(netloc=netloc, path="/" + name))

    def create(self) -> PgDb:
        name = f"fleet_cli_{uuid.uuid4().hex[:12]}"
        con = self.admin()
        try:
            with con.cursor() as cur:
                cur.execute(f'CREATE DATABASE "{name}"')
        finally:
            con.close()
        self.created.append(name)
        db = PgDb(self.url_for(name), name)
        self.dbs.append(db)
        return db

    def create_numbered(self, label: str, count: int) -> tuple[str, list[PgDb]]:
        """count new databases PREFIX_01..PREFIX_NN, PREFIX being label and a
        random suffix, made in one admin session (dropped by drop_all());
        returns PREFIX and them."""
        prefix = f"{label}_{uuid.uuid4().hex[:8]}"
        con = self.admin()
        dbs = []
        try:
            with con.cursor() as cur:
                for i in range(1, count + 1):
                    name = f"{prefix}_{i:02d}"
                    cur.execute(f'CREATE DATABASE "{name}"')
                    self.created.append(name)
                    db = PgDb(self.url_for(name), name)
                    self.dbs.append(db)
                    dbs.append(db)
        finally:
            con.close()
        return prefix, dbs

    def drop_all(self):
        for db in self.dbs:
            db.close()
        if not self.created:
            return
        con = self.admin()
        try:
            with con.cursor() as cur:
                for name in self.created:
                    cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            con.close()


# ---- script directories ------------------------------------------------------------------

def sql_revision(rev: str, down: str | list | None = None, upgrade: str = "",
                 downgrade: str | None = None, **headers) -> str:
    """The text of a SQL revision file. downgrade=None leaves the section out."""
    if isinstance(down, (list, tuple)):
        down = ", ".join(down)
    lines = [f"-- revision: {rev}", f"-- down_revision: {down or ''}"]
    for k, v in headers.items():
        lines.append(f"-- {k}: {v}")
    lines += ["", "-- +upgrade", textwrap.dedent(upgrade).strip(), ""]
    if downgrade is not None:
        lines += ["-- +downgrade", textwrap.dedent(downgrade).strip(), ""]
    return "\n".join(lines)


class Scripts:
    """A script directory (DIR/versions/*) the test writes revision files into."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.versions = self.root / "versions"
        self.versions.mkdir(parents=True, exist_ok=True)

    def write(self, filename: str, text: str) -> Path:
        p = self.versions / filename
        p.write_text(text)
        return p

    def sql(self, rev: str, down=None, upgrade: str = "SELECT 1;", downgrade: str | None = "SELECT 1;",
            filename: str | None = None, **headers) -> Path:
        return self.write(filename or f"{rev}_r.sql",
                          sql_revision(rev, down, upgrade, downgrade, **headers))

    def args(self, db) -> list[str]:
        return ["--url", db.url, "--script-location", str(self.root)]


def dev_inventory(root: Path, scripts: Scripts, databases: dict, settings: str = "") -> Path:
    """Writes root/fleet.yaml: the scripts, `settings` (YAML lines such as
    "rollout: {canary: 1}\n") and one environment, dev, holding `databases`
    ({name: db}) in their order."""
    path = Path(root) / "fleet.yaml"
    path.write_text(
        f"script_location: {scripts.root}\n" + settings
        + "environments:\n  dev:\n    databases:\n"
        + "".join(f"      - name: {name}\n        url: {db.url}\n" for name, db in databases.items()))
    return path


def linear_chain(scripts: Scripts, n: int, fail_at: int | None = None, **headers_at) -> list[str]:
    """n revisions r1..rn, each creating table t<i>; revision fail_at also creates
    its table and then runs a statement every database rejects."""
    revs = []
    prev = None
    for i in range(1, n + 1):
        rev = f"r{i:04d}aaaa{i:04d}"
        up = f"CREATE TABLE t{i} (id INTEGER PRIMARY KEY);"
        if i == fail_at:
            up += "\nINSERT INTO no_such_table (id) VALUES (1);"
        scripts.sql(rev, prev, up, f"DROP TABLE t{i};", filename=f"{rev}_step_{i}.sql",
                    message=f"step {i}", **headers_at.get(i, {}))
        revs.append(rev)
        prev = rev
    return revs
