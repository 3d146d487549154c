"""The fixtures the command-line end-to-end suites share, written once. Each
suite's conftest.py imports the ones it uses by name: pytest takes a fixture
from whichever conftest module holds it, so importing them overrides
tests/e2e/conftest.py's `fleet` (the differential test's binary path) in that
suite's folder only. An import rather than `pytest_plugins`, which pytest
refuses in a conftest.py below the top one when a whole tree is collected."""

from __future__ import annotations

import sys

import pytest

sys.dont_write_bytecode = True

from fleet_cli import KINDS, Fleet, PgServer, SqliteDb, pg_admin_url  # noqa: E402


@pytest.fixture
def fleet(tmp_path) -> Fleet:
    """Overrides ../conftest.py's `fleet` in the suite importing it: a runner,
    not a path."""
    return Fleet(tmp_path)


@pytest.fixture
def pg():
    """The test server: databases made through it are dropped after the test.
    Without FLEET_TEST_PG_URL the test fails here, before it starts."""
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
        # Asked for only here, so a SQLite test never needs the server; pytest
        # hands every later call the same `pg` and drops its databases once.
        return request.getfixturevalue("pg").create()
    return make
