/* wasm-opt-shim.c -- installed as <prefix>/libexec/whamm/wasm-opt and put
 * in front of clang's program search with -B by whamm-clang.
 *
 * Clang 14 runs `wasm-opt OUT -O2 -o OUT` after every -O1+ link when
 * binaryen is installed, i.e. *after* whamm-ld has
 * instrumented OUT.  Binaryen must not rewrite an instrumented module: the
 * report's fid/pc refer to the module whamm saw, and the arena protocol
 * (docs/integration.md "The arena") relies on the layout whamm-ld linked.  So:
 *   - input exports the global __whamm_arena (only whamm-ld links that in)
 *     => leave it alone (copy to -o if that is a different file), exit 0;
 *   - otherwise run the real wasm-opt with the same arguments, so plain
 *     links get exactly clang's behaviour.
 * Real wasm-opt: WHAMM_REAL_WASM_OPT, else `wasm-opt` on PATH that is not
 * this program; if there is none, do what clang does then: nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"
#include "wasm/wasm.h"

#include <stdio.h>
#include <string.h>

enum { SEC_EXPORT = 7, EXT_GLOBAL = 3 };

static bool find_export(WasmReader *r, uint32_t size, bool *found)
{
    const uint8_t *end = r->p + size;
    uint32_t count;
    TRY(wdec_count(r, &count, 2, "export count"));
    for (uint32_t i = 0; i < count && r->p < end; i++) {
        uint32_t len, index;
        const uint8_t *name;
        uint8_t kind;
        TRY(wdec_u32(r, &len, "name length"));
        TRY(wdec_bytes(r, len, &name, "name"));
        TRY(wdec_byte(r, &kind, "export kind"));
        TRY(wdec_u32(r, &index, "export index"));
        if (kind == EXT_GLOBAL && len == strlen("__whamm_arena") &&
            memcmp(name, "__whamm_arena", len) == 0)
            *found = true;
    }
    return true;
}

/* True if the module at path exports the global __whamm_arena. */
static bool is_instrumented(const char *path)
{
    FileView v;
    char err[256];
    if (!file_view_open(path, &v, err, sizeof err))
        return false;
    WasmError e = {0};
    WasmReader r;
    wasm_reader_init(&r, v.data, v.len, &e);
    const uint8_t *magic;
    bool found = false;
    bool ok = wdec_bytes(&r, 8, &magic, "header");
    while (ok && !found && r.p < r.end) {
        uint8_t id;
        uint32_t size;
        const uint8_t *body;
        ok = wdec_byte(&r, &id, "section id") &&
             wdec_u32(&r, &size, "section size");
        if (ok && id == SEC_EXPORT) {
            WasmReader sub = r;
            ok = find_export(&sub, size, &found);
        }
        ok = ok && wdec_bytes(&r, size, &body, "section");
    }
    file_view_close(&v);
    return found;
}

static bool copy_file(const char *from, const char *to)
{
    FileView v;
    char err[256];
    if (!file_view_open(from, &v, err, sizeof err)) {
        fprintf(stderr, "wasm-opt (whamm): %s\n", err);
        return false;
    }
    bool ok = file_write_atomic(to, v.data, v.len, err, sizeof err);
    if (!ok)
        fprintf(stderr, "wasm-opt (whamm): %s\n", err);
    file_view_close(&v);
    return ok;
}

/* Leaves an instrumented module as it is (copies it when -o differs). */
static int skip(const char *in, const char *out)
{
    if (drv_env_flag("WHAMM_VERBOSE"))
        fprintf(stderr, "wasm-opt (whamm): not optimising instrumented "
                        "'%s'\n", in);
    if (out && !drv_same_file(in, out))
        return copy_file(in, out) ? 0 : 1;
    return 0;
}

int main(int argc, char **argv)
{
    Arena a;
    arena_init(&a);
    const char *in = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (argv[i][0] != '-' && !in)
            in = argv[i];
    }
    const char *self = drv_self_exe(&a);
    const char *real = drv_env("WHAMM_REAL_WASM_OPT");
    if (!real && self)
        real = drv_find_in_path(&a, "wasm-opt", self);
    int st;
    if (in && is_instrumented(in)) {
        st = skip(in, out);
    } else if (!real) {
        st = in ? skip(in, out) : 0;
    } else {
        StrVec cmd = {0};
        drv_push(&cmd, real);
        for (int i = 1; i < argc; i++)
            drv_push(&cmd, argv[i]);
        st = drv_run("wasm-opt (whamm)", &cmd, NULL);
        vec_free(cmd);
    }
    arena_fini(&a);
    return st;
}
