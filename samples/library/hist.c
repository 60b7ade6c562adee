/* hist.c -- the user library of samples/library: a histogram of labelled
 * buckets, kept in its own memory, printed with stdio. */
#include <stdio.h>

#define BUCKETS 8

static unsigned counts[BUCKETS];
static const char *const labels[BUCKETS] = {"square", "cube"};

/* Counts one event in bucket b (0 .. 7; others are ignored). */
__attribute__((export_name("add"))) void add(int b)
{
    if (b >= 0 && b < BUCKETS)
        counts[b]++;
}

/* One line per bucket that counted something: label, count, a bar. */
__attribute__((export_name("print"))) void print(void)
{
    for (int b = 0; b < BUCKETS; b++) {
        if (!counts[b])
            continue;
        printf("%s: %u ", labels[b] ? labels[b] : "?", counts[b]);
        for (unsigned i = 0; i < counts[b] && i < 60; i++)
            putchar('#');
        putchar('\n');
    }
    fflush(stdout);
}
