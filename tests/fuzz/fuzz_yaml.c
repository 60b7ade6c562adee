/* fuzz_yaml.c -- libFuzzer target for the provider loader (core/provider,
 * docs/providers.md): any input must load or be rejected with diagnostics,
 * never crash, hang or leak -- including alias cycles, alias bombs and
 * merge keys.  Whatever loads is checked for completeness (the engine's
 * events, the opcode packages), matched against a few rules, walked
 * for its scope and printed by `whamm info` (text and JSON) to /dev/null. */
#include "provider/registry.h"

#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(ProvRegistry *r, DiagSink *sink, FILE *null)
{
    static const char *const rules[] = {"*:*:*:*", "*:*:*", "*:*",
                                        "*:[!a]*|x?:*:after"};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        ProvMatchList ml = {0};
        Span sp = {"<rule>", 1, 1, 0};
        prov_match_rule(r, rules[i], strlen(rules[i]), sp, PROV_NOMATCH_WARN,
                        NULL, &ml, NULL, sink);
        for (uint32_t j = 0; j < ml.n && j < 64; j++) {
            ProvVarList vl = {0};
            prov_scope_vars(r, &ml.v[j], &vl);
            for (uint32_t k = 0; k < vl.n; k++)
                (void)prov_lookup_var(r, &ml.v[j], vl.v[k]->name);
            vec_free(vl);
        }
        ProvInfoOptions o = {true, true, i == 1, false};
        if (null && ml.n)
            prov_info_write(null, r, rules[i], &ml, &o);
        vec_free(ml);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *null;
    if (!null)
        null = fopen("/dev/null", "w");
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *r = prov_registry_new();
    if (prov_load_text(r, "fuzz.yaml", (const char *)data, size, &sink)) {
        /* what prov_load_dir checks once every file is in */
        (void)prov_check_engine_events(r, &sink);
        (void)prov_check_opcode_packages(r, &sink);
    }
    exercise(r, &sink, null);
    if (null)
        diag_render(&sink, null, false);
    prov_registry_free(r);
    diag_fini(&sink);
    return 0;
}
