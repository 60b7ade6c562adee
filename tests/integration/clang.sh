#!/bin/sh
# clang.sh CASE -- whamm-clang / whamm-clang++ tests (label integration):
# a drop-in for clang --target=wasm32-wasi on everything that is not a
# link; -O2 links and the wasm-opt shim.  See docs/integration.md.
. "$(dirname "$0")/lib.sh"

# Runs `whamm-clang ARGS` and `clang --target=wasm32-wasi ARGS`; stdout,
# stderr and status must be the same.
same_as_clang() {
    set +e
    "$CC" "$@" > w.out 2> w.err; ws=$?
    "$CLANG" --target=wasm32-wasi "$@" > c.out 2> c.err; cs=$?
    set -e
    [ $ws -eq $cs ] || fail "status $ws vs $cs for: $*"
    cmp -s w.out c.out || { diff w.out c.out | head; fail "stdout differs for: $*"; }
    cmp -s w.err c.err || { diff w.err c.err | head; fail "stderr differs for: $*"; }
}

case_dropin() {
    make_hello
    same_as_clang -E hello.c
    same_as_clang -M hello.c
    same_as_clang -MM hello.c
    same_as_clang -c hello.c -o w.o
    "$CC" -c hello.c -o a.o && "$CLANG" --target=wasm32-wasi -c hello.c -o b.o
    same a.o b.o
    same_as_clang -c -MD -MF dep.d hello.c -o c.o
    same_as_clang -S hello.c -o hello.s
    same_as_clang --version
    same_as_clang -v
    same_as_clang -dumpmachine
    same_as_clang -dumpversion
    same_as_clang -print-resource-dir
    same_as_clang -print-prog-name=ld
    same_as_clang -print-libgcc-file-name
    same_as_clang -print-search-dirs
    same_as_clang -### -c hello.c
    same_as_clang -fsyntax-only hello.c
    same_as_clang -c nonexistent.c
    [ "$("$CC" -dumpmachine)" = wasm32-unknown-wasi ] || fail "-dumpmachine"
    # linker flags on a compile step are dropped, so -Werror builds work
    "$CC" -Werror -c hello.c -o d.o -Wl,--whamm-script=p.mm -Xlinker --whamm-verbose 2> err.txt
    [ ! -s err.txt ] || fail "warnings on compile: $(cat err.txt)"
    # a link gets -fuse-ld=<abs whamm-ld>; an explicit --target is kept
    WHAMM_VERBOSE=1 "$CC" -### hello.o -o x.wasm 2> link.txt
    grep -q "\"-fuse-ld=$WHAMM_BIN/whamm-ld\"" link.txt || fail "no -fuse-ld: $(cat link.txt)"
    grep -q "\"$WHAMM_BIN/whamm-ld\"" link.txt || fail "whamm-ld not the linker"
    # -### on a link: clang's commands, then whamm-ld's own (run nothing)
    echo x > p.mm
    "$CC" -### hello.o -o y.wasm -Wl,--whamm-script=p.mm 2> dry.txt
    grep -q '^ "[^"]*/wasm-ld[-0-9]*" .* "-o" "y.wasm" "y.wasm.whamm-arena.o" "--export=__whamm_arena"$' dry.txt ||
        fail "no wasm-ld command: $(cat dry.txt)"
    grep -q "^ \"$WHAMM_BIN/whamm\" \"instr\" \"--app\" \"y.wasm\" \"--script\" \"p.mm\"" dry.txt ||
        fail "no whamm instr command: $(cat dry.txt)"
    [ ! -e y.wasm ] || fail "-### linked"
    "$CC" --target=wasm32-wasi -### -c hello.c 2> t.txt
    [ "$(grep -o 'wasm32-unknown-wasi' t.txt | wc -l)" -ge 1 ] || fail "target"
    # whamm-clang++ is clang++
    "$WHAMM_BIN/whamm-clang++" -### -c hello.c 2> cxx.txt
    grep -q 'clang++\|"-x" "c++"\|c++' cxx.txt || fail "whamm-clang++ is not C++: $(cat cxx.txt)"
    printf 'extern "C" int puts(const char *);\nint main() { puts("c++"); }\n' > h.cc
    "$WHAMM_BIN/whamm-clang++" -fno-exceptions -nostdlib++ h.cc -o cxx.wasm
    [ "$(run_wasm cxx.wasm)" = c++ ] || fail "C++ program"
}

# -O2 links: clang runs wasm-opt after linking (when it is on PATH).  Plain
# links through whamm-clang are byte-identical to clang's (the shim runs
# the real wasm-opt); an instrumented output is left as whamm made it.
case_O2() {
    for f in main.c collatz.c stats/stats.c; do cp "$WHAMM_SRC/samples/cmake/$f" .; done
    cp "$WHAMM_SRC/samples/cmake/"*.h "$WHAMM_SRC/samples/cmake/stats/stats.h" .
    "$CLANG" --target=wasm32-wasi -O2 main.c collatz.c stats.c -o ref.wasm
    "$CC" -O2 main.c collatz.c stats.c -o w.wasm
    same ref.wasm w.wasm
    run_wasm w.wasm > out.txt
    same "$WHAMM_SRC/samples/cmake/expected-output.txt" out.txt
    echo x > p.mm
    FAKE_WHAMM_SAVE=instrumented.wasm WHAMM_INSTR_TOOL="$FAKE" \
        "$CC" -O2 main.c collatz.c stats.c -o i.wasm -Wl,--whamm-script=p.mm
    same instrumented.wasm i.wasm
    run_wasm i.wasm > out2.txt
    same "$WHAMM_SRC/samples/cmake/expected-output.txt" out2.txt
    # without the shim clang's wasm-opt would have rewritten it
    FAKE_WHAMM_SAVE=instrumented2.wasm WHAMM_INSTR_TOOL="$FAKE" \
        "$CLANG" --target=wasm32-wasi -O2 "-fuse-ld=$LD" main.c collatz.c stats.c \
        -o j.wasm -Wl,--whamm-script=p.mm
    cmp -s instrumented2.wasm j.wasm && fail "wasm-opt did not run without the shim?"
    # the real thing: an instrumented -O2 link (clang runs the shim after
    # whamm-ld) validates, runs, and reports what whamm counted
    cat > ic.mm <<'MM'
// instructions executed inside collatz_len, and calls of it
report var n: u64;
wasm:opcode:*:before / fname == "collatz_len" / {
    n++;
}
wasm:func:entry / fname == "collatz_len" / {
    report var calls: u32;
    calls++;
}
MM
    "$CC" -O2 main.c collatz.c stats.c -o r.wasm -Wl,--whamm-script=ic.mm 2> err.txt
    [ ! -s err.txt ] || fail "not quiet: $(cat err.txt)"
    wasm-validate r.wasm || fail "r.wasm does not validate"
    exports_arena r.wasm || fail "the arena export is gone (wasm-opt ran?)"
    single_memory r.wasm
    run_wasm r.wasm > run.txt || fail "r.wasm exited $?"
    program_output run.txt > prog.txt
    same "$WHAMM_SRC/samples/cmake/expected-output.txt" prog.txt
    [ "$(report_rows run.txt calls '.*')" = "calls collatz_len 10" ] || fail "$(cat run.txt)"
    # collatz_len at -O2 (clang 14; `wasm-objdump -d`), traced by hand.
    # Probes run before an instruction; a branch to a block's label skips
    # that block's `end`, a back edge to a loop skips the `loop`.
    #   entry: i32.const 0, local.set, block, local.get, i32.const,
    #          i32.eq, br_if (x == 1)                          7
    #   x == 1: + local.get, end                               9 in all
    #   x != 1: + i32.const 0, local.set, loop                 3
    #     per step: block, block, local.get, i32.const 1,
    #               i32.and, br_if (odd)                       6
    #       even: local.get, i32.const 2, i32.div_s,
    #             local.set, br 1 (skips both ends)            5  -> 19
    #       odd:  local.get, i32.const 3, i32.mul, i32.const 1,
    #             i32.add, local.set, end                      7  -> 21
    #     (both) local.get, i32.const 1, i32.add, local.set,
    #            local.get, i32.const 1, i32.ne, br_if          8
    #   exit: end (loop), end (block), local.get, end           4
    # x = 1..10: one call with x = 1, nine with 7 + 3 + 4 = 14 plus their
    # steps: 50 even, 17 odd (samples/cmake/expected-report.txt)
    #   9 + 9 * 14 + 50 * 19 + 17 * 21 = 1442
    [ "$(report_value run.txt n)" = 1442 ] || fail "collatz_len icount: $(cat run.txt)"
    # --whamm-disable: clang's own -O2 link, byte for byte
    "$CC" -O2 main.c collatz.c stats.c -o dis.wasm -Wl,--whamm-script=ic.mm \
        -Wl,--whamm-disable
    same ref.wasm dis.wasm
}

# The checks an autoconf configure script makes, done the same way.
case_configure() {
    CC="$CC" WHAMM_SCRIPTS="$WHAMM_SRC/samples/scripts/icount.mm" \
        sh "$HERE/configure-probe.sh" > configure.log 2>&1 ||
        { cat configure.log; fail "configure-style probe failed"; }
    cat configure.log
}

"case_$(printf %s "$1" | tr - _)"
no_temp_left
note "ok clang.$1"
