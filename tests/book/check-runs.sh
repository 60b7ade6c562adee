#!/bin/sh
# check-runs.sh BIN SRC WORK PAGE... -- the test book.runs: re-runs the
# examples of the pages (docs/report.md, docs/tutorial.md) and compares
# what they print with what the pages show.  In a page:
#   ```LANG file=NAME   a file the examples use, written to WORK/NAME
#   ```sh run           commands, run with sh in WORK (in page order, so a
#                       later block sees what an earlier one made)
#   ```text             right after a run block: its expected stdout
# BIN (whamm's programs) comes first on PATH; WHAMM_SRC is SRC, as in the
# pages' set-up.
set -u
bin=$1 src=$2 work=$3
shift 3
rm -rf "$work" && mkdir -p "$work" || exit 1
PATH=$bin:$PATH
WHAMM_SRC=$src
export PATH WHAMM_SRC
unset WHAMM_REPORT WHAMM_SCRIPTS WHAMM_REPORT_FORMAT WHAMM_DISABLE

# split PAGE: files go to WORK, run blocks to WORK/.runs/NN.sh, their
# expected outputs to WORK/.runs/NN.expected.
split_page() {
    awk -v d="$work" -v r="$work/.runs" -v base="$2" '
        BEGIN { n = 0; out = ""; want = 0 }
        /^```/ && out != "" { close(out); out = ""; next }
        /^```[a-z]+ file=[A-Za-z0-9_.-]+$/ {
            sub(/^```[a-z]+ file=/, ""); out = d "/" $0; printf "" > out
            want = 0; next }
        /^```sh run$/ {
            n++; out = sprintf("%s/%s-%02d.sh", r, base, n); printf "" > out
            want = 1; next }
        /^```text$/ && want {
            out = sprintf("%s/%s-%02d.expected", r, base, n); printf "" > out
            want = 0; next }
        /^```/ { want = 0; next }
        out != "" { print > out }
    ' "$1"
}

mkdir -p "$work/.runs" || exit 1
for page in "$@"; do
    split_page "$page" "$(basename "$page" .md)"
done
fail=0 n=0
cd "$work" || exit 1
for s in .runs/*.sh; do
    [ -e "$s" ] || continue
    n=$((n + 1))
    exp=${s%.sh}.expected
    sh "$s" > "${s%.sh}.out" 2> "${s%.sh}.err"
    if [ -e "$exp" ] && ! diff -u "$exp" "${s%.sh}.out" > "${s%.sh}.diff"; then
        echo "$(basename "$s"): the output differs from the page:" >&2
        cat "$s" "${s%.sh}.diff" "${s%.sh}.err" >&2
        fail=1
    fi
done
[ $n -gt 0 ] || { echo "no examples found" >&2; exit 1; }
[ $fail -eq 0 ] && echo "examples: $n runs print what the pages show"
exit $fail
