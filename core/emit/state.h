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

/* ---- top_code.c: --memory=top, the code side ---------------------------------- */
/* Locals for the operands that wait while base is added (per function). */
typedef struct {
    WasmBodyEditor *ed;            /* the function they belong to */
    uint32_t tmp[5][3];            /* by type (i32 i64 f32 f64 v128), operand */
    bool have[5][3];
} EmitTopTemps;
/* The globals base and pages and the functions whamm_grow_app,
 * whamm_grow_state and whamm_app_size (when the state memory is added). */
void emit_top_setup(Emit *E);
/* Appends in[0..n) to out, rewritten for --memory=top (top_code.c). */
void emit_top_code(Emit *E, EmitTopTemps *t, const WasmInstr *in,
                   uint32_t n, Code *out);

bool emit_finish_state(Emit *E);
/* ---- report_table.c: the report table (runtime.h WhammRtKinds) ------------ */
/* One per-site report row: report variable d of probe x at site s, its
 * value at value_addr.  No text is made per row. */
void emit_add_site_row(Emit *E, const Exp *x, const Stmt *d, const Site *s,
                       uint32_t value_addr);
/* Bytes of encoded rows kept in one block until the layout moves them to
 * the image, freeing each block as it goes (tests make it small). */
extern size_t emit_rows_chunk;
/* The kind of report variable d of probe x (made when new), and in *run
 * (when not NULL) the index its run will have in the table: final once
 * every kind is made (a wei monitor makes them all before any row). */
uint32_t emit_report_kind(Emit *E, const Exp *x, const Stmt *d,
                          uint32_t *run);
/* Lays out the table in the image (when the default report is printed). */
void emit_layout_report(Emit *E);
void emit_rows_free(Emit *E);

/* The state memory's index (a separate one is added if still missing). */
uint32_t emit_state_memory(Emit *E);

/* A function the merged runtime exports (runtime.h), as a working index;
 * an error (and 0) when it is missing. */
uint32_t emit_rt_func(Emit *E, const char *name);

/* ---- libs.c: user libraries merged into the output ---------------------------- */
/* Merges every library a script calls at run time (after the runtime,
 * before anything is laid out in the image). */
bool emit_merge_libs(Emit *E);
/* The merged library of that name, or NULL. */
const MergedLib *emit_find_lib(const Emit *E, const char *name);
/* The merged function `fn` of library `lib` (working index), or -1. */
int64_t emit_lib_func(const Emit *E, const char *lib, const char *fn);
/* Calls of the libraries' start functions and `_initialize` exports. */
void emit_lib_init_code(const Emit *E, Code *c);
/* Folder.static_call (ctx: the Emit): runs `@static lib.fn(args)` in the
 * interpreter, one instance per library for the whole run. */
bool emit_static_call(void *ctx, const Expr *call, const FoldValue *args,
                      uint32_t nargs, FoldValue *out);
/* Frees the interpreters. */
void emit_libs_fini(Emit *E);

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
/* Most values a module keeps in Wasm globals instead of whamm's memory;
 * the rest stay in memory.  A global costs the module its declaration and
 * its copy for the report besides its updates, some 8 bytes more than a
 * value in memory: enough for the hot values of any program we measured
 * (bench/README.md), not a hundred thousand of them (runtimes would allow
 * a million). */
#define EMIT_MAX_SLOT_GLOBALS 16384u
/* A zero-initialised mutable Wasm global for a one-part value whose bytes
 * are at addr in the state (Emit.top); with report, the report copies it
 * there at the end.  Returns the global. */
uint32_t emit_slot_global(Emit *E, const EmitPart *part, uint32_t addr,
                          bool report);
/* With the state at the top of memory 0, whether map `name` of that
 * script keeps its static entries' values in Wasm globals: an integer
 * or bool value, and no access that could reach an entry at run time
 * (needs.c: dyn_maps, maps_printed). */
bool emit_map_in_globals(const Emit *E, uint32_t script, const char *name,
                         const Type *mt);
/* The static entry of key (its address in *entry) and the global holding
 * its value, created with it; flushes copy the global into the entry. */
uint32_t emit_map_entry_global(Emit *E, uint32_t hdr, const Type *mt,
                               const uint8_t *key, uint32_t *entry);
/* Where dynamic keys are assembled (EMIT_MAP_KEY_MAX bytes). */
uint32_t emit_map_keybuf(Emit *E);
/* The globals holding the id -> header table and the number of maps
 * (whamm_core.print_map(id)); set when the walk is done. */
uint32_t emit_map_table_global(Emit *E);
uint32_t emit_map_count_global(Emit *E);
void emit_finish_maps(Emit *E);

#endif
