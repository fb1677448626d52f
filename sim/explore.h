/* explore: walk the paths through a scenario (every choice of every reply), replaying the
 * detector along each, so `check` can compare the author's intent with the detector's verdict
 * at every question point, on every way of reaching it. */
#ifndef WASPADA_EXPLORE_H
#define WASPADA_EXPLORE_H

#include <stddef.h>

#include "detector.h"
#include "diag.h"
#include "scenario.h"

#define EXPLORE_MAX_PATHS 512

/* Walk the paths of s (at most EXPLORE_MAX_PATHS) with det; add a warning to d wherever the
 * detector's verdict at a question differs from the author's `expect` or `signs`.
 * Returns the number of paths walked. */
size_t explore_check_intent(const struct scenario *s, struct detector *det, struct diags *d);

#endif
