#!/usr/bin/env bash
# bench/static.sh -- how fast `whamm instr` runs `@static` library calls.
#
# usage: bench/static.sh [WHAMM]
#
# Instruments real modules (tests/npm; run `npm ci` there first) with
# static/static.mm: a `@static sel.keep(fid, pc)` predicate at every call
# site (the library is static/sel.c, built here with clang for wasm32-wasi),
# and with static/folded.mm: the same probe with a predicate whamm folds
# itself.  Reports, best of BENCH_REPS runs (default 3): the @static calls
# made and the time spent in them (both from `whamm -v`), the calls per
# second that gives, and the whole runs' times (static vs folded: what
# @static costs a real instrumentation).  Every output is checked with
# wasm-validate.  Env: BENCH_REPS, BENCH_MODULES (space-separated .wasm
# paths), CLANG, WASM_VALIDATE.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
find_whamm "${1:-}" bench/static.sh
command -v "$CLANG" >/dev/null 2>&1 || die "clang not found (CLANG)"
find_validator
note_no_validator
make_tmp

npm_dir="$root/tests/npm/node_modules"
if [[ -n "${BENCH_MODULES:-}" ]]; then
  read -r -a modules <<< "$BENCH_MODULES"
else
  modules=("$npm_dir/sql.js/dist/sql-wasm.wasm"
           "$npm_dir/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm"
           "$npm_dir/esbuild-wasm/esbuild.wasm")
fi
for m in "${modules[@]}"; do
  [[ -f $m ]] || die "module not found: $m (run 'npm ci' in tests/npm)"
done

"$CLANG" --target=wasm32-wasi -O2 -mexec-model=reactor \
  -o "$tmp/sel.wasm" "$here/static/sel.c" || die "cannot build static/sel.c"

# best wall time in ms of REPS runs of "$@"; the best run's output (stdout
# and stderr) is left in $tmp/best
best_ms() {
  local best="" t0 t1 ms
  for ((r = 0; r < REPS; r++)); do
    t0=$(date +%s%N)
    "$@" >"$tmp/last" 2>&1 || { cat "$tmp/last" >&2; die "failed: $*"; }
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [[ -z $best || $ms -lt $best ]]; then best=$ms; cp "$tmp/last" "$tmp/best"; fi
  done
  printf '%s' "$best"
}

printf '%-18s %8s %10s %12s %10s %10s %7s\n' module calls calls_ms 'calls/s' \
  static_ms folded_ms ratio
for m in "${modules[@]}"; do
  name=$(basename -- "$m" .wasm)
  s_ms=$(best_ms "$whamm" instr -v --app "$m" --script "$here/static/static.mm" \
           --user-libs "sel=$tmp/sel.wasm" -o "$tmp/s.wasm")
  line=$(grep '@static call' "$tmp/best" || true)
  calls=$(sed -n 's/^whamm: \([0-9]*\) @static call.*/\1/p' <<<"$line")
  c_ms=$(sed -n 's/.*, in \([0-9.]*\) ms$/\1/p' <<<"$line")
  [[ -n $calls && -n $c_ms ]] || die "$name: whamm -v did not say how many @static calls ran"
  f_ms=$(best_ms "$whamm" instr --app "$m" --script "$here/static/folded.mm" \
           -o "$tmp/f.wasm")
  for out in s f; do
    validate "$tmp/$out.wasm" "$name ($out)" || die "$name: output does not validate"
  done
  printf '%-18s %8s %10s %12s %10s %10s %7s\n' "$name" "$calls" "$c_ms" \
    "$(awk -v c="$calls" -v t="$c_ms" 'BEGIN { printf "%.0f", (t > 0 ? c / t * 1000 : 0) }')" \
    "$s_ms" "$f_ms" "$(awk -v a="$s_ms" -v b="$f_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
done
