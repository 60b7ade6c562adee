#!/usr/bin/env bash
# build-corpus.sh -- assemble/compile the whole test corpus and verify it.
#
# usage: tests/tools/build-corpus.sh OUTDIR
#
#  * tests/corpus/wat/NAME.wat           -> OUTDIR/NAME.wasm
#      wat2wasm with the flags from the file's first line `;; FLAGS: ...`,
#      then wasm-validate with the --enable-*/--disable-* subset of them.
#      A line `;; POSTPROCESS: insert-custom-sections` in the header runs
#      tests/tools/insert-custom-sections.mjs on the result (then validates again).
#  * tests/corpus/wast-binaryen/NAME.wat -> OUTDIR/NAME.wasm
#      binaryen `wasm-as --all-features` minus binaryen's non-standard
#      features (see BINARYEN_FEATURES) + optional `;; FLAGS:` line, then
#      checked with binaryen `wasm-opt --all-features` (parse + validate).
#  * tests/corpus/c/NAME.c               -> OUTDIR/NAME-O0.wasm, OUTDIR/NAME-O2.wasm
#      clang --target=wasm32-wasi at -O0 and -O2; each is run under node and
#      checked against tests/corpus/c/NAME.expected (tests/tools/run-c-expect.sh).
#
# Env overrides: WHAMM_WASM_AS, WHAMM_WASM_OPT (binaryen tools; default:
# tests/npm/node_modules/binaryen/bin/{wasm-as,wasm-opt}, installed by
# `npm ci` in tests/npm), WAT2WASM, WASM_VALIDATE, CLANG, NODE.
# Exits non-zero with a message naming the file on the first failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="$root/tests/corpus"

WAT2WASM="${WAT2WASM:-wat2wasm}"
WASM_VALIDATE="${WASM_VALIDATE:-wasm-validate}"
CLANG="${CLANG:-clang}"
NODE="${NODE:-node}"
WASM_AS="${WHAMM_WASM_AS:-$root/tests/npm/node_modules/binaryen/bin/wasm-as}"
WASM_OPT="${WHAMM_WASM_OPT:-$root/tests/npm/node_modules/binaryen/bin/wasm-opt}"

die() { printf 'build-corpus: error: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 ]] || { printf 'usage: build-corpus.sh OUTDIR\n' >&2; exit 2; }
outdir="$1"
mkdir -p -- "$outdir"
outdir="$(cd "$outdir" && pwd)"

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH ($2)"
}
need "$WAT2WASM" "Debian package: wabt"
need "$WASM_VALIDATE" "Debian package: wabt"
need "$CLANG" "Debian packages: clang lld wasi-libc (plus libclang-rt-dev-wasm32 if needed)"
need "$NODE" "Debian package: nodejs"
for tool in "$WASM_AS" "$WASM_OPT"; do
  [[ -f "$tool" ]] || die "binaryen tool not found: $tool
  Run 'npm ci' in $root/tests/npm, or set WHAMM_WASM_AS / WHAMM_WASM_OPT."
done

# --all-features, minus the pre-standard proposals binaryen 132 also enables.
# Some change the binary encoding even of standard constructs: with
# compact-imports on, wasm-as groups imports from one module using a
# non-standard import-section encoding (empty field name + 0x7f marker).
BINARYEN_FEATURES=(--all-features
  --disable-compact-imports --disable-strings --disable-stack-switching
  --disable-shared-everything --disable-fp16 --disable-custom-descriptors
  --disable-multibyte --disable-acquire-release-atomics --disable-custom-page-sizes
  --disable-wide-arithmetic --disable-relaxed-atomics)

# Run a binaryen tool: the npm package's bin/ files are node scripts.
binaryen() {
  local tool="$1"; shift
  if head -c 64 -- "$tool" | grep -q 'node'; then
    "$NODE" "$tool" "$@"
  else
    "$tool" "$@"
  fi
}

# Output names must be unique across the three source directories.
declare -A produced_by=()
claim() {
  local name="$1" src="$2"
  if [[ -n "${produced_by[$name]:-}" ]]; then
    die "output name clash: $name.wasm from both ${produced_by[$name]} and $src"
  fi
  produced_by[$name]="$src"
}

# Header line `;; KEY: value` within the first 5 lines of a file.
header_value() {
  local file="$1" key="$2"
  head -n 5 -- "$file" | sed -n "s/^;;[[:space:]]*$key:[[:space:]]*//p" | head -n 1
}

size_of() { wc -c < "$1" | tr -d ' '; }

log="$(mktemp "${TMPDIR:-/tmp}/build-corpus.XXXXXX")"
trap 'rm -f -- "$log"' EXIT
run_logged() {
  # run a command; on failure show its output and die with the given message
  local msg="$1"; shift
  if ! "$@" > "$log" 2>&1; then
    cat -- "$log" >&2
    die "$msg"
  fi
}

count=0

# --- wabt text modules -------------------------------------------------------
shopt -s nullglob
for src in "$corpus"/wat/*.wat; do
  name="$(basename -- "$src" .wat)"
  claim "$name" "$src"
  first="$(head -n 1 -- "$src")"
  [[ "$first" == ";; FLAGS:"* ]] || die "$src: first line must be ';; FLAGS: <wat2wasm flags>' (may be empty)"
  read -r -a flags <<< "${first#;; FLAGS:}"
  vflags=()
  for f in "${flags[@]+"${flags[@]}"}"; do
    case "$f" in --enable-*|--disable-*) vflags+=("$f") ;; esac
  done
  out="$outdir/$name.wasm"
  run_logged "$src: wat2wasm${flags[*]:+ ${flags[*]}} failed" \
    "$WAT2WASM" "${flags[@]+"${flags[@]}"}" "$src" -o "$out"
  run_logged "$out: wasm-validate${vflags[*]:+ ${vflags[*]}} failed" \
    "$WASM_VALIDATE" "${vflags[@]+"${vflags[@]}"}" "$out"
  post="$(header_value "$src" POSTPROCESS)"
  case "$post" in
    "") ;;
    insert-custom-sections)
      run_logged "$src: insert-custom-sections failed" \
        "$NODE" "$here/insert-custom-sections.mjs" "$out" "$out.tmp"
      mv -f -- "$out.tmp" "$out"
      run_logged "$out: wasm-validate after $post failed" \
        "$WASM_VALIDATE" "${vflags[@]+"${vflags[@]}"}" "$out"
      ;;
    *) die "$src: unknown POSTPROCESS step '$post'" ;;
  esac
  printf '  wat      %-36s %8s bytes\n' "$name.wasm" "$(size_of "$out")"
  count=$((count + 1))
done

# --- binaryen text modules (GC, exnref, typed function references, ...) -----
for src in "$corpus"/wast-binaryen/*.wat; do
  name="$(basename -- "$src" .wat)"
  claim "$name" "$src"
  flags=()
  first="$(head -n 1 -- "$src")"
  if [[ "$first" == ";; FLAGS:"* ]]; then
    read -r -a flags <<< "${first#;; FLAGS:}"
  fi
  out="$outdir/$name.wasm"
  run_logged "$src: binaryen wasm-as ${BINARYEN_FEATURES[*]}${flags[*]:+ ${flags[*]}} failed" \
    binaryen "$WASM_AS" "${BINARYEN_FEATURES[@]}" "${flags[@]+"${flags[@]}"}" "$src" -o "$out"
  run_logged "$out: binaryen wasm-opt --all-features rejected the module" \
    binaryen "$WASM_OPT" --all-features "$out" -o /dev/null
  printf '  binaryen %-36s %8s bytes\n' "$name.wasm" "$(size_of "$out")"
  count=$((count + 1))
done

# --- C programs ----------------------------------------------------------------
for src in "$corpus"/c/*.c; do
  name="$(basename -- "$src" .c)"
  expected="$corpus/c/$name.expected"
  [[ -f "$expected" ]] || die "$src: missing expectation file $expected"
  for opt in O0 O2; do
    claim "$name-$opt" "$src"
    out="$outdir/$name-$opt.wasm"
    run_logged "$src: clang --target=wasm32-wasi -$opt failed" \
      "$CLANG" --target=wasm32-wasi "-$opt" -Wall -Wextra -o "$out" "$src"
    run_logged "$out: wasm-validate failed" "$WASM_VALIDATE" "$out"
    if ! NODE="$NODE" "$here/run-c-expect.sh" "$out" "$expected" > "$log" 2>&1; then
      cat -- "$log" >&2
      die "$out does not behave as $expected says"
    fi
    printf '  c        %-36s %8s bytes  (output verified)\n' "$name-$opt.wasm" "$(size_of "$out")"
    count=$((count + 1))
  done
done

printf 'build-corpus: %d modules in %s\n' "$count" "$outdir"
