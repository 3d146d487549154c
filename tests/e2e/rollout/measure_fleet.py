#!/usr/bin/python3
"""Timings of fleet on many SQLite targets, run by hand (not a test: pytest
does not collect it, see conftest.py):

  /usr/bin/python3 tests/e2e/rollout/measure_fleet.py [--fleet build/fleet]

1. 200 SQLite tenant files x 20 revisions (create table, add column, create
   index, insert rows; five times over), `fleet upgrade head` from no files
   at all, at concurrency 1 and 2, each --runs times on fresh files: wall
   time and peak RSS from /usr/bin/time -v.
2. 1,000 SQLite targets, one revision: peak RSS and wall time of
   `fleet upgrade head` (from nothing) and then `fleet status`.

Prints one line per run, then medians, and the machine's load (1-minute
load average before and after each run; the CPU the rest of the machine used
while fleet ran, from /proc/stat minus fleet's own CPU time). Everything
happens under a temporary folder, removed at the end (--keep keeps it)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def revision_texts(count: int) -> list[tuple[str, str]]:
    """count revisions as (file name, text): per group of four, a table, a
    column, an index and three rows."""
    out, down = [], ""
    for i in range(count):
        group, step = divmod(i, 4)
        t = f"items_{group}"
        up, dn, msg = {
            0: (f"CREATE TABLE {t} (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, "
                f"created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);", f"DROP TABLE {t};",
                f"create {t}"),
            1: (f"ALTER TABLE {t} ADD COLUMN note VARCHAR(200);", f"ALTER TABLE {t} DROP COLUMN note;",
                f"add note to {t}"),
            2: (f"CREATE INDEX ix_{t}_name ON {t} (name);", f"DROP INDEX ix_{t}_name;",
                f"index {t}.name"),
            3: (f"INSERT INTO {t} (id, name, note) VALUES (1, 'one', 'a'), (2, 'two', 'b'), "
                f"(3, 'three', 'c');", f"DELETE FROM {t} WHERE id IN (1, 2, 3);", f"seed {t}"),
        }[step]
        rev = f"{i + 1:04d}c0ffee{i + 1:02d}"[:12]
        text = (f"-- revision: {rev}\n-- down_revision: {down}\n-- message: {msg}\n\n"
                f"-- +upgrade\n{up}\n\n-- +downgrade\n{dn}\n")
        out.append((f"{rev}_{msg.replace(' ', '_').replace('.', '_')}.sql", text))
        down = rev
    return out


def make_project(root: Path, tenants: int, revisions: int, concurrency: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "migrations/versions").mkdir(parents=True)
    (root / "tenants").mkdir()
    for name, text in revision_texts(revisions):
        (root / "migrations/versions" / name).write_text(text)
    names = ", ".join(f"t{i:04d}" for i in range(tenants))
    (root / "fleet.yaml").write_text(
        f"rollout: {{concurrency: {concurrency}}}\n"
        "environments:\n"
        "  prod:\n"
        "    databases:\n"
        "      - name: tenant-{t}\n"
        "        url: sqlite:///tenants/{t}.db\n"
        f"        for_each: {{t: [{names}]}}\n")


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def timed(fleet: str, args: list[str], cwd: Path, expect: int) -> dict:
    """Runs fleet under /usr/bin/time -v: wall seconds, peak MiB, CPU seconds,
    load around it."""
    load_before = os.getloadavg()[0]
    busy0, total0 = cpu_ticks()
    p = subprocess.run(["/usr/bin/time", "-v", fleet, *args], cwd=cwd, capture_output=True, text=True)
    busy1, total1 = cpu_ticks()
    load_after = os.getloadavg()[0]
    if p.returncode != expect:
        sys.exit(f"fleet {' '.join(args)} exited {p.returncode} (expected {expect}):\n"
                 f"{p.stdout[-2000:]}\n{p.stderr[-4000:]}")

    def field(name: str) -> str:
        m = re.search(rf"^\s*{re.escape(name)}: (.+)$", p.stderr, re.M)
        assert m, f"no '{name}' in /usr/bin/time output"
        return m.group(1)

    h_m_s = [float(x) for x in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = sum(v * 60 ** i for i, v in enumerate(reversed(h_m_s)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    hz = os.sysconf("SC_CLK_TCK")
    ncpu = os.cpu_count() or 1
    others = max(0.0, (busy1 - busy0) / hz - cpu)      # CPU seconds used by everything else
    return {"wall": wall, "rss_mib": int(field("Maximum resident set size (kbytes)")) / 1024,
            "cpu": cpu, "load": (load_before, load_after),
            "others_cores": others / wall if wall else 0.0,
            "idle_share": 1 - (busy1 - busy0) / max(total1 - total0, 1), "ncpu": ncpu,
            "stdout": p.stdout}


def show(label: str, r: dict) -> None:
    print(f"  {label}: {r['wall']:.2f}s wall, {r['cpu']:.2f}s CPU, peak {r['rss_mib']:.1f} MiB; "
          f"load {r['load'][0]:.2f} -> {r['load'][1]:.2f}, other processes used "
          f"{r['others_cores']:.2f} of {r['ncpu']} cores, idle {100 * r['idle_share']:.0f}%", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fleet", default=os.environ.get("FLEET_BIN", str(ROOT / "build/fleet")))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tenants", type=int, default=200)
    ap.add_argument("--revisions", type=int, default=20)
    ap.add_argument("--big", type=int, default=1000, help="targets of the RSS measurement")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--under", default=None,
                    help="make the temporary folder here (e.g. /dev/shm: no disk flushes)")
    args = ap.parse_args()
    fleet = str(Path(args.fleet).resolve())
    work = Path(tempfile.mkdtemp(prefix="fleet-measure-", dir=args.under))
    print(f"fleet: {fleet}\nwork: {work}\nmachine: {os.cpu_count()} cores, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    summary = []
    try:
        for c in args.concurrency:
            print(f"{args.tenants} SQLite tenants x {args.revisions} revisions, upgrade head from "
                  f"nothing, concurrency {c} (canary 1, batch 10):", flush=True)
            runs = []
            for i in range(args.runs):
                project = work / f"c{c}"
                make_project(project, args.tenants, args.revisions, c)
                r = timed(fleet, ["upgrade", "head"], project, 0)
                expected = f"{args.tenants} target(s): {args.tenants} done"
                assert expected in r["stdout"], r["stdout"][-500:]
                show(f"run {i + 1}", r)
                runs.append(r)
            summary.append(f"{args.tenants}x{args.revisions}, concurrency {c}: median "
                           f"{statistics.median(r['wall'] for r in runs):.2f}s, peak "
                           f"{max(r['rss_mib'] for r in runs):.1f} MiB "
                           "(runs: " + ", ".join(f"{r['wall']:.2f}s" for r in runs) + ")")

        print(f"{args.big} SQLite targets x 1 revision:", flush=True)
        project = work / "big"
        make_project(project, args.big, 1, 2)
        up = timed(fleet, ["upgrade", "head"], project, 0)
        assert f"{args.big} target(s): {args.big} done" in up["stdout"], up["stdout"][-500:]
        show("upgrade head", up)
        st = timed(fleet, ["status"], project, 0)
        assert f"prod: {args.big} targets, {args.big} up to date" in st["stdout"], st["stdout"][-500:]
        show("status", st)
        summary.append(f"{args.big} targets: upgrade head {up['wall']:.2f}s, peak {up['rss_mib']:.1f} MiB; "
                       f"status {st['wall']:.2f}s, peak {st['rss_mib']:.1f} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("summary:")
    for line in summary:
        print("  " + line)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
