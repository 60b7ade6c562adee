/* state.c -- where whamm's state lives (docs/instr.md, `--memory`): the memory
 * (an arena in the app's memory, a memory of its own, or -- for a module
 * without memory -- a memory whamm adds), the merged runtime, and the
 * image of everything laid out at instrumentation time: interned strings,
 * per-site slots, the report table (report_table.c).  The image becomes
 * data segments, long runs of zero bytes left out. */
#include "state.h"

#include "runtime/runtime.h"

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
    if (E->top) { /* top.c moves it to the top of memory 0 at the end */
        emit_top_setup(E);
        E->top_late = E->walking;
    }
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
    zregion_grow(&E->image, (size_t)pad + size); /* fresh bytes are zero */
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

/* The arena [addr, end) must lie in memory 0 as it starts and hold none
 * of the app's initialised data (64-bit arithmetic: nothing wraps). */
static bool arena_fits(Emit *E, uint64_t addr, uint64_t end)
{
    const WasmModule *m = E->m;
    uint64_t size = m->memories.v[0].limits.min << 16;
    if (end > size) {
        emit_error(E, (Span){0}, "--memory=app: the arena [%llu, %llu) runs "
                   "past the %llu bytes memory 0 starts with",
                   (unsigned long long)addr, (unsigned long long)end,
                   (unsigned long long)size);
        return false;
    }
    for (uint32_t d = 0; d < m->datas.n; d++) {
        const WasmData *seg = &m->datas.v[d];
        int32_t at;
        if (seg->mode != WASM_SEG_ACTIVE || seg->memory != 0 ||
            !wasm_expr_i32_const(m, &seg->offset, &at))
            continue;
        uint64_t lo = (uint32_t)at, hi = lo + seg->len;
        if (seg->len && lo < end && addr < hi) {
            emit_error(E, (Span){0}, "--memory=app: the arena [%llu, %llu) "
                       "overlaps the app's data segment %u at [%llu, %llu)",
                       (unsigned long long)addr, (unsigned long long)end, d,
                       (unsigned long long)lo, (unsigned long long)hi);
            return false;
        }
    }
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
    if (!arena_fits(E, addr, (uint64_t)addr + E->opt->arena_size))
        return false;
    E->state_mem = 0;
    E->base = (addr + 15) & ~15u;
    uint64_t end = (uint64_t)addr + E->opt->arena_size;
    E->state_limit = end > UINT32_MAX ? UINT32_MAX : (uint32_t)end;
    return true;
}

/* Why whamm's state cannot go at the top of memory 0, or NULL. */
static const char *top_obstacle(const WasmModule *m)
{
    const WasmMemory *mem = &m->memories.v[0];
    if (mem->import >= 0)
        return "memory 0 is imported (its size is the host's)";
    if (mem->limits.shared)
        return "memory 0 is shared between threads";
    if (mem->limits.is64)
        return "memory 0 is 64-bit";
    if (mem->limits.page_log2 != 16)
        return "memory 0 has custom-sized pages";
    return NULL;
}

/* --memory=top, or the default without an arena: when memory 0 cannot
 * take the state, an error if it was asked for, else a warning and a
 * memory of its own. */
static EmitMemory top_or_separate(Emit *E, bool asked)
{
    const char *why = top_obstacle(E->m);
    if (!why)
        return EMIT_MEMORY_TOP;
    if (asked) {
        emit_error(E, (Span){0}, "--memory=top: %s; use --memory=separate",
                   why);
        return EMIT_MEMORY_AUTO;
    }
    diag_emit(E->sink, DIAG_SEPARATE_MEMORY, (Span){0}, "%s, so whamm's "
              "state gets a memory of its own: the output needs a runtime "
              "with multi-memory (say --memory=separate to silence this)",
              why);
    return EMIT_MEMORY_SEPARATE;
}

static bool choose_memory(Emit *E)
{
    WasmModule *m = E->m;
    uint32_t arena;
    bool has_arena = m->memories.n > 0 && arena_address(E, &arena);
    EmitMemory mode = E->opt->memory;
    if (mode == EMIT_MEMORY_AUTO && has_arena)
        mode = EMIT_MEMORY_APP;
    else if (mode == EMIT_MEMORY_AUTO || mode == EMIT_MEMORY_TOP)
        mode = top_or_separate(E, mode == EMIT_MEMORY_TOP);
    if (mode == EMIT_MEMORY_AUTO)
        return false;
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
    E->top = mode == EMIT_MEMORY_TOP;
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

/* The runtime's WASI calls that take pointers (core/runtime/wasi.h), all
 * staged through memory 0 when the state has a memory of its own. */
static const char *const staged_wasi[] = {
    "environ_sizes_get", "environ_get", "fd_prestat_get",
    "fd_prestat_dir_name", "path_open",
};
#define NSTAGED (sizeof staged_wasi / sizeof staged_wasi[0])

static bool merge_runtime(Emit *E)
{
    WasmModule *m = E->m;
    bool separate = E->state_mem != 0;
    WasmMergeBinding bind[1 + NSTAGED] = {
        {"wasi_snapshot_preview1", "fd_write", 0}};
    uint32_t at = E->base;
    if (separate) {
        WasmValType i32 = {WASM_I32, 0};
        WasmValType p[4] = {i32, i32, i32, i32};
        uint32_t fdw = emit_wasi_import(m, "fd_write",
                                        wasm_add_func_type(m, p, 4, &i32, 1));
        if (fdw == UINT32_MAX) {
            emit_error(E, (Span){0}, "the module imports WASI fd_write with "
                       "another type than WASI's");
            return false;
        }
        EmitStageOptions so = {E->state_mem, 0, at, STAGE_SIZE, fdw};
        bind[0].func = emit_stage_write(m, &so);
        for (uint32_t i = 0; i < NSTAGED; i++) {
            uint32_t f = emit_stage_wasi(m, &so, staged_wasi[i]);
            if (f == UINT32_MAX) {
                emit_error(E, (Span){0}, "the module imports WASI %s with "
                           "another type than WASI's", staged_wasi[i]);
                return false;
            }
            bind[1 + i] = (WasmMergeBinding){"wasi_snapshot_preview1",
                                             staged_wasi[i], f};
        }
        at += STAGE_SIZE;
    }
    /* --memory=top: the runtime's code is moved to the top of memory 0
     * as it is merged (top.c leaves its bodies alone) */
    WasmMergeOptions mo = {.memory = E->state_mem,
                           .memory_base = (at + 15) & ~15u,
                           .stack_size = RT_STACK,
                           .bindings = separate ? bind : NULL,
                           .nbindings = separate ? 1 + (uint32_t)NSTAGED : 0,
                           .top = E->top, .top_base = E->top_base,
                           .top_pages = E->top_pages,
                           .top_grow = E->top_grow_state};
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


/* if <cond on the stack> { whamm_rt_fail(msg); unreachable } */
static void fail_if(Emit *E, Code *c, const char *msg)
{
    uint32_t len = (uint32_t)strlen(msg);
    emit_instr(c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
    emit_instr(c, wasm_instr_i32((int32_t)emit_intern(E, msg, len)));
    emit_instr(c, wasm_instr_i32((int32_t)len));
    emit_op_idx(c, WASM_OP_Call, (uint32_t)E->rt_fail);
    emit_op(c, WASM_OP_Unreachable);
    emit_op(c, WASM_OP_End);
}

/* H_SIZE = max(a, b) of the two u32s on the stack (H_TOP is scratch). */
static void max_u32_to_size(Code *c)
{
    emit_op_idx(c, WASM_OP_LocalSet, H_SIZE);
    emit_op_idx(c, WASM_OP_LocalSet, H_TOP);
    emit_op_idx(c, WASM_OP_LocalGet, H_TOP);
    emit_op_idx(c, WASM_OP_LocalGet, H_SIZE);
    emit_op_idx(c, WASM_OP_LocalGet, H_TOP);
    emit_op_idx(c, WASM_OP_LocalGet, H_SIZE);
    emit_op(c, WASM_OP_I32GtU);
    emit_op(c, WASM_OP_Select);
    emit_op_idx(c, WASM_OP_LocalSet, H_SIZE);
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
    emit_op_idx(c, WASM_OP_LocalGet, H_LEN);
    emit_op_idx(c, WASM_OP_GlobalGet, E->heap_end);
    emit_op_idx(c, WASM_OP_GlobalGet, E->heap_start);
    emit_op(c, WASM_OP_I32Sub);
    emit_instr(c, wasm_instr_i32(1));
    emit_op(c, WASM_OP_I32Shl);
    max_u32_to_size(c);
    emit_op_idx(c, WASM_OP_LocalGet, H_SIZE);
    emit_instr(c, wasm_instr_i32((int32_t)STR_CHUNK_MIN));
    max_u32_to_size(c);
    emit_op_idx(c, WASM_OP_LocalGet, H_SIZE);
    emit_op_idx(c, WASM_OP_Call, emit_rt_func(E, "whamm_rt_alloc"));
    emit_op_idx(c, WASM_OP_LocalTee, H_TOP);
    emit_op_idx(c, WASM_OP_GlobalSet, E->heap_start);
    emit_op_idx(c, WASM_OP_LocalGet, H_TOP);
    emit_op_idx(c, WASM_OP_LocalGet, H_SIZE);
    emit_op(c, WASM_OP_I32Add);
    emit_op_idx(c, WASM_OP_GlobalSet, E->heap_end);
    emit_op_idx(c, WASM_OP_LocalGet, H_TOP);
    emit_op_idx(c, WASM_OP_LocalGet, H_LEN);
    emit_op(c, WASM_OP_I32Add);
    emit_op_idx(c, WASM_OP_LocalSet, H_END);
}

/* (func $whamm_str_alloc (param $len i32) (result i32)): bumps the heap
 * top by len and returns the old top; fails cleanly when full. */
static void heap_alloc_code(Emit *E, Code *c)
{
    emit_op_idx(c, WASM_OP_GlobalGet, E->heap_top);
    emit_op_idx(c, WASM_OP_LocalTee, H_TOP);
    emit_op_idx(c, WASM_OP_LocalGet, H_LEN);
    emit_op(c, WASM_OP_I32Add);
    emit_op_idx(c, WASM_OP_LocalTee, H_END);
    emit_op_idx(c, WASM_OP_LocalGet, H_TOP);
    emit_op(c, WASM_OP_I32LtU); /* wrapped around */
    if (!E->own_memory) {
        emit_op_idx(c, WASM_OP_LocalGet, H_END);
        emit_instr(c, wasm_instr_i32((int32_t)E->state_limit));
        emit_op(c, WASM_OP_I32GtU);
        emit_op(c, WASM_OP_I32Or);
        fail_if(E, c, "read_str: the arena is full (relink with a larger "
                "-Wl,--whamm-arena-size=N)");
    } else {
        fail_if(E, c, "read_str: out of memory");
        emit_op_idx(c, WASM_OP_LocalGet, H_END);
        emit_op_idx(c, WASM_OP_GlobalGet, E->heap_end);
        emit_op(c, WASM_OP_I32GtU);
        emit_instr(c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
        new_chunk(E, c);
        emit_op(c, WASM_OP_End);
    }
    emit_op_idx(c, WASM_OP_LocalGet, H_END);
    emit_op_idx(c, WASM_OP_GlobalSet, E->heap_top);
    emit_op_idx(c, WASM_OP_LocalGet, H_TOP);
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
    return export_memory(E) && merge_runtime(E) && emit_merge_libs(E) &&
           (!E->need_heap || setup_heap(E));
}

/* ---- the end: data segment and memory size ------------------------------------------ */

/* Zero bytes a run must have to end a data segment: at least
 * ZERO_GAP_MIN, and more for a large image, so that it takes at most
 * MAX_IMAGE_SEGMENTS segments, and the module no more than engines take
 * (V8: MAX_MODULE_SEGMENTS). */
#define ZERO_GAP_MIN 64u
#define MAX_IMAGE_SEGMENTS 4096u
#define MAX_MODULE_SEGMENTS 100000u

static size_t zero_gap(const Emit *E, size_t len)
{
    size_t have = E->m->datas.n, room = MAX_IMAGE_SEGMENTS;
    if (have + room > MAX_MODULE_SEGMENTS)
        room = have < MAX_MODULE_SEGMENTS ? MAX_MODULE_SEGMENTS - have : 1;
    size_t gap = len / room + 1;
    return gap < ZERO_GAP_MIN ? ZERO_GAP_MIN : gap;
}

/* The length of the run of zero bytes at p (at most n). */
static size_t zero_run(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n && p[i] == 0)
        i++;
    return i;
}

/* The image [0, len) as data segments that leave out long runs of zero
 * bytes (the memory starts zeroed): per-site slots are mostly zero, and
 * without this they would make the output as large as the state.  Reading
 * the image's never-written pages costs no memory (util.h zero regions). */
static void add_image_data(Emit *E, size_t len)
{
    const uint8_t *img = E->image.data;
    size_t gap = zero_gap(E, len);
    size_t start = zero_run(img, len);
    while (start < len) {
        size_t end = start, zeros = 0;
        while (end < len) {
            const uint8_t *nz = memchr(img + end, 0, len - end);
            end = nz ? (size_t)(nz - img) : len;
            zeros = zero_run(img + end, len - end);
            if (zeros >= gap || end + zeros == len)
                break;
            end += zeros;
        }
        WasmInstr at = wasm_instr_i32((int32_t)(E->base + (uint32_t)start));
        wasm_add_data_ref(E->m, E->state_mem, &at, 1, img + start,
                          (uint32_t)(end - start));
        start = end + zeros;
    }
}

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
    add_image_data(E, len);
    /* the segments point into the image: the module keeps it (its length
     * stays for -v; nothing is laid out after this) */
    void *block = zregion_take(&E->image);
    if (block)
        wasm_module_adopt(E->m, block, zregion_block_free);
    return true;
}
