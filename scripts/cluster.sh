#!/usr/bin/env bash
# The deployment shape on one machine: PostgreSQL, an S3-compatible object
# store, two stateless API servers and nginx (Debian's package) in front of
# them as the load balancer, all on loopback, one address for the browser.
#
#   bash scripts/cluster.sh            builds (release), starts everything,
#                                      prints the address, stops it all on Ctrl-C
#   source scripts/cluster.sh          for tests and benchmarks:
#   cluster_start                      exports CLUSTER_URL (and PG_URL, ...)
#   cluster_kill_server N              kill -9 of server N (1 or 2)
#   cluster_applicants                 who can apply (for the journeys client)
#   cluster_stop
#
# Settings: CLUSTER_PORT (nginx, default 8088), CLUSTER_SERVERS (default 2),
# CLUSTER_SERVER_BIN (default target/release/server), CLUSTER_DEMO (default 1:
# demo data), CLUSTER_PG_OPTS (extra PostgreSQL settings), and any PORTAL_* variable meant for every server (for example
# PORTAL_DEMO_STAFF).
#
# nginx spreads requests round robin; a server that refuses connections or
# answers 502/503/504 is skipped for 5 s (nginx's passive health check) and
# the request goes to the other one. nginx never re-sends a request that
# reached a server unless it is idempotent (GET, HEAD, PUT, DELETE), so an
# application is never submitted twice by the balancer.

CLUSTER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/pg.sh
source "$CLUSTER_ROOT/scripts/pg.sh"
if [ -f "$CLUSTER_ROOT/scripts/s3.sh" ]; then
  # shellcheck source=scripts/s3.sh
  source "$CLUSTER_ROOT/scripts/s3.sh"
fi

cluster_log() { printf '\033[1;34m[cluster]\033[0m %s\n' "$*" >&2; }

cluster_need_nginx() {
  command -v nginx >/dev/null && return 0
  cluster_log "apt: installing nginx"
  # Debian's package would start a system nginx on port 80 where an init
  # system runs; the cluster starts its own and only needs the binary.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq nginx >/dev/null
  command -v nginx >/dev/null
}

# cluster_wait_health URL PID: waits until URL answers, or the process dies.
cluster_wait_health() {
  local url="$1" pid="$2"
  for _ in $(seq 1 300); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# cluster_server_start N: starts API server N on its own port.
cluster_server_start() {
  local n="$1" port pid
  port="$(pg_free_port)"
  (
    export PORTAL_ADDR="127.0.0.1:$port"
    export PORTAL_DB="$CLUSTER_DB_URL"
    export PORTAL_DIST="${PORTAL_DIST:-$CLUSTER_ROOT/dist}"
    export PORTAL_UPLOADS="${PORTAL_UPLOADS:-$CLUSTER_DIR/uploads}"
    export PORTAL_DEMO="${CLUSTER_DEMO:-1}"
    # nginx on loopback is the only proxy: the client is the address it
    # appends to X-Forwarded-For.
    export PORTAL_TRUSTED_PROXIES="127.0.0.1"
    exec "$CLUSTER_SERVER_BIN" >>"$CLUSTER_DIR/server$n.log" 2>&1
  ) &
  pid=$!
  # Not this shell's job: a server killed on purpose is not reported.
  disown "$pid" 2>/dev/null || true
  echo "$pid" >"$CLUSTER_DIR/server$n.pid"
  echo "$port" >"$CLUSTER_DIR/server$n.port"
  cluster_wait_health "http://127.0.0.1:$port/api/v1/health" "$pid" || {
    tail -n 30 "$CLUSTER_DIR/server$n.log" >&2
    cluster_log "server $n did not start"
    return 1
  }
  cluster_log "server $n: http://127.0.0.1:$port (pid $pid)"
}

# cluster_kill_server N: kill -9, as a machine that disappears.
cluster_kill_server() {
  kill -9 "$(cat "$CLUSTER_DIR/server$1.pid")" 2>/dev/null || true
}

cluster_nginx_conf() {
  local n upstreams=""
  for n in $(seq 1 "$CLUSTER_SERVERS"); do
    upstreams+="    server 127.0.0.1:$(cat "$CLUSTER_DIR/server$n.port") max_fails=1 fail_timeout=5s;
"
  done
  mkdir -p "$CLUSTER_DIR/nginx/tmp"
  if [ "$(id -u)" = 0 ]; then
    # nginx started by root runs its workers as nobody: they buffer request
    # bodies (photos) and large answers in tmp/.
    chmod 711 "$CLUSTER_DIR" "$CLUSTER_DIR/nginx"
    chown nobody:nogroup "$CLUSTER_DIR/nginx/tmp"
  fi
  cat >"$CLUSTER_DIR/nginx/nginx.conf" <<EOF
# Written by scripts/cluster.sh (see deploy/nginx.conf for a production one).
worker_processes 2;
pid $CLUSTER_DIR/nginx/nginx.pid;
error_log $CLUSTER_DIR/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $CLUSTER_DIR/nginx/tmp/body;
  proxy_temp_path $CLUSTER_DIR/nginx/tmp/proxy;
  fastcgi_temp_path $CLUSTER_DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $CLUSTER_DIR/nginx/tmp/uwsgi;
  scgi_temp_path $CLUSTER_DIR/nginx/tmp/scgi;
  # The photo and receipt limits are the servers' to enforce (with their own
  # error in the API's shape); nginx only refuses what no route accepts.
  client_max_body_size 16m;
  client_body_buffer_size 1m;
  upstream portal {
$upstreams    keepalive 64;
  }
  server {
    listen 127.0.0.1:$CLUSTER_PORT;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 2;
    }
  }
}
EOF
}

# cluster_applicants: `system username` of everyone who can apply and has
# not (activated, photo approved, status normal, a valid qualification for
# physicians or a registration valid today in China for nurses), for the
# journeys load client (crates/server/examples/journeys.rs).
cluster_applicants() {
  local today
  today="$(TZ=Asia/Shanghai date +%F)"
  psql -At "$CLUSTER_DB_URL" <<SQL
SELECT p.kind || ' ' || a.username
FROM accounts a JOIN practitioners p ON p.id = a.practitioner_id
WHERE a.activated AND a.photo_state = 'approved' AND p.status = 'normal'
  AND ((p.kind = 'physician' AND p.has_valid_qualification)
    OR (p.kind = 'nurse' AND p.registration_valid_from <= '$today'
        AND p.registration_valid_until >= '$today'))
  AND NOT EXISTS (SELECT 1 FROM applications x WHERE x.practitioner_id = p.id)
ORDER BY a.username
SQL
}

cluster_start() {
  CLUSTER_PORT="${CLUSTER_PORT:-8088}"
  CLUSTER_SERVERS="${CLUSTER_SERVERS:-2}"
  CLUSTER_SERVER_BIN="${CLUSTER_SERVER_BIN:-$CLUSTER_ROOT/target/release/server}"
  [ -x "$CLUSTER_SERVER_BIN" ] || {
    cluster_log "no server binary at $CLUSTER_SERVER_BIN (bash scripts/build.sh)"
    return 1
  }
  cluster_need_nginx || return 1
  CLUSTER_DIR="$(mktemp -d /tmp/portal-cluster.XXXXXX)"
  export CLUSTER_DIR CLUSTER_PORT CLUSTER_SERVERS CLUSTER_SERVER_BIN

  # shellcheck disable=SC2086 # CLUSTER_PG_OPTS: extra `-c name=value` words
  pg_start -c max_connections=400 ${CLUSTER_PG_OPTS:-} || return 1
  psql -q "$PG_URL" -c "CREATE DATABASE portal" || return 1
  CLUSTER_DB_URL="${PG_URL%/*}/portal"
  export CLUSTER_DB_URL
  cluster_log "PostgreSQL: $CLUSTER_DB_URL"
  if declare -F s3_start >/dev/null; then
    s3_start || return 1
    cluster_log "object store: ${PORTAL_S3_ENDPOINT:-} bucket ${PORTAL_S3_BUCKET:-}"
  else
    cluster_log "object store: none (scripts/s3.sh missing); photos in $CLUSTER_DIR/uploads, shared"
  fi

  # One after the other: the first migrates and seeds, the others find the
  # database ready (two seeding an empty database at once would collide).
  local n
  for n in $(seq 1 "$CLUSTER_SERVERS"); do
    cluster_server_start "$n" || return 1
  done

  cluster_nginx_conf || return 1
  nginx -t -q -c "$CLUSTER_DIR/nginx/nginx.conf" -p "$CLUSTER_DIR/nginx" 2>&1 | grep -v 'test is successful' >&2 || true
  nginx -c "$CLUSTER_DIR/nginx/nginx.conf" -p "$CLUSTER_DIR/nginx" || return 1
  CLUSTER_URL="http://127.0.0.1:$CLUSTER_PORT"
  export CLUSTER_URL
  cluster_wait_health "$CLUSTER_URL/api/v1/health" "" || {
    cat "$CLUSTER_DIR/nginx/error.log" >&2
    cluster_log "nginx did not answer"
    return 1
  }
  cluster_log "nginx: $CLUSTER_URL"
}

cluster_stop() {
  [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR" ] || return 0
  if [ -f "$CLUSTER_DIR/nginx/nginx.pid" ]; then
    nginx -c "$CLUSTER_DIR/nginx/nginx.conf" -p "$CLUSTER_DIR/nginx" -s stop 2>/dev/null || true
  fi
  local f
  for f in "$CLUSTER_DIR"/server*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 0.5
  for f in "$CLUSTER_DIR"/server*.pid; do
    [ -f "$f" ] || continue
    kill -9 "$(cat "$f")" 2>/dev/null || true
  done
  if declare -F s3_stop >/dev/null; then s3_stop; fi
  pg_stop
  rm -rf "$CLUSTER_DIR"
  unset CLUSTER_DIR CLUSTER_URL
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  # shellcheck source=scripts/build.sh
  source "$CLUSTER_ROOT/scripts/build.sh" release
  trap cluster_stop EXIT
  trap 'exit 130' INT TERM
  cluster_start
  echo
  echo "The portal: $CLUSTER_URL   (Ctrl-C stops the cluster)"
  echo "  practitioners $CLUSTER_URL/   institutions $CLUSTER_URL/institution   authorities $CLUSTER_URL/authority"
  echo "  logs: $CLUSTER_DIR"
  while :; do sleep 3600; done
fi
