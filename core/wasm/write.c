/* write.c -- writing the module model back to bytes (docs/wasm-core.md
 * "Writing", wasm.h "working indices"; spec: binary format 5.5).
 *
 * The invariant under test: a module read and written with no edit comes
 * out byte for byte identical.  So every section, entry and function body
 * that no edit touched is copied from the input, and only what changed is
 * encoded.  When entities were added, the working indices
 * are mapped to final ones:
 *     [original imports][added imports][original defs][added defs]
 * and every reference to a space whose numbering moved is rewritten: code
 * (calls, ref.func, global/table/memory/tag immediates), constant
 * expressions, element and data segments, exports, start, names. */
#include "wasm_impl.h"
#include "sink.h"
#include "spill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const WasmModule *m;
    uint32_t *maps[WASM_EXT_COUNT];  /* working -> final; NULL: identity */
    uint32_t moved;                  /* WASM_REFS_* of non-identity maps */
    WimplRemap remap;                /* how code is renumbered */
    WSink out;                       /* where the bytes go */
    Buf body;                        /* a remapped body, reused */
    Buf spliced;                     /* a body made with its splice */
    WimplOffsets fsites;             /* its function sites */
    Arena scratch;                   /* reset per body / expression */
    const uint8_t *done_lo, *done_hi; /* input written, not handed back */
    WasmError *err;
} Writer;

/* Input written out is handed back (file_release_range) a megabyte at a
 * time: a section of small entries (esbuild: 98k data segments) would
 * otherwise stay resident to the end of the write. */
enum { INPUT_RELEASE = 1 << 20, INPUT_GAP = 64 << 10 };

static void release_written(Writer *w)
{
    if (w->done_hi > w->done_lo)
        file_release_range(w->done_lo, (size_t)(w->done_hi - w->done_lo));
    w->done_lo = w->done_hi = NULL;
}

/* p[0..n) was written; where it lies in the input, its pages may go
 * once a megabyte of them (nearly back to back) has been. */
static void note_written(Writer *w, const uint8_t *p, size_t n)
{
    const WasmModule *m = w->m;
    if (p < m->bytes || p >= m->bytes + m->len)
        return;
    if (w->done_lo && (p < w->done_lo || p > w->done_hi + INPUT_GAP))
        release_written(w);
    if (!w->done_lo)
        w->done_lo = w->done_hi = p;
    if (p + n > w->done_hi)
        w->done_hi = p + n;
    if ((size_t)(w->done_hi - w->done_lo) >= INPUT_RELEASE)
        release_written(w);
}

/* Puts p[0..n) out: the output's bytes as they are. */
static void put_bytes(Writer *w, const uint8_t *p, size_t n)
{
    wsink_put(&w->out, p, n);
    note_written(w, p, n);
}

/* ---- index maps ------------------------------------------------------------- */

static bool space_entry(const WasmModule *m, WasmExternKind k, uint32_t i,
                        bool *imported, bool *added)
{
    switch (k) {
    case WASM_EXT_FUNC:
        *imported = m->funcs.v[i].import >= 0;
        *added = m->funcs.v[i].added;
        return true;
    case WASM_EXT_TABLE:
        *imported = m->tables.v[i].import >= 0;
        *added = m->tables.v[i].added;
        return true;
    case WASM_EXT_MEMORY:
        *imported = m->memories.v[i].import >= 0;
        *added = m->memories.v[i].added;
        return true;
    case WASM_EXT_GLOBAL:
        *imported = m->globals.v[i].import >= 0;
        *added = m->globals.v[i].added;
        return true;
    case WASM_EXT_TAG:
        *imported = m->tags.v[i].import >= 0;
        *added = m->tags.v[i].added;
        return true;
    default:
        return false;
    }
}

/* Final order: original imports, added imports, original definitions,
 * added definitions; each group keeps working order. */
static uint32_t *build_map(const WasmModule *m, WasmExternKind k)
{
    uint32_t n = wimpl_space_count(m, k);
    uint32_t *map = xmalloc(sizeof *map * (n ? n : 1));
    uint32_t next = 0;
    bool identity = true;
    for (int group = 0; group < 4; group++) {
        for (uint32_t i = 0; i < n; i++) {
            bool imported, added;
            space_entry(m, k, i, &imported, &added);
            int g = (imported ? 0 : 2) + (added ? 1 : 0);
            if (g != group)
                continue;
            map[i] = next++;
            identity &= map[i] == i;
        }
    }
    if (identity) {
        free(map);
        return NULL;
    }
    return map;
}

uint32_t wasm_final_index(const WasmModule *m, WasmExternKind kind,
                          uint32_t idx)
{
    uint32_t *map = build_map(m, kind);
    uint32_t r = map ? map[idx] : idx;
    free(map);
    return r;
}

static uint32_t fin(const Writer *w, WasmExternKind k, uint32_t idx)
{
    return w->maps[k] ? w->maps[k][idx] : idx;
}

/* ---- section framing ------------------------------------------------------------ */

/* The section's size in the input is the hint for its size LEB: the
 * contents stream out before their size is known (sink.h). */
static void begin_section_sized(Writer *w, uint8_t id, uint64_t hint)
{
    wsink_begin_section(&w->out, id, hint);
}

static void begin_section(Writer *w, uint8_t id, const WasmSection *s)
{
    begin_section_sized(w, id, s ? s->payload.len : 0);
}

static void end_section(Writer *w)
{
    wsink_end_section(&w->out);
}

static void copy_range(Writer *w, WasmRange r)
{
    put_bytes(w, w->m->bytes + r.off, r.len);
}

/* ---- code and expressions -------------------------------------------------------- */

/* Copies an instruction sequence, re-encoding only the instructions whose
 * indices the maps change (remap.c). */
static bool remap_code(Writer *w, const uint8_t *code, size_t len, Buf *out)
{
    return wimpl_remap_code(&w->remap, code, len, out, &w->scratch, w->err);
}

static const uint8_t *expr_bytes(const WasmModule *m, const WasmExpr *e)
{
    return e->bytes ? e->bytes : m->bytes + e->off;
}

static bool write_expr(Writer *w, const WasmExpr *e, Buf *out)
{
    const uint8_t *bytes = expr_bytes(w->m, e);
    bool ok = w->moved ? remap_code(w, bytes, e->len, out)
                       : (buf_append(out, bytes, e->len), true);
    arena_reset(&w->scratch);
    return ok;
}

/* Whether an expression names a space whose numbering moved. */
static bool expr_moves(Writer *w, const WasmExpr *e)
{
    if (!w->moved)
        return false;
    /* most are a constant and `end` */
    if (wimpl_remap_skips(&w->remap, expr_bytes(w->m, e), e->len))
        return false;
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, expr_bytes(w->m, e), e->len, &err);
    uint32_t refs = 0;
    while (r.p < r.end) {
        WasmInstr in;
        if (!wdec_instr(&r, &in, &w->scratch))
            break;
        refs |= wasm_instr_refs(&in);
    }
    arena_reset(&w->scratch);
    return (refs & w->moved) != 0;
}

/* A committed body of which only the instructions at sites (offsets
 * into it) name a space that moved. */
static bool write_sites(Writer *w, const uint8_t *body, uint32_t len,
                        const uint32_t *sites, uint32_t nsites, Buf *out)
{
    if (!nsites) {
        wenc_u32(out, len);
        put_bytes(w, body, len);
        return true;
    }
    Buf *tmp = &w->body;
    tmp->len = 0;
    TRY(wimpl_remap_sites(&w->remap, body, len, sites, nsites, tmp,
                          &w->scratch, w->err));
    wenc_u32(out, (uint32_t)tmp->len);
    wsink_put(&w->out, tmp->data, tmp->len);
    return true;
}

/* The code after body's locals, renumbered, as a body into out. */
static bool write_remapped(Writer *w, const uint8_t *body, uint32_t len,
                          Buf *out)
{
    WasmReader r;
    wasm_reader_init(&r, body, len, w->err);
    uint64_t nlocals;
    TRY(wimpl_read_locals(&r, &nlocals));
    Buf *tmp = &w->body;
    tmp->len = 0;
    buf_append(tmp, body, (size_t)(r.p - body));
    TRY(remap_code(w, r.p, (size_t)(r.end - r.p), tmp));
    wenc_u32(out, (uint32_t)tmp->len);
    wsink_put(&w->out, tmp->data, tmp->len);
    return true;
}

/* An original body with the code wrw_splice_before put in it, made here
 * (it is not held anywhere else). */
static bool write_spliced(Writer *w, const WasmFunc *f, Buf *out)
{
    if (f->new_body) { /* stored without wasm_settle_body: code lost */
        w->err->failed = true;
        snprintf(w->err->msg, sizeof w->err->msg, "internal error: "
                 "function %u was replaced before its spliced code was put "
                 "in", (unsigned)(f - w->m->funcs.v));
        return false;
    }
    Buf *b = &w->spliced;
    wimpl_splice_body(w->m, f, b, &w->fsites);
    bool ok = true;
    if (!(f->refs & w->moved)) {
        wenc_u32(out, (uint32_t)b->len);
        wsink_put(&w->out, b->data, b->len);
    } else if (!(w->moved & ~WASM_REFS_FUNC)) {
        ok = write_sites(w, b->data, (uint32_t)b->len, w->fsites.v,
                         w->fsites.n, out);
    } else {
        ok = write_remapped(w, b->data, (uint32_t)b->len, out);
    }
    note_written(w, w->m->bytes + f->body.off, f->body.len);
    return ok;
}

static bool write_body(Writer *w, const WasmFunc *f, Buf *out)
{
    const WasmModule *m = w->m;
    if (f->splice)
        return write_spliced(w, f, out);
    const uint8_t *body = f->new_body ? f->new_body : m->bytes + f->body.off;
    uint32_t len = f->new_body ? f->new_body_len : f->body.len;
    if (!f->new_body && !(f->refs & w->moved)) {
        put_bytes(w, body - f->size_len, len + f->size_len);
        return true;
    }
    if (!(f->refs & w->moved)) {
        wenc_u32(out, len);
        put_bytes(w, body, len);
        return true;
    }
    uint32_t nsites, func = (uint32_t)(f - m->funcs.v);
    const uint32_t *sites = w->moved & ~WASM_REFS_FUNC ? NULL
        : f->new_body ? wspill_sites(m, func, body, &nsites)
        : wasm_body_sites(m, func, &nsites);
    if (sites) { /* a commit or the reader said where its calls are */
        TRY(write_sites(w, body, len, sites, nsites, out));
        note_written(w, body, len);
        return true;
    }
    /* locals are copied; the code after them is remapped */
    TRY(write_remapped(w, body, len, out));
    note_written(w, body, len);
    return true;
}

/* ---- entry encoders (added entries, and originals that must change) --------------- */

static void write_limits(Buf *b, const WasmLimits *l)
{
    buf_push(b, (uint8_t)(l->has_max | l->shared << 1 | l->is64 << 2 |
                          l->has_page_log2 << 3));
    wenc_u64(b, l->min);
    if (l->has_max)
        wenc_u64(b, l->max);
    if (l->has_page_log2)
        wenc_u32(b, l->page_log2);
}

static void write_import(const WasmModule *m, const WasmImport *imp, Buf *b)
{
    wenc_name(b, imp->module, imp->module_len);
    wenc_name(b, imp->field, imp->field_len);
    buf_push(b, imp->kind);
    switch (imp->kind) {
    case WASM_EXT_FUNC: wenc_u32(b, m->funcs.v[imp->index].type); break;
    case WASM_EXT_TABLE:
        wenc_valtype(b, m->tables.v[imp->index].elem);
        write_limits(b, &m->tables.v[imp->index].limits);
        break;
    case WASM_EXT_MEMORY: write_limits(b, &m->memories.v[imp->index].limits);
        break;
    case WASM_EXT_GLOBAL:
        wenc_valtype(b, m->globals.v[imp->index].type);
        buf_push(b, m->globals.v[imp->index].mut);
        break;
    case WASM_EXT_TAG:
        buf_push(b, 0);
        wenc_u32(b, m->tags.v[imp->index].type);
        break;
    }
}

static void write_func_type(const WasmType *t, Buf *b)
{
    buf_push(b, WASM_TYPE_FUNC);
    wenc_u32(b, t->nparams);
    for (uint32_t i = 0; i < t->nparams; i++)
        wenc_valtype(b, t->params[i]);
    wenc_u32(b, t->nresults);
    for (uint32_t i = 0; i < t->nresults; i++)
        wenc_valtype(b, t->results[i]);
}

static bool write_table(Writer *w, const WasmTable *t, Buf *b)
{
    if (t->has_init) {
        buf_push(b, 0x40);
        buf_push(b, 0x00);
    }
    wenc_valtype(b, t->elem);
    write_limits(b, &t->limits);
    return !t->has_init || write_expr(w, &t->init, b);
}

static bool write_global(Writer *w, const WasmGlobal *g, Buf *b)
{
    wenc_valtype(b, g->type);
    buf_push(b, g->mut);
    return write_expr(w, &g->init, b);
}

static void write_export(Writer *w, const WasmExport *e, Buf *b)
{
    wenc_name(b, e->name, e->name_len);
    buf_push(b, e->kind);
    wenc_u32(b, fin(w, (WasmExternKind)e->kind, e->index));
}

static bool write_elem(Writer *w, const WasmElem *e, Buf *b)
{
    uint32_t table = fin(w, WASM_EXT_TABLE, e->table);
    uint32_t flags = e->flags;
    if (e->mode == WASM_SEG_ACTIVE && table != 0)
        flags |= 2; /* the short forms imply table 0 */
    wenc_u32(b, flags);
    if (e->mode == WASM_SEG_ACTIVE) {
        if (flags & 2)
            wenc_u32(b, table);
        TRY(write_expr(w, &e->offset, b));
    }
    if (flags != 0 && flags != 4) {
        if (e->uses_exprs)
            wenc_valtype(b, e->type);
        else
            buf_push(b, 0x00);
    }
    wenc_u32(b, e->count);
    for (uint32_t i = 0; i < e->count; i++) {
        if (e->uses_exprs)
            TRY(write_expr(w, &e->exprs[i], b));
        else
            wenc_u32(b, fin(w, WASM_EXT_FUNC, e->funcs[i]));
    }
    return true;
}

static bool write_data(Writer *w, const WasmData *d, Buf *b)
{
    uint32_t mem = fin(w, WASM_EXT_MEMORY, d->memory);
    uint32_t flags = d->mode == WASM_SEG_PASSIVE ? 1 : (mem != 0 ? 2 : d->flags);
    wenc_u32(b, flags);
    if (flags == 2)
        wenc_u32(b, mem);
    if (d->mode == WASM_SEG_ACTIVE)
        TRY(write_expr(w, &d->offset, b));
    wenc_u32(b, d->len);
    put_bytes(w, d->bytes, d->len); /* b is the output */
    return true;
}

/* ---- which entries must be re-encoded --------------------------------------------- */

static bool elem_moves(Writer *w, const WasmElem *e)
{
    if ((w->moved & WASM_REFS_TABLE) && e->mode == WASM_SEG_ACTIVE &&
        fin(w, WASM_EXT_TABLE, e->table) != e->table)
        return true;
    if (e->mode == WASM_SEG_ACTIVE && expr_moves(w, &e->offset))
        return true;
    for (uint32_t i = 0; i < e->count; i++) {
        if (e->uses_exprs ? expr_moves(w, &e->exprs[i])
                          : fin(w, WASM_EXT_FUNC, e->funcs[i]) != e->funcs[i])
            return true;
    }
    return false;
}

/* An original segment that an edit retargeted (wasm_set_data_target):
 * its offset expression was built, not read. */
static bool data_edited(const WasmData *d)
{
    return d->offset.bytes != NULL;
}

static bool data_moves(Writer *w, const WasmData *d)
{
    return data_edited(d) ||
           (d->mode == WASM_SEG_ACTIVE &&
            (fin(w, WASM_EXT_MEMORY, d->memory) != d->memory ||
             expr_moves(w, &d->offset)));
}

static bool export_moves(Writer *w, const WasmExport *e)
{
    return fin(w, (WasmExternKind)e->kind, e->index) != e->index;
}

/* ---- sections ---------------------------------------------------------------------- */

/* A vector section whose original entries stay as they are and whose new
 * entries are appended: the original entry bytes are copied in bulk. */
typedef void (*AppendFn)(Writer *w, uint32_t i, Buf *b);

static void append_section(Writer *w, const WasmSection *s, uint8_t id,
                           uint32_t norig, uint32_t ntotal, AppendFn fn,
                           Buf *out)
{
    begin_section(w, id, s);
    wenc_u32(out, ntotal);
    if (s)
        copy_range(w, s->entries);
    for (uint32_t i = norig; i < ntotal; i++) {
        fn(w, i, out);
        wsink_maybe_flush(&w->out);
    }
    end_section(w);
}

static void add_type(Writer *w, uint32_t i, Buf *b)
{
    write_func_type(&w->m->types.v[w->m->ntypes_orig + i -
                                   w->m->nrec_groups], b);
}

static void add_import(Writer *w, uint32_t i, Buf *b)
{
    write_import(w->m, &w->m->imports.v[i], b);
}

/* Defined entities in final order: originals, then added. */
static uint32_t defined_in_order(const WasmModule *m, WasmExternKind k,
                                 uint32_t *out)
{
    uint32_t n = wimpl_space_count(m, k), count = 0;
    for (int added = 0; added < 2; added++) {
        for (uint32_t i = 0; i < n; i++) {
            bool imported, is_added;
            space_entry(m, k, i, &imported, &is_added);
            if (!imported && is_added == (added == 1))
                out[count++] = i;
        }
    }
    return count;
}

static uint32_t *defined_list(const WasmModule *m, WasmExternKind k,
                              uint32_t *n)
{
    uint32_t total = wimpl_space_count(m, k);
    uint32_t *list = xmalloc(sizeof *list * (total ? total : 1));
    *n = defined_in_order(m, k, list);
    return list;
}

static uint32_t count_added(const WasmModule *m, WasmExternKind k)
{
    return wimpl_space_count(m, k) - m->norig[k];
}

/* A vector section whose entries are copied from the input unless they
 * must be re-encoded (added, or naming an index that moved).  Entries are
 * visited in output order; order maps a position to the model's index
 * (NULL: the same). */
typedef struct {
    uint8_t id;
    uint32_t n;                 /* entries in the output */
    bool grown;                 /* entries were added */
    const uint32_t *order;
    bool (*moves)(Writer *w, uint32_t idx);
    bool (*write)(Writer *w, uint32_t idx, Buf *b);
    WasmRange (*range)(const WasmModule *m, uint32_t idx);
} EntrySection;

/* The most input bytes of untouched entries copied as one piece. */
enum { RUN_MAX = 64 << 10 };

/* Copies the pending run of untouched entries, if any, and empties it. */
static void copy_run(Writer *w, WasmRange *run)
{
    if (!run->len)
        return;
    copy_range(w, *run);
    run->len = 0;
    wsink_maybe_flush(&w->out);
}

static bool write_entries(Writer *w, const WasmSection *s,
                          const EntrySection *es, Buf *out)
{
    bool *moves = xcalloc(es->n ? es->n : 1, sizeof *moves);
    bool changed = !s || es->grown;
    for (uint32_t i = 0; i < es->n; i++) {
        moves[i] = es->moves(w, es->order ? es->order[i] : i);
        changed |= moves[i];
    }
    bool ok = true;
    if (!changed) {
        copy_range(w, s->whole);
    } else {
        begin_section(w, es->id, s);
        wenc_u32(out, es->n);
        /* entries back to back in the input are copied as one piece */
        WasmRange run = {0, 0};
        for (uint32_t i = 0; i < es->n && ok; i++) {
            uint32_t idx = es->order ? es->order[i] : i;
            if (moves[i]) {
                copy_run(w, &run);
                ok = es->write(w, idx, out);
                wsink_maybe_flush(&w->out);
                continue;
            }
            WasmRange r = es->range(w->m, idx);
            if (r.off != run.off + run.len || run.len >= RUN_MAX)
                copy_run(w, &run);
            if (run.len)
                run.len += r.len;
            else
                run = r;
        }
        copy_run(w, &run);
        end_section(w);
    }
    free(moves);
    return ok;
}

static bool table_moves(Writer *w, uint32_t i)
{
    const WasmTable *t = &w->m->tables.v[i];
    return t->added || (t->has_init && expr_moves(w, &t->init));
}

static bool table_write(Writer *w, uint32_t i, Buf *b)
{
    return write_table(w, &w->m->tables.v[i], b);
}

static WasmRange table_range(const WasmModule *m, uint32_t i)
{
    return m->tables.v[i].range;
}

static bool global_moves(Writer *w, uint32_t i)
{
    const WasmGlobal *g = &w->m->globals.v[i];
    /* an original's initialiser set by an edit is no longer in the input */
    return g->added || g->init.bytes || expr_moves(w, &g->init);
}

static bool global_write(Writer *w, uint32_t i, Buf *b)
{
    return write_global(w, &w->m->globals.v[i], b);
}

static WasmRange global_range(const WasmModule *m, uint32_t i)
{
    return m->globals.v[i].range;
}

static bool export_entry_moves(Writer *w, uint32_t i)
{
    return i >= w->m->nexports_orig || export_moves(w, &w->m->exports.v[i]);
}

static bool export_write(Writer *w, uint32_t i, Buf *b)
{
    write_export(w, &w->m->exports.v[i], b);
    return true;
}

static WasmRange export_range(const WasmModule *m, uint32_t i)
{
    return m->exports.v[i].range;
}

static bool elem_entry_moves(Writer *w, uint32_t i)
{
    return i >= w->m->nelems_orig || elem_moves(w, &w->m->elems.v[i]);
}

static bool elem_write(Writer *w, uint32_t i, Buf *b)
{
    return write_elem(w, &w->m->elems.v[i], b);
}

static WasmRange elem_range(const WasmModule *m, uint32_t i)
{
    return m->elems.v[i].range;
}

static bool data_entry_moves(Writer *w, uint32_t i)
{
    return i >= w->m->ndatas_orig || data_moves(w, &w->m->datas.v[i]);
}

static bool data_write(Writer *w, uint32_t i, Buf *b)
{
    return write_data(w, &w->m->datas.v[i], b);
}

static WasmRange data_range(const WasmModule *m, uint32_t i)
{
    const WasmData *d = &m->datas.v[i];
    uint32_t end = (uint32_t)(d->bytes - m->bytes) + d->len;
    return (WasmRange){d->entry_off, end - d->entry_off};
}

/* Tables and globals: the defined ones, originals first. */
static bool write_defined_entries(Writer *w, const WasmSection *s,
                                  WasmExternKind k, EntrySection es,
                                  Buf *out)
{
    uint32_t *list = defined_list(w->m, k, &es.n);
    es.order = list;
    es.grown = count_added(w->m, k) > 0;
    bool ok = write_entries(w, s, &es, out);
    free(list);
    return ok;
}

static bool write_table_section(Writer *w, const WasmSection *s, Buf *out)
{
    EntrySection es = {.id = 4, .moves = table_moves, .write = table_write,
                       .range = table_range};
    return write_defined_entries(w, s, WASM_EXT_TABLE, es, out);
}

static bool write_global_section(Writer *w, const WasmSection *s, Buf *out)
{
    EntrySection es = {.id = 6, .moves = global_moves, .write = global_write,
                       .range = global_range};
    return write_defined_entries(w, s, WASM_EXT_GLOBAL, es, out);
}

static bool write_export_section(Writer *w, const WasmSection *s, Buf *out)
{
    EntrySection es = {.id = 7, .n = w->m->exports.n,
                       .grown = w->m->exports.n != w->m->nexports_orig,
                       .moves = export_entry_moves, .write = export_write,
                       .range = export_range};
    return write_entries(w, s, &es, out);
}

static bool write_element_section(Writer *w, const WasmSection *s, Buf *out)
{
    EntrySection es = {.id = 9, .n = w->m->elems.n,
                       .grown = w->m->elems.n != w->m->nelems_orig,
                       .moves = elem_entry_moves, .write = elem_write,
                       .range = elem_range};
    return write_entries(w, s, &es, out);
}

/* Whether the map of space k gives any of its original entities (those
 * the input's own expressions and segments name) another index. */
static bool originals_renumbered(const Writer *w, WasmExternKind k)
{
    const uint32_t *map = w->maps[k];
    for (uint32_t i = 0; map && i < w->m->norig[k]; i++)
        if (map[i] != i)
            return true;
    return false;
}

/* Whether every original segment goes out as it was read: none edited,
 * the memories they name keep their indices, and no offset names an
 * entity that was renumbered.  Decided once for the section, so that
 * the originals (esbuild: 98k of them) are copied as one piece. */
static bool data_originals_stay(Writer *w)
{
    const WasmModule *m = w->m;
    if (originals_renumbered(w, WASM_EXT_MEMORY))
        return false;
    bool renumbered = false; /* what an offset may name */
    for (int k = 0; k < WASM_EXT_COUNT; k++)
        renumbered |= originals_renumbered(w, (WasmExternKind)k);
    const WasmData *v = m->datas.v;
    for (uint32_t i = 0; i < m->ndatas_orig; i++) {
        if (data_edited(&v[i]))
            return false;
        if (renumbered && v[i].mode == WASM_SEG_ACTIVE &&
            !wimpl_int_const_expr(m->bytes + v[i].offset.off,
                                  v[i].offset.len) &&
            expr_moves(w, &v[i].offset))
            return false;
    }
    return true;
}

/* The original segments, back to back in the input, copied a megabyte
 * at a time so that their input pages are handed back as they go. */
static void copy_original_datas(Writer *w)
{
    const WasmModule *m = w->m;
    if (!m->ndatas_orig)
        return;
    WasmRange last = data_range(m, m->ndatas_orig - 1);
    uint32_t at = m->datas.v[0].entry_off, end = last.off + last.len;
    while (at < end) {
        uint32_t n = end - at < INPUT_RELEASE ? end - at : INPUT_RELEASE;
        copy_range(w, (WasmRange){at, n});
        wsink_maybe_flush(&w->out);
        at += n;
    }
}

/* Nearly always the originals stay and a few segments were added (whamm's
 * state): the originals are copied whole and only the added ones encoded. */
static bool write_data_section(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    if (data_originals_stay(w)) {
        if (s && m->datas.n == m->ndatas_orig) {
            copy_range(w, s->whole);
            return true;
        }
        begin_section(w, 11, s);
        wenc_u32(out, m->datas.n);
        copy_original_datas(w);
        for (uint32_t i = m->ndatas_orig; i < m->datas.n; i++) {
            TRY(data_write(w, i, out));
            wsink_maybe_flush(&w->out);
        }
        end_section(w);
        return true;
    }
    EntrySection es = {.id = 11, .n = m->datas.n,
                       .grown = m->datas.n != m->ndatas_orig,
                       .moves = data_entry_moves, .write = data_write,
                       .range = data_range};
    return write_entries(w, s, &es, out);
}

static bool write_type_section(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    if (m->types.n == m->ntypes_orig) {
        copy_range(w, s->whole);
        return true;
    }
    append_section(w, s, 1, m->nrec_groups,
                   m->nrec_groups + m->types.n - m->ntypes_orig, add_type, out);
    return true;
}

static bool write_import_section(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    if (m->imports.n == m->nimports_orig)
        copy_range(w, s->whole);
    else
        append_section(w, s, 2, m->nimports_orig, m->imports.n, add_import,
                       out);
    return true;
}

static bool write_function_section(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    uint32_t n;
    uint32_t *list = defined_list(m, WASM_EXT_FUNC, &n);
    uint32_t norig = m->norig[WASM_EXT_FUNC] - m->nimported[WASM_EXT_FUNC];
    if (s && n == norig) {
        copy_range(w, s->whole);
    } else {
        begin_section(w, 3, s);
        wenc_u32(out, n);
        if (s)
            copy_range(w, s->entries);
        for (uint32_t i = s ? norig : 0; i < n; i++)
            wenc_u32(out, m->funcs.v[list[i]].type);
        end_section(w);
    }
    free(list);
    return true;
}

static bool write_memory_section(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    uint32_t n;
    uint32_t *list = defined_list(m, WASM_EXT_MEMORY, &n);
    uint32_t norig = m->norig[WASM_EXT_MEMORY] - m->nimported[WASM_EXT_MEMORY];
    bool resized = false;
    for (uint32_t i = 0; i < norig; i++)
        resized |= m->memories.v[list[i]].limits_changed;
    if (s && n == norig && !resized) {
        copy_range(w, s->whole);
    } else {
        begin_section(w, 5, s);
        wenc_u32(out, n);
        if (s && !resized)
            copy_range(w, s->entries);
        for (uint32_t i = s && !resized ? norig : 0; i < n; i++)
            write_limits(out, &m->memories.v[list[i]].limits);
        end_section(w);
    }
    free(list);
    return true;
}

static bool write_tag_section(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    uint32_t n;
    uint32_t *list = defined_list(m, WASM_EXT_TAG, &n);
    uint32_t norig = m->norig[WASM_EXT_TAG] - m->nimported[WASM_EXT_TAG];
    if (s && n == norig) {
        copy_range(w, s->whole);
    } else {
        begin_section(w, 13, s);
        wenc_u32(out, n);
        if (s)
            copy_range(w, s->entries);
        for (uint32_t i = s ? norig : 0; i < n; i++) {
            buf_push(out, 0);
            wenc_u32(out, m->tags.v[list[i]].type);
        }
        end_section(w);
    }
    free(list);
    return true;
}

static bool write_start_section(Writer *w, const WasmSection *s, Buf *out)
{
    if (s && !w->m->start_changed &&
        fin(w, WASM_EXT_FUNC, w->m->start) == w->m->start) {
        copy_range(w, s->whole);
        return true;
    }
    begin_section(w, 8, s);
    wenc_u32(out, fin(w, WASM_EXT_FUNC, w->m->start));
    end_section(w);
    return true;
}

static bool write_datacount_section(Writer *w, const WasmSection *s, Buf *out)
{
    if (s && w->m->datas.n == w->m->datacount) {
        copy_range(w, s->whole);
        return true;
    }
    begin_section(w, 12, s);
    wenc_u32(out, w->m->datas.n);
    end_section(w);
    return true;
}


/* The code section's size before renumbering (exact when nothing moves):
 * its size LEB goes out before the bodies. */
static uint64_t code_size_hint(const WasmModule *m, const uint32_t *list,
                               uint32_t n)
{
    uint64_t size = wenc_u64_len(n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len = wasm_body_len(m, &m->funcs.v[list[i]]);
        size += wenc_u64_len(len) + len;
    }
    return size;
}

/* Committed bodies read, between two hand-backs of their pages (spill.h):
 * they are read once, so they need not stay resident. */
enum { SPILL_RELEASE = 1 << 20 };

static bool write_code_section(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    uint32_t n;
    uint32_t *list = defined_list(m, WASM_EXT_FUNC, &n);
    bool changed = !s || count_added(m, WASM_EXT_FUNC) > 0;
    for (uint32_t i = 0; i < n && !changed; i++) {
        const WasmFunc *f = &m->funcs.v[list[i]];
        changed = f->new_body || f->splice || (f->refs & w->moved);
    }
    bool ok = true;
    if (!changed) {
        copy_range(w, s->whole);
    } else {
        begin_section_sized(w, 10, code_size_hint(m, list, n));
        wenc_u32(out, n);
        size_t read = 0; /* of committed bodies, since handed back */
        for (uint32_t i = 0; i < n && ok; i++) {
            const WasmFunc *f = &m->funcs.v[list[i]];
            ok = write_body(w, f, out);
            wsink_maybe_flush(&w->out);
            read += f->new_body ? f->new_body_len : 0;
            if (read >= SPILL_RELEASE) {
                wspill_release(m);
                read = 0;
            }
        }
        end_section(w);
    }
    free(list);
    return ok;
}

/* ---- the name section ------------------------------------------------------------- */

typedef struct {
    uint32_t index;
    const char *name;
    uint32_t len;
} NameEntry;

static int cmp_name_entry(const void *a, const void *b)
{
    uint32_t x = ((const NameEntry *)a)->index;
    uint32_t y = ((const NameEntry *)b)->index;
    return x < y ? -1 : x > y;
}

static void write_function_names(Writer *w, Buf *b)
{
    const WasmModule *m = w->m;
    NameEntry *list = xmalloc(sizeof *list * (m->funcs.n ? m->funcs.n : 1));
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->funcs.n; i++)
        if (m->funcs.v[i].name)
            list[n++] = (NameEntry){fin(w, WASM_EXT_FUNC, i),
                                    m->funcs.v[i].name,
                                    m->funcs.v[i].name_len};
    qsort(list, n, sizeof *list, cmp_name_entry);
    Buf sub;
    buf_init(&sub);
    wenc_u32(&sub, n);
    for (uint32_t i = 0; i < n; i++) {
        wenc_u32(&sub, list[i].index);
        wenc_name(&sub, list[i].name, list[i].len);
    }
    buf_push(b, 1);
    wenc_u32(b, (uint32_t)sub.len);
    wsink_put(&w->out, sub.data, sub.len); /* b is the output */
    buf_fini(&sub);
    free(list);
}

/* The index space a name subsection is keyed by, or -1 (not remapped). */
static int subsection_space(uint8_t id)
{
    switch (id) {
    case 1: case 2: case 3: return WASM_EXT_FUNC; /* functions, and their
                                                     locals and labels */
    case 5: return WASM_EXT_TABLE;
    case 6: return WASM_EXT_MEMORY;
    case 7: return WASM_EXT_GLOBAL;
    case 11: return WASM_EXT_TAG;
    default: return -1;
    }
}

/* Re-keys a (possibly indirect) name map; original entries keep their
 * relative order because the map is monotonic on original indices. */
static bool rekey_subsection(Writer *w, WasmReader *r, uint8_t id, Buf *b)
{
    WasmExternKind k = (WasmExternKind)subsection_space(id);
    uint32_t n;
    TRY(wdec_u32(r, &n, "name map size"));
    wenc_u32(b, n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx;
        TRY(wdec_u32(r, &idx, "name index"));
        wenc_u32(b, idx < wimpl_space_count(w->m, k) ? fin(w, k, idx) : idx);
        const uint8_t *start = r->p;
        if (id == 2 || id == 3) {
            uint32_t m2;
            TRY(wdec_u32(r, &m2, "name map size"));
            for (uint32_t j = 0; j < m2; j++) {
                uint32_t k2, len;
                const uint8_t *bytes;
                TRY(wdec_u32(r, &k2, "name index"));
                TRY(wdec_u32(r, &len, "name length"));
                TRY(wdec_bytes(r, len, &bytes, "name"));
            }
        } else {
            uint32_t len;
            const uint8_t *bytes;
            TRY(wdec_u32(r, &len, "name length"));
            TRY(wdec_bytes(r, len, &bytes, "name"));
        }
        buf_append(b, start, (size_t)(r->p - start));
    }
    return true;
}

/* Whether a name section must be rewritten: an index it holds moved, or
 * (the first one, whose function names the model holds) a name was set. */
static bool names_need_rewrite(const WasmModule *m, uint32_t moved,
                               bool primary)
{
    return moved != 0 || (primary && m->names_changed);
}

/* Copies one subsection, re-keyed when its index space moved. */
static bool write_name_subsection(Writer *w, const WasmReader *r, uint8_t id,
                                  const uint8_t *start, const uint8_t *content,
                                  uint32_t size, Buf *out)
{
    int space = subsection_space(id);
    if (space < 0 || !(w->moved & (1u << space))) {
        buf_append(out, start, (size_t)(r->p - start));
        return true;
    }
    Buf sub;
    buf_init(&sub);
    WasmReader sr = *r;
    sr.p = content;
    sr.end = content + size;
    bool ok = rekey_subsection(w, &sr, id, &sub);
    if (ok) {
        buf_push(out, id);
        wenc_u32(out, (uint32_t)sub.len);
        wsink_put(&w->out, sub.data, sub.len);
    }
    buf_fini(&sub);
    return ok;
}

/* Every name section is renumbered (custom sections may repeat, and a
 * second name section keeps indices just as the first does).  The first
 * one's function names come from the model, which holds the names of
 * added functions too; the others are re-keyed as they are. */
static bool write_name_section(Writer *w, const WasmSection *s, bool primary,
                               Buf *out)
{
    const WasmModule *m = w->m;
    if (!names_need_rewrite(m, w->moved, primary)) {
        copy_range(w, s->whole);
        return true;
    }
    if (s->broken)
        return true; /* cannot be kept correct: wasm_section_dropped */
    begin_section(w, 0, s);
    wenc_name(out, s->custom_name, s->custom_name_len);
    WasmError err = {0};
    WasmReader r;
    wimpl_reader_at(&r, m, s->entries, &err);
    bool wrote_funcs = !primary;
    while (r.p < r.end) {
        const uint8_t *start = r.p;
        uint8_t id;
        uint32_t size;
        const uint8_t *content;
        TRY(wdec_byte(&r, &id, "id") && wdec_u32(&r, &size, "size") &&
            wdec_bytes(&r, size, &content, "subsection"));
        if (id >= 1 && !wrote_funcs) {
            write_function_names(w, out);
            wrote_funcs = true;
        }
        if (id == 1 && primary)
            continue;
        TRY(write_name_subsection(w, &r, id, start, content, size, out));
    }
    if (!wrote_funcs)
        write_function_names(w, out);
    arena_reset(&w->scratch);
    end_section(w);
    return true;
}

static bool is_name_section(const WasmSection *s)
{
    return s->id == 0 && strcmp(s->custom_name, "name") == 0;
}

const char *wasm_section_dropped(const WasmModule *m, uint32_t section)
{
    const WasmSection *s = &m->sections.v[section];
    if (!is_name_section(s) || !s->broken)
        return NULL;
    uint32_t moved = 0;
    for (int k = 0; k < WASM_EXT_COUNT; k++) {
        uint32_t *map = build_map(m, (WasmExternKind)k);
        if (map)
            moved |= 1u << k;
        free(map);
    }
    if (!names_need_rewrite(m, moved, (int32_t)section == m->name_section))
        return NULL;
    return "a name section that does not parse cannot be renumbered; "
           "it is left out";
}

/* ---- code metadata ------------------------------------------------------------------ */

/* `metadata.code.*` sections (branch hints and the like) hold, per
 * function index, entries keyed by byte offsets inside the body:
 *   vec(funcidx, vec(offset u32, size u32, bytes))
 * Function indices are remapped; the entries of a function whose body was
 * rewritten are dropped, since their offsets no longer hold (the metadata
 * is advisory, so dropping it is always safe). */
static bool is_code_metadata(const WasmSection *s)
{
    return s->id == 0 && strncmp(s->custom_name, "metadata.code.", 14) == 0;
}

static bool code_metadata_changes(const Writer *w)
{
    if (w->moved & WASM_REFS_FUNC)
        return true;
    for (uint32_t i = 0; i < w->m->norig[WASM_EXT_FUNC]; i++)
        if (w->m->funcs.v[i].new_body || w->m->funcs.v[i].splice)
            return true;
    return false;
}

static bool rewrite_code_metadata(Writer *w, const WasmSection *s, Buf *out)
{
    const WasmModule *m = w->m;
    WasmError err = {0};
    WasmReader r;
    wimpl_reader_at(&r, m, s->entries, &err);
    uint32_t n;
    Buf entries;
    buf_init(&entries);
    uint32_t kept = 0;
    bool ok = wdec_u32(&r, &n, "function count");
    for (uint32_t i = 0; ok && i < n; i++) {
        uint32_t f, count;
        ok = wdec_u32(&r, &f, "function index") && f < m->funcs.n &&
             wdec_u32(&r, &count, "entry count");
        const uint8_t *start = r.p;
        for (uint32_t k = 0; ok && k < count; k++) {
            uint32_t off, size;
            const uint8_t *bytes;
            ok = wdec_u32(&r, &off, "offset") && wdec_u32(&r, &size, "size") &&
                 wdec_bytes(&r, size, &bytes, "metadata");
        }
        if (ok && !m->funcs.v[f].new_body && !m->funcs.v[f].splice) {
            wenc_u32(&entries, fin(w, WASM_EXT_FUNC, f));
            wenc_u32(&entries, count);
            buf_append(&entries, start, (size_t)(r.p - start));
            kept++;
        }
    }
    /* unreadable or emptied: the section goes (it is only advice) */
    if (ok && r.p == r.end && kept > 0) {
        begin_section(w, 0, s);
        wenc_name(out, s->custom_name, s->custom_name_len);
        wenc_u32(out, kept);
        buf_append(out, entries.data, entries.len);
        end_section(w);
    }
    buf_fini(&entries);
    arena_reset(&w->scratch);
    return true;
}

/* ---- the section walk ------------------------------------------------------------- */

typedef bool (*SectionWriter)(Writer *w, const WasmSection *s, Buf *out);

/* Indexed by rank (sections.def); 0 (custom) is handled separately. */
static const SectionWriter writers[14] = {
    [1] = write_type_section,      [2] = write_import_section,
    [3] = write_function_section,  [4] = write_table_section,
    [5] = write_memory_section,    [6] = write_tag_section,
    [7] = write_global_section,    [8] = write_export_section,
    [9] = write_start_section,     [10] = write_element_section,
    [11] = write_datacount_section, [12] = write_code_section,
    [13] = write_data_section,
};

/* Whether a section absent from the input must be created. */
static bool needs_new_section(const Writer *w, int rank)
{
    const WasmModule *m = w->m;
    switch (rank) {
    case 1: return m->types.n > m->ntypes_orig;
    case 2: return m->imports.n > m->nimports_orig;
    case 3: case 12: return count_added(m, WASM_EXT_FUNC) >
                            (m->imports.n - m->nimports_orig);
    case 4: case 5: case 6: {
        WasmExternKind k = rank == 4 ? WASM_EXT_TABLE
                         : rank == 5 ? WASM_EXT_MEMORY : WASM_EXT_TAG;
        uint32_t n;
        uint32_t *list = defined_list(m, k, &n);
        free(list);
        return n > 0;
    }
    case 7: {
        uint32_t n;
        uint32_t *list = defined_list(m, WASM_EXT_GLOBAL, &n);
        free(list);
        return n > 0;
    }
    case 8: return m->exports.n > 0;
    case 9: return m->has_start;
    case 10: return m->elems.n > 0;
    case 11: return false; /* only kept up to date where it exists */
    case 13: return m->datas.n > 0;
    default: return false;
    }
}

static bool flush_new(Writer *w, int from, int to, const bool *present,
                      Buf *out)
{
    for (int rank = from; rank < to; rank++)
        if (!present[rank] && needs_new_section(w, rank))
            TRY(writers[rank](w, NULL, out));
    return true;
}

static bool write_sections(Writer *w, Buf *out)
{
    const WasmModule *m = w->m;
    bool present[14] = {0};
    for (uint32_t i = 0; i < m->sections.n; i++)
        present[wimpl_section_rank(m->sections.v[i].id)] = true;
    int next = 1; /* lowest rank not yet written */
    for (uint32_t i = 0; i < m->sections.n; i++) {
        const WasmSection *s = &m->sections.v[i];
        int rank = wimpl_section_rank(s->id);
        if (rank == 0) {
            if (is_name_section(s))
                TRY(write_name_section(w, s, (int32_t)i == m->name_section,
                                       out));
            else if (is_code_metadata(s) && code_metadata_changes(w))
                TRY(rewrite_code_metadata(w, s, out));
            else
                copy_range(w, s->whole);
            continue;
        }
        TRY(flush_new(w, next, rank, present, out));
        TRY(writers[rank](w, s, out));
        next = rank + 1;
        /* new sections that belong before the next original one go here,
         * ahead of any trailing custom sections */
        int upto = 14;
        for (uint32_t j = i + 1; j < m->sections.n; j++) {
            int r2 = wimpl_section_rank(m->sections.v[j].id);
            if (r2 > 0) {
                upto = r2;
                break;
            }
        }
        TRY(flush_new(w, next, upto, present, out));
        if (upto > next)
            next = upto;
    }
    return flush_new(w, next, 14, present, out);
}

/* An upper estimate of the output's size, so that a buffer holding it
 * is allocated once: growing it by doubling would copy the whole output
 * and, for a moment, hold it twice.  The input, plus what replaced and
 * added bodies and data add, plus room for renumbered LEBs and new
 * entries. */
static size_t output_estimate(const WasmModule *m)
{
    size_t n = m->len;
    for (uint32_t i = 0; i < m->funcs.n; i++) {
        const WasmFunc *f = &m->funcs.v[i];
        if (f->import >= 0)
            continue;
        if (f->splice) /* the original is counted in m->len */
            n += wasm_body_len(m, f) - f->body.len + 5;
        if (!f->new_body)
            continue;
        n += f->new_body_len + 5;
        if (!f->added && f->new_body_len > f->body.len)
            n -= f->body.len;
        else if (!f->added)
            n -= f->new_body_len; /* counted in m->len already */
    }
    for (uint32_t i = m->ndatas_orig; i < m->datas.n; i++)
        n += m->datas.v[i].len + 16;
    return n + n / 32 + 4096;
}

/* Writes the module into w->out (set up by the caller). */
static bool write_module(const WasmModule *m, Writer *w, WasmError *err)
{
    memset(err, 0, sizeof *err);
    w->m = m;
    w->err = err;
    arena_init(&w->scratch);
    for (int k = 0; k < WASM_EXT_COUNT; k++) {
        w->maps[k] = build_map(m, (WasmExternKind)k);
        if (w->maps[k])
            w->moved |= 1u << k;
        w->remap.counts[k] = wimpl_space_count(m, (WasmExternKind)k);
    }
    w->remap.maps = w->maps;
    wimpl_remap_classes(w->moved, w->remap.classes);
    buf_init(&w->body);
    buf_init(&w->spliced);
    if (m->has_reloc && w->moved) {
        snprintf(err->msg, sizeof err->msg, "cannot renumber a module with "
                 "relocation sections (an object file, not a linked module)");
        err->failed = true;
    }
    wsink_put(&w->out, m->bytes, 8); /* magic and version */
    bool ok = !err->failed && write_sections(w, w->out.buf);
    if (!ok && !err->failed) {
        err->failed = true;
        snprintf(err->msg, sizeof err->msg, "internal error: the module "
                 "could not be encoded");
    }
    for (int k = 0; k < WASM_EXT_COUNT; k++)
        free(w->maps[k]);
    buf_fini(&w->body);
    buf_fini(&w->spliced);
    vec_free(w->fsites);
    arena_fini(&w->scratch);
    return ok;
}

bool wasm_module_write(const WasmModule *m, Buf *out, WasmError *err)
{
    Writer w;
    memset(&w, 0, sizeof w);
    size_t start = out->len;
    buf_reserve(out, output_estimate(m)); /* one allocation */
    wsink_init_memory(&w.out, out);
    bool ok = write_module(m, &w, err);
    if (!ok)
        out->len = start;
    wsink_fini(&w.out);
    return ok;
}

bool wasm_module_write_file(const WasmModule *m, FileOut *f, size_t buffer,
                            WasmError *err)
{
    Writer w;
    memset(&w, 0, sizeof w);
    wsink_init_file(&w.out, f, buffer);
    bool ok = write_module(m, &w, err);
    if (!wsink_finish(&w.out) && ok) {
        ok = false;
        err->failed = true;
        snprintf(err->msg, sizeof err->msg, "cannot write '%s': %s", f->path,
                 strerror(f->errnum));
    }
    wsink_fini(&w.out);
    return ok;
}
