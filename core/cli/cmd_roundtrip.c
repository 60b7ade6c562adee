/* cmd_roundtrip.c -- `whamm roundtrip IN -o OUT`: read a module into the
 * model, validate its function bodies, and write it back with no change.
 * The output must equal the input byte for byte; this is the binary core's
 * end-to-end check and the baseline of the rewriting benchmark (bench/). */
#include "cli.h"

#include "wasm/wasm.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *in, *out;
    bool trace, quiet;
} RoundtripOptions;

static void usage(FILE *f)
{
    fprintf(f, "usage: whamm roundtrip IN.wasm -o OUT.wasm [--trace-decode] "
               "[-q]\n"
               "  Reads IN, checks it, and writes it back unchanged to OUT.\n"
               "  --trace-decode  log every section and body as it is read\n"
               "  -q              print nothing on success\n");
}

static int parse_args(int argc, char **argv, RoundtripOptions *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            o->out = argv[++i];
        } else if (strcmp(a, "--trace-decode") == 0) {
            o->trace = true;
        } else if (strcmp(a, "-q") == 0) {
            o->quiet = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "whamm roundtrip: unknown option '%s'\n", a);
            return 2;
        } else if (!o->in) {
            o->in = a;
        } else {
            fprintf(stderr, "whamm roundtrip: more than one input ('%s')\n", a);
            return 2;
        }
    }
    if (!o->in || !o->out) {
        usage(stderr);
        return 2;
    }
    return -1;
}

/* Errors are diagnostics, as in `whamm instr`: a malformed module is
 * `IN:0xOFFSET: error: ... [E0004]`. */
static int run(const RoundtripOptions *o, const FileView *in, DiagSink *sink)
{
    WasmModule m;
    WasmError err;
    if (!wasm_module_read_validated(&m, in->data, in->len,
                                    o->trace ? stderr : NULL, &err)) {
        diag_emit_at_offset(sink, DIAG_BAD_MODULE, o->in, err.offset, "%s",
                            err.msg);
        return 1;
    }
    int rc = 0;
    char msg[512];
    FileOut out;
    if (!file_out_open(&out, o->out, msg, sizeof msg)) {
        diag_emit(sink, DIAG_IO, (Span){0}, "%s", msg);
        rc = 1;
    } else if (!wasm_module_write_file(&m, &out, 0, &err)) {
        diag_emit(sink, out.errnum ? DIAG_IO : DIAG_INTERNAL,
                  (Span){diag_intern(sink, o->out), 0, 0, 0}, "%s", err.msg);
        file_out_abort(&out);
        rc = 1;
    } else {
        uint64_t len = out.len;
        if (!file_out_commit(&out, msg, sizeof msg)) {
            diag_emit(sink, DIAG_IO, (Span){0}, "%s", msg);
            rc = 1;
        } else if (!o->quiet) {
            uint32_t nfuncs = wasm_count(&m, WASM_EXT_FUNC);
            printf("%s: %zu bytes, %u sections, %u functions (%u imported) "
                   "-> %s: %llu bytes\n", o->in, in->len, m.sections.n,
                   nfuncs, m.nimported[WASM_EXT_FUNC], o->out,
                   (unsigned long long)len);
        }
    }
    wasm_module_fini(&m);
    return rc;
}

int cmd_roundtrip(int argc, char **argv)
{
    RoundtripOptions o;
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    DiagSink sink;
    diag_init(&sink);
    FileView in;
    char msg[512];
    if (!file_view_open(o.in, &in, msg, sizeof msg)) {
        diag_emit(&sink, DIAG_IO, (Span){0}, "%s", msg);
        rc = 1;
    } else {
        rc = run(&o, &in, &sink);
        file_view_close(&in);
    }
    fflush(stdout);
    diag_render(&sink, stderr, diag_use_color(stderr));
    diag_fini(&sink);
    return rc;
}
