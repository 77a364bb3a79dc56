#!/usr/bin/env bash
# The benchmark command of the quality-gates issue: practitioners open the
# portal on mid-range phones over slow networks, so speed, size and
# robustness are measured, not assumed. Installs what it needs (idempotent,
# registries only), builds the release SPA and server, starts the server on a
# free loopback port with a fresh demo database, measures, stops it, and
# prints ONE table (also saved to bench/out/latest.md). Every number in it is
# measured by this run; each goal is marked met / missed.
#
# Load is sent to 127.0.0.1 only, for a fixed few seconds per measurement.
# Usage: scripts/bench.sh   (BENCH_SECONDS=5 per load measurement)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
BENCH_TAG=bench
source "$ROOT/bench/lib.sh"

SECONDS_EACH="${BENCH_SECONDS:-5}"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Chromium flags for a container without a GPU, sandbox or network.
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync"
export CHROME_PATH=/usr/bin/chromium
export PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# ---------------------------------------------------------------- tools
# brotli (sizes), wrk (HTTP load, loopback), from Debian.
ensure_brotli
command -v wrk >/dev/null || apt_install wrk
# twiggy (wasm code-size profiler), from crates.io, pinned.
if [ "$(twiggy --version 2>/dev/null)" != "twiggy-opt 0.8.0" ]; then
  bench_log "cargo: installing twiggy 0.8.0"
  cargo install --locked twiggy --version 0.8.0
fi
# Lighthouse 12 and puppeteer-core, from bench/package-lock.json; they drive
# Debian's Chromium and never download a browser.
if [ ! -f bench/node_modules/.package-lock.json ] ||
  [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  bench_log "npm: installing bench dependencies"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

# ---------------------------------------------------------------- build
bash scripts/build.sh release
# The deployment step that writes .br/.gz next to each file (so the wire
# sizes below are what a server using them would send).
bash scripts/precompress.sh "$ROOT/dist"
bench_log "cargo: building the argon2 rate example (release)"
cargo build --locked --release -q -p server --example argon2_rate

# ---------------------------------------------------------------- table
ROWS=()
# row MEASURE VALUE GOAL VERDICT
row() { ROWS+=("| $1 | $2 | $3 | $4 |"); }
# met VALUE OP LIMIT: "met" or "**missed**" (awk compares decimals).
met() {
  if awk -v v="$1" -v l="$3" "BEGIN { exit !(v $2 l) }"; then echo met; else echo "**missed**"; fi
}
# sizes FILE: "raw / gzip / brotli" in KiB.
sizes() { echo "$(kib "$(raw_size "$1")") / $(kib "$(gz_size "$1")") / $(kib "$(br_size "$1")")"; }

# ---------------------------------------------------------------- sizes
# Per app (src/app.rs: each audience downloads only its own): its HTML shell,
# then the wasm, JS and CSS it loads to start, against the goal and against
# the ceiling the test command enforces (scripts/check-sizes.sh).
bench_log "measuring sizes"
for app in "${APPS[@]}"; do
  html="$ROOT/dist/$app.html"
  row "\`$app.html\` shell (inlined CSS), KiB raw / gzip / brotli" "$(sizes "$html")" \
    "gzip (bytes on the wire) <= $(kib "$SHELL_BUDGET")" "$(met "$(gz_size "$html")" '<=' "$SHELL_BUDGET")"
  inline_css "$html" >"$WORK/$app.css"
  mapfile -t files < <(app_files "$ROOT/dist" "$html")
  app_br=0
  for f in "${files[@]}" "$WORK/$app.css"; do
    br="$(br_size "$f")"
    app_br=$((app_br + br))
    what="${f##*.}"
    [ "$what" != css ] || what="css (inlined in $app.html)"
    [ "$what" != wasm ] || [ "$app" != index ] || wasm_br=$br
    row "$app: $what, KiB raw / gzip / brotli" "$(sizes "$f")" "" ""
  done
  row "$app: wasm + JS + CSS, KiB brotli" "$(kib "$app_br")" \
    "<= $(kib "$APP_GOAL") (enforced ceiling $(kib "$(app_budget "$app")"))" "$(met "$app_br" '<=' "$APP_GOAL")"
done

# ---------------------------------------------------------------- wasm contributors
# The shipped wasm has no names. Rebuild it the same way with names kept:
# the cargo artifact Trunk just built (wasm-release profile) through
# wasm-bindgen --keep-debug and wasm-opt -Oz -g (-g keeps the name section
# only; the code is the same as the shipped one's).
bench_log "wasm: names build for twiggy"
ARTIFACT="$ROOT/target/wasm32-unknown-unknown/wasm-release/portal.wasm"
wasm-bindgen --keep-debug --target web --no-typescript --out-dir "$WORK/named" --out-name portal "$ARTIFACT"
wasm-opt -Oz -g "$WORK/named/portal_bg.wasm" -o "$WORK/named.wasm"
twiggy top -n 1000000 -f csv "$WORK/named.wasm" >"$WORK/twiggy.csv"
python3 bench/parse.py twiggy "$WORK/twiggy.csv" 8 >"$WORK/twiggy.tsv"
named_total="$(awk -F'\t' '$1 == "total" { print $2 }' "$WORK/twiggy.tsv")"
read -r rules_defined rules_named < <(awk -F'\t' '$1 == "rules" { print $2, $3 }' "$WORK/twiggy.tsv")
shipped_raw="$(app_files "$ROOT/dist" "$ROOT/dist/index.html" | grep '\.wasm$' | xargs cat | wc -c)"
while IFS=$'\t' read -r _ bytes pct name; do
  row "index wasm, top item: \`$name\`" "$(kib "$bytes") KiB raw ($pct %)" "" ""
done < <(grep '^top' "$WORK/twiggy.tsv")
# The rules crate's share: its items' raw bytes, and the same share of the
# wasm's brotli size (compression spreads over the whole file, so the brotli
# figure is that share applied, not a separate build).
share() { awk -v a="$1" -v t="$named_total" 'BEGIN { printf "%.1f", a / t * 100 }'; }
rules_br="$(awk -v a="$rules_defined" -v t="$named_total" -v b="$wasm_br" 'BEGIN { printf "%d", a / t * b }')"
rules_br_max="$(awk -v a="$rules_named" -v t="$named_total" -v b="$wasm_br" 'BEGIN { printf "%d", a / t * b }')"
row "rules crate in the index wasm: items \`rules::…\` (upper bound: any name with \`rules::\`)" \
  "$(kib "$rules_defined") KiB raw = $(share "$rules_defined") % ≈ $(kib "$rules_br") KiB brotli (≤ $(kib "$rules_named") KiB raw = $(share "$rules_named") % ≈ $(kib "$rules_br_max") KiB brotli)" \
  "" "info"
row "names build check: twiggy total without names vs shipped wasm, bytes" "$named_total vs $shipped_raw" "" "info"

# ---------------------------------------------------------------- server
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
bench_log "starting the release server on $BASE (fresh demo database)"
PORTAL_ADDR="127.0.0.1:$PORT" PORTAL_DB="$WORK/portal.db" PORTAL_DIST="$ROOT/dist" \
  PORTAL_UPLOADS="$WORK/uploads" PORTAL_DEMO=1 RUST_LOG=warn \
  "$ROOT/target/release/server" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || {
    cat "$WORK/server.log" >&2
    exit 1
  }
  sleep 0.2
done
curl -fsS "$BASE/api/v1/health" >/dev/null

# What the server actually sends for the shell to a browser that accepts br/gzip.
wire="$(curl -sS -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{size_download} %header{content-encoding}' "$BASE/sign-in")"
wire_bytes="${wire%% *}" wire_enc="${wire#* }"
row "HTML shell as served (Accept-Encoding: br, gzip), KiB" "$(kib "$wire_bytes") (content-encoding: ${wire_enc:-none})" \
  "<= $(kib "$SHELL_BUDGET")" "$(met "$wire_bytes" '<=' "$SHELL_BUDGET")"

# The same for the wasm, the largest download: precompressed or sent raw?
wasm_url="/$(basename "$(app_files "$ROOT/dist" "$ROOT/dist/index.html" | grep '\.wasm$')")"
wire="$(curl -sS -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{size_download} %header{content-encoding}' "$BASE$wasm_url")"
row "wasm as served (Accept-Encoding: br, gzip), KiB" "$(kib "${wire%% *}") (content-encoding: $(e="${wire#* }"; echo "${e:-none}"))" "" "info"

# session_cookie BASE: signs the demo physician in; prints the session cookie.
session_cookie() {
  local headers
  headers="$(mktemp -p "$WORK")"
  curl -fsS -D "$headers" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"system":"physician","username":"zhangwei","password":"Demo#2026pass"}' "$1/api/v1/session"
  grep -i '^set-cookie: portal_session=' "$headers" | sed -E 's/^[^:]+: *([^;]+).*/\1/' | tr -d '\r'
}
# Sign in once as the demo physician, for the signed-in measurements.
COOKIE="$(session_cookie "$BASE")"
[ -n "$COOKIE" ] || {
  echo "bench: sign-in returned no session cookie" >&2
  exit 1
}

# ---------------------------------------------------------------- first paint
bench_log "screenshot of the shell with the wasm blocked"
shot="$(node bench/shell-screenshot.mjs "$BASE/sign-in" "$OUT/shell-before-wasm.png")"
blocked="$(node -e 'console.log(JSON.parse(process.argv[1]).blocked)' "$shot")"
row "shell before the wasm runs (360x640, .wasm blocked)" "bench/out/shell-before-wasm.png ($blocked wasm request(s) blocked)" "" "info"

# ---------------------------------------------------------------- lighthouse
# Mobile is Lighthouse's default form factor: a mid-range phone (4x CPU
# slowdown) on slow 4G, simulated. "/" is measured signed in (the session
# cookie on every request); without it, it only redirects to /sign-in.
lighthouse_row() { # LABEL URL REPORT [EXTRA_HEADERS_JSON]
  local label="$1" url="$2" report="$3" extra=()
  [ -z "${4:-}" ] || extra=(--extra-headers "$4")
  bench_log "lighthouse: $label"
  node bench/node_modules/lighthouse/cli/index.js "$url" --quiet --form-factor=mobile \
    --only-categories=performance --output=json --output-path="$report" \
    --chrome-flags="$CHROME_FLAGS" "${extra[@]}"
  local score lcp tbt cls element
  IFS=$'\t' read -r score lcp tbt cls element < <(python3 bench/parse.py lighthouse "$report")
  row "Lighthouse $label: performance score" "$score" ">= 95" "$(met "$score" '>=' 95)"
  row "Lighthouse $label: LCP, s" "$(awk -v v="$lcp" 'BEGIN { printf "%.2f", v / 1000 }') (element: \`$element\`)" "<= 1.2" "$(met "$lcp" '<=' 1200)"
  row "Lighthouse $label: TBT, ms" "$(printf '%.0f' "$tbt")" "<= 100" "$(met "$tbt" '<=' 100)"
  row "Lighthouse $label: CLS" "$(printf '%.3f' "$cls")" "<= 0.02" "$(met "$cls" '<=' 0.02)"
}
lighthouse_row "/sign-in" "$BASE/sign-in" "$OUT/lighthouse-sign-in.json"
lighthouse_row "/ (signed in)" "$BASE/" "$OUT/lighthouse-home.json" "{\"Cookie\":\"$COOKIE\"}"

# ---------------------------------------------------------------- waits (issue 19)
# Slow 4G + 4x CPU at 360x640 (bench/offline/waits.cjs): the sign-in form
# usable and home with the checklist after sign-in, first visit and repeat
# visit (the service worker serves the app), and what the repeat visit
# fetched over the network besides the shell the worker asks for first.
bench_log "waits: slow 4G, 4x CPU, ${WAIT_RUNS:-3} runs"
node bench/offline/waits.cjs "$BASE" "${WAIT_RUNS:-3}" >"$OUT/waits.json"
read -r w_first w_home w_repeat w_rhome w_bytes w_code < <(python3 -c '
import json, sys
w = json.load(open(sys.argv[1]))
print(w["first_form_ms"], w["first_home_ms"], w["repeat_form_ms"], w["repeat_home_ms"], w["repeat_bytes"], w["repeat_app_code_bytes"])' "$OUT/waits.json")
secs() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }'; }
row "slow 4G + 4x CPU, first visit: sign-in form accepts input, s" "$(secs "$w_first")" "<= 2.5" "$(met "$w_first" '<=' 2500)"
row "slow 4G + 4x CPU, first visit: home with checklist after sign-in, s" "$(secs "$w_home")" "<= 1.5" "$(met "$w_home" '<=' 1500)"
row "slow 4G + 4x CPU, repeat visit (service worker): sign-in form accepts input, s" "$(secs "$w_repeat")" "<= 1.0" "$(met "$w_repeat" '<=' 1000)"
row "slow 4G + 4x CPU, repeat visit: home with checklist after sign-in, s" "$(secs "$w_rhome")" "<= 1.5" "$(met "$w_rhome" '<=' 1500)"
row "repeat visit: app code (wasm, JS, CSS) fetched over the network, bytes" "$w_code" "0" "$(met "$w_code" '<=' 0)"
row "repeat visit: all the page fetched outside the worker, bytes (API answers)" "$w_bytes" "" "info"

# ---------------------------------------------------------------- API load
# The machine is shared with other builds: its load says how far to trust
# the rates below.
row "machine load before the load tests (1-min load average, $(nproc) cores)" "$(cut -d' ' -f1 /proc/loadavg)" "" "info"
# wrk_run NAME ARGS...: SECONDS_EACH seconds of load; prints the parsed record.
wrk_run() {
  local name="$1"
  shift
  bench_log "wrk: $name for ${SECONDS_EACH}s"
  wrk --latency -d "${SECONDS_EACH}s" "$@" >"$OUT/wrk-$name.txt"
  python3 bench/parse.py wrk "$OUT/wrk-$name.txt"
}
# api_ratio LABEL BASE COOKIE: /me signed in and /health under the same load,
# and their ratio (the cost of a signed-in read against the bare framework).
api_ratio() {
  local label="$1" base="$2" cookie="$3"
  local me_rps me_p50 me_p99 me_n me_bad me_err h_rps h_p50 h_p99 h_n h_bad h_err
  read -r me_rps me_p50 me_p99 me_n me_bad me_err < <(wrk_run "me-$label" -t2 -c16 -H "Cookie: $cookie" "$base/api/v1/me")
  read -r h_rps h_p50 h_p99 h_n h_bad h_err < <(wrk_run "health-$label" -t2 -c16 "$base/api/v1/health")
  row "$label: GET /api/v1/me (signed in; 16 connections), req/s · p50 · p99 ms" \
    "$me_rps · $me_p50 · $me_p99 ($me_n requests, $me_bad non-2xx, $me_err socket errors)" "" "$([ "$me_bad$me_err" = 00 ] && echo info || echo '**errors**')"
  row "$label: GET /api/v1/health (16 connections), req/s · p50 · p99 ms" \
    "$h_rps · $h_p50 · $h_p99 ($h_n requests, $h_bad non-2xx, $h_err socket errors)" "" "$([ "$h_bad$h_err" = 00 ] && echo info || echo '**errors**')"
  local ratio
  ratio="$(awk -v a="$me_rps" -v b="$h_rps" 'BEGIN { printf "%.2f", a / b }')"
  row "$label: throughput /me ÷ /health" "$ratio" ">= 0.5" "$(met "$ratio" '>=' 0.5)"
}
api_ratio SQLite "$BASE" "$COOKIE"

# The same on PostgreSQL: a throw-away cluster (scripts/pg.sh, default
# durability settings) and a second release server on it, on loopback.
bench_log "PostgreSQL: throw-away cluster and a second server"
source "$ROOT/scripts/pg.sh"
pg_start
trap 'pg_stop; cleanup' EXIT
psql -q "$PG_URL" -c "CREATE DATABASE bench"
PG_SERVER_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PG_BASE="http://127.0.0.1:$PG_SERVER_PORT"
PORTAL_ADDR="127.0.0.1:$PG_SERVER_PORT" PORTAL_DB="${PG_URL%/*}/bench" PORTAL_DIST="$ROOT/dist" \
  PORTAL_UPLOADS="$WORK/uploads-pg" PORTAL_DEMO=1 RUST_LOG=warn \
  "$ROOT/target/release/server" >"$WORK/server-pg.log" 2>&1 &
PG_SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "$PG_BASE/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done
PG_COOKIE="$(session_cookie "$PG_BASE")"
api_ratio PostgreSQL "$PG_BASE" "$PG_COOKIE"
kill "$PG_SERVER_PID" 2>/dev/null || true
wait "$PG_SERVER_PID" 2>/dev/null || true
pg_stop

# Successful sign-ins only: each verifies one argon2id hash, so the raw
# argon2id rate on the same 2 cores is their ceiling. The machine is shared,
# so the raw rate is taken right before and right after the sign-in load and
# the ratio uses their mean. Both run 2 hashes at a time: the raw loop on 2
# threads, the server on its 2 hashing threads (one per core, whatever the
# number of requests: auth/password.rs); on a shared machine more runnable
# hashing threads would get a larger share of the CPU and flatter that side.
# The sign-in load keeps the server's hashing threads busy (8 connections, so
# a sign-in waits in the hashing queue while another one's database writes
# and HTTP run): a throughput, not the latency of one client. With 2
# connections each hashing thread sat idle during its sign-in's two commits
# (each an fsync), and the ratio measured the disk: 0.67-0.76.
argon2_rate() {
  bench_log "argon2 rate for ${SECONDS_EACH}s on 2 threads"
  "$ROOT/target/release/examples/argon2_rate" "$SECONDS_EACH" 2 | sed -E 's/^argon2id: ([0-9.]+) hashes.*/\1/'
}
argon_before="$(argon2_rate)"
read -r s_rps s_p50 s_p99 s_n s_bad s_err < <(wrk_run sign-in -t2 -c8 -s bench/signin.lua "$BASE/api/v1/session")
argon_after="$(argon2_rate)"
argon_mean="$(awk -v a="$argon_before" -v b="$argon_after" 'BEGIN { printf "%.1f", (a + b) / 2 }')"
row "POST /api/v1/session (8 connections), sign-ins/s · p50 · p99 ms" \
  "$s_rps · $s_p50 · $s_p99 ($s_n requests, $s_bad non-2xx, $s_err socket errors)" "" "$([ "$s_bad$s_err" = 00 ] && echo info || echo '**errors**')"
row "raw argon2id (server's parameters, 2 threads), hashes/s before · after the sign-in load" "$argon_before · $argon_after" "" "info"
s_ratio="$(awk -v a="$s_rps" -v b="$argon_mean" 'BEGIN { printf "%.2f", a / b }')"
row "sign-ins/s ÷ mean argon2id hashes/s" "$s_ratio" "≥ 0.9" "$(met "$s_ratio" '>=' 0.9)"

# ---------------------------------------------------------------- cluster
# Practitioners' journeys (sign-in, twenty reads, apply, read the licence:
# crates/server/examples/journeys.rs), 16 at a time, through nginx on
# PostgreSQL (scripts/cluster.sh), against one server and against two, each
# on a fresh demo database with a generated hospital of 2,000 staff; at most
# 300 journeys (the applicants the demo has).
bench_log "cargo: building the journeys client (release)"
cargo build --locked --release -q -p server --example journeys
source "$ROOT/scripts/cluster.sh"
cluster_journeys() { # SERVERS: prints the client's JSON summary
  CLUSTER_SERVERS="$1" CLUSTER_PORT="$(pg_free_port)" PORTAL_DEMO_STAFF=2000 cluster_start >/dev/null
  cluster_applicants | head -n 300 >"$WORK/applicants.txt"
  "$ROOT/target/release/examples/journeys" "$CLUSTER_URL" "$WORK/applicants.txt" 16 || true
  cluster_stop
}
for servers in 1 2; do
  bench_log "journeys through nginx, $servers server(s)"
  j="$(cluster_journeys "$servers" | tail -n 1)"
  field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$j" "$1"; }
  row "journeys through nginx, $servers server(s) on PostgreSQL: journeys/s · p50 · p99 ms (requests)" \
    "$(field journeys_per_second) · $(field p50_ms) · $(field p99_ms) ($(field completed) of $(field journeys) journeys, $(field requests) requests)" "" "info"
  row "journeys through nginx, $servers server(s): errors · duplicate licence identifiers · acknowledged applications missing" \
    "$(field errors) · $(field duplicate_identifiers) · $(field missing_applications)" "0 · 0 · 0" \
    "$([ "$(field errors)$(field duplicate_identifiers)$(field missing_applications)" = 000 ] && echo met || echo '**missed**')"
done

# ---------------------------------------------------------------- photo
# A generated 4000x3000 JPEG through /photo in headless Chromium (decode,
# crop, scale, quality search, encode): median of 7 runs after a warm-up.
bench_log "photo pipeline: 7 runs"
# The sign-in load ended the session above (at most 5 per account,
# crates/server/src/retention.rs): the pipeline gets a new one.
COOKIE="$(session_cookie "$BASE")"
photo_json="$(node bench/photo/pipeline.mjs "$BASE" "$COOKIE" 7)"
photo_ms="$(node -e 'console.log(JSON.parse(process.argv[1]).median)' "$photo_json")"
photo_runs="$(node -e 'console.log(JSON.parse(process.argv[1]).runs.join(", "))' "$photo_json")"
row "photo pipeline median, 4000x3000 JPEG → 358x441 spec JPEG (ms; runs)" "$photo_ms ($photo_runs)" "≤ 400 ms" "$(met "$photo_ms" "<=" 400)"

# ---------------------------------------------------------------- print
{
  echo "Benchmark of $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); KiB = 1024 bytes"
  echo
  echo "| measure | value | goal | verdict |"
  echo "|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$OUT/latest.md"
