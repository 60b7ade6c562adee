/* whamm.c -- the `whamm` command: dispatches to the subcommands. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} Command;

/* in alphabetical order, as --help lists them */
static const Command commands[] = {
    {"attach", cmd_attach, "apply a wei monitor module to a module (docs/wei.md)"},
    {"check", cmd_check, "parse and type-check scripts (no app needed)"},
    {"info", cmd_info, "show what a probe rule matches, with docs and bindings"},
    {"instr", cmd_instr, "instrument a module with scripts (docs/instr.md)"},
    {"roundtrip", cmd_roundtrip,
     "read a module and write it back (no probes): checks the binary core"},
};

uint32_t cli_apply_werror(DiagSink *sink)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < sink->diags.n; i++) {
        Diag *d = &sink->diags.v[i];
        if (d->severity != DIAG_WARNING)
            continue;
        d->severity = DIAG_ERROR;
        diag_note(sink, d, (Span){0}, "a warning, made an error by --werror");
        n++;
    }
    sink->nwarnings -= n;
    sink->nerrors += n;
    return n;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: whamm <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n  whamm --version | --help\n"
                 "  whamm <command> --help   options of one command\n");
}

int main(int argc, char **argv)
{
    file_cleanup_on_signals(); /* an interrupted write leaves no temp file */
    alloc_unmap_large_blocks(); /* peak memory: freed blocks go back */
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("whamm %s\n", WHAMM_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "whamm: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
