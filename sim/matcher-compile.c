/* matcher-compile: compiling a lexicon: the files' normalise entries, the vocabulary, inflections
 * and stripped forms, slang, phrases and the patterns' slots, and the canonical words of a phrase
 * as the lexicon writes it (matcher_words_of). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "matcher.h"
#include "matcher-int.h"
#include "util.h"

/* The id of a word, giving it one if it has none yet (building only). */
static uint32_t
intern(struct matcher *m, const char *s, size_t n)
{
	void *v = smap_get(&m->ids, s, n);

	if (v != NULL)
		return (uint32_t)(uintptr_t)v;
	GROW(m->vocab, m->capvocab, m->nvocab + 1);
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

/* A copy of s in the matcher's arena, with its length. */
static struct str
make_str(struct matcher *m, const char *s)
{
	struct str r = {arena_strdup(&m->a, s), strlen(s)};
	return r;
}

/* Add an affix to one of the affix lists. */
static void
list_add(struct matcher *m, enum matcher_list which, const char *s)
{
	GROW(m->lists[which], m->caplists[which], m->nlists[which] + 1);
	m->lists[which][m->nlists[which]++] = make_str(m, s);
}

/* Add a prefix that a stripped stem gets back ("nyanyi" -> "sanyi": n- restores s-). */
static void
add_restore(struct matcher *m, const char *prefix, const char *with)
{
	GROW(m->restores, m->caprestores, m->nrestores + 1);
	m->restores[m->nrestores].prefix = make_str(m, prefix);
	m->restores[m->nrestores].with = make_str(m, with);
	m->nrestores++;
}

/* Set the reduplication mark ("2" in "teman2"). */
static void
set_redup(struct matcher *m, const char *mark)
{
	m->redup = make_str(m, mark);
}

/* Make key always read as word (a canonical form). */
static void
add_canon(struct matcher *m, const char *key, const char *word)
{
	struct words *w = arena_alloc(&m->a, sizeof(*w));

	*w = make_words(m, &word, 1);
	smap_put(&m->canon, &m->a, key, strlen(key), w);
}

/* Add a slang entry to one of the three slang tables: key reads as words. */
static void
add_slang(struct matcher *m, enum matcher_slang which, const char *key, const char *const *words,
	      size_t n)
{
	struct words *w = arena_alloc(&m->a, sizeof(*w));

	*w = make_words(m, words, n);
	smap_put(&m->slang[which], &m->a, key, strlen(key), w);
}

/* Add a clitic suffix and the words it stands for ("-mu" -> "kamu"). */
static void
add_clitic(struct matcher *m, const char *suffix, const char *const *words, size_t n)
{
	GROW(m->clitics, m->capclitics, m->nclitics + 1);
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

/* Add a phrase: the words from, once complete, are rewritten as the words to. */
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
	GROW(l->p, l->cap, l->n + 1);
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

/* Start a new pattern; its slots are added after it (see compile_pattern). */
static void
add_pattern(struct matcher *m, bool anchored)
{
	GROW(m->pats, m->cappats, m->npats + 1);
	memset(&m->pats[m->npats], 0, sizeof(*m->pats));
	m->pats[m->npats].anchored = anchored;
	m->npats++;
}

/* ---- compiling a lexicon: the files' entries merged, the vocabulary, slang, phrases, pattern
 * slots ---- */

/* Start the next lexicon file: its normalise entries are numbered by file. */
void
matcher_src_file(struct matcher *m)
{
	m->file++;
}

/* Keep one normalise entry of the current file until matcher_compile(). */
void
matcher_src(struct matcher *m, enum matcher_src kind, const char *key, const char *value)
{
	GROW(m->src, m->capsrc, m->nsrc + 1);
	m->src[m->nsrc].file = m->file;
	m->src[m->nsrc].kind = kind;
	m->src[m->nsrc].key = key ? arena_strdup(&m->a, key) : NULL;
	m->src[m->nsrc].value = value ? arena_strdup(&m->a, value) : NULL;
	if (kind == MATCHER_SRC_INFLECTION && value != NULL) /* inflections are matched lower-cased */
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

/* Lua's %s. */
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

/* Lua's [%w']. */
static bool
is_word_or_quote(unsigned char c)
{
	return is_alnum(c) || c == '\'';
}

/* Lua's [%w@$']. */
static bool
is_ascii_word_byte(unsigned char c)
{
	return is_word_or_quote(c) || c == '@' || c == '$';
}

/* Lua's %S. */
static bool
is_not_space(unsigned char c)
{
	return !is_space(c);
}

/* Lua's [^|]. */
static bool
is_not_bar(unsigned char c)
{
	return c != '|';
}

/* Lua's [\128-\255]: a byte of a non-ASCII character. */
static bool
is_high(unsigned char c)
{
	return c >= 128;
}

/* Append a word to the words_of() answer. */
static void
wo_add(struct matcher *m, size_t *n, const char *s, size_t len)
{
	GROW(m->wo, m->capwo, *n + 1);
	m->wo[*n].s = s;
	m->wo[(*n)++].len = len;
}

/* The canonical words of a phrase as the lexicon writes it (see matcher.h). */
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
		const struct words *ws = matcher_norm(m, low.s + start, l);
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
				const struct words *w = matcher_plain(m, s + q, e - q);
				wo_add(m, n, w->w[0].s, w->w[0].len);
			}
			q = e;
		}
	}
	fold_free(&f);
	return m->wo;
}

/* matcher_collapse(matcher_prep(lower(s))): a pattern prefix's canonical form. */
static void
basic_into(struct matcher *m, struct buf *out, const char *s, size_t n)
{
	struct buf low = {0}, p = {0};

	lower_into(&low, s, n);
	matcher_prep(m, &p, low.s, low.len);
	matcher_collapse(out, p.s, p.len);
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

/* qsort order of clitics: by their suffixes, longer first. */
static int
cmp_clitic(const void *a, const void *b)
{
	return cmp_bylen(&((const struct clitic *)a)->suffix, &((const struct clitic *)b)->suffix);
}

/* qsort order of C strings. */
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
	size_t p = 0, start, l, cap = 8;
	const char **out = xreallocarray(NULL, cap, sizeof(*out));

	*n = 0;
	lower_into(&low, s, strlen(s));
	while (next_run(low.s, low.len, &p, is_not_space, &start, &l)) {
		GROW(out, cap, *n + 1);
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

/* Teach the stemmer a word the lexicon uses. */
static void
add_vocab(struct matcher *m, struct vocab *v, const char *w, size_t n)
{
	struct buf low = {0}, p = {0}, c = {0};
	size_t i;

	if (smap_get(&v->seen, w, n) != NULL)
		return;
	smap_put(&v->seen, &v->a, w, n, "");
	lower_into(&low, w, n);
	matcher_prep(m, &p, low.s, low.len);
	for (i = 0; i < p.len && is_alnum((unsigned char)p.s[i]); i++)
		;
	if (p.len > 0 && i == p.len) {
		matcher_collapse(&c, p.s, p.len);
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

/* Merge the files' normalise entries, affixes longest first. */
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
			matcher_collapse(&root, w, lw - ls);
			if (smap_get(&exact, root.s, root.len) == NULL) {
				for (k = 0; k < m->nlists[MATCHER_SUFFIX_RESTORE]; k++) {
					const struct str *r = &m->lists[MATCHER_SUFFIX_RESTORE][k];
					tmp.len = 0;
					buf_add(&tmp, w, lw - ls);
					buf_add(&tmp, r->s, r->len);
					matcher_collapse(&tmp2, tmp.s, tmp.len);
					if (smap_get(&exact, tmp2.s, tmp2.len) != NULL) {
						matcher_collapse(&root, tmp2.s, tmp2.len);
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
				matcher_collapse(&c, base, lb - ls);
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
				matcher_prep(m, &p, low.s, low.len);
				matcher_collapse(&c, p.s, p.len);
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

/* A pattern part's meaning (docs/detector.md, "The lexicon, for teachers"). */
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

/* A pattern's slots while it is compiled. */
struct slots {
	struct slot *s;
	size_t n, cap;
};

/* A new, zeroed slot at the end. */
static struct slot *
new_slot(struct slots *sl)
{
	GROW(sl->s, sl->cap, sl->n + 1);
	memset(&sl->s[sl->n], 0, sizeof(*sl->s));
	return &sl->s[sl->n++];
}

/* What a space-separated part of a pattern is: a gap "..." or "...N" (max set), a choice "a|b",
 * a prefix "word*" (its canonical form in b), or words (*ws, *nw). */
static enum part_kind
part_kind(struct matcher *m, const char *s, size_t l, int *max, struct buf *b,
	  const struct matcher_str **ws, size_t *nw)
{
	if (l >= 3 && memcmp(s, "...", 3) == 0 && (l == 3 || (l == 4 && is_digit((unsigned char)s[3])))) {
		if (l == 4)
			*max = s[3] - '0';
		return PART_GAP;
	}
	if (memchr(s, '|', l) != NULL)
		return PART_CHOICE;
	if (l > 1 && s[l - 1] == '*') {
		basic_into(m, b, s, l - 1);
		return b->len > 0 ? PART_PREFIX : PART_NOTHING;
	}
	*ws = matcher_words_of(m, s, l, nw);
	return PART_WORDS;
}

/* The words gathered so far, with known phrases rewritten, as word slots. */
static void
word_slots(struct matcher *m, const char **words, size_t nb, const char ***rw, struct slots *sl)
{
	size_t n = nb;
	const char **src = words;

	if (nb > 1) {
		*rw = xrealloc(*rw, (nb * (m->maxto + 1) + 1) * sizeof(**rw));
		n = rewrite(m, words, nb, *rw);
		src = *rw;
	}
	for (size_t i = 0; i < n; i++) {
		struct slot *slot = new_slot(sl);
		slot->kind = SLOT_WORD;
		slot->id = intern(m, src[i], strlen(src[i]));
	}
}

/* A choice "a|b|c" as the set of each alternative's first word; false when none has a word. */
static bool
choice_slot(struct matcher *m, const char *s, size_t l, struct slots *sl)
{
	size_t q = 0, as, al, nset = 0, nw;
	uint32_t *set = xmalloc((l + 1) * sizeof(*set));

	while (next_run(s, l, &q, is_not_bar, &as, &al)) {
		const struct matcher_str *aw = matcher_words_of(m, s + as, al, &nw);
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
		return false;
	}
	struct slot *slot = new_slot(sl);
	slot->kind = SLOT_CHOICE;
	slot->set = set;
	slot->nset = nset;
	return true;
}

/* Compile one pattern (docs/detector.md, "The lexicon, for teachers"); false when it has no words.
 * Words accumulate until a part that is not words, then become word slots (phrases rewritten). */
static bool
compile_pattern(struct matcher *m, const char *text)
{
	bool anchored = text[0] == '^';
	const char *t = anchored ? text + 1 : text;
	size_t tl = strlen(t), p = 0, start, l, nb = 0, capb = 8;
	const char **words = xreallocarray(NULL, capb, sizeof(*words)), **rw = NULL;
	struct slots sl = {0};
	struct buf b = {0};
	bool more = true;

	while (more) {
		enum part_kind kind = PART_NOTHING;
		int max = 4;
		size_t nw = 0;
		const struct matcher_str *ws = NULL;
		more = next_run(t, tl, &p, is_not_space, &start, &l);
		if (more)
			kind = part_kind(m, t + start, l, &max, &b, &ws, &nw);
		if (kind == PART_WORDS) {
			for (size_t i = 0; i < nw; i++) {
				GROW(words, capb, nb + 1);
				words[nb++] = arena_strndup(&m->a, ws[i].s, ws[i].len);
			}
			continue;
		}
		if (nb > 0) {
			word_slots(m, words, nb, &rw, &sl);
			nb = 0;
		}
		if (kind == PART_CHOICE) {
			choice_slot(m, t + start, l, &sl);
		} else if (kind == PART_GAP && sl.n > 0 && sl.s[sl.n - 1].kind != SLOT_GAP) {
			struct slot *slot = new_slot(&sl);   /* (a gap first, or after a gap, is no gap) */
			slot->kind = SLOT_GAP;
			slot->max = max;
		} else if (kind == PART_PREFIX) {
			struct slot *slot = new_slot(&sl);
			slot->kind = SLOT_PREFIX;
			slot->prefix.s = arena_strndup(&m->a, b.s, b.len);
			slot->prefix.len = b.len;
		}
	}
	while (sl.n > 0 && sl.s[sl.n - 1].kind == SLOT_GAP)
		sl.n--;
	free(words);
	free(rw);
	buf_free(&b);
	if (sl.n == 0) {
		free(sl.s);
		return false;
	}
	add_pattern(m, anchored);
	m->pats[m->npats - 1].slots = sl.s;
	m->pats[m->npats - 1].n = sl.n;
	return true;
}

/* Compile the kept normalise entries and the patterns (see matcher.h). */
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

