"""How each contender runs: fleet (the built binary), Alembic 1.8 (Debian's
python3-alembic, one process per database as its documentation's loop does,
or in one process for PostgreSQL), and the raw clients (sqlite3, psql) running
exactly the SQL fleet would run, which is the physical limit."""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import Optional

from measure import Sample, run

PYTHON = "/usr/bin/python3"  # Debian's, with Alembic and psycopg2


def environment() -> dict:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("DATABASE_URL", None)
    env.pop("FLEET_CONFIG", None)
    return env


class Fleet:
    def __init__(self, binary: str):
        self.binary = binary

    def run(self, args: list[str], cwd: Optional[str] = None, ok_codes=(0,)) -> Sample:
        return run([self.binary, *args], env=environment(), cwd=cwd, ok_codes=ok_codes)

    def output(self, args: list[str], cwd: Optional[str] = None) -> str:
        return subprocess.run([self.binary, *args], env=environment(), cwd=cwd, check=True,
                              capture_output=True, text=True).stdout


class Alembic:
    def __init__(self, ini: str):
        self.ini = ini

    def argv(self, url: str, args: list[str]) -> list[str]:
        return [PYTHON, "-m", "alembic", "-c", self.ini, "-x", f"url={url}", *args]

    def run(self, url: str, args: list[str]) -> Sample:
        return run(self.argv(url, args), env=environment())

    def loop(self, urls: list[str], args: list[str]) -> Sample:
        """One process per database, one after another: the shell loop
        Alembic's documentation suggests for several databases."""
        script = "\n".join("set -e; " + " ".join(shlex.quote(a) for a in self.argv(u, args))
                           for u in urls)
        return run(["/bin/sh", "-c", script], env=environment())

    def in_process(self, urls: list[str], args: list[str]) -> Sample:
        """Every database from one Python process through alembic.command, so
        start-up is paid once (what a careful user would write)."""
        code = (
            "import sys\n"
            "from alembic import command\n"
            "from alembic.config import Config\n"
            f"ini = {self.ini!r}\n"
            f"urls = {urls!r}\n"
            f"name, *rest = {args!r}\n"
            "for url in urls:\n"
            "    config = Config(ini)\n"
            "    config.attributes['url'] = url\n"
            "    getattr(command, name)(config, *rest)\n"
        )
        return run([PYTHON, "-c", code], env=environment())


def parallel(commands: list[list[str]], jobs: int, workdir: str) -> Sample:
    """Runs the commands `jobs` at a time (xargs -P), measured as one."""
    listing = os.path.join(workdir, "parallel-commands.txt")
    with open(listing, "w") as f:
        for c in commands:
            f.write(" ".join(shlex.quote(a) for a in c) + "\n")
    return run(["xargs", "-a", listing, "-d", "\\n", "-P", str(jobs), "-I", "CMD",
                "/bin/sh", "-c", "CMD"], env=environment())


def sqlite3_file(database: str, sql_file: str) -> list[str]:
    return ["/bin/sh", "-c", f"sqlite3 -bail {shlex.quote(database)} < {shlex.quote(sql_file)}"]


def psql_file(url: str, sql_file: str) -> list[str]:
    return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", sql_file]


def psql_command(url: str, sql: str) -> list[str]:
    return ["psql", "-X", "-q", "-A", "-t", "-d", url, "-c", sql]
