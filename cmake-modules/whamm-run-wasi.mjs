// whamm-run-wasi.mjs -- the CMAKE_CROSSCOMPILING_EMULATOR of whamm-wasi.cmake:
// runs a WASI (preview1) command module under node so that add_test() and
// ctest run .wasm programs.
//
// usage: node --no-warnings whamm-run-wasi.mjs APP.wasm [ARGS...]
//   argv: APP.wasm ARGS; environment: empty; the current directory is
//   preopened as "." (instrumented programs may write report files);
//   exit status: the program's (proc_exit / return from main), 134 on a
//   trap, 2 if the module cannot be loaded.
import { readFile } from 'node:fs/promises';

process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'ExperimentalWarning') process.stderr.write(`${w.name}: ${w.message}\n`);
});
const { WASI } = await import('node:wasi');

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: whamm-run-wasi.mjs APP.wasm [ARGS...]\n');
  process.exit(2);
}
let instance;
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {},
                        preopens: { '.': '.' }, returnOnExit: true });
try {
  const mod = await WebAssembly.compile(await readFile(file));
  instance = await WebAssembly.instantiate(mod, wasi.getImportObject());
} catch (e) {
  process.stderr.write(`whamm-run-wasi: ${file}: ${e.message}\n`);
  process.exit(2);
}
let status;
try {
  status = wasi.start(instance);
} catch (e) {
  process.stderr.write(`whamm-run-wasi: ${file}: trap: ${e && e.message ? e.message : e}\n`);
  status = 134;
}
process.exitCode = status ?? 0;
