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
      WHAMM_INSTR_TOOL WHAMM_ARENA_SIZE WHAMM_DEFS_PATH WHAMM_CC WHAMM_CXX \
      WHAMM_MONITORS || true

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

# ---- reports (docs/instr.md "The report") --------------------------------
# program_output OUT: the program's own lines, before the report banner
# (and the blank line the report starts with).
program_output() {
    awk '/REPORT CSV FLUSH/ { exit } { line[n++] = $0 }
         END { if (n && line[n-1] == "") n--; for (i = 0; i < n; i++) print line[i] }' "$1"
}
# report_rows OUT NAMES FNAMES: `name fname value` of the report rows whose
# name matches the ERE NAMES and fname the ERE FNAMES, in report order.
# fid and pc are left out: they change with the compiler.
report_rows() {
    awk -F', ' -v n="^($2)\$" -v f="^($3)\$" \
        'hdr && $3 ~ n && $7 ~ f { print $3, $7, $11 } /^id, id_type,/ { hdr = 1 }' "$1"
}
# report_value OUT NAME: the value of the (script-level) row NAME, its CSV
# quotes (a value with a comma is "quoted", docs/instr.md) taken off.
report_value() {
    awk -F', ' -v n="$2" 'hdr && $3 == n { v = $11
            if (v ~ /^".*"$/) { v = substr(v, 2, length(v) - 2); gsub(/""/, "\"", v) }
            print v }
        /^id, id_type,/ { hdr = 1 }' "$1"
}
# single_memory WASM: the module defines or imports exactly one memory.
single_memory() {
    wasm-objdump -x "$1" > "$1.objdump"
    def=$(sed -n 's/^Memory\[\([0-9]*\)\]:$/\1/p' "$1.objdump")
    imp=$(grep -c '^ - memory\[[0-9]*\].* <- ' "$1.objdump") || true
    [ $((${def:-0} + imp)) -eq 1 ] || fail "$1 has ${def:-0} + $imp memories"
}
