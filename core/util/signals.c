/* signals.c -- the interrupting signals (SIGINT, SIGTERM, SIGHUP) for the
 * tools that clean up after themselves: the temp file of an atomic write
 * (file.c), whamm-ld's children and temp files (whamm-ld/driver.c). */
#define _POSIX_C_SOURCE 200809L
#include "util.h"
#include "sig.h"

#include <string.h>

static const int interrupting[] = {SIGINT, SIGTERM, SIGHUP};

static void add_interrupting(sigset_t *set)
{
    for (size_t i = 0; i < ARRAY_LEN(interrupting); i++)
        sigaddset(set, interrupting[i]);
}

void sig_block_interrupts(sigset_t *o_old)
{
    sigset_t set;
    sigemptyset(&set);
    add_interrupting(&set);
    sigprocmask(SIG_BLOCK, &set, o_old);
}

void sig_catch_interrupts(void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    add_interrupting(&sa.sa_mask);
    for (size_t i = 0; i < ARRAY_LEN(interrupting); i++) {
        struct sigaction old;
        /* ignored at start (nohup, `cmd &` in a script): stays ignored, as
         * it would for a child */
        if (sigaction(interrupting[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;
        sigaction(interrupting[i], &sa, NULL);
    }
}

/* Blocked while its handler runs (sa_mask), the raised signal stays
 * pending and kills the process with the default action once the handler
 * returns.  sigaction and raise are async-signal-safe. */
void sig_die_after_handler(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}
