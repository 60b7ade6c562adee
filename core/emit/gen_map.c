/* gen_map.c -- map reads, writes and `m[k]++` in generated code
 * (docs/instr.md "Maps and tuples"; the runtime side is runtime.h "Maps").
 *
 * A map value is the address of its header.  When the map is known at the
 * site (a script-level map, or a per-site `unshared`/`report` map) and the
 * key folds to a constant there, the entry is laid out in the image
 * (map_layout.c) and the code reads or updates the value in place; a write
 * also marks the entry present.  Any other access assembles the key in a
 * buffer and calls the runtime's hash map.  A missing key reads as the
 * value type's default. */
#include "gen.h"

#include <string.h>

static void push_i32(Gen *G, int32_t v) { gen_push(G, wasm_instr_i32(v)); }

static void get(Gen *G, uint32_t local)
{
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, local));
}

static void set(Gen *G, uint32_t local)
{
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, local));
}

static void mem_op(Gen *G, WasmOpcode op, uint32_t offset)
{
    gen_push(G, wasm_instr_memarg(op, 0, offset, G->E->state_mem));
}

/* The header of the map m names when it is known here, else 0. */
static uint32_t known_header(const Gen *G, const Expr *m)
{
    if (m->kind != EX_ID)
        return 0;
    if (m->sym == SYM_GLOBAL) {
        const GlobalVar *g = emit_find_global(G->E, G->script, m->name);
        return g ? g->map_hdr : 0;
    }
    const GenVar *v = m->sym == SYM_LOCAL ? gen_find_var(G, m->name) : NULL;
    return v && v->slot ? v->map_hdr : 0;
}

static void push_map(Gen *G, const Expr *m, uint32_t hdr)
{
    if (hdr)
        push_i32(G, (int32_t)hdr);
    else
        gen_expr(G, m);
}

/* ---- static keys ------------------------------------------------------------ */

static void put_bytes(uint8_t *rec, const EmitPart *p, uint64_t bits)
{
    for (uint32_t b = 0; b < p->size; b++)
        rec[p->offset + b] = (uint8_t)(bits >> (8 * b));
}

static uint64_t float_bits(const EmitPart *p, double v)
{
    if (p->vt.code == WASM_F32) {
        float f = (float)v;
        uint32_t u;
        memcpy(&u, &f, 4);
        return u;
    }
    uint64_t u;
    memcpy(&u, &v, 8);
    return u;
}

/* Writes the literal e into the key record from part *i on. */
static bool literal_parts(Gen *G, const Expr *e, const EmitPart *p,
                          uint32_t n, uint32_t *i, uint8_t *rec)
{
    if (e->kind == EX_TUPLE) {
        for (uint32_t k = 0; k < e->nargs; k++)
            if (!literal_parts(G, e->args[k], p, n, i, rec))
                return false;
        return true;
    }
    if (*i + (e->kind == EX_STR) >= n)
        return false;
    const EmitPart *q = &p[(*i)++];
    bool flt = q->vt.code == WASM_F32 || q->vt.code == WASM_F64;
    switch (e->kind) {
    case EX_INT:
        put_bytes(rec, q, flt ? float_bits(q, (double)e->ival)
                              : (uint64_t)e->ival);
        return true;
    case EX_BOOL:
        put_bytes(rec, q, e->bits != 0);
        return true;
    case EX_FLOAT:
        if (!flt)
            return false;
        put_bytes(rec, q, float_bits(q, e->fval));
        return true;
    case EX_STR:
        put_bytes(rec, q, emit_intern(G->E, e->str, e->slen));
        put_bytes(rec, &p[(*i)++], e->slen);
        return true;
    default:
        return false;
    }
}

/* The key record of key k when it is a literal at this site. */
static bool static_key(Gen *G, const Expr *k, const Type *mt, uint8_t *rec)
{
    EmitPart p[EMIT_MAX_PARTS];
    uint32_t i = 0, n = emit_parts(mt->key, p);
    memset(rec, 0, EMIT_MAP_KEY_MAX);
    return literal_parts(G, k, p, n, &i, rec) && i == n;
}

/* The static entry of m[k], or 0 when the access must go through the
 * runtime.  *global: the Wasm global holding the entry's value when the
 * map keeps them there (emit_map_in_globals), else -1. */
static uint32_t static_entry_in(Gen *G, const Expr *index, int64_t *global)
{
    const Type *mt = index->a->ty;
    uint32_t hdr = known_header(G, index->a);
    uint8_t rec[EMIT_MAP_KEY_MAX];
    *global = -1;
    if (!hdr || !static_key(G, index->b, mt, rec)) {
        G->E->dynamic_sites++;
        return 0;
    }
    G->E->static_sites++;
    if (!emit_map_in_globals(G->E, G->script, index->a->name, mt))
        return emit_map_entry(G->E, hdr, mt, rec);
    uint32_t entry;
    *global = emit_map_entry_global(G->E, hdr, mt, rec, &entry);
    return entry;
}

static uint32_t value_addr(const Type *mt, uint32_t entry)
{
    return entry + 8 + emit_map_key_size(mt);
}

static void mark_present(Gen *G, uint32_t entry)
{
    push_i32(G, 0);
    push_i32(G, 1);
    mem_op(G, WASM_OP_I32Store, entry + 4);
}

/* ---- dynamic keys -------------------------------------------------------------- */

/* Evaluates e into temporaries, one per part of t. */
static uint32_t to_temps(Gen *G, const Expr *e, const Type *t, uint32_t *tmp)
{
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = emit_valtypes(t, vt);
    gen_expr(G, e);
    gen_save_parts(G, vt, n, tmp);
    return n;
}

/* Stores temporaries holding a value of type t at [base local] + offset
 * (base < 0: at the absolute address offset). */
static void store_temps(Gen *G, const Type *t, const uint32_t *tmp,
                        int64_t base, uint32_t offset)
{
    EmitPart p[EMIT_MAX_PARTS];
    uint32_t n = emit_parts(t, p);
    for (uint32_t i = 0; i < n; i++) {
        if (base >= 0)
            get(G, (uint32_t)base);
        else
            push_i32(G, 0);
        get(G, tmp[i]);
        mem_op(G, emit_store_op(&p[i]), offset + p[i].offset);
    }
}

/* m's header and the key's record address on the stack, key in temps. */
static void key_args(Gen *G, const Expr *index, const uint32_t *ktmp)
{
    uint32_t buf = emit_map_keybuf(G->E);
    store_temps(G, index->a->ty->key, ktmp, -1, buf);
    push_map(G, index->a, known_header(G, index->a));
    push_i32(G, (int32_t)buf);
}

/* The value record of m[k] (0 if missing, for find) in a new local. */
static uint32_t call_runtime(Gen *G, const Expr *index,
                             const uint32_t *ktmp, const char *fn)
{
    key_args(G, index, ktmp);
    gen_push(G, wasm_instr_idx(WASM_OP_Call, emit_rt_func(G->E, fn)));
    uint32_t p = gen_local(G, (WasmValType){WASM_I32, 0});
    set(G, p);
    return p;
}

/* Loads a value of type t from [local p] + 0. */
static void load_from(Gen *G, const Type *t, uint32_t ptr)
{
    EmitPart p[EMIT_MAX_PARTS];
    uint32_t n = emit_parts(t, p);
    for (uint32_t i = 0; i < n; i++) {
        get(G, ptr);
        mem_op(G, emit_load_op(&p[i]), p[i].offset);
    }
}

/* str parts of a value kept beyond read_str's heap, which is emptied when
 * the next probe starts (runtime.h whamm_rt_str_keep). */
static void keep_strings(Gen *G, const Expr *rhs, const Type *t,
                         const uint32_t *tmp)
{
    EmitPart p[EMIT_MAX_PARTS];
    uint32_t n = emit_parts(t, p);
    if (!G->E->heap_resets || rhs->kind == EX_STR)
        return;
    for (uint32_t i = 0; i + 1 < n; i++) {
        if (p[i].kind != TY_STR)
            continue;
        get(G, tmp[i]);
        get(G, tmp[i + 1]);
        gen_push(G, wasm_instr_idx(WASM_OP_Call,
                                   emit_rt_func(G->E, "whamm_rt_str_keep")));
        set(G, tmp[i]);
        i++;
    }
}

/* ---- the three accesses ---------------------------------------------------------- */

void gen_map_get(Gen *G, const Expr *e)
{
    const Type *mt = e->a->ty;
    int64_t global;
    uint32_t entry = static_entry_in(G, e, &global);
    if (global >= 0) {
        gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, (uint32_t)global));
        return;
    }
    if (entry) {
        gen_load_slot(G, mt->val, value_addr(mt, entry));
        return;
    }
    uint32_t ktmp[EMIT_MAX_PARTS];
    to_temps(G, e->b, mt->key, ktmp);
    uint32_t p = call_runtime(G, e, ktmp, "whamm_rt_map_find");
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = emit_valtypes(mt->val, vt);
    get(G, p);
    gen_push(G, wasm_instr(WASM_OP_I32Eqz));
    gen_push(G, gen_block_instr(G->E->m, WASM_OP_If, vt, n));
    gen_default(G, mt->val);
    gen_push(G, wasm_instr(WASM_OP_Else));
    load_from(G, mt->val, p);
    gen_push(G, wasm_instr(WASM_OP_End));
}

void gen_map_set(Gen *G, const Expr *lhs, const Expr *rhs)
{
    const Type *mt = lhs->a->ty;
    uint32_t vtmp[EMIT_MAX_PARTS], ktmp[EMIT_MAX_PARTS];
    int64_t global;
    uint32_t entry = static_entry_in(G, lhs, &global);
    if (global >= 0) {
        gen_expr(G, rhs);
        gen_push(G, wasm_instr_idx(WASM_OP_GlobalSet, (uint32_t)global));
        mark_present(G, entry);
        return;
    }
    if (entry) {
        to_temps(G, rhs, mt->val, vtmp);
        keep_strings(G, rhs, mt->val, vtmp);
        store_temps(G, mt->val, vtmp, -1, value_addr(mt, entry));
        mark_present(G, entry);
        return;
    }
    to_temps(G, lhs->b, mt->key, ktmp);
    to_temps(G, rhs, mt->val, vtmp);
    keep_strings(G, rhs, mt->val, vtmp);
    uint32_t p = call_runtime(G, lhs, ktmp, "whamm_rt_map_insert");
    store_temps(G, mt->val, vtmp, p, 0);
}

void gen_map_step(Gen *G, const Expr *lhs, int delta)
{
    const Type *mt = lhs->a->ty;
    EmitPart part[EMIT_MAX_PARTS];
    emit_parts(mt->val, part);
    int64_t global;
    uint32_t entry = static_entry_in(G, lhs, &global);
    if (entry) {
        uint32_t at = value_addr(mt, entry);
        bool is_int = ty_is_int(mt->val);
        uint32_t t = gen_local(G, part[0].vt);
        if (global >= 0) {
            gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, (uint32_t)global));
        } else {
            push_i32(G, 0);
            push_i32(G, 0);
            mem_op(G, emit_load_op(&part[0]), at);
        }
        gen_add_const(G, mt->val, delta);
        gen_push(G, wasm_instr_idx(WASM_OP_LocalTee, t));
        if (global >= 0)
            gen_push(G, wasm_instr_idx(WASM_OP_GlobalSet, (uint32_t)global));
        else
            mem_op(G, emit_store_op(&part[0]), at);
        if (!is_int) {
            mark_present(G, entry);
            return;
        }
        /* a non-zero value marks the entry present by itself (runtime.h
         * "Maps"): only a zero result needs the store */
        get(G, t);
        gen_push(G, wasm_instr(part[0].vt.code == WASM_I64 ? WASM_OP_I64Eqz
                                                          : WASM_OP_I32Eqz));
        gen_push(G, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
        mark_present(G, entry);
        gen_push(G, wasm_instr(WASM_OP_End));
        return;
    }
    uint32_t ktmp[EMIT_MAX_PARTS];
    to_temps(G, lhs->b, mt->key, ktmp);
    uint32_t p = call_runtime(G, lhs, ktmp, "whamm_rt_map_insert");
    get(G, p);
    get(G, p);
    mem_op(G, emit_load_op(&part[0]), 0);
    gen_add_const(G, mt->val, delta);
    mem_op(G, emit_store_op(&part[0]), 0);
}
