"""wasmbytes.py -- the Wasm binary encodings the hand-assembled e2e apps
share (tests/e2e/*/gen-app.py): LEB128 numbers, names, vectors, and the
few instructions every generator uses.  Everything is a list of ints."""


def leb(n):
    """Unsigned LEB128."""
    out = []
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return out


def sleb(n):
    """Signed LEB128."""
    out = []
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return out
        out.append(b | 0x80)


def name(s):
    return leb(len(s)) + list(s.encode())


def vec(items):
    out = leb(len(items))
    for it in items:
        out += it
    return out


def i32(v): return [0x41] + sleb(v)
def lget(x): return [0x20] + leb(x)
def call(f): return [0x10] + leb(f)
