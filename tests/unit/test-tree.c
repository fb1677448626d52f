/* Unit tests of the YAML loader's bounds and positions (tree-yaml.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tree.h"

/* Parse text; return the tree (NULL on error) and leave diagnostics in d. */
static struct tree *
parse(struct arena *a, struct diags *d, const char *text)
{
	return tree_parse_yaml(a, "t.yaml", text, strlen(text), d);
}

/* The first diagnostic's code, line and column must be these. */
static void
expect_diag(const struct diags *d, const char *code, int line, int col)
{
	assert_true(d->n >= 1);
	assert_string_equal(d->v[0].code, code);
	assert_int_equal(d->v[0].line, line);
	assert_int_equal(d->v[0].col, col);
}

static void
test_positions(void **state)
{
	struct arena a = {0};
	struct diags d = {0};
	struct tree *t = parse(&a, &d, "id: x\nlist:\n  - one\n  - \"two\"\n");

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->kind, TREE_MAP);
	struct tree *l = tree_get(t, "list");
	assert_non_null(l);
	assert_int_equal(l->n, 2);
	assert_int_equal(l->items[1]->line, 4);
	assert_int_equal(l->items[1]->col, 5);
	assert_false(l->items[0]->quoted);
	assert_true(l->items[1]->quoted);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_duplicate_key(void **state)
{
	struct arena a = {0};
	struct diags d = {0};

	(void)state;
	parse(&a, &d, "a: 1\nb: 2\na: 3\n");
	expect_diag(&d, D_DUP_KEY, 3, 1);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_invalid_utf8_located(void **state)
{
	struct arena a = {0};
	struct diags d = {0};

	(void)state;
	assert_null(parse(&a, &d, "a: ok\nb: caf\xe9\n"));
	expect_diag(&d, D_UTF8, 2, 7);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_depth_limit(void **state)
{
	struct arena a = {0};
	struct diags d = {0};
	char text[400];
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		text[i] = '[';
	text[100] = '\0';
	assert_null(parse(&a, &d, text));
	assert_string_equal(d.v[0].code, D_LIMIT);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_alias_expansion_bounded(void **state)
{
	/* The "billion laughs": each level doubles ten times; expansion must stop at the limit. */
	const char *bomb =
		"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
	struct arena a = {0};
	struct diags d = {0};

	(void)state;
	assert_null(parse(&a, &d, bomb));
	assert_string_equal(d.v[0].code, D_LIMIT);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_self_alias(void **state)
{
	struct arena a = {0};
	struct diags d = {0};

	(void)state;
	assert_null(parse(&a, &d, "a: &x [1, *x]\n"));
	expect_diag(&d, D_SYNTAX, 1, 11);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_alias_copies(void **state)
{
	struct arena a = {0};
	struct diags d = {0};
	struct tree *t = parse(&a, &d, "a: &x {k: v}\nb: *x\n");

	(void)state;
	assert_non_null(t);
	assert_string_equal(tree_get(tree_get(t, "b"), "k")->str, "v");
	arena_free(&a);
	diag_clear(&d);
}

static void
test_scalar_limit(void **state)
{
	struct arena a = {0};
	struct diags d = {0};
	size_t n = TREE_MAX_SCALAR + 10;
	char *text = malloc(n + 8);

	(void)state;
	memcpy(text, "a: ", 3);
	memset(text + 3, 'x', n);
	strcpy(text + 3 + n, "\n");
	assert_null(parse(&a, &d, text));
	expect_diag(&d, D_TOO_BIG, 1, 4);
	free(text);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_alias_count_limit(void **state)
{
	/* 1001 uses of a one-value anchor: small in memory, but over the alias limit. */
	struct arena a = {0};
	struct diags d = {0};
	struct buf b = {0};
	int i;

	(void)state;
	buf_adds(&b, "a: &x 1\nb: [");
	for (i = 0; i < TREE_MAX_ALIASES + 1; i++)
		buf_adds(&b, i ? ", *x" : "*x");
	buf_adds(&b, "]\n");
	assert_null(parse(&a, &d, b.s));
	assert_string_equal(d.v[0].code, D_LIMIT);
	assert_non_null(strstr(d.v[0].msg, "alias"));
	buf_free(&b);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_file_size_limit(void **state)
{
	struct arena a = {0};
	struct diags d = {0};
	char path[] = "/tmp/waspada-big-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	size_t i;

	(void)state;
	assert_non_null(f);
	for (i = 0; i < TREE_MAX_FILE / 16 + 1; i++)
		fputs("# sixteen bytes\n", f);
	fclose(f);
	assert_null(tree_load_yaml(&a, path, &d));
	assert_string_equal(d.v[0].code, D_TOO_BIG);
	unlink(path);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_two_documents(void **state)
{
	struct arena a = {0};
	struct diags d = {0};

	(void)state;
	assert_null(parse(&a, &d, "a: 1\n---\nb: 2\n"));
	expect_diag(&d, D_SYNTAX, 2, 1);
	arena_free(&a);
	diag_clear(&d);
}

static void
test_syntax_error_no_raw_code(void **state)
{
	struct arena a = {0};
	struct diags d = {0};

	(void)state;
	assert_null(parse(&a, &d, "a: [1, 2\nb: 3\n"));
	assert_string_equal(d.v[0].code, D_SYNTAX);
	assert_non_null(strstr(d.v[0].msg, "YAML syntax"));
	arena_free(&a);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_invalid_utf8_located),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_alias_expansion_bounded),
		cmocka_unit_test(test_self_alias),
		cmocka_unit_test(test_alias_copies),
		cmocka_unit_test(test_scalar_limit),
		cmocka_unit_test(test_alias_count_limit),
		cmocka_unit_test(test_file_size_limit),
		cmocka_unit_test(test_two_documents),
		cmocka_unit_test(test_syntax_error_no_raw_code),
	};

	return cmocka_run_group_tests_name("tree", tests, NULL, NULL);
}
