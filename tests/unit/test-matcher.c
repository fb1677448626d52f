/* Unit tests of the C matcher on a small lexicon: what chat spelling becomes, and which patterns
 * it then meets (tests/detector/run.lua tests it on the real lexicon). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "matcher.h"

enum { P_SEND_PHOTO = 1, P_NO, P_SECRET, P_PIC_PREFIX, P_SECRET_CHOICE, P_TELL_ORTU };

/* A lexicon with a little of each kind of entry, compiled the way the detector compiles one. */
static int
setup(void **state)
{
	struct matcher *m = matcher_new();
	static const char *patterns[] = {
		"send ... photo", "^no", "secret", "pic*", "secret|rahasia photo", "tell ...1 orang tua",
		"hide|foto",
	};
	static const char *leet[][2] = {{"0", "o"}, {"1", "i"}, {"3", "e"}, {"4", "a"}, {"$", "s"}, {"@", "a"}};
	size_t i, index[sizeof patterns / sizeof patterns[0]];

	matcher_src_file(m);
	for (i = 0; i < sizeof leet / sizeof leet[0]; i++)
		matcher_src(m, MATCHER_SRC_LEET, leet[i][0], leet[i][1]);
	matcher_src(m, MATCHER_SRC_SUFFIX, NULL, "ing");
	matcher_src(m, MATCHER_SRC_SUFFIX, NULL, "kan");
	matcher_src(m, MATCHER_SRC_SUFFIX, NULL, "s");
	matcher_src(m, MATCHER_SRC_SUFFIX_RESTORE, NULL, "e");
	matcher_src(m, MATCHER_SRC_PREFIX, NULL, "me");
	matcher_src(m, MATCHER_SRC_PREFIX, NULL, "di");
	matcher_src(m, MATCHER_SRC_REDUP, NULL, "2");
	matcher_src(m, MATCHER_SRC_SLANG, "pic", "photo");
	matcher_src(m, MATCHER_SRC_SLANG, "u", "you");
	matcher_src(m, MATCHER_SRC_CLITIC, "mu", "kamu");
	matcher_src(m, MATCHER_SRC_PHRASE, "orang tua", "ortu");
	matcher_compile(m, patterns, sizeof patterns / sizeof patterns[0], index);
	for (i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
		if (index[i] != i + 1)
			return -1;
	*state = m;
	return 0;
}

/* A pattern without a word is refused (the detector lists it as a problem). */
static void
test_no_words(void **state)
{
	struct matcher *m = matcher_new();
	static const char *patterns[] = {"... *", "secret"};
	size_t index[2];

	(void)state;
	matcher_compile(m, patterns, 2, index);
	assert_int_equal(index[0], 0);
	assert_int_equal(index[1], 1);
	matcher_free(m);
}

static int
teardown(void **state)
{
	matcher_free(*state);
	return 0;
}

/* The run's words joined by spaces. */
static const char *
words(struct matcher *m, const char *text)
{
	static char out[512];
	size_t n, k, len, nh;

	matcher_run(m, text, strlen(text), &nh);
	out[0] = '\0';
	n = matcher_nwords(m);
	for (k = 1; k <= n; k++) {
		const char *w = matcher_word(m, k, &len);
		if (k > 1)
			strcat(out, " ");
		strncat(out, w, len);
	}
	return out;
}

/* Whether pattern p matched in text, over words first..last. */
static bool
matched(struct matcher *m, const char *text, size_t p, size_t first, size_t last)
{
	size_t nh, i;
	const struct matcher_hit *h = matcher_run(m, text, strlen(text), &nh);

	for (i = 0; i < nh; i++)
		if (h[i].pattern == p && h[i].first == first && h[i].last == last)
			return true;
	return false;
}

/* Case, leetspeak, repeated letters, apostrophes, slang: chat spelling meets the ordinary word. */
static void
test_spelling(void **state)
{
	struct matcher *m = *state;

	assert_string_equal(words(m, "S3CR3T"), "secret");
	assert_string_equal(words(m, "pleaseee sooo"), "please so");
	assert_string_equal(words(m, "it's 13yo"), "its 13yo"); /* numbers keep their digits */
	assert_string_equal(words(m, "@lone $tay"), "alone stay");
	assert_string_equal(words(m, "u pic"), "you photo");
	assert_string_equal(words(m, "teman2"), "teman");
}

/* Spelled-out words are put back together; a short spaced run is left alone. */
static void
test_spelled_out(void **state)
{
	struct matcher *m = *state;

	assert_string_equal(words(m, "s e c r e t"), "secret");
	assert_string_equal(words(m, "s.e.c.r.e.t"), "secret");
	assert_string_equal(words(m, "u r a"), "you r a");
}

/* Word endings and Indonesian affixes reach the lexicon word; clitics become a word. */
static void
test_affixes(void **state)
{
	struct matcher *m = *state;

	assert_string_equal(words(m, "secrets hiding"), "secret hide");
	assert_string_equal(words(m, "merahasiakan dirahasiakan"), "rahasia rahasia");
	assert_string_equal(words(m, "fotomu"), "foto kamu");
	assert_string_equal(words(m, "xyzing"), "xyzing"); /* unknown stays as it is */
}

/* A very long word: its stems are long strings (found by fuzzing: a stem was copied from a
 * buffer that the copy itself moved). */
static void
test_long_word(void **state)
{
	struct matcher *m = *state;
	static char text[6002];

	memset(text, 'r', 6000);
	text[6000] = 's';
	assert_string_equal(words(m, text), "rs");
}

/* Emoji are words of their own; spans point into the original text. */
static void
test_emoji_and_spans(void **state)
{
	struct matcher *m = *state;
	size_t s, e;

	assert_string_equal(words(m, "hi \xf0\x9f\x98\x80 there"), "hi \xf0\x9f\x98\x80 there");
	matcher_span(m, 2, &s, &e);
	assert_int_equal(s, 3);
	assert_int_equal(e, 7);
	assert_true(matched(m, "pls Send me a cute PIC", P_SEND_PHOTO, 2, 6));
	matcher_span(m, 6, &s, &e);
	assert_int_equal(s, 19);
	assert_int_equal(e, 22);
}

/* Gaps have a reach, sentences stop a pattern, ^ wants the start of a sentence. */
static void
test_patterns(void **state)
{
	struct matcher *m = *state;
	size_t nh;

	assert_true(matched(m, "send me a cute pic", P_SEND_PHOTO, 1, 5));
	matcher_run(m, "send one two three four five photo", 34, &nh);
	assert_int_equal(nh, 0); /* five words between: out of reach */
	matcher_run(m, "send it. photo later", 20, &nh);
	assert_int_equal(nh, 0);
	assert_true(matched(m, "no way", P_NO, 1, 1));
	assert_true(matched(m, "ok. no way", P_NO, 2, 2));
	matcher_run(m, "ok no way", 9, &nh);
	assert_int_equal(nh, 0);
	assert_true(matched(m, "pictures", P_PIC_PREFIX, 1, 1));
	assert_true(matched(m, "rahasia photo", P_SECRET_CHOICE, 1, 2));
	assert_true(matched(m, "secret photo", P_SECRET, 1, 1));
}

/* A known phrase is rewritten to one canonical form, its span covering the whole phrase. */
static void
test_phrases(void **state)
{
	struct matcher *m = *state;
	size_t s, e;

	assert_string_equal(words(m, "jangan tell orang tua"), "jangan tel ortu"); /* "tell" loses a letter, in patterns too */
	matcher_span(m, 3, &s, &e);
	assert_int_equal(s, 12);
	assert_int_equal(e, 21);
	assert_true(matched(m, "tell orang tua", P_TELL_ORTU, 1, 2));
	assert_string_equal(words(m, "orang. tua"), "orang tua"); /* not across a sentence */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spelling),
		cmocka_unit_test(test_spelled_out),
		cmocka_unit_test(test_affixes),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_emoji_and_spans),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_no_words),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
