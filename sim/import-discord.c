/* import-discord: the three exports DiscordChatExporter makes of a channel: JSON (messages[] with
 * author.nickname / author.name, content, timestamp), CSV (AuthorID,Author,Date,Content,...) and
 * plain text ("[DATE TIME] AUTHOR" then the message's lines). Messages without words (only
 * attachments, stickers, embeds) and system messages (joins, pins, calls) are left out. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import-json.h"

/* ---- JSON ---- */

enum { TYPE, TIME, CONTENT, NAME, NICK };

/* Which field of a DiscordChatExporter message a JSON path is, or -1. */
static int
dj_slot(const char *p)
{
	if (strcmp(p, ".type") == 0)
		return TYPE;
	if (strcmp(p, ".timestamp") == 0)
		return TIME;
	if (strcmp(p, ".content") == 0)
		return CONTENT;
	if (strcmp(p, ".author.name") == 0)
		return NAME;
	if (strcmp(p, ".author.nickname") == 0)
		return NICK;
	return -1;
}

/* A message ended: a member's words ("Default", "Reply") are given out. */
static void
dj_record(struct jstream *js)
{
	size_t n;
	const char *type = jstream_slot(js, TYPE, NULL), *text = jstream_slot(js, CONTENT, &n);
	const char *who = jstream_slot(js, NICK, NULL);

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n'))
		n--;
	if ((type[0] != '\0' && strcmp(type, "Default") != 0 && strcmp(type, "Reply") != 0) || n == 0) {
		js->ctx->left_out++;
		return;
	}
	if (who[0] == '\0')
		who = jstream_slot(js, NAME, NULL);
	jstream_give(js, who[0] ? who : "?", text, n, jstream_slot(js, TIME, NULL));
}

static const struct jformat dj_format = {dj_slot, dj_record, NULL};

/* How sure the head of a file looks like a DiscordChatExporter JSON export (import_reader.sniff). */
static int
dj_sniff(const char *h, size_t n)
{
	static const char *const keys[] = {"\"guild\"", "\"channel\"", "\"messages\"", NULL};
	return jstream_sniff(h, n, keys) ? 80 : 0;
}

/* Start reading a DiscordChatExporter JSON export (import_reader.open). */
static void *
dj_open(FILE *f, struct import_ctx *ctx)
{
	struct jstream *js = xmalloc(sizeof(*js));
	jstream_open(js, f, ctx, &dj_format);
	return js;
}

/* The next message of the JSON export, or false at its end (import_reader.next). */
static bool
dj_next(void *st, struct import_msg *m)
{
	return jstream_next(st, m);
}

/* Free the JSON reader (import_reader.close). */
static void
dj_close(void *st)
{
	jstream_close(st);
	free(st);
}

const struct import_reader import_discord_json = {
	"discord-json", N_("DiscordChatExporter JSON"),
	dj_sniff, dj_open, dj_next, dj_close,
};

/* ---- CSV: AuthorID,Author,Date,Content,Attachments,Reactions (RFC 4180 quoting; a quoted field
 * may run over several lines) ---- */

#define CSV_FIELDS 6

struct dc {
	struct import_ctx *ctx;
	struct import_lines l;
	struct buf field[CSV_FIELDS];
	char time[40];
	long line;
	bool header_done;
};

/* How sure the head of a file looks like a DiscordChatExporter CSV export. */
static int
dc_sniff(const char *h, size_t n)
{
	size_t i = n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	static const char *const forms[] = {"AuthorID,Author,Date,Content", "\"AuthorID\",\"Author\",\"Date\",\"Content\""};

	for (size_t k = 0; k < ARRAY_LEN(forms); k++)
		if (n - i >= strlen(forms[k]) && memcmp(h + i, forms[k], strlen(forms[k])) == 0)
			return 90;
	return 0;
}

/* Start reading a DiscordChatExporter CSV export. */
static void *
dc_open(FILE *f, struct import_ctx *ctx)
{
	struct dc *c = xcalloc(1, sizeof(*c));
	c->ctx = ctx;
	import_lines_open(&c->l, f);
	return c;
}

/* Read one CSV record into c->field; false at the end. */
static bool
dc_record(struct dc *c)
{
	const char *s, *bad;
	size_t n, i, k = 0;
	bool cut, quoted = false, in_field = false;
	int lines = 0;

	for (i = 0; i < CSV_FIELDS; i++)
		c->field[i].len = 0, buf_add(&c->field[i], "", 0);
	while ((s = import_lines_next(&c->l, &n, &cut, &bad)) != NULL) {
		if (bad != NULL) {
			import_warn(c->ctx, c->l.line, "%s", bad);
			if (quoted)
				continue;
			return dc_record(c);
		}
		if (lines++ == 0)
			c->line = c->l.line;
		else if (k < CSV_FIELDS && c->field[k].len < IMPORT_MAX_TEXT)
			buf_add(&c->field[k], "\n", 1); /* the line break inside a quoted field */
		if (lines > 10000) { /* a quote never closed: do not read the rest of the file as one field */
			import_warn(c->ctx, c->line, "%s", _("a quoted field is never closed; the record is skipped"));
			return true;
		}
		for (i = 0; i < n; i++) {
			char ch = s[i];
			if (quoted) {
				if (ch == '"' && i + 1 < n && s[i + 1] == '"')
					i++;
				else if (ch == '"') {
					quoted = false;
					continue;
				}
			} else if (ch == '"' && !in_field) {
				quoted = in_field = true;
				continue;
			} else if (ch == ',') {
				k++;
				in_field = false;
				continue;
			}
			in_field = true;
			if (k < CSV_FIELDS && c->field[k].len < IMPORT_MAX_TEXT)
				buf_add(&c->field[k], &ch, 1);
		}
		if (!quoted)
			return true;
	}
	if (quoted)
		import_warn(c->ctx, c->line, "%s", _("the file ends inside a quoted field"));
	return lines > 0;
}

/* Does s[0..n) start with p / end with p? */
static bool
starts(const char *s, size_t n, const char *p)
{
	return n >= strlen(p) && memcmp(s, p, strlen(p)) == 0;
}

/* Does s (n bytes) end with p? */
static bool
ends(const char *s, size_t n, const char *p)
{
	return n >= strlen(p) && memcmp(s + n - strlen(p), p, strlen(p)) == 0;
}

/* Is the text Discord's own notice (a join, a pin, a call) rather than someone's words? */
static bool
discord_notice(const char *s, size_t n)
{
	if (memchr(s, '\n', n) != NULL)
		return false;
	return starts(s, n, "Joined the server.") || starts(s, n, "Pinned a message.") ||
	       starts(s, n, "Started a call") || starts(s, n, "Changed the channel name") ||
	       starts(s, n, "Changed the channel icon") ||
	       (starts(s, n, "Added ") && ends(s, n, " to the group.")) ||
	       (starts(s, n, "Removed ") && ends(s, n, " from the group."));
}

/* An ISO 8601 date as DiscordChatExporter writes it, or another form turned into one. */
static void
discord_time(const char *s, char out[40])
{
	struct import_dates ds = {0};
	struct import_date d;
	size_t k, n = strlen(s);
	int h, m, sec;
	bool twelve;

	out[0] = '\0';
	if (n >= 10 && s[4] == '-' && s[7] == '-' && n < 40) {
		memcpy(out, s, n + 1);
		return;
	}
	if ((k = import_date_parse(s, n, &d)) == 0)
		return;
	while (k < n && (s[k] == ' ' || s[k] == ','))
		k++;
	if (import_time_parse(s + k, n - k, &h, &m, &sec, &twelve) == 0)
		return;
	ds.order = d.alen == 4 ? 'y' : twelve ? 'm' : 'd'; /* one date alone: the clock decides */
	import_iso(&ds, &d, h, m, sec, out);
}

/* The next message of the CSV export (a record may span lines inside quotes), or false at its end. */
static bool
dc_next(void *st, struct import_msg *m)
{
	struct dc *c = st;

	while (!c->ctx->failed && dc_record(c)) {
		if (!c->header_done) {
			c->header_done = true;
			continue;
		}
		struct buf *text = &c->field[3];
		size_t n = text->len;
		while (n > 0 && (text->s[n - 1] == ' ' || text->s[n - 1] == '\n'))
			n--;
		if (n == 0 || discord_notice(text->s, n)) {
			c->ctx->left_out++;
			continue;
		}
		discord_time(c->field[2].s, c->time);
		m->line = c->line;
		m->conversation = 1;
		m->speaker = c->field[1].len ? c->field[1].s : "?";
		m->text = text->s;
		m->text_len = n;
		m->time = c->time[0] ? c->time : NULL;
		m->child = false;
		return true;
	}
	return false;
}

/* Free the CSV reader. */
static void
dc_close(void *st)
{
	struct dc *c = st;

	import_lines_close(&c->l);
	for (int i = 0; i < CSV_FIELDS; i++)
		buf_free(&c->field[i]);
	free(c);
}

const struct import_reader import_discord_csv = {
	"discord-csv", N_("DiscordChatExporter CSV"),
	dc_sniff, dc_open, dc_next, dc_close,
};

/* ---- TXT: a banner of '=', then "[DATE TIME] AUTHOR" and the message's lines, a blank line between
 * messages; {Attachments}, {Embed}, {Reactions}, {Stickers} sections are not words ---- */

struct dt {
	struct import_ctx *ctx;
	struct import_lines l;
	struct import_dates dates;
	struct buf speaker, text, out_speaker, out_text;
	char time[40], out_time[40];
	long line;
	bool open, in_section, blank_before, done;
};

/* "[DATE TIME] AUTHOR": where the author starts, or 0. */
static size_t
dt_header(const char *s, size_t n, struct import_date *d, int *h, int *min, int *sec, bool *twelve)
{
	size_t i = 1, k;

	if (n < 10 || s[0] != '[')
		return 0;
	if ((k = import_date_parse(s + i, n - i, d)) == 0)
		return 0;
	i += k;
	while (i < n && (s[i] == ' ' || s[i] == ','))
		i++;
	if ((k = import_time_parse(s + i, n - i, h, min, sec, twelve)) == 0)
		return 0;
	i += k;
	if (i + 2 >= n || s[i] != ']' || s[i + 1] != ' ')
		return 0;
	return i + 2;
}

/* Whether a line starts with a DiscordChatExporter TXT message header's date (noting a 12-hour clock). */
static bool
dt_date(const char *s, size_t n, struct import_date *d, bool *twelve)
{
	int h, m, sec;
	return dt_header(s, n, d, &h, &m, &sec, twelve) > 0;
}

/* How sure the head of a file looks like a DiscordChatExporter TXT export. */
static int
dt_sniff(const char *h, size_t n)
{
	static const char banner[] = "==============================";
	size_t i = n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	if (n - i > sizeof(banner) && memcmp(h + i, banner, sizeof(banner) - 1) == 0 &&
	    memmem(h, n, "\nGuild: ", 8) != NULL && memmem(h, n, "\nChannel: ", 10) != NULL)
		return 90;
	return 0;
}

/* Start reading a DiscordChatExporter TXT export. */
static void *
dt_open(FILE *f, struct import_ctx *ctx)
{
	struct dt *t = xcalloc(1, sizeof(*t));
	t->ctx = ctx;
	t->blank_before = true;
	import_lines_open(&t->l, f);
	import_dates_first_pass(&t->l, ctx, &t->dates, dt_date);
	return t;
}

/* Hand out the message being built, if it has words. */
static bool
dt_finish(struct dt *t, struct import_msg *m)
{
	size_t n = t->text.len;

	if (!t->open)
		return false;
	t->open = false;
	while (n > 0 && (t->text.s[n - 1] == ' ' || t->text.s[n - 1] == '\n'))
		n--;
	if (n == 0 || discord_notice(t->text.s, n)) {
		t->ctx->left_out++;
		return false;
	}
	t->out_speaker.len = t->out_text.len = 0;
	buf_add(&t->out_speaker, t->speaker.s, t->speaker.len);
	buf_add(&t->out_text, t->text.s, n);
	memcpy(t->out_time, t->time, sizeof(t->time));
	m->line = t->line;
	m->conversation = 1;
	m->speaker = t->out_speaker.s;
	m->text = t->out_text.s;
	m->text_len = n;
	m->time = t->out_time[0] ? t->out_time : NULL;
	m->child = false;
	return true;
}

/* The next message of the TXT export (its lines joined), or false at its end. */
static bool
dt_next(void *st, struct import_msg *m)
{
	struct dt *t = st;
	struct import_date d;
	const char *s, *bad;
	size_t n, a;
	int h, min, sec;
	bool cut, twelve;

	if (t->done || t->ctx->failed)
		return false;
	while ((s = import_lines_next(&t->l, &n, &cut, &bad)) != NULL) {
		bool blank = n == 0, was_blank = t->blank_before;
		t->blank_before = blank;
		if (bad != NULL) {
			import_warn(t->ctx, t->l.line, "%s", bad);
			continue;
		}
		if (was_blank && (a = dt_header(s, n, &d, &h, &min, &sec, &twelve)) > 0) {
			bool had = dt_finish(t, m);
			t->speaker.len = t->text.len = 0;
			n -= n > a + 9 && memcmp(s + n - 9, " (pinned)", 9) == 0 ? 9 : 0;
			buf_add(&t->speaker, s + a, n - a);
			buf_add(&t->text, "", 0);
			t->line = t->l.line;
			t->in_section = false;
			if (!import_iso(&t->dates, &d, h, min, sec, t->time))
				import_warn(t->ctx, t->l.line, "%s", _("impossible date; the message is read without it"));
			t->open = true;
			if (had)
				return true;
			continue;
		}
		if (!t->open)
			continue; /* the banner, and the footer's "Exported N message(s)" */
		if (n >= 3 && s[0] == '{' && s[n - 1] == '}' && memchr(s, ' ', n) == NULL) {
			t->in_section = true; /* {Attachments}, {Embed}, {Reactions}, {Stickers} */
			continue;
		}
		if (n >= 20 && strspn(s, "=") == n) {
			t->in_section = true; /* the footer's banner */
			continue;
		}
		if (t->in_section || t->text.len + n + 1 > IMPORT_MAX_TEXT)
			continue;
		if (t->text.len == 0 && blank)
			continue;
		if (t->text.len > 0)
			buf_add(&t->text, "\n", 1);
		buf_add(&t->text, s, n);
	}
	t->done = true;
	return dt_finish(t, m);
}

/* Free the TXT reader. */
static void
dt_close(void *st)
{
	struct dt *t = st;

	import_lines_close(&t->l);
	buf_free(&t->speaker);
	buf_free(&t->text);
	buf_free(&t->out_speaker);
	buf_free(&t->out_text);
	free(t);
}

const struct import_reader import_discord_txt = {
	"discord-txt", N_("DiscordChatExporter plain text"),
	dt_sniff, dt_open, dt_next, dt_close,
};
