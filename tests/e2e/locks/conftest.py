"""Fixtures for the migration-lock end-to-end tests. The runner, databases and
script writers are tests/e2e/cli/fleet_cli.py's (imported, not copied).

Environment: FLEET_BIN (required), FLEET_TEST_PG_URL (required by the
PostgreSQL tests: they fail, never skip, without it)."""

from __future__ import annotations

import os
import sys

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))

from fleet_cli import KINDS, Fleet, PgServer, SqliteDb, pg_admin_url  # noqa: E402


@pytest.fixture
def fleet(tmp_path) -> Fleet:
    """Overrides ../conftest.py's `fleet`: a runner, not a path."""
    return Fleet(tmp_path)


@pytest.fixture
def pg():
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
    def make(name: str = "app"):
        if kind == "sqlite":
            return SqliteDb(tmp_path / f"{name}.db")
        return request.getfixturevalue("pg").create()
    return make
