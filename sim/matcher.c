/* matcher: finding a lexicon's patterns in chat text, in C, for speed: the tables a compiled
 * lexicon fills, small helpers, and one message (its words, then every pattern in them).
 * Normalising one token is in matcher-norm.c, compiling a lexicon in matcher-compile.c; what they
 * share is in matcher-int.h.
 *
 * Words are interned: every word a pattern, phrase or slang entry can produce gets a number,
 * so matching compares numbers; a chat word the lexicon never mentions gets 0. Character
 * classes are ASCII, as Lua's are under the C and UTF-8 locales Waspada runs in (the lexicon's
 * patterns were first written for Lua's). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "matcher.h"
#include "matcher-int.h"
#include "util.h"

/* FNV-1a: short keys, good enough spread for open addressing. */
uint32_t
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
struct smap_entry *
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
void *
smap_get(const struct smap *m, const char *k, size_t n)
{
	if (m->n == 0)
		return NULL;
	return smap_find(m, k, n, hash_bytes(k, n))->val;
}

/* Set a key's value (the key is copied into arena a). */
void
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
void
smap_clear(struct smap *m)
{
	free(m->e);
	memset(m, 0, sizeof(*m));
}

/* Append a string to a list of strings. */
void
strs_add(struct strs *l, const char *s, size_t n)
{
	if (l->n == l->cap) {
		l->cap = util_grow_cap(l->cap, l->n + 1, sizeof(*l->off));
		l->off = xreallocarray(l->off, l->cap, sizeof(*l->off));
		l->len = xreallocarray(l->len, l->cap, sizeof(*l->len));
	}
	l->off[l->n] = l->bytes.len;
	l->len[l->n] = n;
	l->n++;
	buf_add(&l->bytes, s, n);
}

/* Append two strings joined, as one. */
void
strs_add2(struct strs *l, const char *a, size_t na, const char *b, size_t nb)
{
	strs_add(l, a, na);
	buf_add(&l->bytes, b, nb);
	l->len[l->n - 1] += nb;
}

/* The i-th string of the list. */
const char *
strs_at(const struct strs *l, size_t i)
{
	return l->bytes.s + l->off[i];
}

/* Empty the list, keeping its memory. */
void
strs_reset(struct strs *l)
{
	l->n = 0;
	l->bytes.len = 0;
}

/* Free the list's memory. */
static void
strs_free(struct strs *l)
{
	buf_free(&l->bytes);
	free(l->off);
	free(l->len);
}



/* A byte of a chat word: Lua's [%w@$'\128-\255]. */
static bool
is_word_byte(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '@' || c == '$' || c == '\'' || c >= 128;
}


/* An empty matcher (see matcher.h). */
struct matcher *
matcher_new(void)
{
	struct matcher *m = xcalloc(1, sizeof(*m));

	m->nvocab = 1;
	return m;
}

/* Free a matcher and everything it built (see matcher.h). */
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

/* ---- one message: its tokens and canonical words (run), then every pattern in them (scan) ---- */

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
	GROW(m->hits, m->caphits, m->nhits + 1);
	m->hits[m->nhits].pattern = pat + 1;
	m->hits[m->nhits].first = first;
	m->hits[m->nhits].last = last;
	m->nhits++;
}

/* The patterns that may start at word k, in the lexicon's order (by first word, then by
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
			*cap = util_grow_cap(*cap, n + 1, sizeof(**ts));
			*ts = xreallocarray(*ts, *cap, sizeof(**ts));
			*te = xreallocarray(*te, *cap, sizeof(**te));
		}
		(*ts)[n] = s;
		(*te)[n] = e;
		n++;
		p = e;
	}
	return n;
}

/* Read one message: its canonical words, breaks and spans, and every pattern found (see matcher.h). */
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
		const struct words *ws = matcher_norm(m, tok, tn);
		for (k = 0; k < ws->n; k++)
			push_word(m, ws->w[k], s, e, brk && k == 0);
	}
	scan(m);
	*nhits = m->nhits;
	return m->hits;
}

/* How many canonical words the last run made. */
size_t
matcher_nwords(const struct matcher *m)
{
	return m->nw;
}

/* The k-th word of the last run (1-based), or NULL. */
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

/* Is there a sentence break before the k-th word of the last run? */
bool
matcher_break(const struct matcher *m, size_t k)
{
	return k >= 1 && k <= m->nw && m->brk[k];
}

/* The k-th word's byte span in the last run's original text. */
void
matcher_span(const struct matcher *m, size_t k, size_t *start, size_t *end)
{
	if (k < 1 || k > m->nw) {
		*start = *end = 0;
		return;
	}
	fold_span(&m->fold, m->ws[k], m->we[k], start, end);
}

