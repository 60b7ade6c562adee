/* text.c -- small text utilities: the edit distance behind every "did you
 * mean" hint (rule parts, script names). */
#include "util.h"

#include <ctype.h>
#include <string.h>

unsigned str_edit_distance(const char *a, const char *b, bool ignore_case)
{
    size_t n = strlen(b);
    if (n > 40 || strlen(a) > 40)
        return 99;
    unsigned row[41];
    for (size_t j = 0; j <= n; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; a[i - 1]; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= n; j++) {
            int x = (unsigned char)a[i - 1], y = (unsigned char)b[j - 1];
            if (ignore_case) {
                x = tolower(x);
                y = tolower(y);
            }
            unsigned up = row[j], sub = diag + (x != y);
            unsigned ins = (up < row[j - 1] ? up : row[j - 1]) + 1;
            row[j] = sub < ins ? sub : ins;
            diag = up;
        }
    }
    return row[n];
}
