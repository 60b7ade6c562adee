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
 *    from kinds, function names and LEB128 differences; one-byte rows
 *    repeating a recent shape: right after a full row and before one of
 *    another kind, shapes that differ only in SAME_VALUE / NEXT_VALUE,
 *    steps back and forth, a full row in another function between (the
 *    fid carries on), the list's last position and what a full list
 *    drops; rows written by rows.h (as the emitter and sites.c write
 *    them) read back as they were written, a recurring pattern one byte
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
    uint32_t len;
    uint32_t fid, pc, value; /* the previous row's */
} Run;

static void leb(Run *r, uint32_t v)
{
    do {
        uint8_t c = v & 0x7F;
        v >>= 7;
        r->bytes[r->len++] = (uint8_t)(c | (v ? 0x80 : 0));
    } while (v);
}

/* The zig-zag coded 32-bit difference v - *prev. */
static void delta(Run *r, uint32_t *prev, uint32_t v)
{
    uint32_t d = v - *prev;
    *prev = v;
    leb(r, (d << 1) ^ (0u - (d >> 31)));
}

/* A full row's first number: its kind and flags. */
static void full(Run *r, uint32_t kind, uint32_t flags)
{
    leb(r, WHAMM_RT_RECENT + (kind << WHAMM_RT_KIND_SHIFT | flags));
}

/* A site row with every number written out (no flags). */
static void site_row(Run *r, uint32_t kind, uint32_t fid, uint32_t pc,
                     uint32_t value)
{
    full(r, kind, 0);
    delta(r, &r->fid, fid);
    delta(r, &r->pc, pc);
    delta(r, &r->value, value);
}

/* A site row with flags (SAME_FID among them) and no value number. */
static void shaped_row(Run *r, uint32_t kind, uint32_t flags, uint32_t pc)
{
    full(r, kind, flags);
    delta(r, &r->pc, pc);
}

/* A one-byte row repeating the shape at position pos; pc and value are
 * what the row should read as (derived by the caller), kept for the
 * differences of the rows after it. */
static void recent_row(Run *r, uint32_t pos, uint32_t pc, uint32_t value)
{
    leb(r, pos);
    r->pc = pc;
    r->value = value;
}

/* A site row in the previous row's function whose value follows the
 * previous row's (an 8-byte type): only the kind and the pc. */
static void next_row(Run *r, uint32_t kind, uint32_t pc)
{
    full(r, kind, WHAMM_RT_SAME_FID | WHAMM_RT_NEXT_VALUE);
    delta(r, &r->pc, pc);
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
 * runs; kinds are filled by the caller. */
static uint32_t compact(uint32_t format, uint32_t kinds,
                        const char *const *names, uint32_t nnames,
                        const Run *runs, uint32_t nruns)
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
        put_le(r, native_bytes(runs[i].bytes, runs[i].len), 4);
        put_le(r + 4, runs[i].len, 4);
    }
    put_le(p + 8, kinds, 4);
    put_le(p + 12, nt, 4);
    put_le(p + 16, nnames, 4);
    put_le(p + 20, rt, 4);
    put_le(p + 24, nruns, 4);
    return at;
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
    next_row(&runs[0], 1, 0x12346); /* v2 + 8: the low half of 4294967297 */
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

/* One-byte rows (runtime.h: h < WHAMM_RT_RECENT names the shape at
 * position h of the run's list, most recent first).  Shapes: A = (a, next,
 * +2), B = (b, same, +1), C = (b, next, +1), D = (a, same, -16), E = (a,
 * same, +16).  The list after each row is in the comments; values 100 + i
 * at V + 8i. */
static void compact_recent(void)
{
    native_reset_report();
    uint32_t kinds = native_alloc(24 * 2, 4);
    const char *cols = "memaddr, n, u64, i64, script0, ";
    kind_at(kinds, 0, cols, "a, ", "L", 1);
    kind_at(kinds, 1, cols, "b, ", "L", 1);
    const char *names[] = {"f", NULL};
    uint32_t v = native_alloc(8 * 9, 8);
    for (uint32_t i = 0; i < 9; i++)
        put_le((uint8_t *)rt_ptr(v) + 8 * i, 100 + i, 8);
    static Run run;
    memset(&run, 0, sizeof run);
    uint32_t fs = WHAMM_RT_SAME_FID, nv = WHAMM_RT_NEXT_VALUE,
             sv = WHAMM_RT_SAME_VALUE;
    full(&run, 0, fs); /* no shape: its value is a difference */
    delta(&run, &run.pc, 10);
    delta(&run, &run.value, v);
    shaped_row(&run, 0, fs | nv, 12); /* A */
    recent_row(&run, 0, 14, v + 16);  /* A */
    shaped_row(&run, 1, fs | sv, 15); /* B A: another kind after it */
    recent_row(&run, 1, 17, v + 24);  /* A B */
    recent_row(&run, 1, 18, v + 24);  /* B A */
    shaped_row(&run, 1, fs | nv, 19); /* C B A: B but the next value */
    recent_row(&run, 1, 20, v + 32);  /* B C A */
    recent_row(&run, 1, 21, v + 40);  /* C B A */
    shaped_row(&run, 0, fs | sv, 5);  /* D C B A: 16 back */
    shaped_row(&run, 0, fs | sv, 21); /* E D C B A */
    recent_row(&run, 1, 5, v + 40);   /* D E C B A */
    recent_row(&run, 1, 21, v + 40);  /* E D C B A */
    recent_row(&run, 4, 23, v + 48);  /* A E D C B */
    full(&run, 0, nv);                /* fid 1, no shape: list as it was */
    delta(&run, &run.fid, 1);
    delta(&run, &run.pc, 25);
    recent_row(&run, 0, 27, v + 64);  /* A in fid 1 */
    report(compact(WHAMM_RT_CSV, kinds, names, 2, &run, 1), 16);
    static char want[16384];
    strcpy(want, BANNER);
    static const struct {
        uint32_t pc;
        const char *tail;
        uint32_t value;
    } rows[] = {{10, "a, ", 100}, {12, "a, ", 101}, {14, "a, ", 102},
                {15, "b, ", 102}, {17, "a, ", 103}, {18, "b, ", 103},
                {19, "b, ", 104}, {20, "b, ", 104}, {21, "b, ", 105},
                {5, "a, ", 105},  {21, "a, ", 105}, {5, "a, ", 105},
                {21, "a, ", 105}, {23, "a, ", 106}, {25, "a, ", 107},
                {27, "a, ", 108}};
    for (uint32_t i = 0; i < 16; i++)
        want_row(want, sizeof want, i, i < 14 ? "f" : "#1", i < 14 ? 0 : 1, rows[i].pc,
                 rows[i].tail, rows[i].value);
    expect_out("compact recent", want);
}

/* The list's limits: 64 shapes S1..S64 (kind a, same value, pc step i),
 * so S1 is at position 63; using it puts it in front, a new S65 then drops
 * S2, position 63 is then S3; S2 comes back only in a full row. */
static void compact_recent_limits(void)
{
    native_reset_report();
    uint32_t kinds = native_alloc(24, 4);
    kind_at(kinds, 0, "memaddr, n, u64, i64, script0, ", "a, ", "L", 1);
    const char *names[] = {"f"};
    uint32_t v = u64_value(7);
    static Run run;
    memset(&run, 0, sizeof run);
    uint32_t pcs[70], flags = WHAMM_RT_SAME_FID | WHAMM_RT_SAME_VALUE;
    full(&run, 0, WHAMM_RT_SAME_FID);
    delta(&run, &run.pc, pcs[0] = 0);
    delta(&run, &run.value, v);
    for (uint32_t i = 1; i <= 64; i++) /* S1 .. S64 */
        shaped_row(&run, 0, flags, pcs[i] = pcs[i - 1] + i);
    recent_row(&run, WHAMM_RT_RECENT - 1, pcs[65] = pcs[64] + 1, v); /* S1 */
    shaped_row(&run, 0, flags, pcs[66] = pcs[65] + 65);              /* S65 */
    recent_row(&run, WHAMM_RT_RECENT - 1, pcs[67] = pcs[66] + 3, v); /* S3 */
    shaped_row(&run, 0, flags, pcs[68] = pcs[67] + 2);               /* S2 */
    recent_row(&run, 0, pcs[69] = pcs[68] + 2, v);                   /* S2 */
    report(compact(WHAMM_RT_CSV, kinds, names, 1, &run, 1), 70);
    static char want[16384];
    strcpy(want, BANNER);
    for (uint32_t i = 0; i < 70; i++)
        want_row(want, sizeof want, i, "f", 0, pcs[i], "a, ", 7);
    expect_out("compact recent limits", want);
}

/* Rows written by rows.h read back as written: pseudo-random kinds (an
 * 8-byte and a 4-byte type), functions, pc steps (0, small, large, back)
 * and values (the same, the next, anywhere in a block of bytes), more
 * shapes than the list holds; then 300 rows cycling through 3 shapes take
 * a byte each. */
static void compact_written(void)
{
    native_reset_report();
    uint32_t kinds = native_alloc(24 * 3, 4);
    const char *cols = "memaddr, n, u64, i64, script0, ";
    kind_at(kinds, 0, cols, "a, ", "L", 1);
    kind_at(kinds, 1, cols, "b, ", "L", 1);
    kind_at(kinds, 2, cols, "c, ", "I", 1);
    const char *names[] = {"f0", "f1", "f2", "f3"};
    enum { NRAND = 700, NCYCLE = 300, BLOCK = 4096 };
    uint32_t block = native_alloc(BLOCK + 8, 8);
    uint32_t seed = 12345;
    for (uint32_t i = 0; i < BLOCK + 8; i++) {
        seed = seed * 1103515245u + 12345u;
        ((uint8_t *)rt_ptr(block))[i] = (uint8_t)(seed >> 16);
    }
    static Run run;
    static char want[(NRAND + NCYCLE) * 80 + 256];
    memset(&run, 0, sizeof run);
    strcpy(want, BANNER);
    RtRowEnd end;
    memset(&end, 0, sizeof end);
    static const uint32_t steps[] = {0, 1, 2, 2, 3, 5, 130, 0u - 7, 100000};
    static const char *const tails[] = {"a, ", "b, ", "c, "};
    uint32_t fid = 0, pc = 0, value = block, cycle_start = 0;
    for (uint32_t i = 0; i < NRAND + NCYCLE; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8, kind, size;
        if (i < NRAND) {
            kind = r % 3;
            fid = r % 17 == 0 ? (r >> 5) % 4 : fid;
            pc += steps[(r >> 8) % 9];
            uint32_t how = (r >> 12) % 4;
            size = kind == 2 ? 4 : 8;
            value = how == 0 ? block + (r >> 14) % BLOCK
                    : how == 1 ? value : value + size;
            value = value >= block + BLOCK ? block : value;
        } else {
            cycle_start = i == NRAND ? run.len : cycle_start;
            kind = i % 3;
            size = kind == 2 ? 4 : 8;
            pc += 2;
            value += kind == 1 ? 0 : size;
            value = value >= block + BLOCK ? block : value;
        }
        run.len += rt_row_put_site(run.bytes + run.len, &end, kind, size,
                                   fid, pc, value);
        const uint8_t *at = rt_ptr(value);
        uint64_t shown = 0;
        for (uint32_t b = 0; b < size; b++)
            shown |= (uint64_t)at[b] << (8 * b);
        want_row(want, sizeof want, i, names[fid], fid, pc, tails[kind], shown);
        check(run.len + WHAMM_RT_ROW_MAX <= sizeof run.bytes,
              "compact written: room");
    }
    check(run.len - cycle_start <= NCYCLE + 3 * WHAMM_RT_ROW_MAX,
          "compact written: a cycle of 3 shapes takes a byte a row");
    report(compact(WHAMM_RT_CSV, kinds, names, 4, &run, 1), NRAND + NCYCLE);
    expect_out("compact written", want);
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
    compact_recent();
    compact_recent_limits();
    compact_written();
    destinations();
    failures_of_writes();
    return native_done("runtime.report.native");
}
