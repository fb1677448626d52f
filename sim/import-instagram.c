/* import-instagram: Instagram's and Facebook Messenger's "Download your information" JSON:
 * participants[], then messages[] newest first (sender_name, timestamp_ms, content). A file's
 * messages are held and given out oldest first; a folder's message_N.json files come highest N
 * (oldest) first (import.c). Their strings are UTF-8 bytes written as Latin-1 escapes ("\u00c3\u00a9"
 * for "é"): repaired here. Memory: one file's messages (Instagram cuts a chat into files of
 * 10,000). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "import-json.h"

enum { SENDER, MS, CONTENT, TYPE, UNSENT };

struct ig {
	struct jstream js;
	struct buf held;     /* the file's messages: line, time ms, speaker, text */
	size_t *at;          /* where each starts in held */
	size_t n, cap, next;
	bool read, newest_first;
	char time[32];
	struct buf speaker, text;
};

/* Which field of an Instagram/Messenger message a JSON path is, or -1. */
static int
ig_slot(const char *p)
{
	/* "Download your information" names, then the end-to-end encrypted Messenger export's */
	if (strcmp(p, ".sender_name") == 0 || strcmp(p, ".senderName") == 0)
		return SENDER;
	if (strcmp(p, ".timestamp_ms") == 0 || strcmp(p, ".timestamp") == 0)
		return MS;
	if (strcmp(p, ".content") == 0 || strcmp(p, ".text") == 0)
		return CONTENT;
	if (strcmp(p, ".type") == 0)
		return TYPE;
	if (strcmp(p, ".is_unsent") == 0 || strcmp(p, ".isUnsent") == 0)
		return UNSENT;
	return -1;
}

/* Undo the mojibake in place: code points U+0080-U+00FF that are really UTF-8 bytes. Nothing is
 * changed unless every such run decodes as UTF-8. Returns the new length. */
static size_t
repair(char *s, size_t n)
{
	size_t i, o = 0;
	bool high = false;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			if ((c != 0xc2 && c != 0xc3) || i + 1 >= n)
				return n; /* a real character above U+00FF: not mojibake */
			high = true;
			i++;
		}
	}
	if (!high)
		return n;
	char *t = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xc2 || c == 0xc3) {
			t[o++] = (char)(((c & 0x03) << 6) | ((unsigned char)s[i + 1] & 0x3f));
			i++;
		} else {
			t[o++] = (char)c;
		}
	}
	if (utf8_valid_prefix(t, o) == o) {
		memcpy(s, t, o);
		n = o;
	}
	free(t);
	return n;
}

/* Is this Instagram's own line rather than someone's words? */
static bool
notice(const char *s, size_t n)
{
	static const char *const suffix[] = {" sent an attachment.", " mengirim lampiran.", " to your message",
					     " ke pesan Anda", " unsent a message", " membatalkan pengiriman pesan"};
	static const char *const exact[] = {"Liked a message", "Menyukai pesan", "You sent an attachment.",
					    "Anda mengirim lampiran."};
	for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
		size_t k = strlen(suffix[i]);
		if (n > k && memcmp(s + n - k, suffix[i], k) == 0)
			return true;
	}
	for (size_t i = 0; i < ARRAY_LEN(exact); i++)
		if (strlen(exact[i]) == n && memcmp(s, exact[i], n) == 0)
			return true;
	return n > 8 && memcmp(s, "Reacted ", 8) == 0;
}

/* A message ended: keep it, with its time in milliseconds, to be given out in order. */
static void
ig_record(struct jstream *js)
{
	struct ig *g = (struct ig *)js; /* js is the first member */
	size_t n;
	const char *text = jstream_slot(js, CONTENT, &n), *type = jstream_slot(js, TYPE, NULL);
	long long ms = atoll(jstream_slot(js, MS, NULL));

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n'))
		n--;
	if (n == 0 || strcmp(jstream_slot(js, UNSENT, NULL), "true") == 0 ||
	    (type[0] != '\0' && strcmp(type, "Generic") != 0 && strcmp(type, "text") != 0) || notice(text, n)) {
		js->ctx->left_out++;
		return;
	}
	GROW(g->at, g->cap, g->n + 1);
	g->at[g->n++] = g->held.len;
	buf_add(&g->held, (const char *)&js->record_line, sizeof(long));
	buf_add(&g->held, (const char *)&ms, sizeof(ms));
	buf_add(&g->held, jstream_slot(js, SENDER, NULL), strlen(jstream_slot(js, SENDER, NULL)) + 1);
	buf_add(&g->held, (const char *)&n, sizeof(n));
	buf_add(&g->held, text, n);
}

static const struct jformat ig_format = {ig_slot, ig_record, NULL};

/* How sure the head of a file looks like an Instagram or Messenger JSON export. */
static int
ig_sniff(const char *h, size_t n)
{
	static const char *const a[] = {"\"participants\"", "\"sender_name\"", NULL};
	static const char *const b[] = {"\"participants\"", "\"thread_path\"", NULL};
	static const char *const c[] = {"\"participants\"", "\"senderName\"", NULL};
	return jstream_sniff(h, n, a) || jstream_sniff(h, n, b) || jstream_sniff(h, n, c) ? 80 : 0;
}

/* Start reading an Instagram or Messenger export (one file, or a folder of message_N.json). */
static void *
ig_open(FILE *f, struct import_ctx *ctx)
{
	struct ig *g = xcalloc(1, sizeof(*g));
	jstream_open(&g->js, f, ctx, &ig_format);
	return g;
}

/* Read the whole file (its records are held by ig_record), then decide its order. */
static void
read_all(struct ig *g)
{
	struct import_msg m;
	long long first, last;

	while (jstream_next(&g->js, &m))
		;
	g->read = true;
	if (g->n >= 2) {
		memcpy(&first, g->held.s + g->at[0] + sizeof(long), sizeof(first));
		memcpy(&last, g->held.s + g->at[g->n - 1] + sizeof(long), sizeof(last));
		g->newest_first = first > last;
	} else {
		g->newest_first = true;
	}
}

/* The next message, oldest first (the files are newest first), or false at the end. */
static bool
ig_next(void *st, struct import_msg *m)
{
	struct ig *g = st;
	const char *q, *who;
	long line;
	long long ms;
	size_t n;

	if (!g->read)
		read_all(g);
	if (g->next >= g->n || g->js.ctx->failed)
		return false;
	q = g->held.s + g->at[g->newest_first ? g->n - 1 - g->next : g->next];
	g->next++;
	memcpy(&line, q, sizeof(line));
	q += sizeof(line);
	memcpy(&ms, q, sizeof(ms));
	q += sizeof(ms);
	who = q;
	q += strlen(who) + 1;
	memcpy(&n, q, sizeof(n));
	q += sizeof(n);
	g->speaker.len = g->text.len = 0;
	buf_add(&g->speaker, who, strlen(who));
	buf_add(&g->text, q, n);
	g->speaker.len = repair(g->speaker.s, g->speaker.len);
	g->speaker.s[g->speaker.len] = '\0';
	g->text.len = repair(g->text.s, g->text.len);
	g->text.s[g->text.len] = '\0';
	g->time[0] = '\0';
	if (ms > 0) {
		time_t t = (time_t)(ms / 1000);
		struct tm tm;
		if (gmtime_r(&t, &tm) != NULL)
			strftime(g->time, sizeof(g->time), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	m->line = line;
	m->conversation = 1;
	m->speaker = g->speaker.len ? g->speaker.s : "?";
	m->text = g->text.s;
	m->text_len = g->text.len;
	m->time = g->time[0] ? g->time : NULL;
	m->child = false;
	return true;
}

/* Free the Instagram reader. */
static void
ig_close(void *st)
{
	struct ig *g = st;

	jstream_close(&g->js);
	buf_free(&g->held);
	buf_free(&g->speaker);
	buf_free(&g->text);
	free(g->at);
	free(g);
}

const struct import_reader import_instagram = {
	"instagram", N_("Instagram or Messenger \"Download your information\" JSON (a message_N.json file or their folder)"),
	ig_sniff, ig_open, ig_next, ig_close,
};
