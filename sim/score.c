/* score: compare an answer with a question's key (rules and examples: docs/scoring.md). */
#include "score.h"

#include <math.h>
#include <string.h>

/* Weights of the rules; docs/scoring.md shows them at work. */
#define CREDIT_SAME_STAGE 0.5   /* another sign of the right stage */
#define CREDIT_NEIGHBOUR  0.25  /* a sign of the stage just before or after */
#define COST_WRONG        0.25  /* a sign of an unrelated stage, or any sign on a fine message */

/* The stage of a category id; STAGE_COUNT if unknown. */
static enum stage
category_stage(const char *id, const struct category *cats, size_t ncats)
{
	size_t i;

	for (i = 0; i < ncats; i++)
		if (strcmp(cats[i].id, id) == 0)
			return cats[i].stage;
	return STAGE_COUNT;
}

/* Whether id is one of the n ids in list. */
static bool
listed(const char *const *list, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], id) == 0)
			return true;
	return false;
}

/* Whether the key names category id among the signs to find. */
bool
key_needs(const struct key *k, const char *id)
{
	return listed(k->need, k->nneed, id);
}

/* Whether the key names category id among the signs also worth noticing. */
bool
key_also(const struct key *k, const char *id)
{
	return listed(k->also, k->nalso, id);
}

/* The key of a question (see score.h). The author's intent decides what must be found: the
 * trial showed the detector adding a plausible extra sign (a "just between us" read as moving
 * somewhere private too) and a learner who answered as the author meant being marked down. */
struct key
score_key(const struct verdict *v, const char *expect, const char *const *signs,
	  const struct category *cats, size_t ncats)
{
	struct key k;
	enum stage want = expect != NULL ? stage_from_id(expect) : STAGE_COUNT;
	size_t i;

	memset(&k, 0, sizeof(k));
	if (want == STAGE_COUNT && signs != NULL && signs[0] != NULL)
		want = category_stage(signs[0], cats, ncats); /* the signs say what the message shows */
	k.stage = want != STAGE_COUNT ? want : v->stage;
	if (k.stage == STAGE_NONE)
		return k; /* a fine message: nothing to find, "nothing worrying" is the answer */
	if (signs != NULL && signs[0] != NULL) {
		for (i = 0; signs[i] != NULL && k.nneed < SCORE_KEY_MAX; i++)
			if (!listed(k.need, k.nneed, signs[i]))
				k.need[k.nneed++] = signs[i];
		for (i = 0; i < v->ncategories && k.nalso < SCORE_KEY_MAX; i++)
			if (!listed(k.need, k.nneed, v->categories[i]))
				k.also[k.nalso++] = v->categories[i];
	} else {
		for (i = 0; i < v->ncategories && k.nneed < SCORE_KEY_MAX; i++)
			k.need[k.nneed++] = v->categories[i];
	}
	return k;
}

/* Stages next to each other in the seed's order overlap in real cases. */
static bool
neighbours(enum stage a, enum stage b)
{
	return a < STAGE_NONE && b < STAGE_NONE && (a + 1 == b || b + 1 == a);
}

/* Name an outcome from the credit. */
static enum outcome
outcome_of(double credit)
{
	if (credit >= 0.999)
		return OUTCOME_RIGHT;
	return credit > 0 ? OUTCOME_PARTLY : OUTCOME_MISSED;
}

/* Beginner level: one stage (or nothing worrying) against the key's stage. */
static struct mark
score_beginner(const struct key *k, const struct answer *a)
{
	struct mark m = {0};
	size_t i;
	bool exact = false, near = false;

	if (k->stage == STAGE_NONE) {
		m.credit = a->nothing && a->n == 0 ? 1 : 0;
		m.wrong = a->n;
		m.outcome = m.credit > 0 ? OUTCOME_RIGHT : OUTCOME_FALSE_ALARM;
		return m;
	}
	for (i = 0; i < a->n; i++) {
		enum stage st = stage_from_id(a->picks[i]);
		if (st == k->stage)
			exact = true;
		else if (neighbours(st, k->stage))
			near = true;
		else
			m.wrong++;
		if (st != k->stage && m.nextra < ANSWER_MAX)
			m.extra[m.nextra++] = a->picks[i];
	}
	m.hits = exact;
	m.near = near && !exact;
	m.credit = exact ? 1 : near ? 0.5 : 0;
	m.credit -= COST_WRONG * (double)m.wrong;
	if (m.credit < 0)
		m.credit = 0;
	m.missed = !exact;
	m.outcome = outcome_of(m.credit);
	return m;
}

/* Mark one answer (see score.h). */
struct mark
score_turn(const struct key *k, const struct answer *a, enum level level,
	   const struct category *cats, size_t ncats)
{
	struct mark m = {0};
	size_t i, need;
	double got = 0;

	if (level == LEVEL_BEGINNER)
		return score_beginner(k, a);
	if (k->stage == STAGE_NONE) {
		/* A fine message: "nothing worrying" is the sign to spot. */
		m.wrong = a->n;
		m.credit = a->nothing && a->n == 0 ? 1 : 0;
		m.outcome = m.credit > 0 ? OUTCOME_RIGHT : OUTCOME_FALSE_ALARM;
		return m;
	}
	for (i = 0; i < a->n; i++) {
		const char *id = a->picks[i];
		enum stage st = category_stage(id, cats, ncats);
		if (key_needs(k, id)) {
			m.hits++;
			got += 1;
			continue;
		}
		if (key_also(k, id)) {
			/* Really in the message: it counts like a sign of the right stage, never less. */
			m.also++;
			got += CREDIT_SAME_STAGE;
			continue;
		}
		if (st == k->stage) {
			m.near++;
			got += CREDIT_SAME_STAGE;
		} else if (neighbours(st, k->stage)) {
			m.near++;
			got += CREDIT_NEIGHBOUR;
		} else {
			m.wrong++;
		}
		if (m.nextra < ANSWER_MAX)
			m.extra[m.nextra++] = id;
	}
	need = k->nneed > 0 ? k->nneed : 1;
	/* Every sign to find named is full marks, whatever else is worth noticing. */
	m.credit = m.hits >= need ? 1 : got / (double)need;
	if (m.credit > 1)
		m.credit = 1;
	m.credit -= COST_WRONG * (double)m.wrong;
	if (m.credit < 0)
		m.credit = 0;
	m.credit = round(m.credit * 100) / 100; /* two decimals: what results and reports show */
	m.missed = need > m.hits ? need - m.hits : 0;
	m.outcome = outcome_of(m.credit);
	return m;
}

/* Add a marked turn to the running scores. */
void
tally_add(struct tally *t, enum stage st, const struct mark *m)
{
	if (st >= STAGE_COUNT)
		return;
	t->credit[st] += m->credit;
	t->turns[st]++;
}

/* Percentage over every asked turn. */
int
tally_percent(const struct tally *t)
{
	double c = 0;
	int n = 0, i;

	for (i = 0; i < STAGE_COUNT; i++) {
		c += t->credit[i];
		n += t->turns[i];
	}
	return n > 0 ? (int)lround(100 * c / n) : -1;
}

/* Percentage for one stage. */
int
tally_stage_percent(const struct tally *t, enum stage st)
{
	return t->turns[st] > 0 ? (int)lround(100 * t->credit[st] / t->turns[st]) : -1;
}

/* Stable id of an outcome, as results files write it. */
const char *
outcome_id(enum outcome o)
{
	switch (o) {
	case OUTCOME_RIGHT: return "right";
	case OUTCOME_PARTLY: return "partly";
	case OUTCOME_MISSED: return "missed";
	default: return "false-alarm";
	}
}

/* Stable id of a level. */
const char *
level_id(enum level l)
{
	return l == LEVEL_BEGINNER ? "beginner" : "standard";
}
