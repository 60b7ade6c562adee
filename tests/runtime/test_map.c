/* test_map.c -- whamm's maps (core/runtime/map.c, runtime.h "Maps";
 * docs/instr.md "Maps and tuples" and "whamm_core"), compiled natively
 * over a simulated memory in which the test lays out map headers, static
 * entries and descriptors the way the emitter does.
 *
 *  - hand-derived texts for small maps: sorted order, `empty map`, tuple
 *    keys `(1,2)->3;(1,10)->4`, signed against unsigned order, strings
 *    bytewise, floats as {:+e} with -0 before +0 and NaN last, nested
 *    tuples, bool keys, map values, print_map_as_csv (tuple-keyed and
 *    empty too), static entries present or not joined by equal dynamic
 *    keys, key strings copied out of the caller's buffer;
 *  - a randomized run of more than a million finds, inserts, updates and
 *    direct writes of static entries over nine maps of different key and
 *    value shapes, each checked against a sorted-array reference; at the
 *    end every entry is looked up again and the printed text of each map
 *    is compared with the text rendered from the reference. */
#include "rt_native.h"

#include "runtime/fmt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what) { native_check(ok, what); }

static void expect_text_n(const char *what, const char *want, size_t len)
{
    native_check(native_expect_output(what, want, len), NULL);
}

static void expect_text(const char *what, const char *want)
{
    expect_text_n(what, want, strlen(want));
}

/* ---- descriptors and records, independently of the runtime ------------- */

static uint32_t scalar_bytes(char t)
{
    switch (t) {
    case 'B': case 'b': return 1;
    case 'H': case 'h': return 2;
    case 'I': case 'i': case 'f': case '?': case 'm': return 4;
    case 'L': case 'l': case 'd': case 's': return 8;
    default: return 0;
    }
}

static uint32_t packed_size(const char *d)
{
    uint32_t n = 0;
    for (; *d; d++)
        n += scalar_bytes(*d);
    return n;
}

static void put_le(uint8_t *p, uint64_t v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, uint32_t n)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static uint64_t dbits(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

/* A value of the hand cases: i for integers, bools and map addresses, d
 * for floats, s for strings (copied into the simulated memory). */
typedef struct {
    long long i;
    double d;
    const char *s;
} V;
#define I(x) {.i = (long long)(x)}
#define D(x) {.d = (x)}
#define S(x) {.s = (x)}

static void encode(uint8_t *rec, const char *d, const V *v)
{
    for (; *d; d++) {
        char t = *d;
        if (t == '(' || t == ')')
            continue;
        if (t == 'd') {
            put_le(rec, dbits(v->d), 8);
        } else if (t == 'f') {
            float f = (float)v->d;
            uint32_t b;
            memcpy(&b, &f, 4);
            put_le(rec, b, 4);
        } else if (t == 's') {
            uint32_t len = (uint32_t)strlen(v->s);
            put_le(rec, native_bytes(v->s, len), 4);
            put_le(rec + 4, len, 4);
        } else {
            put_le(rec, (uint64_t)v->i, scalar_bytes(t));
        }
        rec += scalar_bytes(t);
        v++;
    }
}

/* ---- maps laid out as the emitter does ----------------------------------- */

static WhammRtMap *make_map(uint32_t id, const char *kd, const char *vd,
                            const char *kn, const char *vn)
{
    WhammRtMap *m = rt_ptr(native_alloc(sizeof(WhammRtMap), 4));
    m->id = id;
    m->key_type = native_cstr(kd);
    m->val_type = native_cstr(vd);
    m->key_size = (packed_size(kd) + 3) & ~3u;
    m->val_size = (packed_size(vd) + 3) & ~3u;
    m->key_name = native_cstr(kn);
    m->val_name = native_cstr(vn);
    return m;
}

static const char *kdesc(const WhammRtMap *m) { return rt_ptr(m->key_type); }
static const char *vdesc(const WhammRtMap *m) { return rt_ptr(m->val_type); }

/* A static entry {next, present, key, value} chained at the front; returns
 * the address of its value. */
static uint32_t add_static(WhammRtMap *m, const uint8_t *key, int present,
                           const uint8_t *val)
{
    uint32_t e = native_alloc(8 + m->key_size + m->val_size, 4);
    uint8_t *p = rt_ptr(e);
    put_le(p, m->statics, 4);
    put_le(p + 4, (uint32_t)present, 4);
    memcpy(p + 8, key, m->key_size);
    if (val)
        memcpy(p + 8 + m->key_size, val, m->val_size);
    m->statics = e;
    return e + 8 + m->key_size;
}

static uint32_t add_static_v(WhammRtMap *m, const V *key, int present,
                             const V *val)
{
    uint8_t k[64] = {0}, v[64] = {0};
    encode(k, kdesc(m), key);
    encode(v, vdesc(m), val);
    return add_static(m, k, present, v);
}

/* m[key] = val through insert, with garbage in the record's padding. */
static uint8_t *set(WhammRtMap *m, const V *key, const V *val)
{
    uint8_t rec[64];
    memset(rec, 0xAB, sizeof rec);
    encode(rec, kdesc(m), key);
    uint8_t *v = whamm_rt_map_insert(m, rec);
    encode(v, vdesc(m), val);
    return v;
}

static uint8_t *get(WhammRtMap *m, const V *key)
{
    uint8_t rec[64];
    memset(rec, 0xCD, sizeof rec);
    encode(rec, kdesc(m), key);
    return whamm_rt_map_find(m, rec);
}

static void shows(WhammRtMap *m, const char *want)
{
    whamm_rt_map_print(m);
    expect_text(want, want);
}

/* ---- hand-derived texts -------------------------------------------------- */

static void signed_and_unsigned(void)
{
    WhammRtMap *m = make_map(0, "i", "I", "i32", "u32");
    set(m, (V[]){I(5)}, (V[]){I(4)});
    set(m, (V[]){I(-1)}, (V[]){I(2)});
    set(m, (V[]){I(0)}, (V[]){I(3)});
    set(m, (V[]){I(INT32_MAX)}, (V[]){I(5)});
    set(m, (V[]){I(INT32_MIN)}, (V[]){I(1)});
    shows(m, "-2147483648->1;-1->2;0->3;5->4;2147483647->5");
    set(m, (V[]){I(5)}, (V[]){I(4000000000u)});
    shows(m, "-2147483648->1;-1->2;0->3;5->4000000000;2147483647->5");
    check(m->count == 5, "an update adds no entry");

    m = make_map(1, "I", "I", "u32", "u32");
    set(m, (V[]){I(0)}, (V[]){I(1)});
    set(m, (V[]){I(4294967295u)}, (V[]){I(2)});
    set(m, (V[]){I(7)}, (V[]){I(3)});
    shows(m, "0->1;7->3;4294967295->2");

    m = make_map(2, "b", "B", "i8", "u8");
    set(m, (V[]){I(1)}, (V[]){I(255)});
    set(m, (V[]){I(-1)}, (V[]){I(0)});
    set(m, (V[]){I(-128)}, (V[]){I(128)});
    shows(m, "-128->128;-1->0;1->255");

    m = make_map(3, "L", "l", "u64", "i64");
    set(m, (V[]){I(UINT64_MAX)}, (V[]){I(-1)});
    set(m, (V[]){I(1ull << 63)}, (V[]){I(INT64_MIN)});
    set(m, (V[]){I(0)}, (V[]){I(INT64_MAX)});
    shows(m, "0->9223372036854775807;9223372036854775808->"
             "-9223372036854775808;18446744073709551615->-1");

    m = make_map(4, "l", "h", "i64", "i16");
    set(m, (V[]){I(0)}, (V[]){I(-2)});
    set(m, (V[]){I(INT64_MIN)}, (V[]){I(300)});
    set(m, (V[]){I(-1)}, (V[]){I(-32768)});
    shows(m, "-9223372036854775808->300;-1->-32768;0->-2");
}

static void empty_maps(void)
{
    WhammRtMap *m = make_map(0, "i", "i", "i32", "i32");
    shows(m, "empty map");
    check(get(m, (V[]){I(3)}) == 0, "find in a map never written");
    shows(m, "empty map");
    whamm_rt_map_print(NULL);
    expect_text("a null map", "empty map");
    m = make_map(1, "(ii)", "i", "(i32,i32)", "i32");
    add_static_v(m, (V[]){I(1), I(2)}, 0, (V[]){I(0)});
    add_static_v(m, (V[]){I(3), I(4)}, 0, (V[]){I(0)});
    shows(m, "empty map");
}

static void tuples_and_strings(void)
{
    WhammRtMap *m = make_map(0, "(ii)", "i", "(i32,i32)", "i32");
    set(m, (V[]){I(1), I(10)}, (V[]){I(4)});
    set(m, (V[]){I(1), I(2)}, (V[]){I(3)});
    shows(m, "(1,2)->3;(1,10)->4");
    set(m, (V[]){I(-1), I(100)}, (V[]){I(7)});
    shows(m, "(-1,100)->7;(1,2)->3;(1,10)->4");

    /* "" first, then bytewise: 'B' < 'a', "a" < "ab" < "b" < "\xff" */
    m = make_map(1, "s", "i", "str", "i32");
    set(m, (V[]){S("b")}, (V[]){I(1)});
    set(m, (V[]){S("a")}, (V[]){I(2)});
    set(m, (V[]){S("ab")}, (V[]){I(3)});
    set(m, (V[]){S("")}, (V[]){I(4)});
    set(m, (V[]){S("B")}, (V[]){I(5)});
    set(m, (V[]){S("\xff")}, (V[]){I(6)});
    shows(m, "->4;B->5;a->2;ab->3;b->1;\xff->6");

    m = make_map(2, "(i(ii))", "(s(?B))", "(i32,(i32,i32))", "(str,(bool,u8))");
    set(m, (V[]){I(1), I(2), I(3)}, (V[]){S("x"), I(1), I(255)});
    set(m, (V[]){I(1), I(2), I(-3)}, (V[]){S(""), I(0), I(0)});
    shows(m, "(1,(2,-3))->(,(false,0));(1,(2,3))->(x,(true,255))");

    /* a str part at an unaligned offset: (u8, str) packs to 9 bytes */
    m = make_map(3, "(Bs)", "s", "(u8,str)", "str");
    set(m, (V[]){I(2), S("b")}, (V[]){S("two\n")});
    set(m, (V[]){I(2), S("a")}, (V[]){S("one")});
    set(m, (V[]){I(1), S("zz")}, (V[]){S("")});
    shows(m, "(1,zz)->;(2,a)->one;(2,b)->two\n");
    check(get(m, (V[]){I(2), S("a")}) != 0, "an unaligned str key part");
}

static void floats_and_bools(void)
{
    WhammRtMap *m = make_map(0, "d", "i", "f64", "i32");
    set(m, (V[]){D(1.5)}, (V[]){I(4)});
    set(m, (V[]){D(-0.0)}, (V[]){I(2)});
    set(m, (V[]){D(0.0)}, (V[]){I(3)});
    set(m, (V[]){D(-2.25)}, (V[]){I(1)});
    set(m, (V[]){D(INFINITY)}, (V[]){I(5)});
    set(m, (V[]){D(NAN)}, (V[]){I(6)});
    shows(m, "-2.25e0->1;-0e0->2;+0e0->3;+1.5e0->4;+inf->5;NaN->6");
    uint8_t *neg = get(m, (V[]){D(-0.0)}), *pos = get(m, (V[]){D(0.0)});
    check(neg && pos && neg != pos, "-0.0 and 0.0 are two keys");
    check(get(m, (V[]){D(NAN)}) != 0, "a NaN key finds itself");

    m = make_map(1, "i", "f", "i32", "f32");
    set(m, (V[]){I(2)}, (V[]){D(1.5)});
    set(m, (V[]){I(1)}, (V[]){D(0.1)});
    shows(m, "1->+1e-1;2->+1.5e0");

    m = make_map(2, "f", "d", "f32", "f64");
    set(m, (V[]){D(3.0)}, (V[]){D(-1.1)});
    set(m, (V[]){D(-FLT_MAX)}, (V[]){D(1000.18)});
    shows(m, "-3.4028235e38->+1.00018e3;+3e0->-1.1e0");

    /* any non-zero bool is true: key 5 is the key true */
    m = make_map(3, "?", "i", "bool", "i32");
    set(m, (V[]){I(1)}, (V[]){I(1)});
    set(m, (V[]){I(0)}, (V[]){I(2)});
    shows(m, "false->2;true->1");
    set(m, (V[]){I(5)}, (V[]){I(9)});
    shows(m, "false->2;true->9");
}

/* map<i32, map<i32, i32>>: a value is a map's address; 0 is a map that
 * was never made.  The report prints a map row the same way. */
static void map_values(void)
{
    WhammRtMap *inner = make_map(1, "i", "i", "i32", "i32");
    set(inner, (V[]){I(5)}, (V[]){I(6)});
    set(inner, (V[]){I(1)}, (V[]){I(7)});
    WhammRtMap *outer = make_map(0, "i", "m", "i32", "map<i32,i32>");
    set(outer, (V[]){I(2)}, (V[]){I(rt_addr(inner))});
    set(outer, (V[]){I(1)}, (V[]){I(0)});
    shows(outer, "1->empty map;2->1->7;5->6");
    uint8_t addr[4];
    put_le(addr, rt_addr(outer), 4);
    whamm_rt_put_value("m", addr);
    expect_text("a map report value", "1->empty map;2->1->7;5->6");
    uint8_t rec[12];
    put_le(rec, 1, 4);
    put_le(rec + 4, 2, 4);
    put_le(rec + 8, (uint32_t)-3, 4);
    whamm_rt_put_value("(i(ii))", rec);
    expect_text("a report tuple keeps \"; \"", "(1; (2; -3))");
}

static void csv(void)
{
    WhammRtMap *m = make_map(3, "i", "I", "i32", "u32");
    set(m, (V[]){I(5)}, (V[]){I(4)});
    set(m, (V[]){I(-1)}, (V[]){I(2)});
    whamm_rt_map_print_csv(m);
    expect_text("csv", "== map3 CSV FLUSH ==\nkey (i32), val (u32)\n-1, 2\n5, 4\n");

    whamm_rt_map_print_csv(make_map(4, "s", "i", "str", "i32"));
    expect_text("csv empty", "== map4 CSV FLUSH ==\nkey (str), val (i32)\nempty map\n");

    m = make_map(5, "(ii)", "i", "(i32,i32)", "i32");
    add_static_v(m, (V[]){I(1), I(1)}, 0, (V[]){I(0)});
    whamm_rt_map_print_csv(m);
    expect_text("csv empty tuple key", "== map5 CSV FLUSH ==\nempty map\n");

    m = make_map(6, "(ii)", "i", "(i32,i32)", "i32");
    set(m, (V[]){I(5), I(0)}, (V[]){I(1)});
    set(m, (V[]){I(0), I(12)}, (V[]){I(2)});
    whamm_rt_map_print_csv(m);
    expect_text("csv tuple key", "== map6 CSV FLUSH ==\nkey ((i32,i32)), val (i32)\n"
                "(0,12), 2\n(5,0), 1\n");

    m = make_map(17, "s", "(id)", "str", "(i32,f64)");
    set(m, (V[]){S("a")}, (V[]){I(1), D(2.5)});
    whamm_rt_map_print_csv(m);
    expect_text("csv tuple value", "== map17 CSV FLUSH ==\nkey (str), val ((i32,f64))\n"
                "a, (1,+2.5e0)\n");
}

static uint32_t value_i32(const uint8_t *v) { return (uint32_t)get_le(v, 4); }

static void statics(void)
{
    WhammRtMap *m = make_map(8, "(ii)", "i", "(i32,i32)", "i32");
    uint32_t s1 = add_static_v(m, (V[]){I(1), I(1)}, 1, (V[]){I(10)});
    uint32_t s2 = add_static_v(m, (V[]){I(2), I(2)}, 0, (V[]){I(0)});
    uint32_t s3 = add_static_v(m, (V[]){I(3), I(3)}, 1, (V[]){I(30)});
    check(get(m, (V[]){I(2), I(2)}) == 0, "a static entry not present");
    uint8_t *v1 = get(m, (V[]){I(1), I(1)});
    check(v1 == rt_ptr(s1) && value_i32(v1) == 10, "a present static entry");
    shows(m, "(1,1)->10;(3,3)->30");
    uint8_t *v2 = whamm_rt_map_insert(m, (const uint8_t *)"\2\0\0\0\2\0\0\0");
    check(v2 == rt_ptr(s2) && value_i32(v2) == 0,
          "insert of a static key reaches the static entry");
    shows(m, "(1,1)->10;(2,2)->0;(3,3)->30");
    set(m, (V[]){I(0), I(0)}, (V[]){I(5)});
    put_le(rt_ptr(s3), 31, 4);  /* emitted code writes a static in place */
    shows(m, "(0,0)->5;(1,1)->10;(2,2)->0;(3,3)->31");
    check(m->count == 4, "statics and dynamic entries share the table");

    /* statics join on a first print, too */
    m = make_map(9, "s", "I", "str", "u32");
    add_static_v(m, (V[]){S("x")}, 1, (V[]){I(1)});
    add_static_v(m, (V[]){S("a")}, 0, (V[]){I(0)});
    shows(m, "x->1");

    /* many statics: the first use sizes the table for all of them */
    m = make_map(10, "I", "I", "u32", "u32");
    for (uint32_t k = 0; k < 1000; k++)
        add_static_v(m, (V[]){I(k)}, k % 3 == 0, (V[]){I(k % 3 ? 0 : 2 * k)});
    check(get(m, (V[]){I(999)}) != 0 && get(m, (V[]){I(998)}) == 0,
          "1000 statics");
    check(m->cap == 2048 && m->count == 1000, "a table sized for the statics");
    char *want = malloc(20000), *w = want;
    for (uint32_t k = 0; k < 1000; k += 3)
        w += sprintf(w, "%s%u->%u", k ? ";" : "", k, 2 * k);
    shows(m, want);
    free(want);
}

/* A key's str bytes are copied: the caller's buffer may change. */
static void key_copies(void)
{
    WhammRtMap *m = make_map(0, "s", "i", "str", "i32");
    uint32_t buf = native_bytes("hello", 5);
    uint8_t rec[8];
    put_le(rec, buf, 4);
    put_le(rec + 4, 5, 4);
    put_le(whamm_rt_map_insert(m, rec), 1, 4);
    memcpy(rt_ptr(buf), "XXXXX", 5);
    check(get(m, (V[]){S("hello")}) != 0, "a key found by its bytes");
    check(whamm_rt_map_find(m, rec) == 0, "the old buffer's bytes changed");
    shows(m, "hello->1");
}

/* ---- the randomized run -------------------------------------------------- */

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint64_t rnd64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint32_t rnd(uint32_t n) { return (uint32_t)(rnd64() % n); }

typedef struct {
    char t;
    uint64_t bits;   /* the scalar's bits (low bytes), for all but str */
    uint8_t s[8];
    uint32_t len;
} Part;

typedef struct {
    Part p[4];
    int n;
} LKey;

typedef struct {
    LKey key;
    uint8_t val[40];   /* the packed value */
    uint8_t *ptr;      /* its record in the map */
    int present;
} RefEntry;

typedef struct {
    const char *kd, *vd;
    int nstatic;       /* static entries, half of them present */
    WhammRtMap *m;
    RefEntry **ref;    /* sorted by key */
    uint32_t n, cap;
    RefEntry *stat[32];
} TMap;

static double dpool[5000];
static uint32_t spool[16], spool_len[16];  /* str values */
static uint32_t scratch;                     /* str bytes of keys */
static uint32_t scratch_at;

static void make_pools(void)
{
    static const double special[] = {-0.0, 0.0, INFINITY, -INFINITY, DBL_MIN,
                                     DBL_MAX, -DBL_MAX, 5e-324, -5e-324, 0.1};
    static const uint64_t nans[] = {0x7FF8000000000000ull,
                                    0x7FF0000000000001ull,
                                    0xFFF8000000000000ull};
    uint32_t n = 0;
    for (size_t i = 0; i < sizeof special / sizeof *special; i++)
        dpool[n++] = special[i];
    for (size_t i = 0; i < 3; i++)
        memcpy(&dpool[n++], &nans[i], 8);
    while (n < 5000)
        dpool[n++] = ((double)rnd(2000000) - 1000000) / 64.0;
    for (int i = 0; i < 16; i++) {
        char s[16];
        int len = i % 3 ? snprintf(s, sizeof s, "v%d", i * 7) : 0;
        spool[i] = native_bytes(s, (uint32_t)len);
        spool_len[i] = (uint32_t)len;
    }
    scratch = native_alloc(64 * 8, 1);
}

static int32_t pick_i32(int tuple)
{
    static const int32_t extremes[] = {INT32_MIN, INT32_MAX, -1, 0};
    if (rnd(100) == 0)
        return extremes[rnd(4)];
    return tuple ? (int32_t)rnd(81) - 40 : (int32_t)rnd(6000) - 3000;
}

static Part gen_part(char t, int tuple)
{
    static const char alphabet[4] = {'a', 'b', '\0', '\xff'};
    Part p = {.t = t};
    switch (t) {
    case 'i': p.bits = (uint32_t)pick_i32(tuple); break;
    case 'I': p.bits = rnd(100) ? rnd(6000) : 0xFFFFFFFFu - rnd(2); break;
    case 'L': p.bits = rnd(5000) * 0x9E3779B97F4A7C15ull; break;
    case 'b': case 'h': p.bits = (uint64_t)((int64_t)rnd(5) - 2); break;
    case '?': p.bits = (uint64_t[]){0, 1, 2, 7}[rnd(4)]; break;
    case 'd': p.bits = dbits(dpool[rnd(5000)]); break;
    case 's':
        p.len = rnd(tuple ? 4 : 7);
        for (uint32_t i = 0; i < p.len; i++)
            p.s[i] = (uint8_t)alphabet[rnd(4)];
        break;
    }
    return p;
}

static LKey gen_key(const TMap *t)
{
    LKey k = {.n = 0};
    int tuple = t->kd[0] == '(';
    for (const char *d = t->kd; *d; d++)
        if (scalar_bytes(*d))
            k.p[k.n++] = gen_part(*d, tuple);
    return k;
}

/* The key record; str bytes go to a scratch slot the caller clobbers. */
static void encode_key(const TMap *t, const LKey *k, uint8_t *rec)
{
    memset(rec, 0xAB, 32);
    for (int i = 0; i < k->n; i++) {
        const Part *p = &k->p[i];
        uint32_t size = scalar_bytes(p->t);
        if (p->t == 's') {
            uint32_t at = scratch + 8 * (scratch_at++ % 64);
            memcpy(rt_ptr(at), p->s, p->len);
            put_le(rec, at, 4);
            put_le(rec + 4, p->len, 4);
        } else {
            put_le(rec, p->bits, size);
        }
        rec += size;
    }
}

static void clobber_scratch(void)
{
    memset(rt_ptr(scratch), 0xEE, 64 * 8);
}

static void gen_value(const char *vd, uint8_t *out)
{
    for (; *vd; vd++) {
        uint32_t size = scalar_bytes(*vd);
        if (*vd == 's') {
            uint32_t i = rnd(16);
            put_le(out, spool[i], 4);
            put_le(out + 4, spool_len[i], 4);
        } else if (*vd == '?') {
            put_le(out, rnd(2), 4);
        } else if (*vd == 'd') {
            put_le(out, dbits(dpool[rnd(5000)]), 8);
        } else {
            put_le(out, rnd64(), size);
        }
        out += size;
    }
}

/* ---- the reference ---------------------------------------------------------- */

static int64_t sext(uint64_t v, uint32_t bytes)
{
    if (bytes == 8)
        return (int64_t)v;
    uint64_t sign = 1ull << (8 * bytes - 1);
    v &= (sign << 1) - 1;
    return (v & sign) ? (int64_t)v - (int64_t)(sign << 1) : (int64_t)v;
}

static int cmp_double(uint64_t xa, uint64_t xb)
{
    double a, b;
    memcpy(&a, &xa, 8);
    memcpy(&b, &xb, 8);
    if (isnan(a) || isnan(b)) {
        if (isnan(a) && isnan(b))
            return (xa > xb) - (xa < xb);
        return isnan(a) ? 1 : -1;
    }
    if (a != b)
        return a < b ? -1 : 1;
    return !!signbit(b) - !!signbit(a);
}

static int cmp_part(const Part *a, const Part *b)
{
    uint32_t size = scalar_bytes(a->t);
    switch (a->t) {
    case 'b': case 'h': case 'i': case 'l': {
        int64_t x = sext(a->bits, size), y = sext(b->bits, size);
        return (x > y) - (x < y);
    }
    case 'd':
        return cmp_double(a->bits, b->bits);
    case '?':
        return (a->bits != 0) - (b->bits != 0);
    case 's': {
        uint32_t n = a->len < b->len ? a->len : b->len;
        int r = memcmp(a->s, b->s, n);
        if (r)
            return r < 0 ? -1 : 1;
        return (a->len > b->len) - (a->len < b->len);
    }
    default: {
        uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
        uint64_t x = a->bits & mask, y = b->bits & mask;
        return (x > y) - (x < y);
    }
    }
}

static int cmp_lkey(const LKey *a, const LKey *b)
{
    for (int i = 0; i < a->n; i++) {
        int r = cmp_part(&a->p[i], &b->p[i]);
        if (r)
            return r;
    }
    return 0;
}

/* The index of key in the reference, or where it would go (*found 0). */
static uint32_t ref_find(const TMap *t, const LKey *k, int *found)
{
    uint32_t lo = 0, hi = t->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int r = cmp_lkey(&t->ref[mid]->key, k);
        if (r == 0) {
            *found = 1;
            return mid;
        }
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

static RefEntry *ref_add(TMap *t, uint32_t at, const LKey *k)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->ref = realloc(t->ref, t->cap * sizeof *t->ref);
    }
    memmove(&t->ref[at + 1], &t->ref[at], (t->n - at) * sizeof *t->ref);
    RefEntry *e = calloc(1, sizeof *e);
    e->key = *k;
    t->ref[at] = e;
    t->n++;
    return e;
}

static TMap tmaps[] = {
    {.kd = "i", .vd = "I", .nstatic = 20},
    {.kd = "L", .vd = "l"},
    {.kd = "s", .vd = "i", .nstatic = 12},
    {.kd = "(ii)", .vd = "d", .nstatic = 20},
    {.kd = "(si)", .vd = "(s?)"},
    {.kd = "d", .vd = "L", .nstatic = 8},
    {.kd = "(b(hs))", .vd = "(i(ii))", .nstatic = 10},
    {.kd = "I", .vd = "i", .nstatic = 30},
    {.kd = "?", .vd = "i", .nstatic = 1},
};
#define NMAPS (sizeof tmaps / sizeof *tmaps)

static void setup_tmap(TMap *t, uint32_t id)
{
    t->m = make_map(id, t->kd, t->vd, "k", "v");
    for (int i = 0; i < t->nstatic; i++) {
        LKey k = gen_key(t);
        int found;
        uint32_t at = ref_find(t, &k, &found);
        if (found) {     /* the emitter lays out one entry per key */
            i--;
            continue;
        }
        uint8_t rec[32], val[40] = {0};
        encode_key(t, &k, rec);
        /* a static key's strings are literals of the image */
        for (int p = 0, off = 0; p < k.n; off += (int)scalar_bytes(k.p[p].t), p++)
            if (k.p[p].t == 's')
                put_le(rec + off, native_bytes(k.p[p].s, k.p[p].len), 4);
        RefEntry *e = ref_add(t, at, &k);
        e->present = (int)rnd(2);
        if (e->present)
            gen_value(t->vd, val);
        e->ptr = rt_ptr(add_static(t->m, rec, e->present, val));
        memcpy(e->val, val, sizeof e->val);
        t->stat[i] = e;
    }
}

static int value_is(const TMap *t, const uint8_t *v, const uint8_t *want)
{
    return memcmp(v, want, packed_size(t->vd)) == 0;
}

static int op_find(TMap *t, const LKey *k)
{
    uint8_t rec[32];
    int found;
    encode_key(t, k, rec);
    uint8_t *v = whamm_rt_map_find(t->m, rec);
    uint32_t at = ref_find(t, k, &found);
    if (!found || !t->ref[at]->present)
        return v == 0;
    return v == t->ref[at]->ptr && value_is(t, v, t->ref[at]->val);
}

/* m[k] = a new value: the entry it reaches must be the known one (or a
 * new one with a zero value). */
static int op_insert(TMap *t, const LKey *k)
{
    uint8_t rec[32], zero[40] = {0};
    int found, ok;
    encode_key(t, k, rec);
    uint8_t *v = whamm_rt_map_insert(t->m, rec);
    clobber_scratch();
    uint32_t at = ref_find(t, k, &found);
    RefEntry *e = found ? t->ref[at] : ref_add(t, at, k);
    if (found)
        ok = v == e->ptr && value_is(t, v, e->present ? e->val : zero);
    else
        ok = value_is(t, v, zero);
    e->ptr = v;
    e->present = 1;
    gen_value(t->vd, e->val);
    memcpy(v, e->val, packed_size(t->vd));
    return ok;
}

/* Emitted code writing a static entry in place. */
static void op_static_write(TMap *t)
{
    RefEntry *e = t->stat[rnd((uint32_t)t->nstatic)];
    gen_value(t->vd, e->val);
    memcpy(e->ptr, e->val, packed_size(t->vd));
    put_le(e->ptr - t->m->key_size - 4, 1, 4);
    e->present = 1;
}

/* ---- rendering the reference ------------------------------------------------ */

typedef struct {
    char *p;
    size_t n, cap;
} Buf;

static void add(Buf *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void add_scalar(Buf *b, char t, const uint8_t *v)
{
    char s[64];
    uint32_t size = scalar_bytes(t);
    uint64_t x = get_le(v, size == 8 && t == 's' ? 4 : size);
    size_t n = 0;
    switch (t) {
    case 'b': case 'h': case 'i': case 'l':
        n = (size_t)sprintf(s, "%lld", (long long)sext(x, size));
        break;
    case 'd': {
        double d;
        memcpy(&d, &x, 8);
        n = rt_fmt_f64(s, d);
        break;
    }
    case '?':
        n = (size_t)sprintf(s, "%s", x ? "true" : "false");
        break;
    case 's':
        add(b, rt_ptr((uint32_t)x), (size_t)get_le(v + 4, 4));
        return;
    default:
        n = (size_t)sprintf(s, "%llu", (unsigned long long)x);
    }
    add(b, s, n);
}

static const char *add_value(Buf *b, const char *d, const uint8_t **v)
{
    if (*d != '(') {
        add_scalar(b, *d, *v);
        *v += scalar_bytes(*d);
        return d + 1;
    }
    add(b, "(", 1);
    for (d++; *d != ')';) {
        if (d[-1] != '(')
            add(b, ",", 1);
        d = add_value(b, d, v);
    }
    add(b, ")", 1);
    return d + 1;
}

static void expect_final(TMap *t, uint32_t id)
{
    Buf b = {0};
    uint32_t present = 0;
    int lookups_ok = 1;
    for (uint32_t i = 0; i < t->n; i++) {
        RefEntry *e = t->ref[i];
        lookups_ok &= op_find(t, &e->key);
        if (!e->present)
            continue;
        uint8_t rec[32];
        const uint8_t *k = rec, *v = e->val;
        encode_key(t, &e->key, rec);
        if (present++)
            add(&b, ";", 1);
        add_value(&b, t->kd, &k);
        add(&b, "->", 2);
        add_value(&b, t->vd, &v);
    }
    char what[64];
    snprintf(what, sizeof what, "map %u (%s->%s): every key", id, t->kd, t->vd);
    check(lookups_ok, what);
    WhammRtMap *m = t->m;
    uint32_t in_table = 0;
    for (uint32_t i = 0; i < m->cap; i++) {
        uint32_t e = ((uint32_t *)rt_ptr(m->table))[i];
        in_table += e && get_le(rt_ptr(e + 4), 4);
    }
    snprintf(what, sizeof what, "map %u: the table", id);
    check(in_table == present && m->count == t->n && (m->cap & (m->cap - 1)) == 0 &&
          (uint64_t)m->count * 10 <= (uint64_t)m->cap * 7, what);
    whamm_rt_map_print(m);
    snprintf(what, sizeof what, "map %u (%s->%s): printed", id, t->kd, t->vd);
    expect_text_n(what, b.p ? b.p : "empty map", b.p ? b.n : 9);
    printf("map %u %-8s -> %-8s %6u keys, %6u present, cap %u\n", id, t->kd,
           t->vd, t->n, present, m->cap);
    free(b.p);
}

static void randomized(void)
{
    enum { STEPS = 1200000 };
    make_pools();
    for (uint32_t i = 0; i < NMAPS; i++)
        setup_tmap(&tmaps[i], 100 + i);
    uint32_t bad_find = 0, bad_insert = 0, finds = 0, inserts = 0;
    for (uint32_t step = 0; step < STEPS; step++) {
        TMap *t = &tmaps[rnd(NMAPS)];
        uint32_t op = rnd(10);
        if (op < 1 && t->nstatic) {
            op_static_write(t);
            continue;
        }
        LKey k = gen_key(t);
        if (op < 5) {
            finds++;
            bad_find += !op_find(t, &k);
        } else {
            inserts++;
            bad_insert += !op_insert(t, &k);
        }
    }
    printf("randomized: %u finds, %u inserts\n", finds, inserts);
    check(bad_find == 0, "every find agrees with the reference");
    check(bad_insert == 0, "every insert reaches the right entry");
    for (uint32_t i = 0; i < NMAPS; i++)
        expect_final(&tmaps[i], 100 + i);
    for (uint32_t i = 0; i < NMAPS; i++) {
        for (uint32_t j = 0; j < tmaps[i].n; j++)
            free(tmaps[i].ref[j]);
        free(tmaps[i].ref);
    }
}

int main(void)
{
    native_init(64, 8192);
    signed_and_unsigned();
    empty_maps();
    tuples_and_strings();
    floats_and_bools();
    map_values();
    csv();
    statics();
    key_copies();
    randomized();
    return native_done("runtime.map");
}
