#!/usr/bin/env bash
# bench/roundtrip.sh -- round-trip speed and memory benchmark on large real modules.
#
# usage: bench/roundtrip.sh [WHAMM]
#
# For each large module from tests/npm/node_modules (run `npm ci` in tests/npm
# first) measures whole-process wall time and peak RSS of:
#   whamm      WHAMM roundtrip IN -o OUT
#   opt-npm    binaryen (npm package, a node script running binaryen compiled to
#              wasm) wasm-opt --all-features IN -o OUT   (no passes: parse+write)
#   opt-native /usr/bin/wasm-opt --all-features IN -o OUT (Debian's native binaryen)
#   cp         cp IN OUT   (the I/O floor)
# Each is run BENCH_REPS times (default 3); the best wall time and the highest
# peak RSS are reported.  Then prints a time table (with ratios) and a memory
# table (RSS, RSS/module size, and whamm's RSS above cp's baseline / size).
#
# WHAMM defaults to $WHAMM, then build/core/whamm, build/whamm, then `whamm` on PATH.
# Env: BENCH_REPS, BENCH_MODULES (space-separated .wasm paths to use instead
# of the npm modules), WASM_OPT_NATIVE (default /usr/bin/wasm-opt), NODE.
# Peak RSS needs GNU time (/usr/bin/time, Debian package `time`); without it
# only times are shown.  See bench/README.md for the targets.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"   # find_modules; the settings below are this script's own
root="$(cd "$here/.." && pwd)"
npm_dir="$root/tests/npm/node_modules"
REPS="${BENCH_REPS:-3}"
NODE="${NODE:-node}"
OPT_NPM="$npm_dir/binaryen/bin/wasm-opt"
OPT_NATIVE="${WASM_OPT_NATIVE:-/usr/bin/wasm-opt}"

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

whamm="${1:-${WHAMM:-}}"
if [[ -z "$whamm" ]]; then
  if [[ -x "$root/build/core/whamm" ]]; then whamm="$root/build/core/whamm"
  elif [[ -x "$root/build/whamm" ]]; then whamm="$root/build/whamm"
  elif command -v whamm >/dev/null 2>&1; then whamm="$(command -v whamm)"
  else die "no whamm binary: pass it as the first argument (e.g. bench/roundtrip.sh build/whamm)"
  fi
fi
[[ -x "$whamm" ]] || die "not executable: $whamm"

find_modules sql-wasm sql-wasm-debug quickjs esbuild

have_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
  have_time=1
else
  printf 'bench: note: GNU time not found (apt-get install time); peak RSS will not be measured\n' >&2
fi
have_npm_opt=0
[[ -f "$OPT_NPM" ]] && command -v "$NODE" >/dev/null 2>&1 && have_npm_opt=1
have_native_opt=0
[[ -x "$OPT_NATIVE" ]] && have_native_opt=1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/whamm-bench.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT

# measure NAME CMD... : runs CMD $REPS times; sets best_ms / peak_kb ("-" on failure)
measure() {
  local rep t0 t1 ms kb status
  best_ms=""; peak_kb=""
  for ((rep = 0; rep < REPS; rep++)); do
    rm -f -- "$tmp/out.wasm"
    t0=$(date +%s%N)
    set +e
    if [[ $have_time -eq 1 ]]; then
      /usr/bin/time -f '%M' -o "$tmp/rss" "$@" > "$tmp/stdout" 2> "$tmp/stderr"
    else
      "$@" > "$tmp/stdout" 2> "$tmp/stderr"
    fi
    status=$?
    set -e
    t1=$(date +%s%N)
    if [[ $status -ne 0 ]]; then
      printf 'bench: %s failed (status %d):\n' "$1" "$status" >&2
      head -n 5 -- "$tmp/stderr" >&2
      best_ms="-"; peak_kb="-"
      return
    fi
    ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
    if [[ -z "$best_ms" ]] || awk -v x="$ms" -v y="$best_ms" 'BEGIN { exit !(x < y) }'; then best_ms=$ms; fi
    if [[ $have_time -eq 1 ]]; then
      kb=$(tail -n 1 -- "$tmp/rss")
      if [[ -z "$peak_kb" || "$kb" -gt "$peak_kb" ]]; then peak_kb=$kb; fi
    else
      peak_kb="-"
    fi
  done
}

ratio() { # ratio A B -> A/B with 1 decimal, "-" if unknown
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.1f", a / b }'
}
mb() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f", k / 1024 }'; }

declare -a rows_time rows_mem
identical_all=1
for entry in "${modules[@]}"; do
  name="${entry%%=*}"
  m="${entry#*=}"
  size=$(wc -c < "$m" | tr -d ' ')
  size_mb=$(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }')
  printf 'bench: %s (%s MB) ...\n' "$name" "$size_mb" >&2

  measure "$whamm" roundtrip "$m" -o "$tmp/out.wasm"
  w_ms=$best_ms; w_kb=$peak_kb
  same="yes"
  if [[ "$w_ms" == "-" ]]; then same="FAIL"
  elif ! cmp -s -- "$m" "$tmp/out.wasm"; then same="NO"; fi
  [[ "$same" == "yes" ]] || identical_all=0

  n_ms="-"; n_kb="-"; o_ms="-"; o_kb="-"
  if [[ $have_npm_opt -eq 1 ]]; then
    measure "$NODE" "$OPT_NPM" --all-features "$m" -o "$tmp/out.wasm"
    n_ms=$best_ms; n_kb=$peak_kb
  fi
  if [[ $have_native_opt -eq 1 ]]; then
    measure "$OPT_NATIVE" --all-features "$m" -o "$tmp/out.wasm"
    o_ms=$best_ms; o_kb=$peak_kb
  fi
  measure cp "$m" "$tmp/out.wasm"
  c_ms=$best_ms; c_kb=$peak_kb

  net=$(awk -v w="$w_kb" -v c="$c_kb" -v s="$size" 'BEGIN { if (w == "-" || c == "-") print "-"; else printf "%.2f", (w - c) * 1024 / s }')
  rows_time+=("$(printf '%-24s %8s %10s %12s %12s %9s %10s %10s %8s %6s' \
    "$name" "$size_mb" "$w_ms" "$n_ms" "$o_ms" "$c_ms" \
    "$(ratio "$n_ms" "$w_ms")" "$(ratio "$o_ms" "$w_ms")" "$(ratio "$w_ms" "$c_ms")" "$same")")
  rows_mem+=("$(printf '%-24s %8s %10s %12s %12s %9s %9s %9s %10s' \
    "$name" "$size_mb" "$(mb "$w_kb")" "$(mb "$n_kb")" "$(mb "$o_kb")" "$(mb "$c_kb")" \
    "$(awk -v k="$w_kb" -v s="$size" 'BEGIN { if (k == "-") print "-"; else printf "%.2f", k * 1024 / s }')" \
    "$(awk -v k="$o_kb" -v s="$size" 'BEGIN { if (k == "-") print "-"; else printf "%.2f", k * 1024 / s }')" \
    "$net")")
done

printf '\nwhamm: %s   reps: %s (best wall time, highest peak RSS)\n' "$whamm" "$REPS"
[[ $have_native_opt -eq 1 ]] && printf 'opt-native: %s (%s)\n' "$OPT_NATIVE" "$("$OPT_NATIVE" --version 2>/dev/null | head -n 1)"
[[ $have_npm_opt -eq 1 ]] && printf 'opt-npm: node %s (%s)\n' "$OPT_NPM" "$("$NODE" "$OPT_NPM" --version 2>/dev/null | head -n 1)"
printf '\nWall time (ms)\n'
printf '%-24s %8s %10s %12s %12s %9s %10s %10s %8s %6s\n' \
  module size_MB whamm opt-npm opt-native cp npm/whamm nat/whamm whamm/cp exact
for r in "${rows_time[@]}"; do printf '%s\n' "$r"; done
if [[ $have_time -eq 1 ]]; then
  printf '\nPeak RSS (MB)\n'
  printf '%-24s %8s %10s %12s %12s %9s %9s %9s %10s\n' \
    module size_MB whamm opt-npm opt-native cp whamm/sz nat/sz whamm-cp/sz
  for r in "${rows_mem[@]}"; do printf '%s\n' "$r"; done
fi
printf '\ntargets (bench/README.md): nat/whamm well over 20; whamm/cp a small factor; whamm RSS/size < 3\n'
printf '(exact = whamm output byte-identical to the input)\n'
[[ $identical_all -eq 1 ]] || { printf 'bench: WARNING: whamm output was not byte-identical for some module\n' >&2; exit 1; }
