/* main.c -- the cmake-shared integration test's program: linked with the
 * library target declared SHARED (zshared), which whamm's WASI toolchain
 * builds as a static library.  Its output is fixed (expected-output.txt).
 * The checksums: "Wikipedia" is the well-known example (0x11e60398);
 * "a" gives a = 1 + 97 = 98, b = 98, so 0x00620062; the empty string
 * leaves the initial value 1; and a checksum continued over two pieces is
 * the checksum of the whole. */
#include <stdio.h>
#include <string.h>

#include "zs.h"

static unsigned long sum(const char *s)
{
    return zs_adler32(1, (const unsigned char *)s, strlen(s));
}

int main(void)
{
    printf("%s\n", zs_version());
    printf("adler32(\"Wikipedia\") = %08lx\n", sum("Wikipedia"));
    printf("adler32(\"a\") = %08lx\n", sum("a"));
    printf("adler32(\"\") = %08lx\n", sum(""));
    unsigned long part = zs_adler32(1, (const unsigned char *)"Wiki", 4);
    printf("continued = %08lx\n", zs_adler32(part, (const unsigned char *)"pedia", 5));
    return 0;
}
