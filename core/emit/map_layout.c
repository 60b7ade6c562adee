/* map_layout.c -- maps in whamm's memory, laid out when the module is
 * instrumented (runtime.h "Maps"; docs/instr.md "Maps and tuples").  Every map gets a
 * header in the image; a key known at the site (count[(fid, pc)]) gets
 * its entry in the image too, so the probe updates that entry's value in
 * place (as cheap as a per-site slot) and the runtime only hashes keys
 * known at run time.  Static entries are found again through a hash table
 * kept here, keyed by (header, key record). */
#include "state.h"

#include <stdlib.h>
#include <string.h>

enum { HDR_ID = 0, HDR_KEY_TYPE = 4, HDR_VAL_TYPE = 8, HDR_KEY_SIZE = 12,
       HDR_VAL_SIZE = 16, HDR_KEY_NAME = 20, HDR_VAL_NAME = 24,
       HDR_STATICS = 28, HDR_SIZE = 48 };

struct MapEntrySlot {
    uint32_t hdr;           /* 0: empty */
    uint32_t entry;
    uint32_t global_plus1;  /* its value's Wasm global + 1, or 0 */
};

static uint32_t round4(uint32_t n) { return (n + 3) & ~3u; }

uint32_t emit_map_key_size(const Type *mt)
{
    return round4(emit_type_size(mt->key));
}

static void poke32(Emit *E, uint32_t addr, uint32_t v)
{
    emit_poke(E, addr, &v, 4); /* little-endian host assumed (state.c) */
}

static uint32_t peek32(const Emit *E, uint32_t addr)
{
    uint32_t v;
    memcpy(&v, E->image.data + (addr - E->base), 4);
    return v;
}

/* A NUL-terminated string in the image. */
static uint32_t intern_cstr(Emit *E, const char *s, size_t len)
{
    char *z = arena_alloc(E->a, len + 1);
    memcpy(z, s, len);
    z[len] = 0;
    return emit_intern(E, z, (uint32_t)len + 1);
}

static uint32_t intern_desc(Emit *E, const Type *t)
{
    Buf b;
    buf_init(&b);
    emit_type_desc(&b, t);
    uint32_t at = intern_cstr(E, (const char *)b.data, b.len);
    buf_fini(&b);
    return at;
}

static uint32_t intern_name(Emit *E, const Type *t)
{
    const char *n = ty_name(E->a, t);
    return intern_cstr(E, n, strlen(n));
}

uint32_t emit_map_new(Emit *E, const Type *mt)
{
    uint32_t words[8] = {
        E->maps.n, intern_desc(E, mt->key), intern_desc(E, mt->val),
        emit_map_key_size(mt), round4(emit_type_size(mt->val)),
        intern_name(E, mt->key), intern_name(E, mt->val), 0};
    uint32_t hdr = emit_alloc(E, HDR_SIZE, 8);
    emit_poke(E, hdr, words, sizeof words);
    vec_push(E->maps, hdr);
    return hdr;
}

static uint32_t hash_key(uint32_t hdr, const uint8_t *key, uint32_t n)
{
    uint32_t h = 2166136261u ^ hdr;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ key[i]) * 16777619u;
    return h ? h : 1;
}

static void grow_entries(Emit *E)
{
    uint32_t cap = E->entries_cap ? E->entries_cap * 2 : 1024;
    struct MapEntrySlot *t = xcalloc(cap, sizeof *t);
    for (uint32_t i = 0; i < E->entries_cap; i++) {
        struct MapEntrySlot s = E->entries[i];
        if (!s.hdr)
            continue;
        uint32_t ks = peek32(E, s.hdr + HDR_KEY_SIZE);
        uint32_t h = hash_key(s.hdr, E->image.data + (s.entry + 8 - E->base),
                              ks);
        uint32_t k = h & (cap - 1);
        while (t[k].hdr)
            k = (k + 1) & (cap - 1);
        t[k] = s;
    }
    free(E->entries);
    E->entries = t;
    E->entries_cap = cap;
}

static uint32_t new_entry(Emit *E, uint32_t hdr, const Type *mt,
                          const uint8_t *key)
{
    uint32_t ks = emit_map_key_size(mt);
    uint32_t vs = round4(emit_type_size(mt->val));
    uint32_t entry = emit_alloc(E, 8 + ks + vs, 4);
    poke32(E, entry, peek32(E, hdr + HDR_STATICS));
    emit_poke(E, entry + 8, key, ks);
    poke32(E, hdr + HDR_STATICS, entry);
    return entry;
}

/* The slot of the static entry of key in the map at hdr, created when
 * new. */
static struct MapEntrySlot *entry_slot(Emit *E, uint32_t hdr,
                                       const Type *mt, const uint8_t *key)
{
    if (2 * (E->nentries + 1) > E->entries_cap)
        grow_entries(E);
    uint32_t ks = emit_map_key_size(mt);
    uint32_t k = hash_key(hdr, key, ks) & (E->entries_cap - 1);
    for (; E->entries[k].hdr; k = (k + 1) & (E->entries_cap - 1)) {
        struct MapEntrySlot *s = &E->entries[k];
        if (s->hdr == hdr &&
            memcmp(E->image.data + (s->entry + 8 - E->base), key, ks) == 0)
            return s;
    }
    /* new_entry may move the image, never an address */
    uint32_t entry = new_entry(E, hdr, mt, key);
    E->entries[k] = (struct MapEntrySlot){hdr, entry, 0};
    E->nentries++;
    return &E->entries[k];
}

uint32_t emit_map_entry(Emit *E, uint32_t hdr, const Type *mt,
                        const uint8_t *key)
{
    return entry_slot(E, hdr, mt, key)->entry;
}

bool emit_map_in_globals(const Emit *E, uint32_t script, const char *name,
                         const Type *mt)
{
    EmitPart p[EMIT_MAX_PARTS];
    if (!E->top || E->maps_printed || !(ty_is_int(mt->val) ||
                                        mt->val->kind == TY_BOOL) ||
        emit_parts(mt->val, p) != 1 ||
        E->slot_globals >= EMIT_MAX_SLOT_GLOBALS)
        return false;
    for (uint32_t i = 0; i < E->dyn_maps.n; i++)
        if (E->dyn_maps.v[i].script == script &&
            strcmp(E->dyn_maps.v[i].name, name) == 0)
            return false;
    return true;
}

uint32_t emit_map_entry_global(Emit *E, uint32_t hdr, const Type *mt,
                               const uint8_t *key, uint32_t *entry)
{
    struct MapEntrySlot *s = entry_slot(E, hdr, mt, key);
    *entry = s->entry;
    if (!s->global_plus1) {
        EmitPart p[EMIT_MAX_PARTS];
        emit_parts(mt->val, p);
        /* every entry is copied back: a flush may print any report map */
        s->global_plus1 = emit_slot_global(E, &p[0], s->entry + 8 +
                                           emit_map_key_size(mt), true) + 1;
    }
    return s->global_plus1 - 1;
}

bool emit_map_from_targets(Emit *E, uint32_t hdr, const Type *mt,
                           const WasmInstr *br_table)
{
    if (mt->key->kind != TY_U32 || mt->val->kind != TY_U32 ||
        wasm_ops[br_table->op].imm != IMM_BR_TABLE)
        return false;
    for (uint32_t i = 0; i + 1 < br_table->n; i++) {
        uint8_t key[4] = {(uint8_t)i, (uint8_t)(i >> 8), (uint8_t)(i >> 16),
                          (uint8_t)(i >> 24)};
        uint32_t entry = emit_map_entry(E, hdr, mt, key);
        poke32(E, entry + 4, 1); /* present */
        poke32(E, entry + 8 + emit_map_key_size(mt), br_table->ext.labels[i]);
    }
    return true;
}

uint32_t emit_map_keybuf(Emit *E)
{
    if (!E->keybuf)
        E->keybuf = emit_alloc(E, EMIT_MAP_KEY_MAX, 8);
    return E->keybuf;
}

static uint32_t i32_global(Emit *E)
{
    WasmInstr zero = wasm_instr_i32(0);
    return wasm_add_global(E->m, (WasmValType){WASM_I32, 0}, false, &zero,
                           1);
}

uint32_t emit_map_table_global(Emit *E)
{
    if (E->map_table_global < 0)
        E->map_table_global = i32_global(E);
    return (uint32_t)E->map_table_global;
}

uint32_t emit_map_count_global(Emit *E)
{
    if (E->map_count_global < 0)
        E->map_count_global = i32_global(E);
    return (uint32_t)E->map_count_global;
}

/* The id -> header table, once every map exists. */
void emit_finish_maps(Emit *E)
{
    if (E->map_table_global < 0 && E->map_count_global < 0)
        return;
    uint32_t table = emit_alloc(E, 4 * E->maps.n, 4);
    for (uint32_t i = 0; i < E->maps.n; i++)
        poke32(E, table + 4 * i, E->maps.v[i]);
    WasmInstr at = wasm_instr_i32((int32_t)table);
    WasmInstr n = wasm_instr_i32((int32_t)E->maps.n);
    wasm_set_global_init(E->m, emit_map_table_global(E), &at, 1);
    wasm_set_global_init(E->m, emit_map_count_global(E), &n, 1);
}
