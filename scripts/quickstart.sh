#!/usr/bin/env bash
# The main job on the bundled example: install what is missing, build, then
# upgrade the quickstart's SQLite database to head and show where it stands.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
config=examples/quickstart/fleet.yaml
build/fleet -c "$config" upgrade head
build/fleet -c "$config" current
build/fleet -c "$config" history --indicate-current
