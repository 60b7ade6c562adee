/* target.h -- what the two targets (rewrite.c, wei_target.c) share: a run
 * that sets the context up before their phases and releases it after. */
#ifndef WHAMM_EMIT_TARGET_H
#define WHAMM_EMIT_TARGET_H

#include "hooks.h"

/* One run of a target over m. */
typedef struct {
    WasmModule *m;
    const EmitScript *scripts;
    uint32_t nscripts;
    const struct ProvRegistry *reg;
    const EmitOptions *opt;
    DiagSink *sink;
    EmitResult *res;
    bool wei;
} EmitRun;

/* Sets up the context, runs the target's phases over it and releases it:
 * whether they succeeded without errors. */
bool emit_run(const EmitRun *run, bool (*phases)(Emit *E));

#endif
