#!/bin/sh
# run-golden.sh WHAMM FILE -- runs one golden case.
# FILE is a whamm script whose first line may be `// RUN: ARGS` (default
# `check`; `{}` stands for the file, else it is appended).  Everything from
# the line `// ---- expected (exit N) ----` on is the expected exit status,
# stdout and stderr, each output line prefixed with `// `, so the file stays
# a valid script.  With WHAMM_REBASE=1 the expectation is rewritten.
set -u
whamm=$1
file=$2
dir=$(dirname "$file")
base=$(basename "$file")
args=$(sed -n '1s|^// RUN: *||p' "$file")
[ -n "$args" ] || args=check
case "$args" in
  *'{}'*) args=$(printf '%s' "$args" | sed "s|{}|$base|g") ;;
  *) args="$args $base" ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
(cd "$dir" && NO_COLOR=1 "$whamm" $args >"$tmp/out" 2>"$tmp/err")
rc=$?
{
  echo "// ---- expected (exit $rc) ----"
  echo "// stdout:"
  sed 's|^|// |' "$tmp/out"
  echo "// stderr:"
  sed 's|^|// |' "$tmp/err"
} >"$tmp/actual"
sed -n '/^\/\/ ---- expected (exit/,$p' "$file" >"$tmp/expected"
if [ "${WHAMM_REBASE:-0}" = 1 ]; then
  sed '/^\/\/ ---- expected (exit/,$d' "$file" >"$tmp/new"
  cat "$tmp/actual" >>"$tmp/new"
  cp "$tmp/new" "$file"
  echo "rebased $file"
  exit 0
fi
if ! diff -u "$tmp/expected" "$tmp/actual"; then
  echo "FAIL: $file (rerun with WHAMM_REBASE=1 to accept the new output)"
  exit 1
fi
