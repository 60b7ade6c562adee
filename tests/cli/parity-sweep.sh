#!/bin/sh
# parity-sweep.sh WHAMM WORK -- builds the modules parity-sweep.py sweeps
# (the fuzz corpus, every .wat of tests/corpus and tests/e2e, the C corpus
# at -O2) into WORK, then runs it.  A .wat wabt cannot assemble is left out
# (a few need flags of their own); the sweep itself fails when too few
# rules find a module.
set -eu
whamm=$1 work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work/mods"
cp "$root"/tests/fuzz/corpus/*.wasm "$work/mods/"
for f in "$root"/tests/corpus/wat/*.wat "$root"/tests/e2e/*/app.wat; do
  n=$(basename "$(dirname "$f")")-$(basename "$f" .wat)
  wat2wasm --enable-all "$f" -o "$work/mods/$n.wasm" 2>/dev/null ||
    rm -f "$work/mods/$n.wasm"
done
for f in "$root"/tests/corpus/c/*.c; do
  clang --target=wasm32-wasi -O2 "$f" -o "$work/mods/c-$(basename "$f" .c).wasm"
done
exec python3 "$root/tests/cli/parity-sweep.py" "$whamm" "$work/run" "$work"/mods/*.wasm
