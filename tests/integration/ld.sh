#!/bin/sh
# ld.sh CASE -- whamm-ld tests (label integration): pass-through links,
# response files, the instrumentation seam (its protocol driven by
# fake-whamm.sh; real links with `whamm instr`: seam-real, arena-real,
# script-error), the arena object, -### output.  See docs/integration.md.
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
    # and for real: `whamm instr` gets the script path with its space
    printf 'report var n: u32;\nwasm:func:entry { n++; }\n' > "dir with space/n.mm"
    printf '@args.rsp "--whamm-script=dir with space/n.mm" -o r4.wasm\n' > real.rsp
    "$LD" @real.rsp
    run_wasm r4.wasm > run.txt || fail "r4.wasm exited $?"
    [ "$(program_output run.txt)" = hello ] || fail "r4.wasm output: $(cat run.txt)"
    n=$(report_value run.txt n)
    [ -n "$n" ] && [ "$n" -gt 1 ] || fail "r4.wasm report: $(cat run.txt)"
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
    # the report's format: the option wins over WHAMM_REPORT_FORMAT; a bad
    # value is a usage error
    FAKE_WHAMM_LOG=log3 WHAMM_INSTR_TOOL="$FAKE" WHAMM_REPORT_FORMAT=csv \
        "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app3.wasm --whamm-report-format=json
    grep -q -- "--arena-size=65536 --report-format=json\$" log3 ||
        fail "unexpected instr command: $(cat log3)"
    set +e
    WHAMM_INSTR_TOOL="$FAKE" "$LD" $(ld_args hello.o) --whamm-script=p.mm \
        -o app4.wasm --whamm-report-format=xml 2> err4.txt
    st=$?
    set -e
    [ "$st" -ne 0 ] || fail "--whamm-report-format=xml was accepted"
    grep -q "whamm-ld: error: --whamm-report-format is 'csv' or 'json', not 'xml'" err4.txt ||
        fail "message: $(cat err4.txt)"
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

# A script with a syntax error: `whamm instr`'s located diagnostic
# (file:line:col) reaches the user, the link fails, no output or temp file
# is left -- through whamm-clang and through whamm-ld directly.
case_script_error() {
    make_hello
    printf '// bad\nwasm:opcode:*:before {\n    count++\n}\n' > bad.mm
    echo stale > app.wasm
    if "$CC" hello.o -o app.wasm -Wl,--whamm-script=bad.mm 2> err.txt; then
        fail "link with a bad script succeeded"; fi
    cat err.txt
    # the missing `;` is reported just after `count++` (line 3, column 12)
    grep -q '^bad.mm:3:12: error' err.txt || fail "no file:line:col: $(cat err.txt)"
    grep -q "whamm-ld: error: instrumenting 'app.wasm' failed; output removed" err.txt ||
        fail "no whamm-ld message: $(cat err.txt)"
    grep -q 'linker command failed' err.txt || fail "clang did not see the failure"
    [ ! -e app.wasm ] || fail "output left behind"
    if "$LD" $(ld_args hello.o) --whamm-script=bad.mm -o app2.wasm 2> err2.txt; then
        fail "whamm-ld link with a bad script succeeded"; fi
    grep -q '^bad.mm:3:12: error' err2.txt || fail "no file:line:col: $(cat err2.txt)"
    [ ! -e app2.wasm ] || fail "output left behind (whamm-ld)"
    ls app.wasm.whamm-* app2.wasm.whamm-* 2>/dev/null && fail "temp left" || true
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

# The real seam: whamm-ld links with the arena and `whamm instr`
# instruments; the program runs, prints its output, then the report.  The
# link is quiet (the "N sites" lines only with --whamm-verbose), the output
# has one memory and keeps the arena export (the wasm-opt shim's marker).
case_seam_real() {
    make_hello
    printf 'wasm:func:entry / fname == "main" || fname == "__original_main" / {\n' > p.mm
    printf '    report var calls: u32;\n    calls++;\n}\n' >> p.mm
    "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app.wasm > out.txt 2> err.txt
    [ ! -s out.txt ] && [ ! -s err.txt ] || fail "not quiet: $(cat out.txt err.txt)"
    wasm-validate app.wasm || fail "app.wasm does not validate"
    exports_arena app.wasm || fail "no __whamm_arena export"
    single_memory app.wasm
    run_wasm app.wasm > run.txt || fail "app.wasm exited $?"
    [ "$(program_output run.txt)" = hello ] || fail "program output: $(cat run.txt)"
    # hello.c's main is __original_main (clang), entered once; the rows'
    # fid/pc depend on the link and are not compared
    [ "$(report_rows run.txt calls '.*')" = "calls __original_main 1" ] ||
        fail "report: $(cat run.txt)"
    ls app.wasm.whamm-* 2>/dev/null && fail "temp file left behind"
    # --whamm-verbose: the commands and `whamm instr`'s site lines (stderr)
    "$LD" $(ld_args hello.o) --whamm-script=p.mm -o v.wasm --whamm-verbose > vout.txt 2> verr.txt
    [ ! -s vout.txt ] || fail "verbose output on stdout: $(cat vout.txt)"
    grep -q '"instr" "--app" "v.wasm"' verr.txt || fail "no instr command: $(cat verr.txt)"
    grep -q '^p.mm:1:1: wasm:func:entry: 1 site$' verr.txt || fail "no site line: $(cat verr.txt)"
    # WHAMM_DISABLE with the real tool: byte-identical to a plain link
    "$REAL_LD" $(ld_args hello.o) -o plain.wasm
    WHAMM_DISABLE=1 "$LD" $(ld_args hello.o) --whamm-script=p.mm -o d.wasm
    same plain.wasm d.wasm
    # --whamm-defs-path reaches `whamm instr`
    "$LD" $(ld_args hello.o) --whamm-script=p.mm --whamm-defs-path="$WHAMM_SRC/providers" \
        -o defs.wasm
    exports_arena defs.wasm || fail "defs.wasm"
    if "$LD" $(ld_args hello.o) --whamm-script=p.mm --whamm-defs-path="$WORK/nope" \
        -o nodefs.wasm 2> defs.err; then fail "a missing --whamm-defs-path was accepted"; fi
    grep -q "nope" defs.err || fail "$(cat defs.err)"
    [ ! -e nodefs.wasm ] || fail "output left"
}

# A real arena-too-small relink: a 64-byte arena cannot hold the runtime's
# state, `whamm instr` exits 3 with the size it needs, whamm-ld relinks
# with that arena and instruments again.  Quiet unless verbose; the output
# has one memory with the arena inside it.
case_arena_real() {
    make_hello
    printf 'wasm:opcode:br_if:before {\n    report var n: u32;\n    n++;\n}\n' > p.mm
    "$LD" $(ld_args hello.o) --whamm-script=p.mm --whamm-arena-size=64 \
        -o app.wasm 2> err.txt
    [ ! -s err.txt ] || fail "not quiet: $(cat err.txt)"
    WHAMM_ARENA_SIZE=64 "$LD" $(ld_args hello.o) --whamm-script=p.mm --whamm-verbose \
        -o v.wasm 2> verr.txt
    [ "$(grep -c '"instr" "--app"' verr.txt)" -eq 2 ] ||
        fail "expected 2 instr runs: $(cat verr.txt)"
    need=$(sed -n 's/^whamm: arena too small: need \([0-9]*\) bytes$/\1/p' verr.txt)
    [ -n "$need" ] && [ "$need" -gt 64 ] || fail "no need line: $(cat verr.txt)"
    size=$(( (need + 15) / 16 * 16 ))
    grep -q "relinking with a $size-byte arena" verr.txt || fail "$(cat verr.txt)"
    grep -q -- "--arena-size=$size" verr.txt || fail "second run's arena: $(cat verr.txt)"
    same app.wasm v.wasm
    wasm-validate app.wasm || fail "app.wasm does not validate"
    single_memory app.wasm
    # the arena lies in memory 0, 16-aligned, in the static data: wasm-ld
    # lays out data, then the stack (growing down from __stack_pointer's
    # initial value), then the heap, so malloc never hands the arena out
    wasm-objdump -x -j Global app.wasm > globals.txt
    addr=$(sed -n 's/.*<__whamm_arena> - init i32=\([0-9]*\).*/\1/p' globals.txt)
    sp=$(sed -n 's/.*<__stack_pointer> - init i32=\([0-9]*\).*/\1/p' globals.txt)
    [ -n "$addr" ] && [ $((addr % 16)) -eq 0 ] || fail "arena address '$addr'"
    [ -n "$sp" ] && [ $((addr + size)) -le "$sp" ] ||
        fail "arena $addr+$size above the stack top $sp"
    run_wasm app.wasm > run.txt || fail "app.wasm exited $?"
    [ "$(program_output run.txt)" = hello ] || fail "program output: $(cat run.txt)"
    grep -q 'REPORT CSV FLUSH' run.txt || fail "no report"
}

# --whamm-werror / -Wl,--whamm-werror / WHAMM_WERROR=1: `whamm instr
# --werror`, so a warning (here a probe without a site) fails the link and
# leaves no output; without it the link succeeds and shows the warning.
case_werror() {
    make_hello
    # hello has no `throw` (no exceptions): an existing event, no site
    printf 'wasm:opcode:throw:before {\n    report var n: u32;\n    n++;\n}\n' > nosite.mm
    "$LD" $(ld_args hello.o) --whamm-script=nosite.mm -o warn.wasm 2> warn.err ||
        fail "a warning failed the link: $(cat warn.err)"
    grep -q "^nosite.mm:1:1: warning: .*matched no site in the module \[E0602\]" warn.err ||
        fail "no warning: $(cat warn.err)"
    [ "$(run_wasm warn.wasm)" = hello ] || fail "warn.wasm output"
    if "$LD" $(ld_args hello.o) --whamm-script=nosite.mm --whamm-werror \
        -o w1.wasm 2> w1.err; then fail "--whamm-werror: link succeeded"; fi
    grep -q "^nosite.mm:1:1: error: .*\[E0602\]" w1.err || fail "w1: $(cat w1.err)"
    grep -q "instrumenting 'w1.wasm' failed; output removed" w1.err || fail "w1: $(cat w1.err)"
    [ ! -e w1.wasm ] || fail "--whamm-werror: output left"
    if WHAMM_WERROR=1 "$LD" $(ld_args hello.o) --whamm-script=nosite.mm \
        -o w2.wasm 2> w2.err; then fail "WHAMM_WERROR=1: link succeeded"; fi
    grep -q "^nosite.mm:1:1: error: .*\[E0602\]" w2.err || fail "w2: $(cat w2.err)"
    [ ! -e w2.wasm ] || fail "WHAMM_WERROR=1: output left"
    WHAMM_WERROR=0 "$LD" $(ld_args hello.o) --whamm-script=nosite.mm -o w0.wasm 2> /dev/null ||
        fail "WHAMM_WERROR=0 failed the link"
    if "$CC" hello.o -o w3.wasm -Wl,--whamm-script=nosite.mm -Wl,--whamm-werror \
        2> w3.err; then fail "-Wl,--whamm-werror: link succeeded"; fi
    grep -q "^nosite.mm:1:1: error: .*\[E0602\]" w3.err || fail "w3: $(cat w3.err)"
    [ ! -e w3.wasm ] || fail "-Wl,--whamm-werror: output left"
    # a script with sites links fine under --whamm-werror
    printf 'wasm:func:entry { }\n' > site.mm
    "$LD" $(ld_args hello.o) --whamm-script=site.mm --whamm-werror -o ok.wasm ||
        fail "--whamm-werror without a warning"
    # the option reaches the tool (seam protocol)
    FAKE_WHAMM_LOG=log WHAMM_INSTR_TOOL="$FAKE" WHAMM_WERROR=1 \
        "$LD" $(ld_args hello.o) --whamm-script=site.mm -o f.wasm
    grep -q -- "--arena-size=65536 --werror\$" log || fail "instr command: $(cat log)"
}

# A misspelt WHAMM_* variable (WHAMM_SCRIPT for WHAMM_SCRIPTS) is warned
# about, with the name meant, by whamm-ld, whamm-clang and whamm (once per
# tool chain: whamm-ld takes it out of its children's environment); an
# error with --whamm-werror / WHAMM_WERROR=1.  Variables the instrumented
# program reads (WHAMM_REPORT) and names far from every one whamm reads are
# left alone.
case_env_typo() {
    make_hello
    echo 'wasm:func:entry { }' > p.mm
    "$REAL_LD" $(ld_args hello.o) -o plain.wasm
    WHAMM_SCRIPT=p.mm "$LD" $(ld_args hello.o) -o t1.wasm 2> t1.err ||
        fail "t1: $(cat t1.err)"
    same plain.wasm t1.wasm
    grep -q "^whamm-ld: warning: environment variable WHAMM_SCRIPT is not one whamm reads; it is ignored (did you mean WHAMM_SCRIPTS, read by whamm-ld?)\$" t1.err ||
        fail "t1: $(cat t1.err)"
    # through clang: reported once, by whamm-ld
    WHAMM_SCRIPT=p.mm "$CC" hello.o -o t2.wasm 2> t2.err || fail "t2: $(cat t2.err)"
    [ "$(grep -c 'WHAMM_SCRIPT is not one whamm reads' t2.err)" = 1 ] || fail "t2: $(cat t2.err)"
    # a compile step: whamm-clang itself
    printf 'int f(void) { return 1; }\n' > f.c
    WHAMM_CXXX=1 "$CC" -c f.c -o f.o 2> t3.err || fail "t3: $(cat t3.err)"
    grep -q "^whamm-clang: warning: environment variable WHAMM_CXXX .*did you mean WHAMM_CXX" t3.err ||
        fail "t3: $(cat t3.err)"
    # instrumenting: whamm-ld warns, `whamm instr` does not repeat it
    WHAMM_ARENASIZE=1M "$LD" $(ld_args hello.o) --whamm-script=p.mm -o t4.wasm 2> t4.err ||
        fail "t4: $(cat t4.err)"
    [ "$(grep -c 'WHAMM_ARENASIZE' t4.err)" = 1 ] || fail "t4: $(cat t4.err)"
    # --whamm-werror / WHAMM_WERROR=1: an error, no link
    if WHAMM_SCRIPT=p.mm "$LD" $(ld_args hello.o) --whamm-werror -o t5.wasm 2> t5.err; then
        fail "t5: linked"; fi
    grep -q "^whamm-ld: error: environment variable WHAMM_SCRIPT" t5.err || fail "t5: $(cat t5.err)"
    [ ! -e t5.wasm ] || fail "t5: output written"
    if WHAMM_WERROR=1 WHAMM_SCRIPT=p.mm "$LD" $(ld_args hello.o) -o t6.wasm 2> t6.err; then
        fail "t6: linked"; fi
    # the program's own variable, other tools' names and correct ones: quiet
    WHAMM_REPORT=stderr WHAMM_SCRIPTS=p.mm WHAMM_SANITIZE=ON WHAMM_REBASE=1 \
        "$LD" $(ld_args hello.o) -o t7.wasm 2> t7.err || fail "t7: $(cat t7.err)"
    grep -q "environment variable" t7.err && fail "t7: $(cat t7.err)"
    # whamm itself (WHAMM_HOME)
    if ! WHAMM_HOM=/nowhere "$WHAMM_BIN/whamm" check p.mm 2> t8.err; then
        fail "t8: $(cat t8.err)"; fi
    grep -q "^warning: environment variable WHAMM_HOM is not one whamm reads; it is ignored \[E0007\]" t8.err ||
        fail "t8: $(cat t8.err)"
    grep -q "^note: did you mean WHAMM_HOME (read by whamm)?" t8.err || fail "t8: $(cat t8.err)"
    return 0
}

# The instrumented output keeps wasm-ld's mode (executable), as a plain
# link would have it; the arena object lives beside the output and is gone
# afterwards.
case_exec_bit() {
    make_hello
    printf 'wasm:func:entry { }\n' > p.mm
    "$REAL_LD" $(ld_args hello.o) -o plain.wasm
    "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app.wasm
    [ -x plain.wasm ] || fail "wasm-ld's output is not executable here"
    [ "$(stat -c %a app.wasm)" = "$(stat -c %a plain.wasm)" ] ||
        fail "mode $(stat -c %a app.wasm), plain link $(stat -c %a plain.wasm)"
    FAKE_WHAMM_LOG=log WHAMM_INSTR_TOOL="$FAKE" \
        "$LD" $(ld_args hello.o) --whamm-script=p.mm -o fake.wasm
    [ "$(stat -c %a fake.wasm)" = "$(stat -c %a plain.wasm)" ] ||
        fail "fake.wasm: mode $(stat -c %a fake.wasm)"
    ls ./*.whamm-arena.o 2>/dev/null && fail "arena object left"
    true
}

# signal_num NAME: the number of SIGHUP/INT/TERM
signal_num() { case $1 in HUP) echo 1 ;; INT) echo 2 ;; TERM) echo 15 ;; esac; }

# SIGINT/SIGTERM/SIGHUP while `whamm instr` runs: whamm-ld forwards the
# signal to it, waits, removes the half-finished output (the plain link,
# which must not look up to date) and everything temporary, and dies of
# the same signal.  The fake tool says when it is running (a FIFO) and
# records the signal it got.
case_interrupt_instr() {
    make_hello
    echo 'x' > p.mm
    for sig in INT TERM HUP; do
        rm -f ready got
        mkfifo ready
        # background jobs of a script start with SIGINT ignored (kept
        # ignored by whamm-ld): give them the default back
        FAKE_WHAMM_MODE=hang FAKE_WHAMM_READY=ready FAKE_WHAMM_GOT=got \
            WHAMM_INSTR_TOOL="$FAKE" env --default-signal=INT,TERM,HUP \
            "$LD" $(ld_args hello.o) --whamm-script=p.mm -o app.wasm 2> err.txt &
        pid=$!
        read -r line < ready
        [ -e app.wasm ] || fail "$sig: no link output while instrumenting"
        interrupt_whamm_ld "$sig" "$pid" "$sig" "the tool"
    done
    true
}

# interrupt_whamm_ld SIG PID WHAT CHILD: sends SIG to whamm-ld (PID, run in
# the background with stderr in err.txt), which must forward it to CHILD
# (whose stand-in writes the signal's name to `got`), then die of it,
# leaving neither app.wasm nor a file of its own (whamm-*).
interrupt_whamm_ld() {
    kill -s "$1" "$2"
    st=0
    wait "$2" || st=$?
    [ "$st" -eq $((128 + $(signal_num "$1"))) ] ||
        fail "$3: whamm-ld exited $st: $(cat err.txt)"
    [ "$(cat got)" = "$1" ] || fail "$3: $4 got '$(cat got)'"
    [ ! -e app.wasm ] || fail "$3: app.wasm was left (uninstrumented) or made"
    if ls -A | grep -q 'whamm-'; then fail "$3: left $(ls -A | grep whamm-)"; fi
}

# The same while wasm-ld runs (a stand-in that waits to be signalled):
# forwarded, whamm-ld dies of it, nothing of ours is left.
case_interrupt_ld() {
    echo 'x' > p.mm
    cat > hang-ld.sh <<'HANG'
#!/bin/sh
sleep 60 < /dev/null > /dev/null 2>&1 &
sp=$!
for s in INT TERM HUP; do
    trap "echo $s > got; kill \$sp; trap - $s; kill -s $s \$\$" "$s"
done
echo ready > ready
wait "$sp" || true
exit 1
HANG
    chmod +x hang-ld.sh
    for sig in INT TERM; do
        for scripts in "" "--whamm-script=p.mm"; do
            rm -f ready got
            mkfifo ready
            WHAMM_REAL_LD="$PWD/hang-ld.sh" env --default-signal=INT,TERM,HUP \
                "$LD" x.o $scripts -o app.wasm 2> err.txt &
            pid=$!
            read -r line < ready
            interrupt_whamm_ld "$sig" "$pid" "$sig $scripts" wasm-ld
        done
    done
    true
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
