"""Fixtures of the portable-operation end-to-end tests: `fleet`, `pg`, `kind`
and `make_db` from tests/e2e/cli/fleet_fixtures.py (FLEET_BIN and, for the
PostgreSQL half, FLEET_TEST_PG_URL are required: tests fail without them,
never skip); `run_case`, which round-trips one op_cases case on this test's
kind of database. Options: --ops-seeds N / --ops-first-seed K (or
$FLEET_OPS_SEEDS / $FLEET_OPS_FIRST_SEED): the differential sequences run;
--ops-alembic-only: only their Alembic half (a self-check without fleet)."""

from __future__ import annotations

import os
import sys

import pytest

sys.dont_write_bytecode = True
HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
sys.path.insert(0, os.path.join(HERE, ".."))

from fleet_fixtures import fleet, kind, make_db, pg  # noqa: E402,F401
import op_cases  # noqa: E402
import op_run  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--ops-seeds", type=int, default=int(os.environ.get("FLEET_OPS_SEEDS", "12")),
                     help="differential operation sequences per database (default 12)")
    parser.addoption("--ops-first-seed", type=int,
                     default=int(os.environ.get("FLEET_OPS_FIRST_SEED", "0")),
                     help="first seed of the differential sequences (default 0)")
    parser.addoption("--ops-alembic-only", action="store_true", default=False,
                     help="differential test: run only the Alembic half (checks the generator)")


def pytest_generate_tests(metafunc):
    if "ops_seed" in metafunc.fixturenames:
        n = metafunc.config.getoption("--ops-seeds")
        first = metafunc.config.getoption("--ops-first-seed")
        metafunc.parametrize("ops_seed", range(first, first + n), ids=lambda s: f"seed{s:04d}")


@pytest.fixture
def run_case(fleet, make_db, kind, tmp_path):
    """run_case(name) -> (catalog at head, db): op_cases.CASES[name] round-tripped
    (op_run.round_trip) on a new database of this test's kind."""
    def run(name: str):
        case = op_cases.CASES[name]
        assert kind in case.kinds, f"case {name} is for {case.kinds} only"
        db = make_db("app")
        return op_run.round_trip(fleet, db, tmp_path / name, case), db
    return run
