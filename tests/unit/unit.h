/* unit.h -- the tiny test framework of every unit-test program: CHECK and
 * CHECK_MSG record a failure with its location and go on; the counters live
 * in unit.c.  whamm_unit's suites are the functions of main.c's table;
 * `whamm_unit SUITE` runs one (CTest registers each). */
#ifndef WHAMM_UNIT_H
#define WHAMM_UNIT_H

#include <stdio.h>
#include <string.h>

extern int unit_failures;
extern int unit_checks;

#define CHECK(cond)                                                         \
    do {                                                                    \
        unit_checks++;                                                      \
        if (!(cond)) {                                                      \
            unit_failures++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                       \
        }                                                                   \
    } while (0)

#define CHECK_MSG(cond, ...)                                                \
    do {                                                                    \
        unit_checks++;                                                      \
        if (!(cond)) {                                                      \
            unit_failures++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__,          \
                    __LINE__, #cond);                                       \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
        }                                                                   \
    } while (0)

/* Calls fn(path, ctx) for each module list names (':'-separated .wasm
 * files, or directories of them); how many. */
unsigned unit_each_wasm(const char *list, void (*fn)(const char *path,
                                                     void *ctx),
                        void *ctx);

void suite_leb(void);
void suite_util(void);
void suite_opcodes(void);
void suite_reader_errors(void);
void suite_edit(void);
void suite_remap(void);
void suite_splice(void);
void suite_stream(void);
void suite_stacktypes(void);
void suite_stacktypes_corpus(void);

#endif
