#!/usr/bin/env bash
# bench/interp.sh -- speed of the interpreter (core/interp) that evaluates
# `@static` library calls at instrumentation time.
#
# usage: bench/interp.sh [BUILD_DIR]
#
# Assembles tests/interp/bench.wat and, through the driver
# BUILD_DIR/tests/interp/interp_bench (built with the tests; BUILD_DIR
# defaults to $WHAMM_BUILD, then build), measures for BENCH_SECONDS
# (default 2) each:
#   weight(fid)  calls per second of a small export: a few arithmetic
#                operations and a memory load (13 instructions), the
#                typical per-function cost lookup; includes interp_call's
#                own overhead (export lookup, argument checks)
#   count(1e6)   instructions per second of a tight loop (raw dispatch)
# Needs wat2wasm (wabt).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
SECONDS_EACH="${BENCH_SECONDS:-2}"

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

build="${1:-${WHAMM_BUILD:-$root/build}}"
driver="$build/tests/interp/interp_bench"
[[ -x "$driver" ]] ||
  die "no $driver: build it first (cmake --build $build --target interp_bench)"
command -v wat2wasm >/dev/null 2>&1 || die "wat2wasm (wabt) is not installed"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wat2wasm "$root/tests/interp/bench.wat" -o "$tmp/bench.wasm"

echo "bench: interpreter, $SECONDS_EACH s per measurement ($(uname -m))"
"$driver" "$tmp/bench.wasm" weight 0 "$SECONDS_EACH"
"$driver" "$tmp/bench.wasm" count 1000000 "$SECONDS_EACH"
