#!/usr/bin/env bash
# The fleet example end to end, on fresh databases: production brought to an
# older revision, dev and staging to head, then `fleet status`, which shows
# production behind staging and exits 3 (out of sync). This script exits 0
# when status says exactly that, 1 otherwise.
#   examples/fleet/demo.sh [FLEET_BINARY]   (default: build/fleet of this tree)
# It works on the folder it sits in, so a copy of examples/fleet runs on its
# own data/ (the e2e test does that).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fleet=$(realpath "${1:-$here/../../build/fleet}")
cd "$here"

run() {
  echo "\$ fleet $*"
  "$fleet" "$@"
  echo
}

# Fresh tenant databases: fleet creates a SQLite file, not its folder.
rm -rf data
mkdir -p data/dev data/staging data/production

# Production was last released two weeks ago: it stands at "create invoices".
run upgrade 8c4f2e6a9b10 --env production
# dev and staging carry this week's revisions. Both environments are named,
# so fleet agrees to change more than one; each rolls out canary first.
run upgrade head --env dev --env staging

echo "\$ fleet status"
status_rc=0
status=$("$fleet" status 2>&1) || status_rc=$?
echo "$status"
echo "(exit $status_rc)"

# What a release manager reads there: production is 3 revisions behind staging.
expected=(
  "dev: level with staging"
  "staging: most advanced"
  "production: 6 of 6 behind staging, missing 1d9b7f3c5a42, a7e3c9d1f254, f2b6d8e0c396"
)
for line in "${expected[@]}"; do
  if ! grep -qxF "$line" <<<"$status"; then
    echo "demo.sh: fleet status did not say: $line" >&2
    exit 1
  fi
done
if [ "$status_rc" -ne 3 ]; then
  echo "demo.sh: fleet status exited $status_rc, expected 3 (production is behind)" >&2
  exit 1
fi
echo
echo "production is behind staging. To catch it up: fleet upgrade head --env production"
