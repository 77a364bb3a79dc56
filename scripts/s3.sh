#!/usr/bin/env bash
# A throw-away S3-compatible server for the tests and the local cluster:
# moto's server mode (PyPI `moto[server]`, pinned in quality/requirements.txt,
# installed in .venv-quality by setup.sh), on a free loopback port, objects
# in memory (they end with it), with one bucket created.
#
#   source scripts/s3.sh
#   s3_start [BUCKET]      # exports S3_URL, S3_PID and the PORTAL_S3_* variables
#   ...                    # e.g. PORTAL_TEST_S3=1 cargo test -p server --test api photo
#   s3_stop
#
# Standalone: `bash scripts/s3.sh` starts one and prints its variables; stop
# it with `bash scripts/s3.sh stop PID`.

S3_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

s3_python() {
  local py="$S3_ROOT/.venv-quality/bin/python"
  [ -x "$py" ] && "$py" -c 'import moto.server, boto3' 2>/dev/null || {
    echo "s3.sh: moto is not installed in .venv-quality (bash scripts/setup.sh)" >&2
    return 1
  }
  echo "$py"
}

s3_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# s3_start [BUCKET]: starts the server and creates BUCKET (default
# portal-test) with a signed request, as any S3 client would.
s3_start() {
  local py port bucket="${1:-portal-test}" i
  py="$(s3_python)" || return 1
  port="$(s3_free_port)"
  S3_LOG="$(mktemp /tmp/portal-s3.XXXXXX.log)"
  "$py" -m moto.server -H 127.0.0.1 -p "$port" >"$S3_LOG" 2>&1 &
  S3_PID=$!
  S3_URL="http://127.0.0.1:$port"
  for i in $(seq 1 100); do
    if "$py" -c "import urllib.request as u; u.urlopen('$S3_URL/moto-api/', timeout=1)" 2>/dev/null; then
      break
    fi
    kill -0 "$S3_PID" 2>/dev/null || {
      cat "$S3_LOG" >&2
      return 1
    }
    sleep 0.1
  done
  # moto accepts any credentials; they are set so that requests are signed
  # as in production.
  export PORTAL_S3_BUCKET="$bucket" PORTAL_S3_ENDPOINT="$S3_URL" PORTAL_S3_REGION=us-east-1 \
    PORTAL_S3_ACCESS_KEY_ID=portal-test PORTAL_S3_SECRET_ACCESS_KEY=portal-test-secret
  "$py" - <<'EOF' || { s3_stop; return 1; }
import os, boto3
boto3.client(
    "s3",
    endpoint_url=os.environ["PORTAL_S3_ENDPOINT"],
    region_name=os.environ["PORTAL_S3_REGION"],
    aws_access_key_id=os.environ["PORTAL_S3_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["PORTAL_S3_SECRET_ACCESS_KEY"],
).create_bucket(Bucket=os.environ["PORTAL_S3_BUCKET"])
EOF
  export S3_URL S3_PID S3_LOG
}

# s3_stop [PID]: stops the server (its objects go with it).
s3_stop() {
  local pid="${1:-${S3_PID:-}}"
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  if [ "$pid" = "${S3_PID:-}" ]; then
    rm -f "${S3_LOG:-}"
    unset S3_PID S3_URL S3_LOG PORTAL_S3_BUCKET PORTAL_S3_ENDPOINT PORTAL_S3_REGION \
      PORTAL_S3_ACCESS_KEY_ID PORTAL_S3_SECRET_ACCESS_KEY
  fi
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-start}" in
  start)
    shift || true
    s3_start "$@"
    # Left running for the caller: not the child of a shell that waits.
    disown "$S3_PID" 2>/dev/null || true
    env | grep '^PORTAL_S3_' | sort
    echo "stop it with: bash scripts/s3.sh stop $S3_PID"
    ;;
  stop) s3_stop "${2:?usage: s3.sh stop PID}" ;;
  *)
    echo "usage: s3.sh [start [BUCKET]] | stop PID" >&2
    exit 2
    ;;
  esac
fi
