/* ops.c -- the opcode table as data: the info array built
 * from opcodes.def, and (prefix, code) and name lookups. */
#include "wasm.h"

#include <string.h>

const WasmOpInfo wasm_ops[WASM_OP_COUNT] = {
#define WASM_OP(Name, text, pfx, cd, shape, signature, cat, feat, fl)        \
    [WASM_OP_##Name] = {.name = text, .sig = signature, .code = cd,         \
                        .prefix = pfx, .imm = shape,                       \
                        .category = WASM_CAT_##cat,                        \
                        .feature = WASM_FEAT_##feat, .flags = (fl)},
#include "opcodes.def"
#undef WASM_OP
};

/* Sub-opcodes are small (the largest is relaxed SIMD's 0x113). */
#define MAX_SUBCODE 0x200

static int16_t single[256];
static int16_t prefixed[4][MAX_SUBCODE]; /* FB FC FD FE */
static bool tables_ready;

static int prefix_slot(uint8_t prefix)
{
    switch (prefix) {
    case 0xFB: return 0;
    case 0xFC: return 1;
    case 0xFD: return 2;
    case 0xFE: return 3;
    default: return -1;
    }
}

static void build_tables(void)
{
    memset(single, 0xFF, sizeof single);
    memset(prefixed, 0xFF, sizeof prefixed);
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        const WasmOpInfo *info = &wasm_ops[op];
        int slot = prefix_slot(info->prefix);
        if (slot < 0)
            single[info->code & 0xFF] = (int16_t)op;
        else if (info->code < MAX_SUBCODE)
            prefixed[slot][info->code] = (int16_t)op;
    }
    tables_ready = true;
}

int wasm_op_lookup(uint8_t prefix, uint32_t code)
{
    if (!tables_ready)
        build_tables();
    if (prefix == 0)
        return code < 256 ? single[code] : -1;
    int slot = prefix_slot(prefix);
    if (slot < 0 || code >= MAX_SUBCODE)
        return -1;
    return prefixed[slot][code];
}

int wasm_op_by_name(const char *name)
{
    for (int op = 0; op < WASM_OP_COUNT; op++)
        if (strcmp(wasm_ops[op].name, name) == 0)
            return op;
    return -1;
}

static int count_side(const char *s, const char *stop)
{
    int n = 0;
    for (; s < stop && *s; s++) {
        if (*s == '*')
            return -1;
        n++;
    }
    return n;
}

int wasm_op_pops(WasmOpcode op)
{
    const char *sig = wasm_ops[op].sig;
    return count_side(sig, strchr(sig, ':'));
}

int wasm_op_pushes(WasmOpcode op)
{
    const char *colon = strchr(wasm_ops[op].sig, ':');
    return count_side(colon + 1, colon + strlen(colon));
}

const char *wasm_feature_name(WasmFeature f)
{
    static const char *const names[] = {
#define FEATURE(Name, text) text,
#include "features.def"
#undef FEATURE
    };
    return (unsigned)f < ARRAY_LEN(names) ? names[f] : "?";
}

const char *wasm_category_name(WasmCategory c)
{
    static const char *const names[] = {
        "arith", "atomic", "compare", "const", "control", "convert", "exn",
        "gc", "global", "load", "local", "memory", "misc", "ref", "simd",
        "store", "table",
    };
    _Static_assert(ARRAY_LEN(names) == WASM_CAT_COUNT, "category names");
    return (unsigned)c < ARRAY_LEN(names) ? names[c] : "?";
}

const char *wasm_section_name(uint8_t id)
{
    switch (id) {
#define SECTION(sid, Name, rank) case sid: return #Name;
#include "sections.def"
#undef SECTION
    default: return "unknown";
    }
}
