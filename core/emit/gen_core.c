/* gen_core.c -- calls of whamm_core's functions (docs/instr.md
 * "whamm_core"): `use whamm_core;` is implicit and its functions are the
 * runtime's (runtime.h), merged into the output like the rest of it.
 * Pointers (puts, mem_alloc, mem_free) are addresses in whamm's memory,
 * memid(whamm_core).  What the printing functions write is flushed after
 * every call, so it keeps its place among the program's own output. */
#include "gen.h"

#include <string.h>

typedef enum { CORE_PLAIN, CORE_PRINT, CORE_MAP } CoreKind;

typedef struct {
    const char *name;       /* whamm_core.<name> */
    const char *rt;         /* the runtime's export */
    CoreKind kind;
} CoreFn;

static const CoreFn core_fns[] = {
    {"mem_alloc", "whamm_rt_alloc", CORE_PLAIN},
    {"mem_free", "whamm_rt_free", CORE_PLAIN},
    {"putc", "whamm_rt_putc", CORE_PRINT},
    {"puts", "whamm_rt_puts", CORE_PRINT},
    {"putu8", "whamm_rt_putu8", CORE_PRINT},
    {"puti8", "whamm_rt_puti8", CORE_PRINT},
    {"putu16", "whamm_rt_putu16", CORE_PRINT},
    {"puti16", "whamm_rt_puti16", CORE_PRINT},
    {"putu32", "whamm_rt_putu32", CORE_PRINT},
    {"puti32", "whamm_rt_puti32", CORE_PRINT},
    {"putu64", "whamm_rt_putu64", CORE_PRINT},
    {"puti64", "whamm_rt_puti64", CORE_PRINT},
    {"putf32", "whamm_rt_putf32", CORE_PRINT},
    {"putf64", "whamm_rt_putf64", CORE_PRINT},
    {"putbool", "whamm_rt_putbool", CORE_PRINT},
    {"print_map", "whamm_rt_map_print", CORE_MAP},
    {"print_map_as_csv", "whamm_rt_map_print_csv", CORE_MAP},
};

static const CoreFn *core_fn(const char *name)
{
    for (size_t i = 0; i < sizeof core_fns / sizeof *core_fns; i++)
        if (strcmp(core_fns[i].name, name) == 0)
            return &core_fns[i];
    return NULL;
}

static void call(Gen *G, const char *rt)
{
    gen_push(G, wasm_instr_idx(WASM_OP_Call, emit_rt_func(G->E, rt)));
}

/* print_map(id): the header of map `id` (creation order), or a trap
 * with a message when there is no such map. */
static void map_by_id(Gen *G, const Expr *id)
{
    Emit *E = G->E;
    uint32_t n = gen_local(G, (WasmValType){WASM_I32, 0});
    gen_expr(G, id);
    gen_push(G, wasm_instr_idx(WASM_OP_LocalTee, n));
    gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, emit_map_count_global(E)));
    gen_push(G, wasm_instr(WASM_OP_I32GeU));
    gen_push(G, gen_block_instr(E->m, WASM_OP_If, NULL, 0));
    static const char msg[] = "print_map: no map has this id";
    gen_push(G, wasm_instr_i32((int32_t)emit_intern(E, msg, sizeof msg - 1)));
    gen_push(G, wasm_instr_i32((int32_t)(sizeof msg - 1)));
    call(G, "whamm_rt_fail");
    gen_push(G, wasm_instr(WASM_OP_End));
    gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, emit_map_table_global(E)));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, n));
    gen_push(G, wasm_instr_i32(2));
    gen_push(G, wasm_instr(WASM_OP_I32Shl));
    gen_push(G, wasm_instr(WASM_OP_I32Add));
    gen_push(G, wasm_instr_memarg(WASM_OP_I32Load, 0, 0, E->state_mem));
}

bool gen_core_call(Gen *G, const Expr *e)
{
    const CoreFn *f = e->recv && strcmp(e->recv, "whamm_core") == 0
                          ? core_fn(e->name) : NULL;
    if (!f)
        return false;
    if (f->kind == CORE_MAP && e->nargs == 1) {
        map_by_id(G, e->args[0]);
    } else {
        for (uint32_t i = 0; i < e->nargs; i++)
            gen_expr(G, e->args[i]);
    }
    call(G, f->rt);
    if (f->kind != CORE_PLAIN)
        gen_core_flush(G);
    return true;
}

/* Writes out what was printed -- unless the start section is running
 * (hosts such as node refuse WASI calls then): _start's entry writes it. */
void gen_core_flush(Gen *G)
{
    int64_t in_start = G->E->in_start;
    if (in_start >= 0) {
        gen_push(G, wasm_instr_idx(WASM_OP_GlobalGet, (uint32_t)in_start));
        gen_push(G, wasm_instr(WASM_OP_I32Eqz));
        gen_push(G, gen_block_instr(G->E->m, WASM_OP_If, NULL, 0));
    }
    call(G, "whamm_rt_flush");
    gen_push(G, wasm_instr(WASM_OP_Drop));
    if (in_start >= 0)
        gen_push(G, wasm_instr(WASM_OP_End));
}
