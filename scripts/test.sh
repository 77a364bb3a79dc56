#!/usr/bin/env bash
# The test command: installs what is missing, then runs every check and test.
# Ends with one summary line; fails when any part fails or runs no test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$ROOT/scripts/pg.sh"
source "$ROOT/scripts/s3.sh"
cd "$ROOT"
# From here on a failing part is counted, not fatal: every part runs.
set +e

export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
LOGS="$(mktemp -d)"
passed=0
failed=0
failures=()

# run_part NAME COUNTER COMMAND...: runs a part, keeps its log, and counts the
# tests it ran with COUNTER (a function reading the log) so that a part that
# runs no test fails too.
run_part() {
  local name="$1" counter="$2"
  shift 2
  local logf="$LOGS/$name.log" started=$SECONDS
  log "== $name"
  "$@" 2>&1 | tee "$logf"
  local status=${PIPESTATUS[0]}
  local n=""
  [ "$counter" = - ] || n="$($counter "$logf")"
  if [ "$status" -ne 0 ]; then
    failures+=("$name (exit $status)")
    failed=$((failed + 1))
  elif [ "$counter" != - ] && [ "${n:-0}" -eq 0 ]; then
    failures+=("$name (ran no test)")
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  log "$name: exit $status${n:+, $n tests} in $((SECONDS - started)) s"
}

# Sum of "N passed" over cargo's / wasm-bindgen-test's "test result:" lines.
cargo_count() { grep -oE 'test result: [A-Za-z]+\. [0-9]+ passed' "$1" | awk '{ s += $4 } END { print s + 0 }'; }
# scripts/schemathesis.sh and scripts/fuzz.sh end with "NAME: N passed, M failed".
schemathesis_count() { grep -oE '^schemathesis: [0-9]+ passed' "$1" | tail -n 1 | awk '{ print $2 + 0 }'; }
fuzz_count() { grep -oE '^fuzz: [0-9]+ passed' "$1" | tail -n 1 | awk '{ print $2 + 0 }'; }
# Playwright's list reporter ends with "  N passed (…)".
playwright_count() { grep -oE '^ *[0-9]+ passed' "$1" | tail -n 1 | awk '{ print $1 + 0 }'; }

run_part fmt - cargo fmt --all -- --check
run_part clippy-native - cargo clippy --locked --workspace --all-targets -- -D warnings
run_part clippy-wasm - cargo clippy --locked -p portal -p rules --all-targets --target wasm32-unknown-unknown -- -D warnings
run_part native-rules cargo_count cargo test --locked -p rules
run_part native-server cargo_count cargo test --locked -p server
# The same API and durability tests on PostgreSQL: a throw-away cluster on
# loopback (fsync off: it lives for this run only; the durability test kills
# the API server, not the database), a fresh database per test.
trap 'pg_stop; s3_stop' EXIT
if pg_start -c fsync=off -c full_page_writes=off; then
  run_part native-server-postgres cargo_count env PORTAL_TEST_POSTGRES="$PG_URL" \
    cargo test --locked -p server --test api --test durability
else
  failures+=("postgresql (the cluster did not start)")
  failed=$((failed + 1))
fi
pg_stop
# The tests that read, write or delete photos and receipts once more with
# the uploads in an S3-compatible server (moto, scripts/s3.sh) instead of the
# uploads directory, each test in a folder of the bucket of its own.
if s3_start; then
  run_part native-server-s3 cargo_count env PORTAL_TEST_S3=1 cargo test --locked -p server --test api -- \
    uploads_store photo license administrator_change institution::a_deleted \
    applications_concurrency::a_missing
  s3_stop
else
  failures+=("s3 (the S3-compatible server did not start)")
  failed=$((failed + 1))
fi
run_part schemathesis schemathesis_count bash scripts/schemathesis.sh
run_part fuzz fuzz_count bash scripts/fuzz.sh
run_part wasm-rules cargo_count cargo test --locked -p rules --target wasm32-unknown-unknown
run_part wasm-portal cargo_count cargo test --locked -p portal --target wasm32-unknown-unknown
run_part build - bash scripts/build.sh debug
run_part sizes - bash scripts/check-sizes.sh
# The browser suite runs once per viewport: the phone project here, on one
# server and its SQLite file (the embedded default, and how most people use
# the portal), the desktop project through the cluster below (PostgreSQL, two
# servers, nginx). Both projects pass on both shapes when run by hand.
run_part e2e playwright_count bash -c 'cd e2e && npx playwright test --project=mobile'
# The deployment shape (scripts/cluster.sh): PostgreSQL, the object store,
# two servers and nginx; the browser suite's desktop project through nginx,
# then the failover under load (scripts/cluster-test.sh).
cluster_count() { grep -oE '^cluster: [0-9]+ passed' "$1" | tail -n 1 | awk '{ print $2 + 0 }'; }
run_part cluster cluster_count bash scripts/cluster-test.sh

echo
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "test-suite: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
