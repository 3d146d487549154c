#!/usr/bin/env bash
# The code checks STYLE.md promises, as the test command runs them:
# clang-format must have nothing to change in any C++ file, and clang-tidy's
# naming check must pass on every library source (the headers they include
# are checked through them). clang-tidy reads each source's compiler flags
# from a compile_commands.json of its own (configuring builds nothing and
# takes seconds), and reads the sources as setup.sh's builds compile them:
# in unity units of up to eight sources to a parse, which costs well under
# half the processor time of one parse per source. The sources a unit
# includes are checked as its headers are (.clang-tidy's HeaderFilterRegex).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cmake -S . -B build-tidy -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_UNITY_BUILD=ON >/dev/null

mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
echo "== clang-format: ${#files[@]} files"
clang-format --dry-run -Werror "${files[@]}"

# The units and sources of the libraries and the command, by where they sit:
# engine/, inventory/, plugins/ and orchestrator/, in the tree or (a unit)
# in build-tidy/. Not the tests, the fuzzers or the bundled fmt.
mapfile -t sources < <(/usr/bin/python3 -c '
import json, sys
root = sys.argv[1]
for entry in json.load(open(root + "/build-tidy/compile_commands.json")):
    path = entry["file"]
    for base in (root + "/build-tidy/", root + "/"):
        if path.startswith(base):
            if path[len(base):].split("/")[0] in ("engine", "inventory", "plugins", "orchestrator"):
                print(path)
            break
' "$root")
echo "== clang-tidy naming: ${#sources[@]} units and sources"
# clang 14 sees Asio's coroutines only with these two set (STYLE.md, traps).
# The tree's .clang-tidy is named: a unit in build-tidy/ would not find it by
# looking up from itself. GCC's warning options (-Wno-subobject-linkage in
# unity builds) are unknown to clang.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! printf '%s\n' "${sources[@]}" | xargs -P "$(nproc)" -n 2 clang-tidy -p build-tidy \
  --config-file=.clang-tidy --quiet --extra-arg=-Wno-unknown-warning-option \
  --extra-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1 --extra-arg=-DBOOST_ASIO_HAS_STD_COROUTINE=1 >"$log" 2>&1; then
  grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' "$log"
  exit 1
fi
