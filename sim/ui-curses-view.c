/* ui-curses-view: a chat `detect` read, shown read-only in the chat screen's look (docs/detect.md):
 * the export's speakers and times, the messages in order, and the detector's warning signs lit
 * up in the words themselves with the note under them, as a learner sees them in --reveal and
 * the feedback. No intro, no questions, no score, nothing written: the verdicts come from the
 * detector (detect-view.c holds them) and this file only shows them. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "detect-view.h"
#include "help.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"
#include "view.h"

#define NONE ((size_t)-1)
#define PANEL_MAX 9     /* rows of the panel under the chat: the chat keeps the rest (11 at 80x24) */
#define NAMES 32        /* speakers with a colour of their own, in the order they first speak */

struct reader {
	struct detect_view *dv;
	struct detector *det;
	struct view_log log;
	size_t *msg_of;       /* per log item: the message it shows, or NONE (a day, the cut) */
	size_t *item_of;      /* per message: its log item */
	bool times;           /* the export has times: the chat shows them */
	size_t cur;           /* the message with a sign the panel explains, or NONE */
	size_t nsigns;
	bool lit[STAGE_COUNT];
	const char *names[NAMES];
	size_t nnames;
	char *title;          /* who the chat is with */
	struct view_doc doc;  /* the panel's text for cur */
	const char *warn;     /* one line of advice in the status line */
	struct view_layout lo;
	struct view_row *rows;
	size_t caprows;
	int li;
};

/* A speaker's colour: the child has the persona's, the others one each in order of arrival. */
static int
speaker_style(struct reader *r, const struct detect_view_msg *m)
{
	size_t k;

	if (m->child)
		return UIC_PERSONA;
	for (k = 0; k < r->nnames; k++)
		if (strcmp(r->names[k], m->speaker) == 0)
			return UIC_SPEAKER0 + (int)(k % 5);
	if (r->nnames < NAMES) {
		r->names[r->nnames] = m->speaker;
		return UIC_SPEAKER0 + (int)(r->nnames++ % 5);
	}
	return UIC_SPEAKER0 + (int)(util_hash(m->speaker) % 5);
}

/* "16:05" of an ISO time ("2026-07-21T16:05:12"), or "" when it has none. */
static void
clock_of(const char *iso, char out[8])
{
	out[0] = '\0';
	if (iso != NULL && strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(out, 8, "%.5s", iso + 11);
}

/* Add a line of the chat's own (a day, the cut): system style, not a message. */
static void
add_line(struct reader *r, const char *text)
{
	struct view_item it = {.text = xstrdup(text), .len = strlen(text)};
	size_t i = view_log_add(&r->log, &it);

	r->msg_of = xrealloc(r->msg_of, (i + 1) * sizeof(*r->msg_of));
	r->msg_of[i] = NONE;
}

/* The log's items: the cut (when the chat was longer than the window), a line for each new day,
 * each message with its time and name before it and a note under it when it has a sign. */
static void
build(struct reader *r)
{
	struct detect_view *dv = r->dv;
	char day[11] = "";
	size_t i;

	r->item_of = xcalloc(dv->n ? dv->n : 1, sizeof(*r->item_of));
	for (i = 0; i < dv->n; i++)
		r->times |= detect_view_get(dv, i)->time != NULL;
	if (dv->total > (long)dv->n) {
		char *t = xasprintf(_("Only the last %zu of the %ld messages are shown here; the report "
				      "above counted them all."), dv->n, dv->total);
		add_line(r, t);
		free(t);
	}
	for (i = 0; i < dv->n; i++) {
		const struct detect_view_msg *m = detect_view_get(dv, i);
		struct view_item it = {.text = m->text, .len = m->len};
		int tw = r->times ? 6 : 0, nw = view_width(m->speaker, strlen(m->speaker));
		size_t k;
		if (m->time != NULL && strlen(m->time) >= 10 && strncmp(day, m->time, 10) != 0) {
			char *t;
			snprintf(day, sizeof day, "%.10s", m->time);
			t = xasprintf("\xe2\x80\x94 %s \xe2\x80\x94", day);
			add_line(r, t);
			free(t);
		}
		it.prefix = tw + (nw < 20 ? nw : 20) + 2;
		it.indent = it.prefix <= 24 ? it.prefix : tw;
		if (m->child)
			it.maxw = r->log.width * 3 / 4;
		if (m->stage != STAGE_NONE) {
			it.extra = 1; /* the detector's note, as --reveal shows it */
			r->nsigns++;
			if (m->stage < STAGE_NONE)
				r->lit[m->stage] = true;
		}
		k = view_log_add(&r->log, &it);
		r->msg_of = xrealloc(r->msg_of, (k + 1) * sizeof(*r->msg_of));
		r->msg_of[k] = i;
		r->item_of[i] = k;
		speaker_style(r, m); /* colours in the order people first speak */
	}
}

/* The header's name: the chat's own, else whoever the child talks with. */
static char *
chat_title(struct reader *r)
{
	struct buf b = {0};
	size_t k, shown = 0;

	if (r->dv->chat != NULL)
		return xstrdup(r->dv->chat);
	for (k = 0; k < r->dv->n && shown < 4; k++) {
		const struct detect_view_msg *m = detect_view_get(r->dv, k);
		bool seen = false;
		if (m->child)
			continue;
		for (size_t j = 0; j < k && !seen; j++) {
			const struct detect_view_msg *o = detect_view_get(r->dv, j);
			seen = !o->child && strcmp(o->speaker, m->speaker) == 0;
		}
		if (seen)
			continue;
		buf_adds(&b, shown++ ? ", " : "");
		buf_adds(&b, m->speaker);
	}
	return b.s != NULL ? b.s : xstrdup("");
}

/* The label of a category id in the reader's language. */
static const char *
category_label(struct reader *r, const char *id, const char **hint)
{
	size_t n, k;
	const struct category *cats = detector_categories(r->det, &n);

	for (k = 0; k < n; k++)
		if (strcmp(cats[k].id, id) == 0) {
			*hint = cats[k].hint[r->li];
			return cats[k].label[r->li];
		}
	*hint = NULL;
	return id;
}

/* The panel's words for the chosen message: its stage and signs, the evidence, the detector's
 * explanation and the first sign's kind sentence, as the feedback words them. */
static void
explain(struct reader *r)
{
	const struct detect_view_msg *m;
	struct buf b = {0}, hints = {0};
	size_t k;

	view_doc_free(&r->doc);
	view_doc_init(&r->doc);
	if (r->cur == NONE)
		return;
	m = detect_view_get(r->dv, r->cur);
	buf_addf(&b, "%s: %s", _("Stage"), detector_stage_label(r->det, m->stage, i18n_lang()));
	for (k = 0; k < m->ncategories; k++) {
		const char *hint, *label = category_label(r, m->categories[k], &hint);
		buf_adds(&b, k == 0 ? " \xe2\x80\x94 " : "; ");
		buf_adds(&b, label);
		/* the first sign's sentence only: the panel is a few rows, and the chat is the point */
		if (hints.s == NULL && hint != NULL && hint[0] != '\0' && strcmp(hint, m->explanation) != 0)
			buf_adds(&hints, hint);
	}
	view_doc_add(&r->doc, UIC_NORMAL, 0, b.s);
	buf_free(&b);
	for (k = 0; k < m->nspans; k++) {
		if (k == 0)
			buf_addf(&b, "%s: ", _("Look at"));
		else
			buf_adds(&b, ", ");
		buf_adds(&b, "\xe2\x80\x9c");
		buf_add(&b, m->text + m->spans[k].start, m->spans[k].end - m->spans[k].start);
		buf_adds(&b, "\xe2\x80\x9d");
	}
	if (b.s != NULL)
		view_doc_add(&r->doc, UIC_NOTE, 0, b.s);
	buf_free(&b);
	if (m->explanation[0] != '\0')
		view_doc_add(&r->doc, UIC_NORMAL, 0, m->explanation);
	if (hints.s != NULL) {
		/* the sign's kind sentence is written to a child: say so to the adult reading it */
		buf_addf(&b, "%s %s", _("What Waspada teaches children:"), hints.s);
		view_doc_add(&r->doc, UIC_DIM, 0, b.s);
		buf_free(&b);
	}
	buf_free(&hints);
}

/* Lay the screen out for its size and the panel's text; false when it is too small. */
static bool
layout(struct reader *r)
{
	int cols, rows, panel = 0;

	ui_curses_size(&cols, &rows);
	if (r->cur != NONE) {
		if (r->doc.width != cols - 4)
			view_doc_wrap(&r->doc, cols - 4);
		panel = 1 + (int)r->doc.nlines;
		if (panel > PANEL_MAX)
			panel = PANEL_MAX;
	}
	view_layout(&r->lo, cols, rows, false, panel);
	if (r->lo.too_small)
		return false;
	view_log_resize(&r->log, r->lo.chat.w - 2, r->lo.chat.h);
	return true;
}

/* Rows [from, from + h) of log item i at screen row y; returns rows drawn. As the chat screen
 * draws a message in --reveal: the evidence in the highlight, "detector: stage (0.85)" under it. */
static int
draw_item(struct reader *r, size_t i, size_t from, int y, int h)
{
	const struct view_item *it = &r->log.v[i];
	const struct detect_view_msg *m = r->msg_of[i] != NONE ? detect_view_get(r->dv, r->msg_of[i]) : NULL;
	int first, rest, width, x0 = r->lo.chat.x + 1, drawn = 0, bw = 0, tw = r->times ? 6 : 0;
	size_t n = view_item_wrap(&r->log, it, &first, &rest, &width, &r->rows, &r->caprows), k;
	bool current = m != NULL && r->msg_of[i] == r->cur;
	char t[8];

	if (m != NULL && m->child) {
		/* The child's own messages sit on the right, like the learner's in the lessons. */
		for (k = 0; k < n; k++) {
			int rw = (k == 0 ? width - first : width - rest) + r->rows[k].width;
			if (rw > bw)
				bw = rw;
		}
		x0 += r->log.width - bw;
	}
	for (k = from; k < n && drawn < h; k++, drawn++) {
		int yy = y + drawn, tx = x0 + (k == 0 ? width - first : width - rest);
		if (m == NULL) { /* a day or the cut: centred, as chat apps show a new day */
			int rw = r->rows[k].width, cx = rw < r->log.width ? (r->log.width - rw) / 2 : 0;
			ui_curses_put_row(yy, tx + cx, width - cx, UIC_SYSTEM, it->text, r->rows[k].start,
					  r->rows[k].end, NULL, 0);
			continue;
		}
		if (k == 0) {
			int style = speaker_style(r, m);
			if (current)
				ui_curses_puts(yy, r->lo.chat.x, 1, UIC_CURRENT, "\xe2\x96\xb6");
			clock_of(m->time, t);
			if (tw > 0)
				ui_curses_puts(yy, x0, 5, current ? UIC_CURRENT : UIC_TIME, t);
			if (width - first > tw) {
				int nw = ui_curses_puts(yy, x0 + tw, width - first - tw - 1, style, m->speaker);
				ui_curses_puts(yy, x0 + tw + nw, 1, style, ":");
			}
		}
		ui_curses_put_row(yy, tx, width, UIC_NORMAL, it->text, r->rows[k].start, r->rows[k].end,
				  m->spans, m->nspans);
	}
	if (it->extra > 0 && drawn < h && from <= n) {
		char *note = xasprintf("%s: %s (%.2f)", _("detector"), ui_stage_short(m->stage), m->confidence);
		int x = x0 + (width - rest), w = r->log.width - (width - rest);
		if (view_width(note, strlen(note)) > w) {
			char *cut = view_ellipsize(note, strlen(note), w);
			free(note);
			note = cut;
		}
		ui_curses_puts(y + drawn, x, w, UIC_NOTE, note);
		free(note);
		drawn++;
	}
	return drawn;
}

/* The visible part of the chat, found by binary search (a long chat costs the screen only). */
static void
draw_chat(struct reader *r)
{
	const struct view_rect *rc = &r->lo.chat;
	size_t top, inner, i;
	int y = 0, rows = rc->h;

	if (r->log.n == 0)
		return;
	if (r->log.back > 0 && rows > 1)
		rows--; /* the "newer messages below" line's own row */
	top = view_log_top(&r->log);
	i = view_log_find(&r->log, top, &inner);
	for (; i < r->log.n && y < rows; i++, inner = 0)
		y += draw_item(r, i, inner, rc->y + y, rows - y);
	if (r->log.back > 0)
		ui_curses_more_below(rc);
}

/* Text in w columns, ending in "…" when it does not fit. */
static int
put_cut(int y, int x, int w, int style, const char *text)
{
	int used;
	char *cut;

	if (w <= 0)
		return 0;
	cut = view_ellipsize(text, strlen(text), w);
	used = ui_curses_puts(y, x, w, style, cut);
	free(cut);
	return used;
}

/* The top bar (who the chat is with; that it is read only) and the stage track under it, lit
 * for the stages the detector saw in the messages shown. */
static void
draw_header(struct reader *r, int cols)
{
	char *left = xasprintf(" \xe2\x80\xb9 %s", r->title), *right;
	int w, k, slot;

	ui_curses_fill(0, 0, cols, UIC_HEADER);
	right = xasprintf(_("Conversation %d \xc2\xb7 read only"), r->dv->conversation);
	k = view_width(right, strlen(right));
	w = put_cut(0, 0, cols - k - 3, UIC_HEADER, left);
	if (w + k + 3 <= cols)
		ui_curses_puts(0, cols - k - 1, k, UIC_HEADER, right);
	free(left);
	free(right);
	slot = (cols - 1) / STAGE_NONE;
	for (k = 0; k < STAGE_NONE; k++) {
		const char *label = ui_stage_short((enum stage)k);
		struct view_row rw[2];
		size_t n = view_wrap(label, strlen(label), slot - 3, slot - 3, rw, 2);
		int x = 1 + k * slot, st = r->lit[k] ? UIC_LIT : UIC_UNLIT;
		ui_curses_puts(1, x, 2, st, r->lit[k] ? "\xe2\x97\x8f" : "\xe2\x97\x8b");
		ui_curses_put(1, x + 2, slot - 3, st, label + rw[0].start, rw[0].end - rw[0].start);
		if (n > 1)
			put_cut(2, x + 2, slot - 3, st, label + rw[1].start);
	}
}

/* The panel: what the chosen message shows, with "sign 2 of 7" at the right of its rule. */
static void
draw_panel(struct reader *r)
{
	const struct view_rect *rc = &r->lo.panel;
	char *pos;
	int i, tw, pw;

	if (rc->h == 0 || r->cur == NONE)
		return;
	for (i = 0; i < rc->w; i++)
		ui_curses_puts(rc->y, i, 1, UIC_DIM, "\xe2\x94\x80");
	tw = ui_curses_puts(rc->y, 2, rc->w - 4, UIC_TITLE, " ");
	tw += ui_curses_puts(rc->y, 3, rc->w - 24, UIC_TITLE, _("What the message shows"));
	ui_curses_puts(rc->y, 2 + tw, 1, UIC_TITLE, " ");
	{
		size_t k = 0, nth = 0;
		for (k = detect_view_next_sign(r->dv, NONE, 1); k != NONE && k <= r->cur;
		     k = detect_view_next_sign(r->dv, k, 1))
			nth++;
		pos = xasprintf(_(" sign %zu of %zu "), nth, r->nsigns);
	}
	pw = view_width(pos, strlen(pos));
	if (tw + pw + 6 < rc->w)
		ui_curses_puts(rc->y, rc->w - pw - 2, pw, UIC_BUTTON, pos);
	free(pos);
	for (i = 0; i + 1 < rc->h && (size_t)i < r->doc.nlines; i++) {
		const struct view_line *ln = &r->doc.lines[i];
		const struct view_para *pa = &r->doc.p[ln->para];
		if (i + 2 == rc->h && (size_t)i + 1 < r->doc.nlines) {
			/* more than fits: the last row says so rather than stopping mid-sentence */
			char *t = xasprintf("%.*s\xe2\x80\xa6", (int)(ln->end - ln->start), pa->text + ln->start);
			put_cut(rc->y + 1 + i, 2 + ln->x, rc->w - 4 - ln->x, pa->style, t);
			free(t);
			break;
		}
		ui_curses_put(rc->y + 1 + i, 2 + ln->x, rc->w - 4 - ln->x, pa->style, pa->text + ln->start,
			      ln->end - ln->start);
	}
}

/* The bottom line: the keys, or one line of advice. */
static void
draw_status(struct reader *r, int cols, int rows)
{
	const char *hint = r->nsigns > 0
		? _("n: next sign   p: previous   PgUp/PgDn: scroll   ?: help   q: close")
		: _("No warning signs in these messages.   PgUp/PgDn: scroll   ?: help   q: close");

	ui_curses_fill(rows - 1, 0, cols, UIC_HEADER);
	put_cut(rows - 1, 1, cols - 2, UIC_HEADER, r->warn != NULL ? r->warn : hint);
}

/* Redraw the screen (curses sends the terminal only what changed). */
static void
draw(struct reader *r)
{
	int cols, rows;

	if (!ui_curses_fits() || !layout(r))
		return;
	ui_curses_size(&cols, &rows);
	ui_curses_clear();
	draw_header(r, cols);
	draw_chat(r);
	draw_panel(r);
	draw_status(r, cols, rows);
	ui_curses_show();
}

/* Choose message i (a sign's) for the panel and bring it into view with a little before it. */
static void
choose(struct reader *r, size_t i)
{
	r->cur = i;
	explain(r);
	if (layout(r))
		view_log_show(&r->log, r->item_of[i], 3);
}

/* The help page: the keys, then what to do next and who can help (for the adult reading). */
static bool
help_page(void)
{
	struct view_doc d;
	struct help h;
	struct diags dg = {0};
	bool ok;
	size_t i;

	view_doc_init(&d);
	view_doc_add(&d, UIC_NORMAL, 0, _("This is the chat as the export has it, read only: nothing is "
					  "changed, sent or saved. The words the detector took as a warning sign "
					  "are highlighted, as the lessons show them; the panel says what they "
					  "show. A sign is a reason to look closer and to talk with the child, "
					  "not proof."));
	view_doc_add(&d, UIC_NORMAL, 0, "");
	view_doc_add(&d, UIC_HEADING, 0, _("Keys"));
	view_doc_add(&d, UIC_NORMAL, 2, _("n, p: the next or the previous warning sign"));
	view_doc_add(&d, UIC_NORMAL, 2, _("PgUp, PgDn, Home, End, the arrows or the mouse wheel: read the "
					  "whole chat"));
	view_doc_add(&d, UIC_NORMAL, 2, _("A click on a marked message: what it shows"));
	view_doc_add(&d, UIC_NORMAL, 2, _("q: close"));
	view_doc_add(&d, UIC_NORMAL, 0, "");
	if (help_load(&h, i18n_lang(), &dg)) {
		if (h.for_adults != NULL && h.for_adults[0] != NULL) {
			view_doc_add(&d, UIC_HEADING, 0, _("What to do next:"));
			for (i = 0; h.for_adults[i] != NULL; i++) {
				char *line = xasprintf("\xe2\x80\xa2 %s", h.for_adults[i]);
				view_doc_add(&d, UIC_NORMAL, 2, line);
				free(line);
			}
			view_doc_add(&d, UIC_NORMAL, 0, "");
		}
		view_doc_add(&d, UIC_HEADING, 0, _("Who can help:"));
		for (i = 0; h.helplines != NULL && h.helplines[i] != NULL; i++) {
			char *line = xasprintf("\xe2\x80\xa2 %s", h.helplines[i]);
			view_doc_add(&d, UIC_NORMAL, 2, line);
			free(line);
		}
		if (h.never_share_images != NULL && h.never_share_images[0] != '\0') {
			view_doc_add(&d, UIC_NORMAL, 0, "");
			view_doc_add(&d, UIC_NOTE, 0, h.never_share_images);
		}
	}
	help_free(&h);
	diag_clear(&dg);
	ok = ui_curses_page(&d, _("Help"), _("PgUp/PgDn: scroll    Enter, q or ?: back"), NULL);
	view_doc_free(&d);
	return ok;
}

/* A click in the chat: the message with a sign under it, if any. */
static void
click(struct reader *r, int y, int x)
{
	const struct view_rect *rc = &r->lo.chat;
	size_t inner, i;

	if (y < rc->y || y >= rc->y + rc->h || x < rc->x || x >= rc->x + rc->w || r->log.n == 0)
		return;
	i = view_log_find(&r->log, view_log_top(&r->log) + (size_t)(y - rc->y), &inner);
	if (i < r->log.n && r->msg_of[i] != NONE && detect_view_get(r->dv, r->msg_of[i])->stage != STAGE_NONE) {
		size_t back = r->log.back;
		r->cur = r->msg_of[i];
		explain(r);
		r->log.back = back; /* a click does not scroll */
	}
}

/* Move to the next (dir 1) or previous (-1) sign, or say there is none that way. */
static void
step(struct reader *r, int dir)
{
	size_t k = detect_view_next_sign(r->dv, r->cur, dir);

	if (k != NONE)
		choose(r, k);
	else if (r->nsigns == 0)
		r->warn = _("No warning signs in these messages.");
	else
		r->warn = dir > 0 ? _("That was the last warning sign (p: the one before).")
				  : _("That was the first warning sign (n: the next one).");
}

/* Show the conversation read-only until q (see ui.h). */
int
ui_curses_view(struct detect_view *dv, struct detector *det)
{
	struct reader r;
	struct ui_curses_key k;
	int rc = 0;
	bool done = false;

	if (!ui_curses_begin())
		return -1;
	memset(&r, 0, sizeof(r));
	r.dv = dv;
	r.det = det;
	r.cur = NONE;
	r.li = lang_index(i18n_lang());
	view_log_init(&r.log, VIEW_MIN_COLS - 2, 10);
	view_doc_init(&r.doc);
	layout(&r);
	build(&r);
	r.title = chat_title(&r);
	if (r.nsigns > 0) {
		choose(&r, detect_view_next_sign(dv, NONE, 1));
		/* what the colour means, said once in words until the first key */
		r.warn = _("Highlighted: the words taken as warning signs.   n: next   ?: help   q: close");
	}
	else
		view_log_scroll(&r.log, VIEW_HOME);
	while (!done) {
		int kind, cols, rows;
		draw(&r);
		kind = ui_curses_read(&k, -1);
		ui_curses_size(&cols, &rows);
		if (kind != UIC_RESIZE && kind != UIC_TIMEOUT)
			r.warn = NULL;
		if (kind == UIC_QUIT) {
			rc = 1;
			break;
		}
		if (kind == UIC_CHAR && (k.ch == 'q' || k.ch == 'Q' || k.ch == 27))
			break;
		if (!ui_curses_fits())
			continue; /* too small: only leaving and resizing count */
		switch (kind) {
		case UIC_SCROLL:
			view_log_scroll(&r.log, (enum view_scroll)k.scroll);
			break;
		case UIC_WHEEL_UP:
		case UIC_WHEEL_DOWN:
			for (int i = 0; i < 3; i++)
				view_log_scroll(&r.log, kind == UIC_WHEEL_UP ? VIEW_LINE_UP : VIEW_LINE_DOWN);
			break;
		case UIC_KEY:
			if (k.ch == KEY_UP || k.ch == KEY_DOWN)
				view_log_scroll(&r.log, k.ch == KEY_UP ? VIEW_LINE_UP : VIEW_LINE_DOWN);
			break;
		case UIC_CLICK:
			click(&r, k.y, k.x);
			break;
		case UIC_CHAR:
			if (k.ch == 'n' || k.ch == 'N')
				step(&r, 1);
			else if (k.ch == 'p' || k.ch == 'P')
				step(&r, -1);
			else if (k.ch == ' ')
				view_log_scroll(&r.log, VIEW_PAGE_DOWN);
			else if (k.ch == '?' && !help_page()) {
				rc = 1;
				done = true;
			}
			break;
		default:
			break;
		}
	}
	ui_curses_end();
	for (size_t i = 0; i < r.log.n; i++)
		if (r.msg_of[i] == NONE)
			free((char *)r.log.v[i].text);
	view_log_free(&r.log);
	view_doc_free(&r.doc);
	free(r.msg_of);
	free(r.item_of);
	free(r.rows);
	free(r.title);
	return rc;
}
