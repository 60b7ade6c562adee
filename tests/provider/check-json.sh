#!/bin/sh
# check-json.sh WHAMM SRC_PROVIDERS WORKDIR -- `whamm info --json` is
# well-formed JSON for every rule shape, and strings with quotes,
# backslashes, tabs, newlines and non-ASCII text survive escaping.
set -eu
whamm=$1 src=$2 work=$3
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 0; }
rm -rf "$work"
mkdir -p "$work"
cp -R "$src" "$work/providers"
cat >"$work/providers/zz-json.yaml" <<'YAML'
providers:
  - name: wasm
    packages:
      - name: jsonpkg
        docs: "quote \" backslash \\ tab \t bell \a nl \n é ✓"
        events:
          - name: ev
            docs: |
              two
              lines
            bound_vars:
              - {name: "v", type: "(u32, map<u32, str>)", lifetime: static, docs: "x\u0001y"}
            supported_modes: [{name: before, docs: b}]
YAML
for rule in 'wasm:*:*:*' 'wasm:*:*' 'wasm:*' 'wasm:jsonpkg:ev:before'; do
    "$whamm" info -r "$rule" -v -f --json --defs-path "$work" >"$work/out.json"
    python3 - "$work/out.json" "$rule" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["rule"] == sys.argv[2], d["rule"]
assert d["matches"], "no matches"
if sys.argv[2] == "wasm:jsonpkg:ev:before":
    assert d["packages"][0]["docs"] == 'quote " backslash \\ tab \t bell \a nl \n é ✓'
    assert d["events"][0]["docs"] == "two\nlines\n"
    v = d["events"][0]["bound_vars"][0]
    assert v["docs"] == "x\x01y" and v["type"] == "(u32,map<u32,str>)", v
    assert d["matches"][0]["name"] == "wasm:jsonpkg:ev:before"
PY
done
echo "json OK"
