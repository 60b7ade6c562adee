/* base.c -- what every layer of the emitter shares: errors, the Wasm value
 * types and memory sizes of whamm types, the report's type order
 * (docs/instr.md "The report") and lookups of script globals and functions. */
#include "base.h"

#include <stdarg.h>
#include <string.h>

void emit_error(Emit *E, Span at, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_emit(E->sink, DIAG_INSTRUMENT, at, "%s", msg);
    E->failed = true;
}

/* ---- types ---------------------------------------------------------------- */

/* One scalar of a whamm type: its Wasm value type, its bytes in memory and
 * how a narrow one is loaded. */
static EmitPart scalar_part(TypeKind k, uint32_t offset)
{
    EmitPart p = {{WASM_I32, 0}, 4, false, offset, k};
    switch (k) {
    case TY_U8: p.size = 1; break;
    case TY_I8: p.size = 1; p.sign = true; break;
    case TY_U16: p.size = 2; break;
    case TY_I16: p.size = 2; p.sign = true; break;
    case TY_U64: case TY_I64: p.vt.code = WASM_I64; p.size = 8; break;
    case TY_F32: p.vt.code = WASM_F32; break;
    case TY_F64: p.vt.code = WASM_F64; p.size = 8; break;
    default: break; /* u32 i32 bool, a str half, a map's header address */
    }
    return p;
}

/* A funcref is a Wasm reference: it lives in locals and globals only,
 * never in whamm's memory (the checker keeps it out of slots, maps and
 * tuples), so it takes no bytes. */
static bool add_funcref_part(EmitPart *out, uint32_t *n, uint32_t offset)
{
    if (*n + 1 > EMIT_MAX_PARTS)
        return false;
    out[(*n)++] = (EmitPart){{WASM_FUNCREF, 0}, 0, false, offset,
                             TY_FUNCREF};
    return true;
}

static bool add_parts(const Type *t, EmitPart *out, uint32_t *n,
                      uint32_t *offset)
{
    if (t->kind == TY_TUPLE) {
        for (uint32_t i = 0; i < t->n; i++)
            if (!add_parts(t->elems[i], out, n, offset))
                return false;
        return true;
    }
    bool str = t->kind == TY_STR;
    if (t->kind == TY_FUNCREF)
        return add_funcref_part(out, n, *offset);
    if (t->kind > TY_STR && t->kind != TY_MAP)
        return false;
    if (*n + 1 + str > EMIT_MAX_PARTS)
        return false;
    out[*n] = scalar_part(str ? TY_U32 : t->kind, *offset);
    out[*n].kind = t->kind;
    *offset += out[(*n)++].size;
    if (str) {
        out[*n] = scalar_part(TY_U32, *offset);
        out[*n].kind = TY_STR;
        *offset += out[(*n)++].size;
    }
    return true;
}

uint32_t emit_parts(const Type *t, EmitPart out[EMIT_MAX_PARTS])
{
    uint32_t n = 0, offset = 0;
    return t && add_parts(t, out, &n, &offset) ? n : 0;
}

uint32_t emit_valtypes(const Type *t, WasmValType out[EMIT_MAX_PARTS])
{
    EmitPart p[EMIT_MAX_PARTS];
    uint32_t n = emit_parts(t, p);
    for (uint32_t i = 0; i < n; i++)
        out[i] = p[i].vt;
    return n;
}

/* The default value of one Wasm part: zero, or a null reference. */
WasmInstr emit_zero_instr(WasmValType vt)
{
    switch (vt.code) {
    case WASM_I64: return wasm_instr_i64(0);
    case WASM_F32: return (WasmInstr){.op = WASM_OP_F32Const};
    case WASM_F64: return (WasmInstr){.op = WASM_OP_F64Const};
    case WASM_FUNCREF:
        return (WasmInstr){.op = WASM_OP_RefNull,
                           .vt = {WASM_REF_NULL, -16}}; /* func */
    default: return wasm_instr_i32(0);
    }
}

uint32_t emit_nparts(const Type *t)
{
    EmitPart p[EMIT_MAX_PARTS];
    return emit_parts(t, p);
}

/* Bytes of a value in memory, packed. */
uint32_t emit_type_size(const Type *t)
{
    EmitPart p[EMIT_MAX_PARTS];
    uint32_t n = emit_parts(t, p);
    return n ? p[n - 1].offset + p[n - 1].size : 0;
}

/* The runtime's type descriptor (core/runtime/runtime.h). */
void emit_type_desc(Buf *b, const Type *t)
{
    static const char desc[] = {
        [TY_U8] = 'B', [TY_I8] = 'b', [TY_U16] = 'H', [TY_I16] = 'h',
        [TY_U32] = 'I', [TY_I32] = 'i', [TY_F32] = 'f', [TY_U64] = 'L',
        [TY_I64] = 'l', [TY_F64] = 'd', [TY_BOOL] = '?', [TY_STR] = 's'};
    if (t->kind == TY_TUPLE) {
        buf_push(b, '(');
        for (uint32_t i = 0; i < t->n; i++)
            emit_type_desc(b, t->elems[i]);
        buf_push(b, ')');
    } else {
        buf_push(b, t->kind == TY_MAP ? 'm' : desc[t->kind]);
    }
}

/* The report's wasm_type column: `i32`, or `(i32; i32)` for several. */
void emit_wasm_type_text(Buf *b, const Type *t)
{
    static const char *const names[] = {"i32", "i64", "f32", "f64"};
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = emit_valtypes(t, vt);
    if (n != 1)
        buf_push(b, '(');
    for (uint32_t i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? "; " : "",
                   names[vt[i].code == WASM_I64 ? 1 : vt[i].code == WASM_F32
                         ? 2 : vt[i].code == WASM_F64 ? 3 : 0]);
    if (n != 1)
        buf_push(b, ')');
}

WasmOpcode emit_load_op(const EmitPart *p)
{
    switch (p->size) {
    case 1: return p->sign ? WASM_OP_I32Load8S : WASM_OP_I32Load8U;
    case 2: return p->sign ? WASM_OP_I32Load16S : WASM_OP_I32Load16U;
    case 8: return p->vt.code == WASM_F64 ? WASM_OP_F64Load : WASM_OP_I64Load;
    default: return p->vt.code == WASM_F32 ? WASM_OP_F32Load : WASM_OP_I32Load;
    }
}

WasmOpcode emit_store_op(const EmitPart *p)
{
    switch (p->size) {
    case 1: return WASM_OP_I32Store8;
    case 2: return WASM_OP_I32Store16;
    case 8: return p->vt.code == WASM_F64 ? WASM_OP_F64Store
                                          : WASM_OP_I64Store;
    default: return p->vt.code == WASM_F32 ? WASM_OP_F32Store
                                           : WASM_OP_I32Store;
    }
}

/* Report and allocation order of types (docs/instr.md "The report"): the scalars
 * in table order, str, then tuples, then maps. */
int emit_type_rank(const Type *t) { return (int)t->kind; }

/* Allocation order: by rank; tuples element by element (a nested tuple
 * after scalars). */
int emit_type_cmp(const Type *a, const Type *b)
{
    int ra = emit_type_rank(a), rb = emit_type_rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->kind != TY_TUPLE)
        return 0;
    for (uint32_t i = 0; i < a->n && i < b->n; i++) {
        int c = emit_type_cmp(a->elems[i], b->elems[i]);
        if (c)
            return c;
    }
    return a->n < b->n ? -1 : a->n > b->n;
}

/* Values of t can be held in Wasm values and packed in memory: scalars,
 * str, maps (a header address) and tuples of them. */
bool emit_type_supported(const Type *t)
{
    return t->kind == TY_TUPLE ? emit_nparts(t) > 0 || t->n == 0
                               : emit_nparts(t) > 0;
}

/* ---- lookups --------------------------------------------------------------- */

const GlobalVar *emit_find_global(const Emit *E, uint32_t script,
                                  const char *name)
{
    for (uint32_t i = 0; i < E->globals.n; i++)
        if (E->globals.v[i].script == script &&
            strcmp(E->globals.v[i].name, name) == 0)
            return &E->globals.v[i];
    return NULL;
}

const UserFn *emit_find_fn(const Emit *E, uint32_t script, const char *name)
{
    for (uint32_t i = 0; i < E->fns.n; i++)
        if (E->fns.v[i].script == script &&
            strcmp(E->fns.v[i].name, name) == 0)
            return &E->fns.v[i];
    return NULL;
}

/* N of a pattern name "argN"; -1 if name is not prefix + digits. */
int emit_pattern_index(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0 || !name[n])
        return -1;
    int v = 0;
    for (const char *p = name + n; *p; p++) {
        if (*p < '0' || *p > '9' || v > 100000)
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

bool emit_is_builtin_call(const Expr *e, const char *name)
{
    return e->kind == EX_CALL && e->sym == SYM_BUILTIN &&
           strcmp(e->name, name) == 0;
}
