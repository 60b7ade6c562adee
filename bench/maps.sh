#!/usr/bin/env bash
# bench/maps.sh -- run-time cost of whamm maps compared with per-site counters.
#
# usage: bench/maps.sh [WHAMM]
#
# Builds the C kernels in bench/kernels/*.c with `clang --target=wasm32-wasi -O2`
# (plain) and with `whamm-clang -O2 K.c -o K.FORM.wasm -Wl,--whamm-script=SCRIPT`
# for each script in bench/scripts/, and runs every program under
# `node --no-liftoff tests/tools/run-wasi.mjs` (TurboFan only):
#   plain    the uninstrumented kernel
#   counter  counter.mm: a per-site `report unshared var n: u32; n++` on br_if
#   static   static-map.mm: `count[(fid, pc)]++` on br_if in one script-level
#            map; the key is known at each site, so whamm lays the entries out
#            when instrumenting and the probe bumps its entry in place
#   dyn-bt   dynamic-map.mm: `m[arg0]++` on br_table (a run-time key: hash map);
#            the kernels run br_table only inside printf, so this is ~free
#   dyn-bif  dynamic-map-br_if.mm: `m[arg0 != 0]++` on br_if: a run-time key
#            on the hot branches, one hash-map update per br_if executed
# Each program is run BENCH_REPS times (default 3; the repetitions are
# interleaved over all programs, so passing load hits all alike) and the best
# wall time is kept.  An empty C program is timed the same way (node start-up);
# `net` ratios subtract it from both sides.
#
# Checks (exit status 1 if any fails):
#   * every instrumented module validates (wasm-validate --enable-all) and its
#     run prints exactly the plain output plus a report (column `check`);
#   * the static-map report holds exactly the counter report's non-zero rows:
#     the same (fid, pc) -> count (column `same`; `entries` = how many);
#   * dyn-bif counts every br_if once: the sum of its values equals the sum of
#     the counter rows (mod 2^32, the values are u32; part of `same`);
#   * `whamm instr -v` on the plain module says that static-map.mm sends no
#     access through the hash map (column `hash`, must be 0).
# Prints per-kernel times, ratios vs plain, static/counter, and geomeans.
#
# WHAMM defaults to $WHAMM, then build/core/whamm, build/whamm, then `whamm` on PATH.
# whamm-clang: $WHAMM_CLANG, else next to WHAMM in the build tree
# (../whamm-ld/bin/whamm-clang) or install (same dir), else PATH.
# Env: BENCH_REPS, BENCH_KERNELS (space-separated .c files), CLANG, NODE,
# WASM_VALIDATE, WHAMM_CLANG.  See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"   # root REPS NODE CLANG VALIDATE RUN_WASI, die, run_once, ...
FORMS=(counter static dyn-bt dyn-bif)
declare -A SCRIPT=(
  [counter]="$here/scripts/counter.mm"
  [static]="$here/scripts/static-map.mm"
  [dyn-bt]="$here/scripts/dynamic-map.mm"
  [dyn-bif]="$here/scripts/dynamic-map-br_if.mm"
)

find_whamm "${1:-}" bench/maps.sh
find_whamm_clang
[[ -n "$wclang" ]] || die "whamm-clang not found (set WHAMM_CLANG)"
need_clang_and_node
need_run_wasi
for f in "${FORMS[@]}"; do [[ -f "${SCRIPT[$f]}" ]] || die "script not found: ${SCRIPT[$f]}"; done
find_kernels
find_validator
note_no_validator
make_tmp
status_all=0

# one node here: a failed run's message names no node version
run_failed() { printf 'bench: %s failed (status %d):\n' "$(basename -- "$2")" "$3" >&2; }

# ---- helpers on the report

# counter_entries FILE: the per-site rows of n with a non-zero count, as
# `fid,pc->count` lines sorted (columns: id, id_type, name, whamm_type,
# wasm_type, script_id, fname, fid, pc, probe_id, value)
counter_entries() {
  awk -F', ' '$2 == "memaddr" && $3 == "n" && $NF != 0 {
    printf "%s,%s->%s\n", $8, $9, $NF }' "$1" | LC_ALL=C sort
}
# map_entries FILE NAME: the entries of the script-level map NAME, one per
# line without the tuple's parentheses, sorted (the value field is quoted
# when it holds a comma, as a tuple key does: the quotes go too)
map_entries() {
  awk -F', ' -v m="$2" '$2 == "map_id" && $3 == m { print $NF }' "$1" |
    tr ';' '\n' | sed -e 's/[()"]//g' -e '/^empty map$/d' -e '/^$/d' | LC_ALL=C sort
}
sum_mod32() { # sum_mod32: sums the values after `->` of stdin lines, mod 2^32
  awk -F'->' '{ s = (s + $NF) % 4294967296 } END { printf "%.0f\n", s }'
}
# compare_maps NAME: checks static (and dyn-bif) against counter; sets
# cmp_same (ok / DIFF / "-") and cmp_entries
compare_maps() {
  local name="$1" c="$tmp/$1.counter.stdout" s="$tmp/$1.static.stdout"
  local d="$tmp/$1.dyn-bif.stdout"
  cmp_same="-"; cmp_entries="-"
  [[ -f "$c" && -f "$s" ]] || return 0
  counter_entries "$c" > "$tmp/$name.cnt.txt"
  map_entries "$s" count > "$tmp/$name.map.txt"
  cmp_entries=$(wc -l < "$tmp/$name.cnt.txt" | tr -d ' ')
  if ! diff "$tmp/$name.cnt.txt" "$tmp/$name.map.txt" > "$tmp/diff"; then
    printf 'bench: %s: static-map entries differ from the counter rows (< counter, > map):\n' \
      "$name" >&2
    head -n 10 -- "$tmp/diff" >&2
    cmp_same=DIFF; return 0
  fi
  if [[ "$cmp_entries" -eq 0 ]]; then
    printf 'bench: %s: the counter report has no non-zero row\n' "$name" >&2
    cmp_same=DIFF; return 0
  fi
  cmp_same=ok
  [[ -f "$d" ]] || return 0
  local want got
  want=$(sum_mod32 < "$tmp/$name.cnt.txt")
  got=$(map_entries "$d" m | sum_mod32)
  if [[ "$want" != "$got" ]]; then
    printf 'bench: %s: dyn-bif counts %s br_if executions, the counter %s (mod 2^32)\n' \
      "$name" "$got" "$want" >&2
    cmp_same=DIFF
  fi
}
# hash_accesses WASM: how many of static-map.mm's map accesses go through the
# hash map, from `whamm instr -v` on the plain module ("-" if not said)
hash_accesses() {
  if ! "$whamm" instr -v --app "$1" --script "${SCRIPT[static]}" -o "$tmp/v.wasm" \
      > /dev/null 2> "$tmp/v.err"; then
    printf 'bench: whamm instr -v on %s failed:\n' "$(basename -- "$1")" >&2
    head -n 5 -- "$tmp/v.err" >&2
    echo FAIL; return
  fi
  sed -n 's/.*, \([0-9][0-9]*\) through the hash map.*/\1/p' -- "$tmp/v.err" |
    head -n 1 | grep . || echo "-"
}

# ---- build: the start-up baseline (an empty C program) and every kernel's forms
build_empty

declare -A file chk best hash   # key NAME:FORM: wasm, check, best ms; NAME: hash
names=()
for k in "${kernels[@]}"; do
  name="$(basename -- "$k" .c)"
  names+=("$name")
  build_plain "$name" "$k"
  plain="$tmp/$name.wasm"
  file[$name:plain]=$plain; chk[$name:plain]=ok
  hash[$name]=$(hash_accesses "$plain")
  for form in "${FORMS[@]}"; do
    out="$tmp/$name.$form.wasm"
    chk[$name:$form]="-"
    if ! "$wclang" -O2 "$k" -o "$out" "-Wl,--whamm-script=${SCRIPT[$form]}" \
        > "$tmp/wclang.out" 2> "$tmp/wclang.err"; then
      printf 'bench: whamm-clang on %s (%s) failed:\n' "$name" "$form" >&2
      head -n 5 -- "$tmp/wclang.err" >&2
      chk[$name:$form]=FAIL
    elif ! validate "$out" "$name $form"; then chk[$name:$form]=INVALID
    else file[$name:$form]=$out
    fi
  done
done

# ---- run: the repetitions are interleaved (empty, then each kernel's forms)
run_forms

# ---- tables
declare -a rows r_cnt r_stat r_bt r_bif r_sc r_nsc
for name in "${names[@]}"; do
  compare_maps "$name"
  checks=""
  for form in "${FORMS[@]}"; do
    [[ "${chk[$name:$form]}" == ok ]] || status_all=1
    checks+="${checks:+/}${chk[$name:$form]}"
  done
  [[ "$cmp_same" == ok ]] || status_all=1
  [[ "${hash[$name]}" == 0 || "${hash[$name]}" == "-" ]] || status_all=1
  p=${best[$name:plain]}; c=${best[$name:counter]:--}; s=${best[$name:static]:--}
  bt=${best[$name:dyn-bt]:--}; bif=${best[$name:dyn-bif]:--}
  r_cnt+=("$(ratio 2 "$c" "$p")"); r_stat+=("$(ratio 2 "$s" "$p")")
  r_bt+=("$(ratio 2 "$bt" "$p")"); r_bif+=("$(ratio 2 "$bif" "$p")")
  r_sc+=("$(ratio 3 "$s" "$c")"); r_nsc+=("$(net 3 "$s" "$c" "$empty_ms")")
  i=$((${#r_cnt[@]} - 1))
  rows+=("$(printf '%-8s %7s %7s %7s %7s %8s %6s %6s %6s %6s %7s %7s' \
    "$name" "$p" "$c" "$s" "$bt" "$bif" "${r_cnt[$i]}" "${r_stat[$i]}" "${r_bt[$i]}" \
    "${r_bif[$i]}" "${r_sc[$i]}" "${r_nsc[$i]}")")
  rows[i]+="$(printf ' %-11s %4s %7s %4s' "$checks" "$cmp_same" "$cmp_entries" "${hash[$name]}")"
done

printf '\nwhamm: %s\nwhamm-clang: %s\n' "$whamm" "$wclang"
printf 'reps: %s (best wall time)   node %s --no-liftoff\n' "$REPS" "$("$NODE" --version)"
printf 'start-up (empty C program): %s ms\n' "$empty_ms"
printf '\nWall time (ms), ratios vs plain, and static/counter (net: start-up subtracted)\n'
printf '%-8s %7s %7s %7s %7s %8s %6s %6s %6s %6s %7s %7s %-11s %4s %7s %4s\n' \
  kernel plain counter static dyn-bt dyn-bif cnt/pl sta/pl bt/pl bif/pl sta/cnt net-s/c \
  check same entries hash
for r in "${rows[@]}"; do printf '%s\n' "$r"; done
printf '%-8s %7s %7s %7s %7s %8s %6s %6s %6s %6s %7s %7s\n' geomean "" "" "" "" "" \
  "$(geomean 2 "${r_cnt[@]}")" "$(geomean 2 "${r_stat[@]}")" "$(geomean 2 "${r_bt[@]}")" \
  "$(geomean 2 "${r_bif[@]}")" "$(geomean 3 "${r_sc[@]}")" "$(geomean 3 "${r_nsc[@]}")"
printf '\ntarget: geomean static/counter (sta/cnt) <= 1.05; dynamic/plain (bt/pl, bif/pl) reported\n'
printf '(check: output = plain output + report, counter/static/dyn-bt/dyn-bif;\n'
printf ' same: static-map entries = non-zero counter rows, and dyn-bif total = counter total;\n'
printf ' entries: sites compared; hash: static-map accesses through the hash map, must be 0)\n'
exit "$status_all"
