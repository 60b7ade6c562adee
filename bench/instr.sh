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
# Each is run BENCH_REPS times (default 3; icount, nomatch, roundtrip,
# floor and cp one after the other, BENCH_REPS rounds, so that the ratios
# judged compare runs made close together); the best wall time, the best
# CPU time (user + system in microseconds, from wait4 through
# bench/cputime.c, built here: what to judge on a shared machine) and the
# highest peak RSS are reported.  The last output of each whamm run is checked with
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

# run_once TAG CMD... : one run of CMD, which writes $tmp/TAG.wasm (its
# stdout goes to $tmp/TAG.out); keeps TAG's best wall time (MS[TAG], ms),
# best CPU time (CPU[TAG], ms) and highest peak RSS (KB[TAG]): "-" once a
# run failed.
declare -A MS CPU KB
run_once() {
  local tag=$1 t0 t1 ms u sy kb cpu status
  shift
  [[ "${MS[$tag]:-}" != "-" ]] || return 0
  rm -f -- "$tmp/$tag.wasm"
  t0=$(date +%s%N)
  set +e
  "$tmp/cputime" -o "$tmp/rss" "$@" > "$tmp/$tag.out" 2> "$tmp/stderr"
  status=$?
  set -e
  t1=$(date +%s%N)
  if [[ $status -ne 0 ]]; then
    printf 'bench: %s failed (status %d):\n' "$*" "$status" >&2
    head -n 5 -- "$tmp/stderr" >&2
    MS[$tag]="-"; CPU[$tag]="-"; KB[$tag]="-"
    return 0
  fi
  ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
  read -r u sy kb < <(tail -n 1 -- "$tmp/rss")
  cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.1f", (u + s) / 1000 }')
  if [[ -z "${MS[$tag]:-}" ]] || awk -v x="$ms" -v y="${MS[$tag]}" 'BEGIN { exit !(x < y) }'; then
    MS[$tag]=$ms
  fi
  if [[ -z "${CPU[$tag]:-}" ]] || awk -v x="$cpu" -v y="${CPU[$tag]}" 'BEGIN { exit !(x < y) }'; then
    CPU[$tag]=$cpu
  fi
  if [[ -z "${KB[$tag]:-}" || "$kb" -gt "${KB[$tag]}" ]]; then KB[$tag]=$kb; fi
}

# measure TAG CMD... : $REPS runs of CMD in a row (run_once).
measure() {
  local rep
  for ((rep = 0; rep < REPS; rep++)); do run_once "$@"; done
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
# sites TAG: sum of "N sites" on whamm instr's stdout (one line per probe)
sites() { awk '/: [0-9]+ sites?$/ { n += $(NF - 1); seen = 1 } END { print seen ? n : "-" }' \
  "$tmp/$1.out"; }
# check_valid TAG LABEL: validates $tmp/TAG.wasm -> ok / FAIL / -
check_valid() {
  if [[ $have_validate -eq 0 || ! -f "$tmp/$1.wasm" ]]; then echo "-"; return; fi
  if "$VALIDATE" --enable-all "$tmp/$1.wasm" > "$tmp/validate" 2>&1; then echo ok
  else
    printf 'bench: %s: wasm-validate --enable-all failed:\n' "$2" >&2
    head -n 5 -- "$tmp/validate" >&2
    echo FAIL
  fi
}

# out_size TAG SIZE: the size of $tmp/TAG.wasm over the module's (SIZE
# bytes), or -
out_size() {
  if [[ ! -f "$tmp/$1.wasm" ]]; then echo "-"; return; fi
  awk -v o="$(wc -c < "$tmp/$1.wasm")" -v s="$2" 'BEGIN { printf "%.2f", o / s }'
}
# shape NAME SCRIPT SIZE: one more whamm shape; appends a row to rows_shape
shape() {
  local ok out
  measure "$1" "$whamm" instr --app "$m" --script "$2" -o "$tmp/$1.wasm"
  if [[ "${MS[$1]}" == "-" ]]; then ok=FAIL; out="-"
  else ok=$(check_valid "$1" "$name $1"); out=$(out_size "$1" "$3"); fi
  [[ "$ok" != FAIL ]] || status_all=1
  rows_shape+=("$(printf '%-9s %-8s %8s %8s %8s %8s %8s %8s %6s' "$name" "$1" \
    "${MS[$1]}" "${CPU[$1]}" "$(ratio "${CPU[$1]}" "$f_cpu")" "$(mb "${KB[$1]}")" \
    "$(per_size "${KB[$1]}" "$3")" "$out" "$ok")")
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

  # the ratios judged (icount / floor, nomatch / round trip) compare runs
  # made in turn, so that a slow spell of a shared machine hits them alike
  MS=(); CPU=(); KB=()
  for ((rep = 0; rep < REPS; rep++)); do
    if [[ $have_instr -eq 1 ]]; then
      run_once icount "$whamm" instr --app "$m" --script "$S_ICOUNT" -o "$tmp/icount.wasm"
      run_once nomatch "$whamm" instr --app "$m" --script "$S_NOMATCH" -o "$tmp/nomatch.wasm"
      run_once roundtrip "$whamm" roundtrip -o "$tmp/roundtrip.wasm" "$m"
    fi
    run_once floor "$tmp/floor" "$m" "$tmp/floor.wasm"
    run_once cp cp "$m" "$tmp/cp.wasm"
  done
  if [[ $have_native_opt -eq 1 ]]; then
    measure opt "$OPT_NATIVE" --all-features "$m" -o "$tmp/opt.wasm"
  fi
  i_ms="${MS[icount]:--}"; i_kb="${KB[icount]:--}"; i_cpu="${CPU[icount]:--}"
  n_ms="${MS[nomatch]:--}"; n_kb="${KB[nomatch]:--}"; n_cpu="${CPU[nomatch]:--}"
  r_cpu="${CPU[roundtrip]:--}"
  o_ms="${MS[opt]:--}"; o_kb="${KB[opt]:--}"; o_cpu="${CPU[opt]:--}"
  f_ms="${MS[floor]}"; f_kb="${KB[floor]}"; f_cpu="${CPU[floor]}"
  c_ms="${MS[cp]}"; c_kb="${KB[cp]}"
  i_sites="-"; i_ok="-"; n_sites="-"; n_ok="-"; i_out="-"
  if [[ $have_instr -eq 1 ]]; then
    if [[ "$i_ms" != "-" ]]; then
      i_sites=$(sites icount); i_ok=$(check_valid icount "$name icount")
      i_out=$(out_size icount "$size")
    else i_ok=FAIL; fi
    if [[ "$n_ms" != "-" ]]; then
      n_sites=$(sites nomatch); n_ok=$(check_valid nomatch "$name nomatch")
    else n_ok=FAIL; fi
    [[ "$i_ok" != FAIL && "$n_ok" != FAIL ]] || status_all=1
    if [[ "$n_sites" != "-" && "$n_sites" != 0 ]]; then
      printf 'bench: WARNING: %s: nomatch.mm matched %s sites\n' "$name" "$n_sites" >&2
    fi
  fi
  f_ok=$(check_valid floor "$name floor")
  [[ "$f_ok" != FAIL ]] || status_all=1
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
