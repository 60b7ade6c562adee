#!/bin/sh
# check-incomplete.sh WHAMM SRC_PROVIDERS WORK -- incomplete provider
# definitions given with --defs-path fail loudly (issue 14, item 1): a
# truncated, empty or comment-only wasm/opcode.yaml, or one missing a single
# event, is an error located in that file (E0112 / E0113, the missing
# events named), for `whamm check` and `whamm instr`, and `instr` writes no
# output -- where it used to say "0 sites", exit 0 and copy the module.
# A cut wasm.yaml is an error in wasm.yaml (E0112, E0114; E0115 warns of a
# missing final newline).
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

# a cut wasm.yaml is blamed on itself (issue 14, item 9), not on
# wasm/opcode.yaml, which extends the provider it failed to define, nor on
# the script ("no package 'func'")
wasmdefs() {
    cp -R "$src" "$1"
    cat > "$1/wasm.yaml"
}
head -c 200 "$src/wasm.yaml" | wasmdefs wcut
refused wcut "wcut/wasm.yaml: error: this provider file defines nothing.*\[E0112\]"
grep -q "opcode.yaml" wcut.check.err && fail "wcut: opcode.yaml blamed: $(cat wcut.check.err)"
head -n 50 "$src/wasm.yaml" | wasmdefs wlines
refused wlines "wlines/wasm.yaml:[0-9]*:[0-9]*: error: provider 'wasm' has no definitions of 'func:entry', 'func:exit', 'block:start', 'block:end', which whamm instruments (is the file cut short?) \[E0114\]"
grep -q "p.mm" wlines.check.err && fail "wlines: the script blamed: $(cat wlines.check.err)"
# cut in the middle of a line: valid YAML, but no final newline
head -c 2000 "$src/wasm.yaml" | wasmdefs wmid
refused wmid "wmid/wasm.yaml: warning: this provider file does not end with a newline: is it cut short? \[E0115\]"
grep -q "wmid/wasm.yaml:[0-9]*:[0-9]*: error: .*\[E0114\]" wmid.check.err ||
    fail "wmid: $(cat wmid.check.err)"
echo "ok check-incomplete"
