"""Fixtures of the secrets and injection end-to-end tests: `fleet` and `pg`
from tests/e2e/cli/fleet_fixtures.py (FLEET_BIN and FLEET_TEST_PG_URL
required: tests fail without them, never skip), two login roles with
distinctive passwords (secret_world.py), and `run`: fleet, with everything it
printed searched for any form of those passwords."""

import os
import sys

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))

from fleet_fixtures import fleet, pg  # noqa: E402,F401
from secret_world import Roles, assert_clean  # noqa: E402


@pytest.fixture(scope="module")
def roles():
    made = Roles()
    yield made
    made.drop()


@pytest.fixture
def run(fleet):
    """run(*args, **kw) -> Result: fleet's stdout and stderr hold no password."""
    def call(*args, **kw):
        res = fleet(*args, **kw)
        assert_clean(res.out, "stdout", str(res))
        assert_clean(res.err, "stderr", str(res))
        return res
    return call
