#!/usr/bin/env bash
# Builds the SPA (release, size-optimised wasm) into dist/ and the server.
# Usage: scripts/build.sh [release|debug]   (the server's profile)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

# Trunk's own JS minifier gives up on wasm-bindgen's glue (its `export
# default`), which then ships with its comments and long names: terser (npm,
# pinned in e2e/package.json) minifies it, 1.8 KiB less brotli per app.
minify_glue() {
  local js
  for js in "$1"/*.js; do
    [ "$(basename "$js")" = sw.js ] && continue
    "$ROOT/e2e/node_modules/.bin/terser" "$js" --module --ecma 2020 --compress passes=2 --mangle -o "$js"
  done
}

# The SPA is four apps, one per audience (see src/app.rs). Trunk builds one
# HTML file per run and replaces its whole dist directory, so the institution,
# verify and authority apps are built aside and copied in: their files are
# content-hashed (favicon and robots.txt are the same in all three).
log "trunk: building the practitioner app (index.html, release)"
trunk build --release --offline --locked=true index.html 2>&1 | grep -vE '^\s*$' | tail -n 5
minify_glue "$ROOT/dist"
for app in institution verify authority; do
  # All three paint the same shell: $app.html is index.html with the app's
  # binary, generated here (git-ignored) so the shell is written once.
  [ "$(grep -c 'data-bin="portal"' index.html)" = 1 ] || {
    echo "build: index.html must name its binary once, as data-bin=\"portal\"" >&2
    exit 1
  }
  sed "s/data-bin=\"portal\"/data-bin=\"$app\"/" index.html >"$app.html"
  log "trunk: building the $app app ($app.html, release)"
  trunk build --release --offline --locked=true "$app.html" --html-output "$app.html" \
    --dist "$ROOT/target/trunk/$app" 2>&1 | grep -vE '^\s*$' | tail -n 5
  minify_glue "$ROOT/target/trunk/$app"
  cp "$ROOT/target/trunk/$app"/* "$ROOT/dist/"
done
# The service worker's precache list names this build's hashed files.
bash "$ROOT/scripts/sw.sh" "$ROOT/dist"
bash "$ROOT/scripts/precompress.sh" "$ROOT/dist"

if [ "${1:-release}" = release ]; then
  log "cargo: building the server (release)"
  cargo build --locked --release -p server
else
  log "cargo: building the server (debug)"
  cargo build --locked -p server
fi
