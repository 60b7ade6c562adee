#!/usr/bin/env bash
# bench/persite.sh -- instrumenting with a per-site report variable on every
# instruction (bench/scripts/persite.mm: millions of report rows on a large
# module), against a plain round trip of the same module.
#
# usage: bench/persite.sh [WHAMM]
#
# For each module (default: sql-wasm, quickjs and esbuild from
# tests/npm/node_modules; run `npm ci` in tests/npm first) measures, in the
# same run:
#   persite    WHAMM instr --app IN --script bench/scripts/persite.mm -o OUT
#   roundtrip  WHAMM roundtrip IN -o OUT
# each BENCH_REPS times (default 3), keeping the best wall time, the best CPU
# time (user + sys: steadier than wall time on a busy machine) and the highest
# peak RSS.  Prints per module: the sites, the persite figures, and ratios
# against the module's size (RSS / size, output / size) and against the round
# trip (wall, CPU and RSS of persite / roundtrip).  The last output is checked
# with wasm-validate --enable-all when it is installed (column `valid`).
#
# WHAMM defaults to $WHAMM, then build/core/whamm, build/whamm, `whamm` on
# PATH.  Env: BENCH_REPS, BENCH_MODULES (space-separated .wasm paths instead
# of the npm modules), WASM_VALIDATE.  Needs GNU time (/usr/bin/time, Debian
# package `time`) for CPU time and peak RSS.  Exit status 1 if a run fails or
# an output does not validate.  Results and targets: bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

find_whamm "${1:-}" "bench/persite.sh"
find_validator
note_no_validator
script="$here/scripts/persite.mm"
[[ -f "$script" ]] || die "missing $script"
if ! /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
  die "GNU time (/usr/bin/time) is needed: apt-get install time"
fi

find_modules sql-wasm quickjs esbuild
make_tmp

# run CMD...: runs CMD once under GNU time; keeps the best wall ms (best_ms),
# best CPU ms (best_cpu) and highest peak KB (peak_kb); dies if it fails.
run() {
  local t0 t1 ms cpu kb
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" > "$tmp/stdout" 2> "$tmp/stderr" || {
    head -n 5 -- "$tmp/stderr" >&2
    die "failed: $*"
  }
  t1=$(date +%s%N)
  ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
  cpu=$(tail -n 1 -- "$tmp/time" | awk '{ printf "%.1f", ($1 + $2) * 1000 }')
  kb=$(tail -n 1 -- "$tmp/time" | awk '{ print $3 }')
  best_ms=$(min_ms "$best_ms" "$ms")
  best_cpu=$(min_ms "$best_cpu" "$cpu")
  if [[ -z "$peak_kb" || "$kb" -gt "$peak_kb" ]]; then peak_kb=$kb; fi
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

printf '%-10s %8s %9s | %9s %9s %8s %8s | %6s %6s | %6s %6s %6s | %5s\n' \
  module size-MB sites wall-ms cpu-ms rss-MB out-MB rss/sz out/sz \
  wall/rt cpu/rt rss/rt valid
status=0
for entry in "${modules[@]}"; do
  name="${entry%%=*}"
  m="${entry#*=}"
  size=$(wc -c < "$m" | tr -d ' ')
  printf 'bench: %s ...\n' "$name" >&2
  best_ms=""; best_cpu=""; peak_kb=""
  for ((rep = 0; rep < REPS; rep++)); do
    run "$whamm" roundtrip "$m" -o "$tmp/rt.wasm"
  done
  rt_ms=$best_ms; rt_cpu=$best_cpu; rt_kb=$peak_kb
  best_ms=""; best_cpu=""; peak_kb=""
  for ((rep = 0; rep < REPS; rep++)); do
    run "$whamm" instr --app "$m" --script "$script" -o "$tmp/out.wasm"
  done
  sites=$(awk '/ sites$/ { n += $(NF - 1) } END { print n + 0 }' "$tmp/stdout")
  out=$(wc -c < "$tmp/out.wasm" | tr -d ' ')
  valid=ok
  validate "$tmp/out.wasm" "$name" || { valid=NO; status=1; }
  [[ $have_validate -eq 1 ]] || valid=-
  printf '%-10s %8s %9s | %9s %9s %8s %8s | %6s %6s | %6s %6s %6s | %5s\n' \
    "$name" "$(mb "$size")" "$sites" "$best_ms" "$best_cpu" \
    "$(mb $((peak_kb * 1024)))" "$(mb "$out")" \
    "$(ratio 2 $((peak_kb * 1024)) "$size")" "$(ratio 2 "$out" "$size")" \
    "$(ratio 1 "$best_ms" "$rt_ms")" "$(ratio 1 "$best_cpu" "$rt_cpu")" \
    "$(ratio 1 "$peak_kb" "$rt_kb")" "$valid"
done
exit $status
