#!/bin/sh
# ld.sh CASE -- whamm-ld tests (label integration): pass-through links,
# response files, the instrumentation seam driven by fake-whamm.sh, the
# arena object, -### output.  See docs/integration.md.
. "$(dirname "$0")/lib.sh"

# No scripts: byte-identical to running wasm-ld directly.
case_plain() {
    make_hello
    "$REAL_LD" $(ld_args hello.o) -o plain.wasm
    "$LD" $(ld_args hello.o) -o wrapped.wasm
    same plain.wasm wrapped.wasm
    [ "$(run_wasm wrapped.wasm)" = hello ] || fail "program output"
    "$CC" hello.o -o viaclang.wasm   # whamm-clang -> clang -> whamm-ld
    same plain.wasm viaclang.wasm
}

# --whamm-disable / WHAMM_DISABLE=1: scripts are ignored, plain link.
case_disable() {
    make_hello
    echo 'wasm:opcode:*:before { }' > p.mm
    "$REAL_LD" $(ld_args hello.o) -o plain.wasm
    "$LD" $(ld_args hello.o) --whamm-script=p.mm --whamm-disable -o d1.wasm
    same plain.wasm d1.wasm
    WHAMM_DISABLE=1 "$LD" $(ld_args hello.o) --whamm-script=p.mm -o d2.wasm
    same plain.wasm d2.wasm
    WHAMM_DISABLE=1 WHAMM_SCRIPTS=p.mm "$CC" hello.o -o d3.wasm
    same plain.wasm d3.wasm
}

# Arguments in a response file (quoted, with spaces, nested), our options
# inside it; with and without scripts.
case_rsp() {
    make_hello
    mkdir -p "dir with space"
    echo 'wasm:opcode:*:before { }' > "dir with space/p.mm"
    "$REAL_LD" $(ld_args hello.o) -o plain.wasm
    for a in $(ld_args hello.o); do printf '"%s" ' "$a"; done > args.rsp
    printf '"-o" "r1.wasm"\n' > out.rsp
    "$LD" @args.rsp @out.rsp
    same plain.wasm r1.wasm
    printf '@args.rsp "--whamm-script=dir with space/p.mm" -o r2.wasm\n' > all.rsp
    FAKE_WHAMM_LOG=log WHAMM_INSTR_TOOL="$FAKE" "$LD" @all.rsp
    grep -q -- '--script dir with space/p.mm' log || fail "script path not passed: $(cat log)"
    exports_arena r2.wasm || fail "r2.wasm does not export __whamm_arena"
    [ "$(run_wasm r2.wasm)" = hello ] || fail "r2.wasm output"
    # clang hands long command lines over as @file too
    printf '%s\n' hello.o -o r3.wasm '"-Wl,--whamm-script=dir with space/p.mm"' > cc.rsp
    FAKE_WHAMM_LOG=log3 WHAMM_INSTR_TOOL="$FAKE" "$CC" @cc.rsp
    exports_arena r3.wasm || fail "r3.wasm"
}

# -###: the exact commands, nothing run, no files made (golden file).
case_dry_run() {
    make_hello
    echo 'x' > p.mm; echo 'x' > q.mm; echo 'x' > r.mm
    WHAMM_REAL_LD=/usr/bin/wasm-ld-14 TMPDIR=/tmp \
    "$LD" -### $(ld_args hello.o) -o out/app.wasm --whamm-script=p.mm \
        -Xfoo --whamm-defs-path=defs --whamm-arena-size=128K 2> got.txt || fail "status $?"
    WHAMM_REAL_LD=/usr/bin/wasm-ld-14 WHAMM_SCRIPTS=q.mm:r.mm TMPDIR=/tmp \
    "$LD" -### $(ld_args hello.o) -o app2.wasm 2>> got.txt
    WHAMM_REAL_LD=/usr/bin/wasm-ld-14 \
    "$LD" -### $(ld_args hello.o) -o plain.wasm 2>> got.txt
    sed -e "s|$WHAMM_BIN|<BIN>|g" \
        -e "s|$("$CLANG" --target=wasm32-wasi -print-libgcc-file-name)|<BUILTINS>|g" \
        got.txt > got.norm
    if [ -n "${WHAMM_REBASE:-}" ]; then cp got.norm "$HERE/golden/dry-run.txt"; fi
    diff -u "$HERE/golden/dry-run.txt" got.norm || fail "-### output differs"
    [ ! -e out/app.wasm ] && [ ! -e app2.wasm ] || fail "dry run wrote output"
}

# The seam, success: the instrumenter's output replaces the link output;
# the arena is linked in, exported, 16-byte aligned.
case_seam_ok() {
    make_hello
    echo 'x' > p.mm
    FAKE_WHAMM_LOG=log FAKE_WHAMM_SAVE=saved.wasm WHAMM_INSTR_TOOL="$FAKE" \
        "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app.wasm
    same saved.wasm app.wasm
    exports_arena app.wasm || fail "no __whamm_arena export"
    wasm-objdump -x app.wasm | grep -q 'Custom:' || fail "not the fake's output"
    addr=$(wasm-objdump -x -j Global app.wasm | sed -n 's/.*<__whamm_arena> - init i32=\([0-9]*\).*/\1/p')
    [ -n "$addr" ] && [ $((addr % 16)) -eq 0 ] || fail "arena address '$addr' not 16-aligned"
    grep -q -- "--app app.wasm --script p.mm -o ./app.wasm.whamm-.* --memory=app --arena-export=__whamm_arena --arena-size=65536\$" log ||
        fail "unexpected instr command: $(cat log)"
    [ "$(run_wasm app.wasm)" = hello ] || fail "program output"
    ls app.wasm.whamm-* 2>/dev/null && fail "temp file left behind"
    # WHAMM_ARENA_SIZE and the order of scripts (command line, then env)
    echo y > q.mm
    FAKE_WHAMM_LOG=log2 WHAMM_INSTR_TOOL="$FAKE" WHAMM_ARENA_SIZE=1M WHAMM_SCRIPTS=q.mm \
        "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app2.wasm --whamm-defs-path=/defs
    grep -q -- "--script p.mm --script q.mm .*--arena-size=1048576 --defs-path /defs\$" log2 ||
        fail "unexpected instr command: $(cat log2)"
}

# The seam, failure: status and diagnostics pass through, output removed.
case_seam_fail() {
    make_hello
    echo 'x' > p.mm
    echo stale > app.wasm
    set +e
    FAKE_WHAMM_MODE=fail FAKE_WHAMM_STATUS=7 WHAMM_INSTR_TOOL="$FAKE" \
        "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app.wasm 2> err.txt
    st=$?
    set -e
    [ $st -eq 7 ] || fail "status $st, expected 7"
    grep -q '^probes.mm:3:5: error: fake failure' err.txt || fail "diagnostic lost: $(cat err.txt)"
    [ ! -e app.wasm ] || fail "output not removed"
    ls app.wasm.whamm-* 2>/dev/null | grep -q . && fail "temp files left"
    # through clang: clang reports the linker failure, no output either
    if FAKE_WHAMM_MODE=fail WHAMM_INSTR_TOOL="$FAKE" "$CC" hello.o -o app.wasm \
        -Wl,--whamm-script=p.mm 2> err2.txt; then fail "clang link succeeded"; fi
    grep -q 'probes.mm:3:5: error' err2.txt || fail "diagnostic lost via clang"
    [ ! -e app.wasm ] || fail "output not removed (clang)"
    # a missing script fails before linking
    if "$LD" $(ld_args hello.o) --whamm-script=nope.mm -o app.wasm 2> err3.txt; then
        fail "missing script accepted"; fi
    grep -q "cannot read script 'nope.mm'" err3.txt || fail "$(cat err3.txt)"
}

# A script with a syntax error: the front end's file:line:col reaches the
# user and no output is left.  (`whamm instr` does not exist yet; the fake
# runs the real front end through `whamm check` -- see docs.)
case_script_error() {
    make_hello
    printf '// bad\nwasm:opcode:*:before {\n    count++\n}\n' > bad.mm
    if FAKE_WHAMM_MODE=check FAKE_WHAMM_REAL="$WHAMM_BIN/whamm" WHAMM_INSTR_TOOL="$FAKE" \
        "$CC" hello.o -o app.wasm -Wl,--whamm-script=bad.mm 2> err.txt; then
        fail "link with a bad script succeeded"; fi
    grep -q '^bad.mm:[0-9]*:[0-9]*: error' err.txt || fail "no file:line:col: $(cat err.txt)"
    [ ! -e app.wasm ] || fail "output left behind"
    ls app.wasm.whamm-* 2>/dev/null && fail "temp left" || true
}

# Exit 3 + "arena too small: need N bytes": relink with N, instrument again.
case_seam_arena() {
    make_hello
    echo 'x' > p.mm
    FAKE_WHAMM_MODE=arena FAKE_WHAMM_NEED=200000 FAKE_WHAMM_LOG=log WHAMM_INSTR_TOOL="$FAKE" \
        "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app.wasm 2> err.txt
    [ "$(grep -c instr log)" -eq 2 ] || fail "expected 2 instr runs: $(cat log)"
    grep -q -- '--arena-size=65536' log && grep -q -- '--arena-size=200000' log ||
        fail "arena sizes: $(cat log)"
    exports_arena app.wasm || fail "no arena export"
    [ "$(run_wasm app.wasm)" = hello ] || fail "program output"
    # asking again after the relink is a failure (only one retry)
    if FAKE_WHAMM_MODE=arena FAKE_WHAMM_NEED=2000000000 WHAMM_INSTR_TOOL="$FAKE" \
        WHAMM_ARENA_SIZE=64 "$LD" $(ld_args hello.o) --whamm-script=p.mm -o b.wasm 2>/dev/null
    then fail "accepted an arena beyond the limit"; fi
    [ ! -e b.wasm ] || fail "output left"
}

# The real seam today: `whamm instr` is not implemented, so a link with a
# script fails cleanly (non-zero, output removed, whamm's message shown).
case_seam_real() {
    make_hello
    echo 'x' > p.mm
    if "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app.wasm 2> err.txt; then
        note "whamm instr exists now: update tests/integration (issue 5)"
        exports_arena app.wasm || fail "no arena export"
        return 0
    fi
    grep -q "whamm-ld: error: instrumenting 'app.wasm' failed; output removed" err.txt ||
        fail "$(cat err.txt)"
    [ ! -e app.wasm ] || fail "output left"
}

# -r links pass through untouched, scripts or not.
case_relocatable() {
    make_hello
    echo 'x' > p.mm
    "$REAL_LD" -r hello.o -o plain.o
    WHAMM_INSTR_TOOL=/bin/false "$LD" -r hello.o --whamm-script=p.mm -o w.o
    same plain.o w.o
    "$REAL_LD" --version > v1.txt
    "$LD" --version --whamm-script=p.mm > v2.txt
    same v1.txt v2.txt
}

# WHAMM_SCRIPTS never instruments configure/CMake probe links.
case_probe_links() {
    make_hello
    echo 'x' > p.mm
    "$REAL_LD" $(ld_args hello.o) -o plain.wasm
    WHAMM_SCRIPTS=p.mm WHAMM_INSTR_TOOL=/bin/false "$LD" $(ld_args hello.o) -o conftest
    same plain.wasm conftest
    WHAMM_SCRIPTS=p.mm WHAMM_INSTR_TOOL=/bin/false "$LD" $(ld_args hello.o) -o cmTC_1234.wasm
    same plain.wasm cmTC_1234.wasm
}

# Finding the real wasm-ld: never whamm-ld itself; bad options are errors.
case_real_ld() {
    make_hello
    if WHAMM_REAL_LD="$LD" "$LD" $(ld_args hello.o) -o a.wasm 2> err.txt; then
        fail "whamm-ld ran itself"; fi
    grep -q "is whamm-ld itself" err.txt || fail "$(cat err.txt)"
    mkdir -p fakebin
    ln -s "$LD" fakebin/wasm-ld
    ln -s "$LD" fakebin/wasm-ld-14
    PATH="$PWD/fakebin:$PATH" "$LD" $(ld_args hello.o) -o b.wasm
    [ "$(run_wasm b.wasm)" = hello ] || fail "PATH lookup"
    if "$LD" --whamm-scirpt=x.mm hello.o -o c.wasm 2> err2.txt; then fail "typo accepted"; fi
    grep -q "unknown option '--whamm-scirpt=x.mm'" err2.txt || fail "$(cat err2.txt)"
    "$LD" --whamm-help | grep -q -- '--whamm-script=F' || fail "--whamm-help"
}

"case_$(printf %s "$1" | tr - _)"
no_temp_left
note "ok ld.$1"
