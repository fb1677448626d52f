/* libFuzzer target: any bytes through the YAML loader and the scenario checks. */
#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	struct diags d = {0};
	struct tree *t;

	if (size > TREE_MAX_FILE)
		return 0;
	t = tree_parse_yaml(&a, "fuzz.yaml", (const char *)data, size, &d);
	if (t != NULL)
		scenario_free(scenario_from_tree(t, &a, "fuzz.yaml", &d));
	arena_free(&a);
	diag_clear(&d);
	return 0;
}
