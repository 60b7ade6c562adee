#!/usr/bin/env bash
# roundtrip.sh -- byte-exact round-trip check of one module through whamm.
#
# usage: tests/tools/roundtrip.sh WHAMM INPUT.wasm WORKDIR
#
# Runs `WHAMM roundtrip INPUT.wasm -o WORKDIR/out.wasm` and requires the
# output to be byte-identical to the input.  On any failure (whamm exits
# non-zero, no output, output differs) prints a clear message -- for a
# difference: both sizes, the first differing offset and a hex dump of both
# files around it -- and exits 1.  Exit 2 on usage errors / missing input.
set -euo pipefail

die() { printf 'roundtrip: %s\n' "$*" >&2; exit 2; }
fail() { printf 'FAIL roundtrip %s: %s\n' "$input" "$*" >&2; exit 1; }

[[ $# -eq 3 ]] || die "usage: roundtrip.sh WHAMM INPUT.wasm WORKDIR"
whamm="$1"
input="$2"
workdir="$3"

[[ -x "$whamm" ]] || die "whamm executable not found or not executable: $whamm"
if [[ ! -f "$input" ]]; then
  case "$input" in
    */node_modules/*)
      die "input module missing: $input
  The npm test modules are not installed: run 'npm ci' in tests/npm (needs node + npm)." ;;
    *)
      die "input module missing: $input (was the corpus built? see tests/tools/build-corpus.sh)" ;;
  esac
fi

mkdir -p -- "$workdir"
out="$workdir/out.wasm"
log="$workdir/whamm.log"
rm -f -- "$out"

set +e
"$whamm" roundtrip "$input" -o "$out" > "$log" 2>&1
status=$?
set -e
if [[ $status -ne 0 ]]; then
  printf -- '--- whamm output:\n' >&2
  cat -- "$log" >&2
  fail "'whamm roundtrip' exited with status $status"
fi
[[ -f "$out" ]] || fail "whamm exited 0 but wrote no output file ($out)"

if cmp -s -- "$input" "$out"; then
  # whamm's one-line summary
  printf 'ok   %s: %s\n' "$input" "$(head -n 1 -- "$log")"
  exit 0
fi

in_size=$(wc -c < "$input" | tr -d ' ')
out_size=$(wc -c < "$out" | tr -d ' ')
# cmp -l prints "OFFSET(1-based) BYTE1 BYTE2" (octal bytes) per differing byte;
# nothing when one file is a prefix of the other.
first=$(LC_ALL=C cmp -l -- "$input" "$out" 2>/dev/null | head -n 1 || true)
if [[ -n "$first" ]]; then
  read -r pos b1 b2 <<< "$first"
  off=$((pos - 1))
  detail=$(printf 'first difference at offset %d (0x%x): input byte 0x%02x, output byte 0x%02x' \
    "$off" "$off" "$((8#$b1))" "$((8#$b2))")
else
  off=$(( in_size < out_size ? in_size : out_size ))
  detail=$(printf 'one file is a prefix of the other: they differ from offset %d (0x%x), the end of the shorter file' "$off" "$off")
fi

{
  printf 'FAIL roundtrip %s: output is not byte-identical to the input\n' "$input"
  printf '  input  %s: %s bytes\n' "$input" "$in_size"
  printf '  output %s: %s bytes\n' "$out" "$out_size"
  printf '  %s\n' "$detail"
  start=$(( off >= 16 ? off - 16 : 0 ))
  for f in "$input" "$out"; do
    printf '  --- %s around offset 0x%x:\n' "$f" "$off"
    if command -v xxd >/dev/null 2>&1; then
      xxd -s "$start" -l 48 -- "$f" | sed 's/^/    /'
    else
      od -A x -t x1z -j "$start" -N 48 -- "$f" | sed 's/^/    /'
    fi
  done
  printf -- '--- whamm output:\n'
  cat -- "$log"
} >&2
exit 1
