/* stacktypes.c -- the operand types of stack-polymorphic instructions: a
 * validation-style abstract interpreter over one decoded function body
 * (wasm.h, "operand types from the stack").
 *
 * Most instructions have a fixed signature in opcodes.def ("ii:i").  Those
 * whose signature has x, r or * (drop, select, ref.is_null, blocks, calls,
 * branches, GC and table instructions, ...) take their types from the
 * operand stack or from their immediates; this file finds them.  It is the
 * algorithm of the spec's validation appendix (Spec: WebAssembly 3.0,
 * "Validation Algorithm"): an operand stack of value types, a control stack
 * of frames (block type, entry height, unreachable flag), and a stack that
 * is polymorphic after br, br_table, return, unreachable, throw, rethrow,
 * throw_ref and the return_call family, where popping an empty frame gives
 * "unknown" (WASM_UNKNOWN).
 *
 * It checks what it needs to stay sound (stack heights, the type of every
 * numeric and vector operand, that a reference operand is a reference, the
 * immediates' index bounds) and reports the first mismatch.  Run by the
 * validator (wimpl_validate_body, wimpl_validate_const_expr) it also
 * matches references by subtyping (subtype.c), checks memarg alignments,
 * field mutability and the initialisation of non-nullable locals; the
 * rewriter's tracker leaves those out (its input was validated, or the
 * user asked for --no-validate).  The reported types are
 * exact: the actual type of each operand popped (a reference may be a
 * subtype of what the instruction requires) and the type each result gets
 * by the typing rules (ref.func gives (ref $t), ref.null ht gives
 * (ref null ht), in the short form funcref, externref, ... for a nullable
 * abstract heap type).
 *
 * Cost: linear in the body (each instruction pops and pushes what its type
 * says), with the operand, control and output arrays in the caller's arena.
 */
#include "wasm_impl.h"

#include <stdarg.h>
#include <stdio.h>

/* A body with more locals than this is refused (the reader allows 50000
 * declared locals; edits may add some). */
#define MAX_LOCALS (1u << 20)

/* Internal only: the expected type of an operand that may be any
 * reference (ref.is_null, ref.eq, ...).  Never reported. */
#define ANY_REF_CODE 0x01

/* Abstract heap types as s33 values (the binary code minus 0x80). */
enum {
    HEAP_FUNC = WASM_FUNCREF - 0x80, HEAP_EXTERN = WASM_EXTERNREF - 0x80,
    HEAP_ANY = WASM_ANYREF - 0x80, HEAP_I31 = WASM_I31REF - 0x80,
    HEAP_EXN = WASM_EXNREF - 0x80,
};

typedef VEC(WasmValType) TypeVec;

/* A function signature or block type. */
typedef struct {
    const WasmValType *params, *results;
    uint32_t nparams, nresults;
} Sig;

/* One entry of the control stack (the spec's ctrl_frame). */
typedef struct {
    Sig sig;                  /* the block type; the function's own type */
    uint32_t height;          /* operand stack height at entry */
    uint32_t inits;           /* height of Stk.inits at entry */
    uint16_t op;              /* Block, Loop, If, Else, Try, Catch, ...;
                                 End for the function's frame */
    bool unreachable;         /* the rest of this frame is dead code */
} Frame;

typedef struct {
    const WasmModule *m;
    Arena *a;
    TypeVec vals;             /* the operand stack */
    VEC(Frame) ctrls;         /* the control stack; v[0] is the function */
    WasmValType *locals;      /* parameters, then declared locals */
    uint32_t nlocals;
    const WasmInstr *in;      /* the instruction being checked */
    uint32_t at;              /* its index in the code */
    bool rec;                 /* recording its operands and results */
    bool partial;             /* some operands went unrecorded */
    TypeVec popped;           /* recorded operands, top of the stack first */
    TypeVec pushed;           /* recorded results, in push order */
    uint32_t func;
    size_t body_off;          /* module offset of the body (errors) */
    const uint8_t *code;      /* the body's code, after its locals */
    bool validating;          /* wimpl_validate_body: the extra rules */
    const WimplTypes *ty;     /* validating: reference subtyping */
    const WimplExprName *expr; /* validating a constant expression: its
                                 name for messages; NULL in a body */
    uint8_t *set;             /* validating: per local, 1 once it holds a
                                 value (always for defaultable types) */
    VEC(uint32_t) inits;      /* locals set in the open blocks, in order */
    WasmError *err;
} Stk;

/* ---- value types --------------------------------------------------------- */

static WasmValType vt(uint8_t code) { return (WasmValType){code, 0}; }

static bool is_abbrev(uint8_t code) { return code >= 0x69 && code <= 0x74; }

static bool is_ref(WasmValType t)
{
    return is_abbrev(t.code) || t.code == WASM_REF ||
           t.code == WASM_REF_NULL || t.code == ANY_REF_CODE;
}

static bool is_known(WasmValType t)
{
    return t.code != WASM_UNKNOWN && t.code != ANY_REF_CODE;
}

static bool nullable(WasmValType t)
{
    return is_abbrev(t.code) || t.code == WASM_REF_NULL;
}

static int64_t heap_of(WasmValType t)
{
    return is_abbrev(t.code) ? (int64_t)t.code - 0x80 : t.heap;
}

/* (ref null? heap), with the short form for a nullable abstract heap type
 * (the form the binary format and wasm.h's codes use). */
static WasmValType ref_of(int64_t heap, bool null)
{
    if (null && heap >= 0x69 - 0x80 && heap <= 0x74 - 0x80)
        return vt((uint8_t)(heap + 0x80));
    return (WasmValType){null ? WASM_REF_NULL : WASM_REF, heap};
}

static WasmValType non_null(WasmValType t)
{
    return is_known(t) && is_ref(t) ? ref_of(heap_of(t), false) : t;
}

/* A storage type as the stack sees it: packed i8/i16 widen to i32. */
static WasmValType unpack(WasmValType t)
{
    return t.code == WASM_I8 || t.code == WASM_I16 ? vt(WASM_I32) : t;
}

/* Heap type names, by binary code minus 0x69 (exn ... noexn). */
static const char *const heap_names[] = {
    "exn", "array", "struct", "i31", "eq", "any", "extern", "func", "none",
    "noextern", "nofunc", "noexn",
};

typedef struct {
    char s[40];
} TypeText;

/* A value type in the text format's words: i32, funcref, (ref null 3). */
static const char *type_name(WasmValType t, TypeText *buf)
{
    switch (t.code) {
    case WASM_I32: return "i32";
    case WASM_I64: return "i64";
    case WASM_F32: return "f32";
    case WASM_F64: return "f64";
    case WASM_V128: return "v128";
    case WASM_UNKNOWN: return "a value";
    case ANY_REF_CODE: return "a reference";
    default: break;
    }
    if (!is_ref(t))
        return "?";
    int64_t h = heap_of(t);
    const char *null = nullable(t) ? "null " : "";
    if (is_abbrev(t.code))
        snprintf(buf->s, sizeof buf->s, "%sref", heap_names[t.code - 0x69]);
    else if (h >= 0)
        snprintf(buf->s, sizeof buf->s, "(ref %s%lld)", null, (long long)h);
    else if (h + 0x80 >= 0x69 && h + 0x80 <= 0x74)
        snprintf(buf->s, sizeof buf->s, "(ref %s%s)", null,
                 heap_names[h + 0x80 - 0x69]);
    else
        return "a reference";
    return buf->s;
}

/* Whether an operand of type t may be popped where want is expected.
 * References are checked by subtyping when validating (S->ty); the
 * tracker alone only asks for a reference (see the top of the file). */
static bool ref_fits(const Stk *S, WasmValType t, WasmValType want)
{
    return is_ref(t) && (!S->ty || want.code == ANY_REF_CODE ||
                         wimpl_val_sub(S->ty, t, want));
}

static inline bool fits(const Stk *S, WasmValType t, WasmValType want)
{
    if (t.code == want.code && want.code >= WASM_V128) /* numbers, v128 */
        return true;
    if (t.code == WASM_UNKNOWN || want.code == WASM_UNKNOWN)
        return true;
    if (is_ref(want))
        return ref_fits(S, t, want);
    return t.code == want.code;
}

/* ---- errors -------------------------------------------------------------- */

static bool fail(Stk *S, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool fail(Stk *S, const char *fmt, ...)
{
    WasmError *e = S->err;
    if (e->failed)
        return false;
    e->failed = true;
    e->offset = S->body_off + (S->in ? S->in->off : 0);
    /* validating input: the offset locates it, the message names the
     * instruction and the function; otherwise the instruction index too */
    const char *op = S->in ? wasm_ops[S->in->op].name : NULL;
    int n = S->validating && op
                ? snprintf(e->msg, sizeof e->msg, "%s: ", op)
            : S->validating ? 0
            : op ? snprintf(e->msg, sizeof e->msg,
                            "function %u, instruction %u (%s): ", S->func,
                            S->at, op)
                 : snprintf(e->msg, sizeof e->msg, "function %u: ", S->func);
    if (n < 0 || (size_t)n >= sizeof e->msg)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg + n, sizeof e->msg - (size_t)n, fmt, ap);
    va_end(ap);
    if (S->validating) {
        size_t len = strlen(e->msg);
        const WimplExprName *x = S->expr;
        if (x && x->item >= 0)
            snprintf(e->msg + len, sizeof e->msg - len, " (%s %u, item %lld)",
                     x->what, x->index, (long long)x->item);
        else if (x)
            snprintf(e->msg + len, sizeof e->msg - len, " (%s %u)", x->what,
                     x->index);
        else
            snprintf(e->msg + len, sizeof e->msg - len, " (function %u)",
                     S->func);
    }
    return false;
}

/* ---- the operand stack --------------------------------------------------- */

static Frame *top(Stk *S) { return &S->ctrls.v[S->ctrls.n - 1]; }

static void push_slow(Stk *S, WasmValType t)
{
    avec_push(S->a, S->vals, t);
    if (S->rec)
        avec_push(S->a, S->pushed, t);
}

/* Called for nearly every instruction: the common case inline. */
static inline void push(Stk *S, WasmValType t)
{
    if (S->vals.n < S->vals.cap && !S->rec)
        S->vals.v[S->vals.n++] = t;
    else
        push_slow(S, t);
}

static void push_types(Stk *S, const WasmValType *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        push(S, unpack(v[i]));
}

/* Pops an operand that must fit want; *out (if given) gets the more exact
 * of the two: the operand's own type, or want when the operand is unknown
 * (popped from a polymorphic stack). */
static bool pop_slow(Stk *S, WasmValType want, WasmValType *out)
{
    Frame *f = top(S);
    WasmValType t = vt(WASM_UNKNOWN);
    TypeText b1, b2;
    if (S->vals.n > f->height)
        t = S->vals.v[--S->vals.n];
    else if (!f->unreachable)
        return fail(S, "expected %s on the stack, found nothing",
                    type_name(want, &b1));
    if (!fits(S, t, want))
        return fail(S, "expected %s on the stack, found %s",
                    type_name(want, &b1), type_name(t, &b2));
    if (!is_known(t) && want.code != ANY_REF_CODE)
        t = want;
    if (S->rec)
        avec_push(S->a, S->popped, t);
    if (out)
        *out = t;
    return true;
}

/* The common case inline: a number of the wanted type on top of the
 * frame's part of the stack, nothing recorded. */
static inline bool pop_as(Stk *S, WasmValType want, WasmValType *out)
{
    uint32_t n = S->vals.n;
    if (!S->rec && want.code >= WASM_V128 && n > top(S)->height &&
        S->vals.v[n - 1].code == want.code) {
        S->vals.n = n - 1;
        if (out)
            *out = S->vals.v[n - 1];
        return true;
    }
    return pop_slow(S, want, out);
}

static bool pop_type(Stk *S, uint8_t code) { return pop_as(S, vt(code), NULL); }

static bool pop_ref(Stk *S, WasmValType *out)
{
    return pop_as(S, vt(ANY_REF_CODE), out);
}

/* Pops a reference that must match `code` (eqref, arrayref, ...) when
 * validating, any reference otherwise. */
static bool pop_ref_of(Stk *S, uint8_t code, WasmValType *out)
{
    return pop_as(S, vt(S->ty ? code : ANY_REF_CODE), out);
}

/* Validating: a reference type's type index names a type. */
static bool check_heap(Stk *S, int64_t heap)
{
    if (S->ty && heap >= S->ty->n)
        return fail(S, "type %lld out of range", (long long)heap);
    return true;
}

/* Validating: the label's last type must take a value of type t. */
static bool check_label_ref(Stk *S, uint32_t label, const Sig *l,
                            WasmValType t)
{
    TypeText b1, b2;
    WasmValType want = l->results[l->nresults];
    if (S->ty && is_known(t) && !wimpl_val_sub(S->ty, t, want))
        return fail(S, "label %u takes %s, not %s", label,
                    type_name(want, &b1), type_name(t, &b2));
    return true;
}

/* Pops values of types v[0..n), the last one first. */
static bool pop_types(Stk *S, const WasmValType *v, uint32_t n)
{
    for (uint32_t i = n; i-- > 0;)
        TRY(pop_as(S, unpack(v[i]), NULL));
    return true;
}

/* ---- the control stack --------------------------------------------------- */

static void push_ctrl(Stk *S, uint16_t op, Sig sig)
{
    Frame f = {sig, S->vals.n, S->inits.n, op, false};
    avec_push(S->a, S->ctrls, f);
    push_types(S, sig.params, sig.nparams);
}

/* Pops the frame's results and checks that nothing else is left. */
static bool close_frame(Stk *S, Frame *out)
{
    Frame *f = top(S);
    TRY(pop_types(S, f->sig.results, f->sig.nresults));
    if (S->vals.n != f->height)
        return fail(S, "%u value(s) left on the stack at the end of a block",
                    S->vals.n - f->height);
    *out = *f;
    return true;
}

/* Locals of non-defaultable type set inside a block count as unset again
 * after it (and in the next part of an if or try): the initialised-locals
 * rule of function references. */
static void reset_inits(Stk *S, uint32_t to)
{
    while (S->inits.n > to)
        S->set[S->inits.v[--S->inits.n]] = 0;
}

static void set_unreachable(Stk *S)
{
    Frame *f = top(S);
    S->vals.n = f->height;
    f->unreachable = true;
}

/* The types a branch to label l carries. */
static bool label_types(Stk *S, uint32_t l, Sig *out)
{
    if (l >= S->ctrls.n)
        return fail(S, "label %u out of range", l);
    const Frame *f = &S->ctrls.v[S->ctrls.n - 1 - l];
    bool loop = f->op == WASM_OP_Loop;
    out->params = NULL;
    out->nparams = 0;
    out->results = loop ? f->sig.params : f->sig.results;
    out->nresults = loop ? f->sig.nparams : f->sig.nresults;
    return true;
}

/* ---- the module's index spaces ------------------------------------------- */

static bool type_of_kind(Stk *S, uint32_t idx, uint8_t kind,
                         const WasmType **out)
{
    const WasmModule *m = S->m;
    if (idx >= m->types.n || m->types.v[idx].kind != kind ||
        (kind == WASM_TYPE_ARRAY && m->types.v[idx].nfields != 1))
        return fail(S, "type %u is not a %s type", idx,
                    kind == WASM_TYPE_FUNC ? "function"
                    : kind == WASM_TYPE_STRUCT ? "struct" : "array");
    *out = &m->types.v[idx];
    return true;
}

static bool func_sig(Stk *S, uint32_t type, Sig *out)
{
    const WasmType *t;
    TRY(type_of_kind(S, type, WASM_TYPE_FUNC, &t));
    *out = (Sig){t->params, t->results, t->nparams, t->nresults};
    return true;
}

static bool block_sig(Stk *S, const WasmInstr *in, Sig *out)
{
    *out = (Sig){0};
    if (in->bt_kind == WASM_BT_TYPEIDX)
        return func_sig(S, in->a, out);
    if (in->bt_kind == WASM_BT_VALTYPE) {
        /* a body decoded one instruction at a time reuses `in` */
        const WasmValType *t = &in->vt;
        if (S->validating) {
            WasmValType *copy = arena_alloc(S->a, sizeof *copy);
            *copy = in->vt;
            t = copy;
        }
        out->results = t;
        out->nresults = 1;
    }
    return true;
}

static bool tag_sig(Stk *S, uint32_t tag, Sig *out)
{
    if (tag >= S->m->tags.n)
        return fail(S, "tag %u out of range", tag);
    return func_sig(S, S->m->tags.v[tag].type, out);
}

static bool callee_sig(Stk *S, uint32_t func, Sig *out)
{
    if (func >= S->m->funcs.n)
        return fail(S, "function %u out of range", func);
    return func_sig(S, S->m->funcs.v[func].type, out);
}

static bool table_at(Stk *S, uint32_t idx, const WasmTable **out)
{
    if (idx >= S->m->tables.n)
        return fail(S, "table %u out of range", idx);
    *out = &S->m->tables.v[idx];
    return true;
}

static bool mem64(const Stk *S, uint32_t idx)
{
    return idx < S->m->memories.n && S->m->memories.v[idx].limits.is64;
}

static bool table64(const Stk *S, uint32_t idx)
{
    return idx < S->m->tables.n && S->m->tables.v[idx].limits.is64;
}

/* The index type (i32 or i64) of table idx. */
static uint8_t table_addr(const Stk *S, uint32_t idx)
{
    return table64(S, idx) ? WASM_I64 : WASM_I32;
}

/* Whether the pos-th operand of an instruction that names one or two
 * memories or tables ('a' and 't' in opcodes.def) is 64-bit.  With two
 * (memory.copy, table.copy: destination, source, length) the length is
 * 64-bit only when both are. */
static bool wide_operand(const Stk *S, const WasmInstr *in, unsigned pos)
{
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_MEMARG: case IMM_MEMARG_LANE: case IMM_DATA_MEM:
        return mem64(S, in->b);
    case IMM_MEM: return mem64(S, in->a);
    case IMM_MEM_MEM:
        return pos == 0 ? mem64(S, in->a) : pos == 1 ? mem64(S, in->b)
               : mem64(S, in->a) && mem64(S, in->b);
    case IMM_TABLE: return table64(S, in->a);
    case IMM_ELEM_TABLE: case IMM_CALL_INDIRECT: return table64(S, in->b);
    case IMM_TABLE_TABLE:
        return pos == 0 ? table64(S, in->a) : pos == 1 ? table64(S, in->b)
               : table64(S, in->a) && table64(S, in->b);
    default: return false;
    }
}

static bool local_at(Stk *S, uint32_t idx, WasmValType *out)
{
    if (idx >= S->nlocals)
        return fail(S, "local %u out of range", idx);
    *out = S->locals[idx];
    return true;
}

static bool global_at(Stk *S, uint32_t idx, WasmValType *out)
{
    if (idx >= S->m->globals.n)
        return fail(S, "global %u out of range", idx);
    *out = S->m->globals.v[idx].type;
    return true;
}

/* ---- instructions with a fixed signature --------------------------------- */

/* The signature column decoded once per opcode: value-type codes, or
 * ADDR_CODE for 'a'/'t' (i32 or i64, decided by the memory or table). */
#define ADDR_CODE 0x02
#define SIG_MAX 8

typedef struct {
    uint8_t npops, npushes;
    bool ok;                  /* a fixed signature this file understands */
    bool plain;               /* ok, no 'a'/'t', at most one result */
    uint8_t pops[SIG_MAX], pushes[SIG_MAX];
} FixedSig;

static uint8_t letter_code(char c)
{
    switch (c) {
    case 'i': return WASM_I32;
    case 'I': return WASM_I64;
    case 'f': return WASM_F32;
    case 'F': return WASM_F64;
    case 'v': return WASM_V128;
    case 'a': case 't': return ADDR_CODE;
    default: return 0;
    }
}

static bool parse_sig(const char *sig, FixedSig *out)
{
    const char *colon = strchr(sig, ':');
    if (!colon || colon - sig > SIG_MAX || strlen(colon + 1) > SIG_MAX)
        return false;
    for (const char *p = sig; *p; p++) {
        if (p == colon)
            continue;
        uint8_t code = letter_code(*p);
        if (!code)
            return false;
        if (p < colon)
            out->pops[out->npops++] = code;
        else
            out->pushes[out->npushes++] = code;
    }
    return true;
}

static const FixedSig *fixed_sigs(void)
{
    static FixedSig table[WASM_OP_COUNT];
    static bool ready;
    if (!ready) {
        for (int op = 0; op < WASM_OP_COUNT; op++) {
            FixedSig *fs = &table[op];
            fs->ok = parse_sig(wasm_ops[op].sig, fs);
            fs->plain = fs->ok && fs->npushes <= 1 &&
                        !memchr(fs->pops, ADDR_CODE, fs->npops) &&
                        !memchr(fs->pushes, ADDR_CODE, fs->npushes);
        }
        ready = true;
    }
    return table;
}

static WasmValType sig_type(const Stk *S, const WasmInstr *in, uint8_t code,
                            unsigned pos)
{
    if (code != ADDR_CODE)
        return vt(code);
    return vt(wide_operand(S, in, pos) ? WASM_I64 : WASM_I32);
}

/* Pops and pushes what the signature column says ("aI:" or "v:i"). */
static bool step_fixed_sig(Stk *S, const WasmInstr *in, const FixedSig *fs)
{
    if (!fs->ok)
        return fail(S, "no stack rule for signature \"%s\"",
                    wasm_ops[in->op].sig);
    uint32_t floor = top(S)->height;
    for (unsigned i = fs->npops; i-- > 0;) {
        WasmValType want = sig_type(S, in, fs->pops[i], i);
        /* the common case, a number of the right type, inline */
        if (!S->rec && S->vals.n > floor &&
            S->vals.v[S->vals.n - 1].code == want.code) {
            S->vals.n--;
            continue;
        }
        TRY(pop_as(S, want, NULL));
    }
    for (unsigned i = 0; i < fs->npushes; i++)
        push(S, sig_type(S, in, fs->pushes[i], i));
    return true;
}

static bool step_fixed(Stk *S, const WasmInstr *in)
{
    return step_fixed_sig(S, in, &fixed_sigs()[in->op]);
}

/* ---- blocks -------------------------------------------------------------- */

static bool step_open(Stk *S, const WasmInstr *in)
{
    Sig sig;
    TRY(block_sig(S, in, &sig));
    if (in->op == WASM_OP_If)
        TRY(pop_type(S, WASM_I32));
    TRY(pop_types(S, sig.params, sig.nparams));
    push_ctrl(S, in->op, sig);
    return true;
}

/* else, catch, catch_all: end one part of the block and start the next,
 * which begins with `start` on the stack. */
static bool step_mid(Stk *S, uint16_t op, Sig start)
{
    Frame f;
    TRY(close_frame(S, &f));
    Frame *t = top(S);
    reset_inits(S, t->inits);
    t->op = op;
    t->unreachable = false;
    push_types(S, start.params, start.nparams);
    return true;
}

static bool mid_allowed(const Stk *S, uint16_t op)
{
    uint16_t cur = S->ctrls.n > 1 ? S->ctrls.v[S->ctrls.n - 1].op : 0;
    if (op == WASM_OP_Else)
        return cur == WASM_OP_If;
    if (op == WASM_OP_Delegate)
        return cur == WASM_OP_Try;
    return cur == WASM_OP_Try || cur == WASM_OP_Catch;
}

/* Whether values of types a may stand where b are expected. */
static bool sub_types(const Stk *S, const WasmValType *a, uint32_t na,
                      const WasmValType *b, uint32_t nb)
{
    if (na != nb)
        return false;
    for (uint32_t i = 0; i < na; i++)
        if (S->ty ? !wimpl_val_sub(S->ty, a[i], b[i])
                  : a[i].code != b[i].code || a[i].heap != b[i].heap)
            return false;
    return true;
}

/* end, delegate: close the frame and leave its results.  An `if` without
 * `else` passes its parameters through the missing branch, so they must
 * be its results (Spec: 3.3.8.5). */
static bool step_end(Stk *S)
{
    Frame f;
    const Sig *sig = &top(S)->sig;
    if (S->validating && top(S)->op == WASM_OP_If &&
        !sub_types(S, sig->params, sig->nparams, sig->results,
                   sig->nresults))
        return fail(S, "an 'if' without 'else' must have the same "
                    "parameter and result types");
    TRY(close_frame(S, &f));
    reset_inits(S, f.inits);
    S->ctrls.n--;
    push_types(S, f.sig.results, f.sig.nresults);
    return true;
}

static bool step_block(Stk *S, const WasmInstr *in)
{
    Sig sig = {0};
    uint16_t flags = wasm_ops[in->op].flags;
    if (flags & OPF_BLOCK)
        return step_open(S, in);
    if (in->op != WASM_OP_End && !mid_allowed(S, in->op))
        return fail(S, "not inside a matching block");
    switch (in->op) {
    case WASM_OP_Else:
        return step_mid(S, in->op, top(S)->sig);
    case WASM_OP_Catch:
        TRY(tag_sig(S, in->a, &sig));
        return step_mid(S, in->op, sig);
    case WASM_OP_CatchAll:
        return step_mid(S, in->op, sig);
    default: /* End, Delegate */
        return step_end(S);
    }
}

/* ---- branches and other unconditional transfers -------------------------- */

/* A target of br_table other than the default: in range, and (when
 * validating) taking the `arity` values on top of the stack as they are,
 * like the default target (an unknown value fits every type). */
static bool check_br_target(Stk *S, uint32_t label, uint32_t arity)
{
    Sig l;
    TRY(label_types(S, label, &l));
    if (!S->validating)
        return true;
    if (l.nresults != arity)
        return fail(S, "label %u takes %u value(s), the default label %u",
                    label, l.nresults, arity);
    const Frame *f = top(S);
    uint32_t avail = S->vals.n - f->height;
    for (uint32_t k = 0; k < arity; k++) {
        uint32_t depth = arity - k;
        WasmValType t = avail >= depth ? S->vals.v[S->vals.n - depth]
                                       : vt(WASM_UNKNOWN);
        TypeText b1, b2;
        if (!fits(S, t, unpack(l.results[k])))
            return fail(S, "label %u takes %s, found %s", label,
                        type_name(l.results[k], &b1), type_name(t, &b2));
    }
    return true;
}

static bool step_br_table(Stk *S, const WasmInstr *in)
{
    Sig l;
    if (in->n == 0 || !in->ext.labels)
        return fail(S, "br_table without targets");
    TRY(pop_type(S, WASM_I32));
    TRY(label_types(S, in->ext.labels[in->n - 1], &l));
    for (uint32_t i = 0; i + 1 < in->n; i++)
        TRY(check_br_target(S, in->ext.labels[i], l.nresults));
    TRY(pop_types(S, l.results, l.nresults));
    set_unreachable(S);
    return true;
}

/* br_on_null: [t* (ref null ht)] -> [t* (ref ht)], branching with t*. */
static bool step_br_on_null(Stk *S, const WasmInstr *in)
{
    Sig l;
    WasmValType r;
    TRY(label_types(S, in->a, &l));
    TRY(pop_ref(S, &r));
    TRY(pop_types(S, l.results, l.nresults));
    push_types(S, l.results, l.nresults);
    push(S, non_null(r));
    return true;
}

/* br_on_non_null: [t* (ref null ht)] -> [t*]; the label takes
 * [t* (ref ht)].  br_on_cast(_fail) likewise with a cast type. */
static bool label_with_ref(Stk *S, uint32_t label, Sig *out)
{
    TRY(label_types(S, label, out));
    if (out->nresults == 0 || !is_ref(out->results[out->nresults - 1]))
        return fail(S, "label %u does not take a reference", label);
    out->nresults--;
    return true;
}

static bool step_br_on_non_null(Stk *S, const WasmInstr *in)
{
    Sig l;
    WasmValType r;
    TRY(label_with_ref(S, in->a, &l));
    TRY(pop_ref(S, &r));
    TRY(check_label_ref(S, in->a, &l, non_null(r)));
    TRY(pop_types(S, l.results, l.nresults));
    push_types(S, l.results, l.nresults);
    return true;
}

/* br_on_cast l rt1 rt2 falls through with rt1 minus rt2 (non-null when
 * rt2 admits null); br_on_cast_fail falls through with rt2. */
static bool step_br_on_cast(Stk *S, const WasmInstr *in)
{
    Sig l;
    WasmValType rt1 = ref_of(in->vt.heap, in->c & 1);
    WasmValType rt2 = ref_of((int64_t)in->x, (in->c & 2) != 0);
    TRY(label_with_ref(S, in->a, &l));
    TRY(check_heap(S, rt1.heap));
    TRY(check_heap(S, rt2.heap));
    TypeText b1, b2;
    if (S->ty && !wimpl_val_sub(S->ty, rt2, rt1))
        return fail(S, "the cast type %s does not match %s",
                    type_name(rt2, &b1), type_name(rt1, &b2));
    TRY(check_label_ref(S, in->a, &l, in->op == WASM_OP_BrOnCast ? rt2
                        : nullable(rt2) ? non_null(rt1) : rt1));
    TRY(pop_as(S, rt1, NULL));
    TRY(pop_types(S, l.results, l.nresults));
    push_types(S, l.results, l.nresults);
    if (in->op == WASM_OP_BrOnCastFail)
        push(S, rt2);
    else
        push(S, nullable(rt2) ? non_null(rt1) : rt1);
    return true;
}

static bool step_branch(Stk *S, const WasmInstr *in)
{
    Sig l;
    switch (in->op) {
    case WASM_OP_Br: case WASM_OP_BrIf:
        TRY(label_types(S, in->a, &l));
        if (in->op == WASM_OP_BrIf)
            TRY(pop_type(S, WASM_I32));
        TRY(pop_types(S, l.results, l.nresults));
        if (in->op == WASM_OP_Br)
            set_unreachable(S);
        else
            push_types(S, l.results, l.nresults);
        return true;
    case WASM_OP_BrTable: return step_br_table(S, in);
    case WASM_OP_BrOnNull: return step_br_on_null(S, in);
    case WASM_OP_BrOnNonNull: return step_br_on_non_null(S, in);
    default: return step_br_on_cast(S, in);
    }
}

/* unreachable, return, throw, throw_ref, rethrow */
static bool step_transfer(Stk *S, const WasmInstr *in)
{
    Sig sig;
    switch (in->op) {
    case WASM_OP_Return:
        sig = S->ctrls.v[0].sig;
        TRY(pop_types(S, sig.results, sig.nresults));
        break;
    case WASM_OP_Throw:
        TRY(tag_sig(S, in->a, &sig));
        TRY(pop_types(S, sig.params, sig.nparams));
        break;
    case WASM_OP_ThrowRef:
        TRY(pop_as(S, vt(WASM_EXNREF), NULL));
        break;
    default: /* Unreachable, Rethrow */
        break;
    }
    set_unreachable(S);
    return true;
}

/* ---- calls --------------------------------------------------------------- */

static bool step_call(Stk *S, const WasmInstr *in)
{
    Sig sig;
    bool tail = in->op == WASM_OP_ReturnCall ||
                in->op == WASM_OP_ReturnCallIndirect ||
                in->op == WASM_OP_ReturnCallRef;
    if (in->op == WASM_OP_Call || in->op == WASM_OP_ReturnCall) {
        TRY(callee_sig(S, in->a, &sig));
    } else if (in->op == WASM_OP_CallRef || in->op == WASM_OP_ReturnCallRef) {
        TRY(func_sig(S, in->a, &sig));
        TRY(pop_as(S, ref_of(in->a, true), NULL));
    } else {
        const WasmTable *t;
        TRY(func_sig(S, in->a, &sig));
        TRY(table_at(S, in->b, &t));
        if (S->ty && !wimpl_val_sub(S->ty, t->elem, vt(WASM_FUNCREF)))
            return fail(S, "table %u does not hold functions", in->b);
        TRY(pop_type(S, table_addr(S, in->b)));
    }
    TRY(pop_types(S, sig.params, sig.nparams));
    if (tail) {
        Sig own = S->ctrls.v[0].sig; /* the results must match the caller's */
        set_unreachable(S);
        if (own.nresults != sig.nresults)
            return fail(S, "tail call returns %u value(s), the function %u",
                        sig.nresults, own.nresults);
        for (uint32_t i = 0; S->ty && i < own.nresults; i++)
            if (!wimpl_val_sub(S->ty, sig.results[i], own.results[i]))
                return fail(S, "tail call result %u does not match the "
                            "function's", i);
        return true;
    }
    push_types(S, sig.results, sig.nresults);
    return true;
}

/* ---- parametric and variable instructions -------------------------------- */

static bool step_select(Stk *S, const WasmInstr *in)
{
    WasmValType t1, t2;
    TRY(pop_type(S, WASM_I32));
    if (in->op == WASM_OP_TypedSelect) {
        if (in->n != 1 || !in->ext.types)
            return fail(S, "typed select needs exactly one type");
        TRY(pop_as(S, in->ext.types[0], NULL));
        TRY(pop_as(S, in->ext.types[0], NULL));
        push(S, in->ext.types[0]);
        return true;
    }
    TRY(pop_as(S, vt(WASM_UNKNOWN), &t1));
    TRY(pop_as(S, t1, &t2));
    if (is_ref(t1) || is_ref(t2))
        return fail(S, "select without a type on a reference");
    push(S, is_known(t1) ? t1 : t2);
    return true;
}

/* local.get of a non-defaultable local needs a local.set or local.tee in
 * a block that is still open; those mark it (validating only). */
static bool track_local(Stk *S, const WasmInstr *in)
{
    if (S->set[in->a])
        return true;
    if (in->op == WASM_OP_LocalGet)
        return fail(S, "local %u of non-nullable type is read before it is "
                    "set", in->a);
    S->set[in->a] = 1;
    avec_push(S->a, S->inits, in->a);
    return true;
}

static bool step_variable(Stk *S, const WasmInstr *in)
{
    WasmValType t;
    switch (in->op) {
    case WASM_OP_Drop: return pop_as(S, vt(WASM_UNKNOWN), NULL);
    case WASM_OP_Select: case WASM_OP_TypedSelect: return step_select(S, in);
    case WASM_OP_GlobalGet: case WASM_OP_GlobalSet:
        TRY(global_at(S, in->a, &t));
        break;
    default:
        TRY(local_at(S, in->a, &t));
        if (S->set)
            TRY(track_local(S, in));
        break;
    }
    if (S->validating && in->op == WASM_OP_GlobalSet &&
        !S->m->globals.v[in->a].mut)
        return fail(S, "global %u is immutable", in->a);
    if (in->op != WASM_OP_LocalGet && in->op != WASM_OP_GlobalGet)
        TRY(pop_as(S, t, NULL));
    if (in->op != WASM_OP_LocalSet && in->op != WASM_OP_GlobalSet)
        push(S, t);
    return true;
}

/* ---- references ---------------------------------------------------------- */

/* any.convert_extern and extern.convert_any keep the operand's nullability. */
static bool step_convert(Stk *S, int64_t heap)
{
    WasmValType r;
    TRY(pop_ref_of(S, heap == HEAP_ANY ? WASM_EXTERNREF : WASM_ANYREF, &r));
    push(S, ref_of(heap, !is_known(r) || nullable(r)));
    return true;
}

/* ref.test and ref.cast take a reference of the cast type's hierarchy. */
static bool pop_cast_operand(Stk *S, int64_t heap)
{
    TRY(check_heap(S, heap));
    if (!S->ty)
        return pop_ref(S, NULL);
    return pop_as(S, ref_of(wimpl_heap_top(S->ty, heap), true), NULL);
}

static bool step_ref(Stk *S, const WasmInstr *in)
{
    WasmValType r;
    switch (in->op) {
    case WASM_OP_RefNull:
        TRY(check_heap(S, in->vt.heap));
        push(S, ref_of(in->vt.heap, true));
        return true;
    case WASM_OP_RefFunc:
        if (in->a >= S->m->funcs.n)
            return fail(S, "function %u out of range", in->a);
        if (S->validating && !S->expr && S->ty && S->ty->declared &&
            !S->ty->declared[in->a])
            return fail(S, "function %u is not declared (in an "
                        "element segment, an export or an initialiser)",
                        in->a);
        push(S, ref_of(S->m->funcs.v[in->a].type, false));
        return true;
    case WASM_OP_RefEq:
        TRY(pop_ref_of(S, WASM_EQREF, NULL));
        TRY(pop_ref_of(S, WASM_EQREF, NULL));
        push(S, vt(WASM_I32));
        return true;
    case WASM_OP_RefAsNonNull:
        TRY(pop_ref(S, &r));
        push(S, non_null(r));
        return true;
    case WASM_OP_RefCast: case WASM_OP_RefCastNull:
        TRY(pop_cast_operand(S, in->vt.heap));
        push(S, ref_of(in->vt.heap, in->op == WASM_OP_RefCastNull));
        return true;
    case WASM_OP_AnyConvertExtern: return step_convert(S, HEAP_ANY);
    case WASM_OP_ExternConvertAny: return step_convert(S, HEAP_EXTERN);
    case WASM_OP_RefI31:
        TRY(pop_type(S, WASM_I32));
        push(S, ref_of(HEAP_I31, false));
        return true;
    case WASM_OP_RefTest: case WASM_OP_RefTestNull:
        TRY(pop_cast_operand(S, in->vt.heap));
        push(S, vt(WASM_I32));
        return true;
    case WASM_OP_I31GetS: case WASM_OP_I31GetU:
        TRY(pop_ref_of(S, WASM_I31REF, NULL));
        push(S, vt(WASM_I32));
        return true;
    default: /* ref.is_null: any reference to i32 */
        break;
    }
    TRY(pop_ref(S, NULL));
    push(S, vt(WASM_I32));
    return true;
}

/* ---- tables -------------------------------------------------------------- */

static bool step_table(Stk *S, const WasmInstr *in)
{
    const WasmTable *t;
    TRY(table_at(S, in->a, &t));
    uint8_t addr = table_addr(S, in->a);
    switch (in->op) {
    case WASM_OP_TableGet:
        TRY(pop_type(S, addr));
        push(S, t->elem);
        return true;
    case WASM_OP_TableSet:
        TRY(pop_as(S, t->elem, NULL));
        return pop_type(S, addr);
    case WASM_OP_TableFill:
        TRY(pop_type(S, addr));
        TRY(pop_as(S, t->elem, NULL));
        return pop_type(S, addr);
    default: /* TableGrow */
        TRY(pop_type(S, addr));
        TRY(pop_as(S, t->elem, NULL));
        push(S, vt(addr));
        return true;
    }
}

/* ---- GC structs and arrays ----------------------------------------------- */

static bool struct_field(Stk *S, const WasmInstr *in, const WasmType **st,
                         WasmValType *field)
{
    TRY(type_of_kind(S, in->a, WASM_TYPE_STRUCT, st));
    if (in->b >= (*st)->nfields)
        return fail(S, "struct type %u has no field %u", in->a, in->b);
    *field = (*st)->fields[in->b].type;
    return true;
}

static bool packed(WasmValType t)
{
    return t.code == WASM_I8 || t.code == WASM_I16;
}

/* A storage type that may be copied into another. */
static bool storage_sub(const Stk *S, WasmValType a, WasmValType b)
{
    if (packed(a) || packed(b))
        return a.code == b.code;
    return !S->ty || wimpl_val_sub(S->ty, a, b);
}

/* Validating a field or element access: get_s/get_u exactly for packed
 * fields, writes only to mutable ones, data only into numbers. */
static bool check_access(Stk *S, uint16_t op, WasmField f, const char *what)
{
    switch (op) {
    case WASM_OP_StructGet: case WASM_OP_ArrayGet:
        if (packed(f.type))
            return fail(S, "packed %s field: use get_s or get_u", what);
        return true;
    case WASM_OP_StructGetS: case WASM_OP_StructGetU:
    case WASM_OP_ArrayGetS: case WASM_OP_ArrayGetU:
        if (!packed(f.type))
            return fail(S, "the %s field is not packed", what);
        return true;
    case WASM_OP_ArrayNewData:
        if (is_ref(f.type))
            return fail(S, "array of references from a data segment");
        return true;
    case WASM_OP_ArrayInitData:
        if (is_ref(f.type))
            return fail(S, "array of references from a data segment");
        break;
    case WASM_OP_StructSet: case WASM_OP_ArraySet: case WASM_OP_ArrayFill:
    case WASM_OP_ArrayCopy: case WASM_OP_ArrayInitElem:
        break;
    default:
        return true;
    }
    if (!f.mut)
        return fail(S, "the %s field is immutable", what);
    return true;
}

/* struct.new_default and array.new_default need a default value. */
static bool check_defaultable(Stk *S, WasmValType t)
{
    if (t.code == WASM_REF)
        return fail(S, "a field of non-nullable type has no default value");
    return true;
}

static bool step_struct(Stk *S, const WasmInstr *in)
{
    const WasmType *st;
    WasmValType f;
    if (in->op == WASM_OP_StructNew || in->op == WASM_OP_StructNewDefault) {
        TRY(type_of_kind(S, in->a, WASM_TYPE_STRUCT, &st));
        for (uint32_t i = 0; S->validating && i < st->nfields &&
                             in->op == WASM_OP_StructNewDefault; i++)
            TRY(check_defaultable(S, st->fields[i].type));
        for (uint32_t i = st->nfields; in->op == WASM_OP_StructNew && i-- > 0;)
            TRY(pop_as(S, unpack(st->fields[i].type), NULL));
        push(S, ref_of(in->a, false));
        return true;
    }
    TRY(struct_field(S, in, &st, &f));
    if (S->validating)
        TRY(check_access(S, in->op, st->fields[in->b], "struct"));
    if (in->op == WASM_OP_StructSet)
        TRY(pop_as(S, unpack(f), NULL));
    TRY(pop_as(S, ref_of(in->a, true), NULL));
    if (in->op == WASM_OP_StructGet)
        push(S, unpack(f));
    else if (in->op != WASM_OP_StructSet)
        push(S, vt(WASM_I32));
    return true;
}

/* array.new_fixed pops n elements, n from an immediate: past the values
 * of a polymorphic stack they are not materialised (n may be huge). */
static bool pop_elems(Stk *S, WasmValType elem, uint32_t n)
{
    Frame *f = top(S);
    uint32_t avail = S->vals.n - f->height;
    if (n > avail && f->unreachable) {
        n = avail;
        S->partial = true;
    }
    for (uint32_t i = 0; i < n; i++)
        TRY(pop_as(S, elem, NULL));
    return true;
}

/* Pops `lead` i32 operands, then (when elem) an element, then k more i32
 * and the array reference: the shapes of array.set, fill, init_*. */
static bool pop_array_op(Stk *S, uint32_t type, unsigned lead,
                         const WasmValType *elem, unsigned k)
{
    for (unsigned i = 0; i < lead; i++)
        TRY(pop_type(S, WASM_I32));
    if (elem)
        TRY(pop_as(S, *elem, NULL));
    for (unsigned i = 0; i < k; i++)
        TRY(pop_type(S, WASM_I32));
    return pop_as(S, ref_of(type, true), NULL);
}

static bool step_array_new(Stk *S, const WasmInstr *in, WasmValType e)
{
    switch (in->op) {
    case WASM_OP_ArrayNew:
        TRY(pop_type(S, WASM_I32));
        TRY(pop_as(S, e, NULL));
        break;
    case WASM_OP_ArrayNewDefault:
        if (S->validating)
            TRY(check_defaultable(S, e));
        TRY(pop_type(S, WASM_I32));
        break;
    case WASM_OP_ArrayNewFixed: TRY(pop_elems(S, e, in->b)); break;
    default: /* ArrayNewData, ArrayNewElem */
        TRY(pop_type(S, WASM_I32));
        TRY(pop_type(S, WASM_I32));
        break;
    }
    push(S, ref_of(in->a, false));
    return true;
}

static bool step_array(Stk *S, const WasmInstr *in)
{
    const WasmType *at, *bt;
    if (in->op == WASM_OP_ArrayLen) {
        TRY(pop_ref_of(S, WASM_ARRAYREF, NULL));
        push(S, vt(WASM_I32));
        return true;
    }
    TRY(type_of_kind(S, in->a, WASM_TYPE_ARRAY, &at));
    WasmValType e = unpack(at->fields[0].type);
    if (S->validating)
        TRY(check_access(S, in->op, at->fields[0], "array"));
    switch (in->op) {
    case WASM_OP_ArrayGet: case WASM_OP_ArrayGetS: case WASM_OP_ArrayGetU:
        TRY(pop_array_op(S, in->a, 1, NULL, 0));
        push(S, in->op == WASM_OP_ArrayGet ? e : vt(WASM_I32));
        return true;
    case WASM_OP_ArraySet: return pop_array_op(S, in->a, 0, &e, 1);
    case WASM_OP_ArrayFill: return pop_array_op(S, in->a, 1, &e, 1);
    case WASM_OP_ArrayInitData: case WASM_OP_ArrayInitElem:
        return pop_array_op(S, in->a, 3, NULL, 0);
    case WASM_OP_ArrayCopy:
        TRY(type_of_kind(S, in->b, WASM_TYPE_ARRAY, &bt));
        if (S->validating && !storage_sub(S, bt->fields[0].type,
                                          at->fields[0].type))
            return fail(S, "the elements of array type %u do not match "
                        "array type %u's", in->b, in->a);
        TRY(pop_array_op(S, in->b, 2, NULL, 0));
        return pop_array_op(S, in->a, 1, NULL, 0);
    default:
        return step_array_new(S, in, e);
    }
}

/* ---- one instruction ----------------------------------------------------- */

/* The rule for each instruction whose signature has x, r or *; all others
 * follow their signature. */
static bool step(Stk *S, const WasmInstr *in)
{
    switch (in->op) {
    case WASM_OP_Block: case WASM_OP_Loop: case WASM_OP_If: case WASM_OP_Else:
    case WASM_OP_Try: case WASM_OP_TryTable: case WASM_OP_Catch:
    case WASM_OP_CatchAll: case WASM_OP_End: case WASM_OP_Delegate:
        return step_block(S, in);
    case WASM_OP_Br: case WASM_OP_BrIf: case WASM_OP_BrTable:
    case WASM_OP_BrOnNull: case WASM_OP_BrOnNonNull: case WASM_OP_BrOnCast:
    case WASM_OP_BrOnCastFail:
        return step_branch(S, in);
    case WASM_OP_Unreachable: case WASM_OP_Return: case WASM_OP_Throw:
    case WASM_OP_ThrowRef: case WASM_OP_Rethrow:
        return step_transfer(S, in);
    case WASM_OP_Call: case WASM_OP_CallIndirect: case WASM_OP_ReturnCall:
    case WASM_OP_ReturnCallIndirect: case WASM_OP_CallRef:
    case WASM_OP_ReturnCallRef:
        return step_call(S, in);
    case WASM_OP_Drop: case WASM_OP_Select: case WASM_OP_TypedSelect:
    case WASM_OP_LocalGet: case WASM_OP_LocalSet: case WASM_OP_LocalTee:
    case WASM_OP_GlobalGet: case WASM_OP_GlobalSet:
        return step_variable(S, in);
    case WASM_OP_RefNull: case WASM_OP_RefIsNull: case WASM_OP_RefFunc:
    case WASM_OP_RefEq: case WASM_OP_RefAsNonNull: case WASM_OP_RefTest:
    case WASM_OP_RefTestNull: case WASM_OP_RefCast: case WASM_OP_RefCastNull:
    case WASM_OP_AnyConvertExtern: case WASM_OP_ExternConvertAny:
    case WASM_OP_RefI31: case WASM_OP_I31GetS: case WASM_OP_I31GetU:
        return step_ref(S, in);
    case WASM_OP_TableGet: case WASM_OP_TableSet: case WASM_OP_TableFill:
    case WASM_OP_TableGrow:
        return step_table(S, in);
    case WASM_OP_StructNew: case WASM_OP_StructNewDefault:
    case WASM_OP_StructGet: case WASM_OP_StructGetS: case WASM_OP_StructGetU:
    case WASM_OP_StructSet:
        return step_struct(S, in);
    case WASM_OP_ArrayNew: case WASM_OP_ArrayNewDefault:
    case WASM_OP_ArrayNewFixed: case WASM_OP_ArrayNewData:
    case WASM_OP_ArrayNewElem: case WASM_OP_ArrayGet: case WASM_OP_ArrayGetS:
    case WASM_OP_ArrayGetU: case WASM_OP_ArraySet: case WASM_OP_ArrayLen:
    case WASM_OP_ArrayFill: case WASM_OP_ArrayCopy: case WASM_OP_ArrayInitData:
    case WASM_OP_ArrayInitElem:
        return step_array(S, in);
    default:
        return step_fixed(S, in);
    }
}

/* ---- recording ----------------------------------------------------------- */

/* A list of types for the output: a shared constant for the common single
 * numeric type, else a copy in the arena (reversed when `flip`). */
static const WasmValType *keep(Stk *S, const TypeVec *v, bool flip)
{
    static const WasmValType one[] = {
        {WASM_I32, 0}, {WASM_I64, 0}, {WASM_F32, 0}, {WASM_F64, 0},
        {WASM_V128, 0},
    };
    if (v->n == 0)
        return NULL;
    for (size_t k = 0; v->n == 1 && k < ARRAY_LEN(one); k++)
        if (v->v[0].code == one[k].code)
            return &one[k];
    WasmValType *out = arena_alloc(S->a, sizeof *out * v->n);
    for (uint32_t i = 0; i < v->n; i++)
        out[i] = v->v[flip ? v->n - 1 - i : i];
    return out;
}

static bool all_known(const TypeVec *v)
{
    for (uint32_t i = 0; i < v->n; i++)
        if (!is_known(v->v[i]))
            return false;
    return true;
}

static void record(Stk *S, WasmStackSig *out)
{
    out->params = keep(S, &S->popped, true);
    out->nparams = S->popped.n;
    out->results = keep(S, &S->pushed, false);
    out->nresults = S->pushed.n;
    out->known = !S->partial && all_known(&S->popped) &&
                 all_known(&S->pushed);
}

/* ---- the body ------------------------------------------------------------ */

/* Asked for every instruction of every body walked: the answer per
 * opcode is worked out once from the signature column. */
static const bool *stack_typed_ops(void)
{
    static bool table[WASM_OP_COUNT];
    static bool ready;
    if (!ready) {
        for (int op = 0; op < WASM_OP_COUNT; op++)
            table[op] = strpbrk(wasm_ops[op].sig, "xr*") != NULL;
        ready = true;
    }
    return table;
}

bool wasm_op_stack_typed(WasmOpcode op)
{
    return (unsigned)op < WASM_OP_COUNT && stack_typed_ops()[op];
}

bool wasm_op_params(WasmOpcode op, char out[4])
{
    const char *s = wasm_ops[op].sig;
    uint32_t n = 0;
    for (; *s && *s != ':'; s++) {
        if (*s == '*' || n == 3)
            return false;
        out[n++] = *s;
    }
    out[n] = 0;
    return true;
}

/* Validating a body with locals of non-defaultable type: parameters and
 * defaultable locals hold a value from the start, the others once set. */
static void mark_defaultable(Stk *S, uint32_t nparams)
{
    S->set = arena_alloc(S->a, S->nlocals);
    for (uint32_t i = 0; i < S->nlocals; i++)
        S->set[i] = i < nparams || S->locals[i].code != WASM_REF;
}

/* Parameters and declared locals, one entry per local. */
static bool read_locals(Stk *S, const WasmFunc *f, Sig fn)
{
    bool nondefaultable = false;
    const uint8_t *body = f->new_body ? f->new_body : S->m->bytes + f->body.off;
    uint32_t len = f->new_body ? f->new_body_len : f->body.len;
    WasmReader r;
    wasm_reader_init(&r, body, len, S->err);
    r.base = body - S->body_off; /* errors at module offsets */
    TypeVec v = {0};
    for (uint32_t i = 0; i < fn.nparams; i++)
        avec_push(S->a, v, fn.params[i]);
    uint32_t ngroups;
    TRY(wdec_count(&r, &ngroups, 2, "local declaration count"));
    for (uint32_t g = 0; g < ngroups; g++) {
        uint32_t n;
        WasmValType t;
        TRY(wdec_u32(&r, &n, "local count"));
        TRY(wdec_valtype(&r, &t, "local type"));
        if (n > MAX_LOCALS - v.n)
            return fail(S, "more than %u locals", MAX_LOCALS);
        if (S->ty && !wimpl_val_type_ok(S->ty, t))
            return fail(S, "local type names type %lld, out of range",
                        (long long)t.heap);
        if (t.code == WASM_REF && n > 0)
            nondefaultable = true;
        for (uint32_t k = 0; k < n; k++)
            avec_push(S->a, v, t);
    }
    S->locals = v.v;
    S->nlocals = v.n;
    S->code = r.p;
    if (S->validating && nondefaultable)
        mark_defaultable(S, fn.nparams);
    return true;
}

static bool start(Stk *S, uint32_t func)
{
    const WasmModule *m = S->m;
    if (func >= m->funcs.n || m->funcs.v[func].import >= 0)
        return fail(S, "not a defined function");
    const WasmFunc *f = &m->funcs.v[func];
    S->body_off = f->new_body ? 0 : f->body.off;
    Sig fn;
    TRY(func_sig(S, f->type, &fn));
    TRY(read_locals(S, f, fn));
    Frame whole = {fn, 0, 0, WASM_OP_End, false};
    avec_push(S->a, S->ctrls, whole);
    return true;
}

static bool run(Stk *S, const WasmInstr *code, uint32_t ncode,
                WasmStackSig *out)
{
    for (uint32_t i = 0; i < ncode; i++) {
        const WasmInstr *in = &code[i];
        if (in->op >= WASM_OP_COUNT)
            return fail(S, "invalid opcode %u at instruction %u", in->op, i);
        S->in = in;
        S->at = i;
        if (S->ctrls.n == 0)
            return fail(S, "code after the function's final 'end'");
        S->rec = wasm_op_stack_typed(in->op);
        S->partial = false;
        S->popped.n = S->pushed.n = 0;
        TRY(step(S, in));
        if (S->rec)
            record(S, &out[i]);
    }
    if (S->ctrls.n != 0) /* reported at the last instruction */
        return fail(S, "the body ends inside a block");
    return true;
}

bool wasm_check_stack_types(const WasmModule *m, uint32_t func,
                            const WasmInstr *code, uint32_t ncode,
                            Arena *arena, WasmStackSig **out, WasmError *err)
{
    memset(err, 0, sizeof *err);
    Stk S = {.m = m, .a = arena, .func = func, .err = err};
    *out = arena_alloc(arena, sizeof **out * (ncode ? ncode : 1));
    if (!start(&S, func)) {
        *out = NULL;
        return false;
    }
    if (!run(&S, code, ncode, *out)) {
        *out = NULL;
        return false;
    }
    return true;
}

/* ---- validating an original body ----------------------------------------- */

/* Natural alignments: per opcode, log2 of the bytes a memarg instruction
 * accesses, with ALIGN_EXACT for atomics (which must use exactly it); for
 * the others RARE_OP (see check_extra) or NO_MEMARG. */
#define NO_MEMARG 0xFF
#define ALIGN_EXACT 0x80
#define RARE_OP 0xFE

/* The access size in bits, from the instruction's name: the number after
 * load/store/rmw/wait (i64.load16_s, i32.atomic.rmw8.add_u,
 * memory.atomic.wait32), 64 for v128.load8x8_s and its kin, 32 for
 * memory.atomic.notify, else the type's width (f64.store, v128.load). */
static unsigned access_bits(const char *name)
{
    static const char *const words[] = {"load", "store", "rmw", "wait"};
    if (strstr(name, "x8_") || strstr(name, "x4_") || strstr(name, "x2_"))
        return 64;
    for (size_t k = 0; k < ARRAY_LEN(words); k++) {
        const char *p = strstr(name, words[k]);
        if (p && p[strlen(words[k])] >= '0' && p[strlen(words[k])] <= '9')
            return (unsigned)atoi(p + strlen(words[k]));
    }
    if (strstr(name, "notify"))
        return 32;
    return (unsigned)atoi(name + 1);
}

static const uint8_t *natural_aligns(void)
{
    static uint8_t table[WASM_OP_COUNT];
    static bool ready;
    if (ready)
        return table;
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        uint8_t imm = wasm_ops[op].imm;
        uint8_t prefix = wasm_ops[op].prefix;
        table[op] = prefix == 0xFC || prefix == 0xFB ? RARE_OP : NO_MEMARG;
        if (imm != IMM_MEMARG && imm != IMM_MEMARG_LANE)
            continue;
        uint8_t log2 = 0;
        for (unsigned bytes = access_bits(wasm_ops[op].name) / 8; bytes > 1;
             bytes /= 2)
            log2++;
        table[op] = (uint8_t)(log2 | (wasm_ops[op].category ==
                                      WASM_CAT_ATOMIC ? ALIGN_EXACT : 0));
    }
    ready = true;
    return table;
}

/* Spec: the alignment of a memarg is at most the natural one, and exactly
 * it for atomics. */
static bool check_align(Stk *S, const WasmInstr *in, uint8_t nat)
{
    unsigned want = nat & ~ALIGN_EXACT;
    if (in->a == want || (in->a < want && !(nat & ALIGN_EXACT)))
        return true;
    if (nat & ALIGN_EXACT)
        return fail(S, "alignment %llu must be the natural alignment %u "
                    "(atomic access)", 1ull << in->a, 1u << want);
    return fail(S, "alignment %llu is larger than the natural alignment %u",
                1ull << in->a, 1u << want);
}

/* An element segment's references must fit where they are copied. */
static bool check_elem_into(Stk *S, uint32_t elem, WasmValType want)
{
    TypeText b1, b2;
    if (elem >= S->m->elems.n)
        return fail(S, "element segment %u out of range", elem);
    WasmValType t = S->m->elems.v[elem].type;
    if (!wimpl_val_sub(S->ty, t, want))
        return fail(S, "element segment %u holds %s, not %s", elem,
                    type_name(t, &b1), type_name(want, &b2));
    return true;
}

/* The rules validation adds for instructions with a fixed signature or
 * rare ones: data count, table element types. */
static bool check_rare(Stk *S, const WasmInstr *in)
{
    const WasmModule *m = S->m;
    switch (in->op) {
    case WASM_OP_MemoryInit: case WASM_OP_DataDrop:
    case WASM_OP_ArrayNewData: case WASM_OP_ArrayInitData:
        if (!m->has_datacount)
            return fail(S, "needs a data count section");
        return true;
    case WASM_OP_TableInit:
        if (in->b >= m->tables.n)
            return fail(S, "table %u out of range", in->b);
        return check_elem_into(S, in->a, m->tables.v[in->b].elem);
    case WASM_OP_TableCopy:
        if (in->a >= m->tables.n || in->b >= m->tables.n)
            return fail(S, "table out of range");
        if (!wimpl_val_sub(S->ty, m->tables.v[in->b].elem,
                           m->tables.v[in->a].elem))
            return fail(S, "table %u's elements do not fit table %u", in->b,
                        in->a);
        return true;
    case WASM_OP_ArrayNewElem: case WASM_OP_ArrayInitElem:
        if (in->a >= m->types.n || m->types.v[in->a].kind != WASM_TYPE_ARRAY
            || m->types.v[in->a].nfields != 1)
            return true; /* step_array says so */
        return check_elem_into(S, in->b, m->types.v[in->a].fields[0].type);
    default:
        return true;
    }
}

/* The rules validation adds to what the tracker checks anyway; `extra`
 * is natural_aligns(), RARE_OP for the 0xFB and 0xFC instructions that
 * check_rare looks at: most instructions cost one lookup. */
static bool check_extra(Stk *S, const WasmInstr *in, const uint8_t *extra)
{
    uint8_t nat = extra[in->op];
    if (nat == NO_MEMARG)
        return true;
    if (nat == RARE_OP)
        return check_rare(S, in);
    return check_align(S, in, nat);
}

/* The most common instructions without the general rules: a fixed
 * signature of numbers with at most one result, local.get, local.set and
 * local.tee of a number (no initialisation to track), global.get.  True
 * if done; false, nothing changed, for the general rules to do it (and
 * say what is wrong).  Validation records nothing (S->rec stays false). */
static inline bool step_common(Stk *S, const WasmInstr *in,
                               const FixedSig *fs)
{
    uint32_t n = S->vals.n, floor = top(S)->height;
    if (fs->plain) {
        if (n - floor < fs->npops || n - fs->npops + 1 > S->vals.cap)
            return false;
        const WasmValType *v = &S->vals.v[n - fs->npops];
        for (unsigned i = 0; i < fs->npops; i++)
            if (v[i].code != fs->pops[i])
                return false;
        n -= fs->npops;
        if (fs->npushes)
            S->vals.v[n++] = vt(fs->pushes[0]);
        S->vals.n = n;
        return true;
    }
    WasmValType t;
    switch (in->op) {
    case WASM_OP_LocalGet: case WASM_OP_GlobalGet:
        if (n == S->vals.cap)
            return false;
        if (in->op == WASM_OP_GlobalGet && in->a < S->m->globals.n)
            t = S->m->globals.v[in->a].type;
        else if (in->op == WASM_OP_LocalGet && in->a < S->nlocals && !S->set)
            t = S->locals[in->a];
        else
            return false;
        S->vals.v[n] = t;
        S->vals.n = n + 1;
        return true;
    case WASM_OP_LocalSet: case WASM_OP_LocalTee:
        if (S->set || in->a >= S->nlocals || n == floor)
            return false;
        t = S->locals[in->a];
        if (t.code < WASM_V128 || S->vals.v[n - 1].code != t.code)
            return false;
        if (in->op == WASM_OP_LocalSet)
            S->vals.n = n - 1;
        else
            S->vals.v[n - 1] = t;
        return true;
    default:
        return false;
    }
}

/* One validation step of a decoded instruction (the body of each loop
 * below). */
static bool validate_step(Stk *S, const WasmInstr *in, uint32_t i,
                          const uint8_t *aligns, const FixedSig *sigs)
{
    S->in = in;
    S->at = i;
    TRY(check_extra(S, in, aligns));
    if (step_common(S, in, &sigs[in->op]))
        return true;
    if (sigs[in->op].ok)
        return step_fixed_sig(S, in, &sigs[in->op]);
    return step(S, in);
}

bool wimpl_validate_body(const WimplTypes *ty, uint32_t func, Arena *arena,
                         WasmError *err)
{
    const WasmModule *m = ty->m;
    Stk S = {.m = m, .a = arena, .func = func, .err = err,
             .validating = true, .ty = ty};
    TRY(start(&S, func));
    const WasmFunc *f = &m->funcs.v[func];
    WasmReader r;
    wasm_reader_init(&r, m->bytes, m->len, err);
    r.p = S.code;
    r.end = m->bytes + f->body.off + f->body.len;
    S.body_off = 0; /* decoded offsets are module offsets already */
    /* the reader checked the structure: the final `end` is the last byte */
    const WimplShortOp *ops = wimpl_short_ops();
    const uint8_t *aligns = natural_aligns();
    const FixedSig *sigs = fixed_sigs();
    for (uint32_t i = 0; r.p < r.end; i++) {
        WasmInstr in;
        if (!wimpl_decode_short(&r, ops, &in))
            TRY(wdec_instr(&r, &in, arena));
        TRY(validate_step(&S, &in, i, aligns, sigs));
    }
    return true;
}

/* The validator of one body for a pass that decodes it (body.c's, while
 * reading): Stk with the tables it looks up. */
struct WimplBodyValidator {
    Stk S;
    const uint8_t *aligns;
    const FixedSig *sigs;
};

WimplBodyValidator *wimpl_validator_start(const WimplTypes *ty,
                                          uint32_t func, Arena *arena,
                                          WasmError *err)
{
    WimplBodyValidator *v = arena_alloc(arena, sizeof *v);
    memset(v, 0, sizeof *v);
    v->S = (Stk){.m = ty->m, .a = arena, .func = func, .err = err,
                 .validating = true, .ty = ty};
    /* room for most bodies' stacks from the start, not zeroed (nothing
     * is read above their tops): growing them again in every body cost
     * more than the rest of their upkeep */
    v->S.vals.v = arena_alloc_raw(arena, sizeof *v->S.vals.v * 256);
    v->S.vals.cap = 256;
    v->S.ctrls.v = arena_alloc_raw(arena, sizeof *v->S.ctrls.v * 64);
    v->S.ctrls.cap = 64;
    if (!start(&v->S, func))
        return NULL;
    v->S.body_off = 0; /* decoded offsets are module offsets already */
    v->aligns = natural_aligns();
    v->sigs = fixed_sigs();
    return v;
}

bool wimpl_validator_step(WimplBodyValidator *v, const WasmInstr *in,
                          uint32_t i)
{
    return validate_step(&v->S, in, i, v->aligns, v->sigs);
}

/* ---- the fused fast path ------------------------------------------------- */

/* How wimpl_validator_run takes each one-byte opcode; RUN_NONE: not at
 * all.  Between them these are nearly all the code compilers emit. */
enum {
    RUN_NONE, RUN_UNARY, RUN_BINARY, RUN_NUMERIC, RUN_I32_CONST,
    RUN_I64_CONST, RUN_F32_CONST, RUN_F64_CONST, RUN_LOCAL_GET,
    RUN_LOCAL_SET, RUN_LOCAL_TEE, RUN_GLOBAL_GET, RUN_GLOBAL_SET, RUN_LOAD,
    RUN_STORE, RUN_BLOCK, RUN_END, RUN_BR, RUN_BR_IF, RUN_BR_TABLE, RUN_CALL,
    RUN_DROP, RUN_RETURN, RUN_UNREACHABLE
};

/* The fixed signature of a RUN_UNARY, RUN_BINARY or RUN_NUMERIC opcode
 * (RUN_LOAD: its result; RUN_STORE: pops[1] its value), and the natural
 * alignment of a load or store. */
typedef struct {
    uint8_t kind;             /* RUN_* */
    uint8_t npops, npushes;
    uint8_t pops[3], push;
    uint8_t align;
} RunOp;

typedef struct {
    RunOp op[256];
    uint64_t bit[256];        /* wasm_op_bit of the opcode */
    uint16_t code[256];       /* its WasmOpcode */
} RunTable;

static uint8_t run_kind(int op, const FixedSig *fs)
{
    switch (op) {
    case WASM_OP_I32Const: return RUN_I32_CONST;
    case WASM_OP_I64Const: return RUN_I64_CONST;
    case WASM_OP_F32Const: return RUN_F32_CONST;
    case WASM_OP_F64Const: return RUN_F64_CONST;
    case WASM_OP_LocalGet: return RUN_LOCAL_GET;
    case WASM_OP_LocalSet: return RUN_LOCAL_SET;
    case WASM_OP_LocalTee: return RUN_LOCAL_TEE;
    case WASM_OP_GlobalGet: return RUN_GLOBAL_GET;
    case WASM_OP_GlobalSet: return RUN_GLOBAL_SET;
    case WASM_OP_Block: case WASM_OP_Loop: case WASM_OP_If: return RUN_BLOCK;
    case WASM_OP_End: return RUN_END;
    case WASM_OP_Br: return RUN_BR;
    case WASM_OP_BrIf: return RUN_BR_IF;
    case WASM_OP_BrTable: return RUN_BR_TABLE;
    case WASM_OP_Call: return RUN_CALL;
    case WASM_OP_Drop: return RUN_DROP;
    case WASM_OP_Return: return RUN_RETURN;
    case WASM_OP_Unreachable: return RUN_UNREACHABLE;
    default: break;
    }
    uint8_t imm = wasm_ops[op].imm;
    if (imm == IMM_NONE && fs->plain && fs->npops <= 3)
        return fs->npushes == 1 && fs->npops == 1 ? RUN_UNARY
             : fs->npushes == 1 && fs->npops == 2 ? RUN_BINARY : RUN_NUMERIC;
    if (imm != IMM_MEMARG || !fs->ok ||
        (natural_aligns()[op] & ALIGN_EXACT) || fs->pops[0] != ADDR_CODE)
        return RUN_NONE;
    /* an address and a number: "a:I", "aI:" */
    if (fs->npops == 1 && fs->npushes == 1 && fs->pushes[0] != ADDR_CODE)
        return RUN_LOAD;
    if (fs->npops == 2 && fs->npushes == 0 && fs->pops[1] != ADDR_CODE)
        return RUN_STORE;
    return RUN_NONE;
}

static const RunTable *run_table(void)
{
    static RunTable table;
    static bool ready;
    if (ready)
        return &table;
    const FixedSig *sigs = fixed_sigs();
    for (int b = 0; b < 256; b++) {
        int op = wimpl_byte_op(b);
        RunOp *o = &table.op[b];
        if (op < 0)
            continue;
        const FixedSig *fs = &sigs[op];
        table.code[b] = (uint16_t)op;
        table.bit[b] = wasm_op_bit((uint32_t)op);
        o->kind = run_kind(op, fs);
        if (o->kind == RUN_NONE)
            continue;
        o->npops = fs->npops;
        o->npushes = fs->npushes;
        memcpy(o->pops, fs->pops, o->npops <= 3 ? o->npops : 0);
        o->push = fs->npushes ? fs->pushes[0] : 0;
        o->align = natural_aligns()[op];
    }
    ready = true;
    return &table;
}

/* An index LEB128 of one or two bytes (valid at any width from 14 bits)
 * at *p, which moves past it; false for the rest.  The body's last byte
 * is an `end` (no continuation bit), which bounds the reads. */
static inline bool run_index(const uint8_t **p, uint32_t *out)
{
    const uint8_t *q = *p;
    if (!(q[0] & 0x80)) {
        *out = q[0];
        *p = q + 1;
        return true;
    }
    if (!(q[1] & 0x80)) {
        *out = (uint32_t)(q[0] & 0x7F) | (uint32_t)q[1] << 7;
        *p = q + 2;
        return true;
    }
    return false;
}

/* The length of the constant's valid LEB128 at p (of `bits` bits), 0 if
 * there is none; its value does not matter here. */
static inline unsigned run_sleb_len(const uint8_t *p, const uint8_t *end,
                                    unsigned bits)
{
    return !(p[0] & 0x80) ? 1 : wimpl_sleb_len(p, end, bits);
}

/* The types a one-byte block type of a number or v128 gives, by code
 * minus WASM_V128. */
static const WasmValType run_block_results[] = {
    {WASM_V128, 0}, {WASM_F64, 0}, {WASM_F32, 0}, {WASM_I64, 0},
    {WASM_I32, 0},
};

/* Memory 0's address type for RUN_LOAD and RUN_STORE: no stack entry has
 * this code when there is no memory (a memarg then needs one). */
#define RUN_NO_MEMORY 0xFF

/* The stacks while wimpl_validator_run runs, stored back when it stops.
 * The operand stack is in pointers: its top, its end, the top frame's
 * start. */
typedef struct {
    WasmValType *vals, *sp, *lim, *floor;
    Frame *ctrl;
    uint32_t nctrl, ctrl_cap; /* the control stack */
    uint8_t *blk;
    uint32_t nblk, blk_cap;   /* the reader's open blocks */
    uint32_t ninits;
    Stk *S;                   /* where they are kept */
    WimplBlocks *blocks;
} RunStacks;

/* The body's sites being recorded (WasmModule.body_sites, when on) in
 * the room the vector has. */
typedef struct {
    bool on;
    uint32_t *at, *lim;
    const uint8_t *body;
} RunSites;

static RunSites run_sites(WasmModule *m, const WasmFunc *f)
{
    if (!m->sites_known)
        return (RunSites){false, NULL, NULL, NULL};
    uint32_t *v = m->body_sites.v;
    return (RunSites){true, v + m->body_sites.n, v + m->body_sites.cap,
                      m->bytes + f->body.off};
}

/* Whether a site cannot be recorded here, the vector being full (then
 * the general path takes the instruction, and grows the vector). */
static inline bool run_sites_full(const RunSites *rs)
{
    return rs->on && rs->at == rs->lim;
}

/* Records the instruction at p (after run_sites_full said there is
 * room). */
static inline void run_note_site(RunSites *rs, const uint8_t *p)
{
    if (rs->on)
        *rs->at++ = (uint32_t)(p - rs->body);
}

/* More room in S's control stack (holding nctrl frames) or the reader's
 * open blocks (nblk), whichever is full (the old copies stay in the
 * arena).  The new room is not zeroed: nothing reads above the tops. */
__attribute__((noinline))
static void run_grow_blocks(Stk *S, uint32_t nctrl, WimplBlocks *b,
                            uint32_t nblk)
{
    if (nctrl == S->ctrls.cap) {
        Frame *ctrl = arena_alloc_raw(S->a, sizeof *ctrl * nctrl * 2);
        memcpy(ctrl, S->ctrls.v, sizeof *ctrl * nctrl);
        S->ctrls.v = ctrl;
        S->ctrls.cap = nctrl * 2;
    }
    if (nblk == b->cap) {
        uint32_t cap = nblk ? nblk * 2 : 64;
        uint8_t *blk = arena_alloc_raw(b->a, cap);
        if (nblk)
            memcpy(blk, b->v, nblk);
        b->v = blk;
        b->cap = cap;
    }
}

/* Whether the k values below sp (down to floor) are exactly the numbers
 * (or v128) t[0..k): what pop_as takes without the general rules. */
static inline bool run_tops(const WasmValType *sp, const WasmValType *floor,
                            const WasmValType *t, uint32_t k)
{
    if ((size_t)(sp - floor) < k)
        return false;
    for (uint32_t j = 0; j < k; j++)
        if (t[j].code < WASM_V128 || sp[(ptrdiff_t)j - k].code != t[j].code)
            return false;
    return true;
}

/* block, loop, if (opcode op) with an empty or a one-byte number type
 * bt; false, nothing changed, for the general path. */
static inline bool run_open(RunStacks *st, uint16_t op, uint8_t bt)
{
    Sig sig = {0};
    if (bt >= WASM_V128 && bt <= WASM_I32) {
        sig.results = &run_block_results[bt - WASM_V128];
        sig.nresults = 1;
    } else if (bt != 0x40) {
        return false;
    }
    if (st->nblk == st->blk_cap || st->nctrl == st->ctrl_cap) {
        run_grow_blocks(st->S, st->nctrl, st->blocks, st->nblk);
        st->ctrl = st->S->ctrls.v;
        st->ctrl_cap = st->S->ctrls.cap;
        st->blk = st->blocks->v;
        st->blk_cap = st->blocks->cap;
    }
    WasmValType *sp = st->sp;
    if (op == WASM_OP_If) {
        if (sp == st->floor || sp[-1].code != WASM_I32)
            return false;
        sp--;
    }
    st->blk[st->nblk++] = op == WASM_OP_Loop ? WIMPL_BK_LOOP
                        : op == WASM_OP_If ? WIMPL_BK_IF : WIMPL_BK_BLOCK;
    st->ctrl[st->nctrl++] =
        (Frame){sig, (uint32_t)(sp - st->vals), st->ninits, op, false};
    st->sp = st->floor = sp;
    return true;
}

/* end of a block (the function's end is the general path's) whose
 * results are on the stack, and only they. */
static inline bool run_end(RunStacks *st)
{
    if (st->nblk == 0 || st->nctrl < 2)
        return false;
    Frame *f = &st->ctrl[st->nctrl - 1];
    const Sig *sig = &f->sig;
    if ((size_t)(st->sp - st->floor) != sig->nresults ||
        (f->op == WASM_OP_If && (sig->nparams || sig->nresults)) ||
        !run_tops(st->sp, st->floor, sig->results, sig->nresults))
        return false;
    for (uint32_t j = 0; j < sig->nresults; j++)
        st->floor[j] = unpack(sig->results[j]);
    st->nblk--;
    st->nctrl--;
    st->floor = st->vals + f[-1].height;
    return true;
}

/* br (or br_if: if_) to label a with the label's numbers on the stack. */
static inline bool run_branch(RunStacks *st, bool if_, uint32_t a)
{
    if (a >= st->nblk + 1 || a >= st->nctrl)
        return false;
    Frame *top = &st->ctrl[st->nctrl - 1];
    const Frame *f = top - a;
    bool loop = f->op == WASM_OP_Loop;
    const WasmValType *t = loop ? f->sig.params : f->sig.results;
    uint32_t k = loop ? f->sig.nparams : f->sig.nresults;
    WasmValType *sp = st->sp;
    if (!if_) {
        if (!run_tops(sp, st->floor, t, k))
            return false;
        st->sp = st->floor;
        top->unreachable = true;
        return true;
    }
    if (sp == st->floor || sp[-1].code != WASM_I32 ||
        !run_tops(sp - 1, st->floor, t, k))
        return false;
    st->sp = --sp;
    for (uint32_t j = 0; j < k; j++)
        sp[(ptrdiff_t)j - k] = unpack(t[j]);
    return true;
}

/* br_table whose labels (at *q) take no values, its operand on the
 * stack; *q moves past them. */
static inline bool run_br_table(RunStacks *st, const uint8_t **q,
                                const uint8_t *end)
{
    const uint8_t *p = *q;
    uint32_t count, l;
    WasmValType *sp = st->sp;
    if (!run_index(&p, &count) || count > (size_t)(end - p) ||
        sp == st->floor || sp[-1].code != WASM_I32)
        return false;
    for (uint32_t i = 0; i <= count; i++) {
        /* the last label may end at the last byte */
        if (p >= end || !run_index(&p, &l) || l >= st->nblk + 1 ||
            l >= st->nctrl)
            return false;
        const Frame *f = &st->ctrl[st->nctrl - 1 - l];
        if ((f->op == WASM_OP_Loop ? f->sig.nparams : f->sig.nresults) != 0)
            return false;
    }
    st->sp = st->floor;
    st->ctrl[st->nctrl - 1].unreachable = true;
    *q = p;
    return true;
}

/* call of function a with its parameters' numbers on the stack. */
static inline bool run_call(const WasmModule *m, RunStacks *st, uint32_t a)
{
    if (a >= m->funcs.n)
        return false;
    uint32_t type = m->funcs.v[a].type;
    if (type >= m->types.n || m->types.v[type].kind != WASM_TYPE_FUNC)
        return false;
    const WasmType *ft = &m->types.v[type];
    WasmValType *sp = st->sp;
    if (!run_tops(sp, st->floor, ft->params, ft->nparams) ||
        ft->nresults > (size_t)(st->lim - sp) + ft->nparams)
        return false;
    sp -= ft->nparams;
    for (uint32_t j = 0; j < ft->nresults; j++)
        *sp++ = unpack(ft->results[j]);
    st->sp = sp;
    return true;
}

/* A memarg's alignment byte within the natural alignment (which also
 * rules out a memory index and a longer LEB128) and an offset of one or
 * two bytes, at q: their end, NULL for the general path. */
static inline const uint8_t *run_memarg(const uint8_t *q, uint8_t align)
{
    uint32_t off;
    if (q[0] > align)
        return NULL;
    q++;
    return run_index(&q, &off) ? q : NULL;
}

uint32_t wimpl_validator_run(WimplBodyValidator *v, WasmReader *r,
                             WasmModule *sites_of, WasmFunc *f,
                             WimplBlocks *blocks)
{
    Stk *S = &v->S;
    const uint8_t *p = r->p, *end = r->end;
    /* locals whose initialisation is tracked, the body's end, a body that
     * does not end in an `end`: the general path's */
    if (S->set || S->ctrls.n == 0 || p >= end || end[-1] != 0x0B)
        return 0;
    const RunTable *T = run_table();
    const WasmModule *m = S->m;
    const WasmValType *locals = S->locals;
    uint32_t nlocals = S->nlocals;
    RunStacks st = {
        .vals = S->vals.v, .sp = S->vals.v + S->vals.n,
        .lim = S->vals.v + S->vals.cap,
        .floor = S->vals.v + S->ctrls.v[S->ctrls.n - 1].height,
        .ctrl = S->ctrls.v, .nctrl = S->ctrls.n, .ctrl_cap = S->ctrls.cap,
        .blk = blocks->v, .nblk = blocks->n, .blk_cap = blocks->cap,
        .ninits = S->inits.n, .S = S, .blocks = blocks,
    };
    uint8_t addr = m->memories.n == 0 ? RUN_NO_MEMORY
                 : m->memories.v[0].limits.is64 ? WASM_I64 : WASM_I32;
    uint64_t opmask = f->opmask;
    uint32_t refs = f->refs, count = 0, a;
    RunSites sites = run_sites(sites_of, f);
    while (p < end) {
        /* the opcode's bit now: when the general path takes the
         * instruction instead, it sets the same bit (or fails to read) */
        opmask |= T->bit[*p];
        const RunOp *o = &T->op[*p];
        const uint8_t *q = p + 1;
        WasmValType *sp = st.sp;
        unsigned len;
        switch (o->kind) {
        case RUN_UNARY:
            if (sp == st.floor || sp[-1].code != o->pops[0])
                goto stop;
            sp[-1] = vt(o->push);
            break;
        case RUN_BINARY:
            if (sp - st.floor < 2 || sp[-2].code != o->pops[0] ||
                sp[-1].code != o->pops[1])
                goto stop;
            sp[-2] = vt(o->push);
            st.sp = sp - 1;
            break;
        case RUN_NUMERIC:
            /* plain: at most one result, so room once the operands
             * are popped, or for one */
            if (sp - st.floor < o->npops || (o->npops == 0 && sp == st.lim))
                goto stop;
            for (unsigned j = 0; j < o->npops; j++)
                if (sp[(ptrdiff_t)j - o->npops].code != o->pops[j])
                    goto stop;
            sp -= o->npops;
            if (o->npushes)
                *sp++ = vt(o->push);
            st.sp = sp;
            break;
        case RUN_I32_CONST:
            len = run_sleb_len(q, end, 32);
            if (len == 0 || sp == st.lim)
                goto stop;
            q += len;
            *sp = vt(WASM_I32);
            st.sp = sp + 1;
            break;
        case RUN_I64_CONST:
            len = run_sleb_len(q, end, 64);
            if (len == 0 || sp == st.lim)
                goto stop;
            q += len;
            *sp = vt(WASM_I64);
            st.sp = sp + 1;
            break;
        case RUN_F32_CONST: case RUN_F64_CONST:
            len = o->kind == RUN_F32_CONST ? 4 : 8;
            if ((size_t)(end - q) < len || sp == st.lim)
                goto stop;
            q += len;
            *sp = vt(o->push);
            st.sp = sp + 1;
            break;
        case RUN_LOCAL_GET:
            if (!run_index(&q, &a) || a >= nlocals || sp == st.lim)
                goto stop;
            *sp = locals[a];
            st.sp = sp + 1;
            break;
        case RUN_LOCAL_SET: case RUN_LOCAL_TEE:
            if (!run_index(&q, &a) || a >= nlocals ||
                !run_tops(sp, st.floor, &locals[a], 1))
                goto stop;
            if (o->kind == RUN_LOCAL_SET)
                st.sp = sp - 1;
            else
                sp[-1] = locals[a];
            break;
        case RUN_GLOBAL_GET:
            if (!run_index(&q, &a) || a >= m->globals.n || sp == st.lim)
                goto stop;
            *sp = m->globals.v[a].type;
            st.sp = sp + 1;
            refs |= WASM_REFS_GLOBAL;
            break;
        case RUN_GLOBAL_SET:
            if (!run_index(&q, &a) || a >= m->globals.n ||
                !m->globals.v[a].mut ||
                !run_tops(sp, st.floor, &m->globals.v[a].type, 1))
                goto stop;
            st.sp = sp - 1;
            refs |= WASM_REFS_GLOBAL;
            break;
        case RUN_LOAD:
            q = run_memarg(q, o->align);
            if (!q || sp == st.floor || sp[-1].code != addr)
                goto stop;
            sp[-1] = vt(o->push);
            refs |= WASM_REFS_MEMORY;
            break;
        case RUN_STORE:
            q = run_memarg(q, o->align);
            if (!q || sp - st.floor < 2 || sp[-2].code != addr ||
                sp[-1].code != o->pops[1])
                goto stop;
            st.sp = sp - 2;
            refs |= WASM_REFS_MEMORY;
            break;
        case RUN_BLOCK:
            if (!run_open(&st, T->code[*p], *q))
                goto stop;
            q++;
            break;
        case RUN_END:
            if (!run_end(&st))
                goto stop;
            break;
        case RUN_BR: case RUN_BR_IF:
            if (!run_index(&q, &a) ||
                !run_branch(&st, o->kind == RUN_BR_IF, a))
                goto stop;
            break;
        case RUN_BR_TABLE:
            if (!run_br_table(&st, &q, end))
                goto stop;
            break;
        case RUN_CALL:
            if (run_sites_full(&sites) || !run_index(&q, &a) ||
                !run_call(m, &st, a))
                goto stop;
            run_note_site(&sites, p);
            refs |= WASM_REFS_FUNC;
            if (a < m->nimported[WASM_EXT_FUNC])
                opmask |= WASM_OPMASK_IMPORT_CALL;
            break;
        case RUN_DROP:
            if (sp == st.floor)
                goto stop;
            st.sp = sp - 1;
            break;
        case RUN_UNREACHABLE:
            if (run_sites_full(&sites))
                goto stop;
            run_note_site(&sites, p);
            st.sp = st.floor;
            st.ctrl[st.nctrl - 1].unreachable = true;
            break;
        case RUN_RETURN:
            if (!run_tops(sp, st.floor, st.ctrl[0].sig.results,
                          st.ctrl[0].sig.nresults))
                goto stop;
            st.sp = st.floor;
            st.ctrl[st.nctrl - 1].unreachable = true;
            break;
        default:
            goto stop;
        }
        count++;
        p = q;
    }
stop:
    if (sites.on)
        sites_of->body_sites.n = (uint32_t)(sites.at - sites_of->body_sites.v);
    r->p = p;
    S->vals.n = (uint32_t)(st.sp - st.vals);
    S->ctrls.n = st.nctrl;
    blocks->n = st.nblk;
    f->opmask = opmask;
    f->refs = refs;
    return count;
}

/* ---- validating a constant expression ------------------------------------ */

/* global.get in a constant expression reads an immutable global defined
 * before the expression, which must be an import unless the module uses
 * GC (Spec: 3.3.10 constant expressions; GC lifts the import rule). */
static bool check_const_global(Stk *S, uint32_t idx, uint32_t nglobals,
                               bool gc)
{
    const WasmModule *m = S->m;
    if (idx >= nglobals || idx >= m->globals.n)
        return fail(S, "global %u is not defined before this expression",
                    idx);
    if (m->globals.v[idx].mut)
        return fail(S, "global %u is mutable", idx);
    if (!gc && m->globals.v[idx].import < 0)
        return fail(S, "global %u is not imported, and a module without GC "
                    "types reads only imported globals here", idx);
    return true;
}

uint8_t wimpl_int_const_expr(const uint8_t *p, size_t len)
{
    const uint8_t *end = p + len;
    if (len < 3 || end[-1] != 0x0B || (p[0] != 0x41 && p[0] != 0x42))
        return 0;
    const uint8_t *q = p + 1; /* the reader checked the LEB */
    while (q < end - 1 && (*q & 0x80))
        q++;
    return q == end - 2 ? p[0] : 0;
}

/* Whether e is just `i32.const n` (or i64) giving the wanted type: nearly
 * every data segment offset, checked without the general machinery. */
static bool plain_int_const(const WasmModule *m, const WasmExpr *e,
                            WasmValType want)
{
    uint8_t op = wimpl_int_const_expr(m->bytes + e->off, e->len);
    return (op == 0x41 && want.code == WASM_I32) ||
           (op == 0x42 && want.code == WASM_I64);
}

bool wimpl_validate_const_expr(const WimplTypes *ty, const WasmExpr *e,
                               WasmValType want, uint32_t nglobals, bool gc,
                               WimplExprName name, Arena *arena,
                               WasmError *err)
{
    const WasmModule *m = ty->m;
    if (e->bytes || plain_int_const(m, e, want)) /* e->bytes: an edit's */
        return true;
    Stk S = {.m = m, .a = arena, .err = err, .validating = true, .ty = ty,
             .expr = &name};
    Frame whole = {{NULL, &want, 0, 1}, 0, 0, WASM_OP_End, false};
    avec_push(arena, S.ctrls, whole);
    WasmReader r;
    wimpl_reader_at(&r, m, (WasmRange){e->off, e->len}, err);
    while (r.p < r.end && S.ctrls.n > 0) {
        WasmInstr in;
        TRY(wdec_instr(&r, &in, arena));
        S.in = &in;
        if (!(wasm_ops[in.op].flags & (OPF_CONST_EXPR | OPF_END)))
            return fail(&S, "not allowed in a constant expression");
        if (in.op == WASM_OP_GlobalGet)
            TRY(check_const_global(&S, in.a, nglobals, gc));
        TRY(step(&S, &in));
    }
    return true;
}
