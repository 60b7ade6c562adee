/* top.h -- whamm's state at the top of the app's memory 0 (--memory=top,
 * the default without an arena; docs/instr.md "Where whamm's state
 * lives"). */
#ifndef WHAMM_EMIT_TOP_H
#define WHAMM_EMIT_TOP_H

#include "state.h"

/* After everything else: moves the state memory, laid out as a memory of
 * its own, to the top of memory 0 and removes it.  Nothing to do unless
 * E->top and the state memory exists. */
bool emit_finish_top(Emit *E);

#endif
