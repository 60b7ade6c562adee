/* lib-sel.c -- e2e case lib-static: a library run by whamm while it
 * instruments (@static): state in memory that persists across calls, a
 * table in read-only data. */
static const int keep_pcs[] = {20, 33, 47};
static int calls;

/* 1 when the site at pc is one to instrument. */
__attribute__((export_name("keep"))) int keep(int pc)
{
    for (unsigned i = 0; i < sizeof keep_pcs / sizeof keep_pcs[0]; i++)
        if (keep_pcs[i] == pc)
            return 1;
    return 0;
}

/* 1, 2, 3, ...: the order the calls come in. */
__attribute__((export_name("next"))) int next(void)
{
    return ++calls;
}

__attribute__((export_name("scaled"))) double scaled(long long x)
{
    return (double)x * 0.5;
}
