#!/usr/bin/env bash
# sweep-e2e.sh -- every e2e case (tests/e2e) with one script and a plain app
# whose script `whamm instr --target wei` accepts: the attached monitor
# must print what direct rewriting prints (stdout and the exit status; the
# pc column of wasm:func:entry rows aside, docs/wei.md).  Scripts the
# interface cannot express must be refused with a located error.  At least
# MIN cases must be compared, so the sweep cannot pass by refusing all.
#
# usage: sweep-e2e.sh WHAMM WORK MIN
set -euo pipefail

[[ $# -eq 3 ]] || { echo "usage: sweep-e2e.sh WHAMM WORK MIN" >&2; exit 2; }
whamm=$1 work=$2 min=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
NODE=${NODE:-node}
export NO_COLOR=1
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")
rm -rf -- "$work"
mkdir -p "$work"
cd "$work"

entry_pc() {
    awk -F', ' -v OFS=', ' '$10 ~ /wasm:func:entry/ { $9 = "PC" } { print }' "$1"
}

run() { # run OUT.wasm: stdout, stderr without the file's name, exit status
    set +e
    "$NODE" "$repo/tests/tools/run-wasi.mjs" "$1.wasm" >"$1.stdout" 2>"$1.stderr"
    echo "exit: $?" >>"$1.stdout"
    set -e
    sed "s/$1\.wasm/OUT.wasm/g" "$1.stderr" >>"$1.stdout"
}

same=0 refused=0 failed=0
for dir in "$repo"/tests/e2e/*/; do
    c=$(basename "$dir")
    [[ -f $dir/expected ]] || continue
    for skip in args node24 same-as stdin app.hex single-memory wat-flags; do
        [[ -e $dir/$skip ]] && continue 2
    done
    scripts=("$dir"*.mm)
    [[ ${#scripts[@]} == 1 && -f ${scripts[0]} ]] || continue
    if [[ -f $dir/app.wat ]]; then
        wat2wasm --enable-all --debug-names "$dir/app.wat" -o "$c.wasm"
    elif [[ -f $dir/app.c ]]; then
        clang --target=wasm32-wasi -O2 "$dir/app.c" -o "$c.wasm"
    else
        continue
    fi
    if ! "$whamm" instr --target wei --script "${scripts[0]}" -o "$c.mon.wasm" \
            "${defs[@]}" >/dev/null 2>"$c.wei.err"; then
        if ! grep -qE '^[^ ]+\.mm:[0-9]+:[0-9]+: error: ' "$c.wei.err" ||
           [[ -e $c.mon.wasm ]]; then
            echo "FAIL $c: refused without a location, or left a monitor"
            head -n 5 "$c.wei.err"
            failed=$((failed + 1))
            continue
        fi
        echo "refused $c: $(grep -m1 -oE 'error: .{0,100}' "$c.wei.err")"
        refused=$((refused + 1))
        continue
    fi
    "$whamm" instr --app "$c.wasm" --script "${scripts[0]}" -o "$c.direct.wasm" \
        "${defs[@]}" >/dev/null
    if ! "$whamm" attach --monitor "$c.mon.wasm" --app "$c.wasm" --werror \
            -o "$c.attached.wasm" "${defs[@]}" 2>"$c.attach.err"; then
        echo "FAIL $c: whamm attach failed"; head -n 5 "$c.attach.err"
        failed=$((failed + 1))
        continue
    fi
    wasm-validate --enable-all "$c.mon.wasm"
    wasm-validate --enable-all "$c.attached.wasm"
    run "$c.direct"
    run "$c.attached"
    if diff -u <(entry_pc "$c.direct.stdout") <(entry_pc "$c.attached.stdout") \
            >"$c.diff"; then
        echo "same $c"
        same=$((same + 1))
    else
        echo "FAIL $c: the attached monitor prints something else"
        head -n 20 "$c.diff"
        failed=$((failed + 1))
    fi
done
echo "compared $same, refused $refused, failed $failed"
(( failed == 0 )) || exit 1
(( same >= min )) || { echo "FAIL: only $same cases compared, expected at least $min"; exit 1; }
