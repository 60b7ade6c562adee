/* wasm.h -- the WebAssembly binary core: the opcode table, the module model,
 * the bounded reader, the writer and the editing API (docs/wasm-core.md;
 * spec: WebAssembly 2.0 binary format plus the proposals in features.def).
 *
 * Index spaces and "working" indices.  Every function, table, memory,
 * global and tag has a working index: the original entities keep their
 * original index, and an entity added through this API gets the next number
 * after everything that exists (wasm_add_*).  All code held by the model,
 * original or added, names entities by working index.  Only the writer maps
 * working indices to final ones:
 *     [original imports][added imports][original definitions][added defs]
 * and rewrites every reference (code, constant expressions, element and data
 * segments, exports, start, the name section).  So `fid` and `pc` computed
 * on the model always refer to the original module.
 *
 * Lifetimes: a WasmModule borrows the input bytes given to wasm_module_read
 * (they must outlive it) and owns everything else in its arena.
 */
#ifndef WHAMM_WASM_H
#define WHAMM_WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../util/util.h"

/* ---- closed sets ------------------------------------------------------- */

typedef enum {
#define FEATURE(Name, text) WASM_FEAT_##Name,
#include "features.def"
#undef FEATURE
    WASM_FEAT_COUNT
} WasmFeature;

/* whamm opcode categories; the numbering is category_id */
typedef enum {
    WASM_CAT_ARITH, WASM_CAT_ATOMIC, WASM_CAT_COMPARE, WASM_CAT_CONST,
    WASM_CAT_CONTROL, WASM_CAT_CONVERT, WASM_CAT_EXN, WASM_CAT_GC,
    WASM_CAT_GLOBAL, WASM_CAT_LOAD, WASM_CAT_LOCAL, WASM_CAT_MEMORY,
    WASM_CAT_MISC, WASM_CAT_REF, WASM_CAT_SIMD, WASM_CAT_STORE,
    WASM_CAT_TABLE, WASM_CAT_COUNT
} WasmCategory;

/* How an instruction's immediates are encoded (the decoder and encoder
 * switch on this, not on the opcode). */
typedef enum {
    IMM_NONE, IMM_BLOCKTYPE, IMM_LABEL, IMM_BR_TABLE, IMM_FUNC,
    IMM_CALL_INDIRECT, IMM_TYPE, IMM_LOCAL, IMM_GLOBAL, IMM_TABLE,
    IMM_TABLE_TABLE, IMM_ELEM_TABLE, IMM_ELEM, IMM_DATA, IMM_DATA_MEM,
    IMM_MEM, IMM_MEM_MEM, IMM_MEMARG, IMM_MEMARG_LANE, IMM_I32, IMM_I64,
    IMM_F32, IMM_F64, IMM_V128, IMM_LANE, IMM_SHUFFLE, IMM_SELECT_T,
    IMM_HEAPTYPE, IMM_TAG, IMM_TRY_TABLE, IMM_TYPE_FIELD, IMM_TYPE_TYPE,
    IMM_TYPE_N, IMM_TYPE_DATA, IMM_TYPE_ELEM, IMM_BR_ON_CAST, IMM_FENCE,
    IMM_SHAPE_COUNT
} WasmImmShape;

/* opcode flags (the last column of opcodes.def) */
enum {
    OPF_BLOCK = 1 << 0,       /* opens a block: block loop if try try_table */
    OPF_END = 1 << 1,         /* closes a block: end, delegate */
    OPF_MID = 1 << 2,         /* else, catch, catch_all */
    OPF_BRANCH = 1 << 3,      /* branches to a label */
    OPF_UNCOND = 1 << 4,      /* never falls through */
    OPF_CONST_EXPR = 1 << 5,  /* allowed in constant expressions */
    OPF_EVENT = 1 << 6,       /* a whamm wasm:opcode event */
    OPF_CALL = 1 << 7,        /* a call of any kind */
};

typedef enum {
#define WASM_OP(Name, text, prefix, code, imm, sig, cat, feat, flags)         \
    WASM_OP_##Name,
#include "opcodes.def"
#undef WASM_OP
    WASM_OP_COUNT
} WasmOpcode;

typedef struct {
    const char *name;     /* text-format mnemonic */
    const char *sig;      /* "params:results", see opcodes.def */
    uint32_t code;        /* byte, or sub-opcode after the prefix */
    uint8_t prefix;       /* 0, 0xFB, 0xFC, 0xFD, 0xFE */
    uint8_t imm;          /* WasmImmShape */
    uint8_t category;     /* WasmCategory */
    uint8_t feature;      /* WasmFeature */
    uint16_t flags;       /* OPF_* */
} WasmOpInfo;

extern const WasmOpInfo wasm_ops[WASM_OP_COUNT];

/* The opcode for (prefix, code), or -1 if no such instruction. */
int wasm_op_lookup(uint8_t prefix, uint32_t code);
/* The opcode with this text name, or -1. */
int wasm_op_by_name(const char *name);
/* Fixed stack effect from the signature column; -1 when it varies. */
int wasm_op_pops(WasmOpcode op);
int wasm_op_pushes(WasmOpcode op);
const char *wasm_feature_name(WasmFeature f);
const char *wasm_category_name(WasmCategory c);
const char *wasm_section_name(uint8_t id);

/* ---- errors and the bounded reader ------------------------------------ */

typedef struct {
    bool failed;
    size_t offset;        /* byte offset in the module where it went wrong */
    char msg[256];
} WasmError;

typedef struct {
    const uint8_t *p;     /* next byte */
    const uint8_t *end;   /* one past the last readable byte */
    const uint8_t *base;  /* start of the module: offsets are p - base */
    WasmError *err;       /* first failure is recorded here */
} WasmReader;

void wasm_reader_init(WasmReader *r, const uint8_t *base, size_t len,
                      WasmError *err);
/* Records a failure at the reader's position (first one wins); false. */
bool wasm_fail(WasmReader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool wasm_fail_at(WasmReader *r, const uint8_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

WHAMM_NODISCARD bool wdec_byte(WasmReader *r, uint8_t *out, const char *desc);
WHAMM_NODISCARD bool wdec_u32(WasmReader *r, uint32_t *out, const char *desc);
WHAMM_NODISCARD bool wdec_u64(WasmReader *r, uint64_t *out, const char *desc);
WHAMM_NODISCARD bool wdec_s32(WasmReader *r, int32_t *out, const char *desc);
WHAMM_NODISCARD bool wdec_s33(WasmReader *r, int64_t *out, const char *desc);
WHAMM_NODISCARD bool wdec_s64(WasmReader *r, int64_t *out, const char *desc);
WHAMM_NODISCARD bool wdec_bytes(WasmReader *r, size_t n, const uint8_t **out,
                                const char *desc);
/* A vector length, checked against the bytes left (each element takes at
 * least min_elem_size bytes), so hostile counts never drive allocation. */
WHAMM_NODISCARD bool wdec_count(WasmReader *r, uint32_t *out,
                                size_t min_elem_size, const char *desc);

#define TRY(x)                                                              \
    do {                                                                    \
        if (!(x))                                                           \
            return false;                                                   \
    } while (0)

/* ---- LEB128 and fixed-width encoding ---------------------------------- */
void wenc_u32(Buf *b, uint32_t v);
void wenc_u64(Buf *b, uint64_t v);
/* The unsigned LEB of v (at most 10 bytes) at p; returns its length. */
uint32_t wenc_u64_to(uint8_t *p, uint64_t v);
uint32_t wenc_s64_to(uint8_t *p, int64_t v);   /* signed; at most 10 */
/* Bytes of the unsigned / signed LEB of v, without padding. */
uint32_t wenc_u64_len(uint64_t v);
uint32_t wenc_s64_len(int64_t v);
void wenc_s32(Buf *b, int32_t v);
void wenc_s64(Buf *b, int64_t v);
void wenc_u32_fixed5(Buf *b, uint32_t v);  /* padded to 5 bytes */
void wenc_patch_u32_fixed5(Buf *b, size_t at, uint32_t v);
void wenc_name(Buf *b, const char *s, size_t len);

/* ---- types ------------------------------------------------------------- */

/* Value-type codes (binary format) */
enum {
    WASM_I32 = 0x7F, WASM_I64 = 0x7E, WASM_F32 = 0x7D, WASM_F64 = 0x7C,
    WASM_V128 = 0x7B, WASM_I8 = 0x78, WASM_I16 = 0x77,
    WASM_FUNCREF = 0x70, WASM_EXTERNREF = 0x6F, WASM_ANYREF = 0x6E,
    WASM_EQREF = 0x6D, WASM_I31REF = 0x6C, WASM_STRUCTREF = 0x6B,
    WASM_ARRAYREF = 0x6A, WASM_EXNREF = 0x69, WASM_NULLREF = 0x71,
    WASM_NULLEXTERNREF = 0x72, WASM_NULLFUNCREF = 0x73,
    WASM_NULLEXNREF = 0x74, WASM_REF = 0x64, WASM_REF_NULL = 0x63,
};

typedef struct {
    uint8_t code;         /* WASM_I32 ... or WASM_REF / WASM_REF_NULL */
    int32_t heap;         /* for REF/REF_NULL: type index (>= 0) or the
                             negative s33 value of an abstract heap type
                             (the decoder refuses an index past INT32_MAX:
                             8 bytes, not 16, in every instruction) */
} WasmValType;

static inline bool wasm_valtype_eq(WasmValType a, WasmValType b)
{
    return a.code == b.code && a.heap == b.heap;
}

typedef struct {
    WasmValType type;
    bool mut;
} WasmField;

enum { WASM_TYPE_FUNC = 0x60, WASM_TYPE_STRUCT = 0x5F, WASM_TYPE_ARRAY = 0x5E };

typedef struct {
    uint8_t kind;         /* WASM_TYPE_FUNC / STRUCT / ARRAY */
    bool final;           /* no further subtypes */
    bool plain;           /* encoded without sub/rec: dedup candidate */
    uint32_t rec_group;   /* index of its rec group (entry in the section) */
    uint32_t nsupers;
    uint32_t *supers;
    uint32_t nparams, nresults;   /* func */
    WasmValType *params, *results;
    uint32_t nfields;     /* struct (array: exactly one field) */
    WasmField *fields;
} WasmType;

typedef struct {
    uint64_t min, max;
    bool has_max;
    bool shared;          /* threads */
    bool is64;            /* memory64 / table64 */
    uint32_t page_log2;   /* custom page sizes; 16 unless given */
    bool has_page_log2;
} WasmLimits;

/* A byte range of the input module. */
typedef struct {
    uint32_t off, len;
} WasmRange;

/* Constant expression: the instruction bytes up to and including `end`,
 * either in the input (at off) or built by an edit (bytes).  16 bytes:
 * every global and data segment has one, and whamm adds 100k globals. */
typedef struct {
    const uint8_t *bytes; /* NULL: the len bytes at off in the input */
    uint32_t off;         /* in the input; 0 for built ones */
    uint32_t len;
} WasmExpr;

/* ---- the module model ---------------------------------------------------- */

typedef enum {
    WASM_EXT_FUNC = 0, WASM_EXT_TABLE = 1, WASM_EXT_MEMORY = 2,
    WASM_EXT_GLOBAL = 3, WASM_EXT_TAG = 4, WASM_EXT_COUNT
} WasmExternKind;

typedef struct {
    const char *module, *field;   /* NUL-terminated copies */
    uint32_t module_len, field_len;
    uint8_t kind;                 /* WasmExternKind */
    uint32_t index;               /* working index in its space */
    WasmRange range;              /* original entry bytes; len 0 if added */
} WasmImport;

typedef struct {
    uint32_t type;        /* type index */
    int32_t import;       /* index into imports, or -1 */
    bool added;
    const char *name;     /* from the name section (or set), or NULL */
    uint32_t name_len;
    /* definitions only: */
    WasmRange body;       /* original body (locals + code), after the size */
    uint8_t size_len;     /* bytes of the body's size LEB in the input */
    const uint8_t *new_body;  /* replacement body, or NULL */
    uint32_t new_body_len;
    uint32_t refs;        /* WASM_REFS_* bits: index spaces the code names */
    uint32_t ninstr;      /* instructions in the body it holds now (final
                             end included), 0 if not counted */
    uint64_t opmask;      /* original body: wasm_op_bit() of every opcode,
                             and WASM_OPMASK_IMPORT_CALL */
    uint32_t sites_at;    /* original body: its sites (wasm_body_sites) are */
    uint32_t nsites;      /*   WasmModule.body_sites.v[sites_at..+nsites) */
    uint32_t splice;      /* 1 + index into WasmModule.splices: code to go
                             into the original body (wrw_splice_before),
                             not put there yet; 0: none */
} WasmFunc;

/* A piece of code a splice puts in a body: pool[off..off+len), n
 * instructions; calls: it is one instruction naming a function (its
 * index right after a one-byte opcode: a call).  At most 65535 bytes and
 * 255 instructions. */
typedef struct {
    uint32_t off, len, n;
    bool calls;
} WasmSplicePiece;

typedef struct WasmHeldPiece WasmHeldPiece;

/* Code to be put in front of some instructions of an original body, and
 * maybe locals added to it: the body is rewritten as it is written out,
 * or when it is next opened (wasm_settle_body), never held twice. */
typedef struct {
    /* per insertion, in order: the offset into the body (LEB, as the
     * difference from the previous one; ascending, equal ones in the
     * order their code goes in), then the piece (LEB) */
    const uint8_t *list;
    uint32_t nat;
    const WasmHeldPiece *pieces;   /* as given, held in 8 bytes each */
    const uint8_t *pool;
    /* the local declarations, in place of body[0..code_off), or NULL */
    const uint8_t *locals;
    uint32_t locals_len, code_off;
    uint32_t added;       /* bytes the body grows by */
} WasmSplice;

/* A summary of the opcodes in a body, so that a pass looking for a few
 * opcodes can skip bodies without them: a bit for each opcode (a set bit
 * may be another opcode's), bit 63 when the body names an imported
 * function with call, return_call or ref.func.  The GC, SIMD and atomic
 * opcodes, which most code does not use, have bits 56-62 to themselves,
 * so that a probe of one of them does not open every body that has some
 * common opcode sharing its bit; memory.size and memory.grow, which
 * --memory=top rewrites in the app's bodies, share bit 55 only with each
 * other. */
#define WASM_OPMASK_IMPORT_CALL (UINT64_C(1) << 63)
static inline uint64_t wasm_op_bit(uint32_t op)
{
    uint8_t prefix = wasm_ops[op].prefix;
    if (prefix && prefix != 0xFC)
        return UINT64_C(1) << (56 + op % 7);
    if (op == WASM_OP_MemorySize || op == WASM_OP_MemoryGrow)
        return UINT64_C(1) << 55;
    return UINT64_C(1) << (op % 55);
}

/* Bits for WasmFunc.refs and expression scans */
enum {
    WASM_REFS_FUNC = 1 << WASM_EXT_FUNC, WASM_REFS_TABLE = 1 << WASM_EXT_TABLE,
    WASM_REFS_MEMORY = 1 << WASM_EXT_MEMORY,
    WASM_REFS_GLOBAL = 1 << WASM_EXT_GLOBAL, WASM_REFS_TAG = 1 << WASM_EXT_TAG,
};

typedef struct {
    WasmValType elem;
    WasmLimits limits;
    bool has_init;        /* 0x40 0x00 form (function references) */
    WasmExpr init;
    int32_t import;
    bool added;
    WasmRange range;
} WasmTable;

typedef struct {
    WasmLimits limits;
    int32_t import;
    bool added;
    bool limits_changed;  /* a defined original memory, resized by an edit */
    WasmRange range;
} WasmMemory;

typedef struct {         /* fields by size: 56 bytes, not 64 (a module may
                            have hundreds of thousands of added globals) */
    WasmValType type;
    WasmExpr init;        /* definitions only */
    WasmRange range;
    int32_t import;
    bool mut;
    bool added;
} WasmGlobal;

typedef struct {
    uint32_t type;
    int32_t import;
    bool added;
    WasmRange range;
} WasmTag;

typedef struct {
    const char *name;
    uint32_t name_len;
    uint8_t kind;
    uint32_t index;       /* working index */
    WasmRange range;
} WasmExport;

enum { WASM_SEG_ACTIVE, WASM_SEG_PASSIVE, WASM_SEG_DECLARATIVE };

typedef struct {
    uint32_t flags;       /* binary form 0..7 */
    uint8_t mode;         /* WASM_SEG_* */
    uint32_t table;       /* active only */
    WasmExpr offset;      /* active only */
    WasmValType type;     /* element type (funcref for the index forms) */
    bool uses_exprs;      /* forms 4..7 */
    uint32_t count;
    uint32_t *funcs;      /* index forms */
    WasmExpr *exprs;      /* expression forms */
    WasmRange range;
} WasmElem;

typedef struct {         /* 40 bytes: a module may have 100k segments */
    WasmExpr offset;
    const uint8_t *bytes;
    uint32_t entry_off;   /* an input segment's entry starts there and ends
                             where its bytes end */
    uint32_t memory;
    uint32_t len;
    uint8_t flags;        /* 0, 1 or 2 */
    uint8_t mode;
} WasmData;

/* One section as it appeared in the input, in order. */
typedef struct {
    uint8_t id;
    WasmRange whole;      /* id byte through the end of the payload */
    WasmRange payload;
    WasmRange entries;    /* vector sections: the entries after the count;
                             custom sections: the contents after the name */
    const char *custom_name;  /* custom sections only */
    uint32_t custom_name_len;
    bool broken;          /* a name section that does not parse */
} WasmSection;

typedef struct WasmSpill WasmSpill;

/* A block the module releases when it is released (wasm_module_adopt). */
typedef struct {
    void *block;
    void (*release)(void *block);
} WasmAdopted;

typedef struct WasmModule {
    Arena arena;              /* owns everything but the input bytes */
    WasmSpill *spill;         /* committed bodies, when many (spill.h) */
    const uint8_t *bytes;     /* borrowed input */
    size_t len;
    VEC(WasmSection) sections;
    VEC(WasmType) types;
    uint32_t ntypes_orig;
    uint32_t nrec_groups;     /* entries of the original type section */
    VEC(WasmImport) imports;
    uint32_t nimports_orig;
    /* each index space: working index = position */
    VEC(WasmFunc) funcs;
    VEC(WasmTable) tables;
    VEC(WasmMemory) memories;
    VEC(WasmGlobal) globals;
    VEC(WasmTag) tags;
    uint32_t norig[WASM_EXT_COUNT];     /* original counts per space */
    uint32_t nimported[WASM_EXT_COUNT]; /* original imports per space */
    VEC(WasmExport) exports;
    uint32_t nexports_orig;
    bool has_start;
    uint32_t start;           /* working index */
    bool start_changed;
    VEC(WasmElem) elems;
    uint32_t nelems_orig;
    VEC(WasmData) datas;
    uint32_t ndatas_orig;
    bool has_datacount;
    uint32_t datacount;
    /* name section */
    int32_t name_section;     /* index in sections, or -1 */
    bool names_valid;         /* the name section parsed cleanly */
    const char *module_name;
    uint32_t module_name_len;
    bool names_changed;       /* a name was set through the editing API */
    bool has_reloc;           /* relocation/linking custom sections */
    bool unchecked_bodies;    /* read by wasm_module_read_trusted */
    WasmError *verdict;       /* while wasm_module_read_validated reads:
                                 validation's first error; else NULL */
    bool bodies_validated;    /* the bodies were validated as they were
                                 read (into *verdict) */
    /* Where each original body's call, return_call, ref.func and
     * unreachable instructions start (offsets into the body, ascending),
     * recorded as the bodies are read, so that a pass after them need not
     * look for them again; sites_known is false when they were not
     * recorded (bodies read unchecked, or too many: at most one per 16
     * bytes of the module is kept). */
    VEC(uint32_t) body_sites;
    bool sites_known;
    VEC(WasmSplice) splices;  /* storage in arena */
    FILE *trace;              /* --trace-decode: log every decoded item */
    VEC(WasmAdopted) adopted; /* blocks released with the module */
} WasmModule;

/* Reads and checks a module: every section, every function body decoded
 * once (structure and index bounds; not a type checker).  On failure
 * returns false with err->offset/msg set and the module released. */
WHAMM_NODISCARD bool wasm_module_read(WasmModule *m, const uint8_t *bytes,
                                      size_t len, FILE *trace,
                                      WasmError *err);
/* The same without decoding the function bodies, for whamm's built-in
 * runtime (its bytes are whamm's own, checked when it was built and by
 * the tests that merge it as a file): the bodies' refs, opmask and
 * ninstr stay 0, so such a module is only good for wasm_merge_library
 * (which bounds every index it maps), not for editing or writing. */
WHAMM_NODISCARD bool wasm_module_read_trusted(WasmModule *m,
                                              const uint8_t *bytes,
                                              size_t len, WasmError *err);
void wasm_module_fini(WasmModule *m);

/* Writes the module.  Unchanged sections and bodies are copied byte for
 * byte; a module read and written with no edit is identical to its input. */
WHAMM_NODISCARD bool wasm_module_write(const WasmModule *m, Buf *out,
                                       WasmError *err);
/* The same, streamed to f through a buffer of about `buffer` bytes (0: a
 * default of 1 MB), never holding the whole output; the bytes are those
 * wasm_module_write gives.  A failed write (f->errnum set) is an error
 * naming f's path; the caller then aborts f. */
WHAMM_NODISCARD bool wasm_module_write_file(const WasmModule *m, FileOut *f,
                                            size_t buffer, WasmError *err);
/* Why the writer leaves out custom section `section` of m as edited so
 * far (a name section it cannot parse while indices move), or NULL when
 * the section is written.  Callers warn about each one. */
const char *wasm_section_dropped(const WasmModule *m, uint32_t section);

/* Validates a module read by wasm_module_read (which checks structure and
 * index bounds): sub types and rec groups, constant expressions, and every
 * original function body (the operand stack's types with reference
 * subtyping, block types, immutable globals and fields, memarg alignment,
 * non-nullable locals read before they are set, data.drop/memory.init
 * without a data count section).  On failure err has the offset of the
 * offending instruction (or type) and the message (validate.c). */
WHAMM_NODISCARD bool wasm_module_validate(const WasmModule *m,
                                          WasmError *err);

/* wasm_module_read and then wasm_module_validate, with each function body
 * decoded once for both: the same result and, on failure, the same error
 * (a read error before a validation error), with the module released. */
WHAMM_NODISCARD bool wasm_module_read_validated(WasmModule *m,
                                                const uint8_t *bytes,
                                                size_t len, FILE *trace,
                                                WasmError *err);

/* The function's name from the name section, or NULL. */
const char *wasm_func_name(const WasmModule *m, uint32_t func);
/* Number of defined (non-imported) functions of the original module, and
 * the range of original function bodies in the input. */
uint32_t wasm_count(const WasmModule *m, WasmExternKind kind);
/* Final index the writer will give to working index idx. */
uint32_t wasm_final_index(const WasmModule *m, WasmExternKind kind,
                          uint32_t idx);
const WasmType *wasm_func_type(const WasmModule *m, uint32_t func);

/* ---- instructions -------------------------------------------------------- */

enum { WASM_BT_EMPTY, WASM_BT_VALTYPE, WASM_BT_TYPEIDX };

typedef struct {
    uint8_t kind;         /* 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref */
    uint32_t tag;
    uint32_t label;
} WasmCatch;

typedef struct {
    uint16_t op;          /* WasmOpcode */
    uint8_t bt_kind;      /* IMM_BLOCKTYPE / TRY_TABLE: WASM_BT_* */
    uint8_t flags;        /* memarg: original encoding had a memory index */
    uint32_t a, b, c;     /* immediates in encoding order (index, depth,
                             align, lane, ...); memarg: a=align b=memory */
    uint64_t x;           /* memarg offset, i32/i64 const, f32/f64 bits */
    WasmValType vt;       /* block value type, heap types (vt.heap, and
                             x for the second heap type of br_on_cast) */
    uint32_t n;           /* br_table targets (+default last), select types,
                             try_table catches */
    union {
        uint32_t *labels;
        WasmValType *types;
        WasmCatch *catches;
        uint8_t *v128;    /* 16 bytes */
    } ext;
    uint32_t off, len;    /* byte range in the body; len 0 for new code */
} WasmInstr;

/* Value and heap types (binary format 5.3). */
WHAMM_NODISCARD bool wdec_valtype(WasmReader *r, WasmValType *out,
                                  const char *desc);
WHAMM_NODISCARD bool wdec_heaptype(WasmReader *r, int64_t *out,
                                   const char *desc);
void wenc_valtype(Buf *b, WasmValType t);

/* Decodes one instruction at r->p.  Variable-size immediates are stored in
 * arena; with arena NULL they are checked and skipped (ext left NULL). */
WHAMM_NODISCARD bool wdec_instr(WasmReader *r, WasmInstr *out, Arena *arena);
/* Encodes one instruction (canonical LEBs). */
void wenc_instr(Buf *b, const WasmInstr *in);
/* The same straight into p, which has room for WENC_FAST_MAX bytes, for
 * the shapes inserted code is made of (a one-byte opcode with no
 * immediate, one index, an integer constant or a memarg); returns the
 * length, 0 for any other instruction (left to wenc_instr). */
#define WENC_FAST_MAX 21u
uint32_t wenc_instr_fast(uint8_t *p, const WasmInstr *in);
/* Which index spaces (WASM_REFS_*) an instruction names. */
uint32_t wasm_instr_refs(const WasmInstr *in);
/* Maps the instruction's indices through maps[kind] (NULL: unchanged);
 * true if any index changed. */
bool wasm_instr_remap(WasmInstr *in, uint32_t *const maps[WASM_EXT_COUNT]);

/* Instruction constructors for edits (inline: the emitter builds one or
 * more per instrumented site, and a call returning 64 bytes costs more
 * than the instruction it makes). */
static inline WasmInstr wasm_instr(WasmOpcode op)
{
    return (WasmInstr){.op = (uint16_t)op};
}

static inline WasmInstr wasm_instr_idx(WasmOpcode op, uint32_t index)
{
    return (WasmInstr){.op = (uint16_t)op, .a = index};
}

static inline WasmInstr wasm_instr_i32(int32_t v)
{
    return (WasmInstr){.op = WASM_OP_I32Const, .x = (uint64_t)(int64_t)v};
}

static inline WasmInstr wasm_instr_i64(int64_t v)
{
    return (WasmInstr){.op = WASM_OP_I64Const, .x = (uint64_t)v};
}
WasmInstr wasm_instr_memarg(WasmOpcode op, uint32_t align_log2,
                            uint64_t offset, uint32_t memory);

/* ---- editing ------------------------------------------------------------- */

typedef struct WasmEdit WasmEdit;

/* The code inserted at one instruction (lists in call order). */
typedef struct {
    WasmEdit *before;     /* in front of it */
    WasmEdit *after;      /* behind it */
    WasmEdit *replace;    /* in its place */
} WasmEditSet;

/* A function body opened for editing.  Holds its instructions in the
 * per-function arena the caller passes (reset it between functions). */
typedef struct {
    WasmModule *m;
    uint32_t func;        /* working index */
    Arena *arena;
    WasmInstr *code;      /* original instructions */
    uint32_t ncode;
    uint32_t locals_off;  /* body offset where the code starts */
    uint32_t nparams;
    uint32_t nlocals;     /* declared locals, original + added */
    VEC(WasmValType) added_locals;  /* storage in arena */
    /* per instruction: 1 + its index in sets, 0 while nothing is
     * inserted there (4 bytes an instruction, most of them untouched) */
    uint32_t *edit_at;
    VEC(WasmEditSet) sets; /* storage in arena */
    bool *removed;
    uint32_t edit_refs;   /* after wrw_commit: the WASM_REFS_* bits of the
                             code the edits added */
    const uint32_t *osites; /* the body's recorded sites (wasm_body_sites),
                               NULL if not known */
    uint32_t nosites;
} WasmBodyEditor;

/* Opens a defined function's body (the original body, or its replacement
 * if one was committed).  Fails on an imported function. */
WHAMM_NODISCARD bool wrw_open(WasmBodyEditor *ed, WasmModule *m,
                              uint32_t func, Arena *arena, WasmError *err);
/* Inserts code in front of / behind instruction i (in call order). */
void wrw_insert_before(WasmBodyEditor *ed, uint32_t i, const WasmInstr *code,
                       uint32_t n);
void wrw_insert_after(WasmBodyEditor *ed, uint32_t i, const WasmInstr *code,
                      uint32_t n);
/* wrw_insert_before with the code already encoded: n instructions in
 * bytes[0..len), naming the index spaces refs (WASM_REFS_*). */
void wrw_insert_bytes_before(WasmBodyEditor *ed, uint32_t i,
                             const uint8_t *bytes, uint32_t len, uint32_t n,
                             uint32_t refs);
/* Removes instruction i (code inserted before/after it stays). */
void wrw_remove(WasmBodyEditor *ed, uint32_t i);
/* Replaces instruction i with code: written where i was, after the code
 * inserted before it and ahead of the code inserted behind it. */
void wrw_replace(WasmBodyEditor *ed, uint32_t i, const WasmInstr *code,
                 uint32_t n);
/* The code inserted at instruction i, NULL if none. */
static inline WasmEditSet *wrw_edits(const WasmBodyEditor *ed, uint32_t i)
{
    return ed->edit_at[i] ? &ed->sets.v[ed->edit_at[i] - 1] : NULL;
}
/* Whether instruction i was replaced with code. */
static inline bool wrw_replaced(const WasmBodyEditor *ed, uint32_t i)
{
    const WasmEditSet *e = wrw_edits(ed, i);
    return e && e->replace;
}
/* Drops the code inserted before / after / in place of instruction i. */
void wrw_drop_edits(WasmBodyEditor *ed, uint32_t i, bool before, bool after,
                    bool replace);
/* Adds a local; returns its index. */
uint32_t wrw_add_local(WasmBodyEditor *ed, WasmValType type);
/* Encodes the edited body into the module (stays in working indices). */
void wrw_commit(WasmBodyEditor *ed);
/* Replaces the whole code of the opened body with code[0..n) (ending with
 * the final `end`), keeping its locals and any added with wrw_add_local:
 * what replacing instruction 0 and removing the rest then committing
 * gives, without copying the code into the editor first. */
void wrw_commit_code(WasmBodyEditor *ed, const WasmInstr *code, uint32_t n);

/* The sites recorded for func's original body (see WasmModule.body_sites:
 * its call, return_call, ref.func and unreachable instructions), *n of
 * them; NULL when they are not known or the body was replaced. */
const uint32_t *wasm_body_sites(const WasmModule *m, uint32_t func,
                                uint32_t *n);
/* Puts the n instructions in code[0..len) (naming the spaces refs; when
 * they name a function they are one instruction that does, e.g. a call)
 * in front of the instructions of func's original body that start at
 * offsets at[0..nat) (ascending, each one of its sites), leaving the
 * rest of the body as it is: what inserting them with wrw_insert_before
 * and committing gives, without decoding the body.  The body is made
 * when it is written or opened again (WasmSplice).  Fails when the
 * body's sites are not known. */
WHAMM_NODISCARD bool wrw_splice_before(WasmModule *m, uint32_t func,
                                       const uint32_t *at, uint32_t nat,
                                       const uint8_t *code, uint32_t len,
                                       uint32_t n, uint32_t refs);
/* The general form: piece[k] of pieces (code in pool) in front of the
 * instruction of func's original body at offset at[k] (k < nat;
 * ascending, equal offsets in the order their code goes in; each the
 * start of an instruction of the body's code, which the caller found),
 * and the locals of types added[0..nadded) after the body's own.  The
 * code names the spaces refs.  Fails when the body's sites are not
 * known (see wasm_body_sites), or a piece is too large. */
WHAMM_NODISCARD bool wrw_splice_pieces(WasmModule *m, uint32_t func,
                                       const uint32_t *at,
                                       const uint32_t *piece, uint32_t nat,
                                       const WasmSplicePiece *pieces,
                                       uint32_t npieces, const uint8_t *pool,
                                       const WasmValType *added,
                                       uint32_t nadded, uint32_t refs);
/* An instruction of a body in brief: its opcode, the index a branch or a
 * call names (a label's depth, a function), and its offset in the body;
 * for a br_table or try_table, where its labels are in the brief's label
 * list: the count there, then its labels (a br_table's default last, a
 * try_table's catches').  op and a lie where they lie in WasmInstr, so
 * that a pass can read either (core/emit/flow.c). */
typedef struct {
    uint16_t op;
    uint32_t a;
    uint32_t off;
} WasmBrief;

/* func's original body (not replaced or spliced into: see
 * wasm_body_sites) as a table in arena, one entry per instruction of its
 * code, *n of them, with the label list (*labels, in arena); *nlocals
 * gets its declared locals.  NULL when it cannot be read so (its sites
 * are not known). */
const WasmBrief *wasm_body_brief(const WasmModule *m, uint32_t func,
                                 Arena *arena, uint32_t *n,
                                 const uint32_t **labels, uint32_t *nlocals);
/* Makes func's body with what wrw_splice_before put in it, when it has
 * such code (wrw_open and the other readers of a body do this first). */
void wasm_settle_body(WasmModule *m, uint32_t func);
/* The length of func's body as it will be written (0 for an import). */
uint32_t wasm_body_len(const WasmModule *m, const WasmFunc *f);

/* Reading and rewriting a body one instruction at a time, never holding
 * it decoded (a large body decoded takes tens of times its size): for
 * passes that look at or change single instructions.  Variable-size
 * immediates live in scratch, reset after every instruction. */
/* Calls visit for each instruction of func's code (the final `end`
 * included) until it returns false. */
WHAMM_NODISCARD bool wrw_scan_code(WasmModule *m, uint32_t func,
                                   Arena *scratch,
                                   bool (*visit)(void *ctx,
                                                 const WasmInstr *in),
                                   void *ctx, WasmError *err);
/* Replaces func's code with what map gives for each instruction
 * (*out[0..n), n returned; out stays valid until the next call), each
 * encoded as wenc_instr does, the locals kept: the body wrw_commit_code
 * commits for the same instructions. */
typedef uint32_t (*WrwMapFn)(void *ctx, const WasmInstr *in,
                             const WasmInstr **out);
WHAMM_NODISCARD bool wrw_map_code(WasmModule *m, uint32_t func,
                                  Arena *scratch, WrwMapFn map, void *ctx,
                                  WasmError *err);
/* Replaces a few instructions of func's code, at the cost of one pass
 * over its bytes (remap.c): instructions with no immediate, or with only
 * LEBs and constants (locals, labels, functions, globals, plain block
 * types, memargs without a memory index) are skipped by their first
 * byte; patch gets every other one decoded (prefixed opcodes, br_table,
 * call_indirect, typed blocks, memory.size/grow, memargs naming a
 * memory, ...) and returns how many instructions replace it (*out[0..n),
 * valid until the next call, encoded as wenc_instr does), or
 * WRW_PATCH_KEEP, or WRW_PATCH_STOP to leave the body as it is (true is
 * returned; ctx says why).  The locals and every kept instruction are
 * copied as they are; a body in which nothing was replaced is not stored
 * again. */
#define WRW_PATCH_KEEP UINT32_MAX
#define WRW_PATCH_STOP (UINT32_MAX - 1)
typedef uint32_t (*WrwPatchFn)(void *ctx, const WasmInstr *in,
                               const WasmInstr **out);
WHAMM_NODISCARD bool wrw_patch_code(WasmModule *m, uint32_t func,
                                    Arena *scratch, WrwPatchFn patch,
                                    void *ctx, WasmError *err);

/* Whole-module additions; each returns the new entity's working index. */
uint32_t wasm_add_func_type(WasmModule *m, const WasmValType *params,
                            uint32_t np, const WasmValType *results,
                            uint32_t nr);
uint32_t wasm_add_import_func(WasmModule *m, const char *module,
                              const char *field, uint32_t type);
uint32_t wasm_add_import_global(WasmModule *m, const char *module,
                                const char *field, WasmValType type, bool mut);
uint32_t wasm_add_import_memory(WasmModule *m, const char *module,
                                const char *field, WasmLimits limits);
uint32_t wasm_add_func(WasmModule *m, uint32_t type, const WasmValType *locals,
                       uint32_t nlocals, const WasmInstr *code, uint32_t n);
uint32_t wasm_add_global(WasmModule *m, WasmValType type, bool mut,
                         const WasmInstr *init, uint32_t n);
/* Replaces the initialiser of a global added by an edit. */
void wasm_set_global_init(WasmModule *m, uint32_t global,
                          const WasmInstr *init, uint32_t n);
uint32_t wasm_add_memory(WasmModule *m, WasmLimits limits);
/* New limits for a defined memory (original or added). */
void wasm_set_memory_limits(WasmModule *m, uint32_t memory,
                            WasmLimits limits);
/* Removes `memory` if it is the last one and was added by an edit; the
 * caller has removed every reference to it.  False otherwise. */
bool wasm_remove_last_memory(WasmModule *m, uint32_t memory);
uint32_t wasm_add_table(WasmModule *m, WasmValType elem, WasmLimits limits);
uint32_t wasm_add_data(WasmModule *m, uint32_t memory, const WasmInstr *offset,
                       uint32_t n, const uint8_t *bytes, uint32_t len);
/* The same without a copy of the bytes: they must stay as long as m (a
 * block handed over with wasm_module_adopt), so that a large state
 * image is not held twice. */
uint32_t wasm_add_data_ref(WasmModule *m, uint32_t memory,
                           const WasmInstr *offset, uint32_t n,
                           const uint8_t *bytes, uint32_t len);
/* m calls release(block) when it is released (free for a malloc block). */
void wasm_module_adopt(WasmModule *m, void *block,
                       void (*release)(void *block));
/* Makes data segment `data` an active segment of `memory` at the offset
 * expression (n instructions, without the final end). */
void wasm_set_data_target(WasmModule *m, uint32_t data, uint32_t memory,
                          const WasmInstr *offset, uint32_t n);
/* An element segment of function indices (funcref).  mode WASM_SEG_ACTIVE
 * places them in `table` at the offset expression; passive and declarative
 * segments ignore table and offset. */
uint32_t wasm_add_elem(WasmModule *m, uint8_t mode, uint32_t table,
                       const WasmInstr *offset, uint32_t n,
                       const uint32_t *funcs, uint32_t count);
/* False if an export of that name exists. */
WHAMM_NODISCARD bool wasm_add_export(WasmModule *m, const char *name,
                                     WasmExternKind kind, uint32_t index);
void wasm_set_start(WasmModule *m, uint32_t func);
void wasm_set_func_name(WasmModule *m, uint32_t func, const char *name);
/* ---- merging a library module ------------------------------------------ */

/* Merges a position-independent library module (a `dylink.0` module, as
 * `wasm-ld -shared --experimental-pic` makes from C compiled with -fPIC)
 * into m, so that the output is self-contained.  The library's data goes
 * to `memory` at address `memory_base`; its shadow stack (if it has one)
 * takes `stack_size` bytes after the data, aligned to 16.  Its function
 * imports are bound to m's imports of the same name (added when missing);
 * its functions, globals and data become m's.  Function tables, GOT
 * imports and passive data are not supported (clear errors). */
/* Binds the library's function import module.field to function `func`
 * of m (working index) instead of m's import of that name. */
typedef struct {
    const char *module, *field;
    uint32_t func;
} WasmMergeBinding;

typedef struct {
    uint32_t memory;          /* working index in m */
    uint32_t memory_base;     /* where the library's data starts */
    uint32_t stack_size;      /* bytes reserved for its stack, if used */
    const WasmMergeBinding *bindings;
    uint32_t nbindings;
    /* A plain module (any module that exports functions, not built for
     * position independence): its memory (defined or imported, at most
     * one) becomes the region [memory_base, memory_base + region_pages *
     * 64 KiB) of `memory`.  The base is folded into every load and store
     * offset and added to the addresses of memory.fill/copy; memory.size
     * reads `size_global` and memory.grow calls `grow_func` ((i32) -> i32),
     * which the caller makes to keep the library inside its region.  Its
     * tables and active element segments become m's; every function
     * import must be bound (bindings); other imports are errors. */
    bool plain;
    uint32_t region_pages;
    uint32_t size_global;     /* working index in m */
    uint32_t grow_func;       /* working index in m */
    /* A position-independent library whose memory lives at the top of
     * memory 0 (whamm's --memory=top): its data still goes to `memory`
     * (the caller moves it there), but its code addresses memory 0 at
     * the address global `top_base` holds plus its own addresses;
     * memory.size reads global `top_pages` and memory.grow calls
     * `top_grow` ((i32) -> i32).  Its merged bodies then name neither
     * `memory` nor memory 0's size or growth. */
    bool top;
    uint32_t top_base, top_pages, top_grow;   /* working indices in m */
} WasmMergeOptions;

typedef struct {
    const char *name;
    uint8_t kind;             /* WasmExternKind */
    uint32_t index;           /* working index in m */
} WasmMergedExport;

typedef struct {
    uint32_t mem_size;        /* the library's data + bss, from dylink.0 */
    uint32_t mem_align;       /* log2 */
    uint32_t bytes_used;      /* data, padding and stack from memory_base */
    WasmMergedExport *exports;  /* in m's arena */
    uint32_t nexports;
    int64_t start;            /* the library's start function in m, or -1 */
    uint32_t first_func, end_func;  /* its defined functions in m */
} WasmMergeResult;

WHAMM_NODISCARD bool wasm_merge_library(WasmModule *m, const WasmModule *lib,
                                        const WasmMergeOptions *opt,
                                        WasmMergeResult *out, WasmError *err);
/* The merged export of that name and kind, as a working index, or -1. */
int64_t wasm_merged_export(const WasmMergeResult *r, const char *name,
                           WasmExternKind kind);

/* Whether a constant expression is exactly `i32.const v; end` (a data
 * offset, or the address an exported global holds); *out gets v. */
bool wasm_expr_i32_const(const WasmModule *m, const WasmExpr *e,
                         int32_t *out);

/* Likewise for `i32.const v; end` or `i64.const v; end`. */
bool wasm_expr_int_const(const WasmModule *m, const WasmExpr *e,
                         int64_t *out);

/* The export of that name and kind, or -1. */
int32_t wasm_find_export(const WasmModule *m, const char *name,
                         WasmExternKind kind);
/* The import of module.field of that kind, as a working index, or -1. */
int64_t wasm_find_import(const WasmModule *m, const char *module,
                         const char *field, WasmExternKind kind);

/* ---- operand types from the stack (stacktypes.c) ----------------------- */

/* The WasmValType code of an operand whose type the stack does not fix:
 * in dead code (after br, br_table, return, unreachable, throw, rethrow,
 * throw_ref, return_call*) the stack is polymorphic. */
enum { WASM_UNKNOWN = 0x00 };

/* What one instruction takes from and leaves on the operand stack.  For
 * blocks, `params` are the values the block (and for `if` its i32
 * condition) takes and `results` the same values as the block starts with
 * them; for `end` both are the block's results; for `else`/`catch` what the
 * finished part leaves and what the next part starts with; for branches
 * what they pop and what falls through. */
typedef struct {
    const WasmValType *params;  /* operands popped, bottom of stack first */
    const WasmValType *results; /* values pushed, bottom of stack first */
    uint32_t nparams, nresults;
    bool known;                 /* no entry is WASM_UNKNOWN and none is
                                   missing (false: not recorded, or dead
                                   code; then nparams may fall short) */
} WasmStackSig;

/* Whether op's operand or result types depend on the stack or on its
 * immediates rather than on its fixed signature (opcodes.def's sig column
 * has x, r or *): the instructions wasm_check_stack_types records. */
bool wasm_op_stack_typed(WasmOpcode op);

/* The operand type letters of op (its signature before ':', opcodes.def),
 * NUL-terminated; false if it has more than three or a variable number. */
bool wasm_op_params(WasmOpcode op, char out[4]);

/* Tracks the operand stack through the body of defined function `func`
 * (working index), as decoded by wrw_open (code[0..ncode), ending with the
 * final `end`, from the body the module holds now: call it before
 * wrw_commit).  (*out)[i] gets the types of instruction i when
 * wasm_op_stack_typed(op), all zero otherwise.  Types are exact: each
 * operand's actual type (a reference may be a subtype of what the
 * instruction requires) and each result's type by the typing rules
 * (ref.func: (ref $t); ref.null ht: (ref null ht), abstract ones in their
 * short form funcref, externref, ...).  Everything lives in arena; linear
 * in the body.  False when the types do not line up (the reader checks
 * structure, not types): err says where (instruction index and module
 * offset, or body offset for a replaced body) and *out is NULL. */
WHAMM_NODISCARD bool wasm_check_stack_types(const WasmModule *m,
                                            uint32_t func,
                                            const WasmInstr *code,
                                            uint32_t ncode, Arena *arena,
                                            WasmStackSig **out,
                                            WasmError *err);

#endif
