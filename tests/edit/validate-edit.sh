#!/usr/bin/env bash
# validate-edit.sh TOOL MODE IN.wasm WORKDIR -- applies `TOOL MODE` to a
# module and requires the result to validate.  Modules whose original
# validates with wabt are checked with wasm-validate --enable-all; the
# others (GC, exnref, typed function references: wabt 1.0.32 cannot read
# them) with binaryen's validator (npm binaryen, tests/npm).
set -euo pipefail
tool=$1 mode=$2 in=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
out="$work/$(basename "$in" .wasm)-$mode.wasm"
rm -f "$out"
"$tool" "$mode" "$in" "$out"
# wabt's --enable-all types ref.func as a typed reference (GC), which some
# valid pre-GC modules then fail; so use the first flag set that accepts
# the original.
all_but_gc="--enable-threads --enable-tail-call --enable-exceptions
  --enable-memory64 --enable-multi-memory --enable-extended-const
  --enable-relaxed-simd --enable-annotations --enable-code-metadata"
flags=
for f in "--enable-all" "$all_but_gc"; do
    # shellcheck disable=SC2086
    if wasm-validate $f "$in" >/dev/null 2>&1; then flags=$f; break; fi
done
if [ -n "$flags" ]; then
    # shellcheck disable=SC2086
    wasm-validate $flags "$out" ||
        { echo "FAIL: $out does not validate (wasm-validate $flags)"; exit 1; }
    echo "ok: $out validates (wasm-validate)"
else
    opt="$here/../npm/node_modules/binaryen/bin/wasm-opt"
    [ -x "$opt" ] || { echo "FAIL: binaryen missing: run npm ci in tests/npm"; exit 1; }
    # the original must pass binaryen's validator, then the edited one too
    node --no-warnings "$opt" --all-features \
        "$in" -o /dev/null >/dev/null 2>&1 ||
        { echo "FAIL: $in validates with neither wabt nor binaryen"; exit 1; }
    node --no-warnings "$opt" --all-features \
        "$out" -o /dev/null ||
        { echo "FAIL: $out does not validate (binaryen)"; exit 1; }
    echo "ok: $out validates (binaryen)"
fi
