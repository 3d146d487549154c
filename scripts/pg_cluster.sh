#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: initdb as the postgres user
# into a temporary folder, listening on loopback only, on a free port.
#   pg_cluster.sh start DIR   -> prints the admin URL (with a password, so tests
#                                can check it never shows up in output)
#   pg_cluster.sh stop DIR
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=$1 dir=$2
as_pg() { runuser -u postgres -- "$@"; }

case "$cmd" in
start)
  mkdir -p "$dir"
  chown postgres: "$dir"
  password="pw-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  echo "$password" >"$dir/pwfile"
  chown postgres: "$dir/pwfile"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off" start >/dev/null
  echo "postgresql://postgres:${password}@127.0.0.1:${port}/postgres"
  ;;
stop)
  [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
