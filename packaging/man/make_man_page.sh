#!/bin/sh
# make_man_page.sh FLEET OUTPUT.gz
#
# Writes fleet(1) from what the built binary prints, so the page cannot say
# other than --help: help2man turns `fleet --help` and `fleet --version` into
# the synopsis, description and global options, and a COMMANDS section holds
# each command's own `fleet COMMAND --help` as printed (the list of commands
# also comes from the binary: `fleet complete commands`).
set -eu
fleet=$1
output=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Run as `fleet` found on PATH, so the usage lines say "fleet", not the
# build tree's path (they print argv[0]).
mkdir "$work/bin"
ln -s "$(realpath "$fleet")" "$work/bin/fleet"
PATH=$work/bin:$PATH
fleet=fleet

# roff: a backslash is written \e, and a line starting with . or ' would be
# taken for a request, so it gets a zero-width \& in front.
as_roff() { sed -e 's/\\/\\e/g' -e "s/^[.']/\\\\\&&/"; }

{
  echo "[COMMANDS]"
  echo "Each command takes the options above too, before or after its name."
  for command in $("$fleet" complete commands); do
    echo ".SS $command"
    echo ".nf"
    "$fleet" "$command" --help | as_roff
    echo ".fi"
  done
  echo "[SEE ALSO]"
  printf '%s\n' '\fBfleet COMMAND --help\fR, /usr/share/doc/fleet/'
} >"$work/commands.h2m"

# Fixed columns, so the page does not change with the terminal that builds it.
COLUMNS=80 help2man --no-info --section=1 \
  --name="versioned schema migrations for fleets of databases" \
  --include="$work/commands.h2m" --output="$work/fleet.1" "$fleet"
gzip -9n -c "$work/fleet.1" >"$output.tmp"
mv "$output.tmp" "$output"
