/* emit_harness.h -- the emitter end to end inside a test program: the
 * build's provider definitions and runtime (WHAMM_TEST_DEFS,
 * WHAMM_TEST_RUNTIME), a script given as a string. */
#ifndef WHAMM_TEST_EMIT_HARNESS_H
#define WHAMM_TEST_EMIT_HARNESS_H

#include "emit/emit.h"
#include "provider/registry.h"

/* The providers, loaded on first use (aborts when they cannot be). */
ProvRegistry *harness_registry(void);
void harness_fini(void);
/* whamm's runtime, read into rt (its bytes in *bytes, which must outlive
 * it); false, with a message, when it cannot be. */
bool harness_runtime(WasmModule *rt, Buf *bytes);
/* mod[0..len) instrumented with script s under *o, written into out;
 * false when reading, checking, instrumenting or writing fails (the
 * diagnostics are printed when loud).  *changed: the emitter changed
 * the module. */
bool harness_instrument(const uint8_t *mod, size_t len, const char *s,
                        const EmitOptions *o, Buf *out, bool *changed,
                        bool loud);

#endif
