/* wasm_edit_tool.c -- applies test edits to a module with the editing API
 * (wasm.h), for the runnable edit tests:
 *   wasm_edit_tool counter IN OUT [FUNC]
 *       adds an exported mutable i32 global `whamm_count` and, in front of
 *       every instruction of every original defined function (or only of
 *       the function named FUNC), code that increments it.
 *   wasm_edit_tool entries IN OUT
 *       adds the import wasi_snapshot_preview1.sched_yield in front of the
 *       defined functions (renumbering every function reference), a new
 *       function `whamm_tick` that calls it and increments `whamm_count`,
 *       and a call to whamm_tick at the entry of every original function.
 *   wasm_edit_tool merge IN OUT LIB
 *       merges the PIC library LIB (tests/merge/rt_test.c) with its data at
 *       0x8000 in memory 0 and a 4 KiB stack, initialises it at the start
 *       of `_start`, calls rt_bump(1) at the entry of every original
 *       function, and rt_report() before `_start` returns.
 *   wasm_edit_tool merge-top IN OUT LIB
 *       the same with LIB's memory as a page on top of memory 0, reached
 *       through a global `base` (how `whamm instr --memory=top` places its
 *       runtime).
 *   wasm_edit_tool merge-separate IN OUT LIB
 *       the same with LIB's memory a memory of its own (as for
 *       merge-report-separate below).
 *   wasm_edit_tool merge-report IN OUT LIB
 *       merges the runtime LIB the same way and calls
 *       whamm_rt_report(whamm_rows, whamm_nrows) before `_start` returns,
 *       then repeats the app's own write (tests/runtime/report_app.wat);
 *       the two are i32 globals the app exports.
 *   wasm_edit_tool merge-report-separate IN OUT LIB
 *       the same with the runtime in a memory of its own: the app's data
 *       segments are copied there (the report table lives in the state
 *       memory), and the runtime's fd_write goes through the staging
 *       function of core/emit (scratch area at 0 in memory 0).
 */
#include "emit/emit.h"
#include "wasm/wasm.h"

#include <stdio.h>
#include <string.h>

static uint32_t add_counter(WasmModule *m)
{
    WasmInstr zero = wasm_instr_i32(0);
    uint32_t g = wasm_add_global(m, (WasmValType){WASM_I32, 0}, true, &zero, 1);
    if (!wasm_add_export(m, "whamm_count", WASM_EXT_GLOBAL, g)) {
        fprintf(stderr, "export whamm_count exists\n");
        return UINT32_MAX;
    }
    return g;
}

static void bump(uint32_t g, WasmInstr out[4])
{
    out[0] = wasm_instr_idx(WASM_OP_GlobalGet, g);
    out[1] = wasm_instr_i32(1);
    out[2] = wasm_instr(WASM_OP_I32Add);
    out[3] = wasm_instr_idx(WASM_OP_GlobalSet, g);
}

static bool edit_counter(WasmModule *m, const char *only)
{
    uint32_t g = add_counter(m);
    if (g == UINT32_MAX)
        return false;
    WasmInstr code[4];
    bump(g, code);
    Arena fa;
    arena_init(&fa);
    uint32_t norig = m->norig[WASM_EXT_FUNC];
    for (uint32_t f = m->nimported[WASM_EXT_FUNC]; f < norig; f++) {
        const char *name = wasm_func_name(m, f);
        if (only && (!name || strcmp(name, only) != 0))
            continue;
        WasmBodyEditor ed;
        WasmError err;
        if (!wrw_open(&ed, m, f, &fa, &err)) {
            fprintf(stderr, "open %u: %s\n", f, err.msg);
            arena_fini(&fa);
            return false;
        }
        for (uint32_t i = 0; i < ed.ncode; i++)
            wrw_insert_before(&ed, i, code, 4);
        wrw_commit(&ed);
        arena_reset(&fa);
    }
    arena_fini(&fa);
    return true;
}

static bool edit_entries(WasmModule *m)
{
    uint32_t norig = m->norig[WASM_EXT_FUNC];
    WasmValType i32 = {WASM_I32, 0};
    uint32_t t_yield = wasm_add_func_type(m, NULL, 0, &i32, 1);
    uint32_t t_void = wasm_add_func_type(m, NULL, 0, NULL, 0);
    uint32_t yield = wasm_add_import_func(m, "wasi_snapshot_preview1",
                                          "sched_yield", t_yield);
    uint32_t g = add_counter(m);
    if (g == UINT32_MAX)
        return false;
    WasmInstr tick[6];
    tick[0] = wasm_instr_idx(WASM_OP_Call, yield);
    tick[1] = wasm_instr(WASM_OP_Drop);
    bump(g, tick + 2);
    uint32_t tick_fn = wasm_add_func(m, t_void, NULL, 0, tick, 6);
    wasm_set_func_name(m, tick_fn, "whamm_tick");
    WasmInstr call = wasm_instr_idx(WASM_OP_Call, tick_fn);
    Arena fa;
    arena_init(&fa);
    for (uint32_t f = m->nimported[WASM_EXT_FUNC]; f < norig; f++) {
        WasmBodyEditor ed;
        WasmError err;
        if (!wrw_open(&ed, m, f, &fa, &err)) {
            fprintf(stderr, "open %u: %s\n", f, err.msg);
            arena_fini(&fa);
            return false;
        }
        wrw_insert_before(&ed, 0, &call, 1);
        wrw_commit(&ed);
        arena_reset(&fa);
    }
    arena_fini(&fa);
    return true;
}

/* Where the merge test puts the library: far above fib.wat's own data. */
#define MERGE_BASE 0x8000u
#define MERGE_STACK 4096u

static bool merge_lib(WasmModule *m, const char *path, WasmModule *lib,
                      FileView *view, const WasmMergeOptions *opt,
                      WasmMergeResult *res)
{
    char msg[512];
    WasmError err;
    if (!file_view_open(path, view, msg, sizeof msg)) {
        fprintf(stderr, "%s\n", msg);
        return false;
    }
    if (!wasm_module_read(lib, view->data, view->len, NULL, &err)) {
        fprintf(stderr, "%s:0x%zx: %s\n", path, err.offset, err.msg);
        return false;
    }
    if (!wasm_merge_library(m, lib, opt, res, &err)) {
        fprintf(stderr, "merge: %s\n", err.msg);
        return false;
    }
    return true;
}

static const WasmMergeOptions in_memory0 = {
    .memory = 0, .memory_base = MERGE_BASE, .stack_size = MERGE_STACK};

/* (func (param $n i32) (result i32)): memory.grow of a library at the top
 * of memory 0 (its pages are the top ones): grows memory 0, adds n to the
 * global `pages` and returns its old value. */
static uint32_t add_top_grow(WasmModule *m, uint32_t pages)
{
    WasmValType i32 = {WASM_I32, 0};
    WasmInstr code[] = {
        wasm_instr_idx(WASM_OP_LocalGet, 0),
        wasm_instr_idx(WASM_OP_MemoryGrow, 0),
        wasm_instr(WASM_OP_Drop),
        wasm_instr_idx(WASM_OP_GlobalGet, pages),
        wasm_instr_idx(WASM_OP_GlobalGet, pages),
        wasm_instr_idx(WASM_OP_LocalGet, 0),
        wasm_instr(WASM_OP_I32Add),
        wasm_instr_idx(WASM_OP_GlobalSet, pages)};
    uint32_t type = wasm_add_func_type(m, &i32, 1, &i32, 1);
    return wasm_add_func(m, type, NULL, 0, code, sizeof code / sizeof *code);
}

/* (func (param $fd $iov $n $nwritten i32) (result i32)): fd_write of a
 * library at the top of memory 0, whose addresses are relative to `base`:
 * its one iovec goes to SCRATCH in memory 0 with the buffer's address
 * moved by base (fib.wat leaves that memory alone). */
#define SCRATCH 0x7000
static uint32_t add_top_fd_write(WasmModule *m, uint32_t base, uint32_t fdw)
{
    enum { FD, IOV, N, NW };
    WasmInstr code[] = {
        wasm_instr_i32(SCRATCH),
        wasm_instr_idx(WASM_OP_GlobalGet, base),
        wasm_instr_idx(WASM_OP_LocalGet, IOV),
        wasm_instr(WASM_OP_I32Add),
        wasm_instr_memarg(WASM_OP_I32Load, 2, 0, 0),
        wasm_instr_idx(WASM_OP_GlobalGet, base),
        wasm_instr(WASM_OP_I32Add),
        wasm_instr_memarg(WASM_OP_I32Store, 2, 0, 0),
        wasm_instr_i32(SCRATCH),
        wasm_instr_idx(WASM_OP_GlobalGet, base),
        wasm_instr_idx(WASM_OP_LocalGet, IOV),
        wasm_instr(WASM_OP_I32Add),
        wasm_instr_memarg(WASM_OP_I32Load, 2, 4, 0),
        wasm_instr_memarg(WASM_OP_I32Store, 2, 4, 0),
        wasm_instr_idx(WASM_OP_LocalGet, FD),
        wasm_instr_i32(SCRATCH),
        wasm_instr_idx(WASM_OP_LocalGet, N),
        wasm_instr_idx(WASM_OP_GlobalGet, base),
        wasm_instr_idx(WASM_OP_LocalGet, NW),
        wasm_instr(WASM_OP_I32Add),
        wasm_instr_idx(WASM_OP_Call, fdw)};
    return wasm_add_func(m, m->funcs.v[fdw].type, NULL, 0, code,
                         sizeof code / sizeof *code);
}

/* merge-top: the library's memory as a page on top of memory 0, the way
 * `whamm instr --memory=top` places its runtime: the global `base` holds
 * where that page starts, the library's data moves there, its code
 * reaches it through base (WasmMergeOptions.top). */
static bool merge_top(WasmModule *m, const char *path, WasmModule *lib,
                      FileView *view, WasmMergeResult *res)
{
    WasmLimits app = m->memories.v[0].limits;
    uint32_t base = (uint32_t)app.min << 16, ndata = m->datas.n;
    WasmValType i32 = {WASM_I32, 0};
    WasmInstr at = wasm_instr_i32((int32_t)base), one = wasm_instr_i32(1);
    int64_t fd_write = wasm_find_import(m, "wasi_snapshot_preview1",
                                        "fd_write", WASM_EXT_FUNC);
    if (fd_write < 0)
        return false;
    WasmMergeOptions opt = in_memory0;
    opt.top = true;
    opt.top_base = wasm_add_global(m, i32, true, &at, 1);
    opt.top_pages = wasm_add_global(m, i32, true, &one, 1);
    opt.top_grow = add_top_grow(m, opt.top_pages);
    WasmMergeBinding bind = {"wasi_snapshot_preview1", "fd_write",
                             add_top_fd_write(m, opt.top_base,
                                              (uint32_t)fd_write)};
    opt.bindings = &bind;
    opt.nbindings = 1;
    if (!merge_lib(m, path, lib, view, &opt, res))
        return false;
    for (uint32_t d = ndata; d < m->datas.n; d++) {
        int32_t off;
        if (!wasm_expr_i32_const(m, &m->datas.v[d].offset, &off))
            return false;
        WasmInstr moved = wasm_instr_i32((int32_t)(base + (uint32_t)off));
        wasm_set_data_target(m, d, 0, &moved, 1);
    }
    app.min++;
    if (app.has_max && app.max < app.min)
        app.max = app.min;
    wasm_set_memory_limits(m, 0, app);
    return true;
}

static bool instrument_with_lib(WasmModule *m, const WasmMergeResult *res,
                                uint32_t norig)
{
    int64_t bump = wasm_merged_export(res, "rt_bump", WASM_EXT_FUNC);
    int64_t report = wasm_merged_export(res, "rt_report", WASM_EXT_FUNC);
    int64_t ctors = wasm_merged_export(res, "__wasm_call_ctors", WASM_EXT_FUNC);
    int32_t start = wasm_find_export(m, "_start", WASM_EXT_FUNC);
    if (bump < 0 || report < 0 || start < 0) {
        fprintf(stderr, "merge: rt_bump, rt_report or _start missing\n");
        return false;
    }
    uint32_t start_fn = m->exports.v[start].index;
    WasmInstr init = wasm_instr_idx(WASM_OP_Call, (uint32_t)(ctors >= 0 ? ctors
                                                             : res->start));
    WasmInstr tick[2] = {wasm_instr_i32(1),
                         wasm_instr_idx(WASM_OP_Call, (uint32_t)bump)};
    WasmInstr fin = wasm_instr_idx(WASM_OP_Call, (uint32_t)report);
    Arena fa;
    arena_init(&fa);
    bool ok = true;
    for (uint32_t f = m->nimported[WASM_EXT_FUNC]; f < norig && ok; f++) {
        WasmBodyEditor ed;
        WasmError err;
        ok = wrw_open(&ed, m, f, &fa, &err);
        if (!ok) {
            fprintf(stderr, "open %u: %s\n", f, err.msg);
            break;
        }
        if (f == start_fn && (ctors >= 0 || res->start >= 0))
            wrw_insert_before(&ed, 0, &init, 1);
        wrw_insert_before(&ed, 0, tick, 2);
        if (f == start_fn) /* before the final end: _start returns there */
            wrw_insert_before(&ed, ed.ncode - 1, &fin, 1);
        wrw_commit(&ed);
        arena_reset(&fa);
    }
    arena_fini(&fa);
    return ok;
}

/* The value of an exported immutable i32 global with an i32.const
 * initialiser, or -1. */
static int64_t exported_const(const WasmModule *m, const char *name)
{
    int32_t e = wasm_find_export(m, name, WASM_EXT_GLOBAL);
    if (e < 0)
        return -1;
    const WasmGlobal *g = &m->globals.v[m->exports.v[e].index];
    int32_t v;
    if (g->import >= 0 || !wasm_expr_i32_const(m, &g->init, &v))
        return -1;
    return v;
}

static bool call_report(WasmModule *m, const WasmMergeResult *res)
{
    int64_t report = wasm_merged_export(res, "whamm_rt_report", WASM_EXT_FUNC);
    int64_t rows = exported_const(m, "whamm_rows");
    int64_t nrows = exported_const(m, "whamm_nrows");
    int32_t start = wasm_find_export(m, "_start", WASM_EXT_FUNC);
    if (report < 0 || rows < 0 || nrows < 0 || start < 0) {
        fprintf(stderr, "merge-report: whamm_rt_report, whamm_rows, "
                        "whamm_nrows or _start missing\n");
        return false;
    }
    int64_t fd_write = wasm_find_import(m, "wasi_snapshot_preview1",
                                        "fd_write", WASM_EXT_FUNC);
    if (fd_write < 0)
        return false;
    /* the report, then the app's own write again: its iovec (at 0) and
     * text (at 256) lie in the staging scratch area, so this prints
     * "app done" again only if memory 0 was restored exactly */
    WasmInstr code[10] = {wasm_instr_i32((int32_t)rows),
                          wasm_instr_i32((int32_t)nrows),
                          wasm_instr_idx(WASM_OP_Call, (uint32_t)report),
                          wasm_instr(WASM_OP_Drop),
                          wasm_instr_i32(1), wasm_instr_i32(0),
                          wasm_instr_i32(1), wasm_instr_i32(8),
                          wasm_instr_idx(WASM_OP_Call, (uint32_t)fd_write),
                          wasm_instr(WASM_OP_Drop)};
    Arena fa;
    arena_init(&fa);
    WasmBodyEditor ed;
    WasmError err;
    bool ok = wrw_open(&ed, m, m->exports.v[start].index, &fa, &err);
    if (ok) {
        wrw_insert_before(&ed, ed.ncode - 1, code, 10);
        wrw_commit(&ed);
    }
    arena_fini(&fa);
    return ok;
}

/* Copies the app's active data segments of memory 0 into `memory`. */
static bool copy_data(WasmModule *m, uint32_t memory)
{
    uint32_t n = m->datas.n;
    for (uint32_t i = 0; i < n; i++) {
        const WasmData *d = &m->datas.v[i];
        if (d->mode != WASM_SEG_ACTIVE || d->memory != 0)
            continue;
        int32_t at;
        if (!wasm_expr_i32_const(m, &d->offset, &at))
            return false;
        WasmInstr off = wasm_instr_i32(at);
        wasm_add_data(m, memory, &off, 1, d->bytes, d->len);
    }
    return true;
}

static bool merge_separate(WasmModule *m, const char *path, WasmModule *lib,
                           FileView *view, WasmMergeResult *res)
{
    char msg[512];
    WasmError err;
    int64_t fd_write = wasm_find_import(m, "wasi_snapshot_preview1",
                                        "fd_write", WASM_EXT_FUNC);
    if (fd_write < 0 || !file_view_open(path, view, msg, sizeof msg))
        return false;
    if (!wasm_module_read(lib, view->data, view->len, NULL, &err)) {
        fprintf(stderr, "%s:0x%zx: %s\n", path, err.offset, err.msg);
        return false;
    }
    WasmLimits one_page = {.min = 1, .page_log2 = 16};
    uint32_t state = wasm_add_memory(m, one_page);
    if (!copy_data(m, state))
        return false;
    EmitStageOptions so = {.state_memory = state, .scratch = 0,
                           .save = 0x7000, .size = 1024,
                           .fd_write = (uint32_t)fd_write};
    WasmMergeBinding bind = {"wasi_snapshot_preview1", "fd_write",
                             emit_stage_write(m, &so)};
    WasmMergeOptions opt = {.memory = state, .memory_base = MERGE_BASE,
                            .stack_size = MERGE_STACK, .bindings = &bind,
                            .nbindings = 1};
    if (!wasm_merge_library(m, lib, &opt, res, &err)) {
        fprintf(stderr, "merge: %s\n", err.msg);
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: wasm_edit_tool counter|entries|merge|"
                        "merge-top|merge-separate|merge-report[-separate] "
                        "IN OUT [FUNC|LIB]\n");
        return 2;
    }
    Buf in;
    buf_init(&in);
    char msg[512];
    if (!file_read_all(argv[2], &in, msg, sizeof msg)) {
        fprintf(stderr, "%s\n", msg);
        return 1;
    }
    WasmModule m;
    WasmError err;
    if (!wasm_module_read(&m, in.data, in.len, NULL, &err)) {
        fprintf(stderr, "%s:0x%zx: %s\n", argv[2], err.offset, err.msg);
        return 1;
    }
    WasmModule lib;
    FileView lib_view = {0};
    bool have_lib = false;
    bool ok;
    if (strcmp(argv[1], "merge") == 0) {
        uint32_t norig = m.norig[WASM_EXT_FUNC];
        WasmMergeResult res;
        ok = argc > 4 && merge_lib(&m, argv[4], &lib, &lib_view, &in_memory0,
                                   &res);
        have_lib = ok;
        ok = ok && instrument_with_lib(&m, &res, norig);
    } else if (strcmp(argv[1], "merge-top") == 0 ||
               strcmp(argv[1], "merge-separate") == 0) {
        uint32_t norig = m.norig[WASM_EXT_FUNC];
        WasmMergeResult res;
        ok = argc > 4 && (strcmp(argv[1], "merge-top") == 0
                          ? merge_top(&m, argv[4], &lib, &lib_view, &res)
                          : merge_separate(&m, argv[4], &lib, &lib_view,
                                           &res));
        have_lib = ok;
        ok = ok && instrument_with_lib(&m, &res, norig);
    } else if (strcmp(argv[1], "merge-report-separate") == 0) {
        WasmMergeResult res;
        ok = argc > 4 && merge_separate(&m, argv[4], &lib, &lib_view, &res);
        have_lib = ok;
        ok = ok && call_report(&m, &res);
    } else if (strcmp(argv[1], "merge-report") == 0) {
        WasmMergeResult res;
        ok = argc > 4 && merge_lib(&m, argv[4], &lib, &lib_view, &in_memory0,
                                   &res);
        have_lib = ok;
        ok = ok && call_report(&m, &res);
    } else {
        ok = strcmp(argv[1], "counter") == 0 ? edit_counter(&m, argv[4])
           : strcmp(argv[1], "entries") == 0 ? edit_entries(&m)
           : (fprintf(stderr, "unknown mode %s\n", argv[1]), false);
    }
    Buf out;
    buf_init(&out);
    if (ok && !wasm_module_write(&m, &out, &err)) {
        fprintf(stderr, "write: %s\n", err.msg);
        ok = false;
    }
    if (ok && !file_write_atomic(argv[3], out.data, out.len, msg, sizeof msg)) {
        fprintf(stderr, "%s\n", msg);
        ok = false;
    }
    buf_fini(&out);
    wasm_module_fini(&m);
    if (have_lib)
        wasm_module_fini(&lib);
    if (lib_view.data)
        file_view_close(&lib_view);
    buf_fini(&in);
    return ok ? 0 : 1;
}
