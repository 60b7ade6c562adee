/* unit.c -- the counters behind CHECK/CHECK_MSG (unit.h), shared by every
 * unit-test program (whamm_unit, the lang and provider tests). */
#include "unit.h"

int unit_failures;
int unit_checks;
