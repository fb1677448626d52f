/* view: the chat screen's arithmetic without a terminal: display widths, wrapping with a
 * hanging indent, the chat log's rows and scroll position, evidence spans as cells, the option
 * grid of a question, scrollable documents (debrief, help) and the screen's rectangles.
 * ui-curses*.c draws what this module computes; tests/unit/test-view.c checks it. */
#ifndef WASPADA_VIEW_H
#define WASPADA_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "detector.h"

/* The smallest terminal the full layout needs. */
#define VIEW_MIN_COLS 80
#define VIEW_MIN_ROWS 24

/* Decode the character at s (n bytes left): bytes used (>= 1), its code point (U+FFFD for a
 * broken byte, a space for a tab) and its width in cells (0 for combining marks and controls). */
size_t view_next(const char *s, size_t n, unsigned *cp, int *w);
/* One code point of s (same contract); view_next takes whole grapheme clusters. */
size_t view_next_char(const char *s, size_t n, unsigned *cp, int *w);
/* true for characters never drawn: C0/C1 controls, DEL, bidi overrides, line separators. */
bool view_is_control(unsigned cp);
/* Display width of s[0..n). */
int view_width(const char *s, size_t n);

/* One wrapped row: bytes [start, end) of the text and their width in cells. */
struct view_row {
	size_t start, end;
	int width;
};

/* Wrap s[0..n) so the first row holds `first` cells and the others `rest` (a hanging indent is
 * the caller's columns before `rest`). Breaks after spaces; a word wider than a row is cut
 * between characters; '\n' forces a break. Returns the number of rows (>= 1); stores at most
 * cap of them (rows may be NULL to count only). */
size_t view_wrap(const char *s, size_t n, int first, int rest, struct view_row *rows, size_t cap);

/* A run of highlighted cells in a row, relative to the row's first cell. */
struct view_cells {
	int col, width;
};
/* The cells of a row that lie inside the evidence spans (byte offsets into s). Returns how
 * many runs; stores at most cap. */
size_t view_span_cells(const char *s, const struct view_row *row, const struct span *sp,
		       size_t nsp, struct view_cells *out, size_t cap);
/* true when byte offset off lies in one of the spans. */
bool view_in_spans(size_t off, const struct span *sp, size_t nsp);

/* Where a scroll key moves. */
enum view_scroll { VIEW_LINE_UP, VIEW_LINE_DOWN, VIEW_PAGE_UP, VIEW_PAGE_DOWN, VIEW_HOME, VIEW_END };
/* The first visible row after a scroll key, for total rows in a window of height rows. */
size_t view_scroll(size_t top, size_t total, int height, enum view_scroll how);

/* One message of the chat log as rows: its text, and how it sits in the chat's width. */
struct view_item {
	const char *text;
	size_t len;
	int prefix; /* cells before the text on the first row (time, name) */
	int indent; /* cells before the text on the other rows (the hanging indent) */
	int maxw;   /* widest the item may be, 0: the chat's width */
	int extra;  /* rows below the text (a note), not wrapped here */
	size_t rows; /* cached height at the log's width */
};

/* The chat log: items with their heights at one width and where each starts, so the visible
 * part is found by binary search and drawing costs the screen, not the history. */
struct view_log {
	struct view_item *v;
	size_t n, cap;
	size_t *start;  /* start[i]: first row of item i; start[n]: all rows */
	int width, height;
	size_t back;    /* rows scrolled back from the newest (0: following the chat) */
};

void view_log_init(struct view_log *l, int width, int height);
void view_log_free(struct view_log *l);
/* Append an item; returns its index. Keeps the view at the newest when it was there. */
size_t view_log_add(struct view_log *l, const struct view_item *it);
/* An item's extra rows changed: its height and the starts after it are updated. */
void view_log_changed(struct view_log *l, size_t i);
/* New chat size: heights are recomputed only when the width changed. */
void view_log_resize(struct view_log *l, int width, int height);
/* Rows of all items. */
size_t view_log_total(const struct view_log *l);
/* The first visible row. */
size_t view_log_top(const struct view_log *l);
/* The item holding row r (binary search); *inner: the row inside it. */
size_t view_log_find(const struct view_log *l, size_t r, size_t *inner);
/* Scroll by a key; the newest rows stay in view after End. */
void view_log_scroll(struct view_log *l, enum view_scroll how);
/* Show the newest rows. */
void view_log_follow(struct view_log *l);
/* Scroll so item i starts `above` rows below the first visible row (or as near as the ends allow). */
void view_log_show(struct view_log *l, size_t i, size_t above);
/* The columns an item's text gets at the log's width: first row, other rows, and the item's
 * total width (its text starts at prefix / indent within it). */
void view_item_geometry(const struct view_log *l, const struct view_item *it, int *first, int *rest,
			int *width);
/* An item's text wrapped at its geometry into *rows (grown to fit, room for *cap); returns the
 * number of rows. Both chat screens draw a message from these. */
size_t view_item_wrap(const struct view_log *l, const struct view_item *it, int *first, int *rest, int *width,
		      struct view_row **rows, size_t *cap);

/* An option of a question (or a reply choice, a menu line), or a group's heading, placed in
 * one or two columns. */
struct view_opt {
	const char *label;
	bool heading;   /* a stage's name above its options: not selectable */
	int y, x, w, h; /* placed: relative to the grid's top left */
};
/* Place opts in columns of width (two when width >= 2 * colmin); an option's label is wrapped
 * after `prefix` cells. Groups (a heading with its options) are never split. Returns rows used. */
int view_grid(struct view_opt *o, size_t n, int width, int prefix, int colmin);
/* The option at a cell of the grid, or -1. */
int view_grid_hit(const struct view_opt *o, size_t n, int y, int x);

/* A scrollable document (debrief, help): paragraphs with a style the caller defines, wrapped
 * at one width. */
struct view_para {
	char *text;
	int style, indent;
};
struct view_line {
	size_t para;
	size_t start, end;
	int x;
};
struct view_doc {
	struct view_para *p;
	size_t n, cap;
	struct view_line *lines;
	size_t nlines, caplines;
	int width;
	size_t top;
};
void view_doc_init(struct view_doc *d);
void view_doc_free(struct view_doc *d);
/* Add a paragraph (copied); an empty text is a blank line. */
void view_doc_add(struct view_doc *d, int style, int indent, const char *text);
/* Wrap every paragraph at width (a hanging indent keeps list items readable). */
void view_doc_wrap(struct view_doc *d, int width);

/* A rectangle of the screen. */
struct view_rect {
	int y, x, h, w;
};
/* The screen: header, stage track, chat (with the member list beside it), the panel for a
 * question, feedback or replies, and the status line. */
struct view_layout {
	bool too_small;
	struct view_rect header, track, chat, side, panel, status;
};
/* Lay out cols x rows; side: show a member list; panel_h: rows the panel wants (it gets them
 * as long as the chat keeps a few rows). */
void view_layout(struct view_layout *lo, int cols, int rows, bool side, int panel_h);
/* Width of the member list beside the chat at cols (0: none). */
int view_side_width(int cols);

/* Copy the longest prefix of s[0..n) that fits in cols cells, ending with "…" when cut. */
char *view_ellipsize(const char *s, size_t n, int cols);

/* A list of n items of `per` rows each in `height` rows, keeping item cur in view: *top is the
 * first item shown (kept across calls); returns how many are shown. One row is kept free at the
 * end for a "more below" line whenever items are hidden below, so it never covers an item. */
int view_list_window(size_t n, int height, int per, size_t cur, size_t *top);
/* The number a learner is typing, digit by digit, into a list numbered from lo to max: the
 * value so far (-1: nothing typed). Returns the new value, or -1 when d cannot extend it
 * nor start a number. *done is set when no further digit could extend it. */
int view_number_typed(int sofar, int d, int lo, int max, bool *done);

#endif
