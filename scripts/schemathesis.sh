#!/usr/bin/env bash
# Property-based API testing of the real server against its own OpenAPI
# document (`GET /api/openapi.json`) with schemathesis.
#
# Builds the debug server, starts it on a free loopback port with a fresh
# temporary database in demo mode, signs in a practitioner (zhangwei) and an
# institution admin (admin_b) once, and lets schemathesis generate requests
# for every operation (positive and negative data, examples, coverage and
# fuzzing phases). Checks: no 5xx, documented status codes, content types,
# headers and response bodies matching their schemas. The server is stopped
# at the end.
#
#   bash scripts/schemathesis.sh            the default budget
#   bash scripts/schemathesis.sh --checks all     more checks (any other
#                                               schemathesis option is passed on)
#   ST_MAX_TIME=600 bash scripts/schemathesis.sh   a longer run (the fuzzing
#                                               phase repeats until the time is spent)
#
# Ends with `schemathesis: N passed, M failed` (N, M count the API
# operations); exits non-zero when any check failed or too few requests ran.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-quality"
EXAMPLES="${ST_EXAMPLES:-50}"
MAX_TIME="${ST_MAX_TIME:-120}"
MIN_REQUESTS="${ST_MIN_REQUESTS:-2000}"
export PATH="$HOME/.cargo/bin:$PATH"
log() { printf '\033[1;34m[schemathesis]\033[0m %s\n' "$*"; }
cd "$ROOT"

# A project-local virtualenv with the pinned tools (PyPI only).
if [ ! -x "$VENV/bin/python" ]; then
  if ! command -v python3 >/dev/null; then
    log "apt: installing python3"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
  fi
  python3 -m venv "$VENV" 2>/dev/null || {
    log "apt: installing python3-venv"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  }
fi
if ! cmp -s quality/requirements.txt "$VENV/.requirements.txt"; then
  log "pip: installing quality/requirements.txt"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r quality/requirements.txt
  cp quality/requirements.txt "$VENV/.requirements.txt"
fi

log "building the debug server"
cargo build --locked -q -p server

WORK="$(mktemp -d)"
# The reports and the server's log of the last run stay for a look afterwards.
REPORT="$ROOT/target/schemathesis"
rm -rf "$REPORT"
mkdir -p "$REPORT"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

port="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$port"
mkdir -p "$WORK/dist" "$WORK/uploads"
echo '<!doctype html><title>portal</title>' >"$WORK/dist/index.html"
PORTAL_ADDR="127.0.0.1:$port" PORTAL_DB="$WORK/portal.db" PORTAL_DIST="$WORK/dist" \
  PORTAL_UPLOADS="$WORK/uploads" PORTAL_DEMO=1 RUST_LOG="${RUST_LOG:-warn}" \
  target/debug/server >"$REPORT/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$REPORT/server.log"; echo "the server did not start" >&2; exit 1; }
  sleep 0.2
done
log "server on $BASE (database $WORK/portal.db)"

# session PATH BODY: signs in and prints the session token.
session() {
  curl -fsS -c - -o /dev/null -H 'Content-Type: application/json' -d "$2" "$BASE$1" |
    awk '$6 == "portal_session" { print $7 }'
}
PORTAL_PRACTITIONER_SESSION="$(session /api/v1/session \
  '{"system":"physician","username":"zhangwei","password":"Demo#2026pass"}')"
PORTAL_ADMIN_SESSION="$(session /api/v1/institution/session \
  '{"username":"admin_b","password":"Demo#2026pass"}')"
[ -n "$PORTAL_PRACTITIONER_SESSION" ] && [ -n "$PORTAL_ADMIN_SESSION" ] || {
  echo "signing in the demo accounts failed" >&2
  exit 1
}
export PORTAL_PRACTITIONER_SESSION PORTAL_ADMIN_SESSION

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance
log "running: $EXAMPLES examples per operation and phase, at most $MAX_TIME s"
set +e
# One worker: with two, Python 3.11's ast module (which Hypothesis calls to
# describe its strategies) was seen to fail in both threads at once ("AST
# constructor recursion depth mismatch"), a tool error, not the server's;
# and the workers are threads sharing one interpreter lock anyway.
"$VENV/bin/schemathesis" --config-file quality/schemathesis.toml run "$BASE/api/openapi.json" \
  --checks "$checks" \
  --max-examples "$EXAMPLES" \
  --max-time "$MAX_TIME" \
  --workers 1 \
  --phases examples,coverage,fuzzing \
  --suppress-health-check all \
  --continue-on-failure \
  --report junit,ndjson --report-dir "$REPORT" \
  --no-color "$@" 2>&1 | tee "$REPORT/run.log"
status=${PIPESTATUS[0]}
set -e

# The counts (the ndjson report): requests sent, checks run and failed,
# operations tested and failed; a table of the statuses per operation.
summary="$("$VENV/bin/python" quality/summarize.py "$REPORT"/ndjson-*.ndjson)"
echo "$summary" | sed '$d'
read -r requests checks_run failed_checks ops failed_ops <<<"$(echo "$summary" | tail -n 1)"
log "requests sent: $requests (at least $MIN_REQUESTS expected); checks: $checks_run run, $failed_checks failed"
server_5xx="$(grep -cE '" 5[0-9]{2} |status=5[0-9]{2}|request failed' "$REPORT/server.log" || true)"
log "server errors logged: ${server_5xx:-0}"
if [ "${server_5xx:-0}" -gt 0 ]; then
  grep -E 'request failed|panicked' "$REPORT/server.log" | head -20
  status=1
fi
passed_ops=$((ops - failed_ops))
if [ "$status" -eq 0 ] && [ "${requests:-0}" -lt "$MIN_REQUESTS" ]; then
  echo "too few requests: ${requests:-0} < $MIN_REQUESTS" >&2
  status=1
fi
if [ "$status" -ne 0 ] && [ "$failed_ops" -eq 0 ]; then
  failed_ops=1
  passed_ops=$((ops > 0 ? ops - 1 : 0))
fi
echo "schemathesis: $passed_ops passed, $failed_ops failed"
[ "$status" -eq 0 ]
