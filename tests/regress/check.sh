#!/usr/bin/env bash
# check.sh WHAMM FILE.wasm -- a regression input must be handled cleanly:
# either read and written back byte for byte, or rejected with an error
# message and exit status 1.  A crash, a signal or a silent failure fails.
set -uo pipefail
whamm=$1 in=$2
out=$(mktemp) && trap 'rm -f "$out" "$out.err"' EXIT
"$whamm" roundtrip -q "$in" -o "$out" 2>"$out.err"
rc=$?
if [ $rc -eq 0 ]; then
    cmp "$in" "$out" || { echo "FAIL: $in accepted but not byte-identical"; exit 1; }
    echo "ok: $in round-trips"
elif [ $rc -eq 1 ] && grep -q 'error:' "$out.err"; then
    echo "ok: $in rejected: $(cat "$out.err")"
else
    echo "FAIL: $in: exit $rc"; cat "$out.err"; exit 1
fi
