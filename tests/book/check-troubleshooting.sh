#!/bin/sh
# check-troubleshooting.sh WHAMM DOC PROVIDERS WORK DEF... -- the test
# book.troubleshooting: docs/troubleshooting.md has one section per
# diagnostic code of the DEF tables (`### E0401: ...`), no section for a code
# that does not exist, and each section's example triggers its code.
#
# An example is the fenced blocks of a section, by their tag:
#   whamm  the script, written to probe.mm
#   yaml   a provider file, written to defs/zz-example.yaml next to a copy
#          of PROVIDERS
#   wat    a module, assembled with wat2wasm to app.wasm
#   sh     the commands to run (with `whamm` on PATH and a copy of
#          PROVIDERS as ./providers); without one:
#          `whamm instr --app app.wasm --script probe.mm -o out.wasm` when
#          there is a module, else `whamm check [--defs-path defs] probe.mm`
# Other blocks (text) are shown, not run.  A section without an example says
# why with the comment `<!-- no example -->`.  The output must contain
# `[CODE]`.
set -u
whamm=$1 doc=$2 providers=$3 work=$4
shift 4
fail=0
rm -rf "$work" && mkdir -p "$work/bin" || exit 1
ln -s "$whamm" "$work/bin/whamm"

codes=$(sed -n 's/^DIAG([A-Z_0-9]*, *"\(E[0-9]*\)".*/\1/p' "$@" | sort -u)
[ -n "$codes" ] || { echo "no codes in $*" >&2; exit 1; }
documented=$(sed -n 's/^### \(E[0-9][0-9][0-9][0-9]\)\b.*/\1/p' "$doc" | sort)
for c in $codes; do
    echo "$documented" | grep -qx "$c" ||
        { echo "$doc: no section for $c" >&2; fail=1; }
done
for c in $documented; do
    echo "$codes" | grep -qx "$c" ||
        { echo "$doc: section $c names no diagnostic of the tables" >&2; fail=1; }
done
dups=$(echo "$documented" | uniq -d)
[ -z "$dups" ] || { echo "$doc: sections repeated: $dups" >&2; fail=1; }

# split the sections' blocks into WORK/CODE/{probe.mm,...}
awk -v work="$work" '
    /^### E[0-9][0-9][0-9][0-9]/ { code = substr($2, 1, 5); sec = work "/" code
                                  system("mkdir -p " sec); out = ""; next }
    /^##/ { code = ""; next }
    code != "" && /^<!-- no example/ { print "" > (sec "/no-example") }
    code != "" && /^```/ {
        if (out != "") { close(out); out = ""; next }
        tag = substr($0, 4)
        if (tag == "whamm") out = sec "/probe.mm"
        else if (tag == "yaml") out = sec "/zz-example.yaml"
        else if (tag == "wat") out = sec "/app.wat"
        else if (tag == "sh") out = sec "/run.sh"
        else out = "/dev/null"
        printf "" > out
        next
    }
    out != "" { print >> out }
' "$doc"

for c in $codes; do
    d=$work/$c
    [ -d "$d" ] || continue
    if [ -e "$d/no-example" ]; then
        continue
    fi
    if ! [ -e "$d/probe.mm" ] && ! [ -e "$d/run.sh" ] &&
       ! [ -e "$d/zz-example.yaml" ]; then
        echo "$doc: $c has no example (and no <!-- no example --> comment)" >&2
        fail=1
        continue
    fi
    [ -e "$d/probe.mm" ] || printf 'wasm:begin { }\n' > "$d/probe.mm"
    defs=
    # a command may start from the source tree's definitions
    if [ -e "$d/run.sh" ] && grep -q 'providers' "$d/run.sh"; then
        cp -r "$providers" "$d/providers"
    fi
    if [ -e "$d/zz-example.yaml" ]; then
        cp -r "$providers" "$d/defs" && mv "$d/zz-example.yaml" "$d/defs/"
        defs="--defs-path defs"
    fi
    (
        cd "$d" || exit 1
        PATH=$work/bin:$PATH
        export PATH
        if [ -e app.wat ]; then
            wat2wasm app.wat -o app.wasm || exit 1
        fi
        if [ -e run.sh ]; then
            sh ./run.sh
        elif [ -e app.wasm ]; then
            whamm instr --app app.wasm --script probe.mm -o out.wasm
        else
            # shellcheck disable=SC2086
            whamm check $defs probe.mm
        fi
    ) > "$d/output" 2>&1
    if ! grep -q "\[$c\]" "$d/output"; then
        echo "$doc: the example of $c does not report [$c]; it says:" >&2
        sed 's/^/    /' "$d/output" | head -n 20 >&2
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "troubleshooting: $(echo "$codes" | wc -l) codes, examples checked"
exit $fail
