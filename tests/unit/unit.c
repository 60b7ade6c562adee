/* unit.c -- the counters behind CHECK/CHECK_MSG (unit.h), shared by every
 * unit-test program (whamm_unit, the lang and provider tests), and the
 * walk over the modules a corpus test is given. */
#define _POSIX_C_SOURCE 200809L
#include "unit.h"

#include <dirent.h>
#include <stdlib.h>

int unit_failures;
int unit_checks;

/* path, or every .wasm file in it when it is a directory. */
static unsigned each_in(const char *path, void (*fn)(const char *, void *),
                        void *ctx)
{
    DIR *d = opendir(path);
    if (!d) {
        fn(path, ctx);
        return 1;
    }
    unsigned n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".wasm") != 0)
            continue;
        char file[1024];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        fn(file, ctx);
        n++;
    }
    closedir(d);
    return n;
}

unsigned unit_each_wasm(const char *list, void (*fn)(const char *, void *),
                        void *ctx)
{
    unsigned n = 0;
    char *copy = malloc(strlen(list) + 1), *save = NULL;
    if (!copy)
        abort();
    strcpy(copy, list);
    for (char *p = strtok_r(copy, ":", &save); p;
         p = strtok_r(NULL, ":", &save))
        n += each_in(p, fn, ctx);
    free(copy);
    return n;
}
