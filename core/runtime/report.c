/* report.c -- the report flush and value printing of the runtime
 * (runtime.h; docs/instr.md "The report").  Output is collected in a
 * buffer and written to stdout with WASI fd_write when the buffer fills
 * and at the end of a report.  The
 * map printer and the putX functions share the buffer and the value
 * printer (out.h). */
#include "runtime.h"

#include "fmt.h"
#include "mem.h"
#include "out.h"
#include "wasi.h"

#include <stddef.h>

#define OUT_SIZE 4096
static uint8_t out[OUT_SIZE];
static uint32_t out_len;
static int32_t out_error; /* first failed write's errno */

int32_t whamm_rt_flush(void)
{
    uint32_t done = 0;
    while (done < out_len && out_error == 0) {
        WasiIovec iov = {out + done, out_len - done};
        uint32_t written = 0;
        int32_t err = whamm_rt_wasi_fd_write(1, &iov, 1, &written);
        if (err != 0 || written == 0)
            out_error = err ? err : 29; /* EIO */
        done += written;
    }
    out_len = 0;
    return out_error;
}

void whamm_rt_put_bytes(const uint8_t *bytes, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        if (out_len == OUT_SIZE)
            whamm_rt_flush();
        out[out_len++] = bytes[i];
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

int32_t whamm_rt_report(const WhammRtRow *rows, uint32_t nrows)
{
    rt_put_cstr("\n================================= REPORT CSV FLUSH "
                "====================================\n"
                "id, id_type, name, whamm_type, wasm_type, script_id, fname, "
                "fid, pc, probe_id, value(s)\n");
    for (uint32_t i = 0; i < nrows; i++) {
        const WhammRtRow *r = &rows[i];
        whamm_rt_put_bytes(rt_ptr(r->text), r->text_len);
        whamm_rt_put_value(rt_ptr(r->type), rt_ptr(r->value));
        rt_put_cstr("\n");
    }
    return whamm_rt_flush();
}

_Noreturn void whamm_rt_fail(const uint8_t *msg, uint32_t len)
{
    static const uint8_t prefix[] = "whamm: ";
    static const uint8_t nl[] = "\n";
    WasiIovec iov[3] = {{prefix, sizeof prefix - 1}, {msg, len}, {nl, 1}};
    uint32_t written;
    whamm_rt_wasi_fd_write(2, iov, 3, &written);
    __builtin_trap();
}
