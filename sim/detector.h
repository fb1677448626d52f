/* detector: the C side of the one stage detector (lua/detector.lua): load it with its
 * lexicons, feed it messages, read back its verdicts. */
#ifndef WASPADA_DETECTOR_H
#define WASPADA_DETECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "scenario.h"
#include "tree.h"

struct span {
	size_t start, end; /* [start, end) bytes in the message text */
};

struct verdict {
	enum stage stage;
	double confidence;
	const char **categories; /* category ids */
	size_t ncategories;
	const char **signals;    /* fine-grained signal ids */
	size_t nsignals;
	struct span *spans;
	size_t nspans;
	const char *explanation;
	const char *features;    /* what the model read (detector_keep_features), else NULL */
	struct arena arena;      /* holds everything above */
};

/* A warning-sign category the learner can pick (from the lexicon's data). */
struct category {
	const char *id;
	enum stage stage;
	const char *label[2]; /* [0] Indonesian, [1] English */
	const char *hint[2];
};

struct detector;

/* Load the detector and every lexicon under DATADIR/lua/lexicon/, plus a scenario's own
 * signals (may be NULL). NULL with diagnostics when it cannot start. */
struct detector *detector_open(const struct tree *extra_signals, const char *extra_path,
			       struct diags *d);
void detector_close(struct detector *det);
/* `check`: warnings (W104) for what the detector could not use of a scenario's own signals. */
void detector_check_signals(struct detector *det, const struct tree *signals, const char *path,
			    struct diags *d);
/* A scenario's contacts' `role:` decides who they are (family, staff...) over their names. */
void detector_scenario_roles(struct detector *det, const struct scenario *s);
/* Keep each message's model features in its verdict (`detect --features`, for `make train`). */
void detector_keep_features(struct detector *det);
/* Forget the conversation so far. */
void detector_reset(struct detector *det);
/* Judge one message. persona: the line is the learner's (the child's) own. Returns false with
 * a message in *err (valid until the next failure) when the detector failed; *out then holds
 * nothing to free. */
bool detector_message(struct detector *det, const char *speaker, const char *text, size_t len,
		      const char *lang, bool persona, struct verdict *out, const char **err);
void verdict_free(struct verdict *v);
/* The conversation state so far, kept in the detector (a handle > 0), to return to with
 * detector_restore as often as needed; detector_drop frees it. 0 on failure. */
int detector_snapshot(struct detector *det);
bool detector_restore(struct detector *det, int snap);
void detector_drop(struct detector *det, int snap);
/* "id" or "en" for a conversation's messages. */
const char *detector_guess_lang(struct detector *det, const char *const *texts, size_t n);
/* The categories, grouped by stage in the seed's order. */
const struct category *detector_categories(struct detector *det, size_t *n);
/* The learner-facing name of a stage in a language (from the lexicon's data). */
const char *detector_stage_label(struct detector *det, enum stage st, const char *lang);
/* Index of a language in category labels: 0 for "id", 1 otherwise. */
int lang_index(const char *lang);

#endif
