#!/bin/sh
# wei.sh CASE -- wei monitors through the build (label integration):
# whamm_instrument(... MONITORS ...) in CMake, whamm-clang with
# -Wl,--whamm-monitor= and WHAMM_MONITORS, and bad monitors.  The program and the hand-written monitor are in wei-monitor/
# (its NOTES derive the expected output).  See docs/wei.md.
. "$(dirname "$0")/lib.sh"
SRC="$HERE/wei-monitor"
unset CCACHE_DISABLE MAKEFLAGS MFLAGS || true
export CCACHE_DISABLE=1

monitor() {  # assembles the monitor into mon.wasm
    wat2wasm "$SRC/mon.wat" -o mon.wasm || fail "wat2wasm"
}
# check_app WASM: valid, one memory, and the output of NOTES.
check_app() {
    wasm-validate "$1" || fail "$1 does not validate"
    single_memory "$1"
    run_wasm "$1" > out.txt || fail "$1 exited $?"
    printf 'sum 35\nwork entered 5 times\n' > want.txt
    diff -u want.txt out.txt || fail "$1: wrong output"
}

case_cmake() {
    monitor
    cmake -S "$SRC" -B b -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WHAMM_BUILD/whamm-wasi.cmake" \
        -DMONITOR="$WORK/mon.wasm" > conf.log 2>&1 || { cat conf.log; fail "configure"; }
    ninja -C b > build.log 2>&1 || { cat build.log; fail "build"; }
    grep -q -- "--whamm-monitor=$WORK/mon.wasm" b/build.ninja || fail "no --whamm-monitor on the link line"
    if grep -q 'warning' build.log; then cat build.log; fail "noisy build"; fi
    # the monitor's state is in the arena, as a script's would be
    exports_arena b/app.wasm || fail "no arena"
    check_app b/app.wasm
    # editing the monitor relinks the program (LINK_DEPENDS)
    touch mon.wasm
    ninja -C b -n > relink.log 2>&1
    grep -q 'Linking C executable app.wasm' relink.log || { cat relink.log; fail "not relinked"; }
    # a missing monitor is a configure error
    if cmake -S "$SRC" -B b2 -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WHAMM_BUILD/whamm-wasi.cmake" \
        -DMONITOR="$WORK/nope.wasm" > bad.log 2>&1; then fail "a missing monitor configured"; fi
    grep -q 'whamm_instrument(app): no such wei monitor:' bad.log || { cat bad.log; fail "no 'no such wei monitor'"; }
}

# whamm-clang: the monitor by option, then by environment; its state in
# the arena (the first step of the link); a script and monitors together.
case_ld() {
    monitor
    "$CC" -o app.wasm "$SRC/main.c" -Wl,--whamm-monitor=mon.wasm \
        -Wl,--whamm-verbose 2> verbose.txt || { cat verbose.txt; fail "link"; }
    check_app app.wasm
    exports_arena app.wasm || fail "no arena"
    grep -q -- '"--memory=app"' verbose.txt || fail "not attached with --memory=app"
    grep -q "whamm: state: the app's arena, memory 0" verbose.txt ||
        { cat verbose.txt; fail "the monitor's state is not in the arena"; }
    WHAMM_MONITORS="$WORK/mon.wasm" "$CC" -o env.wasm "$SRC/main.c" || fail "link (env)"
    check_app env.wasm
    same app.wasm env.wasm
    # a script and two monitors on one link: the script and the first
    # monitor in one `whamm attach` (in the arena), then the second monitor
    # (at the top of memory 0); the script's wasm:end, the first monitor's
    # wasm:exit, then the second's (NOTES)
    "$CC" -o both.wasm "$SRC/main.c" -Wl,--whamm-script="$SRC/both.mm" \
        -Wl,--whamm-monitor=mon.wasm -Wl,--whamm-monitor=mon.wasm \
        -Wl,--whamm-verbose 2> verbose.txt ||
        { cat verbose.txt; fail "link (script and monitors)"; }
    wasm-validate both.wasm || fail "both.wasm does not validate"
    single_memory both.wasm
    grep -q -- '"attach" .*"--script" .*"--memory=app"' verbose.txt ||
        fail "the script not with the first monitor"
    grep -q -- '"attach" .*"--memory=top"' verbose.txt || fail "the second monitor not at the top"
    if grep -q -- '"instr"' verbose.txt; then fail "whamm instr ran"; fi
    run_wasm both.wasm > out.txt || fail "both.wasm exited $?"
    printf 'sum 35\ncalls 5\nwork entered 5 times\nwork entered 5 times\n' > want.txt
    diff -u want.txt out.txt || fail "both.wasm: wrong output"
    [ "$(wasm-objdump -x -j Export both.wasm | grep -c '"whamm_flush"')" = 1 ] ||
        fail "not one whamm_flush export"
    no_temp_left
    [ -z "$(ls -A | grep 'whamm-')" ] || fail "temp files left: $(ls -A)"
}

# A monitor path that does not exist, and a file that is not a monitor:
# clear errors, no output.
case_bad_monitor() {
    if "$CC" -o app.wasm "$SRC/main.c" -Wl,--whamm-monitor=nope.wasm 2> err.txt; then
        fail "a missing monitor linked"
    fi
    grep -q "whamm-ld: error: cannot read wei monitor 'nope.wasm'" err.txt || fail "message: $(cat err.txt)"
    [ ! -e app.wasm ] || fail "output written"
    cp "$SRC/mon.wat" text.wasm
    if "$CC" -o app.wasm "$SRC/main.c" -Wl,--whamm-monitor=text.wasm 2> err.txt; then
        fail "a text monitor linked"
    fi
    grep -q 'text.wasm:0x0: error: not a WebAssembly module' err.txt || fail "message: $(cat err.txt)"
    grep -q "instrumenting 'app.wasm' failed; output removed" err.txt || fail "message: $(cat err.txt)"
    [ ! -e app.wasm ] || fail "output written"
    [ -z "$(ls -A | grep 'whamm-')" ] || fail "temp files left: $(ls -A)"
}

"case_$(printf %s "$1" | tr - _)"
note "ok wei.$1"
