#!/bin/sh
# file-size.sh WHAMM WORK -- an output larger than the file size limit
# (`ulimit -f`) is an error like any failed write: exit status 1, a message
# naming the output, no output file and no temp file left, and an output
# that was there before stays as it was.  Without that whamm would die of
# SIGXFSZ in the middle of its write.
set -eu
whamm=$1 work=$2
name=file-size
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
br_if_app

temps() { ls -A | grep '^\.whamm-' || true; }

# the instrumented app, with whamm's runtime, is tens of KB: over a limit
# of 8 blocks (4 KB in 512-byte blocks, 8 KB in 1024-byte ones)
st=0
(ulimit -f 8 && exec "$whamm" instr --app app.wasm --script p.mm \
    -o out.wasm) > instr.out 2> instr.err || st=$?
[ "$st" -eq 1 ] || fail "exit status $st, expected 1: $(cat instr.err)"
grep -q 'out.wasm' instr.err || fail "the message names no output: $(cat instr.err)"
grep -qi 'too large' instr.err || fail "the message does not say why: $(cat instr.err)"
[ ! -e out.wasm ] || fail "out.wasm was written"
[ -z "$(temps)" ] || fail "temp file left: $(temps)"

# an output already there is left as it was
printf 'old' > out.wasm
st=0
(ulimit -f 8 && exec "$whamm" instr --app app.wasm --script p.mm \
    -o out.wasm) > instr.out 2> instr.err || st=$?
[ "$st" -eq 1 ] || fail "second run: exit status $st, expected 1"
[ "$(cat out.wasm)" = old ] || fail "out.wasm changed"
[ -z "$(temps)" ] || fail "second run: temp file left: $(temps)"

# the same run without the limit writes it
"$whamm" instr --app app.wasm --script p.mm -o out.wasm > instr.out 2>&1 ||
    fail "without a limit: $(cat instr.out)"
wasm-validate out.wasm || fail "out.wasm does not validate"
printf 'ok   cli.%s\n' "$name"
