#!/usr/bin/env bash
# The size budgets of the quality-gates issue, checked on an existing dist/
# (the test command builds it right before). Practitioners open the portal on
# mid-range phones over slow networks, so what they download is a gate, not a
# figure to look at now and then. One line per budget; exits non-zero with the
# budget that broke.
#
# Usage: scripts/check-sizes.sh [DIST]   (default: dist)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_TAG=sizes
source "$ROOT/bench/lib.sh"
DIST="${1:-$ROOT/dist}"

ensure_brotli
[ -f "$DIST/index.html" ] || {
  echo "check-sizes: $DIST/index.html is missing: build the SPA first (bash scripts/build.sh)" >&2
  exit 1
}
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
  printf 'size budget %-28s %s: %s KiB of %s KiB (%s)\n' \
    "$name" "$status" "$(kib "$bytes")" "$(kib "$budget")" "$detail"
}

# 1. The HTML shell (index.html with its inlined CSS), gzip bytes on the wire.
html="$DIST/index.html"
verdict "HTML shell, gzip" "$(gz_size "$html")" "$SHELL_BUDGET" \
  "raw $(kib "$(raw_size "$html")") KiB, brotli $(kib "$(br_size "$html")") KiB"

# 2. Everything the SPA downloads to start, brotli: wasm + JS + CSS. The CSS
# is inlined into index.html (counted here by its own compressed size) plus
# any stylesheet file Trunk may emit.
inline_css "$html" >"$tmp/inline.css"
total=0
parts=()
for kind in wasm js css; do
  files=()
  mapfile -t files < <(dist_files "$DIST" "$kind")
  [ "$kind" != css ] || [ ! -s "$tmp/inline.css" ] || files+=("$tmp/inline.css")
  sum=0
  for f in "${files[@]}"; do sum=$((sum + $(br_size "$f"))); done
  total=$((total + sum))
  parts+=("$kind $(kib "$sum")")
done
verdict "wasm+JS+CSS, brotli" "$total" "$APP_BUDGET" "$(
  IFS=,
  echo "${parts[*]}" | sed 's/,/ KiB, /g; s/$/ KiB/'
)"

if [ "$broken" -gt 0 ]; then
  echo "check-sizes: $broken size budget(s) broken (see OVER above); the budgets are in bench/lib.sh" >&2
  exit 1
fi
