#!/bin/sh
# werror.sh WHAMM WORK -- warnings and --werror (issue 14, item 1): a probe
# whose rule matches events but no site in this module is a warning (E0602)
# and the module is still written; with --werror it is an error: exit 1,
# no output written (an existing one left as it was).  `whamm check
# --werror` fails on a warning the same way.
set -eu
whamm=$1 work=$2
name=werror
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
br_if_app
# the app has no memory.grow: an existing event, no site
printf 'wasm:opcode:memory.grow:before {\n    report var n: u32;\n    n++;\n}\n' > nosite.mm

"$whamm" instr --app app.wasm --script nosite.mm -o warn.wasm > warn.out 2> warn.err ||
    fail "a rule without sites failed: $(cat warn.err)"
[ -s warn.wasm ] || fail "no output without --werror"
grep -q "^nosite.mm:1:1: warning: \`wasm:opcode:memory.grow:before\` matched no site in the module \[E0602\]" warn.err ||
    fail "no E0602 warning: $(cat warn.err)"

st=0
"$whamm" instr --app app.wasm --script nosite.mm -o werr.wasm --werror > werr.out 2> werr.err || st=$?
[ "$st" -eq 1 ] || fail "--werror: exit $st, expected 1"
[ ! -e werr.wasm ] || fail "--werror: an output was written"
grep -q "^nosite.mm:1:1: error: \`wasm:opcode:memory.grow:before\` matched no site in the module \[E0602\]" werr.err ||
    fail "--werror: no error: $(cat werr.err)"
grep -q "^note: a warning, made an error by --werror" werr.err || fail "--werror: no note: $(cat werr.err)"
grep -q "warning:" werr.err && fail "--werror: a warning is left: $(cat werr.err)"

# an existing output is not replaced
echo old > keep.wasm
if "$whamm" instr --app app.wasm --script nosite.mm -o keep.wasm --werror 2> /dev/null; then
    fail "--werror: succeeded onto keep.wasm"
fi
[ "$(cat keep.wasm)" = old ] || fail "--werror: keep.wasm was replaced"

# a module with a site: --werror changes nothing
printf 'wasm:opcode:br_if:before {\n    report var n: u32;\n    n++;\n}\n' > site.mm
"$whamm" instr --app app.wasm --script site.mm -o site.wasm --werror > /dev/null ||
    fail "--werror failed without a warning"
[ -s site.wasm ] || fail "--werror: no output without a warning"

# whamm check: a warning is exit 0, an error with --werror
printf 'fn f() -> i32 {\n    return 1;\n    return 2;\n}\nwasm:func:entry {}\n' > unreach.mm
"$whamm" check unreach.mm 2> check.err || fail "check failed on a warning"
grep -q "unreach.mm:3:5: warning: .*\[E0520\]" check.err || fail "check: $(cat check.err)"
if "$whamm" check --werror unreach.mm 2> checkw.err; then
    fail "check --werror succeeded with a warning"
fi
grep -q "unreach.mm:3:5: error: .*\[E0520\]" checkw.err || fail "check --werror: $(cat checkw.err)"
"$whamm" check --werror site.mm || fail "check --werror failed without a warning"
echo "ok werror"
