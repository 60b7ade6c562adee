# lib.sh -- shell code shared by the tests/cli scripts (and
# tests/provider/check-incomplete.sh).  A script sets `name` (for fail's
# messages), then sources this file.
# shellcheck shell=sh

fail() { printf 'FAIL %s: %s\n' "$name" "$*"; exit 1; }

# fresh_work DIR: DIR emptied (or made), and made the current directory.
fresh_work() {
    rm -rf "$1"
    mkdir -p "$1"
    cd "$1"
}

# br_if_app: app.wasm, whose _start runs one br_if, and p.mm, a probe on
# br_if with a report counter (one site).
br_if_app() {
    printf '(module (func (export "_start") (block (br_if 0 (i32.const 1)))))' > app.wat
    wat2wasm app.wat -o app.wasm
    printf 'wasm:opcode:br_if:before {\n    report var n: u32;\n    n++;\n}\n' > p.mm
}
