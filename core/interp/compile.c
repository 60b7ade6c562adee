/* compile.c -- pre-decodes a function body for the interpreter, once, on
 * its first call.
 *
 * Each instruction becomes one ICode (so instruction i of the body is
 * code[i]) with its immediates, and for branches the destination, the
 * operand height to cut back to and the number of values carried.  The
 * compiler follows the operand stack height through the body the way a
 * validator does (binary format 5.4, validation 3.3), but checks only what
 * execution relies on: no pop below the enclosing block, a block ends at
 * exactly its result height, every index names something that exists.
 * Types are not checked: every value is a 64-bit slot, so a type error
 * only produces wrong bits.
 *
 * Instructions outside the supported set compile to IOP_UNSUPPORTED,
 * which stops the call if it is ever reached; the code behind one is
 * treated as unreachable, like the code behind `unreachable`.
 */
#include "interp_impl.h"

#include <string.h>

/* The same limit the reader applies (what every engine accepts). */
#define MAX_LOCALS 50000u

enum { CTL_FUNC, CTL_BLOCK, CTL_LOOP, CTL_IF };

typedef struct {
    uint8_t kind;         /* CTL_* */
    bool dead;            /* the rest of the block is unreachable */
    bool has_else;
    uint32_t start, end;  /* instruction indices of the opener and end */
    uint32_t base;        /* operand height below the block's params */
    uint32_t nparams, nresults;
} Ctl;

typedef struct {
    Interp *it;
    const WasmModule *m;
    uint32_t func;
    InterpError *err;
    WasmInstr *in;        /* the decoded body */
    uint32_t n;
    uint32_t *end_of;     /* per block opener: index of its end */
    uint32_t *else_of;    /* per if: index of its else, or UINT32_MAX */
    ICode *code;
    VEC(ITarget) targets;
    Ctl *ctl;             /* open blocks, the function's at 0 */
    uint32_t nctl;
    uint64_t h, maxh;     /* operand height now and at most */
} Comp;

static bool fail(Comp *C, uint32_t i, const char *fmt, const char *what)
{
    interp_fail(C->err, C->it, C->func, i < C->n ? C->in[i].off : 0, fmt,
                what);
    return false;
}

static bool op_supported(WasmOpcode op)
{
    switch ((WasmFeature)wasm_ops[op].feature) {
    case WASM_FEAT_MVP: case WASM_FEAT_SIGN_EXT: case WASM_FEAT_SAT_TRUNC:
    case WASM_FEAT_MULTI_VALUE: case WASM_FEAT_BULK_MEMORY:
    case WASM_FEAT_REF_TYPES:
        return true;
    default:
        return false;
    }
}

/* ---- pass 1: decode and pair blocks ------------------------------------ */

static bool read_locals(Comp *C, WasmReader *r, IFunc *f)
{
    uint32_t ngroups;
    uint64_t total = f->nparams;
    if (!wdec_count(r, &ngroups, 2, "local declaration count"))
        return false;
    for (uint32_t i = 0; i < ngroups; i++) {
        uint32_t n;
        WasmValType t;
        if (!wdec_u32(r, &n, "local count") ||
            !wdec_valtype(r, &t, "local type"))
            return false;
        total += n;
        if (total > MAX_LOCALS)
            return fail(C, UINT32_MAX, "too many locals%s", "");
    }
    f->nlocals = (uint32_t)total;
    return true;
}

/* Structured instructions the interpreter does not run (exceptions): the
 * whole function is refused, since the block pairing depends on them. */
static bool pair_blocks(Comp *C, Arena *scratch)
{
    uint32_t *open = arena_alloc(scratch, sizeof *open * (C->n + 1));
    uint32_t depth = 0;
    for (uint32_t i = 0; i < C->n; i++) {
        uint16_t op = C->in[i].op;
        C->else_of[i] = UINT32_MAX;
        if (op == WASM_OP_Block || op == WASM_OP_Loop || op == WASM_OP_If) {
            open[depth++] = i;
        } else if (op == WASM_OP_Else) {
            if (depth == 0 || C->in[open[depth - 1]].op != WASM_OP_If ||
                C->else_of[open[depth - 1]] != UINT32_MAX)
                return fail(C, i, "misplaced '%s'", "else");
            C->else_of[open[depth - 1]] = i;
        } else if (op == WASM_OP_End) {
            if (depth == 0 && i + 1 != C->n)
                return fail(C, i, "'%s' closes the function early", "end");
            if (depth > 0)
                C->end_of[open[--depth]] = i;
        } else if (wasm_ops[op].flags & (OPF_BLOCK | OPF_MID | OPF_END)) {
            return fail(C, i, "cannot run '%s'", wasm_ops[op].name);
        }
    }
    if (depth != 0 || C->n == 0 || C->in[C->n - 1].op != WASM_OP_End)
        return fail(C, C->n - 1, "unbalanced blocks%s", "");
    return true;
}

static bool decode_body(Comp *C, IFunc *f, Arena *scratch)
{
    const WasmFunc *wf = &C->m->funcs.v[C->func];
    const uint8_t *base = wf->new_body ? wf->new_body : C->m->bytes;
    size_t start = wf->new_body ? 0 : wf->body.off;
    size_t len = wf->new_body ? wf->new_body_len : wf->body.len;
    WasmError werr = {0};
    WasmReader r;
    wasm_reader_init(&r, base, start + len, &werr);
    r.p = base + start;
    if (!read_locals(C, &r, f))
        return werr.failed ? fail(C, UINT32_MAX, "%s", werr.msg) : false;
    VEC(WasmInstr) code = {0};
    while (r.p < r.end) {
        WasmInstr in;
        if (!wdec_instr(&r, &in, scratch)) {
            vec_free(code);
            return fail(C, UINT32_MAX, "%s", werr.msg);
        }
        vec_push(code, in);
    }
    C->n = code.n;
    C->in = arena_alloc(scratch, sizeof *code.v * (code.n + 1));
    if (code.n)
        memcpy(C->in, code.v, sizeof *code.v * code.n);
    vec_free(code);
    C->end_of = arena_alloc(scratch, sizeof *C->end_of * (C->n + 1));
    C->else_of = arena_alloc(scratch, sizeof *C->else_of * (C->n + 1));
    return pair_blocks(C, scratch);
}

/* ---- pass 2: heights and destinations ----------------------------------- */

static Ctl *top(Comp *C) { return &C->ctl[C->nctl - 1]; }

/* Makes sure k operands sit above the current block's base.  In dead code
 * the stack is polymorphic: missing operands are assumed. */
static bool need(Comp *C, uint32_t i, uint64_t k)
{
    Ctl *b = top(C);
    if (C->h - b->base >= k)
        return true;
    if (!b->dead)
        return fail(C, i, "'%s' pops an operand the stack does not have",
                    wasm_ops[C->in[i].op].name);
    C->h = b->base + k;
    if (C->h > C->maxh)
        C->maxh = C->h;
    return true;
}

static bool pop(Comp *C, uint32_t i, uint64_t k)
{
    TRY(need(C, i, k));
    C->h -= k;
    return true;
}

static void push(Comp *C, uint64_t k)
{
    C->h += k;
    if (C->h > C->maxh)
        C->maxh = C->h;
}

static void set_dead(Comp *C)
{
    top(C)->dead = true;
    C->h = top(C)->base;
}

static bool func_type(Comp *C, uint32_t i, uint32_t type, uint32_t *np,
                      uint32_t *nr)
{
    if (type >= C->m->types.n || C->m->types.v[type].kind != WASM_TYPE_FUNC)
        return fail(C, i, "'%s' names a type that is not a function type",
                    wasm_ops[C->in[i].op].name);
    *np = C->m->types.v[type].nparams;
    *nr = C->m->types.v[type].nresults;
    return true;
}

static bool block_type(Comp *C, uint32_t i, uint32_t *np, uint32_t *nr)
{
    const WasmInstr *in = &C->in[i];
    *np = 0;
    *nr = in->bt_kind == WASM_BT_VALTYPE;
    if (in->bt_kind == WASM_BT_TYPEIDX)
        return func_type(C, i, in->a, np, nr);
    return true;
}

/* The destination of a branch to label `depth`. */
static bool label(Comp *C, uint32_t i, uint32_t depth, ITarget *out)
{
    if (depth >= C->nctl)
        return fail(C, i, "'%s' names a label that does not exist",
                    wasm_ops[C->in[i].op].name);
    const Ctl *b = &C->ctl[C->nctl - 1 - depth];
    out->height = b->base;
    out->pc = b->kind == CTL_LOOP ? b->start + 1 : b->end;
    out->arity = b->kind == CTL_LOOP ? b->nparams : b->nresults;
    return need(C, i, out->arity);
}

static bool open_block(Comp *C, uint32_t i, uint8_t kind)
{
    uint32_t np, nr;
    TRY(block_type(C, i, &np, &nr));
    if (kind == CTL_IF)
        TRY(pop(C, i, 1));
    TRY(need(C, i, np));
    Ctl *b = &C->ctl[C->nctl++];
    *b = (Ctl){.kind = kind, .start = i, .end = C->end_of[i],
               .base = (uint32_t)(C->h - np), .nparams = np,
               .nresults = nr, .has_else = C->else_of[i] != UINT32_MAX};
    if (kind == CTL_IF) /* false: after the else, or to the end */
        C->code[i].a = b->has_else ? C->else_of[i] + 1 : b->end;
    return true;
}

/* The results must be exactly what the block leaves (live code). */
static bool close_part(Comp *C, uint32_t i)
{
    Ctl *b = top(C);
    if (!b->dead && C->h != (uint64_t)b->base + b->nresults)
        return fail(C, i, "'%s' with the wrong number of values on the stack",
                    wasm_ops[C->in[i].op].name);
    C->h = (uint64_t)b->base + b->nresults;
    return true;
}

static bool do_else(Comp *C, uint32_t i)
{
    TRY(close_part(C, i));
    Ctl *b = top(C);
    C->code[i].a = b->end;
    C->h = (uint64_t)b->base + b->nparams;
    b->dead = false;
    return true;
}

static bool do_end(Comp *C, uint32_t i)
{
    Ctl *b = top(C);
    if (b->kind == CTL_IF && !b->has_else && b->nparams != b->nresults)
        return fail(C, i, "'%s' without else must leave its parameters",
                    "if");
    TRY(close_part(C, i));
    if (b->kind == CTL_FUNC) { /* the final end returns */
        C->code[i].op = WASM_OP_Return;
        C->code[i].c = b->nresults;
    } else {
        C->code[i].op = WASM_OP_Nop;
    }
    C->nctl--;
    return true;
}

static bool do_branch(Comp *C, uint32_t i)
{
    const WasmInstr *in = &C->in[i];
    ICode *c = &C->code[i];
    ITarget t;
    if (in->op == WASM_OP_BrIf)
        TRY(pop(C, i, 1));
    TRY(label(C, i, in->a, &t));
    c->a = t.pc;
    c->b = t.height;
    c->c = t.arity;
    if (in->op == WASM_OP_Br)
        set_dead(C);
    return true;
}

static bool do_br_table(Comp *C, uint32_t i)
{
    const WasmInstr *in = &C->in[i];
    TRY(pop(C, i, 1));
    if (in->n == 0 || in->ext.labels == NULL)
        return fail(C, i, "'%s' without targets", "br_table");
    C->code[i].a = C->targets.n;
    C->code[i].c = in->n;
    for (uint32_t k = 0; k < in->n; k++) {
        ITarget t;
        TRY(label(C, i, in->ext.labels[k], &t));
        vec_push(C->targets, t);
    }
    set_dead(C);
    return true;
}

static bool do_call(Comp *C, uint32_t i)
{
    const WasmInstr *in = &C->in[i];
    uint32_t np, nr, type;
    if (in->op == WASM_OP_Call) {
        if (in->a >= C->m->funcs.n)
            return fail(C, i, "'%s' names a function that does not exist",
                        "call");
        type = C->m->funcs.v[in->a].type;
    } else {
        if (in->b >= C->m->tables.n)
            return fail(C, i, "'%s' names a table that does not exist",
                        "call_indirect");
        type = in->a;
        TRY(pop(C, i, 1));
    }
    TRY(func_type(C, i, type, &np, &nr));
    TRY(pop(C, i, np));
    push(C, nr);
    return true;
}

static bool unsupported(Comp *C, uint32_t i, bool other_memory)
{
    ICode *c = &C->code[i];
    c->a = c->op;
    c->b = other_memory;
    c->op = IOP_UNSUPPORTED;
    set_dead(C);
    return true;
}

static bool in_range(Comp *C, uint32_t i, uint32_t idx, uint32_t count,
                     const char *what)
{
    if (idx < count)
        return true;
    interp_fail(C->err, C->it, C->func, C->in[i].off,
                "'%s' names a %s that does not exist",
                wasm_ops[C->in[i].op].name, what);
    return false;
}

/* Index checks by immediate shape; false with err set.  *other_memory
 * is set for an instruction on a memory other than 0. */
static bool check_indices(Comp *C, uint32_t i, bool *other_memory)
{
    const WasmInstr *in = &C->in[i];
    const WasmModule *m = C->m;
    uint32_t ntab = m->tables.n;
    *other_memory = false;
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_LOCAL:
        return in_range(C, i, in->a, C->it->funcs[C->func].nlocals, "local");
    case IMM_GLOBAL: return in_range(C, i, in->a, m->globals.n, "global");
    case IMM_FUNC: return in_range(C, i, in->a, m->funcs.n, "function");
    case IMM_TABLE: return in_range(C, i, in->a, ntab, "table");
    case IMM_TABLE_TABLE:
        return in_range(C, i, in->a, ntab, "table") &&
               in_range(C, i, in->b, ntab, "table");
    case IMM_ELEM: return in_range(C, i, in->a, m->elems.n, "segment");
    case IMM_ELEM_TABLE:
        return in_range(C, i, in->a, m->elems.n, "segment") &&
               in_range(C, i, in->b, ntab, "table");
    case IMM_DATA: return in_range(C, i, in->a, m->datas.n, "segment");
    case IMM_DATA_MEM:
        *other_memory = in->b != 0;
        return in_range(C, i, in->a, m->datas.n, "segment") &&
               in_range(C, i, in->b, m->memories.n, "memory");
    case IMM_MEM:
        *other_memory = in->a != 0;
        return in_range(C, i, in->a, m->memories.n, "memory");
    case IMM_MEM_MEM:
        *other_memory = in->a != 0 || in->b != 0;
        return in_range(C, i, in->a, m->memories.n, "memory") &&
               in_range(C, i, in->b, m->memories.n, "memory");
    case IMM_MEMARG:
        *other_memory = in->b != 0;
        return in_range(C, i, in->b, m->memories.n, "memory");
    default:
        return true;
    }
}

/* Any instruction with a fixed stack effect from the opcode table. */
static bool do_plain(Comp *C, uint32_t i)
{
    WasmOpcode op = C->in[i].op;
    bool other_memory;
    if (!op_supported(op))
        return unsupported(C, i, false);
    TRY(check_indices(C, i, &other_memory));
    int pops = wasm_op_pops(op), pushes = wasm_op_pushes(op);
    if (other_memory || pops < 0 || pushes < 0)
        return unsupported(C, i, other_memory);
    if (op == WASM_OP_MemorySize || op == WASM_OP_MemoryGrow ||
        wasm_ops[op].imm == IMM_MEMARG || wasm_ops[op].imm == IMM_MEM ||
        wasm_ops[op].imm == IMM_MEM_MEM || wasm_ops[op].imm == IMM_DATA_MEM)
        if (!C->it->has_mem) /* memory 0 exists but is not the usual kind */
            return unsupported(C, i, true);
    TRY(pop(C, i, (uint64_t)pops));
    push(C, (uint64_t)pushes);
    return true;
}

static bool compile_one(Comp *C, uint32_t i)
{
    const WasmInstr *in = &C->in[i];
    switch (in->op) {
    case WASM_OP_Block: return open_block(C, i, CTL_BLOCK);
    case WASM_OP_Loop: return open_block(C, i, CTL_LOOP);
    case WASM_OP_If: return open_block(C, i, CTL_IF);
    case WASM_OP_Else: return do_else(C, i);
    case WASM_OP_End: return do_end(C, i);
    case WASM_OP_Br: case WASM_OP_BrIf: return do_branch(C, i);
    case WASM_OP_BrTable: return do_br_table(C, i);
    case WASM_OP_Call: case WASM_OP_CallIndirect: return do_call(C, i);
    case WASM_OP_Unreachable: set_dead(C); return true;
    case WASM_OP_Return:
        TRY(need(C, i, C->ctl[0].nresults));
        C->code[i].c = C->ctl[0].nresults;
        set_dead(C);
        return true;
    default: return do_plain(C, i);
    }
}

static void copy_immediates(Comp *C, uint32_t i)
{
    const WasmInstr *in = &C->in[i];
    C->code[i] = (ICode){.op = in->op, .a = in->a, .b = in->b,
                         .x = in->x, .off = in->off};
}

static bool compile_code(Comp *C, IFunc *f, Arena *scratch)
{
    C->code = arena_alloc(&C->it->arena, sizeof *C->code * C->n);
    C->ctl = arena_alloc(scratch, sizeof *C->ctl * (C->n + 1));
    C->ctl[0] = (Ctl){.kind = CTL_FUNC, .end = C->n - 1,
                      .nparams = f->nparams, .nresults = f->nresults};
    C->nctl = 1;
    for (uint32_t i = 0; i < C->n; i++) {
        copy_immediates(C, i);
        if (C->nctl == 0)
            return fail(C, i, "code after the function's %s", "end");
        TRY(compile_one(C, i));
    }
    return true;
}

bool interp_compile(Interp *it, uint32_t func, InterpError *err)
{
    IFunc *f = &it->funcs[func];
    Arena scratch;
    arena_init(&scratch);
    Comp C = {.it = it, .m = it->m, .func = func, .err = err};
    bool ok = decode_body(&C, f, &scratch) && compile_code(&C, f, &scratch);
    if (ok) {
        f->code = C.code;
        f->ncode = C.n;
        f->max_height = C.maxh > UINT32_MAX ? UINT32_MAX : (uint32_t)C.maxh;
        if (C.targets.n)
            f->targets = arena_dup(&it->arena, C.targets.v,
                                   sizeof *C.targets.v * C.targets.n);
        f->compiled = true;
    }
    vec_free(C.targets);
    arena_fini(&scratch);
    return ok;
}
