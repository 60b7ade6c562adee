#!/usr/bin/env bash
# bodies.sh WHAMM WORK -- invalid function bodies are refused (issue 14):
# for each case of bodies.txt, `whamm roundtrip` and `whamm instr` exit 1
# with the same located message (FILE:0xOFFSET: error: MESSAGE [E0004])
# and write no output;
# `whamm instr --no-validate` instruments the type-invalid ones (their
# structure is sound) and still refuses the structurally broken ones.
# Cases of kind `valid` must pass: roundtrip byte for byte, instr.
set -uo pipefail
whamm=$1 work=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
regress=$(cd "$here/../regress" && pwd)
script=$here/count.mm
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")
mkdir -p "$work" && cd "$work" || exit 2
failed=0
fail() { printf 'FAIL %s: %s\n' "$file" "$*"; failed=1; }

# expect_refused LABEL STDERR_FILE RC OUT: exit 1, no output, message found
expect_refused() {
    local label=$1 err=$2 rc=$3 out=$4 want
    [[ $rc -eq 1 ]] || fail "$label: exit $rc, want 1: $(cat "$err")"
    [[ ! -e $out ]] || fail "$label: wrote $out"
    for want in "$file" "$offset" "$message"; do
        grep -qF -- "$want" "$err" || fail "$label: no '$want' in: $(cat "$err")"
    done
}

# expect_valid: roundtrip writes the module back unchanged, instr works
expect_valid() {
    "$whamm" roundtrip "$file" -o rt.wasm 2>rt.err ||
        fail "roundtrip refused a valid module: $(cat rt.err)"
    cmp -s "$file" rt.wasm || fail "roundtrip changed the module"
    "$whamm" instr "${defs[@]}" --app "$file" --script "$script" \
        -o instr.wasm >/dev/null 2>instr.err ||
        fail "instr refused a valid module: $(cat instr.err)"
}

while IFS='|' read -r file offset kind message; do
    [[ -z $file || $file == \#* ]] && continue
    cp "$regress/$file" "$file" || exit 2
    rm -f rt.wasm instr.wasm nv.wasm
    if [[ $kind == valid ]]; then
        expect_valid
        [[ $failed -eq 0 ]] && echo "ok: $file (valid)"
        continue
    fi
    "$whamm" roundtrip "$file" -o rt.wasm 2>rt.err
    rc=$?
    expect_refused roundtrip rt.err $rc rt.wasm
    want="$file:$offset: error: $message [E0004]"
    [[ $(cat rt.err) == "$want" ]] ||
        fail "roundtrip: stderr '$(cat rt.err)', want '$want'"
    "$whamm" instr "${defs[@]}" --app "$file" --script "$script" \
        -o instr.wasm >/dev/null 2>instr.err
    rc=$?
    expect_refused instr instr.err $rc instr.wasm
    [[ $(cat instr.err) == "$want" ]] ||
        fail "instr: stderr '$(cat instr.err)', want (as roundtrip) '$want'"
    "$whamm" instr "${defs[@]}" --no-validate --app "$file" \
        --script "$script" -o nv.wasm >/dev/null 2>nv.err
    rc=$?
    if [[ $kind == type ]]; then
        [[ $rc -eq 0 && -s nv.wasm ]] ||
            fail "--no-validate: exit $rc: $(cat nv.err)"
    else
        expect_refused --no-validate nv.err $rc nv.wasm
    fi
    [[ $failed -eq 0 ]] && echo "ok: $file ($kind)"
done <"$here/bodies.txt"
exit $failed
