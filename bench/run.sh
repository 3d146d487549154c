#!/usr/bin/env bash
# The benchmark in one command: installs the peers (Debian's python3-alembic,
# psycopg2, sqlite3, psql, GNU time), builds fleet, starts a throwaway
# PostgreSQL 15 cluster, runs every scenario and writes bench/RESULTS.md.
#   bench/run.sh            full run (tens of minutes), results in bench/RESULTS.md
#   bench/run.sh --quick    tiny sizes, one run each: checks the benchmark works
#   bench/run.sh --only 1,5 chosen scenarios (full sizes), printed only
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

pgdir=$(mktemp -d /tmp/fleet-bench-pg.XXXXXX)
trap 'scripts/pg_cluster.sh stop "$pgdir"' EXIT
FLEET_BENCH_PG_URL=$(scripts/pg_cluster.sh start "$pgdir")
export FLEET_BENCH_PG_URL

args=("$@")
if [ $# -eq 0 ]; then
  args=(--results bench/RESULTS.md)
fi
/usr/bin/python3 bench/bench.py --fleet build/fleet "${args[@]}"
