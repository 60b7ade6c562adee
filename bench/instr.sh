#!/usr/bin/env bash
# bench/instr.sh -- rewriting throughput of `whamm instr` on large real modules.
#
# usage: bench/instr.sh [WHAMM]
#
# For each large module from tests/npm/node_modules (run `npm ci` in tests/npm
# first) measures whole-process wall time and peak RSS of:
#   icount     WHAMM instr --app IN --script samples/scripts/icount.mm -o OUT
#              (a probe before every instruction: the worst case for the rewriter)
#   nomatch    WHAMM instr --app IN --script bench/nomatch.mm -o OUT
#              (a probe that matches no site: parse, match, write; nothing injected)
#   opt-native /usr/bin/wasm-opt --all-features IN -o OUT (Debian's native binaryen,
#              no passes: a plain read/write round trip)
#   persite    WHAMM instr --app IN --script bench/scripts/persite.mm -o OUT
#              (`report unshared var n: u64; n++` before every instruction:
#              a counter and a report row per site)
#   branch     WHAMM instr --app IN --script samples/scripts/branches.mm -o OUT
#              (taken/not-taken counters per br_if and if: arg0 read per site)
#   floor      bench/floor IN OUT: a minimal single-pass C rewriter giving the
#              module icount's output shape (a counter bumped before every
#              straight-line segment; bench/floor.c, built here with CC, default
#              cc): the floor for that shape
#   roundtrip  WHAMM roundtrip -o OUT IN   (read, validate and write back
#              with no edit: what a script that matches nothing is measured
#              against, nomt/rt)
#   cp         cp IN OUT   (the I/O floor)
# Each is run BENCH_REPS times (default 3); the best wall time, the best CPU
# time (user + system in microseconds, from wait4 through bench/cputime.c,
# built here: what to judge on a shared machine) and the highest peak RSS
# are reported.  The last output of each whamm run is checked with
# `wasm-validate --enable-all` (column `valid`: icount/nomatch), and the site
# counts whamm prints are summed (`sites`; `nm-sites` must be 0).
# Prints a time table (ms, with ratios), a memory table (MB, RSS / size) and,
# for every whamm shape, the output's size over the input's (`out/sz`).
#
# WHAMM defaults to $WHAMM, then build/core/whamm, build/whamm, then `whamm` on PATH.
# Env: BENCH_REPS, BENCH_MODULES (space-separated .wasm paths to use instead
# of the npm modules), WASM_OPT_NATIVE (default /usr/bin/wasm-opt),
# WASM_VALIDATE (default wasm-validate), CC (default cc).
# Exit status 1 if `whamm instr` is missing or fails, or an output does not
# validate.  See bench/README.md for the targets.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"   # find_modules; the settings below are this script's own
root="$(cd "$here/.." && pwd)"
REPS="${BENCH_REPS:-3}"
OPT_NATIVE="${WASM_OPT_NATIVE:-/usr/bin/wasm-opt}"
VALIDATE="${WASM_VALIDATE:-wasm-validate}"
S_ICOUNT="$root/samples/scripts/icount.mm"
S_NOMATCH="$here/nomatch.mm"
S_PERSITE="$here/scripts/persite.mm"
S_BRANCH="$root/samples/scripts/branches.mm"

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

whamm="${1:-${WHAMM:-}}"
if [[ -z "$whamm" ]]; then
  if [[ -x "$root/build/core/whamm" ]]; then whamm="$root/build/core/whamm"
  elif [[ -x "$root/build/whamm" ]]; then whamm="$root/build/whamm"
  elif command -v whamm >/dev/null 2>&1; then whamm="$(command -v whamm)"
  else die "no whamm binary: pass it as the first argument (e.g. bench/instr.sh build/core/whamm)"
  fi
fi
[[ -x "$whamm" ]] || die "not executable: $whamm"
for s in "$S_ICOUNT" "$S_NOMATCH" "$S_PERSITE" "$S_BRANCH"; do
  [[ -f "$s" ]] || die "missing $s"
done

have_instr=1
if ! "$whamm" instr --help >/dev/null 2>&1; then
  have_instr=0
  why=$("$whamm" instr --help 2>&1 | head -n 1 || true)
  printf 'bench: error: %s has no working `instr` command (`instr --help`: %s)\n' \
    "$whamm" "$why" >&2
  printf 'bench: measuring only wasm-opt and cp; the whamm columns show "-"\n' >&2
fi

find_modules sql-wasm quickjs esbuild

have_native_opt=0
[[ -x "$OPT_NATIVE" ]] && have_native_opt=1
have_validate=0
command -v "$VALIDATE" >/dev/null 2>&1 && have_validate=1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/whamm-bench.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT
"${CC:-cc}" -O2 -std=c11 -I"$root/core/wasm" "$here/floor.c" -o "$tmp/floor" ||
  die "cannot build bench/floor.c"
"${CC:-cc}" -O2 -std=c11 "$here/cputime.c" -o "$tmp/cputime" ||
  die "cannot build bench/cputime.c"

# measure CMD... : runs CMD $REPS times; sets best_ms / cpu_ms / peak_kb
# ("-" on failure).  The last run's output stays in $tmp/out.wasm, its
# stdout in $tmp/stdout.
measure() {
  local rep t0 t1 ms kb cpu status
  best_ms=""; peak_kb=""; cpu_ms=""
  for ((rep = 0; rep < REPS; rep++)); do
    rm -f -- "$tmp/out.wasm"
    t0=$(date +%s%N)
    set +e
    "$tmp/cputime" -o "$tmp/rss" "$@" > "$tmp/stdout" 2> "$tmp/stderr"
    status=$?
    set -e
    t1=$(date +%s%N)
    if [[ $status -ne 0 ]]; then
      printf 'bench: %s failed (status %d):\n' "$*" "$status" >&2
      head -n 5 -- "$tmp/stderr" >&2
      best_ms="-"; peak_kb="-"; cpu_ms="-"
      return
    fi
    ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
    if [[ -z "$best_ms" ]] || awk -v x="$ms" -v y="$best_ms" 'BEGIN { exit !(x < y) }'; then
      best_ms=$ms
    fi
    read -r u sy kb < <(tail -n 1 -- "$tmp/rss")
    cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.1f", (u + s) / 1000 }')
    if [[ -z "$peak_kb" || "$kb" -gt "$peak_kb" ]]; then peak_kb=$kb; fi
    if [[ -z "$cpu_ms" ]] || awk -v x="$cpu" -v y="$cpu_ms" 'BEGIN { exit !(x < y) }'; then
      cpu_ms=$cpu
    fi
  done
}

ratio() { # ratio A B -> A/B with 1 decimal, "-" if unknown
  awk -v a="$1" -v b="$2" \
    'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.1f", a / b }'
}
ratio2() { # the same with 2 decimals (for targets like 1.2)
  awk -v a="$1" -v b="$2" \
    'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}
mb() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f", k / 1024 }'; }
per_size() { # per_size KB BYTES -> RSS / module size
  awk -v k="$1" -v s="$2" 'BEGIN { if (k == "-") print "-"; else printf "%.2f", k * 1024 / s }'
}
# sites: sum of "N sites" on whamm instr's stdout (one line per probe)
sites() { awk '/: [0-9]+ sites?$/ { n += $(NF - 1); seen = 1 } END { print seen ? n : "-" }' \
  "$tmp/stdout"; }
# check_valid: validates $tmp/out.wasm -> ok / FAIL / -
check_valid() {
  if [[ $have_validate -eq 0 || ! -f "$tmp/out.wasm" ]]; then echo "-"; return; fi
  if "$VALIDATE" --enable-all "$tmp/out.wasm" > "$tmp/validate" 2>&1; then echo ok
  else
    printf 'bench: %s: wasm-validate --enable-all failed:\n' "$1" >&2
    head -n 5 -- "$tmp/validate" >&2
    echo FAIL
  fi
}

# out_size: the size of $tmp/out.wasm over the module's ($1 bytes), or -
out_size() {
  if [[ ! -f "$tmp/out.wasm" ]]; then echo "-"; return; fi
  awk -v o="$(wc -c < "$tmp/out.wasm")" -v s="$1" 'BEGIN { printf "%.2f", o / s }'
}
# shape NAME SCRIPT SIZE: one more whamm shape; appends a row to rows_shape
shape() {
  local ok out
  measure "$whamm" instr --app "$m" --script "$2" -o "$tmp/out.wasm"
  if [[ "$best_ms" == "-" ]]; then ok=FAIL; out="-"
  else ok=$(check_valid "$name $1"); out=$(out_size "$3"); fi
  [[ "$ok" != FAIL ]] || status_all=1
  rows_shape+=("$(printf '%-9s %-8s %8s %8s %8s %8s %8s %8s %6s' "$name" "$1" \
    "$best_ms" "$cpu_ms" "$(ratio "$cpu_ms" "$f_cpu")" "$(mb "$peak_kb")" \
    "$(per_size "$peak_kb" "$3")" "$out" "$ok")")
}

declare -a rows_time rows_mem rows_cpu rows_shape
status_all=0
[[ $have_instr -eq 1 ]] || status_all=1
for entry in "${modules[@]}"; do
  name="${entry%%=*}"
  m="${entry#*=}"
  size=$(wc -c < "$m" | tr -d ' ')
  size_mb=$(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }')
  printf 'bench: %s (%s MB) ...\n' "$name" "$size_mb" >&2

  i_ms="-"; i_kb="-"; i_sites="-"; i_ok="-"; i_cpu="-"
  n_ms="-"; n_kb="-"; n_sites="-"; n_ok="-"; n_cpu="-"
  if [[ $have_instr -eq 1 ]]; then
    measure "$whamm" instr --app "$m" --script "$S_ICOUNT" -o "$tmp/out.wasm"
    i_ms=$best_ms; i_kb=$peak_kb; i_cpu=$cpu_ms; i_out=$(out_size "$size")
    if [[ "$i_ms" != "-" ]]; then
      i_sites=$(sites); i_ok=$(check_valid "$name icount")
    else i_ok=FAIL; fi
    measure "$whamm" instr --app "$m" --script "$S_NOMATCH" -o "$tmp/out.wasm"
    n_ms=$best_ms; n_kb=$peak_kb; n_cpu=$cpu_ms
    if [[ "$n_ms" != "-" ]]; then
      n_sites=$(sites); n_ok=$(check_valid "$name nomatch")
    else n_ok=FAIL; fi
    [[ "$i_ok" != FAIL && "$n_ok" != FAIL ]] || status_all=1
    if [[ "$n_sites" != "-" && "$n_sites" != 0 ]]; then
      printf 'bench: WARNING: %s: nomatch.mm matched %s sites\n' "$name" "$n_sites" >&2
    fi
  fi

  r_cpu="-"
  if [[ $have_instr -eq 1 ]]; then
    measure "$whamm" roundtrip -o "$tmp/out.wasm" "$m"
    r_cpu=$cpu_ms
  fi
  o_ms="-"; o_kb="-"; o_cpu="-"
  if [[ $have_native_opt -eq 1 ]]; then
    measure "$OPT_NATIVE" --all-features "$m" -o "$tmp/out.wasm"
    o_ms=$best_ms; o_kb=$peak_kb; o_cpu=$cpu_ms
  fi
  measure "$tmp/floor" "$m" "$tmp/out.wasm"
  f_ms=$best_ms; f_kb=$peak_kb; f_cpu=$cpu_ms; f_ok=$(check_valid "$name floor")
  [[ "$f_ok" != FAIL ]] || status_all=1
  measure cp "$m" "$tmp/out.wasm"
  c_ms=$best_ms; c_kb=$peak_kb
  if [[ $have_instr -eq 1 ]]; then
    rows_shape+=("$(printf '%-9s %-8s %8s %8s %8s %8s %8s %8s %6s' "$name" icount \
      "$i_ms" "$i_cpu" "$(ratio "$i_cpu" "$f_cpu")" "$(mb "$i_kb")" \
      "$(per_size "$i_kb" "$size")" "$i_out" "$i_ok")")
    shape persite "$S_PERSITE" "$size"
    shape branch "$S_BRANCH" "$size"
  fi

  rows_time+=("$(printf '%-9s %7s %8s %8s %8s %6s %6s %8s %8s %7s %7s %8s %8s %8s' \
    "$name" "$size_mb" "$i_ms" "$n_ms" "$o_ms" "$f_ms" "$c_ms" \
    "$(ratio "$o_ms" "$i_ms")" "$(ratio "$i_ms" "$f_ms")" "$(ratio "$n_ms" "$c_ms")" \
    "$(ratio "$i_ms" "$c_ms")" "$i_sites" "$n_sites" "$i_ok/$n_ok/$f_ok")")
  rows_cpu+=("$(printf '%-9s %7s %8s %8s %8s %8s %6s %8s %8s %8s' \
    "$name" "$size_mb" "$i_cpu" "$n_cpu" "$r_cpu" "$o_cpu" "$f_cpu" \
    "$(ratio "$o_cpu" "$i_cpu")" "$(ratio2 "$i_cpu" "$f_cpu")" \
    "$(ratio2 "$n_cpu" "$r_cpu")")")
  rows_mem+=("$(printf '%-9s %7s %8s %8s %8s %6s %6s %8s %8s %8s %8s' \
    "$name" "$size_mb" "$(mb "$i_kb")" "$(mb "$n_kb")" "$(mb "$o_kb")" "$(mb "$f_kb")" \
    "$(mb "$c_kb")" "$(per_size "$i_kb" "$size")" "$(per_size "$n_kb" "$size")" \
    "$(per_size "$o_kb" "$size")" "$(per_size "$f_kb" "$size")")")
done

printf '\nwhamm: %s   reps: %s (best wall time, highest peak RSS)\n' "$whamm" "$REPS"
if [[ $have_native_opt -eq 1 ]]; then
  printf 'opt-native: %s (%s)\n' "$OPT_NATIVE" "$("$OPT_NATIVE" --version 2>/dev/null | head -n 1)"
fi
printf 'icount: %s\nnomatch: %s\n' "${S_ICOUNT#"$root"/}" "${S_NOMATCH#"$root"/}"
printf '\nWall time (ms)\n'
printf '%-9s %7s %8s %8s %8s %6s %6s %8s %8s %7s %7s %8s %8s %8s\n' \
  module size_MB icount nomatch opt-nat floor cp nat/icnt icnt/flr nomt/cp icnt/cp \
  sites nm-sites valid
for r in "${rows_time[@]}"; do printf '%s\n' "$r"; done
printf '\nCPU time, user + system (ms, best run)\n'
printf '%-9s %7s %8s %8s %8s %8s %6s %8s %8s %8s\n' \
  module size_MB icount nomatch roundtr opt-nat floor nat/icnt icnt/flr nomt/rt
for r in "${rows_cpu[@]}"; do printf '%s\n' "$r"; done
printf '\nPeak RSS (MB)\n'
printf '%-9s %7s %8s %8s %8s %6s %6s %8s %8s %8s %8s\n' \
  module size_MB icount nomatch opt-nat floor cp icnt/sz nomt/sz nat/sz flr/sz
for r in "${rows_mem[@]}"; do printf '%s\n' "$r"; done
if [[ ${#rows_shape[@]} -gt 0 ]]; then
  printf '\nwhamm per script shape (cpu/flr: CPU over the floor'"'"'s; rss/sz, out/sz: over the module'"'"'s size)\n'
  printf '%-9s %-8s %8s %8s %8s %8s %8s %8s %6s\n' \
    module shape wall_ms cpu_ms cpu/flr rss_MB rss/sz out/sz valid
  for r in "${rows_shape[@]}"; do printf '%s\n' "$r"; done
fi
printf '\ntargets (CPU): icnt/flr <= 1.5 (the floor for the same output shape);\n'
printf '  nomt/rt <= 1.2 (whamm'"'"'s own round trip); nat/icnt >= 3 on esbuild;\n'
printf '  persite under 1 s; every shape: rss/sz < 2; persite out/sz < 1.5\n'
printf '(valid = wasm-validate --enable-all on the icount/nomatch/floor outputs)\n'
if [[ $have_instr -eq 0 ]]; then
  printf 'bench: error: `%s instr` is not available; whamm not measured\n' "$whamm" >&2
fi
exit "$status_all"
