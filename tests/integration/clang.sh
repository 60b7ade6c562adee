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
    grep -q '^ "[^"]*/wasm-ld[-0-9]*" .* "-o" "y.wasm" "[^"]*/whamm-arena-XXXXXX.o" "--export=__whamm_arena"$' dry.txt ||
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

# -O2 links: clang runs wasm-opt after linking (toolchain.md §0.3).  Plain
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
    true
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
