/* fold: how the detector sees a chat message's characters: Unicode-normalised (NFKC), case-folded,
 * without marks and invisible format characters, with the phone keyboard's curly quotes made
 * plain, so that "Don’t", "ＤＯＮＴ", "𝐝𝐨𝐧𝐭" and "do\u200Bnt" all read "dont". Every folded
 * byte remembers which bytes of the original text it came from, so evidence spans still point
 * into the text the person wrote. */
#ifndef WASPADA_FOLD_H
#define WASPADA_FOLD_H

#include <stddef.h>

struct fold {
	char *s;          /* the folded text, NUL-terminated */
	size_t len;
	size_t *from;     /* from[i], to[i]: the original bytes [from, to) behind folded byte i */
	size_t *to;
	size_t cap;
};

/* Fold text[0..len) into f (reused between calls). Invalid UTF-8 bytes pass through as they are. */
void fold_text(struct fold *f, const char *text, size_t len);
/* The original byte range behind folded bytes [start, end). */
void fold_span(const struct fold *f, size_t start, size_t end, size_t *ostart, size_t *oend);
void fold_free(struct fold *f);

#endif
