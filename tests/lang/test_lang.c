/* test_lang.c -- table-driven unit tests of the language front end
 * (core/lang/lang.h): `whamm_lang_test SUITE [DIR]`
 * with SUITE one of lex, parse, check, fold, expand, roundtrip (DIR: every *.mm in
 * it that parses must print, re-parse and print identically, also after
 * type checking).  The checker uses the built-in provider subset. */
#define _POSIX_C_SOURCE 200809L
#include "lang/lang.h"
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>


/* ---- lex ------------------------------------------------------------------ */

/* Token kinds of src, as their names joined by spaces. */
static void kinds(const char *src, char *out, size_t n)
{
    Lexer l;
    lex_init(&l, src, strlen(src));
    out[0] = '\0';
    for (;;) {
        Token t = lex_next(&l);
        if (t.kind == TOK_EOF)
            break;
        const char *name = t.kind == TOK_ID ? "ID" : t.kind == TOK_INT ? "INT"
                           : t.kind == TOK_FLOAT ? "FLOAT"
                           : t.kind == TOK_STRING ? "STR"
                           : t.kind == TOK_ERROR ? "ERR"
                                                 : lex_tok_name(t.kind);
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s%s", len ? " " : "", name);
        if (t.kind == TOK_ERROR)
            break;
    }
}

static void suite_lex(void)
{
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"a -1", "ID - INT"},
        {"a-1", "ID - INT"},
        {"t.0.1", "ID . INT . INT"},
        {"1.e5 2.5E-3 9. 1e5 0.25 1_000.5", "FLOAT FLOAT FLOAT FLOAT FLOAT FLOAT"},
        {"0x1F 0XfF 0b101 1_000 0 7", "INT INT INT INT INT INT"},
        {"007", "ERR"},
        {"0x", "ERR"},
        {"12ab", "ERR"},
        {"map<i32, i32>", "map< ID , ID >"},
        {"map <", "map <"},
        {"/* a /* b */ c */ x // y\n z", "ID ID"},
        {"/* open /* nested */", "ERR"},
        {"\"a\\\"b\" \"x\"", "STR STR"},
        {"\"abc", "ERR"},
        {"++ -- -> << >> && || == != >= <= > < ! ~ @ ? % ^ & |",
         "++ -- -> << >> && || == != >= <= > < ! ~ @ ? % ^ & |"},
        {"if elif else return var report unshared fn use as true false",
         "if elif else return var report unshared fn use as true false"},
        {"iffy mapping return123 _x", "ID ID ID ID"},
        {"a $ b", "ID ERR"},
        {"x.len()", "ID . ID ( )"},
    };
    char got[256];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        kinds(cases[i].src, got, sizeof got);
        CHECK_MSG(strcmp(got, cases[i].want) == 0, "lex `%s`: got `%s`, want `%s`",
              cases[i].src, got, cases[i].want);
    }
}

/* ---- parse ---------------------------------------------------------------- */

/* Parses src; returns the printed script (in a) or NULL, with the first
 * diagnostic's message in err. */
static const char *parse_print(Arena *a, const char *src, bool check,
                               char *err, size_t errlen, Script **out)
{
    DiagSink sink;
    diag_init(&sink);
    const char *file = diag_add_source(&sink, "t.mm", src, strlen(src));
    Script *s = parse_script(a, &sink, file, src, strlen(src));
    if (s && check)
        tc_check_script(s, tc_builtin_provider(), a, &sink);
    err[0] = '\0';
    for (uint32_t i = 0; i < sink.diags.n; i++)
        if (sink.diags.v[i].severity == DIAG_ERROR) {
            snprintf(err, errlen, "%s", sink.diags.v[i].msg);
            break;
        }
    diag_fini(&sink);
    if (out)
        *out = s;
    if (!s)
        return NULL;
    Buf b;
    buf_init(&b);
    parse_print_script(&b, s, false);
    const char *text = arena_strndup(a, (const char *)b.data, b.len);
    buf_fini(&b);
    return text;
}

static void suite_parse(void)
{
    /* want: the printed predicate / body line, or "!" + error substring */
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"wasm:opcode:nop:before / a || b && c / {}", "/ (a || b) && c /"},
        {"wasm:opcode:nop:before / a & 1 == 0 / {}", "/ a & (1 == 0) /"},
        {"wasm:opcode:nop:before / a + b * c - d / {}",
         "/ (a + (b * c)) - d /"},
        {"wasm:opcode:nop:before / a << 1 + 2 / {}", "/ a << (1 + 2) /"},
        {"wasm:opcode:nop:before / !x as bool / {}", "/ !x as bool /"},
        {"wasm:opcode:nop:before / a / b / {}", "/ a / b /"},
        {"wasm:opcode:nop:before / (a / b) == c / {}", "/ (a / b) == c /"},
        {"wasm:opcode:nop:before { x = a ? 1 : 2; }", "x = a ? 1 : 2;"},
        {"wasm:opcode:nop:before { x = a -1; }", "x = a - 1;"},
        {"wasm:opcode:nop:before { x = -1; }", "x = -1;"},
        {"wasm:opcode:nop:before { x = 0xFFFFFFFF; }", "x = 4294967295;"},
        {"wasm:opcode:nop:before { x = 0b1010; }", "x = 10;"},
        {"wasm:opcode:nop:before { x = 1_000_000; }", "x = 1000000;"},
        {"wasm:opcode:nop:before { x = -6E41; }", "x = -5.9999999999999997e+41;"},
        {"wasm:opcode:nop:before { x = -inf; }", "x = -inf;"},
        {"wasm:opcode:nop:before { x = -NaN; }", "x = -NaN;"},
        {"wasm:opcode:nop:before { x = \"\\x41\\u{1F600}\\t\\0\"; }",
         "x = \"A\xF0\x9F\x98\x80\\t\\0\";"},
        {"wasm:opcode:nop:before { d.1.0 = 5; }", "d.1.0 = 5;"},
        {"wasm:opcode:nop:before { m[k]++; }", "m[k]++;"},
        {"wasm:opcode:nop:before { @static lib.f(1, (2, 3)); }",
         "@static lib.f(1, (2, 3));"},
        {"wasm:opcode:call(arg0: i32, arg1: i32):before {}",
         "wasm:opcode:call(arg0: i32, arg1: i32):before {"},
        {"wasm(local0: i32):func:entry {}", "wasm(local0: i32):func:entry {"},
        {":::alt {}", ":::alt {"},
        {"wasm:begin {}", "wasm:begin {"},
        {"wasm:opcode:nop:before { var x: map<i32, (u8, str)>; }",
         "var x: map<i32,(u8,str)>;"},
        {"wasm:opcode:nop:before { report unshared var x: i32 = 1; }",
         "report unshared var x: i32 = 1;"},
        {"wasm:opcode:nop:before { if (a) {} elif (b) {} else {} }",
         "} elif (b) {"},
        /* rejected, as the reference rejects them */
        {"var count: map<i32,i32>;", "!at least one probe"},
        {"wasm:opcode:nop:before {} use x;", "!`use` must come before"},
        {"wasm:opcode:nop:before { if (a) {}; }", "!expected a statement"},
        {"wasm:opcode:nop:before { if (i++ == 0) {} }", "!expected `)`"},
        {"wasm:opcode:nop:before { x = y as i32 as u8; }", "!only one cast"},
        {"wasm:opcode:nop:before { x = !!a; }", "!only one prefix"},
        {"wasm:opcode:nop:before { x = -y; }", "!no unary minus"},
        {"wasm:opcode:nop:before { x = --1; }", "!found `--`"},
        {"wasm:opcode:nop:before { x = -0; }", "!`-0`"},
        {"wasm:opcode:nop:before { x = 007; }", "!leading zero"},
        {"wasm:opcode:nop:before { x = -infinity; }", "!expected a number"},
        {"wasm:opcode:nop:before { var arg0: i32; }", "!`arg` and a digit"},
        {"wasm:opcode:nop:before { var arg7x: i32; }", "!`arg` and a digit"},
        {"wasm:opcode:nop:before { var x: map <i32, i32>; }", "!without a space"},
        {"wasm:opcode:nop:before { report report var x: i32; }",
         "!`report` is written twice"},
        {"wasm:opcode:nop:before { @foo lib.f(); }", "!not a valid annotation"},
        {"wasm:opcode:nop:before { x = \"\\q\"; }", "!unknown escape"},
        {"wasm:opcode:nop:before { x = \"\\x4\"; }", "!exactly 2 hex"},
        {"wasm:opcode:nop:before { x = 1 }", "!expected `;`"},
        {"a:b:c:d:e {}", "!at most 4 parts"},
        {"wasm: {}", "!two-part rule"},
        {"wasm:opcode:nop:before { x = 340282366920938463463374607431768211456; }",
         "!128 bits"},
    };
    /* operator chains are as deep as they are long: bounded, no crash */
    for (int n = 400; n <= 600; n += 200) {
        Buf b;
        buf_init(&b);
        buf_printf(&b, "wasm:func:entry { var x: i32 = 1");
        for (int i = 0; i < n; i++)
            buf_printf(&b, " + 1");
        buf_printf(&b, "; }");
        buf_push(&b, 0);
        Arena a;
        arena_init(&a);
        char err[512];
        const char *got = parse_print(&a, (const char *)b.data, true, err,
                                      sizeof err, NULL);
        CHECK_MSG(n == 400 ? got && !err[0] : !got && strstr(err, "too deep"),
              "chain of %d: %s", n, err);
        arena_fini(&a);
        buf_fini(&b);
    }
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        Arena a;
        arena_init(&a);
        char err[512];
        const char *got = parse_print(&a, cases[i].src, false, err, sizeof err,
                                      NULL);
        const char *w = cases[i].want;
        if (w[0] == '!')
            CHECK_MSG(!got && strstr(err, w + 1), "`%s` should fail with `%s`, "
                  "got `%s`", cases[i].src, w + 1, got ? got : err);
        else
            CHECK_MSG(got && strstr(got, w), "`%s`: want `%s` in:\n%s%s",
                  cases[i].src, w, got ? got : "", err);
        arena_fini(&a);
    }
}

/* ---- round trip -------------------------------------------------------------- */

static void roundtrip_text(const char *path, const char *src)
{
    Arena a;
    arena_init(&a);
    char err[512];
    Script *s;
    const char *p1 = parse_print(&a, src, false, err, sizeof err, &s);
    if (p1) {
        const char *p2 = parse_print(&a, p1, false, err, sizeof err, NULL);
        CHECK_MSG(p2 && strcmp(p1, p2) == 0, "%s: print/parse/print differs:\n"
              "%s\n----\n%s%s", path, p1, p2 ? p2 : "", err);
        /* the typed dump must parse back too */
        Script *c;
        parse_print(&a, src, true, err, sizeof err, &c);
        Buf b;
        buf_init(&b);
        parse_print_script(&b, c, true);
        buf_push(&b, 0);
        const char *p3 = parse_print(&a, (const char *)b.data, false, err,
                                     sizeof err, NULL);
        CHECK_MSG(p3 && strcmp(p1, p3) == 0, "%s: typed dump does not re-parse "
              "to the same script: %s", path, err);
        buf_fini(&b);
    }
    arena_fini(&a);
}

static int suite_roundtrip(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        return 1;
    }
    int files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".mm") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        Buf text;
        buf_init(&text);
        char err[256];
        if (file_read_all(path, &text, err, sizeof err)) {
            buf_push(&text, 0);
            roundtrip_text(path, (const char *)text.data);
            files++;
        }
        buf_fini(&text);
    }
    closedir(d);
    CHECK_MSG(files > 0, "no scripts in %s", dir);
    return 0;
}

/* ---- check ------------------------------------------------------------------ */

/* Number of errors for src and the first error's message. */
static unsigned check_errors(const char *src, char *first, size_t n)
{
    Arena a;
    arena_init(&a);
    DiagSink sink;
    diag_init(&sink);
    const char *file = diag_add_source(&sink, "t.mm", src, strlen(src));
    Script *s = parse_script(&a, &sink, file, src, strlen(src));
    if (s)
        tc_check_script(s, tc_builtin_provider(), &a, &sink);
    first[0] = '\0';
    for (uint32_t i = 0; i < sink.diags.n; i++)
        if (sink.diags.v[i].severity == DIAG_ERROR) {
            snprintf(first, n, "%s", sink.diags.v[i].msg);
            break;
        }
    unsigned errors = sink.nerrors;
    diag_fini(&sink);
    arena_fini(&a);
    return errors;
}

static void suite_check(void)
{
    static const struct {
        const char *src;
        unsigned errors;
        const char *first;
    } cases[] = {
#define P "wasm:opcode:br_if:before "
        {P "{ var x: u8 = 300; var y: i8 = 200; }", 0, ""},
        {P "{ var x: i32 = \"s\"; }", 1,
         "cannot assign a value of type str to a variable of type i32"},
        {P "{ var x: u32; var y: i32 = x + 1; }", 1, "of type u32 to a variable of type i32"},
        {P "{ var x: u32; var y: u32 = 1 + x; }", 0, ""},
        {P "{ var x: u32; var b: bool = 1 + x == 2; }", 1,
         "whamm does not convert between them implicitly"},
        {P "{ var x: u32; var y: u32 = x + 1; }", 0, ""},
        {P "{ var b: bool = \"a\" < \"b\"; }", 1, "compares numbers"},
        {P "{ var f: f32; var g: f32 = f << 1; }", 1,
         "`<<` cannot be applied to a value of type f32"},
        {P "{ var f: f64; var g: f64 = ~f; }", 1, "`~` needs an integer operand"},
        {P "{ var b: bool = !1; }", 1, "`!` needs a bool operand"},
        {P "{ var b: bool = true && 1; }", 1, "have different types"},
        {P "{ unshared var m: map<i32, i32>; m[\"k\"] = 1; }", 1,
         "a key of type str cannot index"},
        {P "{ var t: (i32, i32); var x: i32 = t.2; }", 1,
         "has no element 2"},
        {P "{ var t: i32; var x: i32 = t.0; }", 1,
         "reads an element of a tuple, but this has type i32"},
        {P "{ if (1) {} }", 1, "the condition of `if` must be a bool, found i32"},
        {P "{ var x: i32 = true ? 1 : \"s\"; }", 1, "same type"},
        {P "/ 1 / {}", 1, "a predicate must be a bool"},
        {"fn f(a: i32) -> i32 { return true; } " P "{}", 1,
         "declared to return i32, but this returns bool"},
        {"fn f(a: i32) -> i32 { return a; } " P "{ var x: i32 = f(true); }",
         1, "argument 1 of `f` has type bool, but the parameter has type i32"},
        {"fn f() {} f(); " P "{}", 1, "cannot be called at the top level"},
        {"fn f() -> i32 { return; } " P "{}", 1,
         "declared to return i32, but this returns ()"},
        {"fn f() { return; } " P "{}", 0, ""},
        {"if (true) {} " P "{}", 1, "not allowed at the top level"},
        {"fn f() { report var x: i32; } " P "{}", 1, "cannot be declared in a function"},
        {P "{ var x: i32; unshared var y: i32 = x; }", 1, "has a value only when the probe runs"},
        {P "{ unshared var y: u32 = arg0; }", 1, "has a value only when the probe runs"},
        {P "{ unshared var y: u32 = fid + pc; }", 0, ""},
        {P "{ unshared var s: str = read_str(0, 0, 1); }", 1,
         "cannot call `read_str`"},
        {"use l; " P "{ var x: i32 = @init l.f(); }", 1, "@init must"},
        {"use l; " P "{ @init l.f(); }", 0, ""},
        {"use l; " P "{ var x: i32 = @static l.f(fid as i32, 2); }", 0, ""},
        {"use l; " P "{ var x: i32 = @static l.f(arg0 as i32); }", 1,
         "is known only at run time"},
        {P "{ var x: map<map<i32,i32>, i32>; }", 1, "a map key cannot be a map"},
        {P "{ var x: (i32, map<i32,i32>); }", 1, "a tuple cannot contain a map"},
        {"wasm:opcode:br(imm0: u32):before {}", 1,
         "a type bound names a variable known only at run time"},
        {P "{ var x: i32; var x: i32; }", 1, "`x` is already declared"},
        {"var x: i32; " P "{ var x: i32; }", 1, "is already declared"},
        {"fn f(x: i32) { var x: i32; } " P "{}", 1, "already declared"},
        {P "{ var fid: i32; }", 1, "already defined by whamm"},
        {"var strcmp: i32; " P "{}", 1, "already defined by whamm"},
        /* globals live outside the provider scopes: `pc` here is the
         * bound u32, not the global str */
        {"var pc: str; " P "{ var x: u32 = pc; }", 0, ""},
        {P "{ var x: u32 = arg1; }", 1, "unknown bound variable `arg1`"},
        {"wasm:opcode:call:before { var x: i32 = arg0; }", 1,
         "type of `arg0` is not known"},
        {"wasm:opcode:call(arg0: i32):before { var x: i32 = arg0; }", 0, ""},
        {"wasm:opcode:call(arg0: i32):before { var x: i32 = arg1; }", 1,
         "type of `arg1` is not known"},
        {"wasm:opcode:call(arg1: f32):before { var x: f32 = arg1; }", 0, ""},
        {"wasm(local0: i32):func:entry { var x: i32 = local0; }", 0, ""},
        {"wasm:opcode:*(arg0: i32):before { var x: i32 = arg0; }", 0, ""},
        {"wasm:opcode:call:before { var s: str = target_fn_name; "
         "var b: bool = s.starts_with(\"f\") && fname.len() > 0; }", 0, ""},
        {P "{ var x: u32 = opname.size(); }", 1, "no method `size`"},
        {P "{ var x: u32 = foo.bar(); }", 1, "`foo` in `foo.bar(...)` is neither"},
        {"use whamm_core; " P "{ whamm_core.puti32(1); whamm_core.nope(); }",
         1, "has no function `nope`"},
        {P "{ var b: bool = strcmp((1, 2), \"x\"); var m: u32 = mem_size(0); }",
         0, ""},
        {"use l; " P "{ var m: u32 = memid(l); }", 0, ""},
        {P "{ var x: i32 = 1.5; }", 0, ""},
        {P "{ var x: i32 = 3e10; }", 1, "out of the range of i32"},
        {P "{ var x: (i32, u8) = (1, 2, 3); }", 1, "this tuple has 3 elements"},
        {P "{ var x: i32 = 7 % 0; }", 1, "division by zero"},
        {P "{ var y: i32 = zz; }", 1, "`zz` is not declared"},
        {P "{ return 1; var x: i32 = 2; }", 0, ""},
        {"wasm:opcode:br_table:before { var t: u32 = imm3 + target + "
         "num_targets; unshared var m: map<u32,u32> = targets; }", 0, ""},
        {"wasm:opcode:i32.load:before { var a: u32 = effective_addr; "
         "var o: u64 = offset; }", 0, ""},
        {P "{ var a: i32 = 1; var b: i32 = 2; var c: i32 = 3; a = \"x\"; "
         "b = true; c = 1.5; }", 2, "cannot assign"},
        {"wasm:opcode:call:before { alt_call_by_id(3); drop_args(); }", 0, ""},
        {"wasm:opcode:call:before { alt_call_by_id(\"x\"); }", 1,
         "argument 1"},
        {"wasm:opcode:call:before { alt_call_by_id(); }", 1, "takes 1"},
        {"wasm:opcode:call {}", 1, "needs a rule with 4 parts"},
        {"wasm:func {}", 1, "needs a rule with"},
        {"wasm:func:entry:before {}", 1, "needs a rule with 3 parts"},
        {"wasm:opcode:[br:before {}", 1, "is not closed"},
        {"core::br:before {}", 1, "no provider matches `core`"},
        /* a static bound variable with a literal value (a literal
         * derived_from) converts as that literal would */
        {P "{ var v: i16 = bytecode; var c: u8 = category_id; }", 0, ""},
        {P "{ var f: f32 = bytecode; var g: f64 = category_id; }", 0, ""},
        {P "{ var v: u8 = bytecode + 1; var w: i64 = 2 * bytecode; }", 0,
         ""},
        {P "{ var t: (u8, i64) = (bytecode, category_id); }", 0, ""},
        {P "{ var v: i16 = fid; }", 1, "of type u32 to a variable of type i16"},
        {P "{ var v: i16 = fid as i16; var w: u32 = fid + bytecode; }", 0,
         ""},
        {P "{ var n: i32 = opname; }", 1,
         "cannot assign a value of type str to a variable of type i32"},
        {P "{ var s: str = category_name; unshared var b: u16 = bytecode; }",
         0, ""},
        {"wasm:opcode:i32.store:before { var w: bool = is_write; "
         "var x: i32 = is_write; }", 1, "of type bool to a variable of type i32"},
        {"wasm:opcode:*:before { var v: u8 = bytecode; }", 0, ""},
        {"wasm:opcode:br_table:before { var v: i16 = target; }", 1,
         "of type u32 to a variable of type i16"},
        /* a method on a probe local in an unshared/report initialiser is
         * accepted (REF); reading the local is not */
        {P "{ var s: str; report var l: u32 = s.len(); }", 0, ""},
        {P "{ var s: str; unshared var l: u32 = s.len() + pc; }", 0, ""},
        {P "{ var y: u32; report var x: u32 = y; }", 1, "has a value only when the probe runs"},
        /* an earlier unshared/report variable is set by then; itself not */
        {P "{ report var a: u32 = 1; report var b: u32 = a + 1; }", 0, ""},
        {P "{ report var a: u32 = a; }", 1, "cannot read `a`"},
        {P "{ var s: str; var y: str; report var b: bool = s.contains(y); }",
         1, "has a value only when the probe runs"},
        /* whamm_core's allocator */
        {"use whamm_core; " P "{ var p: i32 = whamm_core.mem_alloc(16); "
         "whamm_core.mem_free(p); }", 0, ""},
        {"use whamm_core; " P "{ whamm_core.mem_free(); }", 1, "takes 1"},
        {"use whamm_core; " P "{ var p: u32 = whamm_core.mem_alloc(8); }", 1,
         "of type i32 to a variable of type u32"},
        /* where maps live, and what maps and tuples hold */
        {P "{ var m: map<i32, i32>; }", 1,
         "a map declared in a probe must be `unshared` or `report`"},
        {P "{ unshared var m: map<i32, i32>; report var r: map<u32, u32>; }",
         0, ""},
        {"fn f() { var m: map<i32, i32>; } " P "{}", 1,
         "a map cannot be declared in a function"},
        {"fn f() { report var m: map<i32, i32>; } " P "{}", 1,
         "cannot be declared in a function"},
        {"var m: map<i32, map<i32, i32>>; " P "{}", 1,
         "maps of maps are not supported"},
        {P "{ unshared var m: map<i32, map<i32, i32>>; }", 1,
         "maps of maps are not supported"},
        {"var m: map<i32, funcref>; " P "{}", 1,
         "map keys and values cannot contain `funcref`"},
        {"var m: map<(i32, funcref), i32>; " P "{}", 1, "`funcref`"},
        {"var t: (i32, funcref); " P "{}", 1, "a tuple cannot contain a funcref"},
        {P "{ var t: (i32, (u8, funcref)); }", 1,
         "a tuple cannot contain a funcref"},
        {"fn f(t: (funcref, i32)) {} " P "{}", 1,
         "a tuple cannot contain a funcref"},
        {"var g: map<i32, i32>; fn f() -> map<i32, i32> { return g; } " P
         "{}", 1, "a function cannot return a map (`f` returns map<i32,i32>)"},
        {"fn f() -> (i32, map<i32, i32>) {} " P "{}", 1,
         "a tuple cannot contain a map"},
        {"var m: map<(i32, bool), (str, u32)>; var f: funcref; " P "{}", 0,
         ""},
#undef P
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char first[600];
        unsigned n = check_errors(cases[i].src, first, sizeof first);
        CHECK_MSG(n == cases[i].errors && strstr(first, cases[i].first),
              "`%s`: %u errors (want %u), first `%s` (want `%s`)",
              cases[i].src, n, cases[i].errors, first, cases[i].first);
    }
}

/* ---- fold ------------------------------------------------------------------- */

typedef struct {
    const char *name;
    FoldValue v;
} Static;

typedef struct {
    const Static *v;
    size_t n;
} Site;

static bool site_lookup(void *ctx, const char *name, FoldValue *out)
{
    const Site *s = ctx;
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].name, name) == 0) {
            *out = s->v[i].v;
            return true;
        }
    return false;
}

/* Parses + checks src (one probe), folds predicate and body at `site`. */
static void fold_case(const char *src, const Site *site, FoldPred want_pred,
                      const char *want)
{
    Arena a;
    arena_init(&a);
    char err[512];
    Script *s;
    parse_print(&a, src, true, err, sizeof err, &s);
    CHECK_MSG(s && !err[0], "`%s` does not check: %s", src, err);
    if (s && !err[0]) {
        Probe *p = s->items[s->nitems - 1].probe;
        FoldConsts consts = fold_find_consts(s, &a);
        Folder f = {&a, (void *)site, site_lookup, &consts, NULL, NULL};
        Expr *res;
        FoldPred fp = fold_predicate(&f, p->pred, &res);
        Block body = fold_block(&f, p->body);
        Buf b;
        buf_init(&b);
        if (res)
            parse_print_expr(&b, res, false);
        buf_printf(&b, " | ");
        parse_print_block(&b, &body, 0, false);
        buf_push(&b, 0);
        CHECK_MSG(fp == want_pred && strstr((char *)b.data, want),
              "`%s`: fold %d (want %d): `%s` (want `%s`)", src, fp,
              want_pred, (char *)b.data, want);
        buf_fini(&b);
    }
    arena_fini(&a);
}

/* Float `%` is REF's copysign(a - floor(a / b) * b, a), not fmod; every
 * expected value below is worked by hand from that formula. */
static void fold_float_rem(void)
{
    static const struct {
        const char *decl, *want;
    } cases[] = {
        /* 7.5 / 2 = 3.75, floor 3, 7.5 - 6 = 1.5 */
        {"f64 = 7.5 % 2.0", "= 1.5;"},
        /* floor(-3.75) = -4, -7.5 + 8 = 0.5, the sign of -7.5: -0.5 */
        {"f64 = -7.5 % 2.0", "= -0.5;"},
        /* floor(-3.75) = -4, 7.5 - 8 = -0.5, the sign of 7.5: 0.5 */
        {"f64 = 7.5 % -2.0", "= 0.5;"},
        /* floor(3.75) = 3, -7.5 + 6 = -1.5 */
        {"f64 = -7.5 % -2.0", "= -1.5;"},
        /* floor(-0.33) = -1, -1 + 3 = 2, the sign of -1: -2 (fmod: -1) */
        {"f64 = -1.0 % 3.0", "= -2.0;"},
        /* floor(-0.33) = -1, 1 - 3 = -2, the sign of 1: 2 (fmod: 1) */
        {"f64 = 1.0 % -3.0", "= 2.0;"},
        /* exact multiples: +0, with the dividend's sign */
        {"f64 = 6.0 % 3.0", "= 0.0;"},
        {"f64 = -6.0 % 3.0", "= -0.0;"},
        /* the int literal takes the float type first */
        {"f64 = 7.5 % 2", "= 1.5;"},
        /* f32: 5.5 / 2 = 2.75, floor 2, 5.5 - 4 = 1.5 */
        {"f32 = 5.5 % 2.0", "= 1.5;"},
        /* f32: floor(-2.75) = -3, -5.5 + 6 = 0.5, the sign of -5.5 */
        {"f32 = -5.5 % 2.0", "= -0.5;"},
        /* 0.75 / 0.5 = 1.5, floor 1, 0.75 - 0.5 = 0.25 */
        {"f32 = 0.75 % 0.5", "= 0.25;"},
        /* NaN: a zero or infinite divisor (0 * inf; fmod would give 2.0),
         * an infinite dividend (inf - inf), a NaN operand: run time */
        {"f64 = 7.5 % 0.0", "= 7.5 % 0.0;"},
        {"f64 = 2.0 % 1e999", "= 2.0 % 1e999;"},
        {"f64 = 1e999 % 2.0", "= 1e999 % 2.0;"},
        {"f32 = -NaN % 2.0", "= -NaN % 2.0;"},
        /* the quotient overflows: an infinite "remainder" is not folded;
         * in f32 3e38 / 0.5 overflows where f64 would not */
        {"f64 = 1e300 % 1e-300", "= 1.0000000000000001e+300 % "},
        {"f32 = 3e38 % 0.5", " % 0.5;"},
    };
    Site none = {NULL, 0};
    char src[160];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        snprintf(src, sizeof src, "wasm:opcode:br_if:before { var r: %s; }",
                 cases[i].decl);
        fold_case(src, &none, FOLD_TRUE, cases[i].want);
    }
}

static void suite_fold(void)
{
    const Type *u32 = ty_prim(TY_U32), *i32 = ty_prim(TY_I32);
    const Static pc0[] = {{"pc", {u32, 0, 0, NULL, 0}},
                          {"fid", {u32, 1, 0, NULL, 0}},
                          {"imm0", {u32, 0, 0, NULL, 0}},
                          {"opname", {ty_prim(TY_STR), 0, 0, "br_if", 5}}};
    const Static pc25[] = {{"pc", {u32, 25, 0, NULL, 0}}};
    const Static imin[] = {{"imm0", {i32, (uint64_t)INT64_C(-2147483648), 0,
                                     NULL, 0}}};
    const Static i31[] = {{"imm0", {i32, 31, 0, NULL, 0}}};
    const Static i32v[] = {{"imm0", {i32, 32, 0, NULL, 0}}};
    const Static code[] = {{"bytecode", {ty_prim(TY_U16), 0x0D, 0, NULL,
                                         0}}};
    const Static big[] = {{"bytecode", {ty_prim(TY_U16), 0xFB00, 0, NULL,
                                        0}}};
    Site s0 = {pc0, ARRAY_LEN(pc0)}, s25 = {pc25, 1}, smin = {imin, 1},
         s31 = {i31, 1}, s32 = {i32v, 1}, none = {NULL, 0},
         scode = {code, 1}, sbig = {big, 1};
#define BR "wasm:opcode:br_if:before "
#define K "wasm:opcode:i32.const:before "
    /* partial evaluation at a site: predicates */
    fold_case(BR "/ pc == 25 && arg0 == 1 / {}", &s0, FOLD_FALSE, "");
    fold_case(BR "/ pc == 25 && arg0 == 1 / {}", &s25, FOLD_RESIDUAL,
              "arg0 == 1 |");
    fold_case(BR "/ fid == 1 || arg0 == 2 / {}", &s0, FOLD_TRUE, "");
    fold_case(BR "/ arg0 == 2 && false / {}", &none, FOLD_FALSE, "");
    fold_case(BR "/ arg0 == 2 || false / {}", &none, FOLD_RESIDUAL,
              "arg0 == 2 |");
    fold_case("fn f() -> bool { return true; } " BR "/ f() && false / {}",
              &none, FOLD_RESIDUAL, "f() && false");
    fold_case(BR "/ !(pc == 0) / {}", &s0, FOLD_FALSE, "");
    fold_case(BR "{ if (pc == 0) { var a: i32 = 1; } else { var b: i32 = 2; } }",
              &s0, FOLD_TRUE, "{\n    var a: i32 = 1;\n}");
    fold_case(BR "{ var a: i32 = 0; if (arg0 == 1) { a = 1; } elif (pc == 0) "
              "{ a = 2; } else { a = 3; } }", &s0, FOLD_TRUE,
              "} else {\n        a = 2;\n    }");
    /* integer semantics at each width */
    fold_case(BR "{ var r: u8 = 255 + 1; }", &none, FOLD_TRUE, "r: u8 = 0;");
    fold_case(BR "{ var r: i8 = 127 + 1; }", &none, FOLD_TRUE, "= -128;");
    fold_case(BR "{ var r: u8 = 1 << 8; }", &none, FOLD_TRUE, "r: u8 = 0;");
    fold_case(BR "{ var r: u32 = 0 - 1; }", &none, FOLD_TRUE, "= 4294967295;");
    fold_case(BR "{ var r: i32 = -7 / 2; }", &none, FOLD_TRUE, "= -3;");
    fold_case(BR "{ var r: i32 = -7 % 2; }", &none, FOLD_TRUE, "= -1;");
    fold_case(BR "{ var r: i32 = -8 >> 1; }", &none, FOLD_TRUE, "= -4;");
    fold_case(BR "{ var r: u32 = 4294967288 >> 1; }", &none, FOLD_TRUE,
              "= 2147483644;");
    fold_case(BR "{ var r: i64 = 9223372036854775807 + 1; }", &none,
              FOLD_TRUE, "= -9223372036854775808;");
    fold_case(BR "{ var r: u16 = 300 * 300; }", &none, FOLD_TRUE,
              "= 24464;");
    fold_case(BR "{ var r: u32 = 7 & 12 | 1 ^ 3; }", &none, FOLD_TRUE,
              "= 6;");
    fold_case(BR "{ var r: u32 = ~0; }", &none, FOLD_TRUE, "= 4294967295;");
    /* refused folds: traps and out-of-range shifts stay */
    fold_case(BR "{ var r: u32 = 7 / imm0; }", &s0, FOLD_TRUE, "= 7 / 0;");
    fold_case(BR "{ var r: u32 = 7 % imm0; }", &s0, FOLD_TRUE, "= 7 % 0;");
    fold_case(K "{ var r: i32 = imm0 / -1; }", &smin, FOLD_TRUE,
              "= -2147483648 / -1;");
    fold_case(K "{ var r: i32 = imm0 % -1; }", &smin, FOLD_TRUE, "r: i32 = 0;");
    fold_case(K "{ var r: i32 = 1 << imm0; }", &s31, FOLD_TRUE,
              "= -2147483648;");
    fold_case(K "{ var r: i32 = 1 << imm0; }", &s32, FOLD_TRUE, "= 1 << 32;");
    /* floats */
    fold_case(BR "{ var r: f64 = 0.5 * 4.0; }", &none, FOLD_TRUE, "= 2.0;");
    fold_case(BR "{ var r: f32 = 0.1 + 0.2; }", &none, FOLD_TRUE,
              "= 0.300000012;");
    fold_case(BR "{ var r: f32 = 1.0 / 0.0; }", &none, FOLD_TRUE, "= 1e999;");
    fold_case(BR "{ var r: f32 = 0.0 / 0.0; }", &none, FOLD_TRUE,
              "= 0.0 / 0.0;");
    fold_case(BR "{ var b: bool = -NaN == -NaN; }", &none, FOLD_TRUE,
              "= false;");
    fold_float_rem();
    /* casts */
    fold_case(BR "{ var r: i32 = 3.9 as i32; }", &none, FOLD_TRUE, "= 3;");
    fold_case(BR "{ var r: i32 = -3.9 as i32; }", &none, FOLD_TRUE, "= -3;");
    fold_case(BR "{ var r: u8 = 300 as u8; }", &none, FOLD_TRUE, "= 44;");
    fold_case(BR "{ var r: i32 = (200 as i8) as i32; }", &none, FOLD_TRUE,
              "= -56;");
    fold_case(BR "{ var r: u64 = (0 - 1) as u64; }", &none, FOLD_TRUE,
              "= 18446744073709551615;");
    fold_case(BR "{ var r: i32 = 1e10 as i32; }", &none, FOLD_TRUE,
              "= 1e+10 as i32;");
    fold_case(BR "{ var r: u32 = -1.5 as u32; }", &none, FOLD_TRUE,
              "= -1.5 as u32;");
    fold_case(BR "{ var r: u32 = -0.5 as u32; }", &none, FOLD_TRUE,
              "= 0;");
    fold_case(BR "{ var r: f32 = 16777217 as f32; }", &none, FOLD_TRUE,
              "= 16777216.0;");
    fold_case(BR "{ var r: bool = 2 as bool; }", &none, FOLD_TRUE, "= true;");
    /* strings, ternaries */
    fold_case(BR "{ var b: bool = \"ab\" == \"ab\"; }", &none, FOLD_TRUE,
              "= true;");
    fold_case(BR "{ var n: u32 = opname.len(); }", &s0, FOLD_TRUE, "= 5;");
    fold_case(BR "{ var b: bool = opname.starts_with(\"br\") && "
              "opname.ends_with(\"if\"); }", &s0, FOLD_TRUE, "= true;");
    /* a prefix/suffix/part longer than the string: false, not left over */
    fold_case(BR "{ var b: bool = opname.starts_with(\"br_if.\") || "
              "opname.ends_with(\"_br_if\") || opname.contains(\"br_ifs\"); }",
              &s0, FOLD_TRUE, "= false;");
    /* a script constant as the receiver */
    fold_case("var p: str = \"br_\"; " BR "{ var b: bool = "
              "p.contains(\"r\"); }", &none, FOLD_TRUE, "= true;");
    fold_case(BR "{ var r: i32 = pc == 0 ? 1 : 2; }", &s0, FOLD_TRUE,
              "= 1;");
    fold_case(BR "{ var r: u32 = arg0 + (2 * 3); }", &none, FOLD_TRUE,
              "= arg0 + 6;");
    /* a constant bound variable at the type the checker converted it to */
    fold_case(BR "{ var v: i16 = bytecode; }", &scode, FOLD_TRUE,
              "v: i16 = 13;");
    fold_case(BR "{ var v: i16 = bytecode; }", &sbig, FOLD_TRUE,
              "v: i16 = -1280;");
    fold_case(BR "{ var f: f32 = bytecode; var g: u8 = bytecode + 1; }",
              &scode, FOLD_TRUE, "f: f32 = 13.0;\n    var g: u8 = 14;");
    /* constant propagation of globals assigned once */
    fold_case("var x: i32 = 5; var y: i32 = x * 2; " BR "/ x == 5 / "
              "{ var r: i32 = y; }", &none, FOLD_TRUE, "var r: i32 = 10;");
    fold_case("var x: i32 = 5; " BR "/ x == 5 / { x++; }", &none,
              FOLD_RESIDUAL, "x == 5 |");
    fold_case("var x: i32 = 5; fn f() { x = 2; } " BR "/ x == 5 / {}", &none,
              FOLD_RESIDUAL, "x == 5 |");
    fold_case("var m: map<i32, i32>; var k: i32 = 1; " BR "{ m[k] = k; }",
              &none, FOLD_TRUE, "m[1] = 1;");
#undef BR
#undef K
}

/* ---- expansions and site filters ------------------------------------------ */

static char site_i32_args(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, "arg0") == 0 || strcmp(name, "arg1") == 0 ? 'i' : 0;
}

static char site_unknown(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, "arg0") == 0 ? '?' : 0;
}

/* The literal text of bound variable `name` in match m, or "". */
static const char *match_const(const TcMatch *m, const char *name)
{
    for (uint32_t i = 0; i < m->nvars; i++)
        if (!m->vars[i].pattern && strcmp(m->vars[i].name, name) == 0)
            return m->vars[i].literal ? m->vars[i].literal : "";
    return "";
}

/* Each expansion has its own constants (bytecode 0x0D for br_if, 0x6A for
 * i32.add), and checking or re-annotating one converts the name as that
 * event's literal. */
static void expand_consts(void)
{
    Arena a;
    arena_init(&a);
    char err[512];
    Script *s;
    parse_print(&a, "wasm:opcode:br_if|i32.add:before { var v: i16 = "
                "bytecode; var n: str = opname; }\n", true, err, sizeof err,
                &s);
    CHECK_MSG(s && !err[0], "does not check: %s", err);
    Probe *p = s ? s->items[0].probe : NULL;
    CHECK_MSG(p && p->nmatches == 2, "two expansions");
    if (p && p->nmatches == 2) {
        const TcMatch *m0 = p->matches[0], *m1 = p->matches[1];
        CHECK_MSG(strcmp(match_const(m0, "bytecode"), "0x0D") == 0, "br_if");
        CHECK_MSG(strcmp(match_const(m1, "bytecode"), "0x6A") == 0, "i32.add");
        CHECK_MSG(strcmp(match_const(m1, "opname"), "\"i32.add\"") == 0,
                  "opname of i32.add");
        CHECK_MSG(!*match_const(m1, "fid"), "fid is no constant");
        for (uint32_t m = 0; m < 2; m++) {
            CHECK_MSG(tc_annotate_expansion(s, p, m, &a), "annotate %u", m);
            const Expr *init = p->body.v[0]->rhs;
            CHECK_MSG(init->kind == EX_ID && init->ty->kind == TY_I16 &&
                      init->sym == SYM_BOUND_STATIC, "bytecode as i16 (%u)",
                      m);
        }
    }
    arena_fini(&a);
}

static void suite_expand(void)
{
    static const struct {
        const char *pat, *name;
        bool hit, bad;
    } globs[] = {
        {"br_*", "br_if", true, false}, {"BR_IF", "br_if", true, false},
        {"br|call", "call", true, false}, {"br_i?", "br_if", true, false},
        {"[bc]*", "call", true, false}, {"[!b]*", "br", false, false},
        {"[!b]*", "call", true, false}, {"*x*", "nop", false, false},
        {"i32.*", "i32.add", true, false}, {"", "anything", true, false},
        {"*a*b*c*d*e*f*g*h*", "abcdefgh", true, false},
        {"[br", "br", false, true}, {"a|[b", "b", false, true},
        {"[]]x", "]x", true, false},
    };
    for (size_t i = 0; i < ARRAY_LEN(globs); i++) {
        bool bad = false;
        bool hit = tc_glob_match(globs[i].pat, globs[i].name, &bad);
        CHECK_MSG(hit == globs[i].hit && bad == globs[i].bad, "glob `%s` on `%s`: "
              "hit %d bad %d", globs[i].pat, globs[i].name, hit, bad);
    }
    Arena a;
    arena_init(&a);
    char err[512];
    Script *s;
    parse_print(&a, "wasm:opcode:i32.add|i64.add:before / arg0 == 1 / {}\n"
                "wasm:opcode:call(arg0: i32, arg1: u8):before {}\n"
                "wasm:opcode:call(arg0: i64):before {}\n"
                "wasm:opcode:call(arg2: f32):before {}\n"
                "wasm:opcode:*(arg0: i32):before { var x: i32 = arg0; }\n",
                true, err, sizeof err, &s);
    CHECK_MSG(s && !err[0], "does not check: %s", err);
    if (s) {
        Probe *p = s->items[0].probe;
        CHECK_MSG(p->nmatches == 2, "%u matches", p->nmatches);
        CHECK_MSG(tc_annotate_expansion(s, p, 1, &a), "annotate i64.add");
        CHECK_MSG(p->pred->a->ty->kind == TY_I64, "arg0 of i64.add is i64");
        CHECK_MSG(tc_annotate_expansion(s, p, 0, &a), "annotate i32.add");
        CHECK_MSG(p->pred->a->ty->kind == TY_I32, "arg0 of i32.add is i32");
        CHECK_MSG(!tc_annotate_expansion(s, p, 2, &a), "out of range");
        Probe *q = s->items[4].probe; /* nop, drop, ...: filtered */
        bool some_filtered = false;
        for (uint32_t m = 0; m < q->nmatches; m++)
            if (q->filtered[m]) {
                some_filtered = true;
                CHECK_MSG(!tc_annotate_expansion(s, q, m, &a), "filtered %s",
                      q->matches[m]->rule);
            }
        CHECK_MSG(some_filtered, "`*(arg0: i32)` filters nop");
        CHECK_MSG(tc_bounds_match_site(s->items[1].probe, site_i32_args, NULL),
              "i32, u8 bounds on i32 arguments");
        CHECK_MSG(!tc_bounds_match_site(s->items[2].probe, site_i32_args, NULL),
              "i64 bound on an i32 argument");
        CHECK_MSG(!tc_bounds_match_site(s->items[3].probe, site_i32_args, NULL),
              "arg2 absent at the site");
        CHECK_MSG(tc_bounds_match_site(s->items[2].probe, site_unknown, NULL),
              "unknown stack types are compatible");
    }
    arena_fini(&a);
    expand_consts();
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: whamm_lang_test lex|parse|check|fold|expand|"
                        "roundtrip DIR\n");
        return 2;
    }
    if (strcmp(argv[1], "lex") == 0)
        suite_lex();
    else if (strcmp(argv[1], "parse") == 0)
        suite_parse();
    else if (strcmp(argv[1], "check") == 0)
        suite_check();
    else if (strcmp(argv[1], "fold") == 0)
        suite_fold();
    else if (strcmp(argv[1], "expand") == 0)
        suite_expand();
    else if (strcmp(argv[1], "roundtrip") == 0 && argc > 2)
        suite_roundtrip(argv[2]);
    else {
        fprintf(stderr, "unknown suite %s\n", argv[1]);
        return 2;
    }
    printf("%s: %d checks, %d failures\n", argv[1], unit_checks, unit_failures);
    return unit_failures ? 1 : 0;
}
