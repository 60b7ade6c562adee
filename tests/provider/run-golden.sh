#!/bin/sh
# run-golden.sh WHAMM DEFS_DIR CASE -- one golden test of the `whamm` CLI
# (expected output kept in the case file).  CASE holds, in order:
#   # ARGS: <arguments after `whamm`, shell-quoted>
#   # EXIT: <expected exit code>
#   # --- STDOUT
#   <expected stdout>
#   # --- STDERR
#   <expected stderr>
# `--defs-path DEFS_DIR` is appended so results do not depend on the
# environment (DEFS_DIR `-`: nothing is appended, for commands without
# definitions); NO_COLOR keeps escapes out.  WHAMM_REBASE=1 rewrites CASE
# with what the command printed now.
set -u
whamm=$1 defs=$2 case=$3
args=$(sed -n 's/^# ARGS: //p' "$case" | head -n 1)
[ -n "$args" ] || { echo "$case: no '# ARGS:' line" >&2; exit 2; }
tmp=${TMPDIR:-/tmp}/golden.$$
trap 'rm -f "$tmp".*' EXIT
eval "set -- $args"
[ "$defs" = - ] || set -- "$@" --defs-path "$defs"
NO_COLOR=1 "$whamm" "$@" >"$tmp.out" 2>"$tmp.err"
code=$?
{
    printf '# ARGS: %s\n# EXIT: %s\n# --- STDOUT\n' "$args" "$code"
    cat "$tmp.out"
    printf '# --- STDERR\n'
    cat "$tmp.err"
} >"$tmp.actual"
if [ "${WHAMM_REBASE:-0}" = 1 ]; then
    cp "$tmp.actual" "$case"
    echo "rebased $case"
    exit 0
fi
if ! cmp -s "$tmp.actual" "$case"; then
    echo "golden mismatch: $case (WHAMM_REBASE=1 rewrites it)" >&2
    diff -u "$case" "$tmp.actual" | head -n 80 >&2
    exit 1
fi
