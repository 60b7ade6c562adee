/* test_counts.c -- whamm_counts_test: a body that gets nothing but pure
 * counters (and the report's flushes) is done without the walk
 * (core/emit/counts.c: read in brief, its code spliced in as it is
 * written), and the module comes out byte for byte the one the walk
 * gives.  For every module WHAMM_COUNTS_INPUTS names (':'-separated .wasm
 * files or directories of them), scripts of one counter, of several (of
 * every width, on different opcodes, with other steps), of counters next
 * to probes of other kinds (so that some bodies are walked and some are
 * not) and of a counter no report prints; each with the state at the top
 * of memory 0 and in a memory of its own, with and without exact counts
 * after traps.  Some bodies must have been spliced, and some modules
 * instrumented. */
#include "unit.h"

#include "emit_harness.h"

#include "emit/counts.h"

#include <stdlib.h>

static const char *const scripts[] = {
    "report var count: u64;\n"
    "wasm:opcode:*:before { count++; }\n",

    "report var a: u8;\nreport var b: i16;\nreport var c: u32;\n"
    "report var d: i64;\n"
    "wasm:opcode:*:before { a++; }\n"
    "wasm:opcode:call|call_indirect:before { b++; }\n"
    "wasm:opcode:i32.add:before { c = c + 3; }\n"
    "wasm:opcode:br_if|br_table:before { d--; }\n",

    "report var count: u64;\n"
    "wasm:opcode:*:before { count++; }\n"
    "wasm:opcode:i32.div_s|i64.rem_u|memory.grow:before {\n"
    "    report unshared var n: u32; n++;\n}\n",

    "var count: u64;\n"
    "wasm:opcode:*:before { count++; }\n"
    "wasm:opcode:local.get:before { count = count + 2; }\n",
};

typedef struct {
    const WasmModule *rt;
    unsigned modules;       /* instrumented */
} Run;

/* path instrumented with script s under o, with the counters' bodies
 * left to the walk or not. */
static bool run(const FileView *v, const char *s, const EmitOptions *o,
                bool splicing, Buf *out)
{
    bool changed;
    emit_count_splicing = splicing;
    bool ok = harness_instrument(v->data, v->len, s, o, out, &changed,
                                 false);
    emit_count_splicing = true;
    return ok;
}

static void check_module(const char *path, void *ctx)
{
    Run *r = ctx;
    FileView v;
    char msg[256];
    if (!file_view_open(path, &v, msg, sizeof msg)) {
        CHECK_MSG(false, "%s", msg);
        return;
    }
    Buf walked, spliced;
    buf_init(&walked);
    buf_init(&spliced);
    bool any = false;
    for (size_t s = 0; s < sizeof scripts / sizeof scripts[0]; s++)
        for (int mode = 0; mode < 4; mode++) {
            EmitOptions o;
            memset(&o, 0, sizeof o);
            o.memory = mode & 1 ? EMIT_MEMORY_SEPARATE : EMIT_MEMORY_TOP;
            o.exact_traps = mode & 2;
            o.runtime = r->rt;
            bool w = run(&v, scripts[s], &o, false, &walked);
            bool sp = run(&v, scripts[s], &o, true, &spliced);
            CHECK_MSG(w == sp && (!w || (walked.len == spliced.len &&
                                         memcmp(walked.data, spliced.data,
                                                walked.len) == 0)),
                      "%s, script %zu, mode %d: %s", path, s, mode,
                      w != sp ? "instrumented one way only"
                              : "the outputs differ");
            any |= w;
        }
    r->modules += any;
    buf_fini(&walked);
    buf_fini(&spliced);
    file_view_close(&v);
}

int main(void)
{
    const char *inputs = getenv("WHAMM_COUNTS_INPUTS");
    if (!inputs || !*inputs) {
        fprintf(stderr, "whamm_counts_test: WHAMM_COUNTS_INPUTS not set\n");
        return 1;
    }
    Buf rt_bytes;
    buf_init(&rt_bytes);
    WasmModule rt;
    if (!harness_runtime(&rt, &rt_bytes))
        return 1;
    Run r = {&rt, 0};
    unsigned n = unit_each_wasm(inputs, check_module, &r);
    CHECK_MSG(r.modules > 0 && emit_count_spliced > 0,
              "%u of %u modules instrumented, %llu bodies spliced",
              r.modules, n, (unsigned long long)emit_count_spliced);
    printf("counts: %u of %u modules instrumented, %llu bodies spliced\n",
           r.modules, n, (unsigned long long)emit_count_spliced);
    wasm_module_fini(&rt);
    buf_fini(&rt_bytes);
    harness_fini();
    printf("%d checks, %d failed\n", unit_checks, unit_failures);
    return unit_failures != 0;
}
