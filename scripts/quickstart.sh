#!/usr/bin/env bash
# The main job on the bundled fleet example: install what is missing, build,
# then run examples/fleet/demo.sh. It recreates the example's SQLite tenant
# databases (dev: one, staging: three, production: six, under
# examples/fleet/data/), brings production to an older revision, upgrades dev
# and staging to head, and prints `fleet status`, whose comparison lines show
# production behind staging. Status itself exits 3 (out of sync); this script
# exits 0 when status shows exactly that.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
examples/fleet/demo.sh build/fleet
