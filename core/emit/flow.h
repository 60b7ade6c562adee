/* flow.h -- the control flow a walk over a body follows, on the body in
 * brief (WasmBrief): the labels open at the walk's instruction, the
 * branches to them, where a pure counters' segment ends, where counts
 * kept in locals must be in their globals, and the loops that call
 * nothing.  The walk (walk.c) and the counters' own walk (counts.c)
 * decide all of this here, so that both put the same code in. */
#ifndef WHAMM_EMIT_FLOW_H
#define WHAMM_EMIT_FLOW_H

#include "counts.h"

/* Flow.branched_to: a branch may go to the block's label; one that is no
 * counted br_table edge (walk.c) does. */
enum { BR_ANY = 1, BR_UNCOUNTED = 2 };

typedef struct {
    /* the body, in brief or decoded in full (the walk's, read where it
     * is: no copy): instruction i at base + i * stride, its opcode and
     * its index where both types have them */
    const uint8_t *base;
    size_t stride;
    const WasmInstr *instr; /* decoded in full, or NULL */
    const uint32_t *lab;    /* in brief: the brief's label list */
    uint32_t n;
    const uint16_t *ops;    /* by opcode: OPS_* */
    Arena *fa;
    VEC(uint32_t) labels;   /* per label open at the walk's instruction
                               (innermost last): its opener's index */
    uint8_t *branched_to;   /* opener -> BR_* of the branches seen so far
                               that may go to its label (blocks only) */
    bool ends_at_blocks;    /* segments end at every block and end */
    /* the loop that calls nothing the walk is in (walk.c, "loops that
     * call nothing"): the region */
    bool region_on;         /* possible in this body */
    uint32_t *end_of;       /* loop -> 1 + its end when the loop calls
                               nothing, else 0; NULL until a loop comes */
    bool in;                /* the walk is in the region */
    uint32_t start, end;    /* its `loop` and its `end` */
    uint32_t label;         /* its label: the index in labels */
} Flow;

/* w over the body in brief, code[0..n) (lab: its label list), or decoded
 * in full, instr[0..n); in arena fa. */
void flow_init(Flow *w, const WasmBrief *code, uint32_t n,
               const uint32_t *lab, const uint16_t *ops, Arena *fa);
void flow_init_decoded(Flow *w, const WasmInstr *instr, uint32_t n,
                       const uint16_t *ops, Arena *fa);
void flow_fini(Flow *w);

/* The instruction that opens the label `depth` labels up from the walk's
 * instruction, UINT32_MAX for the function's own label. */
static inline uint32_t flow_label_block(const Flow *w, uint32_t depth)
{
    uint32_t n = w->labels.n;
    return depth < n ? w->labels.v[n - 1 - depth] : UINT32_MAX;
}

/* A scan for the end of a segment ahead of the walk: the blocks opened
 * on the way and the labels of the walk's instruction closed on the way.
 * No branch comes before the scan's end (a branch ends it), so a block
 * opened on the way ends without a join. */
typedef struct {
    uint32_t opened, closed;
    bool crossed;
} SegScan;

/* Whether the segment ends after instruction j of the scan (one that
 * OPS_ENDS_SEG may end). */
bool flow_seg_scan_ends(const Flow *w, uint32_t j, SegScan *sc);
/* Whether a segment ends after instruction i, the walk's. */
bool flow_ends_seg_at(const Flow *w, uint32_t i);
/* Whether counts kept in locals must be in their globals before
 * instruction i (the walk's, or the end of a scan from it that crossed
 * no label). */
bool flow_flush_point(const Flow *w, uint32_t i);
/* After the walk's instruction i: the labels a branch there may go to
 * noted (a br_table's as counted edges when counted), then the labels
 * open after it. */
void flow_note_branch_targets(Flow *w, uint32_t i, bool counted);
void flow_labels_after(Flow *w, uint32_t i);
/* Before the walk's instruction i: whether a region starts there. */
bool flow_region_enter(Flow *w, uint32_t i);
/* Whether instruction i is in the region (after its `loop`, before its
 * `end`), and whether it leaves it. */
bool flow_in_region(const Flow *w, uint32_t i);
bool flow_leaves_region(const Flow *w, uint32_t i);

#endif
