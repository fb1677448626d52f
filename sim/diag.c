/* diag: collect every problem first, then report them all at once. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Record one located problem. */
void
diag_add(struct diags *d, const char *file, int line, int col, enum diag_severity sev,
	 const char *code, const char *fmt, ...)
{
	va_list ap;
	struct diag *g;

	GROW(d->v, d->cap, d->n + 1);
	g = &d->v[d->n++];
	g->file = xstrdup(file ? file : "-");
	g->line = line > 0 ? line : 1;
	g->col = col > 0 ? col : 1;
	g->severity = sev;
	g->code = code;
	va_start(ap, fmt);
	g->msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (sev == DIAG_ERROR)
		d->errors++;
	else if (sev == DIAG_WARNING)
		d->warnings++;
}

/* Order of two problems: file, line, column. */
static int
diag_cmp(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file, b->file);

	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->col > b->col) - (a->col < b->col);
}

/* Sort problems by position; equal positions keep the order they were found in (insertion sort:
 * stable, and the lists are short). */
void
diag_sort(struct diags *d)
{
	size_t i, j;

	for (i = 1; i < d->n; i++) {
		struct diag g = d->v[i];
		for (j = i; j > 0 && diag_cmp(&d->v[j - 1], &g) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = g;
	}
}

/* The word printed for a severity; stays English like a compiler's, so editors can parse it. */
const char *
diag_severity_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	default: return "note";
	}
}

/* Print every problem as FILE:LINE:COLUMN: severity: [CODE] message. */
void
diag_print(const struct diags *d, FILE *out)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		/* The file name and the message may carry a file's own text (a Lua error, an
		 * unknown key, a bad value): never raw to the terminal. */
		util_put_clean(out, g->file, strlen(g->file), false);
		fprintf(out, ":%d:%d: %s: [%s] ", g->line, g->col, diag_severity_name(g->severity),
			g->code);
		util_put_clean(out, g->msg, strlen(g->msg), false);
		fputc('\n', out);
	}
}

/* Forget every problem. */
void
diag_clear(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
