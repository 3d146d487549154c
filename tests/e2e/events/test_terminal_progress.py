"""-v during a rollout on a terminal: the workers' log lines are printed above
the live progress line (cleared, printed, redrawn), so on screen every log
line starts at column 0 and is whole, never glued to the progress text.
The read-only commands over many targets (status, audit, plan, lint) draw
a live line too, and erase it before their report."""

from __future__ import annotations

import errno
import json
import os
import pty
import re
import subprocess

import pytest

from fleet_cli import Scripts, SqliteDb, dev_inventory, linear_chain, redact

LOG_LINE = re.compile(r"^INFO  \[fleet\] dev/t\d: (Running upgrade \S* -> r\d{4}aaaa\d{4}, step \d"
                      r"|SQL: .+)$")


def screen_lines(raw: str) -> list[str]:
    """What a terminal shows for raw: each line after carriage returns
    (back to column 0) and erase-to-end-of-line (ESC [ K)."""
    shown = []
    for physical in raw.split("\n"):
        line: list[str] = []
        col = 0
        i = 0
        while i < len(physical):
            if physical[i] == "\r":
                col = 0
            elif physical.startswith("\x1b[K", i):
                del line[col:]
                i += 3
                continue
            else:
                if col < len(line):
                    line[col] = physical[i]
                else:
                    line.append(physical[i])
                col += 1
            i += 1
        shown.append("".join(line))
    return shown


def run_on_a_terminal(fleet, args: list, cwd) -> tuple[int, str, str]:
    """Runs fleet with stderr on a pseudo-terminal; returns exit code, stdout
    and everything written to the terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([fleet.bin, *args], cwd=str(cwd), env=fleet.env(),
                            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError as e:  # EIO: the last writer closed the terminal
            if e.errno != errno.EIO:
                raise
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read().decode()
    rc = proc.wait(timeout=120)
    os.close(master)
    return rc, out, b"".join(chunks).decode()


def test_verbose_log_lines_never_garble_the_progress_line(fleet, tmp_path):
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 5)
    dbs = [SqliteDb(tmp_path / f"t{i}.db") for i in range(4)]
    dev_inventory(tmp_path, scripts, {f"t{i}": db for i, db in enumerate(dbs)},
                  "rollout: {concurrency: 2, canary: 1}\n")
    rc, out, raw = run_on_a_terminal(fleet, ["upgrade", "head", "-v"], tmp_path)
    assert rc == 0, redact(out + raw)
    assert "\r" in raw, "no live line was drawn: " + redact(raw)
    shown = screen_lines(raw.replace("\r\n", "\n"))
    logged = [line for line in shown if "INFO  [fleet]" in line]
    bad = [line for line in logged if not LOG_LINE.match(line)]
    assert not bad, "log lines not at column 0 or not whole:\n" + redact("\n".join(bad))
    # Every target's five steps were logged, each once.
    running = [line for line in logged if ": Running upgrade" in line]
    assert len(running) == 4 * 5, redact("\n".join(shown))


def thirty_targets(tmp_path):
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 2)
    dbs = [SqliteDb(tmp_path / f"t{i:02d}.db") for i in range(30)]
    dev_inventory(tmp_path, scripts, {f"t{i:02d}": db for i, db in enumerate(dbs)})


# lint reads targets only when they are named (without, it checks the
# revisions alone, for the inventory's dialects).
@pytest.mark.parametrize("command", [["status"], ["audit"], ["plan", "head"],
                                     ["lint", "head", "--env", "dev"]])
def test_read_only_commands_over_many_targets_show_a_live_line_and_erase_it(fleet, tmp_path,
                                                                              command):
    thirty_targets(tmp_path)
    rc, out, raw = run_on_a_terminal(fleet, [*command, "--format", "json"], tmp_path)
    assert rc in (0, 3), redact(out + raw)
    name = command[0]
    assert f"\r[fleet] {name}" in raw, "no live line was drawn: " + redact(raw)
    assert "30/30 targets read" in raw, redact(raw)
    # Erased before the report: nothing of it stays on screen.
    shown = screen_lines(raw.replace("\r\n", "\n"))
    assert not [line for line in shown if "[fleet]" in line], redact("\n".join(shown))
    json.loads(out)  # the report on stdout is whole


def test_read_only_commands_draw_no_line_when_stderr_is_not_a_terminal(fleet, tmp_path):
    thirty_targets(tmp_path)
    result = subprocess.run([fleet.bin, "status"], cwd=str(tmp_path), env=fleet.env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, redact(result.stdout + result.stderr)
    assert "[fleet]" not in result.stderr and "\r" not in result.stderr, redact(result.stderr)
