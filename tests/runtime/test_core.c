/* test_core.c -- whamm_core's printing functions (core/runtime/core.c;
 * docs/instr.md "whamm_core"), compiled natively: each put appends exactly
 * the value (no newline), narrow types take the low bits of their i32
 * (u8/u16 zero-extended, i8/i16 sign-extended), floats print as the
 * report's {:+e}, any non-zero bool is true.  Expected texts are derived
 * by hand. */
#include "rt_native.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void expect_n(const char *what, const char *want, size_t len)
{
    native_check(native_expect_output(what, want, len), NULL);
}

static void expect(const char *what, const char *want)
{
    expect_n(what, want, strlen(want));
}

static void integers(void)
{
    whamm_rt_putu8(200);
    expect("putu8(200)", "200");
    whamm_rt_putu8(256 + 7);                /* low 8 bits: 7 */
    expect("putu8(263)", "7");
    whamm_rt_puti8(200);                    /* 0xC8 = -56 */
    expect("puti8(200)", "-56");
    whamm_rt_puti8(127);
    expect("puti8(127)", "127");
    whamm_rt_puti8(128);
    expect("puti8(128)", "-128");
    whamm_rt_puti8(-1);
    expect("puti8(-1)", "-1");
    whamm_rt_puti8(0x1FF);                  /* low 8 bits 0xFF */
    expect("puti8(0x1FF)", "-1");
    whamm_rt_putu16(70000);                 /* 70000 - 65536 */
    expect("putu16(70000)", "4464");
    whamm_rt_putu16(0xFFFFFFFFu);
    expect("putu16(-1)", "65535");
    whamm_rt_puti16(40000);                 /* 40000 - 65536 */
    expect("puti16(40000)", "-25536");
    whamm_rt_puti16(-32768);
    expect("puti16(-32768)", "-32768");
    whamm_rt_puti16(32767);
    expect("puti16(32767)", "32767");
    whamm_rt_putu32(4294967295u);
    expect("putu32(max)", "4294967295");
    whamm_rt_puti32(INT32_MIN);
    expect("puti32(min)", "-2147483648");
    whamm_rt_puti32(0);
    expect("puti32(0)", "0");
    whamm_rt_putu64(UINT64_MAX);
    expect("putu64(max)", "18446744073709551615");
    whamm_rt_puti64(INT64_MIN);
    expect("puti64(min)", "-9223372036854775808");
}

static void floats_and_bools(void)
{
    whamm_rt_putf32(1.5f);
    expect("putf32(1.5)", "+1.5e0");
    whamm_rt_putf32(0.1f);                  /* shortest for the f32 */
    expect("putf32(0.1)", "+1e-1");
    whamm_rt_putf64(0.1);
    expect("putf64(0.1)", "+1e-1");
    whamm_rt_putf64(1000.18);
    expect("putf64(1000.18)", "+1.00018e3");
    whamm_rt_putf64(-0.0);
    expect("putf64(-0)", "-0e0");
    whamm_rt_putf32(-INFINITY);
    expect("putf32(-inf)", "-inf");
    whamm_rt_putf64(NAN);
    expect("putf64(nan)", "NaN");
    whamm_rt_putbool(2);
    expect("putbool(2)", "true");
    whamm_rt_putbool(-1);
    expect("putbool(-1)", "true");
    whamm_rt_putbool(0);
    expect("putbool(0)", "false");
}

/* putc takes the low byte; puts prints exactly len bytes, NULs included;
 * consecutive puts run together with nothing in between. */
static void chars_and_strings(void)
{
    whamm_rt_putc('A');
    whamm_rt_putc(0x100 + 'b');
    expect("putc", "Ab");
    whamm_rt_puts((const uint8_t *)"hello", 3);
    whamm_rt_puts((const uint8_t *)"", 0);
    whamm_rt_puts((const uint8_t *)"x\0y", 3);
    expect_n("puts", "helx\0y", 6);
    whamm_rt_puti32(-5);
    whamm_rt_putc(',');
    whamm_rt_putu8(5);
    whamm_rt_putbool(1);
    whamm_rt_putf32(2.0f);
    whamm_rt_putc('\n');
    expect("a sequence", "-5,5true+2e0\n");
}

int main(void)
{
    native_init(1, 4);
    integers();
    floats_and_bools();
    chars_and_strings();
    return native_done("runtime.core");
}
