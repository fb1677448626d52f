/* fold: Unicode normalisation of chat text for the detector (utf8proc), with a byte map back to
 * the original. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fold.h"
#include "util.h"

/* Letters that fancy-font generators take from the phonetic blocks, which NFKC leaves alone
 * ("ᴅᴏɴᴛ ᴛᴇʟʟ"): small capitals and a few look-alikes, with the ASCII letter each stands for. */
static const struct {
	int32_t cp;
	char c;
} look_alikes[] = {
	{0x1D00, 'a'}, {0x0299, 'b'}, {0x1D04, 'c'}, {0x1D05, 'd'}, {0x1D07, 'e'}, {0xA730, 'f'},
	{0x0262, 'g'}, {0x029C, 'h'}, {0x026A, 'i'}, {0x1D0A, 'j'}, {0x1D0B, 'k'}, {0x029F, 'l'},
	{0x1D0D, 'm'}, {0x0274, 'n'}, {0x1D0F, 'o'}, {0x1D18, 'p'}, {0x01EB, 'q'}, {0x0280, 'r'},
	{0xA731, 's'}, {0x1D1B, 't'}, {0x1D1C, 'u'}, {0x1D20, 'v'}, {0x1D21, 'w'}, {0x028F, 'y'},
	{0x1D22, 'z'},
};

/* One character as plain ASCII when a keyboard or font dresses it up; 0 when it is not one. */
static char
plain_char(int32_t cp)
{
	size_t i;

	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x00B4:
	case 0x0060: case 0xFF07:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0xFF02:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
		return '-';
	}
	for (i = 0; i < sizeof(look_alikes) / sizeof(look_alikes[0]); i++)
		if (look_alikes[i].cp == cp)
			return look_alikes[i].c;
	return 0;
}

/* Room for n more folded bytes. */
static void
reserve(struct fold *f, size_t n)
{
	if (f->len + n + 1 <= f->cap)
		return;
	f->cap = util_grow_cap(f->cap, f->len + n + 1, sizeof(*f->from));
	f->s = xrealloc(f->s, f->cap);
	f->from = xreallocarray(f->from, f->cap, sizeof(*f->from));
	f->to = xreallocarray(f->to, f->cap, sizeof(*f->to));
}

/* Append bytes that came from the original [from, to). */
static void
put(struct fold *f, const char *s, size_t n, size_t from, size_t to)
{
	reserve(f, n);
	for (size_t i = 0; i < n; i++) {
		f->s[f->len] = s[i];
		f->from[f->len] = from;
		f->to[f->len] = to;
		f->len++;
	}
}

/* Fold text as the detector reads it, keeping the map back to the original bytes (see fold.h). */
void
fold_text(struct fold *f, const char *text, size_t len)
{
	const utf8proc_uint8_t *t = (const utf8proc_uint8_t *)text;
	size_t i = 0;

	f->len = 0;
	reserve(f, len);
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) { /* the common case: ASCII, lower-cased in place */
			char lc = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			put(f, &lc, 1, i, i + 1);
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(t + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) { /* not UTF-8: keep the byte, as before folding existed */
			put(f, text + i, 1, i, i + 1);
			i++;
			continue;
		}
		size_t end = i + (size_t)n;
		char plain = plain_char(cp);
		if (plain != 0) {
			put(f, &plain, 1, i, end);
			i = end;
			continue;
		}
		utf8proc_int32_t out[32];
		int boundclass = 0;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, out, 32,
			UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPMARK |
			UTF8PROC_DECOMPOSE, &boundclass);
		if (k < 0 || k > 32) { /* cannot happen for a valid code point; keep it unchanged */
			put(f, text + i, (size_t)n, i, end);
			i = end;
			continue;
		}
		for (utf8proc_ssize_t j = 0; j < k; j++) {
			utf8proc_uint8_t enc[4];
			char p = out[j] < 0x80 ? 0 : plain_char(out[j]);
			if (p != 0) {
				put(f, &p, 1, i, end);
				continue;
			}
			utf8proc_ssize_t e = utf8proc_encode_char(out[j], enc);
			put(f, (const char *)enc, (size_t)e, i, end);
		}
		i = end;
	}
	reserve(f, 0);
	f->s[f->len] = '\0';
}

/* The original text's span of the folded span [start, end) (see fold.h). */
void
fold_span(const struct fold *f, size_t start, size_t end, size_t *ostart, size_t *oend)
{
	if (start >= f->len || end <= start) {
		*ostart = *oend = start < f->len ? f->from[start] : (f->len ? f->to[f->len - 1] : 0);
		return;
	}
	if (end > f->len)
		end = f->len;
	*ostart = f->from[start];
	*oend = f->to[end - 1];
}

/* Free a fold's text and map. */
void
fold_free(struct fold *f)
{
	free(f->s);
	free(f->from);
	free(f->to);
	memset(f, 0, sizeof(*f));
}
