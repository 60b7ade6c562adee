/* cli.h -- the subcommands of the `whamm` tool. */
#ifndef WHAMM_CLI_H
#define WHAMM_CLI_H

#include "diag/diag.h"
#include "emit/emit.h"
#include "lang/lang.h"
#include "wasm/wasm.h"

/* A library given with --user-libs (user_libs.c). */
typedef struct {
    const char *name;           /* what the script's `use` names */
    const char *import_module;  /* accepted; the library is merged */
    const char *path;           /* its Wasm module */
    bool kept;                  /* module and view are open */
    WasmModule module;          /* borrows view's bytes */
    FileView view;
} UserLib;
typedef VEC(UserLib) UserLibList;

/* Adds the libraries of one --user-libs argument (comma-separated specs). */
bool cli_parse_user_libs(const char *arg, Arena *a, UserLibList *out,
                         DiagSink *sink);
/* Reads every library's module; *out gets one TcLib per library.  With
 * keep, each module stays open (UserLib.module) until
 * cli_release_user_libs. */
bool cli_load_user_libs(UserLibList *libs, Arena *a, TcLib **out, bool keep,
                        DiagSink *sink);
void cli_release_user_libs(UserLibList *libs);

/* The libraries of every --user-libs argument, read and kept open for
 * merging (as UserLib.module; release with cli_release_user_libs(&specs)):
 * tc their signatures for the checker, emit what the emitter merges. */
typedef struct {
    UserLibList specs;
    TcLib *tc;
    EmitLib *emit;
} CliLibs;
bool cli_load_libs(const char *const *args, int nargs, Arena *a,
                   CliLibs *out, DiagSink *sink);

/* Opens a module file (a located error for WebAssembly text, which must
 * be assembled first); false after reporting why (inputs.c). */
bool cli_open_module(const char *path, FileView *view, DiagSink *sink);
/* The runtime built into whamm, read (inputs.c). */
bool cli_read_runtime(WasmModule *rt, DiagSink *sink);

/* Loads the provider definitions into r: --defs-path's YAML, else the
 * compiled-in ones (prov_load_defs); false after reporting why. */
struct ProvRegistry;
bool cli_load_providers(struct ProvRegistry *r, const char *defs_path,
                        DiagSink *sink);
/* Reads and parses a script file (registered with the sink for
 * diagnostics); NULL after reporting an I/O or syntax error. */
Script *cli_parse_script_file(const char *path, DiagSink *sink, Arena *a);

/* --werror: every warning in sink becomes an error (with a note saying
 * why).  Returns how many were turned (whamm.c). */
uint32_t cli_apply_werror(DiagSink *sink);

/* Loads the provider definitions (defs_path or the built-in ones), runs
 * run(ctx, ...) if they load, applies --werror, prints the diagnostics;
 * returns run's exit status (1 if the definitions did not load). */
int cli_run_with_providers(const char *defs_path, bool werror,
                           int (*run)(void *ctx, struct ProvRegistry *reg,
                                      DiagSink *sink),
                           void *ctx);
/* The value of --name=V or --name V (advancing *i), or NULL. */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name,
                          const char *shortname);

int cmd_attach(int argc, char **argv);
int cmd_roundtrip(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_instr(int argc, char **argv);

#endif
