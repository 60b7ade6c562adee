/* test_rows.c -- whamm_rows_test: per-site report rows are kept in chunks
 * until the layout copies them into the image (report_table.c,
 * emit_rows_chunk; full chunks are stored with the module's committed
 * bodies, wasm/spill.h), and where the chunks end or are stored changes
 * nothing: a module instrumented with chunks of a few bytes (a boundary
 * after nearly every row), kept in memory or in the spill file, is byte
 * for byte the one instrumented with the usual megabyte, for
 * scripts whose rows share values (one segment counter for many sites)
 * and whose rows come in two runs (two types), with the state at the top
 * of memory 0 and in a memory of its own. */
#include "unit.h"

#include "emit_harness.h"

#include "emit/state.h"
#include "wasm/spill.h"

#include <stdlib.h>

static const char *const scripts[] = {
    "wasm:opcode:*:before { report unshared var n: u64; n++; }\n",
    "wasm:opcode:*:before { report unshared var n: u64; n++; }\n"
    "wasm:opcode:br_if|i32.add:before {\n"
    "    report unshared var a: u32; report unshared var b: u64;\n"
    "    a++; b = b + 2;\n}\n",
};

static void section(Buf *out, uint8_t id, const Buf *payload)
{
    buf_push(out, id);
    wenc_u32(out, (uint32_t)payload->len);
    buf_append(out, payload->data, payload->len);
}

/* One memory; "main" () -> () with NBLOCKS blocks, each
 * `i32.const 1; i32.const 2; i32.add; br_if 0; nop` in a block: a few
 * thousand sites in straight-line segments. */
enum { NBLOCKS = 400 };

static void build(Buf *mod)
{
    Buf p, code;
    buf_init(&p);
    buf_init(&code);
    buf_append(mod, "\0asm\1\0\0\0", 8);
    buf_append(&p, "\x01\x60\x00\x00", 4);
    section(mod, 1, &p);
    p.len = 0;
    buf_append(&p, "\x01\x00", 2);
    section(mod, 3, &p);
    p.len = 0;
    buf_append(&p, "\x01\x00\x01", 3);
    section(mod, 5, &p);
    p.len = 0;
    buf_push(&p, 1);
    wenc_name(&p, "main", 4);
    buf_append(&p, "\x00\x00", 2);
    section(mod, 7, &p);
    buf_push(&code, 0); /* no locals */
    for (int i = 0; i < NBLOCKS; i++)
        buf_append(&code, "\x02\x40" "\x41\x01\x41\x02\x6a\x0d\x00\x01"
                          "\x0b", 11);
    buf_push(&code, 0x0b);
    p.len = 0;
    buf_push(&p, 1);
    wenc_u32(&p, (uint32_t)code.len);
    buf_append(&p, code.data, code.len);
    section(mod, 10, &p);
    buf_fini(&code);
    buf_fini(&p);
}

/* The module instrumented with script s, written into out. */
static void instrument(const Buf *mod, const WasmModule *rt, const char *s,
                       EmitMemory memory, Buf *out)
{
    EmitOptions o;
    memset(&o, 0, sizeof o);
    o.memory = memory;
    o.runtime = rt;
    bool changed = false;
    CHECK(harness_instrument(mod->data, mod->len, s, &o, out, &changed,
                             true) &&
          changed);
}

int main(void)
{
    Buf mod, rt_bytes;
    buf_init(&mod);
    buf_init(&rt_bytes);
    build(&mod);
    WasmModule rt;
    if (!harness_runtime(&rt, &rt_bytes))
        return 1;
    static const EmitMemory memories[] = {EMIT_MEMORY_TOP,
                                          EMIT_MEMORY_SEPARATE};
    size_t chunk = emit_rows_chunk, threshold = wspill_threshold;
    for (size_t s = 0; s < sizeof scripts / sizeof scripts[0]; s++) {
        for (size_t k = 0; k < 4; k++) {
            Buf whole, chunked;
            buf_init(&whole);
            buf_init(&chunked);
            instrument(&mod, &rt, scripts[s], memories[k % 2], &whole);
            emit_rows_chunk = 3;
            wspill_threshold = k < 2 ? threshold : 0; /* k >= 2: spilled */
            instrument(&mod, &rt, scripts[s], memories[k % 2], &chunked);
            emit_rows_chunk = chunk;
            wspill_threshold = threshold;
            CHECK_MSG(whole.len > mod.len && whole.len == chunked.len &&
                      memcmp(whole.data, chunked.data, whole.len) == 0,
                      "script %zu, memory %d, spilled %d: %zu vs %zu bytes",
                      s, (int)memories[k % 2], k >= 2, whole.len,
                      chunked.len);
            buf_fini(&whole);
            buf_fini(&chunked);
        }
    }
    wasm_module_fini(&rt);
    buf_fini(&rt_bytes);
    buf_fini(&mod);
    harness_fini();
    printf("%d checks, %d failed\n", unit_checks, unit_failures);
    return unit_failures != 0;
}
