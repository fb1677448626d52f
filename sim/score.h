/* score: how a learner's answer compares with the detector's verdict. The detector's verdict is
 * the only key; docs/scoring.md explains the rules with worked examples. */
#ifndef WASPADA_SCORE_H
#define WASPADA_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "detector.h"
#include "scenario.h"

/* beginner: "worrying or not, and which stage?"; standard: "which warning signs?" */
enum level { LEVEL_STANDARD, LEVEL_BEGINNER };

#define ANSWER_MAX 32

struct answer {
	bool nothing;               /* "nothing worrying" */
	size_t n;
	const char *picks[ANSWER_MAX]; /* category ids (standard) or stage ids (beginner) */
};

enum outcome { OUTCOME_RIGHT, OUTCOME_PARTLY, OUTCOME_MISSED, OUTCOME_FALSE_ALARM };

struct mark {
	double credit;        /* 0..1 */
	enum outcome outcome;
	size_t hits, near, wrong; /* exact categories, same/neighbouring stage, unrelated picks */
	size_t missed;        /* categories of the verdict the learner did not name */
};

struct tally {
	double credit[STAGE_COUNT]; /* by the verdict's stage; STAGE_NONE: telling "fine" apart */
	int turns[STAGE_COUNT];
};

/* Mark an answer against a verdict. cats: the categories (for their stages). */
struct mark score_turn(const struct verdict *v, const struct answer *a, enum level level,
		       const struct category *cats, size_t ncats);
void tally_add(struct tally *t, enum stage st, const struct mark *m);
/* Overall percentage (0-100) over every asked turn; -1 when none was asked. */
int tally_percent(const struct tally *t);
/* Percentage for one stage; -1 when none was asked. */
int tally_stage_percent(const struct tally *t, enum stage st);
const char *outcome_id(enum outcome o);
const char *level_id(enum level l);

#endif
