/* inline.c -- tiny probe functions inlined where `whamm attach` calls
 * them (docs/wei.md "Cost").
 *
 * A probe is a call of the monitor's function at each site; engines that
 * do not inline Wasm calls (V8 in node 20) pay a call per event where a
 * rewritten script pays nothing.  A probe function of at most
 * INLINE_MAX_INSTR instructions, with numeric locals only, no results and
 * no tail calls, is copied in place of each call: its arguments go into
 * locals of the caller (one set per caller and probe function, since an
 * inlined body calls no probe), its other locals are zeroed, and its body
 * runs in a block, where `return` becomes a branch out of the block.  The
 * body is already in the output's index spaces (merged), so nothing else
 * changes; a probe function that is not eligible stays a call. */
#include "wei_impl.h"

#define INLINE_MAX_INSTR 48

typedef struct {
    uint32_t func;
    WasmInstr *code;         /* the body without its final end */
    uint32_t ncode;
    WasmValType *locals;     /* parameters, then declared locals */
    uint32_t nparams, nlocals;
} Inlinee;

typedef VEC(Inlinee) Inlinees;
typedef VEC(WasmInstr) Code;

static bool numeric(WasmValType t)
{
    return t.code == WASM_I32 || t.code == WASM_I64 || t.code == WASM_F32 ||
           t.code == WASM_F64;
}

/* The declared locals of f after its parameters, numeric only. */
static bool read_locals(const WasmModule *m, uint32_t f, Arena *a,
                        Inlinee *out)
{
    const WasmFunc *fn = &m->funcs.v[f];
    const WasmType *ft = wasm_func_type(m, f);
    const uint8_t *body = fn->new_body ? fn->new_body
                                       : m->bytes + fn->body.off;
    uint32_t len = fn->new_body ? fn->new_body_len : fn->body.len;
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, body, len, &err);
    uint32_t groups;
    VEC(WasmValType) v = {0};
    for (uint32_t i = 0; i < ft->nparams; i++)
        avec_push(a, v, ft->params[i]);
    TRY(wdec_u32(&r, &groups, "locals"));
    for (uint32_t g = 0; g < groups; g++) {
        uint32_t n;
        WasmValType t;
        TRY(wdec_u32(&r, &n, "locals") && wdec_valtype(&r, &t, "local"));
        if (!numeric(t) || n > INLINE_MAX_INSTR)
            return false; /* zeroing many locals costs what a call does */
        for (uint32_t k = 0; k < n; k++)
            avec_push(a, v, t);
    }
    for (uint32_t i = 0; i < v.n; i++)
        if (!numeric(v.v[i]))
            return false;
    out->locals = v.v;
    out->nlocals = v.n;
    out->nparams = ft->nparams;
    return true;
}

static bool eligible_instr(const WasmInstr *in, uint32_t self)
{
    switch (in->op) {
    case WASM_OP_ReturnCall: case WASM_OP_ReturnCallIndirect:
    case WASM_OP_ReturnCallRef: case WASM_OP_Delegate:
        return false;
    case WASM_OP_Call:
        return in->a != self;
    default:
        return true;
    }
}

/* f's body when it can be inlined. */
static bool load_inlinee(WasmModule *m, uint32_t f, Arena *a, Inlinee *out)
{
    const WasmType *ft = wasm_func_type(m, f);
    WasmBodyEditor ed;
    WasmError err;
    if (m->funcs.v[f].import >= 0 || ft->nresults != 0 ||
        !wrw_open(&ed, m, f, a, &err) || ed.ncode > INLINE_MAX_INSTR + 1 ||
        !read_locals(m, f, a, out))
        return false;
    for (uint32_t i = 0; i < ed.ncode; i++)
        if (!eligible_instr(&ed.code[i], f))
            return false;
    out->func = f;
    out->code = ed.code;
    out->ncode = ed.ncode - 1; /* the function's end */
    return true;
}

/* The functions this pass added named like the probes' aliases (wei_pN,
 * set on the monitor before it was merged; an app instrumented before may
 * have its own). */
static void find_inlinees(WasmModule *m, const WeiMonitor *mon, Arena *a,
                          Inlinees *out)
{
    for (uint32_t f = m->norig[WASM_EXT_FUNC]; f < m->funcs.n; f++) {
        const char *name = m->funcs.v[f].name;
        uint32_t len = m->funcs.v[f].name_len;
        if (!name || m->funcs.v[f].import >= 0)
            continue;
        for (uint32_t p = 0; p < mon->probes.n; p++) {
            const char *alias = mon->probes.v[p].alias;
            Inlinee in;
            if (len == strlen(alias) && memcmp(name, alias, len) == 0 &&
                load_inlinee(m, f, a, &in)) {
                avec_push(a, *out, in);
                break;
            }
        }
    }
}

static const Inlinee *inlinee_of(const Inlinees *v, const WasmInstr *in)
{
    if (in->op != WASM_OP_Call)
        return NULL;
    for (uint32_t i = 0; i < v->n; i++)
        if (v->v[i].func == in->a)
            return &v->v[i];
    return NULL;
}

/* The code that replaces one call: arguments into the locals from base,
 * the other locals zeroed, the body in a block. */
static void inline_code(const Inlinee *x, uint32_t base, Code *c, Arena *a)
{
    for (uint32_t k = x->nparams; k-- > 0;)
        avec_push(a, *c, wasm_instr_idx(WASM_OP_LocalSet, base + k));
    for (uint32_t k = x->nparams; k < x->nlocals; k++) {
        WasmInstr zero = {0};
        switch (x->locals[k].code) {
        case WASM_I32: zero.op = WASM_OP_I32Const; break;
        case WASM_I64: zero.op = WASM_OP_I64Const; break;
        case WASM_F32: zero.op = WASM_OP_F32Const; break;
        default: zero.op = WASM_OP_F64Const; break;
        }
        avec_push(a, *c, zero);
        avec_push(a, *c, wasm_instr_idx(WASM_OP_LocalSet, base + k));
    }
    WasmInstr block = wasm_instr(WASM_OP_Block);
    block.bt_kind = WASM_BT_EMPTY;
    avec_push(a, *c, block);
    uint32_t depth = 0;
    for (uint32_t i = 0; i < x->ncode; i++) {
        WasmInstr in = x->code[i];
        in.off = in.len = 0; /* new code: encoded, not copied */
        uint16_t flags = wasm_ops[in.op].flags;
        if (in.op == WASM_OP_LocalGet || in.op == WASM_OP_LocalSet ||
            in.op == WASM_OP_LocalTee)
            in.a += base;
        else if (in.op == WASM_OP_Return)
            in = wasm_instr_idx(WASM_OP_Br, depth);
        if (flags & OPF_BLOCK)
            depth++;
        else if ((flags & OPF_END) && depth > 0)
            depth--;
        avec_push(a, *c, in);
    }
    avec_push(a, *c, wasm_instr(WASM_OP_End));
}

/* Inlines every call of an inlinee in function g. */
static void inline_in(WasmModule *m, uint32_t g, const Inlinees *v,
                      Arena *a)
{
    WasmBodyEditor ed;
    WasmError err;
    if (!wrw_open(&ed, m, g, a, &err))
        return;
    uint32_t *base = arena_alloc(a, sizeof *base * v->n);
    bool *have = arena_alloc(a, sizeof *have * v->n);
    bool changed = false;
    for (uint32_t i = 0; i < ed.ncode; i++) {
        const Inlinee *x = inlinee_of(v, &ed.code[i]);
        if (!x)
            continue;
        uint32_t k = (uint32_t)(x - v->v);
        if (!have[k]) {
            have[k] = true;
            for (uint32_t l = 0; l < x->nlocals; l++) {
                uint32_t at = wrw_add_local(&ed, x->locals[l]);
                if (l == 0)
                    base[k] = at; /* the locals added are consecutive */
            }
        }
        Code c = {0};
        inline_code(x, base[k], &c, a);
        wrw_replace(&ed, i, c.v, c.n);
        changed = true;
    }
    if (changed)
        wrw_commit(&ed);
}

void wei_inline_probes(WasmModule *m, const WeiMonitor *mon)
{
    Arena a;
    arena_init(&a);
    Inlinees v = {0};
    find_inlinees(m, mon, &a, &v);
    for (uint32_t g = 0; v.n && g < m->funcs.n; g++) {
        const WasmFunc *fn = &m->funcs.v[g];
        if (fn->import >= 0 || !(fn->refs & WASM_REFS_FUNC))
            continue;
        bool self = false;
        for (uint32_t i = 0; i < v.n; i++)
            self |= v.v[i].func == g;
        if (!self) {
            Arena fa;
            arena_init(&fa);
            inline_in(m, g, &v, &fa);
            arena_fini(&fa);
        }
    }
    arena_fini(&a);
}
