#!/usr/bin/python3
"""fleet's benchmark, side by side with Alembic 1.8 and the raw clients.

    bench/run.sh [--quick] [--only N,N]     (starts its own PostgreSQL)
    bench.py --fleet build/fleet --pg-url URL [--quick] [--only 1,2] [--results FILE]

Prints, per scenario, each contender's median wall time and peak memory,
and the ratios fleet/Alembic and fleet/limit measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import report  # noqa: E402
import autogen_scenario  # noqa: E402
from scenarios import QUICK, Bench, Sizes  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fleet", required=True, help="the fleet binary")
    parser.add_argument("--pg-url", default=os.environ.get("FLEET_BENCH_PG_URL")
                        or os.environ.get("FLEET_TEST_PG_URL", ""),
                        help="admin URL of a PostgreSQL server the benchmark may create databases on")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each (a smoke test)")
    parser.add_argument("--only", default="", help="comma-separated scenario numbers")
    parser.add_argument("--repeats", type=int, default=0, help="runs per contender (default 5; quick 1)")
    parser.add_argument("--jobs", type=int, default=0,
                        help="fleet's concurrency and the limit's parallel jobs (default 2)")
    parser.add_argument("--contenders", default="",
                        help="comma-separated: fleet, alembic, limit (default all)")
    parser.add_argument("--results", default="", help="also write the report as Markdown here")
    parser.add_argument("--workdir", default="", help="where to build inputs (default: a temp folder)")
    args = parser.parse_args()

    sizes = QUICK if args.quick else Sizes()
    if args.repeats:
        sizes.repeats = args.repeats
    if args.jobs:
        sizes.jobs = args.jobs
    chosen = {int(n) for n in args.only.split(",") if n} or {1, 2, 3, 4, 5, 6, 7, 8, 9}
    if chosen & {3, 4} and not args.pg_url:
        parser.error("scenarios 3 and 4 need --pg-url or FLEET_BENCH_PG_URL")
    workdir = args.workdir or tempfile.mkdtemp(prefix="fleet-bench-")
    bench = Bench(os.path.abspath(args.fleet), workdir, args.pg_url, sizes)
    bench.contenders = {c for c in args.contenders.split(",") if c}

    results = []
    for number, run in [(1, bench.chain), (2, bench.sqlite_tenants), (3, bench.pg_databases),
                        (4, bench.status), (5, bench.graph), (6, bench.scale),
                        (7, bench.startup), (8, lambda: autogen_scenario.scenario(bench)),
                        (9, bench.lint)]:
        if number not in chosen:
            continue
        print(f"scenario {number}...", file=sys.stderr, flush=True)
        results += run()
    text = report.render(results, sizes, quick=args.quick)
    print(text)
    if args.results:
        with open(args.results, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
