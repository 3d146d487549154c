#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang into build-fuzz/ and runs each on
# a copy of its committed corpus (fuzz/README.md).
#
#   fuzz/run.sh [--seconds N] [--jobs J] [--keep] [--build-only] [HARNESS...]
#
# N seconds per harness (default 15), J harnesses at a time (default 2).
# The corpus grown by a run is in build-fuzz/run/<harness>/corpus; --keep
# starts from there instead of a fresh copy (for long runs). Findings (crash,
# leak, timeout, out-of-memory inputs) land in build-fuzz/run/<harness>/findings.
# --build-only builds the harnesses and runs none.
# Prints one line per harness; exits 1 when any harness found anything.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=15 jobs=2 keep=0 build_only=0 harnesses=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    -*) echo "fuzz/run.sh: unknown option $1" >&2; exit 2 ;;
    *) harnesses+=("$1"); shift ;;
  esac
done
((${#harnesses[@]})) || harnesses=(sql_script sql_splitter yaml_script yaml_ops inventory database_url revision_identifier)

for tool in clang-14 clang++-14; do
  command -v "$tool" >/dev/null || { echo "fuzz/run.sh: $tool not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
done

build=$root/build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
started=$SECONDS
# Unity units (up to 8 sources per compiler run), as scripts/setup.sh builds.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 "${launcher[@]}" \
  -DFLEET_FUZZ=ON -DFLEET_TESTS=OFF -DCMAKE_UNITY_BUILD=ON >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build "$build" "${targets[@]}" -j 2 >"$build/build.log" 2>&1 || {
  tail -40 "$build/build.log" >&2; echo "fuzz/run.sh: build failed" >&2; exit 2; }
echo "== fuzz: built ${#harnesses[@]} harnesses in $((SECONDS - started)) s"
((build_only)) && exit 0
echo "== fuzz: $seconds s each, $jobs at a time"

# One harness: fresh (or kept) corpus, then libFuzzer until the time is up or
# the first finding. -timeout makes a hang a finding; -rss_limit_mb an OOM.
fuzz_one() {
  local h=$1 dir=$build/run/$1
  mkdir -p "$dir/findings"
  if ((!keep)) || [ ! -d "$dir/corpus" ]; then
    rm -rf "$dir/corpus"; mkdir -p "$dir/corpus"
    cp "$root/fuzz/corpus/$h/"* "$dir/corpus/"
  fi
  local dict=() extra=()
  [ -f "$root/fuzz/dict/$h.dict" ] && dict=(-dict="$root/fuzz/dict/$h.dict")
  # Regression inputs are read too (libFuzzer adds new inputs to corpus only).
  [ -d "$root/fuzz/regressions/$h" ] && extra=("$root/fuzz/regressions/$h")
  local status=0
  (cd "$dir" && "$build/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=1 -artifact_prefix="$dir/findings/" "${dict[@]}" \
     corpus "${extra[@]}") >"$dir/log" 2>&1 || status=$?
  echo "$status" >"$dir/status"
}

# Reads a harness's log: executions, exec/s, coverage, corpus, findings.
report() {
  local h=$1 dir=$build/run/$1
  local execs rate cov ft corpus findings status
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
  corpus=$(find "$dir/corpus" -type f | wc -l)
  findings=$(find "$dir/findings" -type f | wc -l)
  status=$(cat "$dir/status")
  printf '%-20s %10s execs %7s exec/s  cov %5s  ft %6s  corpus %5s  crashes %s\n' \
    "$h" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$findings"
  if [ "$findings" != 0 ] || [ "$status" != 0 ]; then
    echo "   FINDING in $h (libFuzzer exit $status): $dir/log, inputs in $dir/findings" >&2
    grep -m1 -A12 -E '^==[0-9]+==ERROR|SUMMARY|deadly signal|uncaught|runtime error' "$dir/log" >&2 || tail -20 "$dir/log" >&2
    return 1
  fi
}

# The previous run's findings are not this run's.
for h in "${harnesses[@]}"; do rm -rf "$build/run/$h/findings"; done
running=0
for h in "${harnesses[@]}"; do
  fuzz_one "$h" &
  running=$((running + 1))
  if ((running >= jobs)); then wait -n || true; running=$((running - 1)); fi
done
wait

status=0
for h in "${harnesses[@]}"; do report "$h" || status=1; done
echo "== fuzz: done in $((SECONDS - started)) s$( ((status)) && echo ', FINDINGS above' )"
exit $status
