/* test-util: the one growth rule for arrays (sim/util.c: util_grow_cap, GROW), and text cleaned
 * for a terminal (util_put_clean). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* What util_put_clean writes for s. */
static char *
cleaned(const char *s, bool keep_lines)
{
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof buf, "w");

	util_put_clean(f, s, strlen(s), keep_lines);
	fclose(f);
	return buf;
}

/* Escape sequences never pass; a message's line breaks become one space on one line, or stay. */
static void
test_put_clean(void **state)
{
	assert_string_equal(cleaned("a\033[2Jb\033]52;c;eA==\007c", false), "a[2Jb]52;c;eA==c");
	assert_string_equal(cleaned("hai kak\naku di sekolah\n\nnanti ya", false), "hai kak aku di sekolah nanti ya");
	assert_string_equal(cleaned("a \nb\r\nc\td", false), "a b c d");
	assert_string_equal(cleaned("a\nb\tc", true), "a\nb\tc");
	assert_string_equal(cleaned("\xff", false), "\xef\xbf\xbd");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_appends),
		cmocka_unit_test(test_grow_jump),
		cmocka_unit_test(test_put_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
