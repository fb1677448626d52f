/* help: read data/help.yaml into the sentences a debrief and the help screen show. */
#include "help.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paths.h"
#include "tree.h"

/* The text for lang in a {id: ..., en: ...} map ("" when missing). */
static const struct tree *
pick_lang(const struct tree *m, const char *lang)
{
	const struct tree *v = tree_get(m, lang);

	return v != NULL ? v : tree_get(m, "en");
}

/* Does a helpline entry list lang among its languages? */
static bool
serves(const struct tree *entry, const char *lang)
{
	const struct tree *langs = tree_get(entry, "langs");
	size_t i;

	for (i = 0; langs != NULL && langs->kind == TREE_SEQ && i < langs->n; i++)
		if (langs->items[i]->kind == TREE_SCALAR && strcmp(langs->items[i]->str, lang) == 0)
			return true;
	return false;
}

/* Load help texts (see help.h). */
bool
help_load(struct help *h, const char *lang, struct diags *d)
{
	char *path = xasprintf("%s/data/help.yaml", paths_data());
	struct arena *a = xcalloc(1, sizeof(*a));
	struct tree *root = tree_load_yaml(a, path, d), *v, *lines;
	size_t i, n = 0, pass;

	memset(h, 0, sizeof(*h));
	h->arena = a;
	if (root == NULL) {
		free(path);
		return false;
	}
	v = (struct tree *)pick_lang(tree_get(root, "never_your_fault"), lang);
	h->never_your_fault = v && v->kind == TREE_SCALAR ? v->str : "";
	v = (struct tree *)pick_lang(tree_get(root, "what_to_do"), lang);
	h->what_to_do = arena_alloc(a, ((v && v->kind == TREE_SEQ ? v->n : 0) + 1) * sizeof(char *));
	for (i = 0; v && v->kind == TREE_SEQ && i < v->n; i++)
		if (v->items[i]->kind == TREE_SCALAR)
			h->what_to_do[n++] = v->items[i]->str;
	v = (struct tree *)pick_lang(tree_get(root, "for_adults"), lang);
	h->for_adults = arena_alloc(a, ((v && v->kind == TREE_SEQ ? v->n : 0) + 1) * sizeof(char *));
	for (i = 0, n = 0; v && v->kind == TREE_SEQ && i < v->n; i++)
		if (v->items[i]->kind == TREE_SCALAR)
			h->for_adults[n++] = v->items[i]->str;
	v = (struct tree *)pick_lang(tree_get(root, "never_share_images"), lang);
	h->never_share_images = v && v->kind == TREE_SCALAR ? v->str : "";
	lines = tree_get(root, "helplines");
	n = 0;
	h->helplines = arena_alloc(a, ((lines && lines->kind == TREE_SEQ ? lines->n : 0) + 1) *
					   sizeof(char *));
	/* The countries that speak the learner's language first, then the rest. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; lines && lines->kind == TREE_SEQ && i < lines->n; i++) {
			const struct tree *e = lines->items[i], *c = tree_get(e, "country"),
					  *t = pick_lang(tree_get(e, "lines"), lang);
			if (serves(e, lang) != (pass == 0) || c == NULL || t == NULL ||
			    c->kind != TREE_SCALAR || t->kind != TREE_SCALAR)
				continue;
			char *line = xasprintf("%s: %s", c->str, t->str);
			h->helplines[n++] = arena_strdup(a, line);
			free(line);
		}
	free(path);
	return true;
}

/* Free the help texts. */
void
help_free(struct help *h)
{
	if (h->arena != NULL) {
		arena_free(h->arena);
		free(h->arena);
	}
	memset(h, 0, sizeof(*h));
}
