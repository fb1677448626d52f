/* test-view: the chat screen's arithmetic (sim/view.c) without a terminal. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "view.h"

/* The text of row k of a wrapped string. */
static char *
row_text(const char *s, const struct view_row *r)
{
	static char buf[512];

	memcpy(buf, s + r->start, r->end - r->start);
	buf[r->end - r->start] = '\0';
	return buf;
}

/* Wrap and check every row's text and width. */
static void
check_wrap(const char *s, int first, int rest, const char *const *want, size_t nwant)
{
	struct view_row rows[64];
	size_t n = view_wrap(s, strlen(s), first, rest, rows, 64), k;

	assert_int_equal(n, nwant);
	for (k = 0; k < n; k++) {
		assert_string_equal(row_text(s, &rows[k]), want[k]);
		assert_true(rows[k].width <= (k == 0 ? first : rest));
		assert_int_equal(rows[k].width, view_width(want[k], strlen(want[k])));
	}
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(view_width("hello", 5), 5);
	assert_int_equal(view_width("😮", strlen("😮")), 2);
	assert_int_equal(view_width("日本", strlen("日本")), 4);
	/* e + combining acute: one cell */
	assert_int_equal(view_width("e\xcc\x81", 3), 1);
	/* controls and escape sequences take no cell; ESC never reaches the screen */
	assert_int_equal(view_width("a\x1b[31mb", 7), 6);
	assert_true(view_is_control(0x1b));
	assert_true(view_is_control(0x9b));
	assert_true(view_is_control(0x202e));
	assert_false(view_is_control('a'));
	/* a broken byte is one replacement cell */
	assert_int_equal(view_width("\xff", 1), 1);
}

static void
test_wrap_ascii(void **state)
{
	const char *want[] = {"the quick brown", "fox jumps over", "the lazy dog"};
	const char *one[] = {"short"};

	(void)state;
	check_wrap("the quick brown fox jumps over the lazy dog", 15, 15, want, 3);
	check_wrap("short", 20, 20, one, 1);
}

static void
test_wrap_hanging_indent(void **state)
{
	/* first row narrower (a "16:05 Name: " prefix), later rows wider */
	const char *want[] = {"aaa bbb", "ccc ddd eee", "fff"};

	(void)state;
	check_wrap("aaa bbb ccc ddd eee fff", 8, 12, want, 3);
}

static void
test_wrap_indonesian(void **state)
{
	const char *s = "wih kastilnya keren bgt km bikin sendiri semua?";
	const char *want[] = {"wih kastilnya keren", "bgt km bikin sendiri", "semua?"};

	(void)state;
	check_wrap(s, 20, 20, want, 3);
}

static void
test_wrap_wide(void **state)
{
	/* emoji are two cells: "ab 😮😮" is 6 wide and must not fit in 5 */
	const char *want[] = {"ab", "😮😮"};
	const char *cjk[] = {"日本", "語で", "す"};

	(void)state;
	check_wrap("ab 😮😮", 5, 5, want, 2);
	/* no spaces: cut between characters, never through one */
	check_wrap("日本語です", 5, 5, cjk, 3);
}

static void
test_wrap_combining(void **state)
{
	/* "ééé" with combining marks: a mark stays with its letter */
	const char *s = "e\xcc\x81" "e\xcc\x81" "e\xcc\x81";
	const char *want[] = {"e\xcc\x81" "e\xcc\x81", "e\xcc\x81"};

	(void)state;
	check_wrap(s, 2, 2, want, 2);
}

static void
test_wrap_long_word(void **state)
{
	const char *want[] = {"see", "abcdefghij", "klmnopqrst", "uv end"};

	(void)state;
	check_wrap("see abcdefghijklmnopqrstuv end", 10, 10, want, 4);
}

static void
test_wrap_newline_and_edges(void **state)
{
	const char *two[] = {"one", "two"};
	const char *empty[] = {""};

	(void)state;
	check_wrap("one\ntwo", 20, 20, two, 2);
	check_wrap("", 20, 20, empty, 1);
	/* a width of zero or less still makes progress */
	assert_int_equal(view_wrap("abc", 3, 0, 0, NULL, 0), 3);
}

static void
test_span_cells(void **state)
{
	/* "ur 😮 really mature" with a span over "really mature" and one over the emoji */
	const char *s = "ur 😮 really mature";
	struct span sp[2];
	struct view_row rows[4];
	struct view_cells cells[4];
	size_t n, k;

	(void)state;
	sp[0].start = strlen("ur 😮 ");
	sp[0].end = strlen(s);
	sp[1].start = 3;
	sp[1].end = 3 + strlen("😮");
	n = view_wrap(s, strlen(s), 100, 100, rows, 4);
	assert_int_equal(n, 1);
	k = view_span_cells(s, &rows[0], sp, 2, cells, 4);
	/* "ur " 3 cells, emoji 2 cells at col 3, space, "really mature" from col 6 */
	assert_int_equal(k, 2);
	assert_int_equal(cells[0].col, 3);
	assert_int_equal(cells[0].width, 2);
	assert_int_equal(cells[1].col, 6);
	assert_int_equal(cells[1].width, 13);
	/* a span over a wrapped boundary lights both rows */
	n = view_wrap(s, strlen(s), 12, 12, rows, 4);
	assert_int_equal(n, 2);
	k = view_span_cells(s, &rows[0], sp, 1, cells, 4);
	assert_int_equal(k, 1);
	assert_int_equal(cells[0].col, 6);
	assert_int_equal(cells[0].width, 6); /* "really" */
	k = view_span_cells(s, &rows[1], sp, 1, cells, 4);
	assert_int_equal(k, 1);
	assert_int_equal(cells[0].col, 0);
	assert_int_equal(cells[0].width, 6); /* "mature" */
}

static void
test_scroll(void **state)
{
	(void)state;
	/* 100 rows in a 10-row window: the last top is 90 */
	assert_int_equal(view_scroll(0, 100, 10, VIEW_END), 90);
	assert_int_equal(view_scroll(90, 100, 10, VIEW_PAGE_DOWN), 90);
	assert_int_equal(view_scroll(90, 100, 10, VIEW_PAGE_UP), 81);
	assert_int_equal(view_scroll(5, 100, 10, VIEW_PAGE_UP), 0);
	assert_int_equal(view_scroll(50, 100, 10, VIEW_HOME), 0);
	assert_int_equal(view_scroll(0, 100, 10, VIEW_LINE_UP), 0);
	assert_int_equal(view_scroll(0, 100, 10, VIEW_LINE_DOWN), 1);
	/* fewer rows than the window: never scrolls */
	assert_int_equal(view_scroll(0, 5, 10, VIEW_END), 0);
	assert_int_equal(view_scroll(0, 5, 10, VIEW_PAGE_DOWN), 0);
}

static void
test_log(void **state)
{
	struct view_log l;
	struct view_item it = {.text = "one two three four five six seven eight nine ten",
			       .prefix = 6, .indent = 6};
	size_t i, inner, idx, total;

	(void)state;
	it.len = strlen(it.text);
	view_log_init(&l, 26, 10);
	for (i = 0; i < 1000; i++)
		view_log_add(&l, &it);
	/* 20 cells a row: "one two three four" / "five six seven eight" / "nine ten" */
	assert_int_equal(l.v[0].rows, 3);
	total = view_log_total(&l);
	assert_int_equal(total, 3000);
	assert_int_equal(view_log_top(&l), 2990);
	idx = view_log_find(&l, 2990, &inner);
	assert_int_equal(idx, 996);
	assert_int_equal(inner, 2);
	idx = view_log_find(&l, 0, &inner);
	assert_int_equal(idx, 0);
	assert_int_equal(inner, 0);
	/* PgUp moves back a page less one row; Home to the start; End back to the newest */
	view_log_scroll(&l, VIEW_PAGE_UP);
	assert_int_equal(view_log_top(&l), 2981);
	view_log_scroll(&l, VIEW_HOME);
	assert_int_equal(view_log_top(&l), 0);
	/* a new message while reading back keeps the reader's place */
	view_log_add(&l, &it);
	assert_int_equal(view_log_top(&l), 0);
	view_log_scroll(&l, VIEW_END);
	assert_int_equal(view_log_top(&l), 3003 - 10);
	view_log_scroll(&l, VIEW_PAGE_DOWN);
	assert_int_equal(view_log_top(&l), 3003 - 10);
	/* a note row under one message */
	l.v[5].extra = 1;
	view_log_changed(&l, 5);
	assert_int_equal(view_log_total(&l), 3004);
	assert_int_equal(l.start[6], 19);
	/* showing an item: it starts `above` rows under the top, the ends clamp */
	view_log_show(&l, 6, 2);
	assert_int_equal(view_log_top(&l), 17);
	view_log_show(&l, 0, 2);
	assert_int_equal(view_log_top(&l), 0);
	view_log_show(&l, l.n - 1, 2);
	assert_int_equal(view_log_top(&l), 3004 - 10);
	assert_int_equal(l.back, 0);
	/* a wider chat rewraps: everything fits on two rows */
	view_log_resize(&l, 60, 10);
	assert_int_equal(l.v[0].rows, 1);
	assert_int_equal(view_log_total(&l), 1002);
	view_log_free(&l);
}

static void
test_item_geometry(void **state)
{
	struct view_log l;
	struct view_item it = {.text = "x", .len = 1, .prefix = 20, .indent = 20, .maxw = 30};
	int first, rest, w;

	(void)state;
	view_log_init(&l, 60, 10);
	view_item_geometry(&l, &it, &first, &rest, &w);
	assert_int_equal(w, 30);
	assert_int_equal(first, 10);
	assert_int_equal(rest, 10);
	/* a prefix that would leave a sliver falls back to no indent */
	it.prefix = it.indent = 25;
	view_item_geometry(&l, &it, &first, &rest, &w);
	assert_int_equal(first, 30);
	assert_int_equal(rest, 30);
	view_log_free(&l);
}

static void
test_layout(void **state)
{
	struct view_layout lo;

	(void)state;
	view_layout(&lo, 80, 24, true, 12);
	assert_false(lo.too_small);
	assert_int_equal(lo.header.y, 0);
	assert_int_equal(lo.track.y, 1);
	assert_int_equal(lo.chat.y, 3);
	assert_int_equal(lo.chat.h, 8);
	assert_int_equal(lo.chat.w, 80 - view_side_width(80));
	assert_int_equal(lo.side.x, lo.chat.w);
	assert_int_equal(lo.panel.y, 11);
	assert_int_equal(lo.panel.h, 12);
	assert_int_equal(lo.status.y, 23);
	/* everything adds up to the screen */
	assert_int_equal(lo.chat.y + lo.chat.h + lo.panel.h + 1, 24);

	/* a panel that wants too much leaves the chat five rows */
	view_layout(&lo, 80, 24, false, 40);
	assert_int_equal(lo.chat.h, 5);
	assert_int_equal(lo.chat.w, 80);
	assert_int_equal(lo.side.w, 0);

	view_layout(&lo, 120, 40, true, 12);
	assert_false(lo.too_small);
	assert_int_equal(lo.chat.h, 40 - 4 - 12);
	assert_int_equal(lo.side.w, 24);
	assert_int_equal(lo.status.y, 39);

	view_layout(&lo, 79, 24, true, 0);
	assert_true(lo.too_small);
	view_layout(&lo, 80, 23, true, 0);
	assert_true(lo.too_small);
}

static void
test_grid(void **state)
{
	struct view_opt o[] = {
		{.label = "Nothing worrying"},
		{.label = "Building trust", .heading = true},
		{.label = "Flattery"}, {.label = "Gifts"},
		{.label = "Pulling away", .heading = true},
		{.label = "Keep it secret"}, {.label = "Moving somewhere private and very far away"},
		{.label = "Threats", .heading = true},
		{.label = "Threats to share"},
	};
	size_t n = sizeof o / sizeof o[0];
	int h;

	(void)state;
	/* wide: two columns, split before the heading that balances them best (4 rows | 6 rows,
	 * the long label wrapping in a 38-cell column) */
	h = view_grid(o, n, 78, 7, 36);
	assert_int_equal(o[0].x, 0);
	assert_int_equal(o[3].x, 0);
	assert_int_equal(o[4].x, 39);
	assert_int_equal(o[4].y, 0);
	assert_int_equal(o[6].h, 2);
	assert_int_equal(h, 6);
	assert_int_equal(view_grid_hit(o, n, o[2].y, 3), 2);
	assert_int_equal(view_grid_hit(o, n, o[1].y, 3), -1); /* a heading is not an option */
	assert_int_equal(view_grid_hit(o, n, o[8].y, 45), 8);
	/* narrow: one column, the long label wraps to two rows */
	h = view_grid(o, n, 40, 7, 36);
	assert_int_equal(o[6].h, 2);
	assert_int_equal(h, 10);
	assert_int_equal(o[7].y, 8);
	assert_int_equal(view_grid_hit(o, n, 6, 10), 6);
}

static void
test_doc_and_ellipsis(void **state)
{
	struct view_doc d;
	char *e;

	(void)state;
	view_doc_init(&d);
	view_doc_add(&d, 0, 0, "Title");
	view_doc_add(&d, 0, 2, "\xe2\x80\xa2 a list item that is long enough to wrap");
	view_doc_add(&d, 0, 0, "");
	view_doc_wrap(&d, 20);
	assert_int_equal(d.nlines, 1 + 3 + 1);
	assert_int_equal(d.lines[1].x, 2);
	assert_int_equal(d.lines[2].x, 4); /* the hanging indent under the bullet */
	view_doc_free(&d);

	e = view_ellipsize("Pulling you away from others", 28, 12);
	assert_string_equal(e, "Pulling you\xe2\x80\xa6");
	assert_true(view_width(e, strlen(e)) <= 12);
	free(e);
	e = view_ellipsize("short", 5, 12);
	assert_string_equal(e, "short");
	free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap_ascii),
		cmocka_unit_test(test_wrap_hanging_indent),
		cmocka_unit_test(test_wrap_indonesian),
		cmocka_unit_test(test_wrap_wide),
		cmocka_unit_test(test_wrap_combining),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wrap_newline_and_edges),
		cmocka_unit_test(test_span_cells),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_item_geometry),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_doc_and_ellipsis),
	};

	/* wcwidth needs a UTF-8 character type. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
