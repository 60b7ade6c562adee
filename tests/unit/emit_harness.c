/* emit_harness.c -- see emit_harness.h. */
#include "emit_harness.h"


#include <stdlib.h>

static ProvRegistry *reg;

ProvRegistry *harness_registry(void)
{
    if (reg)
        return reg;
    DiagSink sink;
    diag_init(&sink);
    reg = prov_registry_new();
    if (!prov_load_dir(reg, WHAMM_TEST_DEFS, &sink)) {
        diag_render(&sink, stderr, false);
        abort();
    }
    diag_fini(&sink);
    return reg;
}

void harness_fini(void)
{
    if (reg)
        prov_registry_free(reg);
    reg = NULL;
}

bool harness_runtime(WasmModule *rt, Buf *bytes)
{
    char msg[256];
    WasmError err;
    if (file_read_all(WHAMM_TEST_RUNTIME, bytes, msg, sizeof msg) &&
        wasm_module_read(rt, bytes->data, bytes->len, NULL, &err))
        return true;
    fprintf(stderr, "no runtime %s\n", WHAMM_TEST_RUNTIME);
    return false;
}

/* The script s, parsed and checked, into a (NULL when it is not). */
static Script *checked(Arena *a, DiagSink *sink, const char *s)
{
    size_t len = strlen(s);
    const char *file = diag_add_source(sink, "t.mm", s, len);
    Script *sc = parse_script(a, sink, file, sink->sources.v[0].text, len);
    TcRegistryProvider prov;
    tc_registry_provider_init(&prov, harness_registry());
    return sc && tc_check_script(sc, &prov.base, a, sink) ? sc : NULL;
}

bool harness_instrument(const uint8_t *mod, size_t len, const char *s,
                        const EmitOptions *o, Buf *out, bool *changed,
                        bool loud)
{
    Arena a;
    arena_init(&a);
    DiagSink sink;
    diag_init(&sink);
    Script *sc = checked(&a, &sink, s);
    WasmModule m;
    WasmError err = {0};
    bool ok = sc && wasm_module_read_validated(&m, mod, len, NULL, &err);
    if (ok) {
        EmitScript es = {sc, "t.mm"};
        EmitResult res;
        ok = emit_instrument(&m, &es, 1, harness_registry(), o, &sink, &res);
        *changed = ok && res.changed;
        out->len = 0;
        ok = ok && wasm_module_write(&m, out, &err);
        emit_result_fini(&res);
        wasm_module_fini(&m);
    }
    if (!ok && loud) {
        diag_render(&sink, stderr, false);
        if (err.failed)
            fprintf(stderr, "%s at 0x%zx\n", err.msg, (size_t)err.offset);
    }
    diag_fini(&sink);
    arena_fini(&a);
    return ok;
}
