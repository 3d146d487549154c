"""Running a command and measuring it: wall time, CPU time (user + system)
and the peak resident memory of the process tree (GNU time's rusage covers
the child and every descendant it waited for, so a shell loop's or xargs'
children count too). CPU seconds are the steadier figure on a machine shared
with other work: wall time also counts the moments another process held the
cores."""

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
    cpu_seconds: float = 0.0  # user + system of the whole process tree


class CommandFailed(RuntimeError):
    pass


def run(argv: list[str], env: Optional[dict] = None, cwd: Optional[str] = None,
        ok_codes: tuple[int, ...] = (0,)) -> Sample:
    """Runs argv to completion; its output is kept for the error only.

    Through GNU time, which reports the peak RSS of the command and every
    descendant it waited for: a child of this Python process would carry
    Python's own ~15 MiB high-water mark through exec into its figure."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, tempfile.TemporaryFile() as output:
        command = [TIME, "-f", "%M %U %S", "-o", rss.name, *argv]
        started = time.perf_counter()
        process = subprocess.run(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                 stdout=output, stderr=output)
        elapsed = time.perf_counter() - started
        if process.returncode not in ok_codes:
            output.seek(0)
            tail = output.read().decode(errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(argv[:6])}... exited {process.returncode}:\n{tail}")
        # The last line is the format's; "Command exited with non-zero
        # status" may come before it.
        lines = rss.read().splitlines()
        fields = lines[-1].split() if lines else []
        if len(fields) == 3 and fields[0].isdigit():
            peak_kib, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
        else:
            peak_kib, cpu = 0, 0.0
    return Sample(elapsed, peak_kib / 1024.0, cpu)


@dataclass
class Measured:
    seconds: list[float]
    peak_mib: list[float]
    cpu_seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mib)


def alternate(runners: dict[str, Callable[[], Sample]], repeats: int,
              prepare: Optional[Callable[[str], None]] = None) -> dict[str, Measured]:
    """Runs every runner `repeats` times, interleaved (a, b, c, a, b, c...), so
    a slow moment of the machine falls on all of them alike. prepare(name)
    runs before each measured run, unmeasured (fresh databases)."""
    results = {name: Measured([], [], []) for name in runners}
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
            results[name].cpu_seconds.append(sample.cpu_seconds)
    return results
