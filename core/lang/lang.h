/* lang.h -- the whamm language front end (docs/language.md): lexer (lex_),
 * parser and printer (parse_), scopes + type checker (tc_) and the partial
 * evaluator (fold_).
 *
 * Lifetimes: the caller owns one Arena per compilation;
 * tokens are values, every AST node, interned name and composite Type lives
 * in that arena and is freed with it.  Diagnostics go to a DiagSink
 * (diag/diag.h) with spans into files registered there.
 *
 * The checker learns about providers (bound variables and functions of each
 * expanded event/mode) only through TcProvider below, a deliberately narrow
 * interface: TcRegistryProvider implements it with the provider registry
 * (core/provider/), tc_builtin_provider() with a small built-in subset of
 * `wasm` for the unit tests. */
#ifndef WHAMM_LANG_H
#define WHAMM_LANG_H

#include "../diag/diag.h"
#include "types.h"

/* ==== lexer (lex.c) ===================================================== */
typedef enum {
#define TOK(Name, spelling) TOK_##Name,
#include "tokens.def"
    TOK_COUNT
} TokKind;

typedef struct {
    TokKind kind;
    uint32_t off, len;     /* bytes of the token in the source */
    uint32_t line, col;    /* 1-based; col counts bytes */
    const char *msg;       /* TOK_ERROR: what is wrong */
} Token;

typedef struct {
    const char *src;       /* the text, not owned */
    size_t len;
    size_t pos;            /* next byte to look at */
    uint32_t line;         /* line of pos */
    size_t line_start;     /* offset of that line's first byte */
    TokKind prev;          /* last token: after `.` digits are an index */
} Lexer;

void lex_init(Lexer *l, const char *src, size_t len);
/* The next token; errors come back as TOK_ERROR tokens (never a longjmp:
 * only the parser decides whether an error is fatal). */
Token lex_next(Lexer *l);
/* Skips whitespace and (nested) comments; false: unterminated comment. */
bool lex_skip_space(Lexer *l);
/* Moves the cursor back (or forward) to the start of tok; its line and
 * column come from the token. */
void lex_seek(Lexer *l, const Token *tok);
const char *lex_tok_name(TokKind k);
/* Probe rules are lexed raw: the PROBE_ID characters at the
 * cursor (possibly none) as a TOK_ID token, and the byte at the cursor. */
Token lex_rule_part(Lexer *l);
int lex_peek_char(const Lexer *l);
bool lex_is_rule_char(int c);
/* Whether src[0..len) is one literal (INT, FLOAT, STRING, true, false,
 * or `-` and a number): a cheap test that allocates nothing. */
bool lex_is_literal(const char *src, size_t len);

/* ==== AST (ast.def) ====================================================== */
typedef enum {
#define EXPR(Name, desc) EX_##Name,
#include "ast.def"
    EX_COUNT
} ExprKind;

typedef enum {
#define STMT(Name, desc) ST_##Name,
#include "ast.def"
    ST_COUNT
} StmtKind;

typedef enum {
#define BINOP(Name, tok, prio, foldable, spelling) BIN_##Name,
#include "binops.def"
    BIN_COUNT
} BinOp;

typedef enum { UN_NOT, UN_BNOT } UnOp;    /* `!` and `~` */

/* Literal integers keep the 128-bit value of the text; the
 * checker then truncates them to their type. */
__extension__ typedef __int128 LangInt;
__extension__ typedef unsigned __int128 LangUInt;

/* What a name resolved to (set by the checker on EX_ID / EX_CALL). */
typedef enum {
    SYM_NONE, SYM_GLOBAL, SYM_LOCAL, SYM_PARAM, SYM_BOUND_STATIC,
    SYM_BOUND_DYNAMIC, SYM_BOUND_DERIVED, SYM_BUILTIN, SYM_FN, SYM_LIB
} SymKind;

typedef struct Expr Expr;
struct Expr {
    ExprKind kind;
    Span span;             /* the whole expression */
    const Type *ty;        /* set by the checker; NULL before */
    SymKind sym;           /* EX_ID / EX_CALL: what the name is */
    BinOp bop;             /* EX_BINARY */
    UnOp uop;              /* EX_UNARY */
    Expr *a, *b, *c;       /* operands; ternary: a ? b : c; index a[b] */
    Expr **args;           /* EX_TUPLE elements, call arguments */
    uint32_t nargs;
    const char *name;      /* EX_ID, callee, method of EX_LIBCALL */
    Span name_span;        /* where name is written */
    const char *recv;      /* EX_LIBCALL: library or variable before `.` */
    const char *annot;     /* EX_LIBCALL: "static", "init" or NULL */
    uint32_t index;        /* EX_FIELD: element number */
    const Type *cast_ty;   /* EX_CAST: target type */
    LangInt ival;          /* EX_INT: value of the text */
    uint64_t bits;         /* EX_INT/EX_BOOL after typing: the value,
                              sign- or zero-extended from its width */
    double fval;           /* EX_FLOAT (an f32 value is exact in it) */
    bool is_f64;           /* EX_FLOAT: typed f64 by the lexer rule */
    const char *str;       /* EX_STR: decoded bytes (NUL-terminated) */
    uint32_t slen;         /* EX_STR: byte length */
};

typedef struct Stmt Stmt;
typedef struct {
    Stmt **v;
    uint32_t n;
} Block;

struct Stmt {
    StmtKind kind;
    Span span;
    const char *name;      /* DECL / USE: the name */
    Span name_span;
    const Type *decl_ty;   /* DECL */
    bool is_report;        /* DECL: `report` given */
    bool is_unshared;      /* DECL: `unshared` given */
    Expr *lhs;             /* ASSIGN / INCR / DECR target */
    Expr *rhs;             /* DECL init (may be NULL), ASSIGN value,
                              CALL the call, RETURN value (may be NULL),
                              IF the condition */
    Block then_b, else_b;  /* IF */
    bool else_is_elif;     /* IF: else_b is one IF written as `elif` */
};

typedef struct {
    const char *name;
    Span span;             /* the name */
    const Type *ty;
} Param;

typedef struct {
    Param *v;
    uint32_t n;
} ParamList;

typedef struct {
    const char *name;
    Span span;             /* the name */
    ParamList params;
    const Type *ret;       /* NULL: no `->`, returns () */
    Block body;
} FnDef;

typedef struct TcMatch TcMatch;

typedef struct {
    uint32_t nparts;       /* 2, 3 or 4 */
    const char *part[4];   /* as written; "" means `*` */
    Span part_span[4];
    ParamList bounds[4];   /* type bounds after each part */
    Span span;             /* the whole rule */
    Expr *pred;            /* NULL: no predicate */
    Block body;
    /* filled by the checker: one entry per expanded (event, mode) */
    const TcMatch **matches;
    bool *filtered;        /* per match: type bounds exclude every site */
    uint32_t nmatches;
} Probe;

typedef enum { ITEM_STMT, ITEM_FN, ITEM_PROBE } ItemKind;

typedef struct {
    ItemKind kind;
    Stmt *stmt;            /* ITEM_STMT (includes `use`) */
    FnDef *fn;             /* ITEM_FN */
    Probe *probe;          /* ITEM_PROBE */
} Item;

typedef struct TcLib TcLib;

typedef struct {
    const char *file;      /* the sink's copy of the path */
    Item *items;
    uint32_t nitems;
    /* the user libraries it was checked against (tc_check_script_libs),
     * so that expansions are annotated with their signatures too */
    bool libs_known;
    const TcLib *libs;
    uint32_t nlibs;
    /* filled by the checker: the items that declare globals, fns and
     * libraries, in order; tc_annotate_expansion re-declares only those,
     * not every item of a script with thousands of probes */
    uint32_t *decls;
    uint32_t ndecls;
} Script;

/* ==== parser and printer (parse.c, print.c) ============================== */
/* Parses one script file.  On a syntax error reports it to sink and returns
 * NULL (the parser recovers at statements and probes, so every independent
 * error is reported, up to 20).  file must be
 * the path registered with diag_add_source. */
Script *parse_script(Arena *a, DiagSink *sink, const char *file,
                     const char *src, size_t len);
/* Parses one expression that must fill src[0..len) (provider
 * `derived_from` texts); NULL with a diagnostic otherwise. */
Expr *parse_expr_text(Arena *a, DiagSink *sink, const char *file,
                      const char *src, size_t len);
/* Prints syntax parse_script reads back.  With types,
 * names and calls carry their checked type in a comment: `pc/ *:u32* /`. */
void parse_print_script(Buf *out, const Script *s, bool types);
void parse_print_expr(Buf *out, const Expr *e, bool types);
void parse_print_block(Buf *out, const Block *b, int indent, bool types);

/* ==== provider interface (used by the checker) =========================== */
typedef enum { TC_STATIC, TC_DYNAMIC, TC_DERIVED } TcLifetime;

typedef struct {
    const char *name;      /* "fid"; for a pattern the prefix: "arg" */
    bool pattern;          /* name[0:9]+ : the prefix and 1+ digits */
    const Type *ty;        /* TY_UNKNOWN: usable only through a type bound */
    TcLifetime life;
    const char *literal;   /* the literal it stands for at this event, as
                              text (a literal `derived_from`: `bytecode` is
                              "0x0D"), or NULL; the checker treats the name
                              as that literal; life is then
                              TC_STATIC.  Parsed only where it is used. */
    const char *derived_from; /* a derived variable's definition, or NULL */
} TcBoundVar;

typedef struct {
    const char *name;
    const Type *const *params;
    uint32_t nparams;
    const Type *result;    /* ty_unit() for none */
    bool is_static;        /* can be folded / run at init */
} TcBoundFn;

/* One expanded (event, mode) of a probe rule with everything it binds:
 * the provider's, package's, event's and mode's items merged. */
struct TcMatch {
    const char *rule;      /* "wasm:opcode:br_if:before" */
    const char *event;     /* "br_if", for messages */
    const TcBoundVar *vars;
    uint32_t nvars;
    const TcBoundFn *fns;
    uint32_t nfns;
};

typedef enum {
    TC_EXPAND_OK,          /* at least one match */
    TC_EXPAND_NOMATCH,     /* valid rule, no event matches: an error */
    TC_EXPAND_BAD          /* invalid glob, wrong number of parts: error */
} TcExpandStatus;

typedef struct {
    uint32_t part;         /* the part at fault, 0-based */
    char msg[256];
    char hint[160];        /* e.g. "did you mean `br_if`?"; "" if none */
} TcExpandError;

/* The interface a provider registry implements.  expand() gets the rule's
 * parts as written ("" = `*`, alternatives with `|`, globs), returns the
 * status and stores the matches (in rule-expansion order) in *out; they
 * must stay valid for the lifetime of the provider (or of arena a). */
typedef struct {
    void *ctx;
    TcExpandStatus (*expand)(void *ctx, const char *const *parts,
                             uint32_t nparts, Arena *a,
                             const TcMatch *const **out, uint32_t *nout,
                             TcExpandError *err);
} TcProvider;

/* A built-in subset of the `wasm` provider for the unit tests,
 * which need no definition files: opcode events unreachable,
 * nop, end, br, br_if, br_table, call, call_indirect, drop, select,
 * local.get, local.set, i32.load, i32.store, i32.const, i32.lt_u, i32.add,
 * i32.sub, i64.add, f32.add; func entry/exit; block start/end; the packages
 * begin, end, report.  Stateless; matches live in the arena passed. */
const TcProvider *tc_builtin_provider(void);
/* The provider registry (core/provider) as the checker's provider
 * (registry.c): rules are expanded by prov_match_rule, and each match's
 * bound variables and functions are its scope (core -> provider ->
 * package -> event).  Engine-only variables are left out unless engine
 * is set.  The registry must outlive the provider. */
struct ProvRegistry;
typedef struct {
    TcProvider base;
    const struct ProvRegistry *reg;
    bool engine;            /* engine-only items are in scope too (the
                             * scripts are compiled for a wei engine) */
} TcRegistryProvider;
void tc_registry_provider_init(TcRegistryProvider *p,
                               const struct ProvRegistry *reg);
/* Case-insensitive glob match of one part (alternatives split on `|`;
 * `*`, `?`, `[abc]`, `[!abc]`).  *bad set on an invalid pattern. */
bool tc_glob_match(const char *pat, const char *name, bool *bad);

/* ==== user libraries (--user-libs) ======================================== */
/* A function a library exports, with the whamm signature of its Wasm type
 * (i32, i64, f32, f64, funcref; no result is `()`).  unsupported says why
 * a function cannot be called from whamm (another value type, several
 * results), or is NULL. */
typedef struct {
    const char *name;
    const Type *const *params;
    uint32_t nparams;
    const Type *result;
    const char *unsupported;
} TcLibFn;

struct TcLib {
    const char *name;          /* what `use NAME;` names */
    const TcLibFn *fns;
    uint32_t nfns;
};

/* ==== type checker (check.c) ============================================= */
/* Resolves names, expands every probe rule through p, and type-checks the
 * script once per expansion; all errors are reported (not just the first;
 * an error repeated by several expansions once).  Fills Probe.matches /
 * filtered and annotates Expr.ty/sym (types of the last expansion
 * checked; see tc_annotate_expansion).  Returns true when no error was
 * reported (warnings do not count). */
bool tc_check_script(Script *s, const TcProvider *p, Arena *a,
                     DiagSink *sink);
/* The same with the user libraries known (`--user-libs`): `use` of a
 * library that is not among libs is an error, and calls into a library
 * are checked against its exported functions' signatures.  (Without
 * libs, tc_check_script leaves user-library calls unchecked.) */
bool tc_check_script_libs(Script *s, const TcProvider *p, const TcLib *libs,
                          uint32_t nlibs, Arena *a, DiagSink *sink);
/* Re-annotates probe p of an already checked script (tc_check_script
 * returned true) with the types of its expansion m, for per-site folding
 * of that expansion.  False if m is out of range or filtered. */
bool tc_annotate_expansion(Script *s, Probe *p, uint32_t m, Arena *a);
/* Whether bound variable `name` (concrete: "res0"; derived_from its
 * definition or NULL) exists in a probe of
 * mode `mode` (the last part of TcMatch.rule).  The checker rejects it
 * (E0404) where it does not, and `whamm info` does not list it there. */
bool tc_var_in_mode(const char *name, bool dynamic, const char *derived_from,
                    const char *mode);
/* The per-site filter of type bounds: site_type gives the Wasm
 * value type of a dynamic bound variable (argN, resN, localN) at the site:
 * 'i' i32, 'I' i64, 'f' f32, 'F' f64, '?' unknown (assumed compatible), or
 * 0 when the site has no such value.  True if every bound is satisfied. */
bool tc_bounds_match_site(const Probe *p,
                          char (*site_type)(void *ctx, const char *name),
                          void *ctx);

/* ==== folding / partial evaluation (fold.c) ============================== */
/* A static value for a name at one match site. */
typedef struct {
    const Type *ty;        /* type of the value */
    uint64_t bits;         /* ints (extended from their width), bool 0/1 */
    double f;              /* floats */
    const char *str;       /* str: bytes (need not be NUL-terminated) */
    uint32_t slen;
} FoldValue;

/* Script-level constants (constant propagation): globals
 * assigned exactly once -- by the initialiser of their declaration -- whose
 * initialiser folds to a literal.  Found by fold_find_consts. */
typedef struct {
    const char *name;
    Expr *value;           /* a literal of the variable's type */
} FoldConst;

typedef struct {
    FoldConst *v;
    uint32_t n;
} FoldConsts;

typedef struct {
    Arena *arena;          /* new nodes go here */
    void *ctx;
    /* The static value of `name` at this site, or false (dynamic). */
    bool (*lookup)(void *ctx, const char *name, FoldValue *out);
    const FoldConsts *consts; /* NULL: no constant propagation */
    /* `@static lib.fn(args)` once every argument is a literal: runs the
     * call now and gives its value (type unit for no result), or false
     * (the call stays; the callback reported why).  NULL: calls stay. */
    bool (*static_call)(void *static_ctx, const Expr *call,
                        const FoldValue *args, uint32_t nargs,
                        FoldValue *out);
    void *static_ctx;
} Folder;

/* The constant globals of a checked script (in arena a). */
FoldConsts fold_find_consts(const Script *s, Arena *a);

typedef enum { FOLD_TRUE, FOLD_FALSE, FOLD_RESIDUAL } FoldPred;

/* Folds a checked expression; never changes e, returns e itself when
 * nothing folded.  A fold that would trap or whose result differs from
 * Wasm's is refused and leaves that sub-expression as it was. */
Expr *fold_expr(const Folder *f, Expr *e);
/* Folds a predicate (NULL = none = true); *residual gets what is left. */
FoldPred fold_predicate(const Folder *f, Expr *pred, Expr **residual);
/* Folds a body: constants inlined, `if` on a constant replaced by the
 * chosen branch. */
Block fold_block(const Folder *f, Block b);

#endif
