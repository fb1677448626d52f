/* libFuzzer target: any bytes as a Lua scenario, in the sandbox, then the scenario checks. */
#include <stddef.h>
#include <stdint.h>

#include "lua-api.h"
#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	struct diags d = {0};
	struct tree *t;

	if (size > 4096) /* keep each run short: the sandbox budgets are tested elsewhere */
		return 0;
	t = lua_api_parse_scenario(&a, "fuzz.lua", (const char *)data, size, &d);
	if (t != NULL)
		scenario_free(scenario_from_tree(t, &a, "fuzz.lua", &d));
	arena_free(&a);
	diag_clear(&d);
	return 0;
}
