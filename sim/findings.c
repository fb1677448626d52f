/* findings: a report for a parent or teacher, kind and plain in their language. It never says a
 * chat is safe: only that no warning signs were found and that it can miss things. */
#include "findings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "help.h"
#include "i18n.h"
#include "util.h"
#include "view.h"

#define TOP 3          /* messages shown per conversation */
#define QUOTE 160      /* bytes of a message shown */

struct worry {
	long line;
	enum stage stage;
	double confidence;
	char *time, *speaker, *text, *evidence, *explanation;
};

struct stage_seen {
	long count;
	long first_line, last_line;
	char first[32], last[32];
};

struct findings {
	FILE *out;                 /* where the report is written: the terminal's lines are gathered here */
	FILE *term;                /* the terminal, whose width lines are wrapped to at words (NULL: not one) */
	char *buf;                 /* out's memory when term is set */
	size_t buflen;
	int width;
	const char *lang;
	int conversation;          /* the one being gathered (0: none yet) */
	char *child;
	char *chat;                /* the chat's name, or NULL */
	struct stage_seen seen[STAGE_COUNT];
	struct worry top[TOP];
	size_t ntop;
	long messages;             /* in this conversation */
	char first_time[32], last_time[32];
	int conversations, quiet;  /* conversations read, and those without a sign */
	long signs;                /* messages with a sign, in all */
	int worst;                 /* the conversation with the most signs (0: none) */
	long worst_signs, conv_signs; /* its signs, and those of the one being gathered */
	struct detector *det;
};

/* Print s[0..n) on one line for a terminal: control characters (escape sequences) become spaces,
 * line breaks " / ", at most max bytes (cut at a character). */
static void
put_clean(FILE *out, const char *s, size_t n, size_t max)
{
	size_t i = 0, shown = 0;

	while (i < n && shown < max) {
		unsigned cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		if (cp == '\n')
			fputs(" / ", out);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			fputc(' ', out);
		else
			fwrite(s + i, 1, (size_t)k, out);
		i += (size_t)k;
		shown += (size_t)k;
	}
	if (i < n)
		fputs("…", out);
}

/* "2026-07-21T16:05:12+07:00" as "2026-07-21 16:05"; "" stays "". */
static void
short_time(const char *iso, char out[32])
{
	size_t n = strlen(iso);

	out[0] = '\0';
	if (n < 16 || iso[10] != 'T') {
		snprintf(out, 32, "%s", iso);
		return;
	}
	snprintf(out, 32, "%.10s %.5s", iso, iso + 11);
}

/* Write one line of the report to the terminal wrapped at words: its continuation rows start under
 * its text (after its indent, and after a list item's "- "), so that a parent reads whole words. */
static void
put_wrapped(FILE *term, const char *s, size_t n, int width)
{
	struct view_row rows[64];
	size_t indent = 0, hang, nrows, i;

	while (indent < n && s[indent] == ' ')
		indent++;
	hang = indent + (n - indent > 2 && s[indent] == '-' && s[indent + 1] == ' ' ? 2 : 0);
	if (view_width(s, n) <= width || (int)hang > width / 2) {
		fwrite(s, 1, n, term);
		return;
	}
	nrows = view_wrap(s + indent, n - indent, width - (int)indent, width - (int)hang, rows, ARRAY_LEN(rows));
	if (nrows > ARRAY_LEN(rows)) { /* a line longer than 64 rows: the terminal wraps the rest */
		fwrite(s, 1, n, term);
		return;
	}
	for (i = 0; i < nrows; i++) {
		size_t a = rows[i].start, b = rows[i].end;
		while (b > a && s[indent + b - 1] == ' ')
			b--;
		fprintf(term, "%*s", (int)(i == 0 ? indent : hang), "");
		fwrite(s + indent + a, 1, b - a, term);
		if (i + 1 < nrows)
			fputc('\n', term);
	}
}

/* Send what was gathered to the terminal, each line wrapped, and start gathering again. */
static void
emit(struct findings *f)
{
	const char *p, *end, *nl;

	if (f->term == NULL)
		return;
	fclose(f->out);
	for (p = f->buf, end = f->buf + f->buflen; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		put_wrapped(f->term, p, (size_t)(nl - p), f->width);
		if (nl < end)
			fputc('\n', f->term);
	}
	free(f->buf);
	f->buf = NULL;
	if ((f->out = open_memstream(&f->buf, &f->buflen)) == NULL)
		fatal("open_memstream: %s", strerror(errno));
}

/* Start a report (see findings.h). */
struct findings *
findings_new(FILE *out, struct detector *det, const char *lang, const char *name, const char *format)
{
	struct findings *f = xcalloc(1, sizeof(*f));
	struct winsize ws;

	f->out = out;
	/* on a terminal, gather each part and wrap its lines at words before the terminal cuts them */
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) {
		f->term = out;
		f->width = ws.ws_col;
		if ((f->out = open_memstream(&f->buf, &f->buflen)) == NULL)
			fatal("open_memstream: %s", strerror(errno));
	}
	fprintf(f->out, _("Waspada read %s"), strcmp(name, "-") == 0 ? _("standard input") : name);
	if (format != NULL)
		fprintf(f->out, _(" (a %s export)"), format);
	fputs(".\n", f->out);
	f->det = det;
	f->lang = lang;
	emit(f);
	return f;
}

/* Free a kept message. */
static void
worry_free(struct worry *w)
{
	free(w->time);
	free(w->speaker);
	free(w->text);
	free(w->evidence);
	free(w->explanation);
	memset(w, 0, sizeof(*w));
}

/* Where a conversation's times are, "from X to Y" or its lines. */
static void
print_when(struct findings *f, const char *first, const char *last, long first_line, long last_line)
{
	char a[32], b[32];

	short_time(first, a);
	short_time(last, b);
	if (a[0] && strcmp(a, b) == 0)
		fprintf(f->out, _("on %s"), a);
	else if (a[0] && b[0])
		fprintf(f->out, _("from %s to %s"), a, b);
	else if (first_line == last_line)
		fprintf(f->out, _("line %ld"), first_line);
	else
		fprintf(f->out, _("lines %ld to %ld"), first_line, last_line);
}

/* Print what was gathered about the conversation and forget it. */
static void
flush_conversation(struct findings *f)
{
	size_t i;
	bool any = false;

	if (f->conversation == 0)
		return;
	f->conversations++;
	if (f->conv_signs > f->worst_signs) {
		f->worst = f->conversation;
		f->worst_signs = f->conv_signs;
	}
	f->conv_signs = 0;
	for (i = 0; i < STAGE_NONE; i++)
		any |= f->seen[i].count > 0;
	if (!any) {
		f->quiet++;
		goto forget;
	}
	fputc('\n', f->out);
	fprintf(f->out, _("Conversation %d"), f->conversation);
	if (f->chat != NULL) {
		fputs(": ", f->out);
		put_clean(f->out, f->chat, strlen(f->chat), 80);
	}
	fprintf(f->out, ngettext(" (%ld message", " (%ld messages", (unsigned long)f->messages), f->messages);
	if (f->first_time[0]) {
		fputs(", ", f->out);
		print_when(f, f->first_time, f->last_time, 0, 0);
	}
	fputs(")\n", f->out);
	if (f->child != NULL)
		fprintf(f->out, _("  Taking %s as the child (say who with --child NAME).\n"), f->child);
	fprintf(f->out, "  %s\n", _("Warning signs, in the order of the stages of grooming:"));
	for (i = 0; i < STAGE_NONE; i++) {
		const struct stage_seen *s = &f->seen[i];
		if (s->count == 0)
			continue;
		fprintf(f->out, "    - %s: ", detector_stage_label(f->det, (enum stage)i, f->lang));
		fprintf(f->out, ngettext("%ld message, ", "%ld messages, ", (unsigned long)s->count), s->count);
		print_when(f, s->first, s->last, s->first_line, s->last_line);
		fputc('\n', f->out);
	}
	fprintf(f->out, "  %s\n", _("The messages that worry it most:"));
	for (i = 0; i < f->ntop; i++) {
		const struct worry *w = &f->top[i];
		char t[32];
		short_time(w->time ? w->time : "", t);
		fprintf(f->out, "    ");
		if (t[0])
			fprintf(f->out, "%s, ", t);
		fprintf(f->out, _("line %ld"), w->line);
		fputs(": ", f->out);
		put_clean(f->out, w->speaker, strlen(w->speaker), 40);
		fputs(": \"", f->out);
		put_clean(f->out, w->text, strlen(w->text), QUOTE);
		fputs("\"\n", f->out);
		fprintf(f->out, "      %s: ", detector_stage_label(f->det, w->stage, f->lang));
		if (w->evidence[0]) {
			put_clean(f->out, w->evidence, strlen(w->evidence), QUOTE);
			fputs(" - ", f->out);
		}
		fprintf(f->out, "%s\n", w->explanation);
	}
forget:
	for (i = 0; i < f->ntop; i++)
		worry_free(&f->top[i]);
	f->ntop = 0;
	memset(f->seen, 0, sizeof(f->seen));
	f->messages = 0;
	f->first_time[0] = f->last_time[0] = '\0';
	free(f->child);
	f->child = NULL;
	free(f->chat);
	f->chat = NULL;
	emit(f);
}

/* Remember the name of the conversation's chat. */
void
findings_chat(struct findings *f, int conversation, const char *chat)
{
	if (conversation != f->conversation) {
		flush_conversation(f);
		f->conversation = conversation;
	}
	free(f->chat);
	f->chat = chat ? xstrdup(chat) : NULL;
}

/* Remember whom the conversation's child was taken to be. */
void
findings_child(struct findings *f, int conversation, const char *child)
{
	if (conversation != f->conversation) {
		flush_conversation(f);
		f->conversation = conversation;
	}
	free(f->child);
	f->child = child ? xstrdup(child) : NULL;
}

/* Is a worse than b: a later stage, then a surer verdict, then the earlier message? */
static bool
worse(enum stage as, double ac, const struct worry *b)
{
	return as != b->stage ? as > b->stage : ac > b->confidence;
}

/* Count one judged message and keep it if it is among the worst (see findings.h). */
void
findings_add(struct findings *f, int conversation, long line, const char *time, const char *speaker,
	     const char *text, size_t len, const struct verdict *v)
{
	struct stage_seen *s;
	struct buf ev = {0};
	size_t i, at;

	if (conversation != f->conversation) {
		flush_conversation(f);
		f->conversation = conversation;
	}
	f->messages++;
	if (time != NULL) {
		if (f->first_time[0] == '\0')
			snprintf(f->first_time, sizeof(f->first_time), "%s", time);
		snprintf(f->last_time, sizeof(f->last_time), "%s", time);
	}
	if (v->stage >= STAGE_NONE)
		return;
	f->signs++;
	f->conv_signs++;
	s = &f->seen[v->stage];
	if (s->count++ == 0) {
		s->first_line = line;
		snprintf(s->first, sizeof(s->first), "%s", time ? time : "");
	}
	s->last_line = line;
	snprintf(s->last, sizeof(s->last), "%s", time ? time : "");
	/* keep it if it is among the TOP worst so far */
	for (at = 0; at < f->ntop && !worse(v->stage, v->confidence, &f->top[at]); at++)
		;
	if (at >= TOP)
		return;
	if (f->ntop == TOP)
		worry_free(&f->top[--f->ntop]);
	memmove(&f->top[at + 1], &f->top[at], (f->ntop - at) * sizeof(f->top[0]));
	f->ntop++;
	for (i = 0; i < v->nspans; i++) {
		if (v->spans[i].end > len || v->spans[i].start >= v->spans[i].end)
			continue;
		buf_addf(&ev, "%s\"%.*s\"", ev.len ? ", " : "", (int)(v->spans[i].end - v->spans[i].start),
			 text + v->spans[i].start);
	}
	f->top[at] = (struct worry){
		.line = line, .stage = v->stage, .confidence = v->confidence,
		.time = time ? xstrdup(time) : NULL, .speaker = xstrdup(speaker),
		.text = xstrndup(text, len > 4 * QUOTE ? 4 * QUOTE : len),
		.evidence = ev.s ? ev.s : xstrdup(""), .explanation = xstrdup(v->explanation),
	};
}

/* The end: the last conversation, the verdict in words, what to do next, who can help. */
void
findings_finish(struct findings *f, long left_out)
{
	struct help h;
	struct diags d = {0};
	size_t i;

	flush_conversation(f);
	fputc('\n', f->out);
	if (f->signs == 0) {
		fprintf(f->out, "%s\n", _("Waspada found no warning signs of grooming in this chat."));
		fprintf(f->out, "%s\n", _("It can miss things: it reads words, not people. If something about this chat or "
					  "the child's mood worries you, trust that feeling and talk with them."));
	} else {
		fprintf(f->out, ngettext("Waspada found warning signs in %ld message. ",
					 "Waspada found warning signs in %ld messages. ", (unsigned long)f->signs),
			f->signs);
		fprintf(f->out, "%s\n", _("A sign is a reason to look closer and to talk with the child, not proof: "
					  "it can be wrong, and it can miss things."));
		if (f->quiet > 0)
			fprintf(f->out, ngettext("In %d other conversation it found no warning signs.\n",
						 "In %d other conversations it found no warning signs.\n",
						 (unsigned long)f->quiet), f->quiet);
	}
	if (left_out > 0)
		fprintf(f->out, ngettext("(%ld photo, sticker, deleted or system line was not read.)\n",
					 "(%ld photos, stickers, deleted or system lines were not read.)\n",
					 (unsigned long)left_out), left_out);
	if (!help_load(&h, f->lang, &d)) {
		emit(f);
		diag_print(&d, stderr);
		diag_clear(&d);
		help_free(&h);
		return;
	}
	if (f->signs > 0 && h.for_adults[0] != NULL) {
		fprintf(f->out, "\n%s\n", _("What to do next:"));
		for (i = 0; h.for_adults[i] != NULL; i++)
			fprintf(f->out, "  - %s\n", h.for_adults[i]);
	}
	fprintf(f->out, "\n%s\n", _("Who can help:"));
	for (i = 0; h.helplines[i] != NULL; i++)
		fprintf(f->out, "  - %s\n", h.helplines[i]);
	if (h.never_share_images[0])
		fprintf(f->out, "\n%s\n", h.never_share_images);
	help_free(&h);
	diag_clear(&d);
	emit(f);
}

/* The last conversation's number (after findings_finish: how many there were). */
int
findings_conversations(const struct findings *f)
{
	return f->conversation;
}

/* The conversation with the most warning signs (the first of equals), 0 when none had any. */
int
findings_worst(const struct findings *f)
{
	return f->worst;
}

/* Free the report. */
void
findings_free(struct findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->ntop; i++)
		worry_free(&f->top[i]);
	free(f->child);
	free(f->chat);
	if (f->term != NULL) {
		emit(f);
		fclose(f->out);
		free(f->buf);
	}
	free(f);
}
