/* score: how a learner's answer compares with the key of a question: the signs its author names
 * (`signs:`, `expect:`), else the detector's verdict; what else the detector sees is "also worth
 * noticing", never a penalty. docs/scoring.md explains the rules with worked examples. */
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

#define SCORE_KEY_MAX 16

/* What a question asks the learner to find. */
struct key {
	enum stage stage;       /* the author's `expect`, else the detector's stage */
	size_t nneed, nalso;
	const char *need[SCORE_KEY_MAX]; /* the signs to find: the author's `signs`, else the detector's */
	const char *also[SCORE_KEY_MAX]; /* further signs the detector sees: worth noticing, never required */
};

struct mark {
	double credit;        /* 0..1 */
	enum outcome outcome;
	size_t hits, near, wrong; /* signs to find named, same/neighbouring stage, unrelated picks */
	size_t missed;        /* signs to find the learner did not name */
	size_t also;          /* "also worth noticing" signs the learner named (no penalty, no bonus) */
	size_t nextra;        /* picks that are not in the message (near + wrong) ... */
	const char *extra[ANSWER_MAX]; /* ... their ids, for the kind sentence about them */
};

struct tally {
	double credit[STAGE_COUNT]; /* by the verdict's stage; STAGE_NONE: telling "fine" apart */
	int turns[STAGE_COUNT];
};

/* The key of a question from the detector's verdict and the author's intent (expect and signs
 * may be NULL: not stated; signs without expect take their first sign's stage from cats). The
 * key points into v and signs: keep them while it is used. */
struct key score_key(const struct verdict *v, const char *expect, const char *const *signs,
		     const struct category *cats, size_t ncats);
/* Whether the key names category id among the signs to find, or among the others. */
bool key_needs(const struct key *k, const char *id);
bool key_also(const struct key *k, const char *id);
/* Mark an answer against a key. cats: the categories (for their stages). */
struct mark score_turn(const struct key *k, const struct answer *a, enum level level,
		       const struct category *cats, size_t ncats);
void tally_add(struct tally *t, enum stage st, const struct mark *m);
/* Overall percentage (0-100) over every asked turn; -1 when none was asked. */
int tally_percent(const struct tally *t);
/* Percentage for one stage; -1 when none was asked. */
int tally_stage_percent(const struct tally *t, enum stage st);
const char *outcome_id(enum outcome o);
const char *level_id(enum level l);

#endif
