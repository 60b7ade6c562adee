/* leb.c -- the bounded reader's primitives and the LEB128 encoders.
 * Spec: binary format 5.2.2 (integers are LEB128, at most ceil(N/7) bytes,
 * unused bits of the last byte must be zero or, for signed, sign bits).
 * Every read checks the bounds first and records the first failure with its
 * byte offset. */
#include "wasm_impl.h"

#include <stdarg.h>
#include <string.h>

void wasm_reader_init(WasmReader *r, const uint8_t *base, size_t len,
                      WasmError *err)
{
    r->base = base;
    r->p = base;
    r->end = base + len;
    r->err = err;
}

static void record(WasmReader *r, const uint8_t *at, const char *fmt,
                   va_list ap)
{
    if (r->err->failed)
        return;
    r->err->failed = true;
    r->err->offset = (size_t)(at - r->base);
    vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
}

bool wasm_fail(WasmReader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(r, r->p, fmt, ap);
    va_end(ap);
    return false;
}

bool wasm_fail_at(WasmReader *r, const uint8_t *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(r, at, fmt, ap);
    va_end(ap);
    return false;
}

bool wdec_byte(WasmReader *r, uint8_t *out, const char *desc)
{
    if (r->p >= r->end)
        return wasm_fail(r, "unexpected end of input reading %s", desc);
    *out = *r->p++;
    return true;
}

/* The 7-bit groups of the LEB128 at p of at most `bits` bits (14 or
 * more): its length, 0 if it runs past its last possible byte or the
 * input; its groups' value and its last byte.  Whether that byte carries
 * bits past `bits` is the callers' to say (the careful loops below say
 * why a LEB128 is not valid). */
static inline unsigned leb_groups(const uint8_t *p, const uint8_t *end,
                                  unsigned bits, uint64_t *v, uint8_t *last)
{
    unsigned max = (bits + 6) / 7;
    size_t avail = (size_t)(end - p);
    uint64_t acc = 0;
    for (unsigned i = 0; i < max && i < avail; i++) {
        uint8_t b = p[i];
        acc |= (uint64_t)(b & 0x7F) << (7 * i);
        if (!(b & 0x80)) {
            *v = acc;
            *last = b;
            return i + 1;
        }
    }
    return 0;
}

/* The valid unsigned LEB128 of at most `bits` bits at p: its length, 0
 * if it is not one.  Only the last possible byte can carry bits past
 * `bits`. */
static inline unsigned valid_uleb(const uint8_t *p, const uint8_t *end,
                                  unsigned bits, uint64_t *out)
{
    uint64_t v;
    uint8_t b;
    unsigned n = leb_groups(p, end, bits, &v, &b);
    if (n == 0 || (n == (bits + 6) / 7 && (b >> (bits - 7 * (n - 1))) != 0))
        return 0;
    *out = v;
    return n;
}

static inline unsigned valid_sleb(const uint8_t *p, const uint8_t *end,
                                  unsigned bits, int64_t *out)
{
    uint64_t v;
    uint8_t b;
    unsigned n = leb_groups(p, end, bits, &v, &b);
    if (n == 0)
        return 0;
    if (n == (bits + 6) / 7) {
        /* the unused high bits must all equal the sign bit */
        unsigned left = bits - 7 * (n - 1);
        uint8_t high = (uint8_t)((b & 0x7F) >> (left - 1));
        if (high != 0 && high != (uint8_t)(0x7F >> (left - 1)))
            return 0;
    }
    if (7 * n < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << (7 * n);
    *out = (int64_t)v;
    return n;
}

/* Unsigned LEB128 of at most `bits` bits. */
static bool read_uleb(WasmReader *r, unsigned bits, uint64_t *out,
                      const char *desc)
{
    unsigned n = valid_uleb(r->p, r->end, bits, out);
    if (n) {
        r->p += n;
        return true;
    }
    const uint8_t *start = r->p;
    uint64_t result = 0;
    unsigned shift = 0;
    for (;;) {
        if (r->p >= r->end)
            return wasm_fail_at(r, start, "unexpected end of input reading %s",
                                desc);
        uint8_t byte = *r->p++;
        unsigned left = bits - shift;   /* value bits still allowed */
        if (left < 7) {
            /* last possible byte: no continuation, no bits past `bits` */
            if ((byte & 0x80) || (byte >> left) != 0)
                return wasm_fail_at(r, start, "invalid LEB128 %s: %s", desc,
                                    (byte & 0x80) ? "too long"
                                                  : "integer too large");
        }
        result |= (uint64_t)(byte & 0x7F) << shift;
        shift += 7;
        if (!(byte & 0x80))
            break;
        if (shift >= bits && left <= 7)
            return wasm_fail_at(r, start, "invalid LEB128 %s: too long", desc);
    }
    *out = result;
    return true;
}

/* Signed LEB128 of at most `bits` bits (sign-extended into int64). */
static bool read_sleb(WasmReader *r, unsigned bits, int64_t *out,
                      const char *desc)
{
    unsigned n = valid_sleb(r->p, r->end, bits, out);
    if (n) {
        r->p += n;
        return true;
    }
    const uint8_t *start = r->p;
    uint64_t result = 0;
    unsigned shift = 0;
    uint8_t byte;
    for (;;) {
        if (r->p >= r->end)
            return wasm_fail_at(r, start, "unexpected end of input reading %s",
                                desc);
        byte = *r->p++;
        unsigned left = bits - shift;
        if (left < 7) {
            /* the unused high bits must all equal the sign bit */
            int sign = (byte >> (left - 1)) & 1;
            uint8_t high = (uint8_t)((byte & 0x7F) >> (left - 1));
            uint8_t want = sign ? (uint8_t)(0x7F >> (left - 1)) : 0;
            if ((byte & 0x80) || high != want)
                return wasm_fail_at(r, start, "invalid LEB128 %s: %s", desc,
                                    (byte & 0x80) ? "too long"
                                                  : "integer too large");
        }
        result |= (uint64_t)(byte & 0x7F) << shift;
        shift += 7;
        if (!(byte & 0x80))
            break;
        if (left <= 7)
            return wasm_fail_at(r, start, "invalid LEB128 %s: too long", desc);
    }
    if (shift < 64 && (byte & 0x40))
        result |= ~(uint64_t)0 << shift;
    *out = (int64_t)result;
    return true;
}

bool wdec_u32(WasmReader *r, uint32_t *out, const char *desc)
{
    uint64_t v;
    if (!wimpl_short_uleb(r, &v))
        TRY(read_uleb(r, 32, &v, desc));
    *out = (uint32_t)v;
    return true;
}

bool wdec_u64(WasmReader *r, uint64_t *out, const char *desc)
{
    return wimpl_short_uleb(r, out) || read_uleb(r, 64, out, desc);
}

bool wdec_s32(WasmReader *r, int32_t *out, const char *desc)
{
    int64_t v;
    if (!wimpl_short_sleb(r, &v))
        TRY(read_sleb(r, 32, &v, desc));
    *out = (int32_t)v;
    return true;
}

bool wdec_s33(WasmReader *r, int64_t *out, const char *desc)
{
    return wimpl_short_sleb(r, out) || read_sleb(r, 33, out, desc);
}

bool wdec_s64(WasmReader *r, int64_t *out, const char *desc)
{
    return wimpl_short_sleb(r, out) || read_sleb(r, 64, out, desc);
}

unsigned wimpl_sleb_len(const uint8_t *p, const uint8_t *end, unsigned bits)
{
    int64_t v;
    return valid_sleb(p, end, bits, &v);
}

bool wdec_bytes(WasmReader *r, size_t n, const uint8_t **out,
                const char *desc)
{
    if ((size_t)(r->end - r->p) < n)
        return wasm_fail(r, "unexpected end of input reading %s (%zu bytes "
                            "needed, %zu left)", desc, n,
                         (size_t)(r->end - r->p));
    *out = r->p;
    r->p += n;
    return true;
}

bool wdec_count(WasmReader *r, uint32_t *out, size_t min_elem_size,
                const char *desc)
{
    const uint8_t *at = r->p;
    TRY(wdec_u32(r, out, desc));
    size_t left = (size_t)(r->end - r->p);
    if (min_elem_size && *out > left / min_elem_size)
        return wasm_fail_at(r, at, "%s %u is larger than the %zu bytes left",
                            desc, *out, left);
    return true;
}

/* ---- encoders ----------------------------------------------------------- */

uint32_t wenc_u64_to(uint8_t *p, uint64_t v)
{
    uint32_t n = 0;
    do {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        p[n++] = v ? (uint8_t)(byte | 0x80) : byte;
    } while (v);
    return n;
}

uint32_t wenc_s64_to(uint8_t *p, int64_t v)
{
    uint32_t n = 0;
    for (;;) {
        uint8_t byte = v & 0x7F;
        v >>= 7; /* arithmetic shift (gcc/clang) */
        bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        p[n++] = done ? byte : (uint8_t)(byte | 0x80);
        if (done)
            return n;
    }
}

uint32_t wenc_u64_len(uint64_t v)
{
    uint32_t n = 1;
    for (; v >= 0x80; v >>= 7)
        n++;
    return n;
}

uint32_t wenc_s64_len(int64_t v)
{
    uint32_t n = 1;
    for (; v >= 64 || v < -64; n++)
        v = v < 0 ? ~(~v >> 7) : v >> 7; /* floor(v / 128) */
    return n;
}

void wenc_u64(Buf *b, uint64_t v)
{
    buf_reserve(b, 10);
    b->len += wenc_u64_to(b->data + b->len, v);
}

void wenc_u32(Buf *b, uint32_t v) { wenc_u64(b, v); }

void wenc_s64(Buf *b, int64_t v)
{
    buf_reserve(b, 10);
    b->len += wenc_s64_to(b->data + b->len, v);
}

void wenc_s32(Buf *b, int32_t v) { wenc_s64(b, v); }

void wenc_u32_fixed5(Buf *b, uint32_t v)
{
    buf_reserve(b, 5);
    wenc_patch_u32_fixed5(b, b->len, v);
    b->len += 5;
}

void wenc_patch_u32_fixed5(Buf *b, size_t at, uint32_t v)
{
    for (int i = 0; i < 5; i++) {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        b->data[at + (size_t)i] = i < 4 ? (uint8_t)(byte | 0x80) : byte;
    }
}

void wenc_name(Buf *b, const char *s, size_t len)
{
    wenc_u32(b, (uint32_t)len);
    buf_append(b, s, len);
}
