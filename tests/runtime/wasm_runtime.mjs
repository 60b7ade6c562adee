// wasm_runtime.mjs -- the runtime library itself (whamm_runtime.wasm, the
// Wasm build of core/runtime) under node, instantiated as the merger would
// place it: its data at a memory base, whamm's state below its stack.  The
// native tests (test_map.c, test_alloc.c, test_core.c) check the logic;
// this checks what only the Wasm build does: the heap growing memory 0
// with memory.grow, hash maps and sorted printing on top of it
// (docs/instr.md "Maps and tuples"), the putX functions, and the
// out-of-memory trap when memory.grow fails.  Expected texts are derived
// by hand, or for the randomized part from a JS Map sorted in JS.
// usage: node --no-warnings wasm_runtime.mjs whamm_runtime.wasm
import { readFile } from 'node:fs/promises';

const module = await WebAssembly.compile(await readFile(process.argv[2]));
let failures = 0, checks = 0;

function check(ok, what) {
    checks++;
    if (!ok) {
        failures++;
        console.error(`failed: ${what}`);
    }
}

const unreachableWasi = Object.fromEntries(
    ['environ_sizes_get', 'environ_get', 'fd_prestat_get',
     'fd_prestat_dir_name', 'path_open', 'fd_close'].map((name) => [name, () => {
        throw new Error(`unexpected WASI ${name}`);
    }]));

// One instance over a fresh memory: page 0 holds the runtime's data (at
// 1024) and its stack (below 64 KiB); page 1 is the test's "state image".
async function instantiate(maximum) {
    const memory = new WebAssembly.Memory(
        maximum ? { initial: 2, maximum } : { initial: 2 });
    const out = { 1: [], 2: [] };
    const i32 = (v, mutable = false) =>
        new WebAssembly.Global({ value: 'i32', mutable }, v);
    const fd_write = (fd, iovs, n, written) => {
        const dv = new DataView(memory.buffer);
        let total = 0;
        for (let i = 0; i < n; i++) {
            const buf = dv.getUint32(iovs + 8 * i, true);
            const len = dv.getUint32(iovs + 8 * i + 4, true);
            out[fd].push(Buffer.from(new Uint8Array(memory.buffer, buf, len)));
            total += len;
        }
        dv.setUint32(written, total, true);
        return 0;
    };
    const instance = await WebAssembly.instantiate(module, {
        env: { memory, __stack_pointer: i32(65536, true),
               __memory_base: i32(1024), __table_base: i32(0) },
        // the report's destination calls: never reached here (no report)
        wasi_snapshot_preview1: { fd_write, ...unreachableWasi },
    });
    const rt = instance.exports;
    let top = 65536; // bump pointer in page 1
    const alloc = (n, align = 4) => {
        top = (top + align - 1) & ~(align - 1);
        const at = top;
        top += n;
        if (top > 131072) throw new Error('test data overflows page 1');
        return at;
    };
    const bytes = (b) => {
        const at = alloc(Math.max(b.length, 1), 1);
        new Uint8Array(memory.buffer, at, b.length).set(b);
        return at;
    };
    const cstr = (s) => bytes(Buffer.from(s + '\0', 'latin1'));
    const output = (fd = 1) => {
        rt.whamm_rt_flush();
        const s = Buffer.concat(out[fd]).toString('latin1');
        out[fd] = [];
        return s;
    };
    return { memory, rt, alloc, bytes, cstr, output,
             dv: () => new DataView(memory.buffer) };
}

const SIZES = { B: 1, b: 1, H: 2, h: 2, I: 4, i: 4, f: 4, '?': 4, m: 4,
                L: 8, l: 8, d: 8, s: 8 };
const packed = (d) => [...d].reduce((n, c) => n + (SIZES[c] || 0), 0);

// A map header (runtime.h WhammRtMap) in page 1.
function makeMap(T, id, kd, vd, kn, vn) {
    const m = T.alloc(48);
    const fields = [id, T.cstr(kd), T.cstr(vd), (packed(kd) + 3) & ~3,
                    (packed(vd) + 3) & ~3, T.cstr(kn), T.cstr(vn)];
    fields.forEach((v, i) => T.dv().setUint32(m + 4 * i, v, true));
    return m;
}

// Encodes scalars (numbers, bigints, strings) by descriptor into rec.
function encode(T, rec, d, vals) {
    const dv = T.dv();
    let at = rec, k = 0;
    for (const c of d) {
        if (!SIZES[c]) continue;
        const v = vals[k++];
        if (c === 's') {
            const b = Buffer.from(v, 'latin1');
            dv.setUint32(at, T.bytes(b), true);
            dv.setUint32(at + 4, b.length, true);
        } else if (c === 'd') dv.setFloat64(at, v, true);
        else if (c === 'f') dv.setFloat32(at, v, true);
        else if (c === 'L' || c === 'l') dv.setBigUint64(at, BigInt.asUintN(64, BigInt(v)), true);
        else if (SIZES[c] === 4) dv.setUint32(at, v >>> 0, true);
        else if (SIZES[c] === 2) dv.setUint16(at, v & 0xFFFF, true);
        else dv.setUint8(at, v & 0xFF);
        at += SIZES[c];
    }
}

function typeOf(T, m, field) {
    const dv = T.dv();
    let at = dv.getUint32(m + 4 * field, true), s = '';
    for (let c; (c = dv.getUint8(at)); at++) s += String.fromCharCode(c);
    return s;
}

function set(T, m, key, val) {
    const rec = T.alloc(32);
    encode(T, rec, typeOf(T, m, 1), key);
    const v = T.rt.whamm_rt_map_insert(m, rec);
    encode(T, v, typeOf(T, m, 2), val);
    return v;
}

function shows(T, m, want) {
    T.rt.whamm_rt_map_print(m);
    const got = T.output();
    check(got === want, `print: got '${got}', want '${want}'`);
}

async function handCases() {
    const T = await instantiate();
    let m = makeMap(T, 0, '(ii)', 'i', '(i32,i32)', 'i32');
    shows(T, m, 'empty map');
    set(T, m, [1, 10], [4]);
    set(T, m, [1, 2], [3]);
    set(T, m, [-1, 2], [-5]);
    shows(T, m, '(-1,2)->-5;(1,2)->3;(1,10)->4');
    T.rt.whamm_rt_map_print_csv(m);
    check(T.output() === '== map0 CSV FLUSH ==\nkey ((i32,i32)), val (i32)\n' +
          '(-1,2), -5\n(1,2), 3\n(1,10), 4\n', 'csv');

    m = makeMap(T, 1, 'I', 'd', 'u32', 'f64');
    set(T, m, [4294967295], [1.5]);
    set(T, m, [0], [-0]);
    shows(T, m, '0->-0e0;4294967295->+1.5e0');

    m = makeMap(T, 2, 's', '(s?)', 'str', '(str,bool)');
    set(T, m, ['b'], ['x', 1]);
    set(T, m, [''], ['', 0]);
    set(T, m, ['ab'], ['y', 1]);
    shows(T, m, '->(,false);ab->(y,true);b->(x,true)');
    T.rt.whamm_rt_map_print_csv(makeMap(T, 3, '(is)', 'i', '(i32,str)', 'i32'));
    check(T.output() === '== map3 CSV FLUSH ==\nempty map\n', 'csv empty tuple key');

    T.rt.whamm_rt_puti8(200);
    T.rt.whamm_rt_putu16(70000);
    T.rt.whamm_rt_putc(44);
    T.rt.whamm_rt_putf32(1.5);
    T.rt.whamm_rt_putf64(0.1);
    T.rt.whamm_rt_putbool(2);
    T.rt.whamm_rt_puti64(-9223372036854775808n);
    check(T.output() === '-564464,+1.5e0+1e-1true-9223372036854775808', 'putX');
}

// A JS Map as the reference: 300k random finds and inserts over an i32-keyed
// and a str-keyed map; the heap grows memory 0 on the way.
async function randomized() {
    const T = await instantiate();
    const pages0 = T.memory.buffer.byteLength / 65536;
    const mi = makeMap(T, 0, 'i', 'i', 'i32', 'i32');
    const ms = makeMap(T, 1, 's', 'I', 'str', 'u32');
    const ri = new Map(), rs = new Map();
    const rec = T.alloc(8), sbuf = T.alloc(16);
    let seed = 12345, bad = 0;
    const rnd = (n) => { // xorshift32
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) % n;
    };
    for (let step = 0; step < 300000; step++) {
        const str = rnd(2) === 1;
        const m = str ? ms : mi, ref = str ? rs : ri;
        let key;
        const dv = T.dv();
        if (str) {
            key = '';
            for (let n = rnd(6); n > 0; n--) key += 'abz\xff'[rnd(4)];
            new Uint8Array(T.memory.buffer, sbuf, 8).set(Buffer.from(key, 'latin1'));
            dv.setUint32(rec, sbuf, true);
            dv.setUint32(rec + 4, key.length, true);
        } else {
            key = rnd(40000) - 20000;
            dv.setInt32(rec, key, true);
        }
        if (rnd(2)) {
            const v = T.rt.whamm_rt_map_find(m, rec);
            const want = ref.get(key);
            bad += want === undefined ? v !== 0
                                      : v === 0 || T.dv().getUint32(v, true) !== want;
        } else {
            const v = T.rt.whamm_rt_map_insert(m, rec);
            const old = ref.get(key);
            bad += T.dv().getUint32(v, true) !== (old === undefined ? 0 : old);
            const nv = rnd(1000000);
            T.dv().setUint32(v, nv, true);
            ref.set(key, nv);
            new Uint8Array(T.memory.buffer, sbuf, 8).fill(0x2a); // caller's buffer reused
        }
    }
    check(bad === 0, `${bad} finds/inserts disagree with the JS Map`);
    check(T.memory.buffer.byteLength / 65536 > pages0, 'the heap grew memory 0');
    const ikeys = [...ri.keys()].sort((a, b) => a - b);
    shows(T, mi, ikeys.map((k) => `${k}->${ri.get(k)}`).join(';'));
    const bytewise = (a, b) => Buffer.compare(Buffer.from(a, 'latin1'),
                                              Buffer.from(b, 'latin1'));
    const skeys = [...rs.keys()].sort(bytewise);
    shows(T, ms, skeys.map((k) => `${k}->${rs.get(k)}`).join(';'));
}

// memory.grow failing (the memory's maximum) traps after the message.
async function outOfMemory() {
    const T = await instantiate(3);
    const m = makeMap(T, 0, 'i', 'i', 'i32', 'i32');
    const rec = T.alloc(4);
    let trapped = null;
    try {
        for (let k = 0; k < 1000000; k++) {
            T.dv().setInt32(rec, k, true);
            T.rt.whamm_rt_map_insert(m, rec);
        }
    } catch (e) {
        trapped = e;
    }
    check(trapped instanceof WebAssembly.RuntimeError, 'out of memory traps');
    const msg = T.output(2);
    check(msg.startsWith('whamm: out of memory: '), `message '${msg}'`);
}

await handCases();
await randomized();
await outOfMemory();
if (failures) {
    console.error(`${failures} of ${checks} checks failed`);
    process.exitCode = 1;
} else {
    console.log(`runtime.wasm: ${checks} checks passed`);
}
