/* engine: the turn loop of one attempt at a scenario. It knows no terminal: a frontend
 * (ui-plain.c, ui-curses.c) shows what happens and brings back the learner's answers. */
#ifndef WASPADA_ENGINE_H
#define WASPADA_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "detector.h"
#include "scenario.h"
#include "results.h"
#include "score.h"


/* One message as shown in the chat, with what the detector and the learner said of it. */
struct entry {
	int step;             /* index into scenario.steps */
	int speaker;          /* contact index or SPEAKER_* */
	const char *text;     /* the message (a choice's text for the persona's replies) */
	struct verdict verdict;
	bool asked;           /* the learner was asked about it */
	struct key key;       /* valid when asked: what the question asks to find (score.h) */
	const char *contrast; /* a fine message from someone the child knows: the category the
			       * same words would show from a stranger (NULL: none) */
	struct answer answer; /* valid when asked and answered */
	struct mark mark;     /* valid when asked and answered */
	double clock;         /* seconds into the attempt when it appeared (for timestamps) */
};

struct play;

struct frontend {
	void *ui;
	/* The attempt begins (the chat's header, the persona); with a resumed attempt, the log
	 * already holds the restored messages when this is called. */
	void (*start)(void *ui, struct play *p);
	/* Entry i arrives (after a typing pause the frontend decides). false: the learner quit. */
	bool (*message)(void *ui, struct play *p, size_t i);
	/* Ask what the learner notices in entry i. false: input ended or the learner quit. */
	bool (*ask)(void *ui, struct play *p, size_t i, struct answer *out);
	/* Show the mark and the detector's evidence for entry i. */
	void (*feedback)(void *ui, struct play *p, size_t i);
	/* The persona must reply: return a choice index, or -1 when input ended or the learner quit. */
	int (*choose)(void *ui, struct play *p, const struct step *st);
	/* The scenario reached an ending: debrief, score per stage, what to do, helplines. */
	void (*ending)(void *ui, struct play *p, const struct ending *e);
};

struct play {
	struct scenario *s;
	struct detector *det;
	bool det_borrowed;    /* det belongs to the caller */
	const char *lang;     /* language of explanations: the scenario's */
	enum platform platform; /* where the chat is now (a system message may move it) */
	const char *place;
	enum level level;
	bool reveal;          /* teacher's preview: show the detector's verdict on every message */
	bool instant;         /* no typing pauses */
	struct entry *log;    /* everything shown so far, in order */
	size_t nlog, caplog;
	int pos;              /* the step to play next; < 0 after an ending */
	const struct ending *ending;
	struct tally tally;   /* scores so far */
	struct results *results; /* may be NULL: nothing is saved */
	const struct attempt *resume; /* an interrupted attempt being replayed (NULL: none, or done) */
	size_t resume_pos;    /* next event of resume to replay */
	size_t restored;      /* answers restored from it */
	size_t replayed;      /* log entries that came from the replay (shown by start) */
	bool shown;           /* the frontend's start has been called */
	double started;       /* monotonic seconds at the start */
};

/* Prepare an attempt; the detector gets the scenario's own signals. false after diagnostics. */
bool play_init(struct play *p, struct scenario *s, struct diags *d);
/* The same with a detector that the caller keeps (check's test plans share one). */
void play_init_with(struct play *p, struct scenario *s, struct detector *det);
void play_free(struct play *p);
/* Run the turn loop to an ending. 0: finished; 1: input ended or the learner quit (saved). */
int engine_run(struct play *p, const struct frontend *fe);
/* Seconds on a monotonic clock. */
double engine_now(void);

#endif
