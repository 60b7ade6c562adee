#!/usr/bin/env bash
# bench/wei.sh -- run-time cost of a wei monitor applied with `whamm attach`
# against the same observation rewritten directly by `whamm instr`.
#
# usage: bench/wei.sh [WHAMM]
#
# For each C kernel (bench/kernels, clang -O2): the plain program, the
# program instrumented with wei/branch.mm (`whamm instr`) and with the
# hand-written monitor wei/branch-mon.wat (`whamm attach`): both count taken
# and not-taken br_ifs and print the counts at the end; their outputs must
# be identical.  Prints the best of BENCH_REPS runs (default 3) of each,
# net of node's start-up (the empty program), and the ratio attach/direct
# per kernel and as a geometric mean: the cost of a call per probe.  Env:
# BENCH_REPS, BENCH_KERNELS, NODE, CLANG, WASM_VALIDATE.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
find_whamm "${1:-}" bench/wei.sh
need_clang_and_node
need_run_wasi
command -v wat2wasm >/dev/null 2>&1 || die "wat2wasm (wabt) not found"
find_kernels
find_validator
note_no_validator
make_tmp

wat2wasm "$here/wei/branch-mon.wat" -o "$tmp/mon.wasm"
build_empty
base=""
for ((r = 0; r < REPS; r++)); do
  run_empty "$NODE" "node"
  base=$(min_ms "$base" "$run_ms")
done

best_of() { # WASM: sets ms to the best of REPS runs, out to its stdout
  ms=""
  for ((r = 0; r < REPS; r++)); do
    run_once "$NODE" "$1"
    ms=$(min_ms "$ms" "$run_ms")
  done
  out=$(cat "$tmp/stdout")
}

printf '%-12s %10s %10s %10s %8s\n' kernel plain_ms direct_ms attach_ms ratio
ratios=()
for k in "${kernels[@]}"; do
  name=$(basename "$k" .c)
  build_plain "$name" "$k"
  "$whamm" instr --app "$tmp/$name.wasm" --script "$here/wei/branch.mm" \
    -o "$tmp/$name.direct.wasm" >/dev/null || die "$name: whamm instr failed"
  "$whamm" attach --monitor "$tmp/mon.wasm" --app "$tmp/$name.wasm" \
    -o "$tmp/$name.attach.wasm" || die "$name: whamm attach failed"
  validate "$tmp/$name.attach.wasm" "$name (attach)" || die "$name: invalid"
  best_of "$tmp/$name.wasm"; plain=$ms
  best_of "$tmp/$name.direct.wasm"; direct=$ms; direct_out=$out
  best_of "$tmp/$name.attach.wasm"; attach=$ms
  [[ "$out" == "$direct_out" ]] || die "$name: attach and direct outputs differ"
  rt=$(net 2 "$attach" "$direct" "$base")
  ratios+=("$rt")
  printf '%-12s %10s %10s %10s %8s\n' "$name" "$plain" "$direct" "$attach" "$rt"
done
printf 'geomean attach/direct (net of start-up %s ms): %s\n' "$base" \
  "$(geomean 2 "${ratios[@]}")"
