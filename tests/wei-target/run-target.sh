#!/usr/bin/env bash
# run-target.sh -- one case of `whamm instr --target wei` (label "wei"):
# the script rewrites the app directly (`whamm instr --app`), and is
# compiled into a monitor that `whamm attach` applies to the same app; both
# outputs must validate and print the same thing, byte for byte.
#
# usage: run-target.sh WHAMM CASE_DIR WORK
#
# CASE_DIR holds
#   script        the script: a path relative to the repository (one line),
#                 or script.mm in the case directory
#   sources       the app: C files relative to the repository (one line,
#                 clang --target=wasm32-wasi -O2), or app.c / app.wat here
#   lib           optional: NAME=FILE.c, a user library in C (a reactor)
#                 given to both commands as --user-libs NAME=NAME.wasm
#   min-rows      the report must have at least this many rows (so that
#                 two empty reports cannot pass)
#   exports       optional: the monitor's probe exports, one per line, in
#                 the order it exports them, with their Wasm types
#                 (exports.py; checked by hand once)
#   extra-defs/   optional: provider definitions added to the usual ones
#                 (a provider of an engine's own: the script compiles to a
#                 monitor only, there is no app to attach it to)
#   monitor-only  marker: only the monitor and its exports are checked
#   direct.mm     optional: what rewriting runs instead of the script (for
#                 values only an engine gives, such as probe_id: a script
#                 that computes the same with what rewriting has)
#   entry-pc      marker: rows of wasm:func:entry probes show pc 0 in the
#                 monitor's report (docs/wei.md): the pc column of those
#                 rows is not compared
#   expected-fail instead: line 1 the exit status of `whamm instr --target
#                 wei`, each further line a substring of its stderr; no
#                 monitor may be left behind
#   NOTES         what the case shows
set -euo pipefail

die() { printf 'run-target: %s\n' "$*" >&2; exit 2; }
fail() { printf 'FAIL %s: %s\n' "$name" "$*"; exit 1; }

[[ $# -eq 3 ]] || die "usage: run-target.sh WHAMM CASE_DIR WORK"
whamm=$1 case_dir=$(cd "$2" && pwd) work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
name=$(basename "$case_dir")
NODE=${NODE:-node}
WAT2WASM=${WAT2WASM:-wat2wasm}
CLANG=${CLANG:-clang}
export NO_COLOR=1

rm -rf -- "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [[ -f $case_dir/script ]]; then
    script=$repo/$(head -n 1 "$case_dir/script")
else
    script=$case_dir/script.mm
fi
[[ -f $script ]] || die "$case_dir: no script"

defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")
if [[ -d $case_dir/extra-defs ]]; then
    mkdir -p "$work/defs"
    cp -R "${WHAMM_DEFS:-$repo/providers}/." "$work/defs/"
    cp "$case_dir"/extra-defs/*.yaml "$work/defs/"
    defs=(--defs-path "$work/defs")
fi
libs=()
if [[ -f $case_dir/lib ]]; then
    spec=$(head -n 1 "$case_dir/lib")
    lib_name=${spec%%=*}
    "$CLANG" --target=wasm32-wasi -O2 -mexec-model=reactor \
        -o "$work/$lib_name.wasm" "$repo/${spec#*=}"
    libs=(--user-libs "$lib_name=$work/$lib_name.wasm")
fi

# the monitor first: it is compiled without the app
set +e
"$whamm" instr --target wei --script "$script" -o "$work/mon.wasm" \
    "${libs[@]}" "${defs[@]}" >"$work/wei.out" 2>"$work/wei.err"
rc=$?
set -e
if [[ -f $case_dir/expected-fail ]]; then
    want_rc=$(sed -n 1p "$case_dir/expected-fail")
    [[ $rc == "$want_rc" ]] ||
        { cat "$work/wei.err"; fail "whamm instr --target wei exit $rc, expected $want_rc"; }
    while IFS= read -r want; do
        [[ -z $want ]] && continue
        grep -qF -- "$want" "$work/wei.err" ||
            { cat "$work/wei.err"; fail "stderr lacks: $want"; }
    done < <(sed -n '2,$p' "$case_dir/expected-fail")
    [[ ! -e $work/mon.wasm ]] || fail "a monitor was written although it failed"
    echo "ok $name (refused as expected)"
    exit 0
fi
[[ $rc == 0 ]] || { cat "$work/wei.err"; fail "whamm instr --target wei exit $rc"; }
wasm-validate "$work/mon.wasm" || fail "the monitor does not validate"

if [[ -f $case_dir/exports ]]; then
    python3 "$here/exports.py" "$work/mon.wasm" >"$work/exports"
    diff -u "$case_dir/exports" "$work/exports" || fail "the monitor's exports differ"
fi
if [[ -d $case_dir/extra-defs || -f $case_dir/monitor-only ]]; then
    [[ -f $case_dir/exports ]] || die "$case_dir: a monitor-only case needs exports"
    echo "ok $name (the monitor's exports as expected)"
    exit 0
fi

if [[ -f $case_dir/sources ]]; then
    srcs=()
    for s in $(head -n 1 "$case_dir/sources"); do srcs+=("$repo/$s"); done
    "$CLANG" --target=wasm32-wasi -O2 -o "$work/app.wasm" "${srcs[@]}"
elif [[ -f $case_dir/app.c ]]; then
    "$CLANG" --target=wasm32-wasi -O2 -o "$work/app.wasm" "$case_dir/app.c"
elif [[ -f $case_dir/app.wat ]]; then
    "$WAT2WASM" --enable-all --debug-names "$case_dir/app.wat" -o "$work/app.wasm"
else
    die "$case_dir: no sources, app.c or app.wat"
fi

direct_script=$script
[[ -f $case_dir/direct.mm ]] && direct_script=$case_dir/direct.mm
"$whamm" instr --app "$work/app.wasm" --script "$direct_script" -o "$work/direct.wasm" \
    "${libs[@]}" "${defs[@]}" >/dev/null 2>"$work/direct.err" ||
    { cat "$work/direct.err"; fail "whamm instr --app failed"; }
# --werror: an export the attach does not take as a probe is a failure
"$whamm" attach --monitor "$work/mon.wasm" --app "$work/app.wasm" --werror \
    -o "$work/attached.wasm" "${defs[@]}" 2>"$work/attach.err" ||
    { cat "$work/attach.err"; fail "whamm attach failed"; }
for out in direct attached; do
    wasm-validate "$work/$out.wasm" || fail "$out.wasm does not validate"
    set +e
    "$NODE" "$repo/tests/tools/run-wasi.mjs" "$work/$out.wasm" \
        >"$work/$out.stdout" 2>"$work/$out.stderr"
    echo "exit: $?" >>"$work/$out.stdout"
    set -e
done

normalize() {
    if [[ -f $case_dir/entry-pc ]]; then
        # id, id_type, name, whamm_type, wasm_type, script, fname, fid, pc, probe_id, value
        awk -F', ' -v OFS=', ' '$10 ~ /wasm:func:entry/ { $9 = "PC" } { print }' "$1"
    else
        cat "$1"
    fi
}
diff -u <(normalize "$work/direct.stdout") <(normalize "$work/attached.stdout") |
    head -n 40 >"$work/diff" || true
[[ ! -s $work/diff ]] || { cat "$work/diff"; fail "the attached monitor prints something else"; }
rows=$(grep -cE '^[0-9]+, [a-z(]' "$work/attached.stdout" || true)
min=$(head -n 1 "$case_dir/min-rows")
(( rows >= min )) || fail "the report has $rows rows, expected at least $min"
echo "ok $name ($rows report rows, the same as rewriting)"
