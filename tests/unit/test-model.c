/* Unit tests of the detector's learned half: how characters are folded (fold.c), and a tiny model
 * read, scored and explained (model.c), including the files it must refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fold.h"
#include "matcher.h"
#include "model.h"

/* The folded form of a text. */
static const char *
folded(struct fold *f, const char *s)
{
	fold_text(f, s, strlen(s));
	return f->s;
}

/* Curly quotes, full-width and mathematical letters, small capitals, invisible characters. */
static void
test_fold(void **state)
{
	struct fold f = {0};
	size_t s, e;

	(void)state;
	assert_string_equal(folded(&f, "Don\u2019t"), "don't");
	assert_string_equal(folded(&f, "\uFF24\uFF2F\uFF2E\uFF34"), "dont");
	assert_string_equal(folded(&f, "\U0001D41D\U0001D428\U0001D427\U0001D42D"), "dont");
	assert_string_equal(folded(&f, "\u1D05\u1D0F\u0274\u1D1B"), "dont");
	assert_string_equal(folded(&f, "do\u200Bnt\u202E"), "dont");
	assert_string_equal(folded(&f, "caf\u00E9"), "cafe");
	/* the span of "dont" in the full-width text is the whole 12 bytes */
	folded(&f, "\uFF24\uFF2F\uFF2E\uFF34!");
	fold_span(&f, 0, 4, &s, &e);
	assert_int_equal(s, 0);
	assert_int_equal(e, 12);
	/* bytes that are not UTF-8 pass through */
	assert_string_equal(folded(&f, "a\xffZ"), "a\xffz");
	fold_free(&f);
}

/* A model file in a temporary place. */
static char *
write_model(const char *text)
{
	static char path[] = "/tmp/waspada-test-model-XXXXXX";
	strcpy(path, "/tmp/waspada-test-model-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* A line of the file for one feature: its key and "class:weight" pairs (weights in 1/2048). */
static void
feature_line(char *out, size_t n, const char *feature, const char *pairs)
{
	snprintf(out, n, "f %016llx %s\n", (unsigned long long)model_hash(feature, strlen(feature)), pairs);
}

/* Two classes; "w:secret" pushes class 1 and the context feature "x:q" pushes class 0. */
static void
test_score_and_evidence(void **state)
{
	struct matcher *m = matcher_new();
	const char *pats[] = {"secret"};
	size_t index[1], nhits, words[4];
	char a[128], b[128], text[512];
	char *err = NULL;
	double prob[2];

	(void)state;
	matcher_compile(m, pats, 1, index);
	feature_line(a, sizeof a, "w:secret", "1:30000");
	feature_line(b, sizeof b, "x:q", "0:4096");
	/* keys must come in ascending order */
	if (model_hash("w:secret", 8) < model_hash("x:q", 3))
		snprintf(text, sizeof text, "waspada-model 2\nclasses none secrecy\nstages 1\nfeatures 2 pairs 2\nbias 0 0\n%s%s", a, b);
	else
		snprintf(text, sizeof text, "waspada-model 2\nclasses none secrecy\nstages 1\nfeatures 2 pairs 2\nbias 0 0\n%s%s", b, a);
	char *path = write_model(text);
	struct model *md = model_load(path, &err);
	unlink(path);
	assert_non_null(md);
	assert_null(err);
	assert_true(model_knows(md, "x:q"));
	assert_false(model_knows(md, "x:nothing"));
	matcher_run(m, "it is our secret ok", 19, &nhits);
	model_score(md, m, NULL, 0, prob);
	assert_true(prob[1] > 0.9);   /* 14.6 / sqrt(31 text features) = 2.6 */
	assert_int_equal(model_evidence(md, m, 1, words, 4), 1);
	assert_int_equal(words[0], 4); /* "secret" is the 4th word */
	const char *ctx[] = {"x:q"};
	model_score(md, m, ctx, 1, prob);
	assert_true(prob[0] > 0.99); /* the only stage class: normalised to 1 */
	model_free(md);
	matcher_free(m);
}

/* Files that are not models: each refused with its line, none crashes. */
static void
test_refused(void **state)
{
	static const char *bad[] = {
		"",
		"waspada-model 1\n",
		"waspada-model 2\nclasses none\nstages 1\nfeatures 1 pairs 1\nbias 0\nf zz 0:1\n",
		"waspada-model 2\nclasses none\nstages 1\nfeatures 1 pairs 1\nbias 0\nf 0000000000000002 5:1\n",
		"waspada-model 2\nclasses none\nstages 1\nfeatures 1 pairs 1\nbias 0\nf 0000000000000002 0:99999\n",
		"waspada-model 2\nclasses none\nstages 1\nfeatures 2 pairs 2\nbias 0\nf 0000000000000002 0:1\nf 0000000000000001 0:1\n",
		"waspada-model 2\nclasses none\nstages 1\nfeatures 1 pairs 1\nbias 0\nf 0000000000000002 0:1 0:1\n",
		"waspada-model 2\nstages 1\n",
	};
	char *err = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *path = write_model(bad[i]);
		struct model *md = model_load(path, &err);
		unlink(path);
		assert_null(md);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
	assert_null(model_load("/nonexistent/waspada.model", &err));
	assert_null(err); /* no file: the lexicon decides alone, not an error */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_score_and_evidence),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
