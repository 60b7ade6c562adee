// run-wasi.mjs -- run a WASI (preview1) command module under node.
//
// usage: node tests/tools/run-wasi.mjs [--dir HOST=GUEST]... [--env NAME=VALUE]...
//                                       [--] APP.wasm [ARGS...]
//
//   * argv seen by the program: APP.wasm (as given) followed by ARGS.
//   * environment seen by the program: empty, but for the variables given
//     with --env NAME=VALUE (repeatable; VALUE may be empty).
//   * no directories are preopened unless --dir HOST=GUEST is given
//     (repeatable; HOST is a host path, GUEST the name the program sees).
//   * stdin/stdout/stderr are the process's own (output is forwarded as is).
//   * exit status: the program's exit code (proc_exit / return from main);
//     134 if the module traps (message on stderr); 2 on usage/load errors.
//
// node 20 prints "ExperimentalWarning: WASI is an experimental feature" on
// stderr; this script removes node's default warning printer before loading
// node:wasi and re-prints every other warning itself, so stderr carries only
// the program's own output.  (Callers may additionally run `node
// --no-warnings`, which is harmless.)
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name === 'ExperimentalWarning') return;
  process.stderr.write(`${w.name}: ${w.message}\n`);
});

const USAGE = 'usage: node run-wasi.mjs [--dir HOST=GUEST]... [--env NAME=VALUE]... [--] APP.wasm [ARGS...]';
function fail(msg, code = 2) {
  process.stderr.write(`run-wasi: ${msg}\n`);
  process.exit(code);
}

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--') { i++; break; }
  if (a === '--dir' || a.startsWith('--dir=')) {
    const spec = a === '--dir' ? argv[++i] : a.slice('--dir='.length);
    if (!spec) fail(`--dir needs HOST=GUEST\n${USAGE}`);
    const eq = spec.indexOf('=');
    const host = eq < 0 ? spec : spec.slice(0, eq);
    const guest = eq < 0 ? spec : spec.slice(eq + 1);
    if (!host || !guest) fail(`bad --dir argument '${spec}'\n${USAGE}`);
    preopens[guest] = host;
    continue;
  }
  if (a === '--env' || a.startsWith('--env=')) {
    const spec = a === '--env' ? argv[++i] : a.slice('--env='.length);
    const eq = spec === undefined ? -1 : spec.indexOf('=');
    if (eq <= 0) fail(`--env needs NAME=VALUE\n${USAGE}`);
    env[spec.slice(0, eq)] = spec.slice(eq + 1);
    continue;
  }
  if (a === '-h' || a === '--help') { process.stdout.write(`${USAGE}\n`); process.exit(0); }
  if (a.startsWith('--')) fail(`unknown option '${a}'\n${USAGE}`);
  break;
}
const wasmPath = argv[i];
if (!wasmPath) fail(USAGE);
const programArgs = [wasmPath, ...argv.slice(i + 1)];

const { WASI } = await import('node:wasi');

let bytes;
try {
  bytes = await readFile(wasmPath);
} catch (e) {
  fail(`cannot read ${wasmPath}: ${e.message}`);
}

const wasi = new WASI({ version: 'preview1', args: programArgs, env, preopens, returnOnExit: true });

let instance;
try {
  const module = await WebAssembly.compile(bytes);
  instance = await WebAssembly.instantiate(module, wasi.getImportObject());
} catch (e) {
  fail(`${basename(wasmPath)}: cannot load module: ${e.message}`);
}
if (typeof instance.exports._start !== 'function') fail(`${basename(wasmPath)}: not a WASI command (no _start export)`);

let status;
try {
  status = wasi.start(instance);
} catch (e) {
  process.stderr.write(`run-wasi: ${basename(wasmPath)}: trap: ${e && e.message ? e.message : e}\n`);
  status = 134;
}
process.exitCode = status;
