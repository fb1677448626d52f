/* import-line: LINE's "Send chat history" text, English and Indonesian: a title line ("[LINE] Chat
 * history with Andi" / "[LINE] Riwayat obrolan dengan Andi"), a date line per day ("Tue, 7/21/2026",
 * "Sel, 21/07/2026", "2026.07.21 Tuesday"), then "TIME<TAB>NAME<TAB>text"; a message over several
 * lines is quoted ("..." with "" inside). Stickers, photos and unsent messages are left out. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "util.h"

struct ln {
	struct import_ctx *ctx;
	struct import_lines l;
	struct import_dates dates;
	struct import_date day;
	bool have_day;
	struct buf speaker, text, out_speaker, out_text;
	int h, min, sec;
	char out_time[32];
	long line;
	long quotes;        /* '"' in the text: a multi-line message's quote is open while it is odd */
	bool open, done;
};

/* Count the quotes of text being added. */
static long
quotes(const char *s, size_t n)
{
	long q = 0;

	for (size_t i = 0; i < n; i++)
		q += s[i] == '"';
	return q;
}

/* A day line: a date with no tab, after at most a weekday ("Tue, ", "Sel, "). */
static bool
ln_date(const char *s, size_t n, struct import_date *d, bool *twelve)
{
	size_t i = 0;

	*twelve = false;
	if (memchr(s, '\t', n) != NULL)
		return false;
	while (i < n && i < 12 && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	if (i >= n || i >= 12)
		return false;
	if (i > 0 && s[i - 1] != ' ') /* "Tue, 7/21" has a space before the date; a title does not count */
		return false;
	return import_date_parse(s + i, n - i, d) > 0;
}

/* "TIME<TAB>": where the rest starts, or 0. */
static size_t
ln_time(const char *s, size_t n, int *h, int *min, int *sec)
{
	bool twelve;
	size_t k = import_time_parse(s, n, h, min, sec, &twelve);

	return k > 0 && k < n && s[k] == '\t' ? k + 1 : 0;
}

/* How sure the head of a file looks like a LINE chat history (English or Indonesian). */
static int
ln_sniff(const char *h, size_t n)
{
	size_t i = n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	if (n - i >= 6 && memcmp(h + i, "[LINE]", 6) == 0)
		return 95;
	return 0;
}

/* Start reading a LINE chat history. */
static void *
ln_open(FILE *f, struct import_ctx *ctx)
{
	struct ln *t = xcalloc(1, sizeof(*t));
	t->ctx = ctx;
	import_lines_open(&t->l, f);
	import_dates_first_pass(&t->l, ctx, &t->dates, ln_date);
	return t;
}

/* Is the text one LINE writes in place of a message? */
static bool
ln_placeholder(const char *s, size_t n)
{
	static const char *const suffix[] = {" unsent a message.", " membatalkan pengiriman pesan.",
					     " membatalkan pesan."};
	if (n >= 2 && n <= 24 && s[0] == '[' && s[n - 1] == ']' && memchr(s, '\n', n) == NULL)
		return true; /* [Sticker] [Photo] [Video] [File] [Stiker] [Foto] [Berkas] [Pesan suara] */
	for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
		size_t k = strlen(suffix[i]);
		if (n > k && memcmp(s + n - k, suffix[i], k) == 0)
			return true;
	}
	return false;
}

/* Hand out the message being built: quotes of a multi-line message taken off. */
static bool
ln_finish(struct ln *t, struct import_msg *m)
{
	char *s = t->text.s;
	size_t n = t->text.len, o = 0;

	if (!t->open)
		return false;
	t->open = false;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"' && memchr(s, '\n', n) != NULL) {
		for (size_t i = 1; i + 1 < n; i++) {
			s[o++] = s[i];
			if (s[i] == '"' && s[i + 1] == '"')
				i++;
		}
		n = o;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	if (n == 0 || ln_placeholder(s, n)) {
		t->ctx->left_out++;
		return false;
	}
	t->out_speaker.len = t->out_text.len = 0;
	buf_add(&t->out_speaker, t->speaker.s, t->speaker.len);
	buf_add(&t->out_text, s, n);
	t->out_time[0] = '\0';
	if (t->have_day && !import_iso(&t->dates, &t->day, t->h, t->min, t->sec, t->out_time))
		import_warn(t->ctx, t->line, "%s", _("impossible date; the message is read without it"));
	m->line = t->line;
	m->conversation = 1;
	m->speaker = t->out_speaker.s;
	m->text = t->out_text.s;
	m->text_len = n;
	m->time = t->out_time[0] ? t->out_time : NULL;
	m->child = false;
	return true;
}

/* The next message of the LINE history (quoted multi-line messages joined), or false at its end. */
static bool
ln_next(void *st, struct import_msg *m)
{
	struct ln *t = st;
	struct import_date d;
	const char *s, *bad, *tab;
	size_t n, a;
	int h, min, sec;
	bool cut, twelve;

	if (t->done || t->ctx->failed)
		return false;
	while ((s = import_lines_next(&t->l, &n, &cut, &bad)) != NULL) {
		if (bad != NULL) {
			import_warn(t->ctx, t->l.line, "%s", bad);
			continue;
		}
		bool quoted = t->open && t->text.len > 0 && t->text.s[0] == '"' && t->quotes % 2 == 1;
		if (!quoted && (a = ln_time(s, n, &h, &min, &sec)) > 0) {
			bool had = ln_finish(t, m);
			tab = memchr(s + a, '\t', n - a);
			if (tab == NULL) { /* "16:05<TAB>Andi joined the group.": LINE's own line */
				t->ctx->left_out++;
			} else {
				t->speaker.len = t->text.len = 0;
				buf_add(&t->speaker, s + a, (size_t)(tab - (s + a)));
				buf_add(&t->text, tab + 1, n - (size_t)(tab + 1 - s));
				t->quotes = quotes(t->text.s, t->text.len);
				t->h = h, t->min = min, t->sec = sec;
				t->line = t->l.line;
				t->open = t->speaker.len > 0;
				if (!t->open)
					t->ctx->left_out++;
			}
			if (had)
				return true;
			continue;
		}
		if (!quoted && ln_date(s, n, &d, &twelve)) {
			bool had = ln_finish(t, m);
			t->day = d;
			t->have_day = true;
			if (had)
				return true;
			continue;
		}
		if (t->open && t->text.len + n + 1 <= IMPORT_MAX_TEXT) {
			buf_add(&t->text, "\n", 1);
			buf_add(&t->text, s, n);
			t->quotes += quotes(s, n);
		}
	}
	t->done = true;
	return ln_finish(t, m);
}

/* Free the LINE reader. */
static void
ln_close(void *st)
{
	struct ln *t = st;

	import_lines_close(&t->l);
	buf_free(&t->speaker);
	buf_free(&t->text);
	buf_free(&t->out_speaker);
	buf_free(&t->out_text);
	free(t);
}

const struct import_reader import_line = {
	"line", N_("LINE \"Send chat history\" .txt (English, Indonesian)"),
	ln_sniff, ln_open, ln_next, ln_close,
};
