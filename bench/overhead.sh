#!/usr/bin/env bash
# bench/overhead.sh -- run-time slowdown of instrumented programs under node.
#
# usage: bench/overhead.sh [WHAMM]
#
# Builds the C kernels in bench/kernels/*.c with `clang --target=wasm32-wasi -O2`
# and runs each under `node --no-liftoff tests/tools/run-wasi.mjs` (TurboFan
# only, so timings are of optimised code):
#   plain  the uninstrumented kernel
#   sep    WHAMM instr --app K.wasm --script SCRIPT -o K.sep.wasm (default
#          --memory=separate: whamm's state in a second memory).  node 20 has no
#          multi-memory, so a 2-memory output is first lowered to one memory with
#          binaryen (npm) wasm-opt --multi-memory-lowering; column `sep` is "-"
#          if that is not possible
#   app    whamm-clang -O2 K.c -o K.app.wasm -Wl,--whamm-script=SCRIPT
#          (whamm-ld links an arena into the app's memory and runs
#          `whamm instr --memory=app`: one memory, what users of whamm-clang get)
# SCRIPT is samples/scripts/icount.mm (one counter bumped before every
# instruction) unless BENCH_SCRIPT says otherwise.  Each is run BENCH_REPS times
# (default 3; the repetitions are interleaved over all programs, so passing load
# hits all alike) and the best wall time is kept.  An empty C program is timed
# the same way (node start-up + WASI + compiling libc); `net` ratios subtract it.
# The instrumented programs must print exactly the plain program's output plus
# the report (column `check`); `count` is the report's `count` value (app).
# Prints per-kernel times and ratios instrumented/plain, and their geomeans.
#
# WHAMM defaults to $WHAMM, then build/core/whamm, build/whamm, then `whamm` on PATH.
# whamm-clang: $WHAMM_CLANG, else next to WHAMM in the build tree
# (../whamm-ld/bin/whamm-clang) or install (same dir), else PATH.
# Env: BENCH_REPS, BENCH_KERNELS (space-separated .c files), BENCH_SCRIPT, CLANG,
# NODE, WASM_VALIDATE.  Exit status 1 if an instrumented kernel could not be
# built, fails, prints something else or does not validate.  See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
REPS="${BENCH_REPS:-3}"
NODE="${NODE:-node}"
CLANG="${CLANG:-clang}"
VALIDATE="${WASM_VALIDATE:-wasm-validate}"
RUN_WASI="$root/tests/tools/run-wasi.mjs"
OPT_NPM="$root/tests/npm/node_modules/binaryen/bin/wasm-opt"
SCRIPT="${BENCH_SCRIPT:-$root/samples/scripts/icount.mm}"

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
abspath() { (cd "$(dirname -- "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename -- "$1")"); }

whamm="${1:-${WHAMM:-}}"
if [[ -z "$whamm" ]]; then
  if [[ -x "$root/build/core/whamm" ]]; then whamm="$root/build/core/whamm"
  elif [[ -x "$root/build/whamm" ]]; then whamm="$root/build/whamm"
  elif command -v whamm >/dev/null 2>&1; then whamm="$(command -v whamm)"
  else die "no whamm binary: pass it as the first argument (bench/overhead.sh build/core/whamm)"
  fi
fi
[[ -x "$whamm" ]] || die "not executable: $whamm"
whamm="$(abspath "$whamm")"
[[ -f "$SCRIPT" ]] || die "script not found: $SCRIPT"
SCRIPT="$(abspath "$SCRIPT")"

wclang="${WHAMM_CLANG:-}"
if [[ -z "$wclang" ]]; then
  wdir="$(dirname -- "$whamm")"
  if [[ -x "$wdir/../whamm-ld/bin/whamm-clang" ]]; then
    wclang="$(cd "$wdir/../whamm-ld/bin" && pwd)/whamm-clang"
  elif [[ -x "$wdir/whamm-clang" ]]; then wclang="$wdir/whamm-clang"
  elif command -v whamm-clang >/dev/null 2>&1; then wclang="$(command -v whamm-clang)"
  fi
fi

command -v "$CLANG" >/dev/null 2>&1 || die "no clang ($CLANG); run ./setup.sh"
command -v "$NODE" >/dev/null 2>&1 || die "no node ($NODE); run ./setup.sh"
[[ -f "$RUN_WASI" ]] || die "missing $RUN_WASI"

if [[ -n "${BENCH_KERNELS:-}" ]]; then
  read -r -a kernels <<< "$BENCH_KERNELS"
else
  kernels=("$here"/kernels/*.c)
fi
for k in "${kernels[@]}"; do [[ -f "$k" ]] || die "kernel not found: $k"; done

have_instr=1
if ! "$whamm" instr --help >/dev/null 2>&1; then
  have_instr=0
  why=$("$whamm" instr --help 2>&1 | head -n 1 || true)
  printf 'bench: error: %s has no working `instr` command (`instr --help`: %s)\n' \
    "$whamm" "$why" >&2
  printf 'bench: measuring only the plain kernels; the instrumented columns show "-"\n' >&2
fi
if [[ $have_instr -eq 1 && -z "$wclang" ]]; then
  printf 'bench: note: whamm-clang not found (set WHAMM_CLANG); column app not measured\n' >&2
fi
if [[ $have_instr -eq 1 ]] && ! command -v wasm-objdump >/dev/null 2>&1; then
  die "wasm-objdump (wabt) not found; run ./setup.sh"
fi
have_lower=0
[[ -f "$OPT_NPM" ]] && have_lower=1
have_validate=0
command -v "$VALIDATE" >/dev/null 2>&1 && have_validate=1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/whamm-bench.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT
status_all=0
[[ $have_instr -eq 1 ]] || status_all=1

# run_once WASM : runs it once under node; sets run_ms ("-" on failure);
# its stdout is in $tmp/stdout
run_once() {
  local t0 t1 status
  t0=$(date +%s%N)
  set +e
  "$NODE" --no-liftoff "$RUN_WASI" "$1" > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  set -e
  t1=$(date +%s%N)
  if [[ $status -ne 0 ]]; then
    printf 'bench: %s failed (status %d):\n' "$(basename -- "$1")" "$status" >&2
    head -n 5 -- "$tmp/stderr" >&2
    run_ms="-"
    return
  fi
  run_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
}
min_ms() { # min_ms A B -> the smaller, "" counts as unknown
  if [[ -z "$1" ]]; then echo "$2"
  elif awk -v x="$2" -v y="$1" 'BEGIN { exit !(x < y) }'; then echo "$2"
  else echo "$1"; fi
}

ratio() { # ratio A B -> A/B with 2 decimals, "-" if unknown
  awk -v a="$1" -v b="$2" \
    'BEGIN { if (a == "-" || b == "-" || b + 0 <= 0) print "-"; else printf "%.2f", a / b }'
}
net() { # net A B BASE -> (A-BASE)/(B-BASE)
  awk -v a="$1" -v b="$2" -v z="$3" 'BEGIN { if (a == "-" || b == "-" || z == "-" ||
    b - z <= 0) print "-"; else printf "%.2f", (a - z) / (b - z) }'
}
geomean() { # geomean R... -> geometric mean of the numeric arguments
  printf '%s\n' "$@" | awk '$1 != "-" && $1 > 0 { s += log($1); n++ }
    END { if (n) printf "%.2f", exp(s / n); else print "-" }'
}
is_multimem() { wasm-objdump -x -j Memory "$1" 2>/dev/null | grep -q 'memory\[1\]'; }
validate() { # validate WASM LABEL -> 0 if valid (or no validator)
  [[ $have_validate -eq 1 ]] || return 0
  if ! "$VALIDATE" --enable-all "$1" > "$tmp/validate" 2>&1; then
    printf 'bench: %s: wasm-validate --enable-all failed:\n' "$2" >&2
    head -n 5 -- "$tmp/validate" >&2
    return 1
  fi
}
# strip_report FILE: the program's own output (report banner, header, rows removed)
strip_report() {
  grep -v -E '^$|REPORT CSV FLUSH|^id, id_type, |^[0-9]+, [a-z_]+, ' -- "$1" || true
}
report_count() { # report_count FILE -> value of the report row named `count`
  awk -F', ' '$3 == "count" && $1 ~ /^[0-9]+$/ { v = $NF } END { print (v == "" ? "-" : v) }' \
    "$1"
}
# check_output NAME KIND: compares $tmp/stdout with the plain output -> ok / DIFF
check_output() {
  if ! grep -q 'REPORT CSV FLUSH' -- "$tmp/stdout"; then
    printf 'bench: %s %s: no report in the output\n' "$1" "$2" >&2
    echo DIFF; return
  fi
  if ! diff <(strip_report "$tmp/stdout") <(grep -v '^$' -- "$tmp/$1.out" || true) \
      > "$tmp/diff"; then
    printf 'bench: %s %s: output differs from the plain run:\n' "$1" "$2" >&2
    head -n 6 -- "$tmp/diff" >&2
    echo DIFF; return
  fi
  echo ok
}

# ---- build: the start-up baseline (an empty C program) and every kernel's forms
printf 'int main(void) { return 0; }\n' > "$tmp/empty.c"
"$CLANG" --target=wasm32-wasi -O2 "$tmp/empty.c" -o "$tmp/empty.wasm" ||
  die "clang --target=wasm32-wasi failed (is wasi-libc installed? run ./setup.sh)"

declare -A file chk best   # key NAME:FORM (FORM plain/sep/app): wasm, check, best ms
names=()
lowered=()
for k in "${kernels[@]}"; do
  name="$(basename -- "$k" .c)"
  names+=("$name")
  printf 'bench: building %s ...\n' "$name" >&2
  plain="$tmp/$name.wasm"
  "$CLANG" --target=wasm32-wasi -O2 "$k" -o "$plain" || die "cannot compile $k"
  file[$name:plain]=$plain; chk[$name:plain]=ok
  chk[$name:sep]="-"; chk[$name:app]="-"
  [[ $have_instr -eq 1 ]] || continue
  # sep: whamm instr on the plain module
  sep="$tmp/$name.sep.wasm"
  if ! "$whamm" instr --app "$plain" --script "$SCRIPT" -o "$sep" \
      > "$tmp/instr.out" 2> "$tmp/instr.err"; then
    printf 'bench: whamm instr on %s failed:\n' "$name" >&2
    head -n 5 -- "$tmp/instr.err" >&2
    chk[$name:sep]=FAIL
  elif ! validate "$sep" "$name sep"; then chk[$name:sep]=INVALID
  elif is_multimem "$sep"; then
    if [[ $have_lower -eq 0 ]]; then
      chk[$name:sep]=2MEM
    elif ! "$NODE" "$OPT_NPM" --enable-multimemory --enable-bulk-memory \
        --multi-memory-lowering "$sep" -o "$tmp/$name.sep1.wasm" 2> "$tmp/lower.err"; then
      printf 'bench: lowering %s to one memory failed:\n' "$name" >&2
      head -n 5 -- "$tmp/lower.err" >&2
      chk[$name:sep]=LOWER
    else
      file[$name:sep]="$tmp/$name.sep1.wasm"; lowered+=("$name")
    fi
  else file[$name:sep]=$sep
  fi
  # app: whamm-clang (arena, one memory)
  [[ -n "$wclang" ]] || continue
  app="$tmp/$name.app.wasm"
  if ! "$wclang" -O2 "$k" -o "$app" "-Wl,--whamm-script=$SCRIPT" \
      > "$tmp/wclang.out" 2> "$tmp/wclang.err"; then
    printf 'bench: whamm-clang on %s failed:\n' "$name" >&2
    head -n 5 -- "$tmp/wclang.err" >&2
    chk[$name:app]=FAIL
  elif ! validate "$app" "$name app"; then chk[$name:app]=INVALID
  elif is_multimem "$app"; then
    printf 'bench: %s: whamm-clang output has 2 memories\n' "$name" >&2
    chk[$name:app]=2MEM
  else file[$name:app]=$app
  fi
done

# ---- run: the repetitions are interleaved (empty, then each kernel's plain, sep,
# app), so load that comes and goes hits all forms alike
empty_ms=""
declare -A count
for ((rep = 0; rep < REPS; rep++)); do
  printf 'bench: run %d/%d ...\n' "$((rep + 1))" "$REPS" >&2
  run_once "$tmp/empty.wasm"
  [[ "$run_ms" != "-" ]] || die "node cannot run a WASI program"
  empty_ms=$(min_ms "$empty_ms" "$run_ms")
  for name in "${names[@]}"; do
    for form in plain sep app; do
      [[ -n "${file[$name:$form]:-}" ]] || continue
      run_once "${file[$name:$form]}"
      if [[ "$run_ms" == "-" ]]; then
        [[ $form != plain ]] || die "plain $name failed"
        chk[$name:$form]=FAIL; unset "file[$name:$form]"; best[$name:$form]="-"
        continue
      fi
      best[$name:$form]=$(min_ms "${best[$name:$form]:-}" "$run_ms")
      if [[ $rep -eq 0 ]]; then
        if [[ $form == plain ]]; then cp -- "$tmp/stdout" "$tmp/$name.out"
        else
          chk[$name:$form]=$(check_output "$name" "$form")
          [[ $form != app ]] || count[$name]=$(report_count "$tmp/stdout")
        fi
      fi
    done
  done
done

declare -a rows r_sep r_app r_nsep r_napp
for name in "${names[@]}"; do
  p_ms=${best[$name:plain]}; s_ms=${best[$name:sep]:--}; a_ms=${best[$name:app]:--}
  s_chk=${chk[$name:sep]}; a_chk=${chk[$name:app]}
  if [[ $have_instr -eq 1 ]]; then
    [[ "$s_chk" == ok || "$s_chk" == 2MEM ]] || status_all=1
    [[ "$a_chk" == ok || -z "$wclang" ]] || status_all=1
  fi
  r_sep+=("$(ratio "$s_ms" "$p_ms")"); r_app+=("$(ratio "$a_ms" "$p_ms")")
  r_nsep+=("$(net "$s_ms" "$p_ms" "$empty_ms")"); r_napp+=("$(net "$a_ms" "$p_ms" "$empty_ms")")
  i=$((${#r_sep[@]} - 1))
  rows+=("$(printf '%-8s %8s %8s %8s %7s %7s %7s %7s %7s %14s' \
    "$name" "$p_ms" "$s_ms" "$a_ms" "${r_sep[$i]}" "${r_app[$i]}" \
    "${r_nsep[$i]}" "${r_napp[$i]}" "$s_chk/$a_chk" "${count[$name]:--}")")
done
printf '\nwhamm: %s\nwhamm-clang: %s\n' "$whamm" "${wclang:--}"
printf 'script: %s   reps: %s (best wall time)   node %s --no-liftoff\n' \
  "${SCRIPT#"$root"/}" "$REPS" "$("$NODE" --version)"
printf 'start-up (empty C program): %s ms\n' "$empty_ms"
printf '\nWall time (ms) and ratios instrumented/plain (net: start-up subtracted)\n'
printf '%-8s %8s %8s %8s %7s %7s %7s %7s %7s %14s\n' \
  kernel plain sep app sep/pl app/pl net-sep net-app check count
for r in "${rows[@]}"; do printf '%s\n' "$r"; done
printf '%-8s %8s %8s %8s %7s %7s %7s %7s\n' geomean "" "" "" \
  "$(geomean "${r_sep[@]}")" "$(geomean "${r_app[@]}")" \
  "$(geomean "${r_nsep[@]}")" "$(geomean "${r_napp[@]}")"
printf '\ntarget: geomean instrumented/plain <= 1.3 (icount.mm)\n'
printf '(sep: separate memory, lowered to one by binaryen; app: whamm-clang arena;\n'
printf ' check: output = plain output + report, sep/app)\n'
if [[ ${#lowered[@]} -gt 0 ]]; then
  printf 'sep lowered from 2 memories by binaryen for: %s\n' "${lowered[*]}"
fi
if [[ $have_instr -eq 0 ]]; then
  printf 'bench: error: `%s instr` is not available; instrumented kernels not measured\n' \
    "$whamm" >&2
fi
exit "$status_all"
