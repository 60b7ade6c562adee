/* base.c -- what every layer of the emitter shares: errors, the Wasm value
 * types and memory sizes of whamm types (language.md §3.1), the report's
 * type order (§10.3) and lookups of script globals and functions. */
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

uint32_t emit_valtypes(const Type *t, WasmValType out[2])
{
    switch (t->kind) {
    case TY_U64: case TY_I64: out[0] = (WasmValType){WASM_I64, 0}; return 1;
    case TY_F32: out[0] = (WasmValType){WASM_F32, 0}; return 1;
    case TY_F64: out[0] = (WasmValType){WASM_F64, 0}; return 1;
    case TY_STR:
        out[0] = out[1] = (WasmValType){WASM_I32, 0};
        return 2;
    case TY_U8: case TY_I8: case TY_U16: case TY_I16: case TY_U32:
    case TY_I32: case TY_BOOL:
        out[0] = (WasmValType){WASM_I32, 0};
        return 1;
    default:
        return 0;
    }
}

/* Bytes of a value in memory (language.md §3.1). */
uint32_t emit_type_size(const Type *t)
{
    switch (t->kind) {
    case TY_U8: case TY_I8: return 1;
    case TY_U16: case TY_I16: return 2;
    case TY_U64: case TY_I64: case TY_F64: case TY_STR: return 8;
    default: return 4;
    }
}

/* The runtime's type descriptor (core/runtime/runtime.h). */
char emit_type_desc(const Type *t)
{
    static const char desc[] = {
        [TY_U8] = 'B', [TY_I8] = 'b', [TY_U16] = 'H', [TY_I16] = 'h',
        [TY_U32] = 'I', [TY_I32] = 'i', [TY_F32] = 'f', [TY_U64] = 'L',
        [TY_I64] = 'l', [TY_F64] = 'd', [TY_BOOL] = '?', [TY_STR] = 's'};
    return t->kind <= TY_STR ? desc[t->kind] : 0;
}

/* Report and allocation order of types (language.md §10.3). */
int emit_type_rank(const Type *t) { return (int)t->kind; }

bool emit_type_supported(const Type *t)
{
    return t->kind <= TY_STR;
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
