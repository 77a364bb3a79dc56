#!/usr/bin/env bash
# Writes FILE.br (brotli -q 11) and FILE.gz (gzip -9) next to every file of
# the built SPA, so the server can send them as they are (tower-http's
# ServeDir::precompressed_br().precompressed_gzip()) instead of compressing
# per request or not at all. The best settings cost seconds once per build
# and save bytes on every phone that loads the portal.
#
# Usage: scripts/precompress.sh [DIST]   (default: dist). Idempotent: a copy
# is rewritten only when it is older than its file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_TAG=precompress
source "$ROOT/bench/lib.sh"
DIST="${1:-$ROOT/dist}"

ensure_brotli
[ -d "$DIST" ] || {
  echo "precompress: $DIST does not exist: build the SPA first" >&2
  exit 1
}

written=0
# compress_to COPY COMMAND...: writes COPY from COMMAND's output when COPY is
# missing or older than its file, and keeps it only when it is smaller (a
# larger copy would still be preferred by ServeDir and cost bytes).
compress_to() {
  local copy="$1" f="$2"
  shift 2
  [ ! -f "$copy" ] || [ "$f" -nt "$copy" ] || return 0
  "$@" <"$f" >"$copy.tmp"
  if [ "$(raw_size "$copy.tmp")" -lt "$(raw_size "$f")" ]; then
    mv "$copy.tmp" "$copy"
    written=$((written + 1))
  else
    rm -f "$copy.tmp" "$copy"
  fi
}
while IFS= read -r -d '' f; do
  # -n: no name or time stamp in the .gz, so the same build gives the same bytes.
  compress_to "$f.gz" "$f" gzip -9 -n -c
  compress_to "$f.br" "$f" brotli -q 11 -c
done < <(find "$DIST" -type f ! -name '*.br' ! -name '*.gz' ! -name '*.tmp' -print0)
bench_log "$written compressed copies written in $DIST"
