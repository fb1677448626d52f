/* view: widths, wrapping, the chat log's rows, scrolling and the screen's layout, all without
 * a terminal (see view.h). */
#include <utf8proc.h>

#include "view.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

/* true for characters that must never reach the terminal as they are. */
bool
view_is_control(unsigned cp)
{
	return util_is_control(cp);
}

/* Decode one grapheme cluster (a character with its combining marks, variation selector or
 * emoji joiners) with its display width (see view.h). Measured by cluster, not by code point:
 * "🛡️" (U+1F6E1 U+FE0F) is two cells on the terminal, though each code point alone says one. */
size_t
view_next(const char *s, size_t n, unsigned *cp, int *w)
{
	size_t k = view_next_char(s, n, cp, w), len = k;
	utf8proc_int32_t state = 0, prev = (utf8proc_int32_t)*cp;
	bool emoji = false;

	if (*w == 0 && *cp != 0x200d)
		return k; /* a control character or a lone mark stands alone */
	while (len < n) {
		unsigned next;
		int nw;
		size_t nk = view_next_char(s + len, n - len, &next, &nw);
		if (view_is_control(next) ||
		    utf8proc_grapheme_break_stateful(prev, (utf8proc_int32_t)next, &state))
			break;
		if (next == 0xfe0f || next == 0x200d || (next >= 0x1f3fb && next <= 0x1f3ff))
			emoji = true;
		prev = (utf8proc_int32_t)next;
		len += nk;
	}
	if (emoji)
		*w = 2; /* emoji presentation, a skin tone or a joined sequence: one wide cell pair */
	return len;
}

/* Decode one code point with its display width (see view.h). */
size_t
view_next_char(const char *s, size_t n, unsigned *cp, int *w)
{
	int k = utf8_decode(s, n, cp);
	int cw;

	if (k <= 0) {
		/* A broken byte shows as one replacement character, never as raw bytes. */
		*cp = 0xfffd;
		*w = 1;
		return 1;
	}
	if (*cp == '\t') {
		*cp = ' ';
		*w = 1;
		return (size_t)k;
	}
	if (view_is_control(*cp)) {
		*w = 0;
		return (size_t)k;
	}
	cw = wcwidth((wchar_t)*cp);
	/* Unknown printable characters take one cell rather than vanishing. */
	*w = cw < 0 ? 1 : cw;
	return (size_t)k;
}

/* Display width of s[0..n). */
int
view_width(const char *s, size_t n)
{
	size_t i = 0;
	int total = 0;

	while (i < n) {
		unsigned cp;
		int w;
		i += view_next(s + i, n - i, &cp, &w);
		total += w;
	}
	return total;
}

/* Bytes of s that fit in cols cells; zero-width marks stay with the character before them. */
static size_t
view_fit(const char *s, size_t n, int cols, int *used)
{
	size_t i = 0;
	int col = 0;

	while (i < n) {
		unsigned cp;
		int w;
		size_t k = view_next(s + i, n - i, &cp, &w);
		if (col + w > cols)
			break;
		col += w;
		i += k;
	}
	if (used != NULL)
		*used = col;
	return i;
}

/* Store a row unless the caller only counts. */
static void
put_row(struct view_row *rows, size_t cap, size_t k, const char *s, size_t start, size_t end)
{
	/* Spaces at the end of a row take no room on screen. */
	while (end > start && s[end - 1] == ' ')
		end--;
	if (rows != NULL && k < cap) {
		rows[k].start = start;
		rows[k].end = end;
		rows[k].width = view_width(s + start, end - start);
	}
}

/* Wrap text by display width with a hanging indent (see view.h). */
size_t
view_wrap(const char *s, size_t n, int first, int rest, struct view_row *rows, size_t cap)
{
	size_t k = 0, pos = 0;

	if (first < 1)
		first = 1;
	if (rest < 1)
		rest = 1;
	for (;;) {
		int avail = k == 0 ? first : rest, col = 0;
		size_t i, start, brk = 0, next = n, end = n;
		bool have_brk = false;

		/* A continued row does not start with the spaces it was broken at. */
		if (k > 0) {
			while (pos < n && s[pos] == ' ')
				pos++;
			if (pos >= n)
				return k;
		}
		start = i = pos;
		while (i < n) {
			unsigned cp;
			int w;
			size_t len;
			if (s[i] == '\n') {
				end = i;
				next = i + 1;
				goto row;
			}
			len = view_next(s + i, n - i, &cp, &w);
			if (cp == ' ' && i > start) {
				brk = i;
				have_brk = true;
			}
			if (w > 0 && col + w > avail) {
				if (have_brk) {
					end = brk;
					next = brk + 1;
				} else if (i == start) {
					/* Wider than the row itself (a wide character in one cell): keep it. */
					end = next = i + len;
				} else {
					end = next = i;
				}
				goto row;
			}
			col += w;
			i += len;
		}
		put_row(rows, cap, k, s, start, n);
		return k + 1;
row:
		put_row(rows, cap, k, s, start, end);
		k++;
		pos = next;
	}
}

/* true when off is inside one of the spans. */
bool
view_in_spans(size_t off, const struct span *sp, size_t nsp)
{
	size_t i;

	for (i = 0; i < nsp; i++)
		if (off >= sp[i].start && off < sp[i].end)
			return true;
	return false;
}

/* Cells of a row inside the spans, as runs (see view.h). */
size_t
view_span_cells(const char *s, const struct view_row *row, const struct span *sp, size_t nsp,
		struct view_cells *out, size_t cap)
{
	size_t i = row->start, k = 0;
	int col = 0;
	bool in = false;

	while (i < row->end) {
		unsigned cp;
		int w;
		size_t len = view_next(s + i, row->end - i, &cp, &w);
		bool hit = view_in_spans(i, sp, nsp);
		if (w > 0) {
			if (hit && !in) {
				if (k < cap)
					out[k] = (struct view_cells){col, 0};
				k++;
			}
			if (hit && k <= cap)
				out[k - 1].width += w;
			in = hit;
		}
		col += w;
		i += len;
	}
	return k;
}

/* Where top goes after a scroll key. */
size_t
view_scroll(size_t top, size_t total, int height, enum view_scroll how)
{
	size_t page = height > 1 ? (size_t)height - 1 : 1;
	size_t max = total > (size_t)(height > 0 ? height : 0) ? total - (size_t)height : 0;

	switch (how) {
	case VIEW_LINE_UP: top = top > 0 ? top - 1 : 0; break;
	case VIEW_LINE_DOWN: top++; break;
	case VIEW_PAGE_UP: top = top > page ? top - page : 0; break;
	case VIEW_PAGE_DOWN: top += page; break;
	case VIEW_HOME: top = 0; break;
	case VIEW_END: top = max; break;
	}
	return top > max ? max : top;
}

/* The columns an item's text gets at the log's width. */
void
view_item_geometry(const struct view_log *l, const struct view_item *it, int *first, int *rest,
		   int *width)
{
	int w = it->maxw > 0 && it->maxw < l->width ? it->maxw : l->width;
	int prefix = it->prefix, indent = it->indent;

	if (w < 1)
		w = 1;
	/* A long name must not squeeze the text into a sliver. */
	if (w - prefix < 10)
		prefix = 0;
	if (w - indent < 10)
		indent = 0;
	*first = w - prefix;
	*rest = w - indent;
	*width = w;
}

/* An item's text wrapped into *rows (see view.h). */
size_t
view_item_wrap(const struct view_log *l, const struct view_item *it, int *first, int *rest, int *width,
	       struct view_row **rows, size_t *cap)
{
	view_item_geometry(l, it, first, rest, width);
	GROW(*rows, *cap, view_wrap(it->text, it->len, *first, *rest, NULL, 0));
	return view_wrap(it->text, it->len, *first, *rest, *rows, *cap);
}

/* Rows of one item at the log's width. */
static size_t
item_rows(const struct view_log *l, const struct view_item *it)
{
	int first, rest, w;

	view_item_geometry(l, it, &first, &rest, &w);
	return view_wrap(it->text, it->len, first, rest, NULL, 0) + (size_t)(it->extra > 0 ? it->extra : 0);
}

/* Start with an empty log for a chat of width x height. */
void
view_log_init(struct view_log *l, int width, int height)
{
	memset(l, 0, sizeof(*l));
	l->width = width;
	l->height = height;
	l->start = xcalloc(1, sizeof(*l->start));
}

/* Free the log's arrays (the texts belong to the caller). */
void
view_log_free(struct view_log *l)
{
	free(l->v);
	free(l->start);
	memset(l, 0, sizeof(*l));
}

/* Append one item and work out its height once. */
size_t
view_log_add(struct view_log *l, const struct view_item *it)
{
	size_t i = l->n;

	if (l->n == l->cap) {
		l->cap = util_grow_cap(l->cap, l->n + 1, sizeof(*l->v));
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		l->start = xreallocarray(l->start, l->cap + 1, sizeof(*l->start));
	}
	l->v[i] = *it;
	l->v[i].rows = item_rows(l, &l->v[i]);
	l->n++;
	l->start[l->n] = l->start[i] + l->v[i].rows;
	/* Someone reading back keeps their place: the new rows come below. */
	if (l->back > 0)
		l->back += l->v[i].rows;
	return i;
}

/* An item's height changed: fix it and every start after it. */
void
view_log_changed(struct view_log *l, size_t i)
{
	size_t k, old;

	if (i >= l->n)
		return;
	old = l->v[i].rows;
	l->v[i].rows = item_rows(l, &l->v[i]);
	for (k = i; k < l->n; k++)
		l->start[k + 1] = l->start[k] + l->v[k].rows;
	if (l->back > 0 && l->v[i].rows > old)
		l->back += l->v[i].rows - old;
}

/* Keep back within what can be scrolled. */
static void
clamp_back(struct view_log *l)
{
	size_t total = view_log_total(l), h = l->height > 0 ? (size_t)l->height : 0;
	size_t max = total > h ? total - h : 0;

	if (l->back > max)
		l->back = max;
}

/* New size: rewrap everything only when the width changed (a resize, not a keypress). */
void
view_log_resize(struct view_log *l, int width, int height)
{
	size_t k;

	l->height = height;
	if (width != l->width) {
		l->width = width;
		for (k = 0; k < l->n; k++) {
			l->v[k].rows = item_rows(l, &l->v[k]);
			l->start[k + 1] = l->start[k] + l->v[k].rows;
		}
	}
	clamp_back(l);
}

/* Rows of the whole log. */
size_t
view_log_total(const struct view_log *l)
{
	return l->start[l->n];
}

/* The first visible row: the bottom of the log minus what was scrolled back. */
size_t
view_log_top(const struct view_log *l)
{
	size_t total = view_log_total(l), h = l->height > 0 ? (size_t)l->height : 0;

	if (total <= h)
		return 0;
	return total - h - (l->back > total - h ? total - h : l->back);
}

/* The item holding row r, by binary search over the starts. */
size_t
view_log_find(const struct view_log *l, size_t r, size_t *inner)
{
	size_t lo = 0, hi = l->n;

	if (l->n == 0) {
		*inner = 0;
		return 0;
	}
	/* The last item whose start is <= r. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	*inner = r - l->start[lo];
	return lo;
}

/* Scroll by a key, keeping the bottom as the anchor. */
void
view_log_scroll(struct view_log *l, enum view_scroll how)
{
	size_t total = view_log_total(l), top = view_log_top(l);
	size_t h = l->height > 0 ? (size_t)l->height : 0;

	top = view_scroll(top, total, l->height, how);
	l->back = total > h ? total - h - top : 0;
}

/* Back to the newest rows. */
void
view_log_follow(struct view_log *l)
{
	l->back = 0;
}

/* Scroll so item i starts `above` rows below the top (as near as the ends allow). */
void
view_log_show(struct view_log *l, size_t i, size_t above)
{
	size_t total = view_log_total(l), h = l->height > 0 ? (size_t)l->height : 0, top;

	if (i >= l->n || total <= h) {
		l->back = 0;
		return;
	}
	top = l->start[i] > above ? l->start[i] - above : 0;
	if (top > total - h)
		top = total - h;
	l->back = total - h - top;
}

/* Height of one grid option at a column width. */
static int
opt_height(const struct view_opt *o, int w, int prefix)
{
	if (o->heading)
		return 1; /* a group heading keeps to one row, cut with "…", never into the next column */
	return (int)view_wrap(o->label, strlen(o->label), w - prefix, w - prefix, NULL, 0);
}

/* Place options in one or two columns, groups unsplit (see view.h). */
int
view_grid(struct view_opt *o, size_t n, int width, int prefix, int colmin)
{
	int cols = colmin > 0 && width >= 2 * colmin ? 2 : 1;
	int colw = cols == 2 ? (width - 1) / 2 : width;
	int total = 0, best = -1, bestmax = 0, y, left = 0;
	size_t i, split = n;

	for (i = 0; i < n; i++) {
		o[i].w = colw;
		o[i].h = opt_height(&o[i], colw, prefix);
		total += o[i].h;
	}
	if (cols == 2) {
		/* Split before the heading that best balances the two columns. */
		for (i = 1; i < n; i++) {
			left += o[i - 1].h;
			if (!o[i].heading)
				continue;
			int worst = left > total - left ? left : total - left;
			if (best < 0 || worst < bestmax) {
				best = (int)i;
				bestmax = worst;
			}
		}
		if (best < 0)
			cols = 1;
		else
			split = (size_t)best;
	}
	if (cols == 1) {
		for (i = 0, y = 0; i < n; i++) {
			o[i].w = width;
			o[i].h = opt_height(&o[i], width, prefix);
			o[i].x = 0;
			o[i].y = y;
			y += o[i].h;
		}
		return y;
	}
	for (i = 0, y = 0; i < split; i++) {
		o[i].x = 0;
		o[i].y = y;
		y += o[i].h;
	}
	total = y;
	for (y = 0; i < n; i++) {
		o[i].x = colw + 1;
		o[i].y = y;
		y += o[i].h;
	}
	return y > total ? y : total;
}

/* The selectable option under a cell, or -1. */
int
view_grid_hit(const struct view_opt *o, size_t n, int y, int x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!o[i].heading && y >= o[i].y && y < o[i].y + o[i].h && x >= o[i].x &&
		    x < o[i].x + o[i].w)
			return (int)i;
	return -1;
}

/* An empty document. */
void
view_doc_init(struct view_doc *d)
{
	memset(d, 0, sizeof(*d));
	d->width = -1;
}

/* Free a document's paragraphs and lines. */
void
view_doc_free(struct view_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->p[i].text);
	free(d->p);
	free(d->lines);
	memset(d, 0, sizeof(*d));
}

/* Add a paragraph; the document must be wrapped again. */
void
view_doc_add(struct view_doc *d, int style, int indent, const char *text)
{
	GROW(d->p, d->cap, d->n + 1);
	d->p[d->n].text = xstrdup(text != NULL ? text : "");
	d->p[d->n].style = style;
	d->p[d->n].indent = indent;
	d->n++;
	d->width = -1;
}

/* Wrap every paragraph at width; list items hang two cells in from their indent. */
void
view_doc_wrap(struct view_doc *d, int width)
{
	size_t i, k, nr;
	struct view_row rows[256];

	d->nlines = 0;
	for (i = 0; i < d->n; i++) {
		const struct view_para *p = &d->p[i];
		int ind = p->indent < width - 10 ? p->indent : 0;
		size_t len = strlen(p->text);
		nr = view_wrap(p->text, len, width - ind, width - ind - (ind > 0 ? 2 : 0), rows,
			       ARRAY_LEN(rows));
		if (nr > ARRAY_LEN(rows))
			nr = ARRAY_LEN(rows);
		for (k = 0; k < nr; k++) {
			GROW(d->lines, d->caplines, d->nlines + 1);
			d->lines[d->nlines++] = (struct view_line){
				.para = i, .start = rows[k].start, .end = rows[k].end,
				.x = ind + (k > 0 && ind > 0 ? 2 : 0),
			};
		}
	}
	d->width = width;
}

/* Width of the member list: a narrow column at 80, a wider one when there is room. */
int
view_side_width(int cols)
{
	return cols >= 110 ? 24 : 18;
}

/* Lay the screen out (see view.h). */
void
view_layout(struct view_layout *lo, int cols, int rows, bool side, int panel_h)
{
	int body, chat_h, sw;

	memset(lo, 0, sizeof(*lo));
	if (cols < VIEW_MIN_COLS || rows < VIEW_MIN_ROWS) {
		lo->too_small = true;
		return;
	}
	lo->header = (struct view_rect){0, 0, 1, cols};
	lo->track = (struct view_rect){1, 0, 2, cols};
	lo->status = (struct view_rect){rows - 1, 0, 1, cols};
	body = rows - 4;
	if (panel_h < 0)
		panel_h = 0;
	/* The chat keeps at least five rows: the message being asked about must stay in view. */
	if (panel_h > body - 5)
		panel_h = body - 5;
	chat_h = body - panel_h;
	sw = side ? view_side_width(cols) : 0;
	lo->chat = (struct view_rect){3, 0, chat_h, cols - sw};
	if (side)
		lo->side = (struct view_rect){3, cols - sw, chat_h, sw};
	lo->panel = (struct view_rect){3 + chat_h, 0, panel_h, cols};
}

/* The longest prefix that fits, with "…" when cut. */
char *
view_ellipsize(const char *s, size_t n, int cols)
{
	int used;
	size_t k;
	char *out;

	if (view_width(s, n) <= cols)
		return xstrndup(s, n);
	if (cols < 1)
		return xstrdup("");
	k = view_fit(s, n, cols - 1, &used);
	if (k < n && s[k] != ' ') {
		/* End at a word's end when one is near: "Enter: answer …", not "Enter: ans…". */
		size_t b = k;
		while (b > 0 && s[b - 1] != ' ')
			b--;
		if (b > k / 2)
			k = b;
	}
	while (k > 0 && s[k - 1] == ' ')
		k--;
	out = xmalloc(k + 4);
	memcpy(out, s, k);
	memcpy(out + k, "\xe2\x80\xa6", 4);
	return out;
}

/* How many items of a list fit, and which comes first (see view.h). */
int
view_list_window(size_t n, int height, int per, size_t cur, size_t *top)
{
	int fit = per > 0 ? height / per : 1;

	if (fit < 1)
		fit = 1;
	if ((size_t)fit < n && fit > 1 && height - fit * per < 1)
		fit--; /* room for the "more below" line */
	if (cur < *top)
		*top = cur;
	if (cur >= *top + (size_t)fit)
		*top = cur - (size_t)fit + 1;
	if (*top + (size_t)fit > n)
		*top = n > (size_t)fit ? n - (size_t)fit : 0;
	return fit;
}

/* One more digit of a typed number (see view.h). */
int
view_number_typed(int sofar, int d, int lo, int max, bool *done)
{
	int v = sofar >= 0 ? sofar * 10 + d : d;

	if (sofar >= 0 && v > max)
		v = d; /* cannot extend it: this digit starts a new number */
	if (v < lo || v > max || (sofar < 0 && d == 0 && lo > 0)) {
		*done = true;
		return -1;
	}
	*done = v * 10 > max || (v == 0 && lo == 0);
	return v;
}
