/* findings: what `detect` tells a person about a chat (the default on a terminal): per
 * conversation, the stages it saw and when, the messages that worry it most with their evidence,
 * then what to do next and who can help. Memory: a few messages per conversation. */
#ifndef WASPADA_FINDINGS_H
#define WASPADA_FINDINGS_H

#include <stdio.h>

#include "detector.h"

struct findings;

/* Start; lang is the reader's language (stage names, advice); name and format (NULL for a
 * transcript or a scenario) say what was read. */
struct findings *findings_new(FILE *out, struct detector *det, const char *lang, const char *name,
			      const char *format);
/* Whom the conversation's child was taken to be (guessed, not named). */
void findings_child(struct findings *f, int conversation, const char *child);
/* The conversation's chat has a name (Telegram). */
void findings_chat(struct findings *f, int conversation, const char *chat);
/* One judged message. */
void findings_add(struct findings *f, int conversation, long line, const char *time, const char *speaker,
		  const char *text, size_t len, const struct verdict *v);
/* Print the last conversation and the advice; left_out: media and system lines not judged. */
void findings_finish(struct findings *f, long left_out);
/* After findings_finish: the number of the last conversation (how many there were), and the one
 * with the most warning signs (0 when none had any): what the offer to open one names. */
int findings_conversations(const struct findings *f);
int findings_worst(const struct findings *f);
void findings_free(struct findings *f);

#endif
