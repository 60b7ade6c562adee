/* codegen.c -- Wasm code for whamm expressions and statements
 * (docs/language.md "Types and conversions"; `&&`/`||` short-circuit,
 * probe locals start at their default).
 *
 * Values are pushed part by part (str: address then length).  Integers
 * narrower than 32 bits live zero- or sign-extended in an i32 and are
 * wrapped after every arithmetic operation.  State slots are addressed as
 * `i32.const 0` plus a memarg offset in the state memory. */
#include "gen.h"
#include "tables.h"

#include <math.h>
#include <string.h>

/* ---- locals --------------------------------------------------------------- */

uint32_t locals_get(Locals *L, WasmModule *m, WasmValType vt, bool fresh)
{
    (void)m;
    for (uint32_t i = 0; !fresh && i < L->pool.n; i++)
        if (!L->pool.v[i].busy && L->pool.v[i].vt.code == vt.code) {
            L->pool.v[i].busy = true;
            return L->pool.v[i].idx;
        }
    uint32_t idx;
    if (L->ed) {
        idx = wrw_add_local(L->ed, vt);
    } else {
        idx = L->first_own + L->own.n;
        vec_push(L->own, vt);
    }
    if (!fresh) {
        PoolLocal p = {vt, idx, true};
        vec_push(L->pool, p);
    }
    return idx;
}

void locals_release(Locals *L)
{
    for (uint32_t i = 0; i < L->pool.n; i++)
        L->pool.v[i].busy = false;
}

void gen_push(Gen *G, WasmInstr in) { vec_push(*G->out, in); }

uint32_t gen_local(Gen *G, WasmValType vt)
{
    return locals_get(G->locals, G->E->m, vt, false);
}

static void fail(Gen *G, Span at, const char *what)
{
    emit_error(G->E, at.file ? at : G->span, "%s is not supported by whamm "
               "instr yet", what);
}

/* ---- constants and small helpers ---------------------------------------------- */

static bool is64(const Type *t)
{
    return t->kind == TY_U64 || t->kind == TY_I64;
}

static void push_i32(Gen *G, int32_t v) { gen_push(G, wasm_instr_i32(v)); }

static void push_const(Gen *G, const Type *t, uint64_t bits, double f)
{
    WasmInstr in;
    if (t->kind == TY_F32) {
        float x = (float)f;
        uint32_t b;
        memcpy(&b, &x, 4);
        in = wasm_instr(WASM_OP_F32Const);
        in.x = b;
    } else if (t->kind == TY_F64) {
        in = wasm_instr(WASM_OP_F64Const);
        memcpy(&in.x, &f, 8);
    } else if (is64(t)) {
        in = wasm_instr_i64((int64_t)bits);
    } else {
        in = wasm_instr_i32((int32_t)(uint32_t)bits);
    }
    gen_push(G, in);
}

/* v at the width of integer type t (masked, sign-extended if signed). */
static uint64_t norm_bits(uint64_t v, const Type *t)
{
    unsigned w = ty_bits(t);
    if (t->kind == TY_BOOL)
        return v != 0;
    if (w == 0 || w >= 64)
        return v;
    v &= (UINT64_C(1) << w) - 1;
    if (ty_is_signed(t) && (v >> (w - 1)) & 1)
        v |= ~((UINT64_C(1) << w) - 1);
    return w == 32 ? (uint32_t)v : v;
}

/* Re-establishes the representation of a narrow integer after arithmetic. */
static void wrap_small(Gen *G, const Type *t)
{
    switch (t->kind) {
    case TY_U8: push_i32(G, 0xFF); gen_push(G, wasm_instr(WASM_OP_I32And));
        break;
    case TY_U16: push_i32(G, 0xFFFF); gen_push(G, wasm_instr(WASM_OP_I32And));
        break;
    case TY_I8: gen_push(G, wasm_instr(WASM_OP_I32Extend8S)); break;
    case TY_I16: gen_push(G, wasm_instr(WASM_OP_I32Extend16S)); break;
    default: break;
    }
}

void gen_default(Gen *G, const Type *t)
{
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = emit_valtypes(t, vt);
    for (uint32_t i = 0; i < n; i++)
        gen_push(G, emit_zero_instr(vt[i]));
}

/* ---- state slots --------------------------------------------------------------- */

/* Slots are packed without padding: every access says alignment 1. */
static void slot_access(Gen *G, WasmOpcode op, uint32_t addr)
{
    gen_push(G, wasm_instr_memarg(op, 0, addr, G->E->state_mem));
}

/* The address a slot access adds its offset to: 0, or the base of a wei
 * monitor's per-site block. */
static void push_slot_base(Gen *G, const GenVar *v)
{
    if (v && v->based)
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, v->base_local));
    else
        push_i32(G, 0);
}

/* Loads parts [first, first + count) of a value of type t at addr (in v's
 * block when v is based). */
static void load_parts(Gen *G, const GenVar *v, const Type *t, uint32_t addr,
                       uint32_t first, uint32_t count)
{
    EmitPart p[EMIT_MAX_PARTS];
    emit_parts(t, p);
    for (uint32_t i = first; i < first + count; i++) {
        push_slot_base(G, v);
        slot_access(G, emit_load_op(&p[i]), addr + p[i].offset);
    }
}

void gen_load_slot(Gen *G, const Type *t, uint32_t addr)
{
    load_parts(G, NULL, t, addr, 0, emit_nparts(t));
}

/* Pops count values into fresh temporaries; tmp[0] is the deepest. */
void gen_save_parts(Gen *G, const WasmValType *vt, uint32_t count,
                    uint32_t *tmp)
{
    for (uint32_t i = count; i-- > 0;) {
        tmp[i] = gen_local(G, vt[i]);
        gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, tmp[i]));
    }
}

/* Stores the parts [first, first + count) of a value of type t, on the
 * stack, at addr (plus `base` on the stack under them when dyn). */
static void store_parts(Gen *G, const GenVar *v, const Type *t,
                        uint32_t addr, uint32_t first, uint32_t count)
{
    EmitPart p[EMIT_MAX_PARTS];
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t tmp[EMIT_MAX_PARTS];
    emit_parts(t, p);
    for (uint32_t i = 0; i < count; i++)
        vt[i] = p[first + i].vt;
    gen_save_parts(G, vt, count, tmp);
    for (uint32_t i = 0; i < count; i++) {
        push_slot_base(G, v);
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, tmp[i]));
        slot_access(G, emit_store_op(&p[first + i]),
                    addr + p[first + i].offset);
    }
}

/* Stores the value on the stack (all its parts) into a slot. */
void gen_store_slot(Gen *G, const Type *t, uint32_t addr)
{
    store_parts(G, NULL, t, addr, 0, emit_nparts(t));
}

/* ---- names ----------------------------------------------------------------------- */

const GenVar *gen_find_var(const Gen *G, const char *name)
{
    for (uint32_t i = G->vars.n; i-- > 0;)
        if (strcmp(G->vars.v[i].name, name) == 0)
            return &G->vars.v[i];
    return NULL;
}

/* The local holding dynamic value `name` (argN, resN, localN), or -1. */
static int64_t dynamic_local(const Gen *G, const char *name)
{
    int n;
    if ((n = emit_pattern_index(name, "arg")) >= 0 &&
        (uint32_t)n < G->nargs_saved)
        return G->arg_local[n];
    if ((n = emit_pattern_index(name, "res")) >= 0 &&
        (uint32_t)n < G->nres_saved)
        return G->res_local[n];
    if ((n = emit_pattern_index(name, "local")) >= 0 && G->site &&
        (uint32_t)n < G->site->nlocal_types)
        return n;
    return -1;
}

/* The Wasm type of dynamic value `name` at the site (argN, resN, localN);
 * code 0 when unknown. */
static WasmValType dynamic_type(const Gen *G, const char *name)
{
    const Site *s = G->site;
    int n;
    if (!s)
        return (WasmValType){0, 0};
    if ((n = emit_pattern_index(name, "arg")) >= 0 && s->params_known &&
        (uint32_t)n < s->nparams)
        return s->params[s->nparams - 1 - n];
    if ((n = emit_pattern_index(name, "res")) >= 0 && s->params_known &&
        (uint32_t)n < s->nresults)
        return s->results[s->nresults - 1 - n];
    if ((n = emit_pattern_index(name, "local")) >= 0 &&
        (uint32_t)n < s->nlocal_types)
        return s->local_types[n];
    return (WasmValType){0, 0};
}

static const char *valtype_word(WasmValType t)
{
    switch (t.code) {
    case WASM_I32: return "i32";
    case WASM_I64: return "i64";
    case WASM_F32: return "f32";
    case WASM_F64: return "f64";
    case WASM_V128: return "v128";
    default: return "a reference";
    }
}

/* A dynamic value whose Wasm type at this site is not the one its
 * declared type stands for (an address on a 64-bit memory, declared u32)
 * is an error naming the fix, never a module that does not validate. */
static bool dynamic_type_ok(Gen *G, const Expr *e)
{
    WasmValType have = dynamic_type(G, e->name), want[EMIT_MAX_PARTS];
    if (have.code == 0 || !e->ty || emit_valtypes(e->ty, want) != 1 ||
        want[0].code == have.code)
        return true;
    emit_error(G->E, e->span, "`%s` is %s at this site, not the %s its type "
               "`%s` stands for (an address on a 64-bit memory?): give its "
               "type in the rule, e.g. `(%s: %s)`", e->name,
               valtype_word(have), valtype_word(want[0]),
               ty_name(G->E->a, e->ty), e->name,
               have.code == WASM_I64 ? "u64" : have.code == WASM_F64 ? "f64"
               : have.code == WASM_F32 ? "f32" : "u32");
    return false;
}

/* Pushes parts [first, first + count) of variable e (a name). */
void gen_var_parts(Gen *G, const Expr *e, uint32_t first, uint32_t count)
{
    const GenVar *v;
    if (e->sym == SYM_GLOBAL) {
        const GlobalVar *g = emit_find_global(G->E, G->script, e->name);
        for (uint32_t i = first; g && i < first + count; i++)
            gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, g->global[i]));
        if (!g)
            fail(G, e->span, "this global");
    } else if ((e->sym == SYM_LOCAL || e->sym == SYM_PARAM) &&
               (v = gen_find_var(G, e->name))) {
        if (v->in_global) {
            gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, v->global));
            return;
        }
        if (v->slot) {
            load_parts(G, v, v->ty, v->addr, first, count);
            return;
        }
        for (uint32_t i = first; i < first + count; i++)
            gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, v->local[i]));
    } else if (G->bound_vars && (v = gen_find_var(G, e->name))) {
        /* a wei monitor's function receives it as parameters */
        for (uint32_t i = first; i < first + count; i++)
            gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, v->local[i]));
    } else if (e->sym == SYM_BOUND_DYNAMIC &&
               strcmp(e->name, "target_funcref") == 0 &&
               gen_target_funcref(G)) {
        /* the table entry the site reads (pushed by gen_target_funcref) */
    } else if (e->sym == SYM_BOUND_DYNAMIC && dynamic_local(G, e->name) >= 0) {
        if (dynamic_type_ok(G, e))
            gen_push(G, wasm_instr_idx(WASM_OP_LocalGet,
                                       (uint32_t)dynamic_local(G, e->name)));
    } else if (e->sym == SYM_BOUND_STATIC && e->ty->kind == TY_MAP &&
               strcmp(e->name, "targets") == 0 && G->site && G->site->in) {
        /* br_table's targets as a value: a map of its own, in the image */
        uint32_t hdr = emit_map_new(G->E, e->ty);
        if (!emit_map_from_targets(G->E, hdr, e->ty, G->site->in))
            emit_error(G->E, e->span, "`targets` has no value here");
        gen_push(G, wasm_instr_i32((int32_t)hdr));
    } else if (e->sym == SYM_BOUND_STATIC && G->site &&
               G->site->resolved_dynamic &&
               strcmp(e->name, "resolved_fid") == 0) {
        /* where the funcref came from is known at run time (tables.c) */
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet,
                                   G->site->resolved_local));
    } else if (e->sym == SYM_BOUND_STATIC) {
        emit_error(G->E, e->span, "`%s` has no value at this site", e->name);
    } else {
        char what[96];
        snprintf(what, sizeof what, "`%s` here", e->name);
        fail(G, e->span, what);
    }
}

/* Stores the parts [first, first + count) on the stack into variable e. */
void gen_store_var_parts(Gen *G, const Expr *e, uint32_t first,
                         uint32_t count)
{
    const GenVar *v;
    int64_t dl;
    if (e->sym == SYM_GLOBAL) {
        const GlobalVar *g = emit_find_global(G->E, G->script, e->name);
        for (uint32_t i = first + count; g && i-- > first;)
            gen_push(G, wasm_instr_idx(WASM_OP_GlobalSet, g->global[i]));
        if (!g)
            fail(G, e->span, "this global");
    } else if ((e->sym == SYM_LOCAL || e->sym == SYM_PARAM) &&
               (v = gen_find_var(G, e->name))) {
        if (v->in_global) {
            gen_push(G, wasm_instr_idx(WASM_OP_GlobalSet, v->global));
            return;
        }
        if (v->slot) {
            store_parts(G, v, v->ty, v->addr, first, count);
            return;
        }
        for (uint32_t i = first + count; i-- > first;)
            gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, v->local[i]));
    } else if (e->sym == SYM_BOUND_DYNAMIC &&
               (dl = dynamic_local(G, e->name)) >= 0) {
        gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, (uint32_t)dl));
    } else {
        fail(G, e->span, "assigning to this");
    }
}

static void gen_id(Gen *G, const Expr *e)
{
    uint32_t n = e->ty ? emit_nparts(e->ty) : 1;
    if (e->sym == SYM_BOUND_DYNAMIC)
        n = 1;
    gen_var_parts(G, e, 0, n);
}

/* ---- operators ---------------------------------------------------------------------- */

enum { K_I32S, K_I32U, K_I64S, K_I64U, K_F32, K_F64 };

static int kind_of(const Type *t)
{
    if (t->kind == TY_F32)
        return K_F32;
    if (t->kind == TY_F64)
        return K_F64;
    if (is64(t))
        return ty_is_signed(t) ? K_I64S : K_I64U;
    return ty_is_signed(t) ? K_I32S : K_I32U;
}

/* rows: BinOp EQ NE GE GT LE LT ADD SUB MUL DIV REM SHL SHR BAND BOR BXOR */
static int binop_opcode(BinOp op, const Type *t)
{
#define ROW(k, eq, ne, ge, gt, le, lt, add, sub, mul, div, rem, shl, shr, an,   \
            bo, xr)                                                           \
    case k: {                                                                  \
        switch (op) {                                                          \
        case BIN_EQ: return eq; case BIN_NE: return ne;                        \
        case BIN_GE: return ge; case BIN_GT: return gt;                        \
        case BIN_LE: return le; case BIN_LT: return lt;                        \
        case BIN_ADD: return add; case BIN_SUB: return sub;                    \
        case BIN_MUL: return mul; case BIN_DIV: return div;                    \
        case BIN_REM: return rem; case BIN_SHL: return shl;                    \
        case BIN_SHR: return shr; case BIN_BAND: return an;                    \
        case BIN_BOR: return bo; case BIN_BXOR: return xr;                     \
        default: return -1;                                                    \
        }                                                                      \
    }
#define O(x) WASM_OP_##x
    switch (kind_of(t)) {
    ROW(K_I32S, O(I32Eq), O(I32Ne), O(I32GeS), O(I32GtS), O(I32LeS), O(I32LtS),
        O(I32Add), O(I32Sub), O(I32Mul), O(I32DivS), O(I32RemS), O(I32Shl),
        O(I32ShrS), O(I32And), O(I32Or), O(I32Xor))
    ROW(K_I32U, O(I32Eq), O(I32Ne), O(I32GeU), O(I32GtU), O(I32LeU), O(I32LtU),
        O(I32Add), O(I32Sub), O(I32Mul), O(I32DivU), O(I32RemU), O(I32Shl),
        O(I32ShrU), O(I32And), O(I32Or), O(I32Xor))
    ROW(K_I64S, O(I64Eq), O(I64Ne), O(I64GeS), O(I64GtS), O(I64LeS), O(I64LtS),
        O(I64Add), O(I64Sub), O(I64Mul), O(I64DivS), O(I64RemS), O(I64Shl),
        O(I64ShrS), O(I64And), O(I64Or), O(I64Xor))
    ROW(K_I64U, O(I64Eq), O(I64Ne), O(I64GeU), O(I64GtU), O(I64LeU), O(I64LtU),
        O(I64Add), O(I64Sub), O(I64Mul), O(I64DivU), O(I64RemU), O(I64Shl),
        O(I64ShrU), O(I64And), O(I64Or), O(I64Xor))
    ROW(K_F32, O(F32Eq), O(F32Ne), O(F32Ge), O(F32Gt), O(F32Le), O(F32Lt),
        O(F32Add), O(F32Sub), O(F32Mul), O(F32Div), -1, -1, -1, -1, -1, -1)
    ROW(K_F64, O(F64Eq), O(F64Ne), O(F64Ge), O(F64Gt), O(F64Le), O(F64Lt),
        O(F64Add), O(F64Sub), O(F64Mul), O(F64Div), -1, -1, -1, -1, -1, -1)
    }
#undef O
#undef ROW
    return -1;
}

/* Adds delta (1 or -1) to the number of type t on the stack. */
void gen_add_const(Gen *G, const Type *t, int delta)
{
    push_const(G, t, 1, 1.0);
    int op = binop_opcode(delta > 0 ? BIN_ADD : BIN_SUB, t);
    gen_push(G, wasm_instr((WasmOpcode)op));
    wrap_small(G, t);
}

WasmInstr gen_block_instr(WasmModule *m, WasmOpcode op,
                          const WasmValType *res, uint32_t nres)
{
    WasmInstr in = wasm_instr(op);
    if (nres == 0) {
        in.bt_kind = WASM_BT_EMPTY;
    } else if (nres == 1) {
        in.bt_kind = WASM_BT_VALTYPE;
        in.vt = res[0];
    } else {
        in.bt_kind = WASM_BT_TYPEIDX;
        in.a = wasm_add_func_type(m, NULL, 0, res, nres);
    }
    return in;
}

static WasmInstr block_of(Gen *G, WasmOpcode op, const WasmValType *res,
                          uint32_t nres)
{
    return gen_block_instr(G->E->m, op, res, nres);
}

static void gen_logic(Gen *G, const Expr *e)
{
    WasmValType i32 = {WASM_I32, 0};
    gen_expr(G, e->a);
    gen_push(G, block_of(G, WASM_OP_If, &i32, 1));
    if (e->bop == BIN_AND)
        gen_expr(G, e->b);
    else
        push_i32(G, 1);
    gen_push(G, wasm_instr(WASM_OP_Else));
    if (e->bop == BIN_AND)
        push_i32(G, 0);
    else
        gen_expr(G, e->b);
    gen_push(G, wasm_instr(WASM_OP_End));
}

/* a % b on floats as the language defines it:
 * copysign(a - floor(a / b) * b, a). */
static void gen_float_rem(Gen *G, const Expr *e)
{
    bool f64 = e->a->ty->kind == TY_F64;
    WasmValType vt = {f64 ? WASM_F64 : WASM_F32, 0};
    uint32_t a = gen_local(G, vt), b = gen_local(G, vt);
    gen_expr(G, e->a);
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, a));
    gen_expr(G, e->b);
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, b));
    static const WasmOpcode ops[2][5] = {
        {WASM_OP_F32Div, WASM_OP_F32Floor, WASM_OP_F32Mul, WASM_OP_F32Sub,
         WASM_OP_F32Copysign},
        {WASM_OP_F64Div, WASM_OP_F64Floor, WASM_OP_F64Mul, WASM_OP_F64Sub,
         WASM_OP_F64Copysign}};
    const WasmOpcode *o = ops[f64];
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, a));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, a));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, b));
    gen_push(G, wasm_instr(o[0]));
    gen_push(G, wasm_instr(o[1]));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, b));
    gen_push(G, wasm_instr(o[2]));
    gen_push(G, wasm_instr(o[3]));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, a));
    gen_push(G, wasm_instr(o[4]));
}

static void gen_binary(Gen *G, const Expr *e)
{
    if (e->bop == BIN_AND || e->bop == BIN_OR) {
        gen_logic(G, e);
        return;
    }
    const Type *t = e->a->ty;
    if (t->kind == TY_STR && (e->bop == BIN_EQ || e->bop == BIN_NE)) {
        gen_str_equal(G, e);
        return;
    }
    if (t->kind == TY_TUPLE && (e->bop == BIN_EQ || e->bop == BIN_NE)) {
        gen_tuple_equal(G, e);
        return;
    }
    if (t->kind == TY_STR || t->kind > TY_STR) {
        fail(G, e->span, "this comparison of values only known at run time");
        return;
    }
    if (e->bop == BIN_REM && ty_is_float(t)) {
        gen_float_rem(G, e);
        return;
    }
    int op = binop_opcode(e->bop, t);
    if (op < 0) {
        fail(G, e->span, "this operator on this type");
        return;
    }
    gen_expr(G, e->a);
    gen_expr(G, e->b);
    gen_push(G, wasm_instr((WasmOpcode)op));
    if (!(e->bop >= BIN_EQ && e->bop <= BIN_LT))
        wrap_small(G, t);
}

static void gen_unary(Gen *G, const Expr *e)
{
    gen_expr(G, e->a);
    if (e->uop == UN_NOT) {
        gen_push(G, wasm_instr(WASM_OP_I32Eqz));
        return;
    }
    const Type *t = e->a->ty;
    if (is64(t)) {
        gen_push(G, wasm_instr_i64(-1));
        gen_push(G, wasm_instr(WASM_OP_I64Xor));
    } else {
        push_i32(G, -1);
        gen_push(G, wasm_instr(WASM_OP_I32Xor));
        wrap_small(G, t);
    }
}

/* ---- casts ---------------------------------------------------------------------------- */

static void to_bool(Gen *G, const Type *from)
{
    switch (kind_of(from)) {
    case K_I64S: case K_I64U:
        gen_push(G, wasm_instr_i64(0));
        gen_push(G, wasm_instr(WASM_OP_I64Ne));
        break;
    case K_F32:
        push_const(G, from, 0, 0.0);
        gen_push(G, wasm_instr(WASM_OP_F32Ne));
        break;
    case K_F64:
        push_const(G, from, 0, 0.0);
        gen_push(G, wasm_instr(WASM_OP_F64Ne));
        break;
    default:
        push_i32(G, 0);
        gen_push(G, wasm_instr(WASM_OP_I32Ne));
    }
}

static int float_to_int(int fk, bool to64, bool sgn)
{
    if (fk == K_F32)
        return to64 ? (sgn ? WASM_OP_I64TruncF32S : WASM_OP_I64TruncF32U)
                    : (sgn ? WASM_OP_I32TruncF32S : WASM_OP_I32TruncF32U);
    return to64 ? (sgn ? WASM_OP_I64TruncF64S : WASM_OP_I64TruncF64U)
                : (sgn ? WASM_OP_I32TruncF64S : WASM_OP_I32TruncF64U);
}

static int int_to_float(int ik, bool to64)
{
    bool s = ik == K_I32S || ik == K_I64S, w = ik == K_I64S || ik == K_I64U;
    if (to64)
        return w ? (s ? WASM_OP_F64ConvertI64S : WASM_OP_F64ConvertI64U)
                 : (s ? WASM_OP_F64ConvertI32S : WASM_OP_F64ConvertI32U);
    return w ? (s ? WASM_OP_F32ConvertI64S : WASM_OP_F32ConvertI64U)
             : (s ? WASM_OP_F32ConvertI32S : WASM_OP_F32ConvertI32U);
}

/* Converts the value on the stack from `from` to `to`. */
static bool convert(Gen *G, const Type *from, const Type *to)
{
    if (ty_equal(from, to))
        return true;
    if (!(ty_is_numeric(from) || from->kind == TY_BOOL))
        return false; /* the checker refuses it (E0503) */
    if (to->kind == TY_BOOL) {
        to_bool(G, from);
        return true;
    }
    if (!ty_is_numeric(to))
        return false;
    int fk = from->kind == TY_BOOL ? K_I32U : kind_of(from);
    int tk = kind_of(to);
    bool f_float = fk == K_F32 || fk == K_F64;
    bool t_float = tk == K_F32 || tk == K_F64;
    bool f64 = fk == K_I64S || fk == K_I64U, t64 = tk == K_I64S || tk == K_I64U;
    if (f_float && t_float) {
        gen_push(G, wasm_instr(tk == K_F64 ? WASM_OP_F64PromoteF32
                                           : WASM_OP_F32DemoteF64));
    } else if (f_float) {
        gen_push(G, wasm_instr((WasmOpcode)float_to_int(fk, t64,
                                                        ty_is_signed(to))));
    } else if (t_float) { /* a bool converts as the unsigned 0 or 1 */
        gen_push(G, wasm_instr((WasmOpcode)int_to_float(fk, tk == K_F64)));
        return true;
    } else if (f64 && !t64) {
        gen_push(G, wasm_instr(WASM_OP_I32WrapI64));
    } else if (!f64 && t64) {
        gen_push(G, wasm_instr(ty_is_signed(from) ? WASM_OP_I64ExtendI32S
                                                  : WASM_OP_I64ExtendI32U));
        return true;
    }
    wrap_small(G, to);
    return true;
}

static void gen_cast(Gen *G, const Expr *e)
{
    gen_expr(G, e->a);
    if (!convert(G, e->a->ty, e->cast_ty))
        fail(G, e->span, "this cast");
}

static void gen_ternary(Gen *G, const Expr *e)
{
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = emit_valtypes(e->ty, vt);
    gen_expr(G, e->a);
    gen_push(G, block_of(G, WASM_OP_If, vt, n));
    gen_expr(G, e->b);
    gen_push(G, wasm_instr(WASM_OP_Else));
    gen_expr(G, e->c);
    gen_push(G, wasm_instr(WASM_OP_End));
}

/* ---- literals ----------------------------------------------------------------------------- */

static void gen_int(Gen *G, const Expr *e)
{
    const Type *t = e->ty ? e->ty : ty_prim(TY_I32);
    if (ty_is_float(t)) {
        push_const(G, t, 0, (double)e->ival);
        return;
    }
    push_const(G, t, norm_bits((uint64_t)e->ival, t), 0.0);
}

static void gen_float(Gen *G, const Expr *e)
{
    const Type *t = e->ty ? e->ty : ty_prim(e->is_f64 ? TY_F64 : TY_F32);
    if (ty_is_int(t)) {
        push_const(G, t, norm_bits((uint64_t)(int64_t)trunc(e->fval), t), 0);
        return;
    }
    push_const(G, t, 0, e->fval);
}

static void gen_str(Gen *G, const char *s, uint32_t len)
{
    push_i32(G, (int32_t)emit_intern(G->E, s, len));
    push_i32(G, (int32_t)len);
}

/* ---- calls ----------------------------------------------------------------------------------- */

static void restore_args(Gen *G)
{
    for (uint32_t i = G->nargs_saved; i-- > 0;)
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, G->arg_local[i]));
}

/* The original function named name (name section), or -1. */
static int64_t func_by_name(const Emit *E, const char *name, uint32_t len)
{
    uint32_t n = E->m->norig[WASM_EXT_FUNC];
    for (uint32_t f = 0; f < n; f++) {
        const char *fn = wasm_func_name(E->m, f);
        if (fn && strlen(fn) == len && memcmp(fn, name, len) == 0)
            return f;
    }
    return -1;
}

/* alt_call_by_name / alt_call_by_id (bound on the call events): the saved
 * operands, then a call of another function with the same signature. */
static void gen_alt_call(Gen *G, const Expr *e)
{
    const Expr *arg = e->nargs == 1 ? e->args[0] : NULL;
    int64_t f = -1;
    if (arg && arg->kind == EX_STR)
        f = func_by_name(G->E, arg->str, arg->slen);
    else if (arg && arg->kind == EX_INT && arg->ival >= 0 &&
             arg->ival < (LangInt)G->E->m->norig[WASM_EXT_FUNC])
        f = (int64_t)arg->ival;
    if (f < 0 || !G->exp || G->exp->mode != MD_ALT || !G->site ||
        !G->site->in) {
        emit_error(G->E, e->span, arg && arg->kind == EX_STR
                   ? "no function named `%s` in the module" : "%s needs a "
                   "function name or index known when instrumenting, in an "
                   "`alt` probe", arg && arg->kind == EX_STR ? arg->str
                                                             : e->name);
        return;
    }
    const WasmType *ft = wasm_func_type(G->E->m, (uint32_t)f);
    const Site *s = G->site;
    bool same = ft->nparams == s->nparams && ft->nresults == s->nresults;
    for (uint32_t i = 0; same && i < ft->nparams; i++)
        same = ft->params[i].code == s->params[i].code;
    for (uint32_t i = 0; same && i < ft->nresults; i++)
        same = ft->results[i].code == s->results[i].code;
    if (!same) {
        emit_error(G->E, e->span, "the function %s has another signature "
                   "than the replaced `%s`", arg->kind == EX_STR ? arg->str
                   : "given", wasm_ops[s->in->op].name);
        return;
    }
    restore_args(G);
    gen_push(G, wasm_instr_idx(WASM_OP_Call, (uint32_t)f));
    G->pushed += ft->nresults;
}

static void gen_builtin(Gen *G, const Expr *e)
{
    if (strcmp(e->name, "alt_call_by_name") == 0 ||
        strcmp(e->name, "alt_call_by_id") == 0) {
        gen_alt_call(G, e);
    } else if (strcmp(e->name, "resolve_funcref") == 0) {
        gen_resolve_funcref(G, e);
    } else if (strcmp(e->name, "drop_args") == 0) {
        /* every operand was saved (alt), so nothing is left to drop */
    } else if (!gen_lang_builtin(G, e)) {
        char what[96];
        snprintf(what, sizeof what, "`%s`", e->name);
        fail(G, e->span, what);
    }
}

static void gen_call(Gen *G, const Expr *e)
{
    if (e->sym == SYM_BUILTIN) {
        gen_builtin(G, e);
        return;
    }
    const UserFn *f = emit_find_fn(G->E, G->script, e->name);
    if (!f) {
        fail(G, e->span, "this call");
        return;
    }
    for (uint32_t i = 0; i < e->nargs; i++)
        gen_expr(G, e->args[i]);
    gen_push(G, wasm_instr_idx(WASM_OP_Call, f->func));
}

/* NAME.fn(args) on a user library: a call of its merged function. */
static bool gen_user_libcall(Gen *G, const Expr *e)
{
    int64_t f = e->recv ? emit_lib_func(G->E, e->recv, e->name) : -1;
    if (f < 0)
        return false;
    for (uint32_t i = 0; i < e->nargs; i++)
        gen_expr(G, e->args[i]);
    gen_push(G, wasm_instr_idx(WASM_OP_Call, (uint32_t)f));
    return true;
}

static void gen_libcall(Gen *G, const Expr *e)
{
    if (e->annot && strcmp(e->annot, "static") == 0 && G->at_bind &&
        gen_user_libcall(G, e))
        return; /* a wei helper: the engine runs it while binding */
    if (e->annot && strcmp(e->annot, "static") == 0) {
        /* folded away where its arguments are known; left here, it is
         * not (or running it failed, which was reported) */
        if (!G->E->failed)
            emit_error(G->E, e->span, "a @static call runs while "
                       "instrumenting: its arguments must be known at each "
                       "site (literals, static bound variables), and it may "
                       "appear in probes only");
        return;
    }
    if (gen_core_call(G, e) || gen_user_libcall(G, e))
        return;
    if (e->sym == SYM_LIB || !e->a || !e->a->ty ||
        e->a->ty->kind != TY_STR || !gen_str_method(G, e))
        fail(G, e->span, "this call");
}

void gen_expr(Gen *G, const Expr *e)
{
    switch (e->kind) {
    case EX_INT: gen_int(G, e); break;
    case EX_FLOAT: gen_float(G, e); break;
    case EX_BOOL: push_i32(G, e->bits != 0); break;
    case EX_STR: gen_str(G, e->str, e->slen); break;
    case EX_ID: gen_id(G, e); break;
    case EX_UNARY: gen_unary(G, e); break;
    case EX_BINARY: gen_binary(G, e); break;
    case EX_CAST: gen_cast(G, e); break;
    case EX_TERNARY: gen_ternary(G, e); break;
    case EX_CALL: gen_call(G, e); break;
    case EX_LIBCALL: gen_libcall(G, e); break;
    case EX_TUPLE: gen_tuple(G, e); break;
    case EX_FIELD: gen_field(G, e); break;
    case EX_INDEX: gen_map_get(G, e); break;
    default: fail(G, e->span, "this expression"); break;
    }
}

/* ---- statements ----------------------------------------------------------- */

/* Stores the value on the stack into the place e names. */
static void store_to(Gen *G, const Expr *e)
{
    if (e->kind == EX_ID)
        gen_store_var_parts(G, e, 0, e->sym == SYM_BOUND_DYNAMIC
                                         ? 1 : emit_nparts(e->ty));
    else if (e->kind == EX_FIELD)
        gen_store_field(G, e);
    else
        fail(G, e->span, "assigning to this");
}

/* x++ / x-- */
static void gen_step(Gen *G, const Stmt *s)
{
    const Type *t = s->lhs->ty;
    if (s->lhs->kind == EX_INDEX) {
        gen_map_step(G, s->lhs, s->kind == ST_INCR ? 1 : -1);
        return;
    }
    const GenVar *v = s->lhs->kind == EX_ID ? gen_find_var(G, s->lhs->name)
                                            : NULL;
    bool slot = v && v->slot && !v->in_global && s->lhs->sym == SYM_LOCAL;
    EmitPart part[EMIT_MAX_PARTS];
    emit_parts(t, part);
    if (slot && t->kind != TY_STR) /* the address under the value */
        push_slot_base(G, v);
    gen_expr(G, s->lhs);
    gen_add_const(G, t, s->kind == ST_INCR ? 1 : -1);
    if (slot)
        slot_access(G, emit_store_op(&part[0]), v->addr);
    else
        store_to(G, s->lhs);
}

static void gen_assign(Gen *G, const Stmt *s)
{
    const GenVar *v = s->lhs->kind == EX_ID ? gen_find_var(G, s->lhs->name)
                                            : NULL;
    EmitPart part[EMIT_MAX_PARTS];
    if (v && v->slot && !v->in_global && s->lhs->sym == SYM_LOCAL &&
        emit_parts(v->ty, part) == 1) {
        push_slot_base(G, v);
        gen_expr(G, s->rhs);
        slot_access(G, emit_store_op(&part[0]), v->addr);
        return;
    }
    if (s->lhs->kind == EX_INDEX) {
        gen_map_set(G, s->lhs, s->rhs);
        return;
    }
    gen_expr(G, s->rhs);
    store_to(G, s->lhs);
}

static void gen_decl(Gen *G, const Stmt *s)
{
    if (s->is_report || s->is_unshared) {
        if (G->in_fn)
            fail(G, s->span, "this declaration");
        return; /* a slot: set up before the body, initialised at start */
    }
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = emit_valtypes(s->decl_ty, vt);
    if (n == 0) {
        char what[96];
        snprintf(what, sizeof what, "a variable of type `%.60s`",
                 ty_name(G->E->a, s->decl_ty));
        fail(G, s->span, what);
        return;
    }
    GenVar v = {.name = s->name, .ty = s->decl_ty};
    for (uint32_t i = 0; i < n; i++)
        v.local[i] = gen_local(G, vt[i]);
    if (s->rhs)
        gen_expr(G, s->rhs);
    else
        gen_default(G, s->decl_ty);
    for (uint32_t i = n; i-- > 0;)
        gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, v.local[i]));
    vec_push(G->vars, v);
}

static void drop_value(Gen *G, const Type *t)
{
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = t ? emit_valtypes(t, vt) : 0;
    for (uint32_t i = 0; i < n; i++)
        gen_push(G, wasm_instr(WASM_OP_Drop));
}

static bool is_literal(const Expr *e)
{
    return e->kind == EX_INT || e->kind == EX_FLOAT || e->kind == EX_BOOL ||
           e->kind == EX_STR;
}

/* `@init lib.f(args)` in a probe: the call runs once per site, at start-up
 * (whamm_init), instead of each time the probe runs; its arguments are
 * known at the site (literals once folded). */
static void gen_init_call(Gen *G, const Expr *e)
{
    for (uint32_t i = 0; i < e->nargs; i++)
        if (!is_literal(e->args[i])) {
            emit_error(G->E, e->args[i]->span, "an @init call runs at "
                       "start-up, once per site: its arguments must be "
                       "known there (literals, static bound variables)");
            return;
        }
    Gen I = *G;
    memset(&I.vars, 0, sizeof I.vars);
    I.out = &G->E->init_code;
    I.locals = &G->E->init_locals;
    I.pushed = 0;
    gen_expr(&I, e);
    drop_value(&I, e->ty);
}

static void gen_call_stmt(Gen *G, const Stmt *s)
{
    const Expr *e = s->rhs;
    if (G->site && e->kind == EX_LIBCALL && e->annot &&
        strcmp(e->annot, "init") == 0) {
        gen_init_call(G, e);
        return;
    }
    uint32_t before = G->pushed;
    gen_expr(G, s->rhs);
    if (G->pushed == before) /* an alt_call's results are the result */
        drop_value(G, s->rhs->ty);
}

/* The `if` statement s; with br_arm 1 (then) or 0 (else) that arm ends
 * with `br br_depth + 1` (gen_if_branch), with -1 neither does. */
static void gen_if_arms(Gen *G, const Stmt *s, int br_arm, uint32_t br_depth)
{
    gen_expr(G, s->rhs);
    gen_push(G, block_of(G, WASM_OP_If, NULL, 0));
    G->body_depth++;
    uint32_t nvars = G->vars.n;
    uint32_t pushed = G->pushed;
    gen_block(G, &s->then_b);
    G->vars.n = nvars;
    if (br_arm == 1)
        gen_push(G, wasm_instr_idx(WASM_OP_Br, br_depth + 1));
    if (s->else_b.n || br_arm == 0) {
        gen_push(G, wasm_instr(WASM_OP_Else));
        gen_block(G, &s->else_b);
        G->vars.n = nvars;
        if (br_arm == 0)
            gen_push(G, wasm_instr_idx(WASM_OP_Br, br_depth + 1));
    }
    G->body_depth--;
    gen_push(G, wasm_instr(WASM_OP_End));
    if (G->pushed != pushed)
        fail(G, s->span, "`return` or `alt_call_*` inside an `if` of an alt "
             "probe");
}

static void gen_if(Gen *G, const Stmt *s)
{
    gen_if_arms(G, s, -1, 0);
}

void gen_if_branch(Gen *G, const Stmt *s, bool then_taken, uint32_t depth)
{
    gen_if_arms(G, s, then_taken ? 1 : 0, depth);
}

static void gen_return(Gen *G, const Stmt *s)
{
    if (G->in_fn) {
        if (s->rhs)
            gen_expr(G, s->rhs);
        gen_push(G, wasm_instr(WASM_OP_Return));
    } else if (G->alt && s->rhs) {
        gen_expr(G, s->rhs);
        WasmValType vt[EMIT_MAX_PARTS];
        uint32_t n = emit_valtypes(s->rhs->ty, vt);
        for (uint32_t k = 0; G->site && k < n; k++)
            if (G->pushed + k >= G->site->nresults ||
                G->site->results[G->pushed + k].code != vt[k].code) {
                emit_error(G->E, s->span, "the value has type `%s`, which "
                           "is not what the replaced instruction leaves",
                           ty_name(G->E->a, s->rhs->ty));
                break;
            }
        G->pushed += n;
    } else if (!s->rhs && G->body_block) {
        gen_push(G, wasm_instr_idx(WASM_OP_Br, (uint32_t)G->body_depth));
    } else {
        fail(G, s->span, "`return` with a value outside `alt` probes");
    }
}

static void gen_stmt(Gen *G, const Stmt *s)
{
    switch (s->kind) {
    case ST_DECL: gen_decl(G, s); break;
    case ST_ASSIGN: gen_assign(G, s); break;
    case ST_INCR: case ST_DECR: gen_step(G, s); break;
    case ST_CALL: gen_call_stmt(G, s); break;
    case ST_IF: gen_if(G, s); break;
    case ST_RETURN: gen_return(G, s); break;
    default: fail(G, s->span, "this statement"); break;
    }
}

void gen_block(Gen *G, const Block *b)
{
    for (uint32_t i = 0; i < b->n && !G->E->failed; i++)
        gen_stmt(G, b->v[i]);
}

bool gen_uses_return(const Block *b)
{
    for (uint32_t i = 0; i < b->n; i++) {
        const Stmt *s = b->v[i];
        if ((s->kind == ST_RETURN && !s->rhs) ||
            gen_uses_return(&s->then_b) || gen_uses_return(&s->else_b))
            return true;
    }
    return false;
}

void gen_guarded_body(Gen *G, const Block *body, Expr *residual)
{
    gen_heap_reset(G);
    if (residual) {
        gen_expr(G, residual);
        gen_push(G, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
    }
    G->body_block = gen_uses_return(body);
    if (G->body_block)
        gen_push(G, (WasmInstr){.op = WASM_OP_Block,
                                .bt_kind = WASM_BT_EMPTY});
    gen_block(G, body);
    if (G->body_block)
        gen_push(G, wasm_instr(WASM_OP_End));
    if (residual)
        gen_push(G, wasm_instr(WASM_OP_End));
}
