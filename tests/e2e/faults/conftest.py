"""Fixtures of the fault end-to-end tests (SIGKILL mid-rollout, a full disk
under a SQLite file, many processes migrating one fleet at once): `fleet` and
`pg` from tests/e2e/cli/fleet_fixtures.py (imported, not copied);
fault_fleet.py holds what only these tests share.

Environment (all required; tests fail without them, never skip):
  FLEET_BIN           the built fleet binary
  EMBEDDING_BIN       the built examples/embedding program (concurrency test)
  FLEET_TEST_PG_URL   an admin URL of a throwaway PostgreSQL server
                      (scripts/pg_cluster.sh start DIR prints one)
The disk-full test mounts a tmpfs, so it must run as root (the test machines do).
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
sys.path.insert(0, os.path.dirname(__file__))

from fleet_fixtures import fleet, pg  # noqa: E402,F401
