// host.mjs -- a host driving an instrumented module the way docs/instr.md
// ("Hosts: whamm_flush") shows: the report of a program that traps, and of
// a reactor module that has no _start.
//
// usage: node host.mjs trap APP.wasm
//          runs _start; if it throws (a trap), calls the export
//          whamm_flush so the report is printed, then exits 134
//        node host.mjs imported APP.wasm
//          runs _start with a 1-page memory made by the host as env.memory
//        node host.mjs reactor APP.wasm FN N...
//          initialises the reactor, calls the export FN(n) for every N
//          (printing "FN(n) = result"), then whamm_flush twice (the second
//          call must print nothing)
import { readFile } from 'node:fs/promises';

process.removeAllListeners('warning');
const { WASI } = await import('node:wasi');
const [mode, path, fn, ...ns] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [path], env: {},
                        returnOnExit: true });
const module = await WebAssembly.compile(await readFile(path));
const imports = wasi.getImportObject();
if (mode === 'imported')
  imports.env = { memory: new WebAssembly.Memory({ initial: 1 }) };
const instance = await WebAssembly.instantiate(module, imports);

if (mode === 'trap' || mode === 'imported') {
  try {
    process.exitCode = wasi.start(instance);
  } catch (e) {
    instance.exports.whamm_flush();
    process.stderr.write(`host: trap: ${e.message}\n`);
    process.exitCode = 134;
  }
} else if (mode === 'reactor') {
  wasi.initialize(instance);
  for (const n of ns)
    process.stdout.write(`${fn}(${n}) = ${instance.exports[fn](Number(n))}\n`);
  instance.exports.whamm_flush();
  instance.exports.whamm_flush();
} else {
  process.stderr.write('usage: node host.mjs trap|reactor APP.wasm ...\n');
  process.exitCode = 2;
}
