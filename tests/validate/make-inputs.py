#!/usr/bin/env python3
"""make-inputs.py OUTDIR -- writes the hand-assembled modules of issue 14's
validation cases (typed function references, GC, non-nullable locals) that
wat2wasm cannot assemble.  Each module is described next to its bytes;
tests/validate/bodies.txt says what whamm answers for the invalid ones."""
import os
import sys


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def vec(items):
    return leb(len(items)) + b"".join(items)


def section(sid, payload):
    return bytes([sid]) + leb(len(payload)) + payload


def module(*sections):
    return b"\0asm\1\0\0\0" + b"".join(sections)


def types(*ts):
    return section(1, vec(list(ts)))


def func(params=b"", results=b""):
    return b"\x60" + leb(len(params)) + params + leb(len(results)) + results


def struct(*fields):          # fields: bytes of (storage type, mut)
    return b"\x5f" + vec(list(fields))


def sub(supers, comp, final=False):
    return (b"\x4f" if final else b"\x50") + vec([leb(s) for s in supers]) + comp


def funcs(*tidx):
    return section(3, vec([leb(t) for t in tidx]))


def declare(*fidx):           # a declarative element segment (ref.func)
    return section(9, vec([b"\x03\x00" + vec([leb(f) for f in fidx])]))


def code(*bodies):            # bodies: (locals bytes, code bytes)
    out = []
    for locs, c in bodies:
        b = locs + c + b"\x0b"
        out.append(leb(len(b)) + b)
    return section(10, vec(out))


NOLOCALS = b"\x00"
I32, I64 = b"\x7f", b"\x7e"
REF = lambda t: b"\x64" + leb(t)          # (ref t)
REF_NULL = lambda t: b"\x63" + leb(t)     # (ref null t)
EMPTY = func()

CASES = {
    # call_ref 0 given a (ref 1): func type 1 is not a subtype of type 0
    "call-ref-operand": module(
        types(EMPTY, func(I32)), funcs(0, 1), declare(1),
        code((NOLOCALS, b"\xd2\x01" + b"\x14\x00"), (NOLOCALS, b""))),
    # struct.get 0 0 on a (ref 1), struct 1 unrelated to struct 0
    "struct-get-operand": module(
        types(struct(I32 + b"\x01"), struct(I64 + b"\x00"), EMPTY),
        funcs(2),
        code((NOLOCALS, b"\xfb\x01\x01" + b"\xfb\x02\x00\x00" + b"\x1a"))),
    # the same with struct 1 declared a subtype of struct 0: valid
    "valid-struct-subtype": module(
        types(sub([], struct(I32 + b"\x01")),
              sub([0], struct(I32 + b"\x01", I64 + b"\x00")), EMPTY),
        funcs(2),
        code((NOLOCALS, b"\xfb\x01\x01" + b"\xfb\x02\x00\x00" + b"\x1a"))),
    # type 1 declares the final type 0 as its supertype
    "sub-final": module(
        types(sub([], struct(I32 + b"\x00"), final=True),
              sub([0], struct(I32 + b"\x00"))),),
    # type 1's field is i64 where its supertype's is i32
    "sub-mismatch": module(
        types(sub([], struct(I32 + b"\x00")),
              sub([0], struct(I64 + b"\x00"))),),
    # ref.eq on two funcrefs (eqref expected)
    "ref-eq-funcref": module(
        types(EMPTY), funcs(0),
        code((NOLOCALS, b"\xd0\x70\xd0\x70\xd3\x1a"))),
    # a local of type (ref 0) read before any local.set
    "nonnull-local-unset": module(
        types(EMPTY), funcs(0), declare(0),
        code((b"\x01\x01" + REF(0), b"\x20\x00\x1a"))),
    # set inside a block, read after the block ended
    "nonnull-local-block": module(
        types(EMPTY), funcs(0), declare(0),
        code((b"\x01\x01" + REF(0),
              b"\x02\x40" + b"\xd2\x00\x21\x00" + b"\x0b" + b"\x20\x00\x1a"))),
    # set before the block, read inside it, and set by local.tee: valid
    "valid-nonnull-local": module(
        types(EMPTY), funcs(0), declare(0),
        code((b"\x01\x02" + REF(0),
              b"\xd2\x00\x21\x00" + b"\x02\x40\x20\x00\x1a\x0b" +
              b"\x02\x40\xd2\x00\x22\x01\x1a\x20\x01\x1a\x0b"))),
    # struct.set on an immutable field
    "struct-set-immutable": module(
        types(struct(I32 + b"\x00"), EMPTY), funcs(1),
        code((NOLOCALS, b"\xfb\x01\x00" + b"\x41\x01" + b"\xfb\x05\x00\x00"))),
    # br_on_cast to a label of type (ref null 0) with cast type (ref null 1)
    "br-on-cast-label": module(
        types(struct(), struct(I32 + b"\x00"), func(b"\x6e")), funcs(2),
        code((NOLOCALS, b"\x02" + REF_NULL(0) + b"\x20\x00" +
              b"\xfb\x18\x03\x00\x6e\x01" + b"\x1a\xd0\x00\x0b\x1a"))),
    # a GC module's global reads an earlier defined global: valid
    "valid-gc-global-get": module(
        types(sub([], struct(I32 + b"\x00"))),
        section(6, vec([I32 + b"\x00" + b"\x41\x07\x0b",
                        I32 + b"\x00" + b"\x23\x00\x0b",
                        REF(0) + b"\x00" + b"\x23\x01\xfb\x00\x00\x0b"]))),
    # ref.func 0 in a body, function 0 named nowhere outside the code
    "ref-func-undeclared": module(
        types(EMPTY), funcs(0, 0),
        code((NOLOCALS, b""), (NOLOCALS, b"\xd2\x00\x1a"))),
    # a start function that takes an i32
    "start-params": module(
        types(func(I32)), funcs(0), section(8, leb(0)),
        code((NOLOCALS, b""))),
    # a struct.new global initialiser of the wrong struct type
    "gc-global-init": module(
        types(struct(I32 + b"\x00"), struct(I64 + b"\x00")),
        section(6, vec([REF(0) + b"\x00" + b"\x42\x07\xfb\x00\x01\x0b"]))),
}

if __name__ == "__main__":
    out = sys.argv[1]
    for name, data in CASES.items():
        with open(os.path.join(out, "issue-14-" + name + ".wasm"), "wb") as f:
            f.write(data)
