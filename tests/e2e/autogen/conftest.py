"""Fixtures of the autogenerate end-to-end tests: `fleet`, `pg`, `kind` and
`make_db` from tests/e2e/cli/fleet_fixtures.py (FLEET_BIN and, for the
PostgreSQL half, FLEET_TEST_PG_URL are required: tests fail without them);
the catalog reader of tests/e2e/portable_ops. Options: --autogen-pairs N /
--autogen-first-pair K (or $FLEET_AUTOGEN_PAIRS / $FLEET_AUTOGEN_FIRST_PAIR):
the generated (before, after) pairs of the round-trip test."""

from __future__ import annotations

import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
sys.path.insert(0, os.path.join(HERE, "..", "portable_ops"))

import pytest  # noqa: E402

from autogen_run import empty  # noqa: E402
from fleet_cli import PgServer, SqliteDb, pg_admin_url  # noqa: E402
from fleet_fixtures import fleet, kind, make_db, pg  # noqa: E402,F401


@pytest.fixture(scope="session")
def pg_session():
    """Databases kept for the whole session (one pytest process), dropped at
    its end."""
    server = PgServer()
    pg_admin_url()
    yield server
    server.drop_all()


@pytest.fixture
def pair_dbs(kind, tmp_path, request):
    """The round trip's two databases, empty: the project's ("app") and the
    one each declared schema is loaded into as written ("direct"). On
    PostgreSQL the same two serve every pair of the session, emptied first:
    creating and dropping two databases per pair cost about 0.7 s of each
    pair's 3.4 s."""
    if kind == "sqlite":
        return SqliteDb(tmp_path / "app.db"), SqliteDb(tmp_path / "direct.db")
    server = request.getfixturevalue("pg_session")
    while len(server.dbs) < 2:
        server.create()
    for db in server.dbs:
        empty(db)
    return server.dbs[0], server.dbs[1]


def pytest_addoption(parser):
    parser.addoption("--autogen-pairs", type=int,
                     default=int(os.environ.get("FLEET_AUTOGEN_PAIRS", "100")),
                     help="generated (before, after) schema pairs per dialect (default 100)")
    parser.addoption("--autogen-first-pair", type=int,
                     default=int(os.environ.get("FLEET_AUTOGEN_FIRST_PAIR", "0")),
                     help="first pair's seed (default 0)")


def pytest_generate_tests(metafunc):
    if "pair_seed" in metafunc.fixturenames:
        n = metafunc.config.getoption("--autogen-pairs")
        first = metafunc.config.getoption("--autogen-first-pair")
        metafunc.parametrize("pair_seed", range(first, first + n), ids=lambda s: f"pair{s:04d}")


def pytest_terminal_summary(terminalreporter, config):
    """test_compare_metadata_differential.py's counts per kind, when it ran."""
    for line in getattr(config, "fleet_differential_summary", []):
        terminalreporter.write_line(line)
