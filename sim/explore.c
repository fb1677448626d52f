/* explore: enumerate choice paths, replay each through the detector, compare with intent. */
#include "explore.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* A path is the choice taken at each choice step met, in order. */
struct path {
	unsigned char pick[64];
	size_t n;
};

struct walk {
	const struct scenario *s;
	struct path *paths;
	size_t npaths;
};

/* Depth-first over choices from step i with the choices so far; loops are cut by a length cap. */
static void
enumerate(struct walk *w, int i, struct path *cur, size_t len)
{
	const struct scenario *s = w->s;

	while (i >= 0 && w->npaths < EXPLORE_MAX_PATHS) {
		const struct step *st = &s->steps[i];
		if (++len > 4 * s->nsteps + 8)
			return; /* a loop without an exit: `check` reports loops elsewhere */
		if (st->kind == STEP_MESSAGE) {
			i = st->target == INT_MIN ? -1 : st->target;
			continue;
		}
		if (cur->n == sizeof cur->pick)
			return;
		for (size_t c = 0; c < st->nchoices && w->npaths < EXPLORE_MAX_PATHS; c++) {
			struct path next = *cur;
			next.pick[next.n++] = (unsigned char)c;
			enumerate(w, st->choices[c].target, &next, len);
		}
		return;
	}
	if (w->npaths < EXPLORE_MAX_PATHS)
		w->paths[w->npaths++] = *cur;
}

/* Whether the verdict names category id. */
static bool
has_category(const struct verdict *v, const char *id)
{
	for (size_t i = 0; i < v->ncategories; i++)
		if (strcmp(v->categories[i], id) == 0)
			return true;
	return false;
}

/* The evidence of a verdict as one short string: "quoted spans" (signal ids). */
static char *
evidence(const struct step *st, const struct verdict *v)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < v->nspans; i++)
		buf_addf(&b, "%s\"%.*s\"", i ? ", " : "", (int)(v->spans[i].end - v->spans[i].start),
			 st->text + v->spans[i].start);
	for (i = 0; i < v->nsignals; i++)
		buf_addf(&b, "%s%s", i ? ", " : (b.len ? " (" : "("), v->signals[i]);
	if (v->nsignals > 0)
		buf_adds(&b, ")");
	if (b.s == NULL)
		buf_adds(&b, _("no evidence"));
	return b.s;
}

/* Replay one path and compare at each question; each step is reported once (flags). */
static void
replay(const struct scenario *s, struct detector *det, const struct path *p, char *reported,
       struct diags *d)
{
	size_t k = 0, len = 0;
	int i = 0;

	detector_reset(det);
	while (i >= 0 && len++ < 4 * s->nsteps + 8) {
		const struct step *st = &s->steps[i];
		struct verdict v;
		const char *err;

		if (st->kind == STEP_CHOICE) {
			const struct choice *ch = &st->choices[k < p->n ? p->pick[k] : 0];
			k++;
			if (detector_message(det, s->persona.name, ch->text, strlen(ch->text), s->lang,
					     true, &v, &err))
				verdict_free(&v);
			i = ch->target == INT_MIN ? -1 : ch->target;
			continue;
		}
		if (st->speaker != SPEAKER_SYSTEM &&
		    detector_message(det, scenario_speaker_name(s, st->speaker), st->text,
				     strlen(st->text), s->lang, st->speaker == SPEAKER_PERSONA, &v, &err)) {
			if (st->ask && !reported[i]) {
				enum stage want = st->expect ? stage_from_id(st->expect) : STAGE_COUNT;
				if (want != STAGE_COUNT && want != v.stage) {
					char *ev = evidence(st, &v);
					diag_add(d, s->path, st->line, st->col, DIAG_WARNING, D_INTENT_STAGE,
						 _("'expect: %s' but the detector sees '%s' here: %s"),
						 st->expect, stage_id(v.stage), ev);
					free(ev);
					reported[i] = 1;
				}
				for (const char **g = st->signs; g && *g && !reported[i]; g++)
					if (!has_category(&v, *g)) {
						char *ev = evidence(st, &v);
						diag_add(d, s->path, st->line, st->col, DIAG_WARNING,
							 D_INTENT_SIGN,
							 _("'signs' names '%s' but the detector does not see it "
							   "here: %s"), *g, ev);
						free(ev);
						reported[i] = 1;
					}
			}
			verdict_free(&v);
		}
		i = st->target == INT_MIN ? -1 : st->target;
	}
}

/* Compare intent and verdicts over every path (see explore.h). */
size_t
explore_check_intent(const struct scenario *s, struct detector *det, struct diags *d)
{
	struct walk w = {.s = s};
	struct path start = {.n = 0};
	char *reported;
	size_t i, n;

	if (s->nsteps == 0)
		return 0;
	w.paths = xcalloc(EXPLORE_MAX_PATHS, sizeof(*w.paths));
	enumerate(&w, 0, &start, 0);
	reported = xcalloc(s->nsteps, 1);
	for (i = 0; i < w.npaths; i++)
		replay(s, det, &w.paths[i], reported, d);
	n = w.npaths;
	free(reported);
	free(w.paths);
	return n;
}
