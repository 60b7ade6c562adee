"""replicate.py IN.wasm N OUT.wasm -- a module N times as large, for
bench/scale.sh: every function defined in IN is defined N times (the
copies are appended, each calling the same functions as the original), so
the code section grows N-fold while imports, tables, data and exports stay
as they are.  Custom sections are left out (the name section would not
cover the copies).  The output validates whenever the input does."""
import sys


def read_u32(data, pos):
    n, shift = 0, 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, pos


def u32(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, body = read_u32(data, pos + 1)
        yield sid, data[body:body + size]
        pos = body + size


def entries(payload):
    """The vector's count and its entries' bytes, one slice per entry of a
    size-prefixed kind (code bodies) or the raw rest (function indices)."""
    count, pos = read_u32(payload, 0)
    return count, payload[pos:]


def main():
    src, copies, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    data = open(src, "rb").read()
    out = bytearray(data[:8])
    for sid, payload in sections(data):
        if sid == 0:
            continue
        if sid in (3, 10):  # function (type indices) and code (bodies)
            count, rest = entries(payload)
            payload = u32(count * copies) + bytes(rest) * copies
        out += bytes([sid]) + u32(len(payload)) + payload
    open(dst, "wb").write(out)


main()
