/* spill.h -- where committed function bodies live (edit.c stores them,
 * the writer and every later reader read them through WasmFunc.new_body).
 *
 * A module whose committed bodies pass a threshold keeps them in an
 * unlinked temporary file mapped shared: a body is copied into the
 * mapping, and the pages behind the copy are handed back to the page
 * cache (they are not the process's memory any more, and reading them
 * again maps them back).  So the bodies of a module instrumented
 * everywhere do not add the module's size again to the resident memory.
 * Pointers stay valid until the module is released.  When no file can be
 * had (or space for it reserved), bodies go to the module's arena as
 * before. */
#ifndef WHAMM_WASM_SPILL_H
#define WHAMM_WASM_SPILL_H

#include "wasm.h"

/* A stable copy of body[0..len) owned by m. */
const uint8_t *wspill_store(WasmModule *m, const uint8_t *body, size_t len);
/* Says that a body (in m's input, or stored here) will hardly be read
 * again: its pages are handed back, a megabyte at a time.  The input's
 * only when it is a mapped file (util.h file_release_range). */
void wspill_read_done(WasmModule *m, const uint8_t *body, size_t len);
/* Hands every mapped page back to the page cache (the writer, between
 * chunks of output: what it read of the bodies). */
void wspill_release(const WasmModule *m);
/* Unmaps and closes (wasm_module_fini). */
void wspill_free(WasmModule *m);
/* Where the instructions naming a function start in function func's
 * committed body `body` (offsets into it, ascending): kept for the writer,
 * which, when only function indices move, renumbers those and copies the
 * bytes between.  sites NULL: not known (the body was made another way). */
void wspill_set_sites(WasmModule *m, uint32_t func, const uint8_t *body,
                      const uint32_t *sites, uint32_t n);
/* The sites kept for func when its committed body is still `body`; NULL
 * when they are not known. */
const uint32_t *wspill_sites(const WasmModule *m, uint32_t func,
                             const uint8_t *body, uint32_t *n);
/* Bytes of committed bodies kept in the arena before a module spills
 * (tests set it to 0). */
extern size_t wspill_threshold;

#endif
