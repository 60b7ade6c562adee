#!/usr/bin/env bash
# check-style.sh SOURCE_DIR -- the mechanical parts of the code style on
# our C sources (core/, whamm-ld/, tests/): every line fits in 100 columns
# and every file opens with a comment saying what it is.  The .def tables
# are table-driven and exempt from the column limit; tests/corpus holds
# test inputs, not project code.
set -uo pipefail
src=$1
status=0
while IFS= read -r -d '' f; do
    rel=${f#"$src"/}
    long=$(awk 'length > 100 {printf "%d ", NR}' "$f")
    if [ -n "$long" ]; then
        echo "$rel: lines over 100 columns: $long"
        status=1
    fi
    first=$(head -c 2 "$f")
    if [ "$first" != "/*" ] && [ "$first" != "//" ]; then
        echo "$rel: does not open with a comment saying what it does"
        status=1
    fi
done < <(find "$src/core" "$src/whamm-ld" "$src/tests" \
              \( -name node_modules -o -path "$src/tests/corpus" \) -prune -o \
              \( -name '*.c' -o -name '*.h' \) -type f -print0 2>/dev/null)
[ $status -eq 0 ] && echo "ok: style checks passed"
exit $status
