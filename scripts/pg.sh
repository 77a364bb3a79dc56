#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and benchmarks: Debian's
# server (apt `postgresql`, installed by setup.sh), run as the unprivileged
# `postgres` user (initdb refuses root), on a free loopback port, with its
# socket and data in a temporary directory that pg_stop removes.
#
#   source scripts/pg.sh
#   pg_start [-c name=value ...]   # exports PG_URL (superuser URL of database `postgres`)
#   ...                            # e.g. PORTAL_TEST_POSTGRES="$PG_URL" cargo test -p server
#   pg_stop
#
# Standalone: `bash scripts/pg.sh` starts one and prints its URL; stop it with
# `bash scripts/pg.sh stop DIR`.

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$dir/initdb" ] || {
    echo "pg.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    return 1
  }
  echo "$dir"
}

pg_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_start [-c name=value ...]: starts a cluster; extra server settings are
# passed to postgres as they are.
pg_start() {
  local bin port
  bin="$(pg_bin)" || return 1
  PG_DIR="$(mktemp -d /tmp/portal-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  mkdir -p "$PG_DIR/data" "$PG_DIR/sock"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$PG_DIR"; else sudo chown -R postgres:postgres "$PG_DIR"; fi
  # Trust on loopback and the private socket only: the cluster lives for one
  # test run and holds generated data.
  pg_as_postgres "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C -N >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2
    return 1
  }
  port="$(pg_free_port)"
  local opts="-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR/sock -c max_connections=300 $*"
  pg_as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "$opts" start >/dev/null || {
    cat "$PG_DIR/server.log" >&2
    return 1
  }
  PG_PORT="$port"
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export PG_DIR PG_PORT PG_URL
}

# pg_stop [DIR]: stops the cluster and removes its directory.
pg_stop() {
  local dir="${1:-${PG_DIR:-}}" bin
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  bin="$(pg_bin)" || return 1
  pg_as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  [ "$dir" != "${PG_DIR:-}" ] || unset PG_DIR PG_PORT PG_URL
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-start}" in
  start)
    shift || true
    pg_start "$@"
    echo "PG_URL=$PG_URL"
    echo "stop it with: bash scripts/pg.sh stop $PG_DIR"
    ;;
  stop) pg_stop "${2:?usage: pg.sh stop DIR}" ;;
  *)
    echo "usage: pg.sh [start [-c name=value ...]] | stop DIR" >&2
    exit 2
    ;;
  esac
fi
