/* transcript: split input into lines by blocks (memchr), parse "[time] SPEAKER: text". */
#include "transcript.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define BLOCK (256 * 1024)

/* Start reading f. */
void
transcript_open(struct transcript *t, FILE *f, const char *name)
{
	memset(t, 0, sizeof(*t));
	t->f = f;
	t->name = name;
	t->buf = xmalloc(BLOCK + TRANSCRIPT_MAX_LINE + 1);
}

/* Print a located warning, up to a limit so a binary file cannot flood the screen. */
static void
warn(struct transcript *t, const char *fmt, ...)
{
	va_list ap;

	if (++t->warnings > TRANSCRIPT_MAX_WARNINGS)
		return;
	fprintf(stderr, "%s:%ld:1: warning: ", t->name, t->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Fill the buffer so that it holds a whole line (or MAX_LINE bytes of one). */
static void
refill(struct transcript *t)
{
	size_t n;

	if (t->pos > 0) {
		memmove(t->buf, t->buf + t->pos, t->len - t->pos);
		t->len -= t->pos;
		t->pos = 0;
	}
	if (t->eof || t->len >= BLOCK)
		return;
	n = fread(t->buf + t->len, 1, BLOCK + TRANSCRIPT_MAX_LINE - t->len, t->f);
	if (n == 0)
		t->eof = true;
	t->len += n;
}

/* The next raw line (without its newline) or NULL at end; over-long lines come back with
 * *toolong set and are not stored. */
static char *
next_line(struct transcript *t, size_t *n, bool *toolong)
{
	for (;;) {
		char *start = t->buf + t->pos, *nl;
		size_t avail = t->len - t->pos;

		nl = memchr(start, '\n', avail);
		if (nl != NULL) {
			*n = (size_t)(nl - start);
			t->pos += *n + 1;
			*nl = '\0';
			if (t->skipping) {
				t->skipping = false;
				*toolong = true;
				return start;
			}
			*toolong = *n > TRANSCRIPT_MAX_LINE;
			return start;
		}
		if (avail > TRANSCRIPT_MAX_LINE) {
			/* Drop what we have of this line and keep reading to its end. */
			t->skipping = true;
			t->pos = t->len;
		}
		if (t->eof) {
			if (avail == 0 && !t->skipping)
				return NULL;
			*n = avail;
			t->pos = t->len;
			start[avail] = '\0';
			*toolong = t->skipping || avail > TRANSCRIPT_MAX_LINE;
			t->skipping = false;
			return start;
		}
		refill(t);
	}
}

/* Start a new conversation at a non-empty line after a blank one. */
static void
begin_conversation(struct transcript *t)
{
	if (!t->in_conversation) {
		t->in_conversation = true;
		t->conversation++;
	}
}

/* Read the next message (see transcript.h). */
bool
transcript_next(struct transcript *t, struct transcript_msg *m)
{
	char *s, *colon;
	size_t n, sp;
	bool toolong;

	while ((s = next_line(t, &n, &toolong)) != NULL) {
		t->line++;
		if (toolong) {
			warn(t, _("line longer than %d KiB; skipped"), TRANSCRIPT_MAX_LINE / 1024);
			continue;
		}
		if (memchr(s, '\0', n) != NULL) {
			warn(t, "%s", _("line contains binary data (a NUL byte); skipped"));
			continue;
		}
		if (utf8_valid_prefix(s, n) != n) {
			warn(t, "%s", _("line is not valid UTF-8; skipped"));
			continue;
		}
		while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			s[--n] = '\0';
		if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 && t->line == 1) { /* a BOM */
			s += 3;
			n -= 3;
		}
		while (n > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		if (n == 0) {
			/* An empty line ends a conversation: the detector's context resets. */
			t->in_conversation = false;
			free(t->child);
			t->child = NULL;
			continue;
		}
		if (s[0] == '#') {
			const char *p = s + 1;
			while (*p == ' ')
				p++;
			if (strncmp(p, "child:", 6) == 0 || strncmp(p, "persona:", 8) == 0) {
				p = strchr(p, ':') + 1;
				while (*p == ' ')
					p++;
				free(t->child);
				t->child = *p ? xstrdup(p) : NULL;
			}
			continue;
		}
		if (s[0] == '[') {
			char *close = memchr(s, ']', n);
			if (close != NULL) {
				n -= (size_t)(close + 1 - s);
				s = close + 1;
				while (n > 0 && (*s == ' ' || *s == '\t')) {
					s++;
					n--;
				}
			}
		}
		colon = memchr(s, ':', n);
		sp = colon ? (size_t)(colon - s) : 0;
		while (sp > 0 && (s[sp - 1] == ' ' || s[sp - 1] == '\t'))
			sp--;
		if (colon == NULL || sp == 0 || sp > 64) {
			warn(t, "%s", _("no \"SPEAKER: text\" on this line; skipped"));
			continue;
		}
		begin_conversation(t);
		free(t->speaker);
		t->speaker = xstrndup(s, sp);
		n -= (size_t)(colon + 1 - s);
		s = colon + 1;
		if (n > 0 && *s == ' ') {
			s++;
			n--;
		}
		m->line = t->line;
		m->conversation = t->conversation;
		m->speaker = t->speaker;
		m->text = s;
		m->text_len = n;
		m->child = t->child != NULL && strcmp(t->child, t->speaker) == 0;
		t->usable++;
		return true;
	}
	return false;
}

/* Finish: say how many warnings were held back. */
void
transcript_close(struct transcript *t)
{
	if (t->warnings > TRANSCRIPT_MAX_WARNINGS)
		fprintf(stderr, _("%s: %ld more warnings not shown\n"), t->name,
			t->warnings - TRANSCRIPT_MAX_WARNINGS);
	free(t->buf);
	free(t->child);
	free(t->speaker);
	t->buf = t->child = t->speaker = NULL;
}
