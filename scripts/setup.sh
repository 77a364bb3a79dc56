#!/usr/bin/env bash
# Installs everything the portal needs to build, run and be tested, from the
# package registries only (crates.io, npm, Debian). Idempotent: a second run
# only checks. Sourced by run.sh and test.sh; can also be run on its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must never reach for GitHub: the tools below are installed here.
export TRUNK_SKIP_VERSION_CHECK=true

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than this machine has
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

setup_main() {
  cd "$ROOT"

  # System packages: a C compiler for bundled SQLite, Chromium and its driver
  # for the browser tests, Node.js for Playwright and wasm-opt.
  command -v cc >/dev/null || apt_install build-essential
  command -v chromium >/dev/null && command -v chromedriver >/dev/null || apt_install chromium chromium-driver
  command -v npm >/dev/null || apt_install nodejs npm
  # PostgreSQL's server for the tests on the second backend (scripts/pg.sh
  # starts a throw-away cluster of it), python3 for free loopback ports.
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
  command -v python3 >/dev/null || apt_install python3

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup: adding wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    log "cargo: installing trunk $TRUNK_VERSION"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi

  # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
  # Installed without --locked: its own lockfile names a crate version the
  # registry mirror lacks.
  local wb
  wb="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null; then
    log "cargo: installing wasm-bindgen-cli $wb"
    cargo install wasm-bindgen-cli --version "$wb" --force
  fi

  # Node packages (Playwright, axe-core, binaryen's wasm-opt 132) from the
  # committed lockfile. Playwright must not download a browser: tests drive
  # Debian's /usr/bin/chromium.
  if [ ! -f e2e/node_modules/.package-lock.json ] ||
    [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    log "npm: installing e2e dependencies"
    (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
  [ "$(wasm-opt --version)" = "wasm-opt version 132 (version_132)" ] || {
    echo "wasm-opt 132 expected on PATH (e2e/node_modules/.bin)" >&2
    exit 1
  }

  # The quality virtualenv (PyPI, pinned): schemathesis, the real SMTP
  # server (aiosmtpd) the API tests deliver to, and the S3-compatible server
  # (moto, scripts/s3.sh) the photo tests store in.
  if [ ! -x .venv-quality/bin/python ]; then
    python3 -m venv .venv-quality 2>/dev/null || {
      apt_install python3-venv
      python3 -m venv .venv-quality
    }
  fi
  if ! cmp -s quality/requirements.txt .venv-quality/.requirements.txt; then
    log "pip: installing quality/requirements.txt"
    .venv-quality/bin/pip install -q --disable-pip-version-check -r quality/requirements.txt
    cp quality/requirements.txt .venv-quality/.requirements.txt
  fi

  cargo fetch --locked -q
}

setup_main
