# lib.sh -- shared helpers of the integration tests (sourced).
# Environment (set by tests/integration/CMakeLists.txt):
#   WHAMM_BIN    dir of whamm-ld, whamm-clang, whamm-clang++, whamm
#   WHAMM_BUILD  whamm's build dir (WhammConfig.cmake, whamm-wasi.cmake)
#   WHAMM_SRC    the source root
#   WORK         a scratch dir for this test (emptied first)
set -eu

fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
note() { printf '%s\n' "$*"; }

[ -n "${WHAMM_BIN:-}" ] && [ -n "${WORK:-}" ] || fail "WHAMM_BIN/WORK not set"
HERE=$(cd "$(dirname "$0")" && pwd)
LD="$WHAMM_BIN/whamm-ld"
CC="$WHAMM_BIN/whamm-clang"
REAL_LD=$(command -v wasm-ld-14 || command -v wasm-ld)
CLANG=$(command -v clang)
NODE=${NODE:-node}
RUN_WASI="$WHAMM_SRC/cmake-modules/whamm-run-wasi.mjs"
FAKE="$HERE/fake-whamm.sh"
# the whamm-ld/clang environment must not leak in from the caller
unset WHAMM_SCRIPTS WHAMM_DISABLE WHAMM_VERBOSE WHAMM_REAL_LD \
      WHAMM_INSTR_TOOL WHAMM_ARENA_SIZE WHAMM_DEFS_PATH WHAMM_CC WHAMM_CXX || true

rm -rf "$WORK"
mkdir -p "$WORK/tmp"
cd "$WORK"
export TMPDIR="$WORK/tmp"   # private: lets tests check no temp file is left

no_temp_left() {
    left=$(ls -A "$TMPDIR")
    [ -z "$left" ] || fail "temp files left in TMPDIR: $left"
}

# A tiny C program and wasm-ld's arguments for it (what clang passes).
make_hello() {
    printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' > hello.c
    "$CLANG" --target=wasm32-wasi -c hello.c -o hello.o
}
ld_args() {  # ld_args OBJ...
    printf '%s\n' -m wasm32 -L/usr/lib/wasm32-wasi \
        /usr/lib/wasm32-wasi/crt1-command.o "$@" -lc \
        "$("$CLANG" --target=wasm32-wasi -print-libgcc-file-name)"
}
same() {  # same A B: byte-identical files
    cmp -s "$1" "$2" || fail "$1 and $2 differ"
}
run_wasm() { "$NODE" --no-warnings "$RUN_WASI" "$@"; }
exports_arena() { wasm-objdump -x -j Export "$1" | grep -q '"__whamm_arena"'; }
