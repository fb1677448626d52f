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

/* A random path (xorshift: the same seed gives the same sample). */
static void
random_path(const struct scenario *s, unsigned *state, struct path *p)
{
	int i = 0;
	size_t len = 0;

	p->n = 0;
	while (i >= 0 && len++ < 4 * s->nsteps + 8 && p->n < sizeof p->pick) {
		const struct step *st = &s->steps[i];
		if (st->kind == STEP_MESSAGE) {
			i = st->target == INT_MIN ? -1 : st->target;
			continue;
		}
		*state ^= *state << 13;
		*state ^= *state >> 17;
		*state ^= *state << 5;
		size_t c = *state % st->nchoices;
		p->pick[p->n++] = (unsigned char)c;
		i = st->choices[c].target;
	}
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
evidence(const char *text, const struct verdict *v)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < v->nspans; i++)
		buf_addf(&b, "%s\"%.*s\"", i ? ", " : "", (int)(v->spans[i].end - v->spans[i].start),
			 text + v->spans[i].start);
	for (i = 0; i < v->nsignals; i++)
		buf_addf(&b, "%s%s", i ? ", " : (b.len ? " (" : "("), v->signals[i]);
	if (v->nsignals > 0)
		buf_adds(&b, ")");
	if (b.s == NULL)
		buf_adds(&b, _("no evidence"));
	return b.s;
}

struct state {
	const struct scenario *s;
	struct detector *det;
	struct diags *d;
	bool unasked;
	char *reported;        /* per step: intent already reported */
	bool unasked_reported[STAGE_COUNT];
	struct explore_stats *stats;
	size_t work;           /* detector calls so far (walk and sample together) */
};

/* Count one detector call against the budget; false when it is spent. */
static bool
spend(struct state *x)
{
	if (x->work >= EXPLORE_MAX_WORK)
		return false;
	x->work++;
	return true;
}

/* Judge a reply the persona sends (its verdict matters only for the conversation state). */
static bool
judge_reply(struct state *x, const struct choice *ch)
{
	const struct scenario *s = x->s;
	struct verdict v;
	const char *err;

	if (ch->text == NULL) /* an action alone is not a chat message */
		return true;
	if (!spend(x))
		return false;
	if (detector_message(x->det, s->persona.name, ch->text, strlen(ch->text), s->lang, true, &v,
			     &err))
		verdict_free(&v);
	return true;
}

/* Compare one question's verdict with the author's intent (once per step). */
static void
compare_intent(struct state *x, int i, const struct verdict *v)
{
	const struct step *st = &x->s->steps[i];
	enum stage want = st->expect ? stage_from_id(st->expect) : STAGE_COUNT;
	char *ev;

	if (x->reported[i])
		return;
	if (want != STAGE_COUNT && want != v->stage) {
		ev = evidence(st->text, v);
		diag_add(x->d, x->s->path, st->line, st->col, DIAG_WARNING, D_INTENT_STAGE,
			 _("'expect: %s' but the detector sees '%s' here: %s"), st->expect,
			 stage_id(v->stage), ev);
		free(ev);
		x->reported[i] = 1;
		return;
	}
	/* Every difference at once: each sign named but not seen, each sign seen but not named. */
	for (const char **g = st->signs; g && *g; g++)
		if (!has_category(v, *g)) {
			ev = evidence(st->text, v);
			diag_add(x->d, x->s->path, st->line, st->col, DIAG_WARNING, D_INTENT_SIGN,
				 _("'signs' names '%s' but the detector does not see it here: %s"), *g, ev);
			free(ev);
			x->reported[i] = 1;
		}
	if (st->signs == NULL || want == STAGE_NONE)
		return;
	for (size_t k = 0; k < v->ncategories; k++) {
		const char **g;
		for (g = st->signs; *g && strcmp(*g, v->categories[k]) != 0; g++)
			;
		if (*g == NULL) {
			ev = evidence(st->text, v);
			diag_add(x->d, x->s->path, st->line, st->col, DIAG_WARNING, D_INTENT_EXTRA,
				 _("the detector also sees '%s' here, which 'signs' does not name (learners "
				   "are shown it as also worth noticing, not required): %s"),
				 v->categories[k], ev);
			free(ev);
			x->reported[i] = 1;
		}
	}
}

/* What one path has seen so far, for the unasked-stages warning (copied at each branch). */
struct seen {
	bool asked[STAGE_COUNT];
	int first_unasked[STAGE_COUNT];
};

/* At the end of a path: report stages the detector saw that no question on it asked about. */
static void
path_end(struct state *x, const struct seen *sn)
{
	const struct scenario *s = x->s;

	if (!x->unasked)
		return;
	for (int st = 0; st < STAGE_NONE; st++)
		if (sn->first_unasked[st] >= 0 && !sn->asked[st] && !x->unasked_reported[st]) {
			const struct step *m = &s->steps[sn->first_unasked[st]];
			diag_add(x->d, s->path, m->line, m->col, DIAG_WARNING, D_UNASKED,
				 _("the detector sees '%s' at '%s', but on this path no question asks "
				   "about that stage; consider 'ask: true' here"), stage_id((enum stage)st),
				 m->id);
			x->unasked_reported[st] = true;
		}
}

/* Judge one message on the current path; false when the work budget is spent. */
static bool
walk_message(struct state *x, int i, struct seen *sn)
{
	const struct scenario *s = x->s;
	const struct step *st = &s->steps[i];
	struct verdict v;
	const char *err;

	if (!spend(x))
		return false;
	if (st->speaker == SPEAKER_SYSTEM ||
	    !detector_message(x->det, scenario_speaker_name(s, st->speaker), st->text, strlen(st->text),
			      s->lang, st->speaker == SPEAKER_PERSONA, &v, &err))
		return true;
	if (st->ask) {
		compare_intent(x, i, &v);
		sn->asked[v.stage] = true;
	} else if (v.stage != STAGE_NONE && sn->first_unasked[v.stage] < 0) {
		sn->first_unasked[v.stage] = i;
	}
	verdict_free(&v);
	return true;
}

/* Replay one sampled path from the start (for scenarios with too many paths to walk); false
 * when the work budget ran out on the way. */
static bool
replay(struct state *x, const struct path *p)
{
	const struct scenario *s = x->s;
	struct seen sn;
	size_t k = 0, len = 0;
	int i = 0;

	for (k = 0; k < STAGE_COUNT; k++) {
		sn.asked[k] = false;
		sn.first_unasked[k] = -1;
	}
	k = 0;
	detector_reset(x->det);
	while (i >= 0 && len++ < 4 * s->nsteps + 8) {
		const struct step *st = &s->steps[i];
		int target;
		if (st->kind == STEP_CHOICE) {
			const struct choice *ch = &st->choices[k < p->n ? p->pick[k] : 0];
			k++;
			if (!judge_reply(x, ch))
				return false;
			target = ch->target;
		} else {
			if (!walk_message(x, i, &sn))
				return false;
			target = st->target;
		}
		if (target < 0 && target != INT_MIN && x->stats)
			x->stats->endings[-target - 1]++;
		i = target == INT_MIN ? -1 : target;
	}
	path_end(x, &sn);
	return true;
}

/* A choice on the path being walked: where the walk comes back to try its next reply. */
struct frame {
	int step;       /* the choice step */
	size_t next;    /* the next reply to try */
	int snap;       /* the detector's state before the reply */
	size_t len;     /* steps on the path up to and with the choice */
	struct seen sn; /* what the path had seen before it */
};

/* Depth first, without recursion (a reply that loops back made the old recursion 40,000 deep):
 * the detector holds the conversation up to here, and at each choice the state is kept so each
 * reply starts from it and every step of a shared beginning is judged once. Returns false when
 * the path budget or the work budget is spent, or a path meets too many choices. */
static bool
walk(struct state *x, struct seen sn, size_t *leaves)
{
	const struct scenario *s = x->s;
	struct frame *fr = NULL;
	size_t nfr = 0, cap = 0, len = 0;
	bool complete = false;
	int i = 0;

	for (;;) {
		bool at_choice = false;
		while (i >= 0) {
			const struct step *st = &s->steps[i];
			if (++len > 4 * s->nsteps + 8)
				break; /* a loop: check reports those (E204) */
			if (st->kind == STEP_MESSAGE) {
				if (!walk_message(x, i, &sn))
					goto out;
				if (st->target < 0 && st->target != INT_MIN && x->stats)
					x->stats->endings[-st->target - 1]++;
				i = st->target == INT_MIN ? -1 : st->target;
				continue;
			}
			if (nfr == EXPLORE_MAX_DEPTH)
				goto out;
			GROW(fr, cap, nfr + 1);
			fr[nfr++] = (struct frame){.step = i, .next = 0, .snap = detector_snapshot(x->det),
						   .len = len, .sn = sn};
			at_choice = true;
			break;
		}
		if (!at_choice) {
			path_end(x, &sn);
			(*leaves)++;
		}
		/* The next untried reply of the innermost choice. */
		for (;;) {
			struct frame *f;
			const struct choice *ch;

			if (nfr == 0) {
				complete = true;
				goto out;
			}
			f = &fr[nfr - 1];
			if (f->next == s->steps[f->step].nchoices) {
				detector_drop(x->det, f->snap);
				nfr--;
				continue;
			}
			if (*leaves >= EXPLORE_MAX_PATHS)
				goto out;
			ch = &s->steps[f->step].choices[f->next];
			if (f->next++ > 0)
				detector_restore(x->det, f->snap);
			if (!judge_reply(x, ch))
				goto out;
			sn = f->sn;
			len = f->len;
			if (ch->target < 0 && ch->target != INT_MIN) {
				if (x->stats)
					x->stats->endings[-ch->target - 1]++;
				path_end(x, &sn);
				(*leaves)++;
				continue;
			}
			if (ch->target == INT_MIN)
				continue;
			i = ch->target;
			break;
		}
	}
out:
	while (nfr > 0)
		detector_drop(x->det, fr[--nfr].snap);
	free(fr);
	return complete;
}

/* Walk every path, or a sample (see explore.h). */
void
explore_run(const struct scenario *s, struct detector *det, struct diags *d, bool unasked,
	    unsigned seed, struct explore_stats *stats)
{
	struct state x = {.s = s, .det = det, .d = d, .unasked = unasked, .stats = stats};
	struct seen sn;
	unsigned rng = seed ? seed : 1;
	size_t i, leaves = 0;
	bool complete;

	if (s->nsteps == 0)
		return;
	for (i = 0; i < STAGE_COUNT; i++) {
		sn.asked[i] = false;
		sn.first_unasked[i] = -1;
	}
	x.reported = xcalloc(s->nsteps, 1);
	detector_reset(det);
	complete = walk(&x, sn, &leaves);
	if (!complete)
		for (i = 0; i < EXPLORE_SAMPLE; i++) {
			struct path p;
			random_path(s, &rng, &p);
			if (!replay(&x, &p))
				break;
			leaves++;
		}
	if (stats != NULL) {
		stats->paths = leaves;
		stats->sampled = !complete;
		stats->work = x.work;
		stats->cut = x.work >= EXPLORE_MAX_WORK;
	}
	free(x.reported);
}
