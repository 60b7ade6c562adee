/* cputime.c -- runs a command and prints what it cost, for the benches:
 * "USER_US SYS_US MAXRSS_KB" on the file named by -o (else stderr), from
 * wait4's rusage.  GNU time reports CPU time in hundredths of a second,
 * too coarse for a run of 40 ms compared with another of 45.
 *
 * usage: cputime -o FILE CMD [ARG...]; exits with CMD's status (127 if it
 * cannot be run, 128 + N if signal N ended it). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static long long micros(struct timeval t)
{
    return (long long)t.tv_sec * 1000000 + t.tv_usec;
}

static int report(const char *path, const struct rusage *ru)
{
    FILE *f = path ? fopen(path, "w") : stderr;
    if (!f) {
        fprintf(stderr, "cputime: cannot write %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    fprintf(f, "%lld %lld %ld\n", micros(ru->ru_utime), micros(ru->ru_stime),
            ru->ru_maxrss);
    return f == stderr ? 0 : fclose(f);
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-o") == 0) {
        out = argv[2];
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: cputime [-o FILE] CMD [ARG...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "cputime: fork: %s\n", strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[first], argv + first);
        fprintf(stderr, "cputime: cannot run %s: %s\n", argv[first],
                strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) {
            fprintf(stderr, "cputime: wait4: %s\n", strerror(errno));
            return 127;
        }
    if (report(out, &ru) != 0)
        return 127;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
