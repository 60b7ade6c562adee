#!/bin/sh
# scale.sh WHAMM WORK -- scripts are processed in linear time (issue 14,
# item 7): `whamm check` of 50,000 globals and `whamm instr` of 20,000
# probes each finish within 4 seconds (they took 11.6 s and 5.9 s, over
# 30 s under ASan, when symbols were looked up by a linear scan and every
# probe re-declared the whole script; now ~0.05 s and ~0.3 s, ~1.4 s under
# ASan).
set -eu
whamm=$1 work=$2
name=scale
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
br_if_app
awk 'BEGIN {
    for (i = 0; i < 50000; i++) printf "var g%d: i32;\n", i
    print "wasm:func:entry { g1 = g49999 + 1; }"
}' > globals.mm
awk 'BEGIN {
    for (i = 0; i < 20000; i++)
        print (i % 2 ? "wasm:opcode:br_if:before { }" : "wasm:func:entry { }")
}' > probes.mm
timeout 4 "$whamm" check globals.mm || fail "check of 50k globals: exit $? (124: over 4 s)"
timeout 4 "$whamm" instr --app app.wasm --script probes.mm -o out.wasm > out.txt ||
    fail "instr of 20k probes: exit $? (124: over 4 s)"
[ "$(wc -l < out.txt)" -eq 20000 ] || fail "instr: $(wc -l < out.txt) probe lines"
echo "ok scale"
