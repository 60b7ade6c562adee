/* counts.h -- pure counters (`count++` in a probe of every site of some
 * opcodes): their code, shared by the walk (walk.c), and bodies that get
 * nothing else done without decoding them for editing (counts.c). */
#ifndef WHAMM_EMIT_COUNTS_H
#define WHAMM_EMIT_COUNTS_H

#include "gen.h"

/* What the probes at each opcode are, looked up once per run. */
enum {
    OPS_FOREIGN = 1,        /* a probe that is neither kind of counter */
    OPS_SITE = 2,           /* a site counter ... */
    OPS_GUARDED = 4,        /* ... with a predicate */
    OPS_NOCACHE = 8,        /* a probe that is no plain `before` or may
                               call something ("loops that call nothing") */
    OPS_TYPED = 16,         /* a probe that needs the operand types */
    OPS_STACK = 32,         /* ... at br_if / br_table, those of the values
                               the label takes too */
    /* what the walk asks of every instruction, looked up once per run
     * (op_table) instead of at each of millions of instructions */
    OPS_CTL = 64,           /* control flow: labels, flush points, loops
                               change only here */
    OPS_ENDS_SEG = 128,     /* ends a pure counters' segment */
    OPS_CALLS_OUT = 256,    /* see calls_out */
    OPS_COUNTED = 512,      /* a pure counter's probe */
    OPS_VISIT = 1024,       /* code of whamm may go here: a probe that is
                               no pure counter, or OPS_OTHERS */
    OPS_OTHERS = 2048       /* a flush (an exit, a trap) or block events
                               may go here */
};

/* The opcode table of a run, and the opcode summaries (wasm_op_bit) of
 * the pure counters' opcodes and of every probed one. */
typedef struct {
    uint16_t ops[WASM_OP_COUNT];
    /* by opcode: what a site adds to each pure counter, and how many
     * sites the pure counters' probes matched (their probes' site counts
     * once the walk is over) */
    int64_t delta[WASM_OP_COUNT][EMIT_MAX_COUNTERS];
    uint64_t counted_sites[WASM_OP_COUNT];
    uint64_t counted, probed;
    uint64_t foreign;       /* ... and of those with a probe that is no
                               pure counter */
    bool block_alts;        /* a block alt may delete a block the scan
                               of a segment would run into */
    bool site_counters;     /* some opcode has a site counter */
} OpTable;

/* The Wasm global of pure counter cidx, and whether it is an i64. */
const GlobalVar *emit_counter_global(const Emit *E, uint32_t cidx);
bool emit_counter_wide(const GlobalVar *g);
/* Appends to out[n..] the store of the value on the stack into counter
 * g, wrapped at g's width as `count++` wraps it; returns the new n. */
uint32_t emit_counter_store(const GlobalVar *g, WasmInstr *out, uint32_t n);
WasmInstr emit_counter_const(const GlobalVar *g, int64_t v);
WasmInstr emit_counter_addop(const GlobalVar *g);
/* `counter += total` in its global, into code (6 at most); the count. */
uint32_t emit_counter_add(const Emit *E, uint32_t cidx, int64_t total,
                          WasmInstr *code);
/* `x += step` encoded into b (32 bytes), x the local (get 0x20, set 0x21)
 * or global (0x23, 0x24) of that index, an i64 when wide, else an i32
 * (step wraps at 32 bits); the length. */
uint32_t emit_step_bytes(uint8_t *b, uint8_t get, uint8_t set,
                         uint32_t index, bool wide, int64_t step);
/* Every counter's local (local[c], UINT32_MAX: none) added into its
 * global and set back to zero, encoded into b; the instruction count. */
uint32_t emit_counter_flush(const Emit *E, const uint32_t *local, Buf *b);
/* `live = v`, the global that says a loop that calls nothing keeps counts
 * in locals, appended to c (made when first needed; only when the runtime
 * prints a report). */
void emit_loop_live(Emit *E, Code *c, int32_t v);

/* Whether an instruction op naming function callee ends the program: a
 * call or return_call of proc_exit (the report is flushed before it). */
static inline bool emit_calls_exit(const Emit *E, uint16_t op,
                                   uint32_t callee)
{
    return E->proc_exit >= 0 &&
           (op == WASM_OP_Call || op == WASM_OP_ReturnCall) &&
           callee == (uint32_t)E->proc_exit;
}

/* Pure counters in body f, which has no other probe's site and gets no
 * other code of whamm but the report's flushes before its `unreachable`s
 * and exits (no function, block or table events, not the function whose
 * end flushes): the walk's code put in without decoding the body for
 * editing (wrw_splice_pieces).  False, nothing done, when the body cannot
 * be read so (then the walk does it). */
bool emit_count_splice(Emit *E, uint32_t f, OpTable *t, Arena *fa);
/* Whether the walk leaves such bodies to emit_count_splice (true; a test
 * turns it off to compare with the walk's output), and how many bodies it
 * did so far. */
extern bool emit_count_splicing;
extern uint64_t emit_count_spliced;

#endif
