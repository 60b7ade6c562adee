/* registry.h -- provider definitions: loading the YAML files of providers/,
 * matching probe rules against them, and what a match puts in scope.
 * docs/providers.md describes rules, matching and numbering (probe ids),
 * the wasm provider, the YAML schema (we load each file on its own, with
 * anchors, aliases and merge keys) and `whamm info`.
 *
 * The tree is provider -> package -> event -> mode.  Bound variables and
 * functions hang off providers, packages and events; the `whamm:` core
 * (APP_MEMID, strcmp, ...) is always in scope.  Everything a registry hands
 * out lives as long as the registry.  ProvRegistry is opaque (the
 * registry handle is a library-boundary type); the node structs
 * below are read-only views.
 *
 * The default definitions are compiled into the `whamm` executable
 * (prov_builtin_defs, generated from providers/ at build time by
 * core/tools/gen_provider_table.c after loading and validating them with
 * this loader); --defs-path loads YAML at run time.
 *
 * Typical use:
 *     ProvRegistry *r = prov_registry_new();
 *     if (prov_load_defs(r, opt_defs_path, &prov_builtin_defs, &sink)) {
 *         ProvNumbering num;  prov_numbering_init(&num, r);
 *         ProvMatchList ml = {0};
 *         prov_match_rule(r, rule, len, span, PROV_NOMATCH_WARN, &num, &ml,
 *                         NULL, &sink);
 *         ... ml.v[i].event->opcode, prov_lookup_var(r, &ml.v[i], "arg0") ...
 *         vec_free(ml);  prov_numbering_fini(&num);
 *     }
 *     prov_registry_free(r);
 */
#ifndef WHAMM_PROVIDER_REGISTRY_H
#define WHAMM_PROVIDER_REGISTRY_H

#include "../diag/diag.h"
#include "../lang/types.h"
#include "../util/util.h"

typedef enum {
#define MODE(Name, text, user) PROV_MODE_##Name,
#include "modes.def"
#undef MODE
    PROV_MODE_COUNT
} ProvModeKind;

typedef enum {
    PROV_LIFE_STATIC,   /* known at match time, folded per site */
    PROV_LIFE_DYNAMIC,  /* computed at run time at the site */
    PROV_LIFE_DERIVED,  /* defined by derived_from over other bound vars */
    PROV_LIFE_USER,     /* declared by the user (reference schema) */
} ProvLifetime;

typedef struct {
    const char *name;         /* "fid", or a pattern "arg[0:9]+" */
    const char *prefix;       /* pattern: "arg"; NULL for a plain name */
    const char *docs;
    const Type *type;         /* parsed; TY_UNKNOWN for `unknown` */
    ProvLifetime lifetime;
    const char *derived_from; /* expression text, or NULL */
    Span derived_span;        /* where derived_from is in the YAML */
    bool engine_only;
    Span span;                /* the var's mapping in the YAML */
} ProvVar;

typedef struct {
    const char *name;
    const char *docs;
    uint32_t nparams;
    const char *const *param_names;
    const Type *const *param_types;
    const Type *result;       /* () when nothing is returned */
    int32_t req_args;         /* operands to save: 0 none, -1 all */
    ProvLifetime lifetime;    /* static or dynamic */
    bool engine_only;
    Span span;
} ProvFn;

/* Bound items of one level (core, provider, package or event). */
typedef struct {
    const ProvVar *vars;
    uint32_t nvars;
    const ProvFn *fns;
    uint32_t nfns;
} ProvItems;

typedef struct {
    const char *name;         /* definition name: before, semantic_after */
    const char *alias;        /* what rules write (alias_to), or NULL */
    const char *docs;
    ProvModeKind kind;
    Span span;
} ProvMode;

typedef struct {
    const char *name;
    const char *docs;
    ProvItems items;
    const ProvMode *modes;    /* in YAML order */
    uint32_t nmodes;
    int opcode;               /* WasmOpcode for opcode events, else -1 */
    Span span;
} ProvEvent;

typedef struct {
    const char *name;
    const char *docs;
    ProvItems items;
    bool opcode_events;       /* events are named after opcodes */
    const ProvEvent *const *events;  /* in load order */
    uint32_t nevents;
    Span span;
} ProvPackage;

typedef struct {
    const char *name;
    const char *docs;
    ProvItems items;
    const ProvPackage *const *packages;  /* in load order */
    uint32_t npackages;
    uint32_t index;           /* position among the providers */
    Span span;
} ProvProvider;

typedef struct ProvRegistry ProvRegistry;

/* ---- loading ----------------------------------------------------------- */
ProvRegistry *prov_registry_new(void);
void prov_registry_free(ProvRegistry *r);

/* Compiled-in definitions (prov_impl.h has the layout).  The `whamm`
 * executable links the table generated from providers/ as
 * prov_builtin_defs; the library itself does not, so tools that only load
 * YAML (the generator among them) need no table. */
typedef struct ProvBuiltin ProvBuiltin;
extern const ProvBuiltin prov_builtin_defs;

/* Loads the definitions a command uses: with defs_path, the YAML files
 * there (prov_find_defs, prov_load_dir: every error as before).  Without,
 * the directory prov_find_defs would pick from WHAMM_HOME or beside an
 * installed executable, if there is one -- as the compiled-in builtin when
 * its files are exactly the ones builtin was generated from, else as
 * YAML -- and otherwise builtin itself.  builtin may be NULL (no compiled-in
 * table: the YAML lookup of prov_find_defs, source tree included). */
bool prov_load_defs(ProvRegistry *r, const char *defs_path,
                    const ProvBuiltin *builtin, DiagSink *sink);
/* Adds the compiled-in definitions to an empty registry (no YAML, no
 * checks: they were validated when generated). */
void prov_load_builtin(ProvRegistry *r, const ProvBuiltin *builtin);

/* Where the definitions are (docs/providers.md "Where definitions are
 * found"): defs_path if given (DIR, or DIR/providers when that exists),
 * else $WHAMM_HOME/share/whamm/providers or $WHAMM_HOME/providers, else
 * <prefix>/share/whamm/providers next to the running executable's
 * <prefix>/bin, else the source tree's providers/.  Writes the directory
 * (NUL-terminated) into out; false with a diagnostic if none exists. */
bool prov_find_defs(const char *defs_path, Buf *out, DiagSink *sink);

/* The WHAMM_* environment variables whamm's programs read (env.def). */
typedef struct {
    const char *name;
    const char *reader;    /* "whamm-ld", ... */
} ProvEnvVar;
extern const ProvEnvVar prov_env_vars[];
/* For an environment entry "NAME=value": if NAME starts with WHAMM_ (in
 * any case) and is none of prov_env_vars but close to one (a typo:
 * WHAMM_SCRIPT, whamm_scripts), that one; else NULL.  Names far from all
 * of them are left alone: they belong to something else (build scripts,
 * test harnesses). *name_len gets the length of NAME. */
const ProvEnvVar *prov_env_typo(const char *entry, size_t *name_len);
/* Loads every *.yaml / *.yml below dir in the documented order (in each
 * directory: its files sorted by name, then its subdirectories sorted).
 * Each file is one YAML stream loaded on its own.  False if anything was
 * wrong; every problem is a diagnostic at file:line:col. */
bool prov_load_dir(ProvRegistry *r, const char *dir, DiagSink *sink);
/* Loads one file's text (tests, the fuzzer).  path names it in spans.
 * A file that defines nothing (empty, only comments or anchors) is an
 * error (E0112). */
bool prov_load_text(ProvRegistry *r, const char *path, const char *text,
                    size_t len, DiagSink *sink);
/* Every package with `opcode_events: true` must have an event for each
 * instrumentable (OPF_EVENT) opcode of core/wasm/opcodes.def: false with
 * E0113 at the package, naming the missing events, if one lacks any.
 * prov_load_dir calls it after loading every file. */
bool prov_check_opcode_packages(const ProvRegistry *r, DiagSink *sink);
/* The `wasm` provider, when defined, must have every package and event
 * of engine.def (the ones whamm instruments itself): false with E0114 at
 * the provider, naming what is missing.  prov_load_dir calls it too. */
bool prov_check_engine_events(const ProvRegistry *r, DiagSink *sink);

/* ---- the tree ---------------------------------------------------------- */
uint32_t prov_provider_count(const ProvRegistry *r);
const ProvProvider *prov_provider_at(const ProvRegistry *r, uint32_t i);
const ProvProvider *prov_provider_find(const ProvRegistry *r,
                                       const char *name);
const ProvPackage *prov_package_find(const ProvProvider *p, const char *name);
const ProvEvent *prov_event_find(const ProvPackage *p, const char *name);
/* The whamm core (APP_MEMID, strcmp, ...): always in scope. */
const ProvItems *prov_core(const ProvRegistry *r);
const char *prov_core_docs(const ProvRegistry *r);
const char *prov_mode_kind_name(ProvModeKind k);

/* ---- rules and matches ------------------------------------------------- */
typedef struct {
    uint32_t probe_id;        /* per provider counter, see ProvNumbering */
    const ProvProvider *provider;
    const ProvPackage *package;
    const ProvEvent *event;   /* NULL for a 2-part rule (wasm:begin) */
    const ProvMode *mode;     /* NULL for a rule without a mode part */
} ProvMatch;

typedef VEC(ProvMatch) ProvMatchList;

/* Probe numbering: one counter per provider, over a whole script. */
typedef struct {
    uint32_t *next;           /* next probe id, indexed by provider index */
    uint32_t n;
} ProvNumbering;

void prov_numbering_init(ProvNumbering *num, const ProvRegistry *r);
void prov_numbering_fini(ProvNumbering *num);

typedef enum {
    PROV_NOMATCH_ERROR,       /* `whamm info`: matching nothing is E0203 */
    PROV_NOMATCH_WARN,        /* scripts: the same E0203 into the caller's
                                 private sink; the checker reports E0407 */
} ProvNoMatch;

/* Which part of a rule failed to match. */
typedef enum {
    PROV_PART_NONE = -1, PROV_PART_PROVIDER, PROV_PART_PACKAGE,
    PROV_PART_EVENT, PROV_PART_MODE
} ProvPart;

/* Expands rule[0..len) ("provider:package:event:mode", 3- and 2-part
 * forms, empty part = *, globs with | alternatives, case-insensitive;
 * parenthesised type bounds are skipped) into matches appended to out, in
 * provider -> package -> event -> mode order (YAML order), numbered from
 * num (NULL: from 0 for this rule alone).  span locates the rule text: part
 * diagnostics point into it.  Returns false on a malformed rule (always an
 * error) or when nothing matched; *o_failed (may be NULL) then says which
 * part failed (PROV_PART_NONE for malformed rules). */
bool prov_match_rule(const ProvRegistry *r, const char *rule, size_t len,
                     Span span, ProvNoMatch policy, ProvNumbering *num,
                     ProvMatchList *out, ProvPart *o_failed,
                     DiagSink *sink);
/* Glob matching as rules do it (one alternative, no `|`): case-insensitive,
 * `*`, `?`, `[abc]`, `[a-z]`, `[!abc]`.  prov_glob_check returns the offset
 * of a problem or -1 if the pattern is valid. */
bool prov_glob_match(const char *pat, size_t plen, const char *name);
long prov_glob_check(const char *pat, size_t plen);
/* "wasm:opcode:br_if:before"; `<no-mode>` when there is no mode, the
 * package only for 2-part matches ("wasm:begin"). */
void prov_match_name(Buf *b, const ProvMatch *m, bool no_mode_marker);
/* The same as a script writes the rule: a mode by its alias (`after`, not
 * `semantic_after`). */
void prov_match_rule_name(Buf *b, const ProvMatch *m);

/* ---- what a match puts in scope ----------------------------------------- */
typedef VEC(const ProvVar *) ProvVarList;
typedef VEC(const ProvFn *) ProvFnList;

/* Bound variables in scope at a match, outermost first: core, provider,
 * package, event (modes bind nothing). */
void prov_scope_vars(const ProvRegistry *r, const ProvMatch *m,
                     ProvVarList *out);
void prov_scope_fns(const ProvRegistry *r, const ProvMatch *m,
                    ProvFnList *out);
/* Does a concrete name ("arg3") match var's name or pattern ("arg[0:9]+")? */
bool prov_var_matches(const ProvVar *v, const char *name);
/* The innermost bound var in scope that matches name, or NULL. */
const ProvVar *prov_lookup_var(const ProvRegistry *r, const ProvMatch *m,
                               const char *name);
const ProvFn *prov_lookup_fn(const ProvRegistry *r, const ProvMatch *m,
                             const char *name);

/* ---- `whamm info` ------------------------------------------------------------ */
typedef struct {
    bool vars, fns;           /* -v, -f */
    bool json;
    bool color;
} ProvInfoOptions;

/* Prints what rule (as the user wrote it) matched, given its matches. */
void prov_info_write(FILE *out, const ProvRegistry *r, const char *rule,
                     const ProvMatchList *ml, const ProvInfoOptions *o);

#endif
