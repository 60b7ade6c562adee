# list-items.py WHAMM DEFS RULES OUT -- writes OUT, a script with one probe
# per rule of RULES (`whamm info -l`), whose body uses every bound
# variable and function `whamm info --rule RULE --json -v -f` lists for
# that rule: a variable is read into a local of its type, a function is
# called with default arguments.  `whamm check` must accept it all: what
# `whamm info` lists for a mode is usable in that mode.  The core items
# (the same for every rule) and engine-only ones are left out.
import json
import subprocess
import sys

whamm, defs, rules_file, out = sys.argv[1:5]
DEFAULTS = {"bool": "false", "str": '""', "()": "()"}


def value_of(ty, n):
    """An expression of type ty (a literal; funcref: a local)."""
    if ty in DEFAULTS:
        return DEFAULTS[ty]
    if ty.startswith("(") and ty != "()":
        inner = ty[1:-1].split(",")
        return "(" + ", ".join(value_of(t, n) for t in inner) + ")"
    if ty == "funcref":
        return "fr%d" % n
    return "0"


def bound_rule(rule, names):
    """rule with a type bound `(NAME: i32, ...)` on its event part."""
    parts = rule.split(":")
    k = 2 if len(parts) > 2 else len(parts) - 1
    parts[k] += "(" + ", ".join(n + ": i32" for n in names) + ")"
    return ":".join(parts)


def info(pattern):
    """`whamm info --json -v -f` for pattern (one call per mode, not per
    rule: the items it lists for a match depend only on its mode)."""
    return json.loads(subprocess.run(
        [whamm, "info", "--defs-path", defs, "-r", pattern, "--json", "-v",
         "-f"], check=True, capture_output=True, text=True).stdout)


def levels(d, rule):
    """The provider, package and event entries of rule in info d."""
    parts = rule.split(":")
    out = [p for p in d["providers"] if p["name"] == parts[0]]
    out += [p for p in d["packages"]
            if (p["provider"], p["name"]) == tuple(parts[:2])]
    if len(parts) > 2:
        out += [e for e in d["events"]
                if (e["provider"], e["package"], e["name"]) ==
                tuple(parts[:3])]
    return out


def var_use(v, n, taken, body, untyped):
    """A statement reading v, or None for one no script can read."""
    name, ty = v["name"], v["type"]
    if "[" in name:                 # a pattern: arg[0:9]+ -> argK, unused
        prefix, k = name[:name.index("[")], 0
        while prefix + str(k) in taken:
            k += 1
        name = prefix + str(k)
    if ty == "unknown":
        if v["lifetime"] == "static":
            return None             # no type bound allowed: see NOTE below
        untyped.append(name)
        ty = "i32"
    decl = "unshared var" if ty.startswith("map<") else "var"
    return "    %s v%d: %s = %s;" % (decl, n, ty, name)


def fn_use(f, n, body):
    args = []
    for p in f["params"]:
        if p["type"] == "funcref":
            body.append("    var fr%d: funcref;" % n)
        args.append(value_of(p["type"], n))
    call = "%s(%s)" % (f["name"], ", ".join(args))
    if f["results"] == "()":
        return "    %s;" % call
    return "    var v%d: %s = %s;" % (n, f["results"], call)


def probe(d, rule, skipped):
    body, untyped, n = [], [], 0
    lv = levels(d, rule)
    taken = {v["name"] for x in lv for v in x["bound_vars"]}
    for x in lv:
        for v in x["bound_vars"]:
            n += 1
            use = None if v["engine_only"] else var_use(v, n, taken, body,
                                                        untyped)
            if use:
                body.append(use)
            elif not v["engine_only"]:
                skipped.add("%s (%s)" % (v["name"], rule))
        for f in x["bound_fns"]:
            n += 1
            if not f["engine_only"]:
                body.append(fn_use(f, n, body))
    head = bound_rule(rule, untyped) if untyped else rule
    return "%s {\n%s\n}\n" % (head, "\n".join(body))


def pattern_of(rule):
    parts = rule.split(":")
    return ":".join(["*"] * (len(parts) - 1) +
                    [parts[-1] if len(parts) == 4 else "*"])


with open(rules_file) as f:
    rules = [r.strip() for r in f if r.strip()]
cache, skipped = {}, set()
with open(out, "w") as o:
    for r in rules:
        pat = pattern_of(r)
        if pat not in cache:
            cache[pat] = info(pat)
        o.write(probe(cache[pat], r, skipped))
# NOTE: a static variable of unknown type (the heap-type immediates of a
# few GC opcodes) cannot be read by a script at all (no type, and a type
# bound is only for run-time values); listed here so it is not forgotten.
for s in sorted(skipped):
    print("not usable from a script:", s)
