/* summary: a class's results counted once, so that the text, CSV, JSON and HTML reports
 * always show the same numbers (docs/teachers.md says what each figure means). */
#ifndef WASPADA_SUMMARY_H
#define WASPADA_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "detector.h"
#include "results.h"

#define SUMMARY_SIGNS 32  /* room for the lexicon's categories (15 today) */

/* One warning sign: how often the detector found it on an asked message, and how often the
 * learner named it (at beginner level: named its stage). */
struct summary_count {
	int shown, caught;
};

struct summary_pupil {
	const char *name;      /* the nickname; the results file when there is none */
	const char *lang;      /* the language of their newest attempt */
	const char *class_code;
	size_t attempts, finished;     /* scenario attempts (quizzes apart) */
	long seconds;                  /* time in finished attempts */
	int average;                   /* mean score of finished attempts, percent; -1: none */
	struct summary_count signs[SUMMARY_SIGNS];
	struct summary_count all;      /* every sign together */
	struct summary_count fine;     /* harmless messages: shown, and flagged as worrying */
	int before, after;             /* first and last finished quiz, percent; -1: none */
	const char *before_form, *after_form; /* their scenario ids (quiz-a, quiz-b) */
	long score_sum;                /* (for average) */
};

/* A message of a scenario the class answered: how often it was asked and missed (for a harmless
 * message, stage STAGE_NONE: flagged as worrying). */
struct summary_message {
	const char *scenario, *lang, *step;
	int shown, missed;
	enum stage stage;
	const char *categories[4];     /* the verdict's, as recorded (first few) */
	size_t ncategories;
};

struct summary {
	const struct attempt **rows;   /* every attempt with a scenario, by start: the CSV's rows */
	size_t nrows;
	const struct category *cats;   /* the signs, grouped by stage (NULL: not counted) */
	size_t ncats;
	struct summary_pupil *pupils;  /* needing attention first (fewest signs caught) */
	size_t npupils;
	size_t attempts, finished;     /* scenario attempts (quizzes apart) */
	int average;                   /* mean score of finished scenario attempts; -1: none */
	long seconds;                  /* time in finished scenario attempts */
	struct summary_count signs[SUMMARY_SIGNS]; /* by index into cats */
	struct summary_count fine;
	struct summary_message *messages; /* most missed first, worrying and harmless together */
	size_t nmessages;
	size_t paired;                 /* pupils with a before and an after quiz */
	int before, after, gain;       /* class means over paired pupils; -1 / 0 when none */
};

/* Count set (sorted by start in place). cats may be NULL: then only the rows and the totals. */
void summary_build(struct summary *s, struct results_set *set, const struct category *cats,
		   size_t ncats);
void summary_free(struct summary *s);
/* caught/shown as a rounded percent; -1 when never shown. */
int summary_percent(const struct summary_count *c);
/* The index in cats of a category id, or -1. */
int summary_sign_index(const struct summary *s, const char *id);

#endif
