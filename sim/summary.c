/* summary: count a class's results once (see summary.h). Every loop is over the attempts, their
 * turns and the lexicon's categories, sorted rather than searched, so 10,000 pupils stay fast. */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Whether a scenario id is a before/after quiz. */
static bool
summary_is_quiz(const char *scenario)
{
	return scenario != NULL && strncmp(scenario, "quiz-", 5) == 0;
}

/* caught/shown in percent. */
int
summary_percent(const struct summary_count *c)
{
	return c->shown > 0 ? (int)lround(100.0 * c->caught / c->shown) : -1;
}

/* The index of a category id. */
int
summary_sign_index(const struct summary *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->ncats && i < SUMMARY_SIGNS; i++)
		if (strcmp(s->cats[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* NULL-safe strcmp. */
static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* qsort order: when the attempt started (the CSV's order). */
static int
cmp_started(const void *pa, const void *pb)
{
	const struct attempt *a = pa, *b = pb;

	return cmp_str(a->started, b->started);
}

/* Who made an attempt: the nickname, or the file when there is none. */
static const char *
pupil_key(const struct attempt *at)
{
	return at->nickname != NULL && *at->nickname != '\0' ? at->nickname : at->file;
}

/* qsort order of attempt pointers: by pupil (class, then name), then by start. */
static int
cmp_pupil(const void *pa, const void *pb)
{
	const struct attempt *a = *(const struct attempt *const *)pa, *b = *(const struct attempt *const *)pb;
	int c = cmp_str(a->class_code, b->class_code);

	if (c == 0)
		c = cmp_str(pupil_key(a), pupil_key(b));
	return c != 0 ? c : cmp_str(a->started, b->started);
}

/* Whether the learner's answer names pick. */
static bool
answered(const struct record_turn *t, const char *pick)
{
	size_t i;

	for (i = 0; i < t->nanswer; i++)
		if (strcmp(t->answer[i], pick) == 0)
			return true;
	return false;
}

/* Whether a turn caught sign c: named it, or at beginner level named its stage. */
static bool
caught(const struct attempt *at, const struct record_turn *t, const struct category *c)
{
	if (at->level != NULL && strcmp(at->level, "beginner") == 0)
		return answered(t, stage_id(c->stage));
	return answered(t, c->id);
}

/* Count one attempt's turns into a pupil and the class. */
static void
count_turns(struct summary *s, struct summary_pupil *p, const struct attempt *at)
{
	size_t j, k;

	for (j = 0; j < at->nturns; j++) {
		const struct record_turn *t = &at->turns[j];
		if (t->stage == STAGE_NONE) {
			bool flagged = t->nanswer > 0 && !t->nothing;
			p->fine.shown++, s->fine.shown++;
			p->fine.caught += flagged, s->fine.caught += flagged;
			continue;
		}
		for (k = 0; k < t->ncategories; k++) {
			int i = summary_sign_index(s, t->categories[k]);
			bool got;
			if (i < 0)
				continue;
			got = caught(at, t, &s->cats[i]);
			p->signs[i].shown++, s->signs[i].shown++, p->all.shown++;
			p->signs[i].caught += got, s->signs[i].caught += got, p->all.caught += got;
		}
	}
}

/* Fold one pupil's attempts (a run of the sorted index) into a pupil. */
static void
add_pupil(struct summary *s, const struct attempt *const *run, size_t n)
{
	struct summary_pupil *p = &s->pupils[s->npupils++];
	size_t i, nscored = 0;

	memset(p, 0, sizeof(*p));
	p->name = pupil_key(run[0]);
	p->class_code = run[0]->class_code;
	p->average = p->before = p->after = -1;
	for (i = 0; i < n; i++) {
		const struct attempt *at = run[i];
		if (at->lang != NULL)
			p->lang = at->lang;
		if (summary_is_quiz(at->scenario)) {
			if (!at->finished || at->score < 0)
				continue;
			if (p->before < 0) {
				p->before = at->score;
				p->before_form = at->scenario;
			} else {
				p->after = at->score;
				p->after_form = at->scenario;
			}
			continue;
		}
		p->attempts++;
		if (s->cats != NULL)
			count_turns(s, p, at);
		if (!at->finished)
			continue;
		p->finished++;
		p->seconds += at->duration;
		if (at->score >= 0) {
			p->score_sum += at->score;
			nscored++;
		}
	}
	if (nscored > 0)
		p->average = (int)lround((double)p->score_sum / (double)nscored);
}

/* qsort order of pupils: fewest signs caught first; pupils with no answer last; then by name. */
static int
cmp_attention(const void *pa, const void *pb)
{
	const struct summary_pupil *a = pa, *b = pb;
	int x = summary_percent(&a->all), y = summary_percent(&b->all);

	if (x < 0 || y < 0) {
		if ((x < 0) != (y < 0))
			return x < 0 ? 1 : -1;
	} else if (x != y)
		return x - y;
	return cmp_str(a->name, b->name);
}

/* One asked message of one attempt, for finding the most missed. */
struct seen {
	const struct attempt *at;
	const struct record_turn *t;
	bool missed;
};

/* qsort order of seen messages: by scenario, language and step. */
static int
cmp_seen(const void *pa, const void *pb)
{
	const struct seen *a = pa, *b = pb;
	int c = cmp_str(a->at->scenario, b->at->scenario);

	if (c == 0)
		c = cmp_str(a->at->lang, b->at->lang);
	return c != 0 ? c : cmp_str(a->t->step, b->t->step);
}

/* qsort order of messages: most missed first, then most shown, then by name (stable output). */
static int
cmp_missed(const void *pa, const void *pb)
{
	const struct summary_message *a = pa, *b = pb;
	int c;

	if (a->missed != b->missed)
		return b->missed - a->missed;
	if (a->shown != b->shown)
		return b->shown - a->shown;
	c = cmp_str(a->scenario, b->scenario);
	if (c == 0)
		c = cmp_str(a->lang, b->lang);
	return c != 0 ? c : cmp_str(a->step, b->step);
}

/* The messages the class missed most: a worrying message counts as missed when the learner
 * named none of the detector's signs (at beginner level: not its stage); a harmless one when
 * the learner flagged it as worrying. */
static void
count_messages(struct summary *s)
{
	struct seen *v;
	size_t n = 0, cap = 0, i, j, k;

	for (i = 0; i < s->nrows; i++)
		if (!summary_is_quiz(s->rows[i]->scenario))
			cap += s->rows[i]->nturns;
	v = xcalloc(cap + 1, sizeof(*v));
	for (i = 0; i < s->nrows; i++) {
		const struct attempt *at = s->rows[i];
		if (summary_is_quiz(at->scenario))
			continue;
		for (j = 0; j < at->nturns; j++) {
			const struct record_turn *t = &at->turns[j];
			bool any = false;
			if (t->step == NULL)
				continue;
			if (t->stage == STAGE_NONE) {
				/* A harmless message is "missed" when it was flagged as worrying. */
				v[n].at = at, v[n].t = t, v[n].missed = t->nanswer > 0 && !t->nothing;
				n++;
				continue;
			}
			if (t->ncategories == 0)
				continue;
			for (k = 0; k < t->ncategories; k++) {
				int c = summary_sign_index(s, t->categories[k]);
				any |= c >= 0 && caught(at, t, &s->cats[c]);
			}
			v[n].at = at, v[n].t = t, v[n].missed = !any;
			n++;
		}
	}
	qsort(v, n, sizeof(*v), cmp_seen);
	s->messages = xcalloc(n + 1, sizeof(*s->messages));
	for (i = 0; i < n; i++) {
		struct summary_message *m;
		if (i == 0 || cmp_seen(&v[i - 1], &v[i]) != 0) {
			m = &s->messages[s->nmessages++];
			m->scenario = v[i].at->scenario;
			m->lang = v[i].at->lang;
			m->step = v[i].t->step;
			m->stage = v[i].t->stage;
			for (k = 0; k < v[i].t->ncategories && k < ARRAY_LEN(m->categories); k++)
				m->categories[m->ncategories++] = v[i].t->categories[k];
		}
		m = &s->messages[s->nmessages - 1];
		m->shown++;
		m->missed += v[i].missed;
	}
	qsort(s->messages, s->nmessages, sizeof(*s->messages), cmp_missed);
	free(v);
}

/* Count everything (see summary.h). */
void
summary_build(struct summary *s, struct results_set *set, const struct category *cats, size_t ncats)
{
	const struct attempt **idx;
	size_t i, start, nscored = 0;
	long sum = 0, before = 0, after = 0;

	memset(s, 0, sizeof(*s));
	s->cats = cats;
	s->ncats = ncats < SUMMARY_SIGNS ? ncats : SUMMARY_SIGNS;
	s->average = s->before = s->after = -1;
	if (set->n > 0) /* (an empty set has no array) */
		qsort(set->v, set->n, sizeof(*set->v), cmp_started);
	s->rows = xcalloc(set->n + 1, sizeof(*s->rows));
	for (i = 0; i < set->n; i++)
		if (set->v[i].scenario != NULL)
			s->rows[s->nrows++] = &set->v[i];
	for (i = 0; i < s->nrows; i++) {
		const struct attempt *at = s->rows[i];
		if (summary_is_quiz(at->scenario))
			continue;
		s->attempts++;
		if (!at->finished)
			continue;
		s->finished++;
		s->seconds += at->duration;
		if (at->score >= 0) {
			sum += at->score;
			nscored++;
		}
	}
	if (nscored > 0)
		s->average = (int)lround((double)sum / (double)nscored);
	/* Pupils: the attempts grouped by who made them. */
	idx = xcalloc(s->nrows + 1, sizeof(*idx));
	memcpy(idx, s->rows, s->nrows * sizeof(*idx));
	qsort(idx, s->nrows, sizeof(*idx), cmp_pupil);
	s->pupils = xcalloc(s->nrows + 1, sizeof(*s->pupils));
	for (start = 0, i = 1; i <= s->nrows; i++)
		if (i == s->nrows || cmp_str(idx[i]->class_code, idx[start]->class_code) != 0 ||
		    cmp_str(pupil_key(idx[i]), pupil_key(idx[start])) != 0) {
			if (i > start)
				add_pupil(s, idx + start, i - start);
			start = i;
		}
	free(idx);
	qsort(s->pupils, s->npupils, sizeof(*s->pupils), cmp_attention);
	for (i = 0; i < s->npupils; i++)
		if (s->pupils[i].before >= 0 && s->pupils[i].after >= 0) {
			s->paired++;
			before += s->pupils[i].before;
			after += s->pupils[i].after;
		}
	if (s->paired > 0) {
		s->before = (int)lround((double)before / (double)s->paired);
		s->after = (int)lround((double)after / (double)s->paired);
		s->gain = s->after - s->before;
	}
	if (cats != NULL)
		count_messages(s);
}

/* Free what summary_build made (the attempts stay the results set's). */
void
summary_free(struct summary *s)
{
	free(s->rows);
	free(s->pupils);
	free(s->messages);
	memset(s, 0, sizeof(*s));
}
