/* map.c -- whamm's maps at run time (runtime.h "Maps"; docs/instr.md
 * "Maps and tuples" for how maps behave and print, "whamm_core" for
 * print_map_as_csv).
 *
 * A map is an open-addressing hash table with linear probing over the
 * addresses of its entries; its capacity is a power of two, doubled before
 * the load passes 70%.  Keys are never removed, so there are no
 * tombstones.  Key records are hashed and compared by walking the key's
 * descriptor scalar by scalar: a str part by its bytes (never by its
 * address), a bool as 0 or 1, floats by their bits (so -0.0 and 0.0 are
 * two keys, and a NaN finds itself).  The emitter's static entries join
 * the table on the map's first find, insert or print.
 *
 * Printing sorts the present entries by key with a merge sort (no libc):
 * integers by value with their signedness, false before true, strings
 * bytewise with a prefix first, floats by value (-0 before +0, NaNs
 * last), tuples element by element.  The JSON report lists the entries in
 * the same order. */
#include "runtime.h"

#include "fmt.h"
#include "mem.h"
#include "out.h"

#define ENTRY_KEY 8u           /* an entry is {next, present, key, value} */
#define MIN_CAP 16u
#define MAX_CAP (1u << 28)     /* a 1 GiB table: past any wasm32 memory */

/* ---- records ----------------------------------------------------------------- */

static uint32_t *word(uint32_t addr) { return rt_ptr(addr); }
static const char *key_type(const WhammRtMap *m) { return rt_ptr(m->key_type); }
static const char *val_type(const WhammRtMap *m) { return rt_ptr(m->val_type); }

static uint8_t *entry_key(uint32_t e)
{
    return (uint8_t *)rt_ptr(e) + ENTRY_KEY;
}

static uint8_t *entry_value(const WhammRtMap *m, uint32_t e)
{
    return entry_key(e) + m->key_size;
}

/* Written to (runtime.h "Maps"): the present word, or a non-zero value. */
static int entry_present(const WhammRtMap *m, uint32_t e)
{
    if (word(e)[1] != 0)
        return 1;
    const uint8_t *v = entry_value(m, e);
    for (uint32_t i = 0; i < m->val_size; i++)
        if (v[i])
            return 1;
    return 0;
}

/* The next scalar of a descriptor.  A tuple's elements are packed one
 * after another, nested ones too, so parentheses only group: walking the
 * scalars in order visits the record's fields in order.  0 at the end. */
static char next_scalar(const char **t)
{
    while (**t == '(' || **t == ')')
        (*t)++;
    return **t ? *(*t)++ : 0;
}

/* A str part of a record is (address, length), possibly unaligned. */
static const uint8_t *str_bytes(const uint8_t *part)
{
    return rt_ptr((uint32_t)rt_load(part, 4));
}

static uint32_t str_len(const uint8_t *part)
{
    return (uint32_t)rt_load(part + 4, 4);
}

static void store32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* A non-str scalar as the bits that decide equality. */
static uint64_t scalar_bits(char t, const uint8_t *p)
{
    uint64_t v = rt_load(p, rt_scalar_size(t));
    return t == '?' ? v != 0 : v;
}

/* ---- hashing and equality ------------------------------------------------------ */

/* Multiplying by an odd constant near 2^32 / golden ratio spreads each
 * word over the high bits; the shift folds them back down. */
static uint32_t mix(uint32_t h, uint32_t v)
{
    h = (h ^ v) * 0x9E3779B1u;
    return h ^ (h >> 16);
}

/* A final avalanche, so that keys differing only in high bits (or only in
 * a later tuple element) still land in different low slots. */
static uint32_t finish(uint32_t h)
{
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    h *= 0x297A2D39u;
    return h ^ (h >> 15);
}

static uint32_t hash_str(uint32_t h, const uint8_t *s, uint32_t len)
{
    h = mix(h, len);
    uint32_t i = 0;
    for (; i + 4 <= len; i += 4)
        h = mix(h, (uint32_t)rt_load(s + i, 4));
    if (i < len)
        h = mix(h, (uint32_t)rt_load(s + i, (int)(len - i)));
    return h;
}

static uint32_t hash_key(const char *t, const uint8_t *key)
{
    uint32_t h = 0x811C9DC5u;
    for (char c; (c = next_scalar(&t)); key += rt_scalar_size(c)) {
        if (c == 's') {
            h = hash_str(h, str_bytes(key), str_len(key));
        } else {
            uint64_t v = scalar_bits(c, key);
            h = mix(mix(h, (uint32_t)v), (uint32_t)(v >> 32));
        }
    }
    return finish(h);
}

static int keys_equal(const char *t, const uint8_t *a, const uint8_t *b)
{
    for (char c; (c = next_scalar(&t));) {
        int same = c == 's'
            ? whamm_rt_str_eq(str_bytes(a), str_len(a), str_bytes(b),
                              str_len(b))
            : scalar_bits(c, a) == scalar_bits(c, b);
        if (!same)
            return 0;
        a += rt_scalar_size(c);
        b += rt_scalar_size(c);
    }
    return 1;
}

/* ---- the table ------------------------------------------------------------------ */

/* The slot of key's entry, or the empty slot where it belongs.  The load
 * bound keeps an empty slot in every table, so the probe ends. */
static uint32_t slot_of(const WhammRtMap *m, const uint8_t *key, uint32_t h)
{
    const char *kt = key_type(m);
    uint32_t *table = word(m->table), mask = m->cap - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t e = table[i];
        if (e == 0 || keys_equal(kt, entry_key(e), key))
            return i;
    }
}

/* Puts an entry whose key is not in the table yet into the first empty
 * slot of its probe sequence. */
static void place(WhammRtMap *m, uint32_t e, uint32_t h)
{
    uint32_t *table = word(m->table), mask = m->cap - 1;
    uint32_t i = h & mask;
    while (table[i])
        i = (i + 1) & mask;
    table[i] = e;
}

static void rehash(WhammRtMap *m, uint32_t cap)
{
    uint32_t *old = word(m->table), old_cap = m->cap;
    uint32_t *table = (uint32_t *)whamm_rt_alloc(cap * 4);
    for (uint32_t i = 0; i < cap; i++)
        table[i] = 0;
    m->table = rt_addr(table);
    m->cap = cap;
    const char *kt = key_type(m);
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i])
            place(m, old[i], hash_key(kt, entry_key(old[i])));
    if (old_cap)
        whamm_rt_free((uint8_t *)old);
}

/* Makes room for n entries at a load of at most 70%. */
static void reserve(WhammRtMap *m, uint32_t n)
{
    static const char full[] = "out of memory: a map's table cannot grow";
    uint32_t cap = m->cap ? m->cap : MIN_CAP;
    while ((uint64_t)n * 10 > (uint64_t)cap * 7) {
        if (cap >= MAX_CAP)
            whamm_rt_fail((const uint8_t *)full, sizeof full - 1);
        cap *= 2;
    }
    if (cap != m->cap)
        rehash(m, cap);
}

/* Takes the static entries into the table, present or not, once.  The
 * emitter lays out one entry per key; were a key there twice, the first
 * entry would be the one found. */
static void ingest(WhammRtMap *m)
{
    if (m->ingested)
        return;
    m->ingested = 1;
    uint32_t n = 0;
    for (uint32_t e = m->statics; e; e = word(e)[0])
        n++;
    if (n == 0)
        return;
    reserve(m, m->count + n);
    const char *kt = key_type(m);
    for (uint32_t e = m->statics; e; e = word(e)[0]) {
        uint32_t i = slot_of(m, entry_key(e), hash_key(kt, entry_key(e)));
        if (word(m->table)[i] == 0) {
            word(m->table)[i] = e;
            m->count++;
        }
    }
}

/* Copies every str part of a key into the heap: the caller's bytes (a
 * read_str result, say) may not live as long as the map. */
static void keep_strings(const char *t, uint8_t *key)
{
    for (char c; (c = next_scalar(&t)); key += rt_scalar_size(c)) {
        if (c != 's')
            continue;
        uint32_t len = str_len(key);
        uint8_t *copy = len ? whamm_rt_str_keep(str_bytes(key), len) : 0;
        store32(key, rt_addr(copy));
    }
}

/* A new present entry for key with a zero value. */
static uint32_t new_entry(const WhammRtMap *m, const uint8_t *key)
{
    const char *kt = key_type(m), *end;
    uint32_t size = ENTRY_KEY + m->key_size + m->val_size;
    uint8_t *e = whamm_rt_alloc(size);
    for (uint32_t i = 0; i < size; i++)
        e[i] = 0;
    /* the packed key only: the record's padding is not the caller's */
    uint32_t packed = rt_value_size(kt, &end);
    for (uint32_t i = 0; i < packed; i++)
        e[ENTRY_KEY + i] = key[i];
    keep_strings(kt, e + ENTRY_KEY);
    uint32_t addr = rt_addr(e);
    word(addr)[1] = 1;
    return addr;
}

uint8_t *whamm_rt_map_find(WhammRtMap *m, const uint8_t *key)
{
    ingest(m);
    if (m->cap == 0)
        return 0;
    uint32_t h = hash_key(key_type(m), key);
    uint32_t e = word(m->table)[slot_of(m, key, h)];
    return e && entry_present(m, e) ? entry_value(m, e) : 0;
}

uint8_t *whamm_rt_map_insert(WhammRtMap *m, const uint8_t *key)
{
    ingest(m);
    uint32_t h = hash_key(key_type(m), key);
    if (m->cap) {
        uint32_t e = word(m->table)[slot_of(m, key, h)];
        if (e) {
            word(e)[1] = 1;
            return entry_value(m, e);
        }
    }
    reserve(m, m->count + 1);
    uint32_t e = new_entry(m, key);
    place(m, e, h);
    m->count++;
    return entry_value(m, e);
}

/* ---- ordering ------------------------------------------------------------------- */

static int cmp_u64(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

static int cmp_i64(int64_t a, int64_t b) { return (a > b) - (a < b); }

static int64_t sign_extend(uint64_t v, int bytes)
{
    uint64_t m = (uint64_t)1 << (8 * bytes - 1);
    return (int64_t)((v ^ m) - m);
}

/* Bytewise, and a string before the longer ones it starts. */
static int cmp_str(const uint8_t *a, const uint8_t *b)
{
    const uint8_t *x = str_bytes(a), *y = str_bytes(b);
    uint32_t xn = str_len(a), yn = str_len(b);
    for (uint32_t i = 0; i < xn && i < yn; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return cmp_u64(xn, yn);
}

/* By value; values that compare equal but differ (-0 and +0) by sign, and
 * NaNs after everything, among themselves by bits: a total order, so the
 * printed order never depends on the table's. */
static int cmp_float(double x, double y, uint64_t xbits, uint64_t ybits,
                     int sign_bit)
{
    int xnan = x != x, ynan = y != y;
    if (xnan || ynan)
        return xnan && ynan ? cmp_u64(xbits, ybits) : xnan - ynan;
    if (x != y)
        return x < y ? -1 : 1;
    return cmp_u64(ybits >> sign_bit, xbits >> sign_bit);
}

static int cmp_scalar(char t, const uint8_t *a, const uint8_t *b)
{
    int size = rt_scalar_size(t);
    uint64_t x = rt_load(a, size), y = rt_load(b, size);
    switch (t) {
    case 's':
        return cmp_str(a, b);
    case 'b': case 'h': case 'i': case 'l':
        return cmp_i64(sign_extend(x, size), sign_extend(y, size));
    case 'f': {
        union { uint32_t u; float f; } fx = {(uint32_t)x}, fy = {(uint32_t)y};
        return cmp_float(fx.f, fy.f, x, y, 31);
    }
    case 'd': {
        union { uint64_t u; double d; } dx = {x}, dy = {y};
        return cmp_float(dx.d, dy.d, x, y, 63);
    }
    case '?':
        return cmp_u64(x != 0, y != 0);
    default:
        return cmp_u64(x, y);
    }
}

/* Tuples compare element by element, which on the flattened record is
 * scalar by scalar. */
static int cmp_keys(const char *t, const uint8_t *a, const uint8_t *b)
{
    for (char c; (c = next_scalar(&t));) {
        int r = cmp_scalar(c, a, b);
        if (r)
            return r;
        a += rt_scalar_size(c);
        b += rt_scalar_size(c);
    }
    return 0;
}

/* Merges the sorted runs src[lo, mid) and src[mid, hi) into dst. */
static void merge(const char *kt, const uint32_t *src, uint32_t *dst,
                  uint32_t lo, uint32_t mid, uint32_t hi)
{
    uint32_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        dst[k++] = cmp_keys(kt, entry_key(src[j]), entry_key(src[i])) < 0
                       ? src[j++] : src[i++];
    while (i < mid)
        dst[k++] = src[i++];
    while (j < hi)
        dst[k++] = src[j++];
}

/* Bottom-up merge sort of n entries between a and tmp, which alternate as
 * source and destination; returns the one that ends up sorted. */
static uint32_t *sort_entries(const char *kt, uint32_t *a, uint32_t *tmp,
                              uint32_t n)
{
    for (uint32_t width = 1; width < n; width *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * width) {
            uint32_t mid = n - lo < width ? n : lo + width;
            uint32_t hi = n - mid < width ? n : mid + width;
            merge(kt, a, tmp, lo, mid, hi);
        }
        uint32_t *swap = a;
        a = tmp;
        tmp = swap;
    }
    return a;
}

/* The present entries in key order, in a heap block (*block, for
 * whamm_rt_free) of 2n words: the entries and the sort's scratch. */
static uint32_t *sorted_present(WhammRtMap *m, uint32_t *n, uint8_t **block)
{
    ingest(m);
    *n = 0;
    *block = 0;
    if (m->count == 0)
        return 0;
    *block = whamm_rt_alloc(m->count * 8);
    uint32_t *list = (uint32_t *)*block, *table = word(m->table);
    for (uint32_t i = 0; i < m->cap; i++)
        if (table[i] && entry_present(m, table[i]))
            list[(*n)++] = table[i];
    return sort_entries(key_type(m), list, list + m->count, *n);
}

/* ---- printing --------------------------------------------------------------------- */

static void put_entry(const WhammRtMap *m, uint32_t e, const char *between)
{
    rt_put_map_value(key_type(m), entry_key(e));
    rt_put_cstr(between);
    rt_put_map_value(val_type(m), entry_value(m, e));
}

static void put_name(uint32_t addr)
{
    if (addr)
        rt_put_cstr(rt_ptr(addr));
}

/* A null map is one never created (a zero map value): it prints empty. */
void whamm_rt_map_print(WhammRtMap *m)
{
    uint32_t n = 0;
    uint8_t *block = 0;
    uint32_t *list = m ? sorted_present(m, &n, &block) : 0;
    if (n == 0)
        rt_put_cstr("empty map");
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            rt_put_cstr(";");
        put_entry(m, list[i], "->");
    }
    whamm_rt_free(block);
}

/* JSON: an array of {"key": K, "value": V} objects in the same order. */
void rt_map_put_json(WhammRtMap *m)
{
    uint32_t n = 0;
    uint8_t *block = 0;
    uint32_t *list = m ? sorted_present(m, &n, &block) : 0;
    rt_put_cstr("[");
    for (uint32_t i = 0; i < n; i++) {
        rt_put_cstr(i ? ", {\"key\": " : "{\"key\": ");
        rt_put_json_value(key_type(m), entry_key(list[i]));
        rt_put_cstr(", \"value\": ");
        rt_put_json_value(val_type(m), entry_value(m, list[i]));
        rt_put_cstr("}");
    }
    rt_put_cstr("]");
    whamm_rt_free(block);
}

/* == map<ID> CSV FLUSH ==, the key/value header, then `k, v` lines; an
 * empty map with a tuple key has no header (as in the reference). */
void whamm_rt_map_print_csv(WhammRtMap *m)
{
    char id[RT_FMT_MAX + 1];
    id[rt_fmt_u64(id, m->id)] = 0;
    rt_put_cstr("== map");
    rt_put_cstr(id);
    rt_put_cstr(" CSV FLUSH ==\n");
    uint32_t n;
    uint8_t *block;
    uint32_t *list = sorted_present(m, &n, &block);
    if (n || key_type(m)[0] != '(') {
        rt_put_cstr("key (");
        put_name(m->key_name);
        rt_put_cstr("), val (");
        put_name(m->val_name);
        rt_put_cstr(")\n");
    }
    if (n == 0)
        rt_put_cstr("empty map\n");
    for (uint32_t i = 0; i < n; i++) {
        put_entry(m, list[i], ", ");
        rt_put_cstr("\n");
    }
    whamm_rt_free(block);
}
