"""Fixtures for the reports end-to-end tests: `fleet` (the runner) is
tests/e2e/cli/fleet_fixtures.py's, the revision chain and the target reads
are tests/e2e/rollout/rollout_fleet.py's (imported, not copied);
reports_fleet.py holds what only these tests need.

Environment: FLEET_BIN, the built fleet binary (required)."""

import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
sys.path.insert(0, os.path.join(HERE, "..", "rollout"))
sys.path.insert(0, HERE)

from fleet_fixtures import fleet  # noqa: E402,F401
