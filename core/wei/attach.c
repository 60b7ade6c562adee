/* attach.c -- `whamm attach`: a wei monitor applied by rewriting
 * (docs/wei.md "Attaching").
 *
 * The monitor's probes become a whamm script that the rewriting target
 * instruments the app with, the monitor merged like a user library
 * (`use wei_monitor;`).  A probe export
 *     wasm:opcode:br_if / $12(fid, pc) /($alloc(fname, fid, pc), arg0)
 * becomes
 *     wasm:opcode:br_if:before
 *         / @static wei_monitor.wei_c0(fid, pc) != 0 / {
 *         wei_monitor.wei_p0(@static wei_monitor.wei_c1(fname, fid, pc),
 *                            arg0);
 *     }
 * where wei_pN and wei_cN are alias exports of the probe function and of
 * each static call (each has its own whamm signature).  Run-time values
 * whose type the event does not fix (`wasm:opcode:*` operands, locals)
 * become type bounds, so sites where they have another type do not match.
 * `wasm:exit` runs in `wasm:end`.  Static calls run in the interpreter
 * (bind.c). */
#include "wei_impl.h"

#include "../interp/interp.h"

#include <stdio.h>

#define SCRIPT_NAME "<whamm attach>"
/* What the monitor prints while binding is printed again when the program
 * starts, one byte per call: a line or two, not a log. */
#define MAX_BIND_OUTPUT 65536u

/* ---- the script ----------------------------------------------------------------- */

static void write_value(Buf *b, const WeiMonitor *mon, const WeiValue *v);

static void write_call(Buf *b, const WeiMonitor *mon, const WeiValue *v)
{
    buf_printf(b, "@static wei_monitor.%s(", mon->calls.v[v->call].alias);
    for (uint32_t i = 0; i < v->nargs; i++) {
        buf_printf(b, "%s", i ? ", " : "");
        write_value(b, mon, &v->args[i]);
    }
    buf_push(b, ')');
}

static void write_value(Buf *b, const WeiMonitor *mon, const WeiValue *v)
{
    if (v->kind == WV_CALL)
        write_call(b, mon, v);
    else
        buf_printf(b, "%s", v->expr);
}

/* A br_table probe that asks for labels some sites lack filters on the
 * label count first: such a site does not match, and the monitor's
 * predicate, folded only in the branch of an `if` that is taken, is not
 * called there (both sides of an && are folded before it is decided). */
static void write_probe(Buf *b, const WeiMonitor *mon, const WeiProbe *p)
{
    bool pred_in_body = p->has_pred && p->need_label;
    buf_printf(b, "%s", p->rule);
    if (p->need_label)
        buf_printf(b, " / num_targets >= %u /", p->need_label);
    else if (p->has_pred) {
        buf_printf(b, " / ");
        write_call(b, mon, &p->pred);
        buf_printf(b, " != 0 /");
    }
    buf_printf(b, " {\n");
    if (pred_in_body) {
        buf_printf(b, "    if (");
        write_call(b, mon, &p->pred);
        buf_printf(b, " != 0) {\n");
    }
    buf_printf(b, "    wei_monitor.%s(", p->alias);
    for (uint32_t i = 0; i < p->nvalues; i++) {
        buf_printf(b, "%s", i ? ", " : "");
        write_value(b, mon, &p->values[i]);
    }
    buf_printf(b, ");\n%s}\n", pred_in_body ? "    }\n" : "");
}

/* What the monitor printed while binding, printed when the program
 * starts (byte by byte: it is usually a line or two). */
static void write_begin(Buf *b, const char *text, size_t len)
{
    if (len == 0)
        return;
    buf_printf(b, "wasm:begin {\n");
    for (size_t i = 0; i < len; i++)
        buf_printf(b, "    whamm_core.putc(%u);\n", (unsigned char)text[i]);
    buf_printf(b, "}\n");
}

static void write_script(Buf *b, const WeiMonitor *mon, const WeiBind *bind)
{
    buf_printf(b, "use wei_monitor;\nuse whamm_core;\n");
    for (uint32_t i = 0; i < mon->probes.n; i++)
        write_probe(b, mon, &mon->probes.v[i]);
    if (mon->exit_func >= 0)
        buf_printf(b, "wasm:end {\n    wei_monitor.wei_exit();\n}\n");
    if (bind)
        write_begin(b, bind->out_text, bind->out_len);
}

/* ---- the library's signatures ------------------------------------------------------ */

static const Type *whamm_type(const char *name)
{
    static const struct {
        const char *name;
        TypeKind kind;
    } types[] = {{"i32", TY_I32}, {"u32", TY_U32}, {"i64", TY_I64},
                 {"u64", TY_U64}, {"f32", TY_F32}, {"f64", TY_F64},
                 {"bool", TY_BOOL}, {"str", TY_STR}};
    for (size_t i = 0; i < ARRAY_LEN(types); i++)
        if (strcmp(types[i].name, name) == 0)
            return ty_prim(types[i].kind);
    return ty_prim(TY_I32);
}

static void signature(Arena *a, TcLibFn *f, const char *name,
                      const WeiValue *v, uint32_t n, const Type *result)
{
    const Type **params = arena_alloc(a, sizeof *params * (n + 1));
    for (uint32_t i = 0; i < n; i++)
        params[i] = whamm_type(v[i].wtype);
    *f = (TcLibFn){name, params, n, result, NULL};
}

/* One function per alias: probes take their values, static calls their
 * arguments (strings as str: the hook passes them as pointer, length). */
static TcLib *monitor_lib(const WeiMonitor *mon, Arena *a)
{
    uint32_t n = mon->probes.n + mon->calls.n + 1;
    TcLibFn *fns = arena_alloc(a, sizeof *fns * n);
    uint32_t k = 0;
    for (uint32_t i = 0; i < mon->probes.n; i++) {
        const WeiProbe *p = &mon->probes.v[i];
        signature(a, &fns[k++], p->alias, p->values, p->nvalues, ty_unit());
    }
    for (uint32_t i = 0; i < mon->calls.n; i++) {
        const WeiCall *c = &mon->calls.v[i];
        signature(a, &fns[k++], c->alias, c->args, c->nargs,
                  whamm_type(wei_wasm_type_name(c->result)));
    }
    if (mon->exit_func >= 0)
        fns[k++] = (TcLibFn){"wei_exit", NULL, 0, ty_unit(), NULL};
    TcLib *lib = arena_alloc(a, sizeof *lib);
    *lib = (TcLib){"wei_monitor", fns, k};
    return lib;
}

/* ---- one pass ------------------------------------------------------------------------ */

typedef struct {
    const WeiAttach *in;
    WeiMonitor *mon;
    WeiBind *bind;
    TcLib *tclib;
    Arena *a;
    DiagSink *sink;
} Attach;

static Script *load_script(Attach *A, const Buf *text)
{
    const char *file = diag_add_source(A->sink, SCRIPT_NAME,
                                       (const char *)text->data, text->len);
    const char *src = A->sink->sources.v[A->sink->sources.n - 1].text;
    Script *s = parse_script(A->a, A->sink, file, src, text->len);
    TcRegistryProvider prov;
    tc_registry_provider_init(&prov, (struct ProvRegistry *)A->in->reg);
    if (s && !tc_check_script_libs(s, &prov.base, A->tclib, 1, A->a,
                                   A->sink))
        return NULL;
    return s;
}

/* ---- an app instrumented before ------------------------------------------------------ */

/* An app that `whamm instr` (or an earlier attach) instrumented exports
 * whamm_flush, its report's exit hook; the monitor's own would clash.
 * The old export is taken out while instrumenting, then whamm_flush runs
 * both (the earlier first): hosts that call it flush everything, and each
 * hook runs once however often it is called (its own `flushed` flag).
 * Returns the earlier hook's function, or -1. */
static int64_t take_earlier_flush(WasmModule *m)
{
    int32_t ex = wasm_find_export(m, "whamm_flush", WASM_EXT_FUNC);
    if (ex < 0)
        return -1;
    uint32_t f = m->exports.v[ex].index;
    /* the writer copies the original entries by their ranges: those
     * after it stay original, one fewer */
    memmove(&m->exports.v[ex], &m->exports.v[ex + 1],
            sizeof *m->exports.v * (m->exports.n - (uint32_t)ex - 1));
    m->exports.n--;
    if ((uint32_t)ex < m->nexports_orig)
        m->nexports_orig--;
    return f;
}

static void chain_flush(WasmModule *m, int64_t earlier)
{
    if (earlier < 0)
        return;
    int32_t ex = wasm_find_export(m, "whamm_flush", WASM_EXT_FUNC);
    if (ex < 0) { /* the monitor has no wasm:exit: the earlier one alone */
        bool added = wasm_add_export(m, "whamm_flush", WASM_EXT_FUNC,
                                     (uint32_t)earlier);
        (void)added; /* no export of that name: it was taken out */
        return;
    }
    WasmInstr code[2] = {wasm_instr_idx(WASM_OP_Call, (uint32_t)earlier),
                         wasm_instr_idx(WASM_OP_Call,
                                        m->exports.v[ex].index)};
    uint32_t both = wasm_add_func(m, wasm_add_func_type(m, NULL, 0, NULL, 0),
                                  NULL, 0, code, 2);
    wasm_set_func_name(m, both, "whamm_flush_all");
    m->exports.v[ex].index = both; /* an added entry: written anew */
}

/* Instruments a fresh copy of the app with the script and lib; with out,
 * writes the result there. */
static bool run_pass(Attach *A, Script *s, const WasmModule *lib, Buf *out)
{
    WasmModule m;
    WasmError err;
    if (!wasm_module_read(&m, A->in->app, A->in->app_len, NULL, &err)) {
        diag_emit(A->sink, DIAG_INTERNAL, (Span){0}, "the app: %s", err.msg);
        return false;
    }
    /* the user's scripts and libraries first, then the monitor's; the
     * first pass, which only runs the monitor's static calls, goes
     * without them (their diagnostics are given once) */
    const WeiAttach *in = A->in;
    uint32_t nscripts = out ? in->nscripts : 0, nlibs = out ? in->nlibs : 0;
    EmitLib *libs = arena_alloc(A->a, sizeof *libs * (nlibs + 1));
    EmitScript *es = arena_alloc(A->a, sizeof *es * (nscripts + 1));
    if (nlibs)
        memcpy(libs, in->libs, sizeof *libs * nlibs);
    if (nscripts)
        memcpy(es, in->scripts, sizeof *es * nscripts);
    libs[nlibs] = (EmitLib){"wei_monitor", A->mon->path, lib};
    es[nscripts] = (EmitScript){s, SCRIPT_NAME};
    EmitOptions opt = in->emit;
    opt.libs = libs;
    opt.nlibs = nlibs + 1;
    /* the monitor reports in wasm:exit; the scripts' report as usual */
    opt.no_report = nscripts == 0;
    opt.static_hook = wei_bind_static;
    opt.static_hook_ctx = A->bind;
    if (!out)
        opt.verbose = NULL;
    EmitResult res;
    int64_t earlier = take_earlier_flush(&m);
    bool ok = emit_instrument(&m, es, nscripts + 1, in->reg, &opt, A->sink,
                              &res) && !A->bind->failed;
    if (ok)
        chain_flush(&m, earlier);
    if (ok && out && !A->in->no_inline)
        wei_inline_probes(&m, A->mon);
    if (res.arena_too_small && A->in->arena_needed)
        ok = false, *A->in->arena_needed = res.arena_needed;
    else if (ok && res.arena_too_small)
        ok = false, diag_emit(A->sink, DIAG_INSTRUMENT, (Span){0},
                              "the app's arena is too small for the "
                              "monitor (%llu bytes needed)",
                              (unsigned long long)res.arena_needed);
    emit_result_fini(&res);
    if (ok && out && !wasm_module_write(&m, out, &err))
        ok = false, diag_emit(A->sink, DIAG_INTERNAL, (Span){0},
                              "writing the module: %s", err.msg);
    wasm_module_fini(&m);
    return ok;
}

static bool read_monitor(const WeiAttach *in, WasmModule *m, DiagSink *sink)
{
    WasmError err;
    if (wasm_module_read(m, in->monitor, in->monitor_len, NULL, &err))
        return true;
    diag_emit_at_offset(sink, DIAG_BAD_MODULE, in->monitor_path, err.offset,
                        "%s", err.msg);
    return false;
}

static bool no_probes(const WeiMonitor *mon, DiagSink *sink)
{
    if (mon->probes.n > 0 || mon->exit_func >= 0)
        return false;
    diag_emit_at_offset(sink, DIAG_WEI_MONITOR, mon->path, 0, "the monitor "
                        "exports no probe (no function named like "
                        "`wasm:opcode:br_if(arg0)`) and no `wasm:exit`");
    return true;
}

/* Pass 1 runs the static calls; the monitor is frozen; pass 2 replays
 * them and merges the frozen monitor. */
static bool attach_passes(Attach *A, WasmModule *lib, Buf *out)
{
    Buf text;
    buf_init(&text);
    write_script(&text, A->mon, NULL);
    Script *s = load_script(A, &text);
    bool ok = s && run_pass(A, s, lib, NULL) && !A->bind->failed &&
              wei_bind_freeze(A->bind, lib);
    if (ok) {
        fflush(A->bind->out);
        if (A->bind->out_len > MAX_BIND_OUTPUT)
            ok = false, diag_emit_at_offset(A->sink, DIAG_WEI_MONITOR,
                                            A->mon->path, 0, "the monitor "
                                            "printed %zu bytes while "
                                            "binding (at most %u)",
                                            A->bind->out_len,
                                            MAX_BIND_OUTPUT);
    }
    if (ok) {
        A->bind->replay = true;
        text.len = 0;
        write_script(&text, A->mon, A->bind);
        s = load_script(A, &text);
        ok = s && run_pass(A, s, lib, out);
    }
    if (ok && A->bind->next != A->bind->results.n)
        ok = false, diag_emit(A->sink, DIAG_INTERNAL, (Span){0}, "the second "
                              "pass made fewer static calls than the first");
    buf_fini(&text);
    return ok;
}

bool wei_attach(const WeiAttach *in, DiagSink *sink, Buf *out)
{
    Arena a;
    arena_init(&a);
    WasmModule mon_m, lib;
    WeiMonitor mon = {0};
    WeiBind bind;
    memset(&bind, 0, sizeof bind);
    bool have_mon = read_monitor(in, &mon_m, sink);
    bool have_lib = have_mon && read_monitor(in, &lib, sink);
    bool ok = have_lib;
    if (ok) {
        mon = (WeiMonitor){.path = in->monitor_path, .m = &mon_m,
                           .reg = in->reg, .a = &a};
        ok = wei_monitor_check(&mon, sink) && !no_probes(&mon, sink) &&
             wei_bind_init(&bind, &mon, sink);
    }
    if (ok) {
        wei_add_aliases(&mon, &lib);
        /* the merged probe functions are found by these names (inline.c) */
        for (uint32_t i = 0; i < mon.probes.n; i++)
            wasm_set_func_name(&lib, mon.probes.v[i].func,
                               mon.probes.v[i].alias);
        Attach A = {in, &mon, &bind, monitor_lib(&mon, &a), &a, sink};
        ok = attach_passes(&A, &lib, out);
    }
    wei_bind_fini(&bind);
    vec_free(mon.probes);
    vec_free(mon.calls);
    if (have_lib)
        wasm_module_fini(&lib);
    if (have_mon)
        wasm_module_fini(&mon_m);
    arena_fini(&a);
    return ok;
}
