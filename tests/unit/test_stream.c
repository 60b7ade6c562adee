/* test_stream.c -- the streaming writer (wasm_module_write_file) gives the
 * bytes the in-memory writer gives, whatever its buffer size: a buffer of
 * one byte makes every section straddle a flush, and section size hints
 * that turn out wrong make the sink move what it already wrote.  A failed
 * write (a file size limit) leaves no file; a device target still works.
 * Committed bodies kept in the spill file (spill.h) read back as they
 * were written, and the output is the same as with them in memory. */
#define _DEFAULT_SOURCE
#include "unit.h"

#include "wasm/wasm.h"
#include "wasm/sink.h"
#include "wasm/spill.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

enum { NFUNCS = 300, CALLS = 2000, BIG_DATA = 1536 * 1024, NSMALL = 200 };

static void section(Buf *out, uint8_t id, const Buf *payload)
{
    buf_push(out, id);
    wenc_u32(out, (uint32_t)payload->len);
    buf_append(out, payload->data, payload->len);
}

/* A module over 1 MB: an import, NFUNCS bodies of CALLS calls each (to
 * defined functions, so adding an import renumbers every body), a
 * 1.5 MB data segment and NSMALL small ones, and function names. */
static void build(Buf *mod)
{
    static const uint8_t head[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
    buf_append(mod, head, sizeof head);
    Buf p;
    buf_init(&p);
    static const uint8_t type[] = {1, 0x60, 0, 0};
    buf_append(&p, type, sizeof type);
    section(mod, 1, &p);
    p.len = 0;
    static const uint8_t imp[] = {1, 3, 'e', 'n', 'v', 1, 'f', 0, 0};
    buf_append(&p, imp, sizeof imp);
    section(mod, 2, &p);
    p.len = 0;
    wenc_u32(&p, NFUNCS);
    for (int i = 0; i < NFUNCS; i++)
        buf_push(&p, 0);
    section(mod, 3, &p);
    p.len = 0;
    static const uint8_t mem[] = {1, 0, 32};
    buf_append(&p, mem, sizeof mem);
    section(mod, 5, &p);
    p.len = 0;
    wenc_u32(&p, NFUNCS);
    Buf body;
    buf_init(&body);
    for (uint32_t i = 0; i < NFUNCS; i++) {
        body.len = 0;
        buf_push(&body, 0); /* no locals */
        for (uint32_t k = 0; k < CALLS; k++) {
            buf_push(&body, 0x10); /* call */
            wenc_u32(&body, 1 + (i + k) % NFUNCS);
        }
        buf_push(&body, 0x0B);
        wenc_u32(&p, (uint32_t)body.len);
        buf_append(&p, body.data, body.len);
    }
    section(mod, 10, &p);
    p.len = 0;
    wenc_u32(&p, 1 + NSMALL);
    static const uint8_t active0[] = {0, 0x41, 0, 0x0B};
    buf_append(&p, active0, sizeof active0);
    wenc_u32(&p, BIG_DATA);
    for (uint32_t i = 0; i < BIG_DATA; i++)
        buf_push(&p, (uint8_t)(i * 7));
    for (uint32_t i = 0; i < NSMALL; i++) {
        buf_push(&p, 1); /* passive */
        wenc_u32(&p, i % 50);
        for (uint32_t k = 0; k < i % 50; k++)
            buf_push(&p, (uint8_t)k);
    }
    section(mod, 11, &p);
    p.len = 0;
    wenc_name(&p, "name", 4);
    Buf sub;
    buf_init(&sub);
    wenc_u32(&sub, NFUNCS);
    for (uint32_t i = 0; i < NFUNCS; i++) {
        char name[16];
        int n = snprintf(name, sizeof name, "fn%u", i);
        wenc_u32(&sub, i + 1);
        wenc_name(&sub, name, (uint32_t)n);
    }
    buf_push(&p, 1);
    wenc_u32(&p, (uint32_t)sub.len);
    buf_append(&p, sub.data, sub.len);
    section(mod, 0, &p);
    buf_fini(&sub);
    buf_fini(&body);
    buf_fini(&p);
}

static char dir[64];

static char *path_in_dir(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static int files_in_dir(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' || strncmp(e->d_name, ".whamm-", 7) == 0;
    if (d)
        closedir(d);
    return n;
}

/* Streams m to a file with the given buffer and checks its bytes. */
static void check_streamed(const WasmModule *m, size_t buffer,
                           const Buf *want)
{
    char *path = path_in_dir("out.wasm");
    FileOut f;
    char msg[512];
    WasmError err;
    CHECK_MSG(file_out_open(&f, path, msg, sizeof msg), "%s", msg);
    bool wrote = wasm_module_write_file(m, &f, buffer, &err);
    CHECK_MSG(wrote, "buffer %zu: %s", buffer, err.msg);
    CHECK(f.len == want->len);
    CHECK_MSG(file_out_commit(&f, msg, sizeof msg), "%s", msg);
    Buf got;
    buf_init(&got);
    CHECK(file_read_all(path, &got, msg, sizeof msg));
    CHECK_MSG(got.len == want->len &&
              memcmp(got.data, want->data, got.len) == 0,
              "buffer %zu: %zu bytes streamed, %zu in memory", buffer,
              got.len, want->len);
    buf_fini(&got);
    unlink(path);
}

static const size_t buffers[] = {1, 13, 4096, 300 * 1024, 0};

static void check_all_buffers(const WasmModule *m, Buf *want)
{
    WasmError err;
    want->len = 0;
    CHECK_MSG(wasm_module_write(m, want, &err), "%s", err.msg);
    for (size_t i = 0; i < ARRAY_LEN(buffers); i++)
        check_streamed(m, buffers[i], want);
}

/* Unchanged, with replaced bodies, then with every function renumbered
 * (an added import: every body is re-encoded, the names re-keyed); out
 * gets the last output. */
static void streamed_equals_buffered(const Buf *mod, Buf *out)
{
    WasmModule m;
    WasmError err;
    CHECK(wasm_module_read(&m, mod->data, mod->len, NULL, &err));
    check_all_buffers(&m, out);
    check_streamed(&m, 0, mod); /* and that is the input itself */
    Arena a;
    arena_init(&a);
    for (uint32_t f = 1; f <= NFUNCS; f += 7) {
        WasmBodyEditor ed;
        CHECK(wrw_open(&ed, &m, f, &a, &err));
        WasmInstr nop = {.op = WASM_OP_Nop};
        wrw_insert_before(&ed, 0, &nop, 1);
        wrw_commit(&ed);
        arena_reset(&a);
        /* the committed body reads back: a nop, then the calls */
        const WasmFunc *fn = &m.funcs.v[f];
        CHECK(fn->new_body && fn->new_body_len == fn->body.len + 1 &&
              fn->new_body[1] == 0x01 &&
              memcmp(fn->new_body + 2, m.bytes + fn->body.off + 1,
                     fn->body.len - 1) == 0);
    }
    arena_fini(&a);
    check_all_buffers(&m, out);
    wasm_add_import_func(&m, "env", "h", 0);
    check_all_buffers(&m, out);
    wasm_module_fini(&m);
}

/* The same with every committed body in the spill file: the same bytes. */
static void spilled_equals_kept(const Buf *mod)
{
    Buf kept, spilled;
    buf_init(&kept);
    buf_init(&spilled);
    streamed_equals_buffered(mod, &kept);
    size_t threshold = wspill_threshold;
    wspill_threshold = 0;
    streamed_equals_buffered(mod, &spilled);
    wspill_threshold = threshold;
    CHECK(kept.len == spilled.len &&
          memcmp(kept.data, spilled.data, kept.len) == 0);
    buf_fini(&kept);
    buf_fini(&spilled);
}

/* A section whose size hint is wrong moves its contents: in the buffer,
 * or in the file once flushed (left when smaller, right when larger). */
static void wrong_hints(void)
{
    static const uint64_t hints[] = {0, 100, 200, 20000, 1u << 30};
    static const size_t sizes[] = {0, 5, 127, 128, 16383, 16384, 70000};
    for (size_t b = 0; b < ARRAY_LEN(buffers); b++) {
        Buf want;
        buf_init(&want);
        WSink mem;
        wsink_init_memory(&mem, &want);
        FileOut f;
        char msg[512];
        char *path = path_in_dir("sink.bin");
        CHECK(file_out_open(&f, path, msg, sizeof msg));
        WSink file;
        wsink_init_file(&file, &f, buffers[b]);
        WSink *sinks[2] = {&mem, &file};
        for (size_t h = 0; h < ARRAY_LEN(hints); h++) {
            for (size_t z = 0; z < ARRAY_LEN(sizes); z++) {
                for (int s = 0; s < 2; s++) {
                    wsink_begin_section(sinks[s], (uint8_t)(h + z), hints[h]);
                    for (size_t i = 0; i < sizes[z]; i++) {
                        uint8_t byte = (uint8_t)(i * 13 + h);
                        wsink_put(sinks[s], &byte, 1);
                        wsink_maybe_flush(sinks[s]);
                    }
                    wsink_end_section(sinks[s]);
                }
            }
        }
        CHECK(wsink_finish(&mem) && wsink_finish(&file));
        CHECK(f.len == want.len);
        CHECK(file_out_commit(&f, msg, sizeof msg));
        Buf got;
        buf_init(&got);
        CHECK(file_read_all(path, &got, msg, sizeof msg));
        CHECK_MSG(got.len == want.len &&
                  memcmp(got.data, want.data, got.len) == 0,
                  "buffer %zu: %zu bytes in the file, %zu in memory",
                  buffers[b], got.len, want.len);
        buf_fini(&got);
        wsink_fini(&file);
        wsink_fini(&mem);
        buf_fini(&want);
        unlink(path);
    }
}

/* A file size limit makes the writes fail (EFBIG): an error, and neither
 * the output nor the temp file is left. */
static void failed_write_leaves_nothing(const Buf *mod)
{
    WasmModule m;
    WasmError err;
    CHECK(wasm_module_read(&m, mod->data, mod->len, NULL, &err));
    wasm_add_import_func(&m, "env", "h", 0);
    struct rlimit old, small = {65536, 0};
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    small.rlim_max = old.rlim_max;
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    FileOut f;
    char msg[512];
    CHECK(file_out_open(&f, path_in_dir("full.wasm"), msg, sizeof msg));
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    bool wrote = wasm_module_write_file(&m, &f, 0, &err);
    CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
    signal(SIGXFSZ, was);
    CHECK(!wrote && f.errnum != 0);
    CHECK_MSG(strstr(err.msg, "cannot write") && strstr(err.msg, "full.wasm"),
              "%s", err.msg);
    CHECK(files_in_dir() == 1); /* the temp file, until aborted */
    file_out_abort(&f);
    CHECK(files_in_dir() == 0);
    /* a commit after a failed write fails too, and removes it */
    CHECK(file_out_open(&f, path_in_dir("full.wasm"), msg, sizeof msg));
    f.errnum = ENOSPC;
    CHECK(!file_out_commit(&f, msg, sizeof msg));
    CHECK_MSG(strstr(msg, "full.wasm") != NULL, "%s", msg);
    CHECK(files_in_dir() == 0);
    wasm_module_fini(&m);
}

/* A device gets the bytes through an unlinked temp file. */
static void device_target(const Buf *mod)
{
    WasmModule m;
    WasmError err;
    CHECK(wasm_module_read(&m, mod->data, mod->len, NULL, &err));
    FileOut f;
    char msg[512];
    CHECK(file_out_open(&f, "/dev/null", msg, sizeof msg));
    CHECK(f.tmp == NULL);
    CHECK(wasm_module_write_file(&m, &f, 0, &err));
    CHECK_MSG(file_out_commit(&f, msg, sizeof msg), "%s", msg);
    if (access("/dev/full", W_OK) == 0) { /* and its errors are errors */
        CHECK(file_out_open(&f, "/dev/full", msg, sizeof msg));
        CHECK(wasm_module_write_file(&m, &f, 0, &err));
        CHECK(!file_out_commit(&f, msg, sizeof msg));
        CHECK_MSG(strstr(msg, "/dev/full") != NULL, "%s", msg);
    }
    wasm_module_fini(&m);
}

void suite_stream(void)
{
    snprintf(dir, sizeof dir, "/tmp/whamm-stream-XXXXXX");
    if (!mkdtemp(dir)) {
        CHECK_MSG(false, "cannot create a temporary directory");
        return;
    }
    Buf mod;
    buf_init(&mod);
    build(&mod);
    CHECK(mod.len > (1u << 20) + (1u << 19));
    spilled_equals_kept(&mod);
    wrong_hints();
    failed_write_leaves_nothing(&mod);
    device_target(&mod);
    buf_fini(&mod);
    CHECK(files_in_dir() == 0);
    rmdir(dir);
}
