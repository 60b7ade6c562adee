/* hooks.c -- program start and end (docs/instr.md "What the output
 * does"): script-level statements, slot initialisers and `wasm:begin` run
 * before any of the app's code (at the entry of _start/_initialize, else
 * from the start section); the report (or the `wasm:report` bodies) and
 * `wasm:end` run once from `on_exit` (exported as whamm_flush), called
 * when the exported main/_start returns, before every proc_exit and
 * before every `unreachable` of the app. */
#include "hooks.h"

#include <string.h>

static uint32_t void_type(WasmModule *m)
{
    return wasm_add_func_type(m, NULL, 0, NULL, 0);
}

static int64_t exported_func(const WasmModule *m, const char *name)
{
    int32_t ex = wasm_find_export(m, name, WASM_EXT_FUNC);
    if (ex < 0)
        return -1;
    uint32_t f = m->exports.v[ex].index;
    return m->funcs.v[f].import < 0 ? (int64_t)f : -1;
}

static int64_t flush_function(const WasmModule *m)
{
    int64_t f = exported_func(m, "main");
    if (f < 0)
        f = exported_func(m, "_start");
    if (f < 0 && m->has_start && m->funcs.v[m->start].import < 0)
        f = m->start;
    return f;
}

bool emit_setup_hooks(Emit *E)
{
    WasmModule *m = E->m;
    E->proc_exit = wasm_find_import(m, "wasi_snapshot_preview1", "proc_exit",
                                    WASM_EXT_FUNC);
    E->need_flush = E->need_report || E->end.n ||
                    (E->report.n && !E->opt->no_report);
    E->flush_fn = flush_function(m);
    E->start_export = exported_func(m, "_start");
    E->in_start = -1;
    if (m->has_start && E->start_export >= 0 &&
        (E->need_flush || E->need_runtime)) {
        /* output during instantiation waits for _start: a report for its
         * end, what whamm_core printed for its entry */
        WasmInstr zero = wasm_instr_i32(0);
        E->in_start = wasm_add_global(m, (WasmValType){WASM_I32, 0}, true,
                                      &zero, 1);
    }
    if (!E->need_flush)
        return true;
    if (E->flush_fn < 0 && E->proc_exit < 0 && !E->wei)
        diag_emit(E->sink, DIAG_NO_FLUSH, (Span){0}, "the module has no "
                  "exported main or _start, no start function and no "
                  "proc_exit import: the report and wasm:end run only when "
                  "the host calls the export whamm_flush");
    E->on_exit = wasm_add_func(m, void_type(m), NULL, 0, NULL, 0);
    wasm_set_func_name(m, E->on_exit, "whamm_on_exit");
    /* for hosts: a reactor's report, or the report after a trap */
    if (wasm_find_export(m, "whamm_flush", WASM_EXT_FUNC) >= 0 ||
        !wasm_add_export(m, "whamm_flush", WASM_EXT_FUNC, E->on_exit)) {
        emit_error(E, (Span){0}, "the module already exports `whamm_flush`");
        return false;
    }
    WasmInstr zero = wasm_instr_i32(0);
    E->flushed = wasm_add_global(m, (WasmValType){WASM_I32, 0}, true, &zero,
                                 1);
    return true;
}

/* ---- code outside probes ------------------------------------------------------ */

static void init_gen(Emit *E, Gen *G, Code *out, Locals *L, uint32_t script)
{
    memset(G, 0, sizeof *G);
    G->E = E;
    G->out = out;
    G->locals = L;
    G->script = script;
}

/* Bodies of begin/end/report probes: folded without a site. */
static void gen_global_probes(Emit *E, const ExpList *l, Code *out,
                              Locals *L)
{
    for (uint32_t k = 0; k < l->n && !E->failed; k++) {
        Exp *x = l->v[k];
        Gen G;
        init_gen(E, &G, out, L, x->script);
        G.span = x->probe->span;
        G.exp = x;
        Folder fo = {E->a, NULL, NULL, &E->consts[x->script],
                     emit_static_call, E};
        Expr *residual = NULL;
        FoldPred fp = fold_predicate(&fo, x->pred, &residual);
        if (fp == FOLD_FALSE)
            continue;
        E->res->probes[x->probe_index].sites++;
        Block body = fold_block(&fo, x->body);
        gen_guarded_body(&G, &body, residual);
        vec_free(G.vars);
        locals_release(L);
    }
}

/* Top-level statements of every script, in order (declarations with an
 * initialiser assign it). */
static void gen_script_statements(Emit *E, Code *out, Locals *L)
{
    for (uint32_t si = 0; si < E->nscripts; si++) {
        const Script *s = E->scripts[si].script;
        for (uint32_t i = 0; i < s->nitems && !E->failed; i++) {
            Stmt *st = s->items[i].stmt;
            if (s->items[i].kind != ITEM_STMT || st->kind == ST_USE)
                continue;
            Gen G;
            init_gen(E, &G, out, L, si);
            G.span = st->span;
            if (st->kind == ST_DECL) {
                if (!st->rhs)
                    continue;
                const GlobalVar *g = emit_find_global(E, si, st->name);
                WasmValType vt[EMIT_MAX_PARTS];
                uint32_t n = emit_valtypes(g->ty, vt);
                gen_expr(&G, st->rhs);
                for (uint32_t k = n; k-- > 0;)
                    gen_push(&G, wasm_instr_idx(WASM_OP_GlobalSet,
                                                g->global[k]));
            } else {
                Block one = {&st, 1};
                gen_block(&G, &one);
            }
            vec_free(G.vars);
            locals_release(L);
        }
    }
}

static void append(Code *to, const Code *from)
{
    for (uint32_t i = 0; i < from->n; i++)
        vec_push(*to, from->v[i]);
}

/* Puts code first thing in function f. */
static bool insert_at_entry(Emit *E, uint32_t f, const WasmInstr *code,
                            uint32_t n)
{
    Arena fa;
    arena_init(&fa);
    WasmBodyEditor ed;
    WasmError err;
    bool ok = wrw_open(&ed, E->m, f, &fa, &err);
    if (ok) {
        wrw_insert_before(&ed, 0, code, n);
        wrw_commit(&ed);
    } else {
        emit_error(E, (Span){0}, "internal error: %s", err.msg);
    }
    arena_fini(&fa);
    return ok;
}

/* The start section, around the app's own start function: init, then the
 * app's start, with in_start set (when output may have to wait). */
static void wrap_start(Emit *E, uint32_t init)
{
    WasmModule *m = E->m;
    Code c = {0};
    if (E->in_start >= 0) {
        vec_push(c, wasm_instr_i32(1));
        vec_push(c, wasm_instr_idx(WASM_OP_GlobalSet, (uint32_t)E->in_start));
    }
    vec_push(c, wasm_instr_idx(WASM_OP_Call, init));
    vec_push(c, wasm_instr_idx(WASM_OP_Call, m->start));
    if (E->in_start >= 0) {
        vec_push(c, wasm_instr_i32(0));
        vec_push(c, wasm_instr_idx(WASM_OP_GlobalSet, (uint32_t)E->in_start));
    }
    uint32_t st = wasm_add_func(m, void_type(m), NULL, 0, c.v, c.n);
    wasm_set_func_name(m, st, "whamm_start");
    wasm_set_start(m, st);
    vec_free(c);
}

/* whamm_init: the runtime's constructor, the scripts' top-level code, the
 * slot initialisers, wasm:begin.  It runs before any of the app's code:
 * first thing in _start (or _initialize) when the module has no start
 * function of its own -- so that what it prints is printed where WASI
 * may be called, which hosts such as node refuse during instantiation --
 * else from the start section, before the app's start function. */
static void finish_init(Emit *E)
{
    WasmModule *m = E->m;
    Code code = {0};
    Locals *L = &E->init_locals;
    if (E->rt_init >= 0)
        vec_push(code, wasm_instr_idx(WASM_OP_Call, (uint32_t)E->rt_init));
    emit_lib_init_code(E, &code);
    gen_script_statements(E, &code, L);
    append(&code, &E->init_code);
    gen_global_probes(E, &E->begin, &code, L);
    if (code.n == 0 || E->failed) {
        vec_free(code);
        return;
    }
    uint32_t init = wasm_add_func(m, void_type(m), L->own.v, L->own.n,
                                  code.v, code.n);
    wasm_set_func_name(m, init, "whamm_init");
    vec_free(code);
    int64_t entry = E->start_export >= 0 ? E->start_export
                                         : exported_func(m, "_initialize");
    WasmInstr call_init = wasm_instr_idx(WASM_OP_Call, init);
    if (m->has_start)
        wrap_start(E, init);
    else if (entry >= 0)
        insert_at_entry(E, (uint32_t)entry, &call_init, 1);
    else
        wasm_set_start(m, init);
}

/* What whamm_core printed while the start section ran goes out first thing
 * in _start. */
static void flush_held_output(Emit *E)
{
    if (E->in_start < 0 || !E->rt_merged || E->failed)
        return;
    WasmInstr code[2] = {
        wasm_instr_idx(WASM_OP_Call, emit_rt_func(E, "whamm_rt_flush")),
        wasm_instr(WASM_OP_Drop)};
    insert_at_entry(E, (uint32_t)E->start_export, code, 2);
}

/* Per-site report slots kept in globals copied by one function (100000
 * stores in one body would be slow to rewrite and to compile). */
#define SLOT_COPIES_PER_FUNC 2000u

/* A function copying slots [from, to) of report_slot_globals. */
static uint32_t slot_copy_func(Emit *E, uint32_t from, uint32_t to)
{
    Code c = {0};
    for (uint32_t i = from; i < to; i++) {
        const SlotGlobal *s = &E->report_slot_globals.v[i];
        vec_push(c, wasm_instr_i32(0));
        vec_push(c, wasm_instr_idx(WASM_OP_GlobalGet, s->global));
        vec_push(c, wasm_instr_memarg((WasmOpcode)s->store, 0, s->addr,
                                      E->state_mem));
    }
    uint32_t type = wasm_add_func_type(E->m, NULL, 0, NULL, 0);
    uint32_t f = wasm_add_func(E->m, type, NULL, 0, c.v, c.n);
    vec_free(c);
    return f;
}

/* Copies script-level report values, and per-site report slots kept in
 * globals, where the report reads them. */
static void copy_report_globals(Emit *E, Code *c)
{
    uint32_t nslots = E->report_slot_globals.n;
    for (uint32_t i = 0; i < nslots; i += SLOT_COPIES_PER_FUNC) {
        uint32_t to = nslots - i > SLOT_COPIES_PER_FUNC
                          ? i + SLOT_COPIES_PER_FUNC : nslots;
        vec_push(*c, wasm_instr_idx(WASM_OP_Call, slot_copy_func(E, i, to)));
    }
    for (uint32_t i = 0; i < E->globals.n; i++) {
        const GlobalVar *g = &E->globals.v[i];
        if (!g->is_report)
            continue;
        EmitPart p[EMIT_MAX_PARTS];
        uint32_t n = emit_parts(g->ty, p);
        for (uint32_t k = 0; k < n; k++) {
            vec_push(*c, wasm_instr_i32(0));
            vec_push(*c, wasm_instr_idx(WASM_OP_GlobalGet, g->global[k]));
            vec_push(*c, wasm_instr_memarg(emit_store_op(&p[k]), 0,
                                           g->value_addr + p[k].offset,
                                           E->state_mem));
        }
    }
}

/* When the report is printed while a loop that calls nothing runs (the
 * program trapped in it), the counts that loop kept in locals are lost:
 * a warning says so. */
static void warn_loop_live(Emit *E, Code *c)
{
    if (!E->loop_live)
        return;
    vec_push(*c, wasm_instr_idx(WASM_OP_GlobalGet, E->loop_live - 1));
    vec_push(*c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
    vec_push(*c, wasm_instr_i32((int32_t)E->loop_live_msg));
    vec_push(*c, wasm_instr_i32((int32_t)E->loop_live_len));
    vec_push(*c, wasm_instr_idx(WASM_OP_Call,
                                emit_rt_func(E, "whamm_rt_warn")));
    vec_push(*c, wasm_instr(WASM_OP_End));
}

static bool finish_on_exit(Emit *E)
{
    if (!E->need_flush)
        return true;
    Arena fa;
    arena_init(&fa);
    WasmBodyEditor ed;
    WasmError err;
    if (!wrw_open(&ed, E->m, E->on_exit, &fa, &err)) {
        arena_fini(&fa);
        emit_error(E, (Span){0}, "internal error: %s", err.msg);
        return false;
    }
    Locals L = {0};
    L.ed = &ed;
    Code c = {0};
    vec_push(c, wasm_instr_idx(WASM_OP_GlobalGet, E->flushed));
    if (E->in_start >= 0) { /* during instantiation: _start's end flushes */
        vec_push(c, wasm_instr_idx(WASM_OP_GlobalGet, (uint32_t)E->in_start));
        vec_push(c, wasm_instr(WASM_OP_I32Or));
    }
    vec_push(c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
    vec_push(c, wasm_instr(WASM_OP_Return));
    vec_push(c, wasm_instr(WASM_OP_End));
    vec_push(c, wasm_instr_i32(1));
    vec_push(c, wasm_instr_idx(WASM_OP_GlobalSet, E->flushed));
    warn_loop_live(E, &c);
    gen_global_probes(E, &E->end, &c, &L);
    if (!E->opt->no_report && E->report.n) {
        gen_global_probes(E, &E->report, &c, &L);
    } else if (E->need_report) {
        copy_report_globals(E, &c);
        if (E->derive_len) { /* after the copies: it reads them */
            vec_push(c, wasm_instr_i32((int32_t)E->derive_addr));
            vec_push(c, wasm_instr_i32((int32_t)E->derive_len));
            vec_push(c, wasm_instr_idx(WASM_OP_Call,
                                       emit_rt_func(E, "whamm_rt_derive")));
        }
        vec_push(c, wasm_instr_i32((int32_t)E->rows_addr));
        vec_push(c, wasm_instr_i32((int32_t)E->nrows));
        if (E->wei) { /* and the rows the sites added (wei_target.c) */
            vec_push(c, wasm_instr_idx(WASM_OP_Call,
                                       emit_rt_func(E, "whamm_rt_site_rows")));
            vec_push(c, wasm_instr(WASM_OP_I32Add));
        }
        vec_push(c, wasm_instr_idx(WASM_OP_Call, (uint32_t)E->rt_report));
        vec_push(c, wasm_instr(WASM_OP_Drop));
    }
    wrw_insert_before(&ed, ed.ncode - 1, c.v, c.n);
    wrw_commit(&ed);
    vec_free(c);
    vec_free(L.pool);
    arena_fini(&fa);
    return !E->failed;
}

bool emit_finish_hooks(Emit *E)
{
    finish_init(E);
    flush_held_output(E);
    return finish_on_exit(E) && !E->failed;
}
