"""Fixtures for the command-line end-to-end tests: the fleet binary as a user
runs it, against real SQLite files and the real test PostgreSQL server.

Environment (both required; a test that needs one fails without it, never skips):
  FLEET_BIN           the built fleet binary
  FLEET_TEST_PG_URL   an admin URL (with a password) of a throwaway PostgreSQL
                      server, e.g. from scripts/pg_cluster.sh start DIR

Every fleet run is checked for the server's password in stdout and stderr.
`fleet`, `pg`, `kind` and `make_db` are fleet_fixtures.py's, shared with the
other suites; `db` and `scripts` are this folder's own.
"""

from __future__ import annotations

import os
import sys

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(__file__))

from fleet_cli import Scripts  # noqa: E402
from fleet_fixtures import fleet, kind, make_db, pg  # noqa: E402,F401


@pytest.fixture
def db(make_db):
    return make_db("app")


@pytest.fixture
def scripts(tmp_path) -> Scripts:
    return Scripts(tmp_path / "migrations")
