/* top.c -- --memory=top, the module side (top.h; docs/instr.md "Where
 * whamm's state lives").  The emitter lays the state out as a memory of
 * its own, S; code inserted into the app's bodies was rewritten as it was
 * inserted (top_code.c).  At the end this pass rewrites the code whamm
 * added and the app's bodies that use memory.size/grow, gives memory 0
 * S's pages on top of the app's, moves S's data segments there, sets the
 * globals `base` and `pages`, and removes S.  Code that reads or writes
 * memory 0 just above the app's size (which traps without whamm) reaches
 * whamm's pages instead. */
#include "top.h"

#include <string.h>

/* Whether an instruction names S. */
static bool names_state(const Emit *E, const WasmInstr *in)
{
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_MEMARG: case IMM_MEMARG_LANE: case IMM_DATA_MEM:
        return in->b == E->state_mem;
    case IMM_MEM:
        return in->a == E->state_mem;
    case IMM_MEM_MEM:
        return in->a == E->state_mem || in->b == E->state_mem;
    default:
        return false;
    }
}

/* Whether an instruction names S or memory 0's size/grow (worth a
 * rewrite). */
static bool names_memory(const Emit *E, const WasmInstr *in)
{
    return names_state(E, in) ||
           ((WasmImmShape)wasm_ops[in->op].imm == IMM_MEM && in->a == 0);
}

/* A whole body through emit_top_code: replaced as one piece (code naming
 * S looks back at the constants in front of an access). */
static bool rewrite_whole(Emit *E, uint32_t f, Arena *fa)
{
    WasmBodyEditor ed;
    WasmError err;
    if (!wrw_open(&ed, E->m, f, fa, &err)) {
        emit_error(E, (Span){0}, "internal error: function %u: %s", f,
                   err.msg);
        return false;
    }
    EmitTopTemps t;
    memset(&t, 0, sizeof t);
    t.ed = &ed;
    Code out = {0};
    emit_top_code(E, &t, ed.code, ed.ncode, &out);
    wrw_commit_code(&ed, out.v, out.n);
    vec_free(out);
    return !E->failed;
}

/* Code naming no S: memory 0's size/grow are rewritten one instruction
 * at a time (they become calls), as emit_top_code does it in a whole
 * body.  Found naming S, the body is rewritten whole instead. */
typedef struct {
    Emit *E;
    Code out;
    bool state;     /* some instruction names S */
} OneByOne;

static uint32_t rewrite_one(void *ctx, const WasmInstr *in,
                            const WasmInstr **out)
{
    OneByOne *o = ctx;
    if (names_state(o->E, in)) {
        o->state = true;
        return WRW_PATCH_STOP;
    }
    if (!names_memory(o->E, in))
        return WRW_PATCH_KEEP;
    EmitTopTemps t; /* no temps: they hold operands of S's accesses */
    memset(&t, 0, sizeof t);
    o->out.n = 0;
    emit_top_code(o->E, &t, in, 1, &o->out);
    *out = o->out.v;
    return o->out.n;
}

/* Most bodies that reach here only use memory 0's size/grow: those are
 * patched where they do, the rest of the body copied (the app's largest
 * bodies decoded whole would take tens of times their size).  Only
 * instructions that can name a memory other than through a plain memarg
 * (memory 0's) are decoded to be looked at. */
static bool rewrite_body(Emit *E, uint32_t f, Arena *fa)
{
    OneByOne o = {E, {0}, false};
    WasmError err;
    bool ok = wrw_patch_code(E->m, f, fa, rewrite_one, &o, &err);
    vec_free(o.out);
    if (ok && o.state)
        return rewrite_whole(E, f, fa);
    if (!ok)
        emit_error(E, (Span){0}, "internal error: function %u: %s", f,
                   err.msg);
    return ok && !E->failed;
}

/* Whether f is the merged runtime's: moved to the top while merging. */
static bool merged_top(const Emit *E, uint32_t f)
{
    return E->rt_merged && f >= E->rt.first_func && f < E->rt.end_func;
}

/* Whether the walk committed f's body as it is now with added code that
 * names no memory. */
static bool walk_clean(const Emit *E, uint32_t f)
{
    return E->top_clean && E->top_clean[f] == E->m->funcs.v[f].new_body;
}

/* Code whamm added, and the app's bodies that use memory.size/grow (the
 * code inserted into the app's bodies was rewritten when inserted, unless
 * the state memory only came later and that code names memory). */
static bool rewrite_bodies(Emit *E)
{
    WasmModule *m = E->m;
    uint64_t sizes = wasm_op_bit(WASM_OP_MemorySize) |
                     wasm_op_bit(WASM_OP_MemoryGrow);
    Arena fa;
    arena_init(&fa);
    bool ok = true;
    for (uint32_t f = m->nimported[WASM_EXT_FUNC]; f < m->funcs.n && ok;
         f++) {
        const WasmFunc *fn = &m->funcs.v[f];
        if (fn->import >= 0 || f == E->top_grow_app ||
            f == E->top_grow_state || f == E->top_app_size ||
            merged_top(E, f))
            continue;
        if (f < m->norig[WASM_EXT_FUNC] && !(fn->opmask & sizes) &&
            !(E->top_late && fn->new_body && !walk_clean(E, f)))
            continue;
        ok = rewrite_body(E, f, &fa);
        arena_reset(&fa);
    }
    arena_fini(&fa);
    return ok;
}

/* ---- the module ------------------------------------------------------------------ */

/* S's active data segments go to memory 0, shifted by base0.  S is
 * whamm's, so only segments whamm added can fill it (an app may have
 * 100k of its own). */
static bool move_data(Emit *E, uint64_t base0)
{
    WasmModule *m = E->m;
    for (uint32_t d = m->ndatas_orig; d < m->datas.n; d++) {
        WasmData *seg = &m->datas.v[d];
        if (seg->mode != WASM_SEG_ACTIVE || seg->memory != E->state_mem)
            continue;
        int32_t at;
        if (!wasm_expr_i32_const(m, &seg->offset, &at)) {
            emit_error(E, (Span){0}, "internal error: a data segment of "
                       "whamm's memory has no constant offset");
            return false;
        }
        WasmInstr off = wasm_instr_i32((int32_t)(uint32_t)(base0 +
                                                           (uint32_t)at));
        wasm_set_data_target(m, d, 0, &off, 1);
    }
    return true;
}

static bool exported(const WasmModule *m, uint32_t memory)
{
    for (uint32_t i = 0; i < m->exports.n; i++)
        if (m->exports.v[i].kind == WASM_EXT_MEMORY &&
            m->exports.v[i].index == memory)
            return true;
    return false;
}

bool emit_finish_top(Emit *E)
{
    if (!E->top || E->lazy_memory)
        return true;
    WasmModule *m = E->m;
    uint32_t S = E->state_mem;
    const WasmLimits app = m->memories.v[0].limits;
    uint64_t pages = m->memories.v[S].limits.min;
    if (S == 0 || S + 1 != m->memories.n || exported(m, S)) {
        emit_error(E, (Span){0}, "internal error: whamm's memory is not the "
                   "last one");
        return false;
    }
    if (app.min + pages > 65536) {
        emit_error(E, (Span){0}, "memory 0 has %llu pages and whamm's state "
                   "needs %llu more, beyond the 65536 a 32-bit memory can "
                   "have; use --memory=separate",
                   (unsigned long long)app.min, (unsigned long long)pages);
        return false;
    }
    uint64_t base0 = app.min << 16;
    WasmInstr init = wasm_instr_i32((int32_t)(uint32_t)base0);
    wasm_set_global_init(m, E->top_base, &init, 1);
    init = wasm_instr_i32((int32_t)pages);
    wasm_set_global_init(m, E->top_pages, &init, 1);
    if (!rewrite_bodies(E) || !move_data(E, base0))
        return false;
    WasmLimits all = app;
    all.min += pages;
    if (all.has_max)
        all.max = 65536; /* the app's own maximum is kept by grow_app */
    wasm_set_memory_limits(m, 0, all);
    if (!wasm_remove_last_memory(m, S)) {
        emit_error(E, (Span){0}, "internal error: whamm's memory could not "
                   "be removed");
        return false;
    }
    return true;
}
