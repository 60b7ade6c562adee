/* state.h -- the state layer: whamm's memory and the image laid out in it
 * (strings, per-site slots, the report table), the runtime merged into it,
 * read_str's heap, and the script's globals (rewriting.md §5). */
#ifndef WHAMM_EMIT_STATE_H
#define WHAMM_EMIT_STATE_H

#include "base.h"

uint32_t emit_alloc(Emit *E, uint32_t size, uint32_t align);
uint32_t emit_intern(Emit *E, const char *s, uint32_t len);
void emit_poke(Emit *E, uint32_t addr, const void *bytes, uint32_t len);
bool emit_setup_state(Emit *E);
void emit_layout_report(Emit *E);
bool emit_finish_state(Emit *E);
/* The state memory's index (a separate one is added if still missing). */
uint32_t emit_state_memory(Emit *E);

/* globals.c: every script-level variable as Wasm globals. */
bool emit_add_globals(Emit *E);

#endif
