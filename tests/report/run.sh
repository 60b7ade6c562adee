#!/usr/bin/env bash
# run.sh -- one case of tests/report (labels "report", "e2e"): the report's
# formats read back with real parsers, and its destinations, end to end:
# build the app, instrument it with `whamm instr`, run it under node 20
# (tests/tools/run-wasi.mjs) and check what it printed where
# (docs/instr.md "The report"; NOTES says how every expectation was
# derived).
#
# usage: run.sh WHAMM CASE WORK
#
#   cxx            C++ app (clang++ --target=wasm32-wasi, no C++ library)
#                  whose function names have commas: CSV and JSON reports
#                  parsed with Python's csv and json modules (check.py)
#   values         strings and numbers CSV must quote and JSON escape, read
#                  back with Python's csv and json modules; an unknown
#                  --report-format is a usage error
#   dest-separate  WHAMM_REPORT=stdout|stderr|FILE, files that cannot be
#   dest-app       opened, a big environment, a closed stdout, closed
#   dest-default   stdout and stderr -- with whamm's state in a memory of
#                  its own (--memory=separate), in an arena
#                  (--memory=app), and where whamm puts it by default for
#                  an app without an arena
#   closed-stdout  a C app that closes fd 1 before main returns: the report
#                  goes to stderr after one line saying why
#
# Outputs with more than one memory run natively on node 24
# (tests/tools/node24.sh; missing = the case fails), the others on node 20.
# Env: WHAMM_DEFS (provider definitions),
# NODE, PYTHON3, WAT2WASM, CLANG, CLANGXX.
set -euo pipefail

die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }
[[ $# -eq 3 ]] || die "usage: run.sh WHAMM CASE WORK"
whamm=$1 case=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tests=$(cd "$here/.." && pwd)
NODE=${NODE:-node}
PYTHON3=${PYTHON3:-python3}
WAT2WASM=${WAT2WASM:-wat2wasm}
CLANG=${CLANG:-clang}
CLANGXX=${CLANGXX:-clang++}
run_wasi=$tests/tools/run-wasi.mjs
export NO_COLOR=1

fail() { printf 'FAIL report.%s: %s\n' "$case" "$*"; exit 1; }
command -v "$PYTHON3" >/dev/null 2>&1 ||
    fail "python3 not found (./setup.sh installs it; or set PYTHON3)"

rm -rf -- "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")

# instr APP OUT SCRIPT [OPTIONS...]
instr() {
    local app=$1 out=$2 script=$3
    shift 3
    "$whamm" instr --app "$app" --script "$script" -o "$out" "${defs[@]}" \
        "$@" >"$work/instr.out" 2>"$work/instr.err" ||
        { cat "$work/instr.err"; fail "whamm instr $* exited $?"; }
    wasm-validate --enable-all "$out" || fail "$out does not validate"
}

# prepare MODULE: RUN_NODE[i] runs RUN_MOD[i] for each way to run it
prepare() {
    local mod=$1
    RUN_NODE=() RUN_MOD=()
    local sections
    sections=$(wasm-objdump -x "$mod")
    if grep -q 'memory\[1\]' <<<"$sections"; then
        local n24
        n24=$("$tests/tools/node24.sh") ||
            fail "$mod needs node 24 (more than one memory): run ./setup.sh"
        RUN_NODE+=("$n24") RUN_MOD+=("$mod")
    else
        RUN_NODE+=("$NODE") RUN_MOD+=("$mod")
    fi
}

# go I [run-wasi options...]: runs the I-th way; $work/o, $work/e, $st
go() {
    local i=$1
    shift
    set +e
    "${RUN_NODE[$i]}" --no-warnings "$run_wasi" "$@" -- "${RUN_MOD[$i]}" \
        >"$work/o" 2>"$work/e" </dev/null
    st=$?
    set -e
    label="$(basename "${RUN_MOD[$i]}") on $("${RUN_NODE[$i]}" --version)"
}

# same WHAT GOT WANT: files equal, else a diff and failure
same() {
    cmp -s "$2" "$3" && return 0
    printf -- '--- %s: expected %s, got %s\n' "$1" "$3" "$2"
    diff -u --label expected --label actual "$3" "$2" | head -n 40 || true
    fail "$1 ($label)"
}

# outcome WHAT STATUS STDOUT_FILE STDERR_FILE
outcome() {
    [[ $st == "$2" ]] || { cat "$work/e"; fail "$1: exit $st, expected $2 ($label)"; }
    same "$1: stdout" "$work/o" "$3"
    same "$1: stderr" "$work/e" "$4"
}

: >"$work/empty"

case_cxx() {
    "$CLANGXX" --target=wasm32-wasi -O0 -fno-exceptions -fno-rtti -c \
        -o "$work/app.o" "$here/cxx/app.cc"
    # linked without -O (clang would run wasm-opt and drop the name section)
    "$CLANGXX" --target=wasm32-wasi -nostdlib++ -o "$work/app.wasm" "$work/app.o"
    wasm-objdump -x -j Function "$work/app.wasm" |
        sed -n 's/^ - func\[\([0-9]*\)\] sig=[0-9]* <\(.*\)>$/\1 \2/p' >"$work/fids"
    grep -qF ' ns::A::f(int, int)' "$work/fids" || fail "no demangled names: $(cat "$work/fids")"
    printf 'sum 148\n' >"$work/want-prog"
    for fmt in csv json; do
        instr "$work/app.wasm" "$work/$fmt.wasm" "$here/cxx/funcs.mm" --report-format=$fmt
        prepare "$work/$fmt.wasm"
        for i in "${!RUN_MOD[@]}"; do
            go "$i"
            [[ $st == 0 ]] || { cat "$work/e"; fail "$fmt: exit $st ($label)"; }
            head -n 1 "$work/o" >"$work/prog"
            same "$fmt: program output" "$work/prog" "$work/want-prog"
            same "$fmt: stderr" "$work/e" "$work/empty"
            "$PYTHON3" "$here/check.py" $fmt "$work/o" "$here/cxx/expect-$fmt.json" \
                "$work/fids" || fail "$fmt report ($label)"
        done
    done
}

case_values() {
    "$WAT2WASM" --enable-all --debug-names "$here/values/app.wat" -o "$work/app.wasm"
    # a format whamm does not know: a usage error, no output
    set +e
    "$whamm" instr --app "$work/app.wasm" --script "$here/values/values.mm" \
        -o "$work/xml.wasm" "${defs[@]}" --report-format=xml 2>"$work/xml.err"
    st=$?
    set -e
    [[ $st == 2 && ! -e $work/xml.wasm ]] || fail "--report-format=xml: exit $st"
    grep -qF "whamm instr: --report-format is 'csv' or 'json', not 'xml'" "$work/xml.err" ||
        fail "--report-format=xml: $(cat "$work/xml.err")"
    for fmt in csv json; do
        instr "$work/app.wasm" "$work/$fmt.wasm" "$here/values/values.mm" --report-format=$fmt
        prepare "$work/$fmt.wasm"
        for i in "${!RUN_MOD[@]}"; do
            go "$i"
            [[ $st == 0 ]] || { cat "$work/e"; fail "$fmt: exit $st ($label)"; }
            "$PYTHON3" "$here/check.py" $fmt "$work/o" "$here/values/expect-$fmt.json" ||
                fail "$fmt report ($label)"
        done
    done
}

# The app of case dest with `;; CLOSE` replaced by $2 (WAT), assembled.
dest_app() {
    local name=$1 close=$2 mode=$3
    sed "s|;; CLOSE|$close|" "$here/dest/app.wat" >"$work/$name.wat"
    # default: an app without an arena, so whamm chooses where its state goes
    [[ $mode != default ]] || sed -i '/__whamm_arena/d' "$work/$name.wat"
    "$WAT2WASM" --enable-all --debug-names "$work/$name.wat" -o "$work/$name.wasm"
}

case_dest() {
    local mode=$1 opts=()
    case $mode in
    separate) opts=(--memory=separate) ;;
    app) opts=(--memory=app --arena-size=131072) ;;
    default) opts=() ;;
    esac
    local d=$here/dest
    dest_app app '' "$mode"
    dest_app close1 '(drop (call $fd_close (i32.const 1)))' "$mode"
    dest_app close2 '(drop (call $fd_close (i32.const 2)))' "$mode"
    dest_app close12 '(drop (call $fd_close (i32.const 1))) (drop (call $fd_close (i32.const 2)))' "$mode"
    for v in app close1 close2 close12; do
        instr "$work/$v.wasm" "$work/$v.out.wasm" "$d/dest.mm" "${opts[@]}"
    done
    instr "$work/app.wasm" "$work/json.out.wasm" "$d/dest.mm" "${opts[@]}" \
        --report-format=json
    printf 'app done\n' >"$work/app-done"
    cat "$work/app-done" "$d/report.csv" >"$work/want-all"
    # a big environment: 300 variables of 100 bytes before WHAMM_REPORT
    local big=() pad
    pad=$(printf '%0100d' 0)
    for k in $(seq 1 300); do big+=(--env "FILLER_$k=$pad"); done

    local n
    prepare "$work/app.out.wasm"
    n=${#RUN_MOD[@]}
    for ((i = 0; i < n; i++)); do
        go "$i"
        outcome "no WHAMM_REPORT" 0 "$work/want-all" "$work/empty"
        go "$i" --env WHAMM_REPORT=stdout
        outcome "stdout" 0 "$work/want-all" "$work/empty"
        go "$i" --env WHAMM_REPORT=
        outcome "empty" 0 "$work/want-all" "$work/empty"
        go "$i" --env WHAMM_REPORT=stderr
        outcome "stderr" 0 "$work/app-done" "$d/report.csv"

        rm -rf "$work/out" && mkdir "$work/out"
        head -c 3000 /dev/zero | tr '\0' 'j' >"$work/out/r.csv" # truncated
        go "$i" --dir "$work/out=/out" --env WHAMM_REPORT=/out/r.csv
        outcome "a file" 0 "$work/app-done" "$work/empty"
        same "a file: its text" "$work/out/r.csv" "$d/report.csv"

        rm -rf "$work/cwd" && mkdir "$work/cwd"
        go "$i" --dir "$work/cwd=." --env WHAMM_REPORT=r.csv
        outcome "a relative file" 0 "$work/app-done" "$work/empty"
        same "a relative file: its text" "$work/cwd/r.csv" "$d/report.csv"

        # the longest preopen that is a prefix: sub, not .
        rm -rf "$work/a" "$work/b" && mkdir -p "$work/a/sub" "$work/b"
        go "$i" --dir "$work/a=." --dir "$work/b=sub" --env WHAMM_REPORT=sub/r.csv
        outcome "the longest preopen" 0 "$work/app-done" "$work/empty"
        same "the longest preopen: its text" "$work/b/r.csv" "$d/report.csv"
        [[ ! -e $work/a/sub/r.csv ]] || fail "the report went to . ($label)"

        go "$i" --dir "$work/out=/out" --env WHAMM_REPORT=/nowhere/r.csv
        printf 'whamm: cannot write the report to /nowhere/r.csv: no preopened directory holds it\n' \
            >"$work/want-err"
        outcome "no preopen" 0 "$work/want-all" "$work/want-err"

        go "$i" --dir "$work/out=/out" --env WHAMM_REPORT=/out/missing/r.csv
        printf 'whamm: cannot write the report to /out/missing/r.csv: no such file or directory\n' \
            >"$work/want-err"
        outcome "a missing directory" 0 "$work/want-all" "$work/want-err"

        go "$i" "${big[@]}" --env WHAMM_REPORT=stderr
        outcome "a big environment" 0 "$work/app-done" "$d/report.csv"
    done

    prepare "$work/json.out.wasm"
    for i in "${!RUN_MOD[@]}"; do
        rm -rf "$work/out" && mkdir "$work/out"
        go "$i" --dir "$work/out=/out" --env WHAMM_REPORT=/out/r.json
        outcome "json to a file" 0 "$work/app-done" "$work/empty"
        same "json to a file: its text" "$work/out/r.json" "$d/report.json"
        "$PYTHON3" "$here/check.py" json "$work/out/r.json" "$d/expect-json.json" ||
            fail "json file ($label)"
    done

    printf 'whamm: cannot write the report to stdout: bad file descriptor\n' |
        cat - "$d/report.csv" >"$work/want-err"
    prepare "$work/close1.out.wasm"
    for i in "${!RUN_MOD[@]}"; do
        go "$i"
        outcome "stdout closed" 0 "$work/app-done" "$work/want-err"
    done
    # stdout and stderr closed: the report is lost, nothing traps
    prepare "$work/close12.out.wasm"
    for i in "${!RUN_MOD[@]}"; do
        go "$i"
        outcome "stdout and stderr closed" 0 "$work/app-done" "$work/empty"
    done
    prepare "$work/close2.out.wasm"
    for i in "${!RUN_MOD[@]}"; do
        go "$i" --env WHAMM_REPORT=stderr
        outcome "to stderr, closed" 0 "$work/app-done" "$work/empty"
        go "$i"
        outcome "stderr closed, to stdout" 0 "$work/want-all" "$work/empty"
    done
}

case_closed_stdout() {
    for olevel in O0 O2; do
        "$CLANG" --target=wasm32-wasi "-$olevel" -c -o "$work/app.o" "$here/dest/closed.c"
        "$CLANG" --target=wasm32-wasi -o "$work/app.wasm" "$work/app.o"
        wasm-objdump -x -j Function "$work/app.wasm" |
            sed -n 's/^ - func\[\([0-9]*\)\] sig=[0-9]* <\(.*\)>$/\1 \2/p' >"$work/fids"
        for mode in default separate; do
            local opts=()
            [[ $mode == default ]] || opts=(--memory=$mode)
            instr "$work/app.wasm" "$work/out.wasm" "$here/dest/closed.mm" "${opts[@]}"
            prepare "$work/out.wasm"
            for i in "${!RUN_MOD[@]}"; do
                go "$i"
                label="$olevel, $mode, $label"
                [[ $st == 0 ]] || { cat "$work/e"; fail "exit $st ($label)"; }
                printf 'steps 10\n' >"$work/want-out"
                same "stdout" "$work/o" "$work/want-out"
                head -n 1 "$work/e" >"$work/line"
                printf 'whamm: cannot write the report to stdout: bad file descriptor\n' \
                    >"$work/want-line"
                same "stderr's first line" "$work/line" "$work/want-line"
                "$PYTHON3" "$here/check.py" csv "$work/e" "$here/dest/expect-closed.json" \
                    "$work/fids" || fail "the report on stderr ($label)"
            done
        done
    done
}

case $case in
cxx) case_cxx ;;
values) case_values ;;
dest-separate) case_dest separate ;;
dest-app) case_dest app ;;
dest-default) case_dest default ;;
closed-stdout) case_closed_stdout ;;
*) die "unknown case '$case'" ;;
esac
printf 'ok   report.%s\n' "$case"
