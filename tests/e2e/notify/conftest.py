"""Fixtures for the notification end-to-end tests: `fleet` from
tests/e2e/cli/fleet_fixtures.py (imported, not copied); the receivers are
notify_receivers.py's.

Environment: FLEET_BIN (required)."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
sys.path.insert(0, os.path.dirname(__file__))

from fleet_fixtures import fleet  # noqa: E402,F401
