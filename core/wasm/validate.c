/* validate.c -- validating the function bodies of a module that
 * wasm_module_read accepted (wasm.h, wasm_module_validate).
 * Spec: validation 3.3 (instructions) and 3.4.1 (functions).
 *
 * The reader already checks what the rewriter needs: every instruction
 * decodes, blocks nest and split correctly, labels and indices are in
 * range (body.c).  This adds the operand stack: each instruction finds the
 * types it takes, blocks and the function leave exactly their results,
 * `global.set` writes a mutable global, and the rules that need the whole
 * module (a data count section for `memory.init`/`data.drop`).  The stack
 * algorithm is the stack-type tracker's (stacktypes.c), run here without
 * recording.  Reference subtyping is not checked (the tracker's limit),
 * so valid GC code is never refused.
 *
 * Cost: one more decode of every body, linear; scratch memory is one
 * arena reset per function. */
#include "wasm_impl.h"

bool wasm_module_validate(const WasmModule *m, WasmError *err)
{
    memset(err, 0, sizeof *err);
    Arena scratch;
    arena_init(&scratch);
    bool ok = true;
    uint32_t first = m->nimported[WASM_EXT_FUNC];
    for (uint32_t f = first; f < m->norig[WASM_EXT_FUNC] && ok; f++) {
        ok = wimpl_validate_body(m, f, &scratch, err);
        arena_reset(&scratch);
    }
    arena_fini(&scratch);
    return ok;
}
