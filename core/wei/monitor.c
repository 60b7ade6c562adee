/* monitor.c -- a wei monitor's exports, read and checked (docs/wei.md).
 *
 * Every function export whose name parses as a probe name is a probe; its
 * rule must name an event of the `wasm` provider (the only one `whamm
 * attach` knows), each parameter must exist for that event and have the
 * Wasm type the probe function declares, predicates and nested static
 * calls take static values only and name helper exports that exist with
 * the right types.  A probe function with one parameter more than its
 * list takes the site's `$alloc` offset first.  The result is what the
 * attach step needs to write an equivalent whamm script: the rule with
 * type bounds for run-time values, and for each value the whamm
 * expression that gives it. */
#include "wei_impl.h"

#include "../provider/registry.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum { EV_OPCODE, EV_FUNC, EV_BLOCK } EvKind;

typedef struct {
    EvKind kind;
    int op;                  /* EV_OPCODE: the opcode, -1 for `*` */
    const char *sub;         /* entry, exit, start, end, or the mnemonic */
} Event;

/* The probe being checked. */
typedef struct {
    WeiMonitor *mon;
    DiagSink *sink;
    const WasmExport *e;
    const char *export_name;
    Event ev;
    Buf bounds;              /* `arg0: i32, local1: f64` */
    bool uses_str;           /* fname or opname written in the name */
    const char *arg_wtype;   /* the provider's unsigned type of an arg */
    uint32_t need_label;     /* br_table: the highest label index used */
    bool failed;
} Chk;

static bool fail(Chk *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool fail(Chk *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_emit_at_offset(c->sink, DIAG_WEI_MONITOR, c->mon->path,
                        c->e->range.off, "probe `%s`: %s", c->export_name,
                        msg);
    c->failed = true;
    return false;
}

const char *wei_wasm_type_name(uint8_t code)
{
    switch (code) {
    case WASM_I32: return "i32";
    case WASM_I64: return "i64";
    case WASM_F32: return "f32";
    case WASM_F64: return "f64";
    default: return NULL;
    }
}

static const char *type_name(uint8_t code)
{
    const char *n = wei_wasm_type_name(code);
    return n ? n : code == 0 ? "a string" : code == WASM_V128 ? "v128"
                                                              : "a reference";
}

/* ---- events ------------------------------------------------------------------ */

/* The wasm provider's opcode event of that name (`ref.test_null` for the
 * mnemonic `ref.test null`, which a rule cannot spell), or NULL. */
static const ProvEvent *opcode_event(const Chk *c, const char *name)
{
    const ProvRegistry *r = c->mon->reg;
    const ProvProvider *pv = r ? prov_provider_find(r, "wasm") : NULL;
    const ProvPackage *pk = pv ? prov_package_find(pv, "opcode") : NULL;
    return pk ? prov_event_find(pk, name) : NULL;
}

static bool resolve_event(Chk *c, const WeiName *n)
{
    if (strcmp(n->part[0], "wasm") != 0)
        return fail(c, "provider `%s` is not known to whamm attach (it "
                    "applies `wasm` events only)", n->part[0]);
    if (n->nparts != 3)
        return fail(c, "unknown rule: a rule is wasm:PACKAGE:EVENT "
                    "(without a mode)");
    const char *pkg = n->part[1], *ev = n->part[2];
    c->ev.sub = ev;
    c->ev.op = -1;
    if (strcmp(pkg, "opcode") == 0) {
        c->ev.kind = EV_OPCODE;
        if (strcmp(ev, "*") == 0)
            return true;
        const ProvEvent *pe = opcode_event(c, ev);
        c->ev.op = pe && pe->opcode >= 0 ? pe->opcode : wasm_op_by_name(ev);
        if (c->ev.op >= 0 && (wasm_ops[c->ev.op].flags & OPF_EVENT))
            return true;
    } else if (strcmp(pkg, "func") == 0) {
        c->ev.kind = EV_FUNC;
        if (strcmp(ev, "entry") == 0 || strcmp(ev, "exit") == 0)
            return true;
    } else if (strcmp(pkg, "block") == 0) {
        c->ev.kind = EV_BLOCK;
        if (strcmp(ev, "start") == 0 || strcmp(ev, "end") == 0)
            return true;
    }
    return fail(c, "unknown rule: wasm:%s:%s is not an event (wasm:opcode:"
                "MNEMONIC, wasm:opcode:*, wasm:func:entry|exit, "
                "wasm:block:start|end)", pkg, ev);
}

/* The provider's type of argN at this opcode event, as a Wasm type and
 * whamm type name; false when the event does not fix it. */
static bool registry_type(Chk *c, uint32_t n, uint8_t *out)
{
    static const struct {
        TypeKind kind;
        uint8_t wasm;
    } map[] = {{TY_I32, WASM_I32}, {TY_U32, WASM_I32}, {TY_I64, WASM_I64},
               {TY_U64, WASM_I64}, {TY_F32, WASM_F32}, {TY_F64, WASM_F64}};
    const ProvRegistry *r = c->mon->reg;
    const ProvEvent *ev = opcode_event(c, c->ev.sub);
    if (!ev)
        return false;
    const ProvProvider *pv = prov_provider_find(r, "wasm");
    ProvMatch m = {0, pv, prov_package_find(pv, "opcode"), ev, NULL};
    char name[16];
    snprintf(name, sizeof name, "arg%u", n);
    const ProvVar *v = prov_lookup_var(r, &m, name);
    for (size_t i = 0; v && i < ARRAY_LEN(map); i++)
        if (v->type->kind == map[i].kind) {
            *out = map[i].wasm;
            c->arg_wtype = map[i].kind == TY_U32 ? "u32"
                           : map[i].kind == TY_U64 ? "u64" : NULL;
            return true;
        }
    return false;
}

/* The Wasm type of operand n (0 = top of stack) when the event fixes it;
 * 0 when it varies by site (a type bound then filters the sites). */
static bool operand_type(Chk *c, uint32_t n, uint8_t *out)
{
    *out = 0;
    if (c->ev.kind != EV_OPCODE)
        return fail(c, "`arg%u`: wasm:%s:%s has no operands", n,
                    c->ev.kind == EV_FUNC ? "func" : "block", c->ev.sub);
    if (c->ev.op < 0)
        return true;
    if (registry_type(c, n, out))
        return true;
    const char *sig = wasm_ops[c->ev.op].sig;
    const char *colon = strchr(sig, ':');
    uint32_t k = (uint32_t)(colon - sig);
    if (memchr(sig, '*', k))
        return true;
    if (n >= k)
        return fail(c, "`arg%u`: %s takes %u operand%s", n, c->ev.sub, k,
                    k == 1 ? "" : "s");
    switch (sig[k - 1 - n]) {
    case 'i': *out = WASM_I32; break;
    case 'I': *out = WASM_I64; break;
    case 'f': *out = WASM_F32; break;
    case 'F': *out = WASM_F64; break;
    case 'v': return fail(c, "`arg%u` of %s is a v128, which whamm attach "
                          "cannot pass", n, c->ev.sub);
    default: break;
    }
    return true;
}

/* ---- values ------------------------------------------------------------------- */

static void set_name(WeiValue *v, const char *expr, const char *wtype,
                     uint8_t wasm)
{
    v->kind = WV_NAME;
    v->expr = expr;
    v->wtype = wtype;
    v->wasm = wasm;
}

static const char *fmt(Chk *c, const char *f, uint32_t n)
{
    char s[32];
    snprintf(s, sizeof s, f, n);
    return arena_strndup(c->mon->a, s, strlen(s));
}

/* immN in the wei numbering (a memarg: flags, memory, offset; br_table:
 * the number of labels besides the default, then every label, the
 * default last) as whamm's bound variables. */
static bool imm_value(Chk *c, uint32_t n, WeiValue *v)
{
    if (c->ev.kind != EV_OPCODE || c->ev.op < 0)
        return fail(c, "`imm%u` needs one instruction (not %s)", n,
                    c->ev.kind == EV_OPCODE ? "wasm:opcode:*" : "this event");
    switch (wasm_ops[c->ev.op].imm) {
    case IMM_LABEL: case IMM_FUNC: case IMM_TYPE: case IMM_LOCAL:
    case IMM_GLOBAL: case IMM_TABLE: case IMM_ELEM: case IMM_DATA:
    case IMM_MEM: case IMM_TAG:
        if (n == 0)
            return set_name(v, "imm0", "u32", WASM_I32), true;
        break;
    case IMM_CALL_INDIRECT: case IMM_TABLE_TABLE: case IMM_ELEM_TABLE:
    case IMM_DATA_MEM: case IMM_MEM_MEM: case IMM_TYPE_FIELD:
    case IMM_TYPE_TYPE: case IMM_TYPE_N: case IMM_TYPE_DATA:
    case IMM_TYPE_ELEM:
        if (n <= 1)
            return set_name(v, fmt(c, "imm%u", n), "u32", WASM_I32), true;
        break;
    case IMM_BR_TABLE:
        /* imm0: the labels besides the default (all labels - 1); immK:
         * label K-1, whamm's imm(K-1); the default is imm(num_targets+1).
         * A site with fewer labels does not match (see write_probe). */
        if (n == 0)
            return set_name(v, "num_targets", "u32", WASM_I32), true;
        if (n - 1 > c->need_label)
            c->need_label = n - 1;
        return set_name(v, fmt(c, "imm%u", n - 1), "u32", WASM_I32), true;
    case IMM_MEMARG:
        if (n == 0)
            return set_name(v, "align", "u32", WASM_I32), true;
        if (n == 1)
            return set_name(v, "memory", "u32", WASM_I32), true;
        if (n == 2)
            return set_name(v, "offset", "u64", WASM_I64), true;
        break;
    case IMM_I32: if (n == 0) return set_name(v, "imm0", "i32", WASM_I32), true;
        break;
    case IMM_I64: if (n == 0) return set_name(v, "imm0", "i64", WASM_I64), true;
        break;
    case IMM_F32: if (n == 0) return set_name(v, "imm0", "f32", WASM_F32), true;
        break;
    case IMM_F64: if (n == 0) return set_name(v, "imm0", "f64", WASM_F64), true;
        break;
    default:
        break;
    }
    return fail(c, "`imm%u`: %s has no such immediate (or not one whamm "
                "attach can pass)", n, c->ev.sub);
}

/* argN / localN: the type the probe function wants (want) becomes a type
 * bound unless the event fixes it. */
static bool dynamic_value(Chk *c, const char *name, bool is_arg, uint32_t n,
                          uint8_t want, WeiValue *v)
{
    uint8_t fixed = 0;
    c->arg_wtype = NULL;
    if (is_arg)
        TRY(operand_type(c, n, &fixed));
    const char *tn = wei_wasm_type_name(fixed ? fixed : want);
    if (!tn)
        return fail(c, "`%s` would be %s: whamm attach passes i32, i64, f32 "
                    "and f64", name, type_name(want));
    v->kind = WV_DYNAMIC;
    v->expr = arena_strndup(c->mon->a, name, strlen(name));
    v->wtype = c->arg_wtype ? c->arg_wtype : tn;
    v->wasm = fixed ? fixed : want;
    if (!fixed)
        buf_printf(&c->bounds, "%s%s: %s", c->bounds.len ? ", " : "", name,
                   tn);
    return true;
}

static bool numbered(const char *name, const char *prefix, uint32_t *n)
{
    size_t k = strlen(prefix);
    if (strncmp(name, prefix, k) != 0 || !name[k] || strlen(name + k) > 6)
        return false;
    for (const char *p = name + k; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    *n = (uint32_t)strtoul(name + k, NULL, 10);
    return true;
}

static bool event_only(Chk *c, const char *name, bool ok, const char *where)
{
    return ok || fail(c, "`%s` exists for %s only", name, where);
}

/* A parameter name; is_static: inside a static call (no run-time values,
 * strings allowed).  want: the Wasm type expected of it, for type bounds. */
static bool name_value(Chk *c, const char *name, bool is_static, uint8_t want,
                       WeiValue *v)
{
    uint32_t n;
    bool is_arg = numbered(name, "arg", &n);
    if (is_arg || numbered(name, "local", &n)) {
        if (is_static)
            return fail(c, "`%s` is a run-time value: a predicate or static "
                        "call takes static values only", name);
        return dynamic_value(c, name, is_arg, n, want, v);
    }
    if (numbered(name, "imm", &n))
        return imm_value(c, n, v);
    bool opcode = c->ev.kind == EV_OPCODE && c->ev.op >= 0;
    if (strcmp(name, "pc") == 0 || strcmp(name, "fid") == 0)
        set_name(v, name, "u32", WASM_I32);
    else if (strcmp(name, "num_targets") == 0) {
        TRY(event_only(c, name, opcode && c->ev.op == WASM_OP_BrTable,
                       "br_table"));
        set_name(v, name, "u32", WASM_I32);
    } else if (strcmp(name, "offset") == 0) {
        TRY(event_only(c, name, opcode && wasm_ops[c->ev.op].imm ==
                       IMM_MEMARG, "memory instructions"));
        set_name(v, name, "u64", WASM_I64);
    } else if (strcmp(name, "instr_count") == 0) {
        TRY(event_only(c, name, c->ev.kind == EV_BLOCK &&
                       strcmp(c->ev.sub, "end") == 0, "wasm:block:end"));
        set_name(v, name, "u32", WASM_I32);
    }
    else if (strcmp(name, "at_func_end") == 0)
        set_name(v, name, "bool", WASM_I32);
    else if (strcmp(name, "fname") == 0 || strcmp(name, "opname") == 0) {
        if (!is_static)
            return fail(c, "`%s` is a string: it can only be an argument of "
                        "a predicate or static call", name);
        if (name[0] == 'o' && c->ev.kind != EV_OPCODE)
            return fail(c, "`opname` exists for opcode events only");
        set_name(v, name, "str", 0);
        v->kind = WV_STR;
        c->uses_str = true;
    } else if (strcmp(name, "probe_id") == 0) {
        /* the probe's position among the monitor's probe exports (they
         * are checked, and numbered, in export order) */
        set_name(v, fmt(c, "%u", c->mon->probes.n), "i32", WASM_I32);
    } else if (strcmp(name, "loc") == 0 || strcmp(name, "frame") == 0)
        return fail(c, "`%s` is engine-specific: whamm attach does not "
                    "provide it", name);
    else
        return fail(c, "unknown parameter `%s`", name);
    return true;
}

static bool resolve_value(Chk *c, const WeiParam *p, bool is_static,
                          uint8_t want, WeiValue *v);

/* The arguments of a helper, checked against its parameter types (a
 * string takes two i32 parameters). */
static bool check_args(Chk *c, const char *helper, const WasmType *ft,
                       const WeiValue *args, uint32_t nargs)
{
    uint32_t k = 0;
    bool fits = true;
    for (uint32_t i = 0; i < nargs && fits; i++) {
        uint32_t width = args[i].kind == WV_STR ? 2 : 1;
        uint8_t want = args[i].kind == WV_STR ? WASM_I32 : args[i].wasm;
        for (uint32_t w = 0; w < width && fits; w++, k++)
            fits = k < ft->nparams && ft->params[k].code == want;
    }
    if (fits && k == ft->nparams)
        return true;
    return fail(c, "the arguments of `%s` do not fit its parameters "
                "(%u Wasm parameter%s; a string takes two i32s)", helper,
                ft->nparams, ft->nparams == 1 ? "" : "s");
}

/* A static call `$N(args)` with one result of Wasm type want. */
static bool call_value(Chk *c, const WeiParam *p, uint8_t want, WeiValue *v)
{
    char helper[256];
    snprintf(helper, sizeof helper, "$%s", p->name);
    int32_t ex = wasm_find_export(c->mon->m, helper, WASM_EXT_FUNC);
    if (ex < 0)
        return fail(c, "helper `%s` is not exported by the monitor", helper);
    uint32_t func = c->mon->m->exports.v[ex].index;
    const WasmType *ft = wasm_func_type(c->mon->m, func);
    WeiValue *args = arena_alloc(c->mon->a, sizeof *args * (p->nargs + 1));
    for (uint32_t i = 0; i < p->nargs; i++) {
        uint8_t aw = 0; /* every argument is static: no bound to give */
        TRY(resolve_value(c, &p->args[i], true, aw, &args[i]));
    }
    TRY(check_args(c, helper, ft, args, p->nargs));
    if (ft->nresults != 1 || !wei_wasm_type_name(ft->results[0].code))
        return fail(c, "helper `%s` must return exactly one i32, i64, f32 "
                    "or f64", helper);
    if (want && ft->results[0].code != want)
        return fail(c, "helper `%s` returns %s where %s is wanted", helper,
                    type_name(ft->results[0].code), type_name(want));
    WeiCall call = {arena_strndup(c->mon->a, helper, strlen(helper)), func,
                    {0}, ft->results[0].code, false, args, p->nargs};
    snprintf(call.alias, sizeof call.alias, "wei_c%u", c->mon->calls.n);
    v->kind = WV_CALL;
    v->call = c->mon->calls.n;
    v->args = args;
    v->nargs = p->nargs;
    v->wasm = call.result;
    v->wtype = wei_wasm_type_name(call.result);
    v->expr = arena_strndup(c->mon->a, call.alias, strlen(call.alias));
    vec_push(c->mon->calls, call);
    return true;
}

static bool resolve_value(Chk *c, const WeiParam *p, bool is_static,
                          uint8_t want, WeiValue *v)
{
    memset(v, 0, sizeof *v);
    return p->is_call ? call_value(c, p, want, v)
                      : name_value(c, p->name, is_static, want, v);
}

/* ---- probes ---------------------------------------------------------------------- */

/* The implicit first parameter: `$alloc(fname, fid, pc)`. */
static bool alloc_value(Chk *c, WeiValue *v)
{
    if (wasm_find_export(c->mon->m, "$alloc", WASM_EXT_FUNC) < 0)
        return fail(c, "the probe function takes one parameter more than "
                    "its list (the site's state offset), but the monitor "
                    "exports no `$alloc`");
    bool uses_str = c->uses_str;
    static const WeiParam args[3] = {{"fname", false, NULL, 0},
                                     {"fid", false, NULL, 0},
                                     {"pc", false, NULL, 0}};
    WeiParam call = {"alloc", true, (WeiParam *)args, 3};
    TRY(call_value(c, &call, WASM_I32, v));
    c->mon->calls.v[v->call].implicit = true;
    c->uses_str = uses_str; /* without whamm_buffer, fname is empty */
    return true;
}

static bool check_values(Chk *c, WeiProbe *p, const WasmType *ft)
{
    const WeiName *n = &p->name;
    uint32_t extra = ft->nparams == n->nparams + 1 ? 1 : 0;
    if (ft->nparams != n->nparams + extra)
        return fail(c, "the probe function has %u parameter%s but its name "
                    "lists %u", ft->nparams, ft->nparams == 1 ? "" : "s",
                    n->nparams);
    p->nvalues = ft->nparams;
    p->values = arena_alloc(c->mon->a, sizeof *p->values * (p->nvalues + 1));
    if (extra)
        TRY(alloc_value(c, &p->values[0]));
    for (uint32_t i = 0; i < n->nparams; i++) {
        uint8_t want = ft->params[i + extra].code;
        WeiValue *v = &p->values[i + extra];
        TRY(resolve_value(c, &n->params[i], false, want, v));
        if (v->wasm != want)
            return fail(c, "parameter %u of the probe function is %s, but "
                        "`%s` is %s", i + extra, type_name(want),
                        n->params[i].is_call ? "the static call"
                                             : n->params[i].name,
                        type_name(v->wasm));
    }
    return true;
}

static void write_rule(Chk *c, WeiProbe *p)
{
    const char *bounds = c->bounds.len ? (const char *)c->bounds.data : "";
    int len = c->bounds.len > INT32_MAX ? 0 : (int)c->bounds.len;
    snprintf(p->rule, sizeof p->rule, "wasm:%s:%s%s%.*s%s%s",
             p->name.part[1], p->name.part[2], len ? "(" : "", len, bounds,
             len ? ")" : "", c->ev.kind == EV_OPCODE ? ":before" : "");
}

static bool has_buffer(const WasmModule *m)
{
    int32_t ex = wasm_find_export(m, "whamm_buffer", WASM_EXT_MEMORY);
    return ex >= 0 && m->exports.v[ex].index == 0;
}

static void check_probe(WeiMonitor *mon, const WasmExport *e, WeiName *n,
                        DiagSink *sink)
{
    Chk c = {mon, sink, e, NULL, {0}, {0}, false, NULL, 0, false};
    c.export_name = arena_strndup(mon->a, e->name, e->name_len);
    buf_init(&c.bounds);
    WeiProbe p = {0};
    p.export_name = c.export_name;
    p.func = e->index;
    p.offset = e->range.off;
    p.name = *n;
    const WasmType *ft = wasm_func_type(mon->m, e->index);
    bool ok = resolve_event(&c, n);
    if (ok && ft->nresults != 0)
        ok = fail(&c, "a probe function returns nothing");
    if (ok && n->has_pred)
        ok = call_value(&c, &n->pred, WASM_I32, &p.pred);
    p.has_pred = n->has_pred;
    if (ok)
        ok = check_values(&c, &p, ft);
    if (ok && c.uses_str && !has_buffer(mon->m))
        ok = fail(&c, "it passes a string (fname, opname), but the monitor "
                  "exports no memory `whamm_buffer` to copy it into");
    buf_push(&c.bounds, 0);
    if (ok && c.bounds.len > sizeof p.rule - 48)
        ok = fail(&c, "too many run-time values");
    c.bounds.len--;
    if (ok) {
        write_rule(&c, &p);
        p.need_label = c.need_label;
        snprintf(p.alias, sizeof p.alias, "wei_p%u", mon->probes.n);
        vec_push(mon->probes, p);
    }
    buf_fini(&c.bounds);
}

/* `wasm:exit`: called when the program ends. */
static bool is_exit(const WeiName *n)
{
    return n->nparts == 2 && strcmp(n->part[0], "wasm") == 0 &&
           strcmp(n->part[1], "exit") == 0 && !n->has_pred && n->nparams == 0;
}

static void check_export(WeiMonitor *mon, const WasmExport *e, DiagSink *sink)
{
    WeiName n;
    WeiNameError err;
    if (!wei_name_parse(e->name, e->name_len, mon->a, &n, &err)) {
        if (e->name_len < 5 || memcmp(e->name, "wasm:", 5) != 0)
            return; /* another name with a colon: not ours to judge */
        diag_emit_at_offset(sink, DIAG_WEI_NOT_PROBE, mon->path, e->range.off,
                            "export `%.*s` is not a probe name (%s at "
                            "character %u): it is ignored", (int)e->name_len,
                            e->name, err.msg, err.at);
        return;
    }
    if (!is_exit(&n)) {
        check_probe(mon, e, &n, sink);
        return;
    }
    const WasmType *ft = wasm_func_type(mon->m, e->index);
    if (ft->nparams || ft->nresults)
        diag_emit_at_offset(sink, DIAG_WEI_MONITOR, mon->path, e->range.off,
                            "`wasm:exit` must take no parameters and return "
                            "nothing");
    else
        mon->exit_func = e->index;
}

/* whamm attach calls the monitor through exports named wei_...: the
 * monitor's own names must not take them. */
static void check_reserved(WeiMonitor *mon, const WasmExport *e,
                           DiagSink *sink)
{
    if (e->name_len >= 4 && memcmp(e->name, "wei_", 4) == 0)
        diag_emit_at_offset(sink, DIAG_WEI_MONITOR, mon->path, e->range.off,
                            "export `%.*s`: names starting with `wei_` are "
                            "reserved by whamm attach", (int)e->name_len,
                            e->name);
}

bool wei_monitor_check(WeiMonitor *mon, DiagSink *sink)
{
    uint32_t errors = sink->nerrors;
    mon->exit_func = -1;
    for (uint32_t i = 0; i < mon->m->exports.n; i++) {
        const WasmExport *e = &mon->m->exports.v[i];
        check_reserved(mon, e, sink);
        if (e->kind == WASM_EXT_FUNC && e->name_len > 0 &&
            e->name[0] != '$' && memchr(e->name, ':', e->name_len))
            check_export(mon, e, sink);
    }
    return sink->nerrors == errors;
}
