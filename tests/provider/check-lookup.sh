#!/bin/sh
# check-lookup.sh WHAMM BUILD_DIR SRC_PROVIDERS WORKDIR -- where `whamm info`
# finds the definitions (docs/providers.md): --defs-path, then WHAMM_HOME,
# then <prefix>/share/whamm/providers beside an installed <prefix>/bin/whamm
# (installed with `cmake --install`), else the source tree.  Each location
# gets a marker package so the test sees which one was used.
set -eu
whamm=$1 build=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work/home"
marker() {   # marker DIR NAME: a package only that location has
    cat >"$1/zz-marker.yaml" <<YAML
providers:
  - name: wasm
    packages:
      - {name: $2, docs: marker}
YAML
}
info() { NO_COLOR=1 "$@" >/dev/null 2>&1; }

# the source tree (uninstalled build, no WHAMM_HOME)
env -u WHAMM_HOME "$whamm" info -r wasm:begin >/dev/null
# WHAMM_HOME/providers
cp -R "$src" "$work/home/providers"
marker "$work/home/providers" fromhome
WHAMM_HOME="$work/home" "$whamm" info -r wasm:fromhome >/dev/null
# --defs-path wins over WHAMM_HOME
if WHAMM_HOME="$work/home" info "$whamm" info -r wasm:fromhome \
       --defs-path "$src"; then
    echo "--defs-path did not take precedence" >&2; exit 1
fi
# a missing --defs-path is an error naming it
if "$whamm" info -r wasm:begin --defs-path "$work/nope" 2>"$work/err"; then
    echo "missing --defs-path accepted" >&2; exit 1
fi
grep -q "E0111" "$work/err"
# installed: <prefix>/bin/whamm finds <prefix>/share/whamm/providers.  Only
# our component is installed (other components may not be built yet); the
# binary is copied, as `cmake --install` would put it in <prefix>/bin.
cmake --install "$build" --prefix "$work/prefix" \
    --component whamm_providers >/dev/null
mkdir -p "$work/prefix/bin"
cp "$whamm" "$work/prefix/bin/whamm"
test -f "$work/prefix/share/whamm/providers/wasm/opcode.yaml"
marker "$work/prefix/share/whamm/providers" frominstall
env -u WHAMM_HOME "$work/prefix/bin/whamm" info -r wasm:frominstall >/dev/null
echo "definition lookup OK"
