#!/bin/sh
# monitors.sh CASE -- the monitors cookbook (samples/monitors,
# docs/cookbook.md), label "monitors".
#   build     configures and builds samples/monitors through whamm's
#             toolchain file (one app per monitor, the cache library in C),
#             checks every script with `whamm check`, that the cookbook
#             shows each script as it is, that the build is quiet and every
#             app is an instrumented, valid, single-memory module
#   MONITOR   runs MONITOR-app.wasm of that build under node and checks its
#             report with check.py against the counts of NOTES
# The helpers (fail, run_wasm, single_memory, ...) are the integration
# tests' lib.sh.  Environment: as lib.sh, plus MONITORS_BUILD (the build
# dir the build case makes and the other cases read).
. "$WHAMM_SRC/tests/integration/lib.sh"
SAMPLE="$WHAMM_SRC/samples/monitors"
BOOK="$WHAMM_SRC/docs/cookbook.md"
CHECK="$WHAMM_SRC/tests/monitors/check.py"
MONITORS="icount mix hotness blocks branches callgraph loops memtrace cache coverage"

case_build() {
    b=$MONITORS_BUILD
    rm -rf "$b"
    cmake -S "$SAMPLE" -B "$b" -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE="$WHAMM_BUILD/whamm-wasi.cmake" > configure.log 2>&1 ||
        { cat configure.log; fail "configure"; }
    ninja -C "$b" > build.log 2>&1 || { cat build.log; fail "build"; }
    # a quiet build: every script matches sites, nothing warns
    if grep -q 'sites\|warning' build.log; then cat build.log; fail "noisy build"; fi
    for m in $MONITORS; do
        libs=
        [ "$m" = cache ] && libs="--user-libs cache=$b/cache.wasm"
        # shellcheck disable=SC2086
        "$WHAMM_BIN/whamm" check --werror $libs "$SAMPLE/$m.mm" > check.log 2>&1 ||
            { cat check.log; fail "whamm check $m.mm"; }
        [ ! -s check.log ] || { cat check.log; fail "whamm check $m.mm is not silent"; }
        grep -q -- "--whamm-script=.*/$m.mm" "$b/build.ninja" || fail "$m.mm not on its link line"
        app="$b/$m-app.wasm"
        exports_arena "$app" || fail "$m-app.wasm: not instrumented (no arena export)"
        single_memory "$app"
        wasm-validate "$app" || fail "$m-app.wasm does not validate"
        in_book "$SAMPLE/$m.mm"
    done
    grep -q -- '--whamm-lib=cache=.*cache\.wasm' "$b/build.ninja" ||
        fail "no --whamm-lib for cache-app"
    ctest --test-dir "$b" > ctest.log 2>&1 || { cat ctest.log; fail "the sample's ctest"; }
}

# in_book SCRIPT: the cookbook shows the script exactly, as a ```whamm block
in_book() {
    awk '/^```whamm$/ { n++; out = sprintf("book-%02d.mm", n); next }
         /^```/ { out = ""; next }
         out != "" { print > out }' "$BOOK"
    for f in book-*.mm; do
        [ -e "$f" ] && cmp -s "$f" "$1" && return 0
    done
    fail "docs/cookbook.md does not show $(basename "$1") as it is"
}

# run_monitor MONITOR OUT: runs the monitor's app; the program's own line
# is as without instrumentation (the fields worked out by hand in NOTES)
run_monitor() {
    app="$MONITORS_BUILD/$1-app.wasm"
    [ -f "$app" ] || fail "no $app (the build case makes it)"
    run_wasm "$app" > "$2" || fail "$1-app.wasm exited $?"
    program_output "$2" > prog.txt
    [ "$(wc -l < prog.txt)" -eq 1 ] || fail "$1-app: output $(cat prog.txt)"
    want='^fnv=[0-9]+ multiples=15 cases=5,10,15,16,20 compose=40 grid=[0-9]+ sum=9431040$'
    grep -Eq "$want" prog.txt ||
        fail "$1-app: the program's output changed: $(cat prog.txt)"
}

case_monitor() {
    run_monitor "$1" out.txt
    ref=
    case $1 in
    mix|hotness) run_monitor icount icount.txt; ref=icount.txt ;;
    esac
    # shellcheck disable=SC2086
    python3 "$CHECK" "$1" out.txt $ref || fail "$1: report differs from NOTES"
}

[ -n "${MONITORS_BUILD:-}" ] || fail "MONITORS_BUILD not set"
case $1 in
build) case_build ;;
*) case " $MONITORS " in
   *" $1 "*) case_monitor "$1" ;;
   *) fail "unknown case $1" ;;
   esac ;;
esac
note "ok monitors.$1"
