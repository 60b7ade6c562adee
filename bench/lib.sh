# bench/lib.sh -- shell code shared by bench/overhead.sh, bench/maps.sh and
# bench/memory.sh.  Not run on its own: a script sets `here` (the bench
# directory) and `set -euo pipefail`, then sources it: `. "$here/lib.sh"`.
# Check the scripts with `shellcheck -x` (it then reads this file too).
# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154  # globals set for / by the sourcing script
#
# Sourcing sets root (the source tree), REPS ($BENCH_REPS, default 3), NODE
# (default node), CLANG (default clang), VALIDATE ($WASM_VALIDATE, default
# wasm-validate) and RUN_WASI (tests/tools/run-wasi.mjs).
#
# Set-up (each sets a global or dies with "bench: error: ..."):
#   die MSG...          prints "bench: error: MSG" on stderr and exits 1
#   abspath PATH        prints PATH made absolute (its directory must exist)
#   find_whamm ARG USAGE
#                       sets whamm: ARG, else $WHAMM, build/core/whamm,
#                       build/whamm, `whamm` on PATH; absolute; dies if none
#                       (USAGE, the script's name, goes into the message) or
#                       it is not executable
#   find_whamm_clang    sets wclang: $WHAMM_CLANG, else next to $whamm in the
#                       build tree (../whamm-ld/bin) or install (same dir),
#                       else `whamm-clang` on PATH; "" if none
#   need_clang_and_node dies if CLANG or NODE is not a command
#   need_wasm_objdump   dies if wasm-objdump (wabt) is not a command
#   need_run_wasi       dies if RUN_WASI is missing
#   node24_path         prints node 24's path (tests/tools/node24.sh,
#                       $WHAMM_NODE24 overrides); status 1 and a message on
#                       stderr if there is none
#   find_modules LABEL...
#                       sets modules (LABEL=PATH entries): $BENCH_MODULES
#                       split on blanks (labels from the file names), else the
#                       named npm modules (sql-wasm, sql-wasm-debug, quickjs,
#                       esbuild); dies if one is not a file
#   find_kernels        sets kernels: $BENCH_KERNELS split on blanks, else
#                       bench/kernels/*.c; dies if one is not a file
#   find_validator      sets have_validate: 1 if VALIDATE is a command, else 0
#   note_no_validator   a note on stderr if have_validate is 0
#   make_tmp            sets tmp: a new directory, removed when the shell exits
#   need_gnu_time       dies if GNU time (/usr/bin/time) is missing
#
# Building (into $tmp; die on a compile error):
#   build_empty         $tmp/empty.wasm: an empty C program (start-up baseline)
#   build_plain NAME K.c
#                       prints "bench: building NAME ...", compiles K.c to
#                       $tmp/NAME.wasm (clang --target=wasm32-wasi -O2)
#   validate WASM LABEL status 0 if WASM validates (or there is no validator),
#                       else 1 and the validator's first lines on stderr
#
# Running:
#   time_run CMD...     runs CMD under GNU time; best CPU ms in best_cpu,
#                       highest peak RSS (KB) in peak_kb
#   run_once NODE WASM  runs `NODE --no-liftoff RUN_WASI WASM` once; sets
#                       run_ms to its wall time in ms ("-" if it failed, with
#                       run_failed's line and the first lines of its stderr on
#                       stderr); its stdout is left in $tmp/stdout
#   run_failed NODE WASM STATUS
#                       prints the line that says a run failed (names NODE's
#                       version; a script may redefine it)
#   run_empty NODE WHAT runs the empty program once (run_once); dies "WHAT
#                       cannot run a WASI program" if that fails
#   mark_failed KEY     a form that failed to run: chk[KEY]=FAIL, file[KEY]
#                       unset, best[KEY]="-" (the caller's associative arrays)
#   run_forms           REPS interleaved repetitions of: the empty program,
#                       then every name's plain and FORMS forms that have a
#                       file (measure, on NODE); sets empty_ms
#   measure NODE NAME FORM REP
#                       runs file[NAME:FORM] once, keeps the best time in
#                       best[NAME:FORM]; at REP 0 saves the plain output or
#                       checks the form's against it (chk); marks failures
#   check_output NAME FORM
#                       prints ok if $tmp/stdout holds a report and, without
#                       it (strip_report) and blank lines, equals the plain
#                       output $tmp/NAME.out; else DIFF and why on stderr
#   strip_report FILE   FILE without the report's banner, header and rows and
#                       without blank lines
#
# Numbers ("-" is unknown; ratio and net print "-" if an input is, or if the
# divisor is not > 0):
#   min_ms A B          prints the smaller; A "" counts as unknown (B wins)
#   ratio D A B         prints A/B with D decimals
#   net D A B BASE      prints (A-BASE)/(B-BASE) with D decimals
#   geomean D R...      prints the geometric mean of the R that are > 0, with
#                       D decimals ("-" if there is none)

root="$(cd "$here/.." && pwd)"
REPS="${BENCH_REPS:-3}"
NODE="${NODE:-node}"
CLANG="${CLANG:-clang}"
VALIDATE="${WASM_VALIDATE:-wasm-validate}"
RUN_WASI="$root/tests/tools/run-wasi.mjs"

# ---- set-up

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
abspath() { (cd "$(dirname -- "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename -- "$1")"); }

# The large real modules of tests/npm (installed by `npm ci` there).
npm_module() {
  local d="$root/tests/npm/node_modules"
  case $1 in
    sql-wasm) echo "$d/sql.js/dist/sql-wasm.wasm" ;;
    sql-wasm-debug) echo "$d/sql.js/dist/sql-wasm-debug.wasm" ;;
    quickjs) echo "$d/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm" ;;
    esbuild) echo "$d/esbuild-wasm/esbuild.wasm" ;;
    *) die "no npm module called $1" ;;
  esac
}
find_modules() {
  local p l entry
  modules=()
  if [[ -n "${BENCH_MODULES:-}" ]]; then
    read -r -a paths <<< "$BENCH_MODULES"
    for p in "${paths[@]}"; do modules+=("$(basename -- "$p" .wasm)=$p"); done
  else
    for l in "$@"; do modules+=("$l=$(npm_module "$l")"); done
  fi
  for entry in "${modules[@]}"; do
    [[ -f "${entry#*=}" ]] || die "module not found: ${entry#*=} (run 'npm ci' in tests/npm)"
  done
}

find_whamm() {
  whamm="${1:-${WHAMM:-}}"
  if [[ -z "$whamm" ]]; then
    if [[ -x "$root/build/core/whamm" ]]; then whamm="$root/build/core/whamm"
    elif [[ -x "$root/build/whamm" ]]; then whamm="$root/build/whamm"
    elif command -v whamm >/dev/null 2>&1; then whamm="$(command -v whamm)"
    else die "no whamm binary: pass it as the first argument ($2 build/core/whamm)"
    fi
  fi
  [[ -x "$whamm" ]] || die "not executable: $whamm"
  whamm="$(abspath "$whamm")"
}

find_whamm_clang() {
  wclang="${WHAMM_CLANG:-}"
  [[ -z "$wclang" ]] || return 0
  local wdir
  wdir="$(dirname -- "$whamm")"
  if [[ -x "$wdir/../whamm-ld/bin/whamm-clang" ]]; then
    wclang="$(cd "$wdir/../whamm-ld/bin" && pwd)/whamm-clang"
  elif [[ -x "$wdir/whamm-clang" ]]; then wclang="$wdir/whamm-clang"
  elif command -v whamm-clang >/dev/null 2>&1; then wclang="$(command -v whamm-clang)"
  fi
}

need_clang_and_node() {
  command -v "$CLANG" >/dev/null 2>&1 || die "no clang ($CLANG); run ./setup.sh"
  command -v "$NODE" >/dev/null 2>&1 || die "no node ($NODE); run ./setup.sh"
}
need_wasm_objdump() {
  command -v wasm-objdump >/dev/null 2>&1 || die "wasm-objdump (wabt) not found; run ./setup.sh"
}
need_run_wasi() { [[ -f "$RUN_WASI" ]] || die "missing $RUN_WASI"; }
node24_path() { "$root/tests/tools/node24.sh"; }

find_kernels() {
  if [[ -n "${BENCH_KERNELS:-}" ]]; then
    read -r -a kernels <<< "$BENCH_KERNELS"
  else
    kernels=("$here"/kernels/*.c)
  fi
  local k
  for k in "${kernels[@]}"; do [[ -f "$k" ]] || die "kernel not found: $k"; done
}

find_validator() {
  have_validate=0
  command -v "$VALIDATE" >/dev/null 2>&1 && have_validate=1
  return 0
}
note_no_validator() {
  [[ $have_validate -eq 1 ]] ||
    printf 'bench: note: %s not found; modules are not validated\n' "$VALIDATE" >&2
}

make_tmp() {
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/whamm-bench.XXXXXX")"
  trap 'rm -rf -- "$tmp"' EXIT
}

# ---- building

build_empty() {
  printf 'int main(void) { return 0; }\n' > "$tmp/empty.c"
  "$CLANG" --target=wasm32-wasi -O2 "$tmp/empty.c" -o "$tmp/empty.wasm" ||
    die "clang --target=wasm32-wasi failed (is wasi-libc installed? run ./setup.sh)"
}
build_plain() {
  printf 'bench: building %s ...\n' "$1" >&2
  "$CLANG" --target=wasm32-wasi -O2 "$2" -o "$tmp/$1.wasm" || die "cannot compile $2"
}
validate() {
  [[ $have_validate -eq 1 ]] || return 0
  if ! "$VALIDATE" --enable-all "$1" > "$tmp/validate" 2>&1; then
    printf 'bench: %s: wasm-validate --enable-all failed:\n' "$2" >&2
    head -n 5 -- "$tmp/validate" >&2
    return 1
  fi
}

# ---- running

run_once() {
  local t0 t1 status
  t0=$(date +%s%N)
  set +e
  "$1" --no-liftoff "$RUN_WASI" "$2" > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  set -e
  t1=$(date +%s%N)
  if [[ $status -ne 0 ]]; then
    run_failed "$1" "$2" "$status"
    head -n 5 -- "$tmp/stderr" >&2
    run_ms="-"
    return
  fi
  run_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
}
run_failed() {
  printf 'bench: %s failed on node %s (status %d):\n' "$(basename -- "$2")" \
    "$("$1" --version 2>/dev/null || echo '?')" "$3" >&2
}
run_empty() {
  run_once "$1" "$tmp/empty.wasm"
  [[ "$run_ms" != "-" ]] || die "$2 cannot run a WASI program"
}
mark_failed() { chk[$1]=FAIL; unset "file[$1]"; best[$1]="-"; }
# measure NODE NAME FORM REP: runs file[NAME:FORM] once (run_once) and keeps
# its best time in best[NAME:FORM]; on the first repetition keeps the plain
# form's output as $tmp/NAME.out and checks every other form's against it
# (chk[NAME:FORM], check_output).  A failed run is marked (mark_failed); a
# failed plain run is fatal.
measure() {
  run_once "$1" "${file[$2:$3]}"
  if [[ "$run_ms" == "-" ]]; then
    [[ $3 != plain ]] || die "plain $2 failed"
    mark_failed "$2:$3"
    return
  fi
  best[$2:$3]=$(min_ms "${best[$2:$3]:-}" "$run_ms")
  [[ $4 -eq 0 ]] || return 0
  if [[ $3 == plain ]]; then cp -- "$tmp/stdout" "$tmp/$2.out"
  else
    chk[$2:$3]=$(check_output "$2" "$3")
    cp -- "$tmp/stdout" "$tmp/$2.$3.stdout"
  fi
}

run_forms() {
  local rep name form
  empty_ms=""
  for ((rep = 0; rep < REPS; rep++)); do
    printf 'bench: run %d/%d ...\n' "$((rep + 1))" "$REPS" >&2
    run_empty "$NODE" node
    empty_ms=$(min_ms "$empty_ms" "$run_ms")
    for name in "${names[@]}"; do
      for form in plain "${FORMS[@]}"; do
        [[ -n "${file[$name:$form]:-}" ]] || continue
        measure "$NODE" "$name" "$form" "$rep"
      done
    done
  done
}

strip_report() {
  grep -v -E '^$|REPORT CSV FLUSH|^id, id_type, |^[0-9]+, [a-z_]+, ' -- "$1" || true
}
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

# time_run CMD...: runs CMD once under GNU time (/usr/bin/time); keeps the
# best CPU ms (user + sys) in best_cpu and the highest peak RSS in KB in
# peak_kb (reset both to "" first); dies if it fails.  Its stdout is left in
# $tmp/stdout.
time_run() {
  local cpu kb
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" > "$tmp/stdout" 2> "$tmp/stderr" || {
    head -n 5 -- "$tmp/stderr" >&2
    die "failed: $*"
  }
  cpu=$(tail -n 1 -- "$tmp/time" | awk '{ printf "%.1f", ($1 + $2) * 1000 }')
  kb=$(tail -n 1 -- "$tmp/time" | awk '{ print $3 }')
  best_cpu=$(min_ms "$best_cpu" "$cpu")
  if [[ -z "$peak_kb" || "$kb" -gt "$peak_kb" ]]; then peak_kb=$kb; fi
}
need_gnu_time() {
  /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null ||
    die "GNU time (/usr/bin/time) is needed: apt-get install time"
}

# ---- numbers

min_ms() {
  if [[ -z "$1" ]]; then echo "$2"
  elif awk -v x="$2" -v y="$1" 'BEGIN { exit !(x < y) }'; then echo "$2"
  else echo "$1"; fi
}
ratio() {
  awk -v d="$1" -v a="$2" -v b="$3" 'BEGIN { if (a == "-" || b == "-" || b + 0 <= 0)
    print "-"; else printf "%." d "f", a / b }'
}
net() {
  awk -v d="$1" -v a="$2" -v b="$3" -v z="$4" 'BEGIN { if (a == "-" || b == "-" ||
    z == "-" || b - z <= 0) print "-"; else printf "%." d "f", (a - z) / (b - z) }'
}
geomean() {
  local d="$1"; shift
  printf '%s\n' "$@" | awk -v d="$d" '$1 != "-" && $1 > 0 { s += log($1); n++ }
    END { if (n) printf "%." d "f", exp(s / n); else print "-" }'
}
