/* plan.h -- the plan layer: checked scripts -> expanded probes, each with
 * its typed predicate and body (derived bound variables substituted), its
 * per-site slots sorted for allocation, the pure counters, and what the
 * scripts need from the runtime. */
#ifndef WHAMM_EMIT_PLAN_H
#define WHAMM_EMIT_PLAN_H

#include "base.h"

/* Expands every probe of every script (script globals must exist). */
bool emit_plan(Emit *E);
/* needs.c: need_runtime, need_heap, heap_resets. */
void emit_scan_needs(Emit *E);
/* Known per site (literals, static bound variables and operators on
 * them), so folded before code is generated; with calls, @static calls of
 * such values too: for a wei monitor, what the engine can evaluate once
 * per site. */
bool emit_static_expr(const Expr *e, bool calls);

#endif
