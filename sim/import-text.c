/* import-text: what the text formats share: lines read by blocks, dates in either order, times
 * in 24 or 12 hours. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "util.h"

#define BLOCK (256 * 1024)

/* Start reading lines of f. */
void
import_lines_open(struct import_lines *l, FILE *f)
{
	memset(l, 0, sizeof(*l));
	l->f = f;
	l->buf = xmalloc(BLOCK + IMPORT_MAX_TEXT + 1);
}

/* Free a line reader (see import.h). */
void
import_lines_close(struct import_lines *l)
{
	free(l->buf);
	l->buf = NULL;
}

/* Back to the first line (seekable FILEs only); false if the FILE cannot seek. */
static bool
import_lines_rewind(struct import_lines *l)
{
	if (fseek(l->f, 0, SEEK_SET) != 0)
		return false;
	clearerr(l->f);
	l->len = l->pos = 0;
	l->eof = l->skipping = false;
	l->line = 0;
	return true;
}

/* Keep the unread part and read more after it. */
static void
refill(struct import_lines *l)
{
	size_t n;

	if (l->pos > 0) {
		memmove(l->buf, l->buf + l->pos, l->len - l->pos);
		l->len -= l->pos;
		l->pos = 0;
	}
	if (l->eof)
		return;
	n = fread(l->buf + l->len, 1, BLOCK + IMPORT_MAX_TEXT - l->len, l->f);
	if (n == 0)
		l->eof = true;
	l->len += n;
}

/* The first bytes not yet read (at least a block unless the input is shorter), for a reader
 * that cannot make a first pass over a pipe. */
static const char *
import_lines_peek(struct import_lines *l, size_t *n)
{
	if (l->len - l->pos < BLOCK && !l->eof)
		refill(l);
	*n = l->len - l->pos;
	return l->buf + l->pos;
}

/* The next line (see import.h). */
char *
import_lines_next(struct import_lines *l, size_t *n, bool *cut, const char **bad)
{
	char *s;

	*cut = false;
	*bad = NULL;
	for (;;) {
		char *start = l->buf + l->pos, *nl;
		size_t avail = l->len - l->pos;

		nl = memchr(start, '\n', avail);
		if (nl != NULL || l->eof || avail >= IMPORT_MAX_TEXT) {
			size_t len = nl ? (size_t)(nl - start) : avail;
			if (len > IMPORT_MAX_TEXT) {
				len = IMPORT_MAX_TEXT;
				nl = NULL;
			}
			if (len == 0 && nl == NULL && l->eof && !l->skipping)
				return NULL;
			l->pos += len + (nl != NULL);
			if (l->skipping) { /* the rest of a cut line */
				l->skipping = nl == NULL && !l->eof;
				continue;
			}
			if (nl == NULL && !l->eof) {
				*cut = true;
				l->skipping = true;
			}
			s = start;
			l->line++;
			if (len > 0 && s[len - 1] == '\r')
				len--;
			s[len] = '\0';
			if (l->line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) { /* a BOM */
				s += 3;
				len -= 3;
			}
			if (memchr(s, '\0', len) != NULL)
				*bad = _("line contains binary data (a NUL byte); skipped");
			else if (utf8_valid_prefix(s, len) != len) {
				if (*cut) /* cut inside a character: keep the whole ones */
					len = utf8_valid_prefix(s, len), s[len] = '\0';
				else
					*bad = _("line is not valid UTF-8; skipped");
			}
			*n = len;
			return s;
		}
		refill(l);
	}
}

/* Up to max digits at s; the number of digits read (0 if none). */
static size_t
digits(const char *s, size_t n, size_t max, int *v)
{
	size_t i = 0;

	*v = 0;
	while (i < n && i < max && s[i] >= '0' && s[i] <= '9')
		*v = *v * 10 + (s[i++] - '0');
	return i;
}

/* Parse "A/B/C" (or with '.' or '-', the same twice) at s. */
size_t
import_date_parse(const char *s, size_t n, struct import_date *d)
{
	size_t i = 0, k;
	char sep;

	if ((k = digits(s, n, 4, &d->a)) == 0)
		return 0;
	d->alen = (int)k;
	i = k;
	if (i >= n || (s[i] != '/' && s[i] != '.' && s[i] != '-'))
		return 0;
	sep = s[i++];
	if ((k = digits(s + i, n - i, 2, &d->b)) == 0)
		return 0;
	i += k;
	if (i >= n || s[i] != sep)
		return 0;
	i++;
	if ((k = digits(s + i, n - i, 4, &d->c)) == 0 || (d->alen == 4 && k > 2) || (d->alen < 4 && k == 3))
		return 0;
	d->clen = (int)k;
	i += k;
	if (i < n && s[i] >= '0' && s[i] <= '9')
		return 0;
	return i;
}

/* Count what this date says about the order. */
static void
import_dates_see(struct import_dates *ds, const struct import_date *d)
{
	ds->total++;
	if (d->alen == 4)
		ds->ymd++;
	else if (d->a > 12 && d->b <= 12)
		ds->dayfirst++;
	else if (d->b > 12 && d->a <= 12)
		ds->monthfirst++;
}

/* Decide the order from what was seen (once), warning at line 1 when it had to be guessed. */
static void
import_dates_decide(struct import_dates *ds, struct import_ctx *ctx)
{
	if (ds->order != 0)
		return;
	if (ds->ymd > 0 && ds->ymd >= ds->dayfirst + ds->monthfirst) {
		ds->order = 'y';
	} else if (ds->dayfirst > 0 && ds->monthfirst > 0) {
		ds->order = ds->dayfirst >= ds->monthfirst ? 'd' : 'm';
		import_warn(ctx, 1, _("the dates are written both day first and month first; taking them as %s"),
			    ds->order == 'd' ? _("day/month") : _("month/day"));
	} else if (ds->dayfirst > 0) {
		ds->order = 'd';
	} else if (ds->monthfirst > 0) {
		ds->order = 'm';
	} else {
		ds->order = ds->twelve_hour * 2 > ds->total ? 'm' : 'd';
		if (ds->total > 0)
			import_warn(ctx, 1, _("no date in this file shows whether the day or the month comes first; "
					      "taking them as %s (times are wrong if that is not so)"),
				    ds->order == 'd' ? _("day/month") : _("month/day"));
	}
}

/* A first pass for the order of the dates (see import.h). */
void
import_dates_first_pass(struct import_lines *l, struct import_ctx *ctx, struct import_dates *ds,
			bool (*date_of)(const char *s, size_t n, struct import_date *d, bool *twelve))
{
	struct import_date d;
	const char *s, *bad;
	size_t n;
	bool cut, twelve;

	if (!ctx->seekable) {
		const char *p = import_lines_peek(l, &n), *end = p + n;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
			if (date_of(p, len, &d, &twelve)) {
				import_dates_see(ds, &d);
				ds->twelve_hour += twelve;
			}
			p += len + 1;
		}
		import_dates_decide(ds, ctx);
		return;
	}
	while ((s = import_lines_next(l, &n, &cut, &bad)) != NULL)
		if (bad == NULL && date_of(s, n, &d, &twelve)) {
			import_dates_see(ds, &d);
			ds->twelve_hour += twelve;
		}
	import_dates_decide(ds, ctx);
	if (!import_lines_rewind(l))
		import_error(ctx, 1, "%s", _("cannot read the file a second time"));
}

/* Is s at a "AM"/"PM"-like marker? Its length, and *pm. */
static size_t
ampm(const char *s, size_t n, bool *pm)
{
	char c = n > 0 ? (char)(s[0] | 0x20) : 0;

	if (c != 'a' && c != 'p')
		return 0;
	*pm = c == 'p';
	if (n >= 2 && (s[1] | 0x20) == 'm')
		return 2;
	if (n >= 4 && s[1] == '.' && (s[2] | 0x20) == 'm' && s[3] == '.')
		return 4;
	return 0;
}

/* Parse a time (see import.h). */
size_t
import_time_parse(const char *s, size_t n, int *h, int *min, int *sec, bool *twelve)
{
	size_t i, k, j;
	char sep;
	bool pm;

	*sec = -1;
	*twelve = false;
	if ((i = digits(s, n, 2, h)) == 0 || i >= n || (s[i] != ':' && s[i] != '.'))
		return 0;
	sep = s[i++];
	if ((k = digits(s + i, n - i, 2, min)) != 2)
		return 0;
	i += k;
	if (i + 2 < n && s[i] == sep && (k = digits(s + i + 1, n - i - 1, 2, sec)) == 2)
		i += 3;
	else
		*sec = -1;
	/* a space, a no-break space (C2 A0) or a narrow no-break space (E2 80 AF) before AM/PM */
	j = i;
	if (j < n && s[j] == ' ')
		j++;
	else if (j + 1 < n && memcmp(s + j, "\xc2\xa0", 2) == 0)
		j += 2;
	else if (j + 2 < n && memcmp(s + j, "\xe2\x80\xaf", 3) == 0)
		j += 3;
	if (j > i && (k = ampm(s + j, n - j, &pm)) > 0 && *h >= 1 && *h <= 12) {
		*twelve = true;
		*h = *h % 12 + (pm ? 12 : 0);
		i = j + k;
	}
	if (*h > 23 || *min > 59 || *sec > 59)
		return 0;
	return i;
}

/* Days in a month of a year. */
static int
month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

/* Write the ISO 8601 form (see import.h). */
bool
import_iso(const struct import_dates *ds, const struct import_date *d, int h, int min, int sec,
	   char out[32])
{
	int y, m, day;

	out[0] = '\0';
	if (ds->order == 'y' || d->alen == 4) {
		y = d->a, m = d->b, day = d->c;
	} else if (ds->order == 'm') {
		m = d->a, day = d->b, y = d->c;
	} else {
		day = d->a, m = d->b, y = d->c;
	}
	if (y < 100)
		y += 2000;
	if (m < 1 || m > 12 || day < 1 || day > month_days(y, m) || h < 0)
		return false;
	if (sec >= 0)
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d", y % 10000, m % 100, day % 100, h % 100, min % 100, sec % 100);
	else
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d", y % 10000, m % 100, day % 100, h % 100, min % 100);
	return true;
}
