"""Fixtures for the `fleet diff` / `fleet audit` end-to-end tests: the fleet
binary against real SQLite files and the real test PostgreSQL server.

Environment (both required; tests fail without them, never skip):
  FLEET_BIN           the built fleet binary
  FLEET_TEST_PG_URL   an admin URL of a throwaway PostgreSQL server
                      (scripts/pg_cluster.sh start DIR prints one)
Set FLEET_UPDATE_GOLDEN=1 to rewrite the golden files from this run (their
header lines are kept); review the diff before committing it.
"""

from __future__ import annotations

import os
import sys

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))

from fleet_cli import Fleet, PgServer, pg_admin_url  # noqa: E402


@pytest.fixture
def fleet(tmp_path) -> Fleet:
    return Fleet(tmp_path)


@pytest.fixture
def pg():
    server = PgServer()
    pg_admin_url()
    yield server
    server.drop_all()
