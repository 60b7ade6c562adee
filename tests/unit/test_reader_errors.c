/* test_reader_errors.c -- malformed modules give a clear error at the right
 * byte offset, never a crash.  Each case is a module in
 * hex, the expected message fragment and the expected offset. */
#include "unit.h"

#include "wasm/wasm.h"

#include <stdlib.h>

#define HDR "0061736d01000000"
/* type ()->(), one function of that type, then a code section */
#define FUNC1 "010401600000" "03020100"
/* ... and a tag of type 0 (the code then starts at offset 28) */
#define TAG1 "0d03010000"

typedef struct {
    const char *name;
    const char *hex;
    const char *error;  /* substring */
    long offset;        /* -1: don't check */
} ErrCase;

static const ErrCase cases[] = {
    {"empty", "", "too short for the header", 0},
    {"short header", "0061736d", "too short", 0},
    {"bad magic", "0061736e01000000", "bad magic", 0},
    {"version 2", "0061736d02000000", "unsupported binary version 2", 4},
    {"out of order", HDR "030100" "010100", "Type section out of order", 11},
    {"repeated", HDR "010100" "010100", "out of order or repeated", 11},
    {"size mismatch", HDR "01020000", "size mismatch", 11},
    {"size past end", HDR "010500", "runs past the end", 8},
    {"unknown section", HDR "0e0100", "unknown section id 14", 8},
    {"overlong section size", HDR "01808080808000", "too long", 9},
    {"hostile count", HDR "0105ffffffff0f", "larger than the 0 bytes left", 10},
    {"unknown opcode", HDR FUNC1 "0a050103" "00270b", "unknown opcode 0x27",
     23},
    {"unknown prefixed", HDR FUNC1 "0a06010400fc7f0b",
     "unknown opcode 0xfc 0x7f", 23},
    {"no end", HDR FUNC1 "0a0501030001" "01", "ends without 'end'", -1},
    {"code after end", HDR FUNC1 "0a050103000b01", "after the function's "
     "final 'end'", -1},
    {"count mismatch", HDR FUNC1 "0a0100", "0 bodies but the function "
     "section declares 1", 20},
    {"no code section", HDR FUNC1, "no code section", -1},
    {"call out of range", HDR FUNC1 "0a0601040010050b",
     "call: index 5 out of range (1 defined)", 23},
    {"local out of range", HDR FUNC1 "0a0601040020000b",
     "local.get: index 0 out of range (0 defined)", 23},
    {"label out of range", HDR FUNC1 "0a06010400" "0c010b",
     "br: index 1 out of range", 23},
    {"bad local type", HDR FUNC1 "0a0601040101550b",
     "invalid value type 0x55 in local type", 24},
    {"memarg without memory", HDR FUNC1 "0a0a010800" "4100" "280200" "1a0b",
     "memory index 0 out of range (0 defined)", 25},
    {"too many locals", HDR FUNC1 "0a08010601ffff037f" "0b",
     "too many locals", 23},
    {"export out of range", HDR "07050101660303", "global index 3 out of "
     "range", 14},
    {"bad import name", HDR "020701" "01ff" "0166" "0000",
     "not valid UTF-8", 11},
    {"datacount mismatch", HDR "0c0101" "0b0100",
     "data count section says 1 segments but the data section has 0", 14},
    {"bad elem flags", HDR "0903010800", "invalid element segment flags 8",
     11},
    {"bad limits", HDR "0503011000", "invalid limits flags 0x10", 11},
    {"truncated body", HDR FUNC1 "0a0501090000", "runs past the end", -1},
    {"else outside block", HDR FUNC1 "0a050103" "00050b",
     "'else' outside a block", 23},
    {"bad block type", HDR FUNC1 "0a070105" "00" "0255" "0b0b",
     "invalid block type", 24},
    /* block structure (issue 14): the offending instruction's offset */
    {"else in block", HDR FUNC1 "0a080106" "00" "0240" "05" "0b0b",
     "'else' inside a 'block' (it belongs to an 'if')", 25},
    {"else in loop", HDR FUNC1 "0a080106" "00" "0340" "05" "0b0b",
     "'else' inside a 'loop' (it belongs to an 'if')", 25},
    {"double else", HDR FUNC1 "0a0b0109" "00" "4100" "0440" "05" "05" "0b0b",
     "second 'else' in an 'if'", 28},
    {"catch in block", HDR FUNC1 TAG1 "0a090107" "00" "0240" "0700" "0b0b",
     "'catch' inside a 'block' (it belongs to a 'try')", 30},
    {"catch_all in if", HDR FUNC1 "0a0a0108" "00" "4100" "0440" "19" "0b0b",
     "'catch_all' inside a 'if' (it belongs to a 'try')", 27},
    {"catch after catch_all", HDR FUNC1 TAG1 "0a0a0108" "00" "0640" "19"
     "0700" "0b0b", "'catch' after 'catch_all'", 31},
    {"catch_all twice", HDR FUNC1 "0a090107" "00" "0640" "19" "19" "0b0b",
     "'catch_all' after 'catch_all'", 26},
    {"delegate in block", HDR FUNC1 "0a080106" "00" "0240" "1800" "0b",
     "'delegate' inside a 'block' (it belongs to a 'try')", 25},
    {"delegate after catch_all", HDR FUNC1 "0a090107" "00" "0640" "19" "1800"
     "0b", "'delegate' ends a 'try' that has a catch clause", 26},
    {"delegate label past the function", HDR FUNC1 "0a080106" "00" "0640"
     "1801" "0b", "delegate: label index 1 out of range (1 defined)", 25},
    {"rethrow outside catch", HDR FUNC1 "0a090107" "00" "0640" "0900" "0b0b",
     "rethrow: label 0 is not a 'catch' clause", 25},
    {"extra end", HDR FUNC1 "0a080106" "00" "0240" "0b0b0b",
     "code after the function's final 'end'", -1},
    {"missing end", HDR FUNC1 "0a060104" "00" "0240" "0b",
     "function body ends without 'end'", -1},
    {"br past the blocks", HDR FUNC1 "0a090107" "00" "0240" "0c02" "0b0b",
     "br: index 2 out of range (2 defined)", 25},
    /* a heap type index must fit the decoded form's int32_t */
    {"heap type index past INT32_MAX", HDR FUNC1 "0a0b0109" "00" "d0"
     "8080808008" "1a0b", "type index 2147483648 out of range in heap type",
     24},
};

/* Modules the reader accepts (structure and indices are fine) whose
 * bodies do not validate: wasm_module_validate's message and offset. */
static const ErrCase invalid_cases[] = {
    {"operand type", HDR FUNC1 "0a0a0108" "00" "4100" "4200" "6a" "1a0b",
     "i32.add: expected i32 on the stack, found i64 (function 0)", 27},
    {"missing result", HDR "0105016000017f" "03020100" "0a040102" "00" "0b",
     "end: expected i32 on the stack, found nothing (function 0)", 24},
    {"value left over", HDR FUNC1 "0a060104" "00" "4100" "0b",
     "end: 1 value(s) left on the stack at the end of a block "
     "(function 0)", 25},
    {"immutable global", HDR FUNC1 "060601" "7f00" "41000b"
     "0a080106" "00" "4101" "2400" "0b",
     "global.set: global 0 is immutable (function 0)", 33},
    {"if without else", HDR FUNC1 "0a0c010a" "00" "4100" "047f" "4101" "0b"
     "1a0b", "end: an 'if' without 'else' must have the same parameter "
     "and result types (function 0)", 29},
    {"br operand", HDR FUNC1 "0a0c010a" "00" "027f" "4200" "0c00" "0b" "1a0b",
     "br: expected i32 on the stack, found i64 (function 0)", 27},
    {"data.drop without data count", HDR FUNC1 "0a070105" "00" "fc0900" "0b"
     "0b03" "010100", "data.drop: needs a data count section (function 0)",
     23},
};

static size_t unhex(const char *s, uint8_t *out)
{
    size_t n = 0;
    for (; s[0] && s[1]; s += 2) {
        unsigned v;
        sscanf(s, "%2x", &v);
        out[n++] = (uint8_t)v;
    }
    return n;
}

static void check_case(const ErrCase *c)
{
    uint8_t bytes[256];
    size_t n = unhex(c->hex, bytes);
    /* a heap copy of exactly n bytes, so ASan catches any over-read */
    uint8_t *copy = malloc(n ? n : 1);
    memcpy(copy, bytes, n);
    WasmModule m;
    WasmError err;
    bool ok = wasm_module_read(&m, copy, n, NULL, &err);
    CHECK_MSG(!ok, "%s: accepted", c->name);
    if (ok) {
        wasm_module_fini(&m);
    } else {
        CHECK_MSG(strstr(err.msg, c->error) != NULL, "%s: message '%s'",
                  c->name, err.msg);
        CHECK_MSG(c->offset < 0 || (long)err.offset == c->offset,
                  "%s: offset %zu, want %ld ('%s')", c->name, err.offset,
                  c->offset, err.msg);
    }
    free(copy);
}

/* Every prefix of a valid module is rejected cleanly (never a crash). */
static void truncations(void)
{
    uint8_t bytes[256];
    size_t n = unhex(HDR FUNC1 "0a0701050041011a0b", bytes);
    WasmModule m;
    WasmError err;
    CHECK_MSG(wasm_module_read(&m, bytes, n, NULL, &err), "%s", err.msg);
    wasm_module_fini(&m);
    for (size_t len = 0; len < n; len++) {
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, bytes, len);
        bool ok = wasm_module_read(&m, copy, len, NULL, &err);
        /* a cut exactly between sections is a valid (shorter) module */
        if (ok)
            wasm_module_fini(&m);
        else
            CHECK(err.msg[0] != '\0' && err.offset <= len);
        free(copy);
    }
}

static void check_invalid(const ErrCase *c)
{
    uint8_t bytes[256];
    size_t n = unhex(c->hex, bytes);
    uint8_t *copy = malloc(n ? n : 1);
    memcpy(copy, bytes, n);
    WasmModule m;
    WasmError err;
    bool ok = wasm_module_read(&m, copy, n, NULL, &err);
    CHECK_MSG(ok, "%s: not read: %s", c->name, err.msg);
    if (ok) {
        CHECK_MSG(!wasm_module_validate(&m, &err), "%s: valid", c->name);
        CHECK_MSG(strcmp(err.msg, c->error) == 0, "%s: message '%s'",
                  c->name, err.msg);
        CHECK_MSG((long)err.offset == c->offset, "%s: offset %zu, want %ld",
                  c->name, err.offset, c->offset);
        wasm_module_fini(&m);
    }
    free(copy);
}

/* Valid bodies that exercise every rule validation adds. */
static void check_valid(void)
{
    static const char *const valid[] = {
        /* an if without else whose type passes its parameter through */
        HDR "010902600000" "60017f017f" "03020100"
        "0a0c010a" "00" "4101" "4100" "0401" "0b" "1a0b",
        /* a mutable global set; data.drop with a data count section */
        HDR FUNC1 "060601" "7f01" "41000b" "0c0101"
        "0a0b0109" "00" "4101" "2400" "fc0900" "0b" "0b03" "010100",
    };
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        uint8_t bytes[256];
        size_t n = unhex(valid[i], bytes);
        WasmModule m;
        WasmError err;
        bool ok = wasm_module_read(&m, bytes, n, NULL, &err);
        CHECK_MSG(ok, "valid %zu: %s", i, err.msg);
        if (ok) {
            CHECK_MSG(wasm_module_validate(&m, &err), "valid %zu: %s at "
                      "0x%zx", i, err.msg, err.offset);
            wasm_module_fini(&m);
        }
    }
}

/* wasm_module_read then wasm_module_validate on bytes[0..n): whether both
 * passed, and the first error. */
static bool read_then_validate(const uint8_t *bytes, size_t n, WasmError *err)
{
    WasmModule m;
    if (!wasm_module_read(&m, bytes, n, NULL, err))
        return false;
    bool ok = wasm_module_validate(&m, err);
    wasm_module_fini(&m);
    return ok;
}

/* The one pass over the bodies (wasm_module_read_validated) accepts what
 * the two passes accept and fails with the same first error. */
static void check_one_pass(const char *name, const uint8_t *bytes, size_t n)
{
    uint8_t *copy = malloc(n ? n : 1); /* exactly n: ASan sees over-reads */
    memcpy(copy, bytes, n);
    WasmError two, one;
    bool ok2 = read_then_validate(copy, n, &two);
    WasmModule m;
    bool ok1 = wasm_module_read_validated(&m, copy, n, NULL, &one);
    if (ok1)
        wasm_module_fini(&m);
    CHECK_MSG(ok1 == ok2, "%s (%zu bytes): one pass %s, two passes %s", name,
              n, ok1 ? "accepts" : one.msg, ok2 ? "accept" : two.msg);
    if (!ok1 && !ok2) {
        CHECK_MSG(strcmp(one.msg, two.msg) == 0, "%s: '%s' vs '%s'", name,
                  one.msg, two.msg);
        CHECK_MSG(one.offset == two.offset, "%s: offset %zu vs %zu", name,
                  one.offset, two.offset);
    }
    free(copy);
}

/* Every case of this file, and every prefix of a module with a body. */
static void one_pass_agrees(void)
{
    uint8_t bytes[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_one_pass(cases[i].name, bytes, unhex(cases[i].hex, bytes));
    for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0];
         i++)
        check_one_pass(invalid_cases[i].name, bytes,
                       unhex(invalid_cases[i].hex, bytes));
    size_t n = unhex(HDR FUNC1 "0a0701050041011a0b", bytes);
    for (size_t len = 0; len <= n; len++)
        check_one_pass("prefix", bytes, len);
}

static size_t put_leb(uint8_t *out, size_t v)
{
    size_t n = 0;
    do {
        out[n++] = (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return n;
}

/* A module of FUNC1 with memory section `mem` (hex, may be empty) whose
 * one body is `code` (hex, after its empty local declarations), in out;
 * its size. */
static size_t module_with_body(const char *mem, const char *code,
                               uint8_t *out)
{
    uint8_t body[512];
    size_t nb = unhex(code, body), n = unhex(HDR FUNC1, out);
    n += unhex(mem, out + n);
    out[n++] = 0x0a;
    uint8_t size[5];
    size_t ns = put_leb(size, nb + 1);
    n += put_leb(out + n, 1 + ns + nb + 1);
    out[n++] = 1;
    memcpy(out + n, size, ns);
    n += ns;
    out[n++] = 0;
    memcpy(out + n, body, nb);
    return n + nb;
}

/* The instructions the validator's fast path takes while reading
 * (stacktypes.c), valid and near misses: the one pass still agrees with
 * the two, up to every prefix. */
static void fast_path_agrees(void)
{
    static const char *const mems[] = {
        "", "0503010001", "0503010401", /* none, memory32, memory64 */
    };
    static const char *const codes[] = {
        "41ffffffff0f1a0b", "41ffffffff7f1a0b", "41ffffffff4f1a0b",
        "42ffffffffffffffffff001a0b", "42808080808080808080011a0b",
        "43000000001a0b", "430000001a0b",
        "0240" "4100" "0d00" "0b" "0b", "0240" "0d00" "0b" "0b",
        "0240" "4100" "0e020001000b" "0b", "027f" "4100" "0e0100000b" "1a0b",
        "0240" "4100" "0e0102000b" "0b", "0240" "4100" "0e0500000b" "0b",
        "0340" "0c00" "0b" "0b", "027e" "4200" "0c00" "0b" "1a0b",
        "4100" "0440" "0b" "0b", "4100" "047f" "4101" "0b" "1a0b",
        "4200" "0440" "0b" "0b", "0240" "0b", "027f" "0b" "1a0b",
        "1000" "0b", "1001" "0b", "0f" "0b", "00" "1a" "0b", "1a0b",
        "4100" "2802" "00" "1a0b", "4100" "2803" "00" "1a0b",
        "4200" "2903" "00" "1a0b", "4100" "4200" "3703" "8001" "0b",
        "4100" "2842" "00" "00" "1a0b", "4100" "2802" "808080" "01" "1a0b",
        "2000" "1a0b", "2380" "00" "1a0b", "4100" "2400" "0b",
    };
    uint8_t bytes[1024];
    for (size_t i = 0; i < sizeof mems / sizeof mems[0]; i++)
        for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++) {
            size_t n = module_with_body(mems[i], codes[k], bytes);
            for (size_t len = 0; len <= n; len++)
                check_one_pass(codes[k], bytes, len);
        }
    /* nested deeper than the stacks' first room */
    char deep[2 * 3 * 80 + 8] = "";
    for (int d = 0; d < 80; d++)
        strcat(deep, "0240");
    for (int d = 0; d < 80; d++)
        strcat(deep, "0b");
    strcat(deep, "0b");
    size_t n = module_with_body("", deep, bytes);
    check_one_pass("deep", bytes, n);
    bytes[n - 2] = 0x0c; /* br 0x0b in place of the last block's end */
    check_one_pass("deep br", bytes, n);
}

void suite_reader_errors(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
    for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0];
         i++)
        check_invalid(&invalid_cases[i]);
    check_valid();
    truncations();
    one_pass_agrees();
    fast_path_agrees();
}
