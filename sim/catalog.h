/* catalog: the scenarios Waspada ships (DATADIR/scenarios/LANG/) and finding one by id or path. */
#ifndef WASPADA_CATALOG_H
#define WASPADA_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "scenario.h"

struct catalog_entry {
	char *path;
	struct scenario *s;
};

struct catalog {
	struct catalog_entry *v;
	size_t n;
};

/* Load every shipped scenario (lang NULL: both languages), sorted by language, course order
 * and id. Broken files go to d. */
void catalog_load(struct catalog *c, const char *lang, struct diags *d);
void catalog_free(struct catalog *c);
/* Resolve SCENARIO (a path, or a shipped id in lang, else in the other language) to a path.
 * Freshly allocated, or NULL. */
char *catalog_resolve(const char *arg, const char *lang);
bool catalog_is_scenario_file(const char *name);

#endif
