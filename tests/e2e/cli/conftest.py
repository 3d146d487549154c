"""Fixtures for the command-line end-to-end tests: the fleet binary as a user
runs it, against real SQLite files and the real test PostgreSQL server.

Environment (both required; a test that needs one fails without it, never skips):
  FLEET_BIN           the built fleet binary
  FLEET_TEST_PG_URL   an admin URL (with a password) of a throwaway PostgreSQL
                      server, e.g. from scripts/pg_cluster.sh start DIR

Every fleet run is checked for the server's password in stdout and stderr.
"""

from __future__ import annotations

import os
import sys

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(__file__))

from fleet_cli import (KINDS, Fleet, PgServer, Scripts, SqliteDb,  # noqa: E402
                      pg_admin_url)


@pytest.fixture
def fleet(tmp_path) -> Fleet:
    """Overrides ../conftest.py's `fleet` for this folder: a runner, not a path."""
    return Fleet(tmp_path)


@pytest.fixture
def pg():
    """The test server: databases made through it are dropped after the test."""
    server = PgServer()
    pg_admin_url()
    yield server
    server.drop_all()


@pytest.fixture(params=KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture
def make_db(kind, tmp_path, request):
    """make_db(name) -> a new, empty database of this test's kind."""
    server = None

    def make(name: str = "app"):
        nonlocal server
        if kind == "sqlite":
            return SqliteDb(tmp_path / f"{name}.db")
        if server is None:
            server = request.getfixturevalue("pg")
        return server.create()

    return make


@pytest.fixture
def db(make_db):
    return make_db("app")


@pytest.fixture
def scripts(tmp_path) -> Scripts:
    return Scripts(tmp_path / "migrations")
