#!/usr/bin/env python3
"""gen-app.py -- writes app.hex of the e2e case resolved-call-ref.

wabt 1.0.32 (wat2wasm) cannot assemble typed function references, so the
module is put together byte by byte here; readable.wat is the same module
as text (documentation only, not assembled).  Run it from anywhere:
    python3 gen-app.py > app.hex
Every line of the output is the bytes of one item, with a `#` comment.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tools"))
from wasmbytes import call, i32, leb, lget, name, sleb, vec  # noqa: E402


I32 = [0x7F]
FREF = [0x63, 0x00]        # (ref null $i_i): type 0


# -- instructions ---------------------------------------------------------
def lset(x): return [0x21] + leb(x)
def ltee(x): return [0x22] + leb(x)
def gget(x): return [0x23] + leb(x)
def gset(x): return [0x24] + leb(x)
def call_ref(t): return [0x14] + leb(t)
def ret_call_ref(t): return [0x15] + leb(t)
def ref_func(f): return [0xD2] + leb(f)
def tget(t): return [0x25] + leb(t)
def tset(t): return [0x26] + leb(t)
ADD, SUB, MUL, NE = [0x6A], [0x6B], [0x6C], [0x47]
AS_NON_NULL, END, UNREACHABLE = [0xD4], [0x0B], [0x00]
LT_S, BR_IF0 = [0x48], [0x0D, 0x00]


def acc_add(*value):
    """acc += value (local 0 of _start is acc)."""
    code = []
    for v in value:
        code += v
    return code + lget(0) + ADD + lset(0)


# -- functions ------------------------------------------------------------
# fids: inc 0, dbl 1, neg 2, sq 3, swap 4, apply 5, pick 6, tail 7,
# tail_p 8, _start 9.  Globals: $g 0 (mut), $gi 1.  Table $t 0.
funcs = [
    ("inc", 0, [], lget(0) + i32(1) + ADD),
    ("dbl", 0, [], lget(0) + i32(2) + MUL),
    ("neg", 0, [], i32(0) + lget(0) + SUB),
    ("sq", 0, [], lget(0) + lget(0) + MUL),
    # swap: $g <- inc, returns x
    ("swap", 0, [], ref_func(0) + gset(0) + lget(0)),
    # apply(f, x): call_ref through a parameter (unknown)
    ("apply", 2, [], lget(1) + lget(0) + call_ref(0)),
    # pick(i): table.get $t i, returned (a call result: unknown)
    ("pick", 3, [], lget(0) + tget(0)),
    # tail(x): $f <- dbl; return_call_ref through the local (known)
    ("tail", 0, [(1, FREF)],
     ref_func(1) + lset(1) + lget(0) + lget(1) + ret_call_ref(0)),
    # tail_p(f, x): return_call_ref through a parameter (unknown)
    ("tail_p", 2, [], lget(1) + lget(0) + ret_call_ref(0)),
]

# _start: locals acc 0 (i32), f 1 (ref null $i_i), i 2 (i32)
start = []
start += acc_add(i32(5), ref_func(0), call_ref(0))              # 1: inc 6
start += ref_func(1) + lset(1)                                  # 2: f = dbl
start += acc_add(i32(5), lget(1), call_ref(0))                  #    dbl 10
start += acc_add(i32(3), ref_func(2), ltee(1), call_ref(0))     # 3: neg -3
start += ref_func(3) + gset(0)                                  # 4: g = sq
start += acc_add(i32(4), gget(0), call_ref(0))                  #    sq 16
start += acc_add(i32(7), gget(1), call_ref(0))                  # 5: inc 8
start += acc_add(i32(6), lget(1), AS_NON_NULL, call_ref(0))     # 6: neg -6
start += acc_add(i32(2), i32(3), tget(0), call_ref(0))          # 7: sq 4
# 8: loop i = 0..3: f = $t[i]; acc += f(10)  (11 + 20 - 10 + 100)
start += [0x03, 0x40]                                           # loop
start += lget(2) + tget(0) + lset(1)
start += acc_add(i32(10), lget(1), call_ref(0))
start += lget(2) + i32(1) + ADD + ltee(2) + i32(4) + LT_S + BR_IF0
start += END
start += i32(0) + lget(1) + tset(0)                             # 9: $t[0] = f (sq)
start += acc_add(i32(3), i32(0), tget(0), call_ref(0))          #    sq 9
start += ref_func(4) + gset(0)                                  # 10: g = swap
start += acc_add(i32(7), gget(0), call_ref(0))                  #    swap 7
start += acc_add(i32(7), gget(0), call_ref(0))                  #    inc 8
start += acc_add(ref_func(1), i32(6), call(5))                  # 11: dbl 12
start += acc_add(i32(9), i32(1), call(6), call_ref(0))          # 12: dbl 18
start += acc_add(i32(5), call(7))                               # 13: dbl 10
start += acc_add(ref_func(2), i32(5), call(8))                  # 14: neg -5
start += acc_add(i32(4), [0x02, 0x63, 0x00], ref_func(0), END,  # 15: inc 5
                 call_ref(0))
start += lget(0) + i32(220) + NE + [0x04, 0x40] + UNREACHABLE + END
funcs.append(("_start", 1, [(1, I32), (1, FREF), (1, I32)], start))


def body(locals_, code):
    b = vec([leb(n) + t for n, t in locals_]) + code + END
    return leb(len(b)) + b


def section(sid, payload):
    return [sid] + leb(len(payload)) + payload


lines = []


def emit(comment, data):
    """One item: its bytes (32 a line) and a comment."""
    lines.append("# " + comment)
    for k in range(0, len(data), 32):
        lines.append(" ".join("%02x" % b for b in data[k:k + 32]))


emit("magic, version 1", [0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0])
types = [
    [0x60] + vec([I32]) + vec([I32]),                  # 0 $i_i
    [0x60, 0x00, 0x00],                                # 1 (func)
    [0x60] + vec([FREF, I32]) + vec([I32]),            # 2 $hof
    [0x60] + vec([I32]) + vec([FREF]),                 # 3 $pick
]
emit("type section: $i_i, (func), $hof, $pick", section(1, vec(types)))
emit("function section", section(3, vec([leb(t) for _, t, _, _ in funcs])))
emit("table $t: 4 x (ref null $i_i)", section(4, vec([FREF + [0x00, 4]])))
emit("globals $g (mut, null) and $gi (= ref.func inc)", section(6, vec([
    FREF + [0x01, 0xD0, 0x00, 0x0B],
    FREF + [0x00] + ref_func(0) + END])))
emit("export _start", section(7, vec([name("_start") + [0x00, 9]])))
emit("elem: $t[0..4) = inc dbl neg sq; declare swap", section(9, vec([
    [0x06, 0x00] + i32(0) + END + FREF +
    vec([ref_func(f) + END for f in range(4)]),
    [0x03, 0x00] + vec([leb(4)])])))
code = []
for n, _, loc, c in funcs:
    code.append(body(loc, c))
lines.append("# code section: one line per function")
payload = leb(len(code))
emit("code section header", [10] + leb(len(payload) + sum(map(len, code))) +
     payload)
for (n, _, _, _), b in zip(funcs, code):
    emit("func %s" % n, b)
names = vec([leb(i) + name(n) for i, (n, _, _, _) in enumerate(funcs)])
sub = [1] + leb(len(names)) + names
emit("name section: function names", section(0, name("name") + sub))
sys.stdout.write("# app.hex -- generated by gen-app.py (see readable.wat)\n")
sys.stdout.write("\n".join(lines) + "\n")
