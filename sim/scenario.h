/* scenario: the one model of a scenario that both loaders fill and every command uses. */
#ifndef WASPADA_SCENARIO_H
#define WASPADA_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "tree.h"
#include "util.h"

enum platform { PLATFORM_GAME, PLATFORM_CHATROOM, PLATFORM_MESSENGER };

/* Speakers other than contacts. Contacts are 0..ncontacts-1. */
#define SPEAKER_PERSONA (-1)
#define SPEAKER_SYSTEM  (-2)

struct persona {
	const char *name, *gender, *hobby;
	int age;
};

struct contact {
	const char *id, *name, *role;
	int line, col;
};

struct choice {
	const char *text;   /* what the persona writes in the chat (NULL: nothing) */
	const char *action; /* what the persona does, shown as narration (NULL: just the text) */
	const char *next;  /* step or ending id; NULL: the step after the choice */
	int target;        /* resolved: step index, or -(ending index + 1) */
	int line, col;
};

enum step_kind { STEP_MESSAGE, STEP_CHOICE };

struct step {
	enum step_kind kind;
	const char *id;
	int line, col;
	/* message */
	const char *from;   /* contact id, "persona" or "system" */
	int speaker;        /* contact index or SPEAKER_* */
	const char *text;
	double delay;       /* seconds of "typing..." before it appears; <0: the default */
	bool ask;           /* ask the learner what they notice */
	const char *expect; /* author's intended stage, checked by `check` (NULL: not stated) */
	const char **signs; /* author's intended categories (NULL-terminated, may be NULL) */
	int moves_to;       /* a system message that moves the chat: the new platform, else -1 */
	const char *moves_place; /* ... and the new place (may be NULL) */
	/* choice */
	struct choice *choices;
	size_t nchoices;
	/* flow */
	const char *next;   /* NULL: the following step */
	int target;         /* resolved like choice.target; a message's default is the next index */
};

enum ending_kind { ENDING_SAFE, ENDING_NEUTRAL, ENDING_HARMED };

struct ending {
	const char *id, *title, *text;
	enum ending_kind kind;
	const char **advice; /* NULL-terminated */
	int line, col;
};

/* A test plan: the lines a learner would type in plain mode, and what they must lead to. */
struct test_plan {
	const char *name;
	const char **input;  /* NULL-terminated */
	const char *ending;  /* expected ending id (NULL: any) */
	int score;           /* expected overall percent (-1: any) */
	int line, col;
};

struct scenario {
	struct arena arena;
	const char *path;
	const char *id, *lang, *title, *summary, *difficulty, *place;
	int version, order, minutes;
	enum platform platform;
	struct persona persona;
	struct contact *contacts;
	size_t ncontacts;
	struct step *steps;
	size_t nsteps;
	struct ending *endings;
	size_t nendings;
	struct tree *signals; /* extra lexicon signals for the detector, as written; may be NULL */
	struct test_plan *tests;
	size_t ntests;
};

#define SCENARIO_MAX_STEPS 10000

/* Load a scenario from a .yaml/.yml or .lua file. Every problem goes to d; NULL when the
 * file has errors. */
struct scenario *scenario_load(const char *path, struct diags *d);
/* Build and check a scenario from a located tree (both loaders end here). */
struct scenario *scenario_from_tree(struct tree *root, struct arena *a, const char *path,
				    struct diags *d);
void scenario_free(struct scenario *s);

const char *platform_name(enum platform p);
/* The display name of a speaker. */
const char *scenario_speaker_name(const struct scenario *s, int speaker);
/* Index of the step or ending an id names: >= 0 a step, < 0 -(ending + 1); INT_MIN if none. */
int scenario_find(const struct scenario *s, const char *id);
/* Number of messages on the longest path... the number of question points in the file. */
size_t scenario_questions(const struct scenario *s);

/* Warn where two language versions of one scenario (same id) differ in shape or version. */
void scenario_compare_translation(const struct scenario *a, const struct scenario *b, struct diags *d);

/* Stage ids in the seed's order; STAGE_NONE last. */
enum stage { STAGE_TRUST, STAGE_ISOLATION, STAGE_SEXUALIZATION, STAGE_CONTROL, STAGE_EXTORTION,
	     STAGE_NONE, STAGE_COUNT };
const char *stage_id(enum stage st);
/* STAGE_COUNT when id is not a stage. */
enum stage stage_from_id(const char *id);

#endif
