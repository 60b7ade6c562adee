/* whamm-clang.c -- whamm-clang and whamm-clang++ (one program; C++ when
 * argv[0] ends in "++"): clang for wasm32-wasi with whamm-ld as the
 * linker (docs/integration.md "whamm-clang and whamm-clang++").
 *
 * Adds, unless the user set them:
 *   --target=wasm32-wasi                 always
 *   -fno-exceptions                      whamm-clang++ only, unless the
 *                                        user chose (-f[no-]exceptions,
 *                                        -f[no-]cxx-exceptions,
 *                                        -mexception-handling); wasi-sdk's
 *                                        default too
 *   -fuse-ld=<abs path of whamm-ld>      link commands only (clang warns
 *                                        "argument unused" otherwise)
 *   -B<prefix>/libexec/whamm/            link commands only: its wasm-opt
 *                                        shim keeps clang's post-link
 *                                        `wasm-opt -O2` off instrumented
 *                                        outputs (wasm-opt-shim.c)
 * On commands that do not link, `-Wl,--whamm-*` / `-Xlinker --whamm-*` are
 * dropped so compile steps don't warn.  Everything else -- -c, -E, -M*,
 * -v, --version, -###, -dumpmachine, -print-* -- is clang's own behaviour
 * and output; `-###` on a link also shows whamm-ld's commands (whamm-ld
 * -###).  Quiet unless WHAMM_VERBOSE is set.
 * Real clang: WHAMM_CC / WHAMM_CXX, else clang / clang++ on PATH (never
 * this program), else the clang found when whamm was configured.
 */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <stdio.h>
#include <string.h>

#ifndef WHAMM_DEFAULT_CLANG_DIR
#define WHAMM_DEFAULT_CLANG_DIR "/usr/bin"
#endif

typedef struct {
    Arena *a;
    bool cxx;              /* called as whamm-clang++ */
    const char *self;      /* real path of this executable */
    bool has_target;       /* user gave --target= / -target */
    bool has_fuse_ld;      /* user chose the linker */
    bool has_exceptions;   /* user chose C++ exceptions on or off */
    bool link;             /* this command links */
} Cc;

/* Options whose value is the next argument (so it is not an input). */
static const char *const separate_arg[] = {
    "-o", "-x", "-I", "-D", "-U", "-include", "-imacros", "-isystem",
    "-idirafter", "-iquote", "-iprefix", "-iwithprefix",
    "-iwithprefixbefore", "-isysroot", "-MF", "-MT", "-MQ", "-Xlinker",
    "-Xclang", "-Xpreprocessor", "-Xassembler", "-mllvm", "-L", "-l",
    "-target", "-arch", "-u", "-z", "-B", "-F", "-T", "--sysroot",
    "-resource-dir", "-include-pch", "-ivfsoverlay", "-working-directory",
    "-serialize-diagnostics", "-dependency-file",
};

/* Options after which clang does not link. */
static const char *const no_link[] = {
    "-c", "-S", "-E", "-M", "-MM", "-fsyntax-only", "--version",
    "-dumpmachine", "-dumpversion", "--help", "-help", "-V", "-qversion",
    "-version",
};

/* Options by which the user decides about C++ exceptions. */
static const char *const exception_opts[] = {
    "-fexceptions", "-fno-exceptions", "-fcxx-exceptions",
    "-fno-cxx-exceptions", "-mexception-handling",
};

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* Classifies the (response-file expanded) arguments. */
static void scan(Cc *cc, const StrVec *args)
{
    bool inputs = false, stop = false;
    for (uint32_t i = 0; i < args->n; i++) {
        const char *s = args->v[i];
        if (in_list(s, separate_arg, ARRAY_LEN(separate_arg))) {
            if (!strcmp(s, "-target"))
                cc->has_target = true;
            i++;
        } else if (in_list(s, no_link, ARRAY_LEN(no_link)) ||
                   drv_starts_with(s, "-print-")) {
            stop = true;
        } else if (drv_starts_with(s, "--target=")) {
            cc->has_target = true;
        } else if (in_list(s, exception_opts, ARRAY_LEN(exception_opts))) {
            cc->has_exceptions = true;
        } else if (drv_starts_with(s, "-fuse-ld=") ||
                   drv_starts_with(s, "--ld-path=")) {
            cc->has_fuse_ld = true;
        } else if (s[0] != '-' || s[1] == '\0') {
            inputs = true;
        }
    }
    cc->link = inputs && !stop;
}

/* Drops --whamm-* pieces from -Wl,a,b,c (NULL if nothing is left). */
static const char *strip_wl(Arena *a, const char *arg)
{
    Buf b;
    buf_init(&b);
    buf_append(&b, "-Wl", 3);
    bool kept = false;
    const char *p = arg + 4;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (strncmp(p, "--whamm-", 8) != 0) {
            buf_push(&b, ',');
            buf_append(&b, p, n);
            kept = true;
        }
        p += n + (p[n] == ',');
    }
    const char *out = kept ? arena_strndup(a, (char *)b.data, b.len) : NULL;
    buf_fini(&b);
    return out;
}

static void push_user_args(Cc *cc, int argc, char **argv, StrVec *cmd)
{
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (cc->link) {
            drv_push(cmd, s);
        } else if (drv_starts_with(s, "-Wl,")) {
            if ((s = strip_wl(cc->a, s)))
                drv_push(cmd, s);
        } else if (!strcmp(s, "-Xlinker") && i + 1 < argc &&
                   drv_starts_with(argv[i + 1], "--whamm-")) {
            i++;
        } else {
            drv_push(cmd, s);
        }
    }
}

static const char *find_clang(Cc *cc)
{
    const char *env = drv_env(cc->cxx ? "WHAMM_CXX" : "WHAMM_CC");
    if (env)
        return env;
    const char *name = cc->cxx ? "clang++" : "clang";
    const char *p = drv_find_in_path(cc->a, name, cc->self);
    if (p)
        return p;
    return drv_join(cc->a, WHAMM_DEFAULT_CLANG_DIR, name);
}

static void add_link_flags(Cc *cc, StrVec *cmd)
{
    const char *dir = drv_dirname(cc->a, cc->self);
    if (!cc->has_fuse_ld) {
        const char *ld = drv_join(cc->a, dir, "whamm-ld");
        size_t n = strlen(ld) + 16;
        char *f = arena_alloc(cc->a, n);
        snprintf(f, n, "-fuse-ld=%s", ld);
        drv_push(cmd, f);
    }
    const char *shim = drv_join(cc->a, dir, "../libexec/whamm/wasm-opt");
    if (drv_is_executable(shim)) {
        size_t n = strlen(dir) + 32;
        char *f = arena_alloc(cc->a, n);
        snprintf(f, n, "-B%s/../libexec/whamm/", dir);
        drv_push(cmd, f);
    }
}

/* Splits one ` "a" "b\"c"` line of clang -### output into args; false if
 * the line is not a command. */
static bool parse_cmd_line(Arena *a, const char *line, size_t n,
                           StrVec *out)
{
    Buf arg;
    buf_init(&arg);
    size_t i = 0;
    bool ok = n > 2 && line[0] == ' ' && line[1] == '"';
    while (ok && i < n) {
        if (line[i] == ' ') {
            i++;
            continue;
        }
        if (line[i++] != '"') {
            ok = false;
            break;
        }
        arg.len = 0;
        while (i < n && line[i] != '"') {
            if (line[i] == '\\' && i + 1 < n)
                i++;
            buf_push(&arg, (uint8_t)line[i++]);
        }
        i++;  /* closing quote */
        drv_push(out, arena_strndup(a, (const char *)arg.data, arg.len));
    }
    buf_fini(&arg);
    return ok;
}

/* `-###` on a link: clang printed the whamm-ld command without running
 * it; run that command with -### too, so whamm-ld's own commands (the
 * real wasm-ld, `whamm instr`) are shown as well. */
static int show_ld_commands(Cc *cc, const Buf *clang_err)
{
    const char *ld = drv_join(cc->a, drv_dirname(cc->a, cc->self),
                              "whamm-ld");
    const char *p = (const char *)clang_err->data;
    const char *end = p + clang_err->len;
    int st = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        StrVec cmd = {0};
        if (parse_cmd_line(cc->a, p, n, &cmd) && cmd.n > 0 &&
            drv_same_file(cmd.v[0], ld)) {
            cmd.v[0] = ld;
            StrVec dry = {0};
            drv_push(&dry, ld);
            drv_push(&dry, "-###");
            for (uint32_t i = 1; i < cmd.n; i++)
                drv_push(&dry, cmd.v[i]);
            st = drv_run("whamm-clang", &dry, NULL);
            vec_free(dry);
        }
        vec_free(cmd);
        p += n + 1;
    }
    return st;
}

static bool has_arg(const StrVec *args, const char *s)
{
    for (uint32_t i = 0; i < args->n; i++)
        if (strcmp(args->v[i], s) == 0)
            return true;
    return false;
}

static int run(Cc *cc, int argc, char **argv)
{
    const char *base = drv_basename(argv[0]);
    size_t bl = strlen(base);
    cc->cxx = bl >= 2 && strcmp(base + bl - 2, "++") == 0;
    cc->self = drv_self_exe(cc->a);
    if (!cc->self)
        return 1;
    StrVec args = {0}, cmd = {0};
    bool rsp;
    drv_expand_rsp(cc->a, argc - 1, argv + 1, &args, &rsp);
    scan(cc, &args);
    if (!cc->link) /* a link: whamm-ld, which clang runs, reports them */
        drv_check_env("whamm-clang", false);
    drv_push(&cmd, find_clang(cc));
    if (!cc->has_target)
        drv_push(&cmd, "--target=wasm32-wasi");
    /* clang 14 compiles C++ with exceptions on for wasm32, but libc++abi
     * has no unwinder there: a `throw` would compile, then fail to link
     * (undefined __cxa_throw).  Off, it is a compile error at the throw. */
    if (cc->cxx && !cc->has_exceptions)
        drv_push(&cmd, "-fno-exceptions");
    if (cc->link)
        add_link_flags(cc, &cmd);
    push_user_args(cc, argc, argv, &cmd);
    if (drv_env_flag("WHAMM_VERBOSE"))
        drv_print_cmd(stderr, &cmd);
    bool dry = cc->link && has_arg(&args, "-###");
    Buf err;
    buf_init(&err);
    int st = drv_run("whamm-clang", &cmd, dry ? &err : NULL);
    if (dry && st == 0)
        st = show_ld_commands(cc, &err);
    buf_fini(&err);
    vec_free(args);
    vec_free(cmd);
    return st;
}

int main(int argc, char **argv)
{
    /* a signal reaches clang (and through it whamm-ld) even when only we
     * get it, and we die of it */
    drv_cleanup_on_signals();
    Arena a;
    arena_init(&a);
    Cc cc = {.a = &a};
    int st = run(&cc, argc, argv);
    drv_cleanup();
    arena_fini(&a);
    return st;
}
