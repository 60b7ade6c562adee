#!/usr/bin/env bash
# bench/startup.sh [WHAMM] -- start-up cost of whamm on small inputs, and
# what whamm-clang adds to a small -O0 build (bench/README.md).
#
# Each command runs STARTUP_RUNS times in a row (default 100) and the time
# per run is the loop's wall time / STARTUP_RUNS; the loop is repeated
# BENCH_REPS times (default 3) and the best kept.  Nothing is subtracted:
# the times include process start-up, which the references show:
#   true     /bin/true           (exec of the smallest process)
#   cat      cat of the script   (a process that opens and reads a file)
#   check    whamm check samples/scripts/icount.mm
#   nomatch  whamm instr --app tests/fuzz/corpus/fib.wasm
#            --script bench/nomatch.mm -o OUT
#   *-yaml   the same with --defs-path providers (YAML parsed at run time,
#            the way every run worked before the definitions were compiled in)
# The link: samples/cmake's program (3 C files, -O0) built with plain
# `clang --target=wasm32-wasi` and with whamm-clang and one small script
# (samples/scripts/calls.mm: a counter per function entry); the best of
# BUILD_REPS (default 10) each; both as one compile-and-link command and as
# a link of prebuilt objects.
#
# With valgrind installed, the instructions each start-up command executes
# (callgrind's Ir, the whole process) are printed too: unlike times, they do
# not depend on the machine's load, so they show a change of a few percent.
# nomatch-sep is nomatch with --memory=separate (the runtime merged into a
# memory of its own instead of the top of memory 0).
#
# Env: STARTUP_RUNS, BENCH_REPS, BUILD_REPS, CLANG, WHAMM_CLANG,
# STARTUP_IR (0: skip the valgrind counts).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

find_whamm "${1:-}" bench/startup.sh
find_whamm_clang
make_tmp
RUNS="${STARTUP_RUNS:-100}"
BUILD_REPS="${BUILD_REPS:-10}"
script="$root/samples/scripts/icount.mm"
app="$root/tests/fuzz/corpus/fib.wasm"
nomatch="$root/bench/nomatch.mm"
defs="$root/providers"

# cpu_ms FILE: user + system time of the shell's finished children, in ms,
# from FILE holding the output of bash's `times` (second line:
# "0m0.012s 0m0.034s"); `times` itself must run in the measuring shell,
# not in a $(...) subshell
cpu_ms() {
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/);
    t += a[1] * 60000 + a[2] * 1000 } printf "%.3f", t }' "$1"
}

# per_run CMD...: "WALL CPU", ms per run of CMD (STARTUP_RUNS runs in a
# loop, best of BENCH_REPS loops); CPU is user + system time, which a busy
# machine inflates less than wall time
per_run() {
  local low="" lcpu="" rep i t0 t1 c0 c1 ms cpu
  "$@" > /dev/null 2>&1 || die "failed: $*"
  for ((rep = 0; rep < REPS; rep++)); do
    times > "$tmp/times0"
    t0=$(date +%s%N)
    for ((i = 0; i < RUNS; i++)); do "$@" > /dev/null 2>&1; done
    t1=$(date +%s%N)
    times > "$tmp/times1"
    c0=$(cpu_ms "$tmp/times0")
    c1=$(cpu_ms "$tmp/times1")
    ms=$(awk -v a="$t0" -v b="$t1" -v n="$RUNS" 'BEGIN { printf "%.3f", (b - a) / 1e6 / n }')
    cpu=$(awk -v a="$c0" -v b="$c1" -v n="$RUNS" 'BEGIN { printf "%.3f", (b - a) / n }')
    low=$(min_ms "$low" "$ms")
    lcpu=$(min_ms "$lcpu" "$cpu")
  done
  echo "$low $lcpu"
}

# best_of CMD...: "WALL CPU", ms of one run of CMD (CPU: user + system of
# it and its children), each the best of BUILD_REPS
best_of() {
  local low="" lcpu="" rep t0 t1 ms cpu
  for ((rep = 0; rep < BUILD_REPS; rep++)); do
    times > "$tmp/times0"
    t0=$(date +%s%N)
    "$@" > /dev/null 2> "$tmp/build.err" || { cat "$tmp/build.err" >&2; die "failed: $*"; }
    t1=$(date +%s%N)
    times > "$tmp/times1"
    ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
    cpu=$(awk -v a="$(cpu_ms "$tmp/times0")" -v b="$(cpu_ms "$tmp/times1")" \
      'BEGIN { printf "%.1f", b - a }')
    low=$(min_ms "$low" "$ms")
    lcpu=$(min_ms "$lcpu" "$cpu")
  done
  echo "$low $lcpu"
}

printf 'bench: start-up, %s runs per loop, best of %s loops ...\n' "$RUNS" "$REPS" >&2
read -r w_true c_true <<< "$(per_run /bin/true)"
read -r w_cat c_cat <<< "$(per_run cat "$script")"
read -r w_check c_check <<< "$(per_run "$whamm" check "$script")"
read -r w_nomatch c_nomatch <<< "$(per_run "$whamm" instr --app "$app" \
  --script "$nomatch" -o "$tmp/out.wasm")"
read -r w_check_yaml c_check_yaml <<< "$(per_run "$whamm" check "$script" \
  --defs-path "$defs")"
read -r w_nomatch_yaml c_nomatch_yaml <<< "$(per_run "$whamm" instr --app "$app" \
  --script "$nomatch" -o "$tmp/out.wasm" --defs-path "$defs")"

printf '\n%-13s %8s %8s %8s %8s %8s\n' 'ms per run' wall x_true x_cat cpu x_true
row() {
  printf '%-13s %8s %8s %8s %8s %8s\n' "$1" "$2" "$(ratio 1 "$2" "$w_true")" \
    "$(ratio 1 "$2" "$w_cat")" "$3" "$(ratio 1 "$3" "$c_true")"
}
row true "$w_true" "$c_true"
row cat "$w_cat" "$c_cat"
row check "$w_check" "$c_check"
row nomatch "$w_nomatch" "$c_nomatch"
row check-yaml "$w_check_yaml" "$c_check_yaml"
row nomatch-yaml "$w_nomatch_yaml" "$c_nomatch_yaml"
printf 'target: check and nomatch <= 2 ms each\n'

# ir CMD...: instructions CMD executes (user space, the whole process)
ir() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
    > /dev/null | awk '/Collected :/ { print $NF }'
}
if [[ "${STARTUP_IR:-1}" != 0 ]] && command -v valgrind > /dev/null 2>&1; then
  printf '\n%-13s %12s\n' 'instructions' 'Ir'
  printf '%-13s %12s\n' check "$(ir "$whamm" check "$script")"
  printf '%-13s %12s\n' nomatch "$(ir "$whamm" instr --app "$app" \
    --script "$nomatch" -o "$tmp/out.wasm")"
  printf '%-13s %12s\n' nomatch-sep "$(ir "$whamm" instr --app "$app" \
    --script "$nomatch" --memory=separate -o "$tmp/out.wasm")"
fi

if [[ -z "$wclang" ]] || ! command -v "$CLANG" > /dev/null 2>&1; then
  printf '\nbench: note: no whamm-clang or clang: link not measured\n' >&2
  exit 0
fi
printf '\nbench: builds, best of %s ...\n' "$BUILD_REPS" >&2
src="$root/samples/cmake"
cfiles=("$src/main.c" "$src/collatz.c" "$src/stats/stats.c")
wscript="-Wl,--whamm-script=$root/samples/scripts/calls.mm"
read -r b_plain bc_plain <<< "$(best_of "$CLANG" --target=wasm32-wasi -O0 \
  -I"$src/stats" "${cfiles[@]}" -o "$tmp/plain.wasm")"
read -r b_whamm bc_whamm <<< "$(best_of "$wclang" -O0 -I"$src/stats" \
  "${cfiles[@]}" -o "$tmp/whamm.wasm" "$wscript")"
objs=()
for c in "${cfiles[@]}"; do
  o="$tmp/$(basename "$c" .c).o"
  "$CLANG" --target=wasm32-wasi -O0 -I"$src/stats" -c "$c" -o "$o"
  objs+=("$o")
done
read -r l_plain lc_plain <<< "$(best_of "$CLANG" --target=wasm32-wasi \
  "${objs[@]}" -o "$tmp/plain.wasm")"
read -r l_whamm lc_whamm <<< "$(best_of "$wclang" "${objs[@]}" \
  -o "$tmp/whamm.wasm" "$wscript")"

printf '\n%-17s %8s %8s %8s %8s %8s %8s\n' 'samples/cmake -O0' clang whamm x_clang \
  cpu:clang whamm x_clang
brow() {
  printf '%-17s %8s %8s %8s %8s %8s %8s\n' "$1" "$2" "$3" "$(ratio 2 "$3" "$2")" \
    "$4" "$5" "$(ratio 2 "$5" "$4")"
}
brow 'compile+link ms' "$b_plain" "$b_whamm" "$bc_plain" "$bc_whamm"
brow 'link .o ms' "$l_plain" "$l_whamm" "$lc_plain" "$lc_whamm"
printf 'target: compile+link x_clang <= 1.20\n'
