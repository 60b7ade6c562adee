#!/usr/bin/env bash
# run-attach.sh -- one case of `whamm attach` (label "wei"): build the app
# and the hand-written monitor, attach, validate, run under node 20 and
# compare the program's output with a hand-derived expectation.
#
# usage: run-attach.sh WHAMM CASE_DIR WORK
#
# CASE_DIR holds
#   app.wat | app.c  the app (wat2wasm --enable-all --debug-names; C:
#                    clang --target=wasm32-wasi -O0, linked apart)
#   mon.wat          the wei monitor, written by hand (wat2wasm)
#   args             optional: more `whamm attach` options
#   script.mm        optional: a whamm script given with `--script` (the
#                    same pass)
#   expected         `exit: N`, then the exact stdout of the run
#   direct.mm        optional: a whamm script that does what the monitor
#                    does; `whamm instr` with it must give the same stdout
#   stderr           optional: substrings `whamm attach`'s stderr must hold
#   expected-fail    instead of expected: line 1 the exit status of `whamm
#                    attach`, each further line a substring of its stderr;
#                    no output may be left behind
#   inlined          marker: the probe functions are inlined (the output
#                    has a function named wei_pN and no call of one)
#   NOTES            how the expectation was derived
#   same-as          a variant: the name of another case whose app, monitor
#                    and expectations it uses; its own directory holds only
#                    what differs (args, node24, NOTES)
#   node24           marker: run on node 24 (tests/tools/node24.sh), for
#                    outputs with a second memory (--memory=separate)
# whamm runs in WORK with bare names (mon.wasm, app.wasm), so diagnostics
# read `mon.wasm:0x...`.  Env: WHAMM_DEFS, NODE, WAT2WASM, CLANG.
set -euo pipefail

die() { printf 'run-attach: %s\n' "$*" >&2; exit 2; }
fail() { printf 'FAIL %s: %s\n' "$name" "$*"; exit 1; }

[[ $# -eq 3 ]] || die "usage: run-attach.sh WHAMM CASE_DIR WORK"
whamm=$1 case_dir=$(cd "$2" && pwd) work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tests=$(cd "$here/.." && pwd)
name=$(basename "$case_dir")
NODE=${NODE:-node}
WAT2WASM=${WAT2WASM:-wat2wasm}
CLANG=${CLANG:-clang}
export NO_COLOR=1

src=$case_dir
if [[ -f $case_dir/same-as ]]; then
    src=$(cd "$case_dir/.." && cd -- "$(head -n 1 "$case_dir/same-as")" && pwd) ||
        die "$case_dir/same-as: no such case"
fi
if [[ -f $case_dir/node24 ]]; then
    NODE=$("$tests/tools/node24.sh") || fail "node 24 is missing: run ./setup.sh"
    export NODE
fi

rm -rf -- "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [[ -f $src/app.wat ]]; then
    "$WAT2WASM" --enable-all --debug-names "$src/app.wat" -o "$work/app.wasm"
elif [[ -f $src/app.c ]]; then
    "$CLANG" --target=wasm32-wasi -O0 -c -o "$work/app.o" "$src/app.c"
    "$CLANG" --target=wasm32-wasi -o "$work/app.wasm" "$work/app.o"
else
    die "$case_dir: no app.wat or app.c"
fi
"$WAT2WASM" --enable-all "$src/mon.wat" -o "$work/mon.wasm"

extra=()
[[ -f $case_dir/args ]] && read -r -a extra <<<"$(tr '\n' ' ' <"$case_dir/args")"
if [[ -f $src/script.mm ]]; then
    cp "$src/script.mm" "$work/script.mm"
    extra+=(--script script.mm)
fi
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")
set +e
(cd "$work" && "$whamm" attach --monitor mon.wasm --app app.wasm -o out.wasm \
    "${extra[@]}" "${defs[@]}") >"$work/attach.out" 2>"$work/attach.err"
rc=$?
set -e
show() { printf -- '--- whamm attach stderr:\n'; head -n 40 "$work/attach.err"; }

if [[ -f $src/expected-fail ]]; then
    want_rc=$(sed -n 1p "$src/expected-fail")
    [[ $rc == "$want_rc" ]] || { show; fail "whamm attach exit $rc, expected $want_rc"; }
    while IFS= read -r want; do
        grep -qF -- "$want" "$work/attach.err" ||
            { show; fail "stderr does not contain '$want'"; }
    done < <(tail -n +2 "$src/expected-fail")
    [[ ! -e $work/out.wasm ]] || fail "whamm attach failed but left out.wasm"
    left=$(cd "$work" && ls -A | grep -vxE 'app\.(wasm|o)|mon\.wasm|script\.mm|attach\.(out|err)' || true)
    [[ -z $left ]] || fail "whamm attach failed but left files behind: $left"
    printf 'ok   %s: exit %s, stderr as expected, no output\n' "$name" "$rc"
    exit 0
fi
[[ $rc -eq 0 ]] || { show; fail "whamm attach exit $rc"; }
if [[ -f $src/stderr ]]; then
    while IFS= read -r want; do
        grep -qF -- "$want" "$work/attach.err" ||
            { show; fail "stderr does not contain '$want'"; }
    done <"$src/stderr"
fi
wasm-validate --enable-all "$work/out.wasm" || fail "out.wasm does not validate"
if [[ -f $case_dir/inlined ]]; then
    dis=$(wasm-objdump -d "$work/out.wasm")
    grep -qE '^[0-9a-f]+ func\[[0-9]+\] <wei_p[0-9]+>:' <<<"$dis" ||
        fail "no probe function wei_pN in the output"
    ! grep -qE 'call [0-9]+ <wei_p[0-9]+>' <<<"$dis" ||
        fail "a probe function is still called (not inlined)"
fi
"$tests/tools/run-c-expect.sh" "$work/out.wasm" "$src/expected" ||
    fail "the attached run differs"

# the same observation through a whamm script, rewritten directly
if [[ -f $src/direct.mm ]]; then
    (cd "$src" && "$whamm" instr --app "$work/app.wasm" --script direct.mm \
        -o "$work/direct.wasm" "${defs[@]}") >/dev/null 2>"$work/direct.err" ||
        { cat "$work/direct.err"; fail "whamm instr direct.mm failed"; }
    "$tests/tools/run-c-expect.sh" "$work/direct.wasm" "$src/expected" ||
        fail "the direct rewriting's run differs from the attached one"
fi
printf 'ok   %s\n' "$name"
