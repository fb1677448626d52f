/* svg: inline SVG charts for the HTML report (see svg.h). Sizes are in SVG units; the page
 * scales each chart to its column with viewBox, so the same drawing fits a screen and A4. */
#include "svg.h"

#include <string.h>

#include "util.h"

#define LABEL_W 240   /* room for a label left of the bars (36 characters) */
#define BAR_W   200   /* a bar of 100 % */
#define ROW_H   22
#define CELL_W  36
#define CELL_H  20
#define NAME_W  150   /* room for a pupil's name left of the heat map */
#define HEAD_H  150   /* room for the slanted sign names above it */

/* Escape the first n bytes of s for HTML/SVG. */
static void
escape_n(FILE *f, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		int len = utf8_decode(s + i, n - i, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			fputs(cp == '\t' && len == 1 ? " " : "\xef\xbf\xbd", f);
			i += len ? (size_t)len : 1;
			continue;
		}
		switch (cp) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fwrite(s + i, 1, (size_t)len, f);
		}
		i += (size_t)len;
	}
}

/* Escape one text for HTML/SVG (see svg.h). */
void
svg_escape(FILE *f, const char *s)
{
	if (s != NULL)
		escape_n(f, s, strlen(s));
}

/* A label shortened to max characters (whole UTF-8 sequences) with an ellipsis, escaped: a
 * nickname of any length stays on its row. */
static void
short_label(FILE *f, const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0, i = 0, chars = 0;

	while (i < n && chars < max) {
		unsigned cp;
		int len = utf8_decode(s + i, n - i, &cp);
		i += len ? (size_t)len : 1;
		chars++;
	}
	escape_n(f, s ? s : "", i);
	if (i < n)
		fputs("\xe2\x80\xa6", f); /* … */
}

/* The opening of a chart: its size, and its accessible name (the table beside has the numbers). */
static void
open_svg(FILE *f, const char *title, int w, int h)
{
	fprintf(f, "<svg class=\"chart\" role=\"img\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-label=\"", w, h, w, h);
	svg_escape(f, title);
	fputs("\"><title>", f);
	svg_escape(f, title);
	fputs("</title>\n", f);
}

/* Horizontal percentage bars (see svg.h). */
void
svg_bars(FILE *f, const char *title, const struct svg_bar *bars, size_t n)
{
	size_t i;
	int y = 4;

	open_svg(f, title, LABEL_W + BAR_W + 50, (int)n * ROW_H + 8);
	for (i = 0; i < n; i++, y += ROW_H) {
		const struct svg_bar *b = &bars[i];
		/* A heading starts at the left edge; a bar's label ends where the bar begins. */
		if (b->heading)
			fprintf(f, "<text x=\"0\" y=\"%d\" class=\"head\">", y + 15);
		else
			fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"lab\" text-anchor=\"end\">", LABEL_W - 8,
				y + 15);
		short_label(f, b->label, b->heading ? 60 : 36);
		fputs("</text>\n", f);
		if (b->heading)
			continue;
		/* The 100 % frame, so a short bar still reads as a share of the whole. */
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" class=\"frame\"/>",
			LABEL_W, y + 4, BAR_W);
		if (b->value >= 0)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" class=\"bar\"/>"
				"<text x=\"%d\" y=\"%d\" class=\"num\">%d%%</text>\n", LABEL_W, y + 4,
				b->value * BAR_W / 100, LABEL_W + BAR_W + 6, y + 15, b->value);
		else
			fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"num\">\xe2\x80\x93</text>\n",
				LABEL_W + BAR_W + 6, y + 15);
	}
	fputs("</svg>\n", f);
}

/* A heat map cell's shade: five steps, darkest for the lowest share caught. */
static int
shade(int v)
{
	return v < 0 ? 0 : v < 25 ? 5 : v < 50 ? 4 : v < 75 ? 3 : v < 90 ? 2 : 1;
}

/* The heat map (see svg.h). */
void
svg_heat(FILE *f, const char *title, const char *const *rows, size_t nrows,
	 const char *const *cols, size_t ncols, const int *cells)
{
	size_t r, c;

	/* The slanted names reach past the last column: room for them on the right. */
	open_svg(f, title, NAME_W + (int)ncols * CELL_W + 100, HEAD_H + (int)nrows * CELL_H + 4);
	/* A key to the shades in the empty corner: each range of percent, lowest (darkest) first. */
	{
		static const char *const ranges[] = {"0\xe2\x80\x93" "24", "25\xe2\x80\x93" "49",
						     "50\xe2\x80\x93" "74", "75\xe2\x80\x93" "89",
						     "90\xe2\x80\x93" "100"};
		int i;
		for (i = 0; i < 5; i++)
			fprintf(f, "<rect x=\"4\" y=\"%d\" width=\"22\" height=\"14\" class=\"h%d\"/>"
				"<text x=\"32\" y=\"%d\" class=\"cell\">%s %%</text>\n", 8 + i * 20, 5 - i,
				19 + i * 20, ranges[i]);
	}
	for (c = 0; c < ncols; c++) {
		int x = NAME_W + (int)c * CELL_W + CELL_W / 2;
		fprintf(f, "<text class=\"lab\" transform=\"translate(%d %d) rotate(-50)\">", x, HEAD_H - 4);
		short_label(f, cols[c], 24);
		fputs("</text>\n", f);
	}
	for (r = 0; r < nrows; r++) {
		int y = HEAD_H + (int)r * CELL_H;
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"lab\" text-anchor=\"end\">", NAME_W - 6, y + 14);
		short_label(f, rows[r], 20);
		fputs("</text>\n", f);
		for (c = 0; c < ncols; c++) {
			int v = cells[r * ncols + c], x = NAME_W + (int)c * CELL_W;
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"h%d\"/>",
				x, y, CELL_W - 1, CELL_H - 1, shade(v));
			if (v >= 0)
				fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"cell%s\" text-anchor=\"middle\">%d</text>\n",
					x + CELL_W / 2, y + 14, shade(v) >= 4 ? " light" : "", v);
			else
				fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"cell\" text-anchor=\"middle\">\xc2\xb7</text>\n",
					x + CELL_W / 2, y + 14);
		}
	}
	fputs("</svg>\n", f);
}

/* Before/after pairs (see svg.h). */
void
svg_pairs(FILE *f, const char *title, const char *const *labels, const int *before,
	  const int *after, size_t n, const char *before_word, const char *after_word)
{
	size_t i;
	int y = 24;

	open_svg(f, title, LABEL_W + BAR_W + 90, (int)n * ROW_H + 30);
	/* A key: the hollow mark is before, the filled one after (shape, not only colour). */
	fprintf(f, "<circle cx=\"%d\" cy=\"10\" r=\"5\" class=\"before\"/><text x=\"%d\" y=\"14\" class=\"lab\">",
		LABEL_W, LABEL_W + 9);
	svg_escape(f, before_word);
	fprintf(f, "</text><circle cx=\"%d\" cy=\"10\" r=\"5\" class=\"after\"/><text x=\"%d\" y=\"14\" class=\"lab\">",
		LABEL_W + 120, LABEL_W + 129);
	svg_escape(f, after_word);
	fputs("</text>\n", f);
	for (i = 0; i < n; i++, y += ROW_H) {
		int xb = LABEL_W + (before[i] < 0 ? 0 : before[i]) * BAR_W / 100;
		int xa = LABEL_W + (after[i] < 0 ? 0 : after[i]) * BAR_W / 100;
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"lab\" text-anchor=\"end\">", LABEL_W - 8, y + 15);
		short_label(f, labels[i], 30);
		fprintf(f, "</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>",
			LABEL_W, y + 11, LABEL_W + BAR_W, y + 11);
		if (before[i] >= 0 && after[i] >= 0)
			fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"gain\"/>", xb, y + 11, xa, y + 11);
		if (before[i] >= 0)
			fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" class=\"before\"/>", xb, y + 11);
		if (after[i] >= 0)
			fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" class=\"after\"/>", xa, y + 11);
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"num\">", LABEL_W + BAR_W + 8, y + 15);
		if (before[i] >= 0)
			fprintf(f, "%d", before[i]);
		else
			fputs("\xe2\x80\x93", f);
		fputs(" \xe2\x86\x92 ", f);
		if (after[i] >= 0)
			fprintf(f, "%d", after[i]);
		else
			fputs("\xe2\x80\x93", f);
		fputs("</text>\n", f);
	}
	fputs("</svg>\n", f);
}
