/* report.c -- the report and value printing of the runtime (runtime.h;
 * docs/instr.md "The report").  Output is collected in a buffer and
 * written with WASI fd_write when the buffer fills and at the end of a
 * report or a putX call.  The map printer and the putX functions share the
 * buffer and the value printer (out.h); dest.c says where the report goes.
 *
 * CSV quoting (RFC 4180).  A value is formatted twice: first into a sink
 * that only looks for a comma, a double quote, CR or LF (or a space first:
 * readers that skip the space after the ", " separator would lose it),
 * then for real -- inside double quotes with every inner quote doubled
 * when the first pass found one.  That needs no scratch buffer however
 * long the value (a map of any size), at the price of formatting it
 * twice.
 *
 * Write failures.  When the fd being written fails (a closed stdout:
 * EBADF), one line on stderr says so and the rest of the output, and
 * everything after it that would go there, goes to stderr instead.  When
 * stderr fails as well the output is dropped: nothing traps. */
#include "runtime.h"

#include "fmt.h"
#include "mem.h"
#include "out.h"
#include "rows.h"
#include "wasi.h"

#include <stddef.h>

#define OUT_SIZE 4096
static uint8_t out[OUT_SIZE];
static uint32_t out_len;
static int32_t out_error; /* stderr failed too: output is dropped */

/* Where the buffer goes: stdout, or the report's destination while the
 * report is written. */
static int32_t target = 1;
static int stdout_dead;           /* stdout failed once: use stderr */
static int32_t report_fd = -1;    /* the report's file, while it is open */
static int report_dead;           /* ... it failed: use stderr */
static int in_report;
static const uint8_t *report_name; /* the file's path, for messages */
static uint32_t report_name_len;

/* What put_bytes does with the bytes (CSV quoting, above). */
enum { SINK_OUT, SINK_SCAN, SINK_QUOTE };
static int sink = SINK_OUT;
static int scan_hit, scan_first;

/* Writes len bytes to fd; *done says how many went out. */
static int32_t write_fd(int32_t fd, const uint8_t *p, uint32_t len,
                        uint32_t *done)
{
    *done = 0;
    while (*done < len) {
        WasiIovec iov = {p + *done, len - *done};
        uint32_t n = 0;
        int32_t err = whamm_rt_wasi_fd_write(fd, &iov, 1, &n);
        if (err != 0)
            return err;
        if (n == 0 || n > len - *done)
            return WASI_EIO;
        *done += n;
    }
    return 0;
}

static int is_dead(int32_t fd)
{
    return (fd == 1 && stdout_dead) || (fd == report_fd && report_dead);
}

int32_t whamm_rt_flush(void)
{
    const uint8_t *p = out;
    uint32_t len = out_len, done = 0;
    out_len = 0;
    if (out_error || len == 0)
        return out_error;
    int32_t fd = is_dead(target) ? 2 : target;
    int32_t err = write_fd(fd, p, len, &done);
    if (err != 0 && fd != 2) {
        if (fd == 1)
            stdout_dead = 1;
        else
            report_dead = 1;
        int file = fd != 1;
        static const uint8_t std_out[] = "stdout";
        rt_say_cannot_write(in_report, file ? report_name : std_out,
                            file ? report_name_len : sizeof std_out - 1, err);
        err = write_fd(2, p + done, len - done, &done);
    }
    if (err != 0)
        out_error = err;
    return out_error;
}

#ifdef WHAMM_RT_NATIVE
void rt_native_reset_out(void)
{
    out_len = 0;
    out_error = 0;
    target = 1;
    stdout_dead = report_dead = in_report = 0;
    report_fd = -1;
}
#endif

static void put_raw(uint8_t b)
{
    if (out_len == OUT_SIZE)
        whamm_rt_flush();
    out[out_len++] = b;
}

void whamm_rt_put_bytes(const uint8_t *bytes, uint32_t len)
{
    if (sink == SINK_SCAN) {
        for (uint32_t i = 0; i < len; i++) {
            uint8_t c = bytes[i];
            if (c == ',' || c == '"' || c == '\r' || c == '\n' ||
                (c == ' ' && scan_first))
                scan_hit = 1;
            scan_first = 0;
        }
        return;
    }
    for (uint32_t i = 0; i < len; i++) {
        if (sink == SINK_QUOTE && bytes[i] == '"')
            put_raw('"');
        put_raw(bytes[i]);
    }
}

static void put_text(const char *s, size_t len)
{
    whamm_rt_put_bytes((const uint8_t *)s, (uint32_t)len);
}

void rt_put_cstr(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    put_text(s, n);
}

/* Little-endian loads from packed (unaligned) values. */
uint64_t rt_load(const uint8_t *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static int64_t sign_extend(uint64_t v, int bits)
{
    uint64_t m = (uint64_t)1 << (bits - 1);
    return (int64_t)((v ^ m) - m);
}

/* Bytes a scalar descriptor takes in memory, 0 if not a scalar. */
int rt_scalar_size(char t)
{
    switch (t) {
    case 'B': case 'b': return 1;
    case 'H': case 'h': return 2;
    case 'I': case 'i': case 'f': case '?': case 'm': return 4;
    case 'L': case 'l': case 'd': case 's': return 8;
    default: return 0;
    }
}

static void put_scalar(char t, const uint8_t *v)
{
    char buf[RT_FMT_MAX];
    size_t n = 0;
    int size = rt_scalar_size(t);
    uint64_t raw = rt_load(v, size == 8 && t == 's' ? 4 : size);
    switch (t) {
    case 'B': case 'H': case 'I': case 'L':
        n = rt_fmt_u64(buf, raw);
        break;
    case 'b': case 'h': case 'i': case 'l':
        n = rt_fmt_i64(buf, sign_extend(raw, size * 8));
        break;
    case 'f': {
        union { uint32_t u; float f; } x = {(uint32_t)raw};
        n = rt_fmt_f32(buf, x.f);
        break;
    }
    case 'd': {
        union { uint64_t u; double d; } x = {raw};
        n = rt_fmt_f64(buf, x.d);
        break;
    }
    case '?':
        rt_put_cstr(raw ? "true" : "false");
        return;
    case 's': /* strings print raw, without quotes */
        whamm_rt_put_bytes(rt_ptr((uint32_t)raw), (uint32_t)rt_load(v + 4, 4));
        return;
    case 'm': /* a map value: its rendering (0: a map never made, empty) */
        whamm_rt_map_print(rt_ptr((uint32_t)raw));
        return;
    default:
        rt_put_cstr("?");
        return;
    }
    put_text(buf, n);
}

/* Bytes a whole descriptor (scalar or tuple) takes; *end is set past it. */
uint32_t rt_value_size(const char *t, const char **end)
{
    if (*t != '(') {
        *end = t + 1;
        return (uint32_t)rt_scalar_size(*t);
    }
    uint32_t size = 0;
    for (t++; *t && *t != ')';)
        size += rt_value_size(t, &t);
    *end = *t ? t + 1 : t;
    return size;
}

/* Tuples join their elements with sep: "; " in report rows, "," in maps
 * (docs/instr.md "Maps and tuples"). */
static const char *put_value(const char *type, const uint8_t *value,
                             const char *sep)
{
    if (*type != '(') {
        put_scalar(*type, value);
        return type + 1;
    }
    rt_put_cstr("(");
    const char *t = type + 1;
    for (int first = 1; *t && *t != ')'; first = 0) {
        if (!first)
            rt_put_cstr(sep);
        const char *next;
        uint32_t size = rt_value_size(t, &next);
        put_value(t, value, sep);
        value += size;
        t = next;
    }
    rt_put_cstr(")");
    return *t ? t + 1 : t;
}

const char *whamm_rt_put_value(const char *type, const uint8_t *value)
{
    return put_value(type, value, "; ");
}

const char *rt_put_map_value(const char *type, const uint8_t *value)
{
    return put_value(type, value, ",");
}

/* ---- JSON ----------------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0
 * when s[0] does not start one: no overlong forms, no surrogates, nothing
 * past U+10FFFF. */
static uint32_t utf8_len(const uint8_t *s, uint32_t n)
{
    uint8_t c = s[0];
    uint32_t len;
    uint8_t lo = 0x80, hi = 0xBF; /* the second byte's range */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (uint32_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

static void put_u00(uint8_t c)
{
    static const char hex[] = "0123456789abcdef";
    char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    put_text(e, 6);
}

void rt_put_json_str(const uint8_t *s, uint32_t len)
{
    put_raw('"');
    for (uint32_t i = 0; i < len;) {
        uint8_t c = s[i];
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\"
                          : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t" : c == '\b' ? "\\b"
                          : c == '\f' ? "\\f" : NULL;
        if (esc) {
            rt_put_cstr(esc);
            i++;
        } else if (c < 0x20) {
            put_u00(c);
            i++;
        } else if (c < 0x80) {
            put_raw(c);
            i++;
        } else {
            uint32_t n = utf8_len(s + i, len - i);
            if (n == 0) {
                put_u00(c);
                i++;
            } else {
                whamm_rt_put_bytes(s + i, n);
                i += n;
            }
        }
    }
    put_raw('"');
}

/* A float as JSON: the report's digits without the explicit '+' (JSON
 * numbers have none), NaN and the infinities as strings. */
static void put_json_float(const char *buf, size_t n)
{
    if (buf[0] == 'N') {
        rt_put_cstr("\"NaN\"");
    } else if (buf[1] == 'i') {
        rt_put_cstr(buf[0] == '-' ? "\"-inf\"" : "\"inf\"");
    } else {
        if (buf[0] == '+')
            buf++, n--;
        put_text(buf, n);
    }
}

static void put_json_scalar(char t, const uint8_t *v)
{
    char buf[RT_FMT_MAX];
    int size = rt_scalar_size(t);
    uint64_t raw = rt_load(v, t == 's' ? 4 : size);
    switch (t) {
    case 'f': {
        union { uint32_t u; float f; } x = {(uint32_t)raw};
        put_json_float(buf, rt_fmt_f32(buf, x.f));
        return;
    }
    case 'd': {
        union { uint64_t u; double d; } x = {raw};
        put_json_float(buf, rt_fmt_f64(buf, x.d));
        return;
    }
    case 's':
        rt_put_json_str(rt_ptr((uint32_t)raw), (uint32_t)rt_load(v + 4, 4));
        return;
    case 'm':
        rt_map_put_json(rt_ptr((uint32_t)raw));
        return;
    default: /* numbers and bools print as in CSV */
        put_scalar(t, v);
        return;
    }
}

const char *rt_put_json_value(const char *type, const uint8_t *value)
{
    if (*type != '(') {
        put_json_scalar(*type, value);
        return type + 1;
    }
    put_raw('[');
    const char *t = type + 1;
    for (int first = 1; *t && *t != ')'; first = 0) {
        if (!first)
            rt_put_cstr(", ");
        const char *next;
        uint32_t size = rt_value_size(t, &next);
        rt_put_json_value(t, value);
        value += size;
        t = next;
    }
    put_raw(']');
    return *t ? t + 1 : t;
}

/* ---- the report ---------------------------------------------------------------- */

/* A CSV value: in double quotes, inner ones doubled, when its text has a
 * comma, a double quote, CR or LF, or starts with a space (two passes, see
 * the top). */
static void put_csv_value(const char *type, const uint8_t *value)
{
    sink = SINK_SCAN;
    scan_hit = 0;
    scan_first = 1;
    whamm_rt_put_value(type, value);
    sink = SINK_OUT;
    if (!scan_hit) {
        whamm_rt_put_value(type, value);
        return;
    }
    put_raw('"');
    sink = SINK_QUOTE;
    whamm_rt_put_value(type, value);
    sink = SINK_OUT;
    put_raw('"');
}

static void put_opening(int json)
{
    if (json)
        rt_put_cstr("\n{\"report\": [\n");
    else
        rt_put_cstr("\n================================= REPORT CSV FLUSH "
                    "====================================\n"
                    "id, id_type, name, whamm_type, wasm_type, script_id, "
                    "fname, fid, pc, probe_id, value(s)\n");
}

/* The value of row i of nrows, and what ends the row. */
static void put_row_value(const char *type, const uint8_t *value, int json,
                          uint32_t i, uint32_t nrows)
{
    if (json) {
        rt_put_json_value(type, value);
        rt_put_cstr(i + 1 < nrows ? "},\n" : "}\n");
    } else {
        put_csv_value(type, value);
        put_raw('\n');
    }
}

/* The plain layout: every row's text is in the table. */
static void put_plain_rows(const WhammRtRow *rows, uint32_t nrows, int json)
{
    for (uint32_t i = 0; i < nrows; i++) {
        const WhammRtRow *r = &rows[i];
        whamm_rt_put_bytes(rt_ptr(r->text), r->text_len);
        put_row_value(rt_ptr(r->type), rt_ptr(r->value), json, i, nrows);
    }
}

/* ---- the compact layout (runtime.h WhammRtKinds) ------------------------------ */

static void put_u32(uint32_t v)
{
    char buf[RT_FMT_MAX];
    put_text(buf, rt_fmt_u64(buf, v));
}

/* A name kept as its bytes (WHAMM_RT_RAW_NAME): a JSON string, or a CSV
 * field quoted as values are. */
static void put_raw_name(const uint8_t *s, uint32_t len, int json)
{
    if (json) {
        rt_put_json_str(s, len);
        return;
    }
    sink = SINK_SCAN;
    scan_hit = 0;
    scan_first = 1;
    whamm_rt_put_bytes(s, len);
    sink = SINK_OUT;
    if (scan_hit)
        put_raw('"');
    sink = scan_hit ? SINK_QUOTE : SINK_OUT;
    whamm_rt_put_bytes(s, len);
    sink = SINK_OUT;
    if (scan_hit)
        put_raw('"');
}

static void put_fname(const WhammRtKinds *k, uint32_t fid, int json)
{
    const WhammRtName *names = rt_ptr(k->names);
    if (fid < k->nnames && names[fid].len != WHAMM_RT_UNNAMED &&
        (names[fid].len & WHAMM_RT_RAW_NAME)) {
        put_raw_name(rt_ptr(names[fid].text),
                     names[fid].len & ~WHAMM_RT_RAW_NAME, json);
        return;
    }
    if (fid < k->nnames && names[fid].len != WHAMM_RT_UNNAMED) {
        whamm_rt_put_bytes(rt_ptr(names[fid].text), names[fid].len);
        return;
    }
    if (json)
        put_raw('"');
    put_raw('#');
    put_u32(fid);
    if (json)
        put_raw('"');
}

/* A site row's text from its kind, fid and pc (runtime.h). */
static void put_site_text(const WhammRtKinds *k, const WhammRtKind *kind,
                          uint32_t fid, uint32_t pc, int json)
{
    whamm_rt_put_bytes(rt_ptr(kind->text), kind->text_len);
    put_fname(k, fid, json);
    rt_put_cstr(json ? ", \"fid\": " : ", ");
    put_u32(fid);
    rt_put_cstr(json ? ", \"pc\": " : ", ");
    put_u32(pc);
    rt_put_cstr(json ? ", \"probe_id\": " : ", ");
    whamm_rt_put_bytes(rt_ptr(kind->tail), kind->tail_len);
}

/* Reading a run's rows: its bits, the next one's index, and the state
 * the rows so far left (rows.h). */
typedef struct {
    const uint8_t *bytes;
    uint32_t at, len;
    RtRows s;
} RowReader;

/* The reader is kept here, not on the stack (the runtime borrows the
 * app's); one run is read at a time. */
static RowReader reader;

/* The next n bits, the first one lowest; 0s past the run's end. */
static RT_SMALL uint32_t read_bits(RowReader *r, uint32_t n)
{
    uint32_t v = 0;
    RT_ROLLED
    for (uint32_t i = 0; i < n && r->at < r->len; i++, r->at++)
        v |= (uint32_t)(r->bytes[r->at >> 3] >> (r->at & 7) & 1) << i;
    return v;
}

/* An unsigned LEB128 number (at most 32 bits) of 8-bit groups. */
static uint32_t read_leb(RowReader *r)
{
    uint32_t v = 0, b = 0x80;
    RT_ROLLED
    for (uint32_t shift = 0; (b & 0x80) && shift < 35; shift += 7) {
        b = read_bits(r, 8);
        v |= (b & 0x7F) << shift;
    }
    return v;
}

/* prev plus the zig-zag coded difference that comes next. */
static uint32_t read_delta(RowReader *r, uint32_t prev)
{
    uint32_t z = read_leb(r);
    return prev + ((z >> 1) ^ (0u - (z & 1)));
}

/* The size of a kind's value (for the NEXT modes). */
static uint32_t kind_size(const WhammRtKind *kind)
{
    const char *type_end;
    return rt_value_size(rt_ptr(kind->type), &type_end);
}

/* A row's value per its mode (its kind's size for the NEXT modes). */
static void read_value(RowReader *r, const WhammRtKind *kind, uint32_t mode,
                       uint32_t delta)
{
    rt_rows_value(&r->s, mode, rt_mode_next(mode) ? kind_size(kind) : 0,
                  delta);
}

/* The rest of a full row (after its escape; runtime.h); returns its kind
 * and sets *shape to its shape, 0 if it has none. */
static uint32_t read_full_row(RowReader *r, const WhammRtKind *kinds,
                              uint64_t *shape)
{
    uint32_t h = read_leb(r), pc = r->s.pc;
    uint32_t k = h >> WHAMM_RT_KIND_SHIFT, mode = h >> WHAMM_RT_MODE_SHIFT & 7;
    const WhammRtKind *kind = &kinds[k];
    if (kind->site && !(h & WHAMM_RT_SAME_FID))
        r->s.fid = read_delta(r, r->s.fid);
    if (kind->site)
        r->s.pc = read_delta(r, r->s.pc);
    read_value(r, kind, mode,
               mode == WHAMM_RT_DELTA ? read_delta(r, r->s.value) : 0);
    *shape = kind->site && (h & WHAMM_RT_SAME_FID) && mode != WHAMM_RT_DELTA
                 ? rt_shape(k, mode, r->s.pc - pc)
                 : 0;
    return k;
}

/* Reads a row: returns its kind, NULL if it names an empty slot (never in
 * whamm's rows). */
static const WhammRtKind *read_row(RowReader *r, const WhammRtKind *kinds)
{
    RtRows *s = &r->s;
    uint64_t *ctx = rt_rows_ctx(s), shape;
    uint32_t u = 0, pos = 0, k;
    RT_ROLLED
    while (u < WHAMM_RT_ESCAPE && read_bits(r, 1))
        u++;
    if (u == WHAMM_RT_ESCAPE && read_bits(r, 1)) {
        k = read_full_row(r, kinds, &shape);
    } else {
        if (u < WHAMM_RT_ESCAPE)
            pos = u ? (1u << (u - 1)) + read_bits(r, u - 1) : 0;
        shape = u < WHAMM_RT_ESCAPE
                    ? ctx[pos]
                    : s->recent[read_bits(r, WHAMM_RT_RECENT_BITS)];
        if (!shape)
            return 0;
        k = rt_shape_kind(shape);
        s->pc += rt_shape_pc_step(shape);
        read_value(r, &kinds[k], rt_shape_mode(shape), 0);
    }
    if (shape && u == WHAMM_RT_ESCAPE) { /* not from the context's list */
        pos = rt_recent_find(ctx, WHAMM_RT_CTX_RECENT, shape);
        if (ctx[pos] != shape)
            rt_recent_use(s->recent,
                          rt_recent_find(s->recent, WHAMM_RT_RECENT, shape),
                          shape);
    }
    if (shape)
        rt_recent_use(ctx, pos, shape);
    rt_rows_kind(s, k);
    return &kinds[k];
}

/* Rows id, id+1, ... of one run; returns the next id.  Stops at nrows. */
static uint32_t put_run(const WhammRtKinds *k, const WhammRtRun *run,
                        RtCtxList *ctx, uint32_t id, uint32_t nrows, int json)
{
    const WhammRtKind *kinds = rt_ptr(k->kinds);
    RowReader *r = &reader;
    uint8_t *z = (uint8_t *)r;
    RT_ROLLED
    for (uint32_t i = 0; i < sizeof *r; i++)
        z[i] = 0;
    z = (uint8_t *)ctx;
    RT_ROLLED
    for (uint32_t i = 0; i < WHAMM_RT_NCTX * sizeof *ctx; i++)
        z[i] = 0;
    r->bytes = rt_ptr(run->bytes);
    r->len = run->len;
    r->s.ctx = ctx;
    for (; r->at < r->len && id < nrows; id++) {
        const WhammRtKind *kind = read_row(r, kinds);
        if (!kind)
            break;
        if (json)
            rt_put_cstr("{\"id\": ");
        put_u32(id);
        rt_put_cstr(", ");
        if (kind->site)
            put_site_text(k, kind, r->s.fid, r->s.pc, json);
        else
            whamm_rt_put_bytes(rt_ptr(kind->text), kind->text_len);
        put_row_value(rt_ptr(kind->type), rt_ptr(r->s.value), json, id,
                      nrows);
    }
    return id;
}

/* The contexts' lists (32 KiB) come from the heap for the report only. */
static void put_compact_rows(const WhammRtKinds *k, uint32_t nrows, int json)
{
    const WhammRtRun *runs = rt_ptr(k->runs);
    RtCtxList *ctx = (RtCtxList *)whamm_rt_alloc(WHAMM_RT_NCTX *
                                                 (uint32_t)sizeof *ctx);
    uint32_t id = 0;
    for (uint32_t r = 0; r < k->nruns; r++)
        id = put_run(k, &runs[r], ctx, id, nrows, json);
    whamm_rt_free((uint8_t *)ctx);
}

static void put_rows(const WhammRtReport *report, uint32_t nrows)
{
    int json = report->format == WHAMM_RT_JSON;
    put_opening(json);
    if (report->flags & WHAMM_RT_KINDS)
        put_compact_rows((const WhammRtKinds *)(report + 1), nrows, json);
    else
        put_plain_rows((const WhammRtRow *)(report + 1), nrows, json);
    if (json)
        rt_put_cstr("]}\n");
}

int32_t whamm_rt_report(const WhammRtReport *report, uint32_t nrows)
{
    whamm_rt_flush(); /* what the program printed before goes to stdout */
    int is_file = 0;
    int32_t fd = rt_report_destination(report->flags, &is_file, &report_name,
                                       &report_name_len);
    if (is_file)
        report_fd = fd;
    target = fd;
    in_report = 1;
    put_rows(report, nrows);
    int32_t err = whamm_rt_flush();
    in_report = 0;
    target = 1;
    if (is_file) {
        whamm_rt_wasi_fd_close(fd);
        report_fd = -1;
    }
    return err;
}

void whamm_rt_warn(const uint8_t *msg, uint32_t len)
{
    static const uint8_t prefix[] = "whamm: ";
    static const uint8_t nl[] = "\n";
    WasiIovec iov[3] = {{prefix, sizeof prefix - 1}, {msg, len}, {nl, 1}};
    uint32_t written;
    whamm_rt_wasi_fd_write(2, iov, 3, &written);
}

_Noreturn void whamm_rt_fail(const uint8_t *msg, uint32_t len)
{
    whamm_rt_warn(msg, len);
    __builtin_trap();
}
