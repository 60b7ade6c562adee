#!/bin/sh
# check-sync.sh GEN COMMON OUT CHECKED_IN -- the providers-in-sync test
# (opcodes.def is the one source): regenerate the opcode package into the
# build tree and fail if the checked-in file differs
# (`ninja regen-providers` fixes it).
set -eu
"$1" "$2" "$3"
if ! cmp -s "$3" "$4"; then
    echo "$4 is stale: run 'ninja -C <build> regen-providers'" >&2
    diff -u "$4" "$3" | head -n 40 >&2
    exit 1
fi
