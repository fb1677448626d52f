/* test-util: the one growth rule for arrays (sim/util.c: util_grow_cap, GROW). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "util.h"

/* Appending one at a time: the capacity doubles from 8, so n appends reallocate O(log n) times. */
static void
test_grow_appends(void **state)
{
	int *v = NULL;
	size_t n, cap = 0, growths = 0, last = 0;

	for (n = 0; n < 100000; n++) {
		GROW(v, cap, n + 1);
		v[n] = (int)n;
		if (cap != last) {
			assert_true(last == 0 ? cap == 8 : cap == 2 * last);
			growths++;
			last = cap;
		}
	}
	assert_true(cap >= n);
	assert_int_equal(growths, 15); /* 8, 16, ..., 131072 */
	assert_int_equal(v[99999], 99999);
	free(v);
}

/* A jump past double goes straight to what is asked; what fits is left alone. */
static void
test_grow_jump(void **state)
{
	char *s = NULL;
	size_t cap = 0;

	GROW(s, cap, 1000);
	assert_int_equal(cap, 1000);
	GROW(s, cap, 1000);
	assert_int_equal(cap, 1000);
	GROW(s, cap, 1001);
	assert_int_equal(cap, 2000);
	free(s);
	assert_int_equal(util_grow_cap(SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 2, 1), SIZE_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_appends),
		cmocka_unit_test(test_grow_jump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
