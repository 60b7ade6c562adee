/* hold-rename.c -- an LD_PRELOAD shim for tests/cli/interrupt.sh: holds
 * whamm in the middle of an atomic write, after its temp file is written
 * and before the rename, so that a signal can be sent at exactly that
 * point (no sleeps, no timing).
 *
 * With WHAMM_TEST_HOLD_FIFO=F set, rename(FROM, TO) of a FROM whose name
 * contains ".whamm-" first opens the FIFO F for reading and reads it to
 * its end: the test opens F for writing (which returns once we are held)
 * and sends its signal; then it closes F, which lets a survivor go on. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int rename(const char *from, const char *to)
{
    const char *fifo = getenv("WHAMM_TEST_HOLD_FIFO");
    if (fifo && strstr(from, ".whamm-")) {
        int fd = open(fifo, O_RDONLY);
        char c;
        while (fd >= 0 && read(fd, &c, 1) > 0)
            ;
        if (fd >= 0)
            close(fd);
    }
    int (*real)(const char *, const char *);
    *(void **)&real = dlsym(RTLD_NEXT, "rename");
    return real ? real(from, to) : -1;
}
