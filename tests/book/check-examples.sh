#!/bin/sh
# check-examples.sh WHAMM WORK PAGE... -- the test book.examples: every
# ```whamm block of the pages (the language reference, the tutorial) is a
# whole script that `whamm check` accepts, with no warning.
set -u
whamm=$1 work=$2
shift 2
rm -rf "$work" && mkdir -p "$work" || exit 1
fail=0 n=0
for page in "$@"; do
    base=$(basename "$page" .md)
    awk -v d="$work" -v b="$base" '
        /^```whamm$/ { n++; out = sprintf("%s/%s-%02d.mm", d, b, n); next }
        /^```/       { out = ""; next }
        out != ""    { print > out }
    ' "$page"
done
for f in "$work"/*.mm; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    if ! "$whamm" check --werror "$f" > "$f.out" 2>&1; then
        echo "$(basename "$f"): whamm check fails:" >&2
        cat "$f" "$f.out" >&2
        fail=1
    fi
done
[ $n -gt 0 ] || { echo "no examples found" >&2; exit 1; }
[ $fail -eq 0 ] && echo "examples: $n scripts check"
exit $fail
