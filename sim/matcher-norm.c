/* matcher-norm: normalising one chat token into canonical words (leetspeak, repeated letters,
 * slang, affixes, clitics, reduplication), remembered per token. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "matcher.h"
#include "matcher-int.h"
#include "util.h"

static const struct words EMPTY;

/* ---- normalising one token: prep, collapse, candidates, resolve ---- */

/* Runs of one letter become one letter ("pleaseee" -> "plese"); digits stay. */
void
matcher_collapse(struct buf *out, const char *s, size_t n)
{
	size_t i;

	out->len = 0;
	buf_add(out, "", 0);
	for (i = 0; i < n; i++)
		if (!(is_alpha((unsigned char)s[i]) && out->len > 0 && out->s[out->len - 1] == s[i]))
			buf_add(out, s + i, 1);
}

/* Apostrophes dropped, leetspeak undone inside words ("s3cr3t"), not in numbers ("13yo"). */
void
matcher_prep(const struct matcher *m, struct buf *out, const char *s, size_t n)
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
struct words *
matcher_plain(struct matcher *m, const char *s, size_t n)
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

/* Canonical words of one lower-cased token: slang, then the likeliest stem the lexicon knows. */
static const struct words *
resolve(struct matcher *m, const char *tok, size_t n)
{
	struct buf *t = &m->t, *tp = &m->tp, *tc = &m->tc;
	const struct words *r;
	size_t i, pass;

	if ((unsigned char)tok[0] >= 128) /* emoji and other non-ASCII characters stay as they are */
		return matcher_plain(m, tok, n);
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
	matcher_prep(m, tp, t->s, t->len);
	matcher_collapse(tc, tp->s, tp->len);
	if ((r = smap_get(&m->slang[MATCHER_SLANG_EXACT], tp->s, tp->len)) != NULL ||
	    (r = smap_get(&m->slang[MATCHER_SLANG], tc->s, tc->len)) != NULL ||
	    (r = smap_get(&m->canon, tc->s, tc->len)) != NULL)
		return r;
	if (tc->len == 0)
		return &EMPTY;
	for (i = 0; i < tc->len && is_digit((unsigned char)tc->s[i]); i++)
		;
	if (i == tc->len)
		return matcher_plain(m, tc->s, tc->len);
	/* a possessive clitic becomes its own word ("fotomu" -> "foto kamu") when the rest is known */
	for (i = 0; i < m->nclitics; i++) {
		const struct clitic *cl = &m->clitics[i];
		if (tp->len >= cl->suffix.len + 2 && ends_with(tp->s, tp->len, &cl->suffix)) {
			size_t bl = tp->len - cl->suffix.len;
			matcher_collapse(&m->tmp, tp->s, bl);
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
			matcher_collapse(&m->tmp, strs_at(&m->cand, i), m->cand.len[i]);
			/* a slang word only as a stem of 4+ letters ("dinda" is not "di" + "nda") */
			if ((r = smap_get(&m->canon, m->tmp.s, m->tmp.len)) != NULL ||
			    (m->tmp.len >= 4 && (r = smap_get(&m->slang[MATCHER_SLANG], m->tmp.s, m->tmp.len)) != NULL))
				return r;
		}
	}
	return matcher_plain(m, tc->s, tc->len);
}

/* resolve(), remembered per token. */
const struct words *
matcher_norm(struct matcher *m, const char *tok, size_t n)
{
	const struct words *r = smap_get(&m->cache, tok, n);

	if (r == NULL) {
		r = resolve(m, tok, n);
		smap_put(&m->cache, &m->cache_a, tok, n, (void *)r);
	}
	return r;
}

