"""Fixtures for the rollout end-to-end tests: the fleet binary driving many
real SQLite files and PostgreSQL databases at once. The runner and the
PostgreSQL server helper are tests/e2e/cli/fleet_cli.py's (imported, not
copied); rollout_fleet.py holds what only these tests need.

Environment (both required; tests fail without them, never skip):
  FLEET_BIN           the built fleet binary
  FLEET_TEST_PG_URL   an admin URL of a throwaway PostgreSQL server
                      (scripts/pg_cluster.sh start DIR prints one)
"""

from __future__ import annotations

import os
import sys

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
sys.path.insert(0, os.path.dirname(__file__))

from fleet_cli import Fleet, PgServer, pg_admin_url  # noqa: E402

# measure_fleet.py is a hand-run script, not a test module.
collect_ignore = ["measure_fleet.py"]


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
