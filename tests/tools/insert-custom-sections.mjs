// insert-custom-sections.mjs -- corpus post-processor: rewrites a valid wasm
// module so that custom sections appear in every legal position: before the
// first section, between every pair of sections, and at the end.  The inserted
// sections vary the name (empty, ASCII, UTF-8, well-known names such as
// "producers", "sourceMappingURL", "external_debug_info"), the payload size
// (0 bytes, a few bytes, >127 bytes so the size LEB needs 2 bytes, >16 KiB
// for 3 bytes) and the size encoding (one section uses a padded 5-byte LEB).
// wat2wasm 1.0.32 cannot write arbitrary custom sections, hence this script.
//
// usage: node tests/tools/insert-custom-sections.mjs IN.wasm OUT.wasm
import { readFileSync, writeFileSync } from 'node:fs';

function die(msg) {
  process.stderr.write(`insert-custom-sections: ${msg}\n`);
  process.exit(1);
}

function readU32(buf, pos) {
  let result = 0, shift = 0, byte;
  do {
    if (pos >= buf.length) die(`truncated LEB128 at offset ${pos}`);
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

function leb(n, padTo = 0) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0 || out.length + 1 < padTo) byte |= 0x80;
    out.push(byte);
  } while (n !== 0 || out.length < padTo);
  return Buffer.from(out);
}

function custom(name, payload, padSize = 0) {
  const nameBytes = Buffer.from(name, 'utf8');
  const body = Buffer.concat([leb(nameBytes.length), nameBytes, payload]);
  return Buffer.concat([Buffer.from([0]), leb(body.length, padSize), body]);
}

const [input, output] = process.argv.slice(2);
if (!input || !output) die('usage: insert-custom-sections.mjs IN.wasm OUT.wasm');
const buf = readFileSync(input);
if (buf.length < 8 || buf.readUInt32LE(0) !== 0x6d736100) die(`${input}: not a wasm module`);

// Split into sections.
const sections = [];
let pos = 8;
while (pos < buf.length) {
  const start = pos;
  const id = buf[pos++];
  let size;
  [size, pos] = readU32(buf, pos);
  pos += size;
  if (pos > buf.length) die(`${input}: section id ${id} at offset ${start} overruns the file`);
  sections.push({ id, bytes: buf.subarray(start, pos) });
}

const big = Buffer.alloc(200, 0x5a);
const huge = Buffer.alloc(17000);
for (let i = 0; i < huge.length; i++) huge[i] = i & 0xff;
// "producers" payload: field count 1, "language", 1 value "C99" version "".
const producers = Buffer.concat([
  leb(1), leb(8), Buffer.from('language'), leb(1), leb(3), Buffer.from('C99'), leb(0),
]);
const pool = [
  () => custom('', Buffer.alloc(0)),
  () => custom('whamm.test', Buffer.from('between sections')),
  () => custom('ünïcödé-ñame', Buffer.from([0, 1, 2, 3, 0xff])),
  () => custom('producers', producers),
  () => custom('big', big),
  () => custom('padded-size', Buffer.from('size LEB padded to 5 bytes'), 5),
  () => custom('sourceMappingURL', Buffer.concat([leb(12), Buffer.from('app.wasm.map')])),
  () => custom('external_debug_info', Buffer.concat([leb(14), Buffer.from('app.debug.wasm')])),
];

const parts = [buf.subarray(0, 8), custom('first', Buffer.from('before the first section'))];
sections.forEach((s, i) => {
  parts.push(s.bytes);
  parts.push(pool[i % pool.length]());
});
parts.push(custom('huge', huge));
parts.push(custom('last', Buffer.alloc(0)));
writeFileSync(output, Buffer.concat(parts));
