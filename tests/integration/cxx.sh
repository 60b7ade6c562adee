#!/bin/sh
# cxx.sh CASE -- C++ through whamm-clang++ (label integration): the program
# in cxx/ (classes, virtual functions, overloads, a class template,
# std::vector/string/map, iostream and printf, in namespace geo) built with
# Debian's wasm32 libc++/libc++abi, exceptions off, and instrumented at
# link time; run under node, its output compared with
# cxx/expected-output.txt and its report with the counts worked out by
# hand in cxx/expected-report.txt.  See docs/integration.md.
. "$(dirname "$0")/lib.sh"
SRC="$HERE/cxx"
CXX="$WHAMM_BIN/whamm-clang++"
CLANGXX=$(command -v clang++)
export CCACHE_DISABLE=1

# csv_rows OUT: `name<TAB>fname<TAB>value` of every report row.  The
# fname of a C++ function may be quoted (a comma in its parameter list),
# so the CSV is parsed field by field: `, ` separates, "..." quotes, ""
# is a quote.
csv_rows() {
    awk '
    function split_csv(line,   i, c, f, n, q) {
        n = 0; f = ""; q = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (q && c == "\"" && substr(line, i + 1, 1) == "\"") { f = f c; i++ }
            else if (c == "\"") q = !q
            else if (!q && c == "," && substr(line, i + 1, 1) == " ") { F[++n] = f; f = ""; i++ }
            else f = f c
        }
        F[++n] = f
        return n
    }
    hdr && split_csv($0) >= 11 { printf "%s\t%s\t%s\n", F[3], F[7], F[11] }
    /^id, id_type,/ { hdr = 1 }' "$1"
}

# check_run APP.wasm: runs it; the program's output is expected-output.txt
# and a report follows it.
check_run() {
    run_wasm "$1" > out.txt || fail "$1 exited $?"
    program_output out.txt > prog.txt
    same "$SRC/expected-output.txt" prog.txt
    grep -q 'REPORT CSV FLUSH' out.txt || fail "$1: no report (not instrumented?)"
    exports_arena "$1" || fail "$1: not instrumented (no arena export)"
    single_memory "$1"
    wasm-validate "$1" || fail "$1 does not validate"
}

# overload_rows: the rows of overloads.mm, `name value`, report order.
overload_rows() {
    csv_rows out.txt | awk -F'\t' '$1 ~ /^scale_/ { print $1, $2, $3 }'
}

# The command of the issue: one whamm-clang++ line, -O2, a script that
# counts the calls of each overload of geo::scale: 4 of scale(int) (i =
# 1..4) and 1 of scale(double) (cxx/expected-report.txt).
case_direct() {
    "$CXX" -O2 "$SRC/app.cpp" "$SRC/geo.cpp" -o app.wasm \
        "-Wl,--whamm-script=$SRC/overloads.mm" 2> err.txt || { cat err.txt; fail "whamm-clang++"; }
    [ ! -s err.txt ] || fail "not quiet: $(cat err.txt)"
    check_run app.wasm
    printf '%s\n' 'scale_int geo::scale(int) 4' 'scale_double geo::scale(double) 1' > want.txt
    overload_rows > got.txt
    diff -u want.txt got.txt || fail "overload counts"
    # without a script: clang++'s own link (exceptions off), byte for byte
    "$CXX" -O2 "$SRC/app.cpp" "$SRC/geo.cpp" -o plain.wasm
    "$CLANGXX" --target=wasm32-wasi -fno-exceptions -O2 "$SRC/app.cpp" \
        "$SRC/geo.cpp" -o ref.wasm
    same ref.wasm plain.wasm
    run_wasm plain.wasm > plain.txt || fail "plain.wasm exited $?"
    same "$SRC/expected-output.txt" plain.txt
}

# C++ exceptions: off unless asked for.  A `throw` is a compile error at
# the throw (not an undefined __cxa_throw at the link); -fexceptions and
# the other exception options are the user's and are passed as given; a
# library call that would throw aborts, after the report.
case_exceptions() {
    printf '%s\n' '#include <stdexcept>' \
        'int f(int x) { if (x) throw std::runtime_error("x"); return 0; }' > t.cpp
    if "$CXX" -c t.cpp -o t.o 2> err.txt; then fail "throw compiled"; fi
    grep -q "t.cpp:2:.*cannot use 'throw' with exceptions disabled" err.txt ||
        { cat err.txt; fail "no 'exceptions disabled' error"; }
    # what clang runs: -fcxx-exceptions on its compile line only when asked
    cc1_has_exceptions() {  # cc1_has_exceptions OPTION...
        "$CXX" -### "$@" -c t.cpp 2> cc1.txt
        grep -q '"-cc1" .*"-fcxx-exceptions"' cc1.txt
    }
    if cc1_has_exceptions; then fail "exceptions on by default: $(cat cc1.txt)"; fi
    WHAMM_VERBOSE=1 "$CXX" -fsyntax-only -x c++ /dev/null 2> v.txt
    grep -q -- '"-fno-exceptions"' v.txt || fail "no -fno-exceptions: $(cat v.txt)"
    cc1_has_exceptions -fexceptions || fail "-fexceptions not passed on"
    cc1_has_exceptions -fcxx-exceptions || fail "-fcxx-exceptions not passed on"
    if cc1_has_exceptions -fno-exceptions; then fail "-fno-exceptions"; fi
    "$CXX" -fexceptions -c t.cpp -o t.o || fail "-fexceptions: no compile"
    # what would throw aborts (libc++ built without exceptions), and the
    # report is still printed: main entered once, then v.at(6) on 3 items
    printf '%s\n' '#include <cstdio>' '#include <vector>' \
        'int main(int argc, char **) { std::vector<int> v(3); std::puts("before");' \
        '  return v.at(argc + 5); }' > at.cpp
    printf '%s\n' 'wasm:func:entry / fname == "__original_main" / {' \
        '    report var entered: u32;' '    entered++;' '}' > main.mm
    "$CXX" -O2 at.cpp -o at.wasm -Wl,--whamm-script=main.mm || fail "at.cpp"
    st=0
    run_wasm at.wasm > out.txt 2> err.txt || st=$?
    [ "$st" -eq 134 ] || fail "at.wasm: exit $st, not 134 (a trap): $(cat out.txt err.txt)"
    [ "$(program_output out.txt)" = before ] || fail "at.wasm output: $(cat out.txt)"
    [ "$(csv_rows out.txt)" = "$(printf 'entered\t__original_main\t1')" ] ||
        fail "at.wasm report: $(cat out.txt)"
    # whamm-clang (C) is untouched
    WHAMM_VERBOSE=1 "$CC" -fsyntax-only -x c /dev/null 2> c.txt
    if grep -q -- 'exceptions' c.txt; then fail "whamm-clang added -fno-exceptions"; fi
}

# CMake with whamm's toolchain file, CXX language: a static library and an
# executable, Release (-O3), instrumented with calls.mm and overloads.mm;
# every counted function's calls are those of expected-report.txt.
case_cmake() {
    cmake -S "$SRC" -B b -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WHAMM_BUILD/whamm-wasi.cmake" \
        > configure.log 2>&1 || { cat configure.log; fail "configure"; }
    ninja -C b > build.log 2>&1 || { cat build.log; fail "build"; }
    grep -rq "CMAKE_CXX_COMPILER \"$WHAMM_BIN/whamm-clang++\"" b/CMakeFiles/*/CMakeCXXCompiler.cmake ||
        fail "not whamm-clang++"
    grep -q 'Linking CXX static library libgeo.a' build.log || fail "no static library: $(cat build.log)"
    grep -q -- '--whamm-script=.*calls.mm' b/build.ninja || fail "no calls.mm on the link line"
    grep -q -- '--whamm-script=.*overloads.mm' b/build.ninja || fail "no overloads.mm on the link line"
    if grep -q 'sites\|warning' build.log; then cat build.log; fail "noisy build"; fi
    check_run b/app.wasm
    grep -v '^#' "$SRC/expected-report.txt" > want.txt
    csv_rows out.txt | grep -Fxf want.txt | LC_ALL=C sort > got.txt || true
    # every expected row, once (a row whose count differs is missing)
    diff -u want.txt got.txt || {
        csv_rows out.txt | grep -E '	(__original_main|geo::)' >&2; fail "report rows"; }
    printf '%s\n' 'scale_int geo::scale(int) 4' 'scale_double geo::scale(double) 1' > want2.txt
    overload_rows > got2.txt
    diff -u want2.txt got2.txt || fail "overload counts"
    ctest --test-dir b --output-on-failure > ctest.log 2>&1 || { cat ctest.log; fail "ctest"; }
    grep -q '100% tests passed' ctest.log || fail "ctest: $(cat ctest.log)"
}

"case_$(printf %s "$1" | tr - _)"
no_temp_left
note "ok cxx.$1"
