#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up, a throwaway PostgreSQL 15
# cluster, the unit and end-to-end tests, then all of them again built with
# AddressSanitizer + UBSan. The cluster is stopped however the tests end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scripts/setup.sh --asan

pgdir=$(mktemp -d /tmp/fleet-pg.XXXXXX)
trap 'scripts/pg_cluster.sh stop "$pgdir"' EXIT
export FLEET_TEST_PG_URL
FLEET_TEST_PG_URL=$(scripts/pg_cluster.sh start "$pgdir")

status=0
echo "== code checks (clang-format, clang-tidy naming)"
scripts/lint.sh || status=1
for build in build build-asan; do
  echo "== tests in $build"
  # libpqxx 6.4 itself leaks a little when a connection drops mid-statement;
  # the suppression names only that, so our own leaks still fail the run.
  # No ODR-violation check: it looks for one global defined in two shared
  # objects, and fleet links its libraries statically; it cost every start
  # 50 ms of CPU (a fifth), and the end-to-end suites start fleet thousands
  # of times.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_odr_violation=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$root/plugins/postgres/libpqxx.lsan.supp
  ctest --test-dir "$root/$build" --output-on-failure -j 2 || status=1
done
echo "== fuzzing (clang + libFuzzer, 10 s per parser)"
# Random exploration reports what it finds but does not fail the run: its
# findings vary from run to run. Fixed inputs gate it: fuzz_corpus_replay
# (ctest above) replays every corpus and regression file in both builds.
fuzz/run.sh --seconds 10 || echo "== fuzzing found inputs to look at (above); not failing the run"
exit $status
