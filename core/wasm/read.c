/* read.c -- reading a whole module into the model (wasm.h).
 * Spec: binary format 5.5 (modules), with the tag section (exceptions),
 * rec groups and sub types (GC), limits flags for threads, memory64 and
 * custom page sizes, and table initialisers (function references).
 *
 * Shape: one reader per section id in a table; each reads
 * from a sub-reader bounded to its payload, and the payload must be used
 * exactly.  Sections must come in the order of sections.def.  Function
 * bodies are decoded once here (body.c) to check their structure and index
 * bounds; the name section is parsed last, tolerantly (a broken name
 * section is a custom section, not an error). */
#include "wasm.h"
#include "wasm_impl.h"
#include "spill.h"

#include <string.h>

typedef bool (*SectionReader)(WasmReader *r, WasmModule *m);

/* ---- helpers --------------------------------------------------------------- */

static bool valid_utf8(const uint8_t *s, uint32_t n)
{
    uint32_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        uint32_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                     : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || n - i < len)
            return false;
        uint32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (uint32_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

bool wimpl_read_name(WasmReader *r, Arena *a, const char **out,
                     uint32_t *out_len, const char *desc)
{
    uint32_t n;
    const uint8_t *bytes;
    const uint8_t *at = r->p;
    TRY(wdec_count(r, &n, 1, desc));
    TRY(wdec_bytes(r, n, &bytes, desc));
    if (!valid_utf8(bytes, n))
        return wasm_fail_at(r, at, "%s is not valid UTF-8", desc);
    *out = arena_strndup(a, (const char *)bytes, n);
    *out_len = n;
    return true;
}

/* Remembers where the current section's entries begin (after its count),
 * so the writer can copy them in bulk and append new ones. */
static void mark_entries(const WasmReader *r, WasmModule *m)
{
    WasmSection *s = &m->sections.v[m->sections.n - 1];
    s->entries.off = (uint32_t)(r->p - r->base);
    s->entries.len = s->payload.off + s->payload.len - s->entries.off;
}

void wimpl_reader_at(WasmReader *r, const WasmModule *m, WasmRange range,
                     WasmError *err)
{
    wasm_reader_init(r, m->bytes, m->len, err);
    r->p = m->bytes + range.off;
    r->end = r->p + range.len;
}

static WasmRange range_from(const WasmReader *r, const uint8_t *start)
{
    WasmRange g = {(uint32_t)(start - r->base), (uint32_t)(r->p - start)};
    return g;
}

static bool read_limits(WasmReader *r, WasmLimits *l, bool is_table)
{
    const uint8_t *at = r->p;
    uint8_t flags;
    TRY(wdec_byte(r, &flags, "limits flags"));
    if (flags & ~0x0Fu || (is_table && (flags & 0x0A)))
        return wasm_fail_at(r, at, "invalid limits flags 0x%02x", flags);
    memset(l, 0, sizeof *l);
    l->has_max = flags & 1;
    l->shared = (flags >> 1) & 1;
    l->is64 = (flags >> 2) & 1;
    l->has_page_log2 = (flags >> 3) & 1;
    l->page_log2 = 16;
    if (l->is64) {
        TRY(wdec_u64(r, &l->min, "limits minimum"));
        if (l->has_max)
            TRY(wdec_u64(r, &l->max, "limits maximum"));
    } else {
        uint32_t v;
        TRY(wdec_u32(r, &v, "limits minimum"));
        l->min = v;
        if (l->has_max) {
            TRY(wdec_u32(r, &v, "limits maximum"));
            l->max = v;
        }
    }
    if (l->has_page_log2)
        TRY(wdec_u32(r, &l->page_log2, "page size"));
    return true;
}

static bool is_ref_type(WasmValType t)
{
    return t.code == WASM_REF || t.code == WASM_REF_NULL ||
           (t.code >= 0x69 && t.code <= 0x74);
}

static bool read_reftype(WasmReader *r, WasmValType *t, const char *desc)
{
    const uint8_t *at = r->p;
    TRY(wdec_valtype(r, t, desc));
    if (!is_ref_type(*t))
        return wasm_fail_at(r, at, "%s must be a reference type", desc);
    return true;
}

static bool read_table_type(WasmReader *r, WasmTable *t)
{
    TRY(read_reftype(r, &t->elem, "table element type"));
    return read_limits(r, &t->limits, true);
}

static bool read_global_type(WasmReader *r, WasmValType *t, bool *mut)
{
    TRY(wdec_valtype(r, t, "global type"));
    const uint8_t *at = r->p;
    uint8_t b;
    TRY(wdec_byte(r, &b, "global mutability"));
    if (b > 1)
        return wasm_fail_at(r, at, "invalid global mutability %u", b);
    *mut = b;
    return true;
}

static bool check_index(WasmReader *r, const uint8_t *at, uint32_t idx,
                        uint32_t count, const char *what)
{
    if (idx >= count)
        return wasm_fail_at(r, at, "%s index %u out of range (%u defined)",
                            what, idx, count);
    return true;
}

static bool read_type_index(WasmReader *r, const WasmModule *m, uint32_t *out)
{
    const uint8_t *at = r->p;
    TRY(wdec_u32(r, out, "type index"));
    return check_index(r, at, *out, m->types.n, "type");
}

/* The length of the constant expression at r->p if it is the one nearly
 * every segment offset is, `i32.const n end` or `i64.const n end`; 0 for
 * the general decoder (which accepts the same bytes, there being no index
 * to check). */
static size_t plain_int_const_len(const WasmReader *r)
{
    const uint8_t *p = r->p;
    if (r->end - p < 3 || (p[0] != 0x41 && p[0] != 0x42))
        return 0;
    unsigned n = wimpl_sleb_len(p + 1, r->end, p[0] == 0x41 ? 32 : 64);
    return n && r->end - p > n + 1 && p[n + 1] == 0x0B ? n + 2 : 0;
}

/* The instructions of a constant expression, its `end` included. */
static bool read_const_instrs(WasmReader *r, const WasmModule *m,
                              Arena *scratch)
{
    for (;;) {
        WasmInstr in;
        TRY(wdec_instr(r, &in, scratch));
        const WasmOpInfo *info = &wasm_ops[in.op];
        if (info->flags & OPF_END)
            return true;
        if (!(info->flags & OPF_CONST_EXPR))
            return wasm_fail_at(r, r->base + in.off, "'%s' is not allowed "
                                "in a constant expression", info->name);
        TRY(wimpl_check_instr_indices(r, m, &in, NULL));
    }
}

/* Reads a constant expression: instructions up to the matching `end`. */
bool wimpl_read_const_expr(WasmReader *r, const WasmModule *m, WasmExpr *e,
                           Arena *scratch)
{
    const uint8_t *start = r->p;
    size_t plain = plain_int_const_len(r);
    if (plain)
        r->p += plain;
    else
        TRY(read_const_instrs(r, m, scratch));
    WasmRange at = range_from(r, start);
    e->bytes = NULL;
    e->off = at.off;
    e->len = at.len;
    return true;
}

/* ---- type section ------------------------------------------------------------- */

static bool read_field(WasmReader *r, WasmField *f)
{
    const uint8_t *at = r->p;
    if (r->p < r->end && (*r->p == WASM_I8 || *r->p == WASM_I16)) {
        f->type.code = *r->p++;
    } else {
        TRY(wdec_valtype(r, &f->type, "field type"));
    }
    uint8_t mut;
    TRY(wdec_byte(r, &mut, "field mutability"));
    if (mut > 1)
        return wasm_fail_at(r, at, "invalid field mutability %u", mut);
    f->mut = mut;
    return true;
}

static bool read_valtype_vec(WasmReader *r, Arena *a, WasmValType **out,
                             uint32_t *n, const char *desc)
{
    TRY(wdec_count(r, n, 1, desc));
    *out = arena_alloc(a, sizeof **out * *n);
    for (uint32_t i = 0; i < *n; i++)
        TRY(wdec_valtype(r, &(*out)[i], desc));
    return true;
}

static bool read_comp_type(WasmReader *r, WasmModule *m, WasmType *t)
{
    const uint8_t *at = r->p;
    TRY(wdec_byte(r, &t->kind, "type form"));
    switch (t->kind) {
    case WASM_TYPE_FUNC:
        TRY(read_valtype_vec(r, &m->arena, &t->params, &t->nparams,
                             "parameter type"));
        return read_valtype_vec(r, &m->arena, &t->results, &t->nresults,
                                "result type");
    case WASM_TYPE_STRUCT:
        TRY(wdec_count(r, &t->nfields, 2, "struct field count"));
        t->fields = arena_alloc(&m->arena, sizeof *t->fields * t->nfields);
        for (uint32_t i = 0; i < t->nfields; i++)
            TRY(read_field(r, &t->fields[i]));
        return true;
    case WASM_TYPE_ARRAY:
        t->nfields = 1;
        t->fields = arena_alloc(&m->arena, sizeof *t->fields);
        return read_field(r, &t->fields[0]);
    default:
        return wasm_fail_at(r, at, "invalid type form 0x%02x", t->kind);
    }
}

static bool read_sub_type(WasmReader *r, WasmModule *m, uint32_t group,
                          bool in_rec)
{
    WasmType t;
    memset(&t, 0, sizeof t);
    t.rec_group = group;
    t.final = true;
    if (r->p < r->end && (*r->p == 0x50 || *r->p == 0x4F)) {
        t.final = *r->p++ == 0x4F;
        TRY(wdec_count(r, &t.nsupers, 1, "supertype count"));
        t.supers = arena_alloc(&m->arena, sizeof *t.supers * t.nsupers);
        for (uint32_t i = 0; i < t.nsupers; i++) {
            const uint8_t *at = r->p;
            TRY(wdec_u32(r, &t.supers[i], "supertype index"));
            /* a supertype must be defined earlier */
            TRY(check_index(r, at, t.supers[i], m->types.n, "supertype"));
        }
    } else {
        t.plain = !in_rec;
    }
    TRY(read_comp_type(r, m, &t));
    t.plain = t.plain && t.kind == WASM_TYPE_FUNC;
    vec_push(m->types, t);
    return true;
}

static bool read_type_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 1, "type count"));
    mark_entries(r, m);
    for (uint32_t g = 0; g < n; g++) {
        if (r->p < r->end && *r->p == 0x4E) { /* rec group */
            r->p++;
            uint32_t k;
            TRY(wdec_count(r, &k, 1, "rec group size"));
            for (uint32_t i = 0; i < k; i++)
                TRY(read_sub_type(r, m, g, true));
        } else {
            TRY(read_sub_type(r, m, g, false));
        }
    }
    m->nrec_groups = n;
    m->ntypes_orig = m->types.n;
    if (m->trace)
        fprintf(m->trace, "types: %u in %u groups\n", m->types.n, n);
    return true;
}

/* ---- imports ------------------------------------------------------------------ */

static const char *const kind_names[] = {"function", "table", "memory",
                                         "global", "tag"};

static bool read_import_desc(WasmReader *r, WasmModule *m, WasmImport *imp)
{
    const uint8_t *at = r->p;
    TRY(wdec_byte(r, &imp->kind, "import kind"));
    int32_t self = (int32_t)m->imports.n;
    switch (imp->kind) {
    case WASM_EXT_FUNC: {
        WasmFunc f = {.import = self};
        TRY(read_type_index(r, m, &f.type));
        imp->index = m->funcs.n;
        vec_push(m->funcs, f);
        return true;
    }
    case WASM_EXT_TABLE: {
        WasmTable t = {.import = self};
        TRY(read_table_type(r, &t));
        imp->index = m->tables.n;
        vec_push(m->tables, t);
        return true;
    }
    case WASM_EXT_MEMORY: {
        WasmMemory mem = {.import = self};
        TRY(read_limits(r, &mem.limits, false));
        imp->index = m->memories.n;
        vec_push(m->memories, mem);
        return true;
    }
    case WASM_EXT_GLOBAL: {
        WasmGlobal g = {.import = self};
        TRY(read_global_type(r, &g.type, &g.mut));
        imp->index = m->globals.n;
        vec_push(m->globals, g);
        return true;
    }
    case WASM_EXT_TAG: {
        WasmTag t = {.import = self};
        uint8_t attr;
        const uint8_t *aat = r->p;
        TRY(wdec_byte(r, &attr, "tag attribute"));
        if (attr != 0)
            return wasm_fail_at(r, aat, "invalid tag attribute %u", attr);
        TRY(read_type_index(r, m, &t.type));
        imp->index = m->tags.n;
        vec_push(m->tags, t);
        return true;
    }
    default:
        return wasm_fail_at(r, at, "invalid import kind 0x%02x", imp->kind);
    }
}

static bool read_import_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 4, "import count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmImport imp;
        memset(&imp, 0, sizeof imp);
        TRY(wimpl_read_name(r, &m->arena, &imp.module, &imp.module_len,
                            "import module name"));
        TRY(wimpl_read_name(r, &m->arena, &imp.field, &imp.field_len,
                            "import field name"));
        TRY(read_import_desc(r, m, &imp));
        imp.range = range_from(r, start);
        if (m->trace)
            fprintf(m->trace, "%08x: import %s.%s, %s %u\n", imp.range.off,
                    imp.module, imp.field, kind_names[imp.kind], imp.index);
        vec_push(m->imports, imp);
    }
    m->nimports_orig = n;
    m->nimported[WASM_EXT_FUNC] = m->funcs.n;
    m->nimported[WASM_EXT_TABLE] = m->tables.n;
    m->nimported[WASM_EXT_MEMORY] = m->memories.n;
    m->nimported[WASM_EXT_GLOBAL] = m->globals.n;
    m->nimported[WASM_EXT_TAG] = m->tags.n;
    return true;
}

/* ---- function, table, memory, tag, global -------------------------------------- */

static bool read_function_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 1, "function count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        WasmFunc f = {.import = -1};
        TRY(read_type_index(r, m, &f.type));
        if (m->types.v[f.type].kind != WASM_TYPE_FUNC)
            return wasm_fail(r, "function %u's type %u is not a function type",
                             m->funcs.n, f.type);
        vec_push(m->funcs, f);
    }
    return true;
}

static bool read_table_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 2, "table count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmTable t = {.import = -1};
        if (r->end - r->p >= 2 && r->p[0] == 0x40 && r->p[1] == 0x00) {
            r->p += 2;
            t.has_init = true;
            TRY(read_table_type(r, &t));
            TRY(wimpl_read_const_expr(r, m, &t.init, &m->arena));
        } else {
            TRY(read_table_type(r, &t));
        }
        t.range = range_from(r, start);
        vec_push(m->tables, t);
    }
    return true;
}

static bool read_memory_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 2, "memory count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmMemory mem = {.import = -1};
        TRY(read_limits(r, &mem.limits, false));
        mem.range = range_from(r, start);
        vec_push(m->memories, mem);
    }
    return true;
}

static bool read_tag_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 2, "tag count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmTag t = {.import = -1};
        uint8_t attr;
        TRY(wdec_byte(r, &attr, "tag attribute"));
        if (attr != 0)
            return wasm_fail_at(r, start, "invalid tag attribute %u", attr);
        TRY(read_type_index(r, m, &t.type));
        t.range = range_from(r, start);
        vec_push(m->tags, t);
    }
    return true;
}

static bool read_global_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 3, "global count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmGlobal g = {.import = -1};
        TRY(read_global_type(r, &g.type, &g.mut));
        TRY(wimpl_read_const_expr(r, m, &g.init, &m->arena));
        g.range = range_from(r, start);
        vec_push(m->globals, g);
    }
    return true;
}

/* ---- export, start ---------------------------------------------------------------- */

uint32_t wimpl_space_count(const WasmModule *m, WasmExternKind kind)
{
    switch (kind) {
    case WASM_EXT_FUNC: return m->funcs.n;
    case WASM_EXT_TABLE: return m->tables.n;
    case WASM_EXT_MEMORY: return m->memories.n;
    case WASM_EXT_GLOBAL: return m->globals.n;
    case WASM_EXT_TAG: return m->tags.n;
    default: return 0;
    }
}

static bool read_export_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 3, "export count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmExport e;
        memset(&e, 0, sizeof e);
        TRY(wimpl_read_name(r, &m->arena, &e.name, &e.name_len,
                            "export name"));
        const uint8_t *at = r->p;
        TRY(wdec_byte(r, &e.kind, "export kind"));
        if (e.kind >= WASM_EXT_COUNT)
            return wasm_fail_at(r, at, "invalid export kind 0x%02x", e.kind);
        at = r->p;
        TRY(wdec_u32(r, &e.index, "export index"));
        TRY(check_index(r, at, e.index,
                        wimpl_space_count(m, (WasmExternKind)e.kind),
                        kind_names[e.kind]));
        e.range = range_from(r, start);
        if (m->trace)
            fprintf(m->trace, "%08x: export \"%s\", %s %u\n", e.range.off,
                    e.name, kind_names[e.kind], e.index);
        vec_push(m->exports, e);
    }
    m->nexports_orig = n;
    return true;
}

static bool read_start_section(WasmReader *r, WasmModule *m)
{
    const uint8_t *at = r->p;
    TRY(wdec_u32(r, &m->start, "start function"));
    TRY(check_index(r, at, m->start, m->funcs.n, "function"));
    m->has_start = true;
    return true;
}

/* ---- element and data segments ------------------------------------------------------ */

static bool read_elem_items(WasmReader *r, WasmModule *m, WasmElem *e)
{
    TRY(wdec_count(r, &e->count, 1, "element count"));
    if (e->uses_exprs) {
        e->exprs = arena_alloc(&m->arena, sizeof *e->exprs * e->count);
        for (uint32_t i = 0; i < e->count; i++)
            TRY(wimpl_read_const_expr(r, m, &e->exprs[i], &m->arena));
        return true;
    }
    e->funcs = arena_alloc(&m->arena, sizeof *e->funcs * e->count);
    for (uint32_t i = 0; i < e->count; i++) {
        const uint8_t *at = r->p;
        TRY(wdec_u32(r, &e->funcs[i], "element function index"));
        TRY(check_index(r, at, e->funcs[i], m->funcs.n, "function"));
    }
    return true;
}

static bool read_elem_kind(WasmReader *r, WasmElem *e)
{
    if (e->uses_exprs)
        return read_reftype(r, &e->type, "element type");
    const uint8_t *at = r->p;
    uint8_t kind;
    TRY(wdec_byte(r, &kind, "element kind"));
    if (kind != 0)
        return wasm_fail_at(r, at, "invalid element kind 0x%02x", kind);
    return true;
}

static bool read_elem(WasmReader *r, WasmModule *m, WasmElem *e)
{
    const uint8_t *at = r->p;
    TRY(wdec_u32(r, &e->flags, "element segment flags"));
    if (e->flags > 7)
        return wasm_fail_at(r, at, "invalid element segment flags %u",
                            e->flags);
    e->uses_exprs = e->flags & 4;
    e->type.code = WASM_FUNCREF;
    e->mode = (e->flags & 1) ? ((e->flags & 2) ? WASM_SEG_DECLARATIVE
                                               : WASM_SEG_PASSIVE)
                             : WASM_SEG_ACTIVE;
    if (e->mode == WASM_SEG_ACTIVE) {
        if (e->flags & 2) {
            at = r->p;
            TRY(wdec_u32(r, &e->table, "element table index"));
            TRY(check_index(r, at, e->table, m->tables.n, "table"));
        } else if (m->tables.n == 0) {
            return wasm_fail_at(r, at, "active element segment without a "
                                "table");
        }
        TRY(wimpl_read_const_expr(r, m, &e->offset, &m->arena));
    }
    /* forms 0 and 4 have no element kind/type byte */
    if (e->flags != 0 && e->flags != 4)
        TRY(read_elem_kind(r, e));
    return read_elem_items(r, m, e);
}

static bool read_element_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 2, "element segment count"));
    mark_entries(r, m);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmElem e;
        memset(&e, 0, sizeof e);
        TRY(read_elem(r, m, &e));
        e.range = range_from(r, start);
        vec_push(m->elems, e);
    }
    m->nelems_orig = n;
    return true;
}

static bool read_datacount_section(WasmReader *r, WasmModule *m)
{
    TRY(wdec_u32(r, &m->datacount, "data count"));
    m->has_datacount = true;
    return true;
}

static bool read_data(WasmReader *r, WasmModule *m, WasmData *d)
{
    const uint8_t *at = r->p;
    uint32_t flags;
    TRY(wdec_u32(r, &flags, "data segment flags"));
    if (flags > 2)
        return wasm_fail_at(r, at, "invalid data segment flags %u", flags);
    d->flags = (uint8_t)flags;
    d->mode = d->flags == 1 ? WASM_SEG_PASSIVE : WASM_SEG_ACTIVE;
    if (d->flags == 2) {
        at = r->p;
        TRY(wdec_u32(r, &d->memory, "data memory index"));
    }
    if (d->mode == WASM_SEG_ACTIVE) {
        TRY(check_index(r, at, d->memory, m->memories.n, "memory"));
        TRY(wimpl_read_const_expr(r, m, &d->offset, &m->arena));
    }
    TRY(wdec_count(r, &d->len, 1, "data segment size"));
    return wdec_bytes(r, d->len, &d->bytes, "data segment");
}

static bool read_data_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 2, "data segment count"));
    mark_entries(r, m);
    if (m->has_datacount && n != m->datacount)
        return wasm_fail(r, "data count section says %u segments but the "
                            "data section has %u", m->datacount, n);
    /* exactly as many as there are (a few more for the segments edits
     * add): modules with 100k segments exist, and doubling would leave
     * a third of the vector unused */
    if (!m->datas.v) {
        m->datas.cap = n + 16;
        m->datas.v = xmalloc(sizeof *m->datas.v * m->datas.cap);
    }
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *start = r->p;
        WasmData d;
        memset(&d, 0, sizeof d);
        TRY(read_data(r, m, &d));
        d.entry_off = (uint32_t)(start - r->base);
        vec_push(m->datas, d);
    }
    m->ndatas_orig = n;
    return true;
}

/* ---- code ------------------------------------------------------------------------------ */

static bool read_code_section(WasmReader *r, WasmModule *m)
{
    uint32_t n;
    const uint8_t *at = r->p;
    TRY(wdec_count(r, &n, 1, "function body count"));
    mark_entries(r, m);
    uint32_t ndefined = m->funcs.n - m->nimported[WASM_EXT_FUNC];
    if (n != ndefined)
        return wasm_fail_at(r, at, "code section has %u bodies but the "
                            "function section declares %u functions", n,
                            ndefined);
    Arena scratch;
    arena_init(&scratch);
    WimplFused v;
    bool fused = m->verdict && !m->unchecked_bodies;
    if (fused) {
        /* validation's checks before the bodies see the spaces whole */
        for (int k = 0; k < WASM_EXT_COUNT; k++)
            m->norig[k] = wimpl_space_count(m, (WasmExternKind)k);
        wimpl_fused_begin(&v, m, m->verdict);
        m->bodies_validated = true;
    }
    bool ok = true;
    m->sites_known = !m->unchecked_bodies; /* the check notes them */
    if (m->sites_known && !m->body_sites.v) { /* never NULL while known */
        m->body_sites.cap = 1024;
        m->body_sites.v = xmalloc(sizeof *m->body_sites.v * 1024);
    }
    for (uint32_t i = 0; i < n && ok; i++) {
        WasmFunc *f = &m->funcs.v[m->nimported[WASM_EXT_FUNC] + i];
        uint32_t size;
        const uint8_t *body;
        const uint8_t *entry = r->p;
        ok = wdec_u32(r, &size, "function body size") &&
             wdec_bytes(r, size, &body, "function body");
        if (!ok)
            break;
        f->size_len = (uint8_t)(body - entry);
        f->body.off = (uint32_t)(body - r->base);
        f->body.len = size;
        if (m->trace)
            fprintf(m->trace, "%08x: function %u body, %u bytes\n",
                    f->body.off, m->nimported[WASM_EXT_FUNC] + i, size);
        uint32_t func = m->nimported[WASM_EXT_FUNC] + i;
        ok = m->unchecked_bodies ||
             (fused ? wimpl_check_validate_body(r, m, func, &v, &scratch)
                    : wimpl_check_body(r, m, func, &scratch));
        wspill_read_done(m, body, size); /* its pages may go back */
        arena_reset(&scratch);
    }
    arena_fini(&scratch);
    if (fused)
        wimpl_fused_fini(&v);
    if (ok && m->trace)
        fprintf(m->trace, "code: %u bodies\n", n);
    return ok;
}

/* ---- custom sections and the name section ---------------------------------------------- */

static bool read_custom_section(WasmReader *r, WasmModule *m)
{
    WasmSection *s = &m->sections.v[m->sections.n - 1];
    TRY(wimpl_read_name(r, &m->arena, &s->custom_name, &s->custom_name_len,
                        "custom section name"));
    mark_entries(r, m); /* the contents after the name */
    if (strcmp(s->custom_name, "name") == 0 && m->name_section < 0)
        m->name_section = (int32_t)m->sections.n - 1;
    if (strncmp(s->custom_name, "reloc.", 6) == 0 ||
        strcmp(s->custom_name, "linking") == 0)
        m->has_reloc = true;
    r->p = r->end; /* the contents are kept as they are */
    return true;
}

static bool read_name_map(WasmReader *r, WasmModule *m, bool functions)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 2, "name map size"));
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx;
        const char *name;
        uint32_t len;
        TRY(wdec_u32(r, &idx, "name index"));
        TRY(wimpl_read_name(r, &m->arena, &name, &len, "name"));
        if (functions && idx < m->funcs.n) {
            m->funcs.v[idx].name = name;
            m->funcs.v[idx].name_len = len;
        }
    }
    return true;
}

/* Parses one name section; `apply` stores the names in the model.  A
 * custom section cannot make a module invalid, so a broken one is only
 * marked (the writer copies it while no index moves and drops it, with a
 * warning through wasm_section_dropped, when they do). */
static bool parse_name_section(WasmModule *m, const WasmSection *s,
                               bool apply)
{
    WasmError err = {0};
    WasmReader r;
    wimpl_reader_at(&r, m, s->entries, &err);
    int last_id = -1;
    while (r.p < r.end) {
        uint8_t id;
        uint32_t size;
        const uint8_t *content;
        if (!wdec_byte(&r, &id, "name subsection id") ||
            !wdec_u32(&r, &size, "name subsection size") ||
            !wdec_bytes(&r, size, &content, "name subsection") ||
            (int)id <= last_id)
            return false;
        last_id = id;
        WasmReader sub = r;
        sub.p = content;
        sub.end = content + size;
        const char *name;
        uint32_t len;
        bool ok;
        if (id == 0 && apply)
            ok = wimpl_read_name(&sub, &m->arena, &m->module_name,
                                 &m->module_name_len, "module name");
        else if (id == 0)
            ok = wimpl_read_name(&sub, &m->arena, &name, &len, "module name");
        else if (id == 1)
            ok = read_name_map(&sub, m, apply);
        else
            ok = wimpl_check_name_subsection(&sub, id);
        if (!ok || sub.p != sub.end)
            return false;
    }
    return true;
}

/* Every name section (custom sections may repeat); the first one names
 * the model's functions. */
static void read_name_sections(WasmModule *m)
{
    for (uint32_t i = 0; i < m->sections.n; i++) {
        WasmSection *s = &m->sections.v[i];
        if (s->id != 0 || strcmp(s->custom_name, "name") != 0)
            continue;
        bool primary = (int32_t)i == m->name_section;
        s->broken = !parse_name_section(m, s, primary);
        if (primary)
            m->names_valid = !s->broken;
    }
    if (m->name_section >= 0 && !m->names_valid) {
        for (uint32_t i = 0; i < m->funcs.n; i++)
            m->funcs.v[i].name = NULL;
        m->module_name = NULL;
    }
}

/* ---- the section loop ------------------------------------------------------------------- */

static const SectionReader section_readers[14] = {
    [0] = read_custom_section,    [1] = read_type_section,
    [2] = read_import_section,    [3] = read_function_section,
    [4] = read_table_section,     [5] = read_memory_section,
    [6] = read_global_section,    [7] = read_export_section,
    [8] = read_start_section,     [9] = read_element_section,
    [10] = read_code_section,     [11] = read_data_section,
    [12] = read_datacount_section, [13] = read_tag_section,
};

int wimpl_section_rank(uint8_t id)
{
    switch (id) {
#define SECTION(sid, Name, rank) case sid: return rank;
#include "sections.def"
#undef SECTION
    default: return -1;
    }
}

static bool read_header(WasmReader *r)
{
    const uint8_t *magic;
    if ((size_t)(r->end - r->p) < 8)
        return wasm_fail(r, "not a WebAssembly module: too short for the "
                            "header");
    TRY(wdec_bytes(r, 4, &magic, "magic"));
    if (memcmp(magic, "\0asm", 4) != 0)
        return wasm_fail_at(r, magic, "not a WebAssembly module: bad magic "
                            "number");
    const uint8_t *ver;
    TRY(wdec_bytes(r, 4, &ver, "version"));
    if (ver[2] == 1 && ver[3] == 0 && ver[0] != 1)
        return wasm_fail_at(r, ver, "this is a WebAssembly component "
                            "(component model, layer 1); only core modules "
                            "can be instrumented");
    if (memcmp(ver, "\1\0\0\0", 4) != 0)
        return wasm_fail_at(r, ver, "unsupported binary version %u (only "
                            "core modules, version 1, are supported)",
                            ver[0] | ver[1] << 8 | ver[2] << 16 |
                            (uint32_t)ver[3] << 24);
    return true;
}

static bool read_one_section(WasmReader *r, WasmModule *m, int *last_rank)
{
    const uint8_t *start = r->p;
    uint8_t id;
    uint32_t size;
    TRY(wdec_byte(r, &id, "section id"));
    int rank = wimpl_section_rank(id);
    if (rank < 0)
        return wasm_fail_at(r, start, "unknown section id %u", id);
    TRY(wdec_u32(r, &size, "section size"));
    if ((size_t)(r->end - r->p) < size)
        return wasm_fail_at(r, start, "%s section size %u runs past the end "
                            "of the module", wasm_section_name(id), size);
    if (rank != 0 && rank <= *last_rank)
        return wasm_fail_at(r, start, "%s section out of order or repeated",
                            wasm_section_name(id));
    if (rank != 0)
        *last_rank = rank;
    WasmSection s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.payload.off = (uint32_t)(r->p - r->base);
    s.payload.len = size;
    s.whole.off = (uint32_t)(start - r->base);
    s.whole.len = (uint32_t)(r->p - start) + size;
    vec_push(m->sections, s);
    if (m->trace)
        fprintf(m->trace, "%08x: section %s, %u bytes\n", s.whole.off,
                wasm_section_name(id), size);
    WasmReader sub = *r;
    sub.end = r->p + size;
    TRY(section_readers[id](&sub, m));
    if (sub.p != sub.end)
        return wasm_fail_at(r, sub.p, "%s section size mismatch: declared %u "
                            "bytes, contents end after %u",
                            wasm_section_name(id), size,
                            (uint32_t)(sub.p - r->p));
    r->p = sub.end;
    return true;
}

static bool check_counts(WasmReader *r, WasmModule *m)
{
    bool has_code = false;
    for (uint32_t i = 0; i < m->sections.n; i++)
        has_code |= m->sections.v[i].id == 10;
    uint32_t ndefined = m->funcs.n - m->nimported[WASM_EXT_FUNC];
    if (!has_code && ndefined > 0)
        return wasm_fail(r, "function section declares %u functions but "
                            "there is no code section", ndefined);
    if (m->has_datacount && m->datas.n != m->datacount)
        return wasm_fail(r, "data count section says %u segments but there "
                            "are %u", m->datacount, m->datas.n);
    return true;
}

static bool read_module(WasmModule *m, const uint8_t *bytes, size_t len,
                        FILE *trace, bool check_bodies, WasmError *verdict,
                        WasmError *err)
{
    memset(m, 0, sizeof *m);
    memset(err, 0, sizeof *err);
    arena_init(&m->arena);
    m->bytes = bytes;
    m->len = len;
    m->trace = trace;
    m->unchecked_bodies = !check_bodies;
    m->verdict = verdict;
    m->name_section = -1;
    WasmReader r;
    wasm_reader_init(&r, bytes, len, err);
    if (len > UINT32_MAX) {
        wasm_fail(&r, "module too large (%zu bytes; 4 GiB at most)", len);
        wasm_module_fini(m);
        return false;
    }
    bool ok = read_header(&r);
    int last_rank = 0;
    while (ok && r.p < r.end)
        ok = read_one_section(&r, m, &last_rank);
    ok = ok && check_counts(&r, m);
    if (!ok) {
        wasm_module_fini(m);
        return false;
    }
    for (int k = 0; k < WASM_EXT_COUNT; k++)
        m->norig[k] = wimpl_space_count(m, (WasmExternKind)k);
    read_name_sections(m);
    m->verdict = NULL;
    return true;
}

bool wasm_module_read(WasmModule *m, const uint8_t *bytes, size_t len,
                      FILE *trace, WasmError *err)
{
    return read_module(m, bytes, len, trace, true, NULL, err);
}

bool wasm_module_read_trusted(WasmModule *m, const uint8_t *bytes,
                              size_t len, WasmError *err)
{
    return read_module(m, bytes, len, NULL, false, NULL, err);
}

bool wimpl_read_module(WasmModule *m, const uint8_t *bytes, size_t len,
                       FILE *trace, WasmError *verdict, bool *fused,
                       WasmError *err)
{
    *fused = false;
    TRY(read_module(m, bytes, len, trace, true, verdict, err));
    *fused = m->bodies_validated;
    return true;
}

void wasm_module_fini(WasmModule *m)
{
    vec_free(m->sections);
    vec_free(m->types);
    vec_free(m->imports);
    vec_free(m->funcs);
    vec_free(m->tables);
    vec_free(m->memories);
    vec_free(m->globals);
    vec_free(m->tags);
    vec_free(m->exports);
    vec_free(m->elems);
    vec_free(m->datas);
    vec_free(m->body_sites);
    vec_free(m->splices);
    for (uint32_t i = 0; i < m->adopted.n; i++)
        m->adopted.v[i].release(m->adopted.v[i].block);
    vec_free(m->adopted);
    wspill_free(m);
    arena_fini(&m->arena);
}
