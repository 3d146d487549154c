"""The embedding example upgrading its database at start-up, and the offline
SQL of the quickstart project compared with golden files."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from fleet_cli import ok

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).parent / "golden"


def test_the_embedding_example_upgrades_its_database_at_start_up(make_db, kind):
    binary = os.environ.get("EMBEDDING_BIN")
    assert binary, "EMBEDDING_BIN (the built examples/embedding program) is not set"
    db = make_db()
    scripts = ROOT / "examples" / "embedding" / "migrations"
    for attempt in range(2):  # the second start finds the database up to date
        p = subprocess.run([binary, db.url, str(scripts)], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        assert p.stdout == "database at 5d6e7f8091a2\n"
    assert db.query("SELECT name, value FROM settings") == [("theme", "dark")]
    assert db.query("SELECT version_num FROM alembic_version") == [("5d6e7f8091a2",)]


def test_the_embedding_example_reports_a_bad_url_without_migrating():
    binary = os.environ.get("EMBEDDING_BIN")
    assert binary, "EMBEDDING_BIN is not set"
    p = subprocess.run([binary, "postgresql://app:hunter2@127.0.0.1:1/app",
                        str(ROOT / "examples" / "embedding" / "migrations")],
                       capture_output=True, text=True)
    assert p.returncode == 1
    assert "127.0.0.1" in p.stderr and "hunter2" not in p.stderr


def normalized(sql: str) -> str:
    """Offline output with the values that change every run made fixed."""
    sql = re.sub(r"'[0-9a-f]{32}'", "'<run-id>'", sql)
    sql = re.sub(r"'[0-9]+\.[0-9]+\.[0-9]+', '[^']*'\)", "'<version>', '<host>')", sql)
    return sql


def golden(name: str) -> str:
    """A golden file without its header (the lines starting with '-- golden:')."""
    lines = (GOLDEN / name).read_text().splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("-- golden:"))


@pytest.mark.parametrize("dialect,url", [("sqlite", "sqlite:///never-created.db"),
                                         ("postgresql", "postgresql://app@127.0.0.1:1/app")])
def test_offline_upgrade_of_the_quickstart_matches_its_golden_file(fleet, tmp_path, dialect, url):
    res = ok(fleet("--url", url, "--script-location", ROOT / "examples" / "quickstart" / "migrations",
                   "upgrade", "head", "--sql"))
    if os.environ.get("FLEET_UPDATE_GOLDEN"):
        header = (f"-- golden: `fleet upgrade head --sql` of examples/quickstart on {dialect}:\n"
                  "-- golden: one transaction, the version table created from base, each revision's\n"
                  "-- golden: statements, its version-table write and its fleet_history row.\n")
        (GOLDEN / f"quickstart_upgrade_{dialect}.sql").write_text(header + normalized(res.out))
    assert normalized(res.out) == golden(f"quickstart_upgrade_{dialect}.sql")
    assert not (tmp_path / "never-created.db").exists()
