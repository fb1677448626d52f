/* transcript: design.md's transcript format, read as a stream of messages. Bad lines are
 * warned about (with their line number) and skipped; memory stays flat whatever the size. */
#ifndef WASPADA_TRANSCRIPT_H
#define WASPADA_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TRANSCRIPT_MAX_LINE (64 * 1024)  /* longer lines are skipped with a warning */
#define TRANSCRIPT_MAX_WARNINGS 20       /* then one summary line */

struct transcript_msg {
	long line;          /* 1-based line in the input */
	int conversation;   /* 1-based */
	const char *speaker;
	const char *text;
	size_t text_len;
	bool child;         /* the speaker is the one a "# child: NAME" comment names */
};

struct transcript {
	FILE *f;
	const char *name;
	char *buf;          /* read buffer */
	size_t len, pos;    /* bytes in buf, start of the unread part */
	bool eof, skipping; /* skipping: inside an over-long line */
	long line;
	int conversation;
	bool in_conversation;
	char *child;        /* speaker named by "# child:" in this conversation */
	char *speaker;      /* storage for the current message's speaker */
	long warnings, usable;
};

void transcript_open(struct transcript *t, FILE *f, const char *name);
/* The next message; false at the end of input. */
bool transcript_next(struct transcript *t, struct transcript_msg *m);
/* Close (not the FILE) and print how many warnings were not shown. */
void transcript_close(struct transcript *t);

#endif
