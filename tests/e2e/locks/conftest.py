"""Fixtures for the migration-lock end-to-end tests: `fleet`, `pg`, `kind` and
`make_db` from tests/e2e/cli/fleet_fixtures.py, whose runner, databases and
script writers (fleet_cli.py) the tests use too (imported, not copied).

Environment: FLEET_BIN (required), FLEET_TEST_PG_URL (required by the
PostgreSQL tests: they fail, never skip, without it)."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))

from fleet_fixtures import fleet, kind, make_db, pg  # noqa: E402,F401
