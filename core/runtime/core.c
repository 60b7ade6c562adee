/* core.c -- whamm_core's printing functions (runtime.h; docs/instr.md
 * "whamm_core"): putc, puts, put{u,i}{8,16,32,64}, putf32,
 * putf64 and putbool each append exactly the value to the output buffer
 * that the report uses (report.c), with no newline; numbers and bools as
 * the report renders them. */
#include "runtime.h"

#include "fmt.h"
#include "out.h"

static void put_fmt(const char *buf, size_t len)
{
    whamm_rt_put_bytes((const uint8_t *)buf, (uint32_t)len);
}

static void put_u64(uint64_t v)
{
    char buf[RT_FMT_MAX];
    put_fmt(buf, rt_fmt_u64(buf, v));
}

static void put_i64(int64_t v)
{
    char buf[RT_FMT_MAX];
    put_fmt(buf, rt_fmt_i64(buf, v));
}

/* putc prints one byte: the low 8 bits of c. */
void whamm_rt_putc(int32_t c)
{
    uint8_t b = (uint8_t)c;
    whamm_rt_put_bytes(&b, 1);
}

void whamm_rt_puts(const uint8_t *ptr, uint32_t len)
{
    whamm_rt_put_bytes(ptr, len);
}

/* The narrow types arrive as an i32; only their low
 * bits are the value: zero-extended for u8/u16, sign-extended for i8/i16
 * (the xor and subtract flip the sign bit into place without relying on
 * implementation-defined narrowing). */
void whamm_rt_putu8(uint32_t v) { put_u64(v & 0xFFu); }

void whamm_rt_puti8(int32_t v)
{
    put_i64((int64_t)(((uint32_t)v & 0xFFu) ^ 0x80u) - 0x80);
}

void whamm_rt_putu16(uint32_t v) { put_u64(v & 0xFFFFu); }

void whamm_rt_puti16(int32_t v)
{
    put_i64((int64_t)(((uint32_t)v & 0xFFFFu) ^ 0x8000u) - 0x8000);
}

void whamm_rt_putu32(uint32_t v) { put_u64(v); }
void whamm_rt_puti32(int32_t v) { put_i64(v); }
void whamm_rt_putu64(uint64_t v) { put_u64(v); }
void whamm_rt_puti64(int64_t v) { put_i64(v); }

void whamm_rt_putf32(float v)
{
    char buf[RT_FMT_MAX];
    put_fmt(buf, rt_fmt_f32(buf, v));
}

void whamm_rt_putf64(double v)
{
    char buf[RT_FMT_MAX];
    put_fmt(buf, rt_fmt_f64(buf, v));
}

void whamm_rt_putbool(int32_t v)
{
    rt_put_cstr(v ? "true" : "false");
}
