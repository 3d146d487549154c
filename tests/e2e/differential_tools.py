"""How the differential harness runs each tool on one command: Alembic in
process (its Config and command API), fleet as a subprocess."""

from __future__ import annotations

import io
import os
import subprocess
import time
from dataclasses import dataclass
from typing import Optional




# ---- commands --------------------------------------------------------------------

@dataclass(frozen=True)
class Cmd:
    verb: str                      # upgrade | downgrade | stamp
    revs: tuple[str, ...]
    purge: bool = False
    why: str = ""                  # what the generator meant to exercise

    def fleet_args(self) -> list[str]:
        return [self.verb, *self.revs] + (["--purge"] if self.purge else [])

    def __str__(self) -> str:
        return " ".join(self.fleet_args())


@dataclass
class Outcome:
    ok: bool
    rc: Optional[int] = None            # fleet only
    error_type: str = ""                # Alembic only: exception class
    expected_rc: Optional[int] = None   # Alembic only: what fleet should exit with
    detail: str = ""                    # message / stdout+stderr
    seconds: float = 0.0

    def short(self) -> str:
        if self.rc is not None:
            return f"exit {self.rc}"
        return "ok" if self.ok else f"{self.error_type}"


def pin_alembic_load_order() -> None:
    """Alembic loads revision files in os.listdir order, which depends on the
    file system; fleet loads them sorted by name. Where Alembic's own answer
    depends on load order (which branch an `upgrade heads` walks first, and so
    which version row a later merge keeps), the two tools must start from the
    same one, so Alembic is made to list its folder sorted too. Both folders
    name files "<id>_step.<ext>", so the two sorted orders are the same."""
    from alembic.script.base import Script
    if getattr(Script, "_fleet_sorted_listing", False):
        return
    listing = Script._list_py_dir.__func__

    def sorted_listing(cls, scriptdir, path):
        return sorted(listing(cls, scriptdir, path))

    Script._list_py_dir = classmethod(sorted_listing)
    Script._fleet_sorted_listing = True


def alembic_config(script_dir: str, db) -> "object":
    from alembic.config import Config
    pin_alembic_load_order()
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", script_dir)
    cfg.attributes["engine"] = db.engine()
    cfg.attributes["url"] = db.url
    return cfg


def run_alembic(cfg, cmd: Cmd) -> Outcome:
    from alembic import command
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    t0 = time.perf_counter()
    try:
        if cmd.verb == "upgrade":
            command.upgrade(cfg, cmd.revs[0])
        elif cmd.verb == "downgrade":
            command.downgrade(cfg, cmd.revs[0])
        elif cmd.verb == "stamp":
            revs = list(cmd.revs) if len(cmd.revs) > 1 else cmd.revs[0]
            command.stamp(cfg, revs, purge=cmd.purge)
        else:
            raise ValueError(f"harness: unknown verb {cmd.verb}")
        return Outcome(ok=True, seconds=time.perf_counter() - t0)
    except (CommandError, RevisionError) as e:
        return Outcome(ok=False, error_type=type(e).__name__, expected_rc=2,
                       detail=str(e), seconds=time.perf_counter() - t0)
    except SQLAlchemyError as e:
        return Outcome(ok=False, error_type=type(e).__name__, expected_rc=1,
                       detail=str(e), seconds=time.perf_counter() - t0)
    except Exception as e:  # an Alembic internal error: any failure will do
        return Outcome(ok=False, error_type=type(e).__name__, expected_rc=None,
                       detail=f"(Alembic internal error) {e!r}",
                       seconds=time.perf_counter() - t0)


def fleet_env() -> dict:
    """The environment fleet runs in: no inventory, no DATABASE_URL."""
    env = dict(os.environ)
    for var in ("DATABASE_URL", "FLEET_CONFIG"):
        env.pop(var, None)
    return env


def run_fleet(fleet_bin: str, args: list[str], cwd: str, env: Optional[dict] = None,
              timeout: float = 120) -> tuple[int, str, str]:
    """Runs fleet; returns (exit code, stdout, stderr). A hang is exit -999."""
    try:
        p = subprocess.run([fleet_bin, *args], cwd=cwd, env=env or fleet_env(),
                           capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return -999, str(e.stdout or ""), f"fleet did not finish in {timeout}s"


def fleet_target_args(db, script_dir: str) -> list[str]:
    return ["--url", db.url, "--script-location", script_dir]
