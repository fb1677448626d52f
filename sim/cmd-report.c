/* cmd-report: `waspada report`: a learner's progress, or a class's results as one spreadsheet. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "detector.h"
#include "i18n.h"
#include "paths.h"
#include "results.h"

/* Results files are JSON Lines. */
static bool
is_results_file(const char *name)
{
	size_t n = strlen(name);

	return n > 6 && strcmp(name + n - 6, ".jsonl") == 0;
}

/* Read one results file, or every results file under a folder (a class's collected files). */
static bool
read_path(struct results_set *set, const char *path, struct diags *d)
{
	struct stat st;
	size_t n, i;
	char **names;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return results_read(set, path, d);
	names = paths_find(path, is_results_file, &n);
	for (i = 0; i < n; i++) {
		results_read(set, names[i], d);
		free(names[i]);
	}
	free(names);
	return true;
}

/* qsort order: when the attempt started. */
static int
cmp_started(const void *pa, const void *pb)
{
	const struct attempt *a = pa, *b = pb;

	return strcmp(a->started ? a->started : "", b->started ? b->started : "");
}

/* The CSV's field separator: ',' for English-locale spreadsheets, ';' for Indonesian ones (their
 * list separator, since the comma is their decimal mark); see docs/teachers.md. */
static char csv_sep = ',';

/* One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never
 * runs a nickname as a formula. */
static void
csv_field(const char *s, bool last)
{
	const char *p;

	if (s == NULL)
		s = "";
	putchar('"');
	if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
		putchar('\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	putchar('"');
	putchar(last ? '\r' : csv_sep);
	if (last)
		putchar('\n');
}

/* A number field, empty when unknown. */
static void
csv_number(long v, bool last)
{
	if (v >= 0)
		printf("%ld", v);
	putchar(last ? '\r' : csv_sep);
	if (last)
		putchar('\n');
}

/* "2026-11-25T07:58:24Z" as "2026-11-25 07:58" (what spreadsheets read as a date). */
static const char *
csv_date(const char *iso, char out[20])
{
	if (iso == NULL || strlen(iso) < 16)
		return "";
	memcpy(out, iso, 16);
	out[10] = ' ';
	out[16] = '\0';
	return out;
}

/* One row per attempt, UTF-8 with a byte-order mark so Excel reads it as UTF-8. */
static void
report_csv(const struct results_set *set)
{
	size_t i;
	int k;
	char date[20];

	fputs("\xef\xbb\xbf", stdout);
	printf("nickname%cclass%cscenario%clanguage%clevel%cdate%cduration_seconds%cfinished%cscore",
	       csv_sep, csv_sep, csv_sep, csv_sep, csv_sep, csv_sep, csv_sep, csv_sep);
	for (k = 0; k < STAGE_COUNT; k++)
		printf("%c%s", csv_sep, stage_id((enum stage)k));
	printf("\r\n");
	for (i = 0; i < set->n; i++) {
		const struct attempt *at = &set->v[i];
		if (at->scenario == NULL)
			continue;
		csv_field(at->nickname, false);
		csv_field(at->class_code, false);
		csv_field(at->scenario, false);
		csv_field(at->lang, false);
		csv_field(at->level, false);
		csv_field(csv_date(at->started, date), false);
		csv_number(at->finished ? at->duration : -1, false);
		csv_field(at->finished ? "yes" : "no", false);
		csv_number(at->score, false);
		for (k = 0; k < STAGE_COUNT; k++)
			csv_number(at->stage_score[k], k == STAGE_COUNT - 1);
	}
}

/* One JSON object per attempt. */
static void
report_json(const struct results_set *set)
{
	size_t i;
	int k;

	for (i = 0; i < set->n; i++) {
		const struct attempt *at = &set->v[i];
		json_t *o, *st;
		if (at->scenario == NULL)
			continue;
		o = json_object();
		st = json_object();
		json_object_set_new(o, "nickname", at->nickname ? json_string(at->nickname) : json_null());
		json_object_set_new(o, "class", at->class_code ? json_string(at->class_code) : json_null());
		json_object_set_new(o, "scenario", json_string(at->scenario));
		json_object_set_new(o, "lang", json_string(at->lang ? at->lang : ""));
		json_object_set_new(o, "level", json_string(at->level ? at->level : ""));
		json_object_set_new(o, "started", json_string(at->started ? at->started : ""));
		json_object_set_new(o, "finished", json_boolean(at->finished));
		json_object_set_new(o, "duration", at->finished ? json_integer(at->duration) : json_null());
		json_object_set_new(o, "score", at->score >= 0 ? json_integer(at->score) : json_null());
		json_object_set_new(o, "answered", json_integer((json_int_t)at->nturns));
		for (k = 0; k < STAGE_COUNT; k++)
			if (at->stage_score[k] >= 0)
				json_object_set_new(st, stage_id((enum stage)k), json_integer(at->stage_score[k]));
		json_object_set_new(o, "stages", st);
		json_object_set_new(o, "file", json_string(at->file));
		json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	}
}

/* The label of a category id, or the id. */
static const char *
category_label(const struct category *cats, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(cats[i].id, id) == 0)
			return cats[i].label[lang_index(i18n_lang())];
	return id;
}

/* For a learner: each attempt, each stage's progress over time, the signs most often missed. */
static void
report_text(const struct results_set *set)
{
	struct diags d = {0};
	struct detector *det = detector_open(NULL, NULL, &d);
	size_t ncats = 0, i, j, k;
	const struct category *cats = det ? detector_categories(det, &ncats) : NULL;
	struct { const char *id; int n; } missed[64];
	size_t nmissed = 0;
	char date[20];
	int st;

	diag_clear(&d);
	printf("%s\n", _("Your attempts:"));
	for (i = 0; i < set->n; i++) {
		const struct attempt *at = &set->v[i];
		if (at->scenario == NULL)
			continue;
		printf("  %s  %-28s %-2s  ", csv_date(at->started, date), at->scenario, at->lang ? at->lang : "");
		if (at->finished && at->score >= 0)
			printf("%3d%%\n", at->score);
		else
			printf(_("unfinished (%zu answers)\n"), at->nturns);
		/* Signs of the verdict the learner did not name. */
		for (j = 0; j < at->nturns; j++)
			for (k = 0; k < at->turns[j].ncategories; k++) {
				const char *c = at->turns[j].categories[k];
				size_t a, m;
				bool named = false;
				for (a = 0; a < at->turns[j].nanswer; a++)
					named |= strcmp(at->turns[j].answer[a], c) == 0;
				if (named)
					continue;
				for (m = 0; m < nmissed && strcmp(missed[m].id, c) != 0; m++)
					;
				if (m == nmissed && nmissed < 64)
					missed[nmissed++].id = c, missed[m].n = 0;
				if (m < nmissed)
					missed[m].n++;
			}
	}
	printf("\n%s\n", _("Progress per stage, oldest first:"));
	for (i = 0; i < set->n && !set->v[i].finished; i++)
		;
	if (i == set->n)
		printf("  %s\n", _("(no finished attempt yet)"));
	for (st = 0; st < STAGE_COUNT; st++) {
		bool any = false;
		for (i = 0; i < set->n; i++) {
			if (!set->v[i].finished || set->v[i].stage_score[st] < 0)
				continue;
			if (!any)
				printf("  %-40s", st == STAGE_NONE ? _("Telling what is fine")
							   : (det ? detector_stage_label(det, (enum stage)st, i18n_lang())
								  : stage_id((enum stage)st)));
			printf("%s%d%%", any ? " -> " : "", set->v[i].stage_score[st]);
			any = true;
		}
		if (any)
			putchar('\n');
	}
	if (nmissed > 0) {
		/* Most missed first. */
		for (i = 1; i < nmissed; i++)
			for (j = i; j > 0 && missed[j - 1].n < missed[j].n; j--) {
				const char *id = missed[j].id;
				int n = missed[j].n;
				missed[j] = missed[j - 1];
				missed[j - 1].id = id;
				missed[j - 1].n = n;
			}
		printf("\n%s\n", _("Signs you missed most often (worth another look):"));
		for (i = 0; i < nmissed && i < 5; i++)
			printf("  %-40s %d\n", category_label(cats, ncats, missed[i].id), missed[i].n);
	}
	detector_close(det);
}

/* waspada report [--csv|--csv=id|--json] [RESULTS-FILE|DIR ...] */
int
cmd_report(int argc, char **argv)
{
	struct results_set set = {0};
	struct diags d = {0};
	bool csv = false, json = false, any = false, ok = true;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0 || strcmp(argv[i], "--csv=en") == 0)
			csv = true;
		else if (strcmp(argv[i], "--csv=id") == 0)
			csv = true, csv_sep = ';'; /* an Indonesian-locale spreadsheet */
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("report", _("unknown option '%s'"), argv[i]);
		else {
			ok &= read_path(&set, argv[i], &d);
			any = true;
		}
	}
	if (csv && json)
		return cmd_usage_error("report", "%s", _("choose one of --csv and --json"));
	if (!any) {
		char *own = results_default_path();
		if (access(own, R_OK) != 0) {
			printf("%s\n", _("No results yet: play a scenario first."));
			free(own);
			return 0;
		}
		ok &= results_read(&set, own, &d);
		free(own);
	}
	diag_sort(&d);
	diag_print(&d, stderr);
	diag_clear(&d);
	qsort(set.v, set.n, sizeof(*set.v), cmp_started);
	if (csv)
		report_csv(&set);
	else if (json)
		report_json(&set);
	else
		report_text(&set);
	results_set_free(&set);
	return ok ? 0 : EXIT_USAGE;
}
