/* sel.c -- the library of bench/static.sh: a site filter with a little
 * state, as a `@static` predicate would be. */
static unsigned seen;

__attribute__((export_name("keep"))) int keep(int fid, int pc)
{
    seen++;
    unsigned h = (unsigned)fid * 2654435761u ^ (unsigned)pc * 40503u;
    return (h >> 7) % 7 == 0;
}

__attribute__((export_name("seen"))) int seen_count(void)
{
    return (int)seen;
}
