#!/usr/bin/env bash
# run-c-expect.sh -- run a WASI program under node and check it against an
# expectation file.
#
# usage: tests/tools/run-c-expect.sh APP.wasm EXPECTED_FILE
#
# EXPECTED_FILE format (see tests/corpus/README.md): the first line is
# `exit: N` (the expected exit status), every following line is the exact
# expected stdout.  stderr is not compared (it is shown on failure).
# Runs the program with tests/tools/run-wasi.mjs (no args, no preopens, empty
# env).  Exit status 0 if both stdout and exit status match, 1 otherwise,
# 2 on usage errors; a failure names the runtime that ran.  Env: NODE (default:
# node; Debian's node 20 has no multi-memory, so run such modules with
# NODE="$(tests/tools/node24.sh)").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE="${NODE:-node}"

die() { printf 'run-c-expect: %s\n' "$*" >&2; exit 2; }

[[ $# -eq 2 ]] || die "usage: run-c-expect.sh APP.wasm EXPECTED_FILE"
app="$1"
expected="$2"
[[ -f "$app" ]] || die "no such module: $app"
[[ -f "$expected" ]] || die "no such expectation file: $expected"
command -v "$NODE" >/dev/null 2>&1 || die "node not found (set NODE=/path/to/node)"

first_line="$(head -n 1 -- "$expected")"
if [[ ! "$first_line" =~ ^exit:\ *([0-9]+)$ ]]; then
  die "$expected: first line must be 'exit: N', got '$first_line'"
fi
want_status="${BASH_REMATCH[1]}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/run-c-expect.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT
tail -n +2 -- "$expected" > "$tmp/want.out"

set +e
"$NODE" --no-warnings "$here/run-wasi.mjs" "$app" > "$tmp/got.out" 2> "$tmp/got.err" < /dev/null
got_status=$?
set -e

ok=1
if [[ "$got_status" != "$want_status" ]]; then
  printf 'FAIL %s: exit status %s, expected %s\n' "$app" "$got_status" "$want_status"
  ok=0
fi
if ! cmp -s "$tmp/want.out" "$tmp/got.out"; then
  printf 'FAIL %s: stdout differs from %s (--- expected, +++ actual):\n' "$app" "$expected"
  diff -u --label expected --label actual "$tmp/want.out" "$tmp/got.out" | head -n 60 || true
  ok=0
fi
if [[ $ok -eq 0 ]]; then
  printf -- '--- runtime: %s (%s)\n' "$NODE" "$("$NODE" --version 2>/dev/null || echo 'version unknown')"
  if [[ -s "$tmp/got.err" ]]; then
    printf -- '--- stderr of %s:\n' "$app"
    head -n 30 -- "$tmp/got.err"
  fi
  exit 1
fi
printf 'ok   %s (exit %s, %s bytes of stdout)\n' "$app" "$got_status" "$(wc -c < "$tmp/got.out" | tr -d ' ')"
