#!/usr/bin/env python3
"""check.py MONITOR OUT [ICOUNT_OUT] -- the checks of tests/monitors: reads
the report that samples/monitors' MONITOR-app printed (OUT: its stdout)
with Python's csv module and compares it with the counts worked out by
hand in tests/monitors/NOTES.  ICOUNT_OUT, the icount app's output, is the
reference total for the monitors that must add up to the instruction
count.  Exit status 0 when every check holds; each failure is one line on
stderr."""
import csv
import io
import sys

BANNER = "REPORT CSV FLUSH"
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def read_report(path):
    """The report's rows as dicts keyed by the header's columns."""
    text = open(path, encoding="utf-8").read()
    at = text.find(BANNER)
    if at < 0:
        sys.exit(f"{path}: no report")
    body = text[text.index("\n", at) + 1:]
    rows = list(csv.reader(io.StringIO(body), skipinitialspace=True))
    header = rows[0]
    if header[:3] != ["id", "id_type", "name"] or header[-1] != "value(s)":
        sys.exit(f"{path}: unexpected header {header}")
    out = []
    for r in rows[1:]:
        if not r:
            continue
        if len(r) != len(header):
            sys.exit(f"{path}: row of {len(r)} fields: {r}")
        out.append(dict(zip(header, r)))
    return out


def parse_key(k):
    """A map key as the report prints it: (a,b) -> a tuple of ints."""
    if k.startswith("(") and k.endswith(")"):
        return tuple(parse_scalar(x) for x in k[1:-1].split(","))
    return parse_scalar(k)


def parse_scalar(s):
    if s in ("true", "false"):
        return s == "true"
    try:
        return int(s)
    except ValueError:
        return s


def parse_map(value):
    """`k->v;k->v` (or `empty map`) as a dict."""
    if value == "empty map":
        return {}
    out = {}
    for entry in value.split(";"):
        k, v = entry.rsplit("->", 1)
        out[parse_key(k)] = parse_scalar(v)
    return out


class Report:
    def __init__(self, path):
        self.rows = read_report(path)

    def script_value(self, name):
        """The value of a script-level row (global or map)."""
        hits = [r for r in self.rows
                if r["name"] == name and r["id_type"] in ("global_id", "map_id")]
        if len(hits) != 1:
            sys.exit(f"{len(hits)} script-level rows named {name}")
        v = hits[0]["value(s)"]
        return parse_map(v) if hits[0]["id_type"] == "map_id" else parse_scalar(v)

    def sites(self, name, fname=None):
        """The per-site rows `name` (of function fname), in pc order."""
        rs = [r for r in self.rows if r["id_type"] == "memaddr" and
              r["name"] == name and (fname is None or r["fname"] == fname)]
        return sorted(rs, key=lambda r: int(r["pc"]))

    def site_values(self, name, fname):
        return [parse_scalar(r["value(s)"]) for r in self.sites(name, fname)]

    def names(self, name):
        """fid -> fname, from the per-site rows `name` (C static functions
        of different files may share a name, so not the other way)."""
        return {int(r["fid"]): r["fname"] for r in self.sites(name)}


def total_instructions(icount_out):
    return Report(icount_out).script_value("count")


# ---- the monitors ---------------------------------------------------------

def check_icount(rep, _):
    per = rep.script_value("per_function")
    want = {"fnv": 1313, "count_multiples": 1304, "fill": 32779, "sum": 57380}
    for f, n in want.items():
        check(per.get(f) == n, f"per_function[{f}] = {per.get(f)}, want {n}")
    check("cold" not in per, "cold() ran")
    total = rep.script_value("count")
    check(total == sum(per.values()),
          f"count {total} != sum of per_function {sum(per.values())}")


def check_mix(rep, icount_out):
    ops = rep.script_value("by_opcode")
    cats = rep.script_value("by_category")
    total = total_instructions(icount_out)
    check(sum(ops.values()) == total,
          f"by_opcode sums to {sum(ops.values())}, icount says {total}")
    check(sum(cats.values()) == total,
          f"by_category sums to {sum(cats.values())}, icount says {total}")
    # categories are unions of opcodes, by their names
    def of(pred):
        return sum(n for op, n in ops.items() if pred(op))
    for cat, pred in [
            ("load", lambda o: ".load" in o and "atomic" not in o),
            ("store", lambda o: ".store" in o and "atomic" not in o),
            ("const", lambda o: o.endswith(".const")),
            ("local", lambda o: o.startswith("local.")),
            ("global", lambda o: o.startswith("global."))]:
        check(cats.get(cat, 0) == of(pred),
              f"by_category[{cat}] = {cats.get(cat)}, opcodes say {of(pred)}")
    # what the kernels alone execute (NOTES): lower bounds, as libc runs too
    for op, n in [("i32.rem_s", 100), ("call_indirect", 10),
                  ("br_table", 23), ("i32.load", 4096 + 10),
                  ("i32.store", 2048), ("loop", 1 + 1 + 1 + 2 + 1 + 3 + 1 + 3)]:
        check(ops.get(op, 0) >= n, f"by_opcode[{op}] = {ops.get(op)}, want >= {n}")


def check_hotness(rep, icount_out):
    total = total_instructions(icount_out)
    got = sum(parse_scalar(r["value(s)"]) for r in rep.sites("hits"))
    check(got == total, f"hits sum to {got}, icount says {total}")
    fnv = rep.site_values("hits", "fnv")
    # 30 instructions: 13 in the loop body (100 times), 4 on the n == 0
    # path (never), 13 once
    check(len(fnv) == 30, f"fnv has {len(fnv)} instructions, want 30")
    check(sorted(fnv) == [0] * 4 + [1] * 13 + [100] * 13, f"fnv hits {fnv}")
    check(sum(fnv) == 1313, f"fnv executed {sum(fnv)}, want 1313")
    s = rep.site_values("hits", "sum")
    check(sorted(s) == [3] * 12 + [4096] * 14, f"sum hits {s}")
    cold = rep.site_values("hits", "cold")
    check(cold and set(cold) == {0}, f"cold hits {cold}")


def check_blocks(rep, _):
    def blocks(f):
        return list(zip(rep.site_values("size", f), rep.site_values("runs", f)))
    want = {
        "fnv": [(4, 1), (3, 0), (4, 1), (13, 100), (0, 1), (0, 1), (1, 1)],
        "count_multiples": [(15, 1), (2, 1), (5, 100), (4, 100), (7, 100),
                            (0, 1), (3, 1), (5, 1)],
    }
    for f, w in want.items():
        check(blocks(f) == w, f"{f} blocks (size, runs) {blocks(f)}, want {w}")


def check_branches(rep, _):
    def pairs(f):
        return list(zip(rep.site_values("taken", f),
                        rep.site_values("not_taken", f)))
    want = {
        "fnv": [(1, 0), (99, 1)],
        "count_multiples": [(0, 1), (85, 15), (99, 1)],
        "dispatch": [(0, 1), (22, 1)],
        "compose": [(0, 2), (8, 2)],
        "grid": [(0, 1), (0, 1), (9, 3), (2, 1)],
        "fill": [(0, 1), (2047, 1)],
        "sum": [(0, 3), (4093, 3)],
    }
    for f, w in want.items():
        check(pairs(f) == w, f"{f} (taken, not_taken) {pairs(f)}, want {w}")
    arms = rep.sites("arms", "dispatch")
    check(len(arms) == 1, f"{len(arms)} br_table sites in dispatch")
    if arms:
        got = parse_map(arms[0]["value(s)"])
        w = {0: 5, 1: 5, 2: 5, 3: 4, 4: 4}
        check(got == w, f"dispatch arms {got}, want {w}")


def check_callgraph(rep, _):
    name = rep.names("entries")
    fid = {f: i for i, f in name.items()}   # for the kernels' unique names
    entries = {int(r["fid"]): parse_scalar(r["value(s)"])
               for r in rep.sites("entries")}
    direct = rep.script_value("direct")
    indirect = rep.script_value("indirect")

    def edges(m):
        return {(name.get(a, a), name.get(b, b)): n for (a, b), n in m.items()}
    d, i = edges(direct), edges(indirect)
    main = "__original_main"
    for (a, b), n in [((main, "fnv"), 1), ((main, "count_multiples"), 1),
                      ((main, "dispatch"), 1), ((main, "compose"), 2),
                      ((main, "grid"), 1), ((main, "fill"), 1),
                      ((main, "sum"), 3), (("count_multiples", "bump"), 15),
                      (("dispatch", "case0"), 5), (("dispatch", "case1"), 5),
                      (("dispatch", "case2"), 5), (("dispatch", "case3"), 4),
                      (("dispatch", "case4"), 4), (("neg", "add1"), 2)]:
        check(d.get((a, b)) == n, f"direct {a} -> {b}: {d.get((a, b))}, want {n}")
    from_compose = {k: n for k, n in i.items() if k[0] == "compose"}
    w = {("compose", "add1"): 4, ("compose", "dbl"): 4, ("compose", "neg"): 2}
    check(from_compose == w, f"indirect calls of compose {from_compose}, want {w}")
    check(all(b >= 0 for (_, b) in indirect), f"unresolved indirect calls {indirect}")
    for f, n in [("add1", 6), ("dbl", 4), ("neg", 2), ("compose", 2),
                 ("bump", 15), ("cold", 0)]:
        check(entries.get(fid.get(f)) == n, f"entries of {f}: {entries.get(fid.get(f))}, want {n}")
    # every entry comes through a call the monitor saw, but one: the
    # host's call of the exported _start (which wasm-ld names
    # `_start.command_export`: it calls the C library's _start)
    incoming = {}
    for m in (direct, indirect):
        for (_, b), n in m.items():
            incoming[b] = incoming.get(b, 0) + n
    odd = [(name[f], n, incoming.get(f, 0)) for f, n in entries.items()
           if incoming.get(f, 0) != n]
    check(len(odd) == 1 and odd[0][0].startswith("_start") and odd[0][1:] == (1, 0),
          f"functions whose entries are not their calls: {odd}")


def check_loops(rep, _):
    def loops(f):
        return list(zip(rep.site_values("entered", f),
                        rep.site_values("iterations", f)))
    want = {"fnv": [(1, 100)], "count_multiples": [(1, 100)],
            "dispatch": [(1, 23)], "compose": [(2, 10)],
            "grid": [(1, 3), (3, 12)], "fill": [(1, 2048)],
            "sum": [(3, 4096)], "cold": [(0, 0)]}   # fnv's loop, inlined
    for f, w in want.items():
        check(loops(f) == w, f"{f} loops (entered, iterations) {loops(f)}, want {w}")


def one_site(rep, name, fname):
    rs = rep.site_values(name, fname)
    check(len(rs) == 1, f"{fname}: {len(rs)} {name} rows, want 1")
    return rs[0] if rs else None


def check_memtrace(rep, _):
    st = {n: one_site(rep, n, "fill") for n in ("accesses", "bytes", "lowest", "highest")}
    ld = {n: one_site(rep, n, "sum") for n in ("accesses", "bytes", "lowest", "highest")}
    check(st["accesses"] == 2048 and st["bytes"] == 8192, f"fill's store {st}")
    check(ld["accesses"] == 4096 and ld["bytes"] == 16384, f"sum's load {ld}")
    base = st["lowest"]
    check(base is not None and base % 4096 == 0, f"buf at {base}: not page-aligned")
    check(st["highest"] == base + 8188, f"fill's store: highest {st['highest']}")
    check(ld["lowest"] == base and ld["highest"] == base + 8188, f"sum's load {ld}")
    ops = {n: one_site(rep, n, "compose") for n in ("accesses", "bytes", "lowest", "highest")}
    check(ops["accesses"] == 10 and ops["bytes"] == 40 and
          ops["highest"] - ops["lowest"] == 16, f"compose's load {ops}")
    pages = rep.script_value("pages")
    if base is not None:
        p = base // 4096
        got = {k: pages.get(k) for k in [(p, True), (p + 1, True), (p, False), (p + 1, False)]}
        w = {(p, True): 1024, (p + 1, True): 1024, (p, False): 3072, (p + 1, False): 1024}
        check(got == w, f"pages of buf {got}, want {w}")
    total = sum(parse_scalar(r["value(s)"]) for r in rep.sites("accesses"))
    check(sum(pages.values()) == total,
          f"pages sum to {sum(pages.values())}, the sites to {total}")


def check_cache(rep, _):
    def site(f):
        return (one_site(rep, "site_hits", f), one_site(rep, "site_misses", f))
    check(site("fill") == (1920, 128), f"fill's store (hits, misses) {site('fill')}")
    check(site("sum") == (3904, 192), f"sum's load (hits, misses) {site('sum')}")
    h, m = site("compose")
    check(h is not None and h + m == 10 and m >= 1, f"compose's load {h}, {m}")
    hits = sum(parse_scalar(r["value(s)"]) for r in rep.sites("site_hits"))
    misses = sum(parse_scalar(r["value(s)"]) for r in rep.sites("site_misses"))
    check(rep.script_value("hits") == hits,
          f"hits {rep.script_value('hits')} != sum of site_hits {hits}")
    check(rep.script_value("misses") == misses,
          f"misses {rep.script_value('misses')} != sum of site_misses {misses}")


def check_coverage(rep, _):
    called = {r["fname"]: parse_scalar(r["value(s)"]) for r in rep.sites("called")}
    for f in ("fnv", "count_multiples", "dispatch", "compose", "grid", "fill",
              "sum", "add1", "dbl", "neg", "bump"):
        check(called.get(f) is True, f"{f}: called = {called.get(f)}")
    check(called.get("cold") is False, f"cold: called = {called.get('cold')}")
    ran = {f: rep.site_values("ran", f) for f in ("fnv", "sum", "fill", "cold")}
    check(len(ran["fnv"]) == 30 and ran["fnv"].count(False) == 4,
          f"fnv ran {ran['fnv']}")
    # the four that did not run follow the first br_if: 3 .. 6 of 0 .. 29
    check(ran["fnv"][4:8] == [False] * 4, f"fnv: not the n == 0 path {ran['fnv']}")
    for f in ("sum", "fill"):
        check(ran[f] and all(ran[f]), f"{f} not fully covered: {ran[f]}")
    check(ran["cold"] and not any(ran["cold"]), f"cold ran: {ran['cold']}")


CHECKS = {
    "icount": check_icount, "mix": check_mix, "hotness": check_hotness,
    "blocks": check_blocks, "branches": check_branches,
    "callgraph": check_callgraph, "loops": check_loops,
    "memtrace": check_memtrace, "cache": check_cache,
    "coverage": check_coverage,
}


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in CHECKS:
        sys.exit("usage: check.py MONITOR OUT [ICOUNT_OUT]")
    CHECKS[sys.argv[1]](Report(sys.argv[2]),
                        sys.argv[3] if len(sys.argv) > 3 else None)
    for f in failures:
        print(f"FAIL: {sys.argv[1]}: {f}", file=sys.stderr)
    if not failures:
        print(f"ok {sys.argv[1]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
