"""Fixtures for the sharding end-to-end tests: `fleet` (the runner) from
tests/e2e/cli/fleet_fixtures.py (imported, not copied); sharded_fleet.py
holds what only these tests need.

Environment: FLEET_BIN (required; the tests fail without it)."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
sys.path.insert(0, os.path.dirname(__file__))

from fleet_fixtures import fleet  # noqa: E402,F401
