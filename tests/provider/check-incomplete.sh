#!/bin/sh
# check-incomplete.sh WHAMM SRC_PROVIDERS WORK -- incomplete provider
# definitions given with --defs-path fail loudly (issue 14, item 1): a
# truncated, empty or comment-only wasm/opcode.yaml, or one missing a single
# event, is an error located in that file (E0112 / E0113, the missing
# events named), for `whamm check` and `whamm instr`, and `instr` writes no
# output -- where it used to say "0 sites", exit 0 and copy the module.
set -eu
whamm=$1 src=$2 work=$3
name=check-incomplete
. "$(dirname "$0")/../cli/lib.sh"
fresh_work "$work"
br_if_app
opcodes=$src/wasm/opcode.yaml

# defs NAME: a copy of the definitions whose opcode.yaml comes from stdin
defs() {
    cp -R "$src" "$1"
    cat > "$1/wasm/opcode.yaml"
}
# refused NAME PATTERN: check and instr both fail with PATTERN on stderr,
# and instr leaves no output
refused() {
    if "$whamm" check p.mm --defs-path "$1" 2> "$1.check.err"; then
        fail "$1: whamm check succeeded"
    fi
    grep -q -- "$2" "$1.check.err" || fail "$1: check said: $(cat "$1.check.err")"
    st=0
    "$whamm" instr --app app.wasm --script p.mm -o "$1.out.wasm" \
        --defs-path "$1" > "$1.instr.out" 2> "$1.instr.err" || st=$?
    [ "$st" -eq 1 ] || fail "$1: whamm instr exited $st"
    grep -q -- "$2" "$1.instr.err" || fail "$1: instr said: $(cat "$1.instr.err")"
    [ ! -e "$1.out.wasm" ] || fail "$1: instr wrote an output"
}

# the complete definitions work (the baseline of every case below)
cp -R "$src" good
"$whamm" instr --app app.wasm --script p.mm -o good.wasm --defs-path good > /dev/null
[ -s good.wasm ] || fail "the unmodified definitions did not instrument"

# cut at a line in the middle of the events: the package and its first
# events load, the rest are missing -- named, a few then "and N more"
head -n 1500 "$opcodes" | defs cut
refused cut "cut/wasm/opcode.yaml:[0-9]*:[0-9]*: error: opcode package 'wasm:opcode' has no event for [0-9]* instrumentable opcodes of the opcode table: .* and [0-9]* more .*\[E0113\]"

# one event taken out (the whole `- name: i64.rotl` item)
awk '/^          - name: /{skip = ($3 == "i64.rotl")} !skip' "$opcodes" | defs one
grep -q 'name: i64.rotl$' one/wasm/opcode.yaml && fail "i64.rotl still there"
refused one "one/wasm/opcode.yaml:[0-9]*:[0-9]*: error: opcode package 'wasm:opcode' has no event for 1 instrumentable opcode of the opcode table: i64.rotl (is the file cut short?) \[E0113\]"

# empty, only comments, only the anchors (cut before `providers:`)
defs empty < /dev/null
refused empty "empty/wasm/opcode.yaml: error: this provider file defines nothing.*\[E0112\]"
printf '# nothing here\n\n' | defs comments
refused comments "comments/wasm/opcode.yaml: error: this provider file defines nothing.*\[E0112\]"
head -n 200 "$opcodes" | defs anchors
refused anchors "anchors/wasm/opcode.yaml: error: this provider file defines nothing.*\[E0112\]"
echo "ok check-incomplete"
