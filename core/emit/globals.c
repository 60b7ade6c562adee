/* globals.c -- script-level variables as Wasm globals: one global per Wasm
 * part, zero-initialised; the initialisers run at start-up (hooks.c;
 * docs/instr.md "What the output does"). */
#include "state.h"

#include <string.h>

static bool add_global(Emit *E, uint32_t si, const Stmt *d)
{
    if (!emit_type_supported(d->decl_ty)) {
        emit_error(E, d->span, "variables of type `%s` are not supported by "
                   "whamm instr yet", ty_name(E->a, d->decl_ty));
        return false;
    }
    GlobalVar g = {d->name, si, d->decl_ty, {0, 0}, d->is_report, 0, 0};
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t n = emit_valtypes(d->decl_ty, vt);
    for (uint32_t i = 0; i < n; i++) {
        WasmInstr zero = emit_zero_instr(vt[i]);
        g.global[i] = wasm_add_global(E->m, vt[i], true, &zero, 1);
    }
    avec_push(E->a, E->globals, g);
    return true;
}

static bool known_lib(const Emit *E, const char *name)
{
    if (strcmp(name, "whamm_core") == 0)
        return true;
    for (uint32_t i = 0; i < E->opt->nlibs; i++)
        if (strcmp(E->opt->libs[i].name, name) == 0)
            return true;
    return false;
}

static bool add_script_globals(Emit *E, uint32_t si)
{
    Script *s = E->scripts[si].script;
    bool ok = true;
    for (uint32_t i = 0; i < s->nitems; i++) {
        const Item *it = &s->items[i];
        if (it->kind == ITEM_STMT && it->stmt->kind == ST_USE &&
            !known_lib(E, it->stmt->name)) {
            emit_error(E, it->stmt->span, "library `%s` was not given: "
                       "pass --user-libs %s=PATH.wasm (-Wl,--whamm-lib=%s="
                       "PATH.wasm through whamm-ld)", it->stmt->name,
                       it->stmt->name, it->stmt->name);
            ok = false;
        } else if (it->kind == ITEM_STMT && it->stmt->kind == ST_DECL) {
            ok &= add_global(E, si, it->stmt);
        }
    }
    return ok;
}

bool emit_add_globals(Emit *E)
{
    bool ok = true;
    for (uint32_t si = 0; si < E->nscripts && ok; si++)
        ok = add_script_globals(E, si);
    return ok && !E->failed;
}

/* Every script-level map gets its header now that whamm's memory is
 * known; ids follow declaration order (the report's `map_id` rows and
 * print_map number them so). */
void emit_layout_global_maps(Emit *E)
{
    for (uint32_t i = 0; i < E->globals.n; i++) {
        GlobalVar *g = &E->globals.v[i];
        if (g->ty->kind != TY_MAP)
            continue;
        g->map_hdr = emit_map_new(E, g->ty);
        WasmInstr at = wasm_instr_i32((int32_t)g->map_hdr);
        wasm_set_global_init(E->m, g->global[0], &at, 1);
    }
}

uint32_t emit_slot_global(Emit *E, const EmitPart *part, uint32_t addr,
                          bool report)
{
    uint8_t code = part->vt.code;
    WasmInstr zero = code == WASM_I64   ? wasm_instr_i64(0)
                   : code == WASM_F32 ? wasm_instr(WASM_OP_F32Const)
                   : code == WASM_F64 ? wasm_instr(WASM_OP_F64Const)
                                      : wasm_instr_i32(0);
    uint32_t g = wasm_add_global(E->m, part->vt, true, &zero, 1);
    E->slot_globals++;
    if (report) {
        SlotGlobal sg = {g, addr, (uint16_t)emit_store_op(part)};
        vec_push(E->report_slot_globals, sg);
    }
    return g;
}
