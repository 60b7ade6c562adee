#!/bin/sh
# setup-log.sh CASE -- ./setup.sh is quiet and loud on failure (label
# integration): a step's output goes to <build>/setup.log; when a step
# fails, setup.sh exits non-zero and prints which step, the log's last
# lines and its path.  Each case runs the real setup.sh with the
# dependency step skipped (WHAMM_SETUP_DEPS=0: no apt, no npm) into a
# build dir under WORK, with a C compiler that fails on purpose, so it
# stops within seconds.
. "$(dirname "$0")/lib.sh"
B="$WORK/b"

# A C compiler that compiles CMake's checks but refuses whamm's sources.
make_fakecc() {
    cat > fakecc <<'SH'
#!/bin/sh
case "$*" in *"/core/"*) echo "fakecc: error: refusing to compile this file" >&2; exit 1 ;; esac
exec cc "$@"
SH
    chmod +x fakecc
}

setup() {  # setup CC: runs setup.sh with CC, out.txt / err.txt; must fail
    if CC="$1" WHAMM_SETUP_DEPS=0 WHAMM_BUILD_DIR="$B" WHAMM_SANITIZE=OFF \
        bash "$WHAMM_SRC/setup.sh" > out.txt 2> err.txt < /dev/null; then
        fail "setup.sh succeeded with CC=$1"; fi
}

# not a terminal: plain lines, no escape sequences or carriage returns
plain_text() {
    if grep -q "$(printf '[\r\033]')" out.txt err.txt; then
        fail "control characters in setup.sh's output: $(cat -A out.txt err.txt)"; fi
}

# CMake cannot use the compiler: the configure step fails.
case_configure_fails() {
    setup false
    printf '%s\n' "setup: dependencies: not checked (WHAMM_SETUP_DEPS=0; log: $B/setup.log)" \
        "setup: configuring $B (RelWithDebInfo, WHAMM_SANITIZE=OFF)" > want.txt
    diff -u want.txt out.txt || fail "stdout"
    grep -qx "setup: FAILED (exit 1): configure $B" err.txt || fail "no FAILED line: $(cat err.txt)"
    grep -qx "setup: the last lines of $B/setup.log:" err.txt || fail "no tail: $(cat err.txt)"
    grep -q '^  | CMake Error' err.txt || fail "the tail lacks CMake's error: $(cat err.txt)"
    grep -qx "setup: the whole log: $B/setup.log" err.txt || fail "no log path: $(cat err.txt)"
    grep -q 'CMake Error' "$B/setup.log" || fail "the log lacks CMake's error"
    plain_text
}

# The build fails: one line per step before it, the compiler's error in
# the tail shown, the whole compiler output in the log only.
case_build_fails() {
    make_fakecc
    setup "$PWD/fakecc"
    printf '%s\n' "setup: dependencies: not checked (WHAMM_SETUP_DEPS=0; log: $B/setup.log)" \
        "setup: configuring $B (RelWithDebInfo, WHAMM_SANITIZE=OFF)" > want.txt
    diff -u want.txt out.txt || fail "stdout"
    grep -qx "setup: FAILED (exit 1): building $B" err.txt || fail "no FAILED line: $(cat err.txt)"
    grep -q '^  | fakecc: error: refusing to compile this file$' err.txt || fail "no compiler error: $(cat err.txt)"
    grep -q '^  | ninja: build stopped' err.txt || fail "no ninja line: $(cat err.txt)"
    [ "$(wc -l < err.txt)" -le 43 ] || fail "more than the tail: $(wc -l < err.txt) lines"
    grep -qx "setup: the whole log: $B/setup.log" err.txt || fail "no log path: $(cat err.txt)"
    grep -q -- '-- Configuring done' "$B/setup.log" || fail "the configure output is not in the log"
    plain_text
}

# On a terminal (script(1) gives it one): the build's progress on one line,
# each state drawn over the last (\r, erase to the end of the line), no
# longer than the terminal (80 columns when it has no size).
case_tty_progress() {
    command -v script > /dev/null || fail "script(1) missing (util-linux/bsdutils)"
    make_fakecc
    export CC="$PWD/fakecc" WHAMM_SETUP_DEPS=0 WHAMM_BUILD_DIR="$B" WHAMM_SANITIZE=OFF
    if script -qec "bash '$WHAMM_SRC/setup.sh'" /dev/null > tty.txt 2>&1 < /dev/null; then
        fail "setup.sh succeeded"; fi
    grep -q "$(printf '\r\033\\[K')setup: building \[1/" tty.txt ||
        fail "no progress line: $(cat -A tty.txt | head)"
    # the progress line: every state within 79 columns (+ 3 for ESC [ K)
    grep 'setup: building \[' tty.txt | tr '\r' '\n' | grep 'setup: building \[' |
        awk 'length($0) > 82 { bad = 1 } END { exit bad }' || fail "a progress state is too wide"
    # no compiler line on the terminal, only in the tail after FAILED
    n=$(grep -n 'setup: FAILED' tty.txt | head -n 1 | cut -d: -f1)
    [ -n "$n" ] || fail "no FAILED line: $(cat -A tty.txt | head)"
    if head -n "$n" tty.txt | grep -q 'refusing'; then
        fail "compiler output before the failure: $(cat -A tty.txt | head)"; fi
    grep -q 'setup: FAILED (exit 1): building' tty.txt || fail "no FAILED line"
}

"case_$(printf %s "$1" | tr - _)"
note "ok setup-log.$1"
