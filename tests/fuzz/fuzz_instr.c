/* fuzz_instr.c -- libFuzzer target for `whamm instr` end to end (reader,
 * validator, checker, emitter, writer): a module and a script go through
 * what core/cli/cmd_instr.c does, and every output that would be written
 * must read back and validate (wasm_module_validate); an invalid output
 * is a crash.
 *
 * Input: a module as is (it starts with "\0asm"; the script and options
 * are picked by its size), or  S F MODULE...  with S picking a built-in
 * script (S = 0xFF: the script's text follows, up to a NUL byte) and F
 * the options (bits 0-1 memory: auto, top, separate; 2 --no-pred,
 * 3 --no-body, 4 --no-report, 5 JSON report).
 * Seeds: tests/fuzz/corpus and the e2e apps (assembled into the build
 * tree); crash inputs fixed are kept in tests/fuzz/regress-instr/ and
 * replayed. */
#include "emit/emit.h"
#include "provider/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const scripts[] = {
    "wasm:opcode:*:before { report var n: u32; n++; }\n",
    "wasm:opcode:br_if|br_table|if:before { report var n: u64; n++; }\n"
    "wasm:opcode:br_if(arg0: i32):before / arg0 == 0 / {\n"
    "    report var zero: u32; zero++;\n}\n",
    "wasm:func:entry { report var calls: u32; calls++; }\n"
    "wasm:func:exit { report var exits: u32; exits++; }\n",
    "report var count: map<(u32, u32), u32>;\n"
    "wasm:opcode:call|call_indirect:before { count[(fid, pc)]++; }\n",
    "wasm:opcode:i32.add:after { report var sum: i32; sum = sum + res0; }\n"
    "wasm:opcode:*load*:before { report var loads: u64; loads++; }\n",
    "var hundred: i32 = 100;\nreport var total: i32;\n"
    "fn half(x: i32) -> i32 { return x / 2; }\n"
    "wasm:begin { total = half(hundred); }\n"
    "wasm:end { total = total + 1; }\n"
    "wasm:opcode:local.get|global.get|i32.const:after { total++; }\n",
    "wasm:opcode:call:alt / target_fn_name == \"f\" / {\n"
    "    alt_call_by_name(\"g\");\n}\n"
    "wasm:block:start { report var blocks: u32; blocks++; }\n",
    "wasm:opcode:*store*:before { report var stores: u32; stores++; }\n"
    "wasm:opcode:memory.grow|memory.size|drop|select:before {\n"
    "    report var misc: u32; misc++;\n}\n",
};
#define NSCRIPTS (sizeof scripts / sizeof scripts[0])

static ProvRegistry *registry(void)
{
    static ProvRegistry *reg;
    if (reg)
        return reg;
    DiagSink sink;
    diag_init(&sink);
    reg = prov_registry_new();
    if (!prov_load_dir(reg, WHAMM_FUZZ_DEFS, &sink)) {
        diag_render(&sink, stderr, false);
        abort();
    }
    diag_fini(&sink);
    return reg;
}

static const WasmModule *runtime(void)
{
    static WasmModule rt;
    static Buf bytes;
    if (bytes.len)
        return &rt;
    char msg[256];
    WasmError err;
    buf_init(&bytes);
    if (!file_read_all(WHAMM_FUZZ_RUNTIME, &bytes, msg, sizeof msg) ||
        !wasm_module_read(&rt, bytes.data, bytes.len, NULL, &err)) {
        fprintf(stderr, "fuzz_instr: the runtime %s\n", WHAMM_FUZZ_RUNTIME);
        abort();
    }
    return &rt;
}

/* Splits the input into script text, options and module. */
static void split(const uint8_t *data, size_t size, const char **text,
                  size_t *tlen, unsigned *flags, const uint8_t **mod,
                  size_t *mlen)
{
    if (size < 2 || data[0] == 0) {
        *text = scripts[size % NSCRIPTS];
        *tlen = strlen(*text);
        *flags = (unsigned)(size / NSCRIPTS) & 0x3f;
        *mod = data;
        *mlen = size;
        return;
    }
    *flags = data[1];
    *mod = data + 2;
    *mlen = size - 2;
    if (data[0] != 0xFF) {
        *text = scripts[data[0] % NSCRIPTS];
        *tlen = strlen(*text);
        return;
    }
    const uint8_t *nul = memchr(*mod, 0, *mlen);
    *text = (const char *)*mod;
    *tlen = nul ? (size_t)(nul - *mod) : *mlen;
    *mod += nul ? *tlen + 1 : *tlen;
    *mlen -= nul ? *tlen + 1 : *tlen;
}

/* What `whamm instr` would write must read back and validate. */
static void output_validates(const WasmModule *m)
{
    Buf out;
    buf_init(&out);
    WasmError err;
    if (!wasm_module_write(m, &out, &err)) {
        fprintf(stderr, "fuzz_instr: writing: %s\n", err.msg);
        abort();
    }
    WasmModule back;
    if (!wasm_module_read(&back, out.data, out.len, NULL, &err)) {
        fprintf(stderr, "fuzz_instr: output unreadable at 0x%zx: %s\n",
                err.offset, err.msg);
        abort();
    }
    if (!wasm_module_validate(&back, &err)) {
        fprintf(stderr, "fuzz_instr: output invalid at 0x%zx: %s\n",
                err.offset, err.msg);
        abort();
    }
    wasm_module_fini(&back);
    buf_fini(&out);
}

static void instrument(Script *s, const uint8_t *mod, size_t mlen,
                       unsigned flags, DiagSink *sink)
{
    WasmModule m;
    WasmError err;
    if (!wasm_module_read(&m, mod, mlen, NULL, &err))
        return;
    if (!wasm_module_validate(&m, &err)) { /* refused, as instr does */
        wasm_module_fini(&m);
        return;
    }
    static const EmitMemory memory[] = {EMIT_MEMORY_AUTO, EMIT_MEMORY_TOP,
                                        EMIT_MEMORY_SEPARATE,
                                        EMIT_MEMORY_AUTO};
    EmitOptions o;
    memset(&o, 0, sizeof o);
    o.memory = memory[flags & 3];
    o.no_pred = flags & 4;
    o.no_body = flags & 8;
    o.no_report = flags & 16;
    o.report_format = flags & 32 ? EMIT_REPORT_JSON : EMIT_REPORT_CSV;
    o.runtime = runtime();
    EmitScript es = {s, "f.mm"};
    EmitResult res;
    bool ok = emit_instrument(&m, &es, 1, registry(), &o, sink, &res);
    if (ok && !res.arena_too_small && res.changed)
        output_validates(&m);
    emit_result_fini(&res);
    wasm_module_fini(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text;
    size_t tlen, mlen;
    unsigned flags;
    const uint8_t *mod;
    split(data, size, &text, &tlen, &flags, &mod, &mlen);
    Arena a;
    arena_init(&a);
    DiagSink sink;
    diag_init(&sink);
    const char *file = diag_add_source(&sink, "f.mm", text, tlen);
    const char *src = sink.sources.v[0].text;
    Script *s = parse_script(&a, &sink, file, src, tlen);
    TcRegistryProvider prov;
    tc_registry_provider_init(&prov, registry());
    if (s && tc_check_script(s, &prov.base, &a, &sink))
        instrument(s, mod, mlen, flags, &sink);
    diag_fini(&sink);
    arena_fini(&a);
    return 0;
}
