/* base.h -- the bottom layer of the emitter (not an API): the shared
 * context (Emit), the expanded probes (Exp), sites, and the helpers every
 * layer uses.  The layers, each using only those below it:
 *   base      base.c: errors, whamm types as Wasm types and memory sizes
 *   plan      plan.c, needs.c: scripts -> expanded probes (plan.h)
 *   state     state.c, globals.c, report_table.c: whamm's memory, image,
 *             globals, report layout (state.h)
 *   gen       codegen.c, builtins.c, fns.c: code for expressions and
 *             statements (gen.h)
 *   walk      walk.c: every site of every function (walk.h)
 *   target    hooks.c (start-up and end), rewrite.c (emit_instrument) */
#ifndef WHAMM_EMIT_BASE_H
#define WHAMM_EMIT_BASE_H

#include "emit.h"
#include "../provider/registry.h"

typedef VEC(WasmInstr) Code;

/* Appending to a Code: an instruction, one without immediates, one with an
 * index (local, global, function, ...), an i32 constant. */
static inline void emit_instr(Code *c, WasmInstr in) { vec_push(*c, in); }
static inline void emit_op(Code *c, WasmOpcode o)
{
    vec_push(*c, wasm_instr(o));
}
static inline void emit_op_idx(Code *c, WasmOpcode o, uint32_t index)
{
    vec_push(*c, wasm_instr_idx(o, index));
}
static inline void emit_op_i32(Code *c, int32_t v)
{
    vec_push(*c, wasm_instr_i32(v));
}

/* A whamm value is a sequence of Wasm values, its parts: one per scalar,
 * two for a str (address, length), one i32 for a map (its header's
 * address), a tuple's elements' parts in order.  In memory the parts are
 * packed, no padding: 1 byte for u8/i8, 2 for u16/i16, 8 for the 64-bit
 * types, 4 for the rest (bool and each str half too). */
#define EMIT_MAX_PARTS TY_MAX_WASM_VALUES
typedef struct {
    WasmValType vt;
    uint8_t size;           /* bytes in memory: 1, 2, 4 or 8 */
    bool sign;              /* a narrow load sign-extends */
    uint32_t offset;        /* in the packed value */
    TypeKind kind;          /* the scalar's kind (TY_STR for both halves) */
} EmitPart;

typedef struct {
    uint32_t script;
    const char *name;
} MapName;

/* A report slot whose value lives in a Wasm global (Emit.top).  Small:
 * a module may have hundreds of thousands. */
typedef struct {
    uint32_t global;
    uint32_t addr;
    uint16_t store;         /* WasmOpcode that stores the value at addr */
} SlotGlobal;

typedef enum {
    EV_OPCODE, EV_FUNC_ENTRY, EV_FUNC_EXIT, EV_BLOCK_START, EV_BLOCK_END,
    EV_BEGIN, EV_END, EV_REPORT,
    EV_OTHER                /* an event of another provider (wei only) */
} EvKind;

typedef enum {
    MD_NONE, MD_BEFORE, MD_AFTER, MD_ALT, MD_ENTRY, MD_EXIT, MD_BLOCK_AFTER,
    MD_BLOCK_ALT, MD_AT_TARGET
} MdKind;

/* One expanded (event, mode) of a probe, with its own typed copy of the
 * predicate and body (derived bound variables substituted). */
typedef struct {
    Probe *probe;
    uint32_t script;
    uint32_t m;             /* expansion index in probe->matches */
    ProvMatch pm;
    EvKind ev;
    int op;                 /* EV_OPCODE: the WasmOpcode */
    MdKind mode;
    const char *id_text;    /* "12_wasm:opcode:br_if:before" */
    Expr *pred;             /* NULL: none */
    Block body;
    Stmt **slots;           /* unshared/report decls: sorted by type */
    Stmt **slots_in_order;  /* the same in declaration order */
    uint32_t nslots;
    int max_arg, max_res;   /* highest argN / resN named, -1 if none */
    bool uses_static;       /* names a site-static value */
    bool uses_locals;       /* probe locals, args, results, localN */
    bool uses_heap;         /* may call read_str (directly or in a fn) */
    bool has_if;            /* its body has an `if` statement */
    bool calls_out;         /* may call a function (a call, a map or
                             * string operation): its code may reach
                             * whamm's runtime or the program's end */
    int counter;            /* a pure counter: index in Emit.counters */
    int64_t counter_delta;
    bool site_counter;      /* its body only bumps its one integer slot:
                             * counted per segment (walk.c) */
    int64_t site_delta;     /* ... by this much */
    uint32_t probe_index;   /* in EmitResult.probes */
    Code cached;            /* site-independent code, once generated */
    bool have_cached;
} Exp;

typedef VEC(Exp *) ExpList;

/* A script-level variable: its Wasm globals (str: two). */
typedef struct {
    const char *name;
    uint32_t script;
    const Type *ty;
    uint32_t global[EMIT_MAX_PARTS];
    bool is_report;
    uint32_t value_addr;    /* report: where the flush copies it */
    uint32_t map_hdr;       /* a map: its header's address, else 0 */
} GlobalVar;

typedef struct {
    const char *name;
    uint32_t script;
    FnDef *fn;
    uint32_t func;          /* working index */
} UserFn;

/* The per-site report rows gathered by the walk (report_table.c). */
typedef struct EmitRows EmitRows;

typedef struct {
    const char *s;
    uint32_t len, addr;
} PoolStr;

struct Emit;

/* Values known at a site: folded into the probe there. */
typedef struct {
    struct Emit *E;
    uint32_t func;          /* working = original index */
    uint32_t fid;
    uint32_t pc;
    uint32_t meta_pc;       /* pc shown in report rows */
    uint32_t opidx;
    bool at_func_end;
    const WasmInstr *in;    /* NULL for function-level events */
    const char *fname;
    uint32_t fname_len;
    bool has_instr_count;
    uint32_t instr_count;
    /* operand and result types of the instruction (bottom first) */
    const WasmValType *params, *results;
    uint32_t nparams, nresults;
    bool params_known;
    const WasmValType *local_types;  /* params then declared locals */
    uint32_t nlocal_types;
    int64_t resolved_fid;   /* look-back `ref.func N`, else -1 */
    bool resolved_dynamic;  /* resolved_fid is known at run time only: */
    uint32_t resolved_local;/* ... this local holds it (tables.c) */
} Site;

/* Locals of the function code is generated into. */
typedef struct {
    WasmValType vt;
    uint32_t idx;
    bool busy;
} PoolLocal;

typedef struct {
    WasmBodyEditor *ed;     /* an app function being edited, or NULL */
    VEC(WasmValType) own;   /* a function whamm builds: its locals */
    uint32_t first_own;     /* index of own.v[0] (after the params) */
    VEC(PoolLocal) pool;
} Locals;

#define EMIT_MAX_COUNTERS 4

/* A user library and what merging it made (libs.c). */
typedef struct {
    const EmitLib *lib;
    bool used;              /* a script calls it at run time */
    WasmMergeResult r;      /* its exports in the output */
    uint32_t base;          /* its memory's region in whamm's memory */
    uint32_t pages;         /* ... and the region's size */
    uint32_t size_global;   /* its memory's current size in pages */
    struct Interp *interp;  /* for @static calls, made on the first */
    bool interp_failed;     /* ... or why there is none (reported) */
} MergedLib;

typedef struct Emit {
    WasmModule *m;
    const struct ProvRegistry *reg;
    const EmitOptions *opt;
    DiagSink *sink;
    Arena *a;
    const EmitScript *scripts;
    uint32_t nscripts;
    EmitResult *res;
    bool failed;

    ExpList exps;
    ExpList by_op[WASM_OP_COUNT];
    bool has_plain[WASM_OP_COUNT];  /* by_op has a probe that is no counter */
    ExpList func_entry, func_exit, block_start, block_end, begin, end,
        report, other;
    bool any_slots;
    FoldConsts *consts;     /* per script */

    VEC(GlobalVar) globals;
    VEC(UserFn) fns;

    /* pure counters coalesced per straight-line segment */
    uint32_t counters[EMIT_MAX_COUNTERS];   /* index in globals */
    uint32_t ncounters;

    /* state: [base, base + image.len) in memory state_mem */
    uint32_t state_mem;
    /* --memory=top: state_mem is laid out as a memory of its own, then
     * moved to the top of memory 0 (top.c); these globals hold where it
     * starts in memory 0 and its size in pages */
    bool top;
    uint32_t top_base, top_pages;               /* globals */
    uint32_t top_grow_app, top_grow_state, top_app_size; /* functions */
    bool walking;           /* emit_walk has begun */
    bool wei;               /* a wei monitor (wei_target.c): no app, its
                             * report rows are added at bind time */
    /* --memory=top: per-site scalar slots kept in Wasm globals (an address
     * through `base` costs a hot counter much more than a global), and the
     * report slots among them, copied to their address at the end */
    uint32_t slot_globals;
    uint32_t dead_counter;      /* 1 + the address of the always-zero u64
                                 * the rows of dead code's sites name, or 0 */
    /* per-site counts derived from others at the end (walk.c, the
     * runtime's whamm_rt_derive): the table's bytes while walking, the
     * last entry's address, then where the table lies in the state */
    Buf derive_table;
    uint32_t derive_prev, derive_edge;  /* the last entry's count, the
                                         * last edge count one read */
    uint32_t derive_addr, derive_len;
    /* a loop that calls nothing keeps counts in locals (walk.c): 1 + the
     * i32 global that is 1 while one runs, or 0; and the warning the
     * report prints when it is 1 (the program trapped in such a loop) */
    uint32_t loop_live;
    uint32_t loop_live_msg, loop_live_len;
    VEC(SlotGlobal) report_slot_globals;
    /* maps some access reaches with a key known only at run time (or that
     * are passed to a function, or initialised from a bound map), by name;
     * with maps_printed (print_map names maps by run-time id) no map's
     * static entries can live in globals */
    VEC(MapName) dyn_maps;
    bool maps_printed;
    /* by original function: its body as the walk committed it, when the
     * code the walk added names no memory (top.c need not open it again),
     * else NULL; NULL until the walk commits such a body */
    const uint8_t **top_clean;
    bool top_late;          /* the state memory came after code was
                             * inserted: top.c rewrites those bodies too */
    uint32_t base;
    ZeroRegion image;       /* never-written pages cost no memory */
    VEC(PoolStr) strs;
    uint32_t *str_hash;     /* open addressing over strs, 0 = empty */
    uint32_t str_hash_cap;
    EmitRows *rows;         /* per-site report rows, or NULL */

    bool need_report;       /* the default report (rows) is printed */
    bool need_flush;
    int64_t proc_exit;      /* working index of the WASI import, or -1 */
    uint32_t on_exit;       /* working index (when need_flush) */
    uint32_t flushed;       /* guard global */
    uint32_t init_fn;       /* runs before the app's start */
    Code init_code;
    Locals init_locals;
    uint32_t rows_addr, nrows;  /* the report table */
    int64_t flush_fn;       /* main, _start or the start function, or -1 */
    int64_t start_export;   /* the exported _start (defined here), or -1 */
    int64_t in_start;       /* global: 1 while the start section runs, or
                             * -1 (no start section, or no _start) */
    uint32_t state_limit;   /* --memory=app: end of the arena */
    bool own_memory;        /* state memory is one whamm added */
    bool lazy_memory;       /* ... but only once something needs it */
    int64_t rt_report;      /* whamm_rt_report, or -1 */
    int64_t rt_init;        /* the runtime's constructor, or -1 */
    bool need_runtime;      /* the report or a string helper */
    int64_t rt_str_eq, rt_str_starts, rt_str_ends, rt_str_contains;
    int64_t rt_fail;        /* whamm_rt_fail, or -1 */
    /* read_str's heap in the state memory (builtins.c, state.c) */
    bool need_heap;
    bool heap_resets;       /* emptied when a probe that allocates starts */
    uint32_t heap_top, heap_start;  /* globals */
    uint32_t heap_end;      /* global: the chunk's end (own memory only) */
    int64_t heap_alloc;     /* (len) -> address, or -1 */
    WasmMergeResult rt;     /* the merged runtime's exports */
    MergedLib *libs;        /* one per EmitOptions.libs */
    uint64_t static_calls;  /* @static calls run (-v) ... */
    uint64_t static_ns;     /* ... and the time they took */
    bool rt_merged;
    /* maps (map_layout.c; runtime.h "Maps") */
    VEC(uint32_t) maps;     /* header addresses by map id */
    uint32_t keybuf;        /* where dynamic keys are assembled, or 0 */
    struct MapEntrySlot *entries;   /* static entries: open addressing */
    uint32_t entries_cap, nentries;
    uint64_t static_sites, dynamic_sites;   /* map accesses, for -v */
    int64_t map_table_global;   /* address of the id -> header table */
    int64_t map_count_global;   /* number of maps */
    struct EmitShadows *shadows;    /* whamm's copy of the tables
                                     * (tables.c), or NULL */
} Emit;

/* ---- base.c ------------------------------------------------------------------ */
/* The parts of t; 0 when t has none or too many (unsupported). */
uint32_t emit_parts(const Type *t, EmitPart out[EMIT_MAX_PARTS]);
uint32_t emit_valtypes(const Type *t, WasmValType out[EMIT_MAX_PARTS]);
WasmInstr emit_zero_instr(WasmValType vt);
uint32_t emit_nparts(const Type *t);
/* The load / store of one part in memory (packed: alignment hint 0). */
WasmOpcode emit_load_op(const EmitPart *p);
WasmOpcode emit_store_op(const EmitPart *p);
uint32_t emit_type_size(const Type *t);
/* Appends the runtime's type descriptor of t (core/runtime/runtime.h). */
void emit_type_desc(Buf *b, const Type *t);
void emit_wasm_type_text(Buf *b, const Type *t);
int emit_type_rank(const Type *t);
int emit_type_cmp(const Type *a, const Type *b);
const GlobalVar *emit_find_global(const Emit *E, uint32_t script,
                                  const char *name);
const UserFn *emit_find_fn(const Emit *E, uint32_t script, const char *name);
/* N of a pattern name "argN" with prefix "arg"; -1 if it is not one. */
int emit_pattern_index(const char *name, const char *prefix);
void emit_error(Emit *E, Span at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool emit_type_supported(const Type *t);
/* Whether e is a call of built-in `name` (`strcmp`, `memid`, ...). */
bool emit_is_builtin_call(const Expr *e, const char *name);

#endif
