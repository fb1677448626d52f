/* test-detect-view: the window of a conversation the read-only chat screen shows
 * (sim/detect-view.c): order, the bound, the verdicts copied, next and previous sign. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "detect-view.h"

/* Add message k: every tenth has a sign with one span on its second word. */
static void
add(struct detect_view *dv, long k)
{
	char text[64];
	struct span sp = {5, 8};
	const char *cats[] = {"secrecy"};
	struct verdict v = {.stage = STAGE_NONE, .explanation = ""};
	int n = snprintf(text, sizeof text, "msg  %03ld here", k % 1000);

	if (k % 10 == 0) {
		v.stage = STAGE_ISOLATION;
		v.confidence = 0.75;
		v.categories = cats;
		v.ncategories = 1;
		v.spans = &sp;
		v.nspans = 1;
		v.explanation = "asks to keep it secret";
	}
	detect_view_add(dv, k + 1, k % 2 ? "2026-07-21T16:05" : NULL, k % 3 ? "Andi" : "Sam",
			text, (size_t)n, k % 3 == 0, &v);
}

static void
test_order_and_verdicts(void **state)
{
	struct detect_view *dv = detect_view_new(2);
	const struct detect_view_msg *m;

	(void)state;
	for (long k = 0; k < 25; k++)
		add(dv, k);
	assert_int_equal(dv->n, 25);
	assert_int_equal(dv->total, 25);
	m = detect_view_get(dv, 0);
	assert_int_equal(m->line, 1);
	assert_string_equal(m->speaker, "Sam");
	assert_true(m->child);
	assert_null(m->time);
	assert_int_equal(m->stage, STAGE_ISOLATION);
	assert_string_equal(m->categories[0], "secrecy");
	assert_int_equal(m->nspans, 1);
	assert_memory_equal(m->text + m->spans[0].start, "000", 3);
	m = detect_view_get(dv, 1);
	assert_string_equal(m->time, "2026-07-21T16:05");
	assert_int_equal(m->stage, STAGE_NONE);
	assert_null(detect_view_get(dv, 25));
	/* next and previous sign: 0, 10, 20 */
	assert_int_equal(detect_view_next_sign(dv, (size_t)-1, 1), 0);
	assert_int_equal(detect_view_next_sign(dv, 0, 1), 10);
	assert_int_equal(detect_view_next_sign(dv, 10, 1), 20);
	assert_int_equal(detect_view_next_sign(dv, 20, 1), (size_t)-1);
	assert_int_equal(detect_view_next_sign(dv, 20, -1), 10);
	assert_int_equal(detect_view_next_sign(dv, 5, -1), 0);
	assert_int_equal(detect_view_next_sign(dv, 0, -1), (size_t)-1);
	assert_int_equal(detect_view_signs(dv), 3);
	detect_view_free(dv);
}

static void
test_bound_keeps_newest(void **state)
{
	struct detect_view *dv = detect_view_new(1);
	long k, extra = 1234;

	(void)state;
	for (k = 0; k < DETECT_VIEW_MAX + extra; k++)
		add(dv, k);
	assert_int_equal(dv->n, DETECT_VIEW_MAX);
	assert_int_equal(dv->cap, DETECT_VIEW_MAX);
	assert_int_equal(dv->total, DETECT_VIEW_MAX + extra);
	/* the oldest held is the first after those dropped, the newest the last added */
	assert_int_equal(detect_view_get(dv, 0)->line, extra + 1);
	assert_int_equal(detect_view_get(dv, DETECT_VIEW_MAX - 1)->line, DETECT_VIEW_MAX + extra);
	assert_int_equal(detect_view_signs(dv), DETECT_VIEW_MAX / 10);
	detect_view_free(dv);
}

static void
test_spans_outside_dropped(void **state)
{
	struct detect_view *dv = detect_view_new(1);
	struct span sp[] = {{0, 3}, {2, 99}, {4, 4}};
	struct verdict v = {.stage = STAGE_TRUST, .spans = sp, .nspans = 3, .explanation = NULL};

	(void)state;
	detect_view_add(dv, 1, NULL, "A", "hello", 5, false, &v);
	assert_int_equal(detect_view_get(dv, 0)->nspans, 1);
	assert_string_equal(detect_view_get(dv, 0)->explanation, "");
	detect_view_chat(dv, "Class 7B");
	assert_string_equal(dv->chat, "Class 7B");
	detect_view_free(dv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_verdicts),
		cmocka_unit_test(test_bound_keeps_newest),
		cmocka_unit_test(test_spans_outside_dropped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
