"""Fixtures for the step-event and logging end-to-end tests: `fleet` and `pg`
from tests/e2e/cli/fleet_fixtures.py, and the line-by-line process watcher
`Running` from tests/e2e/rollout/rollout_fleet.py (imported, not copied).

Environment: FLEET_BIN (required), FLEET_TEST_PG_URL (required by the
PostgreSQL tests: they fail, never skip, without it)."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "rollout"))

from fleet_fixtures import fleet, pg  # noqa: E402,F401
