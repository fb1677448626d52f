/* cmd-check: `waspada check`: every problem in every scenario file, located. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "content.h"
#include "engine.h"
#include "explore.h"
#include "ui.h"
#include "cmd.h"
#include "i18n.h"
#include "paths.h"

struct checked {
	struct scenario **v;
	size_t n, cap;
	bool explore;   /* --explore: report unasked stages and the paths' endings */
	unsigned seed;  /* --seed: the random sample's seed */
	struct detector *shared; /* for every scenario without signals of its own (starting the
				  * detector costs more than checking a file) */
	bool shared_failed;
};

/* Run a scenario's test plans: feed each plan's lines to plain mode, compare ending and score. */
static void
run_tests(struct scenario *s, struct detector *det, struct diags *d)
{
	size_t i, k;

	for (i = 0; i < s->ntests; i++) {
		const struct test_plan *t = &s->tests[i];
		struct buf in = {0};
		struct play p;
		FILE *fin, *fout;
		int rc, pct;

		for (k = 0; t->input && t->input[k]; k++)
			buf_addf(&in, "%s\n", t->input[k]);
		buf_add(&in, "", 0);
		fin = fmemopen(in.s, in.len ? in.len : 1, "r");
		fout = fopen("/dev/null", "w");
		if (fin == NULL || fout == NULL)
			fatal("cannot run test plans: %s", strerror(errno));
		if (in.len == 0)
			getc(fin); /* an empty plan: input ends at once */
		play_init_with(&p, s, det);
		rc = ui_plain_play(&p, fin, fout);
		pct = tally_percent(&p.tally);
		if (rc != 0)
			diag_add(d, s->path, t->line, t->col, DIAG_ERROR, D_TEST_FAILED,
				 _("test '%s': the input ran out before an ending (at step '%s')"), t->name,
				 p.pos >= 0 ? s->steps[p.pos].id : "?");
		else if (t->ending != NULL && strcmp(p.ending->id, t->ending) != 0)
			diag_add(d, s->path, t->line, t->col, DIAG_ERROR, D_TEST_FAILED,
				 _("test '%s': reached the ending '%s', expected '%s'"), t->name,
				 p.ending->id, t->ending);
		else if (t->score >= 0 && pct != t->score) {
			/* Name the questions that were not full marks: where the score comes from. */
			struct buf q = {0};
			for (size_t e = 0; e < p.nlog; e++)
				if (p.log[e].asked && p.log[e].mark.credit < 0.999)
					buf_addf(&q, "%s'%s' (%s, %.2f)", q.len ? ", " : "",
						 s->steps[p.log[e].step].id, outcome_id(p.log[e].mark.outcome),
						 p.log[e].mark.credit);
			diag_add(d, s->path, t->line, t->col, DIAG_ERROR, D_TEST_FAILED,
				 _("test '%s': scored %d%%, expected %d%%; questions below full marks: %s"),
				 t->name, pct, t->score, q.s != NULL ? q.s : _("none"));
			buf_free(&q);
		}
		play_free(&p);
		fclose(fin);
		fclose(fout);
		buf_free(&in);
	}
}

/* Check one file into d: its format, then the detector's verdict against the author's intent
 * on every path. The scenario is kept for the translation checks. */
static void
check_file(const char *path, struct diags *d, struct checked *done)
{
	struct scenario *s = scenario_load(path, d);
	struct detector *det;

	if (s == NULL)
		return;
	content_check(s, d);
	if (s->signals != NULL) {
		det = detector_open(s->signals, s->path, d);
		if (det != NULL)
			detector_check_signals(det, s->signals, s->path, d);
	} else {
		if (done->shared == NULL && !done->shared_failed) {
			done->shared = detector_open(NULL, NULL, d);
			done->shared_failed = done->shared == NULL;
		}
		det = done->shared;
	}
	if (det != NULL)
		detector_scenario_roles(det, s);
	if (det != NULL) {
		struct explore_stats stats = {0};
		stats.endings = xcalloc(s->nendings + 1, sizeof(*stats.endings));
		explore_run(s, det, d, done->explore, done->seed, &stats);
		run_tests(s, det, d);
		if (done->explore) {
			printf(_("%s: %zu paths%s; endings reached:"), s->path, stats.paths,
			       stats.cut ? _(" (cut short: the detector judged as many messages as one "
					     "check allows)")
			       : stats.sampled ? _(" (the first 512 and a random sample)") : "");
			for (size_t e = 0; e < s->nendings; e++)
				printf(" %s %zu", s->endings[e].id, stats.endings[e]);
			putchar('\n');
		}
		free(stats.endings);
	}
	if (det != done->shared)
		detector_close(det);
	GROW(done->v, done->cap, done->n + 1);
	done->v[done->n++] = s;
}

/* The other language's file of a shipped-style layout (.../en/x.yaml <-> .../id/x.yaml). */
static char *
twin_path(const char *path, const char *lang)
{
	const char *other = strcmp(lang, "id") == 0 ? "en" : "id";
	char *p = xstrdup(path), *seg = NULL, *q;

	for (q = strstr(p, lang); q != NULL; q = strstr(q + 1, lang))
		if ((q == p || q[-1] == '/') && q[2] == '/')
			seg = q;
	if (seg == NULL) {
		free(p);
		return NULL;
	}
	memcpy(seg, other, 2);
	return p;
}

/* Compare every scenario with its other-language version: one checked in the same run, or the
 * file beside it in the other language's folder. */
static void
check_translations(struct checked *done, struct diags *d)
{
	size_t i, j, n = done->n;

	for (i = 0; i < n; i++) {
		struct scenario *a = done->v[i], *b = NULL;
		for (j = 0; j < n && b == NULL; j++)
			if (strcmp(done->v[j]->id, a->id) == 0 && strcmp(done->v[j]->lang, a->lang) != 0)
				b = done->v[j];
		if (b != NULL) {
			if (j - 1 > i) /* each pair once */
				scenario_compare_translation(a, b, d);
			continue;
		}
		char *tp = twin_path(a->path, a->lang);
		if (tp != NULL && access(tp, R_OK) == 0) {
			struct diags quiet = {0}; /* the twin's own problems are not this run's */
			b = scenario_load(tp, &quiet);
			if (b != NULL && strcmp(b->id, a->id) == 0)
				scenario_compare_translation(a, b, d);
			scenario_free(b);
			diag_clear(&quiet);
		}
		free(tp);
	}
}

/* waspada check [--json] SCENARIO|DIR ... */
static int
cmd_check(int argc, char **argv, const char *lang)
{
	struct diags d = {0};
	struct checked done = {0};
	bool json = false;
	int i, files = 0;
	size_t k;

	for (i = 1; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "--json") == 0) {
			json = true;
			continue;
		}
		if (strcmp(argv[i], "--explore") == 0) {
			done.explore = true;
			continue;
		}
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			done.seed = (unsigned)strtoul(argv[++i], NULL, 10);
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("check", _("unknown option '%s'"), argv[i]);
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t n;
			char **v = paths_find(argv[i], catalog_is_scenario_file, &n);
			for (k = 0; k < n; k++) {
				check_file(v[k], &d, &done);
				free(v[k]);
				files++;
			}
			free(v);
		} else {
			char *path = catalog_resolve(argv[i], NULL);
			check_file(path ? path : argv[i], &d, &done);
			free(path);
			files++;
		}
	}
	if (files == 0)
		return cmd_usage_error("check", "%s", _("give one or more scenario files or folders"));
	check_translations(&done, &d);
	detector_close(done.shared);
	for (k = 0; k < done.n; k++)
		scenario_free(done.v[k]);
	free(done.v);
	diag_sort(&d);
	if (json) {
		for (k = 0; k < d.n; k++) {
			json_t *o = json_pack("{s:s,s:i,s:i,s:s,s:s,s:s}", "file", d.v[k].file, "line",
					      d.v[k].line, "column", d.v[k].col, "severity",
					      diag_severity_name(d.v[k].severity), "code", d.v[k].code,
					      "message", d.v[k].msg);
			json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
			putchar('\n');
			json_decref(o);
		}
	} else {
		diag_print(&d, stderr);
		if (d.errors == 0 && d.warnings == 0)
			printf(_("%d file(s) checked: no problems.\n"), files);
		else if (d.errors == 0)
			printf(_("%d file(s) checked: no errors, %zu warning(s).\n"), files, d.warnings);
	}
	i = d.errors > 0 ? EXIT_PROBLEMS : 0;
	diag_clear(&d);
	return i;
}

const struct cmd_entry cmd_check_entry = {
	"check", "waspada check [--json] [--explore [--seed N]] SCENARIO|DIR ...",
	N_("Check scenario files and report every problem as FILE:LINE:COLUMN. --explore also reports "
	   "the stages no question asks about and where each path ends; --seed N walks a sample of the "
	   "paths of a very branching scenario."),
	cmd_check, 0,
};
