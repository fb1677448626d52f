/* Unit tests of the class summary (sim/summary.c): what counts as a sign caught, a look-alike
 * flagged, a message missed, a pupil, a before and an after. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "util.h"

static const struct category cats[] = {
	{"flattery", STAGE_TRUST, {"", ""}, {"", ""}},
	{"gifts", STAGE_TRUST, {"", ""}, {"", ""}},
	{"secrecy", STAGE_ISOLATION, {"", ""}, {"", ""}},
	{"threats-share", STAGE_EXTORTION, {"", ""}, {"", ""}},
};
#define NCATS (sizeof cats / sizeof cats[0])

static const char *flattery[] = {"flattery"}, *gifts[] = {"gifts"}, *trust[] = {"trust"};
static const char *both[] = {"flattery", "secrecy"};

/* An attempt with n turns (the caller fills them). */
static struct attempt *
add(struct results_set *set, const char *nick, const char *scenario, const char *level,
    const char *started, int score, size_t n)
{
	struct attempt *at;
	size_t k;

	set->v = xrealloc(set->v, (set->n + 1) * sizeof(*set->v));
	at = &set->v[set->n++];
	memset(at, 0, sizeof(*at));
	at->id = started, at->file = "f", at->nickname = nick, at->scenario = scenario;
	at->level = level, at->lang = "en", at->started = started;
	at->finished = score >= 0, at->score = score, at->duration = 60;
	for (k = 0; k < STAGE_COUNT; k++)
		at->stage_score[k] = -1;
	at->turns = xcalloc(n + 1, sizeof(*at->turns)); /* (results_set_free frees an attempt's turns) */
	at->nturns = n;
	return at;
}

/* One turn: the verdict's stage and categories, the learner's picks. */
static void
turn(struct record_turn *t, const char *step, enum stage st, const char **c, size_t nc,
     const char **a, size_t na)
{
	t->step = step, t->stage = st, t->categories = c, t->ncategories = nc;
	t->answer = a, t->nanswer = na, t->nothing = na == 0;
}

static void
test_counts(void **state)
{
	struct results_set set = {0};
	struct summary s;
	struct attempt *at;
	const struct summary_pupil *p;
	(void)state;

	/* Budi: names flattery on one message, misses it on another, flags a fine one. */
	at = add(&set, "Budi", "sc", "standard", "2026-01-01T10:00:00Z", 50, 3);
	turn(&at->turns[0], "m1", STAGE_TRUST, flattery, 1, flattery, 1);
	turn(&at->turns[1], "m2", STAGE_ISOLATION, both, 2, gifts, 1);
	turn(&at->turns[2], "m3", STAGE_NONE, NULL, 0, gifts, 1);
	/* Ani at beginner level: naming the stage catches the sign; unfinished. */
	at = add(&set, "Ani", "sc", "beginner", "2026-01-01T09:00:00Z", -1, 2);
	turn(&at->turns[0], "m1", STAGE_TRUST, flattery, 1, trust, 1);
	turn(&at->turns[1], "m2", STAGE_ISOLATION, both, 2, NULL, 0);
	/* Quick checks: apart from the scenarios; first is before, last is after. */
	add(&set, "Ani", "quiz-a", "standard", "2026-01-01T08:00:00Z", 40, 0);
	add(&set, "Ani", "quiz-b", "standard", "2026-01-02T08:00:00Z", 70, 0);
	add(&set, "Budi", "quiz-a", "standard", "2026-01-01T08:30:00Z", 60, 0);

	summary_build(&s, &set, cats, NCATS);
	assert_int_equal(s.nrows, 5);
	assert_int_equal(s.npupils, 2);
	assert_int_equal(s.attempts, 2);
	assert_int_equal(s.finished, 1);
	assert_int_equal(s.average, 50);
	assert_int_equal(s.seconds, 60);
	/* flattery: shown 4 times (m1 twice, m2 twice), caught by Budi on m1 and Ani on m1. */
	assert_int_equal(s.signs[0].shown, 4);
	assert_int_equal(s.signs[0].caught, 2);
	assert_int_equal(s.signs[2].shown, 2);
	assert_int_equal(s.signs[2].caught, 0);
	assert_int_equal(s.fine.shown, 1);
	assert_int_equal(s.fine.caught, 1);
	/* m2 was missed by both pupils: first among the messages; then m3, the harmless message
	 * Budi flagged; m1, caught by both, last. */
	assert_true(s.nmessages == 3);
	assert_string_equal(s.messages[0].step, "m2");
	assert_int_equal(s.messages[0].missed, 2);
	assert_string_equal(s.messages[1].step, "m3");
	assert_int_equal(s.messages[1].stage, STAGE_NONE);
	assert_int_equal(s.messages[1].missed, 1);
	assert_string_equal(s.messages[2].step, "m1");
	assert_int_equal(s.messages[2].missed, 0);
	/* Pupils needing attention first: Budi caught 1 of 3 signs, Ani 1 of 3 too; then by name. */
	p = &s.pupils[0];
	assert_string_equal(p->name, "Ani");
	assert_int_equal(p->before, 40);
	assert_int_equal(p->after, 70);
	assert_int_equal(p->average, -1);
	assert_int_equal(s.pupils[1].before, 60);
	assert_int_equal(s.pupils[1].after, -1);
	assert_int_equal(s.paired, 1);
	assert_int_equal(s.gain, 30);
	assert_int_equal(summary_percent(&s.pupils[1].all), 33);
	summary_free(&s);
	results_set_free(&set);
}

static void
test_empty(void **state)
{
	struct results_set set = {0};
	struct summary s;
	(void)state;

	summary_build(&s, &set, cats, NCATS);
	assert_int_equal(s.nrows, 0);
	assert_int_equal(s.npupils, 0);
	assert_int_equal(s.average, -1);
	assert_int_equal(s.paired, 0);
	summary_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
