"""Fixtures of the `fleet status` end-to-end tests: `fleet` and `pg` from
tests/e2e/cli/fleet_fixtures.py (FLEET_BIN and FLEET_TEST_PG_URL required:
tests fail without them, never skip). Golden files: see
tests/e2e/cli/fleet_golden.py (FLEET_UPDATE_GOLDEN=1 rewrites them)."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))

from fleet_fixtures import fleet, pg  # noqa: E402,F401
