#!/usr/bin/env bash
# bench/resolved.sh -- run-time cost of resolving call targets (shadow
# tables, docs/instr.md "Call targets").
#
# usage: bench/resolved.sh [WHAMM]
#
# Builds the C kernels in bench/kernels/*.c and bench/resolved/*.c (a
# stack machine that dispatches every instruction through a table of
# function pointers) with `clang --target=wasm32-wasi -O2`, instruments
# each plain module with `whamm instr` for each form and runs every program
# under `node --no-liftoff tests/tools/run-wasi.mjs` (TurboFan only):
#   plain    the uninstrumented kernel
#   site     resolved-site.mm: `sites[(fid, pc)]++` on call_indirect (a key
#            known when instrumenting: the entry is bumped in place)
#   lookup   resolved-lookup.mm: `last = resolved_fid` on call_indirect (the
#            shadow-table load alone)
#   graph    resolved-graph.mm: `calls[(fid, resolved_fid)]++`, the call
#            graph by resolved target (a run-time key: the hash map)
# Each program is run BENCH_REPS times (default 3, interleaved) and the best
# wall time is kept; `net` ratios subtract an empty C program's time.
#
# Checks (exit status 1 if any fails): every output validates and prints
# the plain output plus a report (column `check`); the graph counts as many
# calls as the site map (column `same`) and has no -1 target (C tables are
# filled by constant segments: every target is known; column `unk`).
#
# Env: BENCH_REPS, BENCH_KERNELS, CLANG, NODE, WASM_VALIDATE, WHAMM.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"
FORMS=(site lookup graph)
declare -A SCRIPT=(
  [site]="$here/scripts/resolved-site.mm"
  [lookup]="$here/scripts/resolved-lookup.mm"
  [graph]="$here/scripts/resolved-graph.mm"
)

find_whamm "${1:-}" bench/resolved.sh
need_clang_and_node
need_run_wasi
[[ -n "${BENCH_KERNELS:-}" ]] ||
  BENCH_KERNELS="$(printf '%s ' "$here"/kernels/*.c "$here"/resolved/*.c)"
find_kernels
find_validator
note_no_validator
make_tmp
status_all=0

# map_sum FILE NAME: the sum of the values of script-level map NAME
map_sum() {
  awk -F', ' -v m="$2" '$2 == "map_id" && $3 == m { print $NF }' "$1" |
    tr ';' '\n' | sed -e 's/"//g' -e '/^empty map$/d' -e '/^$/d' |
    awk -F'->' '{ s += $NF } END { printf "%.0f\n", s }'
}
# map_unknown FILE: the graph's entries whose callee is -1
map_unknown() {
  awk -F', ' '$2 == "map_id" && $3 == "calls" { print $NF }' "$1" |
    tr ';' '\n' | grep -c ',-1)' || true
}

build_empty
declare -A file chk best
names=()
for k in "${kernels[@]}"; do
  name="$(basename -- "$k" .c)"
  names+=("$name")
  build_plain "$name" "$k"
  file[$name:plain]="$tmp/$name.wasm"; chk[$name:plain]=ok
  for form in "${FORMS[@]}"; do
    out="$tmp/$name.$form.wasm"
    chk[$name:$form]="-"
    if ! "$whamm" instr --app "$tmp/$name.wasm" --script "${SCRIPT[$form]}" \
        -o "$out" > /dev/null 2> "$tmp/instr.err"; then
      printf 'bench: whamm instr on %s (%s) failed:\n' "$name" "$form" >&2
      head -n 5 -- "$tmp/instr.err" >&2
      chk[$name:$form]=FAIL
    elif ! validate "$out" "$name $form"; then chk[$name:$form]=INVALID
    else file[$name:$form]=$out
    fi
  done
done

run_forms

declare -a rows r_site r_look r_graph n_look n_graph
for name in "${names[@]}"; do
  checks=""
  for form in "${FORMS[@]}"; do
    [[ "${chk[$name:$form]}" == ok ]] || status_all=1
    checks+="${checks:+/}${chk[$name:$form]}"
  done
  same="-"; unk="-"; ncalls="-"
  if [[ -f "$tmp/$name.site.stdout" && -f "$tmp/$name.graph.stdout" ]]; then
    ncalls=$(map_sum "$tmp/$name.site.stdout" sites)
    same=ok
    [[ "$ncalls" == "$(map_sum "$tmp/$name.graph.stdout" calls)" ]] || same=DIFF
    unk=$(map_unknown "$tmp/$name.graph.stdout")
  fi
  [[ "$same" == ok && "$unk" == 0 ]] || status_all=1
  p=${best[$name:plain]}; s=${best[$name:site]:--}
  l=${best[$name:lookup]:--}; g=${best[$name:graph]:--}
  r_site+=("$(ratio 2 "$s" "$p")"); r_look+=("$(ratio 2 "$l" "$p")")
  r_graph+=("$(ratio 2 "$g" "$p")")
  n_look+=("$(net 2 "$l" "$p" "$empty_ms")"); n_graph+=("$(net 2 "$g" "$p" "$empty_ms")")
  i=$((${#r_site[@]} - 1))
  rows+=("$(printf '%-9s %7s %7s %7s %7s %6s %6s %6s %7s %7s %10s %-14s %4s %3s' \
    "$name" "$p" "$s" "$l" "$g" "${r_site[$i]}" "${r_look[$i]}" "${r_graph[$i]}" \
    "${n_look[$i]}" "${n_graph[$i]}" "$ncalls" "$checks" "$same" "$unk")")
done

printf '\nwhamm: %s\n' "$whamm"
printf 'reps: %s (best wall time)   node %s --no-liftoff\n' "$REPS" "$("$NODE" --version)"
printf 'start-up (empty C program): %s ms\n' "$empty_ms"
printf '\nWall time (ms) and ratios vs plain (net: start-up subtracted)\n'
printf '%-9s %7s %7s %7s %7s %6s %6s %6s %7s %7s %10s %-14s %4s %3s\n' kernel plain \
  site lookup graph site/p look/p grph/p n-look n-grph calls check same unk
for r in "${rows[@]}"; do printf '%s\n' "$r"; done
printf '%-9s %7s %7s %7s %7s %6s %6s %6s %7s %7s\n' geomean "" "" "" "" \
  "$(geomean 2 "${r_site[@]}")" "$(geomean 2 "${r_look[@]}")" \
  "$(geomean 2 "${r_graph[@]}")" "$(geomean 2 "${n_look[@]}")" "$(geomean 2 "${n_graph[@]}")"
printf '\n(calls: call_indirect executions; check: output = plain output + report,\n'
printf ' site/lookup/graph; same: graph total = site total; unk: graph targets -1)\n'
exit "$status_all"
