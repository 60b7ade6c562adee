/* edit.c -- the editing API the emitter uses (wasm.h): opening a body,
 * inserting and removing instructions, adding locals, and adding types,
 * imports, functions, globals, memories, tables, data and exports.
 * Everything here works in working indices; the writer renumbers. */
#include "wasm_impl.h"
#include "spill.h"

#include <stdlib.h>
#include <string.h>

/* Inserted code, encoded when it is inserted (the commit only copies it):
 * as decoded instructions it took 64 bytes an instruction, and a body
 * with a probe at every instruction holds a lot of it. */
struct WasmEdit {
    WasmEdit *next;
    uint32_t at;          /* the instruction it is inserted at */
    uint32_t n;           /* instructions */
    uint32_t refs;        /* WASM_REFS_* of what they name */
    uint32_t len;         /* bytes */
    uint8_t bytes[];
};

/* ---- queries ---------------------------------------------------------------- */

uint32_t wasm_count(const WasmModule *m, WasmExternKind kind)
{
    return wimpl_space_count(m, kind);
}

const char *wasm_func_name(const WasmModule *m, uint32_t func)
{
    return func < m->funcs.n ? m->funcs.v[func].name : NULL;
}

const WasmType *wasm_func_type(const WasmModule *m, uint32_t func)
{
    return &m->types.v[m->funcs.v[func].type];
}

int32_t wasm_find_export(const WasmModule *m, const char *name,
                         WasmExternKind kind)
{
    for (uint32_t i = 0; i < m->exports.n; i++)
        if (m->exports.v[i].kind == kind &&
            strcmp(m->exports.v[i].name, name) == 0)
            return (int32_t)i;
    return -1;
}

int64_t wasm_find_import(const WasmModule *m, const char *module,
                         const char *field, WasmExternKind kind)
{
    for (uint32_t i = 0; i < m->imports.n; i++) {
        const WasmImport *imp = &m->imports.v[i];
        if (imp->kind == kind && strcmp(imp->module, module) == 0 &&
            strcmp(imp->field, field) == 0)
            return imp->index;
    }
    return -1;
}

/* The single instruction before `end` of a constant expression. */
static bool single_instr(const WasmModule *m, const WasmExpr *e,
                         WasmInstr *in)
{
    WasmError err = {0};
    WasmReader r;
    const uint8_t *bytes = e->bytes ? e->bytes : m->bytes + e->off;
    wasm_reader_init(&r, bytes, e->len, &err);
    WasmInstr end;
    return wdec_instr(&r, in, NULL) && wdec_instr(&r, &end, NULL) &&
           end.op == WASM_OP_End && r.p == r.end;
}

bool wasm_expr_i32_const(const WasmModule *m, const WasmExpr *e,
                         int32_t *out)
{
    WasmInstr in;
    if (!single_instr(m, e, &in) || in.op != WASM_OP_I32Const)
        return false;
    *out = (int32_t)in.x;
    return true;
}

bool wasm_expr_int_const(const WasmModule *m, const WasmExpr *e,
                         int64_t *out)
{
    WasmInstr in;
    if (!single_instr(m, e, &in) ||
        (in.op != WASM_OP_I32Const && in.op != WASM_OP_I64Const))
        return false;
    *out = in.op == WASM_OP_I32Const ? (int32_t)in.x : (int64_t)in.x;
    return true;
}

/* ---- body editing ------------------------------------------------------------- */

static const uint8_t *body_bytes(const WasmModule *m, const WasmFunc *f,
                                 uint32_t *len)
{
    *len = f->new_body ? f->new_body_len : f->body.len;
    return f->new_body ? f->new_body : m->bytes + f->body.off;
}

/* Decodes the code into the arena.  With the count known (counted when
 * the body was read or committed), straight into an array of that size;
 * a body that turns out longer, or one never counted, through a growing
 * vector. */
static bool decode_all(WasmBodyEditor *ed, WasmReader *r, uint32_t count)
{
    if (count) {
        /* not zeroed: wdec_instr sets every field */
        WasmInstr *code = arena_alloc_raw(ed->arena, sizeof *code * count);
        const WimplShortOp *ops = wimpl_short_ops();
        uint32_t n = 0;
        const uint8_t *start = r->p;
        for (; n < count && r->p < r->end; n++)
            if (!wimpl_decode_short(r, ops, &code[n]))
                TRY(wdec_instr(r, &code[n], ed->arena));
        if (r->p == r->end) {
            ed->code = code;
            ed->ncode = n;
            return true;
        }
        r->p = start; /* the count was wrong: decode it again */
    }
    VEC(WasmInstr) code = {0};
    bool ok = true;
    while (ok && r->p < r->end) {
        WasmInstr in;
        ok = wdec_instr(r, &in, ed->arena);
        if (ok)
            vec_push(code, in);
    }
    if (ok) {
        ed->ncode = code.n;
        ed->code = arena_dup(ed->arena, code.v, sizeof *code.v * code.n);
    }
    vec_free(code);
    return ok;
}

bool wrw_open(WasmBodyEditor *ed, WasmModule *m, uint32_t func, Arena *arena,
              WasmError *err)
{
    memset(ed, 0, sizeof *ed);
    memset(err, 0, sizeof *err);
    if (func >= m->funcs.n || m->funcs.v[func].import >= 0) {
        err->failed = true;
        snprintf(err->msg, sizeof err->msg, "function %u has no body", func);
        return false;
    }
    wasm_settle_body(m, func);
    const WasmFunc *f = &m->funcs.v[func];
    ed->m = m;
    ed->func = func;
    ed->osites = wasm_body_sites(m, func, &ed->nosites);
    ed->arena = arena;
    ed->nparams = m->types.v[f->type].nparams;
    uint32_t len;
    const uint8_t *body = body_bytes(m, f, &len);
    WasmReader r;
    wasm_reader_init(&r, body, len, err); /* offsets relative to the body */
    uint64_t nlocals;
    TRY(wimpl_read_locals(&r, &nlocals));
    ed->nlocals = (uint32_t)nlocals;
    ed->locals_off = (uint32_t)(r.p - body);
    TRY(decode_all(ed, &r, f->ninstr));
    if (f->new_body) /* decoded: what a commit copies is mapped back */
        wspill_read_done(m, body, len);
    ed->edit_at = arena_alloc(arena, sizeof *ed->edit_at * ed->ncode);
    ed->removed = arena_alloc(arena, sizeof *ed->removed * ed->ncode);
    return true;
}

/* code encoded into b (emptied first): the common shapes straight into
 * its bytes, the rest through wenc_instr. */
static void encode_code(Buf *b, const WasmInstr *code, uint32_t n)
{
    b->len = 0;
    for (uint32_t k = 0; k < n; k++) {
        buf_reserve(b, WENC_FAST_MAX);
        uint32_t len = wenc_instr_fast(b->data + b->len, &code[k]);
        if (len)
            b->len += len;
        else
            wenc_instr(b, &code[k]);
    }
}

/* Appends to list (instruction at's) the edit of n instructions encoded
 * in bytes[0..len) that name the index spaces refs. */
static void push_edit(WasmBodyEditor *ed, WasmEdit **list, uint32_t at,
                      const uint8_t *bytes, uint32_t len, uint32_t n,
                      uint32_t refs)
{
    WasmEdit *e = arena_alloc_raw(ed->arena, sizeof *e + len);
    e->next = NULL;
    e->at = at;
    e->n = n;
    e->refs = refs;
    e->len = len;
    if (len)
        memcpy(e->bytes, bytes, len);
    while (*list)
        list = &(*list)->next;
    *list = e;
}

static void append_edit(WasmBodyEditor *ed, WasmEdit **list, uint32_t at,
                        const WasmInstr *code, uint32_t n)
{
    /* encoded here first, its size unknown; kept for the next edit (a
     * walk makes millions: one allocation each would show) */
    static Buf b;
    encode_code(&b, code, n);
    uint32_t refs = 0;
    for (uint32_t k = 0; k < n; k++)
        refs |= wasm_instr_refs(&code[k]);
    push_edit(ed, list, at, b.data, (uint32_t)b.len, n, refs);
}

/* Room for one more edit set: grown by doubling, not zeroed (every set
 * is written when it is made). */
static void grow_sets(WasmBodyEditor *ed)
{
    uint32_t cap = ed->sets.cap ? ed->sets.cap * 2 : 64;
    WasmEditSet *v = arena_alloc_raw(ed->arena, sizeof *v * cap);
    if (ed->sets.n)
        memcpy(v, ed->sets.v, sizeof *v * ed->sets.n);
    ed->sets.v = v;
    ed->sets.cap = cap;
}

/* The edits at instruction i, made on its first edit. */
static WasmEditSet *edits_for(WasmBodyEditor *ed, uint32_t i)
{
    if (!ed->edit_at[i]) {
        if (ed->sets.n == ed->sets.cap)
            grow_sets(ed);
        ed->sets.v[ed->sets.n++] = (WasmEditSet){NULL, NULL, NULL};
        ed->edit_at[i] = ed->sets.n;
    }
    return &ed->sets.v[ed->edit_at[i] - 1];
}

void wrw_insert_before(WasmBodyEditor *ed, uint32_t i, const WasmInstr *code,
                       uint32_t n)
{
    append_edit(ed, &edits_for(ed, i)->before, i, code, n);
}

void wrw_insert_bytes_before(WasmBodyEditor *ed, uint32_t i,
                             const uint8_t *bytes, uint32_t len, uint32_t n,
                             uint32_t refs)
{
    push_edit(ed, &edits_for(ed, i)->before, i, bytes, len, n, refs);
}

void wrw_insert_after(WasmBodyEditor *ed, uint32_t i, const WasmInstr *code,
                      uint32_t n)
{
    append_edit(ed, &edits_for(ed, i)->after, i, code, n);
}

void wrw_remove(WasmBodyEditor *ed, uint32_t i) { ed->removed[i] = true; }

void wrw_replace(WasmBodyEditor *ed, uint32_t i, const WasmInstr *code,
                 uint32_t n)
{
    ed->removed[i] = true;
    append_edit(ed, &edits_for(ed, i)->replace, i, code, n);
}

void wrw_drop_edits(WasmBodyEditor *ed, uint32_t i, bool before, bool after,
                    bool replace)
{
    WasmEditSet *e = wrw_edits(ed, i);
    if (!e)
        return;
    if (before)
        e->before = NULL;
    if (after)
        e->after = NULL;
    if (replace)
        e->replace = NULL;
}

uint32_t wrw_add_local(WasmBodyEditor *ed, WasmValType type)
{
    avec_push(ed->arena, ed->added_locals, type);
    return ed->nparams + ed->nlocals++;
}

/* Local declarations: run-length groups of equal types. */
static uint32_t count_groups(const WasmValType *t, uint32_t n)
{
    uint32_t groups = 0;
    for (uint32_t i = 0; i < n; i++)
        groups += i == 0 || !wasm_valtype_eq(t[i], t[i - 1]);
    return groups;
}

static void write_groups(Buf *b, const WasmValType *t, uint32_t n)
{
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        while (j < n && wasm_valtype_eq(t[j], t[i]))
            j++;
        wenc_u32(b, j - i);
        wenc_valtype(b, t[i]);
        i = j;
    }
}

/* The local declarations decls[0..len) with the locals of types
 * added[0..nadded) after them, into b. */
static void write_decls(Buf *b, const uint8_t *decls, uint32_t len,
                        const WasmValType *added, uint32_t nadded)
{
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, decls, len, &err);
    uint32_t ngroups = 0;
    if (!wdec_u32(&r, &ngroups, "local declaration count"))
        ngroups = 0; /* checked when the body was read */
    wenc_u32(b, ngroups + count_groups(added, nadded));
    buf_append(b, r.p, (size_t)(r.end - r.p));
    write_groups(b, added, nadded);
}

static void write_locals(WasmBodyEditor *ed, const uint8_t *body, Buf *b)
{
    if (ed->added_locals.n == 0)
        buf_append(b, body, ed->locals_off);
    else
        write_decls(b, body, ed->locals_off, ed->added_locals.v,
                    ed->added_locals.n);
}

void wimpl_store_body(WasmModule *m, uint32_t func, Buf *b, uint32_t refs,
                      uint32_t ninstr, const uint32_t *sites, uint32_t nsites)
{
    WasmFunc *f = &m->funcs.v[func];
    uint32_t old_len;
    const uint8_t *old = body_bytes(m, f, &old_len);
    f->new_body = wspill_store(m, b->data, b->len);
    wspill_read_done(m, old, old_len); /* replaced */
    f->new_body_len = (uint32_t)b->len;
    f->refs = refs;
    f->ninstr = ninstr;
    wspill_set_sites(m, func, f->new_body, sites, nsites);
    buf_fini(b);
}

static void store_body(WasmBodyEditor *ed, Buf *b, uint32_t refs,
                       uint32_t ninstr, const uint32_t *sites,
                       uint32_t nsites)
{
    wimpl_store_body(ed->m, ed->func, b, refs, ninstr, sites, nsites);
}

/* Starts the new body in b (sized for the old one, a quarter more): the
 * locals' declarations.  Returns the old body's bytes. */
static const uint8_t *begin_commit(WasmBodyEditor *ed, Buf *b)
{
    uint32_t len;
    const uint8_t *body = body_bytes(ed->m, &ed->m->funcs.v[ed->func], &len);
    buf_init(b);
    buf_reserve(b, len + len / 4 + 16);
    write_locals(ed, body, b);
    return body;
}

/* The instruction an edit set belongs to; false when its lists are all
 * empty (dropped), nothing being inserted there. */
static bool set_index(const WasmEditSet *e, uint32_t *at)
{
    const WasmEdit *any = e->before ? e->before
                        : e->replace ? e->replace : e->after;
    if (any)
        *at = any->at;
    return any != NULL;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The instructions with code inserted at them, ascending (into the
 * arena; *n gets their number).  Sets are made in the order of first
 * edits, which is nearly always the order of the code. */
static uint32_t *edited_list(WasmBodyEditor *ed, uint32_t *n)
{
    uint32_t *at = arena_alloc_raw(ed->arena,
                                   sizeof *at * (ed->sets.n ? ed->sets.n : 1));
    uint32_t k = 0;
    bool sorted = true;
    for (uint32_t s = 0; s < ed->sets.n; s++)
        if (set_index(&ed->sets.v[s], &at[k])) {
            sorted &= k == 0 || at[k] > at[k - 1];
            k++;
        }
    if (!sorted)
        qsort(at, k, sizeof *at, cmp_u32);
    *n = k;
    return at;
}

/* The first removed instruction from i on, ncode if none (the flags are
 * bytes: memchr finds the next one a word at a time). */
static uint32_t next_removed(const WasmBodyEditor *ed, uint32_t i)
{
    if (i >= ed->ncode)
        return ed->ncode;
    const bool *r = memchr(ed->removed + i, 1, ed->ncode - i);
    return r ? (uint32_t)(r - ed->removed) : ed->ncode;
}

/* n bytes from p to out, n at most 16, as two fixed-size copies that may
 * overlap (a call to memcpy costs more than most pieces take). */
static inline void copy_small(uint8_t *out, const uint8_t *p, size_t n)
{
    if (n >= 8) {
        uint64_t a, z;
        memcpy(&a, p, 8);
        memcpy(&z, p + n - 8, 8);
        memcpy(out, &a, 8);
        memcpy(out + n - 8, &z, 8);
    } else if (n >= 4) {
        uint32_t a, z;
        memcpy(&a, p, 4);
        memcpy(&z, p + n - 4, 4);
        memcpy(out, &a, 4);
        memcpy(out + n - 4, &z, 4);
    } else {
        for (size_t k = 0; k < n; k++)
            out[k] = p[k];
    }
}

/* Appends n bytes; most pieces are a few bytes. */
static inline void put(Buf *b, const uint8_t *p, size_t n)
{
    if (b->cap - b->len < n)
        buf_reserve(b, n);
    uint8_t *out = b->data + b->len;
    if (n <= 16)
        copy_small(out, p, n);
    else
        memcpy(out, p, n);
    b->len += n;
}

/* A commit in progress: the original bytes from run on are not copied
 * yet (they lie back to back in the body).  The function sites of the
 * new body (where its instructions naming a function start) are
 * collected as it is made. */
typedef struct {
    WasmBodyEditor *ed;
    const uint8_t *body;
    Buf b;
    uint32_t run;
    uint32_t refs, count;
    bool old_calls;             /* the old code may name a function */
    VEC(uint32_t) sites;        /* in the new body (ed->arena) */
    bool sites_known;
    const uint32_t *osite, *osites_end; /* the old body's recorded sites
                                           not passed yet (or NULL) */
} Commit;

static void push_site(Commit *c, uint32_t at)
{
    avec_push(c->ed->arena, c->sites, at);
}

static inline bool names_func(const WasmInstr *in)
{
    return wasm_ops[in->op].imm == IMM_FUNC;
}

/* untouched_sites from the sites the reader recorded: those before
 * instruction `to` (those of a call, return_call or ref.func; the rest
 * are unreachables), and `to`'s own passed over (write_touched sees
 * to it). */
static void recorded_sites(Commit *c, uint32_t to)
{
    const WasmBodyEditor *ed = c->ed;
    uint32_t stop = to < ed->ncode ? ed->code[to].off : UINT32_MAX;
    const uint32_t *s = c->osite;
    for (; s < c->osites_end && *s < stop; s++)
        if (c->body[*s] != 0x00)
            push_site(c, (uint32_t)c->b.len + (*s - c->run));
    c->osite = s + (s < c->osites_end && *s == stop);
}

/* The sites among the untouched instructions [i, to), which lie in the
 * pending run: each lands where the run is appended, at b.len. */
static void untouched_sites(Commit *c, uint32_t i, uint32_t to)
{
    if (c->osite) {
        recorded_sites(c, to);
        return;
    }
    const WasmInstr *in = c->ed->code + i, *end = c->ed->code + to;
    for (; in < end; in++)
        if (names_func(in))
            push_site(c, (uint32_t)c->b.len + (in->off - c->run));
}

static void copy_upto(Commit *c, uint32_t off)
{
    put(&c->b, c->body + c->run, off - c->run);
    c->run = off;
}

/* The function sites of inserted code that names a function, found by
 * decoding it (at: where it lands in the new body). */
static void edit_sites(Commit *c, const WasmEdit *e, uint32_t at)
{
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, e->bytes, e->len, &err);
    while (r.p < r.end) {
        uint32_t off = (uint32_t)(r.p - e->bytes);
        WasmInstr in;
        if (!wdec_instr(&r, &in, c->ed->arena)) {
            c->sites_known = false; /* the writer decodes it all */
            return;
        }
        if (wasm_ops[in.op].imm == IMM_FUNC)
            push_site(c, at + off);
    }
}

static inline uint32_t write_edits(Commit *c, const WasmEdit *e)
{
    uint32_t refs = 0;
    for (; e; e = e->next) {
        if (e->refs & WASM_REFS_FUNC)
            edit_sites(c, e, (uint32_t)c->b.len);
        put(&c->b, e->bytes, e->len);
        refs |= e->refs;
        c->count += e->n;
    }
    return refs;
}

/* Instruction i with what is inserted around or in place of it.  Kept
 * in the pending run when nothing follows it. */
static void write_touched(Commit *c, uint32_t i)
{
    const WasmEditSet none = {NULL, NULL, NULL};
    const WasmEditSet *e = wrw_edits(c->ed, i);
    e = e ? e : &none;
    const WasmInstr *in = &c->ed->code[i];
    copy_upto(c, in->off);
    c->refs |= write_edits(c, e->before);
    if (c->old_calls && !c->ed->removed[i] && names_func(in))
        push_site(c, (uint32_t)c->b.len); /* run starts at it */
    if (c->ed->removed[i])
        c->run = in->off + in->len;
    else if (e->replace || e->after)
        copy_upto(c, in->off + in->len);
    c->count += !c->ed->removed[i];
    c->refs |= write_edits(c, e->replace);
    c->refs |= write_edits(c, e->after);
}

/* Only the edited and the removed instructions are looked at: the runs
 * between them are copied whole, most of a body being such runs (their
 * decoded instructions are only looked through for calls, when the body
 * has any: a writer that renumbers functions then need not scan it). */
void wrw_commit(WasmBodyEditor *ed)
{
    Commit c = {.ed = ed, .sites_known = true};
    c.body = begin_commit(ed, &c.b);
    c.old_calls = ed->m->funcs.v[ed->func].refs & WASM_REFS_FUNC;
    if (ed->osites && !ed->m->funcs.v[ed->func].new_body) {
        c.osite = ed->osites;
        c.osites_end = ed->osites + ed->nosites;
    }
    uint32_t nedited;
    const uint32_t *edited = edited_list(ed, &nedited);
    uint32_t k = 0, untouched = 0;
    uint32_t removed = next_removed(ed, 0);
    c.run = ed->ncode ? ed->code[0].off : 0;
    for (uint32_t i = 0; i < ed->ncode;) {
        uint32_t next = k < nedited && edited[k] < removed ? edited[k]
                                                           : removed;
        if (c.old_calls)
            untouched_sites(&c, i, next);
        untouched += next - i;
        if (next == ed->ncode)
            break;
        write_touched(&c, next);
        if (k < nedited && edited[k] == next)
            k++;
        if (removed == next)
            removed = next_removed(ed, next + 1);
        i = next + 1;
    }
    if (ed->ncode) {
        const WasmInstr *last = &ed->code[ed->ncode - 1];
        copy_upto(&c, last->off + last->len);
    }
    ed->edit_refs = c.refs;
    static const uint32_t no_sites[1];
    const uint32_t *sites = c.sites.n ? c.sites.v : no_sites;
    store_body(ed, &c.b, c.refs | ed->m->funcs.v[ed->func].refs,
               c.count + untouched, c.sites_known ? sites : NULL,
               c.sites.n);
}

void wrw_commit_code(WasmBodyEditor *ed, const WasmInstr *code, uint32_t n)
{
    Buf b;
    begin_commit(ed, &b);
    /* as wrw_commit: a superset is harmless */
    uint32_t refs = ed->m->funcs.v[ed->func].refs;
    for (uint32_t i = 0; i < n; i++) {
        wenc_instr(&b, &code[i]);
        refs |= wasm_instr_refs(&code[i]);
    }
    store_body(ed, &b, refs, n, NULL, 0);
}

/* ---- splicing at recorded sites ------------------------------------------------------ */

const uint32_t *wasm_body_sites(const WasmModule *m, uint32_t func,
                                uint32_t *n)
{
    static const uint32_t none[1];
    if (!m->sites_known || func < m->nimported[WASM_EXT_FUNC] ||
        func >= m->norig[WASM_EXT_FUNC])
        return NULL;
    const WasmFunc *f = &m->funcs.v[func];
    if (f->new_body || f->splice || f->import >= 0 || f->added)
        return NULL;
    *n = f->nsites;
    return f->nsites ? m->body_sites.v + f->sites_at : none;
}

/* Whether every offset of at[0..nat) is one of sites[0..nsites) (both
 * ascending): instruction starts, where code may go. */
static bool all_sites(const uint32_t *at, uint32_t nat, const uint32_t *sites,
                      uint32_t nsites)
{
    uint32_t j = 0;
    for (uint32_t k = 0; k < nat; k++) {
        while (j < nsites && sites[j] < at[k])
            j++;
        if (j == nsites || sites[j] != at[k])
            return false;
    }
    return true;
}

/* Where the code of body starts (after its local declarations), 0 if
 * they cannot be read (they were when the body was). */
static uint32_t code_offset(const uint8_t *body, uint32_t len)
{
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, body, len, &err);
    uint64_t nlocals;
    return wimpl_read_locals(&r, &nlocals) ? (uint32_t)(r.p - body) : 0;
}

/* The splice's local declarations: the body's own and those added. */
static void splice_locals(WasmModule *m, const WasmFunc *f, WasmSplice *sp,
                          const WasmValType *added, uint32_t nadded)
{
    const uint8_t *body = m->bytes + f->body.off;
    sp->code_off = code_offset(body, f->body.len);
    Buf b;
    buf_init(&b);
    write_decls(&b, body, sp->code_off, added, nadded);
    sp->locals = arena_dup(&m->arena, b.data, b.len);
    sp->locals_len = (uint32_t)b.len;
    sp->added += sp->locals_len - sp->code_off;
    buf_fini(&b);
}

struct WasmHeldPiece {
    uint32_t off;
    uint16_t len;
    uint8_t n;
    bool calls;
};

/* The pieces as a splice holds them; NULL when one is too large. */
static const WasmHeldPiece *held_pieces(WasmModule *m,
                                        const WasmSplicePiece *pieces,
                                        uint32_t npieces)
{
    WasmHeldPiece *h =
        arena_alloc_raw(&m->arena, sizeof *h * (npieces ? npieces : 1));
    for (uint32_t k = 0; k < npieces; k++) {
        if (pieces[k].len > UINT16_MAX || pieces[k].n > UINT8_MAX)
            return NULL;
        h[k] = (WasmHeldPiece){pieces[k].off, (uint16_t)pieces[k].len,
                               (uint8_t)pieces[k].n, pieces[k].calls};
    }
    return h;
}

bool wrw_splice_pieces(WasmModule *m, uint32_t func, const uint32_t *at,
                       const uint32_t *piece, uint32_t nat,
                       const WasmSplicePiece *pieces, uint32_t npieces,
                       const uint8_t *pool, const WasmValType *added,
                       uint32_t nadded, uint32_t refs)
{
    uint32_t nsites;
    if (!wasm_body_sites(m, func, &nsites))
        return false;
    if (nat == 0 && nadded == 0)
        return true;
    WasmFunc *f = &m->funcs.v[func];
    WasmSplice sp = {.nat = nat,
                     .pieces = held_pieces(m, pieces, npieces)};
    if (!sp.pieces)
        return false;
    uint8_t *list = xmalloc((size_t)nat * 10 + 1); /* two LEBs each */
    size_t len = 0;
    uint32_t prev = 0, pool_len = 0, ninstr = 0;
    for (uint32_t k = 0; k < nat; k++) {
        const WasmSplicePiece *pc = &pieces[piece[k]];
        len += wenc_u64_to(list + len, at[k] - prev);
        len += wenc_u64_to(list + len, piece[k]);
        prev = at[k];
        sp.added += pc->len;
        ninstr += pc->n;
    }
    for (uint32_t k = 0; k < npieces; k++)
        if (pieces[k].off + pieces[k].len > pool_len)
            pool_len = pieces[k].off + pieces[k].len;
    static const uint8_t none[1];
    sp.list = len ? arena_dup(&m->arena, list, len) : none;
    free(list);
    sp.pool = pool_len ? arena_dup(&m->arena, pool, pool_len) : none;
    if (nadded)
        splice_locals(m, f, &sp, added, nadded);
    vec_push(m->splices, sp);
    f->splice = m->splices.n;
    f->refs |= refs;
    if (f->ninstr)
        f->ninstr += ninstr;
    return true;
}

bool wrw_splice_before(WasmModule *m, uint32_t func, const uint32_t *at,
                       uint32_t nat, const uint8_t *code, uint32_t len,
                       uint32_t n, uint32_t refs)
{
    uint32_t nsites;
    const uint32_t *sites = wasm_body_sites(m, func, &nsites);
    if (!sites || !all_sites(at, nat, sites, nsites))
        return false;
    WasmSplicePiece one = {0, len, n, refs & WASM_REFS_FUNC};
    uint32_t *piece = xcalloc(nat ? nat : 1, sizeof *piece);
    bool ok = wrw_splice_pieces(m, func, at, piece, nat, &one, 1, code,
                                NULL, 0, refs);
    free(piece);
    return ok;
}

/* Appends body[*run..upto) to out. */
static void copy_run(Buf *out, const uint8_t *body, uint32_t *run,
                     uint32_t upto)
{
    put(out, body + *run, upto - *run);
    *run = upto;
}

/* A LEB of the list wrw_splice_pieces made (well formed: its own). */
static inline uint32_t list_u32(const uint8_t **p)
{
    uint32_t v = 0;
    for (uint32_t shift = 0;; shift += 7) {
        uint8_t b = *(*p)++;
        v |= (uint32_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
    }
}

/* The next insertion of a splice's list at *p: its offset (after *at)
 * and its piece. */
static inline const WasmHeldPiece *next_insertion(const WasmSplice *sp,
                                                  const uint8_t **p,
                                                  uint32_t *at)
{
    *at += list_u32(p);
    return &sp->pieces[list_u32(p)];
}

/* A spliced body being made: the list read up to p, its k-th insertion
 * (next, at offset at) the next to go in, the body copied up to run, the
 * recorded sites (wasm_body_sites) up to j seen. */
typedef struct {
    const WasmSplice *sp;
    const uint8_t *body, *p;
    const uint32_t *sites;
    uint32_t nsites, j, k, at, run;
    const WasmHeldPiece *next;
} SpliceCopy;

/* Where the recorded sites before offset upto name a function (all but
 * `unreachable`s), in the body as made (fsites). */
static void sites_before(SpliceCopy *c, const Buf *out,
                         WimplOffsets *fsites, uint32_t upto)
{
    for (; c->j < c->nsites && c->sites[c->j] < upto; c->j++)
        if (c->body[c->sites[c->j]] != 0x00)
            vec_push(*fsites, (uint32_t)out->len + (c->sites[c->j] - c->run));
}

/* The insertions in front of every offset up to upto, with the body up to
 * the last of them. */
static void splice_upto(SpliceCopy *c, Buf *out, WimplOffsets *fsites,
                        uint32_t upto)
{
    while (c->next && c->at <= upto) {
        sites_before(c, out, fsites, c->at);
        copy_run(out, c->body, &c->run, c->at);
        if (c->next->calls)
            vec_push(*fsites, (uint32_t)out->len);
        put(out, c->sp->pool + c->next->off, c->next->len);
        c->next = ++c->k < c->sp->nat ? next_insertion(c->sp, &c->p, &c->at)
                                      : NULL;
    }
}

void wimpl_splice_body(const WasmModule *m, const WasmFunc *f, Buf *out,
                       WimplOffsets *fsites)
{
    const WasmSplice *sp = &m->splices.v[f->splice - 1];
    SpliceCopy c = {.sp = sp, .body = m->bytes + f->body.off, .p = sp->list,
                    .sites = m->body_sites.v + f->sites_at,
                    .nsites = f->nsites};
    out->len = 0;
    fsites->n = 0;
    buf_reserve(out, f->body.len + (size_t)sp->added);
    if (sp->locals) {
        put(out, sp->locals, sp->locals_len);
        c.run = sp->code_off;
    }
    c.next = sp->nat ? next_insertion(sp, &c.p, &c.at) : NULL;
    splice_upto(&c, out, fsites, f->body.len);
    sites_before(&c, out, fsites, f->body.len);
    copy_run(out, c.body, &c.run, f->body.len);
}

void wasm_settle_body(WasmModule *m, uint32_t func)
{
    WasmFunc *f = &m->funcs.v[func];
    if (!f->splice)
        return;
    Buf b;
    buf_init(&b);
    WimplOffsets fsites = {0};
    wimpl_splice_body(m, f, &b, &fsites);
    f->splice = 0;
    static const uint32_t none[1];
    wimpl_store_body(m, func, &b, f->refs, f->ninstr,
                     fsites.n ? fsites.v : none, fsites.n);
    vec_free(fsites);
}

uint32_t wasm_body_len(const WasmModule *m, const WasmFunc *f)
{
    if (f->import >= 0)
        return 0;
    if (f->new_body)
        return f->new_body_len;
    if (!f->splice)
        return f->body.len;
    return f->body.len + m->splices.v[f->splice - 1].added;
}

/* ---- one instruction at a time ----------------------------------------------------- */

bool wimpl_open_code(WasmModule *m, uint32_t func, WasmReader *r,
                     uint32_t *locals_off, WasmError *err)
{
    memset(err, 0, sizeof *err);
    if (func >= m->funcs.n || m->funcs.v[func].import >= 0) {
        err->failed = true;
        snprintf(err->msg, sizeof err->msg, "function %u has no body", func);
        return false;
    }
    wasm_settle_body(m, func);
    uint32_t len;
    const uint8_t *body = body_bytes(m, &m->funcs.v[func], &len);
    wasm_reader_init(r, body, len, err);
    uint64_t nlocals;
    TRY(wimpl_read_locals(r, &nlocals));
    *locals_off = (uint32_t)(r->p - body);
    return true;
}

bool wrw_scan_code(WasmModule *m, uint32_t func, Arena *scratch,
                   bool (*visit)(void *ctx, const WasmInstr *in), void *ctx,
                   WasmError *err)
{
    WasmReader r;
    uint32_t locals_off;
    TRY(wimpl_open_code(m, func, &r, &locals_off, err));
    bool more = true;
    while (more && r.p < r.end) {
        WasmInstr in;
        TRY(wdec_instr(&r, &in, scratch));
        more = visit(ctx, &in);
        arena_reset(scratch);
    }
    const WasmFunc *f = &m->funcs.v[func];
    if (f->new_body) /* read: its pages may go back */
        wspill_read_done(m, f->new_body, f->new_body_len);
    return true;
}

bool wrw_map_code(WasmModule *m, uint32_t func, Arena *scratch, WrwMapFn map,
                  void *ctx, WasmError *err)
{
    WasmReader r;
    WasmBodyEditor ed; /* only what begin_commit and store_body read */
    memset(&ed, 0, sizeof ed);
    ed.m = m;
    ed.func = func;
    TRY(wimpl_open_code(m, func, &r, &ed.locals_off, err));
    Buf b;
    begin_commit(&ed, &b);
    uint32_t refs = m->funcs.v[func].refs, count = 0;
    while (r.p < r.end) {
        WasmInstr in;
        if (!wdec_instr(&r, &in, scratch)) {
            buf_fini(&b);
            return false;
        }
        const WasmInstr *out;
        uint32_t n = map(ctx, &in, &out);
        for (uint32_t i = 0; i < n; i++) {
            wenc_instr(&b, &out[i]);
            refs |= wasm_instr_refs(&out[i]);
        }
        count += n;
        arena_reset(scratch);
    }
    store_body(&ed, &b, refs, count, NULL, 0);
    return true;
}

/* ---- whole-module additions ------------------------------------------------------ */

static bool same_func_type(const WasmType *t, const WasmValType *params,
                           uint32_t np, const WasmValType *results,
                           uint32_t nr)
{
    if (t->kind != WASM_TYPE_FUNC || !t->plain || t->nparams != np ||
        t->nresults != nr)
        return false;
    for (uint32_t i = 0; i < np; i++)
        if (!wasm_valtype_eq(t->params[i], params[i]))
            return false;
    for (uint32_t i = 0; i < nr; i++)
        if (!wasm_valtype_eq(t->results[i], results[i]))
            return false;
    return true;
}

uint32_t wasm_add_func_type(WasmModule *m, const WasmValType *params,
                            uint32_t np, const WasmValType *results,
                            uint32_t nr)
{
    for (uint32_t i = 0; i < m->types.n; i++)
        if (same_func_type(&m->types.v[i], params, np, results, nr))
            return i;
    WasmType t;
    memset(&t, 0, sizeof t);
    t.kind = WASM_TYPE_FUNC;
    t.final = true;
    t.plain = true;
    t.rec_group = m->nrec_groups + (m->types.n - m->ntypes_orig);
    t.nparams = np;
    t.nresults = nr;
    t.params = arena_dup(&m->arena, params, sizeof *params * np);
    t.results = arena_dup(&m->arena, results, sizeof *results * nr);
    vec_push(m->types, t);
    return m->types.n - 1;
}

static WasmImport *push_import(WasmModule *m, const char *module,
                               const char *field, WasmExternKind kind,
                               uint32_t index)
{
    WasmImport imp;
    memset(&imp, 0, sizeof imp);
    imp.module_len = (uint32_t)strlen(module);
    imp.field_len = (uint32_t)strlen(field);
    imp.module = arena_strndup(&m->arena, module, imp.module_len);
    imp.field = arena_strndup(&m->arena, field, imp.field_len);
    imp.kind = (uint8_t)kind;
    imp.index = index;
    vec_push(m->imports, imp);
    return &m->imports.v[m->imports.n - 1];
}

uint32_t wasm_add_import_func(WasmModule *m, const char *module,
                              const char *field, uint32_t type)
{
    WasmFunc f = {.type = type, .import = (int32_t)m->imports.n,
                  .added = true};
    push_import(m, module, field, WASM_EXT_FUNC, m->funcs.n);
    vec_push(m->funcs, f);
    return m->funcs.n - 1;
}

uint32_t wasm_add_import_global(WasmModule *m, const char *module,
                                const char *field, WasmValType type, bool mut)
{
    WasmGlobal g = {.type = type, .mut = mut,
                    .import = (int32_t)m->imports.n, .added = true};
    push_import(m, module, field, WASM_EXT_GLOBAL, m->globals.n);
    vec_push(m->globals, g);
    return m->globals.n - 1;
}

uint32_t wasm_add_import_memory(WasmModule *m, const char *module,
                                const char *field, WasmLimits limits)
{
    WasmMemory mem = {.limits = limits, .import = (int32_t)m->imports.n,
                      .added = true};
    push_import(m, module, field, WASM_EXT_MEMORY, m->memories.n);
    vec_push(m->memories, mem);
    return m->memories.n - 1;
}

/* Encodes code followed by `end` into the module arena. */
static const uint8_t *encode_expr(WasmModule *m, const WasmInstr *code,
                                  uint32_t n, uint32_t *len, uint32_t *refs)
{
    Buf b;
    buf_init(&b);
    *refs = 0;
    for (uint32_t i = 0; i < n; i++) {
        wenc_instr(&b, &code[i]);
        *refs |= wasm_instr_refs(&code[i]);
    }
    buf_push(&b, 0x0B);
    const uint8_t *out = arena_dup_bytes(&m->arena, b.data, b.len);
    *len = (uint32_t)b.len;
    buf_fini(&b);
    return out;
}

uint32_t wasm_add_func(WasmModule *m, uint32_t type, const WasmValType *locals,
                       uint32_t nlocals, const WasmInstr *code, uint32_t n)
{
    Buf b;
    buf_init(&b);
    wenc_u32(&b, count_groups(locals, nlocals));
    write_groups(&b, locals, nlocals);
    uint32_t refs = 0;
    for (uint32_t i = 0; i < n; i++) {
        wenc_instr(&b, &code[i]);
        refs |= wasm_instr_refs(&code[i]);
    }
    buf_push(&b, 0x0B);
    uint32_t idx = wimpl_add_func_body(m, type, b.data, (uint32_t)b.len, refs);
    m->funcs.v[idx].ninstr = n + 1;
    buf_fini(&b);
    return idx;
}

uint32_t wimpl_add_func_body(WasmModule *m, uint32_t type, const uint8_t *body,
                             uint32_t len, uint32_t refs)
{
    WasmFunc f = {.type = type, .import = -1, .added = true, .refs = refs};
    f.new_body = wspill_store(m, body, len);
    f.new_body_len = len;
    vec_push(m->funcs, f);
    return m->funcs.n - 1;
}

uint32_t wasm_add_global(WasmModule *m, WasmValType type, bool mut,
                         const WasmInstr *init, uint32_t n)
{
    WasmGlobal g = {.type = type, .mut = mut, .import = -1, .added = true};
    uint32_t refs;
    g.init.bytes = encode_expr(m, init, n, &g.init.len, &refs);
    vec_push(m->globals, g);
    return m->globals.n - 1;
}

/* An expression set before (bytes in the arena) is overwritten in place
 * when the new one is no longer: per-site globals get their final address
 * several times, and each copy would stay in the arena. */
void wasm_set_global_init(WasmModule *m, uint32_t global,
                          const WasmInstr *init, uint32_t n)
{
    WasmGlobal *g = &m->globals.v[global];
    Buf b;
    buf_init(&b);
    for (uint32_t i = 0; i < n; i++)
        wenc_instr(&b, &init[i]);
    buf_push(&b, 0x0B);
    if (g->init.bytes && b.len <= g->init.len)
        memcpy((uint8_t *)g->init.bytes, b.data, b.len);
    else
        g->init.bytes = arena_dup_bytes(&m->arena, b.data, b.len);
    g->init.len = (uint32_t)b.len;
    buf_fini(&b);
}

uint32_t wasm_add_memory(WasmModule *m, WasmLimits limits)
{
    WasmMemory mem = {.limits = limits, .import = -1, .added = true};
    vec_push(m->memories, mem);
    return m->memories.n - 1;
}

void wasm_set_memory_limits(WasmModule *m, uint32_t memory,
                            WasmLimits limits)
{
    m->memories.v[memory].limits = limits;
    m->memories.v[memory].limits_changed = true;
}

bool wasm_remove_last_memory(WasmModule *m, uint32_t memory)
{
    if (memory + 1 != m->memories.n || !m->memories.v[memory].added)
        return false;
    m->memories.n--;
    return true;
}

uint32_t wasm_add_table(WasmModule *m, WasmValType elem, WasmLimits limits)
{
    WasmTable t = {.elem = elem, .limits = limits, .import = -1,
                   .added = true};
    vec_push(m->tables, t);
    return m->tables.n - 1;
}

uint32_t wasm_add_data(WasmModule *m, uint32_t memory, const WasmInstr *offset,
                       uint32_t n, const uint8_t *bytes, uint32_t len)
{
    return wasm_add_data_ref(m, memory, offset, n,
                             arena_dup(&m->arena, bytes, len), len);
}

void wasm_module_adopt(WasmModule *m, void *block,
                       void (*release)(void *block))
{
    WasmAdopted a = {block, release};
    vec_push(m->adopted, a);
}

uint32_t wasm_add_data_ref(WasmModule *m, uint32_t memory,
                           const WasmInstr *offset, uint32_t n,
                           const uint8_t *bytes, uint32_t len)
{
    WasmData d;
    memset(&d, 0, sizeof d);
    d.flags = 2;
    d.mode = WASM_SEG_ACTIVE;
    d.memory = memory;
    uint32_t refs;
    d.offset.bytes = encode_expr(m, offset, n, &d.offset.len, &refs);
    d.bytes = bytes;
    d.len = len;
    if (m->datas.n == m->datas.cap) { /* by an eighth: it may be large */
        m->datas.cap += m->datas.cap / 8 + 8;
        m->datas.v = xrealloc(m->datas.v, sizeof *m->datas.v * m->datas.cap);
    }
    m->datas.v[m->datas.n++] = d;
    return m->datas.n - 1;
}

void wasm_set_data_target(WasmModule *m, uint32_t data, uint32_t memory,
                          const WasmInstr *offset, uint32_t n)
{
    WasmData *d = &m->datas.v[data];
    uint32_t refs;
    d->flags = 2;
    d->mode = WASM_SEG_ACTIVE;
    d->memory = memory;
    d->offset.bytes = encode_expr(m, offset, n, &d->offset.len, &refs);
}

uint32_t wasm_add_elem(WasmModule *m, uint8_t mode, uint32_t table,
                       const WasmInstr *offset, uint32_t n,
                       const uint32_t *funcs, uint32_t count)
{
    WasmElem e;
    memset(&e, 0, sizeof e);
    e.mode = mode;
    /* binary forms: 0/2 active (2 names the table), 1 passive, 3 declarative;
     * the writer switches 0 to 2 when the final table index is not 0 */
    e.flags = mode == WASM_SEG_ACTIVE ? (table == 0 ? 0 : 2)
            : mode == WASM_SEG_PASSIVE ? 1 : 3;
    e.table = table;
    e.type.code = WASM_FUNCREF;
    if (mode == WASM_SEG_ACTIVE) {
        uint32_t refs;
        e.offset.bytes = encode_expr(m, offset, n, &e.offset.len, &refs);
    }
    e.count = count;
    e.funcs = arena_dup(&m->arena, funcs, sizeof *funcs * count);
    vec_push(m->elems, e);
    return m->elems.n - 1;
}

bool wasm_add_export(WasmModule *m, const char *name, WasmExternKind kind,
                     uint32_t index)
{
    for (uint32_t i = 0; i < m->exports.n; i++)
        if (strcmp(m->exports.v[i].name, name) == 0)
            return false;
    WasmExport e;
    memset(&e, 0, sizeof e);
    e.name_len = (uint32_t)strlen(name);
    e.name = arena_strndup(&m->arena, name, e.name_len);
    e.kind = (uint8_t)kind;
    e.index = index;
    vec_push(m->exports, e);
    return true;
}

void wasm_set_start(WasmModule *m, uint32_t func)
{
    m->has_start = true;
    m->start = func;
    m->start_changed = true;
}

void wasm_set_func_name(WasmModule *m, uint32_t func, const char *name)
{
    WasmFunc *f = &m->funcs.v[func];
    f->name_len = (uint32_t)strlen(name);
    f->name = arena_strndup(&m->arena, name, f->name_len);
    m->names_changed = true;
}
