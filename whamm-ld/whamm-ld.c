/* whamm-ld.c -- the linker wrapper: wasm-ld's command line in, an
 * instrumented module out (docs/integration.md "whamm-ld" and "The arena").
 *
 *   1. parse: expand @files, take out --whamm-* options (ld_args.c);
 *   2. no scripts, --whamm-disable, -r, --shared, --version: run the real
 *      wasm-ld with the remaining arguments -- byte-for-byte a plain link;
 *   3. otherwise link with the arena object (ld_arena.c) and
 *      --export=__whamm_arena, then ld_instrument(): `whamm instr` writes a
 *      temp file beside the output, which is renamed over it.  Exit 3 with
 *      "whamm: arena too small: need N bytes" relinks once with N bytes.
 *      Any failure removes the output and exits non-zero.
 *   3b. wei monitors (--whamm-monitor, WHAMM_MONITORS): `whamm attach`
 *      applies each in turn, in place, the same way.  The first takes the
 *      scripts along (one pass) and keeps its state in the arena
 *      (`--memory=app`, relinked when too small); the monitors after it
 *      use `--memory=top`.
 *   4. SIGINT/SIGTERM/SIGHUP: forwarded to the running child (wasm-ld or
 *      `whamm instr`), which is waited for; the temp files, the arena
 *      object and a not yet instrumented output are removed, and whamm-ld
 *      dies of the same signal (driver.c).
 *
 * Knobs: WHAMM_REAL_LD (the real linker), WHAMM_INSTR_TOOL (the program
 * run as `whamm`, a test/debug knob; default: `whamm` beside whamm-ld).
 */
#define _POSIX_C_SOURCE 200809L
#include "ld.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WHAMM_CLANG_MAJOR
#define WHAMM_CLANG_MAJOR ""
#endif
#ifndef WHAMM_LLVM_BINDIRS
#define WHAMM_LLVM_BINDIRS "/usr/bin"
#endif

typedef struct {
    Arena *a;
    LdOptions o;
    const char *self;      /* real path of this executable */
    const char *real_ld;   /* the wasm-ld we run */
    const char *tool;      /* the `whamm` program */
    bool linked;           /* the real link succeeded at least once */
    bool arena_obj;        /* the arena object is registered for removal */
} Ld;

/* ---- finding the tools ---------------------------------------------- */

static const char *find_in_dirs(Arena *a, const char *dirs, const char *name,
                                const char *self)
{
    while (*dirs) {
        size_t n = strcspn(dirs, ":");
        const char *d = arena_strndup(a, dirs, n);
        const char *cand = drv_join(a, d, name);
        if (n && drv_is_executable(cand) && !drv_same_file(cand, self))
            return cand;
        dirs += n;
        if (*dirs == ':')
            dirs++;
    }
    return NULL;
}

/* WHAMM_REAL_LD, else wasm-ld-<clang major> then wasm-ld, each on PATH and
 * in clang's install dirs; never whamm-ld itself (compared by inode). */
static const char *find_real_ld(Arena *a, const char *self)
{
    const char *env = drv_env("WHAMM_REAL_LD");
    if (env) {
        if (drv_same_file(env, self)) {
            fprintf(stderr, "whamm-ld: error: WHAMM_REAL_LD (%s) is "
                            "whamm-ld itself\n", env);
            return NULL;
        }
        return env;
    }
    const char *names[] = {"wasm-ld-" WHAMM_CLANG_MAJOR, "wasm-ld"};
    for (size_t i = WHAMM_CLANG_MAJOR[0] ? 0 : 1; i < ARRAY_LEN(names); i++) {
        const char *p = drv_find_in_path(a, names[i], self);
        if (!p)
            p = find_in_dirs(a, WHAMM_LLVM_BINDIRS, names[i], self);
        if (p)
            return p;
    }
    fprintf(stderr, "whamm-ld: error: cannot find wasm-ld (set "
                    "WHAMM_REAL_LD)\n");
    return NULL;
}

static const char *find_tool(Ld *ld)
{
    const char *env = drv_env("WHAMM_INSTR_TOOL");
    if (env)
        return env;
    return drv_join(ld->a, drv_dirname(ld->a, ld->self), "whamm");
}

/* ---- running the real linker ------------------------------------------ */

/* Runs or prints a command (verbose: print, then run); its stdout goes
 * where `out` says; its stderr is collected in err_copy (when not NULL)
 * and passed through as it arrives when echo_err. */
static int run_cmd(const Ld *ld, const StrVec *cmd, Buf *err_copy,
                   DrvStdout out, bool echo_err)
{
    if (ld->o.dry_run || ld->o.verbose)
        drv_print_cmd(stderr, cmd);
    if (ld->o.dry_run)
        return 0;
    return drv_run_out("whamm-ld", cmd, err_copy, out, echo_err);
}

static const char *tmp_dir(void)
{
    const char *t = drv_env("TMPDIR");
    return t ? t : "/tmp";
}

/* The real linker with o.args plus extra; as a response file when the
 * arguments arrived in one (they may be too long for the command line). */
static int run_ld(Ld *ld, const StrVec *extra)
{
    StrVec cmd = {0}, all = {0};
    drv_push(&cmd, ld->real_ld);
    drv_push_all(&all, &ld->o.args);
    drv_push_all(&all, extra);
    int st = 0;
    if (ld->o.rsp && !ld->o.dry_run) {
        char *rsp = drv_tmp_create(ld->a, tmp_dir(), "whamm-ld-", ".rsp");
        if (!rsp || !drv_write_rsp(rsp, &all, 0)) {
            fprintf(stderr, "whamm-ld: error: cannot write a response "
                            "file: %s\n", strerror(errno));
            st = 1;
        }
        size_t n = strlen(rsp ? rsp : "") + 2;
        char *at = arena_alloc(ld->a, n);
        snprintf(at, n, "@%s", rsp ? rsp : "");
        drv_push(&cmd, at);
    } else {
        drv_push_all(&cmd, &all);
    }
    if (st == 0)
        st = run_cmd(ld, &cmd, NULL, DRV_OUT_KEEP, true);
    vec_free(cmd);
    vec_free(all);
    return st;
}

/* Links with an arena of `size` bytes reserved and exported.  The arena
 * object is OUT.whamm-arena.o beside the output, a fixed name: it is
 * removed at exit and on SIGINT/SIGTERM/SIGHUP, and what a SIGKILL
 * leaves is one file next to the output that the next link of OUT
 * overwrites (a unique name in $TMPDIR would pile up instead). */
static int link_with_arena(Ld *ld, size_t size)
{
    size_t n = strlen(ld->o.output) + sizeof ".whamm-arena.o";
    char *obj = arena_alloc(ld->a, n);
    snprintf(obj, n, "%s.whamm-arena.o", ld->o.output);
    if (!ld->o.dry_run) {
        if (!ld->arena_obj)
            drv_tmp_register(obj);
        ld->arena_obj = true;
        if (!ld_write_arena_object(obj, size)) {
            fprintf(stderr, "whamm-ld: error: cannot write the arena "
                            "object '%s': %s\n", obj, strerror(errno));
            return 1;
        }
    }
    StrVec extra = {0};
    drv_push(&extra, obj);
    drv_push(&extra, "--export=" LD_ARENA_SYMBOL);
    int st = run_ld(ld, &extra);
    vec_free(extra);
    return st;
}

/* ---- the instrumentation seam ------------------------------------------ */

/* Reads N from "whamm: arena too small: need N bytes" (0 if absent). */
static size_t parse_need(const Buf *err)
{
    Buf z;
    buf_init(&z);
    buf_append(&z, err->data, err->len);
    buf_push(&z, 0);
    const char *p = strstr((const char *)z.data, LD_NEED_PREFIX);
    size_t need = p ? (size_t)strtoull(p + strlen(LD_NEED_PREFIX), NULL, 10)
                    : 0;
    buf_fini(&z);
    return need;
}

static const char *fmt_size(Arena *a, size_t n)
{
    char *s = arena_alloc(a, 40);
    snprintf(s, 40, "--arena-size=%zu", n);
    return s;
}

/* The scripts and their libraries, for `whamm instr` or the first `whamm
 * attach`; then, after the memory options, their report's format. */
static void push_scripts(Ld *ld, StrVec *cmd)
{
    for (uint32_t i = 0; i < ld->o.scripts.n; i++) {
        drv_push(cmd, "--script");
        drv_push(cmd, ld->o.scripts.v[i]);
    }
    for (uint32_t i = 0; i < ld->o.libs.n; i++) {
        drv_push(cmd, "--user-libs");
        drv_push(cmd, ld->o.libs.v[i]);
    }
}

static void push_report_format(Ld *ld, StrVec *cmd)
{
    if (ld->o.report_format)
        drv_push(cmd, ld->o.report_format[0] == 'j' ? "--report-format=json"
                                                   : "--report-format=csv");
}

static void build_instr_cmd(Ld *ld, const char *tmp, size_t arena,
                            StrVec *cmd)
{
    drv_push(cmd, ld->tool);
    drv_push(cmd, "instr");
    drv_push(cmd, "--app");
    drv_push(cmd, ld->o.output);
    push_scripts(ld, cmd);
    drv_push(cmd, "-o");
    drv_push(cmd, tmp);
    drv_push(cmd, "--memory=app");
    drv_push(cmd, "--arena-export=" LD_ARENA_SYMBOL);
    drv_push(cmd, fmt_size(ld->a, arena));
    if (ld->o.defs_path) {
        drv_push(cmd, "--defs-path");
        drv_push(cmd, ld->o.defs_path);
    }
    push_report_format(ld, cmd);
    if (ld->o.werror)
        drv_push(cmd, "--werror");
    if (ld->o.exact_traps)
        drv_push(cmd, "--exact-traps");
    if (ld->o.verbose)
        drv_push(cmd, "-v");
}

/* A temp file beside the output for a step that rewrites it (the name
 * only, in a dry run); NULL (with a message) on failure. */
static const char *step_tmp(Ld *ld)
{
    const char *out = ld->o.output;
    const char *dir = drv_dirname(ld->a, out);
    char prefix[256];
    snprintf(prefix, sizeof prefix, "%s.whamm-", drv_basename(out));
    const char *tmp;
    if (ld->o.dry_run) {
        char *t = arena_alloc(ld->a, strlen(dir) + strlen(prefix) + 8);
        sprintf(t, "%s/%sXXXXXX", dir, prefix);
        tmp = t;
    } else if (!(tmp = drv_tmp_create(ld->a, dir, prefix, ""))) {
        fprintf(stderr, "whamm-ld: error: cannot create a temp file in "
                        "'%s': %s\n", dir, strerror(errno));
        return NULL;
    } else {
        /* `whamm instr` keeps the mode of the file it replaces: give the
         * temp file the link's (mkstemp made it 0600), so the output stays
         * executable as wasm-ld made it */
        struct stat st;
        if (stat(out, &st) == 0)
            chmod(tmp, st.st_mode & 07777);
    }
    return tmp;
}

/* Renames a step's temp file over the output.  The output stays
 * registered for removal while wei monitors remain to be attached. */
static int replace_output(Ld *ld, const char *tmp, bool last)
{
    const char *out = ld->o.output;
    if (rename(tmp, out) != 0) {
        fprintf(stderr, "whamm-ld: error: cannot rename '%s' to '%s': %s\n",
                tmp, out, strerror(errno));
        return 1;
    }
    drv_tmp_forget(tmp);
    if (last)
        drv_tmp_forget(out);   /* instrumented: the output is done */
    return 0;
}

/* Runs one step's command (which writes tmp), then puts tmp in place of
 * the output (last: the final step).  whamm's stdout (a "FILE:LINE:COL:
 * RULE: N sites" line per probe) is shown only with --whamm-verbose, on
 * stderr with the rest of whamm-ld's chatter: a link is quiet.  Its
 * stderr (diagnostics, warnings) reaches the user as it arrives, or is
 * kept in held.  On LD_EXIT_ARENA the size asked for goes in *need. */
static int run_step(Ld *ld, StrVec *cmd, const char *tmp, size_t *need,
                    Buf *held, bool last)
{
    Buf err;
    buf_init(&err);
    int st = run_cmd(ld, cmd, held ? held : &err,
                     ld->o.verbose ? DRV_OUT_STDERR : DRV_OUT_NULL, !held);
    vec_free(*cmd);
    *need = st == LD_EXIT_ARENA ? parse_need(held ? held : &err) : 0;
    buf_fini(&err);
    if (st != 0 || ld->o.dry_run)
        return st;
    return replace_output(ld, tmp, last);
}

/* THE SEAM: instruments o.output in place with `whamm instr` (a child
 * process today; to become an in-process libwhamm call).  Returns the exit
 * status; on LD_EXIT_ARENA stores the size asked for in *need.  On failure
 * the temp file is removed; the caller removes the output.  The tool's
 * stderr passes through as it arrives, or, with held non-NULL, is kept
 * there for the caller (a first attempt that may be retried: its
 * warnings would otherwise be shown twice). */
static int ld_instrument(Ld *ld, size_t arena, size_t *need, Buf *held)
{
    if (held)
        buf_init(held);
    const char *tmp = step_tmp(ld);
    if (!tmp)
        return 1;
    StrVec cmd = {0};
    build_instr_cmd(ld, tmp, arena, &cmd);
    return run_step(ld, &cmd, tmp, need, held, ld->o.monitors.n == 0);
}

/* Attaches wei monitor number i to the output in place with `whamm
 * attach`.  The first monitor is the link's first step: it takes the
 * scripts along (one pass: one runtime, one report, and neither sees the
 * other's code) and keeps its state in the arena of `arena` bytes, as
 * `whamm instr` does; like ld_instrument(), LD_EXIT_ARENA stores the size
 * asked for in *need and held keeps the stderr of a first attempt.  The
 * others (arena 0) go at the top of memory 0 (--memory=top). */
static int ld_attach(Ld *ld, uint32_t i, size_t arena, size_t *need,
                     Buf *held)
{
    if (held)
        buf_init(held);
    *need = 0;
    const char *tmp = step_tmp(ld);
    if (!tmp)
        return 1;
    StrVec cmd = {0};
    drv_push(&cmd, ld->tool);
    drv_push(&cmd, "attach");
    drv_push(&cmd, "--monitor");
    drv_push(&cmd, ld->o.monitors.v[i]);
    drv_push(&cmd, "--app");
    drv_push(&cmd, ld->o.output);
    drv_push(&cmd, "-o");
    drv_push(&cmd, tmp);
    if (i == 0)
        push_scripts(ld, &cmd);
    if (arena) {
        drv_push(&cmd, "--memory=app");
        drv_push(&cmd, "--arena-export=" LD_ARENA_SYMBOL);
        drv_push(&cmd, fmt_size(ld->a, arena));
    } else {
        drv_push(&cmd, "--memory=top");
    }
    if (ld->o.defs_path) {
        drv_push(&cmd, "--defs-path");
        drv_push(&cmd, ld->o.defs_path);
    }
    if (i == 0)
        push_report_format(ld, &cmd);
    if (ld->o.werror)
        drv_push(&cmd, "--werror");
    if (ld->o.verbose)
        drv_push(&cmd, "-v");
    return run_step(ld, &cmd, tmp, need, held, i + 1 == ld->o.monitors.n);
}

/* The step that keeps its state in the arena: `whamm instr` with the
 * scripts, or, with monitors, `whamm attach` with the first monitor and
 * the scripts. */
static int arena_step(Ld *ld, size_t arena, size_t *need, Buf *held)
{
    if (ld->o.monitors.n == 0)
        return ld_instrument(ld, arena, need, held);
    return ld_attach(ld, 0, arena, need, held);
}

/* Link, instrument, and once more with a bigger arena if asked to. */
static int link_and_instrument(Ld *ld)
{
    size_t arena = ld->o.arena_size, need = 0;
    int st = link_with_arena(ld, arena);
    if (st != 0)
        return st;
    ld->linked = true;
    /* until instrumented, the output is a plain link that must not
     * survive an interrupted or failed run with a fresh timestamp (an
     * incremental build would take it for done): removed at exit and on
     * SIGINT/SIGTERM/SIGHUP unless ld_instrument() forgets it */
    if (!ld->o.dry_run)
        drv_tmp_register(ld->o.output);
    Buf first;
    st = arena_step(ld, arena, &need, &first);
    bool retry = st == LD_EXIT_ARENA && need > arena && need <= LD_ARENA_MAX;
    /* the first attempt's messages are shown unless it is retried */
    if (first.len && (!retry || ld->o.verbose))
        fwrite(first.data, 1, first.len, stderr);
    buf_fini(&first);
    if (retry) {
        arena = (need + 15) & ~(size_t)15;
        if (ld->o.verbose)
            fprintf(stderr, "whamm-ld: relinking with a %zu-byte arena\n",
                    arena);
        st = link_with_arena(ld, arena);
        if (st == 0)
            st = arena_step(ld, arena, &need, NULL);
    }
    return st;
}

/* ---- deciding what to do ------------------------------------------------ */

/* Scripts that came only from WHAMM_SCRIPTS are not applied to the probe
 * links of configure (conftest*) and CMake (cmTC_*), so that their compiler
 * checks still work with WHAMM_SCRIPTS exported. */
static void drop_env_scripts_for_probes(Ld *ld)
{
    const char *base = drv_basename(ld->o.output);
    bool probe = drv_starts_with(base, "conftest") ||
                 drv_starts_with(base, "cmTC_");
    if (!probe || (ld->o.scripts.n == ld->o.cli_scripts &&
                   ld->o.monitors.n == ld->o.cli_monitors))
        return;
    if (ld->o.verbose)
        fprintf(stderr, "whamm-ld: not instrumenting configure probe '%s'\n",
                ld->o.output);
    ld->o.scripts.n = ld->o.cli_scripts;
    ld->o.monitors.n = ld->o.cli_monitors;
}

static bool plain_link(Ld *ld)
{
    drop_env_scripts_for_probes(ld);
    if ((ld->o.scripts.n == 0 && ld->o.monitors.n == 0) || ld->o.disable ||
        ld->o.query)
        return true;
    if (ld->o.relocatable || ld->o.shared) {
        if (ld->o.verbose || ld->o.shared)
            fprintf(stderr, "whamm-ld: %s: %s link is not instrumented\n",
                    ld->o.shared ? "warning" : "note",
                    ld->o.shared ? "a --shared" : "a relocatable (-r)");
        return true;
    }
    return false;
}

static bool files_readable(const StrVec *files, const char *what)
{
    for (uint32_t i = 0; i < files->n; i++) {
        if (access(files->v[i], R_OK) != 0) {
            fprintf(stderr, "whamm-ld: error: cannot read %s '%s': %s\n",
                    what, files->v[i], strerror(errno));
            return false;
        }
    }
    return true;
}

/* The scripts (with the first monitor, if any), then every other wei
 * monitor, each attached to what the step before wrote (`whamm attach`
 * chains the exit hooks: the earlier steps' first). */
static int instrument_and_attach(Ld *ld)
{
    if (!files_readable(&ld->o.scripts, "script") ||
        !files_readable(&ld->o.monitors, "wei monitor"))
        return 1;
    int st = link_and_instrument(ld);
    size_t need;
    for (uint32_t i = 1; st == 0 && i < ld->o.monitors.n; i++)
        st = ld_attach(ld, i, 0, &need, NULL);
    return st;
}

static int run(Ld *ld, int argc, char **argv)
{
    if (!ld_parse(ld->a, argc - 1, argv + 1, &ld->o))
        return DRV_EXIT_USAGE;
    if (ld->o.help)
        return 0;
    /* a misspelt WHAMM_SCRIPTS would be a silently plain link */
    if (drv_check_env("whamm-ld", ld->o.werror) && ld->o.werror)
        return 1;
    ld->self = drv_self_exe(ld->a);
    if (!ld->self || !(ld->real_ld = find_real_ld(ld->a, ld->self)))
        return 1;
    if (setenv("WHAMM_LD_ACTIVE", "1", 1) != 0)
        return 1;
    StrVec none = {0};
    if (plain_link(ld))
        return run_ld(ld, &none);
    ld->tool = find_tool(ld);
    int st = instrument_and_attach(ld);
    if (st != 0 && !ld->o.dry_run) {
        unlink(ld->o.output);
        if (ld->linked)
            fprintf(stderr, "whamm-ld: error: instrumenting '%s' failed; "
                            "output removed\n", ld->o.output);
    }
    return st;
}

int main(int argc, char **argv)
{
    if (drv_env_flag("WHAMM_LD_ACTIVE") && !drv_env("WHAMM_REAL_LD")) {
        fprintf(stderr, "whamm-ld: error: linker loop detected (whamm-ld "
                        "ran itself); set WHAMM_REAL_LD\n");
        return 1;
    }
    drv_cleanup_on_signals();
    Arena a;
    arena_init(&a);
    Ld ld = {.a = &a};
    int st = run(&ld, argc, argv);
    drv_cleanup();
    ld_options_fini(&ld.o);
    arena_fini(&a);
    return st;
}
