/* walk.h -- the walk layer: every instruction of every original function
 * matched against the plan, predicates folded per site, code injected. */
#ifndef WHAMM_EMIT_WALK_H
#define WHAMM_EMIT_WALK_H

#include "gen.h"

bool emit_walk(Emit *E);
bool emit_fold_lookup(void *ctx, const char *name, FoldValue *out);

#endif
