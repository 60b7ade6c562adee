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
/* Validates original function `func`'s operand types (stacktypes.c), its
 * structure already checked by wimpl_check_body; err zeroed first. */
bool wimpl_validate_body(const WasmModule *m, uint32_t func, Arena *arena,
                         WasmError *err);
/* Reads a body's local declarations; *total gets the local count. */
bool wimpl_read_locals(WasmReader *r, uint64_t *total);

/* A reader over range of m's bytes (a section's entries or contents);
 * failures are recorded in err. */
void wimpl_reader_at(WasmReader *r, const WasmModule *m, WasmRange range,
                     WasmError *err);
/* Adds a defined function whose body (locals + code + end) is already
 * encoded in working indices; refs says which spaces it names. */
uint32_t wimpl_add_func_body(WasmModule *m, uint32_t type, const uint8_t *body,
                             uint32_t len, uint32_t refs);

#endif
