/* ui-curses-menu: the start screen: choose the language (first launch), then a scenario. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog.h"
#include "i18n.h"
#include "results.h"
#include "ui.h"
#include "util.h"
#include "view.h"

/* A difficulty id in the learner's words. */
static const char *
difficulty_label(const char *d)
{
	if (d == NULL)
		return "";
	if (strcmp(d, "beginner") == 0)
		return _("beginner");
	if (strcmp(d, "intermediate") == 0)
		return _("intermediate");
	if (strcmp(d, "advanced") == 0)
		return _("advanced");
	return d;
}

/* The learner's progress at a scenario: best finished score, or unfinished, or nothing. */
static char *
menu_progress(const struct scenario *s, const struct results_set *past)
{
	int best = -1;
	bool started = false;
	size_t i;

	for (i = 0; past != NULL && i < past->n; i++) {
		const struct attempt *at = &past->v[i];
		if (at->scenario == NULL || at->lang == NULL || strcmp(at->scenario, s->id) != 0 ||
		    strcmp(at->lang, s->lang) != 0)
			continue;
		if (at->finished && at->score > best)
			best = at->score;
		started |= !at->finished && at->nevents > 0;
	}
	if (best >= 0)
		return xasprintf(_(" \xc2\xb7 best %d%%"), best);
	return xstrdup(started ? _(" \xc2\xb7 unfinished") : "");
}

/* The second line of a scenario in the menu: platform, length, difficulty, progress. */
static char *
menu_details(const struct scenario *s, const struct results_set *past)
{
	char *prog = menu_progress(s, past);
	char *d = xasprintf(_("%s \xc2\xb7 about %d min \xc2\xb7 %zu questions \xc2\xb7 %s"),
			    ui_platform_label(s->platform), s->minutes, scenario_questions(s),
			    difficulty_label(s->difficulty));
	char *all = xasprintf("%s%s", d, prog);

	free(prog);
	free(d);
	return all;
}

/* Draw the menu with the cursor on item cur; *top keeps the cursor in view. Returns the first
 * row of the list, for clicks. */
static int
draw_menu(const struct catalog *c, const struct results_set *past, bool beginner, int cur,
	  size_t *top, int typed)
{
	int cols, rows, y0 = 4, per = 3, fit, i;
	struct view_row r[4];
	const struct scenario *s;
	size_t n, k;

	ui_curses_size(&cols, &rows);
	ui_curses_clear();
	ui_curses_fill(0, 0, cols, UIC_HEADER);
	ui_curses_puts(0, 1, cols - 2, UIC_HEADER,
		       _("Waspada \xe2\x80\x94 learn to spot the warning signs in online chats"));
	ui_curses_puts(2, 2, cols - 4, UIC_TITLE, _("Choose a chat to play:"));
	{
		/* The question level, and how to change it: beginners answer with a stage only. */
		const char *lv = beginner ? _("Questions: beginner (b: change)")
					  : _("Questions: standard (b: change)");
		int w = view_width(lv, strlen(lv));
		ui_curses_puts(2, cols - w - 2, w, UIC_DIM, lv);
	}
	fit = view_list_window(c->n, rows - y0 - 6, per, (size_t)cur, top);
	if (*top > 0) {
		char *more = xasprintf(_("\xe2\x86\x91 %zu more above"), *top);
		ui_curses_puts(3, 6, cols - 8, UIC_DIM, more);
		free(more);
	}
	if (*top + (size_t)fit < c->n) {
		/* The list goes on: say so, or a learner never finds the chats below. */
		char *more = xasprintf(_("\xe2\x86\x93 %zu more chats below (\xe2\x86\x93 or a number)"),
				       c->n - *top - (size_t)fit);
		ui_curses_puts(y0 + fit * per - 1, 6, cols - 8, UIC_DIM, more);
		free(more);
	}
	for (i = 0; i < fit && *top + (size_t)i < c->n; i++) {
		size_t idx = *top + (size_t)i;
		int y = y0 + i * per, st = (int)idx == cur ? UIC_CURSOR : UIC_NORMAL;
		char num[24], *det;
		s = c->v[idx].s;
		if ((int)idx == cur) {
			ui_curses_fill(y, 1, cols - 2, UIC_CURSOR);
			ui_curses_fill(y + 1, 1, cols - 2, UIC_CURSOR);
		}
		snprintf(num, sizeof num, "%2zu", idx + 1);
		ui_curses_puts(y, 2, 3, st, num);
		ui_curses_puts(y, 6, cols - 8, (int)idx == cur ? UIC_CURSOR : UIC_TITLE, s->title);
		det = menu_details(s, past);
		ui_curses_puts(y + 1, 6, cols - 8, (int)idx == cur ? UIC_CURSOR : UIC_DIM, det);
		free(det);
	}
	/* The chosen scenario's summary, above the status line. */
	s = c->v[cur].s;
	for (k = 0; k < (size_t)cols; k++)
		ui_curses_puts(rows - 6, (int)k, 1, UIC_DIM, "\xe2\x94\x80");
	n = view_wrap(s->summary, strlen(s->summary), cols - 4, cols - 4, r, ARRAY_LEN(r));
	for (k = 0; k < n && k < 4; k++)
		ui_curses_put(rows - 5 + (int)k, 2, cols - 4, UIC_NORMAL, s->summary + r[k].start,
			      r[k].end - r[k].start);
	ui_curses_fill(rows - 1, 0, cols, UIC_HEADER);
	if (typed > 0) {
		/* The number being typed, shown as it grows: 1, then 12. */
		char *t = xasprintf(_("Number %d: Enter plays it, another digit goes on"), typed);
		ui_curses_puts(rows - 1, 1, cols - 2, UIC_HEADER, t);
		free(t);
	} else {
		ui_curses_puts(rows - 1, 1, cols - 2, UIC_HEADER,
			       _("\xe2\x86\x91\xe2\x86\x93 + Enter, a number or a click: play   l: language   ?: help   q: quit"));
	}
	ui_curses_show();
	return y0;
}

/* The start screen's list of scenarios (see ui.h). */
int
ui_curses_menu(const struct catalog *c, const struct results_set *past, const char *lang,
	       bool beginner)
{
	struct ui_curses_key k;
	int cur = 0, y0 = 4, pick = UI_MENU_QUIT, typed = -1;
	size_t top = 0;

	if (c->n == 0 || !ui_curses_begin())
		return UI_MENU_QUIT;
	for (;;) {
		int kind;
		if (ui_curses_fits())
			y0 = draw_menu(c, past, beginner, cur, &top, typed);
		kind = ui_curses_read(&k, -1);
		if (kind == UIC_QUIT)
			break;
		if (!ui_curses_fits() && !(kind == UIC_CHAR && (k.ch == 'q' || k.ch == 'Q')))
			continue;
		if (kind == UIC_CHAR) {
			if (k.ch == 'q' || k.ch == 'Q' || k.ch == 27)
				break;
			if (k.ch == 'l' || k.ch == 'L') {
				pick = UI_MENU_LANG;
				break;
			}
			if (k.ch == 'b' || k.ch == 'B') {
				pick = UI_MENU_LEVEL;
				break;
			}
			if (k.ch == '?') {
				if (!ui_curses_help(lang))
					break;
				continue;
			}
			if (k.ch == '\r') {
				pick = cur;
				break;
			}
			if (k.ch >= '0' && k.ch <= '9') {
				/* A number moves to that chat (12 is 1 then 2); Enter plays it. */
				bool done;
				int v = view_number_typed(typed, (int)(k.ch - '0'), 1, (int)c->n, &done);
				if (v > 0)
					cur = v - 1;
				typed = done ? -1 : v;
				if (done && v > 0 && c->n < 10) {
					pick = cur; /* one digit is the whole number: play at once, as before */
					break;
				}
				continue;
			}
			typed = -1;
		} else if (kind == UIC_KEY || kind == UIC_SCROLL || kind == UIC_WHEEL_UP ||
			   kind == UIC_WHEEL_DOWN) {
			bool up = (kind == UIC_KEY && k.ch == KEY_UP) || kind == UIC_WHEEL_UP ||
				  (kind == UIC_SCROLL && (k.scroll == VIEW_PAGE_UP || k.scroll == VIEW_HOME));
			bool down = (kind == UIC_KEY && k.ch == KEY_DOWN) || kind == UIC_WHEEL_DOWN ||
				    (kind == UIC_SCROLL && (k.scroll == VIEW_PAGE_DOWN || k.scroll == VIEW_END));
			typed = -1;
			if (up && cur > 0)
				cur--;
			if (down && (size_t)cur + 1 < c->n)
				cur++;
		} else if (kind == UIC_CLICK && k.y >= y0) {
			size_t idx = top + (size_t)((k.y - y0) / 3);
			if ((k.y - y0) % 3 < 2 && idx < c->n) {
				pick = (int)idx;
				break;
			}
		}
	}
	ui_curses_end();
	return pick;
}

/* Ask for the language in both languages at once (see ui.h). */
const char *
ui_curses_language(const char *current)
{
	static const char *const ids[] = {"id", "en"};
	static const char *const names[] = {"Bahasa Indonesia", "English"};
	struct ui_curses_key k;
	const char *pick = NULL;
	int cur = current != NULL && strcmp(current, "en") == 0 ? 1 : 0, cols, rows, i, y0 = 0, x0 = 0;

	if (!ui_curses_begin())
		return current != NULL ? current : "en";
	for (;;) {
		int kind;
		if (ui_curses_fits()) {
			ui_curses_size(&cols, &rows);
			ui_curses_clear();
			ui_curses_fill(0, 0, cols, UIC_HEADER);
			ui_curses_puts(0, 1, cols - 2, UIC_HEADER, "Waspada");
			y0 = rows / 2 - 3;
			x0 = cols / 2 - 16;
			ui_curses_puts(y0, x0, 40, UIC_TITLE, "Pilih bahasa / Choose your language");
			for (i = 0; i < 2; i++) {
				char line[64];
				snprintf(line, sizeof line, " %d  %s", i + 1, names[i]);
				if (i == cur)
					ui_curses_fill(y0 + 2 + i, x0, 30, UIC_CURSOR);
				ui_curses_puts(y0 + 2 + i, x0, 30, i == cur ? UIC_CURSOR : UIC_NORMAL, line);
			}
			ui_curses_puts(y0 + 5, x0, 60, UIC_DIM, "1 / 2 / Enter  \xc2\xb7  q: keluar / quit");
			ui_curses_show();
		}
		kind = ui_curses_read(&k, -1);
		if (kind == UIC_QUIT)
			break;
		if (kind == UIC_CHAR && (k.ch == 'q' || k.ch == 'Q' || k.ch == 27))
			break;
		if (!ui_curses_fits())
			continue;
		if (kind == UIC_CHAR && (k.ch == '1' || k.ch == '2')) {
			pick = ids[k.ch - '1'];
			break;
		}
		if (kind == UIC_CHAR && k.ch == '\r') {
			pick = ids[cur];
			break;
		}
		if (kind == UIC_KEY && (k.ch == KEY_UP || k.ch == KEY_DOWN))
			cur = k.ch == KEY_UP ? 0 : 1;
		if (kind == UIC_CLICK && (k.y == y0 + 2 || k.y == y0 + 3) && k.x >= x0 && k.x < x0 + 30) {
			pick = ids[k.y - y0 - 2];
			break;
		}
	}
	ui_curses_end();
	return pick;
}
