#!/bin/sh
# output-paths.sh WHAMM WORK -- where `whamm roundtrip -o OUT` (and every
# command writing a module: they share one writer) puts its bytes, as cp
# does: a symlink is followed (the file it names is replaced, the link
# stays), an existing file keeps its mode, a FIFO (like a device) is
# written to rather than replaced, a 250-byte file name works (the
# temporary name is short), a directory is an error, and no temporary file
# is left anywhere.
set -eu
whamm=$1 work=$2
name=output-paths
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
printf '(module (func (export "f") (result i32) (i32.const 7)))' > in.wat
wat2wasm in.wat -o in.wasm

# a symlink: the file it names gets the output, the link stays a link
echo old > real.wasm
ln -s real.wasm link.wasm
"$whamm" roundtrip in.wasm -o link.wasm > /dev/null
[ -L link.wasm ] || fail "link.wasm is no longer a symlink"
cmp -s real.wasm in.wasm || fail "real.wasm does not hold the output"

# an existing file keeps its mode
echo old > mode.wasm
chmod 0754 mode.wasm
"$whamm" roundtrip in.wasm -o mode.wasm > /dev/null
[ "$(stat -c %a mode.wasm)" = 754 ] || fail "mode.wasm: mode $(stat -c %a mode.wasm), not 754"
cmp -s mode.wasm in.wasm || fail "mode.wasm does not hold the output"

# a FIFO is written to, not replaced (as a device such as /dev/null would be)
mkfifo fifo.wasm
cat fifo.wasm > got.wasm &
reader=$!
"$whamm" roundtrip in.wasm -o fifo.wasm > /dev/null
wait "$reader"
[ -p fifo.wasm ] || fail "fifo.wasm was replaced"
cmp -s got.wasm in.wasm || fail "the FIFO's reader did not get the output"

# a file name of 250 bytes (+ .wasm = 255, the longest a name can be)
long=$(printf 'a%.0s' $(seq 1 250)).wasm
"$whamm" roundtrip in.wasm -o "$long" > /dev/null
cmp -s "$long" in.wasm || fail "the 255-byte name does not hold the output"

# a directory is an error, and is left alone
mkdir dir.wasm
if "$whamm" roundtrip in.wasm -o dir.wasm > /dev/null 2> dir.err; then
    fail "writing onto a directory succeeded"
fi
grep -q "cannot write 'dir.wasm': it is a directory" dir.err ||
    fail "message: $(cat dir.err)"
[ -d dir.wasm ] || fail "dir.wasm is gone"

# nothing temporary is left behind
if ls -A | grep -q '^\.whamm-'; then
    fail "temporary files left: $(ls -A | grep '^\.whamm-')"
fi
echo "ok output-paths"
