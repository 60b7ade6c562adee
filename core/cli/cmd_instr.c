/* cmd_instr.c -- `whamm instr`: instrument a module with scripts (the user
 * contract is docs/instr.md; of the reference's options we keep the useful
 * ones).  Exit 0: the output was
 * written; 1: errors (located diagnostics); 2: usage; 3: --memory=app and
 * the arena is too small (`whamm: arena too small: need N bytes`). */
#include "cli.h"

#include "emit/emit.h"
#include "provider/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *app, *out, *defs_path;
    const char *scripts[64];
    int nscripts;
    const char *user_libs[64];  /* --user-libs arguments */
    int nuser_libs;
    EmitOptions emit;
    bool verbose;
    bool no_validate;      /* --no-validate: bodies are not type-checked */
    bool werror;           /* --werror: a warning means no output */
    bool wei;              /* --target wei: a monitor module, no app */
} InstrArgs;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: whamm instr --app APP.wasm --script S.mm [--script ...]\n"
            "                   -o OUT.wasm [options]\n"
            "       whamm instr --target wei --script S.mm -o MONITOR.wasm\n"
            "\n"
            "Instrument a module with whamm scripts (docs/instr.md), or\n"
            "compile them into a wei monitor module (docs/wei.md).\n"
            "\n"
            "  -a, --app PATH        the module to instrument (binary .wasm)\n"
            "  --target rewrite|wei  rewrite the app (default), or a wei\n"
            "                        monitor compiled without it\n"
            "  -s, --script PATH     a script; repeat for several\n"
            "  -o, --output-path P   the instrumented module\n"
            "  -d, --defs-path DIR   provider definitions\n"
            "  -u, --user-libs SPEC  libraries the scripts `use`: NAME=PATH\n"
            "                        (or NAME(module)=PATH), comma-separated\n"
            "                        or repeated; merged into the output\n"
            "  --memory=top|separate|app  where whamm's state lives: at\n"
            "                        the top of memory 0, in a memory of its\n"
            "                        own, in the arena (default: app when the\n"
            "                        module exports the arena, else top)\n"
            "  --arena-export=NAME   the arena's address global (default\n"
            "                        __whamm_arena)\n"
            "  --arena-size=N        bytes of the arena (--memory=app;\n"
            "                        an error with top or separate)\n"
            "  --no-body             inject predicates with empty bodies\n"
            "  --no-pred             inject bodies without their predicates\n"
            "  --no-report           no report at the end\n"
            "  --no-validate         do not validate the app's function\n"
            "                        bodies (their structure is checked)\n"
            "  --report-format=csv|json  the report's format (default csv)\n"
            "  --exact-traps         counters exact even after a trap the\n"
            "                        engine raises (more counter updates)\n"
            "  --werror              warnings are errors: exit 1, no output\n"
            "  -v                    say what is done\n"
            "  -h, --help            this text\n"
            "\n"
            "Exit status: 0 written, 1 errors, 2 usage, 3 arena too small.\n");
}


static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || v == 0 || v > 0xFFFFFFFFull)
        return false;
    *out = v;
    return true;
}

static int parse_flag(const char *a, InstrArgs *o)
{
    if (strcmp(a, "--no-body") == 0)
        o->emit.no_body = true;
    else if (strcmp(a, "--no-pred") == 0)
        o->emit.no_pred = true;
    else if (strcmp(a, "--no-report") == 0)
        o->emit.no_report = true;
    else if (strcmp(a, "--no-validate") == 0)
        o->no_validate = true;
    else if (strcmp(a, "--exact-traps") == 0)
        o->emit.exact_traps = true;
    else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
        o->verbose = true;
    else if (strcmp(a, "--werror") == 0)
        o->werror = true;
    else
        return 0;
    return 1;
}

/* --target wei: the monitor is compiled without the app, and its state is
 * its own memory. */
static int wei_args(const InstrArgs *o)
{
    if (o->app) {
        fprintf(stderr, "whamm instr: --target wei compiles the scripts "
                "without the application: drop --app (apply the monitor "
                "with `whamm attach --monitor M --app APP -o OUT`)\n");
        return 2;
    }
    if (!o->out || o->nscripts == 0) {
        fprintf(stderr, "whamm instr: --target wei needs --script and -o\n");
        return 2;
    }
    if (o->emit.memory != EMIT_MEMORY_AUTO || o->emit.arena_size ||
        o->emit.arena_export) {
        fprintf(stderr, "whamm instr: --memory, --arena-size and "
                "--arena-export are for rewriting: a wei monitor keeps its "
                "state in its own memory\n");
        return 2;
    }
    return -1;
}

static int parse_args(int argc, char **argv, InstrArgs *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (parse_flag(a, o))
            continue;
        if ((v = cli_opt_value(argc, argv, &i, "--app", "-a"))) {
            o->app = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--script", "-s"))) {
            if (o->nscripts == 64) {
                fprintf(stderr, "whamm instr: too many scripts\n");
                return 2;
            }
            o->scripts[o->nscripts++] = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--output-path", "-o"))) {
            o->out = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--defs-path", "-d"))) {
            o->defs_path = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--user-libs", "-u"))) {
            if (o->nuser_libs == 64) {
                fprintf(stderr, "whamm instr: too many --user-libs\n");
                return 2;
            }
            o->user_libs[o->nuser_libs++] = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--arena-export", NULL))) {
            o->emit.arena_export = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--arena-size", NULL))) {
            if (!parse_size(v, &o->emit.arena_size)) {
                fprintf(stderr, "whamm instr: bad --arena-size '%s'\n", v);
                return 2;
            }
        } else if ((v = cli_opt_value(argc, argv, &i, "--report-format",
                                  NULL))) {
            if (strcmp(v, "csv") == 0) {
                o->emit.report_format = EMIT_REPORT_CSV;
            } else if (strcmp(v, "json") == 0) {
                o->emit.report_format = EMIT_REPORT_JSON;
            } else {
                fprintf(stderr, "whamm instr: --report-format is 'csv' or "
                                "'json', not '%s'\n", v);
                return 2;
            }
        } else if ((v = cli_opt_value(argc, argv, &i, "--target", NULL))) {
            if (strcmp(v, "wei") == 0 || strcmp(v, "rewrite") == 0) {
                o->wei = strcmp(v, "wei") == 0;
            } else {
                fprintf(stderr, "whamm instr: --target is 'rewrite' or "
                                "'wei', not '%s'\n", v);
                return 2;
            }
      } else if ((v = cli_opt_value(argc, argv, &i, "--memory", NULL))) {
            if (strcmp(v, "app") == 0) {
                o->emit.memory = EMIT_MEMORY_APP;
            } else if (strcmp(v, "separate") == 0) {
                o->emit.memory = EMIT_MEMORY_SEPARATE;
            } else if (strcmp(v, "top") == 0) {
                o->emit.memory = EMIT_MEMORY_TOP;
            } else {
                fprintf(stderr, "whamm instr: --memory is 'top', "
                                "'separate' or 'app', not '%s'\n", v);
                return 2;
            }
        } else {
            fprintf(stderr, "whamm instr: unknown or incomplete option "
                            "'%s'\n", a);
            return 2;
        }
    }
    if (o->wei)
        return wei_args(o);
    if (!o->app || !o->out || o->nscripts == 0) {
        fprintf(stderr, "whamm instr: --app, --script and -o are required\n");
        usage(stderr);
        return 2;
    }
    if ((o->emit.arena_size || o->emit.arena_export) &&
        (o->emit.memory == EMIT_MEMORY_TOP ||
         o->emit.memory == EMIT_MEMORY_SEPARATE)) {
        fprintf(stderr, "whamm instr: --%s is for --memory=app (the arena), "
                "not --memory=%s\n", o->emit.arena_size ? "arena-size"
                : "arena-export", o->emit.memory == EMIT_MEMORY_TOP ? "top"
                : "separate");
        return 2;
    }
    return -1;
}

/* The default memory with --arena-size (or --arena-export) but no arena
 * export in the module: the state goes elsewhere and the option would be
 * ignored without a word. */
static void warn_unused_arena(const InstrArgs *o, const WasmModule *m,
                              DiagSink *sink)
{
    if (o->emit.memory != EMIT_MEMORY_AUTO ||
        (!o->emit.arena_size && !o->emit.arena_export))
        return;
    const char *name = o->emit.arena_export ? o->emit.arena_export
                                            : "__whamm_arena";
    for (uint32_t i = 0; i < m->exports.n; i++) {
        const WasmExport *e = &m->exports.v[i];
        if (e->kind == WASM_EXT_GLOBAL && e->name_len == strlen(name) &&
            memcmp(e->name, name, e->name_len) == 0)
            return;
    }
    diag_emit(sink, DIAG_UNUSED_OPTION, (Span){diag_intern(sink, o->app), 0,
              0, 0}, "--%s is ignored: the module exports no global `%s`, "
              "so whamm's state is not kept in an arena (give --memory=app "
              "to require one)", o->emit.arena_size ? "arena-size"
              : "arena-export", name);
}

/* ---- inputs ---------------------------------------------------------------- */

static Script *load_script(const char *path, DiagSink *sink, Arena *a,
                           const TcProvider *prov, const CliLibs *libs)
{
    Script *s = cli_parse_script_file(path, sink, a);
    if (s && !tc_check_script_libs(s, prov, libs->tc, libs->specs.n, a,
                                   sink))
        return NULL;
    return s;
}

static bool read_app(const char *path, FileView *view, WasmModule *m,
                     bool validate, DiagSink *sink)
{
    if (!cli_open_module(path, view, sink))
        return false;
    WasmError err;
    /* validating, each body is decoded once for both */
    bool read = validate
        ? wasm_module_read_validated(m, view->data, view->len, NULL, &err)
        : wasm_module_read(m, view->data, view->len, NULL, &err);
    file_view_release(view); /* read once; what is read again comes back */
    if (!read) {
        diag_emit_at_offset(sink, DIAG_BAD_MODULE, path, err.offset, "%s",
                            err.msg);
        return false;
    }
    return true;
}

/* --target wei: the module the monitor is built in. */
static bool empty_module(WasmModule *m, DiagSink *sink)
{
    static const uint8_t header[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
    WasmError err;
    if (wasm_module_read(m, header, sizeof header, NULL, &err))
        return true;
    diag_emit(sink, DIAG_INTERNAL, (Span){0}, "an empty module: %s", err.msg);
    return false;
}

/* ---- outputs ----------------------------------------------------------------- */

static void rule_as_written(Buf *b, const Probe *p)
{
    for (uint32_t i = 0; i < p->nparts; i++)
        buf_printf(b, "%s%s", i ? ":" : "", p->part[i][0] ? p->part[i] : "*");
}

static void report_sites(const EmitResult *r, DiagSink *sink, bool quiet)
{
    for (uint32_t i = 0; i < r->nprobes; i++) {
        const Probe *p = r->probes[i].probe;
        Buf rule;
        buf_init(&rule);
        rule_as_written(&rule, p);
        if (!quiet)
            printf("%s:%u:%u: %.*s: %llu site%s\n", p->span.file, p->span.line,
                   p->span.col, (int)rule.len, (const char *)rule.data,
                   (unsigned long long)r->probes[i].sites,
                   r->probes[i].sites == 1 ? "" : "s");
        if (r->probes[i].sites == 0)
            diag_emit(sink, DIAG_NO_SITE, p->span, "`%.*s` matched no site "
                      "in the module", (int)rule.len,
                      (const char *)rule.data);
        buf_fini(&rule);
    }
}

/* Custom sections the writer leaves out (a malformed name section while
 * indices move): the user should know the output lost them. */
static void warn_dropped_sections(const char *app, const WasmModule *m,
                                  DiagSink *sink)
{
    for (uint32_t i = 0; i < m->sections.n; i++) {
        const char *why = wasm_section_dropped(m, i);
        if (why)
            diag_emit(sink, DIAG_DROPPED_SECTION, (Span){diag_intern(sink,
                      app), 0, 0, 0}, "custom section `%.*s` is left "
                      "out of the output: %s",
                      (int)m->sections.v[i].custom_name_len,
                      m->sections.v[i].custom_name, why);
    }
}

/* The module streams to a temp file, renamed over path at the end. */
static bool stream_module(const char *path, const WasmModule *m,
                          DiagSink *sink)
{
    char msg[512];
    FileOut f;
    if (!file_out_open(&f, path, msg, sizeof msg)) {
        diag_emit(sink, DIAG_IO, (Span){0}, "%s", msg);
        return false;
    }
    WasmError err;
    if (!wasm_module_write_file(m, &f, 0, &err)) {
        if (f.errnum)
            diag_emit(sink, DIAG_IO, (Span){0}, "%s", err.msg);
        else
            diag_emit(sink, DIAG_INTERNAL, (Span){0}, "writing the module: "
                      "%s", err.msg);
        file_out_abort(&f);
        return false;
    }
    if (!file_out_commit(&f, msg, sizeof msg)) {
        diag_emit(sink, DIAG_IO, (Span){0}, "%s", msg);
        return false;
    }
    return true;
}

static bool write_output(const InstrArgs *o, const WasmModule *m,
                         const FileView *in, bool changed, DiagSink *sink)
{
    file_view_release(in); /* the writer maps back what it copies */
    if (changed)
        return stream_module(o->out, m, sink);
    char msg[512]; /* nothing matched: the input, from its mapping */
    if (file_write_atomic(o->out, in->data, in->len, msg, sizeof msg))
        return true;
    diag_emit(sink, DIAG_IO, (Span){0}, "%s", msg);
    return false;
}

/* ---- the command ------------------------------------------------------------------ */

static int instrument(InstrArgs *o, ProvRegistry *reg, DiagSink *sink)
{
    Arena a;
    arena_init(&a);
    TcRegistryProvider prov;
    tc_registry_provider_init(&prov, reg);
    prov.engine = o->wei; /* probe_id and the like: an engine gives them */
    EmitScript scripts[64];
    CliLibs libs = {0};
    bool ok = cli_load_libs(o->user_libs, o->nuser_libs, &a, &libs, sink);
    for (int i = 0; ok && i < o->nscripts; i++) {
        scripts[i].path = o->scripts[i];
        scripts[i].script = load_script(o->scripts[i], sink, &a, &prov.base,
                                        &libs);
        ok &= scripts[i].script != NULL;
    }
    o->emit.libs = libs.emit;
    o->emit.nlibs = libs.specs.n;
    FileView view = {0};
    WasmModule m, rt;
    bool have_m = ok && (o->wei ? empty_module(&m, sink)
                                : read_app(o->app, &view, &m,
                                           !o->no_validate, sink));
    bool have_rt = have_m && cli_read_runtime(&rt, sink);
    int rc = 1;
    if (have_m)
        warn_unused_arena(o, &m, sink);
    if (have_rt) {
        o->emit.runtime = &rt;
        o->emit.verbose = o->verbose ? stderr : NULL;
        EmitResult res;
        if (o->wei) {
            o->emit.memory = EMIT_MEMORY_SEPARATE;
            ok = emit_wei_monitor(&m, scripts, (uint32_t)o->nscripts, reg,
                                  &o->emit, sink, &res);
        } else {
            ok = emit_instrument(&m, scripts, (uint32_t)o->nscripts, reg,
                                 &o->emit, sink, &res);
        }
        if (!o->wei && (ok || res.arena_too_small)) /* counts mean little
                                                     * after errors */
            report_sites(&res, sink, false);
        if (ok && res.changed && !o->wei)
            warn_dropped_sections(o->app, &m, sink);
        if (res.arena_too_small) {
            fprintf(stderr, "whamm: arena too small: need %llu bytes\n",
                    (unsigned long long)res.arena_needed);
            rc = 3;
        } else if (ok && o->werror && sink->nwarnings) {
            rc = 1; /* --werror: the warnings are errors, nothing written */
        } else if (ok && write_output(o, &m, &view, res.changed, sink)) {
            rc = 0;
        }
        emit_result_fini(&res);
    }
    if (have_rt)
        wasm_module_fini(&rt);
    if (have_m)
        wasm_module_fini(&m);
    file_view_close(&view);
    cli_release_user_libs(&libs.specs);
    arena_fini(&a);
    return rc;
}

static int run_instrument(void *o, ProvRegistry *reg, DiagSink *sink)
{
    return instrument(o, reg, sink);
}

int cmd_instr(int argc, char **argv)
{
    InstrArgs o;
    memset(&o, 0, sizeof o);
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    return cli_run_with_providers(o.defs_path, o.werror, run_instrument, &o);
}
