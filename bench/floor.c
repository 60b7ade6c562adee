/* floor.c -- the floor for whamm's rewriting speed: a minimal single-pass
 * rewriter that gives a module the output shape `whamm instr` gives it for
 * a counter on every instruction (samples/scripts/icount.mm): one new
 * mutable i64 global, and before every straight-line segment of every
 * body `global.get g; i64.const N; i64.add; global.set g`, N the segment's
 * instruction count.  A segment ends with (and includes) a block opener,
 * `else`, `end`, a branch, a call, `return`, `unreachable` or a throw.
 *
 * It reads the whole file, walks it once, writes the output once.  No
 * validation, no report, no index remapping (the global goes last, so no
 * index moves): what is left is the least work any tool producing this
 * shape must do.  The opcode table is whamm's (core/wasm/opcodes.def), so
 * both decode exactly the same instructions.
 *
 * usage: floor IN.wasm OUT.wasm        (bench/instr.sh builds and runs it)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h" /* WasmImmShape and the WASM_OP_ enum, for opcodes.def */

typedef struct {
    const uint8_t *p, *end;
} In;

typedef struct {
    uint8_t *data;
    size_t len, cap;
} Out;

static void die(const char *msg)
{
    fprintf(stderr, "floor: %s\n", msg);
    exit(1);
}

static void put(Out *o, const void *src, size_t n)
{
    if (o->len + n > o->cap) {
        o->cap = (o->cap + n) * 2;
        o->data = realloc(o->data, o->cap);
        if (!o->data)
            die("out of memory");
    }
    memcpy(o->data + o->len, src, n);
    o->len += n;
}

static void put_byte(Out *o, uint8_t b) { put(o, &b, 1); }

static void put_u32(Out *o, uint32_t v)
{
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        put_byte(o, (uint8_t)(b | (v ? 0x80 : 0)));
    } while (v);
}

static void put_s64(Out *o, int64_t v)
{
    for (;;) {
        uint8_t b = v & 0x7F;
        v >>= 7;
        if ((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40))) {
            put_byte(o, b);
            return;
        }
        put_byte(o, b | 0x80);
    }
}

static uint8_t get_byte(In *in)
{
    if (in->p >= in->end)
        die("truncated module");
    return *in->p++;
}

static uint64_t get_leb(In *in)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        uint8_t b = get_byte(in);
        if (shift < 64)
            v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
    }
}

static void skip(In *in, size_t n)
{
    if ((size_t)(in->end - in->p) < n)
        die("truncated module");
    in->p += n;
}

/* ---- the opcode table: immediate shape and whether it ends a segment ---- */

typedef struct {
    uint8_t imm;
    uint8_t ends; /* ends a straight-line segment */
    uint8_t known;
} Op;

static Op ops_1[256], ops_fb[512], ops_fc[512], ops_fd[512], ops_fe[512];

static Op *slot(unsigned prefix, unsigned code)
{
    if (prefix == 0)
        return code < 256 ? &ops_1[code] : NULL;
    if (code >= 512)
        return NULL;
    switch (prefix) {
    case 0xFB: return &ops_fb[code];
    case 0xFC: return &ops_fc[code];
    case 0xFD: return &ops_fd[code];
    case 0xFE: return &ops_fe[code];
    default: return NULL;
    }
}

static int ends_segment(const char *text, int imm)
{
    static const char *const enders[] = {
        "block", "loop", "if", "else", "end", "br", "br_if", "br_table",
        "return", "call", "call_indirect", "call_ref", "return_call",
        "return_call_indirect", "return_call_ref", "unreachable", "throw",
        "throw_ref", "rethrow", "try", "catch", "catch_all", "delegate",
        "try_table", "br_on_null", "br_on_non_null", "br_on_cast",
        "br_on_cast_fail"};
    (void)imm;
    for (size_t i = 0; i < sizeof enders / sizeof enders[0]; i++)
        if (strcmp(text, enders[i]) == 0)
            return 1;
    return 0;
}

static void load_ops(void)
{
#define WASM_OP(Name, text, prefix, code, IMM, sig, CAT, FEAT, flags)          \
    do {                                                                       \
        Op *s = slot(prefix, code);                                            \
        if (s)                                                                 \
            *s = (Op){IMM, (uint8_t)ends_segment(text, IMM), 1};               \
    } while (0);
#include "opcodes.def"
#undef WASM_OP
}

/* ---- skipping immediates ------------------------------------------------- */

static void skip_valtype(In *in)
{
    uint8_t b = get_byte(in);
    if (b == 0x63 || b == 0x64) /* (ref null? ht) */
        get_leb(in);
}

static void skip_blocktype(In *in)
{
    uint8_t b = *in->p;
    if (b == 0x63 || b == 0x64) {
        skip_valtype(in);
        return;
    }
    get_leb(in); /* 0x40, a value type, or a type index (s33) */
}

static void skip_memarg(In *in)
{
    uint64_t align = get_leb(in);
    if (align & 0x40)
        get_leb(in); /* memory index */
    get_leb(in);     /* offset */
}

static void skip_imm(In *in, int imm)
{
    switch ((WasmImmShape)imm) {
    case IMM_NONE: break;
    case IMM_BLOCKTYPE: skip_blocktype(in); break;
    case IMM_LABEL: case IMM_FUNC: case IMM_TYPE: case IMM_LOCAL:
    case IMM_GLOBAL: case IMM_TABLE: case IMM_ELEM: case IMM_DATA:
    case IMM_MEM: case IMM_I32: case IMM_I64: case IMM_HEAPTYPE: case IMM_TAG:
        get_leb(in);
        break;
    case IMM_CALL_INDIRECT: case IMM_TABLE_TABLE: case IMM_ELEM_TABLE:
    case IMM_DATA_MEM: case IMM_MEM_MEM: case IMM_TYPE_FIELD:
    case IMM_TYPE_TYPE: case IMM_TYPE_N: case IMM_TYPE_DATA:
    case IMM_TYPE_ELEM:
        get_leb(in);
        get_leb(in);
        break;
    case IMM_BR_TABLE: {
        uint64_t n = get_leb(in);
        for (uint64_t i = 0; i <= n; i++)
            get_leb(in);
        break;
    }
    case IMM_MEMARG: skip_memarg(in); break;
    case IMM_MEMARG_LANE: skip_memarg(in); skip(in, 1); break;
    case IMM_F32: skip(in, 4); break;
    case IMM_F64: skip(in, 8); break;
    case IMM_V128: case IMM_SHUFFLE: skip(in, 16); break;
    case IMM_LANE: case IMM_FENCE: skip(in, 1); break;
    case IMM_SELECT_T: {
        uint64_t n = get_leb(in);
        for (uint64_t i = 0; i < n; i++)
            skip_valtype(in);
        break;
    }
    case IMM_TRY_TABLE: {
        skip_blocktype(in);
        uint64_t n = get_leb(in);
        for (uint64_t i = 0; i < n; i++)
            if (get_byte(in) < 2) {
                get_leb(in); /* tag */
                get_leb(in); /* label */
            } else {
                get_leb(in);
            }
        break;
    }
    case IMM_BR_ON_CAST:
        skip(in, 1);
        get_leb(in);
        get_leb(in);
        get_leb(in);
        break;
    default: die("unknown immediate shape");
    }
}

/* Decodes one instruction; returns whether it ends a segment. */
static int skip_instr(In *in)
{
    unsigned b = get_byte(in), code = b;
    if (b == 0xFB || b == 0xFC || b == 0xFD || b == 0xFE)
        code = (unsigned)get_leb(in);
    else
        b = 0;
    Op *op = slot(b, code);
    if (!op || !op->known)
        die("unknown opcode");
    skip_imm(in, op->imm);
    return op->ends;
}

/* ---- the rewrite ----------------------------------------------------------- */

static void put_counter(Out *o, uint32_t global, uint32_t n)
{
    put_byte(o, 0x23); /* global.get */
    put_u32(o, global);
    put_byte(o, 0x42); /* i64.const */
    put_s64(o, n);
    put_byte(o, 0x7C); /* i64.add */
    put_byte(o, 0x24); /* global.set */
    put_u32(o, global);
}

/* One body: the locals copied, each segment preceded by its counter. */
static void rewrite_body(In *body, uint32_t global, Out *o)
{
    const uint8_t *start = body->p;
    uint64_t groups = get_leb(body);
    for (uint64_t i = 0; i < groups; i++) {
        get_leb(body);
        skip_valtype(body);
    }
    put(o, start, (size_t)(body->p - start));
    while (body->p < body->end) {
        const uint8_t *seg = body->p;
        uint32_t n = 0;
        int ends = 0;
        while (body->p < body->end && !ends) {
            ends = skip_instr(body);
            n++;
        }
        put_counter(o, global, n);
        put(o, seg, (size_t)(body->p - seg));
    }
}

static void rewrite_code(In *sec, uint32_t global, Out *o)
{
    uint64_t n = get_leb(sec);
    Out bodies = {0}, one = {0};
    for (uint64_t i = 0; i < n; i++) {
        uint64_t size = get_leb(sec);
        if ((uint64_t)(sec->end - sec->p) < size)
            die("truncated body");
        In body = {sec->p, sec->p + size};
        one.len = 0;
        rewrite_body(&body, global, &one);
        put_u32(&bodies, (uint32_t)one.len);
        put(&bodies, one.data, one.len);
        sec->p += size;
    }
    Out head = {0};
    put_u32(&head, (uint32_t)n);
    put_byte(o, 10);
    put_u32(o, (uint32_t)(head.len + bodies.len));
    put(o, head.data, head.len);
    put(o, bodies.data, bodies.len);
    free(head.data);
    free(bodies.data);
    free(one.data);
}

static void put_global_entry(Out *o)
{
    static const uint8_t entry[] = {0x7E, 0x01, 0x42, 0x00, 0x0B};
    put(o, entry, sizeof entry); /* (mut i64) (i64.const 0) */
}

/* The global section with the counter appended (count + 1). */
static void rewrite_globals(In *sec, Out *o)
{
    uint64_t n = get_leb(sec);
    Out body = {0};
    put_u32(&body, (uint32_t)(n + 1));
    put(&body, sec->p, (size_t)(sec->end - sec->p));
    put_global_entry(&body);
    put_byte(o, 6);
    put_u32(o, (uint32_t)body.len);
    put(o, body.data, body.len);
    free(body.data);
}

static void new_global_section(Out *o)
{
    put_byte(o, 6);
    put_u32(o, 6);
    put_byte(o, 1);
    put_global_entry(o);
}

/* Imported globals, for the index of the new one. */
static uint32_t imported_globals(In sec)
{
    uint64_t n = get_leb(&sec);
    uint32_t globals = 0;
    for (uint64_t i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) /* module, field */
            skip(&sec, (size_t)get_leb(&sec));
        uint8_t kind = get_byte(&sec);
        if (kind == 0 || kind == 4) {
            get_leb(&sec); /* type index, tag */
            if (kind == 4)
                get_leb(&sec);
        } else if (kind == 1 || kind == 2) { /* table, memory */
            if (kind == 1)
                skip_valtype(&sec);
            uint64_t flags = get_leb(&sec);
            get_leb(&sec);
            if (flags & 1)
                get_leb(&sec);
        } else if (kind == 3) {
            skip_valtype(&sec);
            get_byte(&sec);
            globals++;
        } else {
            die("unknown import kind");
        }
    }
    return globals;
}

static uint32_t count_of(In sec) { return (uint32_t)get_leb(&sec); }

/* Section order position (the data count section 12 sits before code). */
static int order(uint8_t id)
{
    static const int pos[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
    return id < sizeof pos / sizeof pos[0] ? pos[id] : 99;
}

static void rewrite_module(const uint8_t *bytes, size_t len, Out *o)
{
    if (len < 8 || memcmp(bytes, "\0asm\1\0\0\0", 8) != 0)
        die("not a Wasm module");
    put(o, bytes, 8);
    In in = {bytes + 8, bytes + len};
    uint32_t global = 0, defined = 0;
    /* first pass over the section headers only: the counter's index */
    for (In scan = in; scan.p < scan.end;) {
        uint8_t id = get_byte(&scan);
        uint64_t size = get_leb(&scan);
        In sec = {scan.p, scan.p + size};
        if (id == 2)
            global += imported_globals(sec);
        else if (id == 6)
            defined = count_of(sec);
        skip(&scan, (size_t)size);
    }
    global += defined;
    int have_globals = 0;
    while (in.p < in.end) {
        const uint8_t *start = in.p;
        uint8_t id = get_byte(&in);
        uint64_t size = get_leb(&in);
        In sec = {in.p, in.p + size};
        skip(&in, (size_t)size);
        if (id != 0 && !have_globals && order(id) > order(6)) {
            new_global_section(o);
            have_globals = 1;
        }
        if (id == 6) {
            rewrite_globals(&sec, o);
            have_globals = 1;
        } else if (id == 10) {
            rewrite_code(&sec, global, o);
        } else {
            put(o, start, (size_t)(in.p - start));
        }
    }
    if (!have_globals)
        new_global_section(o);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open the input");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
    if (!data || fread(data, 1, (size_t)n, f) != (size_t)n)
        die("cannot read the input");
    fclose(f);
    *len = (size_t)n;
    return data;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        die("usage: floor IN.wasm OUT.wasm");
    load_ops();
    size_t len;
    uint8_t *bytes = read_file(argv[1], &len);
    Out o = {0};
    rewrite_module(bytes, len, &o);
    FILE *f = fopen(argv[2], "wb");
    if (!f || fwrite(o.data, 1, o.len, f) != o.len || fclose(f) != 0)
        die("cannot write the output");
    free(bytes);
    free(o.data);
    return 0;
}
