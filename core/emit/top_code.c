/* top_code.c -- --memory=top, the code side (state.h): the functions that
 * stand for memory 0's size and growth, and the rewriting of code that
 * names the state memory S so that it names S's pages at the top of
 * memory 0 (top.c moves the memory itself; docs/instr.md "Where whamm's
 * state lives").
 *
 * The global `base` holds where S starts in memory 0, `pages` its size in
 * pages.  In rewritten code:
 *   - an access to S (load, store, atomic, SIMD lane, memory.fill/copy/
 *     init) accesses memory 0 at base + the address.  When the address is
 *     an `i32.const` of the same straight-line run (the emitter's slots and
 *     static map entries) the constant becomes `global.get base` and moves
 *     into the memarg offset; otherwise base is added to the address
 *     (operands above it wait in locals of their own);
 *   - memory.size / memory.grow of S give / grow S's pages: S's pages are
 *     the top ones, so growing memory 0 grows S;
 *   - memory.size / memory.grow of memory 0 call whamm_app_size /
 *     whamm_grow_app: the app sees only its own pages.  whamm_grow_app
 *     grows memory 0, moves S up by the pages the app gets (memory.copy),
 *     zeroes those pages and returns the app's old size; a maximum the app
 *     declared still holds.
 * Rewriting is idempotent (rewritten code names neither S nor memory 0's
 * size/grow), so code inserted into an app body when it is generated and
 * the body's own instructions later can both go through it.  Pointers
 * inside S stay offsets, so moving S needs no relocation. */
#include "state.h"

#include <stdlib.h>
#include <string.h>


static WasmInstr mem_instr(WasmOpcode o, uint32_t a, uint32_t b)
{
    WasmInstr in = wasm_instr(o);
    in.a = a;
    in.b = b;
    return in;
}

static void pages_to_bytes(Code *c)
{
    emit_op_i32(c, 16);
    emit_op(c, WASM_OP_I32Shl);
}

/* if <i32 on the stack> { return -1 } */
static void fail_if(Code *c)
{
    emit_instr(c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
    emit_op_i32(c, -1);
    emit_op(c, WASM_OP_Return);
    emit_op(c, WASM_OP_End);
}

static uint32_t add_func(Emit *E, const char *name, const Code *c,
                         uint32_t nparams, uint32_t nlocals)
{
    WasmModule *m = E->m;
    WasmValType i32 = {WASM_I32, 0};
    WasmValType locals[1] = {i32};
    uint32_t type = wasm_add_func_type(m, &i32, nparams, &i32, 1);
    uint32_t f = wasm_add_func(m, type, locals, nlocals, c->v, c->n);
    wasm_set_func_name(m, f, name);
    return f;
}

/* (func $whamm_grow_app (param $n i32) (result i32)): the app's
 * memory.grow 0. */
static void add_grow_app(Emit *E, const WasmLimits *app)
{
    enum { N, OLD };
    Code c = {0};
    emit_op_idx(&c, WASM_OP_MemorySize, 0);
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_pages);
    emit_op(&c, WASM_OP_I32Sub);
    emit_op_idx(&c, WASM_OP_LocalSet, OLD);
    if (app->has_max) { /* n > max - old: beyond what the app declared */
        emit_op_idx(&c, WASM_OP_LocalGet, N);
        emit_op_i32(&c, (int32_t)(uint32_t)app->max);
        emit_op_idx(&c, WASM_OP_LocalGet, OLD);
        emit_op(&c, WASM_OP_I32Sub);
        emit_op(&c, WASM_OP_I32GtU);
        fail_if(&c);
    }
    emit_op_idx(&c, WASM_OP_LocalGet, N);
    emit_op_idx(&c, WASM_OP_MemoryGrow, 0);
    emit_op_i32(&c, -1);
    emit_op(&c, WASM_OP_I32Eq);
    fail_if(&c);
    /* whamm's pages move up by n pages */
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_base);
    emit_op_idx(&c, WASM_OP_LocalGet, N);
    pages_to_bytes(&c);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_base);
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_pages);
    pages_to_bytes(&c);
    emit_instr(&c, mem_instr(WASM_OP_MemoryCopy, 0, 0));
    /* the pages the app gets are zero, as memory.grow's are */
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_base);
    emit_op_i32(&c, 0);
    emit_op_idx(&c, WASM_OP_LocalGet, N);
    pages_to_bytes(&c);
    emit_instr(&c, mem_instr(WASM_OP_MemoryFill, 0, 0));
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_base);
    emit_op_idx(&c, WASM_OP_LocalGet, N);
    pages_to_bytes(&c);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_GlobalSet, E->top_base);
    emit_op_idx(&c, WASM_OP_LocalGet, OLD);
    E->top_grow_app = add_func(E, "whamm_grow_app", &c, 1, 1);
    vec_free(c);
}

/* (func $whamm_grow_state (param $n i32) (result i32)): memory.grow of S:
 * its pages are the top ones, so growing memory 0 grows S. */
static void add_grow_state(Emit *E)
{
    Code c = {0};
    emit_op_idx(&c, WASM_OP_LocalGet, 0);
    emit_op_idx(&c, WASM_OP_MemoryGrow, 0);
    emit_op_i32(&c, -1);
    emit_op(&c, WASM_OP_I32Eq);
    fail_if(&c);
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_pages);
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_pages);
    emit_op_idx(&c, WASM_OP_LocalGet, 0);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_GlobalSet, E->top_pages);
    E->top_grow_state = add_func(E, "whamm_grow_state", &c, 1, 0);
    vec_free(c);
}

/* (func $whamm_app_size (result i32)): the app's memory.size 0. */
static void add_app_size(Emit *E)
{
    Code c = {0};
    emit_op_idx(&c, WASM_OP_MemorySize, 0);
    emit_op_idx(&c, WASM_OP_GlobalGet, E->top_pages);
    emit_op(&c, WASM_OP_I32Sub);
    E->top_app_size = add_func(E, "whamm_app_size", &c, 0, 0);
    vec_free(c);
}

void emit_top_setup(Emit *E)
{
    WasmInstr zero = wasm_instr_i32(0);
    WasmValType i32 = {WASM_I32, 0};
    E->top_base = wasm_add_global(E->m, i32, true, &zero, 1);
    E->top_pages = wasm_add_global(E->m, i32, true, &zero, 1);
    add_grow_app(E, &E->m->memories.v[0].limits);
    add_grow_state(E);
    add_app_size(E);
}

/* ---- rewriting code ------------------------------------------------------------- */

static int type_index(char t)
{
    switch (t) {
    case 'I': return 1;
    case 'f': return 2;
    case 'F': return 3;
    case 'v': return 4;
    default: return 0; /* i, a (S is 32-bit) */
    }
}

static uint32_t temp(EmitTopTemps *t, char ty, uint32_t k)
{
    static const uint8_t codes[5] = {WASM_I32, WASM_I64, WASM_F32, WASM_F64,
                                     WASM_V128};
    int ti = type_index(ty);
    if (!t->have[ti][k]) {
        t->tmp[ti][k] = wrw_add_local(t->ed, (WasmValType){codes[ti], 0});
        t->have[ti][k] = true;
    }
    return t->tmp[ti][k];
}

/* Values popped and pushed by a fixed-signature instruction; false for
 * one whose effect depends on more than its signature (control, calls). */
static bool stack_effect(WasmOpcode o, uint32_t *pops, uint32_t *pushes)
{
    const char *s = wasm_ops[o].sig;
    if (strchr(s, '*'))
        return false;
    const char *colon = strchr(s, ':');
    *pops = (uint32_t)(colon - s);
    *pushes = (uint32_t)strlen(colon + 1);
    return true;
}

/* The rewriting of one run of code: in[i] is written at out[at[i]]...;
 * free_const[i] says in[i] is an i32.const still written as itself. */
typedef struct {
    Emit *E;
    EmitTopTemps *t;
    const WasmInstr *in;
    Code *out;
    uint32_t *at;
    bool *free_const;
} Run;

/* The i32.const that pushed the operand `depth` values below the top of
 * the stack in front of in[i], if it is in the same straight-line run and
 * still written as itself; -1 otherwise.  Whatever replaces an
 * instruction here has its stack effect, and what goes in front of one
 * leaves the stack as it found it. */
static int64_t const_producer(const Run *R, uint32_t i, uint32_t depth)
{
    for (uint32_t j = i, steps = 0; j-- > 0 && steps < 64; steps++) {
        const WasmInstr *in = &R->in[j];
        uint32_t pops, pushes;
        if (!stack_effect((WasmOpcode)in->op, &pops, &pushes))
            return -1;
        if (pushes > depth)
            return depth == 0 && R->free_const[j] ? (int64_t)j : -1;
        depth = depth - pushes + pops;
    }
    return -1;
}

/* Adds base to the operands of the next instruction in `mask` (bit k:
 * operand k, 0 the deepest; params their types). */
static void add_base(Run *R, const char *params, uint32_t mask)
{
    Code *c = R->out;
    uint32_t n = (uint32_t)strlen(params);
    uint32_t deepest = (uint32_t)__builtin_ctz(mask);
    for (uint32_t k = n; k-- > deepest + 1;)
        emit_op_idx(c, WASM_OP_LocalSet, temp(R->t, params[k], k));
    emit_op_idx(c, WASM_OP_GlobalGet, R->E->top_base);
    emit_op(c, WASM_OP_I32Add);
    for (uint32_t k = deepest + 1; k < n; k++) {
        emit_op_idx(c, WASM_OP_LocalGet, temp(R->t, params[k], k));
        if (mask & (1u << k)) {
            emit_op_idx(c, WASM_OP_GlobalGet, R->E->top_base);
            emit_op(c, WASM_OP_I32Add);
        }
    }
}

/* A load, store, atomic or SIMD lane access of S. */
static void rewrite_memarg(Run *R, uint32_t i)
{
    WasmInstr in = R->in[i];
    char params[4];
    if (!wasm_op_params((WasmOpcode)in.op, params)) {
        emit_error(R->E, (Span){0}, "internal error: %s on whamm's memory",
                   wasm_ops[in.op].name);
        return;
    }
    in.b = 0;
    in.flags = 0; /* memory 0: no memory index in the encoding */
    int64_t k = const_producer(R, i, (uint32_t)strlen(params) - 1);
    uint64_t c = k >= 0 ? (uint64_t)(uint32_t)R->in[k].x : 0;
    if (k >= 0 && in.x + c <= UINT32_MAX) {
        /* i32.const c ... access offset=o -> global.get base ... offset=o+c */
        R->out->v[R->at[k]] = wasm_instr_idx(WASM_OP_GlobalGet,
                                             R->E->top_base);
        R->free_const[k] = false;
        in.x += c;
    } else {
        add_base(R, params, 1);
    }
    emit_instr(R->out, in);
}

/* memory.fill / memory.copy / memory.init naming S; false if it does not. */
static bool rewrite_bulk(Run *R, uint32_t i)
{
    WasmInstr in = R->in[i];
    uint32_t S = R->E->state_mem, mask;
    if (in.op == WASM_OP_MemoryFill) {
        mask = in.a == S;
        in.a = 0;
    } else if (in.op == WASM_OP_MemoryCopy) {
        mask = (in.a == S) | (uint32_t)(in.b == S) << 1;
        in.a = in.a == S ? 0 : in.a;
        in.b = in.b == S ? 0 : in.b;
    } else { /* memory.init: a is the data segment */
        mask = in.b == S;
        in.b = 0;
    }
    if (mask == 0)
        return false;
    add_base(R, in.op == WASM_OP_MemoryCopy ? "aai" : "aii", mask);
    emit_instr(R->out, in);
    return true;
}

/* memory.size / memory.grow of memory 0 (the app's share) or of S; false
 * for another memory of the app's. */
static bool rewrite_size_grow(Run *R, uint32_t i)
{
    const WasmInstr *in = &R->in[i];
    Emit *E = R->E;
    bool size = in->op == WASM_OP_MemorySize;
    if (in->a == E->state_mem && size)
        emit_op_idx(R->out, WASM_OP_GlobalGet, E->top_pages);
    else if (in->a == E->state_mem)
        emit_op_idx(R->out, WASM_OP_Call, E->top_grow_state);
    else if (in->a == 0)
        emit_op_idx(R->out, WASM_OP_Call, size ? E->top_app_size : E->top_grow_app);
    else
        return false;
    return true;
}

/* Writes in[i], rewritten if it names S or is memory 0's size/grow. */
static void rewrite_instr(Run *R, uint32_t i)
{
    const WasmInstr *in = &R->in[i];
    R->at[i] = R->out->n;
    R->free_const[i] = false;
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_MEMARG: case IMM_MEMARG_LANE:
        if (in->b == R->E->state_mem) {
            rewrite_memarg(R, i);
            return;
        }
        break;
    case IMM_MEM: case IMM_MEM_MEM: case IMM_DATA_MEM:
        if (in->op == WASM_OP_MemorySize || in->op == WASM_OP_MemoryGrow
                ? rewrite_size_grow(R, i) : rewrite_bulk(R, i))
            return;
        break;
    default:
        break;
    }
    R->free_const[i] = in->op == WASM_OP_I32Const;
    emit_instr(R->out, *in);
}

void emit_top_code(Emit *E, EmitTopTemps *t, const WasmInstr *in,
                   uint32_t n, Code *out)
{
    /* probe code is short: its bookkeeping stays on the stack */
    enum { SMALL = 256 };
    uint32_t at_small[SMALL];
    bool free_small[SMALL];
    bool big = n > SMALL;
    Run R = {E, t, in, out, big ? xcalloc(n, sizeof *R.at) : at_small,
             big ? xcalloc(n, sizeof *R.free_const) : free_small};
    for (uint32_t i = 0; i < n; i++)
        rewrite_instr(&R, i);
    if (big) {
        free(R.at);
        free(R.free_const);
    }
}

