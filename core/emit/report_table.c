/* report_table.c -- the report table in the image (runtime.h WhammRtKinds;
 * docs/instr.md "The report").
 *
 * A per-site report variable gives one row per site, and on a large module
 * with a probe on every instruction that is millions of rows whose texts
 * differ only in the function, the pc and the id.  So nothing is formatted
 * per row: a row is a kind (the report variable of one expanded probe,
 * whose text around the site's columns is made once), the fid, the pc and
 * its value's address, packed as LEB128 differences from the row before,
 * and mostly a few bits that name a recent combination of kind, pc step
 * and value in the context of the two kinds before (runtime.h,
 * runtime/rows.h).  Sites counted by one segment counter (walk.c) share
 * its address.
 * The runtime puts the text together when it prints the report.
 *
 * The rows come in the report's order without sorting: probe-local rows go
 * by type (rank; tuples by name), each type in allocation order, so the
 * walk appends each row to the run of its type and the layout orders the
 * runs.  Script-level rows come last, in a run of their own. */
#include "state.h"

#include "runtime/rows.h"
#include "runtime/runtime.h"
#include "wasm/spill.h"

#include <stdio.h>
#include <string.h>

/* A report variable `d` of expanded probe `x` (x NULL: the script-level
 * variable g). */
typedef struct {
    const Exp *x;
    const Stmt *d;
    const GlobalVar *g;
    uint32_t run;           /* until the layout sorts the runs */
    uint32_t size;          /* of d's type */
} RowKind;

/* The rows of one type, encoded as they come (runtime.h WhammRtRun), and
 * what the last one ended with (with its bits that do not fill a byte
 * yet, and its contexts' lists, made on the first row).  The complete
 * bytes fill chunks of emit_rows_chunk bytes; a full one is stored with
 * the module's committed bodies
 * (wasm/spill.h): a row per site makes megabytes, which then stay out of
 * the resident memory until the layout copies them into the image. */
size_t emit_rows_chunk = 1 << 20;

typedef struct {
    const uint8_t *bytes;   /* owned by the module (wspill_store) */
    uint32_t len;
} RowChunk;

typedef struct {
    const Type *ty;
    VEC(RowChunk) full;     /* filled chunks, in order */
    Buf bytes;              /* the chunk being filled */
    RtRowEnd end;
} RowRun;

typedef struct {
    const char *s;          /* NULL: unnamed */
    uint32_t len;
    bool used;
} FuncName;

struct EmitRows {
    VEC(RowKind) kinds;
    VEC(RowRun) runs;
    uint32_t *kind_hash;    /* (x, d) -> kind + 1, open addressing */
    uint32_t kind_cap;
    const Exp *last_x;      /* the last kind looked up */
    const Stmt *last_d;
    uint32_t last_kind;
    FuncName *names;        /* by fid, m->funcs.n of them */
    uint32_t nnames;        /* highest fid with a row + 1 */
    uint32_t nrows;         /* probe-local rows */
};

static EmitRows *rows_of(Emit *E)
{
    if (!E->rows)
        E->rows = xcalloc(1, sizeof *E->rows);
    return E->rows;
}

void emit_rows_free(Emit *E)
{
    EmitRows *R = E->rows;
    if (!R)
        return;
    for (uint32_t i = 0; i < R->runs.n; i++) {
        RowRun *run = &R->runs.v[i];
        vec_free(run->full);
        buf_fini(&run->bytes);
        free(run->end.s.ctx);
    }
    vec_free(R->runs);
    vec_free(R->kinds);
    free(R->kind_hash);
    free(R->names);
    free(R);
    E->rows = NULL;
}

/* ---- gathering the rows ---------------------------------------------------------- */

/* Rows of one type keep allocation order; tuple types among themselves
 * go by their names (docs/instr.md "The report"). */
static int cmp_row_types(Emit *E, const Type *a, const Type *b)
{
    int ra = emit_type_rank(a), rb = emit_type_rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->kind != TY_TUPLE)
        return 0;
    return strcmp(ty_name(E->a, a), ty_name(E->a, b));
}

static uint32_t run_of_type(Emit *E, EmitRows *R, const Type *t)
{
    for (uint32_t i = 0; i < R->runs.n; i++)
        if (cmp_row_types(E, R->runs.v[i].ty, t) == 0)
            return i;
    RowRun r;
    memset(&r, 0, sizeof r);
    r.ty = t;
    buf_init(&r.bytes);
    vec_push(R->runs, r);
    return R->runs.n - 1;
}

static uint32_t hash_kind(const Exp *x, const Stmt *d)
{
    uint64_t h = (uint64_t)(uintptr_t)x * 0x9E3779B97F4A7C15u ^
                 (uint64_t)(uintptr_t)d * 0xC2B2AE3D27D4EB4Fu;
    return (uint32_t)(h >> 32);
}

static void grow_kind_hash(EmitRows *R)
{
    uint32_t cap = R->kind_cap ? R->kind_cap * 2 : 64;
    uint32_t *t = xcalloc(cap, sizeof *t);
    for (uint32_t i = 0; i < R->kinds.n; i++) {
        const RowKind *k = &R->kinds.v[i];
        if (!k->x)
            continue;
        uint32_t h = hash_kind(k->x, k->d) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = i + 1;
    }
    free(R->kind_hash);
    R->kind_hash = t;
    R->kind_cap = cap;
}

/* The kind of slot d of x, made on its first row. */
static uint32_t site_kind(Emit *E, EmitRows *R, const Exp *x, const Stmt *d)
{
    if (R->last_x == x && R->last_d == d)
        return R->last_kind;
    if ((R->kinds.n + 1) * 2 > R->kind_cap)
        grow_kind_hash(R);
    uint32_t mask = R->kind_cap - 1, h = hash_kind(x, d) & mask;
    for (; R->kind_hash[h]; h = (h + 1) & mask) {
        const RowKind *k = &R->kinds.v[R->kind_hash[h] - 1];
        if (k->x == x && k->d == d)
            break;
    }
    if (!R->kind_hash[h]) {
        RowKind k = {x, d, NULL, run_of_type(E, R, d->decl_ty),
                     emit_type_size(d->decl_ty)};
        vec_push(R->kinds, k);
        R->kind_hash[h] = R->kinds.n;
    }
    R->last_x = x;
    R->last_d = d;
    R->last_kind = R->kind_hash[h] - 1;
    return R->last_kind;
}

static void note_name(Emit *E, EmitRows *R, const Site *s)
{
    if (!R->names)
        R->names = xcalloc(E->m->funcs.n + 1, sizeof *R->names);
    if (s->fid > E->m->funcs.n) /* never: fids are function indices */
        return;
    FuncName *n = &R->names[s->fid];
    if (!n->used)
        *n = (FuncName){s->fname, s->fname_len, true};
    if (s->fid + 1 > R->nnames)
        R->nnames = s->fid + 1;
}

void emit_add_site_row(Emit *E, const Exp *x, const Stmt *d, const Site *s,
                       uint32_t value_addr)
{
    EmitRows *R = rows_of(E);
    uint32_t kind = site_kind(E, R, x, d);
    RowRun *run = &R->runs.v[R->kinds.v[kind].run];
    if (!run->end.s.ctx)
        run->end.s.ctx = xcalloc(WHAMM_RT_NCTX, sizeof(RtCtxList));
    uint8_t row[WHAMM_RT_ROW_MAX];
    uint32_t len = rt_row_put_site(row, &run->end, kind,
                                   R->kinds.v[kind].size, s->fid,
                                   s->meta_pc, value_addr);
    buf_append(&run->bytes, row, len);
    note_name(E, R, s);
    R->nrows++;
    if (run->bytes.len >= emit_rows_chunk) { /* rows never straddle chunks */
        RowChunk c = {wspill_store(E->m, run->bytes.data, run->bytes.len),
                      (uint32_t)run->bytes.len};
        vec_push(run->full, c);
        run->bytes.len = 0;
    }
}

uint32_t emit_report_kind(Emit *E, const Exp *x, const Stmt *d,
                          uint32_t *run)
{
    EmitRows *R = rows_of(E);
    uint32_t kind = site_kind(E, R, x, d);
    if (run) { /* the runs are sorted by type when laid out */
        const Type *t = R->runs.v[R->kinds.v[kind].run].ty;
        *run = 0;
        for (uint32_t i = 0; i < R->runs.n; i++)
            *run += cmp_row_types(E, R->runs.v[i].ty, t) < 0;
    }
    return kind;
}

/* ---- text ---------------------------------------------------------------------- */

/* A CSV field (RFC 4180): as it is, or in double quotes with each inner
 * quote doubled when it has a comma, a double quote, CR or LF, or starts
 * with a space (which readers skipping the space of the ", " separator
 * would drop; the runtime quotes values alike, runtime/report.c). */
static void csv_field(Buf *b, const char *s, size_t len)
{
    bool quote = len > 0 && s[0] == ' ';
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        buf_append(b, s, len);
        return;
    }
    buf_push(b, '"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            buf_push(b, '"');
        buf_push(b, (uint8_t)s[i]);
    }
    buf_push(b, '"');
}

/* The length of the valid UTF-8 sequence at s (n bytes left), 0 if s[0]
 * starts none (as the runtime's JSON strings decide it). */
static size_t utf8_len(const uint8_t *s, size_t n)
{
    uint8_t c = s[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* A JSON string: quotes, backslashes and control characters escaped,
 * valid UTF-8 as it is, any other byte as \u00XX. */
static void json_str(Buf *b, const char *str, size_t len)
{
    const uint8_t *s = (const uint8_t *)str;
    buf_push(b, '"');
    for (size_t i = 0; i < len;) {
        uint8_t c = s[i];
        size_t n = c >= 0x80 ? utf8_len(s + i, len - i) : 1;
        if (c == '"' || c == '\\') {
            buf_push(b, '\\');
            buf_push(b, c);
        } else if (c == '\n') {
            buf_printf(b, "\\n");
        } else if (c == '\r') {
            buf_printf(b, "\\r");
        } else if (c == '\t') {
            buf_printf(b, "\\t");
        } else if (c < 0x20 || n == 0) {
            buf_printf(b, "\\u%04x", c);
            n = 1;
        } else {
            buf_append(b, s + i, n);
        }
        i += n ? n : 1;
    }
    buf_push(b, '"');
}

static bool is_json(const Emit *E)
{
    return E->opt->report_format == EMIT_REPORT_JSON;
}

/* A string field in the report's format. */
static void put_field(const Emit *E, Buf *b, const char *s, size_t len)
{
    if (is_json(E))
        json_str(b, s, len);
    else
        csv_field(b, s, len);
}

/* The columns from id_type to script_id, each followed by ", " (JSON:
 * `"key": value, `). */
static void put_columns(const Emit *E, Buf *b, const char *id_type,
                        const char *name, const char *whamm_type,
                        const char *wasm_type, uint32_t script)
{
    static const char *const keys[] = {"id_type", "name", "whamm_type",
                                       "wasm_type", "script_id"};
    char sid[32];
    snprintf(sid, sizeof sid, "script%u", script);
    const char *vals[] = {id_type, name, whamm_type, wasm_type, sid};
    for (int i = 0; i < 5; i++) {
        if (is_json(E))
            buf_printf(b, "\"%s\": ", keys[i]);
        put_field(E, b, vals[i], strlen(vals[i]));
        buf_printf(b, ", ");
    }
}

static uint32_t intern_buf(Emit *E, const Buf *b)
{
    return emit_intern(E, (const char *)b->data, (uint32_t)b->len);
}

static uint32_t type_desc(Emit *E, const Type *t)
{
    Buf b;
    buf_init(&b);
    emit_type_desc(&b, t);
    buf_push(&b, 0);
    uint32_t at = intern_buf(E, &b);
    buf_fini(&b);
    return at;
}

/* The kind record of a site kind: the columns up to the fname, and the
 * probe id with what follows it. */
static WhammRtKind site_kind_record(Emit *E, const RowKind *k)
{
    Buf b, wt;
    buf_init(&b);
    buf_init(&wt);
    emit_wasm_type_text(&wt, k->d->decl_ty);
    buf_push(&wt, 0);
    put_columns(E, &b, "memaddr", k->d->name, ty_name(E->a, k->d->decl_ty),
                (const char *)wt.data, k->x->script);
    if (is_json(E))
        buf_printf(&b, "\"fname\": ");
    WhammRtKind r = {intern_buf(E, &b), (uint32_t)b.len, 0, 0,
                     type_desc(E, k->d->decl_ty), 1};
    b.len = 0;
    put_field(E, &b, k->x->id_text, strlen(k->x->id_text));
    buf_printf(&b, is_json(E) ? ", \"value\": " : ", ");
    r.tail = intern_buf(E, &b);
    r.tail_len = (uint32_t)b.len;
    buf_fini(&wt);
    buf_fini(&b);
    return r;
}

/* The id_type column: `global_id`, one per Wasm global for several
 * (`(global_id; global_id)`), `map_id` for a map. */
static void global_id_type(Buf *b, const GlobalVar *g)
{
    uint32_t n = emit_nparts(g->ty);
    if (g->ty->kind == TY_MAP || n == 1) {
        buf_printf(b, "%s", g->ty->kind == TY_MAP ? "map_id" : "global_id");
        return;
    }
    buf_push(b, '(');
    for (uint32_t i = 0; i < n; i++)
        buf_printf(b, "%sglobal_id", i ? "; " : "");
    buf_push(b, ')');
}

/* The kind record of a script-level variable: its whole text. */
static WhammRtKind global_kind_record(Emit *E, const GlobalVar *g)
{
    Buf idt, wt, b;
    buf_init(&idt);
    buf_init(&wt);
    buf_init(&b);
    global_id_type(&idt, g);
    buf_push(&idt, 0);
    emit_wasm_type_text(&wt, g->ty);
    buf_push(&wt, 0);
    put_columns(E, &b, (const char *)idt.data, g->name, ty_name(E->a, g->ty),
                (const char *)wt.data, g->script);
    buf_printf(&b, is_json(E) ? "\"fname\": null, \"fid\": null, \"pc\": "
                                "null, \"probe_id\": null, \"value\": "
                              : ", , , , ");
    WhammRtKind r = {intern_buf(E, &b), (uint32_t)b.len, 0, 0,
                     type_desc(E, g->ty), 0};
    buf_fini(&b);
    buf_fini(&wt);
    buf_fini(&idt);
    return r;
}

/* ---- the layout ------------------------------------------------------------------ */

static Emit *sorting; /* qsort has no context argument in C11 */

static int cmp_runs(const void *pa, const void *pb)
{
    const RowRun *a = pa, *b = pb;
    return cmp_row_types(sorting, a->ty, b->ty);
}

/* Script-level rows: values by script and name, then maps by id. */
static int cmp_globals(const void *pa, const void *pb)
{
    const GlobalVar *a = *(GlobalVar *const *)pa, *b = *(GlobalVar *const *)pb;
    bool ma = a->ty->kind == TY_MAP, mb = b->ty->kind == TY_MAP;
    if (ma != mb)
        return ma ? 1 : -1;
    if (ma)
        return a->map_hdr < b->map_hdr ? -1 : a->map_hdr > b->map_hdr;
    if (a->script != b->script)
        return a->script < b->script ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* A run of the script-level report variables, sorted, each a kind of its
 * own; their values are laid out here.  Returns how many. */
static uint32_t add_global_rows(Emit *E, EmitRows *R)
{
    VEC(GlobalVar *) gs = {0};
    for (uint32_t i = 0; i < E->globals.n; i++)
        if (E->globals.v[i].is_report)
            vec_push(gs, &E->globals.v[i]);
    if (gs.n == 0)
        return 0;
    qsort(gs.v, gs.n, sizeof *gs.v, cmp_globals);
    RowRun run;
    memset(&run, 0, sizeof run);
    buf_init(&run.bytes);
    for (uint32_t i = 0; i < gs.n; i++) {
        GlobalVar *g = gs.v[i];
        g->value_addr = emit_alloc(E, emit_type_size(g->ty), 8);
        RowKind k = {NULL, NULL, g, R->runs.n, 0};
        uint8_t row[WHAMM_RT_ROW_MAX];
        buf_append(&run.bytes, row,
                   rt_row_put_plain(row, &run.end, R->kinds.n,
                                    g->value_addr));
        vec_push(R->kinds, k);
    }
    vec_push(R->runs, run);
    uint32_t n = gs.n;
    vec_free(gs);
    return n;
}

static uint32_t layout_kinds(Emit *E, const EmitRows *R)
{
    uint32_t at = emit_alloc(E, sizeof(WhammRtKind) * R->kinds.n, 4);
    for (uint32_t i = 0; i < R->kinds.n; i++) {
        const RowKind *k = &R->kinds.v[i];
        WhammRtKind r = k->x ? site_kind_record(E, k)
                             : global_kind_record(E, k->g);
        emit_poke(E, at + i * sizeof r, &r, sizeof r); /* little-endian host */
    }
    return at;
}

/* The function names the rows show, formatted (others stay {0, 0}). */
static uint32_t layout_names(Emit *E, const EmitRows *R)
{
    uint32_t at = emit_alloc(E, sizeof(WhammRtName) * R->nnames, 4);
    Buf b;
    buf_init(&b);
    for (uint32_t f = 0; f < R->nnames; f++) {
        const FuncName *n = &R->names[f];
        if (!n->used)
            continue;
        WhammRtName r = {0, WHAMM_RT_UNNAMED};
        if (n->s) {
            b.len = 0;
            put_field(E, &b, n->s, n->len);
            r.text = intern_buf(E, &b);
            r.len = (uint32_t)b.len;
        }
        emit_poke(E, at + f * sizeof r, &r, sizeof r);
    }
    buf_fini(&b);
    return at;
}

/* Copies one chunk of rows to the end of the image (contiguous with the
 * chunk before: alignment 1). */
static uint32_t copy_chunk(Emit *E, const uint8_t *bytes, uint32_t len)
{
    uint32_t addr = emit_alloc(E, len, 1);
    emit_poke(E, addr, bytes, len);
    return addr;
}

/* A run's rows, copied into the image chunk by chunk (a stored chunk's
 * pages handed back once read), the bits left over in a last byte; its
 * length counts bits. */
static WhammRtRun layout_run(Emit *E, RowRun *run)
{
    if (run->end.nbits)
        buf_push(&run->bytes, rt_row_last_byte(&run->end));
    free(run->end.s.ctx);
    run->end.s.ctx = NULL;
    WhammRtRun r = {0, 0};
    for (uint32_t k = 0; k < run->full.n; k++) {
        const RowChunk *c = &run->full.v[k];
        uint32_t addr = copy_chunk(E, c->bytes, c->len);
        wspill_read_done(E->m, c->bytes, c->len);
        r.bytes = k ? r.bytes : addr;
        r.len += c->len;
    }
    vec_free(run->full);
    uint32_t len = (uint32_t)run->bytes.len;
    uint32_t addr = copy_chunk(E, run->bytes.data, len);
    buf_fini(&run->bytes);
    r.bytes = r.len ? r.bytes : addr;
    r.len = rt_row_bits(&run->end, r.len + len - (run->end.nbits != 0));
    return r;
}

static uint32_t layout_runs(Emit *E, EmitRows *R)
{
    uint32_t at = emit_alloc(E, sizeof(WhammRtRun) * R->runs.n, 4);
    for (uint32_t i = 0; i < R->runs.n; i++) {
        WhammRtRun r = layout_run(E, &R->runs.v[i]);
        emit_poke(E, at + i * sizeof r, &r, sizeof r);
    }
    return at;
}

/* Lays out the table: probe-local report variables by type, then the
 * script-level ones by script and name, then script-level maps
 * (docs/instr.md "The report"). */
void emit_layout_report(Emit *E)
{
    if (!E->need_report)
        return;
    EmitRows *R = rows_of(E);
    sorting = E;
    if (R->runs.n) /* the runs by type (kinds no longer need their index) */
        qsort(R->runs.v, R->runs.n, sizeof *R->runs.v, cmp_runs);
    E->nrows = R->nrows + add_global_rows(E, R);
    /* the header (WhammRtReport), WhammRtKinds, then the tables */
    E->rows_addr = emit_alloc(E, sizeof(WhammRtReport) + sizeof(WhammRtKinds),
                              4);
    WhammRtReport head = {is_json(E) ? WHAMM_RT_JSON : WHAMM_RT_CSV,
                          WHAMM_RT_DEST_ENV | WHAMM_RT_KINDS};
    WhammRtKinds k;
    k.kinds = layout_kinds(E, R);
    k.names = layout_names(E, R);
    k.nnames = R->nnames;
    k.runs = layout_runs(E, R);
    k.nruns = R->runs.n;
    emit_poke(E, E->rows_addr, &head, sizeof head);
    emit_poke(E, E->rows_addr + sizeof head, &k, sizeof k);
}
