"""Fixtures for the PostgreSQL fault tests. They restart and stop their
server, which would break every suite running at the same time against the
shared FLEET_TEST_PG_URL one, so this folder starts a cluster of its own
(scripts/pg_cluster.sh: initdb as the postgres user, so it runs as root) once
for the session and stops it after, whatever happened. While it runs,
FLEET_TEST_PG_URL names it, so fleet_cli's PgServer, the `fleet` runner's
password check and rollout_fleet's helpers all use it.

Environment: FLEET_BIN, the built fleet binary (required)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "cli"))
sys.path.insert(0, str(HERE.parent / "rollout"))
sys.path.insert(0, str(HERE))

from fleet_cli import Fleet, PgServer  # noqa: E402

PG_CLUSTER = HERE.parents[2] / "scripts" / "pg_cluster.sh"
PG_CTL = "/usr/lib/postgresql/15/bin/pg_ctl"


class Cluster:
    """A PostgreSQL 15 cluster of this suite's own, which tests may restart
    and stop."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="fleet_pg_faults_"))
        self.url = subprocess.run(["bash", str(PG_CLUSTER), "start", str(self.dir)], check=True,
                                  capture_output=True, text=True).stdout.strip()

    def postmaster_pid(self) -> int:
        return int((self.dir / "data" / "postmaster.pid").read_text().splitlines()[0])

    def restart(self):
        """pg_ctl restart -m fast: every session is terminated, the server
        is down for a moment, then takes connections again."""
        with open(self.dir / "restart.log", "ab") as log:
            subprocess.run(["runuser", "-u", "postgres", "--", PG_CTL, "-D", str(self.dir / "data"),
                            "-m", "fast", "-w", "-t", "30", "restart"],
                           stdout=log, stderr=subprocess.STDOUT, check=True, timeout=60)

    def stop(self):
        try:
            os.kill(self.postmaster_pid(), signal.SIGCONT)
        except (OSError, ValueError):
            pass
        subprocess.run(["bash", str(PG_CLUSTER), "stop", str(self.dir)], check=False)


@pytest.fixture(scope="session")
def cluster():
    own = Cluster()
    before = os.environ.get("FLEET_TEST_PG_URL")
    os.environ["FLEET_TEST_PG_URL"] = own.url
    try:
        yield own
    finally:
        if before is None:
            os.environ.pop("FLEET_TEST_PG_URL", None)
        else:
            os.environ["FLEET_TEST_PG_URL"] = before
        own.stop()


@pytest.fixture
def pg(cluster):
    """The suite's own server: databases made through it are dropped after
    the test."""
    server = PgServer()
    yield server
    server.drop_all()


@pytest.fixture
def fleet(cluster, tmp_path) -> Fleet:
    """The runner, made once FLEET_TEST_PG_URL names the suite's server, so
    its password is among the ones no output may show."""
    return Fleet(tmp_path)
