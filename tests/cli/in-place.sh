#!/bin/sh
# in-place.sh WHAMM WORK -- `whamm instr --app X -o X` edits X in place,
# which whamm-ld relies on: allowed without a flag and without a word on
# stderr, atomic (the input is read whole, the output goes to a temp file
# renamed over X), the same bytes as writing elsewhere, X's mode kept.
# Also when X is reached through a symlink (the link stays a link, the
# file it names is replaced) and when the two paths are spelled
# differently (./X and X).
set -eu
whamm=$1 work=$2
name=in-place
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
br_if_app
"$whamm" instr --app app.wasm --script p.mm -o want.wasm > /dev/null
cmp -s app.wasm want.wasm && fail "instrumenting changed nothing"

# inplace IN OUT FILE: instr --app IN -o OUT leaves the expected bytes in
# FILE, with nothing on stderr and no temp file left
inplace() {
    "$whamm" instr --app "$1" --script p.mm -o "$2" > ip.out 2> ip.err ||
        fail "$1 -> $2: $(cat ip.err)"
    [ ! -s ip.err ] || fail "$1 -> $2: said $(cat ip.err)"
    grep -q '^p.mm:1:1: wasm:opcode:br_if:before: 1 site$' ip.out ||
        fail "$1 -> $2: stdout $(cat ip.out)"
    cmp -s "$3" want.wasm || fail "$1 -> $2: $3 is not the instrumented module"
    ! ls -A | grep -q '^\.whamm-' || fail "$1 -> $2: temp file left"
}

# the same path, mode kept
cp app.wasm x.wasm
chmod 0750 x.wasm
inplace x.wasm x.wasm x.wasm
[ "$(stat -c %a x.wasm)" = 750 ] || fail "x.wasm: mode $(stat -c %a x.wasm)"
wasm-validate x.wasm || fail "x.wasm does not validate"

# ./X and X
cp app.wasm y.wasm
inplace ./y.wasm y.wasm y.wasm
cp app.wasm y2.wasm
inplace "$work/y2.wasm" ./y2.wasm y2.wasm

# through a symlink, as input and output, or only one of them
mkdir -p real
cp app.wasm real/z.wasm
ln -s real/z.wasm link.wasm
inplace link.wasm link.wasm real/z.wasm
[ -L link.wasm ] || fail "link.wasm is no longer a symlink"
cp app.wasm real/z.wasm
inplace real/z.wasm link.wasm real/z.wasm
[ -L link.wasm ] || fail "link.wasm is no longer a symlink"
cp app.wasm real/z.wasm
inplace link.wasm real/z.wasm real/z.wasm
! ls -A real | grep -q '^\.whamm-' || fail "temp file left in real/"

# a failed in-place edit (instrumenting an instrumented module is an
# error) leaves the file as it was
cp want.wasm w.wasm
if "$whamm" instr --app w.wasm --script p.mm -o w.wasm > /dev/null 2> w.err; then
    fail "instrumenting twice succeeded"
fi
grep -q 'error' w.err || fail "no error: $(cat w.err)"
cmp -s w.wasm want.wasm || fail "the failed run changed w.wasm"
! ls -A | grep -q '^\.whamm-' || fail "temp file left"
echo "ok in-place"
