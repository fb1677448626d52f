/* ui: the two frontends over the engine, and what both show the same way. */
#ifndef WASPADA_UI_H
#define WASPADA_UI_H

#include <stdio.h>

#include "engine.h"
#include "help.h"
#include "results.h"

/* The line-based frontend of design.md's plain mode (pipes, screen readers). */
int ui_plain_play(struct play *p, FILE *in, FILE *out);
/* Plain menu: list scenarios and read a number; returns index or -1. */
int ui_plain_menu(const char *const *titles, size_t n, FILE *in, FILE *out);

/* Learner-facing words shared by both frontends (ui.c). */
const char *ui_platform_label(enum platform pl);
const char *ui_outcome_sentence(const struct entry *e);
const char *ui_stage_short(enum stage st);
/* Feedback lines (ui-feedback.c), each malloc'd or NULL when there is nothing to say: the stage
 * ("Stage: " first when titled) and the signs the question asked to find (dash between them), the other signs the detector
 * sees, and a kind sentence about picks that are not in the message. */
const char *ui_category_label(struct play *p, const char *id);
char *ui_feedback_key(struct play *p, const struct entry *e, const char *dash, bool titled);
char *ui_feedback_also(struct play *p, const struct entry *e);
char *ui_feedback_extra(struct play *p, const struct entry *e);
/* Why a fine message is fine (by contrast with a stranger), or that blame is never the
 * child's, when the message uses guilt; NULL otherwise. */
char *ui_feedback_why(struct play *p, const struct entry *e);
/* A reply choice as offered (malloc'd): an action as it is, a chat line in quotes, both as
 * 'action — "line"', so the learner sees what is done and what is written. */
char *ui_choice_label(const struct choice *ch);

/* The ncurses frontend (ui-curses*.c). 0: reached an ending; 1: the learner left or a signal
 * came (progress is saved turn by turn by the engine). */
int ui_curses_play(struct play *p);

/* A conversation `detect` read, read-only in the chat screen's look (ui-curses-view.c): the
 * detector's signs highlighted, n/p between them, q closes. 0: closed; 1: a signal came; -1:
 * the terminal cannot show it (nothing was drawn). */
struct detect_view;
int ui_curses_view(struct detect_view *dv, struct detector *det);

struct catalog;
/* What the start screen can return besides a scenario's index. */
#define UI_MENU_QUIT (-1)
#define UI_MENU_LANG (-2)
#define UI_MENU_LEVEL (-3) /* the learner switched between beginner and standard questions */
/* The start screen: the scenarios of catalog c in lang; an index, UI_MENU_QUIT or UI_MENU_LANG. */
int ui_curses_menu(const struct catalog *c, const struct results_set *past, const char *lang,
		   bool beginner);
/* Ask for the language (first launch, or `l` in the menu): "id", "en", or NULL to quit. */
const char *ui_curses_language(const char *current);

/* Shared by the curses screens (ui-curses.c); no curses type leaks out of them. */
enum ui_curses_style {
	UIC_NORMAL, UIC_HEADER, UIC_TITLE, UIC_DIM, UIC_SYSTEM, UIC_PERSONA, UIC_HIGHLIGHT,
	UIC_LIT, UIC_UNLIT, UIC_CURSOR, UIC_HEADING, UIC_GOOD, UIC_NOTE, UIC_BUTTON, UIC_TIME,
	UIC_CURRENT, UIC_SPEAKER0, UIC_STYLES = UIC_SPEAKER0 + 5
};
enum ui_curses_event {
	UIC_TIMEOUT, UIC_CHAR, UIC_KEY, UIC_SCROLL, UIC_CLICK, UIC_WHEEL_UP, UIC_WHEEL_DOWN,
	UIC_RESIZE, UIC_QUIT
};
struct ui_curses_key {
	int kind;      /* enum ui_curses_event */
	unsigned ch;   /* UIC_CHAR: the character ('\r' for Enter); UIC_KEY: a curses key code */
	int scroll;    /* UIC_SCROLL: enum view_scroll */
	int y, x;      /* UIC_CLICK and the wheel: where */
};
struct view_doc;
struct span;
bool ui_curses_begin(void);
/* Whether the terminal can show the curses screens: TERM names a terminal description that can
 * move the cursor (TERM=dumb, unset or unknown cannot; those get the plain mode). */
bool ui_curses_usable(void);
void ui_curses_end(void);
bool ui_curses_interrupted(void);
void ui_curses_size(int *cols, int *rows);
int ui_curses_read(struct ui_curses_key *k, int timeout_ms);
void ui_curses_clear(void);
void ui_curses_show(void);
void ui_curses_fill(int y, int x, int w, int style);
int ui_curses_put(int y, int x, int w, int style, const char *s, size_t n);
int ui_curses_puts(int y, int x, int w, int style, const char *s);
int ui_curses_put_row(int y, int x, int w, int style, const char *s, size_t start, size_t end,
		      const struct span *sp, size_t nsp);
bool ui_curses_fits(void);
struct view_rect;
/* The "newer messages below (End)" line at the foot of a chat scrolled back. */
void ui_curses_more_below(const struct view_rect *r);
bool ui_curses_confirm_quit(void);
bool ui_curses_ask(const char *question, const char *sub, const char *yes, const char *no);
/* A short line of text (a nickname): out holds the start and receives the answer. false when
 * the learner left (q at the terminal's end, a signal). */
bool ui_curses_input(const char *question, const char *sub, char *out, size_t size);
bool ui_curses_page(struct view_doc *d, const char *title, const char *status,
		    void (*style_row)(const struct view_doc *, size_t, int, int, int));
void ui_curses_help_text(struct view_doc *d, const struct help *h);
bool ui_curses_help(const char *lang);

#endif
