/* state.c -- where whamm's state lives (docs/instr.md, `--memory`): the memory
 * (an arena in the app's memory, a memory of its own, or -- for a module
 * without memory -- a memory whamm adds), the merged runtime, and the
 * image of everything laid out at instrumentation time: interned strings,
 * per-site slots, the report table.  The image becomes one data segment. */
#include "state.h"

#include <string.h>

#define RT_STACK 16384u
#define STAGE_SIZE 1024u

/* ---- the image ------------------------------------------------------------ */

/* A separate state memory is only added once something needs it. */
static void need_memory(Emit *E)
{
    if (!E->lazy_memory)
        return;
    E->lazy_memory = false;
    WasmLimits one = {.min = 1, .page_log2 = 16};
    E->state_mem = wasm_add_memory(E->m, one);
}

uint32_t emit_state_memory(Emit *E)
{
    need_memory(E);
    return E->state_mem;
}

uint32_t emit_alloc(Emit *E, uint32_t size, uint32_t align)
{
    need_memory(E);
    uint32_t at = E->base + (uint32_t)E->image.len;
    uint32_t pad = (align - at % align) % align;
    if (pad + size == 0)
        return at;
    buf_reserve(&E->image, pad + size);
    memset(E->image.data + E->image.len, 0, pad + size);
    E->image.len += pad + size;
    return at + pad;
}

void emit_poke(Emit *E, uint32_t addr, const void *bytes, uint32_t len)
{
    if (len == 0)
        return;
    memcpy(E->image.data + (addr - E->base), bytes, len);
}

static uint32_t str_hash(const char *s, uint32_t len)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static void rehash(Emit *E)
{
    uint32_t cap = E->str_hash_cap ? E->str_hash_cap * 2 : 256;
    uint32_t *t = xcalloc(cap, sizeof *t);
    for (uint32_t i = 0; i < E->strs.n; i++) {
        uint32_t h = str_hash(E->strs.v[i].s, E->strs.v[i].len) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = i + 1;
    }
    free(E->str_hash);
    E->str_hash = t;
    E->str_hash_cap = cap;
}

/* The address of the bytes s[0..len) in the state (stored once). */
uint32_t emit_intern(Emit *E, const char *s, uint32_t len)
{
    if ((E->strs.n + 1) * 2 > E->str_hash_cap)
        rehash(E);
    uint32_t mask = E->str_hash_cap - 1;
    uint32_t h = str_hash(s, len) & mask;
    for (; E->str_hash[h]; h = (h + 1) & mask) {
        const PoolStr *p = &E->strs.v[E->str_hash[h] - 1];
        if (p->len == len && memcmp(p->s, s, len) == 0)
            return p->addr;
    }
    uint32_t addr = emit_alloc(E, len, 1);
    emit_poke(E, addr, s, len);
    PoolStr p = {arena_strndup(E->a, s, len), len, addr};
    vec_push(E->strs, p);
    E->str_hash[h] = E->strs.n;
    return addr;
}

/* ---- choosing the memory ------------------------------------------------------ */

static bool arena_address(Emit *E, uint32_t *addr)
{
    const char *name = E->opt->arena_export ? E->opt->arena_export
                                            : "__whamm_arena";
    int32_t ex = wasm_find_export(E->m, name, WASM_EXT_GLOBAL);
    if (ex < 0)
        return false;
    const WasmGlobal *g = &E->m->globals.v[E->m->exports.v[ex].index];
    int32_t v;
    if (g->import >= 0 || !wasm_expr_i32_const(E->m, &g->init, &v))
        return false;
    *addr = (uint32_t)v;
    return true;
}

static bool use_arena(Emit *E, uint32_t addr)
{
    if (E->opt->arena_size == 0) {
        emit_error(E, (Span){0}, "--memory=app needs --arena-size (the bytes "
                   "reserved at the arena export)");
        return false;
    }
    if (E->m->memories.v[0].limits.is64) {
        emit_error(E, (Span){0}, "--memory=app: memory 0 is 64-bit; use "
                   "--memory=separate");
        return false;
    }
    E->state_mem = 0;
    E->base = (addr + 15) & ~15u;
    E->state_limit = addr + (uint32_t)E->opt->arena_size;
    return true;
}

static bool choose_memory(Emit *E)
{
    WasmModule *m = E->m;
    uint32_t arena;
    bool has_arena = m->memories.n > 0 && arena_address(E, &arena);
    EmitMemory mode = E->opt->memory;
    if (mode == EMIT_MEMORY_AUTO)
        mode = has_arena ? EMIT_MEMORY_APP : EMIT_MEMORY_SEPARATE;
    if (mode == EMIT_MEMORY_APP && !has_arena) {
        emit_error(E, (Span){0}, "--memory=app: the module exports no i32 "
                   "global `%s` holding the arena's address",
                   E->opt->arena_export ? E->opt->arena_export
                                        : "__whamm_arena");
        return false;
    }
    if (mode == EMIT_MEMORY_APP)
        return use_arena(E, arena);
    E->own_memory = true;
    E->lazy_memory = true;
    E->base = 16;
    if (E->need_runtime || E->any_slots)
        need_memory(E);
    return true;
}

/* WASI reads fd_write's buffers from the export `memory`. */
static bool export_memory(Emit *E)
{
    int32_t ex = wasm_find_export(E->m, "memory", WASM_EXT_MEMORY);
    if (ex >= 0)
        return E->m->exports.v[ex].index == 0 ||
               (emit_error(E, (Span){0}, "the export `memory` is not memory "
                           "0"), false);
    if (wasm_add_export(E->m, "memory", WASM_EXT_MEMORY, 0))
        return true;
    emit_error(E, (Span){0}, "the module exports something else as "
               "`memory`; WASI output needs its memory there");
    return false;
}

/* ---- the runtime ---------------------------------------------------------------- */

static bool merge_runtime(Emit *E)
{
    WasmModule *m = E->m;
    bool separate = E->state_mem != 0;
    WasmMergeBinding bind = {"wasi_snapshot_preview1", "fd_write", 0};
    uint32_t at = E->base;
    if (separate) {
        int64_t fdw = wasm_find_import(m, "wasi_snapshot_preview1",
                                       "fd_write", WASM_EXT_FUNC);
        if (fdw < 0) {
            WasmValType i32 = {WASM_I32, 0};
            WasmValType p[4] = {i32, i32, i32, i32};
            fdw = wasm_add_import_func(m, "wasi_snapshot_preview1", "fd_write",
                                       wasm_add_func_type(m, p, 4, &i32, 1));
        }
        EmitStageOptions so = {E->state_mem, 0, at, STAGE_SIZE,
                               (uint32_t)fdw};
        bind.func = emit_stage_write(m, &so);
        at += STAGE_SIZE;
    }
    WasmMergeOptions mo = {E->state_mem, (at + 15) & ~15u, RT_STACK,
                           separate ? &bind : NULL, separate ? 1 : 0};
    WasmMergeResult r;
    WasmError err;
    if (!wasm_merge_library(m, E->opt->runtime, &mo, &r, &err)) {
        emit_error(E, (Span){0}, "merging the runtime: %s", err.msg);
        return false;
    }
    E->rt_report = wasm_merged_export(&r, "whamm_rt_report", WASM_EXT_FUNC);
    E->rt_str_eq = wasm_merged_export(&r, "whamm_rt_str_eq", WASM_EXT_FUNC);
    E->rt_str_starts = wasm_merged_export(&r, "whamm_rt_str_starts",
                                          WASM_EXT_FUNC);
    E->rt_str_ends = wasm_merged_export(&r, "whamm_rt_str_ends",
                                        WASM_EXT_FUNC);
    E->rt_str_contains = wasm_merged_export(&r, "whamm_rt_str_contains",
                                            WASM_EXT_FUNC);
    E->rt_fail = wasm_merged_export(&r, "whamm_rt_fail", WASM_EXT_FUNC);
    E->rt = r;
    E->rt_merged = true;
    int64_t ctors = wasm_merged_export(&r, "__wasm_call_ctors", WASM_EXT_FUNC);
    E->rt_init = ctors >= 0 ? ctors : r.start;
    E->base = (mo.memory_base + r.bytes_used + 15) & ~15u;
    if (E->rt_report < 0) {
        emit_error(E, (Span){0}, "the runtime lacks whamm_rt_report");
        return false;
    }
    return true;
}

uint32_t emit_rt_func(Emit *E, const char *name)
{
    int64_t f = E->rt_merged ? wasm_merged_export(&E->rt, name, WASM_EXT_FUNC)
                             : -1;
    if (f < 0) {
        emit_error(E, (Span){0}, "internal error: the runtime was not merged "
                   "or lacks %s", name);
        return 0;
    }
    return (uint32_t)f;
}

/* ---- read_str's heap --------------------------------------------------------------- */

/* With an arena, bytes kept after the image for the heap: whamm-ld sizes
 * the arena with them (EmitResult.arena_needed). */
#define HEAP_RESERVE 65536u
/* With a memory of its own, the smallest chunk read_str takes. */
#define STR_CHUNK_MIN 65536u

enum { H_LEN, H_TOP, H_END, H_SIZE };

static void op(Code *c, WasmInstr in) { vec_push(*c, in); }
static void opc(Code *c, WasmOpcode o) { vec_push(*c, wasm_instr(o)); }
static void local(Code *c, WasmOpcode o, uint32_t l)
{
    vec_push(*c, wasm_instr_idx(o, l));
}

/* if <cond on the stack> { whamm_rt_fail(msg); unreachable } */
static void fail_if(Emit *E, Code *c, const char *msg)
{
    uint32_t len = (uint32_t)strlen(msg);
    op(c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
    op(c, wasm_instr_i32((int32_t)emit_intern(E, msg, len)));
    op(c, wasm_instr_i32((int32_t)len));
    local(c, WASM_OP_Call, (uint32_t)E->rt_fail);
    opc(c, WASM_OP_Unreachable);
    opc(c, WASM_OP_End);
}

/* H_SIZE = max(a, b) of the two u32s on the stack (H_TOP is scratch). */
static void max_u32_to_size(Code *c)
{
    local(c, WASM_OP_LocalSet, H_SIZE);
    local(c, WASM_OP_LocalSet, H_TOP);
    local(c, WASM_OP_LocalGet, H_TOP);
    local(c, WASM_OP_LocalGet, H_SIZE);
    local(c, WASM_OP_LocalGet, H_TOP);
    local(c, WASM_OP_LocalGet, H_SIZE);
    opc(c, WASM_OP_I32GtU);
    opc(c, WASM_OP_Select);
    local(c, WASM_OP_LocalSet, H_SIZE);
}

/* With a memory of its own, whamm's state shares the pages past the image
 * with the runtime's heap (maps, mem_alloc), which takes them with
 * memory.grow.  So read_str's strings go in chunks the runtime allocates:
 * when len does not fit in the current chunk, a new one of
 * max(len, 2 * the old size, 64 KiB) becomes the chunk (heap_start..
 * heap_end).  The old chunk is left as it is: strings of the running probe
 * may still be in it, and the doubling bounds what is left behind by the
 * size of the newest chunk.  whamm_rt_alloc stops the program with a
 * message when memory cannot grow. */
static void new_chunk(Emit *E, Code *c)
{
    local(c, WASM_OP_LocalGet, H_LEN);
    local(c, WASM_OP_GlobalGet, E->heap_end);
    local(c, WASM_OP_GlobalGet, E->heap_start);
    opc(c, WASM_OP_I32Sub);
    op(c, wasm_instr_i32(1));
    opc(c, WASM_OP_I32Shl);
    max_u32_to_size(c);
    local(c, WASM_OP_LocalGet, H_SIZE);
    op(c, wasm_instr_i32((int32_t)STR_CHUNK_MIN));
    max_u32_to_size(c);
    local(c, WASM_OP_LocalGet, H_SIZE);
    local(c, WASM_OP_Call, emit_rt_func(E, "whamm_rt_alloc"));
    local(c, WASM_OP_LocalTee, H_TOP);
    local(c, WASM_OP_GlobalSet, E->heap_start);
    local(c, WASM_OP_LocalGet, H_TOP);
    local(c, WASM_OP_LocalGet, H_SIZE);
    opc(c, WASM_OP_I32Add);
    local(c, WASM_OP_GlobalSet, E->heap_end);
    local(c, WASM_OP_LocalGet, H_TOP);
    local(c, WASM_OP_LocalGet, H_LEN);
    opc(c, WASM_OP_I32Add);
    local(c, WASM_OP_LocalSet, H_END);
}

/* (func $whamm_str_alloc (param $len i32) (result i32)): bumps the heap
 * top by len and returns the old top; fails cleanly when full. */
static void heap_alloc_code(Emit *E, Code *c)
{
    local(c, WASM_OP_GlobalGet, E->heap_top);
    local(c, WASM_OP_LocalTee, H_TOP);
    local(c, WASM_OP_LocalGet, H_LEN);
    opc(c, WASM_OP_I32Add);
    local(c, WASM_OP_LocalTee, H_END);
    local(c, WASM_OP_LocalGet, H_TOP);
    opc(c, WASM_OP_I32LtU); /* wrapped around */
    if (!E->own_memory) {
        local(c, WASM_OP_LocalGet, H_END);
        op(c, wasm_instr_i32((int32_t)E->state_limit));
        opc(c, WASM_OP_I32GtU);
        opc(c, WASM_OP_I32Or);
        fail_if(E, c, "read_str: the arena is full (relink with a larger "
                "-Wl,--whamm-arena-size=N)");
    } else {
        fail_if(E, c, "read_str: out of memory");
        local(c, WASM_OP_LocalGet, H_END);
        local(c, WASM_OP_GlobalGet, E->heap_end);
        opc(c, WASM_OP_I32GtU);
        op(c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
        new_chunk(E, c);
        opc(c, WASM_OP_End);
    }
    local(c, WASM_OP_LocalGet, H_END);
    local(c, WASM_OP_GlobalSet, E->heap_top);
    local(c, WASM_OP_LocalGet, H_TOP);
}

/* The heap's globals (their start is set by emit_finish_state) and its
 * allocator. */
static bool setup_heap(Emit *E)
{
    if (E->rt_fail < 0) {
        emit_error(E, (Span){0}, "the runtime lacks whamm_rt_fail");
        return false;
    }
    WasmModule *m = E->m;
    WasmValType i32 = {WASM_I32, 0};
    WasmInstr zero = wasm_instr_i32(0);
    E->heap_top = wasm_add_global(m, i32, true, &zero, 1);
    /* chunks move the start (and end) of a heap in whamm's own memory */
    E->heap_start = wasm_add_global(m, i32, E->own_memory, &zero, 1);
    if (E->own_memory)
        E->heap_end = wasm_add_global(m, i32, true, &zero, 1);
    Code c = {0};
    heap_alloc_code(E, &c);
    WasmValType locals[3] = {i32, i32, i32};
    uint32_t type = wasm_add_func_type(m, &i32, 1, &i32, 1);
    E->heap_alloc = wasm_add_func(m, type, locals, 3, c.v, c.n);
    wasm_set_func_name(m, (uint32_t)E->heap_alloc, "whamm_str_alloc");
    vec_free(c);
    return true;
}

/* In an arena the heap starts after the image; returns the state's end
 * with it.  (In whamm's own memory its chunks come from the runtime.) */
static uint64_t place_heap(Emit *E, uint64_t end)
{
    if (!E->need_heap || E->heap_alloc < 0 || E->own_memory)
        return end;
    uint64_t start = (end + 7) & ~UINT64_C(7);
    WasmInstr at = wasm_instr_i32((int32_t)(uint32_t)start);
    wasm_set_global_init(E->m, E->heap_top, &at, 1);
    wasm_set_global_init(E->m, E->heap_start, &at, 1);
    return start + HEAP_RESERVE;
}

bool emit_setup_state(Emit *E)
{
    if (E->m->memories.n == 0) {
        /* no memory: whamm's state gets one, exported for WASI */
        WasmLimits one = {.min = 1, .page_log2 = 16};
        E->state_mem = wasm_add_memory(E->m, one);
        E->own_memory = true;
        E->base = 16;
    } else if (!choose_memory(E)) {
        return false;
    }
    E->rt_report = E->rt_init = E->rt_fail = E->heap_alloc = -1;
    E->rt_str_eq = E->rt_str_starts = E->rt_str_ends = -1;
    E->rt_str_contains = -1;
    if (!E->need_runtime)
        return true;
    if (E->m->memories.v[0].limits.is64) {
        emit_error(E, (Span){0}, "memory 0 is 64-bit, but WASI output (the "
                   "report, run-time string errors) needs a 32-bit memory 0");
        return false;
    }
    if (!E->opt->runtime) {
        emit_error(E, (Span){0}, "the runtime (whamm_runtime.wasm) was not "
                   "found");
        return false;
    }
    return export_memory(E) && merge_runtime(E) &&
           (!E->need_heap || setup_heap(E));
}

/* ---- the report table (runtime.h WhammRtRow) ------------------------------------ */

static void put_row(Emit *E, uint32_t at, uint32_t id, const char *text,
                    uint32_t len, uint32_t value, const Type *t)
{
    Buf b;
    buf_init(&b);
    buf_printf(&b, "%u, ", id);
    buf_append(&b, text, len);
    uint32_t text_len = (uint32_t)b.len;
    uint32_t text_at = emit_intern(E, arena_strndup(E->a, (const char *)b.data,
                                                    b.len), text_len);
    b.len = 0;
    emit_type_desc(&b, t);
    buf_push(&b, 0);
    uint32_t desc_at = emit_intern(E, arena_strndup(E->a, (const char *)b.data,
                                                    b.len), (uint32_t)b.len);
    buf_fini(&b);
    uint32_t words[4] = {text_at, text_len, value, desc_at};
    emit_poke(E, at, words, sizeof words); /* little-endian host assumed */
}

/* Rows of one type keep allocation order; tuple types among themselves
 * go by their names (docs/instr.md "The report"). */
static int cmp_row_types(Emit *E, const Type *a, const Type *b)
{
    int ra = emit_type_rank(a), rb = emit_type_rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->kind != TY_TUPLE)
        return 0;
    return strcmp(ty_name(E->a, a), ty_name(E->a, b));
}

static Emit *sorting; /* qsort has no context argument in C11 */

static int cmp_rows(const void *pa, const void *pb)
{
    const SlotRow *a = pa, *b = pb;
    int c = cmp_row_types(sorting, a->ty, b->ty);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Script-level rows: values by script and name, then maps by id. */
static int cmp_globals(const void *pa, const void *pb)
{
    const GlobalVar *a = *(GlobalVar *const *)pa, *b = *(GlobalVar *const *)pb;
    bool ma = a->ty->kind == TY_MAP, mb = b->ty->kind == TY_MAP;
    if (ma != mb)
        return ma ? 1 : -1;
    if (ma)
        return a->map_hdr < b->map_hdr ? -1 : a->map_hdr > b->map_hdr;
    if (a->script != b->script)
        return a->script < b->script ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The id_type column: `global_id`, one per Wasm global for several
 * (`(global_id; global_id)`), `map_id` for a map. */
static void global_id_type(Buf *b, const GlobalVar *g)
{
    uint32_t n = emit_nparts(g->ty);
    if (g->ty->kind == TY_MAP || n == 1) {
        buf_printf(b, "%s", g->ty->kind == TY_MAP ? "map_id" : "global_id");
        return;
    }
    buf_push(b, '(');
    for (uint32_t i = 0; i < n; i++)
        buf_printf(b, "%sglobal_id", i ? "; " : "");
    buf_push(b, ')');
}

static void put_global_row(Emit *E, uint32_t at, uint32_t id, GlobalVar *g)
{
    g->value_addr = emit_alloc(E, emit_type_size(g->ty), 8);
    Buf b;
    buf_init(&b);
    global_id_type(&b, g);
    buf_printf(&b, ", %s, %s, ", g->name, ty_name(E->a, g->ty));
    emit_wasm_type_text(&b, g->ty);
    buf_printf(&b, ", script%u, , , , , ", g->script);
    put_row(E, at, id, (const char *)b.data, (uint32_t)b.len, g->value_addr,
            g->ty);
    buf_fini(&b);
}

/* Lays out the rows: probe-local report variables by type, then the
 * script-level ones by script and name, then script-level maps
 * (docs/instr.md "The report"). */
void emit_layout_report(Emit *E)
{
    if (!E->need_report)
        return;
    sorting = E;
    if (E->rows.n)
        qsort(E->rows.v, E->rows.n, sizeof *E->rows.v, cmp_rows);
    VEC(GlobalVar *) gs = {0};
    for (uint32_t i = 0; i < E->globals.n; i++)
        if (E->globals.v[i].is_report)
            vec_push(gs, &E->globals.v[i]);
    if (gs.n)
        qsort(gs.v, gs.n, sizeof *gs.v, cmp_globals);
    E->nrows = E->rows.n + gs.n;
    E->rows_addr = emit_alloc(E, 16 * E->nrows, 4);
    uint32_t id = 0;
    for (uint32_t i = 0; i < E->rows.n; i++, id++)
        put_row(E, E->rows_addr + 16 * id, id, E->rows.v[i].text,
                E->rows.v[i].text_len, E->rows.v[i].value_addr,
                E->rows.v[i].ty);
    for (uint32_t i = 0; i < gs.n; i++, id++)
        put_global_row(E, E->rows_addr + 16 * id, id, gs.v[i]);
    vec_free(gs);
}

/* ---- the end: data segment and memory size ------------------------------------------ */

bool emit_finish_state(Emit *E)
{
    size_t len = E->image.len;
    while (len > 0 && E->image.data[len - 1] == 0)
        len--;
    if (E->lazy_memory)
        return true; /* nothing needed a state memory */
    uint64_t end = place_heap(E, (uint64_t)E->base + E->image.len);
    if (!E->own_memory) {
        uint32_t arena;
        arena_address(E, &arena);
        E->res->arena_needed = end - arena;
        if (end > E->state_limit) {
            E->res->arena_too_small = true;
            return false;
        }
    } else {
        uint64_t pages = (end + 65535) / 65536;
        WasmLimits *l = &E->m->memories.v[E->state_mem].limits;
        if (pages > l->min)
            l->min = pages;
    }
    if (len > 0) {
        WasmInstr at = wasm_instr_i32((int32_t)E->base);
        wasm_add_data(E->m, E->state_mem, &at, 1, E->image.data,
                      (uint32_t)len);
    }
    return true;
}
