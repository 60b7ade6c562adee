#!/bin/sh
# check-man.sh PAGE... -- the test book.man: each man page (mdoc) formats
# without a warning under groff's mdoc macros (`-ww` turns every warning
# on) and gives a NAME section.  mandoc's linter is used as well when it is
# installed.  Skipped (77) when groff is not.
set -u
command -v groff > /dev/null 2>&1 || { echo "groff not installed: skipped"; exit 77; }
fail=0
for page in "$@"; do
    warnings=$(groff -mandoc -ww -z "$page" 2>&1)
    if [ -n "$warnings" ]; then
        echo "$page:" >&2
        echo "$warnings" >&2
        fail=1
    fi
    if ! groff -mandoc -Tutf8 -P-cbou "$page" 2>/dev/null | grep -q '^NAME'; then
        echo "$page: formats without a NAME section" >&2
        fail=1
    fi
    if command -v mandoc > /dev/null 2>&1; then
        mandoc -T lint -W warning "$page" >&2 || fail=1
    fi
done
[ $fail -eq 0 ] && echo "man pages: $# checked"
exit $fail
