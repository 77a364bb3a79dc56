#!/usr/bin/env bash
# Builds the SPA (release, size-optimised wasm) into dist/ and the server.
# Usage: scripts/build.sh [release|debug]   (the server's profile)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

log "trunk: building the SPA (release)"
trunk build --release --offline --locked 2>&1 | grep -vE '^\s*$' | tail -n 5
bash "$ROOT/scripts/precompress.sh" "$ROOT/dist"

if [ "${1:-release}" = release ]; then
  log "cargo: building the server (release)"
  cargo build --locked --release -p server
else
  log "cargo: building the server (debug)"
  cargo build --locked -p server
fi
