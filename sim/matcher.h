/* matcher: the stage detector's lexicon compiler and hot path in C: compile a lexicon's words
 * and patterns, normalise a chat message into canonical words and find every pattern in them
 * (matcher.c, matcher-norm.c, matcher-compile.c). lua/detector.lua applies the rules to the
 * matches; lua-api.c binds it as detector.native; tests/detector/run.lua tests it through that.
 * No Lua here. */
#ifndef WASPADA_MATCHER_H
#define WASPADA_MATCHER_H

#include <stdbool.h>
#include <stddef.h>

struct matcher;

/* One pattern match: the pattern's number (see matcher_compile) and the 1-based indices of its
 * first and last word. */
struct matcher_hit {
	size_t pattern, first, last;
};

struct matcher *matcher_new(void);
void matcher_free(struct matcher *m);

/* Compiling a lexicon: hand over every lexicon file's `normalise:` entries (matcher_src_file()
 * before each file), then matcher_compile() with every pattern in order. */
enum matcher_src {
	MATCHER_SRC_LEET,           /* key: one character, value: what it stands for */
	MATCHER_SRC_PREFIX,         /* value: an affix, one entry per list item */
	MATCHER_SRC_SUFFIX,
	MATCHER_SRC_SUFFIX_RESTORE,
	MATCHER_SRC_INFLECTION,
	MATCHER_SRC_REDUP,          /* value: the reduplication mark */
	MATCHER_SRC_CLITIC,         /* key: suffix, value: the words it stands for */
	MATCHER_SRC_PREFIX_RESTORE, /* key: prefix, value: one restoration (NULL: forget earlier ones) */
	MATCHER_SRC_SLANG,          /* key: chat word, value: its ordinary words */
	MATCHER_SRC_PHRASE,         /* key: phrase, value: its canonical words */
};
void matcher_src_file(struct matcher *m);
void matcher_src(struct matcher *m, enum matcher_src kind, const char *key, const char *value);
/* index[i]: pattern i's number (1-based, what matches report), 0 when it has no words. */
void matcher_compile(struct matcher *m, const char *const *patterns, size_t n, size_t *index);

/* A piece of text: not NUL-terminated. */
struct matcher_str {
	const char *s;
	size_t len;
};
/* Canonical words of a short string (a speaker's name, a role word), as the lexicon's own words
 * are read. Valid until the next call. */
const struct matcher_str *matcher_words_of(struct matcher *m, const char *s, size_t len, size_t *n);

/* Normalise and scan one message; returns the matches (valid until the next run). */
const struct matcher_hit *matcher_run(struct matcher *m, const char *text, size_t len, size_t *nhits);
/* The last run's words (1-based k): canonical word, sentence break before it, its byte span
 * [start, end) in the text. */
size_t matcher_nwords(const struct matcher *m);
const char *matcher_word(const struct matcher *m, size_t k, size_t *len);
bool matcher_break(const struct matcher *m, size_t k);
void matcher_span(const struct matcher *m, size_t k, size_t *start, size_t *end);

#endif
