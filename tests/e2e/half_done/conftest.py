"""Fixtures of the half-done end-to-end tests: `fleet`, `pg`, `kind` and
`make_db` from tests/e2e/cli/fleet_fixtures.py (FLEET_BIN and
FLEET_TEST_PG_URL required: tests fail without them, never skip)."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))

from fleet_fixtures import fleet, kind, make_db, pg  # noqa: E402,F401
