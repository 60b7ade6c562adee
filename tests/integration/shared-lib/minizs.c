/* minizs.c -- the second program of the zlib-shaped project (zlib has
 * example and minigzip): checksums three words with the library.  Built
 * twice by CMakeLists.txt: minizs, linked with the STATIC target and
 * instrumented with adler.mm, and plainzs, linked with the SHARED target
 * and not instrumented.  Its output (minizs-output.txt), by hand with
 * Adler-32 (zs.c): a = 1 + the bytes' sum, b = the sum of a after each
 * byte; the checksum is b << 16 | a.
 *   "zlib"  z=122 l=108 i=105 b=98: a = 123, 231, 336, 434;
 *           b = 123+231+336+434 = 1124 = 0x464, a = 434 = 0x1b2
 *   "whamm" w=119 h=104 a=97 m=109 m=109: a = 120, 224, 321, 430, 539;
 *           b = 1634 = 0x662, a = 539 = 0x21b
 *   "wasm"  w=119 a=97 s=115 m=109: a = 120, 217, 332, 441;
 *           b = 1110 = 0x456, a = 441 = 0x1b9 */
#include <stdio.h>
#include <string.h>

#include "zs.h"

int main(void)
{
    static const char *const words[] = {"zlib", "whamm", "wasm"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        printf("%s %08lx\n", words[i],
               zs_adler32(1, (const unsigned char *)words[i], strlen(words[i])));
    return 0;
}
