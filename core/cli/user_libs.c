/* user_libs.c -- `--user-libs` (docs/language.md "Checking a script"): each SPEC
 * is `NAME=path.wasm` or `NAME(import_module)=path.wasm`, several separated
 * by commas or given by repeating the option.  Every function a library
 * exports gets a whamm signature from its Wasm type (i32, i64, f32, f64,
 * funcref; no result is `()`); functions with other types or several
 * results are kept, marked unsupported, so a call says why it fails. */
#include "cli.h"

#include "wasm/wasm.h"

#include <stdio.h>
#include <string.h>

/* Splits one NAME[(module)]=path spec into lib. */
static bool parse_spec(const char *spec, size_t len, Arena *a, UserLib *lib,
                       DiagSink *sink)
{
    const char *eq = memchr(spec, '=', len);
    const char *lp = memchr(spec, '(', eq ? (size_t)(eq - spec) : len);
    if (!eq || eq == spec || eq + 1 == spec + len) {
        diag_emit(sink, DIAG_USAGE, (Span){0}, "A user lib should be "
                  "specified using the following format: "
                  "<lib_name>=/path/to/lib.wasm (got: %.*s)", (int)len, spec);
        return false;
    }
    const char *name_end = lp ? lp : eq;
    if (lp && eq[-1] != ')') {
        diag_emit(sink, DIAG_USAGE, (Span){0}, "user lib spec missing ')' in "
                  "name part: %.*s", (int)len, spec);
        return false;
    }
    lib->name = arena_strndup(a, spec, (size_t)(name_end - spec));
    lib->import_module = lp ? arena_strndup(a, lp + 1,
                                            (size_t)(eq - 1 - (lp + 1)))
                            : lib->name;
    lib->path = arena_strndup(a, eq + 1, len - (size_t)(eq + 1 - spec));
    return true;
}

bool cli_parse_user_libs(const char *arg, Arena *a, UserLibList *out,
                         DiagSink *sink)
{
    bool ok = true;
    while (*arg) {
        size_t n = strcspn(arg, ",");
        UserLib lib = {0};
        if (n > 0 && parse_spec(arg, n, a, &lib, sink))
            vec_push(*out, lib);
        else if (n > 0)
            ok = false;
        arg += n + (arg[n] == ',');
    }
    return ok;
}

static const Type *whamm_type(WasmValType t)
{
    switch (t.code) {
    case WASM_I32: return ty_prim(TY_I32);
    case WASM_I64: return ty_prim(TY_I64);
    case WASM_F32: return ty_prim(TY_F32);
    case WASM_F64: return ty_prim(TY_F64);
    case WASM_FUNCREF: return ty_prim(TY_FUNCREF);
    default: return NULL;
    }
}

static const char *wasm_type_name(WasmValType t)
{
    switch (t.code) {
    case WASM_V128: return "v128";
    case WASM_EXTERNREF: return "externref";
    case WASM_EXNREF: return "exnref";
    default: return "a reference";
    }
}

static const char *unsupported(Arena *a, const char *what, uint32_t i,
                               WasmValType t)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s %u is %s (whamm passes i32, i64, f32, "
             "f64 and funcref)", what, i, wasm_type_name(t));
    return arena_strndup(a, msg, strlen(msg));
}

/* The whamm signature of a Wasm function type, or why there is none. */
static void signature(const WasmType *ft, Arena *a, TcLibFn *f)
{
    const Type **params = arena_alloc(a, sizeof *params * (ft->nparams + 1));
    for (uint32_t i = 0; i < ft->nparams && !f->unsupported; i++) {
        params[i] = whamm_type(ft->params[i]);
        if (!params[i])
            f->unsupported = unsupported(a, "parameter", i, ft->params[i]);
    }
    f->params = params;
    f->nparams = ft->nparams;
    f->result = ty_unit();
    if (ft->nresults > 1)
        f->unsupported = "it returns several values (at most one is "
                         "supported)";
    else if (ft->nresults == 1 && !(f->result = whamm_type(ft->results[0])))
        f->unsupported = unsupported(a, "result", 0, ft->results[0]);
}

static void collect_fns(const WasmModule *m, Arena *a, TcLib *out)
{
    TcLibFn *fns = arena_alloc(a, sizeof *fns * (m->exports.n + 1));
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->exports.n; i++) {
        const WasmExport *e = &m->exports.v[i];
        if (e->kind != WASM_EXT_FUNC)
            continue;
        TcLibFn *f = &fns[n++];
        f->name = arena_strndup(a, e->name, e->name_len);
        signature(wasm_func_type(m, e->index), a, f);
    }
    out->fns = fns;
    out->nfns = n;
}

static bool load_one(UserLib *lib, Arena *a, TcLib *out, bool keep,
                     DiagSink *sink)
{
    char msg[512];
    if (!file_view_open(lib->path, &lib->view, msg, sizeof msg)) {
        diag_emit(sink, DIAG_IO, (Span){0}, "user lib `%s`: %s", lib->name,
                  msg);
        return false;
    }
    WasmError err;
    bool ok = wasm_module_read(&lib->module, lib->view.data, lib->view.len,
                               NULL, &err);
    if (!ok) {
        diag_emit_at_offset(sink, DIAG_BAD_MODULE, lib->path, err.offset,
                            "user lib `%s`: %s", lib->name, err.msg);
        file_view_close(&lib->view);
        return false;
    }
    out->name = lib->name;
    collect_fns(&lib->module, a, out);
    lib->kept = keep;
    if (!keep) {
        wasm_module_fini(&lib->module);
        file_view_close(&lib->view);
    }
    return true;
}

bool cli_load_user_libs(UserLibList *libs, Arena *a, TcLib **out, bool keep,
                        DiagSink *sink)
{
    *out = arena_alloc(a, sizeof **out * (libs->n + 1));
    bool ok = true;
    for (uint32_t i = 0; i < libs->n; i++)
        ok &= load_one(&libs->v[i], a, &(*out)[i], keep, sink);
    return ok;
}

void cli_release_user_libs(UserLibList *libs)
{
    for (uint32_t i = 0; i < libs->n; i++)
        if (libs->v[i].kept) {
            wasm_module_fini(&libs->v[i].module);
            file_view_close(&libs->v[i].view);
            libs->v[i].kept = false;
        }
    vec_free(*libs);
}

bool cli_load_libs(const char *const *args, int nargs, Arena *a,
                   CliLibs *out, DiagSink *sink)
{
    bool ok = true;
    for (int i = 0; i < nargs; i++)
        ok &= cli_parse_user_libs(args[i], a, &out->specs, sink);
    ok = cli_load_user_libs(&out->specs, a, &out->tc, true, sink) && ok;
    out->emit = arena_alloc(a, sizeof *out->emit * (out->specs.n + 1));
    for (uint32_t i = 0; i < out->specs.n; i++) {
        const UserLib *u = &out->specs.v[i];
        out->emit[i] = (EmitLib){u->name, u->path, &u->module};
    }
    return ok;
}
