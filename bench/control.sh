#!/usr/bin/env bash
# bench/control.sh -- run-time cost of the control-flow probe forms: alt
# in place of an instruction, a loop alt with a run-time predicate, and
# at_target bodies on branches (docs/instr.md "What the output does"),
# next to the call graph by resolved target (docs/instr.md "Call
# targets"; bench/resolved.sh measures its parts).
#
# usage: bench/control.sh [WHAMM]
#
# Builds the C kernels in bench/kernels/*.c and bench/resolved/*.c with
# `clang --target=wasm32-wasi -O2`, instruments each plain module with
# `whamm instr` for each form and runs every program under
# `node --no-liftoff tests/tools/run-wasi.mjs` (TurboFan only):
#   plain    the uninstrumented kernel
#   alt      control-alt.mm: every i32.add replaced by an alt body that
#            adds its saved operands (`return arg1 + arg0;`)
#   loopalt  control-loopalt.mm: an alt on every loop whose predicate (a
#            script global set in wasm:begin) is known only at run time
#            and never holds: the loop in a block of whamm's, the
#            predicate before it, a check at the head of every iteration.
#            A kernel with a loop that leaves a value cannot take this
#            script's empty body (a located error): n/a, not a failure
#   target   control-target.mm: `landed++` at_target of every br_if and
#            br_table (the flag at the branch, the body where it lands,
#            and after a br_if that is not taken)
#   graph    resolved-graph.mm: `calls[(fid, resolved_fid)]++` on every
#            call_indirect (a run-time map key)
# Each program is run BENCH_REPS times (default 3, interleaved) and the best
# wall time is kept; `net` ratios subtract an empty C program's time.
#
# Checks (exit status 1 if any fails): every output validates and prints
# the plain output plus a report (column `check`, one entry per form).
#
# Env: BENCH_REPS, BENCH_KERNELS, CLANG, NODE, WASM_VALIDATE, WHAMM.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"
FORMS=(alt loopalt target graph)
declare -A SCRIPT=(
  [alt]="$here/scripts/control-alt.mm"
  [loopalt]="$here/scripts/control-loopalt.mm"
  [target]="$here/scripts/control-target.mm"
  [graph]="$here/scripts/resolved-graph.mm"
)

find_whamm "${1:-}" bench/control.sh
need_clang_and_node
need_run_wasi
[[ -n "${BENCH_KERNELS:-}" ]] ||
  BENCH_KERNELS="$(printf '%s ' "$here"/kernels/*.c "$here"/resolved/*.c)"
find_kernels
find_validator
note_no_validator
make_tmp
status_all=0

# instrument NAME FORM: $tmp/NAME.FORM.wasm, or chk[NAME:FORM] says why not
instrument() {
  local out="$tmp/$1.$2.wasm"
  chk[$1:$2]="-"
  if ! "$whamm" instr --app "$tmp/$1.wasm" --script "${SCRIPT[$2]}" \
      -o "$out" > /dev/null 2> "$tmp/instr.err"; then
    if [[ $2 == loopalt ]] && grep -q "where \`loop\` leaves" "$tmp/instr.err"; then
      chk[$1:$2]=n/a
      return
    fi
    printf 'bench: whamm instr on %s (%s) failed:\n' "$1" "$2" >&2
    head -n 5 -- "$tmp/instr.err" >&2
    chk[$1:$2]=FAIL
  elif ! validate "$out" "$1 $2"; then chk[$1:$2]=INVALID
  else file[$1:$2]=$out
  fi
}

build_empty
declare -A file chk best
names=()
for k in "${kernels[@]}"; do
  name="$(basename -- "$k" .c)"
  names+=("$name")
  build_plain "$name" "$k"
  file[$name:plain]="$tmp/$name.wasm"; chk[$name:plain]=ok
  for form in "${FORMS[@]}"; do instrument "$name" "$form"; done
done

run_forms

declare -a rows
declare -A r n
for name in "${names[@]}"; do
  checks=""
  for form in "${FORMS[@]}"; do
    [[ "${chk[$name:$form]}" == ok || "${chk[$name:$form]}" == n/a ]] ||
      status_all=1
    checks+="${checks:+/}${chk[$name:$form]}"
  done
  p=${best[$name:plain]}
  line="$(printf '%-11s %7s' "$name" "$p")"
  for form in "${FORMS[@]}"; do line+="$(printf ' %7s' "${best[$name:$form]:--}")"; done
  for form in "${FORMS[@]}"; do
    r[$name:$form]=$(ratio 2 "${best[$name:$form]:--}" "$p")
    n[$name:$form]=$(net 2 "${best[$name:$form]:--}" "$p" "$empty_ms")
    line+="$(printf ' %6s' "${r[$name:$form]}")"
  done
  for form in "${FORMS[@]}"; do line+="$(printf ' %6s' "${n[$name:$form]}")"; done
  rows+=("$line $checks")
done

printf '\nwhamm: %s\n' "$whamm"
printf 'reps: %s (best wall time)   node %s --no-liftoff\n' "$REPS" "$("$NODE" --version)"
printf 'start-up (empty C program): %s ms\n' "$empty_ms"
printf '\nWall time (ms), ratios vs plain, net ratios (start-up subtracted)\n'
printf '%-11s %7s %7s %7s %7s %7s %6s %6s %6s %6s %6s %6s %6s %6s %s\n' kernel plain \
  alt loopalt target graph alt/p loop/p tgt/p grph/p n-alt n-loop n-tgt n-grph \
  check
for row in "${rows[@]}"; do printf '%s\n' "$row"; done
geo="$(printf '%-11s %7s %7s %7s %7s %7s' geomean "" "" "" "" "")"
for kind in r n; do
  for form in "${FORMS[@]}"; do
    vals=()
    for name in "${names[@]}"; do
      if [[ $kind == r ]]; then vals+=("${r[$name:$form]}"); else vals+=("${n[$name:$form]}"); fi
    done
    geo+="$(printf ' %6s' "$(geomean 2 "${vals[@]}")")"
  done
done
printf '%s\n' "$geo"
printf '\n(check: output = plain output + report for alt/loopalt/target/graph;\n'
printf ' n/a: a loop of the kernel leaves a value, which the loopalt body cannot)\n'
exit "$status_all"
