"""The two databases of the differential harness: an SQLite file and a
PostgreSQL database, each read as State (version rows, step_log) and reset
between commands. harness.py runs the tools on them."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from dataclasses import dataclass



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
