#!/usr/bin/env bash
# Fuzzes the rules crate's parsers with libFuzzer (cargo-fuzz), each target
# for a bounded time, and checks their properties (crates/rules/fuzz/src/lib.rs):
# no panic, a parsed value re-parses to itself, masked forms do not give the
# value away, decoded licenses encode back to the same text...
#
#   bash scripts/fuzz.sh                 every target, FUZZ_SECONDS (12) each
#   bash scripts/fuzz.sh email mobile    only these
#
# libFuzzer needs nightly compiler flags: RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them (for this build only). Builds with debug assertions
# (overflow checks) and without a sanitizer: the crate is safe Rust.
# Ends with `fuzz: N passed, M failed` (N, M count targets); exits non-zero
# when a target fails, after printing the input that made it fail.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/crates/rules/fuzz"
SECONDS_EACH="${FUZZ_SECONDS:-12}"
CARGO_FUZZ_VERSION=0.13.2
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1
log() { printf '\033[1;34m[fuzz]\033[0m %s\n' "$*"; }

if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  log "cargo: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

cd "$FUZZ"
cargo fetch --locked -q
mapfile -t all < <(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^rules-fuzz$')
targets=("${@:-${all[@]}}")
flags=(-O -a --sanitizer none)

log "building ${#all[@]} targets"
cargo fuzz build "${flags[@]}"

passed=0
failed=0
failures=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  log "$t: ${SECONDS_EACH} s"
  logf="$(mktemp)"
  if cargo fuzz run "${flags[@]}" "$t" "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$logf" 2>&1; then
    runs="$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$logf" | grep -oE '[0-9]+$' || echo '?')"
    log "$t: ok, $runs runs"
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$t")
    echo "---- $t failed; the panic:"
    grep -A3 -E "panicked at" "$logf" | head -20 || true
    grep -E "Test unit written|Base64:|^==[0-9]+==" "$logf" | head -10 || tail -40 "$logf"
    for a in "artifacts/$t"/crash-* "artifacts/$t"/timeout-* "artifacts/$t"/oom-*; do
      [ -f "$a" ] || continue
      echo "input ($a):"
      od -c "$a" | head -10
    done
  fi
  rm -f "$logf"
done

echo
for f in "${failures[@]}"; do echo "FAILED: fuzz target $f"; done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
