/* train: the detector's learned model from the labelled corpus, with liblinear (make train).
 *
 *   build/train [-C COST] [--cv K | --holdout TEXT] [--prune W] [--none-shift B] [-o MODEL] ROWS.tsv
 *
 * ROWS.tsv (scripts/train.sh makes it): one message a line,
 *   GROUP <tab> STAGE <tab> CATEGORIES <tab> FEATURES
 * GROUP names the conversation (cross-validation keeps a conversation whole), STAGE is the gold
 * stage, CATEGORIES the gold warning signs ("-" when the corpus line gives only a stage: then the
 * lexicon's categories of that stage, the "x:cat:" features, stand in; with none, the row teaches
 * no category of its stage), FEATURES what `waspada detect --features` printed.
 *
 * One logistic regression per class (the six stages, then the 15 categories), one against the
 * rest. Text features (all but "x:...") are scaled by 1/sqrt(their number) and context features
 * count 1, as sim/model.c does. Features seen in fewer than MIN_COUNT conversations are dropped;
 * weights smaller than --prune (default 0.5) are set to 0 and not written. The same rows give the same model, byte for byte.
 * --cv K: K-fold cross-validation by conversation; prints macro-F1 over the six stage classes and
 * the false alarms on harmless messages, per language, then trains on everything.
 * --holdout TEXT: the same figures for the rows whose group (LANG:FILE:CONVERSATION) contains TEXT,
 * trained on all the others: a batch by one writer measured as if it were new. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linear.h>

#include "model.h"
#include "util.h"

#define MIN_COUNT 2

/* Weights below this are not written: the model stays under 2 MB (docs/detector.md has the
 * measured cost, which cross-validation includes). */
static double prune = 0.5;
static const char *holdout;  /* --holdout TEXT: rows whose group contains it are the test */
/* --none-shift B: added to the "none" class's bias after training, trading recall for fewer false
 * alarms (measured with --holdout on whole batches; docs/detector.md has the choice) */
static double none_shift = 1.5;

static const char *const classes[] = {
	"none", "trust", "isolation", "sexualization", "control", "extortion",
	"flattery", "gifts", "personal-questions", "only-me", "secrecy", "turning-away",
	"going-private", "who-is-around", "romance-body", "photos", "meeting", "guilt",
	"threats-leave", "threats-share", "demands",
};
#define NSTAGES 6
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))
static const int category_stage[NCLASSES] = {
	0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5,
};

struct row {
	uint32_t group;
	bool held;           /* --holdout: a test row, never trained on */
	int lang;            /* 0 id, 1 en */
	int stage;
	bool cat[NCLASSES];  /* gold categories (indices >= NSTAGES) */
	bool cat_known;
	int *f;              /* feature ids (with repeats), -1 ended */
	size_t nf, ntext;
};

/* The feature dictionary: string -> id, with how many groups use it. */
struct dict {
	char **s;
	uint64_t *h;
	size_t *groups;
	uint32_t *last_group;
	size_t n, cap;
	size_t *slots, mask;  /* open addressing: id + 1, 0 empty */
};

static int
class_of(const char *s, size_t n)
{
	for (size_t i = 0; i < NCLASSES; i++)
		if (strlen(classes[i]) == n && memcmp(classes[i], s, n) == 0)
			return (int)i;
	return -1;
}

/* The id of a feature, added when new. */
static int
dict_id(struct dict *d, const char *s, size_t n, uint32_t group)
{
	uint64_t h = model_hash(s, n);
	size_t i;

	if (d->n * 2 >= d->mask) {
		size_t cap = d->mask ? (d->mask + 1) * 2 : 1 << 16;
		free(d->slots);
		d->slots = xcalloc(cap, sizeof(*d->slots));
		d->mask = cap - 1;
		for (size_t k = 0; k < d->n; k++) {
			for (i = d->h[k] & d->mask; d->slots[i] != 0; i = (i + 1) & d->mask)
				;
			d->slots[i] = k + 1;
		}
	}
	for (i = h & d->mask; d->slots[i] != 0; i = (i + 1) & d->mask) {
		size_t k = d->slots[i] - 1;
		if (d->h[k] == h) {
			if (d->last_group[k] != group) {
				d->groups[k]++;
				d->last_group[k] = group;
			}
			return (int)k;
		}
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 4096;
		d->s = xrealloc(d->s, d->cap * sizeof(*d->s));
		d->h = xrealloc(d->h, d->cap * sizeof(*d->h));
		d->groups = xrealloc(d->groups, d->cap * sizeof(*d->groups));
		d->last_group = xrealloc(d->last_group, d->cap * sizeof(*d->last_group));
	}
	d->s[d->n] = xstrndup(s, n);
	d->h[d->n] = h;
	d->groups[d->n] = 1;
	d->last_group[d->n] = group;
	d->slots[i] = d->n + 1;
	return (int)d->n++;
}

/* Read the rows; exits with a message on a malformed line. */
static struct row *
read_rows(const char *path, struct dict *d, size_t *nrows)
{
	FILE *f = fopen(path, "r");
	struct row *rows = NULL;
	size_t n = 0, cap = 0, lineno = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	while ((len = getline(&line, &lcap, f)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		char *tab3 = tab2 ? strchr(tab2 + 1, '\t') : NULL;
		if (tab3 == NULL) {
			fprintf(stderr, "%s:%zu: expected GROUP, STAGE, CATEGORIES and FEATURES\n", path, lineno);
			exit(2);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		struct row *r = &rows[n++];
		memset(r, 0, sizeof(*r));
		r->group = (uint32_t)model_hash(line, (size_t)(tab1 - line));
		*tab1 = '\0';
		r->held = holdout != NULL && strstr(line, holdout) != NULL;
		*tab1 = '\t';
		r->stage = class_of(tab1 + 1, (size_t)(tab2 - tab1 - 1));
		if (r->stage < 0 || r->stage >= NSTAGES) {
			fprintf(stderr, "%s:%zu: unknown stage\n", path, lineno);
			exit(2);
		}
		if (strncmp(tab2 + 1, "-\t", 2) != 0) {
			r->cat_known = true;
			for (char *p = tab2 + 1; p < tab3;) {
				char *e = p;
				while (e < tab3 && *e != ',')
					e++;
				int c = class_of(p, (size_t)(e - p));
				if (c < NSTAGES) {
					fprintf(stderr, "%s:%zu: unknown category '%.*s'\n", path, lineno, (int)(e - p), p);
					exit(2);
				}
				r->cat[c] = true;
				p = e + 1;
			}
		}
		size_t fcap = 64;
		r->f = xmalloc(fcap * sizeof(*r->f));
		bool lex_cat[NCLASSES] = {false};
		for (char *p = tab3 + 1; *p != '\0';) {
			char *e = strchr(p, ' ');
			size_t fl = e ? (size_t)(e - p) : strlen(p);
			if (fl > 0) {
				if (r->nf + 1 >= fcap) {
					fcap *= 2;
					r->f = xrealloc(r->f, fcap * sizeof(*r->f));
				}
				r->f[r->nf++] = dict_id(d, p, fl, r->group);
				if (fl > 2 && p[0] == 'x' && p[1] == ':') {
					if (fl > 6 && memcmp(p, "x:cat:", 6) == 0) {
						int c = class_of(p + 6, fl - 6);
						if (c >= NSTAGES)
							lex_cat[c] = true;
					}
					if (fl > 7 && memcmp(p, "x:lang:", 7) == 0)
						r->lang = memcmp(p + 7, "id", 2) == 0 ? 0 : 1;
				} else {
					r->ntext++;
				}
			}
			p += fl + (e != NULL);
		}
		r->f[r->nf] = -1;
		if (!r->cat_known && r->stage != 0) {
			/* the lexicon's categories of the gold stage stand in for the missing ones */
			for (size_t c = NSTAGES; c < NCLASSES; c++)
				if (lex_cat[c] && category_stage[c] == r->stage) {
					r->cat[c] = true;
					r->cat_known = true;
				}
		}
		if (r->stage == 0)
			r->cat_known = true; /* a harmless message has no sign */
	}
	free(line);
	fclose(f);
	*nrows = n;
	return rows;
}

/* Is row r an example for class c, and with which label? 0: not used. */
static int
label_for(const struct row *r, size_t c)
{
	if (c < NSTAGES)
		return (int)c == r->stage ? 1 : -1;
	if (r->cat[c])
		return 1;
	if (!r->cat_known && category_stage[c] == r->stage)
		return 0; /* a sign of this stage, which one unknown */
	return -1;
}

static struct dict the_dict;

/* liblinear's rows for the kept features: x[i] for every row (text scaled, context 1). */
static struct feature_node **
make_x(const struct row *rows, size_t n, const int *newid, int nfeat)
{
	struct feature_node **x = xmalloc(n * sizeof(*x));
	int *tmp_idx = NULL;
	size_t tcap = 0;

	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		double scale = r->ntext ? 1.0 / sqrt((double)r->ntext) : 0;
		if (r->nf + 2 > tcap) {
			tcap = r->nf + 2;
			tmp_idx = xrealloc(tmp_idx, tcap * sizeof(*tmp_idx));
		}
		size_t m = 0;
		for (size_t k = 0; k < r->nf; k++)
			if (newid[r->f[k]] > 0)
				tmp_idx[m++] = r->f[k];
		/* sort ids, merge repeats */
		for (size_t a = 1; a < m; a++)
			for (size_t b = a; b > 0 && newid[tmp_idx[b - 1]] > newid[tmp_idx[b]]; b--) {
				int t = tmp_idx[b];
				tmp_idx[b] = tmp_idx[b - 1];
				tmp_idx[b - 1] = t;
			}
		x[i] = xmalloc((m + 2) * sizeof(**x));
		size_t o = 0;
		for (size_t k = 0; k < m; k++) {
			const char *s = the_dict.s[tmp_idx[k]];
			double v = (s[0] == 'x' && s[1] == ':') ? 1.0 : scale;
			if (o > 0 && x[i][o - 1].index == newid[tmp_idx[k]])
				x[i][o - 1].value += v;
			else
				x[i][o++] = (struct feature_node){newid[tmp_idx[k]], v};
		}
		x[i][o++] = (struct feature_node){nfeat + 1, 1.0}; /* the bias */
		x[i][o] = (struct feature_node){-1, 0};
	}
	free(tmp_idx);
	return x;
}

/* A weight as sim/model.c keeps it: a whole number of 1/2048, within +-16. */
static long
quantise(double w)
{
	w = w > 15.999 ? 15.999 : w < -15.999 ? -15.999 : w;
	return lrint(w * 2048);
}

/* qsort order of dictionary entries by key. */
static int
cmp_key(const void *a, const void *b)
{
	uint64_t x = the_dict.h[*(const size_t *)a], y = the_dict.h[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

/* Silence liblinear's progress dots. */
static void
quiet(const char *s)
{
	(void)s;
}

/* Train class c on the rows whose fold is not `skip` (-1: all); w gets nfeat + 1 weights. */
static void
train_class(const struct row *rows, struct feature_node **x, size_t n, int nfeat, size_t c, double C,
	    int folds, int skip, double *w)
{
	struct problem prob = {0};
	struct parameter par = {0};
	size_t i, m = 0;

	prob.y = xmalloc(n * sizeof(*prob.y));
	prob.x = xmalloc(n * sizeof(*prob.x));
	for (i = 0; i < n; i++) {
		int y = label_for(&rows[i], c);
		if (y == 0 || rows[i].held || (skip >= 0 && (int)(rows[i].group % (uint32_t)folds) == skip))
			continue;
		prob.y[m] = y;
		prob.x[m++] = x[i];
	}
	prob.l = (int)m;
	prob.n = nfeat + 1;
	prob.bias = -1; /* the bias is the last feature of every row already */
	par.solver_type = L2R_LR;
	par.eps = 0.01;
	par.C = C;
	memset(w, 0, (size_t)(nfeat + 1) * sizeof(*w));
	bool pos = false, neg = false;
	for (i = 0; i < m; i++) {
		if (prob.y[i] > 0)
			pos = true;
		else
			neg = true;
	}
	if (!pos || !neg) { /* nothing to tell apart: a bias that says "never" or "always" */
		w[nfeat] = pos ? 4 : -4;
	} else {
		struct model *mdl = train(&prob, &par);
		int first = mdl->label[0];
		for (int k = 0; k <= nfeat; k++) {
			w[k] = first == 1 ? mdl->w[k] : -mdl->w[k];
			if (k < nfeat && fabs(w[k]) < prune)
				w[k] = 0;
		}
		free_and_destroy_model(&mdl);
	}
	if (c == 0)
		w[nfeat] += none_shift;
	free(prob.y);
	free(prob.x);
}

/* Probabilities of every class for row x, as sim/model.c computes them. */
static void
predict_row(double *const *W, const struct feature_node *x, int nfeat, double *prob)
{
	double sum = 0;

	for (size_t c = 0; c < NCLASSES; c++) {
		double s = 0;
		for (const struct feature_node *f = x; f->index != -1; f++)
			s += W[c][f->index - 1] * f->value;
		prob[c] = 1.0 / (1.0 + exp(-s));
		if (c < NSTAGES)
			sum += prob[c];
	}
	for (size_t c = 0; c < NSTAGES; c++)
		prob[c] /= sum;
	(void)nfeat;
}

int
main(int argc, char **argv)
{
	const char *out = NULL, *in = NULL;
	double C = 30.0;
	int folds = 0;
	size_t n, i, c;

	for (int a = 1; a < argc; a++) {
		if (strcmp(argv[a], "-C") == 0 && a + 1 < argc)
			C = atof(argv[++a]);
		else if (strcmp(argv[a], "--cv") == 0 && a + 1 < argc)
			folds = atoi(argv[++a]);
		else if (strcmp(argv[a], "--none-shift") == 0 && a + 1 < argc)
			none_shift = atof(argv[++a]);
		else if (strcmp(argv[a], "--holdout") == 0 && a + 1 < argc)
			holdout = argv[++a];
		else if (strcmp(argv[a], "--prune") == 0 && a + 1 < argc)
			prune = atof(argv[++a]);
		else if (strcmp(argv[a], "-o") == 0 && a + 1 < argc)
			out = argv[++a];
		else
			in = argv[a];
	}
	if (in == NULL || C <= 0) {
		fprintf(stderr, "usage: train [-C COST] [--cv K] [-o MODEL] ROWS.tsv\n");
		return 2;
	}
	set_print_string_function(quiet);
	struct row *rows = read_rows(in, &the_dict, &n);
	/* keep features seen in at least MIN_COUNT conversations, numbered from 1 in dictionary order */
	int *newid = xcalloc(the_dict.n + 1, sizeof(*newid)), nfeat = 0;
	for (i = 0; i < the_dict.n; i++)
		if (the_dict.groups[i] >= MIN_COUNT)
			newid[i] = ++nfeat;
	struct feature_node **x = make_x(rows, n, newid, nfeat);
	double *W[NCLASSES];
	for (c = 0; c < NCLASSES; c++)
		W[c] = xmalloc((size_t)(nfeat + 1) * sizeof(*W[c]));
	fprintf(stderr, "train: %zu messages, %d features of %zu (in %d+ conversations), C=%g\n", n, nfeat,
		the_dict.n, MIN_COUNT, C);

	if (folds > 1 || holdout != NULL) {
		/* confusion over the six stage classes, per language, on rows never trained on */
		size_t conf[2][NSTAGES][NSTAGES] = {{{0}}};
		double prob[NCLASSES];
		int rounds = holdout != NULL ? 1 : folds;
		for (int k = 0; k < rounds; k++) {
			for (c = 0; c < NCLASSES; c++)
				train_class(rows, x, n, nfeat, c, C, folds, holdout != NULL ? -1 : k, W[c]);
			for (i = 0; i < n; i++) {
				bool test = holdout != NULL ? rows[i].held : (int)(rows[i].group % (uint32_t)folds) == k;
				if (!test)
					continue;
				predict_row(W, x[i], nfeat, prob);
				size_t best = 0;
				for (c = 1; c < NSTAGES; c++)
					if (prob[c] > prob[best])
						best = c;
				conf[rows[i].lang][rows[i].stage][best]++;
			}
		}
		for (int l = 1; l >= 0; l--) {
			double f1sum = 0;
			size_t benign = 0, alarms = 0, all = 0;
			for (c = 0; c < NSTAGES; c++) {
				size_t tp = conf[l][c][c], fp = 0, fn = 0;
				for (size_t o = 0; o < NSTAGES; o++) {
					all += conf[l][c][o];
					if (o != c) {
						fp += conf[l][o][c];
						fn += conf[l][c][o];
					}
				}
				f1sum += tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0;
			}
			if (all == 0)
				continue;
			for (c = 0; c < NSTAGES; c++)
				benign += conf[l][0][c];
			alarms = benign - conf[l][0][0];
			printf("%s: %s: macro-F1 %.3f, harmless flagged %.1f %% (%zu of %zu)\n", l ? "en" : "id",
			       holdout != NULL ? holdout : "cross-validation by conversation", f1sum / NSTAGES,
			       benign ? 100.0 * alarms / benign : 0, alarms, benign);
		}
	}
	if (out == NULL)
		return 0;
	for (c = 0; c < NCLASSES; c++)
		train_class(rows, x, n, nfeat, c, C, 0, -1, W[c]);
	FILE *f = fopen(out, "w");
	if (f == NULL) {
		perror(out);
		return 2;
	}
	/* the features that keep a weight, written in ascending key order (sim/model.c searches them) */
	size_t kept = 0, pairs = 0, *order = xmalloc((the_dict.n + 1) * sizeof(*order));
	for (i = 0; i < the_dict.n; i++) {
		if (newid[i] == 0)
			continue;
		size_t np = 0;
		for (c = 0; c < NCLASSES; c++)
			np += W[c][newid[i] - 1] != 0;
		if (np > 0) {
			order[kept++] = i;
			pairs += np;
		}
	}
	qsort(order, kept, sizeof(*order), cmp_key);
	fprintf(f, "waspada-model 2\n# made by `make train` (scripts/train.c) from tests/corpus; do not edit\n");
	fprintf(f, "classes");
	for (c = 0; c < NCLASSES; c++)
		fprintf(f, " %s", classes[c]);
	fprintf(f, "\nstages %d\nfeatures %zu pairs %zu\nbias", NSTAGES, kept, pairs);
	for (c = 0; c < NCLASSES; c++)
		fprintf(f, " %.4g", W[c][nfeat]);
	fprintf(f, "\n");
	for (size_t k = 0; k < kept; k++) {
		i = order[k];
		fprintf(f, "f %016llx", (unsigned long long)the_dict.h[i]);
		for (c = 0; c < NCLASSES; c++)
			if (W[c][newid[i] - 1] != 0)
				fprintf(f, " %zu:%ld", c, quantise(W[c][newid[i] - 1]));
		fprintf(f, "\n");
	}
	free(order);
	if (fclose(f) != 0) {
		perror(out);
		return 2;
	}
	fprintf(stderr, "train: wrote %s (%zu features)\n", out, kept);
	return 0;
}
