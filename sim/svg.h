/* svg: the few inline SVG charts of the HTML report (bars, a heat map, before/after pairs),
 * drawn by hand: plain text, no scripts, every value also written as a number on the chart. */
#ifndef WASPADA_SVG_H
#define WASPADA_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Text escaped for HTML and SVG (& < > " '); bytes that are not valid UTF-8 or are control
 * characters become U+FFFD, so a damaged results file cannot break the page. */
void svg_escape(FILE *f, const char *s);

struct svg_bar {
	const char *label;
	int value;       /* percent 0-100; -1: not asked (no bar, a dash) */
	bool heading;    /* a group's heading row (label only) */
};

/* Horizontal bars of percentages, one row each; title is the chart's accessible name. */
void svg_bars(FILE *f, const char *title, const struct svg_bar *bars, size_t n);

/* A heat map of percentages: rows x cols, cells[r * ncols + c] (-1: not asked, drawn as a dash).
 * Darker means lower (needs attention); each cell also shows its number. */
void svg_heat(FILE *f, const char *title, const char *const *rows, size_t nrows,
	      const char *const *cols, size_t ncols, const int *cells);

/* Before and after, one row each: two marks joined by a line, both numbers written. */
void svg_pairs(FILE *f, const char *title, const char *const *labels, const int *before,
	       const int *after, size_t n, const char *before_word, const char *after_word);

#endif
