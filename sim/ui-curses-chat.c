/* ui-curses-chat: the chat screen over the engine: a header that looks like the platform, the
 * stage track, the chat log, and a panel for the question, the feedback and the replies.
 * Scores and verdicts come from the engine (struct entry); this file only shows them. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "i18n.h"
#include "results.h"
#include "ui.h"
#include "util.h"
#include "view.h"

#define OPT_MAX (ANSWER_MAX + 16)
#define NO_SPEAKER (-1000)

enum mode { M_INTRO, M_CHAT, M_TYPING, M_ASK, M_FEEDBACK, M_CHOOSE };

struct chat {
	struct play *p;
	struct help help;
	bool have_help;
	struct view_log log;
	int li;               /* index of the UI language in category labels */
	enum mode mode;
	bool left;            /* the learner left or a signal came */
	size_t cur;           /* the entry asked about */
	int typing;           /* who is typing, or NO_SPEAKER */
	int dots;
	bool lit[STAGE_COUNT];
	/* the question or the replies */
	struct view_opt opt[OPT_MAX];
	int val[OPT_MAX];     /* the number a learner types for it; -1 for a heading */
	bool sel[OPT_MAX];
	size_t nopt;
	int cursor, pending, maxval;
	const char *warn;     /* one line of advice in the status line */
	/* the intro and the feedback */
	struct view_doc doc;
	const char *panel_title;
	/* the last frame, for clicks */
	struct view_layout lo;
	int grid_y, grid_x, button_y, button_x, button_w;
	struct view_row *rows;
	size_t caprows;
	bool *present;        /* per contact: has joined the chat (spoken, or named by a system line) */
};

/* A fictional clock: the chat starts at 16:05 and each message takes a minute. */
static void
clock_text(size_t i, char out[8])
{
	unsigned m = (unsigned)(16 * 60 + 5 + i) % (24 * 60);

	snprintf(out, 8, "%02u:%02u", m / 60, m % 60);
}

/* Text in w columns, ending in "…" when it does not fit (never cut mid-word unmarked). */
static int
put_cut(int y, int x, int w, int style, const char *text)
{
	int used;

	if (w <= 0)
		return 0;
	if (view_width(text, strlen(text)) <= w)
		return ui_curses_puts(y, x, w, style, text);
	char *cut = view_ellipsize(text, strlen(text), w);
	used = ui_curses_puts(y, x, w, style, cut);
	free(cut);
	return used;
}

/* The name shown before a message. */
static const char *
speaker_name(const struct chat *c, int speaker)
{
	if (speaker == SPEAKER_PERSONA)
		return c->p->s->persona.name;
	if (speaker == SPEAKER_SYSTEM)
		return "";
	return scenario_speaker_name(c->p->s, speaker);
}

/* Each contact keeps one colour; the persona and the system have their own. */
static int
speaker_style(int speaker)
{
	if (speaker == SPEAKER_PERSONA)
		return UIC_PERSONA;
	if (speaker == SPEAKER_SYSTEM)
		return UIC_SYSTEM;
	return UIC_SPEAKER0 + (speaker < 0 ? 0 : speaker % 5);
}

/* The chat log's view of entry i: time and name before the text, a hanging indent under it. */
static void
add_item(struct chat *c, size_t i)
{
	const struct entry *e = &c->p->log[i];
	struct view_item it = {.text = e->text, .len = strlen(e->text)};
	const char *name = speaker_name(c, e->speaker);

	if (e->speaker == SPEAKER_SYSTEM) {
		it.prefix = it.indent = 8; /* "16:05 * " */
	} else {
		it.prefix = 6 + view_width(name, strlen(name)) + 2;
		it.indent = it.prefix <= 24 ? it.prefix : 6;
	}
	if (e->speaker == SPEAKER_PERSONA)
		it.maxw = c->log.width * 3 / 4;
	if (c->p->reveal && e->verdict.stage != STAGE_NONE)
		it.extra = 1;
	view_log_add(&c->log, &it);
	/* Players join the list when they arrive, not before ("TurboTyler_TV joined the lobby."). */
	if (c->present == NULL)
		c->present = xcalloc(c->p->s->ncontacts + 1, sizeof(*c->present));
	if (e->speaker >= 0)
		c->present[e->speaker] = true;
	else if (e->speaker == SPEAKER_SYSTEM)
		for (size_t k = 0; k < c->p->s->ncontacts; k++)
			if (strstr(e->text, c->p->s->contacts[k].name) != NULL)
				c->present[k] = true;
}

/* Give the log every entry shown so far. */
static void
sync_items(struct chat *c, size_t upto)
{
	while (c->log.n <= upto && c->log.n < c->p->nlog)
		add_item(c, c->log.n);
}

/* Rows the panel needs at a width, for the mode we are in. */
static int
panel_rows(struct chat *c, int cols)
{
	switch (c->mode) {
	case M_INTRO:
	case M_FEEDBACK:
		if (c->doc.width != cols - 4)
			view_doc_wrap(&c->doc, cols - 4);
		return 1 + (int)c->doc.nlines;
	case M_ASK:
		return 1 + view_grid(c->opt, c->nopt, cols - 2, 7, 36);
	case M_CHOOSE:
		return 1 + view_grid(c->opt, c->nopt, cols - 2, 5, 0);
	default:
		return 0;
	}
}

/* The short line under a message once it has been answered (or in a teacher's preview). */
static void
draw_note(struct chat *c, const struct entry *e, int y, int x, int w)
{
	enum stage shown = e->asked ? e->key.stage : e->verdict.stage; /* the question's key once asked */
	const char *stage = ui_stage_short(shown);
	const char *what;
	char *line;

	if (e->asked && (c->mode != M_ASK || (size_t)(e - c->p->log) != c->cur)) {
		switch (e->mark.outcome) {
		case OUTCOME_RIGHT: what = _("\xe2\x9c\x93 you spotted it"); break;
		case OUTCOME_PARTLY: what = _("~ partly spotted"); break;
		case OUTCOME_MISSED: what = _("\xe2\x97\x8b missed this time"); break;
		default: what = _("! this one was fine"); break;
		}
		if (shown == STAGE_NONE && e->mark.outcome == OUTCOME_RIGHT)
			what = _("\xe2\x9c\x93 right, nothing worrying");
		line = shown != STAGE_NONE ? xasprintf("%s \xc2\xb7 %s", what, stage) : xstrdup(what);
	} else {
		line = xasprintf("%s: %s (%.2f)", _("detector"), stage, e->verdict.confidence);
	}
	ui_curses_puts(y, x, w, UIC_NOTE, line);
	if (view_width(line, strlen(line)) > w) {
		/* Cut with a visible mark rather than mid-word without one. */
		char *cut = view_ellipsize(line, strlen(line), w);
		ui_curses_puts(y, x, w, UIC_NOTE, cut);
		free(cut);
	}
	free(line);
}

/* Draw rows [from, from + h) of entry i at screen row y; returns rows drawn. */
static int
draw_entry(struct chat *c, size_t i, size_t from, int y, int h)
{
	const struct entry *e = &c->p->log[i];
	const struct view_item *it = &c->log.v[i];
	int first, rest, width, x0 = c->lo.chat.x + 1, drawn = 0, bw = 0;
	size_t n = view_item_wrap(&c->log, it, &first, &rest, &width, &c->rows, &c->caprows), r;
	bool current = (c->mode == M_ASK || c->mode == M_FEEDBACK) && i == c->cur;
	bool marked = it->extra > 0 || (current && c->mode == M_FEEDBACK);
	int style = speaker_style(e->speaker);
	char t[8];

	if (e->speaker == SPEAKER_PERSONA) {
		/* The learner's own messages sit on the right, like in every chat app. */
		for (r = 0; r < n; r++) {
			int rw = (r == 0 ? width - first : width - rest) + c->rows[r].width;
			if (rw > bw)
				bw = rw;
		}
		x0 += c->log.width - bw;
	}
	clock_text(i, t);
	for (r = from; r < n && drawn < h; r++, drawn++) {
		int yy = y + drawn, tx = x0 + (r == 0 ? width - first : width - rest);
		if (r == 0) {
			if (current)
				ui_curses_puts(yy, c->lo.chat.x, 1, UIC_CURRENT, "\xe2\x96\xb6");
			ui_curses_puts(yy, x0, 5, current ? UIC_CURRENT : UIC_TIME, t);
			if (e->speaker == SPEAKER_SYSTEM) {
				ui_curses_puts(yy, x0 + 6, 1, UIC_SYSTEM, "*");
			} else if (width - first > 6) {
				const char *name = speaker_name(c, e->speaker);
				int nw = ui_curses_puts(yy, x0 + 6, width - first - 7, style, name);
				ui_curses_puts(yy, x0 + 6 + nw, 1, style, ":");
			}
		}
		ui_curses_put_row(yy, tx, width, e->speaker == SPEAKER_SYSTEM ? UIC_SYSTEM : UIC_NORMAL,
				  it->text, c->rows[r].start, c->rows[r].end, e->verdict.spans,
				  marked ? e->verdict.nspans : 0);
	}
	if (it->extra > 0 && drawn < h && from <= n) {
		draw_note(c, e, y + drawn, x0 + (width - rest), c->log.width - (width - rest));
		drawn++;
	}
	return drawn;
}

/* The visible part of the chat: found by binary search, never by walking the history. */
static void
draw_chat(struct chat *c)
{
	const struct view_rect *r = &c->lo.chat;
	size_t top, inner, i;
	int y = 0, rows = r->h;

	view_log_resize(&c->log, r->w - 2, r->h);
	if (c->log.n == 0)
		return;
	/* Scrolled back, the last row is the "newer messages below" line's own: it covers no
	 * message text (the row it takes is the next one PgDn shows). */
	if (c->log.back > 0 && rows > 1)
		rows--;
	top = view_log_top(&c->log);
	i = view_log_find(&c->log, top, &inner);
	for (; i < c->log.n && y < rows; i++, inner = 0)
		y += draw_entry(c, i, inner, r->y + y, rows - y);
	if (c->log.back > 0)
		ui_curses_more_below(r);
}

/* The member list beside a game's or a room's chat. */
static void
draw_side(struct chat *c)
{
	const struct view_rect *r = &c->lo.side;
	const struct scenario *s = c->p->s;
	char *me;
	int y, i;
	size_t k;

	if (r->w == 0)
		return;
	for (y = 0; y < r->h; y++)
		ui_curses_puts(r->y + y, r->x, 1, UIC_DIM, "\xe2\x94\x82");
	ui_curses_puts(r->y, r->x + 2, r->w - 3, UIC_HEADING,
		       c->p->platform == PLATFORM_GAME ? _("Players") : _("Members"));
	me = xasprintf("%s %s", s->persona.name, _("(you)"));
	ui_curses_puts(r->y + 1, r->x + 2, 2, UIC_PERSONA, "\xe2\x97\x8f");
	ui_curses_puts(r->y + 1, r->x + 4, r->w - 5, UIC_PERSONA, me);
	free(me);
	for (k = 0, i = 2; k < s->ncontacts && i < r->h; k++) {
		int w;
		if (c->present == NULL || !c->present[k])
			continue;
		ui_curses_puts(r->y + i, r->x + 2, 2, speaker_style((int)k), "\xe2\x97\x8f");
		w = put_cut(r->y + i, r->x + 4, r->w - 5, speaker_style((int)k), s->contacts[k].name);
		if (c->mode == M_TYPING && c->typing == (int)k)
			ui_curses_puts(r->y + i, r->x + 4 + w, r->w - 5 - w, UIC_DIM, "\xe2\x80\xa6");
		i++;
	}
}

/* The contact a messenger chat is with: the last one who wrote, else the first. */
static int
messenger_contact(const struct chat *c)
{
	size_t i;

	if (c->mode == M_TYPING && c->typing >= 0)
		return c->typing;
	for (i = c->p->nlog; i > 0; i--)
		if (c->p->log[i - 1].speaker >= 0)
			return c->p->log[i - 1].speaker;
	return 0;
}

/* The top bar in the platform's look, and the stage track under it. */
static void
draw_header(struct chat *c, int cols)
{
	const struct scenario *s = c->p->s;
	char *left;
	int w, slot, k;

	ui_curses_fill(0, 0, cols, UIC_HEADER);
	switch (c->p->platform) {
	case PLATFORM_GAME:
		left = xasprintf(" \xe2\x96\xa3 %s \xe2\x94\x82 %s", c->p->place ? c->p->place : s->title,
				 ui_platform_label(c->p->platform));
		break;
	case PLATFORM_CHATROOM:
		left = xasprintf(" # %s \xe2\x94\x82 %s", c->p->place ? c->p->place : s->title,
				 ui_platform_label(c->p->platform));
		break;
	default: {
		int who = s->ncontacts > 0 ? messenger_contact(c) : 0;
		left = xasprintf(" \xe2\x80\xb9 %s \xc2\xb7 %s", s->ncontacts > 0 ? s->contacts[who].name : "",
				 c->mode == M_TYPING ? _("typing\xe2\x80\xa6") : _("online"));
		break;
	}
	}
	w = put_cut(0, 0, cols * 2 / 3, UIC_HEADER, left);
	free(left);
	left = xasprintf(_("You are %s, %d"), s->persona.name, s->persona.age);
	k = view_width(left, strlen(left));
	if (w + k + 3 < cols)
		ui_curses_puts(0, cols - k - 1, k, UIC_HEADER, left);
	free(left);

	/* Five stages of the seed, lit as the chat shows them: the dot and the colour both say it.
	 * Short names fit whole; each may still take two rows in a narrow language. */
	slot = (cols - 1) / STAGE_NONE;
	for (k = 0; k < STAGE_NONE; k++) {
		const char *label = ui_stage_short((enum stage)k);
		struct view_row r[2];
		size_t n = view_wrap(label, strlen(label), slot - 3, slot - 3, r, 2), len = strlen(label);
		int x = 1 + k * slot, st = c->lit[k] ? UIC_LIT : UIC_UNLIT;
		ui_curses_puts(1, x, 2, st, c->lit[k] ? "\xe2\x97\x8f" : "\xe2\x97\x8b");
		ui_curses_put(1, x + 2, slot - 3, st, label + r[0].start, r[0].end - r[0].start);
		if (n > 1) {
			char *cut = view_ellipsize(label + r[1].start, len - r[1].start, slot - 3);
			ui_curses_puts(2, x + 2, slot - 3, st, cut);
			free(cut);
		}
	}
}

/* The panel's top rule with its title, and a button at the right when there is one. */
static void
draw_rule(struct chat *c, const char *title, const char *button)
{
	const struct view_rect *r = &c->lo.panel;
	int i, tw;

	for (i = 0; i < r->w; i++)
		ui_curses_puts(r->y, i, 1, UIC_DIM, "\xe2\x94\x80");
	tw = ui_curses_puts(r->y, 2, r->w - 4, UIC_TITLE, " ");
	tw += ui_curses_puts(r->y, 3, r->w - 24, UIC_TITLE, title);
	ui_curses_puts(r->y, 2 + tw, 1, UIC_TITLE, " ");
	c->button_w = 0;
	if (button != NULL) {
		int bw = view_width(button, strlen(button)) + 4;
		c->button_y = r->y;
		c->button_x = r->w - bw - 2;
		c->button_w = bw;
		ui_curses_fill(r->y, c->button_x, bw, UIC_BUTTON);
		ui_curses_puts(r->y, c->button_x + 2, bw - 4, UIC_BUTTON, button);
	}
}

/* The options of a question or a reply, with the cursor and the ticks. */
static void
draw_options(struct chat *c, int prefix)
{
	const struct view_rect *r = &c->lo.panel;
	struct view_row rows[16];
	size_t i, k, n;

	c->grid_y = r->y + 1;
	c->grid_x = 1;
	for (i = 0; i < c->nopt; i++) {
		const struct view_opt *o = &c->opt[i];
		int y = c->grid_y + o->y, x = c->grid_x + o->x, st;
		if (y >= r->y + r->h)
			continue;
		if (o->heading) {
			put_cut(y, x, o->w - 1, UIC_HEADING, o->label); /* a gap before the next column */
			continue;
		}
		st = (int)i == c->cursor ? UIC_CURSOR : c->sel[i] ? UIC_TITLE : UIC_NORMAL;
		if ((int)i == c->cursor)
			for (k = 0; k < (size_t)o->h; k++)
				ui_curses_fill(y + (int)k, x, o->w, UIC_CURSOR);
		char num[16];
		if (prefix == 7)
			snprintf(num, sizeof num, "%2d [%s]", c->val[i], c->sel[i] ? "x" : " ");
		else
			snprintf(num, sizeof num, "%2d \xe2\x96\xb8 ", c->val[i]);
		ui_curses_puts(y, x, prefix, st, num);
		n = view_wrap(o->label, strlen(o->label), o->w - prefix, o->w - prefix, rows, ARRAY_LEN(rows));
		for (k = 0; k < n && k < ARRAY_LEN(rows) && y + (int)k < r->y + r->h; k++)
			ui_curses_put(y + (int)k, x + prefix, o->w - prefix, st, o->label + rows[k].start,
				      rows[k].end - rows[k].start);
	}
}

/* The panel under the chat for the mode we are in. */
static void
draw_panel(struct chat *c)
{
	const struct view_rect *r = &c->lo.panel;
	char *t;
	int i;

	if (r->h == 0)
		return;
	switch (c->mode) {
	case M_ASK:
		draw_rule(c, c->p->level == LEVEL_BEGINNER
			  ? _("Is this message worrying? Which stage?")
			  : _("What do you notice in this message?"), _("Enter: answer"));
		draw_options(c, 7);
		break;
	case M_CHOOSE:
		t = xasprintf(_("How does %s reply?"), c->p->s->persona.name);
		draw_rule(c, t, NULL);
		free(t);
		draw_options(c, 5);
		break;
	case M_INTRO:
	case M_FEEDBACK:
		draw_rule(c, c->panel_title, c->mode == M_INTRO ? _("Enter: start") : _("Enter: go on"));
		for (i = 0; i + 1 < r->h && (size_t)i < c->doc.nlines; i++) {
			const struct view_line *ln = &c->doc.lines[i];
			const struct view_para *pa = &c->doc.p[ln->para];
			ui_curses_put(r->y + 1 + i, 2 + ln->x, r->w - 4 - ln->x, pa->style,
				      pa->text + ln->start, ln->end - ln->start);
		}
		break;
	default:
		break;
	}
}

/* The bottom line: what the keys do now, or who is typing. */
static void
draw_status(struct chat *c, int cols, int rows)
{
	char *s = NULL;
	const char *hint;

	ui_curses_fill(rows - 1, 0, cols, UIC_HEADER);
	switch (c->mode) {
	case M_TYPING: {
		static const char *const dots[] = {"", ".", "..", "..."};
		s = xasprintf(_("%s is typing"), speaker_name(c, c->typing));
		char *t = xasprintf("%s%s", s, dots[c->dots % 4]);
		free(s);
		s = t;
		hint = _("any key: show it now");
		break;
	}
	case M_ASK:
		if (c->pending >= 0)
			s = xasprintf(_("%d\xe2\x80\xa6 Space: tick %d, or a second digit (%d-%d)"),
				      c->pending, c->pending, c->pending * 10,
				      c->pending * 10 + 9 < c->maxval ? c->pending * 10 + 9 : c->maxval);
		if (s == NULL)
			s = xasprintf(_("0-%d, Space or click: choose"), c->maxval);
		hint = _("Enter: answer   ?: help   q: leave");
		break;
	case M_CHOOSE:
		hint = _("Number, arrows + Enter, or click: reply   ?: help   q: leave");
		break;
	case M_INTRO:
	case M_FEEDBACK:
		hint = _("Enter: go on   PgUp: read back   ?: help   q: leave");
		break;
	default:
		hint = _("PgUp/PgDn: scroll   ?: help   q: leave");
		break;
	}
	if (c->warn != NULL)
		hint = c->warn;
	if (s != NULL && c->mode == M_ASK && c->pending >= 0) {
		put_cut(rows - 1, 1, cols - 2, UIC_HEADER, s); /* the number being typed comes first */
	} else if (s != NULL) {
		int w = put_cut(rows - 1, 1, cols / 2, UIC_HEADER, s);
		put_cut(rows - 1, w + 3, cols - w - 4, UIC_HEADER, hint);
	} else {
		put_cut(rows - 1, 1, cols - 2, UIC_HEADER, hint);
	}
	free(s);
}

/* Redraw the whole visible screen (curses sends the terminal only what changed). */
static void
draw(struct chat *c)
{
	int cols, rows;

	if (!ui_curses_fits())
		return;
	ui_curses_size(&cols, &rows);
	ui_curses_clear();
	view_layout(&c->lo, cols, rows, c->p->platform != PLATFORM_MESSENGER, panel_rows(c, cols));
	draw_header(c, cols);
	draw_chat(c);
	draw_side(c);
	draw_panel(c);
	draw_status(c, cols, rows);
	ui_curses_show();
}

/* Wait for the next thing the learner does; scrolling, help, resizes and "leave?" are handled
 * here for every screen. UIC_QUIT when the learner left or a signal came. */
static int
next_event(struct chat *c, struct ui_curses_key *k, int timeout_ms)
{
	for (;;) {
		int kind;
		draw(c);
		kind = ui_curses_read(k, timeout_ms);
		switch (kind) {
		case UIC_QUIT:
			c->left = true;
			return kind;
		case UIC_RESIZE:
			continue;
		case UIC_SCROLL:
			view_log_scroll(&c->log, (enum view_scroll)k->scroll);
			continue;
		case UIC_WHEEL_UP:
		case UIC_WHEEL_DOWN:
			for (int i = 0; i < 3; i++)
				view_log_scroll(&c->log, kind == UIC_WHEEL_UP ? VIEW_LINE_UP : VIEW_LINE_DOWN);
			continue;
		case UIC_CHAR:
			if (k->ch == '?') {
				if (!ui_curses_help(i18n_lang())) {
					c->left = true;
					return UIC_QUIT;
				}
				continue;
			}
			if (k->ch == 'q' || k->ch == 'Q') {
				int cols, rows;
				/* The too-small screen says "q: quit", and a box would not fit on it:
				 * there q leaves at once (progress is saved either way). */
				ui_curses_size(&cols, &rows);
				if (cols < VIEW_MIN_COLS || rows < VIEW_MIN_ROWS || ui_curses_confirm_quit()) {
					c->left = true;
					return UIC_QUIT;
				}
				continue;
			}
			break;
		default:
			break;
		}
		/* On a too-small screen nothing but leaving and resizing counts. */
		if (kind != UIC_TIMEOUT && !ui_curses_fits())
			continue;
		c->warn = NULL;
		return kind;
	}
}

/* Wait for Enter, Space or a click (the intro, the feedback). false: the learner left. */
static bool
wait_go_on(struct chat *c)
{
	struct ui_curses_key k;

	for (;;) {
		int kind = next_event(c, &k, -1);
		if (kind == UIC_QUIT)
			return false;
		if (kind == UIC_CLICK || (kind == UIC_CHAR && (k.ch == '\r' || k.ch == ' ')))
			return true;
	}
}

/* The attempt begins: the intro in the panel, over an empty chat. */
static void
chat_start(void *ui, struct play *p)
{
	struct chat *c = ui;
	char *t;

	view_doc_free(&c->doc);
	view_doc_init(&c->doc);
	t = xasprintf(_("You are %s, %d."), p->s->persona.name, p->s->persona.age);
	view_doc_add(&c->doc, UIC_TITLE, 0, t);
	free(t);
	view_doc_add(&c->doc, UIC_NORMAL, 0, p->s->summary);
	view_doc_add(&c->doc, UIC_NORMAL, 0, _("Messages arrive one by one. At some of them you will be asked "
					      "what you notice. There are no timers: take your time."));
	/* A resumed attempt starts with the messages already played, answers and all. */
	for (size_t i = 0; i < p->nlog; i++) {
		const struct entry *e = &p->log[i];
		sync_items(c, i);
		if (e->asked) {
			c->log.v[i].extra = 1;
			view_log_changed(&c->log, i);
			if (e->verdict.stage < STAGE_NONE)
				c->lit[e->verdict.stage] = true;
		}
	}
	c->panel_title = p->s->title;
	c->mode = M_INTRO;
	if (!wait_go_on(c))
		c->left = true;
	c->mode = M_CHAT;
}

/* Seconds of "typing..." before a contact's message: the author's, else by its length. */
static double
typing_delay(const struct play *p, const struct entry *e)
{
	const struct step *st = &p->s->steps[e->step];
	double d;

	if (st->kind == STEP_MESSAGE && st->delay >= 0)
		return st->delay;
	d = 0.6 + 0.035 * (double)view_width(e->text, strlen(e->text));
	return d > 2.5 ? 2.5 : d;
}

/* Entry i arrives: someone types for a moment (any key skips), then it is in the chat. */
static bool
chat_message(void *ui, struct play *p, size_t i)
{
	struct chat *c = ui;
	const struct entry *e = &p->log[i];
	struct ui_curses_key k;

	if (c->left)
		return false;
	sync_items(c, i - (i > 0 ? 1 : 0));
	if (!p->instant && e->speaker >= 0) {
		double deadline = engine_now() + typing_delay(p, e), now;
		c->mode = M_TYPING;
		c->typing = e->speaker;
		c->dots = 0;
		while ((now = engine_now()) < deadline) {
			int ms = (int)((deadline - now) * 1000) + 1, kind;
			kind = next_event(c, &k, ms < 400 ? ms : 400);
			if (kind == UIC_QUIT)
				return false;
			if (kind == UIC_TIMEOUT) {
				c->dots++;
				continue;
			}
			if (kind == UIC_CHAR || kind == UIC_KEY || kind == UIC_CLICK)
				break;
		}
		c->typing = NO_SPEAKER;
	}
	sync_items(c, i);
	view_log_follow(&c->log);
	c->mode = M_CHAT;
	draw(c);
	return !c->left;
}

/* Add one option (or heading) to the panel's list. */
static void
add_opt(struct chat *c, const char *label, bool heading, int val)
{
	if (c->nopt >= OPT_MAX)
		return;
	c->opt[c->nopt] = (struct view_opt){.label = label, .heading = heading};
	c->val[c->nopt] = heading ? -1 : val;
	c->sel[c->nopt] = false;
	c->nopt++;
}

/* Move the cursor to the next selectable option in a direction (dy) or the other column (dx). */
static void
move_cursor(struct chat *c, int dy, int dx)
{
	int i, best = -1, bestd = 0;
	const struct view_opt *cur = &c->opt[c->cursor];

	if (dy != 0) {
		for (i = c->cursor + dy; i >= 0 && i < (int)c->nopt; i += dy)
			if (!c->opt[i].heading) {
				c->cursor = i;
				return;
			}
		return;
	}
	for (i = 0; i < (int)c->nopt; i++) {
		const struct view_opt *o = &c->opt[i];
		int d;
		if (o->heading || o->x == cur->x || (dx > 0) != (o->x > cur->x))
			continue;
		d = abs(o->y - cur->y);
		if (best < 0 || d < bestd) {
			best = i;
			bestd = d;
		}
	}
	if (best >= 0)
		c->cursor = best;
}

/* Tick or untick option i; "nothing worrying" and the warning signs exclude each other. */
static void
toggle(struct chat *c, int i)
{
	size_t k;

	if (i < 0 || (size_t)i >= c->nopt || c->opt[i].heading)
		return;
	c->sel[i] = !c->sel[i];
	c->cursor = i;
	if (!c->sel[i])
		return;
	for (k = 0; k < c->nopt; k++)
		if ((int)k != i && (c->val[i] == 0 || c->val[k] == 0))
			c->sel[k] = false;
}

/* The option a learner means by a number. */
static int
opt_by_value(const struct chat *c, int v)
{
	size_t k;

	for (k = 0; k < c->nopt; k++)
		if (c->val[k] == v)
			return (int)k;
	return -1;
}

/* A digit typed. Numbers above 9 take two digits, so a "1" waits, shown in the status line,
 * for a second digit (15) or Space/Enter (1): never a guess from how fast the child types. */
static void
digit(struct chat *c, int d)
{
	bool done;
	int before = c->pending, v = view_number_typed(c->pending, d, 0, c->maxval, &done);

	if (before >= 0 && v == d && before * 10 + d > c->maxval)
		toggle(c, opt_by_value(c, before)); /* "1" then "7" (no 17): 1, then 7 starts anew */
	c->pending = -1;
	if (v < 0)
		return;
	if (done)
		toggle(c, opt_by_value(c, v));
	else
		c->pending = v;
}

/* Ask what the learner notices in entry i (see engine.h). */
static bool
chat_ask(void *ui, struct play *p, size_t i, struct answer *out)
{
	struct chat *c = ui;
	size_t ncats, k;
	const struct category *cats = detector_categories(p->det, &ncats);
	enum stage last = STAGE_COUNT;
	struct ui_curses_key key;

	if (c->left)
		return false;
	c->nopt = 0;
	c->cur = i;
	add_opt(c, _("Nothing worrying"), false, 0);
	if (p->level == LEVEL_BEGINNER) {
		for (k = 0; k < STAGE_NONE; k++)
			add_opt(c, detector_stage_label(p->det, (enum stage)k, i18n_lang()), false, (int)k + 1);
		c->maxval = STAGE_NONE;
	} else {
		for (k = 0; k < ncats && c->nopt + 2 < OPT_MAX; k++) {
			if (cats[k].stage != last) {
				last = cats[k].stage;
				add_opt(c, detector_stage_label(p->det, last, i18n_lang()), true, -1);
			}
			add_opt(c, cats[k].label[c->li], false, (int)k + 1);
		}
		c->maxval = (int)ncats;
	}
	c->cursor = 0;
	c->pending = -1;
	c->mode = M_ASK;
	view_log_follow(&c->log);
	for (;;) {
		int kind = next_event(c, &key, -1);
		bool submit = false;
		if (kind == UIC_QUIT)
			return false;
		if (kind == UIC_CHAR && key.ch >= '0' && key.ch <= '9') {
			digit(c, (int)(key.ch - '0'));
		} else if (kind == UIC_CHAR && key.ch == ' ' && c->pending >= 0) {
			toggle(c, opt_by_value(c, c->pending));
			c->pending = -1;
		} else if (kind == UIC_CHAR && key.ch == ' ') {
			toggle(c, c->cursor);
		} else if (kind == UIC_CHAR && key.ch == '\r') {
			submit = true;
		} else if (kind == UIC_KEY) {
			if (key.ch == KEY_UP || key.ch == KEY_DOWN)
				move_cursor(c, key.ch == KEY_UP ? -1 : 1, 0);
			else if (key.ch == KEY_LEFT || key.ch == KEY_RIGHT)
				move_cursor(c, 0, key.ch == KEY_LEFT ? -1 : 1);
		} else if (kind == UIC_CLICK) {
			if (c->button_w > 0 && key.y == c->button_y && key.x >= c->button_x &&
			    key.x < c->button_x + c->button_w)
				submit = true;
			else
				toggle(c, view_grid_hit(c->opt, c->nopt, key.y - c->grid_y, key.x - c->grid_x));
		}
		if (kind != UIC_TIMEOUT && kind == UIC_CHAR && c->pending >= 0 && key.ch == '\r') {
			toggle(c, opt_by_value(c, c->pending));
			c->pending = -1;
		}
		if (!submit)
			continue;
		memset(out, 0, sizeof(*out));
		for (k = 0; k < c->nopt; k++) {
			if (!c->sel[k])
				continue;
			if (c->val[k] == 0)
				out->nothing = true;
			else if (out->n < ANSWER_MAX)
				out->picks[out->n++] = p->level == LEVEL_BEGINNER
					? stage_id((enum stage)(c->val[k] - 1)) : cats[c->val[k] - 1].id;
		}
		if (out->nothing || out->n > 0)
			break;
		c->warn = _("Choose at least one answer first (0 if nothing is worrying).");
	}
	c->mode = M_CHAT;
	return true;
}

/* How it went, with the evidence lit up in the message itself. */
static void
chat_feedback(void *ui, struct play *p, size_t i)
{
	struct chat *c = ui;
	const struct entry *e = &p->log[i];
	struct buf b = {0};
	size_t k;

	if (c->left)
		return;
	if (e->verdict.stage < STAGE_NONE)
		c->lit[e->verdict.stage] = true;
	/* The note under the message keeps the result in the scrollback. */
	c->log.v[i].extra = 1;
	view_log_changed(&c->log, i);
	view_doc_free(&c->doc);
	view_doc_init(&c->doc);
	view_doc_add(&c->doc, e->mark.outcome == OUTCOME_RIGHT ? UIC_GOOD : UIC_TITLE, 0,
		     ui_outcome_sentence(e));
	if (e->key.stage != STAGE_NONE) {
		char *line = ui_feedback_key(p, e, " \xe2\x80\x94 ", true);
		view_doc_add(&c->doc, UIC_NORMAL, 0, line);
		free(line);
		if ((line = ui_feedback_also(p, e)) != NULL)
			view_doc_add(&c->doc, UIC_NORMAL, 0, line);
		free(line);
		for (k = 0; k < e->verdict.nspans; k++) {
			if (k == 0)
				buf_addf(&b, "%s: ", _("Look at"));
			else
				buf_adds(&b, ", ");
			buf_adds(&b, "\xe2\x80\x9c");
			buf_add(&b, e->text + e->verdict.spans[k].start,
				e->verdict.spans[k].end - e->verdict.spans[k].start);
			buf_adds(&b, "\xe2\x80\x9d");
		}
		if (b.s != NULL)
			view_doc_add(&c->doc, UIC_NOTE, 0, b.s);
		buf_free(&b);
		if ((line = ui_feedback_extra(p, e)) != NULL)
			view_doc_add(&c->doc, UIC_NORMAL, 0, line);
		free(line);
	}
	if (e->verdict.explanation != NULL && e->verdict.explanation[0] != '\0')
		view_doc_add(&c->doc, UIC_NORMAL, 0, e->verdict.explanation);
	{
		char *why = ui_feedback_why(p, e);
		if (why != NULL)
			view_doc_add(&c->doc, UIC_NORMAL, 0, why);
		free(why);
	}
	buf_addf(&b, "%s ", _("Your answer:"));
	if (e->answer.nothing)
		buf_adds(&b, _("Nothing worrying"));
	for (k = 0; k < e->answer.n; k++) {
		enum stage st = stage_from_id(e->answer.picks[k]);
		if (k > 0 || e->answer.nothing)
			buf_adds(&b, "; ");
		buf_adds(&b, p->level == LEVEL_BEGINNER && st < STAGE_COUNT
			     ? detector_stage_label(p->det, st, i18n_lang()) : ui_category_label(c->p, e->answer.picks[k]));
	}
	view_doc_add(&c->doc, UIC_DIM, 0, b.s);
	buf_free(&b);
	c->panel_title = _("What the message shows");
	c->cur = i;
	c->mode = M_FEEDBACK;
	view_log_follow(&c->log);
	if (!wait_go_on(c))
		c->left = true;
	c->mode = M_CHAT;
}

/* The persona's replies: a number, the arrows and Enter, or a click. */
static int
chat_choose(void *ui, struct play *p, const struct step *st)
{
	struct chat *c = ui;
	struct ui_curses_key key;
	size_t k, nlabels = 0;
	char *labels[OPT_MAX];
	int hit = -1;

	if (c->left)
		return -1;
	c->nopt = 0;
	for (k = 0; k < st->nchoices && k < OPT_MAX; k++) {
		labels[nlabels] = ui_choice_label(&st->choices[k]);
		add_opt(c, labels[nlabels++], false, (int)k + 1);
	}
	c->cursor = 0;
	c->mode = M_CHOOSE;
	view_log_follow(&c->log);
	for (;;) {
		int kind = next_event(c, &key, -1);
		if (kind == UIC_QUIT) {
			hit = -1;
			break;
		}
		if (kind == UIC_CHAR && key.ch >= '1' && key.ch <= '9' && key.ch - '1' < (unsigned)c->nopt) {
			hit = (int)(key.ch - '1');
			break;
		}
		if (kind == UIC_CHAR && key.ch == '\r') {
			hit = c->cursor;
			break;
		}
		if (kind == UIC_KEY && (key.ch == KEY_UP || key.ch == KEY_DOWN))
			move_cursor(c, key.ch == KEY_UP ? -1 : 1, 0);
		if (kind == UIC_CLICK) {
			hit = view_grid_hit(c->opt, c->nopt, key.y - c->grid_y, key.x - c->grid_x);
			if (hit >= 0)
				break;
		}
	}
	(void)p;
	c->mode = M_CHAT;
	c->nopt = 0; /* the labels go now */
	for (k = 0; k < nlabels; k++)
		free(labels[k]);
	return hit;
}

/* A score as a bar and a number: the number says it without the bar's colour. */
static char *
score_line(const char *label, int pct, int turns)
{
	struct buf b = {0};
	int k, full = (pct + 5) / 10;

	for (k = 0; k < 10; k++)
		buf_adds(&b, k < full ? "\xe2\x96\x88" : "\xe2\x96\x91");
	buf_addf(&b, " %3d%%  %s (%d)", pct, label, turns);
	return b.s;
}

/* A mark such as " ~ partly spotted" with its symbol held to the first word by a no-break
 * space, so wrapping never leaves a lone "~" at the end of a row. */
static char *
glue_mark(const char *mark)
{
	const char *s = mark;
	struct buf b = {0};

	while (*s == ' ')
		s++;
	while (*s != '\0' && *s != ' ')
		s++;
	buf_add(&b, mark, (size_t)(s - mark));
	if (*s == ' ') {
		buf_adds(&b, "\xc2\xa0");
		s++;
	}
	buf_adds(&b, s);
	return b.s != NULL ? b.s : xstrdup("");
}

/* The fine messages the learner flagged, "worth a second look, but fine", with why. */
static void
second_look(struct chat *c, struct play *p, struct view_doc *d)
{
	size_t i;
	bool any = false;
	char t[8];

	for (i = 0; i < p->nlog; i++) {
		const struct entry *en = &p->log[i];
		char *line, *why;
		if (!en->asked || en->mark.outcome != OUTCOME_FALSE_ALARM)
			continue;
		if (!any)
			view_doc_add(d, UIC_HEADING, 0, _("Worth a second look, but fine"));
		any = true;
		clock_text(i, t);
		line = xasprintf("%s %s: \xe2\x80\x9c%s\xe2\x80\x9d", t, speaker_name(c, en->speaker),
				 en->text);
		view_doc_add(d, UIC_NORMAL, 2, line);
		free(line);
		if ((why = ui_feedback_why(p, en)) != NULL)
			view_doc_add(d, UIC_DIM, 4, why);
		free(why);
	}
	if (any)
		view_doc_add(d, UIC_NORMAL, 0, "");
}

/* The debrief: the ending, the score per stage, the flagged messages, what to do, who helps. */
static void
chat_ending(void *ui, struct play *p, const struct ending *e)
{
	struct chat *c = ui;
	struct view_doc d;
	const char *const *a;
	char *line, t[8];
	int k, pct;
	size_t i;

	if (c->left)
		return;
	view_doc_init(&d);
	view_doc_add(&d, UIC_NORMAL, 0, e->text);
	view_doc_add(&d, UIC_NORMAL, 0, "");
	pct = tally_percent(&p->tally);
	if (pct >= 0) {
		line = xasprintf("%s %d%%", _("Your score:"), pct);
		view_doc_add(&d, UIC_HEADING, 0, line);
		free(line);
		for (k = 0; k < STAGE_COUNT; k++) {
			int sp = tally_stage_percent(&p->tally, (enum stage)k);
			if (sp < 0)
				continue;
			line = score_line(k == STAGE_NONE ? _("Telling what is fine")
				: detector_stage_label(p->det, (enum stage)k, i18n_lang()), sp, p->tally.turns[k]);
			view_doc_add(&d, UIC_NORMAL, 2, line);
			free(line);
		}
		view_doc_add(&d, UIC_NORMAL, 0, "");
	}
	view_doc_add(&d, UIC_HEADING, 0, _("The warning signs in this chat"));
	for (i = 0; i < p->nlog; i++) {
		const struct entry *en = &p->log[i];
		enum stage shown = en->asked ? en->key.stage : en->verdict.stage;
		const char *mark;
		char *glued;
		if (shown == STAGE_NONE || en->speaker == SPEAKER_PERSONA)
			continue;
		if (!en->asked)
			mark = "";
		else if (en->mark.outcome == OUTCOME_RIGHT)
			mark = _(" \xe2\x9c\x93 you spotted it");
		else if (en->mark.outcome == OUTCOME_PARTLY)
			mark = _(" ~ partly spotted");
		else
			mark = _(" \xe2\x97\x8b missed");
		clock_text(i, t);
		glued = glue_mark(mark);
		line = xasprintf("%s %s: \xe2\x80\x9c%s\xe2\x80\x9d \xe2\x80\x94 %s%s", t,
				 speaker_name(c, en->speaker), en->text,
				 detector_stage_label(p->det, shown, i18n_lang()), glued);
		view_doc_add(&d, UIC_NORMAL, 2, line);
		free(line);
		free(glued);
	}
	view_doc_add(&d, UIC_NORMAL, 0, "");
	second_look(c, p, &d);
	if (e->advice != NULL) {
		for (a = e->advice; *a != NULL; a++) {
			line = xasprintf("\xe2\x80\xa2 %s", *a);
			view_doc_add(&d, UIC_NORMAL, 2, line);
			free(line);
		}
		view_doc_add(&d, UIC_NORMAL, 0, "");
	}
	if (c->have_help)
		ui_curses_help_text(&d, &c->help);
	if (!ui_curses_page(&d, e->title, _("PgUp/PgDn or arrows: scroll   Enter: finish"), NULL))
		c->left = true;
	view_doc_free(&d);
}

/* Play a scenario on the chat screen (see ui.h). */
int
ui_curses_play(struct play *p)
{
	struct chat c;
	struct frontend fe = {
		.ui = &c, .start = chat_start, .message = chat_message, .ask = chat_ask,
		.feedback = chat_feedback, .choose = chat_choose, .ending = chat_ending,
	};
	struct diags d = {0};
	int rc;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.li = lang_index(i18n_lang());
	c.typing = NO_SPEAKER;
	view_log_init(&c.log, VIEW_MIN_COLS - 2, 10);
	view_doc_init(&c.doc);
	c.have_help = help_load(&c.help, p->lang, &d);
	diag_clear(&d);
	if (!ui_curses_begin()) {
		/* No usable terminal description: the plain mode still works. */
		if (c.have_help)
			help_free(&c.help);
		view_log_free(&c.log);
		return ui_plain_play(p, stdin, stdout);
	}
	rc = engine_run(p, &fe);
	ui_curses_end();
	if (rc != 0)
		printf("%s\n", _("You left the chat. Your progress so far is saved."));
	if (p->results != NULL && results_error(p->results) != NULL)
		fprintf(stderr, "waspada: %s\n", results_error(p->results));
	if (c.have_help)
		help_free(&c.help);
	view_doc_free(&c.doc);
	view_log_free(&c.log);
	free(c.rows);
	free(c.present);
	return rc;
}
