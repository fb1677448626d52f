/* results: a learner's attempts, one JSON record a line, appended and flushed turn by turn
 * under $XDG_DATA_HOME/waspada/results.jsonl (docs/teachers.md describes the records). */
#ifndef WASPADA_RESULTS_H
#define WASPADA_RESULTS_H

#include <stdbool.h>

#include "score.h"

struct play;
struct entry;
struct ending;

struct results;

/* Open the learner's results file for appending (creating its folder). NULL with *err set
 * (a sentence for the learner) when it cannot be written: playing goes on without saving. */
struct results *results_open(const char *path, char **err);
void results_close(struct results *r);
/* The default results file of this learner. Freshly allocated. */
char *results_default_path(void);

/* Each record is written whole and flushed to disk before returning; false on failure
 * (then *err, a sentence, is set once). */
bool results_start(struct results *r, const struct play *p, const char *nickname,
		   const char *class_code);
bool results_turn(struct results *r, const struct play *p, const struct entry *e);
bool results_choice(struct results *r, const struct play *p, const struct step *st, int choice);
bool results_end(struct results *r, const struct play *p);
const char *results_error(const struct results *r);
const char *results_attempt(const struct results *r);

#endif
