/* matcher: the stage detector's hot path in C: normalise a chat message into canonical words
 * and find every lexicon pattern in them. It is a port of M:run and resolve
 * (lua/detector/normalise.lua) and Patterns:scan (lua/detector/lexicon.lua) and must give the
 * same words, spans and matches, in the same order; the Lua compiles the lexicon and hands
 * the result over through the builder calls below (lua-api.c walks its tables). No Lua here. */
#ifndef WASPADA_MATCHER_H
#define WASPADA_MATCHER_H

#include <stdbool.h>
#include <stddef.h>

struct matcher;

/* One pattern match: the pattern's number (1-based, in the order patterns were added) and
 * the 1-based indices of its first and last word. */
struct matcher_hit {
	size_t pattern, first, last;
};

enum matcher_list { MATCHER_PREFIX, MATCHER_SUFFIX, MATCHER_SUFFIX_RESTORE };
enum matcher_slang { MATCHER_SLANG_RAW, MATCHER_SLANG_EXACT, MATCHER_SLANG };

struct matcher *matcher_new(void);
void matcher_free(struct matcher *m);

/* Building, in the normaliser's order: affix lists are tried in the order given. */
void matcher_leet(struct matcher *m, unsigned char c, const char *to);
void matcher_list_add(struct matcher *m, enum matcher_list which, const char *s);
void matcher_prefix_restore(struct matcher *m, const char *prefix, const char *restore);
void matcher_redup(struct matcher *m, const char *mark);
void matcher_canon(struct matcher *m, const char *key, const char *word);
void matcher_slang(struct matcher *m, enum matcher_slang which, const char *key,
		   const char *const *words, size_t n);
void matcher_clitic(struct matcher *m, const char *suffix, const char *const *words, size_t n);
/* Phrases sharing a last word are tried in the order given. */
void matcher_phrase(struct matcher *m, const char *const *from, size_t nfrom,
		    const char *const *to, size_t nto);
/* A pattern: matcher_pattern() starts it, then one call per slot. */
void matcher_pattern(struct matcher *m, bool anchored);
void matcher_slot_word(struct matcher *m, const char *w);
void matcher_slot_choice(struct matcher *m, const char *const *words, size_t n);
void matcher_slot_prefix(struct matcher *m, const char *prefix);
void matcher_slot_gap(struct matcher *m, int max);

/* Normalise and scan one message; returns the matches (valid until the next run). */
const struct matcher_hit *matcher_run(struct matcher *m, const char *text, size_t len, size_t *nhits);
/* The last run's words (1-based k): canonical word, sentence break before it, its byte span
 * [start, end) in the text. */
size_t matcher_nwords(const struct matcher *m);
const char *matcher_word(const struct matcher *m, size_t k, size_t *len);
bool matcher_break(const struct matcher *m, size_t k);
void matcher_span(const struct matcher *m, size_t k, size_t *start, size_t *end);

#endif
