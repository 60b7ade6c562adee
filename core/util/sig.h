/* sig.h -- the interrupting signals: SIGINT, SIGTERM, SIGHUP (signals.c).
 * Apart from util.h because sigset_t needs POSIX: include it after
 * defining _POSIX_C_SOURCE. */
#ifndef WHAMM_UTIL_SIG_H
#define WHAMM_UTIL_SIG_H

#include <signal.h>

/* Blocks them; *o_old gets the previous mask (restore with sigprocmask). */
void sig_block_interrupts(sigset_t *o_old);
/* Makes handler their handler, each blocked while it runs; one ignored at
 * start stays ignored. */
void sig_catch_interrupts(void (*handler)(int));
/* For the end of such a handler: the process then dies of sig, as it
 * would have without the handler. */
void sig_die_after_handler(int sig);

#endif
