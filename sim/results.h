/* results: a learner's attempts, one JSON record a line, appended and flushed turn by turn
 * under $XDG_DATA_HOME/waspada/results.jsonl (docs/teachers.md describes the records). */
#ifndef WASPADA_RESULTS_H
#define WASPADA_RESULTS_H

#include <stdbool.h>

#include "diag.h"
#include "score.h"

struct results;

/* What an attempt's first record says: what is played, by whom (a nickname at most). The
 * records are plain values, so results.c needs nothing of the engine that fills them. */
struct results_begin {
	const char *scenario, *lang, *level;
	int version;
	const char *nickname, *class_code; /* NULL or "": not written */
};

/* Open the learner's results file for appending (creating its folder). NULL with *err set
 * (a sentence for the learner) when it cannot be written: playing goes on without saving. */
struct results *results_open(const char *path, char **err);
void results_close(struct results *r);
/* The default results file of this learner. Freshly allocated. */
char *results_default_path(void);

/* Each record is written whole and flushed to disk before returning; false on failure
 * (then *err, a sentence, is set once). */
bool results_start(struct results *r, const struct results_begin *b);
/* One answered question (the step's id): its key, the answer and the mark. */
bool results_turn(struct results *r, const char *step, const struct key *key, const struct answer *a,
		  const struct mark *m);
/* A reply choice (0-based) the persona made at a step. */
bool results_choice(struct results *r, const char *step, int choice);
/* The attempt reached an ending (its id, "" for none) after seconds: the scores per stage. */
bool results_end(struct results *r, const char *ending, double seconds, const struct tally *t);
const char *results_error(const struct results *r);


/* Reading results back (report, resume). */
struct record_turn {
	const char *step;
	enum stage stage;
	const char **categories; /* the verdict's */
	size_t ncategories;
	const char **answer;
	size_t nanswer;
	bool nothing;
	double credit;
};

struct record_event {     /* a turn or a choice, in the order they happened */
	bool is_choice;
	const char *step;
	int choice;           /* 0-based, for a choice */
	size_t turn;          /* index into attempt.turns, for a turn */
};

struct attempt {
	const char *id, *file, *scenario, *lang, *level, *nickname, *class_code, *started, *ending;
	int version;
	bool finished;
	long duration;        /* seconds, when finished */
	int score;            /* percent; -1 when not known */
	int stage_score[STAGE_COUNT]; /* percent; -1 when that stage was not asked */
	struct record_turn *turns;
	size_t nturns;
	struct record_event *events;
	size_t nevents;
};

struct results_set {
	struct attempt *v;
	size_t n;
	struct arena arena;
};

/* Read one results file into set (appending). Damaged lines are reported in d as warnings
 * with their line and skipped; the good records are kept. false when the file cannot be read. */
bool results_read(struct results_set *set, const char *path, struct diags *d);
void results_set_free(struct results_set *set);
/* The newest unfinished attempt at a scenario (id, language), or NULL. */
const struct attempt *results_unfinished(const struct results_set *set, const char *scenario,
					 const char *lang);
/* Continue an attempt: later records carry its id. */
void results_continue(struct results *r, const char *attempt);

#endif
