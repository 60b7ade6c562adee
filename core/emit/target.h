/* target.h -- what the two targets (rewrite.c, wei_target.c) share: the
 * context set up before their phases and released after. */
#ifndef WHAMM_EMIT_TARGET_H
#define WHAMM_EMIT_TARGET_H

#include "hooks.h"

/* E for one run over m (the caller owns the arena a). */
void emit_init(Emit *E, Arena *a, WasmModule *m, const EmitScript *scripts,
               uint32_t nscripts, const struct ProvRegistry *reg,
               const EmitOptions *opt, DiagSink *sink, EmitResult *res);
/* Frees what the phases left in E (not the arena). */
void emit_release(Emit *E);

#endif
