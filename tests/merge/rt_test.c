/* rt_test.c -- a small library in the shape of the instrumentation runtime:
 * freestanding C compiled position-independent, with static state (.bss),
 * constant data (.rodata), a stack frame, and a WASI import.  The merge
 * test binds its memory base to an arena inside the app's memory.
 *
 *   rt_bump(n)   adds n to the counter
 *   rt_report()  prints "rt: <counter>\n" through fd_write */
#include <stdint.h>

typedef struct {
    const char *buf;
    uint32_t len;
} Iovec;

__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("fd_write")))
int32_t wasi_fd_write(int32_t fd, const Iovec *iov, int32_t n,
                      uint32_t *written);

static uint32_t counter;
static const char prefix[] = "rt: ";

void rt_bump(uint32_t n) { counter += n; }

void rt_report(void)
{
    char text[32]; /* on the library's own stack */
    uint32_t len = 0, v = counter;
    for (const char *p = prefix; *p; p++)
        text[len++] = *p;
    char digits[12];
    uint32_t nd = 0;
    do {
        digits[nd++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (nd)
        text[len++] = digits[--nd];
    text[len++] = '\n';
    Iovec iov = {text, len};
    uint32_t written;
    wasi_fd_write(1, &iov, 1, &written);
}
