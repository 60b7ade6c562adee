#!/bin/sh
# fake-whamm.sh -- stands in for `whamm instr` in the tests of whamm-ld's
# side of the instrumentation seam (exact arguments, failure statuses, a
# relink refused beyond the limit: cases the real tool cannot be made to
# produce on demand); whamm-ld runs it through the WHAMM_INSTR_TOOL knob.
# The real tool is tested through whamm-ld by the seam-real, arena-real,
# script-error cases and build.sh.  It speaks the seam protocol of
# docs/integration.md:
#   fake-whamm.sh instr --app A --script S... -o T --memory=app
#                 --arena-export=__whamm_arena --arena-size=N [--defs-path D]
#                 [--report-format=csv|json] [--werror] [-v]
# FAKE_WHAMM_MODE:
#   ok     copy A to T with a custom section "whamm.fake" appended
#   fail   print a located diagnostic, exit FAKE_WHAMM_STATUS (default 1)
#   arena  like ok when N >= FAKE_WHAMM_NEED, else print
#          "whamm: arena too small: need FAKE_WHAMM_NEED bytes" and exit 3
#   hang   write "ready" to the FIFO FAKE_WHAMM_READY, then wait to be
#          signalled: on SIGINT/SIGTERM/SIGHUP write the signal's name to
#          FAKE_WHAMM_GOT and die of it (what an interrupted `whamm instr`
#          does); the test signals whamm-ld, which must forward it
# FAKE_WHAMM_LOG: every call's arguments are appended (one line).
# FAKE_WHAMM_SAVE: a copy of T is kept there.
set -eu
[ -n "${FAKE_WHAMM_LOG:-}" ] && echo "$*" >> "$FAKE_WHAMM_LOG"
[ "${1:-}" = instr ] || { echo "fake-whamm: only 'instr'" >&2; exit 2; }
shift
app= out= size= scripts=
while [ $# -gt 0 ]; do
    case $1 in
        --app) app=$2; shift ;;
        --script) scripts="$scripts $2"; shift ;;
        -o) out=$2; shift ;;
        --arena-size=*) size=${1#--arena-size=} ;;
        --defs-path) shift ;;
        --memory=app|--arena-export=__whamm_arena|--werror|-v) ;;
        --report-format=csv|--report-format=json) ;;
        *) echo "fake-whamm: unexpected argument '$1'" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$app" ] && [ -n "$out" ] && [ -n "$size" ] || { echo "fake-whamm: missing --app/-o/--arena-size" >&2; exit 2; }
hang() {
    sleep 60 < /dev/null > /dev/null 2>&1 &
    sp=$!
    for s in INT TERM HUP; do
        trap "echo $s > \"\$FAKE_WHAMM_GOT\"; kill \$sp; trap - $s; kill -s $s \$\$" "$s"
    done
    echo ready > "$FAKE_WHAMM_READY"
    wait "$sp" || true
    echo "fake-whamm: never signalled" >&2
    exit 1
}
case ${FAKE_WHAMM_MODE:-ok} in
    hang) hang ;;
    fail)
        echo "probes.mm:3:5: error: fake failure" >&2
        exit "${FAKE_WHAMM_STATUS:-1}" ;;
    arena)
        if [ "$size" -lt "$FAKE_WHAMM_NEED" ]; then
            echo "whamm: arena too small: need $FAKE_WHAMM_NEED bytes" >&2
            exit 3
        fi ;;
esac
cp "$app" "$out"
printf '\000\015\012whamm.fakeok' >> "$out"
[ -n "${FAKE_WHAMM_SAVE:-}" ] && cp "$out" "$FAKE_WHAMM_SAVE"
exit 0
