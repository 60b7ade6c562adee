#!/bin/sh
# rule-typo.sh WHAMM WORK -- a probe rule that matches no event of the
# provider definitions is a typo, an error with "did you mean" (E0407),
# for `whamm check` and `whamm instr` (exit 1, no output written); a rule
# that matches events but no site of the module stays a warning (E0602:
# see werror.sh).  Issue 14, item 1.
set -eu
whamm=$1 work=$2
name=rule-typo
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
br_if_app
printf 'wasm:opcode:br_iff:before {\n    report var n: u32;\n    n++;\n}\n' > typo.mm

# typo_error FILE: the located error and its hint
typo_error() {
    grep -q "^typo.mm:1:13: error: could not find any matches for the event pattern 'br_iff' \[E0407\]" "$1" ||
        fail "no located error: $(cat "$1")"
    grep -q "^note: did you mean \`br_if\`?" "$1" || fail "no hint: $(cat "$1")"
    grep -q "warning:" "$1" && fail "a warning as well: $(cat "$1")"
    true
}

st=0
"$whamm" check typo.mm 2> check.err || st=$?
[ "$st" -eq 1 ] || fail "check: exit $st"
typo_error check.err

st=0
"$whamm" instr --app app.wasm --script typo.mm -o out.wasm > instr.out 2> instr.err || st=$?
[ "$st" -eq 1 ] || fail "instr: exit $st"
typo_error instr.err
[ ! -e out.wasm ] || fail "instr wrote an output"

# the other parts too: provider, package and mode
for rule in wasn:opcode:br_if:before wasm:opcod:br_if:before wasm:opcode:br_if:befor; do
    printf '%s { }\n' "$rule" > part.mm
    if "$whamm" check part.mm 2> part.err; then fail "$rule: check succeeded"; fi
    grep -q "error: could not find any matches for the .* pattern .*\[E0407\]" part.err ||
        fail "$rule: $(cat part.err)"
    grep -q "^note: did you mean" part.err || fail "$rule: no hint: $(cat part.err)"
done
echo "ok rule-typo"
