"""exports.py MODULE -- the probe exports of a monitor module, one per line
in export order, with the function's Wasm type: `NAME (i32, i64) -> (i32)`.
Probe exports are those whose name has a `:` (a rule); helpers (`$...`),
`wasm:exit` and the rest are left out.  Reads only what it needs of the
binary (types, imports, functions, exports)."""
import sys

VALTYPES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64",
            0x7B: "v128", 0x70: "funcref", 0x6F: "externref"}


class Reader:
    def __init__(self, data, pos=0):
        self.data, self.pos = data, pos

    def byte(self):
        b = self.data[self.pos]
        self.pos += 1
        return b

    def u32(self):
        n, shift = 0, 0
        while True:
            b = self.byte()
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return n

    def name(self):
        n = self.u32()
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return s


def func_types(r):
    types = []
    for _ in range(r.u32()):
        form = r.byte()
        if form != 0x60:
            sys.exit("exports.py: only plain function types are read")
        params = [VALTYPES[r.byte()] for _ in range(r.u32())]
        results = [VALTYPES[r.byte()] for _ in range(r.u32())]
        types.append((params, results))
    return types


def imported_funcs(r):
    funcs = []
    for _ in range(r.u32()):
        r.name()
        r.name()
        kind = r.byte()
        if kind == 0:
            funcs.append(r.u32())
        else:
            sys.exit("exports.py: a monitor imports functions only")
    return funcs


def main():
    data = open(sys.argv[1], "rb").read()
    r = Reader(data, 8)
    types, funcs, exports = [], [], []
    while r.pos < len(data):
        sid, size = r.byte(), r.u32()
        end = r.pos + size
        if sid == 1:
            types = func_types(r)
        elif sid == 2:
            funcs += imported_funcs(r)
        elif sid == 3:
            funcs += [r.u32() for _ in range(r.u32())]
        elif sid == 7:
            for _ in range(r.u32()):
                name, kind, index = r.name(), r.byte(), r.u32()
                if kind == 0 and ":" in name and name != "wasm:exit":
                    exports.append((name, index))
        r.pos = end
    for name, index in exports:
        params, results = types[funcs[index]]
        print("%s (%s) -> (%s)" % (name, ", ".join(params), ", ".join(results)))


main()
