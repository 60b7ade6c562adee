#!/bin/sh
# build.sh CASE -- the samples built the way users build them (label
# integration): samples/cmake through find_package(Whamm) and the toolchain
# file (build tree and install prefix, plain and with ccache), samples/make
# through whamm.mk, and a zlib-shaped project whose SHARED library is built
# static (shared-lib/: three programs, each with its own scripts or none;
# -DWHAMM_DISABLE=ON).  The links are instrumented by `whamm instr` through
# whamm-ld; the program's output and its report are compared with
# samples/cmake/expected-output.txt and the hand-derived
# samples/cmake/expected-report.txt.  See docs/integration.md.
. "$(dirname "$0")/lib.sh"
SAMPLE="$WHAMM_SRC/samples/cmake"
EXPECTED="$SAMPLE/expected-output.txt"
# the sample's own functions (expected-report.txt); libc's rows are not
# compared
OWN='__original_main|is_even|collatz_len|stats_sum|stats_max|stats_sort|stats_median|stats_count_if'
export CCACHE_DISABLE=1   # only the ccache case uses it
unset MAKEFLAGS MFLAGS || true

cmake_project() {  # cmake_project SOURCE_DIR BUILD_DIR TOOLCHAIN [cmake args...]
    src=$1 dir=$2 tc=$3; shift 3
    cmake -S "$src" -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$tc" "$@" \
        > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; fail "configure"; }
    ninja -C "$dir" > "$dir.build.log" 2>&1 || { cat "$dir.build.log"; fail "build"; }
}
cmake_sample() {  # cmake_sample BUILD_DIR TOOLCHAIN [cmake args...]
    cmake_project "$SAMPLE" "$@"
}

# check_sample_output APP.wasm [NAMES]: runs it (twice); the program's
# output is expected-output.txt, followed by the report.  NAMES (an ERE,
# default all: calls, taken, not_taken) picks the rows of
# expected-report.txt that the scripts linked in produce; `count`
# (icount.mm), when present, is checked as a property.
check_sample_output() {
    run_wasm "$1" > out.txt || fail "$1 exited $?"
    program_output out.txt > prog.txt
    same "$EXPECTED" prog.txt
    grep -q 'REPORT CSV FLUSH' out.txt || fail "$1: no report (not instrumented?)"
    names=${2:-calls|taken|not_taken}
    grep -v '^#' "$SAMPLE/expected-report.txt" | grep -E "^($names) " > want.txt || true
    # one script at a time, in the order of expected-report.txt
    : > got.txt
    for n in calls 'taken|not_taken'; do
        report_rows out.txt "$n" "$OWN" | grep -E "^($names) " >> got.txt || true
    done
    diff -u want.txt got.txt || fail "$1: report rows differ from expected-report.txt"
    # the whole report, libc included, is the same on every run
    run_wasm "$1" > out2.txt || fail "$1 exited $? (second run)"
    same out.txt out2.txt
    count=$(report_value out.txt count)
    if [ -n "$count" ]; then
        # Not derivable by hand in total (mostly libc's printf); but
        # collatz_len alone executes 1442 instructions (traced in
        # clang.sh, case O2), so the count is above that.
        [ "$count" -gt 1442 ] || fail "icount $count <= 1442"
    fi
}

case_cmake_sample() {
    cmake_sample b "$WHAMM_BUILD/whamm-wasi.cmake"
    [ -f b/app.wasm ] || fail "no app.wasm (executable suffix)"
    grep -q 'CMAKE_BUILD_TYPE:STRING=Release' b/CMakeCache.txt || fail "not a Release build"
    exports_arena b/app.wasm || fail "not instrumented (no arena export)"
    single_memory b/app.wasm
    wasm-validate b/app.wasm || fail "app.wasm does not validate"
    # a quiet build: no "N sites" lines, no warnings
    if grep -q 'sites\|warning' b.build.log; then cat b.build.log; fail "noisy link"; fi
    grep -q 'CMAKE_AR:FILEPATH=.*llvm-ar' b/CMakeCache.txt || fail "CMAKE_AR is not llvm-ar"
    grep -q -- '--whamm-script=.*icount.mm' b/build.ninja || fail "no script on the link line"
    check_sample_output b/app.wasm
    ctest --test-dir b --output-on-failure > ctest.log 2>&1 || { cat ctest.log; fail "ctest"; }
    grep -q '100% tests passed' ctest.log || fail "ctest: $(cat ctest.log)"
}

# The README's first example (samples/scripts/branch-map.mm: a map keyed by
# (fid, pc) counting the br_if sites of collatz_len) through
# -DSAMPLE_SCRIPTS.  The map's entries are checked three ways: against a
# second build whose script keeps one per-site counter per br_if of the
# same function (the same pcs, the same counts), against the hand-derived
# taken + not_taken of collatz_len in expected-report.txt, and, for the
# keys, against collatz_len's br_if instructions in `wasm-objdump -d`.
# The README's tagline itself (the same probe with a plain `var`) must
# build and run too.
case_cmake_first_example() {
    script="$WHAMM_SRC/samples/scripts/branch-map.mm"
    "$WHAMM_BIN/whamm" check "$script" > check.log 2>&1 || { cat check.log; fail "whamm check"; }
    [ ! -s check.log ] || { cat check.log; fail "whamm check is not silent"; }
    cmake_sample b "$WHAMM_BUILD/whamm-wasi.cmake" "-DSAMPLE_SCRIPTS=$script"
    grep -q -- '--whamm-script=.*branch-map.mm' b/build.ninja || fail "no branch-map.mm on the link line"
    # the script matches sites: no "matched no site" warning
    if grep -q 'warning' b.build.log; then cat b.build.log; fail "noisy link"; fi
    exports_arena b/app.wasm || fail "not instrumented (no arena export)"
    single_memory b/app.wasm
    wasm-validate b/app.wasm || fail "app.wasm does not validate"
    # collatz_len's index in the output; the report's fid is its index in
    # the input: the runtime's WASI calls for the report's destination
    # (docs/instr.md "The report") are imports this sample's app lacks,
    # added in front of the functions
    fid_out=$(wasm-objdump -x -j Function b/app.wasm |
          sed -n 's/^ - func\[\([0-9]*\)\] .*<collatz_len>$/\1/p')
    [ -n "$fid_out" ] || fail "no collatz_len in app.wasm"
    added=$(wasm-objdump -x -j Import b/app.wasm |
            grep -cE 'wasi_snapshot_preview1\.(environ_sizes_get|environ_get|fd_prestat_get|fd_prestat_dir_name|path_open)$') || true
    fid=$((fid_out - added))
    run_wasm b/app.wasm > out.txt || fail "app.wasm exited $?"
    program_output out.txt > prog.txt
    same "$EXPECTED" prog.txt
    run_wasm b/app.wasm > out2.txt || fail "app.wasm exited $? (second run)"
    same out.txt out2.txt
    # the report is the map's row and nothing else
    awk -F', ' 'hdr { print $2, $3 } /^id, id_type,/ { hdr = 1 }' out.txt > rows.txt
    printf 'map_id count\n' > want-rows.txt
    diff -u want-rows.txt rows.txt || fail "report rows: not just the map"
    # `(f,pc)->n;...` as `f pc n` lines, in the report's (key) order
    report_value out.txt count | tr ';' '\n' |
        sed -n 's/^(\([0-9]*\),\([0-9]*\))->\([0-9]*\)$/\1 \2 \3/p' > map.txt
    [ "$(wc -l < map.txt)" -eq "$(report_value out.txt count | tr ';' '\n' | wc -l)" ] ||
        fail "map value not as expected: $(report_value out.txt count)"
    [ -s map.txt ] || fail "empty map: $(report_value out.txt count)"
    awk -v f="$fid" '$1 != f { exit 1 }' map.txt ||
        fail "map keys not all (fid $fid of collatz_len, pc): $(cat map.txt)"

    # 1. the same probe with a per-site counter: one row per site
    cat > per-site.mm <<'EOF'
wasm:opcode:br_if:before / fname == "collatz_len" / {
    report unshared var n: u32;
    n++;
}
EOF
    cmake_sample b "$WHAMM_BUILD/whamm-wasi.cmake" "-DSAMPLE_SCRIPTS=$PWD/per-site.mm"
    run_wasm b/app.wasm > per-site-out.txt || fail "per-site app.wasm exited $?"
    program_output per-site-out.txt > prog.txt
    same "$EXPECTED" prog.txt
    awk -F', ' 'hdr && $3 == "n" && $7 == "collatz_len" { print $8, $9, $11 }
                /^id, id_type,/ { hdr = 1 }' per-site-out.txt | sort -n -k2 > per-site.txt
    [ -s per-site.txt ] || fail "no per-site rows: $(cat per-site-out.txt)"
    diff -u per-site.txt map.txt || fail "map entries differ from the per-site counters"

    # 2. by hand: a br_if is reached taken + not_taken times
    #    (expected-report.txt, collatz_len's sites in pc order)
    grep -v '^#' "$SAMPLE/expected-report.txt" |
        awk '$2 == "collatz_len" && $1 == "taken" { t = $3 }
             $2 == "collatz_len" && $1 == "not_taken" { print t + $3 }' > want-counts.txt
    awk '{ print $3 }' map.txt > counts.txt
    diff -u want-counts.txt counts.txt || fail "map counts differ from expected-report.txt"

    # 3. a probe that touches no code of this sample (fid 3 is an imported
    #    WASI function here): the module's collatz_len is untouched, so
    #    `wasm-objdump -d` gives the br_if pcs (pc = the instruction's byte
    #    offset from the function's body, as objdump prints them) to check
    #    the map's keys against
    cat > untouched.mm <<'EOF'
var count: map<(u32, u32), u32>;
wasm:opcode:br_if:before / fid == 3 / { count[(fid, pc)]++; }
EOF
    cmake_sample b "$WHAMM_BUILD/whamm-wasi.cmake" "-DSAMPLE_SCRIPTS=$PWD/untouched.mm"
    exports_arena b/app.wasm || fail "untouched: not instrumented (no arena export)"
    wasm-validate b/app.wasm || fail "untouched: app.wasm does not validate"
    run_wasm b/app.wasm > untouched-out.txt || fail "untouched: app.wasm exited $?"
    program_output untouched-out.txt > prog.txt
    same "$EXPECTED" prog.txt
    wasm-objdump -x -j Import b/app.wasm | grep -q '^ - func\[3\] ' ||
        fail "untouched: fid 3 is no longer an import; pick another index"
    grep -q 'untouched.mm:2:1: warning: .* matched no site' b.build.log ||
        { cat b.build.log; fail "untouched: expected a no-site warning"; }
    wasm-objdump -d b/app.wasm | awk -v f="$fid" '
        function hex(s,  i, n) { n = 0; s = tolower(s)
            for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return n }
        /^[0-9a-f]+ func\[/ { in_f = ($2 == "func[" f "]"); start = hex($1); next }
        in_f && /\| *br_if / { a = $1; sub(/:$/, "", a); print f, hex(a) - start }' > sites.txt
    [ -s sites.txt ] || fail "no br_if in func[$fid] (collatz_len)"
    awk '{ print $1, $2 }' map.txt > keys.txt
    diff -u sites.txt keys.txt || fail "map keys differ from collatz_len's br_if sites"

    # 4. the README's tagline verbatim (a plain `var`: no report row) builds
    #    and runs, the program's output unchanged
    cat > tagline.mm <<'EOF'
var count: map<(u32, u32), u32>;
wasm:opcode:br_if:before / fname == "collatz_len" / { count[(fid, pc)]++; }
EOF
    "$WHAMM_BIN/whamm" check tagline.mm > check.log 2>&1 || { cat check.log; fail "whamm check tagline.mm"; }
    cmake_sample b "$WHAMM_BUILD/whamm-wasi.cmake" "-DSAMPLE_SCRIPTS=$PWD/tagline.mm"
    if grep -q 'warning' b.build.log; then cat b.build.log; fail "tagline: noisy link"; fi
    exports_arena b/app.wasm || fail "tagline: not instrumented (no arena export)"
    wasm-validate b/app.wasm || fail "tagline: app.wasm does not validate"
    run_wasm b/app.wasm > tagline-out.txt || fail "tagline: app.wasm exited $?"
    program_output tagline-out.txt > prog.txt
    same "$EXPECTED" prog.txt
}

# Editing a script relinks, and nothing else is rebuilt.
case_cmake_relink() {
    cp -r "$WHAMM_SRC/samples/scripts" scripts
    cmake_sample b "$WHAMM_BUILD/whamm-wasi.cmake" \
        "-DSAMPLE_SCRIPTS=$PWD/scripts/icount.mm;$PWD/scripts/calls.mm"
    ninja -C b > again.log
    grep -q 'no work to do' again.log || fail "not up to date: $(cat again.log)"
    sleep 1
    echo '// edited' >> scripts/calls.mm
    ninja -C b > relink.log
    grep -q 'Linking C executable app.wasm' relink.log || fail "no relink: $(cat relink.log)"
    [ "$(grep -c '^\[' relink.log)" -eq 1 ] || fail "more than the link ran: $(cat relink.log)"
    check_sample_output b/app.wasm calls
    # a real edit: the call counter becomes a branch monitor; relinked, the
    # report follows the new script
    sleep 1
    cp scripts/branches.mm scripts/calls.mm
    ninja -C b > relink2.log
    [ "$(grep -c '^\[' relink2.log)" -eq 1 ] || fail "more than the link ran: $(cat relink2.log)"
    check_sample_output b/app.wasm 'taken|not_taken'
}

case_cmake_ccache() {
    command -v ccache > /dev/null || fail "ccache not installed"
    export CCACHE_DIR="$WORK/ccache" CCACHE_NODISABLE=1
    unset CCACHE_DISABLE
    cmake_sample b "$WHAMM_BUILD/whamm-wasi.cmake" -DCMAKE_C_COMPILER_LAUNCHER=ccache
    grep -q 'ccache' b/build.ninja || fail "no ccache in build.ninja"
    check_sample_output b/app.wasm
    cp b/app.wasm first.wasm
    ninja -C b -t clean > /dev/null
    ninja -C b > rebuild.log 2>&1 || { cat rebuild.log; fail "rebuild"; }
    hits=$(ccache --print-stats | awk '$1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { n += $2 } END { print n + 0 }')
    [ "$hits" -ge 3 ] || fail "expected 3 ccache hits, got $hits"
    same first.wasm b/app.wasm   # cached objects, the same instrumented link
    check_sample_output b/app.wasm
}

# A zlib-shaped project (tests/integration/shared-lib): the same source as
# add_library(zs STATIC) and add_library(zshared SHARED), the app linked
# with zshared and instrumented with calls.mm, minizs linked with zs and
# instrumented with adler.mm, plainzs not instrumented.  WASI has no shared
# libraries; Platform/WASI.cmake declares them unsupported
# (TARGET_SUPPORTS_SHARED_LIBS), so CMake builds zshared as a static
# library and the app links and runs.  Without that, CMake links a
# libzshared.so with `-shared` and the build fails.
case_cmake_shared() {
    src="$HERE/shared-lib"
    cmake_project "$src" b "$WHAMM_BUILD/whamm-wasi.cmake"
    # configure: no error; the only warning is CMake's developer warning
    # about the SHARED library built STATIC
    if grep -q 'CMake Error' b.configure.log; then cat b.configure.log; fail "configure error"; fi
    if grep 'CMake Warning' b.configure.log | grep -qv '(add_library):$'; then
        cat b.configure.log; fail "configure warnings other than add_library's"; fi
    grep -q -- '-- zs: STATIC_LIBRARY' b.configure.log || fail "zs is not static"
    grep -q -- '-- zshared: STATIC_LIBRARY' b.configure.log ||
        { cat b.configure.log; fail "zshared is not built as a static library"; }
    [ "$(head -c 7 b/libzshared.a)" = '!<arch>' ] || fail "no archive libzshared.a"
    [ -f b/libzs.a ] || fail "no libzs.a"
    if ls b | grep -q '\.so'; then fail "a shared object was built: $(ls b)"; fi
    grep -q 'libzshared\.a' b/build.ninja || fail "app is not linked with libzshared.a"
    grep -q -- '--whamm-script=.*calls.mm' b/build.ninja || fail "no script on the link line"
    if grep -q 'sites\|warning' b.build.log; then cat b.build.log; fail "noisy build"; fi
    [ -f b/app.wasm ] || fail "no app.wasm"
    exports_arena b/app.wasm || fail "not instrumented (no arena export)"
    single_memory b/app.wasm
    wasm-validate b/app.wasm || fail "app.wasm does not validate"
    run_wasm b/app.wasm > out.txt || fail "app.wasm exited $?"
    program_output out.txt > prog.txt
    same "$src/expected-output.txt" prog.txt
    grep -q 'REPORT CSV FLUSH' out.txt || fail "no report (not instrumented?)"
    # the library's functions are in the app and instrumented
    grep -v '^#' "$src/expected-report.txt" > want.txt
    report_rows out.txt calls '__original_main|zs_adler32|zs_version' > got.txt
    diff -u want.txt got.txt || fail "report rows differ from shared-lib/expected-report.txt"
    # minizs (static zs, adler.mm) and plainzs (no whamm_instrument): each
    # program carries its own scripts only
    if grep 'adler_calls' out.txt; then fail "app has minizs's script"; fi
    check_zs_program b/minizs.wasm
    [ "$(report_rows out.txt '.*' '.*')" = "adler_calls zs_adler32 3" ] ||
        fail "minizs: report is not adler.mm's alone: $(cat out.txt)"
    check_zs_program b/plainzs.wasm plain
    ctest --test-dir b --output-on-failure > ctest.log 2>&1 || { cat ctest.log; fail "ctest"; }
    grep -q '100% tests passed' ctest.log || fail "ctest: $(cat ctest.log)"
}

# check_zs_program WASM [plain]: shared-lib's minizs.c, built as WASM, runs
# and prints minizs-output.txt; with `plain`, nothing else and no trace of
# whamm in the module; otherwise a report follows (left in out.txt).
check_zs_program() {
    wasm-validate "$1" || fail "$1 does not validate"
    run_wasm "$1" > out.txt || fail "$1 exited $?"
    if [ "${2:-}" = plain ]; then
        same "$HERE/shared-lib/minizs-output.txt" out.txt
        if exports_arena "$1"; then fail "$1 is instrumented (arena export)"; fi
    else
        program_output out.txt > prog.txt
        same "$HERE/shared-lib/minizs-output.txt" prog.txt
        exports_arena "$1" || fail "$1: not instrumented (no arena export)"
        single_memory "$1"
    fi
}

# -DWHAMM_DISABLE=ON: the same zlib-shaped project builds plain (no whamm
# option on any link line, no arena, no report; minizs byte-identical to
# plainzs, its uninstrumented twin); switched OFF on the same build dir,
# the two instrumented programs are relinked -- nothing compiled, plainzs
# untouched -- and are instrumented again.
case_cmake_disable() {
    src="$HERE/shared-lib"
    cmake_project "$src" b "$WHAMM_BUILD/whamm-wasi.cmake" -DWHAMM_DISABLE=ON
    grep -q 'whamm: WHAMM_DISABLE is ON' b.configure.log || { cat b.configure.log; fail "no note"; }
    if grep -q -- '--whamm-\|-fuse-ld=' b/build.ninja; then fail "whamm options on a link line"; fi
    for p in app minizs plainzs; do
        wasm-validate "b/$p.wasm" || fail "$p.wasm does not validate"
        if exports_arena "b/$p.wasm"; then fail "$p.wasm instrumented"; fi
    done
    run_wasm b/app.wasm > out.txt || fail "app.wasm exited $?"
    same "$src/expected-output.txt" out.txt
    check_zs_program b/minizs.wasm plain
    same b/plainzs.wasm b/minizs.wasm
    # a misspelt script is an error in a disabled build too
    mkdir typo
    cp "$src"/* typo/
    sed 's/adler\.mm)/adlr.mm)/' "$src/CMakeLists.txt" > typo/CMakeLists.txt
    if cmake -S typo -B typo-b -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WHAMM_BUILD/whamm-wasi.cmake" \
        -DWHAMM_DISABLE=ON "-DSHARED_SCRIPTS=$WHAMM_SRC/samples/scripts/calls.mm" \
        > typo.log 2>&1; then fail "a missing script configured"; fi
    grep -q 'whamm_instrument(minizs): no such script:' typo.log && grep -q 'typo/adlr.mm' typo.log ||
        { cat typo.log; fail "no 'no such script'"; }
    cmake -DWHAMM_DISABLE=OFF b > reconf.log 2>&1 || { cat reconf.log; fail "reconfigure"; }
    if grep -q 'WHAMM_DISABLE is ON' reconf.log; then fail "still disabled: $(cat reconf.log)"; fi
    ninja -C b > relink.log 2>&1 || { cat relink.log; fail "relink"; }
    grep '^\[' relink.log | sed 's/^\[[0-9]*\/[0-9]*\] //' | sort > steps.txt
    printf '%s\n' 'Linking C executable app.wasm' 'Linking C executable minizs.wasm' > want-steps.txt
    diff -u want-steps.txt steps.txt || fail "switching WHAMM_DISABLE off: not just the two links"
    check_zs_program b/minizs.wasm
    [ "$(report_rows out.txt '.*' '.*')" = "adler_calls zs_adler32 3" ] ||
        fail "minizs: $(cat out.txt)"
    run_wasm b/app.wasm > out.txt || fail "app.wasm exited $?"
    grep -v '^#' "$src/expected-report.txt" > want.txt
    report_rows out.txt calls '__original_main|zs_adler32|zs_version' > got.txt
    diff -u want.txt got.txt || fail "app: report rows differ from shared-lib/expected-report.txt"
    check_zs_program b/plainzs.wasm plain
}

# samples/library: a user library in C built by the same project as a
# .wasm reactor and merged by whamm_instrument(... LIBS hist=hist); its
# output (counts kept in the library, printed by its own printf) is
# samples/library/expected-output.txt.  Editing the library relinks the
# app.  The same library through whamm-clang: -Wl,--whamm-lib= and
# WHAMM_LIBS.
case_cmake_library() {
    src="$WHAMM_SRC/samples/library"
    cmake_project "$src" b "$WHAMM_BUILD/whamm-wasi.cmake"
    grep -q -- '--whamm-lib=hist=.*hist\.wasm' b/build.ninja || fail "no --whamm-lib on the link line"
    if grep -q 'sites\|warning' b.build.log; then cat b.build.log; fail "noisy build"; fi
    exports_arena b/app.wasm || fail "not instrumented (no arena export)"
    single_memory b/app.wasm
    wasm-validate b/app.wasm || fail "app.wasm does not validate"
    run_wasm b/app.wasm > out.txt || fail "app.wasm exited $?"
    same "$src/expected-output.txt" out.txt
    ctest --test-dir b --output-on-failure > ctest.log 2>&1 || { cat ctest.log; fail "ctest"; }
    # editing the library rebuilds it and relinks the app
    touch "$src/hist.c"
    ninja -C b -n > relink.log 2>&1
    grep -q 'Linking C executable hist.wasm' relink.log || { cat relink.log; fail "hist.wasm not rebuilt"; }
    grep -q 'Linking C executable app.wasm' relink.log || { cat relink.log; fail "app.wasm not relinked"; }
    # whamm-clang: the library by option, then by environment
    "$WHAMM_BIN/whamm-clang" -O2 -o opt.wasm "$src/main.c" \
        "-Wl,--whamm-script=$src/hist.mm" "-Wl,--whamm-lib=hist=b/hist.wasm" ||
        fail "whamm-clang -Wl,--whamm-lib"
    run_wasm opt.wasm > opt.txt || fail "opt.wasm exited $?"
    same "$src/expected-output.txt" opt.txt
    WHAMM_SCRIPTS="$src/hist.mm" WHAMM_LIBS="hist=b/hist.wasm" \
        "$WHAMM_BIN/whamm-clang" -o env.wasm "$src/main.c" || fail "whamm-clang WHAMM_LIBS"
    run_wasm env.wasm > env.txt || fail "env.wasm exited $?"
    same "$src/expected-output.txt" env.txt
    # a malformed WHAMM_LIBS entry fails the link with a message
    if WHAMM_SCRIPTS="$src/hist.mm" WHAMM_LIBS="hist" \
        "$WHAMM_BIN/whamm-clang" -o bad.wasm "$src/main.c" 2> bad.log; then
        fail "WHAMM_LIBS=hist linked"; fi
    grep -q 'WHAMM_LIBS takes NAME=PATH' bad.log || { cat bad.log; fail "no message for WHAMM_LIBS=hist"; }
}

# find_package(Whamm) from an install prefix, toolchain file included.
case_cmake_install() {
    cmake --install "$WHAMM_BUILD" --prefix "$WORK/prefix" > install.log 2>&1 ||
        { cat install.log; fail "install"; }
    p="$WORK/prefix"
    for f in bin/whamm-ld bin/whamm-clang bin/whamm-clang++ bin/whamm \
             libexec/whamm/wasm-opt share/whamm/whamm.mk \
             lib/cmake/Whamm/WhammConfig.cmake lib/cmake/Whamm/whamm-wasi.cmake \
             lib/cmake/Whamm/Platform/WASI.cmake; do
        [ -e "$p/$f" ] || fail "not installed: $f"
    done
    cmake_sample b "$p/lib/cmake/Whamm/whamm-wasi.cmake" -DCMAKE_BUILD_TYPE=Release
    grep -rq "CMAKE_C_COMPILER \"$p/bin/whamm-clang\"" b/CMakeFiles/*/CMakeCCompiler.cmake || fail "not the installed whamm-clang"
    grep -q -- "-fuse-ld=$p/bin/whamm-ld" b/build.ninja || fail "not the installed whamm-ld"
    check_sample_output b/app.wasm
}

# find_package(Whamm) via CMAKE_PREFIX_PATH=<build> in a host project (no
# toolchain file); whamm_instrument()'s configure-time errors.
case_cmake_package() {
    mkdir -p proj
    cat > proj/CMakeLists.txt <<'CM'
cmake_minimum_required(VERSION 3.20)
project(p C)
find_package(Whamm CONFIG REQUIRED)
foreach(t Whamm::whamm-ld Whamm::whamm-clang Whamm::whamm)
  if(NOT TARGET ${t})
    message(FATAL_ERROR "no ${t}")
  endif()
endforeach()
if(NOT EXISTS "${WHAMM_TOOLCHAIN_FILE}" OR NOT EXISTS "${WHAMM_MAKE_INCLUDE}")
  message(FATAL_ERROR "toolchain file / whamm.mk missing")
endif()
add_executable(app main.c)
add_library(lib STATIC main.c)
whamm_instrument(${WHAT})
message(STATUS "instrumented: ${WHAT}")
CM
    echo 'int main(void) { return 0; }' > proj/main.c
    echo 'wasm:opcode:*:before { }' > proj/ok.mm
    cmake -S proj -B ok -DCMAKE_PREFIX_PATH="$WHAMM_BUILD" "-DWHAT=app;ok.mm" > ok.log 2>&1 ||
        { cat ok.log; fail "configure"; }
    expect_error() {  # expect_error WHAT MESSAGE
        if cmake -S proj -B "e$1" -DCMAKE_PREFIX_PATH="$WHAMM_BUILD" "-DWHAT=$2" > err.log 2>&1; then
            fail "whamm_instrument($2) accepted"; fi
        grep -q "$3" err.log || { cat err.log; fail "no '$3'"; }
    }
    expect_error 1 "app;nope.mm" "no such script"
    expect_error 2 "lib;ok.mm" "is a STATIC_LIBRARY"
    expect_error 3 "app" "no script given"
    expect_error 4 "nosuch;ok.mm" "no target named"
}

make_sample() {
    make -f "$WHAMM_SRC/samples/make/Makefile" SAMPLE_DIR="$WHAMM_SRC/samples" \
        WHAMM_BIN="$WHAMM_BIN" "$@"
}

case_make_sample() {
    make_sample > make.log 2>&1 || { cat make.log; fail "make"; }
    grep -q 'llvm-ar' make.log || fail "AR is not llvm-ar"
    grep -q -- '-Wl,--whamm-script=.*icount.mm' make.log || fail "no script on the link line"
    exports_arena app.wasm || fail "not instrumented (no arena export)"
    single_memory app.wasm
    check_sample_output app.wasm
    make_sample check > check.log 2>&1 || { cat check.log; fail "make check"; }
    grep -q 'median=5' check.log || fail "make check output"
}

case_make_relink() {
    cp -r "$WHAMM_SRC/samples/scripts" scripts
    probes="$PWD/scripts/icount.mm $PWD/scripts/branches.mm"
    make_sample "WHAMM_PROBES=$probes" > make.log 2>&1 || { cat make.log; fail "make"; }
    make_sample "WHAMM_PROBES=$probes" > again.log 2>&1
    grep -q "Nothing to be done\|is up to date" again.log || fail "not up to date: $(cat again.log)"
    sleep 1
    echo '// edited' >> scripts/branches.mm
    make_sample "WHAMM_PROBES=$probes" > relink.log 2>&1
    [ "$(grep -c whamm-clang relink.log)" -eq 1 ] && grep -q -- '-o app.wasm' relink.log ||
        fail "expected only the link: $(cat relink.log)"
    check_sample_output app.wasm 'taken|not_taken'
}

"case_$(printf %s "$1" | tr - _)"
note "ok build.$1"
