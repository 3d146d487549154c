"""Running a command and measuring it: wall time and the peak resident memory
of the process tree (os.wait4's rusage covers the child and every descendant
it waited for, so a shell loop's or xargs' children count too)."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from typing import Callable, Optional

TIME = "/usr/bin/time"  # GNU time (Debian package `time`)


@dataclass
class Sample:
    seconds: float
    peak_mib: float


class CommandFailed(RuntimeError):
    pass


def run(argv: list[str], env: Optional[dict] = None, cwd: Optional[str] = None,
        ok_codes: tuple[int, ...] = (0,)) -> Sample:
    """Runs argv to completion; its output is kept for the error only.

    Through GNU time, which reports the peak RSS of the command and every
    descendant it waited for: a child of this Python process would carry
    Python's own ~15 MiB high-water mark through exec into its figure."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, tempfile.TemporaryFile() as output:
        command = [TIME, "-f", "%M", "-o", rss.name, *argv]
        started = time.perf_counter()
        process = subprocess.run(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                 stdout=output, stderr=output)
        elapsed = time.perf_counter() - started
        if process.returncode not in ok_codes:
            output.seek(0)
            tail = output.read().decode(errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(argv[:6])}... exited {process.returncode}:\n{tail}")
        lines = [line for line in rss.read().splitlines() if line.strip().isdigit()]
        peak_kib = int(lines[-1]) if lines else 0
    return Sample(elapsed, peak_kib / 1024.0)


@dataclass
class Measured:
    seconds: list[float]
    peak_mib: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mib)


def alternate(runners: dict[str, Callable[[], Sample]], repeats: int,
              prepare: Optional[Callable[[str], None]] = None) -> dict[str, Measured]:
    """Runs every runner `repeats` times, interleaved (a, b, c, a, b, c...), so
    a slow moment of the machine falls on all of them alike. prepare(name)
    runs before each measured run, unmeasured (fresh databases)."""
    results = {name: Measured([], []) for name in runners}
    for _ in range(repeats):
        for name, runner in runners.items():
            if prepare:
                prepare(name)
            # Flush what preparing wrote (thousands of files deleted and made
            # anew) so the disk's writeback does not land on the measured run.
            os.sync()
            sample = runner()
            results[name].seconds.append(sample.seconds)
            results[name].peak_mib.append(sample.peak_mib)
    return results
