/* builtins.c -- the built-in functions (docs/instr.md "Strings, memories and
 * the built-in functions") and the string operations only known at run time.
 *
 * Memory ids are the output module's memory indices: the app's memories
 * keep theirs, and memid(whamm_core) names the memory whamm's state lives
 * in (its own memory, or memory 0 with an arena), where every string is.
 * A memory id must be known when instrumenting.  Strings are (address,
 * length) pairs in the state memory; comparisons call the runtime
 * (core/runtime/str.c).  read_str copies into a heap in the state memory
 * (state.c); when no string can outlive a probe's execution the heap is
 * emptied at the start of every probe that may allocate. */
#include "gen.h"

#include <string.h>

/* ---- helpers ----------------------------------------------------------------- */

static void push_i32(Gen *G, int32_t v) { gen_push(G, wasm_instr_i32(v)); }

static void call_rt(Gen *G, int64_t fn, const char *name, Span at)
{
    if (fn < 0) {
        emit_error(G->E, at, "internal error: the runtime's %s is missing",
                   name);
        return;
    }
    gen_push(G, wasm_instr_idx(WASM_OP_Call, (uint32_t)fn));
}

/* A memory a built-in reads or writes: the module's memory `mem`, from
 * address `base` (a user library's memory is a region of whamm's). */
typedef struct {
    uint32_t mem;
    uint32_t base;
    const MergedLib *lib;     /* memid(NAME) of a user library, or NULL */
} MemRef;

/* memid(NAME) of a user library: its region of whamm's memory. */
static bool lib_memory(Gen *G, const Expr *a, MemRef *ref)
{
    const Expr *name = a->nargs == 1 ? a->args[0] : NULL;
    const MergedLib *L = name && name->kind == EX_ID
                             ? emit_find_lib(G->E, name->name) : NULL;
    if (!L)
        return false;
    if (L->lib->module->memories.n == 0)
        emit_error(G->E, a->span, "library `%s` has no memory",
                   L->lib->name);
    ref->mem = emit_state_memory(G->E);
    ref->base = L->base;
    ref->lib = L;
    return true;
}

/* The memory an argument names; it must be known when instrumenting. */
static bool memory_ref(Gen *G, const Expr *a, MemRef *ref)
{
    Emit *E = G->E;
    LangInt v = -1;
    memset(ref, 0, sizeof *ref);
    if (emit_is_builtin_call(a, "memid") && lib_memory(G, a, ref))
        return true;
    if (a->kind == EX_INT)
        v = a->ival;
    else if (emit_is_builtin_call(a, "memid"))
        v = emit_state_memory(E);
    if (v < 0) {
        emit_error(E, a->span, "a memory id must be known when instrumenting:"
                   " a literal, or memid(whamm_core) for whamm's memory");
        return false;
    }
    if (v >= (LangInt)E->m->memories.n) {
        unsigned id = (unsigned)(v > UINT32_MAX ? UINT32_MAX : v);
        uint32_t napp = E->m->norig[WASM_EXT_MEMORY];
        if (napp)
            emit_error(E, a->span, "there is no memory %u: the app's "
                       "memories are 0 to %u, whamm's is memid(whamm_core)",
                       id, napp - 1);
        else
            emit_error(E, a->span, "there is no memory %u: the app has no "
                       "memory, whamm's is memid(whamm_core)", id);
        return false;
    }
    ref->mem = (uint32_t)v;
    return true;
}

/* The same for built-ins that take only module memories. */
static bool memory_arg(Gen *G, const Expr *a, uint32_t *mem)
{
    MemRef ref;
    if (!memory_ref(G, a, &ref))
        return false;
    if (ref.lib) {
        emit_error(G->E, a->span, "memid(%s) names a library's memory: "
                   "memcpy, write_str, read_str and mem_size take it",
                   ref.lib->lib->name);
        return false;
    }
    *mem = ref.mem;
    return true;
}

static bool mem64(const Gen *G, uint32_t mem)
{
    return G->E->m->memories.v[mem].limits.is64;
}

/* An i32 address on the stack, as memory mem's index type wants it. */
static void addr_for(Gen *G, uint32_t mem)
{
    if (mem64(G, mem))
        gen_push(G, wasm_instr(WASM_OP_I64ExtendI32U));
}

/* Evaluates e into a new i32 local. */
static uint32_t to_local(Gen *G, const Expr *e)
{
    gen_expr(G, e);
    uint32_t l = gen_local(G, (WasmValType){WASM_I32, 0});
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, l));
    return l;
}

static void get(Gen *G, uint32_t local)
{
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, local));
}

/* An address in a local, moved by the memory's base. */
static void get_addr(Gen *G, const MemRef *m, uint32_t local)
{
    get(G, local);
    if (m->base) {
        push_i32(G, (int32_t)m->base);
        gen_push(G, wasm_instr(WASM_OP_I32Add));
    }
    addr_for(G, m->mem);
}

/* memory.copy dst <- src of len bytes, addresses and length in locals. */
static void copy_between(Gen *G, const MemRef *dst_mem, uint32_t dst,
                         const MemRef *src_mem, uint32_t src, uint32_t len)
{
    get_addr(G, dst_mem, dst);
    get_addr(G, src_mem, src);
    get(G, len);
    if (mem64(G, dst_mem->mem) && mem64(G, src_mem->mem))
        gen_push(G, wasm_instr(WASM_OP_I64ExtendI32U));
    WasmInstr in = wasm_instr(WASM_OP_MemoryCopy);
    in.a = dst_mem->mem;
    in.b = src_mem->mem;
    gen_push(G, in);
}

static MemRef state_ref(Gen *G)
{
    MemRef r = {G->E->state_mem, 0, NULL};
    return r;
}

/* ---- the memory built-ins ------------------------------------------------------ */

static void gen_memcpy(Gen *G, const Expr *e)
{
    MemRef src_mem, dst_mem;
    if (!memory_ref(G, e->args[0], &src_mem) ||
        !memory_ref(G, e->args[2], &dst_mem))
        return;
    uint32_t src = to_local(G, e->args[1]);
    uint32_t dst = to_local(G, e->args[3]);
    uint32_t len = to_local(G, e->args[4]);
    copy_between(G, &dst_mem, dst, &src_mem, src, len);
}

static void gen_write_str(Gen *G, const Expr *e)
{
    MemRef mem;
    if (!memory_ref(G, e->args[0], &mem))
        return;
    uint32_t dst = to_local(G, e->args[1]);
    gen_expr(G, e->args[2]);
    uint32_t len = gen_local(G, (WasmValType){WASM_I32, 0});
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, len));
    uint32_t src = gen_local(G, (WasmValType){WASM_I32, 0});
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, src));
    MemRef state = state_ref(G);
    copy_between(G, &mem, dst, &state, src, len);
}

/* Copies len bytes to a new heap string: leaves (address, len). */
static void gen_read_str(Gen *G, const Expr *e)
{
    MemRef mem;
    if (!memory_ref(G, e->args[0], &mem))
        return;
    uint32_t src = to_local(G, e->args[1]);
    uint32_t len = to_local(G, e->args[2]);
    uint32_t dst = gen_local(G, (WasmValType){WASM_I32, 0});
    get(G, len);
    call_rt(G, G->E->heap_alloc, "string heap", e->span);
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, dst));
    MemRef state = state_ref(G);
    copy_between(G, &state, dst, &mem, src, len);
    get(G, dst);
    get(G, len);
}

static void gen_mem_size(Gen *G, const Expr *e)
{
    MemRef ref;
    if (!memory_ref(G, e->args[0], &ref))
        return;
    if (ref.lib) { /* the library's memory.size */
        gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, ref.lib->size_global));
        return;
    }
    uint32_t mem = ref.mem;
    gen_push(G, wasm_instr_idx(WASM_OP_MemorySize, mem));
    if (mem64(G, mem))
        gen_push(G, wasm_instr(WASM_OP_I32WrapI64));
}

/* The union of memory mem's active data segments in the original module
 * (a constant, folded when instrumenting): [*lo, *hi). */
static bool active_data(Gen *G, const Expr *e, uint32_t mem, uint64_t *lo,
                        uint64_t *hi)
{
    const WasmModule *m = G->E->m;
    *lo = UINT64_MAX;
    *hi = 0;
    for (uint32_t i = 0; i < m->ndatas_orig; i++) {
        const WasmData *d = &m->datas.v[i];
        int64_t off;
        if (d->mode != WASM_SEG_ACTIVE || d->memory != mem)
            continue;
        if (!wasm_expr_int_const(m, &d->offset, &off)) {
            emit_error(G->E, e->span, "`%s`: data segment %u of memory %u is "
                       "placed by an expression computed at start-up, not a "
                       "constant", e->name, i, mem);
            return false;
        }
        uint64_t start = mem64(G, mem) ? (uint64_t)off : (uint32_t)off;
        if (start < *lo)
            *lo = start;
        if (start + d->len > *hi)
            *hi = start + d->len;
    }
    if (*lo == UINT64_MAX)
        *lo = *hi = 0; /* no active segment: an empty range at 0 */
    return true;
}

static void gen_active_data(Gen *G, const Expr *e)
{
    uint32_t mem;
    uint64_t lo, hi;
    if (!memory_arg(G, e->args[0], &mem) || !active_data(G, e, mem, &lo, &hi))
        return;
    uint64_t v = strcmp(e->name, "active_data_start") == 0 ? lo : hi - lo;
    if (v > UINT32_MAX) {
        emit_error(G->E, e->span, "`%s` of memory %u does not fit in a u32",
                   e->name, mem);
        return;
    }
    push_i32(G, (int32_t)(uint32_t)v);
}

static void gen_page_size(Gen *G, const Expr *e)
{
    uint32_t mem;
    if (memory_arg(G, e->args[0], &mem))
        push_i32(G, (int32_t)(UINT32_C(1)
                              << G->E->m->memories.v[mem].limits.page_log2));
}

static void gen_memid(Gen *G, const Expr *e)
{
    uint32_t mem;
    if (memory_arg(G, e, &mem))
        push_i32(G, (int32_t)mem);
}

/* strcmp/strcontains((addr, len), s): the pair is written as a tuple. */
static void gen_str_pair_call(Gen *G, const Expr *e)
{
    const Expr *p = e->args[0];
    if (p->kind != EX_TUPLE || p->nargs != 2) {
        emit_error(G->E, p->span, "`%s` needs its string as a written pair "
                   "`(address, length)` here", e->name);
        return;
    }
    gen_expr(G, p->args[0]);
    gen_expr(G, p->args[1]);
    gen_expr(G, e->args[1]);
    bool eq = strcmp(e->name, "strcmp") == 0;
    call_rt(G, eq ? G->E->rt_str_eq : G->E->rt_str_contains, e->name, e->span);
}

typedef struct {
    const char *name;
    uint32_t nargs;
    void (*gen)(Gen *G, const Expr *e);
} Builtin;

static const Builtin builtins[] = {
    {"memcpy", 5, gen_memcpy},
    {"write_str", 3, gen_write_str},
    {"read_str", 3, gen_read_str},
    {"mem_size", 1, gen_mem_size},
    {"active_data_start", 1, gen_active_data},
    {"active_data_len", 1, gen_active_data},
    {"page_size", 1, gen_page_size},
    {"memid", 1, gen_memid},
    {"strcmp", 2, gen_str_pair_call},
    {"strcontains", 2, gen_str_pair_call},
};

bool gen_lang_builtin(Gen *G, const Expr *e)
{
    for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++) {
        if (strcmp(e->name, builtins[i].name) != 0)
            continue;
        if (e->nargs != builtins[i].nargs)
            return false;
        builtins[i].gen(G, e);
        return true;
    }
    return false;
}

/* ---- strings at run time ----------------------------------------------------------- */

void gen_str_eq_call(Gen *G, Span at)
{
    call_rt(G, G->E->rt_str_eq, "string comparison", at);
}

void gen_str_equal(Gen *G, const Expr *e)
{
    gen_expr(G, e->a);
    gen_expr(G, e->b);
    gen_str_eq_call(G, e->span);
    if (e->bop == BIN_NE)
        gen_push(G, wasm_instr(WASM_OP_I32Eqz));
}

bool gen_str_method(Gen *G, const Expr *e)
{
    static const char *const names[] = {"starts_with", "ends_with",
                                        "contains"};
    Emit *E = G->E;
    const int64_t fns[] = {E->rt_str_starts, E->rt_str_ends,
                           E->rt_str_contains};
    gen_expr(G, e->a); /* (address, length) */
    if (strcmp(e->name, "len") == 0 || strcmp(e->name, "addr") == 0) {
        uint32_t t = gen_local(G, (WasmValType){WASM_I32, 0});
        gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, t));
        if (strcmp(e->name, "len") == 0) {
            gen_push(G, wasm_instr(WASM_OP_Drop));
            get(G, t);
        }
        return true;
    }
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(e->name, names[i]) == 0 && e->nargs == 1) {
            gen_expr(G, e->args[0]);
            call_rt(G, fns[i], e->name, e->span);
            return true;
        }
    }
    return false;
}

/* Empties the string heap at the start of a probe that may allocate,
 * when no string can outlive a probe's execution. */
void gen_heap_reset(Gen *G)
{
    Emit *E = G->E;
    if (!E->heap_resets || !G->exp || !G->exp->uses_heap)
        return;
    gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, E->heap_start));
    gen_push(G, wasm_instr_idx(WASM_OP_GlobalSet, E->heap_top));
}
