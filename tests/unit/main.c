/* main.c -- whamm_unit: runs one named suite (or all) and exits non-zero
 * on any failed check. */
#include "unit.h"

typedef struct {
    const char *name;
    void (*run)(void);
} Suite;

static const Suite suites[] = {
    {"leb", suite_leb},
    {"util", suite_util},
    {"opcodes", suite_opcodes},
    {"reader_errors", suite_reader_errors},
    {"edit", suite_edit},
    {"remap", suite_remap},
    {"splice", suite_splice},
    {"stream", suite_stream},
    {"stacktypes", suite_stacktypes},
    {"stacktypes_corpus", suite_stacktypes_corpus},
};

int main(int argc, char **argv)
{
    int ran = 0;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (argc > 1 && strcmp(argv[1], suites[i].name) != 0)
            continue;
        suites[i].run();
        ran++;
    }
    if (ran == 0) {
        fprintf(stderr, "whamm_unit: no suite named '%s'\n", argv[1]);
        return 2;
    }
    printf("%d checks, %d failed\n", unit_checks, unit_failures);
    return unit_failures ? 1 : 0;
}
