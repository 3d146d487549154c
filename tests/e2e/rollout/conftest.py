"""Fixtures for the rollout end-to-end tests: the fleet binary driving many
real SQLite files and PostgreSQL databases at once. `fleet` (the runner) and
`pg` (the test server) are tests/e2e/cli/fleet_fixtures.py's (imported, not
copied); rollout_fleet.py holds what only these tests need.

Environment (both required; tests fail without them, never skip):
  FLEET_BIN           the built fleet binary
  FLEET_TEST_PG_URL   an admin URL of a throwaway PostgreSQL server
                      (scripts/pg_cluster.sh start DIR prints one)
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
sys.path.insert(0, os.path.dirname(__file__))

from fleet_fixtures import fleet, pg  # noqa: E402,F401

