/* yaml-load FILE...: run each file through the scenario loader's YAML stage (tree-yaml.c) and
 * print "ok FILE" or its located diagnostics. Used by tests/yaml-suite.sh. */
#include <stdio.h>

#include "tree.h"

int
main(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		struct arena a = {0};
		struct diags d = {0};
		struct tree *t = tree_load_yaml(&a, argv[i], &d);

		if (t != NULL && d.errors == 0) {
			printf("ok %s\n", argv[i]);
		} else {
			diag_print(&d, stdout);
			bad++;
		}
		diag_clear(&d);
		arena_free(&a);
	}
	return bad > 0;
}
