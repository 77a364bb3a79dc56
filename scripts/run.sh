#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts the portal at
# http://127.0.0.1:8080 (PORTAL_ADDR to change) with a demo database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build.sh" release

export PORTAL_ADDR="${PORTAL_ADDR:-127.0.0.1:8080}"
export PORTAL_DB="${PORTAL_DB:-$ROOT/data/portal.db}"
export PORTAL_UPLOADS="${PORTAL_UPLOADS:-$ROOT/data/uploads}"
export PORTAL_DIST="${PORTAL_DIST:-$ROOT/dist}"
export PORTAL_DEMO="${PORTAL_DEMO:-1}"
log "starting the server on http://$PORTAL_ADDR"
exec "$ROOT/target/release/server"
