/* merge_impl.h -- shared by merge.c (the module: imports, globals, data)
 * and merge_code.c (the library's function bodies) only. */
#ifndef WHAMM_WASM_MERGE_IMPL_H
#define WHAMM_WASM_MERGE_IMPL_H

#include "wasm_impl.h"

typedef struct {
    WasmModule *m;
    const WasmModule *lib;
    const WasmMergeOptions *opt;
    WasmMergeResult *out;
    WasmError *err;
    uint32_t *types;                 /* library type -> m type */
    uint32_t *maps[WASM_EXT_COUNT];  /* library index -> m working index */
    bool *is_const;                  /* library global bound to a constant */
    uint32_t *const_val;             /* ... and its value */
    uint32_t temps;                  /* plain: 3 i32 locals of the body */
    uint8_t classes[256];            /* merge_code.c: per first byte */
    uint32_t counts[WASM_EXT_COUNT]; /* ... the library's index spaces */
    uint8_t add_base[8];             /* ... `global.get base; i32.add` */
    uint8_t add_base_len;
    Buf code;                        /* merge_code.c: one body's code */
    Arena scratch;
} Merger;

/* Maps one decoded instruction's indices (the decoding path); reads of
 * constant globals become i32.const; false with a message for what
 * merged code may not use. */
bool wimpl_merge_remap(Merger *g, WasmInstr *in);

/* Sets up g->classes (once per merge). */
void wimpl_merge_code_init(Merger *g);

/* A position-independent library's function body (`locals` its local
 * declarations, nlocals locals; r over its code after them) appended to
 * body with its indices mapped -- and with opt->top, its memory moved to
 * the top of memory 0.  *refs gets the spaces it names, *ninstr its
 * instruction count. */
bool wimpl_merge_code(Merger *g, const WasmFunc *fn, uint32_t nlocals,
                      const uint8_t *locals, WasmReader *r, Buf *body,
                      uint32_t *refs, uint32_t *ninstr);

#endif
