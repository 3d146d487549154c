#!/usr/bin/env bash
# The code checks STYLE.md promises, as the test command runs them:
# clang-format must have nothing to change in any C++ file, and clang-tidy's
# naming check must pass on every library source (the headers they include
# are checked through them). clang-tidy reads each source's compiler flags
# from a compile_commands.json of its own: build/ compiles unity units
# (setup.sh), whose entries name the units, not the sources. Configuring it
# builds nothing and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tidy -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_UNITY_BUILD=OFF >/dev/null

mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
echo "== clang-format: ${#files[@]} files"
clang-format --dry-run -Werror "${files[@]}"

mapfile -t sources < <(git ls-files 'engine/*.cpp' 'inventory/*.cpp' 'plugins/*.cpp' 'orchestrator/*.cpp')
echo "== clang-tidy naming: ${#sources[@]} sources"
# clang 14 sees Asio's coroutines only with these two set (STYLE.md, traps).
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! printf '%s\n' "${sources[@]}" | xargs -P "$(nproc)" -n 8 clang-tidy -p build-tidy --quiet \
  --extra-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1 --extra-arg=-DBOOST_ASIO_HAS_STD_COROUTINE=1 >"$log" 2>&1; then
  grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' "$log"
  exit 1
fi
