#!/usr/bin/env bash
# bench/rss.sh -- where a command's peak resident memory is: anonymous
# (heap, arenas) or file-backed (the mapped input, whamm's own binary, the
# spill file of committed bodies; core/wasm/spill.h).
#
# usage: bench/rss.sh [-i MS] CMD [ARG...]
#
# Runs CMD (its stdout is dropped, its stderr kept) and reads
# /proc/PID/status every MS milliseconds (default 2): prints a timeline of
# VmRSS, RssAnon and RssFile in MB (one line each time VmRSS moves by a
# megabyte or more), then the sample with the highest VmRSS and the
# process's own peak (VmHWM, exact: a short spike between two samples shows
# there but not in the timeline).  Linux only.  E.g.
#
#   E=tests/npm/node_modules/esbuild-wasm/esbuild.wasm
#   bench/rss.sh build/core/whamm instr --app $E \
#       --script samples/scripts/branches.mm -o /tmp/b.wasm
#
# With `-v` whamm prints its phases on stderr, which places the samples.
# Exit status: CMD's.
set -uo pipefail

interval=2
if [[ "${1:-}" == "-i" ]]; then
  interval="${2:?-i needs milliseconds}"
  shift 2
fi
[[ $# -gt 0 ]] || { echo "usage: bench/rss.sh [-i MS] CMD [ARG...]" >&2; exit 2; }
[[ -r /proc/self/status ]] || { echo "bench/rss.sh: needs /proc (Linux)" >&2; exit 2; }

"$@" > /dev/null &
pid=$!
pause=$(awk -v ms="$interval" 'BEGIN { printf "%.3f", ms / 1000 }')
start=$(date +%s%N)
last=-1024; best=0; best_line=""; hwm=0

# sample: sets rss, anon, file, hwm_now (kB) from /proc/$pid/status
sample() {
  rss=0; anon=0; file=0; hwm_now=0
  local key val _
  while read -r key val _; do
    case "$key" in
      VmRSS:) rss=$val ;;
      RssAnon:) anon=$val ;;
      RssFile:) file=$val ;;
      VmHWM:) hwm_now=$val ;;
    esac
  done < "/proc/$pid/status" 2> /dev/null
}

mb() { awk -v k="$1" 'BEGIN { printf "%6.1f", k / 1024 }'; }

printf '%8s %8s %8s %8s\n' ms rss_MB anon_MB file_MB
while kill -0 "$pid" 2> /dev/null; do
  sample
  [[ $rss -gt 0 ]] || break
  [[ $hwm_now -gt $hwm ]] && hwm=$hwm_now
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  line="$(printf '%8d %8s %8s %8s' "$ms" "$(mb "$rss")" "$(mb "$anon")" "$(mb "$file")")"
  if (( rss - last >= 1024 || last - rss >= 1024 )); then
    printf '%s\n' "$line"
    last=$rss
  fi
  if (( rss > best )); then best=$rss; best_line=$line; fi
  sleep "$pause"
done
wait "$pid"
status=$?
printf 'highest sample: %s\n' "${best_line:-none}"
printf 'peak (VmHWM, last read): %s MB\n' "$(mb "$hwm")"
exit "$status"
