/* zs.c -- see zs.h.  Adler-32 (RFC 1950 section 8.2): a = 1 + the sum of
 * the bytes, b = the sum of the successive values of a, both mod 65521;
 * the checksum is b << 16 | a, and `adler` carries a and b between calls. */
#include "zs.h"

#define BASE 65521u

unsigned long zs_adler32(unsigned long adler, const unsigned char *buf, size_t len)
{
    unsigned long a = adler & 0xffff, b = (adler >> 16) & 0xffff;
    for (size_t i = 0; i < len; i++) {
        a = (a + buf[i]) % BASE;
        b = (b + a) % BASE;
    }
    return (b << 16) | a;
}

const char *zs_version(void) { return "zs 1.0"; }
