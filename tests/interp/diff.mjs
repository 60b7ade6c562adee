// diff.mjs -- the node half of the differential test (interp.diff).
//   node diff.mjs gen SEED COUNT OUT.wat   writes COUNT functions f0..fN-1
//       (and OUT.types, their result types),
//       each a random expression tree over i32/i64/f32/f64 operations and
//       interesting constants, returning one value
//   node diff.mjs run MODULE.wasm COUNT     calls each and prints
//       "fK TYPE BITS" (hex), "fK TYPE nan" or "fK trap"
// interp_diff prints the same for the interpreter; the two must be equal.
// NaN bit patterns differ between engines, so NaN payloads are never made
// observable: no reinterpret of a float, copysign only from a constant.
import { readFileSync, writeFileSync } from 'node:fs';

let state = 0;
function rand() { // xorshift32, seeded: the same module on every run
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
}
const pick = (a) => a[rand() % a.length];

const I32 = ['0', '1', '-1', '2', '7', '31', '32', '33', '0x7fffffff',
             '0x80000000', '0xff', '0x8000', '-128', '1000000'];
const I64 = ['0', '1', '-1', '63', '64', '65', '0x7fffffffffffffff',
             '0x8000000000000000', '0xffffffff', '0x100000000', '-1000'];
const F = ['0', '-0', '1', '-1', '0.5', '-0.5', '1.5', '2.5', '-2.5', '3.5',
           'inf', '-inf', 'nan', '2147483648', '-2147483648', '-2147483904',
           '4294967296', '9223372036854775808', '18446744073709551616',
           '1e10', '-1e-10', '0.1', '65535.75'];

function randFloat(single) {
  const m = (rand() % 0x1000000) / 0x1000000 + 1;
  const e = (rand() % 90) - 20;
  let v = (rand() & 1 ? -1 : 1) * m * 2 ** e;
  if (single) v = Math.fround(v);
  return String(v);
}

function constant(t) {
  const r = rand() % 3;
  if (t === 'i32') return r ? pick(I32) : String(rand() | 0);
  if (t === 'i64') return r ? pick(I64) : String(BigInt(rand()) * 4294967311n - 7n);
  return r ? pick(F) : randFloat(t === 'f32');
}

// [name, result, params]
const OPS = [];
for (const t of ['i32', 'i64']) {
  for (const op of ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and',
                    'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'])
    OPS.push([`${t}.${op}`, t, [t, t]]);
  for (const op of ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s'])
    OPS.push([`${t}.${op}`, t, [t]]);
  OPS.push([`${t}.eqz`, 'i32', [t]]);
  for (const op of ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'])
    OPS.push([`${t}.${op}`, 'i32', [t, t]]);
  for (const f of ['f32', 'f64'])
    for (const s of ['s', 'u']) {
      OPS.push([`${t}.trunc_${f}_${s}`, t, [f]]);
      OPS.push([`${t}.trunc_sat_${f}_${s}`, t, [f]]);
      OPS.push([`${f}.convert_${t}_${s}`, f, [t]]);
    }
}
OPS.push(['i64.extend32_s', 'i64', ['i64']], ['i64.extend_i32_s', 'i64', ['i32']],
         ['i64.extend_i32_u', 'i64', ['i32']], ['i32.wrap_i64', 'i32', ['i64']],
         ['f32.demote_f64', 'f32', ['f64']], ['f64.promote_f32', 'f64', ['f32']],
         ['f32.reinterpret_i32', 'f32', ['i32']], ['f64.reinterpret_i64', 'f64', ['i64']]);
for (const t of ['f32', 'f64']) {
  for (const op of ['add', 'sub', 'mul', 'div', 'min', 'max'])
    OPS.push([`${t}.${op}`, t, [t, t]]);
  for (const op of ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'])
    OPS.push([`${t}.${op}`, t, [t]]);
  OPS.push([`${t}.copysign`, t, [t, 'const']]);
  for (const op of ['eq', 'ne', 'lt', 'gt', 'le', 'ge'])
    OPS.push([`${t}.${op}`, 'i32', [t, t]]);
}
const BY_TYPE = {};
for (const o of OPS) (BY_TYPE[o[1]] ||= []).push(o);

function expr(t, depth) {
  if (depth === 0 || rand() % 4 === 0) return `(${t}.const ${constant(t)})`;
  const [name, , params] = pick(BY_TYPE[t]);
  const args = params.map((p) => p === 'const'
    ? `(${t}.const ${pick(['1', '-1', '0', '-0', '2.5', '-inf'])})`
    : expr(p, depth - 1));
  return `(${name} ${args.join(' ')})`;
}

function gen(seed, count, out) {
  state = seed >>> 0 || 1;
  const lines = ['(module'], types = [];
  for (let k = 0; k < count; k++) {
    const t = pick(['i32', 'i64', 'f32', 'f64']);
    types.push(t);
    lines.push(`  (func (export "f${k}") (result ${t}) ${expr(t, 1 + rand() % 5)})`);
  }
  lines.push(')');
  writeFileSync(out, lines.join('\n') + '\n');
  writeFileSync(out.replace(/\.wat$/, '.types'), types.join('\n') + '\n');
}

function show(k, t, v) {
  if (t === 'i32') return `f${k} i32 ${(v >>> 0).toString(16)}`;
  if (t === 'i64') return `f${k} i64 ${BigInt.asUintN(64, v).toString(16)}`;
  if (Number.isNaN(v)) return `f${k} ${t} nan`;
  if (t === 'f32') {
    const b = new DataView(new ArrayBuffer(4)); b.setFloat32(0, v, true);
    return `f${k} f32 ${b.getUint32(0, true).toString(16)}`;
  }
  const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, v, true);
  return `f${k} f64 ${b.getBigUint64(0, true).toString(16)}`;
}

async function run(path, count) {
  const mod = await WebAssembly.compile(readFileSync(path));
  const { exports } = await WebAssembly.instantiate(mod);
  const out = [];
  // each function's result type, one a line, written by gen
  const sig = readFileSync(path.replace(/\.wasm$/, '.types'), 'utf8').split('\n');
  for (let k = 0; k < count; k++) {
    try { out.push(show(k, sig[k], exports[`f${k}`]())); }
    catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      out.push(`f${k} trap`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

const [mode, a, b, c] = process.argv.slice(2);
if (mode === 'gen') gen(Number(a), Number(b), c);
else await run(a, Number(b));
