/* lib-text.c -- e2e case lib-strings: strings to and from a library's
 * memory (write_str, read_str, memcpy with memid(text)). */
static char buf[64];

__attribute__((export_name("buf_addr"))) char *buf_addr(void)
{
    return buf;
}

/* How many bytes of s[0..len) are ch. */
__attribute__((export_name("count"))) int count(const char *s, int len,
                                               int ch)
{
    int n = 0;
    for (int i = 0; i < len; i++)
        n += s[i] == ch;
    return n;
}

/* Writes a greeting into buf; returns its length. */
__attribute__((export_name("greet"))) int greet(void)
{
    static const char hi[] = "hi from text";
    for (unsigned i = 0; i < sizeof hi - 1; i++)
        buf[i] = hi[i];
    return (int)sizeof hi - 1;
}
