"""The benchmark's report: a Markdown table per scenario with medians, peak
memory and the ratios fleet/Alembic and fleet/limit of the same run, headed
by the machine and the date."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from collections import OrderedDict


def machine() -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return f"{os.cpu_count()} cores ({cpu}), {mem_kib / 1024 / 1024:.0f} GiB, {platform.platform()}"


def versions() -> str:
    def first_line(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    return ", ".join([
        "alembic " + first_line(["/usr/bin/python3", "-c", "import alembic; print(alembic.__version__)"]),
        "sqlalchemy " + first_line(["/usr/bin/python3", "-c", "import sqlalchemy; print(sqlalchemy.__version__)"]),
        "sqlite3 " + first_line(["sqlite3", "--version"]).split(" ")[0],
        first_line(["psql", "--version"]),
    ])


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "-"


def render(results, sizes, quick: bool) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# fleet benchmark{' (quick mode: not a measurement)' if quick else ''}", "",
             f"- Date: {now}", f"- Machine: {machine()}", f"- Peers: {versions()}",
             f"- Parallel jobs (fleet's concurrency, the limit's xargs -P): {sizes.jobs}",
             f"- Runs per contender: {sizes.repeats}, alternating; times are medians of wall time"
             " and of CPU time (user + system, the steadier figure on a shared machine);"
             " memory is the peak RSS of the whole process tree.", ""]
    by_scenario: "OrderedDict[str, dict]" = OrderedDict()
    for r in results:
        by_scenario.setdefault(r.scenario, {})[r.contender] = r
    lines += ["| scenario | contender | median s | CPU s | peak MiB | fleet / this | CPU: fleet / this |",
              "|---|---|---:|---:|---:|---:|---:|"]
    for scenario, contenders in by_scenario.items():
        fleet = contenders.get("fleet")
        for name, r in contenders.items():
            m = r.measured
            versus = ratio(fleet.measured.median, m.median) if fleet and name != "fleet" else ""
            cpu_versus = (ratio(fleet.measured.cpu_median, m.cpu_median)
                          if fleet and name != "fleet" else "")
            extra = ""
            if r.targets > 1:
                extra = f" ({m.median / r.targets * 1000:.2f} ms/target)"
            lines.append(f"| {scenario} | {name} | {m.median:.3f}{extra} | {m.cpu_median:.2f} | {m.peak:.1f}"
                         f" | {versus} | {cpu_versus} |")
    lines.append("")
    return "\n".join(lines)
