/* ui-plain: design.md's plain mode: numbered options, one answer a line, no escape codes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "results.h"
#include "ui.h"

#define PLAIN_MAX_LINE 1024 /* bytes kept of one answer line */

struct plain {
	FILE *in, *out;
	bool echo; /* input is not a terminal: repeat answers so the output reads as a dialogue */
	struct help help;
	bool have_help;
};

/* One or two words for a mark, for lists. */
static const char *
outcome_word(enum outcome o)
{
	switch (o) {
	case OUTCOME_RIGHT: return _("right");
	case OUTCOME_PARTLY: return _("partly right");
	case OUTCOME_MISSED: return _("missed");
	default: return _("false alarm");
	}
}

/* Copy text, dropping control characters except newlines and tabs. */
static void
put_clean(FILE *out, const char *s, size_t n)
{
	util_put_clean(out, s, n, true); /* the same rule as the chat screen (bidi, zero-width too) */
}

/* Write a C string cleanly. */
static void
put(FILE *out, const char *s)
{
	put_clean(out, s, strlen(s));
}

/* Read one line; false at end of input. A line longer than PLAIN_MAX_LINE is read to its end
 * but only its start is kept, marked with "…" so that it is never a valid answer (a 500 MB
 * answer was held and echoed whole). */
static bool
read_line(struct plain *pl, char **line, size_t *cap)
{
	size_t n = 0;
	bool cut = false;
	int c;

	fflush(pl->out);
	if (*cap < PLAIN_MAX_LINE + 8) {
		*cap = PLAIN_MAX_LINE + 8;
		*line = xrealloc(*line, *cap);
	}
	while ((c = getc(pl->in)) != EOF && c != '\n') {
		if (n < PLAIN_MAX_LINE)
			(*line)[n++] = (char)c;
		else
			cut = true;
	}
	if (c == EOF && n == 0 && !cut)
		return false;
	while (n > 0 && (*line)[n - 1] == '\r')
		n--;
	if (cut) { /* drop a character the cut may have split, then add the mark */
		while (n > 0 && ((unsigned char)(*line)[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0 && (unsigned char)(*line)[n - 1] >= 0xC0)
			n--;
		memcpy(*line + n, "\xe2\x80\xa6", 3);
		n += 3;
	}
	(*line)[n] = '\0';
	if (pl->echo) {
		put(pl->out, *line);
		fputc('\n', pl->out);
	}
	return true;
}

/* Parse "2 5" into numbers in [0, max]; false when anything else is there. */
static bool
parse_numbers(const char *s, int max, int *v, size_t *n, size_t cap)
{
	*n = 0;
	while (*s != '\0') {
		char *end;
		long x;
		if (*s == ' ' || *s == ',' || *s == '\t') {
			s++;
			continue;
		}
		x = strtol(s, &end, 10);
		if (end == s || x < 0 || x > max || *n == cap)
			return false;
		v[(*n)++] = (int)x;
		s = end;
	}
	return *n > 0;
}

static bool plain_message(void *ui, struct play *p, size_t i);

/* The chat's header: where we are and who the learner plays. */
static void
plain_start(void *ui, struct play *p)
{
	struct plain *pl = ui;
	const struct scenario *s = p->s;

	fputs("== ", pl->out);
	put(pl->out, s->title);
	fputs(" ==\n", pl->out);
	fprintf(pl->out, "%s", ui_platform_label(s->platform));
	if (s->place != NULL) {
		fputs(": ", pl->out);
		put(pl->out, s->place);
	}
	fputc('\n', pl->out);
	fprintf(pl->out, _("You are %s, %d."), s->persona.name, s->persona.age);
	fputc(' ', pl->out);
	put(pl->out, s->summary);
	fputc('\n', pl->out);
	fprintf(pl->out, "%s\n\n",
		_("At some messages you will be asked what you notice. Answer with the numbers of "
		  "the options, separated by spaces."));
	if (p->replayed > 0) {
		fprintf(pl->out, _("Continuing where you left off (%zu answers kept). The chat so far:\n"),
			p->restored);
		for (size_t i = 0; i < p->replayed; i++)
			plain_message(ui, p, i);
		fputc('\n', pl->out);
	}
	fflush(pl->out); /* the header shows at once, before the first message is judged */
}

/* Show one message; in reveal mode also the detector's verdict and evidence. */
static bool
plain_message(void *ui, struct play *p, size_t i)
{
	struct plain *pl = ui;
	const struct entry *e = &p->log[i];
	size_t k;

	if (e->speaker == SPEAKER_SYSTEM) {
		fputs("* ", pl->out);
	} else if (e->speaker == SPEAKER_PERSONA) {
		fprintf(pl->out, _("You (%s): "), p->s->persona.name);
	} else {
		put(pl->out, scenario_speaker_name(p->s, e->speaker));
		fputs(": ", pl->out);
	}
	put(pl->out, e->text);
	fputc('\n', pl->out);
	if (p->reveal && e->verdict.stage != STAGE_NONE) {
		fprintf(pl->out, "   [%s: %s, %.2f", _("detector"),
			detector_stage_label(p->det, e->verdict.stage, i18n_lang()), e->verdict.confidence);
		for (k = 0; k < e->verdict.nspans; k++) {
			fputs(k == 0 ? "; " : ", ", pl->out);
			fputc('"', pl->out);
			put_clean(pl->out, e->text + e->verdict.spans[k].start,
				     e->verdict.spans[k].end - e->verdict.spans[k].start);
			fputc('"', pl->out);
		}
		fputs("]\n", pl->out);
	}
	return true;
}

/* Ask what the learner notices, with numbered options; false at end of input. */
static bool
plain_ask(void *ui, struct play *p, size_t i, struct answer *out)
{
	struct plain *pl = ui;
	size_t ncats, k, n;
	const struct category *cats = detector_categories(p->det, &ncats);
	int li = lang_index(i18n_lang()), v[ANSWER_MAX], max;
	enum stage last = STAGE_COUNT;
	char *line = NULL;
	size_t cap = 0;
	bool ok = false;

	(void)i;
	if (p->level == LEVEL_BEGINNER) {
		fprintf(pl->out, "%s\n", _("Is this message worrying? If it is, which stage is it?"));
		fprintf(pl->out, "  0  %s\n", _("Nothing worrying"));
		for (k = 0; k < STAGE_NONE; k++)
			fprintf(pl->out, "  %zu  %s\n", k + 1,
				detector_stage_label(p->det, (enum stage)k, i18n_lang()));
		max = STAGE_NONE;
	} else {
		fprintf(pl->out, "%s\n", _("What do you notice in this message?"));
		fprintf(pl->out, "  0  %s\n", _("Nothing worrying"));
		for (k = 0; k < ncats; k++) {
			if (cats[k].stage != last) {
				last = cats[k].stage;
				fprintf(pl->out, "  %s:\n", detector_stage_label(p->det, last, i18n_lang()));
			}
			fprintf(pl->out, "  %2zu %s\n", k + 1, cats[k].label[li]);
		}
		max = (int)ncats;
	}
	for (;;) {
		fprintf(pl->out, "%s\n> ", _("Your answer (for example: 2 5; 0 = nothing worrying):"));
		if (!read_line(pl, &line, &cap))
			break;
		if (parse_numbers(line, max, v, &n, ANSWER_MAX)) {
			memset(out, 0, sizeof(*out));
			for (k = 0; k < n; k++) {
				size_t j;
				if (v[k] == 0) {
					out->nothing = true;
					continue;
				}
				const char *id = p->level == LEVEL_BEGINNER ? stage_id((enum stage)(v[k] - 1))
									    : cats[v[k] - 1].id;
				for (j = 0; j < out->n; j++)
					if (strcmp(out->picks[j], id) == 0)
						break;
				if (j == out->n)
					out->picks[out->n++] = id;
			}
			ok = true;
			break;
		}
		fprintf(pl->out, _("Please type numbers from 0 to %d, separated by spaces.\n"), max);
	}
	free(line);
	return ok;
}

/* Say how the answer went, with the evidence and the detector's explanation. */
static void
plain_feedback(void *ui, struct play *p, size_t i)
{
	struct plain *pl = ui;
	const struct entry *e = &p->log[i];
	size_t k;

	fprintf(pl->out, "%s\n", ui_outcome_sentence(e));
	if (e->key.stage != STAGE_NONE) {
		char *line = ui_feedback_key(p, e, " - ", true);
		fprintf(pl->out, "   %s\n", line);
		free(line);
		if ((line = ui_feedback_also(p, e)) != NULL)
			fprintf(pl->out, "   %s\n", line);
		free(line);
		for (k = 0; k < e->verdict.nspans; k++) {
			fprintf(pl->out, k == 0 ? "   %s: \"" : ", \"", _("Look at"));
			put_clean(pl->out, e->text + e->verdict.spans[k].start,
				     e->verdict.spans[k].end - e->verdict.spans[k].start);
			fputc('"', pl->out);
		}
		if (e->verdict.nspans > 0)
			fputc('\n', pl->out);
		if ((line = ui_feedback_extra(p, e)) != NULL)
			fprintf(pl->out, "   %s\n", line);
		free(line);
	}
	if (e->verdict.explanation[0] != '\0') {
		fputs("   ", pl->out);
		put(pl->out, e->verdict.explanation);
		fputc('\n', pl->out);
	}
	{
		char *why = ui_feedback_why(p, e);
		if (why != NULL) {
			fputs("   ", pl->out);
			put(pl->out, why);
			fputc('\n', pl->out);
		}
		free(why);
	}
	fputc('\n', pl->out);
}

/* Offer the persona's replies; -1 at end of input. */
static int
plain_choose(void *ui, struct play *p, const struct step *st)
{
	struct plain *pl = ui;
	char *line = NULL;
	size_t cap = 0, k, n;
	int v[2], pick = -1;

	fprintf(pl->out, _("How does %s reply?\n"), p->s->persona.name);
	for (k = 0; k < st->nchoices; k++) {
		char *label = ui_choice_label(&st->choices[k]);
		fprintf(pl->out, "  %zu  ", k + 1);
		put(pl->out, label);
		fputc('\n', pl->out);
		free(label);
	}
	for (;;) {
		fprintf(pl->out, "%s\n> ", _("Your choice (one number):"));
		if (!read_line(pl, &line, &cap))
			break;
		if (parse_numbers(line, (int)st->nchoices, v, &n, 2) && n == 1 && v[0] >= 1) {
			pick = v[0] - 1;
			break;
		}
		fprintf(pl->out, _("Please type one number from 1 to %zu.\n"), st->nchoices);
	}
	free(line);
	return pick;
}

/* The labels of an answer's picks, or "Nothing worrying". */
static void
put_answer(struct plain *pl, struct play *p, const struct answer *a)
{
	size_t ncats, k, j;
	const struct category *cats = detector_categories(p->det, &ncats);
	int li = lang_index(i18n_lang());

	if (a->n == 0)
		fputs(_("Nothing worrying"), pl->out);
	for (k = 0; k < a->n; k++) {
		const char *label = a->picks[k];
		enum stage st = stage_from_id(label);
		if (st != STAGE_COUNT)
			label = detector_stage_label(p->det, st, i18n_lang());
		for (j = 0; j < ncats; j++)
			if (strcmp(cats[j].id, a->picks[k]) == 0)
				label = cats[j].label[li];
		fprintf(pl->out, "%s%s", k ? "; " : "", label);
	}
}

/* The fine messages the learner flagged: careful is good, and these were fine. */
static void
plain_second_look(struct plain *pl, struct play *p)
{
	size_t i;
	bool any = false;

	for (i = 0; i < p->nlog; i++) {
		const struct entry *e = &p->log[i];
		char *why;
		if (!e->asked || e->mark.outcome != OUTCOME_FALSE_ALARM)
			continue;
		if (!any)
			fprintf(pl->out, "\n%s\n", _("Worth a second look, but fine:"));
		any = true;
		fputs("  ", pl->out);
		put(pl->out, scenario_speaker_name(p->s, e->speaker));
		fputs(": ", pl->out);
		put(pl->out, e->text);
		fputc('\n', pl->out);
		if ((why = ui_feedback_why(p, e)) != NULL) {
			fputs("    ", pl->out);
			put(pl->out, why);
			fputc('\n', pl->out);
		}
		free(why);
	}
}

/* The review: every question again, the learner's answer beside the detector's. */
static void
plain_review(struct plain *pl, struct play *p)
{
	size_t i;

	fprintf(pl->out, "\n%s\n", _("Look back at the chat:"));
	for (i = 0; i < p->nlog; i++) {
		const struct entry *e = &p->log[i];
		if (!e->asked)
			continue;
		fputs("  ", pl->out);
		put(pl->out, scenario_speaker_name(p->s, e->speaker));
		fputs(": ", pl->out);
		put(pl->out, e->text);
		fprintf(pl->out, "\n    %s ", _("You:"));
		put_answer(pl, p, &e->answer);
		fprintf(pl->out, " (%s)\n    %s ", outcome_word(e->mark.outcome), _("To find:"));
		if (e->key.stage == STAGE_NONE) {
			fputs(_("Nothing worrying"), pl->out);
		} else {
			char *line = ui_feedback_key(p, e, " - ", false);
			fputs(line, pl->out);
			free(line);
			if ((line = ui_feedback_also(p, e)) != NULL) {
				fputs("\n    ", pl->out);
				fputs(line, pl->out);
			}
			free(line);
		}
		fputc('\n', pl->out);
	}
	plain_second_look(pl, p);
}

/* The debrief: the ending, the score per stage, what to do, who can help. */
static void
plain_ending(void *ui, struct play *p, const struct ending *e)
{
	struct plain *pl = ui;
	int k, pct;
	const char *const *a;

	fputs("\n== ", pl->out);
	put(pl->out, e->title);
	fputs(" ==\n", pl->out);
	put(pl->out, e->text);
	fputc('\n', pl->out);
	pct = tally_percent(&p->tally);
	if (pct >= 0) {
		fprintf(pl->out, "\n%s %d%%\n", _("Your score:"), pct);
		for (k = 0; k < STAGE_COUNT; k++) {
			int sp = tally_stage_percent(&p->tally, (enum stage)k);
			if (sp < 0)
				continue;
			fprintf(pl->out, "  %s: %d%% (%d)\n",
				k == STAGE_NONE ? _("Telling what is fine")
						: detector_stage_label(p->det, (enum stage)k, i18n_lang()),
				sp, p->tally.turns[k]);
		}
	}
	if (e->advice != NULL) {
		fputc('\n', pl->out);
		for (a = e->advice; *a != NULL; a++) {
			fputs(" - ", pl->out);
			put(pl->out, *a);
			fputc('\n', pl->out);
		}
	}
	plain_review(pl, p);
	if (pl->have_help) {
		fprintf(pl->out, "\n%s\n", _("What you can do:"));
		for (a = pl->help.what_to_do; *a != NULL; a++) {
			fputs(" - ", pl->out);
			put(pl->out, *a);
			fputc('\n', pl->out);
		}
		fprintf(pl->out, "\n%s\n", _("Who can help:"));
		for (a = pl->help.helplines; *a != NULL; a++) {
			fputs(" - ", pl->out);
			put(pl->out, *a);
			fputc('\n', pl->out);
		}
		fputc('\n', pl->out);
		put(pl->out, pl->help.never_your_fault);
		fputc('\n', pl->out);
	}
}

/* Play a whole scenario in plain mode. 0: reached an ending; 1: input ended (progress saved). */
int
ui_plain_play(struct play *p, FILE *in, FILE *out)
{
	struct plain pl = {.in = in, .out = out, .echo = !isatty(fileno(in))};
	struct frontend fe = {
		.ui = &pl, .start = plain_start, .message = plain_message, .ask = plain_ask,
		.feedback = plain_feedback, .choose = plain_choose, .ending = plain_ending,
	};
	struct diags d = {0};
	int rc;

	pl.have_help = help_load(&pl.help, p->lang, &d);
	if (!pl.have_help)
		diag_print(&d, stderr);
	diag_clear(&d);
	rc = engine_run(p, &fe);
	if (rc != 0)
		fprintf(out, "\n%s\n", _("Input ended. Your progress so far is saved."));
	if (p->results != NULL && results_error(p->results) != NULL)
		fprintf(stderr, "waspada: %s\n", results_error(p->results));
	help_free(&pl.help);
	fflush(out);
	return rc;
}

/* A numbered list of scenarios; the learner types one number. */
int
ui_plain_menu(const char *const *titles, size_t n, FILE *in, FILE *out)
{
	struct plain pl = {.in = in, .out = out, .echo = !isatty(fileno(in))};
	char *line = NULL;
	size_t cap = 0, k, got;
	int v[2], pick = -1;

	fprintf(out, "%s\n", _("Choose a scenario:"));
	for (k = 0; k < n; k++) {
		fprintf(out, "  %zu  ", k + 1);
		put(out, titles[k]);
		fputc('\n', out);
	}
	for (;;) {
		fprintf(out, "%s\n> ", _("Your choice (one number):"));
		if (!read_line(&pl, &line, &cap))
			break;
		if (parse_numbers(line, (int)n, v, &got, 2) && got == 1 && v[0] >= 1) {
			pick = v[0] - 1;
			break;
		}
		fprintf(out, _("Please type one number from 1 to %zu.\n"), n);
	}
	free(line);
	return pick;
}
