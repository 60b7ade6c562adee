/* exec.c -- the interpreter loop: runs compiled code (compile.c) on the
 * value stack, one switch over the opcode per instruction.
 *
 * Semantics follow the execution chapter of the WebAssembly 2.0 core
 * definition (4.3 numerics, 4.4 instructions).  Traps carry the names the
 * reference interpreter uses ("integer divide by zero", "out of bounds
 * memory access", ...).  Wasm calls do not recurse in C: frames live in
 * it->frames, so a deep call chain ends with an error, never a C stack
 * overflow.  Memory is accessed with memcpy in host byte order, which is
 * little-endian on every platform whamm builds for.
 */
#include "interp_impl.h"

#include <math.h>
#include <string.h>

_Static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE floats");

/* ---- values -------------------------------------------------------------- */

static inline float f32_of(uint64_t v)
{
    uint32_t b = (uint32_t)v;
    float f;
    memcpy(&f, &b, 4);
    return f;
}

static inline uint64_t of_f32(float f)
{
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}

static inline double f64_of(uint64_t v)
{
    double d;
    memcpy(&d, &v, 8);
    return d;
}

static inline uint64_t of_f64(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

static inline uint64_t s32(int32_t v) { return (uint32_t)v; }
static inline uint64_t s64(int64_t v) { return (uint64_t)v; }

/* ---- float numerics (4.3.3) ------------------------------------------- */

/* min/max: NaN if either is NaN; -0 is below +0. */
static inline float min32(float x, float y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return signbit(x) ? x : y;
    return x < y ? x : y;
}

static inline float max32(float x, float y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return signbit(x) ? y : x;
    return x > y ? x : y;
}

static inline double min64(double x, double y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return signbit(x) ? x : y;
    return x < y ? x : y;
}

static inline double max64(double x, double y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return signbit(x) ? y : x;
    return x > y ? x : y;
}

/* Float-to-int truncation traps outside the exclusive range (lo, hi),
 * bounds given as the nearest values that already fail; NULL if fine. */
static const char *trunc_check(double x, double lo, double hi)
{
    if (isnan(x))
        return "invalid conversion to integer";
    if (!(x > lo && x < hi))
        return "integer overflow";
    return NULL;
}

#define I32_LO -2147483649.0
#define I32_HI 2147483648.0
#define U32_HI 4294967296.0
#define I64_LO -9223372036854777856.0 /* the double below -2^63 */
#define I64_HI 9223372036854775808.0
#define U64_HI 18446744073709551616.0

/* Saturating versions (0xFC 0-7): NaN gives 0, the rest clamps. */
static uint64_t sat_i32(double x)
{
    if (isnan(x))
        return 0;
    if (x <= I32_LO)
        return s32(INT32_MIN);
    if (x >= I32_HI)
        return s32(INT32_MAX);
    return s32((int32_t)x);
}

static uint64_t sat_u32(double x)
{
    if (isnan(x) || x <= -1.0)
        return 0;
    if (x >= U32_HI)
        return UINT32_MAX;
    return (uint32_t)x;
}

static uint64_t sat_i64(double x)
{
    if (isnan(x))
        return 0;
    if (x <= I64_LO)
        return s64(INT64_MIN);
    if (x >= I64_HI)
        return s64(INT64_MAX);
    return s64((int64_t)x);
}

static uint64_t sat_u64(double x)
{
    if (isnan(x) || x <= -1.0)
        return 0;
    if (x >= U64_HI)
        return UINT64_MAX;
    return (uint64_t)x;
}

/* ---- integer numerics (4.3.2) ------------------------------------------ */

static inline uint32_t rotl32(uint32_t x, uint32_t k)
{
    k &= 31;
    return k ? (x << k) | (x >> (32 - k)) : x;
}

static inline uint64_t rotl64(uint64_t x, uint64_t k)
{
    k &= 63;
    return k ? (x << k) | (x >> (64 - k)) : x;
}

static inline uint32_t clz32(uint32_t x) { return x ? (uint32_t)__builtin_clz(x) : 32; }
static inline uint32_t ctz32(uint32_t x) { return x ? (uint32_t)__builtin_ctz(x) : 32; }
static inline uint64_t clz64(uint64_t x) { return x ? (uint64_t)__builtin_clzll(x) : 64; }
static inline uint64_t ctz64(uint64_t x) { return x ? (uint64_t)__builtin_ctzll(x) : 64; }

/* Arithmetic shift right without relying on implementation-defined
 * behaviour for negative operands. */
static inline uint32_t sar32(uint32_t x, uint32_t k)
{
    k &= 31;
    return (x >> k) | ((x >> 31) && k ? ~(UINT32_MAX >> k) : 0);
}

static inline uint64_t sar64(uint64_t x, uint64_t k)
{
    k &= 63;
    return (x >> k) | ((x >> 63) && k ? ~(UINT64_MAX >> k) : 0);
}

/* ---- memory and tables ------------------------------------------------- */

/* The host address of n bytes at addr + off in memory 0, or NULL when
 * any of them is out of bounds (4.4.7). */
static inline uint8_t *ea(const Interp *it, uint64_t addr, uint64_t off,
                          uint64_t n)
{
    uint64_t a = (uint32_t)addr, size = it->mem_size;
    if (off > size || a > size - off || size - off - a < n)
        return NULL;
    return it->mem + a + off;
}

/* Whether [at, at+n) fits in a region of `size` (all 32-bit operands). */
static inline bool fits(uint64_t at, uint64_t n, uint64_t size)
{
    return (uint32_t)at + (uint64_t)(uint32_t)n <= size;
}

static inline uint16_t ld16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

static inline uint32_t ld32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint64_t ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* memory.grow: old size in pages, or -1 beyond the maximum or limit. */
static uint64_t mem_grow(Interp *it, uint32_t pages)
{
    uint64_t old = it->mem_size;
    uint64_t add = (uint64_t)pages << it->page_log2;
    if (add > it->mem_max - old)
        return UINT32_MAX;
    if (add) {
        it->mem = xrealloc(it->mem, old + add);
        memset(it->mem + old, 0, add);
        it->mem_size = old + add;
    }
    return (uint32_t)(old >> it->page_log2);
}

static uint64_t table_grow(ITable *t, uint64_t init, uint32_t n)
{
    uint32_t old = t->size;
    if (n > t->max - old)
        return UINT32_MAX;
    if (n) {
        t->elems = xrealloc(t->elems, sizeof *t->elems * (old + n));
        for (uint32_t i = 0; i < n; i++)
            t->elems[old + i] = init;
        t->size = old + n;
    }
    return old;
}

/* call_indirect's check: the same function type, compared by shape
 * (two type indices may describe the same signature). */
static bool same_type(const WasmModule *m, uint32_t a, uint32_t b)
{
    if (a == b)
        return true;
    if (a >= m->types.n || b >= m->types.n)
        return false;
    const WasmType *x = &m->types.v[a], *y = &m->types.v[b];
    if (x->kind != y->kind || x->nparams != y->nparams ||
        x->nresults != y->nresults)
        return false;
    for (uint32_t i = 0; i < x->nparams; i++)
        if (x->params[i].code != y->params[i].code ||
            x->params[i].heap != y->params[i].heap)
            return false;
    for (uint32_t i = 0; i < x->nresults; i++)
        if (x->results[i].code != y->results[i].code ||
            x->results[i].heap != y->results[i].heap)
            return false;
    return true;
}

/* ---- the loop ------------------------------------------------------------ */

/* Registers of the running frame. */
typedef struct {
    const IFunc *fn;
    uint32_t func;
    const ICode *pc;
    uint64_t *fp, *ob, *sp;
    uint32_t depth;       /* frames saved below this one */
} Regs;

/* Enters defined function f with its arguments on top of the stack. */
static bool enter(Interp *it, Regs *R, uint32_t f, const ICode *at,
                  InterpError *err)
{
    const IFunc *callee = &it->funcs[f];
    if (!callee->compiled && !interp_compile(it, f, err))
        return false;
    uint64_t *nfp = R->sp - callee->nparams;
    uint64_t need = (uint64_t)(nfp - it->stack) + callee->nlocals +
                    callee->max_height;
    if (R->fn && R->depth + 1 >= it->lim.max_call_depth) {
        interp_fail(err, it, R->func, at->off,
                    "call stack exhausted: more than %u nested calls",
                    it->lim.max_call_depth);
        return false;
    }
    if (need > it->stack_cap) {
        interp_fail(err, it, R->func, at ? at->off : 0,
                    "call stack exhausted: more than %u values", it->stack_cap);
        return false;
    }
    if (R->fn)
        it->frames[R->depth++] = (IFrame){R->fn, R->func, R->pc, R->fp, R->ob};
    memset(nfp + callee->nparams, 0,
           sizeof *nfp * (callee->nlocals - callee->nparams));
    R->fn = callee;
    R->func = f;
    R->pc = callee->code;
    R->fp = nfp;
    R->ob = nfp + callee->nlocals;
    R->sp = R->ob;
    return true;
}

/* Calls f (defined or WASI) from instruction `at` of the running frame. */
static bool call(Interp *it, Regs *R, uint32_t f, const ICode *at,
                 InterpError *err)
{
    const IFunc *callee = &it->funcs[f];
    if (callee->host < 0)
        return enter(it, R, f, at, err);
    uint64_t *args = R->sp - callee->nparams;
    if (!interp_wasi_call(it, callee->host, args, R->func, err)) {
        char msg[sizeof err->msg];
        memcpy(msg, err->msg, sizeof msg);
        if (at) /* say where the library made the call */
            interp_fail(err, it, R->func, at->off, "%s", msg);
        return false;
    }
    R->sp = args + callee->nresults;
    return true;
}

/* Returns from the running frame; false when it was the outermost. */
static bool leave(Interp *it, Regs *R, uint32_t nresults)
{
    memmove(R->fp, R->sp - nresults, sizeof *R->sp * nresults);
    R->sp = R->fp + nresults;
    if (R->depth == 0)
        return false;
    const IFrame *fr = &it->frames[--R->depth];
    R->fn = fr->fn;
    R->func = fr->func;
    R->pc = fr->pc;
    R->fp = fr->fp;
    R->ob = fr->ob;
    return true;
}

static inline void branch(Regs *R, uint32_t pc, uint32_t height,
                          uint32_t arity)
{
    uint64_t *dst = R->ob + height;
    if (dst != R->sp - arity)
        memmove(dst, R->sp - arity, sizeof *dst * arity);
    R->sp = dst + arity;
    R->pc = R->fn->code + pc;
}

static const char *call_indirect(Interp *it, const ICode *in, uint64_t idx,
                                 uint32_t *out_func)
{
    const ITable *t = &it->tables[in->b];
    if ((uint32_t)idx >= t->size)
        return "undefined element";
    uint64_t ref = t->elems[(uint32_t)idx];
    if (ref == 0)
        return "uninitialized element";
    if (ref - 1 >= it->m->funcs.n)
        return "undefined element";
    *out_func = (uint32_t)(ref - 1);
    if (!same_type(it->m, in->a, it->m->funcs.v[ref - 1].type))
        return "indirect call type mismatch";
    return NULL;
}

/* Bulk memory and table instructions (0xFC 8-17); NULL or a trap. */
static const char *bulk(Interp *it, const ICode *in, uint64_t *sp)
{
    uint64_t d = sp[0], s = sp[1], n = sp[2];
    switch (in->op) {
    case WASM_OP_MemoryInit: {
        const WasmData *seg = &it->m->datas.v[in->a];
        uint64_t len = it->data_dropped[in->a] ? 0 : seg->len;
        if (!fits(s, n, len) || !fits(d, n, it->mem_size))
            return "out of bounds memory access";
        if ((uint32_t)n)
            memcpy(it->mem + (uint32_t)d, seg->bytes + (uint32_t)s,
                   (uint32_t)n);
        return NULL;
    }
    case WASM_OP_MemoryCopy:
        if (!fits(s, n, it->mem_size) || !fits(d, n, it->mem_size))
            return "out of bounds memory access";
        if ((uint32_t)n)
            memmove(it->mem + (uint32_t)d, it->mem + (uint32_t)s,
                    (uint32_t)n);
        return NULL;
    case WASM_OP_MemoryFill:
        if (!fits(d, n, it->mem_size))
            return "out of bounds memory access";
        if ((uint32_t)n)
            memset(it->mem + (uint32_t)d, (int)(uint8_t)s, (uint32_t)n);
        return NULL;
    case WASM_OP_TableInit: {
        ITable *t = &it->tables[in->b];
        uint64_t len = it->elem_dropped[in->a] ? 0 : it->m->elems.v[in->a].count;
        if (!fits(s, n, len) || !fits(d, n, t->size))
            return "out of bounds table access";
        if ((uint32_t)n)
            memcpy(t->elems + (uint32_t)d, it->elem_vals[in->a] + (uint32_t)s,
                   sizeof *t->elems * (uint32_t)n);
        return NULL;
    }
    case WASM_OP_TableCopy: {
        ITable *dt = &it->tables[in->a], *st = &it->tables[in->b];
        if (!fits(s, n, st->size) || !fits(d, n, dt->size))
            return "out of bounds table access";
        if ((uint32_t)n)
            memmove(dt->elems + (uint32_t)d, st->elems + (uint32_t)s,
                    sizeof *dt->elems * (uint32_t)n);
        return NULL;
    }
    case WASM_OP_TableFill: {
        ITable *t = &it->tables[in->a];
        if (!fits(d, n, t->size))
            return "out of bounds table access";
        for (uint32_t i = 0; i < (uint32_t)n; i++)
            t->elems[(uint32_t)d + i] = s;
        return NULL;
    }
    default:
        return "unsupported bulk operation";
    }
}

/* The unsupported-instruction error. */
static void refuse(Interp *it, const Regs *R, const ICode *in,
                   InterpError *err)
{
    const char *name = in->a < WASM_OP_COUNT ? wasm_ops[in->a].name : "?";
    interp_fail(err, it, R->func, in->off,
                in->b ? "cannot run '%s' on a memory other than a 32-bit "
                        "memory 0"
                      : "cannot run '%s'",
                name);
}

bool interp_run(Interp *it, uint32_t func, InterpError *err)
{
    Regs R = {.sp = it->stack + it->funcs[func].nparams};
    uint64_t fuel = it->lim.fuel;
    const char *why = NULL;
    const ICode *in = NULL;
    uint8_t *p;
    bool ok = false;
    if (!call(it, &R, func, NULL, err))
        goto out;
    if (it->funcs[func].host >= 0) {
        ok = true;
        goto out;
    }
    uint64_t *sp = R.sp;
    for (;;) {
        if (fuel == 0) {
            R.sp = sp;
            interp_fail(err, it, R.func, R.pc->off,
                        "ran out of fuel after %llu instructions: an "
                        "infinite loop?",
                        (unsigned long long)it->lim.fuel);
            goto out;
        }
        fuel--;
        in = R.pc++;
        switch (in->op) {
        /* ---- control ---- */
        case WASM_OP_Unreachable: why = "unreachable"; goto trap;
        case WASM_OP_Nop: case WASM_OP_Block: case WASM_OP_Loop: break;
        case WASM_OP_If:
            if (!(uint32_t)*--sp)
                R.pc = R.fn->code + in->a;
            break;
        case WASM_OP_Else: R.pc = R.fn->code + in->a; break;
        case WASM_OP_Br:
            R.sp = sp;
            branch(&R, in->a, in->b, in->c);
            sp = R.sp;
            break;
        case WASM_OP_BrIf:
            if ((uint32_t)*--sp) {
                R.sp = sp;
                branch(&R, in->a, in->b, in->c);
                sp = R.sp;
            }
            break;
        case WASM_OP_BrTable: {
            uint32_t k = (uint32_t)*--sp;
            const ITarget *t = &R.fn->targets[in->a +
                                              (k < in->c ? k : in->c - 1)];
            R.sp = sp;
            branch(&R, t->pc, t->height, t->arity);
            sp = R.sp;
            break;
        }
        case WASM_OP_Return:
            R.sp = sp;
            if (!leave(it, &R, in->c)) {
                ok = true;
                goto out;
            }
            sp = R.sp;
            break;
        case WASM_OP_Call:
            R.sp = sp;
            if (!call(it, &R, in->a, in, err))
                goto out;
            sp = R.sp;
            break;
        case WASM_OP_CallIndirect: {
            uint32_t f = 0;
            if ((why = call_indirect(it, in, *--sp, &f)))
                goto trap;
            R.sp = sp;
            if (!call(it, &R, f, in, err))
                goto out;
            sp = R.sp;
            break;
        }
        /* ---- parametric, variables ---- */
        case WASM_OP_Drop: sp--; break;
        case WASM_OP_Select: case WASM_OP_TypedSelect:
            sp -= 2;
            if (!(uint32_t)sp[1])
                sp[-1] = sp[0];
            break;
        case WASM_OP_LocalGet: *sp++ = R.fp[in->a]; break;
        case WASM_OP_LocalSet: R.fp[in->a] = *--sp; break;
        case WASM_OP_LocalTee: R.fp[in->a] = sp[-1]; break;
        case WASM_OP_GlobalGet: *sp++ = it->globals[in->a]; break;
        case WASM_OP_GlobalSet: it->globals[in->a] = *--sp; break;
        /* ---- memory ---- */
        case WASM_OP_I32Load: case WASM_OP_F32Load:
        case WASM_OP_I64Load32U:
            if (!(p = ea(it, sp[-1], in->x, 4))) goto oob;
            sp[-1] = ld32(p);
            break;
        case WASM_OP_I64Load: case WASM_OP_F64Load:
            if (!(p = ea(it, sp[-1], in->x, 8))) goto oob;
            sp[-1] = ld64(p);
            break;
        case WASM_OP_I32Load8S:
            if (!(p = ea(it, sp[-1], in->x, 1))) goto oob;
            sp[-1] = s32((int8_t)p[0]);
            break;
        case WASM_OP_I32Load8U: case WASM_OP_I64Load8U:
            if (!(p = ea(it, sp[-1], in->x, 1))) goto oob;
            sp[-1] = p[0];
            break;
        case WASM_OP_I32Load16S:
            if (!(p = ea(it, sp[-1], in->x, 2))) goto oob;
            sp[-1] = s32((int16_t)ld16(p));
            break;
        case WASM_OP_I32Load16U: case WASM_OP_I64Load16U:
            if (!(p = ea(it, sp[-1], in->x, 2))) goto oob;
            sp[-1] = ld16(p);
            break;
        case WASM_OP_I64Load8S:
            if (!(p = ea(it, sp[-1], in->x, 1))) goto oob;
            sp[-1] = s64((int8_t)p[0]);
            break;
        case WASM_OP_I64Load16S:
            if (!(p = ea(it, sp[-1], in->x, 2))) goto oob;
            sp[-1] = s64((int16_t)ld16(p));
            break;
        case WASM_OP_I64Load32S:
            if (!(p = ea(it, sp[-1], in->x, 4))) goto oob;
            sp[-1] = s64((int32_t)ld32(p));
            break;
        case WASM_OP_I32Store: case WASM_OP_F32Store:
        case WASM_OP_I64Store32: {
            uint32_t v = (uint32_t)sp[-1];
            sp -= 2;
            if (!(p = ea(it, sp[0], in->x, 4))) goto oob;
            memcpy(p, &v, 4);
            break;
        }
        case WASM_OP_I64Store: case WASM_OP_F64Store: {
            uint64_t v = sp[-1];
            sp -= 2;
            if (!(p = ea(it, sp[0], in->x, 8))) goto oob;
            memcpy(p, &v, 8);
            break;
        }
        case WASM_OP_I32Store8: case WASM_OP_I64Store8:
            sp -= 2;
            if (!(p = ea(it, sp[0], in->x, 1))) goto oob;
            p[0] = (uint8_t)sp[1];
            break;
        case WASM_OP_I32Store16: case WASM_OP_I64Store16: {
            uint16_t v = (uint16_t)sp[-1];
            sp -= 2;
            if (!(p = ea(it, sp[0], in->x, 2))) goto oob;
            memcpy(p, &v, 2);
            break;
        }
        case WASM_OP_MemorySize: *sp++ = it->mem_size >> it->page_log2; break;
        case WASM_OP_MemoryGrow:
            sp[-1] = mem_grow(it, (uint32_t)sp[-1]);
            break;
        case WASM_OP_MemoryInit: case WASM_OP_MemoryCopy:
        case WASM_OP_MemoryFill: case WASM_OP_TableInit:
        case WASM_OP_TableCopy: case WASM_OP_TableFill:
            sp -= 3;
            if ((why = bulk(it, in, sp)))
                goto trap;
            break;
        case WASM_OP_DataDrop: it->data_dropped[in->a] = true; break;
        case WASM_OP_ElemDrop: it->elem_dropped[in->a] = true; break;
        /* ---- tables and references ---- */
        case WASM_OP_TableGet: {
            const ITable *t = &it->tables[in->a];
            if ((uint32_t)sp[-1] >= t->size) {
                why = "out of bounds table access";
                goto trap;
            }
            sp[-1] = t->elems[(uint32_t)sp[-1]];
            break;
        }
        case WASM_OP_TableSet: {
            ITable *t = &it->tables[in->a];
            sp -= 2;
            if ((uint32_t)sp[0] >= t->size) {
                why = "out of bounds table access";
                goto trap;
            }
            t->elems[(uint32_t)sp[0]] = sp[1];
            break;
        }
        case WASM_OP_TableGrow:
            sp--;
            sp[-1] = table_grow(&it->tables[in->a], sp[-1], (uint32_t)sp[0]);
            break;
        case WASM_OP_TableSize: *sp++ = it->tables[in->a].size; break;
        case WASM_OP_RefNull: *sp++ = 0; break;
        case WASM_OP_RefIsNull: sp[-1] = sp[-1] == 0; break;
        case WASM_OP_RefFunc: *sp++ = (uint64_t)in->a + 1; break;
        /* ---- constants ---- */
        case WASM_OP_I32Const: case WASM_OP_F32Const:
            *sp++ = (uint32_t)in->x;
            break;
        case WASM_OP_I64Const: case WASM_OP_F64Const: *sp++ = in->x; break;

#define A32 ((uint32_t)sp[-2])
#define B32 ((uint32_t)sp[-1])
#define A64 (sp[-2])
#define B64 (sp[-1])
#define AF ((float)f32_of(sp[-2]))
#define BF ((float)f32_of(sp[-1]))
#define AD (f64_of(sp[-2]))
#define BD (f64_of(sp[-1]))
/* binary: result replaces the first operand */
#define BIN(res) sp[-2] = (res); sp--; break
#define UN(res) sp[-1] = (res); break

        /* ---- i32 ---- */
        case WASM_OP_I32Eqz: UN((uint32_t)sp[-1] == 0);
        case WASM_OP_I32Eq: BIN(A32 == B32);
        case WASM_OP_I32Ne: BIN(A32 != B32);
        case WASM_OP_I32LtS: BIN((int32_t)A32 < (int32_t)B32);
        case WASM_OP_I32LtU: BIN(A32 < B32);
        case WASM_OP_I32GtS: BIN((int32_t)A32 > (int32_t)B32);
        case WASM_OP_I32GtU: BIN(A32 > B32);
        case WASM_OP_I32LeS: BIN((int32_t)A32 <= (int32_t)B32);
        case WASM_OP_I32LeU: BIN(A32 <= B32);
        case WASM_OP_I32GeS: BIN((int32_t)A32 >= (int32_t)B32);
        case WASM_OP_I32GeU: BIN(A32 >= B32);
        case WASM_OP_I32Clz: UN(clz32((uint32_t)sp[-1]));
        case WASM_OP_I32Ctz: UN(ctz32((uint32_t)sp[-1]));
        case WASM_OP_I32Popcnt: UN((uint32_t)__builtin_popcount((uint32_t)sp[-1]));
        case WASM_OP_I32Add: BIN((uint32_t)(A32 + B32));
        case WASM_OP_I32Sub: BIN((uint32_t)(A32 - B32));
        case WASM_OP_I32Mul: BIN((uint32_t)(A32 * B32));
        case WASM_OP_I32DivS:
            if (B32 == 0) goto div0;
            if (A32 == 0x80000000u && B32 == UINT32_MAX) goto ovf;
            BIN(s32((int32_t)A32 / (int32_t)B32));
        case WASM_OP_I32DivU:
            if (B32 == 0) goto div0;
            BIN(A32 / B32);
        case WASM_OP_I32RemS:
            if (B32 == 0) goto div0;
            BIN(B32 == UINT32_MAX ? 0 : s32((int32_t)A32 % (int32_t)B32));
        case WASM_OP_I32RemU:
            if (B32 == 0) goto div0;
            BIN(A32 % B32);
        case WASM_OP_I32And: BIN(A32 & B32);
        case WASM_OP_I32Or: BIN(A32 | B32);
        case WASM_OP_I32Xor: BIN(A32 ^ B32);
        case WASM_OP_I32Shl: BIN((uint32_t)(A32 << (B32 & 31)));
        case WASM_OP_I32ShrS: BIN(sar32(A32, B32));
        case WASM_OP_I32ShrU: BIN(A32 >> (B32 & 31));
        case WASM_OP_I32Rotl: BIN(rotl32(A32, B32));
        case WASM_OP_I32Rotr: BIN(rotl32(A32, 32 - (B32 & 31)));
        /* ---- i64 ---- */
        case WASM_OP_I64Eqz: UN(sp[-1] == 0);
        case WASM_OP_I64Eq: BIN(A64 == B64);
        case WASM_OP_I64Ne: BIN(A64 != B64);
        case WASM_OP_I64LtS: BIN((int64_t)A64 < (int64_t)B64);
        case WASM_OP_I64LtU: BIN(A64 < B64);
        case WASM_OP_I64GtS: BIN((int64_t)A64 > (int64_t)B64);
        case WASM_OP_I64GtU: BIN(A64 > B64);
        case WASM_OP_I64LeS: BIN((int64_t)A64 <= (int64_t)B64);
        case WASM_OP_I64LeU: BIN(A64 <= B64);
        case WASM_OP_I64GeS: BIN((int64_t)A64 >= (int64_t)B64);
        case WASM_OP_I64GeU: BIN(A64 >= B64);
        case WASM_OP_I64Clz: UN(clz64(sp[-1]));
        case WASM_OP_I64Ctz: UN(ctz64(sp[-1]));
        case WASM_OP_I64Popcnt: UN((uint64_t)__builtin_popcountll(sp[-1]));
        case WASM_OP_I64Add: BIN(A64 + B64);
        case WASM_OP_I64Sub: BIN(A64 - B64);
        case WASM_OP_I64Mul: BIN(A64 * B64);
        case WASM_OP_I64DivS:
            if (B64 == 0) goto div0;
            if (A64 == (UINT64_C(1) << 63) && B64 == UINT64_MAX) goto ovf;
            BIN(s64((int64_t)A64 / (int64_t)B64));
        case WASM_OP_I64DivU:
            if (B64 == 0) goto div0;
            BIN(A64 / B64);
        case WASM_OP_I64RemS:
            if (B64 == 0) goto div0;
            BIN(B64 == UINT64_MAX ? 0 : s64((int64_t)A64 % (int64_t)B64));
        case WASM_OP_I64RemU:
            if (B64 == 0) goto div0;
            BIN(A64 % B64);
        case WASM_OP_I64And: BIN(A64 & B64);
        case WASM_OP_I64Or: BIN(A64 | B64);
        case WASM_OP_I64Xor: BIN(A64 ^ B64);
        case WASM_OP_I64Shl: BIN(A64 << (B64 & 63));
        case WASM_OP_I64ShrS: BIN(sar64(A64, B64));
        case WASM_OP_I64ShrU: BIN(A64 >> (B64 & 63));
        case WASM_OP_I64Rotl: BIN(rotl64(A64, B64));
        case WASM_OP_I64Rotr: BIN(rotl64(A64, 64 - (B64 & 63)));
        /* ---- f32 ---- */
        case WASM_OP_F32Eq: BIN(AF == BF);
        case WASM_OP_F32Ne: BIN(AF != BF);
        case WASM_OP_F32Lt: BIN(AF < BF);
        case WASM_OP_F32Gt: BIN(AF > BF);
        case WASM_OP_F32Le: BIN(AF <= BF);
        case WASM_OP_F32Ge: BIN(AF >= BF);
        case WASM_OP_F32Abs: UN(sp[-1] & 0x7FFFFFFFu);
        case WASM_OP_F32Neg: UN((sp[-1] ^ 0x80000000u) & UINT32_MAX);
        case WASM_OP_F32Ceil: UN(of_f32(ceilf(f32_of(sp[-1]))));
        case WASM_OP_F32Floor: UN(of_f32(floorf(f32_of(sp[-1]))));
        case WASM_OP_F32Trunc: UN(of_f32(truncf(f32_of(sp[-1]))));
        case WASM_OP_F32Nearest: UN(of_f32(nearbyintf(f32_of(sp[-1]))));
        case WASM_OP_F32Sqrt: UN(of_f32(sqrtf(f32_of(sp[-1]))));
        case WASM_OP_F32Add: BIN(of_f32(AF + BF));
        case WASM_OP_F32Sub: BIN(of_f32(AF - BF));
        case WASM_OP_F32Mul: BIN(of_f32(AF * BF));
        case WASM_OP_F32Div: BIN(of_f32(AF / BF));
        case WASM_OP_F32Min: BIN(of_f32(min32(AF, BF)));
        case WASM_OP_F32Max: BIN(of_f32(max32(AF, BF)));
        case WASM_OP_F32Copysign:
            BIN((A32 & 0x7FFFFFFFu) | (B32 & 0x80000000u));
        /* ---- f64 ---- */
        case WASM_OP_F64Eq: BIN(AD == BD);
        case WASM_OP_F64Ne: BIN(AD != BD);
        case WASM_OP_F64Lt: BIN(AD < BD);
        case WASM_OP_F64Gt: BIN(AD > BD);
        case WASM_OP_F64Le: BIN(AD <= BD);
        case WASM_OP_F64Ge: BIN(AD >= BD);
        case WASM_OP_F64Abs: UN(sp[-1] & ~(UINT64_C(1) << 63));
        case WASM_OP_F64Neg: UN(sp[-1] ^ (UINT64_C(1) << 63));
        case WASM_OP_F64Ceil: UN(of_f64(ceil(f64_of(sp[-1]))));
        case WASM_OP_F64Floor: UN(of_f64(floor(f64_of(sp[-1]))));
        case WASM_OP_F64Trunc: UN(of_f64(trunc(f64_of(sp[-1]))));
        case WASM_OP_F64Nearest: UN(of_f64(nearbyint(f64_of(sp[-1]))));
        case WASM_OP_F64Sqrt: UN(of_f64(sqrt(f64_of(sp[-1]))));
        case WASM_OP_F64Add: BIN(of_f64(AD + BD));
        case WASM_OP_F64Sub: BIN(of_f64(AD - BD));
        case WASM_OP_F64Mul: BIN(of_f64(AD * BD));
        case WASM_OP_F64Div: BIN(of_f64(AD / BD));
        case WASM_OP_F64Min: BIN(of_f64(min64(AD, BD)));
        case WASM_OP_F64Max: BIN(of_f64(max64(AD, BD)));
        case WASM_OP_F64Copysign:
            BIN((A64 & ~(UINT64_C(1) << 63)) | (B64 & (UINT64_C(1) << 63)));
        /* ---- conversions ---- */
        case WASM_OP_I32WrapI64: UN((uint32_t)sp[-1]);
        case WASM_OP_I32TruncF32S:
            if ((why = trunc_check(f32_of(sp[-1]), I32_LO, I32_HI))) goto trap;
            UN(s32((int32_t)f32_of(sp[-1])));
        case WASM_OP_I32TruncF32U:
            if ((why = trunc_check(f32_of(sp[-1]), -1.0, U32_HI))) goto trap;
            UN((uint32_t)f32_of(sp[-1]));
        case WASM_OP_I32TruncF64S:
            if ((why = trunc_check(f64_of(sp[-1]), I32_LO, I32_HI))) goto trap;
            UN(s32((int32_t)f64_of(sp[-1])));
        case WASM_OP_I32TruncF64U:
            if ((why = trunc_check(f64_of(sp[-1]), -1.0, U32_HI))) goto trap;
            UN((uint32_t)f64_of(sp[-1]));
        case WASM_OP_I64ExtendI32S: UN(s64((int32_t)(uint32_t)sp[-1]));
        case WASM_OP_I64ExtendI32U: UN((uint32_t)sp[-1]);
        case WASM_OP_I64TruncF32S:
            if ((why = trunc_check(f32_of(sp[-1]), I64_LO, I64_HI))) goto trap;
            UN(s64((int64_t)f32_of(sp[-1])));
        case WASM_OP_I64TruncF32U:
            if ((why = trunc_check(f32_of(sp[-1]), -1.0, U64_HI))) goto trap;
            UN((uint64_t)f32_of(sp[-1]));
        case WASM_OP_I64TruncF64S:
            if ((why = trunc_check(f64_of(sp[-1]), I64_LO, I64_HI))) goto trap;
            UN(s64((int64_t)f64_of(sp[-1])));
        case WASM_OP_I64TruncF64U:
            if ((why = trunc_check(f64_of(sp[-1]), -1.0, U64_HI))) goto trap;
            UN((uint64_t)f64_of(sp[-1]));
        case WASM_OP_F32ConvertI32S: UN(of_f32((float)(int32_t)(uint32_t)sp[-1]));
        case WASM_OP_F32ConvertI32U: UN(of_f32((float)(uint32_t)sp[-1]));
        case WASM_OP_F32ConvertI64S: UN(of_f32((float)(int64_t)sp[-1]));
        case WASM_OP_F32ConvertI64U: UN(of_f32((float)sp[-1]));
        case WASM_OP_F32DemoteF64: UN(of_f32((float)f64_of(sp[-1])));
        case WASM_OP_F64ConvertI32S: UN(of_f64((double)(int32_t)(uint32_t)sp[-1]));
        case WASM_OP_F64ConvertI32U: UN(of_f64((double)(uint32_t)sp[-1]));
        case WASM_OP_F64ConvertI64S: UN(of_f64((double)(int64_t)sp[-1]));
        case WASM_OP_F64ConvertI64U: UN(of_f64((double)sp[-1]));
        case WASM_OP_F64PromoteF32: UN(of_f64((double)f32_of(sp[-1])));
        case WASM_OP_I32ReinterpretF32: case WASM_OP_F32ReinterpretI32:
            UN((uint32_t)sp[-1]);
        case WASM_OP_I64ReinterpretF64: case WASM_OP_F64ReinterpretI64: break;
        case WASM_OP_I32Extend8S: UN(s32((int8_t)sp[-1]));
        case WASM_OP_I32Extend16S: UN(s32((int16_t)sp[-1]));
        case WASM_OP_I64Extend8S: UN(s64((int8_t)sp[-1]));
        case WASM_OP_I64Extend16S: UN(s64((int16_t)sp[-1]));
        case WASM_OP_I64Extend32S: UN(s64((int32_t)sp[-1]));
        case WASM_OP_I32TruncSatF32S: UN(sat_i32(f32_of(sp[-1])));
        case WASM_OP_I32TruncSatF32U: UN(sat_u32(f32_of(sp[-1])));
        case WASM_OP_I32TruncSatF64S: UN(sat_i32(f64_of(sp[-1])));
        case WASM_OP_I32TruncSatF64U: UN(sat_u32(f64_of(sp[-1])));
        case WASM_OP_I64TruncSatF32S: UN(sat_i64(f32_of(sp[-1])));
        case WASM_OP_I64TruncSatF32U: UN(sat_u64(f32_of(sp[-1])));
        case WASM_OP_I64TruncSatF64S: UN(sat_i64(f64_of(sp[-1])));
        case WASM_OP_I64TruncSatF64U: UN(sat_u64(f64_of(sp[-1])));
#undef A32
#undef B32
#undef A64
#undef B64
#undef AF
#undef BF
#undef AD
#undef BD
#undef BIN
#undef UN
        case IOP_UNSUPPORTED:
            refuse(it, &R, in, err);
            goto out;
        default: /* an instruction the compiler let through by mistake */
            refuse(it, &R, &(ICode){.a = in->op, .off = in->off}, err);
            goto out;
        }
    }
div0:
    why = "integer divide by zero";
    goto trap;
ovf:
    why = "integer overflow";
    goto trap;
oob:
    why = "out of bounds memory access";
trap:
    interp_fail(err, it, R.func, in ? in->off : 0, "%s", why);
out:
    it->steps = it->lim.fuel - fuel;
    return ok;
}
