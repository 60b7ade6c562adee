#!/usr/bin/env python3
# check.py -- read a whamm report with a real parser and compare its rows
# with a hand-written expectation (tests/report; docs/instr.md "The report").
#
# usage: check.py csv|json REPORT_FILE EXPECT.json [FIDS_FILE]
#
#   REPORT_FILE  the program's stdout (or the report file): the report is
#                the text after the CSV banner line, or the JSON document
#                that starts at the line `{"report": [`, up to the end.
#   csv          parsed with Python's csv module (skipinitialspace: fields
#                are separated by ", "), bytes read as Latin-1 so that any
#                byte survives; the header must be the 11 column names and
#                every row must have exactly 11 fields.
#   json         parsed with json.loads (strict UTF-8); every row must be an
#                object with exactly the 11 members, in column order.
#   EXPECT.json  {"rows": [ROW, ...]}: the expected rows in report order;
#                each ROW gives some columns (by name) and their expected
#                values: for csv the field's text (after unquoting), for
#                json the parsed JSON value.  "@int" stands for any
#                non-negative integer (a pc), "@fid" for the fid of the
#                row's fname in FIDS_FILE.  Columns left out are not
#                compared, but ids must count 0, 1, 2, ...
#                "sort_by_fid": N (optional) puts the first N expected rows
#                in the order of their fnames' fids first (per-site rows
#                come in function index order, which the linker decides).
#   FIDS_FILE    lines `INDEX NAME` (the input module's functions, from
#                wasm-objdump), for "@fid" and sort_by_fid.
# Exit 0 when everything matches, 1 with a message per difference.
import csv
import io
import json
import sys

COLUMNS = ["id", "id_type", "name", "whamm_type", "wasm_type", "script_id",
           "fname", "fid", "pc", "probe_id", "value"]
BANNER = ("================================= REPORT CSV FLUSH "
          "====================================\n")
HEADER = ["id", "id_type", "name", "whamm_type", "wasm_type", "script_id",
          "fname", "fid", "pc", "probe_id", "value(s)"]


def fail(msg):
    print("check.py: " + msg)
    sys.exit(1)


def parse_csv(data):
    text = data.decode("latin-1")
    at = text.find(BANNER)
    if at < 0:
        fail("no CSV banner in the output")
    reader = csv.reader(io.StringIO(text[at + len(BANNER):], newline=""),
                        skipinitialspace=True)
    rows = list(reader)
    if not rows or rows[0] != HEADER:
        fail("the header row is %r" % (rows[0] if rows else None))
    out = []
    for r in rows[1:]:
        if len(r) != 11:
            fail("a row with %d fields, not 11: %r" % (len(r), r))
        out.append(dict(zip(COLUMNS, r)))
    return out


def parse_json(data):
    text = data.decode("utf-8")  # strict: the report must be valid UTF-8
    at = text.find('{"report": [')
    if at < 0 or (at > 0 and text[at - 1] != "\n"):
        fail("no JSON report starting on a line of its own")
    doc = json.loads(text[at:])
    if list(doc) != ["report"] or not isinstance(doc["report"], list):
        fail("the document is not {\"report\": [...]}")
    for r in doc["report"]:
        if not isinstance(r, dict) or list(r) != COLUMNS:
            fail("a row without exactly the 11 members in order: %r" % (r,))
    return doc["report"]


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[1] not in ("csv", "json"):
        fail("usage: check.py csv|json REPORT_FILE EXPECT.json [FIDS_FILE]")
    fmt = sys.argv[1]
    with open(sys.argv[2], "rb") as f:
        data = f.read()
    with open(sys.argv[3], encoding="utf-8") as f:
        expect = json.load(f)
    want = expect["rows"]
    fids = {}
    if len(sys.argv) == 5:
        with open(sys.argv[4], encoding="utf-8") as f:
            for line in f:
                index, name = line.rstrip("\n").split(" ", 1)
                fids[name] = int(index)
    n = expect.get("sort_by_fid", 0)
    try:
        want[:n] = sorted(want[:n], key=lambda r: fids[r["fname"]])
    except KeyError as e:
        fail("no fid for %s in the fids file" % e)
    rows = parse_csv(data) if fmt == "csv" else parse_json(data)
    bad = 0
    if len(rows) != len(want):
        print("check.py: %d rows, expected %d" % (len(rows), len(want)))
        bad += 1
    for i, row in enumerate(rows):
        if row["id"] != (str(i) if fmt == "csv" else i):
            print("check.py: row %d has id %r" % (i, row["id"]))
            bad += 1
        if i >= len(want):
            continue
        for col, exp in want[i].items():
            got = row[col]
            if exp == "@int":
                ok = (got.isdigit() if fmt == "csv"
                      else isinstance(got, int) and got >= 0)
            elif exp == "@fid":
                fid = fids.get(row["fname"])
                ok = fid is not None and got == (str(fid) if fmt == "csv"
                                                 else fid)
            else:
                ok = got == exp and type(got) is type(exp)
            if not ok:
                print("check.py: row %d, %s: got %r, expected %r"
                      % (i, col, got, exp))
                bad += 1
    if bad:
        sys.exit(1)
    print("check.py: %s report, %d rows as expected" % (fmt, len(rows)))


main()
