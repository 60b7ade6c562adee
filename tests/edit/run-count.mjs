// run-count.mjs -- runs a WASI command under node and then prints the value
// of its exported global `whamm_count` as a last line "whamm_count=N".
// usage: node --no-warnings run-count.mjs app.wasm
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const wasi = new WASI({ version: 'preview1', args: [process.argv[2]], env: {},
                        returnOnExit: true });
const module = await WebAssembly.compile(await readFile(process.argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
const g = instance.exports.whamm_count;
process.stdout.write(`whamm_count=${g ? g.value : 'missing'}\n`);
process.exitCode = code;
