/* catalog: scan the scenario folders; shipped scenarios are found by id. */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

/* Whether a file name has a scenario's extension. */
bool
catalog_is_scenario_file(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".lua") == 0);
}

/* Course order: language, then the `order` field, then id. */
static int
cmp_entries(const void *pa, const void *pb)
{
	const struct catalog_entry *a = pa, *b = pb;
	int c = strcmp(a->s->lang, b->s->lang);

	if (c != 0)
		return c;
	if (a->s->order != b->s->order)
		return a->s->order < b->s->order ? -1 : 1;
	return strcmp(a->s->id, b->s->id);
}

/* Load the shipped scenarios. */
void
catalog_load(struct catalog *c, const char *lang, struct diags *d)
{
	char *dir = xasprintf("%s/scenarios", paths_data());
	size_t n, i;
	char **files = paths_find(dir, catalog_is_scenario_file, &n);

	memset(c, 0, sizeof(*c));
	c->v = xcalloc(n + 1, sizeof(*c->v));
	for (i = 0; i < n; i++) {
		struct scenario *s = scenario_load(files[i], d);
		if (s != NULL && (lang == NULL || strcmp(s->lang, lang) == 0)) {
			c->v[c->n].path = files[i];
			c->v[c->n].s = s;
			c->n++;
		} else {
			scenario_free(s);
			free(files[i]);
		}
	}
	free(files);
	free(dir);
	if (c->n > 1) /* (qsort wants a non-NULL array even when empty) */
		qsort(c->v, c->n, sizeof(*c->v), cmp_entries);
}

/* Free a catalog. */
void
catalog_free(struct catalog *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].path);
		scenario_free(c->v[i].s);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* A path as given, else a shipped scenario's id (preferring lang). */
char *
catalog_resolve(const char *arg, const char *lang)
{
	struct stat st;
	struct catalog c;
	struct diags d = {0};
	char *found = NULL;
	size_t i;
	int pass;

	if (strchr(arg, '/') != NULL || catalog_is_scenario_file(arg) ||
	    (stat(arg, &st) == 0 && S_ISREG(st.st_mode)))
		return xstrdup(arg);
	/* Shipped scenarios are named after their id: try that first, and load the whole
	 * catalogue only when someone named a file differently. */
	for (pass = 0; pass < 4; pass++) {
		const char *mine = lang != NULL && strcmp(lang, "id") == 0 ? "id" : "en";
		const char *l = pass < 2 ? mine : (strcmp(mine, "id") == 0 ? "en" : "id");
		char *p = xasprintf("%s/scenarios/%s/%s.%s", paths_data(), l, arg,
				    pass % 2 == 0 ? "yaml" : "lua");
		struct scenario *s = access(p, R_OK) == 0 ? scenario_load(p, &d) : NULL;
		bool ok = s != NULL && strcmp(s->id, arg) == 0 && strcmp(s->lang, l) == 0;
		scenario_free(s);
		diag_clear(&d);
		if (ok)
			return p;
		free(p);
	}
	catalog_load(&c, NULL, &d);
	for (pass = 0; pass < 2 && found == NULL; pass++)
		for (i = 0; i < c.n && found == NULL; i++)
			if (strcmp(c.v[i].s->id, arg) == 0 &&
			    (pass == 1 || lang == NULL || strcmp(c.v[i].s->lang, lang) == 0))
				found = xstrdup(c.v[i].path);
	catalog_free(&c);
	diag_clear(&d);
	return found;
}
