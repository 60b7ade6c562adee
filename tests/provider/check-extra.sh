#!/bin/sh
# check-extra.sh WHAMM SRC_PROVIDERS EXTRA_FILE WORKDIR -- a package added by
# its own file in a custom --defs-path shows up in `whamm info` and matches.
set -eu
whamm=$1 src=$2 extra=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
cp -R "$src" "$work/providers"
cp "$extra" "$work/providers/zz-extra.yaml"
out=$(NO_COLOR=1 "$whamm" info -r 'wasm:extra:*:*' -v --defs-path "$work")
echo "$out" | grep -q '^extra package$'
echo "$out" | grep -q '^ping event$'
echo "$out" | grep -q 'pings: u32'
echo "$out" | grep -q '^    before mode$'
# the package also joins glob rules next to the built-in ones
NO_COLOR=1 "$whamm" info -r 'wasm:*:ping:before' --defs-path "$work" |
    grep -q '^ping event$'
# and the unmodified definitions do not have it
if "$whamm" info -r 'wasm:extra:*:*' --defs-path "$src" 2>/dev/null; then
    echo "extra package leaked into $src" >&2
    exit 1
fi
echo "extra package OK"
