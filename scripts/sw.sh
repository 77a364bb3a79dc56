#!/usr/bin/env bash
# Writes DIST/sw.js (the service worker, sw/sw.js) with the build's precache
# list: the practitioner and verify apps' shells and hashed files, the web
# app manifest and its icons. Those two apps are what a phone needs offline
# (the own licence, a verification); the worker leaves the institution and
# authority apps to the browser's HTTP cache. The version is a hash of the list and the
# shells' bytes, so any other build is another worker, installed whole.
#
# Usage: scripts/sw.sh [DIST]   (default: dist; run by scripts/build.sh
# after the four apps are built, before precompress.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"

files=(/index.html /verify.html /manifest.webmanifest /icon-192.png /icon-512.png /favicon.svg)
for shell in index verify; do
  # The loader names the app's script and wasm by their hashed names.
  mapfile -t hashed < <(grep -oE "/[A-Za-z0-9_-]+-[0-9a-f]{12,}(_bg)?\.(js|wasm)" "$DIST/$shell.html" | sort -u)
  [ "${#hashed[@]}" -ge 2 ] || {
    echo "sw.sh: $DIST/$shell.html names no hashed script and wasm" >&2
    exit 1
  }
  files+=("${hashed[@]}")
done
for f in "${files[@]}"; do
  [ -f "$DIST$f" ] || {
    echo "sw.sh: $DIST$f is missing" >&2
    exit 1
  }
done
version="$( (printf '%s\n' "${files[@]}"; cat "$DIST/index.html" "$DIST/verify.html" "$ROOT/sw/sw.js") | sha256sum | cut -c1-16)"
list="$(printf "'%s'," "${files[@]}")"
{
  printf "const VERSION = '%s';\n" "$version"
  printf "const PRECACHE = [%s];\n" "${list%,}"
  cat "$ROOT/sw/sw.js"
} >"$DIST/sw.js"
echo "sw.sh: $DIST/sw.js, version $version, ${#files[@]} files" >&2
