/* body.c -- checking function bodies and name subsections while reading.
 * Spec: binary format 5.5.13 (code section: locals, then an expression
 * ending in `end`) and validation 3.3.8 (control instructions).  This is
 * the structural check the rewriter relies on: every instruction decodes,
 * blocks nest and close, `else` only splits an `if` (once), `catch` and
 * `catch_all` only a `try` (nothing after `catch_all`), `delegate` only
 * ends a `try` without catches, `rethrow` names a catch block, the final
 * `end` is the last byte, labels stay within the open blocks, and every
 * index names an entity that exists.  The operand types are validate.c's
 * job (wasm_module_validate); for wasm_module_read_validated the same walk
 * also steps the validator (stacktypes.c), so each body is decoded once. */
#include "wasm_impl.h"

#include <string.h>

/* The engine limit on locals (V8, SpiderMonkey, wasmtime agree on 50000);
 * beyond it no engine would accept the module. */
#define MAX_LOCALS 50000u

bool wimpl_read_locals(WasmReader *r, uint64_t *total)
{
    uint32_t ngroups;
    TRY(wdec_count(r, &ngroups, 2, "local declaration count"));
    *total = 0;
    for (uint32_t i = 0; i < ngroups; i++) {
        const uint8_t *at = r->p;
        uint32_t n;
        WasmValType t;
        TRY(wdec_u32(r, &n, "local count"));
        TRY(wdec_valtype(r, &t, "local type"));
        *total += n;
        if (*total > MAX_LOCALS)
            return wasm_fail_at(r, at, "too many locals (more than %u)",
                                MAX_LOCALS);
    }
    return true;
}

static bool check(WasmReader *r, const WasmInstr *in, uint32_t idx,
                  uint64_t count, const char *what)
{
    if (idx >= count)
        return wasm_fail_at(r, r->base + in->off,
                            "%s: %s index %u out of range (%llu defined)",
                            wasm_ops[in->op].name, what, idx,
                            (unsigned long long)count);
    return true;
}

static uint32_t data_limit(const WasmModule *m)
{
    /* The data section comes after the code; the datacount section (required
     * by memory.init/data.drop) says how many there will be. */
    return m->has_datacount ? m->datacount : UINT32_MAX;
}

bool wimpl_check_instr_indices(WasmReader *r, const WasmModule *m,
                               const WasmInstr *in, const uint64_t *nlocals)
{
    uint32_t ntypes = m->types.n, nfuncs = m->funcs.n;
    uint32_t ntables = m->tables.n, nmems = m->memories.n;
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_BLOCKTYPE:
        return in->bt_kind != WASM_BT_TYPEIDX ||
               check(r, in, in->a, ntypes, "type");
    case IMM_FUNC: return check(r, in, in->a, nfuncs, "function");
    case IMM_TYPE: return check(r, in, in->a, ntypes, "type");
    case IMM_LOCAL:
        return check(r, in, in->a, nlocals ? *nlocals : 0, "local");
    case IMM_GLOBAL: return check(r, in, in->a, m->globals.n, "global");
    case IMM_TABLE: return check(r, in, in->a, ntables, "table");
    case IMM_ELEM: return check(r, in, in->a, m->elems.n, "element segment");
    case IMM_DATA: return check(r, in, in->a, data_limit(m), "data segment");
    case IMM_MEM: return check(r, in, in->a, nmems, "memory");
    case IMM_TAG: return check(r, in, in->a, m->tags.n, "tag");
    case IMM_CALL_INDIRECT:
        return check(r, in, in->a, ntypes, "type") &&
               check(r, in, in->b, ntables, "table");
    case IMM_TABLE_TABLE:
        return check(r, in, in->a, ntables, "table") &&
               check(r, in, in->b, ntables, "table");
    case IMM_ELEM_TABLE:
        return check(r, in, in->a, m->elems.n, "element segment") &&
               check(r, in, in->b, ntables, "table");
    case IMM_DATA_MEM:
        return check(r, in, in->a, data_limit(m), "data segment") &&
               check(r, in, in->b, nmems, "memory");
    case IMM_MEM_MEM:
        return check(r, in, in->a, nmems, "memory") &&
               check(r, in, in->b, nmems, "memory");
    case IMM_MEMARG: case IMM_MEMARG_LANE:
        return check(r, in, in->b, nmems, "memory");
    case IMM_TYPE_FIELD: case IMM_TYPE_TYPE: case IMM_TYPE_N:
        return check(r, in, in->a, ntypes, "type") &&
               (wasm_ops[in->op].imm != IMM_TYPE_TYPE ||
                check(r, in, in->b, ntypes, "type"));
    case IMM_TYPE_DATA:
        return check(r, in, in->a, ntypes, "type") &&
               check(r, in, in->b, data_limit(m), "data segment");
    case IMM_TYPE_ELEM:
        return check(r, in, in->a, ntypes, "type") &&
               check(r, in, in->b, m->elems.n, "element segment");
    case IMM_TRY_TABLE:
        if (in->bt_kind == WASM_BT_TYPEIDX)
            TRY(check(r, in, in->a, ntypes, "type"));
        for (uint32_t i = 0; i < in->n; i++)
            if (in->ext.catches[i].kind < 2)
                TRY(check(r, in, in->ext.catches[i].tag, m->tags.n, "tag"));
        return true;
    default:
        return true;
    }
}

static const char *const block_names[] = {
    [WIMPL_BK_BLOCK] = "block", [WIMPL_BK_LOOP] = "loop", [WIMPL_BK_IF] = "if",
    [WIMPL_BK_ELSE] = "if", [WIMPL_BK_TRY] = "try", [WIMPL_BK_CATCH] = "try",
    [WIMPL_BK_CATCH_ALL] = "try", [WIMPL_BK_TRY_TABLE] = "try_table",
};

static void open_block(WimplBlocks *b, uint16_t op)
{
    if (b->n == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : 64;
        uint8_t *v = arena_alloc(b->a, cap);
        if (b->n)
            memcpy(v, b->v, b->n);
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = op == WASM_OP_Loop ? WIMPL_BK_LOOP
                 : op == WASM_OP_If ? WIMPL_BK_IF
                 : op == WASM_OP_Try ? WIMPL_BK_TRY
                 : op == WASM_OP_TryTable ? WIMPL_BK_TRY_TABLE
                 : WIMPL_BK_BLOCK;
}

/* else, catch, catch_all, delegate: the innermost block must be the one
 * they belong to (Spec: 3.3.8.5 if, and the exception handling proposal's
 * legacy try/catch/delegate). */
static bool split_block(WasmReader *r, const WasmInstr *in, WimplBlocks *b)
{
    const char *name = wasm_ops[in->op].name;
    const uint8_t *at = r->base + in->off;
    if (b->n == 0)
        return wasm_fail_at(r, at, "'%s' outside a block", name);
    uint8_t *top = &b->v[b->n - 1];
    bool is_try = *top == WIMPL_BK_TRY || *top == WIMPL_BK_CATCH ||
                  *top == WIMPL_BK_CATCH_ALL;
    switch (in->op) {
    case WASM_OP_Else:
        if (*top == WIMPL_BK_ELSE)
            return wasm_fail_at(r, at, "second 'else' in an 'if'");
        if (*top != WIMPL_BK_IF)
            break;
        *top = WIMPL_BK_ELSE;
        return true;
    case WASM_OP_Delegate:
        if (*top == WIMPL_BK_CATCH || *top == WIMPL_BK_CATCH_ALL)
            return wasm_fail_at(r, at, "'delegate' ends a 'try' that has "
                                "a catch clause");
        if (*top != WIMPL_BK_TRY)
            break;
        b->n--;
        return true;
    default: /* Catch, CatchAll */
        if (*top == WIMPL_BK_CATCH_ALL)
            return wasm_fail_at(r, at, "'%s' after 'catch_all'", name);
        if (!is_try)
            break;
        *top = in->op == WASM_OP_Catch ? WIMPL_BK_CATCH : WIMPL_BK_CATCH_ALL;
        return true;
    }
    return wasm_fail_at(r, at, "'%s' inside a '%s' (it belongs to %s)",
                        name, block_names[*top],
                        in->op == WASM_OP_Else ? "an 'if'" : "a 'try'");
}

/* rethrow's label must name a catch clause (not the function). */
static bool check_rethrow(WasmReader *r, const WasmInstr *in,
                          const WimplBlocks *b)
{
    uint8_t k = in->a < b->n ? b->v[b->n - 1 - in->a] : WIMPL_BK_BLOCK;
    if (k != WIMPL_BK_CATCH && k != WIMPL_BK_CATCH_ALL)
        return wasm_fail_at(r, r->base + in->off, "rethrow: label %u is "
                            "not a 'catch' clause", in->a);
    return true;
}

/* Labels name enclosing blocks; depth counts the open ones, and label
 * `depth` itself is the function body.  `delegate` counts from outside
 * its own `try`. */
static bool check_labels(WasmReader *r, const WasmInstr *in, uint32_t depth)
{
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_LABEL: case IMM_BR_ON_CAST:
        return check(r, in, in->a,
                     (uint64_t)depth + (in->op != WASM_OP_Delegate),
                     "label");
    case IMM_BR_TABLE:
        for (uint32_t i = 0; i < in->n; i++)
            TRY(check(r, in, in->ext.labels[i], (uint64_t)depth + 1, "label"));
        return true;
    case IMM_TRY_TABLE: /* catch labels are relative to the outer block */
        for (uint32_t i = 0; i < in->n; i++)
            TRY(check(r, in, in->ext.catches[i].label, (uint64_t)depth + 1,
                      "label"));
        return true;
    default:
        return true;
    }
}

/* The full check of one decoded instruction. */
static bool check_full(WasmReader *r, WasmModule *m, WasmFunc *f,
                       uint64_t nlocals, WimplBlocks *blocks,
                       const WasmInstr *in, bool *done)
{
    uint16_t flags = wasm_ops[in->op].flags;
    f->opmask |= wasm_op_bit(in->op);
    if (wasm_ops[in->op].imm == IMM_FUNC &&
        in->a < m->nimported[WASM_EXT_FUNC])
        f->opmask |= WASM_OPMASK_IMPORT_CALL;
    if (wasm_ops[in->op].imm == IMM_FUNC || in->op == WASM_OP_Unreachable)
        wimpl_note_site(m, f, r->base + in->off);
    TRY(check_labels(r, in, blocks->n));
    TRY(wimpl_check_instr_indices(r, m, in, &nlocals));
    f->refs |= wasm_instr_refs(in);
    if (flags & OPF_BLOCK)
        open_block(blocks, in->op);
    else if (in->op == WASM_OP_End && blocks->n == 0)
        *done = true;
    else if (in->op == WASM_OP_End)
        blocks->n--;
    else if (flags & (OPF_MID | OPF_END))
        return split_block(r, in, blocks);
    else if (in->op == WASM_OP_Rethrow)
        return check_rethrow(r, in, blocks);
    return true;
}

/* How the fast path treats each single-byte opcode (built once from the
 * opcode table).  Everything else, including every instruction that opens,
 * splits or closes a block (`delegate` is a label that ends a block) and
 * `rethrow` (its label must be a catch), goes through check_full. */
enum {
    FC_FULL, FC_PLAIN, FC_LOCAL, FC_GLOBAL, FC_FUNC, FC_LABEL, FC_I32,
    FC_I64, FC_F32, FC_F64, FC_MEMARG
};

static uint8_t fast_class_of(int op)
{
    if (op < 0 || (wasm_ops[op].flags & (OPF_BLOCK | OPF_END | OPF_MID)) ||
        op == WASM_OP_Rethrow)
        return FC_FULL;
    switch ((WasmImmShape)wasm_ops[op].imm) {
    case IMM_NONE: return FC_PLAIN;
    case IMM_LOCAL: return FC_LOCAL;
    case IMM_GLOBAL: return FC_GLOBAL;
    case IMM_FUNC: return FC_FUNC;
    case IMM_LABEL: return FC_LABEL;
    case IMM_I32: return FC_I32;
    case IMM_I64: return FC_I64;
    case IMM_F32: return FC_F32;
    case IMM_F64: return FC_F64;
    case IMM_MEMARG: return FC_MEMARG;
    default: return FC_FULL;
    }
}

/* The opcode bit (wasm_op_bit) of each single-byte opcode, 0 for the
 * others; filled with the classes. */
static uint64_t fast_bits[256];

static const uint8_t *fast_classes(void)
{
    static uint8_t table[256];
    static bool ready;
    if (!ready) {
        for (int b = 0; b < 256; b++) {
            int op = wimpl_byte_op(b);
            table[b] = fast_class_of(op);
            fast_bits[b] = op < 0 ? 0 : wasm_op_bit((uint32_t)op);
        }
        ready = true;
    }
    return table;
}

/* An index immediate below count (the fast path's message). */
static bool fast_bound(WasmReader *r, uint32_t idx, uint64_t count,
                       const uint8_t *at)
{
    if (idx >= count)
        return wasm_fail_at(r, at, "%s: index %u out of range (%llu defined)",
                            wasm_ops[wasm_op_lookup(0, *at)].name, idx,
                            (unsigned long long)count);
    return true;
}

/* The fast path for the shapes that make up nearly all real code; it
 * checks exactly what check_full would.  *handled stays false when the
 * instruction needs the full path (a memarg with a memory index or a long
 * alignment, or no memory). */
static bool check_fast(WasmReader *r, WasmModule *m, WasmFunc *f,
                       uint64_t nlocals, uint32_t depth, uint8_t cls,
                       const WasmInstr *in, bool *handled)
{
    const uint8_t *at = r->base + in->off;
    *handled = true;
    f->opmask |= fast_bits[*at];
    switch (cls) {
    case FC_LOCAL:
        return fast_bound(r, in->a, nlocals, at);
    case FC_GLOBAL:
        f->refs |= WASM_REFS_GLOBAL;
        return fast_bound(r, in->a, m->globals.n, at);
    case FC_FUNC:
        f->refs |= WASM_REFS_FUNC;
        TRY(fast_bound(r, in->a, m->funcs.n, at));
        if (in->a < m->nimported[WASM_EXT_FUNC])
            f->opmask |= WASM_OPMASK_IMPORT_CALL;
        wimpl_note_site(m, f, at);
        return true;
    case FC_LABEL:
        return fast_bound(r, in->a, (uint64_t)depth + 1, at);
    case FC_MEMARG:
        /* single-byte alignment without a memory index: memory 0 */
        if ((at[1] & 0xC0) != 0 || m->memories.n == 0)
            break;
        f->refs |= WASM_REFS_MEMORY;
        return true;
    default: /* plain, constants */
        if (in->op == WASM_OP_Unreachable)
            wimpl_note_site(m, f, at);
        return true;
    }
    *handled = false;
    return true;
}

/* Checks one decoded instruction (r: the body's reader; classes:
 * fast_classes()); *done at the final `end`. */
static inline bool check_decoded(WasmReader *r, WasmModule *m, WasmFunc *f,
                                 uint64_t nlocals, WimplBlocks *blocks,
                                 const uint8_t *classes, const WasmInstr *in,
                                 bool *done)
{
    uint8_t cls = classes[r->base[in->off]];
    bool handled = false;
    if (cls != FC_FULL)
        TRY(check_fast(r, m, f, nlocals, blocks->n, cls, in, &handled));
    return handled || check_full(r, m, f, nlocals, blocks, in, done);
}

/* Checks the code of f's body (r at it, after the locals), and while
 * *valid also validates it with val (*valid false at the first error).
 * While valid, the validator's fast path takes the common instructions;
 * the rest, and every error, come here. */
static bool walk_code(WasmReader *r, WasmModule *m, WasmFunc *f,
                      uint64_t nlocals, Arena *scratch,
                      WimplBodyValidator *val, bool *valid)
{
    const WimplShortOp *ops = wimpl_short_ops();
    const uint8_t *classes = fast_classes();
    WimplBlocks blocks = {.a = scratch};
    bool done = false;
    f->ninstr = 0;
    for (uint32_t i = 0; !done; i++) {
        if (*valid) {
            uint32_t k = wimpl_validator_run(val, r, m, f, &blocks);
            i += k;
            f->ninstr += k;
        }
        if (r->p >= r->end)
            return wasm_fail(r, "function body ends without 'end'");
        f->ninstr++;
        WasmInstr in;
        if (!wimpl_decode_short(r, ops, &in))
            TRY(wdec_instr(r, &in, scratch));
        /* the structure first: its errors are the reader's */
        TRY(check_decoded(r, m, f, nlocals, &blocks, classes, &in, &done));
        if (*valid)
            *valid = wimpl_validator_step(val, &in, i);
    }
    if (r->p != r->end)
        return wasm_fail(r, "code after the function's final 'end'");
    f->nsites = m->sites_known ? m->body_sites.n - f->sites_at : 0;
    return true;
}

/* The vector never holds more than one site per 16 bytes of the module,
 * or 4096 (its room neither: the fused path fills the room there is). */
void wimpl_note_site(WasmModule *m, const WasmFunc *f, const uint8_t *at)
{
    if (!m->sites_known)
        return;
    size_t limit = m->len / 16 > 4096 ? m->len / 16 : 4096;
    size_t cap = m->body_sites.cap;
    if (m->body_sites.n == cap) {
        if (cap >= limit) { /* too many to keep: none */
            m->sites_known = false;
            vec_free(m->body_sites);
            return;
        }
        cap = cap ? cap * 2 : 1024;
        m->body_sites.cap = (uint32_t)(cap < limit ? cap : limit);
        m->body_sites.v = xrealloc(m->body_sites.v, sizeof *m->body_sites.v *
                                                        m->body_sites.cap);
    }
    m->body_sites.v[m->body_sites.n++] =
        (uint32_t)(at - (m->bytes + f->body.off));
}

/* A reader over f's body after its locals; *nlocals gets the parameters
 * and locals.  f's refs and opmask are made again by the walk. */
static bool begin_body(WasmReader *r, WasmModule *m, WasmFunc *f,
                       WasmReader *body, uint64_t *nlocals)
{
    *body = *r;
    body->p = m->bytes + f->body.off;
    body->end = body->p + f->body.len;
    TRY(wimpl_read_locals(body, nlocals));
    *nlocals += m->types.v[f->type].nparams;
    f->refs = 0;
    f->opmask = 0;
    f->sites_at = m->body_sites.n;
    f->nsites = 0;
    return true;
}

bool wimpl_check_body(WasmReader *r, WasmModule *m, uint32_t func,
                      Arena *scratch)
{
    WasmFunc *f = &m->funcs.v[func];
    WasmReader br;
    uint64_t nlocals;
    bool valid = false;
    TRY(begin_body(r, m, f, &br, &nlocals));
    return walk_code(&br, m, f, nlocals, scratch, NULL, &valid);
}

bool wimpl_check_validate_body(WasmReader *r, WasmModule *m, uint32_t func,
                               WimplFused *v, Arena *scratch)
{
    WasmFunc *f = &m->funcs.v[func];
    WasmReader br;
    uint64_t nlocals;
    TRY(begin_body(r, m, f, &br, &nlocals));
    WimplBodyValidator *val =
        v->on ? wimpl_validator_start(&v->ty, func, scratch, v->verdict)
              : NULL;
    bool valid = val != NULL;
    TRY(walk_code(&br, m, f, nlocals, scratch, val, &valid));
    v->on = valid;
    return true;
}

static bool check_name_map(WasmReader *r)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 2, "name map size"));
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx, len;
        const uint8_t *bytes;
        TRY(wdec_u32(r, &idx, "name index"));
        TRY(wdec_count(r, &len, 1, "name length"));
        TRY(wdec_bytes(r, len, &bytes, "name"));
    }
    return true;
}

bool wimpl_check_name_subsection(WasmReader *r, uint8_t id)
{
    /* 2 locals, 3 labels, 10 fields: indirect maps; others: name maps */
    if (id == 2 || id == 3 || id == 10) {
        uint32_t n;
        TRY(wdec_count(r, &n, 2, "indirect name map size"));
        for (uint32_t i = 0; i < n; i++) {
            uint32_t idx;
            TRY(wdec_u32(r, &idx, "name index"));
            TRY(check_name_map(r));
        }
        return true;
    }
    if (id <= 11)
        return check_name_map(r);
    r->p = r->end; /* unknown subsection: skipped */
    return true;
}
