"""examples/fleet, the README's first command (scripts/quickstart.sh runs its
demo.sh after building): on a copy of the example, demo.sh makes the tenant
databases, brings production to an older revision and dev and staging to
head, and `fleet status` shows production behind staging."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from fleet_cli import fails, ok
from rollout_fleet import SqliteTarget, summary, versions

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fleet"
HEAD, OLDER = "f2b6d8e0c396", "8c4f2e6a9b10"
STAGING = ["acme", "globex", "initech"]
PRODUCTION = ["acme", "globex", "hooli", "initech", "stark", "umbrella"]


def test_the_example_shows_production_behind_staging(fleet, tmp_path):
    example = tmp_path / "fleet"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("data"))
    p = subprocess.run(["bash", str(example / "demo.sh"), fleet.bin], capture_output=True, text=True,
                       timeout=120, env=fleet.env())
    report = f"exit {p.returncode}\n--- stdout ---\n{p.stdout}--- stderr ---\n{p.stderr}"
    assert p.returncode == 0, report
    assert "production: 6 of 6 behind staging, missing 1d9b7f3c5a42, a7e3c9d1f254, f2b6d8e0c396" \
        in p.stdout, report
    assert "(exit 3)" in p.stdout, report

    data = example / "data"
    for t in STAGING:
        assert versions(SqliteTarget(data / f"staging/{t}.db", t)) == {HEAD}, report
    assert versions(SqliteTarget(data / "dev/app.db", "app")) == {HEAD}, report
    for t in PRODUCTION:
        db = SqliteTarget(data / f"production/{t}.db", t)
        assert versions(db) == {OLDER}, report
        assert db.tables() == {"customers", "invoices", "alembic_version", "fleet_history"}, report
    staging = SqliteTarget(data / "staging/acme.db", "acme")
    assert staging.query("SELECT code FROM plans ORDER BY seats") == [("free",), ("team",), ("enterprise",)]
    assert "plan" in staging.columns("customers") and staging.has_index("ix_invoices_issued_on")

    # What status says, read through fleet in the copy; then production catches up.
    res = fails(fleet("status", cwd=example), 3)
    assert "production: 6 targets, 6 behind" in res.out, res
    res = ok(fleet("upgrade", "head", "--env", "production", cwd=example))
    assert summary(res.out)["done"] == 6, res
    res = ok(fleet("status", cwd=example))
    assert "staging: level with production" in res.out and "behind" not in res.out, res

    # A second run starts again from fresh databases.
    p = subprocess.run(["bash", str(example / "demo.sh"), fleet.bin], capture_output=True, text=True,
                       timeout=120, env=fleet.env())
    assert p.returncode == 0, p.stdout + p.stderr


def test_the_example_demo_fails_when_status_does_not_show_production_behind(fleet, tmp_path):
    example = tmp_path / "fleet"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("data"))
    # A release with one revision fewer: production's older revision is now
    # one behind head, and the script must notice that status differs.
    (example / "migrations/versions/f2b6d8e0c396_index_invoices_issued_on.yaml").unlink()
    p = subprocess.run(["bash", str(example / "demo.sh"), fleet.bin], capture_output=True, text=True,
                       timeout=120, env=fleet.env())
    assert p.returncode == 1, p.stdout + p.stderr
    assert "demo.sh: fleet status did not say: production: 6 of 6 behind staging" in p.stderr
