#!/usr/bin/env bash
# host.sh WHAMM CASE WORK -- tests/host: an instrumented module driven by a
# host through the export whamm_flush (host.mjs, the JS docs/instr.md
# shows).  CASE is
#   trap     oob.c: a C program that ends in an out-of-bounds trap; the host
#            catches it and calls whamm_flush
#   reactor  reactor.c: a reactor module (no _start); the host calls its
#            export square(3), square(4), square(12), then whamm_flush twice
#   imported imported.wat: memory 0 imported from the host, which whamm
#            cannot resize: a warning, and whamm's state in a memory of its
#            own (run on node 24)
# The app is compiled and linked apart (so the name section survives -O2),
# instrumented with calls.mm, validated and run on node 20, or node 24 when
# the output has more than one memory; stdout and the exit status must be
# expected-CASE (`exit: N`, then stdout).  Expected values: NOTES.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: host.sh WHAMM CASE WORK" >&2; exit 2; }
whamm=$1 case=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tests=$(cd "$here/.." && pwd)
CLANG=${CLANG:-clang}
NODE=${NODE:-node}
fail() { printf 'FAIL host.%s: %s\n' "$case" "$*"; exit 1; }

rm -rf -- "$work"
mkdir -p "$work"
cd "$work"
script=$here/calls.mm
case $case in
    trap)    src=oob.c; model=() ; run=(trap) ;;
    reactor) src=reactor.c; model=(-mexec-model=reactor); run=(reactor square 3 4 12) ;;
    imported) src=imported.wat; script=$here/calls-wat.mm; run=(imported) ;;
    *) echo "host.sh: unknown case $case" >&2; exit 2 ;;
esac
if [[ $src == *.wat ]]; then
    wat2wasm --debug-names "$here/$src" -o app.wasm
else
    "$CLANG" --target=wasm32-wasi -O2 "${model[@]}" -c "$here/$src" -o app.o
    "$CLANG" --target=wasm32-wasi "${model[@]}" app.o -o app.wasm
fi
"$whamm" instr --app app.wasm --script "$script" -o out.wasm \
    > instr.log 2>&1 || { cat instr.log; fail "whamm instr"; }
if [[ $case == imported ]]; then
    grep -q "warning: memory 0 is imported .* \[E0604\]" instr.log ||
        { cat instr.log; fail "no warning about the imported memory"; }
fi
wasm-validate --enable-all out.wasm || fail "out.wasm does not validate"
sections=$(wasm-objdump -x out.wasm)
grep -q ' - func\[[0-9]*\] .*-> "whamm_flush"' <<<"$sections" ||
    fail "no export whamm_flush"
runtime=$NODE
if grep -q 'memory\[1\]' <<<"$sections"; then
    runtime=$("$tests/tools/node24.sh") || fail "node 24 is missing: run ./setup.sh"
fi
set +e
"$runtime" --no-warnings "$here/host.mjs" "${run[0]}" out.wasm "${run[@]:1}" \
    > stdout.txt 2> stderr.txt
status=$?
set -e
{ printf 'exit: %d\n' "$status"; cat stdout.txt; } > actual.txt
diff -u "$here/expected-$case" actual.txt ||
    { cat stderr.txt; fail "differs (runtime: $runtime)"; }
printf 'ok   host.%s\n' "$case"
