/* stage.c -- writing output from a separate state memory (emit.h).
 * WASI fd_write reads iovecs and text from memory 0 only, and the app's
 * bytes there must not change, so the generated function copies each
 * chunk of text into a scratch area of memory 0 after saving what was
 * there, writes it, and puts the saved bytes back.
 *
 *   (func $stage (param $fd $iovs $iovs_len $nwritten i32) (result i32)
 *     for each iovec {buf, len} in the state memory:
 *       while len > 0:
 *         chunk = min(len, size - 12)
 *         save[0, chunk+12)       <- mem0[scratch, scratch+chunk+12)
 *         mem0[scratch+12, ...)   <- text[buf, buf+chunk)
 *         mem0[scratch]           =  {scratch+12, chunk}   (an iovec)
 *         err = fd_write(fd, scratch, 1, scratch+8); n = mem0[scratch+8]
 *         mem0[scratch, ...)      <- save            (restored)
 *         stop on err (or EIO when nothing was written)
 *         total += n; buf += n; len -= n
 *     state[nwritten] = total; return err)
 */
#include "stage.h"

#include <string.h>

typedef StageCode Code;

enum { P_FD, P_IOVS, P_NIOVS, P_NWRITTEN,      /* parameters */
       L_I, L_P, L_BUF, L_LEN, L_CHUNK, L_ERR, L_N, L_TOTAL, NLOCALS };

#define HDR 12u  /* the scratch iovec (8) and fd_write's count (4) */
#define EIO 29

static void br(Code *c, WasmOpcode o, uint32_t depth) { op(c, wasm_instr_idx(o, depth)); }

static void block(Code *c, WasmOpcode o) { op(c, wasm_instr(o)); } /* [] -> [] */

/* buf, len = the i-th iovec of the state memory */
static void load_iovec(Code *c)
{
    uint32_t state = c->opt->state_memory;
    get(c, P_IOVS); get(c, L_I); i32(c, 3); plain(c, WASM_OP_I32Shl);
    plain(c, WASM_OP_I32Add); set(c, L_P);
    get(c, L_P); load(c, state, 0); set(c, L_BUF);
    get(c, L_P); load(c, state, 4); set(c, L_LEN);
}

/* save the scratch bytes, copy the chunk in, build the iovec */
static void stage_chunk(Code *c)
{
    const EmitStageOptions *o = c->opt;
    uint32_t room = o->size - HDR;
    get(c, L_LEN); i32(c, room); get(c, L_LEN); i32(c, room);
    plain(c, WASM_OP_I32LtU); plain(c, WASM_OP_Select); set(c, L_CHUNK);
    i32(c, o->save); i32(c, o->scratch); get(c, L_CHUNK); i32(c, HDR);
    plain(c, WASM_OP_I32Add); copy(c, o->state_memory, 0);
    i32(c, o->scratch + HDR); get(c, L_BUF); get(c, L_CHUNK);
    copy(c, 0, o->state_memory);
    i32(c, o->scratch); i32(c, o->scratch + HDR); store(c, 0, 0);
    i32(c, o->scratch); get(c, L_CHUNK); store(c, 0, 4);
}

/* write it, read the count, restore the scratch bytes */
static void write_chunk(Code *c)
{
    const EmitStageOptions *o = c->opt;
    get(c, P_FD); i32(c, o->scratch); i32(c, 1); i32(c, o->scratch + 8);
    op(c, wasm_instr_idx(WASM_OP_Call, o->fd_write)); set(c, L_ERR);
    i32(c, o->scratch); load(c, 0, 8); set(c, L_N);
    i32(c, o->scratch); i32(c, o->save); get(c, L_CHUNK); i32(c, HDR);
    plain(c, WASM_OP_I32Add); copy(c, 0, o->state_memory);
}

/* stop on an error or no progress (depth: the if sits 4 deep in $out) */
static void advance(Code *c)
{
    get(c, L_ERR); br(c, WASM_OP_BrIf, 3);
    get(c, L_N); plain(c, WASM_OP_I32Eqz); block(c, WASM_OP_If);
    i32(c, EIO); set(c, L_ERR); br(c, WASM_OP_Br, 4);
    plain(c, WASM_OP_End);
    get(c, L_TOTAL); get(c, L_N); plain(c, WASM_OP_I32Add); set(c, L_TOTAL);
    get(c, L_BUF); get(c, L_N); plain(c, WASM_OP_I32Add); set(c, L_BUF);
    get(c, L_LEN); get(c, L_N); plain(c, WASM_OP_I32Sub); set(c, L_LEN);
}

static void body(Code *c)
{
    block(c, WASM_OP_Block);                         /* $out */
    block(c, WASM_OP_Loop);                          /* $iov */
    get(c, L_I); get(c, P_NIOVS); plain(c, WASM_OP_I32GeU);
    br(c, WASM_OP_BrIf, 1);
    load_iovec(c);
    block(c, WASM_OP_Block);                         /* $next */
    block(c, WASM_OP_Loop);                          /* $chunk */
    get(c, L_LEN); plain(c, WASM_OP_I32Eqz); br(c, WASM_OP_BrIf, 1);
    stage_chunk(c);
    write_chunk(c);
    advance(c);
    br(c, WASM_OP_Br, 0);                            /* next chunk */
    plain(c, WASM_OP_End);
    plain(c, WASM_OP_End);
    get(c, L_I); i32(c, 1); plain(c, WASM_OP_I32Add); set(c, L_I);
    br(c, WASM_OP_Br, 0);                            /* next iovec */
    plain(c, WASM_OP_End);
    plain(c, WASM_OP_End);
    get(c, P_NWRITTEN); get(c, L_TOTAL); store(c, c->opt->state_memory, 0);
    get(c, L_ERR);
}

uint32_t emit_stage_write(WasmModule *m, const EmitStageOptions *opt)
{
    WasmValType i32t = {WASM_I32, 0};
    WasmValType params[4] = {i32t, i32t, i32t, i32t};
    WasmValType locals[NLOCALS - 4];
    for (uint32_t i = 0; i < NLOCALS - 4; i++)
        locals[i] = i32t;
    uint32_t type = wasm_add_func_type(m, params, 4, &i32t, 1);
    Code c = {.opt = opt};
    body(&c);
    uint32_t f = wasm_add_func(m, type, locals, NLOCALS - 4, c.code.v,
                               c.code.n);
    wasm_set_func_name(m, f, "whamm$stage_write");
    vec_free(c.code);
    return f;
}
