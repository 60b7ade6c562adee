#!/bin/sh
# check-builtin.sh WHAMM SRC_PROVIDERS WORKDIR -- the definitions compiled
# into whamm (no --defs-path) and the YAML of providers/ (--defs-path) give
# the same `whamm info` listings, text and JSON, for every rule shape, and
# the same `whamm check` results.  A WHAMM_HOME holding an unedited copy of
# providers/ gives the same too, and an edited copy is loaded as YAML (the
# edit shows).
set -eu
whamm=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work/home"
export NO_COLOR=1
unset WHAMM_HOME || true

# dump NAME ARGS...: runs whamm ARGS twice, compiled-in and from the YAML
dump() {
    name=$1
    shift
    "$whamm" "$@" >"$work/$name.builtin" 2>&1 || echo "status $?" >>"$work/$name.builtin"
    "$whamm" "$@" --defs-path "$src" >"$work/$name.yaml" 2>&1 ||
        echo "status $?" >>"$work/$name.yaml"
    if ! cmp -s "$work/$name.builtin" "$work/$name.yaml"; then
        echo "whamm $* differs between compiled-in and --defs-path $src:" >&2
        diff "$work/$name.yaml" "$work/$name.builtin" | head -20 >&2
        exit 1
    fi
}
dump list info -l
dump list-vf info -l -v -f
dump all-json info --rule 'wasm:*:*:*' --json
dump all-text info --rule 'wasm:*:*:*' -v -f
dump all-json-vf info --rule 'wasm:*:*:*' -v -f --json
dump pkgs info --rule 'wasm:*' -v -f --json
dump two info --rule 'wasm:*:*' -v -f
dump begin info --rule 'wasm:begin' -v -f
dump typo info --rule 'wasm:opcode:i32.addd:before'
test "$(wc -l <"$work/list.builtin")" -gt 300   # every opcode event
for s in "$(dirname "$0")"/../../samples/scripts/*.mm; do
    dump "check-$(basename "$s" .mm)" check "$s"
done

# an unedited copy in WHAMM_HOME: the same as compiled-in
cp -R "$src" "$work/home/providers"
WHAMM_HOME="$work/home" "$whamm" info --rule 'wasm:*:*:*' --json \
    >"$work/home.json"
cmp -s "$work/home.json" "$work/all-json.builtin" ||
    { echo "WHAMM_HOME copy differs from compiled-in" >&2; exit 1; }
# an edited copy: its YAML is loaded
sed 's/Runs when the program starts/Edited, runs when the program starts/' \
    "$src/wasm.yaml" >"$work/home/providers/wasm.yaml"
WHAMM_HOME="$work/home" "$whamm" info --rule 'wasm:begin' >"$work/edited"
grep -q "Edited, runs" "$work/edited" ||
    { echo "edited WHAMM_HOME copy not loaded" >&2; exit 1; }
echo "compiled-in definitions OK"
