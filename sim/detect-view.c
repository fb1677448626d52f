/* detect-view: a conversation's messages and verdicts for the read-only chat screen (see
 * detect-view.h). The verdicts are the detector's, copied out of its arena: the screen only
 * shows them. */
#include "detect-view.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Start an empty window for conversation (1-based). */
struct detect_view *
detect_view_new(int conversation)
{
	struct detect_view *dv = xcalloc(1, sizeof(*dv));

	dv->conversation = conversation;
	return dv;
}

/* Free one held message. */
static void
msg_free(struct detect_view_msg *m)
{
	free(m->speaker);
	free(m->text);
	free(m->time);
	for (size_t k = 0; k < m->ncategories; k++)
		free(m->categories[k]);
	free(m->categories);
	free(m->spans);
	free(m->explanation);
	memset(m, 0, sizeof(*m));
}

/* Free the window and every message it holds. */
void
detect_view_free(struct detect_view *dv)
{
	if (dv == NULL)
		return;
	for (size_t i = 0; i < dv->n; i++)
		msg_free(&dv->msg[(dv->head + i) % dv->cap]);
	free(dv->msg);
	free(dv->chat);
	free(dv);
}

/* Remember the chat's name. */
void
detect_view_chat(struct detect_view *dv, const char *chat)
{
	free(dv->chat);
	dv->chat = chat != NULL ? xstrdup(chat) : NULL;
}

/* Drop the oldest held message. */
static void
drop_oldest(struct detect_view *dv)
{
	struct detect_view_msg *m = &dv->msg[dv->head];

	dv->bytes -= m->len;
	msg_free(m);
	dv->head = (dv->head + 1) % dv->cap;
	dv->n--;
}

/* Keep a message and its verdict (see detect-view.h). */
void
detect_view_add(struct detect_view *dv, long line, const char *time, const char *speaker,
		const char *text, size_t len, bool child, const struct verdict *v)
{
	struct detect_view_msg *m;
	size_t k;

	dv->total++;
	/* The ring grows by doubling up to its cap, so a short chat costs little. */
	if (dv->n == dv->cap && dv->cap < DETECT_VIEW_MAX) {
		size_t cap = dv->cap ? dv->cap * 2 : 64;
		struct detect_view_msg *msg;
		if (cap > DETECT_VIEW_MAX)
			cap = DETECT_VIEW_MAX;
		msg = xcalloc(cap, sizeof(*msg));
		for (k = 0; k < dv->n; k++)
			msg[k] = dv->msg[(dv->head + k) % dv->cap];
		free(dv->msg);
		dv->msg = msg;
		dv->cap = cap;
		dv->head = 0;
	}
	while (dv->n > 0 && (dv->n == dv->cap || dv->bytes + len > DETECT_VIEW_BYTES))
		drop_oldest(dv);
	m = &dv->msg[(dv->head + dv->n) % dv->cap];
	dv->n++;
	dv->bytes += len;
	*m = (struct detect_view_msg){
		.line = line, .speaker = xstrdup(speaker), .text = xstrndup(text, len),
		.time = time != NULL ? xstrdup(time) : NULL, .len = len, .child = child,
		.stage = v->stage, .confidence = v->confidence,
		.explanation = xstrdup(v->explanation != NULL ? v->explanation : ""),
	};
	if (v->ncategories > 0) {
		m->categories = xcalloc(v->ncategories, sizeof(*m->categories));
		for (k = 0; k < v->ncategories; k++)
			m->categories[k] = xstrdup(v->categories[k]);
		m->ncategories = v->ncategories;
	}
	/* only spans inside the text: the screen trusts them as byte offsets */
	if (v->nspans > 0)
		m->spans = xcalloc(v->nspans, sizeof(*m->spans));
	for (k = 0; k < v->nspans; k++)
		if (v->spans[k].start < v->spans[k].end && v->spans[k].end <= len)
			m->spans[m->nspans++] = v->spans[k];
}

/* Message i, oldest first. */
const struct detect_view_msg *
detect_view_get(const struct detect_view *dv, size_t i)
{
	return i < dv->n ? &dv->msg[(dv->head + i) % dv->cap] : NULL;
}

/* The next (or previous) message with a warning sign (see detect-view.h). */
size_t
detect_view_next_sign(const struct detect_view *dv, size_t i, int dir)
{
	size_t k = i;

	for (;;) {
		if (dir > 0)
			k = k == (size_t)-1 ? 0 : k + 1;
		else if (k == 0 || k == (size_t)-1)
			return (size_t)-1;
		else
			k--;
		if (k >= dv->n)
			return (size_t)-1;
		if (detect_view_get(dv, k)->stage != STAGE_NONE)
			return k;
	}
}

/* How many held messages have a sign. */
size_t
detect_view_signs(const struct detect_view *dv)
{
	size_t i, n = 0;

	for (i = 0; i < dv->n; i++)
		n += detect_view_get(dv, i)->stage != STAGE_NONE;
	return n;
}
