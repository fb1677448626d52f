/* author-answers [--beginner] [--play] FILE...: for every choice path of each scenario, the
 * plain-mode input of a learner who answers each question exactly as the author intended (the
 * numbers of `signs:`, or 0 where `expect: none`; at beginner level the number of `expect:`'s
 * stage) and takes that path's replies. Without --play it prints them, each path after a line
 * "# path C1 C2 ..." (the reply numbers); with --play it plays each through plain mode
 * (ui_plain_play, in this process: one detector for all paths) and prints every question not
 * marked right and every attempt below 100 %. Used by tests/author-answers.sh. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detector.h"
#include "engine.h"
#include "paths.h"
#include "scenario.h"
#include "ui.h"

#define MAX_PATHS 512
#define MAX_DEPTH 64

static const struct category *cats;
static size_t ncats;
static bool beginner, play;
static size_t npaths, nplays, nquestions, nbad, nlow;
static struct detector *det;

/* The option number of category id in plain mode's list (1-based); 0 when unknown. */
static size_t
category_number(const char *id)
{
	for (size_t k = 0; k < ncats; k++)
		if (strcmp(cats[k].id, id) == 0)
			return k + 1;
	return 0;
}

/* The author's answer to a question, as one input line. */
static void
answer_line(const struct step *st, FILE *out)
{
	enum stage want = st->expect ? stage_from_id(st->expect) : STAGE_COUNT;

	if (want == STAGE_NONE || (st->signs == NULL && want == STAGE_COUNT)) {
		fputs("0\n", out);
		return;
	}
	if (beginner) {
		fprintf(out, "%d\n", want < STAGE_NONE ? (int)want + 1 : 0);
		return;
	}
	for (const char **g = st->signs; g && *g; g++)
		fprintf(out, "%s%zu", g == st->signs ? "" : " ", category_number(*g));
	fputc('\n', out);
}

/* Write one path's input: the choices in picks, the answers along the way. */
static void
path_input(const struct scenario *s, const int *picks, size_t n, FILE *out)
{
	int i = 0;
	size_t k = 0, len = 0;

	while (i >= 0 && i != INT_MIN && len++ < 4 * s->nsteps + 8) {
		const struct step *st = &s->steps[i];
		if (st->kind == STEP_MESSAGE) {
			if (st->ask)
				answer_line(st, out);
			i = st->target;
		} else {
			int c = k < n ? picks[k] : 0;
			fprintf(out, "%d\n", c + 1);
			k++;
			i = st->choices[c].target;
		}
	}
}

/* Play one path's input in plain mode and report what is not marked right. */
static void
play_path(struct scenario *s, const char *input, size_t len, const char *name)
{
	struct play p;
	FILE *in = fmemopen((void *)input, len, "r"), *out = fopen("/dev/null", "w");
	int rc, pct;

	if (in == NULL || out == NULL) {
		perror("author-answers");
		exit(2);
	}
	play_init_with(&p, s, det);
	p.instant = true;
	p.level = beginner ? LEVEL_BEGINNER : LEVEL_STANDARD;
	rc = ui_plain_play(&p, in, out);
	nplays++;
	for (size_t i = 0; i < p.nlog; i++) {
		const struct entry *e = &p.log[i];
		if (!e->asked)
			continue;
		nquestions++;
		if (e->mark.outcome != OUTCOME_RIGHT) {
			printf("%s (%s, replies %s): question '%s' marked %s\n", s->path,
			       level_id(p.level), name, s->steps[e->step].id, outcome_id(e->mark.outcome));
			nbad++;
		}
	}
	pct = tally_percent(&p.tally);
	if (rc != 0 || pct != 100) {
		printf("%s (%s, replies %s): %s at %d %%\n", s->path, level_id(p.level), name,
		       rc != 0 ? "input ended" : "ends", pct);
		nlow++;
	}
	play_free(&p);
	fclose(in);
	fclose(out);
}

/* Print or play one path. */
static void
print_path(struct scenario *s, const int *picks, size_t n)
{
	char *buf = NULL, name[4 * MAX_DEPTH + 1] = "";
	size_t len = 0, at = 0;
	FILE *mem = open_memstream(&buf, &len);

	for (size_t j = 0; j < n && at + 4 < sizeof name; j++)
		at += (size_t)snprintf(name + at, sizeof name - at, "%s%d", j ? " " : "", picks[j] + 1);
	path_input(s, picks, n, mem);
	fclose(mem);
	if (play)
		play_path(s, buf, len, name);
	else
		printf("# path %s\n%s", name, buf);
	free(buf);
}

/* Depth first over the choices met from step i. */
static void
walk(struct scenario *s, int i, int *picks, size_t n, size_t len)
{
	while (i >= 0 && i != INT_MIN && len++ < 4 * s->nsteps + 8) {
		const struct step *st = &s->steps[i];
		if (st->kind == STEP_MESSAGE) {
			i = st->target;
			continue;
		}
		for (size_t c = 0; c < st->nchoices && n < MAX_DEPTH && npaths < MAX_PATHS; c++) {
			picks[n] = (int)c;
			if (st->choices[c].target < 0) {
				print_path(s, picks, n + 1);
				npaths++;
			} else {
				walk(s, st->choices[c].target, picks, n + 1, len);
			}
		}
		return;
	}
	print_path(s, picks, n);
	npaths++;
}

int
main(int argc, char **argv)
{
	struct diags d = {0};
	int picks[MAX_DEPTH], a = 1, rc = 0;

	paths_init();
	for (; a < argc && argv[a][0] == '-'; a++) {
		if (strcmp(argv[a], "--beginner") == 0)
			beginner = true;
		else if (strcmp(argv[a], "--play") == 0)
			play = true;
		else
			break;
	}
	if (a >= argc) {
		fputs("usage: author-answers [--beginner] [--play] SCENARIO...\n", stderr);
		return 2;
	}
	det = detector_open(NULL, NULL, &d);
	if (det == NULL) {
		diag_print(&d, stderr);
		diag_clear(&d);
		return 2;
	}
	cats = detector_categories(det, &ncats);
	for (; a < argc; a++) {
		struct scenario *s = scenario_load(argv[a], &d);
		if (s == NULL || s->signals != NULL) {
			/* a scenario with its own signals needs its own detector: not the shipped ones */
			fprintf(stderr, "author-answers: %s: cannot be used\n", argv[a]);
			diag_print(&d, stderr);
			rc = 2;
			scenario_free(s);
			diag_clear(&d);
			continue;
		}
		npaths = 0;
		walk(s, 0, picks, 0, 0);
		if (npaths >= MAX_PATHS)
			rc = 2;
		scenario_free(s);
		diag_clear(&d);
	}
	detector_close(det);
	if (play) {
		printf("author-answers (%s): %zu plays, %zu questions; %zu not marked right, %zu attempts "
		       "below 100 %%\n", beginner ? "beginner" : "standard", nplays, nquestions, nbad, nlow);
		if (nbad > 0 || nlow > 0)
			rc = rc ? rc : 1;
	}
	return rc;
}
