/* hooks.h -- start-up and program end (docs/instr.md "What the output
 * does"): the init function, the report flush and where they are called. */
#ifndef WHAMM_EMIT_HOOKS_H
#define WHAMM_EMIT_HOOKS_H

#include "gen.h"

bool emit_setup_hooks(Emit *E);
bool emit_finish_hooks(Emit *E);

#endif
