#!/bin/sh
# e2e-seed.sh WAT2WASM CASE_DIR OUT -- one seed of fuzz_instr: the e2e
# case's app.wat assembled as tests/e2e/run-case.sh does (its wat-flags
# file, else --enable-all).  A case that does not assemble here gives an
# empty seed: seeds are a start, not a test.
wat2wasm=$1 dir=$2 out=$3
flags=--enable-all
[ -f "$dir/wat-flags" ] && flags=$(cat "$dir/wat-flags")
# shellcheck disable=SC2086
"$wat2wasm" $flags --debug-names "$dir/app.wat" -o "$out" 2> /dev/null || : > "$out"
