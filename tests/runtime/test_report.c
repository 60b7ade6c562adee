/* test_report.c -- the report (core/runtime/report.c, dest.c; runtime.h
 * whamm_rt_report; docs/instr.md "The report"), compiled natively over a
 * simulated memory in which the test lays out report tables the way the
 * emitter does, with the host's side of WASI played by rt_native.c.
 *
 *  - CSV: a value is quoted (RFC 4180) when it has a comma, a double quote,
 *    CR or LF or starts with a space, inner quotes doubled -- strings,
 *    tuples and maps alike -- and left alone otherwise; a quoted value
 *    longer than the output buffer;
 *  - JSON: every scalar kind, strings with escapes and bytes that are not
 *    UTF-8, tuples as arrays, maps as [{"key", "value"}] in key order, the
 *    document's shape for 0, 1 and 2 rows;
 *  - the compact layout (WHAMM_RT_KINDS), CSV and JSON: rows put together
 *    from kinds, function names and LEB128 differences in full rows; rows
 *    of a few bits naming a shape in their context's list (the kinds of
 *    the two rows before) or in the run's: contexts switching, shapes
 *    that differ only in their value mode, a full row in another function
 *    between (the fid carries on), every position code of a context's
 *    list, what a full context's list and a full run's list drop and the
 *    run's list's last position, the other value register (a shared
 *    counter and back after it), rows a stride apart, a row naming an
 *    empty slot and the unused bits of a run's last byte; rows written by
 *    rows.h (as the emitter writes them) and appended by sites.c (as a
 *    wei monitor does, a byte rewritten a row) read back as they were
 *    written, every value mode among them, a long recurring pattern a bit
 *    a row;
 *  - destinations: WHAMM_REPORT unset, empty, stdout, stderr or a file
 *    (the preopen with the longest matching prefix, `.` for relative
 *    paths, trailing slashes, `./` and doubled slashes); a file that
 *    cannot be opened (no preopen, a directory, path_open's error): one
 *    line on stderr, the report on stdout; the environment is read only
 *    with the flag and only once; a failing stdout or file: one line on
 *    stderr, the rest there; stderr failing too: nothing, the errno
 *    returned, no trap; output outside the report after stdout failed.
 * Expected texts are derived by hand. */
#include "rt_native.h"

#include "runtime/rows.h"
#include "runtime/sites.c" /* not in the native library: compact_sites */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what) { native_check(ok, what); }

static void expect_out(const char *what, const char *want)
{
    native_check(native_expect_output(what, want, strlen(want)), NULL);
}

static void expect_err(const char *what, const char *want)
{
    size_t len;
    const char *got = native_stderr(&len);
    if (native_check(len == strlen(want) && memcmp(got, want, len) == 0,
                     NULL))
        return;
    fprintf(stderr, "%s (stderr):\n  got  '%.*s'\n  want '%s'\n", what,
            (int)len, got, want);
}

static void expect_file(const char *what, const char *id, const char *want)
{
    const char *text;
    size_t len;
    int closed;
    const char *got = native_file(&text, &len, &closed);
    if (native_check(got && strcmp(got, id) == 0 && closed &&
                     len == strlen(want) && memcmp(text, want, len) == 0,
                     NULL))
        return;
    fprintf(stderr, "%s (file):\n  got  %s closed %d '%.*s'\n  want %s "
            "'%s'\n", what, got ? got : "(none)", closed, (int)len, text, id,
            want);
}

/* ---- tables ------------------------------------------------------------------- */

static void put_le(uint8_t *p, uint64_t v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* A str record {address, length} of a copy of s[0..len). */
static uint32_t str_value(const char *s, uint32_t len)
{
    uint32_t at = native_alloc(8, 4);
    uint32_t bytes = native_bytes(s, len);
    put_le(rt_ptr(at), bytes, 4);
    put_le((uint8_t *)rt_ptr(at) + 4, len, 4);
    return at;
}

static uint32_t u64_value(uint64_t v)
{
    uint32_t at = native_alloc(8, 4);
    put_le(rt_ptr(at), v, 8);
    return at;
}

static uint32_t f64_value(double d)
{
    uint64_t bits;
    memcpy(&bits, &d, 8);
    return u64_value(bits);
}

static uint32_t f32_value(float f)
{
    uint32_t bits;
    memcpy(&bits, &f, 4);
    return u64_value(bits);
}

typedef struct {
    const char *text;    /* the row up to its value (the emitter's part) */
    const char *type;    /* descriptor */
    uint32_t value;      /* address */
} Row;

/* A report table (runtime.h WhammRtReport) of n rows. */
static uint32_t table(uint32_t format, uint32_t flags, const Row *rows,
                      uint32_t n)
{
    uint32_t at = native_alloc(8 + 16 * n, 4);
    uint8_t *p = rt_ptr(at);
    put_le(p, format, 4);
    put_le(p + 4, flags, 4);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *r = p + 8 + 16 * i;
        put_le(r, native_cstr(rows[i].text), 4);
        put_le(r + 4, strlen(rows[i].text), 4);
        put_le(r + 8, rows[i].value, 4);
        put_le(r + 12, native_cstr(rows[i].type), 4);
    }
    return at;
}

static int32_t report(uint32_t tab, uint32_t n)
{
    return whamm_rt_report(rt_ptr(tab), n);
}

/* A map<K, V> header with the sizes of runtime.h (records padded to 4). */
static WhammRtMap *map(const char *kt, const char *vt, uint32_t ksize,
                       uint32_t vsize)
{
    WhammRtMap *m = rt_ptr(native_alloc(sizeof *m, 4));
    m->key_type = native_cstr(kt);
    m->val_type = native_cstr(vt);
    m->key_size = ksize;
    m->val_size = vsize;
    return m;
}

static uint32_t map_value(WhammRtMap *m)
{
    return u64_value(rt_addr(m)) /* the low 4 bytes: the address */;
}

#define BANNER "\n================================= REPORT CSV FLUSH " \
               "====================================\nid, id_type, name, " \
               "whamm_type, wasm_type, script_id, fname, fid, pc, probe_id, " \
               "value(s)\n"

/* ---- CSV -------------------------------------------------------------------------- */

static void csv_quoting(void)
{
    native_reset_report();
    /* map<(u32,u32),str>: (2,8)->"q", (1,9)->"a b" */
    WhammRtMap *m = map("(II)", "s", 8, 8);
    uint8_t key[8];
    put_le(key, 2, 4);
    put_le(key + 4, 8, 4);
    uint8_t *v = whamm_rt_map_insert(m, key);
    memcpy(v, rt_ptr(str_value("q", 1)), 8);
    put_le(key, 1, 4);
    put_le(key + 4, 9, 4);
    v = whamm_rt_map_insert(m, key);
    memcpy(v, rt_ptr(str_value("a b", 3)), 8);
    WhammRtMap *plain = map("I", "I", 4, 4);
    put_le(key, 7, 4);
    put_le(whamm_rt_map_insert(plain, key), 3, 4);
    /* (str, u32) = ("x,y", 5) */
    uint32_t tup = native_alloc(12, 4);
    memcpy(rt_ptr(tup), rt_ptr(str_value("x,y", 3)), 8);
    put_le((uint8_t *)rt_ptr(tup) + 8, 5, 4);
    Row rows[] = {
        {"0, a, ", "s", str_value("a,b", 3)},
        {"1, b, ", "s", str_value("say \"hi\"", 8)},
        {"2, c, ", "s", str_value("x\ny", 3)},
        {"3, d, ", "s", str_value("cr\r", 3)},
        {"4, e, ", "s", str_value(" lead", 5)},
        {"5, f, ", "s", str_value("in side", 7)},
        {"6, g, ", "s", str_value("", 0)},
        {"7, h, ", "(sI)", tup},
        {"8, i, ", "m", map_value(m)},
        {"9, j, ", "m", map_value(plain)},
        {"10, k, ", "L", u64_value(UINT64_MAX)},
        {"11, l, ", "d", f64_value(-1.5)},
        {"12, m, ", "s", str_value("\"", 1)},
    };
    uint32_t t = table(WHAMM_RT_CSV, 0, rows, 13);
    check(report(t, 13) == 0, "csv: report returns 0");
    expect_out("csv quoting",
               BANNER
               "0, a, \"a,b\"\n"
               "1, b, \"say \"\"hi\"\"\"\n"
               "2, c, \"x\ny\"\n"
               "3, d, \"cr\r\"\n"
               "4, e, \" lead\"\n"
               "5, f, in side\n"
               "6, g, \n"
               "7, h, \"(x,y; 5)\"\n"
               "8, i, \"(1,9)->a b;(2,8)->q\"\n"
               "9, j, 7->3\n"
               "10, k, 18446744073709551615\n"
               "11, l, -1.5e0\n"
               "12, m, \"\"\"\"\n");
}

/* A quoted value far longer than the 4 KiB buffer: flushed in pieces, the
 * quoting intact across them. */
static void csv_long(void)
{
    native_reset_report();
    static char s[10001], want[sizeof BANNER + 20000];
    for (int i = 0; i < 10000; i++)
        s[i] = i % 100 == 99 ? '"' : i % 10 == 9 ? ',' : 'a';
    Row rows[] = {{"0, x, ", "s", str_value(s, 10000)}};
    uint32_t t = table(WHAMM_RT_CSV, 0, rows, 1);
    report(t, 1);
    char *w = want + sprintf(want, "%s0, x, \"", BANNER);
    for (int i = 0; i < 10000; i++) {
        if (s[i] == '"')
            *w++ = '"';
        *w++ = s[i];
    }
    strcpy(w, "\"\n");
    expect_out("csv: a long quoted value", want);
}

/* ---- JSON ------------------------------------------------------------------------ */

static void json_values(void)
{
    native_reset_report();
    WhammRtMap *m = map("(I?)", "s", 8, 8);
    uint8_t key[8];
    put_le(key, 3, 4);
    put_le(key + 4, 1, 4);
    memcpy(whamm_rt_map_insert(m, key), rt_ptr(str_value("t", 1)), 8);
    put_le(key, 3, 4);
    put_le(key + 4, 0, 4);
    memcpy(whamm_rt_map_insert(m, key), rt_ptr(str_value("f", 1)), 8);
    uint32_t nest = native_alloc(13, 4); /* (i32, (bool, u8)) packed */
    put_le(rt_ptr(nest), (uint32_t)-7, 4);
    put_le((uint8_t *)rt_ptr(nest) + 4, 1, 4);
    put_le((uint8_t *)rt_ptr(nest) + 8, 200, 1);
    static const char bytes[] = "q\"\\/\x01\x1f\x7f\xc3\xa9\xe2\x82\xac"
                                "\xf0\x9f\x98\x80\xff\xc0\xaf\xed\xa0\x80"
                                "\xf4\x90\x80\x80\xe2\x82";
    Row rows[] = {
        {"{\"id\": 0, \"value\": ", "L", u64_value(UINT64_MAX)},
        {"{\"id\": 1, \"value\": ", "l", u64_value((uint64_t)INT64_MIN)},
        {"{\"id\": 2, \"value\": ", "b", u64_value(0x80)},
        {"{\"id\": 3, \"value\": ", "d", f64_value(0.1)},
        {"{\"id\": 4, \"value\": ", "d", f64_value(NAN)},
        {"{\"id\": 5, \"value\": ", "f", f32_value(INFINITY)},
        {"{\"id\": 6, \"value\": ", "d", f64_value(-INFINITY)},
        {"{\"id\": 7, \"value\": ", "d", f64_value(-0.0)},
        {"{\"id\": 8, \"value\": ", "f", f32_value(-2.5e-7f)},
        {"{\"id\": 9, \"value\": ", "?", u64_value(5)},
        {"{\"id\": 10, \"value\": ", "s",
         str_value(bytes, sizeof bytes - 1)},
        {"{\"id\": 11, \"value\": ", "(i(?B))", nest},
        {"{\"id\": 12, \"value\": ", "m", map_value(m)},
        {"{\"id\": 13, \"value\": ", "m", u64_value(0)},
        {"{\"id\": 14, \"value\": ", "d", f64_value(1e300)},
    };
    uint32_t t = table(WHAMM_RT_JSON, 0, rows, 15);
    report(t, 15);
    expect_out("json values",
               "\n{\"report\": [\n"
               "{\"id\": 0, \"value\": 18446744073709551615},\n"
               "{\"id\": 1, \"value\": -9223372036854775808},\n"
               "{\"id\": 2, \"value\": -128},\n"
               "{\"id\": 3, \"value\": 1e-1},\n"
               "{\"id\": 4, \"value\": \"NaN\"},\n"
               "{\"id\": 5, \"value\": \"inf\"},\n"
               "{\"id\": 6, \"value\": \"-inf\"},\n"
               "{\"id\": 7, \"value\": -0e0},\n"
               "{\"id\": 8, \"value\": -2.5e-7},\n"
               "{\"id\": 9, \"value\": true},\n"
               /* q " \ / 01 1f 7f é € 😀 | ff | c0 af (overlong) | ed a0 80
                * (surrogate) | f4 90 80 80 (past U+10FFFF) | e2 82 (cut) */
               "{\"id\": 10, \"value\": \"q\\\"\\\\/\\u0001\\u001f\x7f"
               "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\\u00ff\\u00c0\\u00af"
               "\\u00ed\\u00a0\\u0080\\u00f4\\u0090\\u0080\\u0080\\u00e2"
               "\\u0082\"},\n"
               "{\"id\": 11, \"value\": [-7, [true, 200]]},\n"
               "{\"id\": 12, \"value\": [{\"key\": [3, false], \"value\": "
               "\"f\"}, {\"key\": [3, true], \"value\": \"t\"}]},\n"
               "{\"id\": 13, \"value\": []},\n"
               "{\"id\": 14, \"value\": 1e300}\n"
               "]}\n");
    native_reset_report();
    report(table(WHAMM_RT_JSON, 0, NULL, 0), 0);
    expect_out("json: no rows", "\n{\"report\": [\n]}\n");
}

/* ---- the compact layout (runtime.h WhammRtKinds) --------------------------------- */

typedef struct {
    uint8_t bytes[4096];
    uint32_t bits;           /* the run's length in bits */
    uint32_t fid, pc, value; /* the previous row's, for the differences */
} Run;

/* The n low bits of v, the lowest first (the run starts zeroed). */
static void put_bits(Run *r, uint32_t v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++, r->bits++)
        if (v >> i & 1)
            r->bytes[r->bits >> 3] |= (uint8_t)(1u << (r->bits & 7));
}

static void leb(Run *r, uint32_t v)
{
    do {
        uint32_t c = v & 0x7F;
        v >>= 7;
        put_bits(r, c | (v ? 0x80 : 0), 8);
    } while (v);
}

/* The zig-zag coded 32-bit difference v - *prev. */
static void delta(Run *r, uint32_t *prev, uint32_t v)
{
    uint32_t d = v - *prev;
    *prev = v;
    leb(r, (d << 1) ^ (0u - (d >> 31)));
}

#define MODE(m) ((m) << WHAMM_RT_MODE_SHIFT)

/* A full row's escape (four 1s, then 1) and first number: its kind and
 * flags. */
static void full(Run *r, uint32_t kind, uint32_t flags)
{
    put_bits(r, 0x1F, 5);
    leb(r, kind << WHAMM_RT_KIND_SHIFT | flags);
}

/* A site row with every number written out (mode DELTA, fid). */
static void site_row(Run *r, uint32_t kind, uint32_t fid, uint32_t pc,
                     uint32_t value)
{
    full(r, kind, 0);
    delta(r, &r->fid, fid);
    delta(r, &r->pc, pc);
    delta(r, &r->value, value);
}

/* An empty run, then its first row: kind 0 at fid 0, pc and value
 * written out (its value is a number: no shape yet). */
static void first_row(Run *r, uint32_t pc, uint32_t value)
{
    memset(r, 0, sizeof *r);
    full(r, 0, WHAMM_RT_SAME_FID);
    delta(r, &r->pc, pc);
    delta(r, &r->value, value);
}

/* A full site row with SAME_FID and a mode that is not DELTA: only the
 * pc; value is what the row should read as (kept for later
 * differences). */
static void shaped_row(Run *r, uint32_t kind, uint32_t mode, uint32_t pc,
                       uint32_t value)
{
    full(r, kind, WHAMM_RT_SAME_FID | MODE(mode));
    delta(r, &r->pc, pc);
    r->value = value;
}

/* A row naming a position of its context's list, its code spelled out
 * bit by bit ("0" is position 0, "10" 1, "110x" 2-3, "1110xy" 4-7 with x
 * the low bit); pc and value are what the row should read as. */
static void ctx_row(Run *r, const char *code, uint32_t pc, uint32_t value)
{
    for (; *code; code++)
        put_bits(r, *code == '1', 1);
    r->pc = pc;
    r->value = value;
}

/* A row naming position pos of the run's list: the escape, 0, pos. */
static void run_row(Run *r, uint32_t pos, uint32_t pc, uint32_t value)
{
    put_bits(r, 0xF, 4);
    put_bits(r, 0, 1);
    put_bits(r, pos, WHAMM_RT_RECENT_BITS);
    r->pc = pc;
    r->value = value;
}

static void kind_at(uint32_t kinds, uint32_t i, const char *text,
                    const char *tail, const char *type, uint32_t site)
{
    uint8_t *p = (uint8_t *)rt_ptr(kinds) + 24 * i;
    put_le(p, native_cstr(text), 4);
    put_le(p + 4, strlen(text), 4);
    put_le(p + 8, tail ? native_cstr(tail) : 0, 4);
    put_le(p + 12, tail ? strlen(tail) : 0, 4);
    put_le(p + 16, native_cstr(type), 4);
    put_le(p + 20, site, 4);
}

/* A compact table: header, WhammRtKinds, names by fid (NULL: unnamed),
 * runs of `bytes` with their lengths in bits; kinds are filled by the
 * caller. */
static uint32_t compact_of(uint32_t format, uint32_t kinds,
                           const char *const *names, uint32_t nnames,
                           const uint8_t *const *bytes, const uint32_t *bits,
                           uint32_t nruns)
{
    uint32_t at = native_alloc(8 + 20, 4);
    uint8_t *p = rt_ptr(at);
    put_le(p, format, 4);
    put_le(p + 4, WHAMM_RT_KINDS, 4);
    uint32_t nt = native_alloc(8 * nnames + 8, 4);
    for (uint32_t i = 0; i < nnames; i++) {
        uint8_t *n = (uint8_t *)rt_ptr(nt) + 8 * i;
        put_le(n, names[i] ? native_cstr(names[i]) : 0, 4);
        put_le(n + 4, names[i] ? strlen(names[i]) : WHAMM_RT_UNNAMED, 4);
    }
    uint32_t rt = native_alloc(8 * nruns + 8, 4);
    for (uint32_t i = 0; i < nruns; i++) {
        uint8_t *r = (uint8_t *)rt_ptr(rt) + 8 * i;
        put_le(r, bits[i] ? native_bytes(bytes[i], (bits[i] + 7) / 8) : 0,
               4);
        put_le(r + 4, bits[i], 4);
    }
    put_le(p + 8, kinds, 4);
    put_le(p + 12, nt, 4);
    put_le(p + 16, nnames, 4);
    put_le(p + 20, rt, 4);
    put_le(p + 24, nruns, 4);
    return at;
}

static uint32_t compact(uint32_t format, uint32_t kinds,
                        const char *const *names, uint32_t nnames,
                        const Run *runs, uint32_t nruns)
{
    const uint8_t *bytes[4];
    uint32_t bits[4];
    for (uint32_t i = 0; i < nruns && i < 4; i++) {
        bytes[i] = runs[i].bytes;
        bits[i] = runs[i].bits;
    }
    return compact_of(format, kinds, names, nnames, bytes, bits, nruns);
}

/* Rows put together from kinds: ids counted on across runs, fid and pc
 * going back (negative differences), a row with the same fid and the next
 * value, an unnamed function (#fid), a name quoted already, a
 * script-level kind in a run of its own. */
static void compact_csv(void)
{
    native_reset_report();
    uint32_t kinds = native_alloc(24 * 3, 4);
    const char *cols = "memaddr, n, u64, i64, script0, ";
    kind_at(kinds, 0, cols, "0_wasm:opcode:nop:before, ", "L", 1);
    kind_at(kinds, 1, cols, "1_wasm:opcode:drop:before, ", "L", 1);
    kind_at(kinds, 2, "global_id, count, u32, i32, script0, , , , , ", NULL,
            "I", 0);
    const char *names[] = {"main", NULL, "\"a,b\""};
    uint32_t v0 = u64_value(5), v1 = u64_value(7);
    uint32_t v2 = native_alloc(16, 8), g = u64_value(9);
    put_le(rt_ptr(v2), UINT64_C(4294967296), 8);
    put_le((uint8_t *)rt_ptr(v2) + 8, UINT64_C(4294967297), 8);
    Run runs[2];
    memset(runs, 0, sizeof runs);
    site_row(&runs[0], 0, 2, 300, v1);
    site_row(&runs[0], 1, 0, 20, v0);
    site_row(&runs[0], 0, 1, 0x12345, v2);
    /* v2 + 8: the low half of 4294967297 */
    shaped_row(&runs[0], 1, WHAMM_RT_NEXT_VALUE, 0x12346, v2 + 8);
    full(&runs[1], 2, 0);
    delta(&runs[1], &runs[1].value, g);
    uint32_t t = compact(WHAMM_RT_CSV, kinds, names, 3, runs, 2);
    check(report(t, 5) == 0, "compact: report returns 0");
    expect_out("compact csv",
               BANNER
               "0, memaddr, n, u64, i64, script0, \"a,b\", 2, 300, "
               "0_wasm:opcode:nop:before, 7\n"
               "1, memaddr, n, u64, i64, script0, main, 0, 20, "
               "1_wasm:opcode:drop:before, 5\n"
               "2, memaddr, n, u64, i64, script0, #1, 1, 74565, "
               "0_wasm:opcode:nop:before, 4294967296\n"
               "3, memaddr, n, u64, i64, script0, #1, 1, 74566, "
               "1_wasm:opcode:drop:before, 4294967297\n"
               "4, global_id, count, u32, i32, script0, , , , , 9\n");
}

static void compact_json(void)
{
    native_reset_report();
    uint32_t kinds = native_alloc(24, 4);
    kind_at(kinds, 0, "\"name\": \"n\", \"fname\": ",
            "\"p\", \"value\": ", "I", 1);
    const char *names[] = {"\"f\"", NULL};
    Run run;
    memset(&run, 0, sizeof run);
    site_row(&run, 0, 0, 7, u64_value(3));
    site_row(&run, 0, 1, 2, u64_value(4));
    report(compact(WHAMM_RT_JSON, kinds, names, 2, &run, 1), 2);
    expect_out("compact json",
               "\n{\"report\": [\n"
               "{\"id\": 0, \"name\": \"n\", \"fname\": \"f\", \"fid\": 0, "
               "\"pc\": 7, \"probe_id\": \"p\", \"value\": 3},\n"
               "{\"id\": 1, \"name\": \"n\", \"fname\": \"#1\", \"fid\": 1, "
               "\"pc\": 2, \"probe_id\": \"p\", \"value\": 4}\n"
               "]}\n");
}

/* One CSV row of the kinds below ("a" / "b" tails), appended to out. */
static void want_row(char *out, size_t cap, uint32_t id, const char *fname,
                     uint32_t fid, uint32_t pc, const char *tail,
                     uint64_t value)
{
    size_t n = strlen(out);
    snprintf(out + n, cap - n,
             "%u, memaddr, n, u64, i64, script0, %s, %u, %u, %s%llu\n",
             id, fname, fid, pc, tail, (unsigned long long)value);
}

/* Two site kinds a and b of u64 values, in table `kinds`. */
static uint32_t kinds_ab(void)
{
    uint32_t kinds = native_alloc(24 * 2, 4);
    const char *cols = "memaddr, n, u64, i64, script0, ";
    kind_at(kinds, 0, cols, "a, ", "L", 1);
    kind_at(kinds, 1, cols, "b, ", "L", 1);
    return kinds;
}

/* n u64 values 100, 101, ... at consecutive addresses. */
static uint32_t values_from_100(uint32_t n)
{
    uint32_t v = native_alloc(8 * n, 8);
    for (uint32_t i = 0; i < n; i++)
        put_le((uint8_t *)rt_ptr(v) + 8 * i, 100 + i, 8);
    return v;
}

/* Rows of shapes kept per context (runtime.h: the kinds of the two rows
 * before; kinds a = 0 and b = 1 give four distinct contexts).  Shapes:
 * A = (a, next, +2), B = (b, same, +1), C = (b, next, +1).  Each row's
 * comment has its context and the lists after it (run: the run's list);
 * a row whose shape its context lacks names it in the run's list, or is
 * a full row when that lacks it too.  Values 100 + i at V + 8i. */
static void compact_contexts(void)
{
    native_reset_report();
    uint32_t kinds = kinds_ab(), v = values_from_100(10);
    const char *names[] = {"f", NULL};
    uint32_t sv = WHAMM_RT_SAME_VALUE, nv = WHAMM_RT_NEXT_VALUE;
    static Run run;
    first_row(&run, 10, v);
    shaped_row(&run, 0, nv, 12, v + 8);  /* aa: A; run A */
    ctx_row(&run, "0", 14, v + 16);      /* aa: A */
    shaped_row(&run, 1, sv, 15, v + 16); /* aa: B A; run B A */
    run_row(&run, 1, 17, v + 24);        /* ba: A; run A B */
    run_row(&run, 1, 18, v + 24);        /* ab: B; run B A */
    ctx_row(&run, "0", 20, v + 32);      /* ba: A */
    shaped_row(&run, 1, nv, 21, v + 40); /* ab: C B; run C B A */
    ctx_row(&run, "0", 23, v + 48);      /* ba: A */
    ctx_row(&run, "10", 24, v + 48);     /* ab: B C */
    full(&run, 0, MODE(nv));             /* fid 1: no shape */
    delta(&run, &run.fid, 1);
    delta(&run, &run.pc, 26);
    ctx_row(&run, "10", 27, v + 64);     /* ab: C B, in fid 1 */
    ctx_row(&run, "0", 29, v + 72);      /* ba: A */
    report(compact(WHAMM_RT_CSV, kinds, names, 2, &run, 1), 13);
    static char want[8192];
    strcpy(want, BANNER);
    static const uint32_t pcs[] = {10, 12, 14, 15, 17, 18, 20,
                                   21, 23, 24, 26, 27, 29};
    static const uint32_t vals[] = {100, 101, 102, 102, 103, 103, 104,
                                    105, 106, 106, 107, 108, 109};
    static const char tails[] = "aaababababab" "a";
    for (uint32_t i = 0; i < 13; i++) {
        char tail[4] = {tails[i], ',', ' ', 0};
        want_row(want, sizeof want, i, i < 10 ? "f" : "#1", i < 10 ? 0 : 1,
                 pcs[i], tail, vals[i]);
    }
    expect_out("compact contexts", want);
}

/* The lists' limits, all in one context (kind a after a): shapes Si =
 * (a, same, +i).  S1..S8 fill the context's list; S1 is then at its
 * last position (7); a new S9 drops S2, which comes back from the run's
 * list; positions 2, 3, 5 and 7 of the context's list.  Then S10..S70
 * fill the run's list past its end: S8 is at its last position (63), S1
 * has dropped off both and comes back in a full row. */
static void compact_limits(void)
{
    native_reset_report();
    uint32_t kinds = kinds_ab(), v = u64_value(7);
    const char *names[] = {"f"};
    static Run run;
    uint32_t pcs[100], n = 0, same = WHAMM_RT_SAME_VALUE;
    first_row(&run, pcs[n++] = 0, v);
#define STEP(i) (pcs[n] = pcs[n - 1] + (i), pcs[n++])
    for (uint32_t i = 1; i <= 8; i++) /* ctx S8..S1, run S8..S1 */
        shaped_row(&run, 0, same, STEP(i), v);
    ctx_row(&run, "111011", STEP(1), v); /* S1 S8 S7 S6 S5 S4 S3 S2 */
    shaped_row(&run, 0, same, STEP(9), v); /* S9 S1 S8 .. S3; run S9 .. S1 */
    run_row(&run, 7, STEP(2), v);        /* S2 S9 S1 S8 .. S4 */
    ctx_row(&run, "1100", STEP(1), v);   /* S1 S2 S9 S8 S7 S6 S5 S4 */
    ctx_row(&run, "1101", STEP(8), v);   /* S8 S1 S2 S9 S7 S6 S5 S4 */
    ctx_row(&run, "111010", STEP(6), v); /* S6 S8 S1 S2 S9 S7 S5 S4 */
    ctx_row(&run, "111011", STEP(4), v); /* S4 S6 S8 S1 S2 S9 S7 S5 */
    for (uint32_t i = 10; i <= 70; i++) /* run S70 .. S10 S2 S9 S8 */
        shaped_row(&run, 0, same, STEP(i), v);
    run_row(&run, WHAMM_RT_RECENT - 1, STEP(8), v);
    shaped_row(&run, 0, same, STEP(1), v);
    ctx_row(&run, "0", STEP(1), v);
#undef STEP
    check(run.bits <= sizeof run.bytes * 8, "compact limits: room");
    report(compact(WHAMM_RT_CSV, kinds, names, 1, &run, 1), n);
    static char want[16384];
    strcpy(want, BANNER);
    for (uint32_t i = 0; i < n; i++)
        want_row(want, sizeof want, i, "f", 0, pcs[i], "a, ", 7);
    expect_out("compact limits", want);
}

/* The other value register: a counter far away (Z) between counters in
 * a row, and back: DELTA, then OTHER_NEXT resumes after the last one,
 * OTHER_VALUE returns to Z; then the same shapes from their contexts'
 * lists (ba: (a, other next, +2); ab: (b, other, +1)). */
static void compact_other(void)
{
    native_reset_report();
    uint32_t kinds = kinds_ab(), v = values_from_100(5), z = u64_value(999);
    const char *names[] = {"f"};
    static Run run;
    first_row(&run, 10, v);
    shaped_row(&run, 0, WHAMM_RT_NEXT_VALUE, 12, v + 8);
    full(&run, 1, WHAMM_RT_SAME_FID); /* other = v + 8 */
    delta(&run, &run.pc, 13);
    delta(&run, &run.value, z);
    shaped_row(&run, 0, WHAMM_RT_OTHER_NEXT, 15, v + 16); /* other = z */
    shaped_row(&run, 1, WHAMM_RT_OTHER_VALUE, 16, z); /* other = v + 16 */
    ctx_row(&run, "0", 18, v + 24);                   /* other = z */
    ctx_row(&run, "0", 19, z);                        /* other = v + 24 */
    ctx_row(&run, "0", 21, v + 32);
    report(compact(WHAMM_RT_CSV, kinds, names, 1, &run, 1), 8);
    static char want[4096];
    strcpy(want, BANNER);
    static const uint32_t pcs[] = {10, 12, 13, 15, 16, 18, 19, 21};
    static const uint32_t vals[] = {100, 101, 999, 102, 999, 103, 999, 104};
    for (uint32_t i = 0; i < 8; i++)
        want_row(want, sizeof want, i, "f", 0, pcs[i],
                 i == 2 || i == 4 || i == 6 ? "b, " : "a, ", vals[i]);
    expect_out("compact other", want);
}

/* One variable's rows STRIDE apart (24 bytes: in a run of their own,
 * between the rows of a probe's other variables): two full rows set the
 * stride, then a shaped full row and the same shape from its context's
 * list follow it. */
static void compact_stride(void)
{
    native_reset_report();
    uint32_t kinds = kinds_ab(), v = values_from_100(10);
    const char *names[] = {"f"};
    static Run run;
    first_row(&run, 10, v);
    full(&run, 0, WHAMM_RT_SAME_FID); /* stride 24 */
    delta(&run, &run.pc, 12);
    delta(&run, &run.value, v + 24);
    shaped_row(&run, 0, WHAMM_RT_STRIDE, 14, v + 48); /* aa: (a, stride, +2) */
    ctx_row(&run, "0", 16, v + 72);
    report(compact(WHAMM_RT_CSV, kinds, names, 1, &run, 1), 4);
    static char want[2048];
    strcpy(want, BANNER);
    for (uint32_t i = 0; i < 4; i++)
        want_row(want, sizeof want, i, "f", 0, 10 + 2 * i, "a, ", 100 + 3 * i);
    expect_out("compact stride", want);
}

/* A row naming an empty slot of its list (never in whamm's rows) ends
 * the report's rows, as does the run's end in bits: the unused high bits
 * of the last byte are no row. */
static void compact_malformed(void)
{
    native_reset_report();
    uint32_t kinds = kinds_ab(), v = u64_value(5);
    const char *names[] = {"f"};
    static Run runs[2];
    memset(runs, 0, sizeof runs);
    site_row(&runs[0], 0, 0, 1, v);
    ctx_row(&runs[0], "10", 0, 0); /* the context's list has 1 shape */
    site_row(&runs[0], 0, 0, 2, v);
    site_row(&runs[1], 1, 0, 3, v); /* then 0 bits: "0" if read */
    report(compact(WHAMM_RT_CSV, kinds, names, 1, runs, 2), 10);
    static char want[1024];
    strcpy(want, BANNER);
    want_row(want, sizeof want, 0, "f", 0, 1, "a, ", 5);
    want_row(want, sizeof want, 1, "f", 0, 3, "b, ", 5);
    expect_out("compact malformed", want);
}

/* Rows written by rows.h, as the emitter writes them: the complete bytes
 * of each row appended, the bits left over last. */
typedef struct {
    uint8_t *bytes;
    uint32_t len, cap;
    RtRowEnd end;
} Written;

static void written_row(Written *w, uint32_t kind, uint32_t size,
                        uint32_t fid, uint32_t pc, uint32_t value)
{
    if (w->len + WHAMM_RT_ROW_MAX + 1 > w->cap) {
        w->cap = w->cap ? w->cap * 2 : 4096;
        w->bytes = realloc(w->bytes, w->cap);
    }
    if (!w->end.s.ctx)
        w->end.s.ctx = calloc(WHAMM_RT_NCTX, sizeof(RtCtxList));
    uint32_t n = rt_row_put_site(w->bytes + w->len, &w->end, kind, size, fid,
                                 pc, value);
    check(n <= WHAMM_RT_ROW_MAX, "compact written: a row's bytes");
    w->len += n;
}

/* The run's length in bits, its last byte written. */
static uint32_t written_end(Written *w)
{
    w->bytes[w->len] = rt_row_last_byte(&w->end);
    return rt_row_bits(&w->end, w->len);
}

/* Rows written by rows.h read back as written: pseudo-random kinds (an
 * 8-byte and a 4-byte type), functions, pc steps (0, small, large, back)
 * and values (the same, the next, anywhere in a block of bytes, a shared
 * counter and back after it), more shapes than the lists hold and
 * contexts switching every row; every value mode written.  Then a long
 * run cycling through 3 kinds, whose contexts each see one shape: a bit a
 * row. */
static void compact_written(void)
{
    native_reset_report();
    uint32_t kinds = native_alloc(24 * 3, 4);
    const char *cols = "memaddr, n, u64, i64, script0, ";
    kind_at(kinds, 0, cols, "a, ", "L", 1);
    kind_at(kinds, 1, cols, "b, ", "L", 1);
    kind_at(kinds, 2, cols, "c, ", "I", 1);
    const char *names[] = {"f0", "f1", "f2", "f3"};
    enum { NRAND = 3000, NCYCLE = 30000, BLOCK = 4096 };
    uint32_t block = native_alloc(BLOCK + 8, 8);
    uint32_t seed = 12345;
    for (uint32_t i = 0; i < BLOCK + 8; i++) {
        seed = seed * 1103515245u + 12345u;
        ((uint8_t *)rt_ptr(block))[i] = (uint8_t)(seed >> 16);
    }
    static Written w;
    static char want[(NRAND + NCYCLE) * 96 + 256];
    memset(&w, 0, sizeof w);
    strcpy(want, BANNER);
    static const uint32_t steps[] = {0, 1, 2, 2, 3, 5, 130, 0u - 7, 100000};
    static const char *const tails[] = {"a, ", "b, ", "c, "};
    uint32_t fid = 0, pc = 0, value = block, main_value = block;
    uint32_t shared = block + BLOCK - 64, cycle_start = 0, modes = 0;
    for (uint32_t i = 0; i < NRAND + NCYCLE; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8, kind, size;
        if (i < NRAND) {
            kind = r % 3;
            fid = r % 97 == 0 ? (r >> 5) % 4 : fid;
            pc += steps[(r >> 8) % 9];
            uint32_t how = (r >> 12) % 8;
            size = kind == 2 ? 4 : 8;
            if (how == 0) {
                value = block + (r >> 15) % (BLOCK - 64);
            } else if (how == 1) {
                value = shared;
            } else if (how <= 4) {
                value = main_value = value == shared ? main_value + size
                                                     : value + size;
            } else if (how == 5) {
                value += 12; /* twice in a row: a stride */
            }
            value = value >= block + BLOCK ? block : value;
        } else {
            cycle_start = i == NRAND ? w.len : cycle_start;
            kind = i % 3;
            size = kind == 2 ? 4 : 8;
            pc += kind + 1;
            value += kind == 1 ? 0 : size;
            value = value >= block + BLOCK ? block : value;
        }
        modes |= 1u << rt_value_mode(&w.end.s, size, value);
        written_row(&w, kind, size, fid, pc, value);
        const uint8_t *at = rt_ptr(value);
        uint64_t shown = 0;
        for (uint32_t b = 0; b < size; b++)
            shown |= (uint64_t)at[b] << (8 * b);
        want_row(want, sizeof want, i, names[fid], fid, pc, tails[kind],
                 shown);
    }
    check(modes == 0x3F, "compact written: every value mode");
    check((w.len - cycle_start) * 8 <= NCYCLE + 4096,
          "compact written: a cycle of 3 kinds takes a bit a row");
    const uint8_t *bytes[] = {w.bytes};
    uint32_t bits[] = {written_end(&w)};
    report(compact_of(WHAMM_RT_CSV, kinds, names, 4, bytes, bits, 1),
           NRAND + NCYCLE);
    expect_out("compact written", want);
    free(w.bytes);
    free(w.end.s.ctx);
}

/* Rows appended while a wei monitor is bound (sites.c, included below:
 * the native runtime library leaves it out): two runs filled in turns,
 * each row rewriting its run's last byte, read back as appended; the
 * functions' names kept from the rows. */
static void compact_sites(void)
{
    native_reset_report();
    uint32_t kinds = kinds_ab(), v = values_from_100(4);
    const char *names[] = {NULL, NULL, NULL};
    const uint8_t *bytes[] = {NULL, NULL};
    uint32_t bits[] = {0, 0};
    uint32_t t = compact_of(WHAMM_RT_CSV, kinds, names, 0, bytes, bits, 2);
    WhammRtReport *rep = rt_ptr(t);
    static char want[2][64 * 1024];
    want[0][0] = want[1][0] = 0;
    uint32_t seed = 7, pc[2] = {0, 0}, n[2] = {0, 0};
    enum { NROWS = 700 };
    for (uint32_t i = 0; i < NROWS; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8, run = r & 1, fid = (r >> 3) % 97 == 0;
        uint32_t value = v + 8 * ((r >> 9) % 4);
        pc[run] += 1 + (r >> 12) % 3;
        whamm_rt_site_row(rep, run, run, 8, (const uint8_t *)(fid ? "g" : "f"),
                          1, fid, pc[run], value);
        want_row(want[run], sizeof want[run], 0, fid ? "g" : "f", fid,
                 pc[run], run ? "b, " : "a, ", 100 + (value - v) / 8);
        n[run]++;
    }
    check(whamm_rt_site_rows() == NROWS, "compact sites: rows counted");
    report(t, NROWS);
    /* the ids: run 0's rows, then run 1's */
    static char all[sizeof want + 256];
    strcpy(all, BANNER);
    uint32_t id = 0;
    for (int run = 0; run < 2; run++) {
        for (const char *line = want[run]; *line; id++) {
            const char *nl = strchr(line, '\n');
            size_t len = strlen(all);
            snprintf(all + len, sizeof all - len, "%u%.*s", id,
                     (int)(nl + 1 - line - 1), line + 1);
            line = nl + 1;
        }
    }
    check(id == NROWS, "compact sites: every row expected");
    expect_out("compact sites", all);
}

/* ---- destinations ------------------------------------------------------------------ */

#define ONE_ROW "\n{\"report\": [\n{\"v\": 1}\n]}\n"

/* A one-row JSON report with flags: its text is ONE_ROW. */
static int32_t one_row(uint32_t flags)
{
    Row rows[] = {{"{\"v\": ", "I", u64_value(1)}};
    return report(table(WHAMM_RT_JSON, flags, rows, 1), 1);
}

static void destination(const char *what, const char *value,
                        const char *const *pre, int npre, const char *out,
                        const char *err, const char *file_id)
{
    native_reset_report();
    native_capture_stderr(1);
    char var[600];
    if (value) {
        snprintf(var, sizeof var, "WHAMM_REPORT=%s", value);
        const char *env[] = {"HOME=/", var, "WHAMM_REPORT=stderr"};
        native_set_env(env, 3); /* the first one counts */
    }
    native_set_preopens(pre, npre);
    check(one_row(WHAMM_RT_DEST_ENV) == 0, what);
    expect_out(what, out);
    expect_err(what, err);
    if (file_id) {
        expect_file(what, file_id, ONE_ROW);
    } else {
        const char *text;
        size_t len;
        int closed;
        check(native_file(&text, &len, &closed) == NULL, what);
    }
    native_capture_stderr(0);
}

static void destinations(void)
{
    const char *out_dot[] = {"/out", "."};
    const char *nested[] = {"/", "/data", "/data/deep", "rel/"};
    const char *slash[] = {"/out/"};
    const char *none[] = {NULL};
    destination("unset", NULL, none, 0, ONE_ROW, "", NULL);
    destination("empty", "", none, 0, ONE_ROW, "", NULL);
    destination("stdout", "stdout", none, 0, ONE_ROW, "", NULL);
    destination("stderr", "stderr", none, 0, "", ONE_ROW, NULL);
    destination("absolute", "/out/r.json", out_dot, 2, "", "", "3:r.json");
    destination("relative", "r.json", out_dot, 2, "", "", "4:r.json");
    destination("./ and //", ".//sub//r.json", out_dot, 2, "", "",
                "4:sub//r.json");
    destination("longest prefix", "/data/deep/x", nested, 4, "", "", "5:x");
    destination("whole names", "/data/deeper/x", nested, 4, "", "",
                "4:deeper/x");
    destination("root", "/etc/x", nested, 4, "", "", "3:etc/x");
    destination("relative preopen", "rel/y", nested, 4, "", "", "6:y");
    destination("trailing slash", "/out/z", slash, 1, "", "", "3:z");
    destination("a file named stdout", "./stdout", out_dot, 2, "", "",
                "4:stdout");
    destination("no preopen", "/tmp/r", out_dot + 0, 1, ONE_ROW,
                "whamm: cannot write the report to /tmp/r: no preopened "
                "directory holds it\n", NULL);
    destination("relative, no .", "r", out_dot + 0, 1, ONE_ROW,
                "whamm: cannot write the report to r: no preopened "
                "directory holds it\n", NULL);
    destination("a directory", "/out", out_dot, 2, ONE_ROW,
                "whamm: cannot write the report to /out: is a directory\n",
                NULL);

    /* path_open's error, by its text */
    native_reset_report();
    native_capture_stderr(1);
    const char *env[] = {"WHAMM_REPORT=/out/missing/r"};
    native_set_env(env, 1);
    native_set_preopens(out_dot, 2);
    native_fail_open(44);
    one_row(WHAMM_RT_DEST_ENV);
    expect_out("open fails", ONE_ROW);
    expect_err("open fails", "whamm: cannot write the report to "
               "/out/missing/r: no such file or directory\n");
    native_reset_report();
    native_set_env(env, 1);
    native_set_preopens(out_dot, 2);
    native_fail_open(1234);
    one_row(WHAMM_RT_DEST_ENV);
    expect_out("open fails: another errno", ONE_ROW);
    expect_err("open fails: another errno", "whamm: cannot write the report "
               "to /out/missing/r: WASI errno 1234\n");

    /* without the flag the environment is not read; with it, only once */
    native_reset_report();
    const char *to_err[] = {"WHAMM_REPORT=stderr"};
    native_set_env(to_err, 1);
    one_row(0);
    expect_out("no flag: stdout", ONE_ROW);
    expect_err("no flag: stdout", "");
    native_reset_report();
    native_set_env(to_err, 1);
    one_row(WHAMM_RT_DEST_ENV);
    native_set_env(NULL, 0);
    one_row(WHAMM_RT_DEST_ENV);
    expect_out("read once", "");
    expect_err("read once", ONE_ROW ONE_ROW);
    /* names that only look alike */
    native_reset_report();
    const char *alike[] = {"WHAMM_REPORTS=stderr", "XWHAMM_REPORT=stderr",
                           "WHAMM_REPORT"};
    native_set_env(alike, 3);
    one_row(WHAMM_RT_DEST_ENV);
    expect_out("names alike", ONE_ROW);
    expect_err("names alike", "");
    native_capture_stderr(0);
}

static void failures_of_writes(void)
{
    native_capture_stderr(1);
    /* a closed stdout: the report goes to stderr after one line */
    native_reset_report();
    native_fail_fd(1, 8);
    check(one_row(WHAMM_RT_DEST_ENV) == 0, "stdout closed: returns 0");
    expect_out("stdout closed", "");
    expect_err("stdout closed", "whamm: cannot write the report to stdout: "
               "bad file descriptor\n" ONE_ROW);
    /* and stderr too: nothing, no trap, the errno */
    native_reset_report();
    native_fail_fd(1, 8);
    native_fail_fd(2, 8);
    check(one_row(WHAMM_RT_DEST_ENV) == 8, "both closed: returns EBADF");
    expect_out("both closed", "");
    expect_err("both closed", "");
    whamm_rt_putc('x');
    check(whamm_rt_flush() == 8, "both closed: later output dropped");
    /* a file that fails while written: the rest to stderr */
    native_reset_report();
    const char *env[] = {"WHAMM_REPORT=/out/r"};
    const char *pre[] = {"/out"};
    native_set_env(env, 1);
    native_set_preopens(pre, 1);
    native_fail_fd(77, 51); /* rt_native.c's file fd; ENOSPC */
    one_row(WHAMM_RT_DEST_ENV);
    expect_out("file fails", "");
    expect_err("file fails", "whamm: cannot write the report to /out/r: "
               "no space left on device\n" ONE_ROW);
    /* output outside the report (putX): its own line, then stderr for
     * good, without a second line */
    native_reset_report();
    native_fail_fd(1, 64);
    whamm_rt_putc('a');
    whamm_rt_flush();
    whamm_rt_putc('b');
    whamm_rt_flush();
    expect_err("putc after stdout failed",
               "whamm: cannot write to stdout: broken pipe\nab");
    one_row(WHAMM_RT_DEST_ENV);
    expect_err("the report after stdout failed", ONE_ROW);
    native_reset_report();
    native_capture_stderr(0);
}

int main(void)
{
    native_init(4, 16);
    csv_quoting();
    csv_long();
    json_values();
    compact_csv();
    compact_json();
    compact_contexts();
    compact_limits();
    compact_other();
    compact_stride();
    compact_malformed();
    compact_written();
    compact_sites();
    destinations();
    failures_of_writes();
    return native_done("runtime.report.native");
}
