/* defs.c -- finding the provider definitions and walking their directory
 * in the documented, deterministic order (docs/providers.md "Where
 * definitions are found", "File order"), and choosing between them and the
 * compiled-in copy.  Unlike the reference, files are loaded one by one,
 * not concatenated. */
#define _POSIX_C_SOURCE 200809L
#include "prov_impl.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WHAMM_SOURCE_DIR
#define WHAMM_SOURCE_DIR ""
#endif

enum { MAX_DIR_DEPTH = 8 };

typedef VEC(char *) NameVec;

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Sets out to a/b (NUL-terminated) and says whether it is a directory. */
static bool try_dir(Buf *out, const char *a, const char *b)
{
    out->len = 0;
    buf_printf(out, "%s%s%s", a, *b ? "/" : "", b);
    buf_push(out, 0);
    out->len--;              /* keep the NUL, allow appending */
    return is_dir((const char *)out->data);
}

/* <prefix>/share/whamm/providers for an executable in <prefix>/bin. */
static bool try_exe(Buf *out)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return try_dir(out, exe, "../share/whamm/providers");
}

/* $WHAMM_HOME's definitions, else those of an installed executable. */
static bool find_installed(Buf *out)
{
    const char *home = getenv("WHAMM_HOME");
    if (home && *home && (try_dir(out, home, "share/whamm/providers") ||
                          try_dir(out, home, "providers")))
        return true;
    return try_exe(out);
}

bool prov_find_defs(const char *defs_path, Buf *out, DiagSink *sink)
{
    if (defs_path) {
        if (try_dir(out, defs_path, "providers") || try_dir(out, defs_path, ""))
            return true;
        diag_emit(sink, DIAG_PROV_NO_DEFS, (Span){0},
                  "--defs-path '%s' is not a directory", defs_path);
        return false;
    }
    if (find_installed(out))
        return true;
    if (*WHAMM_SOURCE_DIR && try_dir(out, WHAMM_SOURCE_DIR, "providers"))
        return true;
    diag_emit(sink, DIAG_PROV_NO_DEFS, (Span){0},
              "no provider definitions found; use --defs-path DIR or set "
              "WHAMM_HOME (looked for $WHAMM_HOME/share/whamm/providers, "
              "<prefix>/share/whamm/providers beside the executable, and "
              "%s/providers)", *WHAMM_SOURCE_DIR ? WHAMM_SOURCE_DIR : "<src>");
    return false;
}

const ProvEnvVar prov_env_vars[] = {
#define WHAMM_ENV(name, reader) {name, reader},
#include "env.def"
#undef WHAMM_ENV
    {NULL, NULL}
};

const ProvEnvVar *prov_env_typo(const char *entry, size_t *name_len)
{
    size_t n = strcspn(entry, "=");
    *name_len = n;
    if (n <= 6 || n > 40 || strncasecmp(entry, "WHAMM_", 6) != 0)
        return NULL;
    char name[41];
    memcpy(name, entry, n);
    name[n] = '\0';
    const ProvEnvVar *best = NULL;
    unsigned bestd = 99;
    for (const ProvEnvVar *v = prov_env_vars; v->name; v++) {
        if (strcmp(v->name, name) == 0)
            return NULL; /* one we read */
        /* after the prefix: one edit in a short name, two in a longer */
        size_t len = strlen(v->name) - 6;
        unsigned d = str_edit_distance(name + 6, v->name + 6, true);
        if (d <= (len <= 4 ? 1u : 2u) && d < bestd) {
            best = v;
            bestd = d;
        }
    }
    return best;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_yaml_ext(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
           (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static void free_names(NameVec *v)
{
    for (uint32_t i = 0; i < v->n; i++)
        free(v->v[i]);
    vec_free(*v);
}

static bool load_file(ProvRegistry *r, const char *path, DiagSink *sink)
{
    Buf text;
    buf_init(&text);
    char err[512];
    bool ok = file_read_all(path, &text, err, sizeof err);
    if (!ok)
        diag_emit(sink, DIAG_IO, (Span){0}, "%s", err);
    else
        ok = prov_load_text(r, path, (const char *)text.data, text.len, sink);
    /* a text file ends with a newline; one that does not was most likely
     * cut short (a truncated wasm.yaml may still be valid YAML) */
    if (ok && text.len && text.data[text.len - 1] != '\n')
        diag_emit(sink, DIAG_YAML_NO_NEWLINE, (Span){diag_intern(sink, path),
                  0, 0, 0}, "this provider file does not end with a "
                  "newline: is it cut short?");
    buf_fini(&text);
    return ok;
}

/* Called for each definitions file in load order; false marks the walk
 * failed (it still goes on, so every file's errors are reported). */
typedef bool (*FileFn)(void *ctx, const char *path);

static bool walk_tree(const char *dir, int depth, FileFn fn, void *ctx,
                      DiagSink *sink);

/* In one directory: its YAML files by name, then its subdirectories. */
static bool walk_entries(const char *dir, NameVec *names, int depth,
                         FileFn fn, void *ctx, DiagSink *sink)
{
    bool ok = true;
    Buf path;
    buf_init(&path);
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < names->n; i++) {
            path.len = 0;
            buf_printf(&path, "%s/%s", dir, names->v[i]);
            buf_push(&path, 0);
            const char *p = (const char *)path.data;
            bool d = is_dir(p);
            if (pass == 0 && !d && has_yaml_ext(names->v[i]))
                ok &= fn(ctx, p);
            else if (pass == 1 && d && depth < MAX_DIR_DEPTH)
                ok &= walk_tree(p, depth + 1, fn, ctx, sink);
        }
    buf_fini(&path);
    return ok;
}

/* sink NULL: an unreadable directory fails the walk without a word. */
static bool walk_tree(const char *dir, int depth, FileFn fn, void *ctx,
                      DiagSink *sink)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (sink)
            diag_emit(sink, DIAG_IO, (Span){0}, "cannot open directory %s: "
                      "%s", dir, strerror(errno));
        return false;
    }
    NameVec names = {0};
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.')
            vec_push(names, xstrdup(e->d_name));
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_names);
    bool ok = walk_entries(dir, &names, depth, fn, ctx, sink);
    free_names(&names);
    return ok;
}

typedef struct {
    ProvRegistry *reg;
    DiagSink *sink;
    uint32_t nfiles;
} LoadWalk;

static bool load_one(void *ctx, const char *path)
{
    LoadWalk *w = ctx;
    w->nfiles++;
    return load_file(w->reg, path, w->sink);
}

bool prov_load_dir(ProvRegistry *r, const char *dir, DiagSink *sink)
{
    LoadWalk w = {r, sink, 0};
    bool ok = walk_tree(dir, 0, load_one, &w, sink);
    if (ok && w.nfiles == 0) {
        diag_emit(sink, DIAG_PROV_NO_DEFS, (Span){0},
                  "no provider definitions (*.yaml, *.yml) in %s", dir);
        return false;
    }
    /* checked once every file is in: a package may be spread over files */
    return ok && prov_check_engine_events(r, sink) &&
           prov_check_opcode_packages(r, sink);
}

/* ---- the compiled-in definitions ------------------------------------- */

uint64_t prov_text_hash(const void *text, size_t len)
{
    const uint8_t *p = text;
    uint64_t h = 0x243f6a8885a308d3u ^ len;
    for (size_t i = 0; i < len; i += 8) {
        uint64_t w = 0;
        memcpy(&w, p + i, len - i < 8 ? len - i : 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15u;
        h ^= h >> 29;
    }
    return h;
}

/* Does a directory hold exactly the files builtin was generated from
 * (same names in the same load order, same sizes and hashes)? */
typedef struct {
    const ProvBuiltin *b;
    size_t dirlen;            /* the path of a file is DIR/<relative> */
    uint32_t next;            /* the next file of b expected */
    bool differs;             /* seen a difference: read no more files */
} SameWalk;

static bool same_one(void *ctx, const char *path)
{
    SameWalk *w = ctx;
    if (w->differs || w->next >= w->b->nfiles)
        return !(w->differs = true);
    const ProvBuiltinFile *f = &w->b->files[w->next++];
    if (strcmp(path + w->dirlen + 1, f->path) != 0)
        return !(w->differs = true);
    Buf text;
    buf_init(&text);
    char err[256];
    bool same = file_read_all(path, &text, err, sizeof err) &&
                text.len == f->size &&
                prov_text_hash(text.data, text.len) == f->hash;
    buf_fini(&text);
    w->differs = !same;
    return same;
}

static bool same_as_builtin(const char *dir, const ProvBuiltin *b)
{
    SameWalk w = {b, strlen(dir), 0, false};
    return walk_tree(dir, 0, same_one, &w, NULL) && w.next == b->nfiles;
}

bool prov_load_defs(ProvRegistry *r, const char *defs_path,
                    const ProvBuiltin *builtin, DiagSink *sink)
{
    Buf dir;
    buf_init(&dir);
    bool ok;
    if (defs_path || !builtin) {
        ok = prov_find_defs(defs_path, &dir, sink) &&
             prov_load_dir(r, (const char *)dir.data, sink);
    } else if (find_installed(&dir) &&
               !same_as_builtin((const char *)dir.data, builtin)) {
        ok = prov_load_dir(r, (const char *)dir.data, sink);
    } else {
        prov_load_builtin(r, builtin);
        ok = true;
    }
    buf_fini(&dir);
    return ok;
}
