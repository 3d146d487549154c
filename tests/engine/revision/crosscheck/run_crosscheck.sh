#!/bin/sh
# run_crosscheck.sh PROBE [SEED [COUNT]]: COUNT random cases through Alembic
# and through fleet's PROBE (fleet_revision_probe); fails on a difference.
# Needs a Python with Alembic 1.8 ($FLEET_ALEMBIC_PYTHON, default /usr/bin/python3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
probe=$1
seed=${2:-1}
count=${3:-40}
python=${FLEET_ALEMBIC_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" "$here/make_cases.py" "$seed" "$count" > "$work/cases.jsonl"
"$python" "$here/alembic_probe.py" < "$work/cases.jsonl" > "$work/alembic.jsonl"
"$probe" < "$work/cases.jsonl" > "$work/fleet.jsonl"
"$python" "$here/compare.py" "$work/cases.jsonl" "$work/alembic.jsonl" "$work/fleet.jsonl"
