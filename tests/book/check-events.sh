#!/bin/sh
# check-events.sh GEN WHAMM PROVIDERS OUT CHECKED_IN -- the tests
# book.events-in-sync and book.events-complete.
#
# 1. GEN (gen_events_md) writes the events page from PROVIDERS into OUT; the
#    test fails while CHECKED_IN (docs/events.md) differs.  WHAMM_REBASE=1
#    copies OUT over CHECKED_IN instead (as `ninja regen-docs` does).
# 2. Every rule `whamm info -l` lists (provider:package[:event[:mode]]) that
#    a script can write has its place in CHECKED_IN: the package's section,
#    the event's row and the mode in that row.  (This holds by construction while 1 passes; it also
#    catches a generator that leaves something out.)
set -u
gen=$1 whamm=$2 providers=$3 out=$4 doc=$5
fail=0
"$gen" "$providers" "$out" || exit 1
if ! cmp -s "$out" "$doc"; then
    if [ "${WHAMM_REBASE:-}" = 1 ]; then
        cp "$out" "$doc" && echo "rebased $doc"
    else
        echo "$doc is stale: run 'ninja -C <build> regen-docs'" \
             "(or WHAMM_REBASE=1 ctest -R book.events)" >&2
        diff -u "$doc" "$out" | head -n 40 >&2
        fail=1
    fi
fi

"$whamm" info -l --defs-path "$providers" > "$out.rules" || exit 1
[ -s "$out.rules" ] || { echo "whamm info -l listed nothing" >&2; exit 1; }
# rows: "PROVIDER:PACKAGE EVENT MODES..." for each event row of the page,
# "PROVIDER:PACKAGE" for each package section
awk '
    /^### `[^`]*`$/ { pkg = $2; gsub(/`/, "", pkg); print pkg; next }
    /^## /          { pkg = ""; next }
    pkg != "" && /^\| `/ {
        n = split($0, cell, "|")
        ev = cell[2]; gsub(/[` ]/, "", ev)
        modes = cell[3]; gsub(/[ ,]+/, " ", modes); sub(/^ /, "", modes)
        print pkg " " ev " " modes
    }
' "$doc" > "$out.rows"
missing=0
while IFS=: read -r prov pkg ev mode; do
    if [ -z "$ev" ]; then
        grep -qx "$prov:$pkg" "$out.rows" && continue
    elif [ -z "$mode" ]; then
        grep -qx "$prov:$pkg $ev (none) " "$out.rows" && continue
    else
        grep -F "$prov:$pkg $ev " "$out.rows" | grep -q " $mode " && continue
        # a name the listing gives but a script cannot write is no rule
        printf '%s:%s:%s:%s { }\n' "$prov" "$pkg" "$ev" "$mode" > "$out.mm"
        if ! "$whamm" check --defs-path "$providers" "$out.mm" >/dev/null 2>&1
        then
            echo "note: whamm info -l lists $prov:$pkg:$ev:$mode," \
                 "which scripts reject" >&2
            continue
        fi
    fi
    echo "$doc: no entry for $prov:$pkg${ev:+:$ev}${mode:+:$mode}" >&2
    missing=$((missing + 1))
done < "$out.rules"
[ $missing -eq 0 ] || fail=1
[ $fail -eq 0 ] &&
    echo "events: $(wc -l < "$out.rules") rules documented, page up to date"
exit $fail
