/* model: features of a message and a sparse linear model over them (see model.h). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define MODEL_MAX_CLASSES 32
#define MODEL_MAX_FILE (16u << 20)   /* a model is about 1 MB; refuse what cannot be one */
#define NGRAM_MIN 3                  /* pieces of words: "<sec", "ecr", ... (robust to typos and affixes) */
#define NGRAM_MAX 4
#define NGRAM_WORD_MAX 24            /* longer "words" (a pasted link) give no pieces */

/* Weights are whole numbers of 1/2048 in the file and in memory (16 bits): the same verdicts as
 * floats (a weight's error is at most 0.00025) in half the memory; training gives |w| of at most
 * about 8, and scripts/train.c clips at 16. */
#define WEIGHT_SCALE 2048.0
#define BUCKET_BITS 12               /* 4096 buckets of the sorted keys: about 8 keys each */
#define CACHE_SIZE 2048              /* words whose features' weights are kept summed */

/* A word's features (word_features) summed per class: chat repeats its words, and a word's ten or
 * so features are looked up once instead of every time it comes. */
struct word_sum {
	uint64_t key;                /* model_hash of the word; 0: empty */
	uint32_t nfeat;              /* how many text features the word gives */
	float sum[MODEL_MAX_CLASSES];
};

struct model {
	char *names[MODEL_MAX_CLASSES];
	size_t nclasses, nstages;    /* the first nstages classes are normalised together */
	double bias[MODEL_MAX_CLASSES];
	uint64_t *hash;              /* the features' keys, ascending (the file is written so) */
	uint32_t *off;               /* feature i's weights: pool [off[i], off[i + 1]) */
	uint32_t bucket[(1u << BUCKET_BITS) + 1]; /* keys with top bits b: [bucket[b], bucket[b + 1]) */
	size_t nfeat, capfeat;
	uint8_t *cls;                /* the pool: class and weight of each (feature, class) pair */
	int16_t *w;
	size_t npool, cappool;
	double *push;                /* model_evidence()'s scratch: each word's push, k = 1..n */
	struct word_sum *cache;      /* each word's features summed, by the word's key (direct-mapped) */
	size_t cappush;
};

/* The 64-bit FNV-1a key of a feature's text (see model.h). */
uint64_t
model_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;

	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return h ? h : 1;
}

/* The index of a feature's key, or nfeat when the model has no weight for it: the key's top bits
 * pick a bucket of the sorted keys, then a binary search within it. */
static size_t
find(const struct model *md, uint64_t h)
{
	size_t b = (size_t)(h >> (64 - BUCKET_BITS)), lo = md->bucket[b], hi = md->bucket[b + 1];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (md->hash[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < md->nfeat && md->hash[lo] == h ? lo : md->nfeat;
}

/* Parse "f HASH c:w c:w ..." (w in 1/2048; keys ascending, pairs within the announced count); false when
 * malformed. */
/* Read a hexadecimal number of at most 16 digits at *p; false if there is none. By hand: strtoull
 * (and strtoul) were most of loading a model's 170,000 numbers. */
static bool
read_hex(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int n = 0;

	for (;; s++, n++) {
		unsigned d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else
			break;
		if (n == 16)
			return false;
		x = x << 4 | d;
	}
	*p = s;
	*v = x;
	return n > 0;
}

/* Read a decimal number, optionally negative, of at most 9 digits at *p; false if there is none. */
static bool
read_dec(const char **p, long *v)
{
	const char *s = *p;
	bool neg = *s == '-';
	long x = 0;
	int n = 0;

	if (neg)
		s++;
	for (; *s >= '0' && *s <= '9'; s++, n++) {
		if (n == 9)
			return false;
		x = x * 10 + (*s - '0');
	}
	*p = s;
	*v = neg ? -x : x;
	return n > 0;
}

/* Parse "KEY C:W C:W ..." (a feature's key in hex and its weights per class) into the model. */
static bool
parse_feature(struct model *md, const char *p)
{
	uint64_t h;
	long c, w;

	if (!read_hex(&p, &h) || h == 0 || md->nfeat == md->capfeat ||
	    (md->nfeat > 0 && h <= md->hash[md->nfeat - 1]))
		return false;
	md->hash[md->nfeat] = h;
	md->off[md->nfeat] = (uint32_t)md->npool;
	while (*p == ' ') {
		p++;
		if (!read_dec(&p, &c) || *p != ':' || c < 0 || (size_t)c >= md->nclasses ||
		    md->npool == md->cappool)
			return false;
		p++;
		if (!read_dec(&p, &w) || w < INT16_MIN || w > INT16_MAX)
			return false;
		md->cls[md->npool] = (uint8_t)c;
		md->w[md->npool++] = (int16_t)w;
	}
	md->off[++md->nfeat] = (uint32_t)md->npool;
	return *p == '\0' || *p == '\n';
}

/* Read a model file (see model.h). */
struct model *
model_load(const char *path, char **err)
{
	FILE *f = fopen(path, "r");
	char line[8192];
	size_t lineno = 0;
	struct model *md;
	long size;

	*err = NULL;
	if (f == NULL) {
		/* no model at all is allowed (the lexicon decides alone); *err stays NULL for it */
		if (errno != ENOENT)
			*err = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || (unsigned long)size > MODEL_MAX_FILE ||
	    fseek(f, 0, SEEK_SET) != 0) {
		*err = xasprintf("%s: not a model file (too large or unreadable)", path);
		fclose(f);
		return NULL;
	}
	md = xcalloc(1, sizeof(*md));
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		char *p = line;
		if (strchr(line, '\n') == NULL && !feof(f))
			goto bad;
		if (lineno == 1) {
			if (strncmp(line, "waspada-model 2", 15) != 0)
				goto bad;
		} else if (strncmp(p, "classes ", 8) == 0 && md->nclasses == 0) {
			for (char *t = strtok(p + 8, " \n"); t != NULL; t = strtok(NULL, " \n")) {
				if (md->nclasses == MODEL_MAX_CLASSES)
					goto bad;
				md->names[md->nclasses++] = xstrdup(t);
			}
		} else if (strncmp(p, "stages ", 7) == 0) {
			md->nstages = strtoul(p + 7, NULL, 10);
		} else if (strncmp(p, "features ", 9) == 0 && md->hash == NULL) {
			/* "features N pairs M": sizes known first, so nothing grows while loading */
			char *q;
			md->capfeat = strtoul(p + 9, &q, 10);
			if (strncmp(q, " pairs ", 7) != 0)
				goto bad;
			md->cappool = strtoul(q + 7, NULL, 10);
			if (md->capfeat > MODEL_MAX_FILE / 8 || md->cappool > MODEL_MAX_FILE / 2)
				goto bad;
			md->hash = xmalloc((md->capfeat + 1) * sizeof(*md->hash));
			md->off = xcalloc(md->capfeat + 1, sizeof(*md->off));
			md->cls = xmalloc(md->cappool + 1);
			md->w = xmalloc((md->cappool + 1) * sizeof(*md->w));
		} else if (strncmp(p, "bias ", 5) == 0) {
			p += 5;
			for (size_t i = 0; i < md->nclasses; i++) {
				char *end;
				md->bias[i] = strtod(p, &end);
				if (end == p)
					goto bad;
				p = end;
			}
		} else if (strncmp(p, "f ", 2) == 0 && md->hash != NULL) {
			if (!parse_feature(md, p + 2))
				goto bad;
		} else if (line[0] != '#' && line[0] != '\n') {
			goto bad;
		}
	}
	fclose(f);
	if (md->hash != NULL) {
		size_t k = 0;
		for (size_t b = 0; b <= (1u << BUCKET_BITS); b++) {
			while (k < md->nfeat && (size_t)(md->hash[k] >> (64 - BUCKET_BITS)) < b)
				k++;
			md->bucket[b] = (uint32_t)k;
		}
		md->bucket[1u << BUCKET_BITS] = (uint32_t)md->nfeat;
	}
	if (md->nclasses == 0 || md->hash == NULL || md->nstages > md->nclasses) {
		*err = xasprintf("%s: not a model file (no classes or features)", path);
		model_free(md);
		return NULL;
	}
	return md;
bad:
	*err = xasprintf("%s:%zu: not a model file (run `make train`)", path, lineno);
	fclose(f);
	model_free(md);
	return NULL;
}

/* Free a model. */
void
model_free(struct model *md)
{
	if (md == NULL)
		return;
	for (size_t i = 0; i < md->nclasses; i++)
		free(md->names[i]);
	free(md->hash);
	free(md->off);
	free(md->cls);
	free(md->w);
	free(md->push);
	free(md->cache);
	free(md);
}

/* How many classes the model has. */
size_t
model_nclasses(const struct model *md)
{
	return md->nclasses;
}

/* The name of class i. */
const char *
model_class(const struct model *md, size_t i)
{
	return i < md->nclasses ? md->names[i] : NULL;
}

/* Whether the model has weights for a feature. */
bool
model_knows(const struct model *md, const char *feature)
{
	return find(md, model_hash(feature, strlen(feature))) < md->nfeat;
}

/* Calls back with the features of one word (the k-th): "w:WORD", then "c:PIECE" for pieces of 3-4
 * characters of "<word>" (letters only). */
static void
word_features(const char *w, size_t len, size_t k,
	      void (*fn)(void *arg, const char *f, size_t n, size_t k, size_t k2), void *arg)
{
	char tmp[128];

	memcpy(tmp, "w:", 2);
	memcpy(tmp + 2, w, len);
	fn(arg, tmp, len + 2, k, 0);
	bool letters = len >= 2 && len <= NGRAM_WORD_MAX;
	for (size_t i = 0; i < len && letters; i++)
		letters = (w[i] >= 'a' && w[i] <= 'z');
	if (!letters)
		return;
	char padded[NGRAM_WORD_MAX + 3];
	padded[0] = '<';
	memcpy(padded + 1, w, len);
	padded[len + 1] = '>';
	size_t pl = len + 2;
	memcpy(tmp, "c:", 2);
	for (size_t g = NGRAM_MIN; g <= NGRAM_MAX; g++)
		for (size_t i = 0; i + g <= pl; i++) {
			if (g == pl)
				continue; /* the whole "<word>" is the word feature already */
			memcpy(tmp + 2, padded + i, g);
			fn(arg, tmp, g + 2, k, 0);
		}
}

/* Calls back with the feature "b:PREV_WORD" of a pair of words (the (k-1)-th and k-th). */
static void
pair_feature(const char *prev, size_t plen, const char *w, size_t len, size_t k,
	     void (*fn)(void *arg, const char *f, size_t n, size_t k, size_t k2), void *arg)
{
	char tmp[128];

	memcpy(tmp, "b:", 2);
	memcpy(tmp + 2, prev, plen);
	tmp[2 + plen] = '_';
	memcpy(tmp + 3 + plen, w, len);
	fn(arg, tmp, plen + len + 3, k - 1, k);
}

/* Calls back with each feature of a message and the word (1-based; 0: none) it belongs to: each
 * word's (word_features), each pair's not across a sentence break (pair_feature, counted for
 * both words), then the context. */
static void
each_feature(const struct matcher *mt, const char *const *ctx, size_t nctx,
	     void (*fn)(void *arg, const char *f, size_t n, size_t k, size_t k2), void *arg)
{
	size_t n = matcher_nwords(mt), k, len, plen = 0;
	const char *prev = NULL;

	for (k = 1; k <= n; k++) {
		const char *w = matcher_word(mt, k, &len);
		if (w == NULL || len == 0 || len > 60)
			continue;
		word_features(w, len, k, fn, arg);
		if (prev != NULL && !matcher_break(mt, k))
			pair_feature(prev, plen, w, len, k, fn, arg);
		prev = w;
		plen = len;
	}
	for (size_t i = 0; i < nctx; i++)
		fn(arg, ctx[i], strlen(ctx[i]), 0, 0);
}

/* each_feature() callback for model_features(): "f1 f2 ...", spaces inside a feature made "_". */
static void
add_text(void *arg, const char *f, size_t n, size_t k, size_t k2)
{
	struct buf *out = arg;

	if (out->len > 0)
		buf_add(out, " ", 1);
	for (size_t i = 0; i < n; i++) {
		char c = f[i] == ' ' || f[i] == '\t' || f[i] == '\n' ? '_' : f[i];
		buf_add(out, &c, 1);
	}
}

/* The features of the matcher's last message and the context, as text (for make train). */
void
model_features(const struct matcher *mt, const char *const *ctx, size_t nctx, struct buf *out)
{
	out->len = 0;
	buf_add(out, "", 0);
	each_feature(mt, ctx, nctx, add_text, out);
}

/* State of one scoring: the text's features are scaled by 1/sqrt(their number), so a long
 * message does not outweigh a short one; the context's count as they are (scripts/train.c
 * does the same). With push set, only class cls is summed, per word (model_evidence). */
struct scoring {
	const struct model *md;
	double *text, *ctx;
	size_t ntext;
	double *push;
	size_t cls;
};

/* each_feature() callback for model_score() and model_evidence(): add the feature's weights. */
static void
add_weights(void *arg, const char *f, size_t n, size_t k, size_t k2)
{
	struct scoring *s = arg;
	const struct model *md = s->md;
	size_t i;

	bool text = !(n > 2 && f[0] == 'x' && f[1] == ':');
	if (text)
		s->ntext++;
	if (s->push != NULL && k == 0)
		return; /* evidence: only the message's own words */
	/* the key of the same text as model_features() writes (spaces become "_"), without a copy */
	uint64_t h = 14695981039346656037ull;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)f[i];
		h ^= c == ' ' || c == '\t' || c == '\n' ? '_' : c;
		h *= 1099511628211ull;
	}
	size_t at = find(md, h ? h : 1);
	if (at == md->nfeat)
		return;
	for (i = md->off[at]; i < md->off[at + 1]; i++) {
		uint8_t c = md->cls[i];
		double w = md->w[i] / WEIGHT_SCALE;
		if (s->push == NULL) {
			(text ? s->text : s->ctx)[c] += w;
		} else if (c == s->cls) {
			double share = k2 > 0 ? w / 2 : w;
			s->push[k] += share;
			if (k2 > 0)
				s->push[k2] += share;
		}
	}
}

/* The summed weights of one word's features, from the cache or worked out now. */
static const struct word_sum *
word_sum(struct model *md, const char *w, size_t len)
{
	uint64_t key = model_hash(w, len);
	struct word_sum *e;

	if (md->cache == NULL)
		md->cache = xcalloc(CACHE_SIZE, sizeof(*md->cache));
	e = &md->cache[key & (CACHE_SIZE - 1)];
	if (e->key != key) {
		double text[MODEL_MAX_CLASSES] = {0}, ctxw[MODEL_MAX_CLASSES] = {0};
		struct scoring s = {md, text, ctxw, 0, NULL, 0};
		word_features(w, len, 0, add_weights, &s);
		e->key = key;
		e->nfeat = (uint32_t)s.ntext;
		for (size_t i = 0; i < md->nclasses; i++)
			e->sum[i] = (float)text[i];
	}
	return e;
}

/* Each class's probability for the matcher's last message and the context (see model.h). */
void
model_score(struct model *md, const struct matcher *mt, const char *const *ctx, size_t nctx, double *prob)
{
	double score[MODEL_MAX_CLASSES], text[MODEL_MAX_CLASSES] = {0}, ctxw[MODEL_MAX_CLASSES] = {0};
	struct scoring s = {md, text, ctxw, 0, NULL, 0};
	size_t i, k, len, plen = 0, n = matcher_nwords(mt), sum_n = md->nstages;
	const char *prev = NULL;

	/* what each_feature() gives, with each word's own features summed once (word_sum) */
	for (k = 1; k <= n; k++) {
		const char *w = matcher_word(mt, k, &len);
		if (w == NULL || len == 0 || len > 60)
			continue;
		const struct word_sum *e = word_sum(md, w, len);
		s.ntext += e->nfeat;
		for (i = 0; i < md->nclasses; i++)
			text[i] += e->sum[i];
		if (prev != NULL && !matcher_break(mt, k))
			pair_feature(prev, plen, w, len, k, add_weights, &s);
		prev = w;
		plen = len;
	}
	for (i = 0; i < nctx; i++)
		add_weights(&s, ctx[i], strlen(ctx[i]), 0, 0);
	double scale = s.ntext > 0 ? 1.0 / sqrt((double)s.ntext) : 0;
	for (i = 0; i < md->nclasses; i++)
		score[i] = md->bias[i] + text[i] * scale + ctxw[i];
	double sum = 0;
	for (i = 0; i < md->nclasses; i++) {
		prob[i] = 1.0 / (1.0 + exp(-score[i]));
		if (i < sum_n)
			sum += prob[i];
	}
	for (i = 0; i < sum_n && sum > 0; i++)
		prob[i] /= sum;
}

/* The words that pushed class cls most (see model.h). */
size_t
model_evidence(struct model *md, const struct matcher *mt, size_t cls, size_t *words, size_t max)
{
	size_t got = 0, k, i, n = matcher_nwords(mt);
	double top = 0;

	if (cls >= md->nclasses)
		return 0;
	/* each word's push towards the class, worked out only now: most messages never need it */
	GROW(md->push, md->cappush, n + 1);
	memset(md->push, 0, (n + 1) * sizeof(*md->push));
	/* a word's own features from the cache model_score() filled; its pairs worked out now */
	struct scoring s = {md, NULL, NULL, 0, md->push, cls};
	size_t len, plen = 0;
	const char *prev = NULL;
	for (k = 1; k <= n; k++) {
		const char *w = matcher_word(mt, k, &len);
		if (w == NULL || len == 0 || len > 60)
			continue;
		md->push[k] += word_sum(md, w, len)->sum[cls];
		if (prev != NULL && !matcher_break(mt, k))
			pair_feature(prev, plen, w, len, k, add_weights, &s);
		prev = w;
		plen = len;
	}
	for (k = 1; k <= n; k++)
		if (md->push[k] > top)
			top = md->push[k];
	if (top <= 0)
		return 0;
	/* the words that pushed hardest (each at least a third of the strongest word's push), the
	 * strongest first: an insertion into a short list */
	for (k = 1; k <= n; k++) {
		double p = md->push[k];
		if (p < top / 3)
			continue;
		for (i = got; i > 0 && md->push[words[i - 1]] < p; i--)
			if (i < max)
				words[i] = words[i - 1];
		if (i < max) {
			words[i] = k;
			if (got < max)
				got++;
		}
	}
	return got;
}
