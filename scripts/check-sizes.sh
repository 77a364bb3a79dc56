#!/usr/bin/env bash
# The size budgets of the quality-gates issue, checked on an existing dist/
# (the test command builds it right before). Practitioners open the portal on
# mid-range phones over slow networks, so what they download is a gate, not a
# figure to look at now and then. For each of the four apps (src/app.rs):
# its HTML shell, and everything it downloads to start. One line per budget;
# exits non-zero naming each budget that broke. Budgets: bench/lib.sh.
#
# Usage: scripts/check-sizes.sh [DIST]   (default: dist)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_TAG=sizes
source "$ROOT/bench/lib.sh"
DIST="${1:-$ROOT/dist}"

ensure_brotli
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

broken=0
# verdict NAME BYTES BUDGET DETAIL: prints the budget's line and counts a miss.
verdict() {
  local name="$1" bytes="$2" budget="$3" detail="$4" status=ok
  if [ "$bytes" -gt "$budget" ]; then
    status=OVER
    broken=$((broken + 1))
  fi
  printf 'size budget %-34s %s: %s KiB of %s KiB (%s)\n' \
    "$name" "$status" "$(kib "$bytes")" "$(kib "$budget")" "$detail"
}

for app in "${APPS[@]}"; do
  html="$DIST/$app.html"
  [ -f "$html" ] || {
    echo "check-sizes: $html is missing: build the SPA first (bash scripts/build.sh)" >&2
    exit 1
  }
  # 1. The HTML shell (with its inlined CSS), gzip bytes on the wire.
  verdict "$app.html shell, gzip" "$(gz_size "$html")" "$SHELL_BUDGET" \
    "raw $(kib "$(raw_size "$html")") KiB, brotli $(kib "$(br_size "$html")") KiB"

  # 2. What the app downloads to start, brotli: the wasm and JS its loader
  # imports, and its CSS (inlined in the HTML, counted by its own size).
  mapfile -t files < <(app_files "$DIST" "$html")
  [ "${#files[@]}" -eq 2 ] || {
    echo "check-sizes: $html should load one .js and one .wasm, found: ${files[*]:-none}" >&2
    exit 1
  }
  inline_css "$html" >"$tmp/$app.css"
  total=0
  detail=""
  for f in "${files[@]}" "$tmp/$app.css"; do
    [ -f "$f" ] || {
      echo "check-sizes: $f (loaded by $html) is missing" >&2
      exit 1
    }
    b="$(br_size "$f")"
    total=$((total + b))
    detail+="${f##*.} $(kib "$b") KiB, "
  done
  goal="goal $(kib "$APP_GOAL") KiB $([ "$total" -le "$APP_GOAL" ] && echo met || echo "not met yet")"
  verdict "$app: wasm+JS+CSS, brotli" "$total" "$(app_budget "$app")" "$detail$goal"
done

if [ "$broken" -gt 0 ]; then
  echo "check-sizes: $broken size budget(s) broken (see OVER above); the budgets are in bench/lib.sh" >&2
  exit 1
fi
