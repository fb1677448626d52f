/* engine: plays a scenario step by step: the detector judges each message, the frontend shows
 * it and asks, the scorer marks the answer, results are saved as they happen. An interrupted
 * attempt is replayed silently from its saved answers and choices, then play goes on live. */
#include "engine.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

/* Seconds on a clock that never jumps. */
double
engine_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Set up an attempt with the caller's detector. */
void
play_init_with(struct play *p, struct scenario *s, struct detector *det)
{
	memset(p, 0, sizeof(*p));
	p->s = s;
	p->lang = s->lang;
	p->platform = s->platform;
	p->place = s->place;
	p->det = det;
	p->det_borrowed = true;
	detector_scenario_roles(det, s);
	p->started = engine_now();
}

/* Set up an attempt at s with a detector of its own that knows the scenario's signals. */
bool
play_init(struct play *p, struct scenario *s, struct diags *d)
{
	struct detector *det = detector_open(s->signals, s->path, d);

	if (det == NULL)
		return false;
	play_init_with(p, s, det);
	p->det_borrowed = false;
	return true;
}

/* Free what an attempt holds (not the scenario). */
void
play_free(struct play *p)
{
	size_t i;

	for (i = 0; i < p->nlog; i++)
		verdict_free(&p->log[i].verdict);
	free(p->log);
	if (!p->det_borrowed)
		detector_close(p->det);
	p->log = NULL;
	p->det = NULL;
}

/* Add a message to the chat log and have the detector judge it. */
static struct entry *
append(struct play *p, int step, int speaker, const char *text)
{
	struct entry *e;
	const char *err = NULL;
	const char *who = speaker == SPEAKER_PERSONA ? p->s->persona.name
						     : scenario_speaker_name(p->s, speaker);

	GROW(p->log, p->caplog, p->nlog + 1);
	e = &p->log[p->nlog++];
	memset(e, 0, sizeof(*e));
	e->step = step;
	e->speaker = speaker;
	e->text = text;
	e->clock = engine_now() - p->started;
	if (speaker == SPEAKER_SYSTEM ||
	    !detector_message(p->det, who ? who : "", text, strlen(text), p->lang,
			      speaker == SPEAKER_PERSONA, &e->verdict, &err)) {
		/* A system line is never judged; a detector failure must not end the lesson. */
		verdict_free(&e->verdict);
		e->verdict.stage = STAGE_NONE;
		e->verdict.explanation = "";
	}
	return e;
}

/* Call the frontend's start once, when it first has something to show. */
static void
show(struct play *p, const struct frontend *fe)
{
	if (!p->shown) {
		p->shown = true;
		fe->start(fe->ui, p);
	}
}

/* End the replay: what is in the log up to `entries` was restored, the rest is live. */
static void
replay_stop(struct play *p, size_t entries)
{
	p->resume = NULL;
	p->replayed = entries;
}

/* The recorded event for this step, if the replay has one; else the replay stops here (the
 * recorded part is over, or the scenario changed since it was saved). */
static const struct record_event *
replay_event(struct play *p, const struct step *st, bool choice, size_t entries_before)
{
	const struct record_event *ev;

	if (p->resume == NULL)
		return NULL;
	if (p->resume_pos < p->resume->nevents) {
		ev = &p->resume->events[p->resume_pos];
		if (ev->is_choice == choice && strcmp(ev->step, st->id) == 0) {
			p->resume_pos++;
			return ev;
		}
	}
	replay_stop(p, entries_before);
	return NULL;
}

/* Fill an answer from a recorded turn. */
static void
replay_answer(const struct attempt *at, const struct record_event *ev, struct answer *a)
{
	const struct record_turn *t = &at->turns[ev->turn];
	size_t i;

	memset(a, 0, sizeof(*a));
	a->nothing = t->nothing;
	for (i = 0; i < t->nanswer && i < ANSWER_MAX; i++)
		a->picks[a->n++] = t->answer[i];
}

/* After a replayed event: when it was the last one, play goes on live from here. */
static void
replay_check_done(struct play *p)
{
	if (p->resume != NULL && p->resume_pos == p->resume->nevents)
		replay_stop(p, p->nlog);
}

/* A fine message from someone the child knows (Mum asking "are you home?"): what would the same
 * words be from a stranger? The detector judges them once more under a name it does not know,
 * from a snapshot, so the conversation it remembers is left as it was. */
static void
contrast(struct play *p, struct entry *e)
{
	size_t ncats, k;
	const struct category *cats = detector_categories(p->det, &ncats);
	struct verdict v;
	const char *err;
	int snap;

	if (e->speaker < 0 || e->key.stage != STAGE_NONE || (snap = detector_snapshot(p->det)) == 0)
		return;
	if (detector_message(p->det, "?", e->text, strlen(e->text), p->lang, false, &v, &err)) {
		for (k = 0; k < ncats && v.stage != STAGE_NONE && v.ncategories > 0; k++)
			if (strcmp(cats[k].id, v.categories[0]) == 0)
				e->contrast = cats[k].id; /* the detector's own copy: lives as long as it */
		verdict_free(&v);
	}
	detector_restore(p->det, snap);
	detector_drop(p->det, snap);
}

/* Play one message step; false when the learner left. */
static bool
play_message(struct play *p, const struct frontend *fe, const struct step *st)
{
	size_t ncats, i;
	const struct category *cats = detector_categories(p->det, &ncats);
	const struct record_event *ev = NULL;
	struct entry *e;

	append(p, (int)(st - p->s->steps), st->speaker, st->text);
	i = p->nlog - 1;
	if (st->moves_to >= 0) {
		p->platform = (enum platform)st->moves_to;
		p->place = st->moves_place;
	} else if (st->moves_place != NULL) {
		p->place = st->moves_place;
	}
	if (st->ask)
		ev = replay_event(p, st, false, i);
	if (p->resume == NULL && ev == NULL) {
		show(p, fe);
		if (!fe->message(fe->ui, p, i))
			return false;
	}
	if (!st->ask)
		return true;
	e = &p->log[i];
	e->asked = true;
	e->key = score_key(&e->verdict, st->expect, st->signs, cats, ncats);
	contrast(p, e);
	if (ev != NULL) {
		replay_answer(p->resume, ev, &e->answer);
		p->restored++;
	} else if (!fe->ask(fe->ui, p, i, &e->answer)) {
		p->log[i].asked = false;
		return false;
	}
	e = &p->log[i];
	e->mark = score_turn(&e->key, &e->answer, p->level, cats, ncats);
	tally_add(&p->tally, e->key.stage, &e->mark);
	if (ev != NULL) {
		replay_check_done(p);
		return true;
	}
	if (p->results != NULL)
		results_turn(p->results, p->s->steps[e->step].id, &e->key, &e->answer, &e->mark);
	fe->feedback(fe->ui, p, i);
	return true;
}

/* Add what the persona does with choice ch: the action as a narration line (never judged, never
 * sent), then the message the persona writes, if any. */
static void
append_choice(struct play *p, const struct choice *ch)
{
	if (ch->action != NULL) {
		/* kept in the scenario's arena: the log points at it as long as the attempt lives */
		char *line = xasprintf(_("%s's choice: %s"), p->s->persona.name, ch->action);
		append(p, p->pos, SPEAKER_SYSTEM, arena_strdup(&p->s->arena, line));
		free(line);
	}
	if (ch->text != NULL)
		append(p, p->pos, SPEAKER_PERSONA, ch->text);
}

/* Play one choice step; the chosen index, or -1 when the learner left. */
static int
play_choice(struct play *p, const struct frontend *fe, const struct step *st)
{
	const struct record_event *ev = replay_event(p, st, true, p->nlog);
	size_t first;
	int c;

	if (ev != NULL && (size_t)ev->choice < st->nchoices) {
		append_choice(p, &st->choices[ev->choice]);
		replay_check_done(p);
		return ev->choice;
	}
	if (ev != NULL)
		replay_stop(p, p->nlog);
	show(p, fe);
	c = fe->choose(fe->ui, p, st);
	if (c < 0 || (size_t)c >= st->nchoices)
		return -1;
	if (p->results != NULL)
		results_choice(p->results, st->id, c);
	first = p->nlog;
	append_choice(p, &st->choices[c]);
	for (size_t i = first; i < p->nlog; i++)
		if (!fe->message(fe->ui, p, i))
			return -1;
	return c;
}

/* Run the attempt to an ending (see engine.h). */
int
engine_run(struct play *p, const struct frontend *fe)
{
	const struct scenario *s = p->s;

	detector_reset(p->det);
	if (p->resume == NULL)
		show(p, fe);
	p->pos = 0;
	while (p->pos >= 0) {
		const struct step *st = &s->steps[p->pos];
		int target;

		if (st->kind == STEP_MESSAGE) {
			if (!play_message(p, fe, st))
				return 1;
			target = st->target;
		} else {
			int c = play_choice(p, fe, st);
			if (c < 0)
				return 1;
			target = st->choices[c].target;
		}
		/* A signal came while this step worked (the detector stops early): leave as the
		 * frontend would, before anything half-judged is shown or saved. */
		if (target == INT_MIN || util_stop_requested())
			return 1;
		if (target < 0) {
			p->ending = &s->endings[-target - 1];
			p->pos = -1;
		} else {
			p->pos = target;
		}
	}
	if (p->resume != NULL)
		replay_stop(p, p->nlog);
	show(p, fe);
	if (p->results != NULL)
		results_end(p->results, p->ending ? p->ending->id : "", engine_now() - p->started,
			    &p->tally);
	fe->ending(fe->ui, p, p->ending);
	return 0;
}
