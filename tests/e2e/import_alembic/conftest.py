"""Fixtures of the `fleet import alembic` end-to-end tests: `fleet`, `pg`,
`kind` and `make_db` from tests/e2e/cli/fleet_fixtures.py (FLEET_BIN and, for
the PostgreSQL half, FLEET_TEST_PG_URL are required: tests fail without
them); the catalog reader of tests/e2e/portable_ops; graphgen for the
generated projects. Option: --import-seeds N (or $FLEET_IMPORT_SEEDS): the
generated projects per dialect (default 8)."""

from __future__ import annotations

import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
sys.path.insert(0, os.path.join(HERE, "..", "portable_ops"))

from fleet_fixtures import fleet, kind, make_db, pg  # noqa: E402,F401


def pytest_addoption(parser):
    parser.addoption("--import-seeds", type=int,
                     default=int(os.environ.get("FLEET_IMPORT_SEEDS", "8")),
                     help="generated Alembic projects per dialect (default 8)")


def pytest_generate_tests(metafunc):
    if "project_seed" in metafunc.fixturenames:
        n = metafunc.config.getoption("--import-seeds")
        metafunc.parametrize("project_seed", range(n), ids=lambda s: f"project{s:02d}")


def pytest_terminal_summary(terminalreporter, config):
    """test_generated_projects.py's totals, when it ran: how many generated
    projects and revisions were imported and checked, and how they came over."""
    module = sys.modules.get("test_generated_projects")
    totals = getattr(module, "TOTALS", None)
    if totals and totals["revisions"]:
        share = 100.0 * totals["yaml"] / totals["revisions"]
        terminalreporter.write_line(
            f"import alembic: {totals['projects']} generated projects, {totals['revisions']} "
            f"revisions imported and checked: {totals['yaml']} as YAML ({share:.0f}%), "
            f"{totals['sql']} as SQL, {totals['by_hand']} by hand")
