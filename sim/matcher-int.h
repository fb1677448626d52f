/* matcher-int.h: what the matcher's three files share (matcher.c: tables, helpers and one
 * message; matcher-norm.c: normalising one token; matcher-compile.c: compiling a lexicon).
 * Nothing outside sim/matcher*.c includes it: the matcher's interface is matcher.h. */
#ifndef MATCHER_INT_H
#define MATCHER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "matcher.h"
#include "util.h"

#define MIN_STEM 3        /* a stripped word keeps at least this many bytes */
#define CACHE_MAX 100000  /* distinct tokens remembered before the cache starts over */

/* The affix lists, and the three slang tables (resolve() in matcher-norm.c). */
enum matcher_list { MATCHER_PREFIX, MATCHER_SUFFIX, MATCHER_SUFFIX_RESTORE };
enum matcher_slang { MATCHER_SLANG_RAW, MATCHER_SLANG_EXACT, MATCHER_SLANG };

/* A string-keyed hash map, open addressing; keys are copied into an arena. */
struct smap_entry {   /* 24 bytes: a session keeps several thousand of them */
	const char *key;
	uint32_t len, hash;
	void *val;
};
struct smap {
	struct smap_entry *e;
	size_t cap, n;
};

/* A canonical word: id 0 when no pattern or phrase can mention it. */
struct word {
	const char *s;
	uint32_t len, id;
};
/* A list of canonical words (what one chat token becomes). */
struct words {
	struct word *w;
	size_t n;
};

struct str {
	char *s;
	size_t len;
};
struct restore {
	struct str prefix, with;
};
struct clitic {
	struct str suffix;
	struct words words;
};
struct phrase {
	struct words from, to;
};
struct phrases {
	struct phrase **p;
	size_t n, cap;
};

enum slot_kind { SLOT_WORD, SLOT_CHOICE, SLOT_PREFIX, SLOT_GAP };
struct slot {
	enum slot_kind kind;
	uint32_t id;          /* SLOT_WORD */
	uint32_t *set;        /* SLOT_CHOICE */
	size_t nset;
	struct str prefix;    /* SLOT_PREFIX */
	int max;              /* SLOT_GAP */
};
struct pattern {
	struct slot *slots;
	size_t n;
	bool anchored;
};
struct index {
	uint32_t *p;
	uint32_t n, cap;
};

/* Growable list of strings kept as offsets into one byte buffer. */
struct strs {
	struct buf bytes;
	size_t *off, *len, n, cap;
};

struct matcher {
	struct arena a;                  /* everything built from the lexicon */
	char *leet[256];
	struct str *lists[3];            /* enum matcher_list */
	size_t nlists[3], caplists[3];
	struct restore *restores;
	size_t nrestores, caprestores;
	struct str redup;
	struct smap ids;                 /* word -> id */
	struct word *vocab;              /* id -> word (vocab[0] unused) */
	size_t nvocab, capvocab;
	struct smap canon, slang[3];     /* -> struct words * */
	struct clitic *clitics;
	size_t nclitics, capclitics;
	struct phrases *by_last;         /* id -> phrases ending with that word */
	size_t nby_last, maxto;          /* maxto: the most words a phrase becomes */
	struct pattern *pats;
	size_t npats, cappats;
	struct index *by_word;           /* id -> patterns whose first slot may be that word */
	size_t nby_word;
	struct index by_prefix;          /* patterns whose first slot is a prefix */

	struct arena cache_a;            /* the token cache and the unknown words it made */
	struct smap cache;               /* token -> struct words * */

	/* the last run */
	struct fold fold;                /* the text as the detector reads it (fold.h) */
	char *low;                       /* = fold.s */
	struct word *w;
	size_t *ws, *we;
	bool *brk;
	size_t nw, capw;
	struct matcher_hit *hits;
	size_t nhits, caphits;
	size_t *ts, *te, captok;         /* raw tokens: [start, end) in low */
	struct buf joined;               /* a spelled-out word put back together */
	uint8_t *memo;                   /* match()'s failures for a pattern with many gaps */
	size_t capmemo;

	/* scratch for resolving one token */
	struct buf t, tp, tc, tmp;
	struct strs cand, layer, next;
	size_t *cand_idx, capidx;

	/* compiling: the lexicon files' normalise entries, and words_of()'s answer */
	struct src *src;
	size_t nsrc, capsrc;
	int file;
	struct matcher_str *wo;
	size_t capwo;
};

/* One `normalise:` entry of a lexicon file, kept until matcher_compile(). */
struct src {
	int file;
	enum matcher_src kind;
	const char *key, *value;
};


/* The small containers of matcher.c: a string-keyed hash map and a list of strings. */
uint32_t hash_bytes(const char *s, size_t n);
struct smap_entry *smap_find(const struct smap *m, const char *k, size_t n, uint32_t h);
void *smap_get(const struct smap *m, const char *k, size_t n);
void smap_put(struct smap *m, struct arena *a, const char *k, size_t n, void *v);
void smap_clear(struct smap *m);
void strs_add(struct strs *l, const char *s, size_t n);
void strs_add2(struct strs *l, const char *a, size_t na, const char *b, size_t nb);
const char *strs_at(const struct strs *l, size_t i);
void strs_reset(struct strs *l);

/* matcher-norm.c: one token's canonical words (remembered per token), a word kept as it is, and
 * the steps a pattern's prefix goes through too. */
const struct words *matcher_norm(struct matcher *m, const char *tok, size_t n);
struct words *matcher_plain(struct matcher *m, const char *s, size_t n);
void matcher_prep(const struct matcher *m, struct buf *out, const char *s, size_t n);
void matcher_collapse(struct buf *out, const char *s, size_t n);

/* An ASCII letter (Lua's %a). */
static inline bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* An ASCII digit (Lua's %d). */
static inline bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Does s (n bytes) end with x? */
static inline bool
ends_with(const char *s, size_t n, const struct str *x)
{
	return n >= x->len && memcmp(s + n - x->len, x->s, x->len) == 0;
}


#endif
