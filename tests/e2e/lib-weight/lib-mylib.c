/* lib-mylib.c -- e2e case lib-weight: a user library in C with a memory
 * of its own: read-only data (weights, names), zeroed data (counts), a
 * heap that grows (calloc of 512 KiB: memory.grow past its 2 initial
 * pages), and stdio (printf through function pointers). */
#include <stdio.h>
#include <stdlib.h>

static const unsigned weights[8] = {3, 5, 7, 11, 13, 17, 19, 23};
static const char *const names[3] = {"a", "b", "_start"};
static unsigned counts[8];
static unsigned *big;

__attribute__((export_name("weight"))) unsigned weight(unsigned fid)
{
    return weights[fid & 7];
}

__attribute__((export_name("seen"))) void seen(unsigned fid)
{
    counts[fid & 7]++;
    if (!big)
        big = calloc(131072, sizeof *big);
    if (big)
        big[fid * 1000 % 131072]++;
}

__attribute__((export_name("summary"))) int summary(void)
{
    for (unsigned i = 0; i < 8; i++)
        if (counts[i])
            printf("%s: %u calls, weight %u\n", i < 3 ? names[i] : "?",
                   counts[i], weights[i]);
    fflush(stdout);
    return big ? (int)big[1000] : -1;
}
