#!/bin/sh
# check-list.sh WHAMM DEFS WORK -- `whamm info -l` lists rules as scripts
# write them: every rule it lists is accepted by `whamm check` (a probe
# with an empty body), so no internal mode name (semantic_after,
# block_alt) is listed, and the names scripts use are (block:after,
# br_if:at_target).  One script with every rule, checked at once.
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
echo "ok: $n rules listed, all accepted by whamm check"
