#!/bin/sh
# check-cli.sh BIN SRC CLI.md -- the test book.cli: the CLI reference
# cannot drift from the programs.
#  - every command `whamm --help` lists has a section `## whamm NAME`;
#  - every option in `whamm NAME --help`, and every option string the
#    command's source (core/cli/cmd_NAME.c) parses, appears in that
#    section as `OPTION...` (in backquotes);
#  - every option in `whamm-ld --whamm-help` appears in the whamm-ld
#    section;
#  - every WHAMM_* environment variable the sources read (getenv and the
#    drivers' env helpers in core/ and whamm-ld/, the list in
#    core/provider/env.def, the runtime's WHAMM_REPORT, the CMake options
#    and $ENV{} of cmake-modules/) appears in the page.
set -u
bin=$1 src=$2 page=$3
fail=0

# section NAME: the lines of `## ...NAME...` up to the next `## `.
section() {
    awk -v t="$1" '
        /^## / { on = index($0, t) > 0; next }
        on' "$page"
}

# options_in: option names in help text on stdin, one per line.
options_in() {
    grep -oE '(^|[][ ,|(])-{1,2}[A-Za-z#][A-Za-z0-9#-]*' |
        sed -E 's/^[][ ,|(]//' | sort -u
}

# source_options FILE: the option strings a command's source compares
# arguments with ("--app", "-o").
source_options() {
    grep -oE '"-{1,2}[a-z#][a-z0-9-]*"' "$1" | tr -d '"' | sort -u
}

# need SECTION_TEXT_FILE WHAT OPTION: OPTION in backquotes in the text.
need() {
    if ! grep -qE -- "\`$3([^A-Za-z0-9-]|\$)" "$1"; then
        echo "$page: $2: option $3 is not documented" >&2
        fail=1
    fi
}

tmp=${TMPDIR:-/tmp}/check-cli.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

commands=$("$bin/whamm" --help | awk '/^commands:/ { on = 1; next }
                                       on && /^  [a-z]/ { print $1 }
                                       on && /^$/ { exit }')
[ -n "$commands" ] || { echo "whamm --help lists no command" >&2; exit 1; }
for c in $commands; do
    section "\`whamm $c\`" > "$tmp/$c.md"
    if [ ! -s "$tmp/$c.md" ]; then
        echo "$page: no section '## \`whamm $c\`'" >&2
        fail=1
        continue
    fi
    { "$bin/whamm" "$c" --help | options_in
      [ -f "$src/core/cli/cmd_$c.c" ] && source_options "$src/core/cli/cmd_$c.c"
    } | sort -u > "$tmp/$c.opts"
    [ -s "$tmp/$c.opts" ] || { echo "whamm $c --help: no option" >&2; fail=1; }
    while read -r o; do need "$tmp/$c.md" "whamm $c" "$o"; done < "$tmp/$c.opts"
done

section '`whamm-ld`' > "$tmp/ld.md"
"$bin/whamm-ld" --whamm-help | options_in > "$tmp/ld.opts"
[ -s "$tmp/ld.opts" ] ||
    { echo "whamm-ld --whamm-help: no option" >&2; fail=1; }
while read -r o; do need "$tmp/ld.md" whamm-ld "$o"; done < "$tmp/ld.opts"
grep -q '^## `whamm-clang`' "$page" ||
    { echo "$page: no section '## \`whamm-clang\`'" >&2; fail=1; }

# WHAMM_* variables read by the sources
{
    grep -rhoE '(getenv|drv_env|drv_env_flag|setenv)\("WHAMM_[A-Z0-9_]+"' \
        "$src/core" "$src/whamm-ld" --include='*.c' |
        grep -oE '"WHAMM_[A-Z0-9_]+' | tr -d '"'
    grep -hoE 'WHAMM_ENV\("WHAMM_[A-Z0-9_]+"' "$src/core/provider/env.def" |
        grep -oE '"WHAMM_[A-Z0-9_]+' | tr -d '"'
    grep -rhoE '"WHAMM_[A-Z0-9_]+="' "$src/core/runtime" --include='*.c' |
        grep -oE 'WHAMM_[A-Z0-9_]+'
    grep -rhoE '(option\(|\$ENV\{)WHAMM_[A-Z0-9_]+' "$src/cmake-modules" |
        sed -E 's/^(option\(|\$ENV\{)//'
} | sort -u > "$tmp/env"
[ -s "$tmp/env" ] ||
    { echo "no WHAMM_* variable found in the sources" >&2; exit 1; }
while read -r v; do
    if ! grep -qE "(^|[^A-Za-z0-9_])$v([^A-Za-z0-9_]|\$)" "$page"; then
        echo "$page: environment variable $v is not documented" >&2
        fail=1
    fi
done < "$tmp/env"

[ $fail -eq 0 ] && echo "cli: $(echo $commands | wc -w) commands," \
    "whamm-ld and $(wc -l < "$tmp/env") variables documented"
exit $fail
