/* Unit tests of scoring: each worked example of docs/scoring.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "score.h"

/* The fifteen categories of content-guidelines.md, as the lexicon defines them. */
static const struct category cats[] = {
	{"flattery", STAGE_TRUST, {"", ""}, {"", ""}},
	{"gifts", STAGE_TRUST, {"", ""}, {"", ""}},
	{"personal-questions", STAGE_TRUST, {"", ""}, {"", ""}},
	{"only-me", STAGE_TRUST, {"", ""}, {"", ""}},
	{"secrecy", STAGE_ISOLATION, {"", ""}, {"", ""}},
	{"turning-away", STAGE_ISOLATION, {"", ""}, {"", ""}},
	{"going-private", STAGE_ISOLATION, {"", ""}, {"", ""}},
	{"who-is-around", STAGE_ISOLATION, {"", ""}, {"", ""}},
	{"romance-body", STAGE_SEXUALIZATION, {"", ""}, {"", ""}},
	{"photos", STAGE_SEXUALIZATION, {"", ""}, {"", ""}},
	{"meeting", STAGE_SEXUALIZATION, {"", ""}, {"", ""}},
	{"guilt", STAGE_CONTROL, {"", ""}, {"", ""}},
	{"threats-leave", STAGE_CONTROL, {"", ""}, {"", ""}},
	{"threats-share", STAGE_EXTORTION, {"", ""}, {"", ""}},
	{"demands", STAGE_EXTORTION, {"", ""}, {"", ""}},
};
#define NCATS (sizeof cats / sizeof cats[0])

/* A verdict of one stage with the given categories. */
static struct verdict
verdict(enum stage st, const char **c, size_t n)
{
	struct verdict v;

	memset(&v, 0, sizeof(v));
	v.stage = st;
	v.categories = c;
	v.ncategories = n;
	return v;
}

/* An answer from category ids (NULL-terminated); nothing when the list is empty and flag set. */
static struct answer
answer(bool nothing, const char *a, const char *b, const char *c)
{
	struct answer x;

	memset(&x, 0, sizeof(x));
	x.nothing = nothing;
	if (a) x.picks[x.n++] = a;
	if (b) x.picks[x.n++] = b;
	if (c) x.picks[x.n++] = c;
	return x;
}

/* Mark an answer against a verdict alone (no author's intent stated). */
static struct mark
mark_v(const struct verdict *v, const struct answer *a, enum level level,
       const struct category *c, size_t n)
{
	struct key k = score_key(v, NULL, NULL, c, n);

	return score_turn(&k, a, level, c, n);
}

static const char *flattery[] = {"flattery"};
static const char *gifts_secrecy[] = {"gifts", "secrecy"};

/* Example 1: the exact sign is full credit. */
static void
test_exact(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, flattery, 1);
	struct answer a = answer(false, "flattery", NULL, NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 1.0);
	assert_int_equal(m.outcome, OUTCOME_RIGHT);
}

/* Example 2: another sign of the same stage is half credit. */
static void
test_same_stage(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, flattery, 1);
	struct answer a = answer(false, "gifts", NULL, NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 0.5);
	assert_int_equal(m.outcome, OUTCOME_PARTLY);
}

/* Example 3: a sign of the neighbouring stage is a quarter. */
static void
test_neighbour(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, flattery, 1);
	struct answer a = answer(false, "secrecy", NULL, NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 0.25);
	assert_int_equal(m.outcome, OUTCOME_PARTLY);
}

/* Example 4: two signs in the verdict, one named: half. */
static void
test_half_of_two(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, gifts_secrecy, 2);
	struct answer a = answer(false, "gifts", NULL, NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 0.5);
	assert_int_equal(m.missed, 1);
}

/* Example 5: an unrelated extra pick costs a quarter. */
static void
test_wrong_pick_costs(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, flattery, 1);
	struct answer a = answer(false, "flattery", "threats-share", NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 0.75);
	assert_int_equal(m.wrong, 1);
}

/* Example 6: "nothing worrying" on a fine message is full credit. */
static void
test_fine_right(void **s)
{
	struct verdict v = verdict(STAGE_NONE, NULL, 0);
	struct answer a = answer(true, NULL, NULL, NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 1.0);
	assert_int_equal(m.outcome, OUTCOME_RIGHT);
}

/* Example 7: a sign picked on a fine message is a false alarm, no credit. */
static void
test_false_alarm(void **s)
{
	struct verdict v = verdict(STAGE_NONE, NULL, 0);
	struct answer a = answer(false, "flattery", NULL, NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 0);
	assert_int_equal(m.outcome, OUTCOME_FALSE_ALARM);
}

/* Example 8: "nothing worrying" on a warning sign is a miss. */
static void
test_missed(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, flattery, 1);
	struct answer a = answer(true, NULL, NULL, NULL);
	struct mark m = mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS);

	(void)s;
	assert_true(m.credit == 0);
	assert_int_equal(m.outcome, OUTCOME_MISSED);
}

/* Example 9: "everything is dangerous" does not win, whatever the stage. */
static void
test_everything_loses(void **s)
{
	static const char *one[NCATS];
	struct answer a;
	size_t i;

	(void)s;
	memset(&a, 0, sizeof(a));
	for (i = 0; i < NCATS; i++)
		a.picks[a.n++] = cats[i].id;
	for (i = 0; i < NCATS; i++) {
		one[i] = cats[i].id;
		struct verdict v = verdict(cats[i].stage, &one[i], 1);
		assert_true(mark_v(&v, &a, LEVEL_STANDARD, cats, NCATS).credit == 0);
	}
}

/* Example 10: beginner level, the right stage is full credit, the next stage half. */
static void
test_beginner(void **s)
{
	struct verdict v = verdict(STAGE_ISOLATION, gifts_secrecy, 2);
	struct answer a = answer(false, "isolation", NULL, NULL);
	struct answer b = answer(false, "sexualization", NULL, NULL);
	struct answer c = answer(false, "extortion", NULL, NULL);

	(void)s;
	assert_true(mark_v(&v, &a, LEVEL_BEGINNER, cats, NCATS).credit == 1.0);
	assert_true(mark_v(&v, &b, LEVEL_BEGINNER, cats, NCATS).credit == 0.5);
	assert_true(mark_v(&v, &c, LEVEL_BEGINNER, cats, NCATS).credit == 0);
}

static const char *gems_seen[] = {"gifts", "secrecy", "going-private"};
static const char *gems_signs[] = {"gifts", "secrecy", NULL};

/* Examples 11-14: the author names gifts and secrecy; the detector also sees going-private. */
static void
test_author_signs(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, gems_seen, 3);
	struct key k = score_key(&v, "trust", gems_signs, cats, NCATS);
	struct answer both = answer(false, "gifts", "secrecy", NULL);
	struct answer all = answer(false, "gifts", "secrecy", "going-private");
	struct answer one = answer(false, "gifts", NULL, NULL);
	struct answer other = answer(false, "going-private", NULL, NULL);
	struct mark m;

	(void)s;
	assert_int_equal(k.nneed, 2);
	assert_int_equal(k.nalso, 1);
	assert_string_equal(k.also[0], "going-private");
	m = score_turn(&k, &both, LEVEL_STANDARD, cats, NCATS);
	assert_true(m.credit == 1.0);
	assert_int_equal(m.outcome, OUTCOME_RIGHT);
	assert_int_equal(m.nextra, 0);
	m = score_turn(&k, &all, LEVEL_STANDARD, cats, NCATS);
	assert_true(m.credit == 1.0);
	assert_int_equal(m.also, 1);
	assert_int_equal(m.nextra, 0);
	m = score_turn(&k, &one, LEVEL_STANDARD, cats, NCATS);
	assert_true(m.credit == 0.5);
	assert_int_equal(m.missed, 1);
	m = score_turn(&k, &other, LEVEL_STANDARD, cats, NCATS);
	assert_true(m.credit == 0.25);
	assert_int_equal(m.outcome, OUTCOME_PARTLY);
	assert_int_equal(m.nextra, 0);
}

static const char *demands[] = {"demands"};
static const char *demands_sign[] = {"demands", NULL};

/* Examples 15-16: an extra pick that is not there: named for a kind sentence; it costs only
 * when it is of an unrelated stage, and then nothing is called missing. */
static void
test_extra_pick(void **s)
{
	struct verdict v = verdict(STAGE_EXTORTION, demands, 1);
	struct key k = score_key(&v, "extortion", demands_sign, cats, NCATS);
	struct answer same = answer(false, "demands", "threats-share", NULL);
	struct answer far = answer(false, "demands", "flattery", NULL);
	struct mark m;

	(void)s;
	m = score_turn(&k, &same, LEVEL_STANDARD, cats, NCATS);
	assert_true(m.credit == 1.0);
	assert_int_equal(m.nextra, 1);
	assert_string_equal(m.extra[0], "threats-share");
	m = score_turn(&k, &far, LEVEL_STANDARD, cats, NCATS);
	assert_true(m.credit == 0.75);
	assert_int_equal(m.outcome, OUTCOME_PARTLY);
	assert_int_equal(m.missed, 0);
	assert_int_equal(m.nextra, 1);
}

/* Example 17: the author says `expect: none`: "nothing worrying" is right. */
static void
test_author_fine(void **s)
{
	struct verdict v = verdict(STAGE_TRUST, flattery, 1);
	struct key k = score_key(&v, "none", NULL, cats, NCATS);
	struct answer nothing = answer(true, NULL, NULL, NULL);

	(void)s;
	assert_int_equal(k.stage, STAGE_NONE);
	assert_int_equal(score_turn(&k, &nothing, LEVEL_STANDARD, cats, NCATS).outcome, OUTCOME_RIGHT);
}

/* Signs without expect: the key takes the first sign's stage, even when the detector sees
 * nothing, so the author's intent is still the answer. */
static void
test_signs_without_expect(void **s)
{
	static const char *flattery_sign[] = {"flattery", NULL};
	struct verdict v = verdict(STAGE_NONE, NULL, 0);
	struct key k = score_key(&v, NULL, flattery_sign, cats, NCATS);
	struct answer a = answer(false, "flattery", NULL, NULL);

	(void)s;
	assert_int_equal(k.stage, STAGE_TRUST);
	assert_int_equal(score_turn(&k, &a, LEVEL_STANDARD, cats, NCATS).outcome, OUTCOME_RIGHT);
}

/* The tally: percentages overall and per stage. */
static void
test_tally(void **s)
{
	struct tally t;
	struct mark one = {.credit = 1}, half = {.credit = 0.5};

	(void)s;
	memset(&t, 0, sizeof(t));
	assert_int_equal(tally_percent(&t), -1);
	tally_add(&t, STAGE_TRUST, &one);
	tally_add(&t, STAGE_TRUST, &half);
	tally_add(&t, STAGE_NONE, &one);
	assert_int_equal(tally_stage_percent(&t, STAGE_TRUST), 75);
	assert_int_equal(tally_percent(&t), 83);
	assert_int_equal(tally_stage_percent(&t, STAGE_EXTORTION), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact), cmocka_unit_test(test_same_stage),
		cmocka_unit_test(test_neighbour), cmocka_unit_test(test_half_of_two),
		cmocka_unit_test(test_wrong_pick_costs), cmocka_unit_test(test_fine_right),
		cmocka_unit_test(test_false_alarm), cmocka_unit_test(test_missed),
		cmocka_unit_test(test_everything_loses), cmocka_unit_test(test_beginner),
		cmocka_unit_test(test_tally), cmocka_unit_test(test_author_signs),
		cmocka_unit_test(test_extra_pick), cmocka_unit_test(test_author_fine),
		cmocka_unit_test(test_signs_without_expect),
	};

	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
