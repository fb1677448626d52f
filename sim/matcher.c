/* matcher: compiling a lexicon and finding its patterns in chat text, in C, for speed.
 *
 * Step for step what lua/detector/normalise.lua and lexicon.lua do (they stay the reference, run
 * by the Lua tests), so that both give the same words and matches: tests/detector-native.sh
 * compares them on the corpus and every scenario, the fuzz target on random text. Character
 * classes are ASCII, as Lua's are under the C and UTF-8 locales Waspada runs in.
 *
 * Words are interned: every word a pattern, phrase or slang entry can produce gets a number,
 * so matching compares numbers; a chat word the lexicon never mentions gets 0.
 *
 * The file, top to bottom: hash map and small helpers; the tables a compiled lexicon fills;
 * normalising one token (resolve); one message (run, scan); compiling a lexicon (the
 * normalise: entries, vocabulary, inflections, stripped forms, slang, phrases, patterns). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "matcher.h"
#include "util.h"

#define MIN_STEM 3        /* a stripped word keeps at least this many bytes (normalise.lua) */
#define CACHE_MAX 100000  /* distinct tokens remembered before the cache starts over */

/* The affix lists, and the three slang tables (resolve() in normalise.lua). */
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
	size_t n;
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
	size_t nlists[3];
	struct restore *restores;
	size_t nrestores;
	struct str redup;
	struct smap ids;                 /* word -> id */
	struct word *vocab;              /* id -> word (vocab[0] unused) */
	size_t nvocab, capvocab;
	struct smap canon, slang[3];     /* -> struct words * */
	struct clitic *clitics;
	size_t nclitics;
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

static const struct words EMPTY;

/* FNV-1a: short keys, good enough spread for open addressing. */
static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

/* The entry for a key, or the empty entry where it would go. */
static struct smap_entry *
smap_find(const struct smap *m, const char *k, size_t n, uint32_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct smap_entry *e = &m->e[i];
		if (e->key == NULL || (e->hash == h && e->len == n && memcmp(e->key, k, n) == 0))
			return e;
		i = (i + 1) & (m->cap - 1);
	}
}

/* The value of a key, NULL when absent. */
static void *
smap_get(const struct smap *m, const char *k, size_t n)
{
	if (m->n == 0)
		return NULL;
	return smap_find(m, k, n, hash_bytes(k, n))->val;
}

/* Set a key's value (the key is copied into arena a). */
static void
smap_put(struct smap *m, struct arena *a, const char *k, size_t n, void *v)
{
	uint32_t h = hash_bytes(k, n);
	struct smap_entry *e;

	if ((m->n + 1) * 4 > m->cap * 3) { /* at most three quarters full */
		struct smap old = *m;
		size_t i;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->e = xcalloc(m->cap, sizeof(*m->e));
		for (i = 0; i < old.cap; i++)
			if (old.e[i].key != NULL)
				*smap_find(m, old.e[i].key, old.e[i].len, old.e[i].hash) = old.e[i];
		free(old.e);
	}
	e = smap_find(m, k, n, h);
	if (e->key == NULL) {
		e->key = arena_strndup(a, k, n);
		e->len = (uint32_t)n;
		e->hash = h;
		m->n++;
	}
	e->val = v;
}

/* Forget every entry (the keys go with their arena). */
static void
smap_clear(struct smap *m)
{
	free(m->e);
	memset(m, 0, sizeof(*m));
}

/* Append a string to a list of strings. */
static void
strs_add(struct strs *l, const char *s, size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->off = xrealloc(l->off, l->cap * sizeof(*l->off));
		l->len = xrealloc(l->len, l->cap * sizeof(*l->len));
	}
	l->off[l->n] = l->bytes.len;
	l->len[l->n] = n;
	l->n++;
	buf_add(&l->bytes, s, n);
}

/* Append two strings joined, as one. */
static void
strs_add2(struct strs *l, const char *a, size_t na, const char *b, size_t nb)
{
	strs_add(l, a, na);
	buf_add(&l->bytes, b, nb);
	l->len[l->n - 1] += nb;
}

static const char *
strs_at(const struct strs *l, size_t i)
{
	return l->bytes.s + l->off[i];
}

static void
strs_reset(struct strs *l)
{
	l->n = 0;
	l->bytes.len = 0;
}

static void
strs_free(struct strs *l)
{
	buf_free(&l->bytes);
	free(l->off);
	free(l->len);
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* A byte of a chat word: Lua's [%w@$'\128-\255]. */
static bool
is_word_byte(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '@' || c == '$' || c == '\'' || c >= 128;
}

static bool
ends_with(const char *s, size_t n, const struct str *x)
{
	return n >= x->len && memcmp(s + n - x->len, x->s, x->len) == 0;
}

struct matcher *
matcher_new(void)
{
	struct matcher *m = xcalloc(1, sizeof(*m));

	m->nvocab = 1;
	return m;
}

void
matcher_free(struct matcher *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < 3; i++) {
		free(m->lists[i]);
		smap_clear(&m->slang[i]);
	}
	for (i = 0; i < m->nby_last; i++)
		free(m->by_last[i].p);
	for (i = 0; i < m->nby_word; i++)
		free(m->by_word[i].p);
	for (i = 0; i < m->npats; i++) {
		for (size_t j = 0; j < m->pats[i].n; j++)
			free(m->pats[i].slots[j].set);
		free(m->pats[i].slots);
	}
	free(m->by_prefix.p);
	free(m->pats);
	free(m->by_last);
	free(m->by_word);
	free(m->restores);
	free(m->clitics);
	free(m->vocab);
	smap_clear(&m->ids);
	smap_clear(&m->canon);
	smap_clear(&m->cache);
	arena_free(&m->cache_a);
	arena_free(&m->a);
	fold_free(&m->fold);
	free(m->w);
	free(m->ws);
	free(m->we);
	free(m->brk);
	free(m->hits);
	free(m->ts);
	free(m->te);
	buf_free(&m->joined);
	free(m->cand_idx);
	free(m->memo);
	buf_free(&m->t);
	buf_free(&m->tp);
	buf_free(&m->tc);
	buf_free(&m->tmp);
	strs_free(&m->cand);
	strs_free(&m->layer);
	strs_free(&m->next);
	free(m->src);
	free(m->wo);
	free(m);
}

/* The id of a word, giving it one if it has none yet (building only). */
static uint32_t
intern(struct matcher *m, const char *s, size_t n)
{
	void *v = smap_get(&m->ids, s, n);

	if (v != NULL)
		return (uint32_t)(uintptr_t)v;
	if (m->nvocab >= m->capvocab) {
		m->capvocab = m->capvocab ? m->capvocab * 2 : 1024;
		m->vocab = xrealloc(m->vocab, m->capvocab * sizeof(*m->vocab));
	}
	smap_put(&m->ids, &m->a, s, n, (void *)(uintptr_t)m->nvocab);
	m->vocab[m->nvocab].s = smap_find(&m->ids, s, n, hash_bytes(s, n))->key;
	m->vocab[m->nvocab].len = (uint32_t)n;
	m->vocab[m->nvocab].id = (uint32_t)m->nvocab;
	return (uint32_t)m->nvocab++;
}

/* An interned word as a struct word. */
static struct word
vocab_word(struct matcher *m, const char *s, size_t n)
{
	uint32_t id = intern(m, s, n); /* first: interning may move m->vocab */

	return m->vocab[id];
}

/* A list of words built from strings, kept in the matcher's arena. */
static struct words
make_words(struct matcher *m, const char *const *ws, size_t n)
{
	struct words r;
	size_t i;

	r.n = n;
	r.w = arena_alloc(&m->a, (n ? n : 1) * sizeof(*r.w));
	for (i = 0; i < n; i++)
		r.w[i] = vocab_word(m, ws[i], strlen(ws[i]));
	return r;
}

static struct str
make_str(struct matcher *m, const char *s)
{
	struct str r = {arena_strdup(&m->a, s), strlen(s)};
	return r;
}

static void
list_add(struct matcher *m, enum matcher_list which, const char *s)
{
	m->lists[which] = xrealloc(m->lists[which], (m->nlists[which] + 1) * sizeof(struct str));
	m->lists[which][m->nlists[which]++] = make_str(m, s);
}

static void
add_restore(struct matcher *m, const char *prefix, const char *with)
{
	m->restores = xrealloc(m->restores, (m->nrestores + 1) * sizeof(*m->restores));
	m->restores[m->nrestores].prefix = make_str(m, prefix);
	m->restores[m->nrestores].with = make_str(m, with);
	m->nrestores++;
}

static void
set_redup(struct matcher *m, const char *mark)
{
	m->redup = make_str(m, mark);
}

static void
add_canon(struct matcher *m, const char *key, const char *word)
{
	struct words *w = arena_alloc(&m->a, sizeof(*w));

	*w = make_words(m, &word, 1);
	smap_put(&m->canon, &m->a, key, strlen(key), w);
}

static void
add_slang(struct matcher *m, enum matcher_slang which, const char *key, const char *const *words,
	      size_t n)
{
	struct words *w = arena_alloc(&m->a, sizeof(*w));

	*w = make_words(m, words, n);
	smap_put(&m->slang[which], &m->a, key, strlen(key), w);
}

static void
add_clitic(struct matcher *m, const char *suffix, const char *const *words, size_t n)
{
	m->clitics = xrealloc(m->clitics, (m->nclitics + 1) * sizeof(*m->clitics));
	m->clitics[m->nclitics].suffix = make_str(m, suffix);
	m->clitics[m->nclitics].words = make_words(m, words, n);
	m->nclitics++;
}

/* Grow an id-indexed array of n elements of size sz so that index id fits. */
static void *
grow_by_id(void *p, size_t *n, size_t sz, uint32_t id)
{
	if (id < *n)
		return p;
	size_t nn = id + 64;
	p = xrealloc(p, nn * sz);
	memset((char *)p + *n * sz, 0, (nn - *n) * sz);
	*n = nn;
	return p;
}

static void
add_phrase(struct matcher *m, const char *const *from, size_t nfrom, const char *const *to, size_t nto)
{
	struct phrase *ph = arena_alloc(&m->a, sizeof(*ph));
	struct phrases *l;
	uint32_t last;

	if (nfrom == 0)
		return;
	ph->from = make_words(m, from, nfrom);
	ph->to = make_words(m, to, nto);
	if (nto > m->maxto)
		m->maxto = nto;
	last = ph->from.w[nfrom - 1].id;
	m->by_last = grow_by_id(m->by_last, &m->nby_last, sizeof(*m->by_last), last);
	l = &m->by_last[last];
	l->p = xrealloc(l->p, (l->n + 1) * sizeof(*l->p));
	l->p[l->n++] = ph;
}

/* Append pattern number p to an index list. */
static void
index_add(struct index *ix, size_t p)
{
	if (ix->n == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 2;
		ix->p = xrealloc(ix->p, ix->cap * sizeof(*ix->p));
	}
	ix->p[ix->n++] = (uint32_t)p;
}

/* File pattern pi under what its first slot can be (once it is complete). */
static void
index_pattern(struct matcher *m, size_t pi)
{
	const struct pattern *p = &m->pats[pi];
	size_t i;

	if (p->n == 0)
		return;
	const struct slot *s = &p->slots[0];
	if (s->kind == SLOT_WORD) {
		m->by_word = grow_by_id(m->by_word, &m->nby_word, sizeof(*m->by_word), s->id);
		index_add(&m->by_word[s->id], pi);
	} else if (s->kind == SLOT_CHOICE) {
		for (i = 0; i < s->nset; i++) {
			m->by_word = grow_by_id(m->by_word, &m->nby_word, sizeof(*m->by_word), s->set[i]);
			index_add(&m->by_word[s->set[i]], pi);
		}
	} else if (s->kind == SLOT_PREFIX) {
		index_add(&m->by_prefix, pi);
	}
}

static void
add_pattern(struct matcher *m, bool anchored)
{
	if (m->npats == m->cappats) {
		m->cappats = m->cappats ? m->cappats * 2 : 256;
		m->pats = xrealloc(m->pats, m->cappats * sizeof(*m->pats));
	}
	memset(&m->pats[m->npats], 0, sizeof(*m->pats));
	m->pats[m->npats].anchored = anchored;
	m->npats++;
}

/* ---- normalising one token (normalise.lua: prep, collapse, candidates, resolve) ---- */

/* Runs of one letter become one letter ("pleaseee" -> "plese"); digits stay. */
static void
collapse(struct buf *out, const char *s, size_t n)
{
	size_t i;

	out->len = 0;
	buf_add(out, "", 0);
	for (i = 0; i < n; i++)
		if (!(is_alpha((unsigned char)s[i]) && out->len > 0 && out->s[out->len - 1] == s[i]))
			buf_add(out, s + i, 1);
}

/* Apostrophes dropped, leetspeak undone inside words ("s3cr3t"), not in numbers ("13yo"). */
static void
prep(const struct matcher *m, struct buf *out, const char *s, size_t n)
{
	size_t i, first = n;
	bool leet = false;

	out->len = 0;
	buf_add(out, "", 0);
	for (i = 0; i < n && is_alpha((unsigned char)s[i]); i++)
		;
	if (i == n) {
		buf_add(out, s, n);
		return;
	}
	for (i = 0; i < n; i++)
		if (s[i] != '\'')
			buf_add(out, s + i, 1);
	char *t = out->s;
	size_t tl = out->len;
	for (i = 0; i + 1 < tl; i++) {
		unsigned char c = (unsigned char)t[i + 1];
		if (is_alpha((unsigned char)t[i]) && (is_digit(c) || c == '@' || c == '$')) {
			leet = true;
			break;
		}
	}
	if (leet) {
		struct buf r = {0};
		for (i = 0; i < tl && !is_alpha((unsigned char)t[i]); i++)
			;
		first = i;
		buf_add(&r, t, first + 1);
		for (i = first + 1; i < tl; i++) {
			unsigned char c = (unsigned char)t[i];
			if ((is_digit(c) || c == '@' || c == '$') && m->leet[c] != NULL)
				buf_adds(&r, m->leet[c]);
			else
				buf_add(&r, t + i, 1);
		}
		out->len = 0;
		buf_add(out, r.s, r.len);
		buf_free(&r);
	} else if (tl >= 2 && (t[0] == '@' || t[0] == '$') && is_alpha((unsigned char)t[1]) &&
		   m->leet[(unsigned char)t[0]] != NULL) {
		struct buf r = {0};
		buf_adds(&r, m->leet[(unsigned char)t[0]]);
		buf_add(&r, t + 1, tl - 1);
		out->len = 0;
		buf_add(out, r.s, r.len);
		buf_free(&r);
	}
}

/* Candidate stems of a word, most likely first, into m->cand (see candidates() in Lua). */
static void
candidates(struct matcher *m, const char *t, size_t tn)
{
	const struct str *sfx = m->lists[MATCHER_SUFFIX], *pfx = m->lists[MATCHER_PREFIX];
	const struct str *rst = m->lists[MATCHER_SUFFIX_RESTORE];
	size_t nsfx = m->nlists[MATCHER_SUFFIX], npfx = m->nlists[MATCHER_PREFIX];
	size_t nrst = m->nlists[MATCHER_SUFFIX_RESTORE], i, j, cnt, round;
	struct strs *c = &m->cand, *layer = &m->layer, *next = &m->next, *sw;

	strs_reset(c);
	strs_reset(layer);
	strs_add(layer, t, tn);
	for (round = 0; round < 2; round++) { /* "rahasiakannya" -> "rahasiakan" -> "rahasia" */
		strs_reset(next);
		for (i = 0; i < layer->n; i++) {
			for (j = 0; j < nsfx; j++) {
				size_t bl = layer->len[i];
				if (bl >= sfx[j].len + MIN_STEM && ends_with(strs_at(layer, i), bl, &sfx[j])) {
					strs_add(next, strs_at(layer, i), bl - sfx[j].len);
					strs_add(c, strs_at(layer, i), bl - sfx[j].len);
				}
			}
		}
		if (next->n == 0)
			break;
		sw = layer; layer = next; next = sw;
	}
	cnt = c->n;
	for (i = 0; i < cnt; i++) { /* "hiding" -> "hid" -> "hide" */
		/* a copy: adding to c may move the bytes strs_at(c, i) points into */
		m->tmp.len = 0;
		buf_add(&m->tmp, strs_at(c, i), c->len[i]);
		for (j = 0; j < nrst; j++)
			strs_add2(c, m->tmp.s, m->tmp.len, rst[j].s, rst[j].len);
	}
	strs_reset(layer); /* prefixes, on the word and on its suffix-stripped forms */
	strs_add(layer, t, tn);
	for (i = 0; i < cnt; i++)
		strs_add(layer, strs_at(c, i), c->len[i]);
	for (round = 0; round < 2; round++) { /* "memperlihatkan": mem- then per- */
		strs_reset(next);
		for (i = 0; i < layer->n; i++) {
			for (j = 0; j < npfx; j++) {
				const char *b = strs_at(layer, i);
				size_t bl = layer->len[i], lp = pfx[j].len, k;
				if (bl < lp + MIN_STEM || memcmp(b, pfx[j].s, lp) != 0)
					continue;
				strs_add(c, b + lp, bl - lp);
				strs_add(next, b + lp, bl - lp);
				for (k = 0; k < m->nrestores; k++) {
					const struct restore *r = &m->restores[k];
					if (r->prefix.len != lp || memcmp(r->prefix.s, pfx[j].s, lp) != 0)
						continue;
					/* b may move when the lists grow: copy the rest first */
					m->tmp.len = 0;
					buf_add(&m->tmp, b + lp, bl - lp);
					strs_add2(c, r->with.s, r->with.len, m->tmp.s, m->tmp.len);
					strs_add2(next, r->with.s, r->with.len, m->tmp.s, m->tmp.len);
					b = strs_at(layer, i);
				}
			}
		}
		if (next->n == 0)
			break;
		sw = layer; layer = next; next = sw;
	}
}

/* Words of one list in the cache's arena: base then extra. */
static struct words *
cache_words(struct matcher *m, const struct words *base, const struct words *extra)
{
	struct words *r = arena_alloc(&m->cache_a, sizeof(*r));
	size_t nb = base ? base->n : 0, ne = extra ? extra->n : 0;

	r->n = nb + ne;
	r->w = arena_alloc(&m->cache_a, (r->n ? r->n : 1) * sizeof(*r->w));
	if (nb)
		memcpy(r->w, base->w, nb * sizeof(*r->w));
	if (ne)
		memcpy(r->w + nb, extra->w, ne * sizeof(*r->w));
	return r;
}

/* One word the lexicon may not know, kept as it is. */
static struct words *
cache_plain(struct matcher *m, const char *s, size_t n)
{
	struct words *r = arena_alloc(&m->cache_a, sizeof(*r));
	void *id = smap_get(&m->ids, s, n);

	r->n = 1;
	r->w = arena_alloc(&m->cache_a, sizeof(*r->w));
	if (id != NULL) {
		r->w[0] = m->vocab[(uintptr_t)id];
	} else {
		r->w[0].s = arena_strndup(&m->cache_a, s, n);
		r->w[0].len = (uint32_t)n;
		r->w[0].id = 0;
	}
	return r;
}

/* Canonical words of one lower-cased token (resolve() in normalise.lua). */
static const struct words *
resolve(struct matcher *m, const char *tok, size_t n)
{
	struct buf *t = &m->t, *tp = &m->tp, *tc = &m->tc;
	const struct words *r;
	size_t i, pass;

	if ((unsigned char)tok[0] >= 128) /* emoji and other non-ASCII characters stay as they are */
		return cache_plain(m, tok, n);
	t->len = 0;
	buf_add(t, "", 0);
	for (i = 0; i < n; i++)
		if (tok[i] != '\'')
			buf_add(t, tok + i, 1);
	/* chat-style reduplication ("teman2") means the plain word */
	if (m->redup.len > 0 && t->len > m->redup.len && ends_with(t->s, t->len, &m->redup) &&
	    is_alpha((unsigned char)t->s[t->len - m->redup.len - 1]))
		t->len -= m->redup.len;
	if ((r = smap_get(&m->slang[MATCHER_SLANG_RAW], t->s, t->len)) != NULL)
		return r;
	prep(m, tp, t->s, t->len);
	collapse(tc, tp->s, tp->len);
	if ((r = smap_get(&m->slang[MATCHER_SLANG_EXACT], tp->s, tp->len)) != NULL ||
	    (r = smap_get(&m->slang[MATCHER_SLANG], tc->s, tc->len)) != NULL ||
	    (r = smap_get(&m->canon, tc->s, tc->len)) != NULL)
		return r;
	if (tc->len == 0)
		return &EMPTY;
	for (i = 0; i < tc->len && is_digit((unsigned char)tc->s[i]); i++)
		;
	if (i == tc->len)
		return cache_plain(m, tc->s, tc->len);
	/* a possessive clitic becomes its own word ("fotomu" -> "foto kamu") when the rest is known */
	for (i = 0; i < m->nclitics; i++) {
		const struct clitic *cl = &m->clitics[i];
		if (tp->len >= cl->suffix.len + 2 && ends_with(tp->s, tp->len, &cl->suffix)) {
			size_t bl = tp->len - cl->suffix.len;
			collapse(&m->tmp, tp->s, bl);
			const struct words *base = smap_get(&m->slang[MATCHER_SLANG_EXACT], tp->s, bl);
			if (base == NULL)
				base = smap_get(&m->slang[MATCHER_SLANG], m->tmp.s, m->tmp.len);
			if (base == NULL)
				base = smap_get(&m->canon, m->tmp.s, m->tmp.len);
			if (base != NULL)
				return cache_words(m, base, &cl->words);
		}
	}
	/* affixes from the uncollapsed form first ("tahunnya"), then from the collapsed one */
	for (pass = 0; pass < (tp->len != tc->len || memcmp(tp->s, tc->s, tp->len) != 0 ? 2u : 1u); pass++) {
		const struct buf *src = pass == 0 ? tp : tc;
		candidates(m, src->s, src->len);
		for (i = 0; i < m->cand.n; i++) {
			collapse(&m->tmp, strs_at(&m->cand, i), m->cand.len[i]);
			/* a slang word only as a stem of 4+ letters ("dinda" is not "di" + "nda") */
			if ((r = smap_get(&m->canon, m->tmp.s, m->tmp.len)) != NULL ||
			    (m->tmp.len >= 4 && (r = smap_get(&m->slang[MATCHER_SLANG], m->tmp.s, m->tmp.len)) != NULL))
				return r;
		}
	}
	return cache_plain(m, tc->s, tc->len);
}

/* resolve(), remembered per token. */
static const struct words *
norm(struct matcher *m, const char *tok, size_t n)
{
	const struct words *r = smap_get(&m->cache, tok, n);

	if (r == NULL) {
		r = resolve(m, tok, n);
		smap_put(&m->cache, &m->cache_a, tok, n, (void *)r);
	}
	return r;
}

/* ---- one message (normalise.lua run(), lexicon.lua scan()) ---- */

/* Room for at least n words in the run's arrays. */
static void
reserve_words(struct matcher *m, size_t n)
{
	if (n <= m->capw)
		return;
	m->capw = n * 2;
	m->w = xrealloc(m->w, m->capw * sizeof(*m->w));
	m->ws = xrealloc(m->ws, m->capw * sizeof(*m->ws));
	m->we = xrealloc(m->we, m->capw * sizeof(*m->we));
	m->brk = xrealloc(m->brk, m->capw * sizeof(*m->brk));
}

/* Push one word (1-based index m->nw + 1), then rewrite a known phrase it completes. */
static void
push_word(struct matcher *m, struct word w, size_t s, size_t e, bool brk)
{
	size_t n = ++m->nw, i, q;

	reserve_words(m, n + 1);
	m->w[n] = w;
	m->ws[n] = s;
	m->we[n] = e;
	m->brk[n] = brk;
	if (w.id == 0 || w.id >= m->nby_last)
		return;
	const struct phrases *l = &m->by_last[w.id];
	for (i = 0; i < l->n; i++) {
		const struct phrase *ph = l->p[i];
		size_t k = ph->from.n;
		bool ok = n >= k;
		for (q = 1; ok && q <= k; q++)
			if (m->w[n - k + q].id != ph->from.w[q - 1].id || (q > 1 && m->brk[n - k + q]))
				ok = false;
		if (!ok)
			continue;
		size_t s0 = m->ws[n - k + 1], e0 = m->we[n];
		bool b0 = m->brk[n - k + 1];
		n -= k;
		reserve_words(m, n + ph->to.n + 1);
		for (q = 0; q < ph->to.n; q++) {
			n++;
			m->w[n] = ph->to.w[q];
			m->ws[n] = s0;
			m->we[n] = e0;
			m->brk[n] = b0 && q == 0;
		}
		m->nw = n;
		return;
	}
}

/* Does choice slot s hold word id? */
static bool
in_set(const struct slot *s, uint32_t id)
{
	size_t i;

	for (i = 0; i < s->nset; i++)
		if (s->set[i] == id)
			return true;
	return false;
}

/* Does word k start with prefix p? */
static bool
has_prefix(const struct word *w, const struct str *p)
{
	return w->len >= p->len && memcmp(w->s, p->s, p->len) == 0;
}

/* Does pattern p match from slot j at word k (the match began at word start)? The last word of
 * the match, or 0. failed (NULL for a pattern with fewer than two gaps) remembers the (slot, word)
 * pairs already known to fail, span words a slot: with many gaps ("a ...9 b ...9 c ...") the same
 * pair is reached by many ways, and without it a scenario's own pattern could take exponential time
 * (issue 14). */
static size_t
match(const struct matcher *m, const struct pattern *p, size_t j, size_t k, size_t start,
      uint8_t *failed, size_t span)
{
	const size_t n = m->nw;

	if (j >= p->n)
		return k - 1;
	if (k > n || (k > start && m->brk[k]))
		return 0;
	if (failed != NULL && failed[j * span + (k - start)])
		return 0;
	const struct slot *sl = &p->slots[j];
	size_t r = 0;
	if (sl->kind == SLOT_GAP) {
		const struct slot *nx = &p->slots[j + 1];
		size_t kk;
		for (kk = k; kk <= k + (size_t)sl->max && r == 0; kk++) {
			if (kk > k && (kk - 1 >= n || (kk - 1 > start && m->brk[kk - 1])))
				break;
			if (nx->kind == SLOT_WORD && m->w[kk].id != nx->id)
				continue;
			if (nx->kind == SLOT_CHOICE && (m->w[kk].id == 0 || !in_set(nx, m->w[kk].id)))
				continue;
			r = match(m, p, j + 1, kk, start, failed, span);
		}
	} else {
		const struct word *w = &m->w[k];
		bool ok;
		if (sl->kind == SLOT_WORD)
			ok = w->id == sl->id;
		else if (sl->kind == SLOT_CHOICE)
			ok = w->id != 0 && in_set(sl, w->id);
		else
			ok = has_prefix(w, &sl->prefix);
		if (ok)
			r = match(m, p, j + 1, k + 1, start, failed, span);
	}
	if (r == 0 && failed != NULL)
		failed[j * span + (k - start)] = 1;
	return r;
}

/* match() from slot j at word k for a match that began at word start, with the memory of
 * failures when the pattern has two gaps or more. */
static size_t
match_from(struct matcher *m, const struct pattern *p, size_t j, size_t k, size_t start)
{
	size_t gaps = 0, span = p->n + 1, i;

	for (i = 0; i < p->n; i++)
		if (p->slots[i].kind == SLOT_GAP) {
			gaps++;
			span += (size_t)p->slots[i].max;
		}
	if (gaps < 2)
		return match(m, p, j, k, start, NULL, 0);
	if (p->n * span > m->capmemo) {
		m->capmemo = p->n * span;
		m->memo = xrealloc(m->memo, m->capmemo);
	}
	memset(m->memo, 0, p->n * span);
	return match(m, p, j, k, start, m->memo, span);
}

/* Record a match. */
static void
add_hit(struct matcher *m, size_t pat, size_t first, size_t last)
{
	if (m->nhits == m->caphits) {
		m->caphits = m->caphits ? m->caphits * 2 : 16;
		m->hits = xrealloc(m->hits, m->caphits * sizeof(*m->hits));
	}
	m->hits[m->nhits].pattern = pat + 1;
	m->hits[m->nhits].first = first;
	m->hits[m->nhits].last = last;
	m->nhits++;
}

/* The patterns that may start at word k, in lexicon.lua's order (by first word, then by
 * prefix), into m->cand_idx; returns how many. */
static size_t
starting_at(struct matcher *m, size_t k)
{
	const struct word *w = &m->w[k];
	size_t n = 0, i;
	const struct index *ix = w->id != 0 && w->id < m->nby_word ? &m->by_word[w->id] : NULL;
	size_t need = (ix ? ix->n : 0) + m->by_prefix.n;

	if (need > m->capidx) {
		m->capidx = need * 2;
		m->cand_idx = xrealloc(m->cand_idx, m->capidx * sizeof(*m->cand_idx));
	}
	for (i = 0; ix != NULL && i < ix->n; i++)
		m->cand_idx[n++] = ix->p[i];
	for (i = 0; i < m->by_prefix.n; i++)
		if (has_prefix(w, &m->pats[m->by_prefix.p[i]].slots[0].prefix))
			m->cand_idx[n++] = m->by_prefix.p[i];
	return n;
}

/* Every pattern in the run's words, in scan()'s order. */
static void
scan(struct matcher *m)
{
	size_t k, i, n = m->nw, last;

	for (k = 1; k <= n && !util_stop_requested(); k++) { /* a leaving program stops here */
		size_t nc = starting_at(m, k);
		bool start_ok = k == 1 || m->brk[k];
		if (nc == 0)
			continue;
		/* first the patterns whose second slot is not a word (or that have none) */
		for (i = 0; i < nc; i++) {
			const struct pattern *p = &m->pats[m->cand_idx[i]];
			if (p->n >= 2 && (p->slots[1].kind == SLOT_WORD || p->slots[1].kind == SLOT_CHOICE))
				continue;
			if ((!p->anchored || start_ok) && (last = match_from(m, p, 1, k + 1, k)) != 0)
				add_hit(m, m->cand_idx[i], k, last);
		}
		/* then those whose second slot is the next word */
		if (k >= n || m->brk[k + 1] || m->w[k + 1].id == 0)
			continue;
		uint32_t id2 = m->w[k + 1].id;
		for (i = 0; i < nc; i++) {
			const struct pattern *p = &m->pats[m->cand_idx[i]];
			if (p->n < 2 || !(p->slots[1].kind == SLOT_WORD ? p->slots[1].id == id2 :
					  p->slots[1].kind == SLOT_CHOICE && in_set(&p->slots[1], id2)))
				continue;
			if ((!p->anchored || start_ok) && (last = match_from(m, p, 2, k + 2, k)) != 0)
				add_hit(m, m->cand_idx[i], k, last);
		}
	}
}

/* Is the gap [a, b) of the lowered text a sentence break? One byte breaks only as a newline
 * ("s.e.c.r.e.t" is one word). */
static bool
gap_breaks(const char *low, size_t a, size_t b)
{
	size_t i;

	if (b <= a)
		return false;
	if (b - a == 1)
		return low[a] == '\n';
	for (i = a; i < b; i++)
		if (strchr(".!?;\n", low[i]) != NULL && low[i] != '\0')
			return true;
	return false;
}

/* A single ASCII letter token (may be part of a spelled-out word). */
static bool
is_letter_tok(const char *low, size_t s, size_t e)
{
	return e - s == 1 && low[s] >= 'a' && low[s] <= 'z';
}

/* Raw tokens of the lowered text: ASCII word runs; non-ASCII characters one by one (a lead
 * byte with every continuation byte after it), without variation selectors and joiners. */
static size_t
tokens(const char *low, size_t len, size_t **ts, size_t **te, size_t *cap)
{
	size_t p = 0, n = 0;

	while (p < len) {
		if (!is_word_byte((unsigned char)low[p])) {
			p++;
			continue;
		}
		size_t s = p, e;
		if ((unsigned char)low[p] < 128) {
			for (e = p; e < len && is_word_byte((unsigned char)low[e]) && (unsigned char)low[e] < 128; e++)
				;
		} else {
			e = p + 1;
			if ((unsigned char)low[p] >= 0xC0)
				while (e < len && (unsigned char)low[e] >= 0x80 && (unsigned char)low[e] < 0xC0)
					e++;
			if ((e - s == 3 && memcmp(low + s, "\xef\xb8\x8f", 3) == 0) ||
			    (e - s == 3 && memcmp(low + s, "\xe2\x80\x8d", 3) == 0)) {
				p = e;
				continue;
			}
		}
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*ts = xrealloc(*ts, *cap * sizeof(**ts));
			*te = xrealloc(*te, *cap * sizeof(**te));
		}
		(*ts)[n] = s;
		(*te)[n] = e;
		n++;
		p = e;
	}
	return n;
}

const struct matcher_hit *
matcher_run(struct matcher *m, const char *text, size_t len, size_t *nhits)
{
	size_t nr, i, j, k, *ts, *te;
	struct buf *joined = &m->joined;

	if (m->cache.n >= CACHE_MAX) {
		smap_clear(&m->cache);
		arena_free(&m->cache_a);
	}
	fold_text(&m->fold, text, len);
	m->low = m->fold.s;
	len = m->fold.len;
	nr = tokens(m->low, len, &m->ts, &m->te, &m->captok);
	ts = m->ts;
	te = m->te;
	m->nw = 0;
	m->nhits = 0;
	reserve_words(m, 16);
	for (i = 0; i < nr; i++) {
		size_t s = ts[i], e = te[i];
		const char *tok = m->low + s;
		size_t tn = e - s;
		bool brk = i > 0 && gap_breaks(m->low, te[i - 1], s);
		/* "s e c r e t", "s.e.c.r.e.t", "d-m": single letters each followed by the same kind of
		 * one-byte separator; spaced runs need 4 letters ("u r a" stays apart) */
		if (is_letter_tok(m->low, s, e)) {
			int spaced = -1;
			for (j = i; j + 1 < nr && is_letter_tok(m->low, ts[j + 1], te[j + 1]) && ts[j + 1] - te[j] == 1; j++) {
				int sp = m->low[te[j]] == ' ';
				if (spaced == -1)
					spaced = sp;
				else if (spaced != sp)
					break;
			}
			if ((spaced == 1 && j - i + 1 >= 4) || (spaced == 0 && j - i + 1 >= 2)) {
				joined->len = 0;
				for (k = i; k <= j; k++)
					buf_add(joined, m->low + ts[k], 1);
				tok = joined->s;
				tn = joined->len;
				e = te[j];
				i = j;
			}
		}
		const struct words *ws = norm(m, tok, tn);
		for (k = 0; k < ws->n; k++)
			push_word(m, ws->w[k], s, e, brk && k == 0);
	}
	scan(m);
	*nhits = m->nhits;
	return m->hits;
}

size_t
matcher_nwords(const struct matcher *m)
{
	return m->nw;
}

const char *
matcher_word(const struct matcher *m, size_t k, size_t *len)
{
	if (k < 1 || k > m->nw) {
		*len = 0;
		return NULL;
	}
	*len = m->w[k].len;
	return m->w[k].s;
}

bool
matcher_break(const struct matcher *m, size_t k)
{
	return k >= 1 && k <= m->nw && m->brk[k];
}

void
matcher_span(const struct matcher *m, size_t k, size_t *start, size_t *end)
{
	if (k < 1 || k > m->nw) {
		*start = *end = 0;
		return;
	}
	fold_span(&m->fold, m->ws[k], m->we[k], start, end);
}

/* ---- compiling a lexicon (normalise.lua new(), add_vocab(), finish(), words_of(); lexicon.lua
 * add()): the same canonical words, slang, phrases and pattern slots the Lua makes ---- */

void
matcher_src_file(struct matcher *m)
{
	m->file++;
}

void
matcher_src(struct matcher *m, enum matcher_src kind, const char *key, const char *value)
{
	if (m->nsrc == m->capsrc) {
		m->capsrc = m->capsrc ? m->capsrc * 2 : 256;
		m->src = xrealloc(m->src, m->capsrc * sizeof(*m->src));
	}
	m->src[m->nsrc].file = m->file;
	m->src[m->nsrc].kind = kind;
	m->src[m->nsrc].key = key ? arena_strdup(&m->a, key) : NULL;
	m->src[m->nsrc].value = value ? arena_strdup(&m->a, value) : NULL;
	if (kind == MATCHER_SRC_INFLECTION && value != NULL) /* normalise.lua lower-cases these */
		for (char *c = (char *)m->src[m->nsrc].value; *c != '\0'; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c + 32);
	m->nsrc++;
}

/* Lua's string.lower: ASCII letters only (as under the C and UTF-8 locales). */
static void
lower_into(struct buf *out, const char *s, size_t n)
{
	size_t i;

	out->len = 0;
	buf_add(out, "", 0);
	for (i = 0; i < n; i++) {
		char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
		buf_add(out, &c, 1);
	}
}

/* Lua's %w and %s. */
static bool
is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool
is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The next run of bytes that `in` accepts, from *p; false when there is none. */
static bool
next_run(const char *s, size_t n, size_t *p, bool (*in)(unsigned char), size_t *start, size_t *len)
{
	while (*p < n && !in((unsigned char)s[*p]))
		(*p)++;
	if (*p >= n)
		return false;
	*start = *p;
	while (*p < n && in((unsigned char)s[*p]))
		(*p)++;
	*len = *p - *start;
	return true;
}

static bool
is_word_or_quote(unsigned char c) /* [%w'] */
{
	return is_alnum(c) || c == '\'';
}

static bool
is_ascii_word_byte(unsigned char c) /* [%w@$'] */
{
	return is_word_or_quote(c) || c == '@' || c == '$';
}

static bool
is_not_space(unsigned char c) /* %S */
{
	return !is_space(c);
}

static bool
is_not_bar(unsigned char c) /* [^|] */
{
	return c != '|';
}

static bool
is_high(unsigned char c) /* [\128-\255] */
{
	return c >= 128;
}

/* Append a word to the words_of() answer. */
static void
wo_add(struct matcher *m, size_t *n, const char *s, size_t len)
{
	if (*n == m->capwo) {
		m->capwo = m->capwo ? m->capwo * 2 : 16;
		m->wo = xrealloc(m->wo, m->capwo * sizeof(*m->wo));
	}
	m->wo[*n].s = s;
	m->wo[(*n)++].len = len;
}

const struct matcher_str *
matcher_words_of(struct matcher *m, const char *s, size_t len, size_t *n)
{
	struct buf low = {0};
	struct fold f = {0};
	size_t p = 0, start, l, i;

	*n = 0;
	fold_text(&f, s, len); /* a name is read as the messages are: "𝐊𝐚𝐤 Andi" is "kak andi" */
	s = f.s;
	len = f.len;
	lower_into(&low, s, len);
	while (next_run(low.s, len, &p, is_ascii_word_byte, &start, &l)) {
		const struct words *ws = norm(m, low.s + start, l);
		for (i = 0; i < ws->n; i++)
			wo_add(m, n, ws->w[i].s, ws->w[i].len);
	}
	buf_free(&low);
	/* then every non-ASCII character (utf8.charpattern), without variation selectors and joiners */
	p = 0;
	while (next_run(s, len, &p, is_high, &start, &l)) {
		size_t q = start, end = start + l;
		while (q < end) {
			unsigned char c = (unsigned char)s[q];
			size_t e = q + 1;
			if (c < 0xC2 || c > 0xFD) { /* not a lead byte: utf8.charpattern skips it */
				q++;
				continue;
			}
			while (e < end && (unsigned char)s[e] >= 0x80 && (unsigned char)s[e] < 0xC0)
				e++;
			if (!(e - q == 3 && (memcmp(s + q, "\xef\xb8\x8f", 3) == 0 ||
					     memcmp(s + q, "\xe2\x80\x8d", 3) == 0))) {
				const struct words *w = cache_plain(m, s + q, e - q);
				wo_add(m, n, w->w[0].s, w->w[0].len);
			}
			q = e;
		}
	}
	fold_free(&f);
	return m->wo;
}

/* collapse(prep(lower(s))): a pattern prefix's canonical form. */
static void
basic_into(struct matcher *m, struct buf *out, const char *s, size_t n)
{
	struct buf low = {0}, p = {0};

	lower_into(&low, s, n);
	prep(m, &p, low.s, low.len);
	collapse(out, p.s, p.len);
	buf_free(&low);
	buf_free(&p);
}

/* Order of affixes: longer first, then by bytes ("meng" before "me"). */
static int
cmp_bylen(const void *a, const void *b)
{
	const struct str *x = a, *y = b;

	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return strcmp(x->s, y->s);
}

static int
cmp_clitic(const void *a, const void *b)
{
	return cmp_bylen(&((const struct clitic *)a)->suffix, &((const struct clitic *)b)->suffix);
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words of a string split at whitespace, lower-cased, as a C array (for the builders). */
static const char **
split_words(struct matcher *m, const char *s, size_t *n, bool make_basic)
{
	struct buf low = {0}, b = {0};
	size_t p = 0, start, l, cap = 4;
	const char **out = xmalloc(cap * sizeof(*out));

	*n = 0;
	lower_into(&low, s, strlen(s));
	while (next_run(low.s, low.len, &p, is_not_space, &start, &l)) {
		if (*n == cap)
			out = xrealloc(out, (cap *= 2) * sizeof(*out));
		if (make_basic) {
			basic_into(m, &b, low.s + start, l);
			out[(*n)++] = arena_strndup(&m->a, b.s, b.len);
		} else {
			out[(*n)++] = arena_strndup(&m->a, low.s + start, l);
		}
	}
	buf_free(&low);
	buf_free(&b);
	return out;
}

/* Working tables of finish(): word -> canonical form, and sets (value "" marks a member). */
struct vocab {
	struct arena a;
	struct smap seen, prep, canon, slang_keys;
};

/* normalise.lua add_vocab(): teach the stemmer a word the lexicon uses. */
static void
add_vocab(struct matcher *m, struct vocab *v, const char *w, size_t n)
{
	struct buf low = {0}, p = {0}, c = {0};
	size_t i;

	if (smap_get(&v->seen, w, n) != NULL)
		return;
	smap_put(&v->seen, &v->a, w, n, "");
	lower_into(&low, w, n);
	prep(m, &p, low.s, low.len);
	for (i = 0; i < p.len && is_alnum((unsigned char)p.s[i]); i++)
		;
	if (p.len > 0 && i == p.len) {
		collapse(&c, p.s, p.len);
		char *cs = arena_strndup(&v->a, c.s, c.len);
		smap_put(&v->canon, &v->a, c.s, c.len, cs);
		smap_put(&v->prep, &v->a, p.s, p.len, cs);
	}
	buf_free(&low);
	buf_free(&p);
	buf_free(&c);
}

/* add_vocab() for every [%w']+ run of s. */
static void
add_vocab_runs(struct matcher *m, struct vocab *v, const char *s, size_t n)
{
	size_t p = 0, start, l;

	while (next_run(s, n, &p, is_word_or_quote, &start, &l))
		add_vocab(m, v, s + start, l);
}

/* normalise.lua new(): merge the files' entries, affixes longest first. */
static void
merge_sources(struct matcher *m)
{
	size_t i, k;
	struct buf low = {0};

	for (i = 0; i < m->nsrc; i++) {
		const struct src *e = &m->src[i];
		switch (e->kind) {
		case MATCHER_SRC_LEET:
			if (strlen(e->key) == 1)
				m->leet[(unsigned char)e->key[0]] = (char *)e->value;
			break;
		case MATCHER_SRC_PREFIX:
		case MATCHER_SRC_SUFFIX:
		case MATCHER_SRC_SUFFIX_RESTORE:
			lower_into(&low, e->value, strlen(e->value));
			list_add(m, e->kind == MATCHER_SRC_PREFIX ? MATCHER_PREFIX :
					 e->kind == MATCHER_SRC_SUFFIX ? MATCHER_SUFFIX : MATCHER_SUFFIX_RESTORE, low.s);
			break;
		case MATCHER_SRC_REDUP:
			set_redup(m, e->value);
			break;
		case MATCHER_SRC_CLITIC: {
			size_t n;
			const char **w = split_words(m, e->value, &n, false);
			lower_into(&low, e->key, strlen(e->key));
			add_clitic(m, low.s, w, n);
			free(w);
			break;
		}
		case MATCHER_SRC_PREFIX_RESTORE: /* a later file's list replaces an earlier one */
			lower_into(&low, e->key, strlen(e->key));
			if (e->value == NULL) {
				for (k = 0; k < m->nrestores; k++)
					if (strcmp(m->restores[k].prefix.s, low.s) == 0)
						m->restores[k].prefix.len = 0, m->restores[k].prefix.s = (char *)"";
			} else {
				add_restore(m, low.s, e->value);
			}
			break;
		default:
			break;
		}
	}
	buf_free(&low);
	if (m->nlists[MATCHER_PREFIX] > 1) /* (qsort wants a non-NULL array even when empty) */
		qsort(m->lists[MATCHER_PREFIX], m->nlists[MATCHER_PREFIX], sizeof(struct str), cmp_bylen);
	if (m->nlists[MATCHER_SUFFIX] > 1)
		qsort(m->lists[MATCHER_SUFFIX], m->nlists[MATCHER_SUFFIX], sizeof(struct str), cmp_bylen);
	if (m->nclitics > 1)
		qsort(m->clitics, m->nclitics, sizeof(*m->clitics), cmp_clitic);
}

/* finish(), the inflections part: "sees" and "see" in the lexicon become one word. */
static void
merge_inflections(struct matcher *m, struct vocab *v)
{
	struct smap exact = {0};
	struct buf root = {0}, tmp = {0}, tmp2 = {0};
	const char **from = NULL, **to = NULL, **infl;
	size_t i, j, k, nmerge = 0, ninfl = 0;

	infl = xmalloc((m->nsrc + 1) * sizeof(*infl));
	for (i = 0; i < m->nsrc; i++)
		if (m->src[i].kind == MATCHER_SRC_INFLECTION && m->src[i].value[0] != '\0')
			infl[ninfl++] = m->src[i].value;
	if (ninfl == 0) {
		free(infl);
		return;
	}
	for (i = 0; i < v->prep.cap; i++) {
		const char *c = v->prep.e[i].key ? v->prep.e[i].val : NULL;
		const char *cc = c ? smap_get(&v->canon, c, strlen(c)) : NULL;
		if (cc != NULL && strcmp(cc, c) == 0)
			smap_put(&exact, &v->a, c, strlen(c), "");
	}
	from = xmalloc((v->prep.n + 1) * sizeof(*from));
	to = xmalloc((v->prep.n + 1) * sizeof(*to));
	for (i = 0; i < v->prep.cap; i++) {
		const char *w = v->prep.e[i].key, *c;
		size_t lw;
		if (w == NULL)
			continue;
		c = v->prep.e[i].val;
		lw = v->prep.e[i].len;
		for (j = 0; j < ninfl; j++) {
			size_t ls = strlen(infl[j]);
			if (lw < ls + MIN_STEM || memcmp(w + lw - ls, infl[j], ls) != 0)
				continue;
			collapse(&root, w, lw - ls);
			if (smap_get(&exact, root.s, root.len) == NULL) {
				for (k = 0; k < m->nlists[MATCHER_SUFFIX_RESTORE]; k++) {
					const struct str *r = &m->lists[MATCHER_SUFFIX_RESTORE][k];
					tmp.len = 0;
					buf_add(&tmp, w, lw - ls);
					buf_add(&tmp, r->s, r->len);
					collapse(&tmp2, tmp.s, tmp.len);
					if (smap_get(&exact, tmp2.s, tmp2.len) != NULL) {
						collapse(&root, tmp2.s, tmp2.len);
						break;
					}
				}
			}
			if (smap_get(&exact, root.s, root.len) != NULL && strcmp(root.s, c) != 0) {
				from[nmerge] = w;
				to[nmerge++] = arena_strndup(&v->a, root.s, root.len);
				break;
			}
		}
	}
	for (i = 0; i < nmerge; i++) {
		const char *c = smap_get(&v->prep, from[i], strlen(from[i]));
		smap_put(&v->canon, &v->a, c, strlen(c), (void *)to[i]);
		smap_put(&v->prep, &v->a, from[i], strlen(from[i]), (void *)to[i]);
	}
	free(from);
	free(to);
	free(infl);
	smap_clear(&exact);
	buf_free(&root);
	buf_free(&tmp);
	buf_free(&tmp2);
}

/* finish(), the stripped forms: a suffix-stripped form (4+ letters) of a lexicon word points
 * back to it, first word in byte order first; exact words always win. */
static void
strip_forms(struct matcher *m, struct vocab *v)
{
	const char **words = xmalloc((v->prep.n + 1) * sizeof(*words));
	const struct str *sfx = m->lists[MATCHER_SUFFIX];
	size_t nw = 0, i, j, bi;
	struct buf c = {0};

	for (i = 0; i < v->prep.cap; i++)
		if (v->prep.e[i].key != NULL)
			words[nw++] = v->prep.e[i].key;
	qsort(words, nw, sizeof(*words), cmp_cstr);
	for (i = 0; i < nw; i++) {
		const char *target = smap_get(&v->prep, words[i], strlen(words[i]));
		target = smap_get(&v->canon, target, strlen(target));
		if (target == NULL)
			continue;
		for (bi = 0; bi < 2; bi++) {
			const char *base = bi == 0 ? words[i] : target;
			size_t lb = strlen(base);
			for (j = 0; j < m->nlists[MATCHER_SUFFIX]; j++) {
				size_t ls = sfx[j].len;
				if (ls == 0 || lb < ls + 4 || memcmp(base + lb - ls, sfx[j].s, ls) != 0)
					continue;
				collapse(&c, base, lb - ls);
				if (smap_get(&v->canon, c.s, c.len) == NULL &&
				    smap_get(&v->slang_keys, c.s, c.len) == NULL)
					smap_put(&v->canon, &v->a, c.s, c.len, (void *)target);
			}
		}
	}
	free(words);
	buf_free(&c);
}

/* finish(), slang: per file in key order; a key with digits ("b4") is looked up before
 * leetspeak is undone, others as written and with repeated letters collapsed. */
static void
build_slang(struct matcher *m)
{
	size_t i, n, nk, k;
	int f;
	struct buf low = {0}, p = {0}, c = {0};
	const struct src **keys = xmalloc((m->nsrc + 1) * sizeof(*keys));

	for (f = 0; f <= m->file; f++) {
		nk = 0;
		for (i = 0; i < m->nsrc; i++)
			if (m->src[i].file == f && m->src[i].kind == MATCHER_SRC_SLANG)
				keys[nk++] = &m->src[i];
		/* sorted by key (strcmp of the first field of struct src's key) */
		for (i = 1; i < nk; i++)
			for (k = i; k > 0 && strcmp(keys[k - 1]->key, keys[k]->key) > 0; k--) {
				const struct src *t = keys[k];
				keys[k] = keys[k - 1];
				keys[k - 1] = t;
			}
		for (i = 0; i < nk; i++) {
			const char **w = split_words(m, keys[i]->value, &n, true);
			lower_into(&low, keys[i]->key, strlen(keys[i]->key));
			if (strpbrk(low.s, "0123456789") != NULL) {
				struct buf nq = {0};
				for (k = 0; k < low.len; k++)
					if (low.s[k] != '\'')
						buf_add(&nq, low.s + k, 1);
				buf_add(&nq, "", 0);
				add_slang(m, MATCHER_SLANG_RAW, nq.s, w, n);
				buf_free(&nq);
			} else {
				prep(m, &p, low.s, low.len);
				collapse(&c, p.s, p.len);
				add_slang(m, MATCHER_SLANG_EXACT, p.s, w, n);
				if ((p.len == c.len && memcmp(p.s, c.s, p.len) == 0) ||
				    smap_get(&m->slang[MATCHER_SLANG], c.s, c.len) == NULL)
					add_slang(m, MATCHER_SLANG, c.s, w, n);
			}
			free(w);
		}
	}
	free(keys);
	buf_free(&low);
	buf_free(&p);
	buf_free(&c);
}

/* A copy of words_of(s) as C strings in the matcher's arena. */
static const char **
words_copy(struct matcher *m, const char *s, size_t *n)
{
	const struct matcher_str *w = matcher_words_of(m, s, strlen(s), n);
	const char **out = xmalloc((*n + 1) * sizeof(*out));
	size_t i;

	for (i = 0; i < *n; i++)
		out[i] = arena_strndup(&m->a, w[i].s, w[i].len);
	return out;
}

/* A phrase's words joined by spaces (table.concat(from, " ")). */
static void
join_words(struct buf *out, const struct words *w)
{
	size_t i;

	out->len = 0;
	buf_add(out, "", 0);
	for (i = 0; i < w->n; i++) {
		if (i > 0)
			buf_add(out, " ", 1);
		buf_add(out, w->w[i].s, w->w[i].len);
	}
}

/* Phrases ending with the same word: longer first, then by their words. */
static int
cmp_phrase(const void *a, const void *b)
{
	const struct phrase *x = *(struct phrase *const *)a, *y = *(struct phrase *const *)b;
	struct buf jx = {0}, jy = {0};
	int d;

	if (x->from.n != y->from.n)
		return x->from.n > y->from.n ? -1 : 1;
	join_words(&jx, &x->from);
	join_words(&jy, &y->from);
	d = strcmp(jx.s, jy.s);
	buf_free(&jx);
	buf_free(&jy);
	return d;
}

/* finish(), phrases: "you are" -> "your", filed under their last word. */
static void
build_phrases(struct matcher *m)
{
	size_t i, nf, nt;

	for (i = 0; i < m->nsrc; i++) {
		if (m->src[i].kind != MATCHER_SRC_PHRASE)
			continue;
		const char **from = words_copy(m, m->src[i].key, &nf);
		const char **to = words_copy(m, m->src[i].value, &nt);
		if (nf >= 2)
			add_phrase(m, from, nf, to, nt);
		free(from);
		free(to);
	}
	for (i = 0; i < m->nby_last; i++)
		if (m->by_last[i].n > 1)
			qsort(m->by_last[i].p, m->by_last[i].n, sizeof(*m->by_last[i].p), cmp_phrase);
}

/* A pattern part's meaning (lexicon.lua add()). */
enum part_kind { PART_WORDS, PART_NOTHING, PART_GAP, PART_CHOICE, PART_PREFIX };

/* rewrite(): known phrases inside a plain list of words (a pattern's run of words). */
static size_t
rewrite(const struct matcher *m, const char **w, size_t n, const char **out)
{
	size_t i, k, q, no = 0;

	for (i = 0; i < n; i++) {
		out[no++] = w[i];
		void *idv = smap_get(&m->ids, w[i], strlen(w[i]));
		uint32_t id = (uint32_t)(uintptr_t)idv;
		if (id == 0 || id >= m->nby_last)
			continue;
		for (k = 0; k < m->by_last[id].n; k++) {
			const struct phrase *ph = m->by_last[id].p[k];
			bool ok = no >= ph->from.n;
			for (q = 0; ok && q < ph->from.n; q++)
				ok = strcmp(out[no - ph->from.n + q], ph->from.w[q].s) == 0;
			if (!ok)
				continue;
			no -= ph->from.n;
			for (q = 0; q < ph->to.n; q++)
				out[no++] = ph->to.w[q].s;
			break;
		}
	}
	return no;
}

/* Compile one pattern (lexicon.lua add()); false when it has no words. */
static bool
compile_pattern(struct matcher *m, const char *text)
{
	bool anchored = text[0] == '^';
	const char *t = anchored ? text + 1 : text;
	size_t tl = strlen(t), p = 0, start, l, nb = 0, capb = 8, i, ns = 0;
	const char **buf = xmalloc(capb * sizeof(*buf)), **rw = NULL;
	struct slot *slots = NULL;
	size_t caps = 0;
	struct buf b = {0}, part = {0};
	bool more = true;

	while (more) {
		enum part_kind kind = PART_NOTHING;
		int max = 4;
		size_t nw = 0;
		const struct matcher_str *ws = NULL;
		more = next_run(t, tl, &p, is_not_space, &start, &l);
		if (more) {
			part.len = 0;
			buf_add(&part, t + start, l);
			if (l >= 3 && memcmp(part.s, "...", 3) == 0 && (l == 3 || (l == 4 && is_digit((unsigned char)part.s[3])))) {
				kind = PART_GAP;
				if (l == 4)
					max = part.s[3] - '0';
			} else if (memchr(part.s, '|', l) != NULL) {
				kind = PART_CHOICE;
			} else if (l > 1 && part.s[l - 1] == '*') {
				basic_into(m, &b, part.s, l - 1);
				kind = b.len > 0 ? PART_PREFIX : PART_NOTHING;
			} else {
				kind = PART_WORDS;
				ws = matcher_words_of(m, part.s, l, &nw);
			}
		}
		if (kind == PART_WORDS) {
			for (i = 0; i < nw; i++) {
				if (nb == capb)
					buf = xrealloc(buf, (capb *= 2) * sizeof(*buf));
				buf[nb++] = arena_strndup(&m->a, ws[i].s, ws[i].len);
			}
			continue;
		}
		/* the words so far, with known phrases rewritten, become word slots */
		if (nb > 0) {
			size_t n = nb;
			const char **src = buf;
			if (nb > 1) {
				rw = xrealloc(rw, (nb * (m->maxto + 1) + 1) * sizeof(*rw));
				n = rewrite(m, buf, nb, rw);
				src = rw;
			}
			for (i = 0; i < n; i++) {
				if (ns == caps)
					slots = xrealloc(slots, (caps = caps ? caps * 2 : 8) * sizeof(*slots));
				memset(&slots[ns], 0, sizeof(*slots));
				slots[ns].kind = SLOT_WORD;
				slots[ns++].id = intern(m, src[i], strlen(src[i]));
			}
			nb = 0;
		}
		if (kind == PART_NOTHING || (kind == PART_GAP && (ns == 0 || slots[ns - 1].kind == SLOT_GAP)))
			continue;
		if (kind == PART_CHOICE) { /* the first word of each alternative */
			size_t q = 0, as, al, nset = 0;
			uint32_t *set = xmalloc((l + 1) * sizeof(*set));
			while (next_run(part.s, l, &q, is_not_bar, &as, &al)) {
				const struct matcher_str *aw = matcher_words_of(m, part.s + as, al, &nw);
				if (nw > 0) {
					uint32_t id = intern(m, aw[0].s, aw[0].len);
					size_t k;
					for (k = 0; k < nset && set[k] != id; k++)
						;
					if (k == nset)
						set[nset++] = id;
				}
			}
			if (nset == 0) {
				free(set);
				continue;
			}
			if (ns == caps)
				slots = xrealloc(slots, (caps = caps ? caps * 2 : 8) * sizeof(*slots));
			memset(&slots[ns], 0, sizeof(*slots));
			slots[ns].kind = SLOT_CHOICE;
			slots[ns].set = set;
			slots[ns++].nset = nset;
			continue;
		}
		if (ns == caps)
			slots = xrealloc(slots, (caps = caps ? caps * 2 : 8) * sizeof(*slots));
		memset(&slots[ns], 0, sizeof(*slots));
		if (kind == PART_GAP) {
			slots[ns].kind = SLOT_GAP;
			slots[ns++].max = max;
		} else {
			slots[ns].kind = SLOT_PREFIX;
			slots[ns].prefix.s = arena_strndup(&m->a, b.s, b.len);
			slots[ns++].prefix.len = b.len;
		}
	}
	while (ns > 0 && slots[ns - 1].kind == SLOT_GAP)
		ns--;
	free(buf);
	free(rw);
	buf_free(&b);
	buf_free(&part);
	if (ns == 0) {
		free(slots);
		return false;
	}
	add_pattern(m, anchored);
	m->pats[m->npats - 1].slots = slots;
	m->pats[m->npats - 1].n = ns;
	return true;
}

void
matcher_compile(struct matcher *m, const char *const *patterns, size_t n, size_t *index)
{
	struct vocab v = {0};
	size_t i, p, start, l, nmade = 0;
	struct buf low = {0}, key = {0};

	merge_sources(m);
	/* every word of every pattern part but gaps and prefixes (detector.lua build_lang) */
	for (i = 0; i < n; i++) {
		const char *t = patterns[i][0] == '^' ? patterns[i] + 1 : patterns[i];
		size_t tl = strlen(t);
		p = 0;
		while (next_run(t, tl, &p, is_not_space, &start, &l)) {
			bool gap = l >= 3 && memcmp(t + start, "...", 3) == 0 &&
				   (l == 3 || (l == 4 && is_digit((unsigned char)t[start + 3])));
			if (gap || t[start + l - 1] == '*')
				continue;
			lower_into(&low, t + start, l);
			add_vocab_runs(m, &v, low.s, low.len);
		}
	}
	/* finish(): slang values and phrases are vocabulary too; slang keys are not targets */
	for (i = 0; i < m->nsrc; i++) {
		const struct src *e = &m->src[i];
		if (e->kind == MATCHER_SRC_SLANG) {
			lower_into(&low, e->value, strlen(e->value));
			add_vocab_runs(m, &v, low.s, low.len);
		} else if (e->kind == MATCHER_SRC_PHRASE) {
			lower_into(&low, e->key, strlen(e->key));
			add_vocab_runs(m, &v, low.s, low.len);
			lower_into(&low, e->value, strlen(e->value));
			add_vocab_runs(m, &v, low.s, low.len);
		}
	}
	for (i = 0; i < m->nsrc; i++) {
		if (m->src[i].kind != MATCHER_SRC_SLANG)
			continue;
		basic_into(m, &key, m->src[i].key, strlen(m->src[i].key));
		smap_put(&v.slang_keys, &v.a, key.s, key.len, "");
		if (smap_get(&v.canon, key.s, key.len) != NULL)
			smap_put(&v.canon, &v.a, key.s, key.len, NULL);
	}
	merge_inflections(m, &v);
	strip_forms(m, &v);
	for (i = 0; i < v.canon.cap; i++)
		if (v.canon.e[i].key != NULL && v.canon.e[i].val != NULL)
			add_canon(m, v.canon.e[i].key, v.canon.e[i].val);
	build_slang(m);
	build_phrases(m);
	for (i = 0; i < n; i++)
		index[i] = compile_pattern(m, patterns[i]) ? ++nmade : 0;
	for (i = 0; i < m->npats; i++)
		index_pattern(m, i);
	smap_clear(&v.seen);
	smap_clear(&v.prep);
	smap_clear(&v.canon);
	smap_clear(&v.slang_keys);
	arena_free(&v.a);
	buf_free(&low);
	buf_free(&key);
}
