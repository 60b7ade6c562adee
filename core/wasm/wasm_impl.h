/* wasm_impl.h -- shared between the files of core/wasm only (read, body,
 * write, edit).  Not part of the module's contract: use wasm.h. */
#ifndef WHAMM_WASM_IMPL_H
#define WHAMM_WASM_IMPL_H

#include "wasm.h"

int wimpl_section_rank(uint8_t id);
uint32_t wimpl_space_count(const WasmModule *m, WasmExternKind kind);
bool wimpl_read_name(WasmReader *r, Arena *a, const char **out,
                     uint32_t *out_len, const char *desc);
bool wimpl_read_const_expr(WasmReader *r, const WasmModule *m, WasmExpr *e,
                           Arena *scratch);
/* Checks one decoded instruction's indices against the module; nlocals
 * NULL means "not in a function" (constant expressions). */
bool wimpl_check_instr_indices(WasmReader *r, const WasmModule *m,
                               const WasmInstr *in, const uint64_t *nlocals);
/* Decodes and checks function `func`'s original body; sets its refs. */
bool wimpl_check_body(WasmReader *r, WasmModule *m, uint32_t func,
                      Arena *scratch);
/* Checks the structure of a name subsection other than 0 and 1. */
bool wimpl_check_name_subsection(WasmReader *r, uint8_t id);
/* Type equivalence and subtyping over a module's types (subtype.c). */
typedef struct {
    const WasmModule *m;
    uint32_t *canon;      /* per type: the first type equivalent to it */
    uint32_t *glen;       /* per type: its rec group's size if it starts
                             one, else 0 */
    int64_t n;            /* number of types */
    const uint8_t *declared; /* per function: 1 if the module names it
                                outside function bodies (elements, exports,
                                initialisers), so `ref.func` may; NULL: not
                                checked */
} WimplTypes;
/* Computes the canonical indices (storage in a). */
void wimpl_types_init(WimplTypes *ty, const WasmModule *m, Arena *a);
/* Checks rec groups and sub type declarations; err gets the type's
 * offset. */
bool wimpl_check_types(const WimplTypes *ty, Arena *a, WasmError *err);
/* Whether heap type h1 / value type a matches h2 / b (is a subtype). */
bool wimpl_heap_sub(const WimplTypes *ty, int64_t h1, int64_t h2);
bool wimpl_val_sub(const WimplTypes *ty, WasmValType a, WasmValType b);
/* The top of h's hierarchy: func, extern, exn or any (as s33 values). */
int64_t wimpl_heap_top(const WimplTypes *ty, int64_t h);
/* Whether a reference type's type index names a type of the module. */
bool wimpl_val_type_ok(const WimplTypes *ty, WasmValType t);

/* Validates original function `func`'s operand types (stacktypes.c), its
 * structure already checked by wimpl_check_body; err zeroed first. */
bool wimpl_validate_body(const WimplTypes *ty, uint32_t func, Arena *arena,
                         WasmError *err);
/* What a constant expression belongs to, for messages: "<what> <index>",
 * or "<what> <index>, item <item>" when item >= 0. */
typedef struct {
    const char *what;     /* "initialiser of global", "element segment" */
    uint32_t index;
    int64_t item;
} WimplExprName;
/* Validates a constant expression of m (stacktypes.c): allowed
 * instructions, global.get of an immutable global below `nglobals` that
 * is imported unless `gc`, and a result that matches `want`. */
bool wimpl_validate_const_expr(const WimplTypes *ty, const WasmExpr *e,
                               WasmValType want, uint32_t nglobals, bool gc,
                               WimplExprName name, Arena *arena,
                               WasmError *err);
/* Reads a body's local declarations; *total gets the local count. */
bool wimpl_read_locals(WasmReader *r, uint64_t *total);

/* Renumbering code while copying it (remap.c).  classes: per first byte,
 * how the instruction is skipped or remapped, for the spaces in `moved`
 * (WASM_REFS_*); maps: working -> final per space (NULL: unchanged),
 * counts: the size of each space. */
typedef struct {
    uint8_t classes[256];
    uint32_t *const *maps;
    uint32_t counts[WASM_EXT_COUNT];
} WimplRemap;
void wimpl_remap_classes(uint32_t moved, uint8_t out[256]);
/* Appends code[0..len) to out with every index whose space moved
 * renumbered; scratch is reset at the end.  False (err set) if the code
 * does not decode. */
bool wimpl_remap_code(const WimplRemap *rm, const uint8_t *code, size_t len,
                      Buf *out, Arena *scratch, WasmError *err);

/* A reader over range of m's bytes (a section's entries or contents);
 * failures are recorded in err. */
void wimpl_reader_at(WasmReader *r, const WasmModule *m, WasmRange range,
                     WasmError *err);
/* Adds a defined function whose body (locals + code + end) is already
 * encoded in working indices; refs says which spaces it names. */
uint32_t wimpl_add_func_body(WasmModule *m, uint32_t type, const uint8_t *body,
                             uint32_t len, uint32_t refs);

#endif
