#!/usr/bin/env bash
# bench/wei.sh -- run-time cost of a wei monitor applied with `whamm attach`
# against the same observation rewritten directly by `whamm instr`.
#
# usage: bench/wei.sh [WHAMM]
#
# For each C kernel (bench/kernels, clang -O2): the plain program, the
# program instrumented with wei/branch.mm (`whamm instr`) and with the
# hand-written monitor wei/branch-mon.wat (`whamm attach`, which inlines
# the tiny probe function, and `whamm attach --no-inline`, a call per
# probe), and wei/branch.mm compiled into a monitor (`whamm instr --target
# wei`) then attached: all count taken and not-taken br_ifs and print the
# counts at the end; their outputs must be identical.  Prints the best of BENCH_REPS runs
# (default 3) of each in CPU time (user + system, ms, node's compiler
# threads included), net of node's start-up (the empty program), and the
# ratios attach/direct, no-inline/direct and compiled/direct per kernel
# and as geometric means.  Env: BENCH_REPS, BENCH_KERNELS, NODE, CLANG, WASM_VALIDATE.
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
"$whamm" instr --target wei --script "$here/wei/branch.mm" \
  -o "$tmp/compiled.wasm" >/dev/null || die "whamm instr --target wei failed"
build_empty

# cpu_once WASM: runs it like run_once (bench/lib.sh) and sets cpu_ms to
# its user + system CPU time in ms ("-" if it failed).
cpu_once() {
  local t status TIMEFORMAT='%3U %3S'
  set +e
  t=$({ time "$NODE" --no-liftoff "$RUN_WASI" "$1" > "$tmp/stdout" \
          2> "$tmp/stderr"; } 2>&1)
  status=$?
  set -e
  if [[ $status -ne 0 ]]; then
    run_failed "$NODE" "$1" "$status"
    head -n 5 -- "$tmp/stderr" >&2
    cpu_ms="-"
    return
  fi
  cpu_ms=$(awk -v t="$t" 'BEGIN { split(t, a, " ");
                                   printf "%.1f", (a[1] + a[2]) * 1000 }')
}

best_of() { # WASM: sets ms to the best of REPS runs, out to its stdout
  ms=""
  for ((r = 0; r < REPS; r++)); do
    cpu_once "$1"
    [[ "$cpu_ms" != "-" ]] || die "$(basename "$1") failed"
    ms=$(min_ms "$ms" "$cpu_ms")
  done
  out=$(cat "$tmp/stdout")
}

best_of "$tmp/empty.wasm"; base=$ms

printf '%-12s %9s %9s %9s %9s %9s %7s %7s %7s\n' kernel plain_ms \
  direct_ms attach_ms call_ms comp_ms ratio call_r comp_r
ratios=()
call_ratios=()
comp_ratios=()
for k in "${kernels[@]}"; do
  name=$(basename "$k" .c)
  build_plain "$name" "$k"
  "$whamm" instr --app "$tmp/$name.wasm" --script "$here/wei/branch.mm" \
    -o "$tmp/$name.direct.wasm" >/dev/null || die "$name: whamm instr failed"
  "$whamm" attach --monitor "$tmp/mon.wasm" --app "$tmp/$name.wasm" \
    -o "$tmp/$name.attach.wasm" || die "$name: whamm attach failed"
  "$whamm" attach --no-inline --monitor "$tmp/mon.wasm" \
    --app "$tmp/$name.wasm" -o "$tmp/$name.call.wasm" ||
    die "$name: whamm attach --no-inline failed"
  "$whamm" attach --monitor "$tmp/compiled.wasm" --app "$tmp/$name.wasm" \
    -o "$tmp/$name.comp.wasm" || die "$name: attaching the compiled monitor failed"
  validate "$tmp/$name.comp.wasm" "$name (compiled)" || die "$name: invalid"
  validate "$tmp/$name.attach.wasm" "$name (attach)" || die "$name: invalid"
  validate "$tmp/$name.call.wasm" "$name (no-inline)" || die "$name: invalid"
  best_of "$tmp/$name.wasm"; plain=$ms
  best_of "$tmp/$name.direct.wasm"; direct=$ms; direct_out=$out
  best_of "$tmp/$name.attach.wasm"; attach=$ms
  [[ "$out" == "$direct_out" ]] || die "$name: attach and direct outputs differ"
  best_of "$tmp/$name.call.wasm"; call=$ms
  [[ "$out" == "$direct_out" ]] || die "$name: no-inline and direct outputs differ"
  best_of "$tmp/$name.comp.wasm"; comp=$ms
  [[ "$out" == "$direct_out" ]] || die "$name: compiled and direct outputs differ"
  rt=$(net 2 "$attach" "$direct" "$base")
  rc=$(net 2 "$call" "$direct" "$base")
  rm_=$(net 2 "$comp" "$direct" "$base")
  ratios+=("$rt")
  call_ratios+=("$rc")
  comp_ratios+=("$rm_")
  printf '%-12s %9s %9s %9s %9s %9s %7s %7s %7s\n' "$name" "$plain" \
    "$direct" "$attach" "$call" "$comp" "$rt" "$rc" "$rm_"
done
printf 'geomean attach/direct (CPU, net of start-up %s ms): %s\n' "$base" \
  "$(geomean 2 "${ratios[@]}")"
printf 'geomean attach --no-inline/direct: %s\n' \
  "$(geomean 2 "${call_ratios[@]}")"
printf 'geomean compiled (--target wei) then attached/direct: %s\n' \
  "$(geomean 2 "${comp_ratios[@]}")"
