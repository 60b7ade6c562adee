#!/bin/sh
# interrupt.sh WHAMM HOLD_SO WORK -- a signal in the middle of `whamm
# instr`'s write (issue 14, item 5): the temp file beside the output is
# removed, the output is left as it was, and whamm dies of the signal
# (exit status 128+N, as make and ninja expect of an interrupted tool).
# SIGINT, SIGTERM and SIGHUP; also for an in-place edit (--app X -o X).
# HOLD_SO is hold-rename.c: whamm stops right before its rename, with its
# temp file written, until the test lets it go (no sleeps, no timing).
set -eu
whamm=$1 hold=$2 work=$3
name=interrupt
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
br_if_app
# the shim goes first; ASan builds would object to that order
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

temps() { ls -A | grep '^\.whamm-' || true; }

# interrupt SIG APP OUT: runs instr, signals it while held in its write
interrupt() {
    sig=$1 app=$2 out=$3
    rm -f hold.fifo
    mkfifo hold.fifo
    # background jobs of a script start with SIGINT ignored (and whamm
    # keeps an ignored signal ignored): give them the default back
    WHAMM_TEST_HOLD_FIFO=hold.fifo LD_PRELOAD="$hold" \
        env --default-signal=INT,TERM,HUP \
        "$whamm" instr --app "$app" --script p.mm -o "$out" > instr.out 2> instr.err &
    pid=$!
    exec 3> hold.fifo          # returns once whamm holds its rename
    [ -n "$(temps)" ] || fail "$sig: no temp file while held"
    kill -s "$sig" "$pid"
    st=0
    wait "$pid" || st=$?
    exec 3>&-
    case $sig in HUP) n=1 ;; INT) n=2 ;; TERM) n=15 ;; esac
    want=$((128 + n))
    [ "$st" -eq "$want" ] || fail "$sig: exit status $st, expected $want: $(cat instr.err)"
    [ -z "$(temps)" ] || fail "$sig: temp file left: $(temps)"
}

# the output existed: it is untouched (content and time)
for sig in INT TERM HUP; do
    echo old > out.wasm
    touch -d '2001-01-01 00:00' out.wasm
    interrupt "$sig" app.wasm out.wasm
    [ "$(cat out.wasm)" = old ] || fail "$sig: out.wasm was replaced"
    [ "$(stat -c %Y out.wasm)" = "$(date -d '2001-01-01 00:00' +%s)" ] ||
        fail "$sig: out.wasm was touched"
done

# the output did not exist: it still does not
rm -f new.wasm
interrupt TERM app.wasm new.wasm
[ ! -e new.wasm ] || fail "new.wasm was created"

# in place: the input survives whole
cp app.wasm inplace.wasm
interrupt INT inplace.wasm inplace.wasm
cmp -s app.wasm inplace.wasm || fail "the in-place input was damaged"

# released instead of signalled, the same run completes (the shim itself
# changes nothing)
rm -f hold.fifo
mkfifo hold.fifo
WHAMM_TEST_HOLD_FIFO=hold.fifo LD_PRELOAD="$hold" \
    "$whamm" instr --app app.wasm --script p.mm -o done.wasm > /dev/null &
pid=$!
exec 3> hold.fifo
exec 3>&-
wait "$pid" || fail "the released run failed"
[ -s done.wasm ] && [ -z "$(temps)" ] || fail "the released run left no output or a temp"
echo "ok interrupt"
