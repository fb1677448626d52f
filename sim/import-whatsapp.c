/* import-whatsapp: WhatsApp's "Export chat" text, Android ("21/07/26 16.05 - Andi: hai") and iOS
 * ("[21/07/26 16.05.12] Andi: hai"), in any phone language; a line without a date continues the
 * message above it. Media, deleted and system lines are counted and left out. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "util.h"

#define MAX_SPEAKER 128

struct wa {
	struct import_ctx *ctx;
	struct import_lines l;
	struct import_dates dates;
	/* the message being built (continuation lines join it) and the one given out */
	struct buf speaker, text, out_speaker, out_text;
	char time[32], out_time[32];
	long line;
	bool open;          /* a message is being built */
	bool skip;          /* a system line is open: its continuation lines are skipped too */
	bool done;
};

struct header {
	struct import_date date;
	int h, min, sec;
	bool twelve;
	size_t rest;        /* where the speaker (or the system text) starts */
};

/* Skip the invisible direction marks WhatsApp writes (U+200E, U+200F, U+202A-U+202C, U+2068,
 * U+2069) and spaces at s; bytes skipped. */
static size_t
marks(const char *s, size_t n)
{
	size_t i = 0;

	for (;;) {
		if (i < n && s[i] == ' ')
			i++;
		else if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0x8e || (unsigned char)s[i + 2] == 0x8f ||
			  ((unsigned char)s[i + 2] >= 0xaa && (unsigned char)s[i + 2] <= 0xac)))
			i += 3;
		else if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x81 &&
			 ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
			i += 3;
		else
			return i;
	}
}

/* Parse a message's first line: "DATE[,] TIME - " (Android) or "[DATE[,] TIME] " (iOS). */
static bool
header(const char *s, size_t n, struct header *hd)
{
	size_t i = marks(s, n), k;
	bool ios = false;

	if (i < n && s[i] == '[') {
		ios = true;
		i++;
	}
	if ((k = import_date_parse(s + i, n - i, &hd->date)) == 0)
		return false;
	i += k;
	if (i < n && s[i] == ',')
		i++;
	if (i >= n || s[i] != ' ')
		return false;
	i++;
	if ((k = import_time_parse(s + i, n - i, &hd->h, &hd->min, &hd->sec, &hd->twelve)) == 0)
		return false;
	i += k;
	if (ios) {
		if (i >= n || s[i] != ']')
			return false;
		i++;
		i += marks(s + i, n - i);
	} else {
		if (i + 3 > n || memcmp(s + i, " - ", 3) != 0)
			return false;
		i += 3;
	}
	hd->rest = i;
	return true;
}

/* How surely head is a WhatsApp export: the share of its first lines that start a message. */
static int
wa_sniff(const char *h, size_t n)
{
	size_t i = 0, lines = 0, hits = 0;

	while (i < n && lines < 50) {
		const char *nl = memchr(h + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (h + i)) : n - i;
		struct header hd;
		size_t off = lines == 0 && len >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		hits += header(h + i + off, len - off, &hd);
		lines++;
		i += len + 1;
	}
	if (hits == 0)
		return 0;
	return hits * 2 >= lines ? 90 : 40;
}

/* Is text (trimmed) one of the lines WhatsApp writes instead of a message (media, a deleted
 * message, a call)? */
static bool
placeholder(const char *s, size_t n)
{
	static const char *const exact[] = {
		"<Media omitted>", "<Media tidak disertakan>", "<Media dihilangkan>",
		"image omitted", "video omitted", "audio omitted", "sticker omitted", "GIF omitted",
		"document omitted", "Contact card omitted", "<View once message omitted>",
		"gambar tidak disertakan", "video tidak disertakan", "audio tidak disertakan",
		"stiker tidak disertakan", "GIF tidak disertakan", "dokumen tidak disertakan",
		"kartu kontak tidak disertakan",
		"This message was deleted", "This message was deleted.", "You deleted this message",
		"You deleted this message.", "Pesan ini telah dihapus", "Pesan ini dihapus",
		"Anda menghapus pesan ini", "Anda telah menghapus pesan ini", "null",
		"Missed voice call", "Missed video call", "Panggilan suara tak terjawab",
		"Panggilan video tak terjawab", "Waiting for this message", "Menunggu pesan ini",
	};
	for (size_t i = 0; i < ARRAY_LEN(exact); i++)
		if (strlen(exact[i]) == n && memcmp(exact[i], s, n) == 0)
			return true;
	if (n > 10 && memcmp(s, "<attached:", 10) == 0)
		return true;
	if ((n > 16 && memcmp(s + n - 16, " (file attached)", 16) == 0) ||
	    (n > 17 && memcmp(s + n - 17, " (file terlampir)", 17) == 0))
		return true;
	return false;
}

/* Cut an "edited" marker off the end of a message. */
static size_t
unedit(const char *s, size_t n)
{
	static const char *const marker[] = {"<This message was edited>", "<Pesan ini diedit>"};

	for (size_t i = 0; i < ARRAY_LEN(marker); i++) {
		size_t k = strlen(marker[i]);
		if (n >= k && memcmp(s + n - k, marker[i], k) == 0) {
			n -= k;
			n -= n >= 3 && memcmp(s + n - 3, "\xe2\x80\x8e", 3) == 0 ? 3 : 0;
			while (n > 0 && s[n - 1] == ' ')
				n--;
			return n;
		}
	}
	return n;
}

/* The date of a message's first line, for the first pass. */
static bool
wa_date(const char *s, size_t n, struct import_date *d, bool *twelve)
{
	struct header hd;

	if (!header(s, n, &hd))
		return false;
	*d = hd.date;
	*twelve = hd.twelve;
	return true;
}

/* Start reading a WhatsApp chat export (Android or iOS; the date order decided from the whole file). */
static void *
wa_open(FILE *f, struct import_ctx *ctx)
{
	struct wa *w = xcalloc(1, sizeof(*w));

	w->ctx = ctx;
	import_lines_open(&w->l, f);
	import_dates_first_pass(&w->l, ctx, &w->dates, wa_date);
	return w;
}

/* Hand the built message out (if it is one to judge). */
static bool
finish(struct wa *w, struct import_msg *m)
{
	size_t n;

	if (!w->open)
		return false;
	w->open = false;
	n = unedit(w->text.s, w->text.len);
	while (n > 0 && (w->text.s[n - 1] == ' ' || w->text.s[n - 1] == '\n'))
		n--;
	if (n == 0) {
		w->ctx->left_out++;
		return false;
	}
	/* give out copies: the next line starts a new message in w->text */
	w->out_speaker.len = w->out_text.len = 0;
	buf_add(&w->out_speaker, w->speaker.s, w->speaker.len);
	buf_add(&w->out_text, w->text.s, n);
	memcpy(w->out_time, w->time, sizeof(w->time));
	m->line = w->line;
	m->conversation = 1;
	m->speaker = w->out_speaker.s;
	m->text = w->out_text.s;
	m->text_len = n;
	m->time = w->out_time[0] ? w->out_time : NULL;
	m->child = false;
	return true;
}

/* Start a message (or a system line) from a header line. */
static void
start(struct wa *w, const char *s, size_t n, const struct header *hd)
{
	const char *rest = s + hd->rest, *colon;
	size_t rn = n - hd->rest, sp, t;

	w->skip = false;
	colon = NULL;
	for (size_t i = 0; i + 1 < rn && i <= MAX_SPEAKER; i++)
		if (rest[i] == ':' && rest[i + 1] == ' ') {
			colon = rest + i;
			break;
		}
	if (colon == NULL && rn > 0 && rest[rn - 1] == ':' && rn <= MAX_SPEAKER + 1)
		colon = rest + rn - 1; /* "Andi:" and the message on the next lines */
	sp = colon ? (size_t)(colon - rest) : 0;
	while (sp > 0 && rest[sp - 1] == ' ')
		sp--;
	/* phone numbers come wrapped in direction marks: "\u202a+62 812\u202c" */
	size_t lead = marks(rest, sp);
	while (sp > lead + 2 && (unsigned char)rest[sp - 3] == 0xe2 && (unsigned char)rest[sp - 2] == 0x80 &&
	       ((unsigned char)rest[sp - 1] == 0xac || (unsigned char)rest[sp - 1] == 0x8e))
		sp -= 3;
	/* a system line with a colon in a quoted name: Andi changed the subject to "Tugas: IPA" */
	if (colon != NULL && (memchr(rest, '"', sp) != NULL || memmem(rest, sp, "\xe2\x80\x9c", 3) != NULL))
		colon = NULL;
	if (colon == NULL || sp <= lead) { /* "Messages and calls are end-to-end encrypted", "You created group" */
		w->ctx->left_out++;
		w->skip = true;
		return;
	}
	t = (size_t)(colon - rest) + 1;
	if (t < rn && rest[t] == ' ')
		t++;
	/* iOS starts its system, media and deleted lines with a left-to-right mark */
	if (rn - t >= 3 && memcmp(rest + t, "\xe2\x80\x8e", 3) == 0) {
		w->ctx->left_out++;
		w->skip = true;
		return;
	}
	if (placeholder(rest + t, rn - t)) {
		w->ctx->left_out++;
		w->skip = true;
		return;
	}
	w->speaker.len = w->text.len = 0;
	buf_add(&w->speaker, rest + lead, sp - lead);
	buf_add(&w->text, rest + t, rn - t);
	w->line = w->l.line;
	if (!import_iso(&w->dates, &hd->date, hd->h, hd->min, hd->sec, w->time))
		import_warn(w->ctx, w->l.line, "%s", _("impossible date; the message is read without it"));
	w->open = true;
}

/* The next message (see import.h). */
static bool
wa_next(void *st, struct import_msg *m)
{
	struct wa *w = st;
	struct header hd;
	const char *s, *bad;
	size_t n;
	bool cut;

	if (w->done || w->ctx->failed)
		return false;
	while ((s = import_lines_next(&w->l, &n, &cut, &bad)) != NULL) {
		if (bad != NULL) {
			import_warn(w->ctx, w->l.line, "%s", bad);
			continue;
		}
		if (cut)
			import_warn(w->ctx, w->l.line, _("line longer than %d KiB; cut there"), IMPORT_MAX_TEXT / 1024);
		if (header(s, n, &hd)) {
			bool had = finish(w, m);
			start(w, s, n, &hd);
			if (had)
				return true;
			continue;
		}
		/* a line of the message above */
		if (w->open) {
			if (w->skip)
				continue;
			if (w->text.len + 1 + n > IMPORT_MAX_TEXT) {
				import_warn(w->ctx, w->l.line, _("message longer than %d KiB; cut there"),
					    IMPORT_MAX_TEXT / 1024);
				w->skip = true;
				continue;
			}
			buf_add(&w->text, "\n", 1);
			buf_add(&w->text, s, n);
		} else if (!w->skip && n > 0) {
			w->skip = true;
			import_warn(w->ctx, w->l.line, "%s", _("text before the first dated message; skipped"));
		}
	}
	w->done = true;
	return finish(w, m);
}

/* Free the WhatsApp reader. */
static void
wa_close(void *st)
{
	struct wa *w = st;

	import_lines_close(&w->l);
	buf_free(&w->speaker);
	buf_free(&w->text);
	buf_free(&w->out_speaker);
	buf_free(&w->out_text);
	free(w);
}

const struct import_reader import_whatsapp = {
	"whatsapp", N_("WhatsApp \"Export chat\" .txt or .zip (Android, iOS)"),
	wa_sniff, wa_open, wa_next, wa_close,
};
