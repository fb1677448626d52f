/* explore: walk the paths through a scenario (every choice of every reply, or a seeded random
 * sample when there are too many), replaying the detector along each. `check` uses it to
 * compare the author's intent with the detector at every question on every way of reaching it,
 * and `check --explore` to report stages the learner is never asked about. */
#ifndef WASPADA_EXPLORE_H
#define WASPADA_EXPLORE_H

#include <stddef.h>

#include "detector.h"
#include "diag.h"
#include "scenario.h"

#define EXPLORE_MAX_PATHS 512   /* walked one by one; beyond this, a random sample */
#define EXPLORE_SAMPLE 256
/* Detector calls in one file's walk and sample together: a bound on the work, whatever the
 * shape of the scenario (the count of paths alone let a 16-line scenario run for 785 s). */
#define EXPLORE_MAX_WORK 100000
#define EXPLORE_MAX_DEPTH 4096  /* choices met on one path before the walk turns to sampling */

struct explore_stats {
	size_t paths;          /* paths walked */
	bool sampled;          /* there were more: a seeded random sample was added */
	bool cut;              /* the work budget ran out: not every path could be checked */
	size_t work;           /* detector calls made */
	size_t *endings;       /* times each ending was reached (scenario order) */
};

/* Walk the paths of s with det. Warns (W301/W302) where a question's verdict differs from the
 * author's `expect`/`signs`; with unasked, also (W601) where the detector sees a stage that no
 * question on that path asks about. seed drives the random sample. stats may be NULL. */
void explore_run(const struct scenario *s, struct detector *det, struct diags *d, bool unasked,
		 unsigned seed, struct explore_stats *stats);

#endif
