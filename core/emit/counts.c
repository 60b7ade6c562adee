/* counts.c -- pure counters: their code (shared with the walk), and the
 * bodies that get nothing else (counts.h), which are most bodies under a
 * script like `wasm:opcode:*:before { count++; }`.  Such a body is read
 * once into a small table of its instructions (opcode, offset, label or
 * function), the walk's decisions for pure counters are made on that
 * table as walk.c makes them (segments, counts in locals, loops that
 * call nothing, the report's flushes; the control flow both follow is
 * flow.c's), and the code goes into the body as it is written out
 * (wrw_splice_pieces): no editor, no commit.  The output is byte for
 * byte the walk's. */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

bool emit_count_splicing = true;
uint64_t emit_count_spliced;

/* ---- the counters' code ---------------------------------------------------------- */

const GlobalVar *emit_counter_global(const Emit *E, uint32_t cidx)
{
    return &E->globals.v[E->counters[cidx]];
}

bool emit_counter_wide(const GlobalVar *g)
{
    return g->ty->kind == TY_U64 || g->ty->kind == TY_I64;
}

uint32_t emit_counter_store(const GlobalVar *g, WasmInstr *out, uint32_t n)
{
    switch (g->ty->kind) {
    case TY_U8: case TY_U16:
        out[n++] = wasm_instr_i32(g->ty->kind == TY_U8 ? 0xFF : 0xFFFF);
        out[n++] = wasm_instr(WASM_OP_I32And);
        break;
    case TY_I8: case TY_I16:
        out[n++] = wasm_instr(g->ty->kind == TY_I8 ? WASM_OP_I32Extend8S
                                                   : WASM_OP_I32Extend16S);
        break;
    default:
        break;
    }
    out[n++] = wasm_instr_idx(WASM_OP_GlobalSet, g->global[0]);
    return n;
}

WasmInstr emit_counter_const(const GlobalVar *g, int64_t v)
{
    return emit_counter_wide(g) ? wasm_instr_i64(v)
                                : wasm_instr_i32((int32_t)v);
}

WasmInstr emit_counter_addop(const GlobalVar *g)
{
    return wasm_instr(emit_counter_wide(g) ? WASM_OP_I64Add : WASM_OP_I32Add);
}

uint32_t emit_counter_add(const Emit *E, uint32_t cidx, int64_t total,
                          WasmInstr *code)
{
    const GlobalVar *g = emit_counter_global(E, cidx);
    code[0] = wasm_instr_idx(WASM_OP_GlobalGet, g->global[0]);
    code[1] = emit_counter_const(g, total);
    code[2] = emit_counter_addop(g);
    return emit_counter_store(g, code, 3);
}

/* Encoded here, not built as instructions: the walk makes one for nearly
 * every segment of a counted body. */
uint32_t emit_step_bytes(uint8_t *b, uint8_t get, uint8_t set,
                         uint32_t index, bool wide, int64_t step)
{
    uint32_t k = 0;
    b[k++] = get;
    k += wenc_u64_to(b + k, index);
    b[k++] = wide ? 0x42 : 0x41; /* i64.const / i32.const */
    k += wenc_s64_to(b + k, wide ? step : (int64_t)(int32_t)step);
    b[k++] = wide ? 0x7C : 0x6A; /* i64.add / i32.add */
    b[k++] = set;
    k += wenc_u64_to(b + k, index);
    return k;
}

uint32_t emit_counter_flush(const Emit *E, const uint32_t *local, Buf *b)
{
    WasmInstr code[EMIT_MAX_COUNTERS * 8];
    uint32_t n = 0;
    for (uint32_t c = 0; c < E->ncounters; c++) {
        uint32_t l = local[c];
        if (l == UINT32_MAX)
            continue;
        const GlobalVar *g = emit_counter_global(E, c);
        code[n++] = wasm_instr_idx(WASM_OP_GlobalGet, g->global[0]);
        code[n++] = wasm_instr_idx(WASM_OP_LocalGet, l);
        code[n++] = emit_counter_addop(g);
        n = emit_counter_store(g, code, n);
        code[n++] = emit_counter_const(g, 0);
        code[n++] = wasm_instr_idx(WASM_OP_LocalSet, l);
    }
    for (uint32_t k = 0; k < n; k++)
        wenc_instr(b, &code[k]);
    return n;
}

void emit_loop_live(Emit *E, Code *c, int32_t v)
{
    if (!E->need_flush || !E->rt_merged)
        return;
    if (!E->loop_live) {
        static const char msg[] =
            "the program stopped in a loop that calls no function, where "
            "whamm keeps counts in locals: that loop's counts since it "
            "began are missing (instrument with --exact-traps for exact "
            "counts)";
        WasmInstr zero = wasm_instr_i32(0);
        E->loop_live = 1 + wasm_add_global(E->m, (WasmValType){WASM_I32, 0},
                                           true, &zero, 1);
        E->loop_live_len = sizeof msg - 1;
        E->loop_live_msg = emit_intern(E, msg, E->loop_live_len);
    }
    vec_push(*c, wasm_instr_i32(v));
    vec_push(*c, wasm_instr_idx(WASM_OP_GlobalSet, E->loop_live - 1));
}

/* One piece of code in front of instruction at, in the order they go
 * in; piece UINT32_MAX: a place kept for code known later (none if it
 * stays so). */
typedef struct {
    uint32_t at, piece;
} Entry;

/* A pure counters' add made before, to find again: the code of
 * `counter += total` in a local or in the global. */
typedef struct {
    bool used, direct;
    uint32_t cidx, piece;
    int64_t total;
} AddCache;
#define ADD_CACHE 64

typedef struct {
    uint32_t at;            /* an instruction that leaves the region */
    uint32_t entry;         /* its place for the stores */
} RegionExit;

typedef struct {
    Emit *E;
    OpTable *t;
    Arena *fa;
    const WasmBrief *code;  /* the body in brief, code[0..w.n) */
    Flow w;                 /* its labels and loops (w.ops: OPS_* by
                               opcode) */
    VEC(uint32_t) marks;    /* the segment's instructions that may end it */
    uint32_t seg_end;       /* the segment's last instruction */
    /* the counts in locals (walk.c, "pure counters in locals") */
    bool hot_on, pending, flush_here;
    uint32_t local[EMIT_MAX_COUNTERS];
    uint32_t flush_piece;   /* UINT32_MAX: not made for the locals so far */
    /* the region (walk.c, "loops that call nothing"): what it counted,
     * its br_if exits' local, the place of its loads, its exits */
    bool counted;
    uint32_t cond, loads;
    VEC(RegionExit) exits;
    /* what goes in */
    uint32_t first_local;   /* the index the next added local gets, less
                               those added */
    VEC(WasmValType) added;
    VEC(Entry) entries;
    VEC(WasmSplicePiece) pieces;
    Buf pool;
    uint32_t refs;
    uint32_t call_piece;    /* `call on_exit`, UINT32_MAX until made */
    AddCache adds[ADD_CACHE];
} Counts;

/* ---- the pieces of code --------------------------------------------------------- */

static uint32_t add_piece(Counts *S, const uint8_t *b, uint32_t len,
                          uint32_t n, bool calls, uint32_t refs)
{
    WasmSplicePiece pc = {(uint32_t)S->pool.len, len, n, calls};
    buf_append(&S->pool, b, len);
    vec_push(S->pieces, pc);
    S->refs |= refs;
    return S->pieces.n - 1;
}

static uint32_t code_piece(Counts *S, const WasmInstr *code, uint32_t n)
{
    Buf b;
    buf_init(&b);
    uint32_t refs = 0;
    for (uint32_t k = 0; k < n; k++) {
        wenc_instr(&b, &code[k]);
        refs |= wasm_instr_refs(&code[k]);
    }
    bool calls = n == 1 && (refs & WASM_REFS_FUNC);
    uint32_t p = add_piece(S, b.data, (uint32_t)b.len, n, calls, refs);
    buf_fini(&b);
    return p;
}

static void put_entry(Counts *S, uint32_t at, uint32_t piece)
{
    Entry e = {at, piece};
    vec_push(S->entries, e);
}

/* A place for code known later, in front of instruction at. */
static uint32_t keep_place(Counts *S, uint32_t at)
{
    put_entry(S, at, UINT32_MAX);
    return S->entries.n - 1;
}

/* The report (once, guarded in on_exit) in front of instruction at. */
static void put_flush_call(Counts *S, uint32_t at)
{
    if (S->call_piece == UINT32_MAX) {
        WasmInstr call = wasm_instr_idx(WASM_OP_Call, S->E->on_exit);
        S->call_piece = code_piece(S, &call, 1);
    }
    put_entry(S, at, S->call_piece);
}

static inline uint16_t op_of(const Counts *S, uint32_t i)
{
    return S->code[i].op;
}

/* ---- the counters' adds and flushes ---------------------------------------------- */

static uint32_t new_local(Counts *S, WasmValType t)
{
    vec_push(S->added, t);
    return S->first_local + S->added.n - 1;
}

/* The piece of `counter += total`, in its local or (direct) its global:
 * found again when made before. */
static uint32_t add_code(Counts *S, uint32_t cidx, int64_t total,
                         bool direct)
{
    AddCache *e = &S->adds[((uint64_t)total * 2 + direct + cidx * 7) %
                           ADD_CACHE];
    if (e->used && e->total == total && e->direct == direct &&
        e->cidx == cidx)
        return e->piece;
    uint32_t p;
    if (direct) {
        WasmInstr code[6];
        p = code_piece(S, code, emit_counter_add(S->E, cidx, total, code));
    } else {
        uint8_t b[32];
        bool w = emit_counter_wide(emit_counter_global(S->E, cidx));
        uint32_t len = emit_step_bytes(b, 0x20, 0x21, S->local[cidx], w,
                                       total);
        p = add_piece(S, b, len, 4, false, 0);
    }
    *e = (AddCache){true, direct, cidx, p, total};
    return p;
}

static void hot_add(Counts *S, uint32_t at, uint32_t cidx, int64_t total)
{
    if (S->local[cidx] == UINT32_MAX) {
        bool w = emit_counter_wide(emit_counter_global(S->E, cidx));
        S->local[cidx] = new_local(S, (WasmValType){w ? WASM_I64 : WASM_I32,
                                                    0});
        S->flush_piece = UINT32_MAX;
    }
    put_entry(S, at, add_code(S, cidx, total, false));
    S->pending = true;
    S->counted |= S->w.in;
}

/* After instruction i: whether a count may be pending (walk.c's
 * hot_after). */
static void hot_after(Counts *S, uint32_t i)
{
    if (!S->hot_on)
        return;
    if (S->flush_here)
        S->pending = false;
    else if (wasm_ops[op_of(S, i)].flags & (OPF_END | OPF_MID))
        S->pending = true;
}

static void hot_flush(Counts *S, uint32_t at)
{
    if (S->flush_piece == UINT32_MAX) {
        Buf b;
        buf_init(&b);
        uint32_t n = emit_counter_flush(S->E, S->local, &b);
        S->flush_piece = add_piece(S, b.data, (uint32_t)b.len, n, false,
                                   WASM_REFS_GLOBAL);
        buf_fini(&b);
    }
    if (S->pieces.v[S->flush_piece].n)
        put_entry(S, at, S->flush_piece);
}

/* What the segment from instruction i adds to each counter (total[],
 * summed on), its sites counted for their probes; where it ends (the
 * instruction returned), and the instructions after i up to there that
 * may end a segment (S->marks: the only ones after i that step need see:
 * every other instruction has nothing of control flow, no flush, no
 * code of whamm). */
static uint32_t scan_segment(Counts *S, uint32_t i, int64_t *total,
                             bool *crossed)
{
    SegScan sc = {0};
    OpTable *t = S->t;
    const uint16_t *ops = S->w.ops;
    uint32_t j = i, n = S->w.n, nc = S->E->ncounters;
    S->marks.n = 0;
    for (; j < n; j++) {
        uint16_t op = op_of(S, j), o = ops[op];
        if (o & OPS_COUNTED) {
            if (nc == 1) /* the common script */
                total[0] += t->delta[op][0];
            else
                for (uint32_t c = 0; c < nc; c++)
                    total[c] += t->delta[op][c];
            t->counted_sites[op]++;
        }
        if (!(o & OPS_ENDS_SEG))
            continue;
        if (j > i)
            vec_push(S->marks, j);
        if (flow_seg_scan_ends(&S->w, j, &sc))
            break;
    }
    *crossed = sc.crossed;
    return j;
}

/* The segment from instruction i: what it adds to each counter, put in
 * front of it (the walk's counter_segment). */
static void counter_segment(Counts *S, uint32_t i)
{
    int64_t total[EMIT_MAX_COUNTERS] = {0};
    bool crossed;
    uint32_t j = scan_segment(S, i, total, &crossed);
    S->seg_end = j;
    if (i > 0 && (wasm_ops[op_of(S, i - 1)].flags & OPF_UNCOND))
        return; /* dead code: never runs */
    bool direct = !S->hot_on ||
                  (!S->pending && j < S->w.n && !crossed &&
                   flow_flush_point(&S->w, j));
    for (uint32_t c = 0; c < S->E->ncounters; c++) {
        if (!total[c])
            continue;
        if (direct)
            put_entry(S, i, add_code(S, c, total[c], true));
        else
            hot_add(S, i, c, total[c]);
    }
}

/* ---- loops that call nothing (as walk.c) ----------------------------------------- */

static void region_enter(Counts *S, uint32_t i)
{
    if (flow_region_enter(&S->w, i)) {
        S->exits.n = 0;
        S->counted = false;
    }
}

static void region_note_exit(Counts *S, uint32_t i)
{
    if (flow_in_region(&S->w, i) && flow_leaves_region(&S->w, i)) {
        RegionExit x = {i, keep_place(S, i)};
        vec_push(S->exits, x);
    }
}

static void fill_place(Counts *S, uint32_t entry, const Code *c)
{
    if (c->n)
        S->entries.v[entry].piece = code_piece(S, c->v, c->n);
}

/* The stores at a br_if that leaves the region: only when it branches. */
static void store_at_br_if(Counts *S, uint32_t entry, const Code *stores)
{
    if (S->cond == UINT32_MAX)
        S->cond = new_local(S, (WasmValType){WASM_I32, 0});
    Code c = {0};
    vec_push(c, wasm_instr_idx(WASM_OP_LocalTee, S->cond));
    vec_push(c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
    for (uint32_t k = 0; k < stores->n; k++)
        vec_push(c, stores->v[k]);
    vec_push(c, wasm_instr(WASM_OP_End));
    vec_push(c, wasm_instr_idx(WASM_OP_LocalGet, S->cond));
    fill_place(S, entry, &c);
    vec_free(c);
}

/* After instruction i, the region's end: `live` set before its loop and
 * cleared wherever it is left, when it counted. */
static void region_close(Counts *S, uint32_t i)
{
    if (!S->w.in || i != S->w.end)
        return;
    S->w.in = false;
    if (!S->counted)
        return;
    Code loads = {0}, stores = {0};
    emit_loop_live(S->E, &loads, 1);
    emit_loop_live(S->E, &stores, 0);
    fill_place(S, S->loads, &loads);
    for (uint32_t k = 0; k < S->exits.n; k++) {
        const RegionExit *x = &S->exits.v[k];
        if (op_of(S, x->at) == WASM_OP_BrIf)
            store_at_br_if(S, x->entry, &stores);
        else
            fill_place(S, x->entry, &stores);
    }
    fill_place(S, keep_place(S, i), &stores);
    vec_free(loads);
    vec_free(stores);
}

/* ---- the walk --------------------------------------------------------------------- */

/* Instruction i where something may happen (walk.c's walk_step). */
static void step(Counts *S, uint32_t i, bool *seg_start)
{
    const WasmBrief *in = &S->code[i];
    uint16_t o = S->w.ops[in->op];
    bool ctl = o & OPS_CTL;
    if (ctl)
        region_enter(S, i);
    S->flush_here = ctl && S->hot_on && flow_flush_point(&S->w, i);
    if (*seg_start)
        counter_segment(S, i);
    if (S->hot_on && S->pending && S->flush_here)
        hot_flush(S, i);
    *seg_start = (o & OPS_ENDS_SEG) && flow_ends_seg_at(&S->w, i);
    bool others = (o & OPS_OTHERS) && S->E->need_flush;
    bool late = false;
    if (others && emit_calls_exit(S->E, in->op, in->a))
        put_flush_call(S, i);
    if (others && in->op == WASM_OP_Unreachable) {
        late = flow_in_region(&S->w, i); /* after the region's stores */
        if (!late)
            put_flush_call(S, i);
    }
    if (S->w.in && i == S->w.start)
        S->loads = keep_place(S, i);
    if (!ctl)
        return;
    flow_note_branch_targets(&S->w, i, false);
    hot_after(S, i);
    region_note_exit(S, i);
    if (late)
        put_flush_call(S, i);
    flow_labels_after(&S->w, i);
    region_close(S, i);
}

/* Segment by segment: its first instruction, then those that may end
 * it (S->marks), the last of which does. */
static void walk(Counts *S)
{
    for (uint32_t i = 0; i < S->w.n; i = S->seg_end + 1) {
        bool seg_start = true;
        step(S, i, &seg_start);
        for (uint32_t k = 0; k < S->marks.n; k++)
            step(S, S->marks.v[k], &seg_start);
    }
}

/* What was found, into the body (its offsets from the instructions'). */
static bool splice(Counts *S, uint32_t f)
{
    uint32_t n = S->entries.n, k = 0;
    uint32_t *at = arena_alloc_raw(S->fa, sizeof *at * (n ? n : 1));
    uint32_t *piece = arena_alloc_raw(S->fa, sizeof *piece * (n ? n : 1));
    for (uint32_t e = 0; e < n; e++)
        if (S->entries.v[e].piece != UINT32_MAX) {
            at[k] = S->code[S->entries.v[e].at].off;
            piece[k++] = S->entries.v[e].piece;
        }
    return wrw_splice_pieces(S->E->m, f, at, piece, k, S->pieces.v,
                             S->pieces.n, S->pool.data, S->added.v,
                             S->added.n, S->refs);
}

static void counts_free(Counts *S)
{
    flow_fini(&S->w);
    vec_free(S->marks);
    vec_free(S->exits);
    vec_free(S->added);
    vec_free(S->entries);
    vec_free(S->pieces);
    buf_fini(&S->pool);
}

bool emit_count_splice(Emit *E, uint32_t f, OpTable *t, Arena *fa)
{
    WasmModule *m = E->m;
    uint32_t n, nlocals;
    const uint32_t *lab;
    const WasmBrief *code = wasm_body_brief(m, f, fa, &n, &lab, &nlocals);
    if (!code)
        return false;
    Counts *S = xcalloc(1, sizeof *S);
    S->E = E;
    S->t = t;
    S->fa = fa;
    S->code = code;
    flow_init(&S->w, code, n, lab, t->ops, fa);
    S->first_local = wasm_func_type(m, f)->nparams + nlocals;
    buf_init(&S->pool);
    S->w.ends_at_blocks = t->block_alts;
    S->w.region_on = S->hot_on = !E->opt->exact_traps;
    S->cond = S->flush_piece = S->call_piece = UINT32_MAX;
    for (uint32_t c = 0; c < EMIT_MAX_COUNTERS; c++)
        S->local[c] = UINT32_MAX;
    walk(S);
    emit_count_spliced++;
    if (!splice(S, f)) /* the brief was read: its sites are known */
        emit_error(E, (Span){0}, "internal error: function %u: the "
                   "counters' code could not be put in", f);
    counts_free(S);
    free(S);
    return true;
}
