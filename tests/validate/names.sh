#!/usr/bin/env bash
# names.sh WHAMM WORK -- every name section is renumbered (issue 14, item
# 3).  Custom sections may repeat, so an app with two `name` sections is
# valid; instrumenting it adds imports in front of the defined functions,
# and both sections must still name the right functions and locals:
# wasm-objdump shows each section's entries, which must carry the indices
# the function section gives $helper and $main in the output.
# Needs wat2wasm, wasm-validate and wasm-objdump (wabt).
set -uo pipefail
whamm=$1 work=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")
mkdir -p "$work" && cd "$work" || exit 2
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }

wat2wasm --debug-names "$here/names.wat" -o one.wasm || exit 2
# wat2wasm puts the name section last: append a copy of it (id, size LEB,
# payload; the payload start and size come from wasm-objdump -h)
read -r start size < <(wasm-objdump -h one.wasm |
    sed -n 's/.*Custom start=\(0x[0-9a-f]*\).*size=\(0x[0-9a-f]*\).*"name".*/\1 \2/p')
[[ -n $start ]] || fail "no name section in one.wasm"
leb=1 n=$((size >> 7))
while ((n > 0)); do leb=$((leb + 1)) n=$((n >> 7)); done
cp one.wasm two.wasm
tail -c +$((start - leb)) one.wasm >>two.wasm
[[ $(wasm-objdump -h two.wasm | grep -c '"name"') -eq 2 ]] ||
    fail "two.wasm does not have two name sections"
wasm-validate two.wasm || fail "two.wasm is not valid"

rm -f out.wasm
"$whamm" instr "${defs[@]}" --app two.wasm --script "$here/count.mm" \
    -o out.wasm >/dev/null || fail "whamm instr failed"
wasm-validate out.wasm || fail "out.wasm is not valid"
wasm-objdump -x out.wasm >dump.txt || fail "wasm-objdump failed"
[[ $(grep -c '^ - name: "name"' dump.txt) -eq 2 ]] ||
    fail "out.wasm does not have two name sections"

# index of each function in the output's function section
index_of() {
    sed -n "s/^ - func\[\([0-9]*\)\] sig=[0-9]* <$1>\$/\1/p" dump.txt
}
helper=$(index_of helper) main=$(index_of main)
[[ -n $helper && -n $main ]] || fail "helper/main not defined in out.wasm"
# each name section: the function names and the local names
check() {
    local what=$1 got
    got=$(grep -cxF -- " - $what" dump.txt)
    [[ $got -eq 2 ]] || fail "'$what' in $got name sections, want 2; entries:
$(grep -E '<(helper|main|x|t)>$' dump.txt | grep -v sig=)"
}
check "func[$helper] <helper>"
check "func[$main] <main>"
check "func[$helper] local[0] <x>"
check "func[$main] local[0] <t>"
check "func[0] <proc_exit>"
echo "ok: both name sections renumbered (helper $helper, main $main)"

# a second name section that does not parse (subsection 1 claims 127 bytes
# of 1): it cannot be renumbered, so it is left out, with warning E0605;
# --werror makes that an error and writes nothing
cp one.wasm broken.wasm
printf '\000\007\004name\001\177' >>broken.wasm
# (valid Wasm: custom sections do not take part in validation, though
# wasm-validate checks name sections and would refuse it)
rm -f out.wasm
"$whamm" instr "${defs[@]}" --app broken.wasm --script "$here/count.mm" \
    -o out.wasm >/dev/null 2>err.txt || fail "whamm instr failed: $(cat err.txt)"
grep -q 'custom section `name` is left out of the output.*\[E0605\]' err.txt ||
    fail "no warning for the dropped name section: $(cat err.txt)"
wasm-validate out.wasm || fail "out.wasm (broken) is not valid"
[[ $(wasm-objdump -h out.wasm | grep -c '"name"') -eq 1 ]] ||
    fail "out.wasm (broken) should keep exactly the good name section"
rm -f out.wasm
if "$whamm" instr "${defs[@]}" --app broken.wasm --script "$here/count.mm" \
    --werror -o out.wasm >/dev/null 2>err.txt; then
    fail "--werror: a dropped section did not fail the run"
fi
[[ ! -e out.wasm ]] || fail "--werror: an output was written"
echo "ok: a malformed second name section is dropped with a warning"
