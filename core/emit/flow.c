/* flow.c -- see flow.h. */
#include "flow.h"

#include <stddef.h>

_Static_assert(offsetof(WasmBrief, op) == offsetof(WasmInstr, op) &&
               offsetof(WasmBrief, a) == offsetof(WasmInstr, a),
               "WasmBrief's op and a lie where WasmInstr's do");

static void init(Flow *w, const void *base, size_t stride, uint32_t n,
                 const uint16_t *ops, Arena *fa)
{
    memset(w, 0, sizeof *w);
    w->base = base;
    w->stride = stride;
    w->n = n;
    w->ops = ops;
    w->fa = fa;
    w->branched_to = arena_alloc(fa, n + 1);
}

void flow_init(Flow *w, const WasmBrief *code, uint32_t n,
               const uint32_t *lab, const uint16_t *ops, Arena *fa)
{
    init(w, code, sizeof *code, n, ops, fa);
    w->lab = lab;
}

void flow_init_decoded(Flow *w, const WasmInstr *instr, uint32_t n,
                       const uint16_t *ops, Arena *fa)
{
    init(w, instr, sizeof *instr, n, ops, fa);
    w->instr = instr;
}

void flow_fini(Flow *w)
{
    vec_free(w->labels);
}

static inline uint16_t op_at(const Flow *w, uint32_t i)
{
    uint16_t op;
    memcpy(&op, w->base + (size_t)i * w->stride + offsetof(WasmBrief, op),
           sizeof op);
    return op;
}

static inline uint32_t index_at(const Flow *w, uint32_t i)
{
    uint32_t a;
    memcpy(&a, w->base + (size_t)i * w->stride + offsetof(WasmBrief, a),
           sizeof a);
    return a;
}

/* The labels of the br_table or try_table at i (a try_table's catches'):
 * how many, and the k-th. */
static uint32_t label_count(const Flow *w, uint32_t i)
{
    return w->instr ? w->instr[i].n : w->lab[index_at(w, i)];
}

static uint32_t label_at(const Flow *w, uint32_t i, uint32_t k)
{
    if (!w->instr)
        return w->lab[index_at(w, i) + 1 + k];
    const WasmInstr *in = &w->instr[i];
    return in->op == WASM_OP_BrTable ? in->ext.labels[k]
                                     : in->ext.catches[k].label;
}

static inline uint16_t op_flags(const Flow *w, uint32_t i)
{
    return wasm_ops[op_at(w, i)].flags;
}

/* ---- where paths join ------------------------------------------------------------ */

/* A segment runs on through a `block` (entered only from before it) and
 * through the `end` of a block no branch goes to or of a loop (left only
 * by falling through it): only where paths join (a loop's start, an if's
 * arms and end, a branch's target) or the program may stop does a count
 * change. */

/* Whether the `end` of the construct opened at instruction opener is
 * reached other than by falling through to it. */
static bool end_joins(const Flow *w, uint32_t opener)
{
    switch (op_at(w, opener)) {
    case WASM_OP_Block:
        return w->branched_to[opener];
    case WASM_OP_Loop: /* branches go to its start */
        return false;
    default: /* an if's arms, a try's catches */
        return true;
    }
}

bool flow_seg_scan_ends(const Flow *w, uint32_t j, SegScan *sc)
{
    uint16_t op = op_at(w, j);
    if (w->ends_at_blocks)
        return true;
    if (op == WASM_OP_Block) {
        sc->opened++;
        sc->crossed = true;
        return false;
    }
    if (op != WASM_OP_End)
        return true;
    if (sc->opened) {
        sc->opened--;
        return false;
    }
    if (sc->closed >= w->labels.n ||
        end_joins(w, w->labels.v[w->labels.n - 1 - sc->closed]))
        return true;
    sc->closed++;
    sc->crossed = true;
    return false;
}

bool flow_ends_seg_at(const Flow *w, uint32_t i)
{
    SegScan here = {0};
    return flow_seg_scan_ends(w, i, &here);
}

/* ---- branches ------------------------------------------------------------------- */

/* Whether the branch at i may go to a label (a depth from the walk's
 * instruction) that test holds for. */
static bool branch_label_any(const Flow *w, uint32_t i,
                             bool (*test)(const Flow *w, uint32_t depth))
{
    if (op_at(w, i) != WASM_OP_BrTable)
        return test(w, index_at(w, i));
    for (uint32_t k = 0, n = label_count(w, i); k < n; k++)
        if (test(w, label_at(w, i, k)))
            return true;
    return false;
}

static bool label_leaves_region(const Flow *w, uint32_t depth)
{
    uint32_t n = w->labels.n;
    return depth >= n || n - 1 - depth < w->label;
}

/* Whether a branch to label `depth` leaves the function or goes back to
 * a loop; in the region, whether it leaves the region. */
static bool label_flushes(const Flow *w, uint32_t depth)
{
    uint32_t at = flow_label_block(w, depth);
    if (at == UINT32_MAX)
        return true;
    if (w->in)
        return label_leaves_region(w, depth);
    return op_at(w, at) == WASM_OP_Loop;
}

bool flow_flush_point(const Flow *w, uint32_t i)
{
    uint16_t op = op_at(w, i), fl = wasm_ops[op].flags;
    if (!(fl & (OPF_CALL | OPF_UNCOND | OPF_BRANCH | OPF_END)))
        return false; /* most instructions: nothing to look up */
    if (fl & OPF_CALL)
        return true;
    switch (op) {
    case WASM_OP_Return: case WASM_OP_Unreachable: case WASM_OP_Throw:
    case WASM_OP_ThrowRef: case WASM_OP_Rethrow:
        return true;
    case WASM_OP_End: /* the function's own, or of the region's loop */
        return w->labels.n == 0 || (w->in && i == w->end);
    default:
        return (fl & OPF_BRANCH) && branch_label_any(w, i, label_flushes);
    }
}

static void note_label(Flow *w, uint32_t depth, uint8_t how)
{
    uint32_t at = flow_label_block(w, depth);
    if (at != UINT32_MAX)
        w->branched_to[at] |= how;
}

/* A branch to a block comes from inside it, so when the walk reaches a
 * block's `end` all of them have been noted.  (A delegate's label is a
 * handler's, not an `end`'s; a try_table's catches go to labels outside
 * it, noted before its own is open.) */
void flow_note_branch_targets(Flow *w, uint32_t i, bool counted)
{
    const uint8_t how = BR_ANY | BR_UNCOUNTED;
    uint16_t op = op_at(w, i);
    switch (wasm_ops[op].imm) {
    case IMM_LABEL: case IMM_BR_ON_CAST:
        if (op != WASM_OP_Delegate)
            note_label(w, index_at(w, i), how);
        break;
    case IMM_BR_TABLE: case IMM_TRY_TABLE: {
        uint8_t h = op == WASM_OP_BrTable && counted ? BR_ANY : how;
        for (uint32_t k = 0, n = label_count(w, i); k < n; k++)
            note_label(w, label_at(w, i, k), h);
        break;
    }
    default:
        break;
    }
}

void flow_labels_after(Flow *w, uint32_t i)
{
    uint16_t fl = op_flags(w, i);
    if (fl & OPF_BLOCK)
        vec_push(w->labels, i);
    else if ((fl & OPF_END) && w->labels.n)
        w->labels.n--;
}

/* ---- loops that call nothing ------------------------------------------------------ */

/* end_of: every loop that calls nothing, in one pass; `dirty` open blocks
 * (the outermost ones) enclose code that calls out.  Only the entries of
 * loops are written (flow_region_enter reads no other). */
static void find_clean_loops(Flow *w)
{
    uint32_t *end_of = arena_alloc_raw(w->fa, sizeof *end_of * w->n);
    VEC(uint32_t) open = {0};
    uint32_t dirty = 0;
    for (uint32_t i = 0; i < w->n; i++) {
        uint16_t o = w->ops[op_at(w, i)];
        if (!(o & (OPS_CTL | OPS_CALLS_OUT)))
            continue; /* most instructions */
        if (o & OPS_CALLS_OUT)
            dirty = open.n;
        uint16_t fl = op_flags(w, i);
        if (fl & OPF_BLOCK) {
            end_of[i] = 0;
            vec_push(open, i);
        } else if ((fl & OPF_END) && open.n) {
            uint32_t k = --open.n;
            if (k < dirty)
                dirty = k;
            else if (op_at(w, open.v[k]) == WASM_OP_Loop)
                end_of[open.v[k]] = i + 1;
        }
    }
    vec_free(open);
    w->end_of = end_of;
}

bool flow_region_enter(Flow *w, uint32_t i)
{
    if (!w->region_on || w->in || op_at(w, i) != WASM_OP_Loop)
        return false;
    if (!w->end_of)
        find_clean_loops(w);
    if (!w->end_of[i])
        return false;
    w->in = true;
    w->start = i;
    w->end = w->end_of[i] - 1;
    w->label = w->labels.n;
    return true;
}

bool flow_in_region(const Flow *w, uint32_t i)
{
    return w->in && i > w->start && i < w->end;
}

bool flow_leaves_region(const Flow *w, uint32_t i)
{
    uint16_t op = op_at(w, i);
    if (op == WASM_OP_Return || op == WASM_OP_Unreachable)
        return true;
    return (wasm_ops[op].flags & OPF_BRANCH) &&
           branch_label_any(w, i, label_leaves_region);
}
