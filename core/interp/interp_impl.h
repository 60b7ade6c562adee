/* interp_impl.h -- shared between the files of core/interp only (compile,
 * exec, instance, wasi).  Not part of the contract: use interp.h.
 *
 * Execution model.  Every value is a 64-bit slot (i32 and f32 in the low
 * half, floats as their bit patterns, references as 0 or index + 1), so a
 * type error in an invalid module only reads wrong bits.  A frame is
 * [locals][operands] on one value stack; the compiler knows the operand
 * height before every instruction, so branches carry the height and arity
 * to restore, and a frame's largest height is checked once per call.
 */
#ifndef WHAMM_INTERP_IMPL_H
#define WHAMM_INTERP_IMPL_H

#include "interp.h"

/* Internal opcodes, numbered after the table's. */
enum {
    IOP_UNSUPPORTED = WASM_OP_COUNT, /* a = the original opcode */
    IOP_COUNT
};

/* One pre-decoded instruction. */
typedef struct {
    uint16_t op;          /* WasmOpcode or IOP_* */
    uint32_t a;           /* index, or branch: target instruction */
    uint32_t b;           /* second index, or branch: target height */
    uint32_t c;           /* branch: arity; br_table: target count */
    uint64_t x;           /* constant bits, memarg offset */
    uint32_t off;         /* module byte offset, for errors */
} ICode;

/* A branch destination (br_table keeps a run of these). */
typedef struct {
    uint32_t pc;          /* instruction to continue at */
    uint32_t height;      /* operand height to cut back to */
    uint32_t arity;       /* values carried */
} ITarget;

/* A function, compiled on its first call. */
typedef struct {
    bool compiled;
    int host;             /* WASI function id for imports, else -1 */
    uint32_t nparams, nresults;
    uint32_t nlocals;     /* params + declared locals */
    uint32_t max_height;  /* largest operand height */
    ICode *code;
    uint32_t ncode;
    ITarget *targets;     /* br_table destinations */
} IFunc;

typedef struct {
    const IFunc *fn;
    uint32_t func;        /* index, for errors */
    const ICode *pc;      /* where to continue in this frame */
    uint64_t *fp;         /* locals */
    uint64_t *ob;         /* operand base */
} IFrame;

typedef struct {
    uint64_t *elems;
    uint32_t size, max;   /* max: declared maximum (or UINT32_MAX) */
} ITable;

struct Interp {
    const WasmModule *m;
    InterpLimits lim;
    Arena arena;          /* compiled code; lives as long as the Interp */
    IFunc *funcs;
    uint64_t *globals;
    ITable *tables;
    uint8_t *mem;         /* memory 0, or NULL */
    uint64_t mem_size;    /* bytes */
    uint64_t mem_max;     /* bytes: the declared maximum and the limit */
    bool has_mem;
    uint32_t page_log2;
    bool *data_dropped;
    bool *elem_dropped;
    uint64_t **elem_vals; /* per element segment: its references */
    uint64_t *stack;      /* the value stack */
    uint32_t stack_cap;   /* slots */
    IFrame *frames;
    uint64_t fuel_left;
    uint64_t steps;       /* executed by the last call */
    uint64_t rng;         /* random_get state */
    uint64_t clock;       /* fake clock, nanoseconds */
    FILE *out;            /* fd 1 and 2 */
};

/* Fills err with the message and location (func UINT32_MAX: none). */
void interp_fail(InterpError *err, const Interp *it, uint32_t func,
                 uint32_t off, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Compiles function func (defined, not yet compiled).  False with err. */
bool interp_compile(Interp *it, uint32_t func, InterpError *err);

/* Runs func with its arguments on the value stack at it->stack[0..);
 * leaves its results at it->stack[0..nresults).  False with err. */
bool interp_run(Interp *it, uint32_t func, InterpError *err);

/* The WASI function an import names, or -1; *ok false when the name is
 * known but the import's type does not match it. */
int interp_wasi_lookup(const WasmModule *m, const WasmImport *imp,
                       uint32_t type, bool *ok);
/* Runs WASI function id with its arguments at args (results written
 * there).  False with err (proc_exit, a bad pointer is not an error: it
 * returns EFAULT as WASI does). */
bool interp_wasi_call(Interp *it, int id, uint64_t *args, uint32_t func,
                      InterpError *err);

#endif
