/* test_leb.c -- LEB128 decoding limits and encoder round trips
 * (binary format 5.2.2). */
#include "unit.h"

#include "wasm/wasm.h"

typedef enum { U32, U64, S32, S33, S64 } Kind;

typedef struct {
    Kind kind;
    const char *bytes;   /* hex */
    bool ok;
    int64_t value;       /* as the kind's type, widened */
    const char *error;   /* substring of the message when !ok */
} LebCase;

static const LebCase cases[] = {
    {U32, "00", true, 0, NULL},
    {U32, "7f", true, 127, NULL},
    {U32, "8001", true, 128, NULL},
    {U32, "e58e26", true, 624485, NULL},
    {U32, "ffffffff0f", true, 4294967295LL, NULL},
    {U32, "8080808000", true, 0, NULL},            /* padded: allowed */
    {U32, "ffffffff1f", false, 0, "integer too large"},
    {U32, "8080808080", false, 0, "too long"},
    {U32, "808080808000", false, 0, "too long"},
    {U32, "80", false, 0, "unexpected end"},
    {U32, "", false, 0, "unexpected end"},
    {U64, "ffffffffffffffffff01", true, -1, NULL},
    {U64, "ffffffffffffffffff02", false, 0, "integer too large"},
    {S32, "7f", true, -1, NULL},
    {S32, "3f", true, 63, NULL},
    {S32, "c000", true, 64, NULL},
    {S32, "8080808078", true, INT32_MIN, NULL},
    {S32, "ffffffff07", true, INT32_MAX, NULL},
    {S32, "ffffffff0f", false, 0, "integer too large"},
    {S32, "8080808070", false, 0, "integer too large"},
    {S33, "40", true, -64, NULL},
    {S33, "ffffffff0f", true, 4294967295LL, NULL},
    {S33, "ffffffff1f", false, 0, "integer too large"},
    {S64, "808080808080808080 7f", true, INT64_MIN, NULL},
    {S64, "ffffffffffffffffff00", true, INT64_MAX, NULL},
    {S64, "ffffffffffffffffff01", false, 0, "integer too large"},
};

static size_t unhex(const char *s, uint8_t *out)
{
    size_t n = 0;
    while (*s) {
        if (*s == ' ') {
            s++;
            continue;
        }
        unsigned v;
        sscanf(s, "%2x", &v);
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

static bool decode(Kind k, WasmReader *r, int64_t *v)
{
    switch (k) {
    case U32: { uint32_t x; bool ok = wdec_u32(r, &x, "n"); *v = x; return ok; }
    case U64: { uint64_t x; bool ok = wdec_u64(r, &x, "n"); *v = (int64_t)x;
                return ok; }
    case S32: { int32_t x; bool ok = wdec_s32(r, &x, "n"); *v = x; return ok; }
    case S33: return wdec_s33(r, v, "n");
    case S64: return wdec_s64(r, v, "n");
    }
    return false;
}

static void check_case(const LebCase *c)
{
    uint8_t bytes[32];
    size_t n = unhex(c->bytes, bytes);
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, bytes, n, &err);
    int64_t v = 0;
    bool ok = decode(c->kind, &r, &v);
    CHECK_MSG(ok == c->ok, "case '%s': ok=%d (%s)", c->bytes, ok, err.msg);
    if (ok && c->ok) {
        CHECK_MSG(v == c->value, "case '%s': got %lld want %lld", c->bytes,
                  (long long)v, (long long)c->value);
        CHECK_MSG(r.p == r.end, "case '%s': did not consume all", c->bytes);
    }
    if (!ok && !c->ok)
        CHECK_MSG(strstr(err.msg, c->error) && err.offset == 0,
                  "case '%s': message '%s' offset %zu", c->bytes, err.msg,
                  err.offset);
}

static void roundtrip_values(void)
{
    static const int64_t values[] = {0, 1, -1, 63, 64, -64, -65, 127, 128,
                                     8191, -8192, INT32_MAX, INT32_MIN,
                                     INT64_MAX, INT64_MIN, 0x123456789LL};
    for (size_t i = 0; i < ARRAY_LEN(values); i++) {
        Buf b;
        buf_init(&b);
        wenc_s64(&b, values[i]);
        wenc_u64(&b, (uint64_t)values[i]);
        WasmError err = {0};
        WasmReader r;
        wasm_reader_init(&r, b.data, b.len, &err);
        int64_t s;
        uint64_t u;
        CHECK(wdec_s64(&r, &s, "s") && s == values[i]);
        CHECK(wdec_u64(&r, &u, "u") && u == (uint64_t)values[i]);
        CHECK(r.p == r.end);
        buf_fini(&b);
    }
    Buf b;
    buf_init(&b);
    wenc_u32_fixed5(&b, 300);
    CHECK(b.len == 5 && b.data[0] == 0xAC && b.data[1] == 0x82 &&
          b.data[4] == 0x00);
    buf_fini(&b);
}

void suite_leb(void)
{
    for (size_t i = 0; i < ARRAY_LEN(cases); i++)
        check_case(&cases[i]);
    roundtrip_values();
}
