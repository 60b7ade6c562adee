#!/usr/bin/env bash
# bench/scale.sh -- does instrumenting stay linear in the module's size?
#
# usage: bench/scale.sh [WHAMM]
#
# Builds esbuild.wasm (tests/npm; run `npm ci` there first) 2 and 4 times
# as large (bench/replicate.py: every function defined again, the code
# section N-fold) and instruments each size with three shapes:
#   nomatch   bench/nomatch.mm (a rule no instruction matches)
#   icount    samples/scripts/icount.mm (a counter on every instruction)
#   persite   bench/scripts/persite.mm (a per-site counter on every one)
# Prints per shape and size the best CPU time (user + sys, of BENCH_REPS
# runs, default 3) and the peak RSS, and two ratios: cpu/lin, the CPU time
# over N times the 1x time (1.00 = linear), and rss/sz, the peak RSS over
# the module's size (flat = memory linear).  Every output is validated when
# wasm-validate is installed.  Env: BENCH_REPS, BENCH_MODULES (one .wasm
# instead of esbuild), WASM_VALIDATE.  Needs python3 and GNU time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

find_whamm "${1:-}" "bench/scale.sh"
find_validator
note_no_validator
need_gnu_time
command -v python3 >/dev/null 2>&1 || die "python3 is needed"
find_modules esbuild
make_tmp

src="${modules[0]#*=}"
for n in 1 2 4; do
  python3 "$here/replicate.py" "$src" "$n" "$tmp/x$n.wasm"
done

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

printf '%-8s %4s %8s | %9s %8s | %7s %6s | %5s\n' shape size mod-MB cpu-ms \
  rss-MB cpu/lin rss/sz valid
status=0
for shape in nomatch icount persite; do
  case $shape in
    nomatch) script="$here/nomatch.mm" ;;
    icount) script="$root/samples/scripts/icount.mm" ;;
    persite) script="$here/scripts/persite.mm" ;;
  esac
  one=""
  for n in 1 2 4; do
    m="$tmp/x$n.wasm"
    printf 'bench: %s x%d ...\n' "$shape" "$n" >&2
    best_cpu=""; peak_kb=""
    for ((rep = 0; rep < REPS; rep++)); do
      time_run "$whamm" instr --app "$m" --script "$script" -o "$tmp/out.wasm"
    done
    [[ -n "$one" ]] || one=$best_cpu
    size=$(wc -c < "$m" | tr -d ' ')
    valid=ok
    validate "$tmp/out.wasm" "$shape x$n" || { valid=NO; status=1; }
    [[ $have_validate -eq 1 ]] || valid=-
    lin=$(awk -v c="$best_cpu" -v o="$one" -v n="$n" \
      'BEGIN { printf "%.2f", c / (o * n) }')
    printf '%-8s %3sx %8s | %9s %8s | %7s %6s | %5s\n' "$shape" "$n" \
      "$(mb "$size")" "$best_cpu" "$(mb $((peak_kb * 1024)))" "$lin" \
      "$(ratio 2 $((peak_kb * 1024)) "$size")" "$valid"
  done
done
exit $status
