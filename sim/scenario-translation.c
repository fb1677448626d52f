/* scenario-translation: a translated scenario must keep its original's shape: the same message
 * ids, the same question points, the same choices and endings, and an equal version. */
#include <limits.h>
#include <string.h>

#include "i18n.h"
#include "scenario.h"

/* The step with this id in s, or NULL. */
static const struct step *
find_step(const struct scenario *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nsteps; i++)
		if (strcmp(s->steps[i].id, id) == 0)
			return &s->steps[i];
	return NULL;
}

/* Report, in b's file, how b differs in shape from a (its other-language twin). */
static void
compare_one_way(const struct scenario *a, const struct scenario *b, struct diags *d)
{
	size_t i;

	for (i = 0; i < a->nsteps; i++) {
		const struct step *sa = &a->steps[i], *sb = find_step(b, sa->id);
		if (sb == NULL) {
			diag_add(d, b->path, 1, 1, DIAG_WARNING, D_TR_MISSING,
				 _("the %s version has the step '%s' (%s:%d) but this one does not"), a->lang,
				 sa->id, a->path, sa->line);
			continue;
		}
		if (sa->kind != sb->kind)
			diag_add(d, b->path, sb->line, sb->col, DIAG_WARNING, D_TR_SHAPE,
				 _("'%s' is a %s here but a %s in the %s version"), sb->id,
				 sb->kind == STEP_CHOICE ? _("choice") : _("message"),
				 sa->kind == STEP_CHOICE ? _("choice") : _("message"), a->lang);
		else if (sa->kind == STEP_MESSAGE && sa->ask && !sb->ask)
			diag_add(d, b->path, sb->line, sb->col, DIAG_WARNING, D_TR_SHAPE,
				 _("'%s' asks a question in the %s version but not here"), sb->id, a->lang);
		else if (sa->kind == STEP_CHOICE && sa->nchoices != sb->nchoices)
			diag_add(d, b->path, sb->line, sb->col, DIAG_WARNING, D_TR_SHAPE,
				 _("'%s' has %zu choices here but %zu in the %s version"), sb->id, sb->nchoices,
				 sa->nchoices, a->lang);
		else if (sa->kind == STEP_MESSAGE && sa->expect && sb->expect &&
			 strcmp(sa->expect, sb->expect) != 0)
			diag_add(d, b->path, sb->line, sb->col, DIAG_WARNING, D_TR_SHAPE,
				 _("'%s' expects '%s' here but '%s' in the %s version"), sb->id, sb->expect,
				 sa->expect, a->lang);
	}
	for (i = 0; i < a->nendings; i++)
		if (scenario_find(b, a->endings[i].id) == INT_MIN)
			diag_add(d, b->path, 1, 1, DIAG_WARNING, D_TR_MISSING,
				 _("the %s version has the ending '%s' but this one does not"), a->lang,
				 a->endings[i].id);
}

/* Compare two language versions of one scenario both ways; the one with the lower version is
 * outdated. */
void
scenario_compare_translation(const struct scenario *a, const struct scenario *b, struct diags *d)
{
	compare_one_way(a, b, d);
	compare_one_way(b, a, d);
	if (a->version != b->version) {
		const struct scenario *old = a->version < b->version ? a : b;
		const struct scenario *new = old == a ? b : a;
		diag_add(d, old->path, 1, 1, DIAG_WARNING, D_TR_OUTDATED,
			 _("this translation is outdated: version %d, but the %s version is %d"),
			 old->version, new->lang, new->version);
	}
}
