#!/usr/bin/env bash
# run-combo.sh -- the combination test (label "combo"): probes of every pair
# of modes on one opcode, each probe in a script of its own, instrument
# app.wat, and check that every output validates, runs, and prints exactly
# what the uninstrumented program prints (the report, if any, after it).
# Every probe must match at least one site (the app has every opcode in
# reachable code).  Two `alt` probes on one opcode must be refused with a
# located error.  A few fixed sets of probes on different opcodes follow
# (`call:after` with `i32.load:after` and a `global.set` probe calling a
# script function, and before + alt + after on every opcode at once).
#
# The bodies count and add up bound values (argN, resN, pc), so they use
# the saved operands; `alt` bodies sit under a predicate that is false at
# run time but not when instrumenting (`flag == 99`, flag only changed by
# the body itself), so the original instruction runs in the predicate's
# else branch and the output stays the same.  `call:alt` also runs
# unpredicated with `alt_call_by_id(imm0)`, which calls what the call
# called.
#
# usage: run-combo.sh WHAMM CASE_DIR WORK [FILTER]
#   FILTER: an extended regex; only combinations whose name matches run.
# Env: WHAMM_DEFS, NODE, WAT2WASM.
set -euo pipefail

[[ $# -ge 3 ]] || { echo "usage: run-combo.sh WHAMM CASE_DIR WORK [FILTER]" >&2; exit 2; }
whamm=$1 case_dir=$(cd "$2" && pwd) work=$3 filter=${4:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runner=$here/../tools/run-wasi.mjs
NODE=${NODE:-node}
WAT2WASM=${WAT2WASM:-wat2wasm}
export NO_COLOR=1
rm -rf -- "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
defs=()
[[ -n ${WHAMM_DEFS:-} ]] && defs=(--defs-path "$WHAMM_DEFS")

"$WAT2WASM" --enable-all --debug-names "$case_dir/app.wat" -o "$work/app.wasm"
plain=$("$NODE" "$runner" "$work/app.wasm")

# opcode -> its modes, the value its probes add up, what an alt body
# leaves (the instruction's results, or for one that never falls through
# the values it takes)
declare -A modes val res_val alt_ret
add() { modes[$1]=$2; val[$1]=$3; res_val[$1]=$4; alt_ret[$1]=$5; }
branch="before after alt at_target"
block="before after alt entry exit"
plain_modes="before after alt"
add call           "$plain_modes" arg0 arg0 "alt_call_by_id(imm0 as i32);"
add call_indirect  "$plain_modes" arg0 res0 "return 0;"
add br             "$branch"      pc   pc   ""
add br_if          "$branch"      arg0 arg0 ""
add br_table       "$branch"      arg0 arg0 ""
add block          "$block"       pc   pc   ""
add loop           "$block"       pc   pc   ""
add if             "$block"       arg0 pc   ""
add else           "$block"       pc   pc   ""
add i32.load       "$plain_modes" arg0 res0 "return 0;"
add i32.store      "$plain_modes" arg0 arg0 ""
add global.set     "$plain_modes" arg0 arg0 ""
add local.tee      "$plain_modes" arg0 res0 "return arg0;"
add select         "$plain_modes" arg0 res0 "return 0;"
add return         "$plain_modes" pc   pc   ""
add return_call    "$plain_modes" arg0 arg0 ""
add unreachable    "alt before"   pc   pc   ""
# a predicated alt that cannot be kept valid: a located error instead
# (none at present: a loop's goes into a block of whamm's)
declare -A alt_error
ops="call call_indirect br br_if br_table block loop if else i32.load i32.store
     global.set local.tee select return return_call unreachable"

header='report var hits: u32;
report var acc: u64;
var flag: u32;'

# probe OP MODE -> one probe of that mode on OP
probe() {
    local op=$1 mode=$2 v=${val[$1]} bound=""
    [[ $mode == after ]] && v=${res_val[$op]}
    [[ $mode == entry || $mode == exit ]] && v=pc
    [[ $v == arg0 ]] && bound="(arg0: i32)"
    [[ $v == res0 ]] && bound="(res0: i32)"
    if [[ $mode == alt ]]; then
        printf 'wasm:opcode:%s%s:alt / flag == 99 / {\n' "$op" "$bound"
        printf '    flag = flag + 1;\n    %s\n}\n' "${alt_ret[$op]}"
    else
        printf 'wasm:opcode:%s%s:%s {\n' "$op" "$bound" "$mode"
        printf '    hits = hits + 1;\n    acc = acc + (%s as u64);\n}\n' "$v"
    fi
}

failures=0 runs=0
fail() { printf 'FAIL %s: %s\n' "$1" "$2"; failures=$((failures + 1)); }

# check NAME EXPECT_ERROR: instrument with the scripts in $work/NAME
check() {
    local name=$1 want_err=${2:-} dir=$work/$1 out=$work/$1/out.wasm
    runs=$((runs + 1))
    local scripts=() s
    for s in "$dir"/*.mm; do scripts+=(--script "$(basename "$s")"); done
    local rc=0
    (cd "$dir" && "$whamm" instr --app "$work/app.wasm" "${scripts[@]}" -o "$out" \
        "${defs[@]}") >"$dir/instr.out" 2>"$dir/instr.err" || rc=$?
    if [[ -n $want_err ]]; then
        [[ $rc == 1 ]] && grep -qE "^[a-z]\.mm:[0-9]+:[0-9]+: error: .*$want_err" \
            "$dir/instr.err" || fail "$name" "expected a located error '$want_err'"
        return 0
    fi
    if [[ $rc != 0 ]]; then
        fail "$name" "whamm instr exit $rc: $(head -n 3 "$dir/instr.err")"
        return 0
    fi
    if grep -q ': 0 sites$' "$dir/instr.out"; then
        fail "$name" "a probe matched no site: $(grep ': 0 sites$' "$dir/instr.out")"
        return 0
    fi
    wasm-validate --enable-all "$out" 2>"$dir/validate.err" ||
        { fail "$name" "invalid output: $(head -n 2 "$dir/validate.err")"; return 0; }
    local got
    got=$(timeout 20 "$NODE" "$runner" "$out" 2>"$dir/run.err") ||
        { fail "$name" "run failed: $(head -n 2 "$dir/run.err")"; return 0; }
    local rest=${got#"$plain"}
    if [[ $rest == "$got" || ( -n $rest && $rest != $'\n\n====='* ) ]]; then
        printf '%s\n' "$got" >"$dir/run.out"
        fail "$name" "program output differs (see $dir/run.out)"
    fi
}

wanted() { [[ -z $filter || $1 =~ $filter ]]; }

# every pair of modes (a mode with itself too) on each opcode
for op in $ops; do
    read -r -a ms <<<"${modes[$op]}"
    for ((i = 0; i < ${#ms[@]}; i++)); do
        for ((j = i; j < ${#ms[@]}; j++)); do
            m1=${ms[i]} m2=${ms[j]} name="$op.${ms[i]}+${ms[j]}"
            wanted "$name" || continue
            mkdir -p "$work/$name"
            { echo "$header"; probe "$op" "$m1"; } >"$work/$name/a.mm"
            { echo "$header"; probe "$op" "$m2"; } >"$work/$name/b.mm"
            if [[ $m1 == alt || $m2 == alt ]] && [[ -n ${alt_error[$op]:-} ]]; then
                check "$name" "${alt_error[$op]}"
            elif [[ $m1 == alt && $m2 == alt ]]; then
                check "$name" "Multiple \`alt\` probes matched"
            else
                check "$name"
            fi
        done
    done
done

# fixed sets across opcodes
set_dir() { wanted "$1" || return 1; mkdir -p "$work/$1"; }
if set_dir call-alt-by-id; then
    { echo "$header"; cat <<'MM'; } >"$work/call-alt-by-id/a.mm"
wasm:opcode:call:alt {
    hits = hits + 1;
    alt_call_by_id(imm0 as i32);
}
MM
    { echo "$header"; probe call before; probe call after; } >"$work/call-alt-by-id/b.mm"
    check call-alt-by-id
fi
if set_dir after-load-global; then
    { echo "$header"; probe call after; } >"$work/after-load-global/a.mm"
    { echo "$header"; probe i32.load after; } >"$work/after-load-global/b.mm"
    { echo "$header"; cat <<'MM'; } >"$work/after-load-global/c.mm"
fn weigh(x: i32) -> u64 {
    return (x as u64) * 2;
}
wasm:opcode:global.set(arg0: i32):before {
    acc = acc + weigh(arg0);
}
wasm:opcode:global.set(arg0: i32):after {
    hits = hits + (weigh(arg0) as u32);
}
MM
    check after-load-global
fi
for op in $ops; do
    read -r -a ms <<<"${modes[$op]}"
    name="$op.all"
    [[ -z ${alt_error[$op]:-} ]] || continue
    set_dir "$name" || continue
    letters=(a b c d e)
    for ((k = 0; k < ${#ms[@]}; k++)); do
        { echo "$header"; probe "$op" "${ms[k]}"; } >"$work/$name/${letters[k]}.mm"
    done
    check "$name"
done

printf '%d combinations, %d failed\n' "$runs" "$failures"
[[ $failures -eq 0 ]]
