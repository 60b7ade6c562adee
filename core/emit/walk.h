/* walk.h -- the walk layer: every instruction of every original function
 * matched against the plan, predicates folded per site, code injected. */
#ifndef WHAMM_EMIT_WALK_H
#define WHAMM_EMIT_WALK_H

#include "gen.h"

bool emit_walk(Emit *E);
bool emit_fold_lookup(void *ctx, const char *name, FoldValue *out);
/* A slot initialiser's method receivers that are plain probe locals (not
 * slots of `slots`) replaced by "": initialisers run before the probe
 * ever does, when such a local holds its default. */
Expr *emit_default_receivers(Arena *a, Expr *e, const Gen *slots);

#endif
