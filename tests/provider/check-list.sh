#!/bin/sh
# check-list.sh WHAMM DEFS WORK -- `whamm info -l` lists rules as scripts
# write them: every rule it lists is accepted by `whamm check` (a probe
# with an empty body), so no internal mode name (semantic_after,
# block_alt) is listed, and the names scripts use are (block:after,
# br_if:at_target).  One script with every rule, checked at once.
# Then every bound variable and function `whamm info --rule RULE` lists
# for each listed rule is used in a probe of that rule (list-items.py),
# and `whamm check` accepts them all: info lists only what each mode can
# use (no `res0` in a `before` probe).
set -eu
whamm=$1 defs=$2 work=$3
name=check-list
. "$(dirname "$0")/../cli/lib.sh"
fresh_work "$work"
"$whamm" info -l --defs-path "$defs" > rules.txt
n=$(wc -l < rules.txt)
[ "$n" -gt 900 ] || fail "only $n rules listed"
sed 's/$/ {}/' rules.txt > all.mm
"$whamm" check --defs-path "$defs" all.mm > check.out 2>&1 ||
    fail "whamm check refuses listed rules: $(head -n 6 check.out)"
for want in wasm:opcode:block:after wasm:opcode:block:alt wasm:opcode:br_if:at_target; do
    grep -qx "$want" rules.txt || fail "$want is not listed"
done
if grep -q 'semantic_after\|block_alt' rules.txt; then
    fail "internal mode names listed: $(grep 'semantic_after\|block_alt' rules.txt | head -n 3)"
fi
if command -v python3 >/dev/null; then
    python3 "$(dirname "$0")/list-items.py" "$whamm" "$defs" rules.txt \
        items.mm > items.txt || fail "list-items.py failed"
    "$whamm" check --defs-path "$defs" items.mm > items.out 2>&1 ||
        fail "whamm check refuses items whamm info lists: $(head -n 8 items.out)"
    uses=$(grep -c '^    ' items.mm)
    echo "ok: $uses uses of listed bound items accepted by whamm check"
    cat items.txt
else
    echo "python3 missing: the bound items were not checked"
fi
echo "ok: $n rules listed, all accepted by whamm check"
