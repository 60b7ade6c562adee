/* wasm_impl.h -- shared between the files of core/wasm only (read, body,
 * write, edit).  Not part of the module's contract: use wasm.h. */
#ifndef WHAMM_WASM_IMPL_H
#define WHAMM_WASM_IMPL_H

#include "wasm.h"

#include <string.h>

/* The fast paths below are inlined into each decoding loop (a call would
 * cost as much as the instruction they decode). */
#define WIMPL_HOT static inline __attribute__((always_inline))

/* The LEB fast paths: nearly every LEB in code takes one or two bytes,
 * which are valid at any width from 14 bits up.  True (r->p moved past
 * it) if the LEB at r->p is one of those; false, nothing read, for the
 * full decoder (wdec_u32 and its kin) to read or to report. */
WIMPL_HOT bool wimpl_short_uleb(WasmReader *r, uint64_t *out)
{
    const uint8_t *p = r->p;
    if (r->end - p >= 2) {
        if (!(p[0] & 0x80)) {
            *out = p[0];
            r->p = p + 1;
            return true;
        }
        if (!(p[1] & 0x80)) {
            *out = (uint64_t)(p[0] & 0x7F) | (uint64_t)p[1] << 7;
            r->p = p + 2;
            return true;
        }
    } else if (p < r->end && !(p[0] & 0x80)) {
        *out = p[0];
        r->p = p + 1;
        return true;
    }
    return false;
}

WIMPL_HOT bool wimpl_short_sleb(WasmReader *r, int64_t *out)
{
    const uint8_t *p = r->p;
    uint64_t v;
    if (!wimpl_short_uleb(r, &v))
        return false;
    unsigned bits = r->p - p == 1 ? 7 : 14;
    /* sign-extended from the top value bit */
    *out = (int64_t)(v << (64 - bits)) >> (64 - bits);
    return true;
}

/* The fast path of wdec_instr, for the single-byte opcodes and immediate
 * shapes that make up nearly all code (per first byte, in
 * wimpl_short_ops(): its opcode and shape, WIMPL_SH_FULL for the rest).
 * wimpl_decode_short decodes exactly what wdec_instr would when it can;
 * false, nothing read, when the instruction needs the general decoder
 * (another shape, a rare form, the end of the input, or an error: one met
 * here is recorded as wdec_instr records it, which then fails alike). */
enum { WIMPL_SH_FULL, WIMPL_SH_NONE, WIMPL_SH_INDEX, WIMPL_SH_I32,
       WIMPL_SH_I64, WIMPL_SH_F32, WIMPL_SH_F64, WIMPL_SH_MEMARG,
       WIMPL_SH_BLOCKTYPE };

typedef struct {
    uint16_t op;
    uint8_t shape;
} WimplShortOp;

const WimplShortOp *wimpl_short_ops(void);
/* The opcode (WasmOpcode) of the one-byte opcode b, -1 for a prefix byte
 * or an unknown opcode. */
int wimpl_byte_op(int b);

/* A block type of one byte: empty, or a value type without a heap type
 * (numbers, v128, the abstract reference shorthands). */
WIMPL_HOT bool wimpl_short_blocktype(WasmReader *r, WasmInstr *in)
{
    if (r->p >= r->end)
        return false;
    uint8_t b = *r->p;
    if (b == 0x40) {
        in->bt_kind = WASM_BT_EMPTY;
    } else if ((b >= 0x7B && b <= 0x7F) || (b >= 0x69 && b <= 0x74)) {
        in->bt_kind = WASM_BT_VALTYPE;
        in->vt.code = b;
    } else {
        return false;
    }
    r->p++;
    return true;
}

/* The immediates of a fast-path shape; a long LEB is read by the same
 * call (and description) as wdec_instr's, so an error is recorded the
 * same way. */
WIMPL_HOT bool wimpl_short_imm(WasmReader *r, WasmInstr *in, uint8_t shape)
{
    uint64_t u;
    int64_t s;
    switch (shape) {
    case WIMPL_SH_NONE:
        return true;
    case WIMPL_SH_INDEX:
        if (!wimpl_short_uleb(r, &u))
            return wdec_u32(r, &in->a, "index immediate");
        in->a = (uint32_t)u;
        return true;
    case WIMPL_SH_I32:
        if (!wimpl_short_sleb(r, &s)) {
            int32_t v;
            TRY(wdec_s32(r, &v, "i32 constant"));
            s = v;
        }
        in->x = (uint64_t)s;
        return true;
    case WIMPL_SH_I64:
        if (!wimpl_short_sleb(r, &s))
            TRY(wdec_s64(r, &s, "i64 constant"));
        in->x = (uint64_t)s;
        return true;
    case WIMPL_SH_F32: case WIMPL_SH_F64: {
        size_t n = shape == WIMPL_SH_F32 ? 4 : 8;
        if ((size_t)(r->end - r->p) < n)
            return false;
        uint64_t v = 0;
        for (size_t i = 0; i < n; i++)
            v |= (uint64_t)r->p[i] << (8 * i);
        in->x = v;
        r->p += n;
        return true;
    }
    case WIMPL_SH_MEMARG:
        /* an alignment below 64 and no memory index, then the offset */
        if (r->p >= r->end || *r->p >= 0x40)
            return false;
        in->a = *r->p++;
        return wimpl_short_uleb(r, &in->x) ||
               wdec_u64(r, &in->x, "memarg offset");
    case WIMPL_SH_BLOCKTYPE:
        return wimpl_short_blocktype(r, in);
    default:
        return false;
    }
}

WIMPL_HOT bool wimpl_decode_short(WasmReader *r, const WimplShortOp *ops,
                                  WasmInstr *out)
{
    const uint8_t *start = r->p;
    if (start >= r->end || ops[*start].shape == WIMPL_SH_FULL)
        return false;
    WimplShortOp s = ops[*start];
    memset(out, 0, sizeof *out);
    out->op = s.op;
    r->p++;
    if (!wimpl_short_imm(r, out, s.shape)) {
        r->p = start;
        return false;
    }
    out->off = (uint32_t)(start - r->base);
    out->len = (uint32_t)(r->p - start);
    return true;
}

/* The length of the valid signed LEB128 of at most `bits` bits (14 or
 * more) at p, 0 if there is none before end: what wdec_s32, wdec_s64 and
 * their kin accept. */
unsigned wimpl_sleb_len(const uint8_t *p, const uint8_t *end, unsigned bits);

int wimpl_section_rank(uint8_t id);
/* Reads a module (wasm_module_read); with verdict, validates the bodies
 * as it reads them (*fused: it did, there being a code section) with
 * validation's first error in *verdict. */
bool wimpl_read_module(WasmModule *m, const uint8_t *bytes, size_t len,
                       FILE *trace, WasmError *verdict, bool *fused,
                       WasmError *err);
uint32_t wimpl_space_count(const WasmModule *m, WasmExternKind kind);
bool wimpl_read_name(WasmReader *r, Arena *a, const char **out,
                     uint32_t *out_len, const char *desc);
bool wimpl_read_const_expr(WasmReader *r, const WasmModule *m, WasmExpr *e,
                           Arena *scratch);
/* Checks one decoded instruction's indices against the module; nlocals
 * NULL means "not in a function" (constant expressions). */
bool wimpl_check_instr_indices(WasmReader *r, const WasmModule *m,
                               const WasmInstr *in, const uint64_t *nlocals);
/* Decodes and checks function `func`'s original body; sets its refs. */
bool wimpl_check_body(WasmReader *r, WasmModule *m, uint32_t func,
                      Arena *scratch);

/* Checks the structure of a name subsection other than 0 and 1. */
bool wimpl_check_name_subsection(WasmReader *r, uint8_t id);
/* Type equivalence and subtyping over a module's types (subtype.c). */
typedef struct {
    const WasmModule *m;
    uint32_t *canon;      /* per type: the first type equivalent to it */
    uint32_t *glen;       /* per type: its rec group's size if it starts
                             one, else 0 */
    int64_t n;            /* number of types */
    const uint8_t *declared; /* per function: 1 if the module names it
                                outside function bodies (elements, exports,
                                initialisers), so `ref.func` may; NULL: not
                                checked */
} WimplTypes;
/* Computes the canonical indices (storage in a). */
void wimpl_types_init(WimplTypes *ty, const WasmModule *m, Arena *a);
/* Checks rec groups and sub type declarations; err gets the type's
 * offset. */
bool wimpl_check_types(const WimplTypes *ty, Arena *a, WasmError *err);
/* Whether heap type h1 / value type a matches h2 / b (is a subtype). */
bool wimpl_heap_sub(const WimplTypes *ty, int64_t h1, int64_t h2);
bool wimpl_val_sub(const WimplTypes *ty, WasmValType a, WasmValType b);
/* The top of h's hierarchy: func, extern, exn or any (as s33 values). */
int64_t wimpl_heap_top(const WimplTypes *ty, int64_t h);
/* Whether a reference type's type index names a type of the module. */
bool wimpl_val_type_ok(const WimplTypes *ty, WasmValType t);

/* Validates original function `func`'s operand types (stacktypes.c), its
 * structure already checked by wimpl_check_body; err zeroed first. */
bool wimpl_validate_body(const WimplTypes *ty, uint32_t func, Arena *arena,
                         WasmError *err);
/* Validating while reading (wasm_module_read_validated): the validator's
 * state for the bodies, made when the code section begins (everything
 * validation looks at before the bodies is read by then). */
typedef struct {
    Arena types;          /* ty's storage */
    WimplTypes ty;
    bool on;              /* valid so far: the bodies are validated */
    WasmError *verdict;   /* validation's first error */
} WimplFused;
/* Runs the checks wasm_module_validate makes before the bodies (start
 * function, types, tables, globals, element segments) into *verdict. */
void wimpl_fused_begin(WimplFused *v, const WasmModule *m,
                       WasmError *verdict);
void wimpl_fused_fini(WimplFused *v);
/* Validating one original body an instruction at a time, as another
 * pass decodes it (stacktypes.c): start is NULL when the function's type
 * or locals do not validate; step validates instruction i.  Errors go to
 * err, storage to arena. */
typedef struct WimplBodyValidator WimplBodyValidator;
WimplBodyValidator *wimpl_validator_start(const WimplTypes *ty,
                                          uint32_t func, Arena *arena,
                                          WasmError *err);
bool wimpl_validator_step(WimplBodyValidator *v, const WasmInstr *in,
                          uint32_t i);
/* The open blocks of a body being read (body.c), innermost last: what
 * each one is decides which instruction may split or close it. */
enum {
    WIMPL_BK_BLOCK, WIMPL_BK_LOOP, WIMPL_BK_IF, WIMPL_BK_ELSE, WIMPL_BK_TRY,
    WIMPL_BK_CATCH, WIMPL_BK_CATCH_ALL, WIMPL_BK_TRY_TABLE
};
typedef struct {
    uint8_t *v;           /* WIMPL_BK_* per open block (in an arena) */
    uint32_t n, cap;
    Arena *a;
} WimplBlocks;
/* The fused fast path (stacktypes.c): reads, checks and validates the
 * common instructions from r->p (in the body of f, whose open blocks are
 * `blocks`) while they are well-formed and valid, as reading and
 * wimpl_validator_step would: f's opmask and refs and the blocks grow
 * alike, and its sites are noted in m.  It stops at the first
 * instruction it leaves to those (r->p at it), which then decide it as
 * if this had not run; the count of instructions read is returned. */
uint32_t wimpl_validator_run(WimplBodyValidator *v, WasmReader *r,
                             WasmModule *m, WasmFunc *f, WimplBlocks *blocks);
/* The opcode (0x41 or 0x42) when the constant expression p[0..len), as
 * the reader read it, is just `i32.const n end` or `i64.const n end`
 * (nearly every segment offset: it names no index); else 0. */
uint8_t wimpl_int_const_expr(const uint8_t *p, size_t len);
/* A reader on func's body (made first if code was spliced into it), at
 * its code: *locals_off is where that starts, the reader's base the
 * body's first byte; an error for an import. */
bool wimpl_open_code(WasmModule *m, uint32_t func, WasmReader *r,
                     uint32_t *locals_off, WasmError *err);
/* Makes b (freed here) func's body, with the spaces refs names and
 * ninstr instructions; sites (NULL: not known) are where its
 * instructions naming a function start (the old body's pages may go
 * back). */
void wimpl_store_body(WasmModule *m, uint32_t func, Buf *b, uint32_t refs,
                      uint32_t ninstr, const uint32_t *sites,
                      uint32_t nsites);
/* f's original body with the code wrw_splice_before put in it, into out
 * (emptied first); the starts of its instructions naming a function
 * into *fsites (emptied first). */
typedef VEC(uint32_t) WimplOffsets;
void wimpl_splice_body(const WasmModule *m, const WasmFunc *f, Buf *out,
                       WimplOffsets *fsites);
/* Records the instruction at `at` as a site of f's original body
 * (WasmModule.body_sites), while they are being recorded. */
void wimpl_note_site(WasmModule *m, const WasmFunc *f, const uint8_t *at);
/* wimpl_check_body, and while v->on also wimpl_validate_body in the same
 * pass (body.c): false for a structural error (in r's err); a validation
 * error goes to v->verdict and turns v->on off (the structure is still
 * checked to the end). */
bool wimpl_check_validate_body(WasmReader *r, WasmModule *m, uint32_t func,
                               WimplFused *v, Arena *scratch);
/* What a constant expression belongs to, for messages: "<what> <index>",
 * or "<what> <index>, item <item>" when item >= 0. */
typedef struct {
    const char *what;     /* "initialiser of global", "element segment" */
    uint32_t index;
    int64_t item;
} WimplExprName;
/* Validates a constant expression of m (stacktypes.c): allowed
 * instructions, global.get of an immutable global below `nglobals` that
 * is imported unless `gc`, and a result that matches `want`. */
bool wimpl_validate_const_expr(const WimplTypes *ty, const WasmExpr *e,
                               WasmValType want, uint32_t nglobals, bool gc,
                               WimplExprName name, Arena *arena,
                               WasmError *err);
/* Reads a body's local declarations; *total gets the local count. */
bool wimpl_read_locals(WasmReader *r, uint64_t *total);

/* Renumbering code while copying it (remap.c).  classes: per first byte,
 * how the instruction is skipped or remapped, for the spaces in `moved`
 * (WASM_REFS_*); maps: working -> final per space (NULL: unchanged),
 * counts: the size of each space. */
typedef struct {
    uint8_t classes[256];
    uint32_t *const *maps;
    uint32_t counts[WASM_EXT_COUNT];
} WimplRemap;
void wimpl_remap_classes(uint32_t moved, uint8_t out[256]);
/* Appends code[0..len) to out with every index whose space moved
 * renumbered; scratch is reset at the end.  False (err set) if the code
 * does not decode. */
bool wimpl_remap_code(const WimplRemap *rm, const uint8_t *code, size_t len,
                      Buf *out, Arena *scratch, WasmError *err);

/* A reader over range of m's bytes (a section's entries or contents);
 * failures are recorded in err. */
void wimpl_reader_at(WasmReader *r, const WasmModule *m, WasmRange range,
                     WasmError *err);
/* Adds a defined function whose body (locals + code + end) is already
 * encoded in working indices; refs says which spaces it names. */
uint32_t wimpl_add_func_body(WasmModule *m, uint32_t type, const uint8_t *body,
                             uint32_t len, uint32_t refs);
/* Whether code[0..len) is only instructions that remapping skips (none
 * names a space that moved): what wimpl_remap_code would copy as it is,
 * found without decoding.  False also when that is not known (some
 * instruction needs the full decoder). */
bool wimpl_remap_skips(const WimplRemap *rm, const uint8_t *code, size_t len);

/* Renumbering only the instructions at sites (offsets into body[0..len),
 * ascending, each an instruction's start) while copying the body:
 * wimpl_remap_code's output when no other instruction names a space that
 * moved (remap.c). */
bool wimpl_remap_sites(const WimplRemap *rm, const uint8_t *body, size_t len,
                       const uint32_t *sites, uint32_t n, Buf *out,
                       Arena *scratch, WasmError *err);

#endif
