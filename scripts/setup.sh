#!/usr/bin/env bash
# Installs what fleet needs on a fresh Debian bookworm machine (as root, or
# with sudo) and builds it into build/. Safe to run again: apt skips what is
# there and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config
  libboost-dev libpqxx-dev libsqlitecpp-dev libsqlite3-dev libyaml-cpp-dev
  libspdlog-dev libfmt-dev doctest-dev libcli11-dev nlohmann-json3-dev libssl-dev
  libutf8proc-dev   # display widths of table cells (engine/util/text_table.cpp)
  libcurl4-openssl-dev   # webhooks (orchestrator/notify): curl's headers; libcurl4 is loaded when one is sent
  sqlite3 postgresql-15 postgresql-client-15 time procps   # procps: pgrep, scripts/test.sh
  python3-alembic python3-sqlalchemy python3-psycopg2 python3-pytest
  python3-jsonschema            # the SARIF output checked against the standard (tests/e2e/lint)
  yamllint                      # the Kubernetes and CI examples checked, read with its python3-yaml (tests/e2e/sharding)
  clang-14 libclang-rt-14-dev   # libFuzzer for fuzz/run.sh
  clang-format clang-tidy       # scripts/lint.sh
  libpg-query-dev               # PostgreSQL's parser: lint reads SQL with it (engine/lint); the splitter's test oracle
  help2man dpkg-dev lintian man-db zsh   # fleet(1) from --help, the .deb (cpack, dpkg-shlibdeps), lintian, man -l and zsh completion in tests/e2e/packaging
  prometheus-cpp-dev            # --metrics-file: Prometheus' text format (orchestrator/metrics)
  python3-prometheus-client     # the metrics files read back by Prometheus' own parser (tests/e2e/reports)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# build/ is the normal build; build-asan/ the same code under ASan + UBSan.
# Both compile as unity units (CMake joins up to 8 sources of a library in
# one compiler run): the sources are small, so each compiler run otherwise
# spends most of its time on the same standard, fmt and JSON headers. It
# takes about a third off a build from scratch; an edit recompiles its
# unit's 8 files, so for day-to-day work configure your own build without it.
build() {
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}
# --asan builds both; --asan-only only the sanitizer build (the test command
# builds it in the background while the plain build and its tests run);
# --packages-only installs and builds nothing.
case "${1:-}" in
  --asan) build build; build build-asan -DFLEET_SANITIZE=ON ;;
  --asan-only) build build-asan -DFLEET_SANITIZE=ON ;;
  --packages-only) ;;
  *) build build ;;
esac
