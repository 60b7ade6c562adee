/* stage.h -- what stage.c and wasi_stage.c share (internal to them): the
 * code they build and the few instruction helpers both use.  Each
 * generates a function that copies through a scratch area of memory 0
 * (emit.h "staged output"). */
#ifndef WHAMM_EMIT_STAGE_H
#define WHAMM_EMIT_STAGE_H

#include "emit.h"

typedef struct {
    VEC(WasmInstr) code;
    const EmitStageOptions *opt;
    uint32_t first_local;   /* after the parameters (wasi_stage.c) */
} StageCode;

static inline void op(StageCode *c, WasmInstr in) { vec_push(c->code, in); }
static inline void get(StageCode *c, uint32_t l)
{
    op(c, wasm_instr_idx(WASM_OP_LocalGet, l));
}
static inline void set(StageCode *c, uint32_t l)
{
    op(c, wasm_instr_idx(WASM_OP_LocalSet, l));
}
static inline void i32(StageCode *c, uint32_t v)
{
    op(c, wasm_instr_i32((int32_t)v));
}
static inline void plain(StageCode *c, WasmOpcode o) { op(c, wasm_instr(o)); }

static inline void load(StageCode *c, uint32_t memory, uint32_t offset)
{
    op(c, wasm_instr_memarg(WASM_OP_I32Load, 2, offset, memory));
}

static inline void store(StageCode *c, uint32_t memory, uint32_t offset)
{
    op(c, wasm_instr_memarg(WASM_OP_I32Store, 2, offset, memory));
}

/* memory.copy with operands (dst, src, n) already on the stack */
static inline void copy(StageCode *c, uint32_t dst_memory,
                        uint32_t src_memory)
{
    WasmInstr in = wasm_instr(WASM_OP_MemoryCopy);
    in.a = dst_memory;
    in.b = src_memory;
    op(c, in);
}

#endif
