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
    if exports_arena b/app.wasm; then fail "an arena without scripts"; fi
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

# whamm-clang: the monitor by option, then by environment; a script and a
# monitor together are refused.
case_ld() {
    monitor
    "$CC" -o app.wasm "$SRC/main.c" -Wl,--whamm-monitor=mon.wasm || fail "link"
    check_app app.wasm
    WHAMM_MONITORS="$WORK/mon.wasm" "$CC" -o env.wasm "$SRC/main.c" || fail "link (env)"
    check_app env.wasm
    same app.wasm env.wasm
    # a script and a monitor on one link: refused (both would merge
    # whamm's runtime), nothing written
    if "$CC" -o both.wasm "$SRC/main.c" -Wl,--whamm-script="$WHAMM_SRC/samples/scripts/calls.mm" \
        -Wl,--whamm-monitor=mon.wasm 2> err.txt; then fail "script and monitor linked"; fi
    grep -q 'whamm-ld: error: scripts and wei monitors cannot instrument the same link' err.txt ||
        fail "message: $(cat err.txt)"
    [ ! -e both.wasm ] || fail "both.wasm written"
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
