/* state.h -- the state layer: whamm's memory and the image laid out in it
 * (strings, per-site slots, the report table), the runtime merged into it,
 * read_str's heap, and the script's globals. */
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

/* A function the merged runtime exports (runtime.h), as a working index;
 * an error (and 0) when it is missing. */
uint32_t emit_rt_func(Emit *E, const char *name);

/* globals.c: every script-level variable as Wasm globals. */
bool emit_add_globals(Emit *E);
/* The headers of script-level maps (after emit_setup_state). */
void emit_layout_global_maps(Emit *E);

/* ---- map_layout.c: maps in the image (runtime.h "Maps") --------------------- */
#define EMIT_MAP_KEY_MAX (EMIT_MAX_PARTS * 8)
/* A new empty map of type mt (map<K, V>): its header's address. */
uint32_t emit_map_new(Emit *E, const Type *mt);
/* The key record size of map type mt (a multiple of 4). */
uint32_t emit_map_key_size(const Type *mt);
/* The static entry of key record `key` in the map at hdr, created (not
 * present, zero value) when new; returns the entry's address. */
uint32_t emit_map_entry(Emit *E, uint32_t hdr, const Type *mt,
                        const uint8_t *key);
/* Fills the map at hdr (type map<u32, u32>) with br_table's bound map
 * `targets`: index -> label depth of each non-default target.  False if
 * the types or the instruction do not fit. */
bool emit_map_from_targets(Emit *E, uint32_t hdr, const Type *mt,
                           const WasmInstr *br_table);
/* Where dynamic keys are assembled (EMIT_MAP_KEY_MAX bytes). */
uint32_t emit_map_keybuf(Emit *E);
/* The globals holding the id -> header table and the number of maps
 * (whamm_core.print_map(id)); set when the walk is done. */
uint32_t emit_map_table_global(Emit *E);
uint32_t emit_map_count_global(Emit *E);
void emit_finish_maps(Emit *E);

#endif
