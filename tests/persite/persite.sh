#!/usr/bin/env bash
# persite.sh WHAMM CASE_DIR WORK -- tests/persite: per-site counters that
# whamm keeps one per straight-line segment (`report unshared var n: u64;
# n++;` on every instruction) must give exactly the counts a counter per
# site gives, also when the program stops in the middle of a segment.
#
# CASE_DIR holds app.wat, derived.mm (probes whose bodies only bump their
# slot: counted per segment), plain.mm (the same probes under a predicate
# known only at run time, so that every site gets code of its own) and
# expected (`exit: N`, then the exact stdout, derived by hand: NOTES).
# Instead of its own scripts a case may have a file `scripts` naming a
# set in scripts/ that several cases share (counter: a program-wide
# counter of every instruction; site: a per-site counter of every one).
# Both scripts instrument the app twice: with whamm's state at the top of
# memory 0 (run on NODE, node 20; the counters live in Wasm globals) and
# in a memory of its own (--memory=separate, run on node 24,
# tests/tools/node24.sh; the counters live in that memory); derived.mm
# also with --exact-traps (top).  Each output is validated and run by
# tests/host/host.mjs (a trap is caught and whamm_flush called, as a host
# does).  The --exact-traps run must print `expected`; the derived runs
# without it `expected-default` when the case has one (a trap the engine
# raises in the middle of a segment or in a loop that calls nothing), else
# `expected`; the plain runs `expected-plain` when the case has one (such a
# loop keeps their per-site counters in locals too), else `expected`.
# Where a case has a file `warning`, the derived runs without
# --exact-traps must print that line on stderr (the counts a trap in such
# a loop lost), and so must the plain runs when the case has
# `expected-plain`; the other runs must not.  Env: WHAMM_DEFS (passed as --defs-path),
# NODE, WHAMM_NODE24.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: persite.sh WHAMM CASE_DIR WORK" >&2; exit 2; }
whamm=$1 dir=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NODE=${NODE:-node}
case=$(basename "$dir")
fail() { printf 'FAIL persite.%s: %s\n' "$case" "$*"; exit 1; }

rm -rf -- "$work"
mkdir -p "$work"
cd "$work"
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")
node24=$("$here/../tools/node24.sh") || fail "node 24 is missing: run ./setup.sh"
wat2wasm --enable-all --debug-names "$dir/app.wat" -o app.wasm
# the scripts: the case's own, or the shared set its file `scripts` names
src=$dir
[[ -f $dir/scripts ]] && src=$here/scripts/$(cat "$dir/scripts")
[[ -f $src/derived.mm && -f $src/plain.mm ]] ||
    fail "no derived.mm and plain.mm in $src"

# run FORM MEMORY NODE [FLAG]: instruments, validates and runs;
# FORM-MEMORY[FLAG].txt
run() {
    local out=$1-$2${4:-}
    "$whamm" instr "${defs[@]}" --app app.wasm --script "$src/$1.mm" \
        --memory="$2" ${4:+"$4"} -o "$out.wasm" > "$out.log" 2>&1 ||
        { cat "$out.log"; fail "whamm instr ($out)"; }
    wasm-validate --enable-all "$out.wasm" || fail "$out.wasm does not validate"
    set +e
    "$3" --no-warnings "$here/../host/host.mjs" trap "$out.wasm" \
        > "$out.out" 2> "$out.err"
    local status=$?
    set -e
    { printf 'exit: %d\n' "$status"; cat "$out.out"; } > "$out.txt"
}

for form in derived plain; do
    run "$form" top "$NODE"
    run "$form" separate "$node24"
done
run derived top "$NODE" --exact-traps
default=expected
[[ -f $dir/expected-default ]] && default=expected-default
check() { # EXPECTED OUT
    diff -u "$dir/$1" "$2.txt" ||
        { cat "$2.err"; fail "$2: the counts differ from $1"; }
}
plain=expected
[[ -f $dir/expected-plain ]] && plain=expected-plain
check expected derived-top--exact-traps
for out in plain-top plain-separate; do
    check "$plain" "$out"
done
for out in derived-top derived-separate; do
    check "$default" "$out"
done
if [[ -f $dir/warning ]]; then
    lost=(derived-top derived-separate)
    kept=(derived-top--exact-traps)
    if [[ -f $dir/expected-plain ]]; then
        lost+=(plain-top plain-separate)
    else
        kept+=(plain-top plain-separate)
    fi
    for out in "${lost[@]}"; do
        grep -qxF -- "$(cat "$dir/warning")" "$out.err" ||
            { cat "$out.err"; fail "$out: no warning on stderr"; }
    done
    for out in "${kept[@]}"; do
        ! grep -qF -- "$(cat "$dir/warning")" "$out.err" ||
            fail "$out: a warning although no count is lost"
    done
fi
printf 'ok   persite.%s\n' "$case"
