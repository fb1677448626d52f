/* detect-view: one conversation of a chat `detect` read, kept for the read-only chat screen
 * (ui-curses-view.c): its messages with the detector's verdicts, oldest first. No terminal here.
 * Bounded: a conversation longer than DETECT_VIEW_MAX messages (or DETECT_VIEW_BYTES of text)
 * keeps its newest ones, and says how many there were. */
#ifndef WASPADA_DETECT_VIEW_H
#define WASPADA_DETECT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "detector.h"

#define DETECT_VIEW_MAX 5000               /* messages held */
#define DETECT_VIEW_BYTES (16 * 1024 * 1024) /* bytes of text held */

/* One message as the chat screen shows it, with what the detector said of it. */
struct detect_view_msg {
	long line;
	char *speaker, *text, *time;   /* time: ISO 8601 as the export wrote it, or NULL */
	size_t len;
	bool child;                    /* the conversation's child wrote it */
	enum stage stage;              /* STAGE_NONE: no warning sign */
	double confidence;
	char **categories;             /* category ids */
	size_t ncategories;
	struct span *spans;            /* the evidence, bytes of text */
	size_t nspans;
	char *explanation;
};

struct detect_view {
	int conversation;
	char *chat;                    /* the chat's name, or NULL */
	struct detect_view_msg *msg;   /* a ring of cap messages */
	size_t cap, n, head;           /* head: the oldest */
	size_t bytes;                  /* text held */
	long total;                    /* messages seen, held or not */
};

struct detect_view *detect_view_new(int conversation);
void detect_view_free(struct detect_view *dv);
/* The conversation's chat has a name (Telegram). */
void detect_view_chat(struct detect_view *dv, const char *chat);
/* Keep one judged message (the oldest goes when the window is full). */
void detect_view_add(struct detect_view *dv, long line, const char *time, const char *speaker,
		     const char *text, size_t len, bool child, const struct verdict *v);
/* Message i of those held, 0 the oldest. */
const struct detect_view_msg *detect_view_get(const struct detect_view *dv, size_t i);
/* The next message with a warning sign after i (dir 1) or before it (dir -1); from (size_t)-1
 * forwards starts at the first. Returns its index, or (size_t)-1 when there is none. */
size_t detect_view_next_sign(const struct detect_view *dv, size_t i, int dir);
/* Messages held that have a warning sign. */
size_t detect_view_signs(const struct detect_view *dv);

#endif
