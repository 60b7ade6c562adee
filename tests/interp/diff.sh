#!/bin/sh
# diff.sh -- differential test of the interpreter against node (interp.diff).
#   diff.sh INTERP_DIFF WORKDIR SEED COUNT
# Generates COUNT random functions (diff.mjs), assembles them, runs them
# under node and under the interpreter, and fails on any difference.
set -eu
tool=$1 work=$2 seed=$3 count=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
node "$here/diff.mjs" gen "$seed" "$count" "$work/diff.wat"
wat2wasm "$work/diff.wat" -o "$work/diff.wasm"
node "$here/diff.mjs" run "$work/diff.wasm" "$count" > "$work/node.out"
"$tool" "$work/diff.wasm" "$count" > "$work/interp.out"
if ! diff -u "$work/node.out" "$work/interp.out" > "$work/diff.out"; then
    head -40 "$work/diff.out"
    echo "interp.diff: results differ (seed $seed; see $work)"
    exit 1
fi
traps=$(grep -c trap "$work/node.out" || true)
echo "interp.diff: $count functions agree ($traps trap), seed $seed"
