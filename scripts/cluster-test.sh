#!/usr/bin/env bash
# The cluster's tests (part of scripts/test.sh): scripts/cluster.sh's shape
# (PostgreSQL, the object store, two servers, nginx) on loopback, then
#   1. the browser suite (desktop project) through nginx's port;
#   2. practitioners' journeys through nginx while server 2 is killed with
#      SIGKILL: every client finishes on server 1, every acknowledged
#      application is there afterwards, no licence identifier is given twice.
# Ends with `cluster: N passed, M failed` (N counts browser tests and the
# failover check).
#
#   bash scripts/cluster-test.sh            (after scripts/build.sh debug)
#   CLUSTER_SKIP_E2E=1 bash scripts/cluster-test.sh    the failover only
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CLUSTER_SERVER_BIN="${CLUSTER_SERVER_BIN:-$ROOT/target/debug/server}"
export CLUSTER_PORT="${CLUSTER_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
# The browser suite's generated hospital (admin_big, tests/hospital.spec.ts).
export PORTAL_DEMO_STAFF="${PORTAL_DEMO_STAFF:-300}"
# The database lives for this run only; the failover kills a server, not it.
export CLUSTER_PG_OPTS="${CLUSTER_PG_OPTS:--c fsync=off -c full_page_writes=off}"
# shellcheck source=scripts/cluster.sh
source "$ROOT/scripts/cluster.sh"

log() { printf '\033[1;34m[cluster-test]\033[0m %s\n' "$*"; }
passed=0
failed=0

cargo build --locked -q -p server --example journeys || exit 1
trap cluster_stop EXIT
cluster_start || exit 1

if [ -z "${CLUSTER_SKIP_E2E:-}" ]; then
  log "the browser suite through $CLUSTER_URL"
  out="$(mktemp)"
  # E2E_DB: the tests that run the server's subcommands (a key rotation) do so on the cluster's database.
  # The desktop project only: the test command runs the phone project on
  # one server with SQLite, so each test runs once per viewport.
  (cd e2e && E2E_BASE_URL="$CLUSTER_URL" E2E_DB="$CLUSTER_DB_URL" npx playwright test --project=desktop) 2>&1 | tee "$out"
  e2e_status=${PIPESTATUS[0]}
  n="$(grep -oE '^ *[0-9]+ passed' "$out" | tail -n 1 | awk '{ print $1 + 0 }')"
  bad="$(grep -oE '^ *[0-9]+ failed' "$out" | tail -n 1 | awk '{ print $1 + 0 }')"
  passed=$((passed + ${n:-0}))
  failed=$((failed + ${bad:-0}))
  if [ "$e2e_status" -ne 0 ] && [ "${bad:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
  rm -f "$out"
fi

# A fresh cluster: the browser suite's deliberate wrong passwords, all from
# 127.0.0.1, count against the address's allowance for a day (as they
# would for one office behind one NAT), and the journeys come from there too.
if [ -z "${CLUSTER_SKIP_E2E:-}" ]; then
  cluster_stop
  cluster_start || exit 1
fi
users="$CLUSTER_DIR/users.txt"
cluster_applicants >"$users"
log "failover: $(wc -l <"$users") journeys through nginx, server 2 killed with SIGKILL after 1 s"
journeys_out="$CLUSTER_DIR/journeys.json"
"$ROOT/target/debug/examples/journeys" "$CLUSTER_URL" "$users" 16 >"$journeys_out" &
load=$!
sleep 1
mid_way=1
kill -0 "$load" 2>/dev/null || mid_way=0
cluster_kill_server 2
wait "$load"
load_status=$?
[ "$mid_way" = 1 ] || log "the journeys ended before the kill: not a failover test"
cat "$journeys_out"
echo
enough="$(python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); print(int(s["journeys"] >= 20))' "$journeys_out" 2>/dev/null)"
if kill -0 "$(cat "$CLUSTER_DIR/server2.pid")" 2>/dev/null; then
  log "server 2 still runs: the kill did not happen"
  load_status=1
fi
if [ "$load_status" -eq 0 ] && [ "$mid_way" = 1 ] && [ "$enough" = 1 ]; then
  log "failover: every journey finished, nothing acknowledged lost, no identifier twice"
  passed=$((passed + 1))
else
  log "failover: FAILED (see the summary above)"
  failed=$((failed + 1))
fi

echo "cluster: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
