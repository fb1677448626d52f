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
#include "report-html.h"
#include "results.h"
#include "summary.h"
#include "util.h"

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
	/* (and their full-width forms ＝ ＋ － ＠, which some spreadsheets read the same way) */
	if ((strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0') ||
	    (strncmp(s, "\xef\xbc", 2) == 0 && strchr("\x9d\x8b\x8d\xa0", s[2]) != NULL && s[2] != '\0'))
		putchar('\'');
	/* Controls are dropped here too: the CSV may well be shown on a terminal. */
	for (p = s; *p != '\0';) {
		const char *q = strchr(p, '"');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		util_put_clean(stdout, p, n, false);
		if (q == NULL)
			break;
		fputs("\"\"", stdout);
		p = q + 1;
	}
	putchar('"');
	putchar(last ? '\r' : csv_sep);
	if (last)
		putchar('\n');
}

/* Text from a results file (a pupil may have written it) printed for a terminal: cleaned, then
 * padded to width columns (counted in bytes: near enough for ids and dates). */
static void
put_text(const char *s, int width)
{
	size_t n = s ? strlen(s) : 0;

	util_put_clean(stdout, s ? s : "", n, false);
	for (; (int)n < width; n++)
		putchar(' ');
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
report_csv(const struct summary *s)
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
	for (i = 0; i < s->nrows; i++) {
		const struct attempt *at = s->rows[i];
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
report_json(const struct summary *s)
{
	size_t i;
	int k;

	for (i = 0; i < s->nrows; i++) {
		const struct attempt *at = s->rows[i];
		json_t *o, *st;
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


/* qsort order of sign indexes: most missed first (ties: the lexicon's order). */
static const struct summary_pupil *text_pupil;
/* qsort order of sign indexes: most missed first (ties: the lexicon's order). */
static int
cmp_missed_most(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	int x = text_pupil->signs[a].shown - text_pupil->signs[a].caught;
	int y = text_pupil->signs[b].shown - text_pupil->signs[b].caught;

	return x != y ? y - x : a - b;
}

/* For a learner: each attempt, each stage's progress over time, the signs most often missed. */
static void
report_text(const struct summary *s, struct detector *det)
{
	struct summary_pupil all = {0};
	int order[SUMMARY_SIGNS], nmissed = 0;
	size_t i, k;
	char date[20];
	int st;

	printf("%s\n", _("Your attempts:"));
	for (i = 0; i < s->nrows; i++) {
		const struct attempt *at = s->rows[i];
		fputs("  ", stdout);
		put_text(csv_date(at->started, date), 0);
		fputs("  ", stdout);
		put_text(at->scenario, 28);
		putchar(' ');
		put_text(at->lang, 2);
		fputs("  ", stdout);
		if (at->finished && at->score >= 0)
			printf("%3d%%\n", at->score);
		else
			printf(_("unfinished (%zu answers)\n"), at->nturns);
	}
	printf("\n%s\n", _("Progress per stage, oldest first:"));
	for (i = 0; i < s->nrows && !s->rows[i]->finished; i++)
		;
	if (i == s->nrows)
		printf("  %s\n", _("(no finished attempt yet)"));
	for (st = 0; st < STAGE_COUNT; st++) {
		bool any = false;
		for (i = 0; i < s->nrows; i++) {
			if (!s->rows[i]->finished || s->rows[i]->stage_score[st] < 0)
				continue;
			if (!any)
				printf("  %-40s", st == STAGE_NONE ? _("Telling what is fine")
							   : (det ? detector_stage_label(det, (enum stage)st, i18n_lang())
								  : stage_id((enum stage)st)));
			printf("%s%d%%", any ? " -> " : "", s->rows[i]->stage_score[st]);
			any = true;
		}
		if (any)
			putchar('\n');
	}
	/* The signs of the detector's verdicts the learner did not name, as the summary counted them
	 * (every pupil of the files together: one learner's own file holds one). */
	for (i = 0; i < s->npupils; i++)
		for (k = 0; k < s->ncats; k++) {
			all.signs[k].shown += s->pupils[i].signs[k].shown;
			all.signs[k].caught += s->pupils[i].signs[k].caught;
		}
	for (k = 0; k < s->ncats; k++)
		if (all.signs[k].shown > all.signs[k].caught)
			order[nmissed++] = (int)k;
	text_pupil = &all;
	qsort(order, (size_t)nmissed, sizeof(*order), cmp_missed_most);
	if (nmissed > 0) {
		printf("\n%s\n", _("Signs you missed most often (worth another look):"));
		for (k = 0; k < (size_t)nmissed && k < 5; k++) {
			fputs("  ", stdout);
			put_text(s->cats[order[k]].label[lang_index(i18n_lang())], 40);
			printf(" %d\n", all.signs[order[k]].shown - all.signs[order[k]].caught);
		}
	}
}

/* Keep only the attempts of one nickname (exactly, else ignoring case); false when none. */
static bool
keep_learner(struct results_set *set, const char *nick)
{
	size_t i, n = 0;
	int pass;

	for (pass = 0; pass < 2 && n == 0; pass++) {
		for (i = 0; i < set->n; i++) {
			const char *name = set->v[i].nickname;
			if (name != NULL && (pass == 0 ? strcmp(name, nick) : strcasecmp(name, nick)) == 0) {
				struct attempt keep = set->v[i];
				set->v[i] = set->v[n];   /* (swapped, so that every attempt is still in the array) */
				set->v[n++] = keep;
			}
		}
	}
	if (n == 0)
		return false;
	for (i = n; i < set->n; i++) { /* the others' turns and events are their own memory */
		free(set->v[i].turns);
		free(set->v[i].events);
	}
	set->n = n;
	return true;
}

/* qsort order of pointers. */
static int
cmp_ptr(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;

	return a < b ? -1 : a > b;
}

/* The distinct results files the attempts came from (a file's attempts share its name). */
static size_t
count_files(const struct summary *s)
{
	const char **v = xcalloc(s->nrows + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < s->nrows; i++)
		v[i] = s->rows[i]->file;
	qsort(v, s->nrows, sizeof(*v), cmp_ptr);
	for (i = 0; i < s->nrows; i++)
		n += i == 0 || v[i] != v[i - 1];
	free(v);
	return n;
}

/* waspada report [--csv|--csv=id|--json|--html] [--learner NICK] [RESULTS-FILE|DIR ...] */
static int
cmd_report(int argc, char **argv, const char *lang)
{
	struct results_set set = {0};
	struct summary s;
	struct diags d = {0};
	struct detector *det = NULL;
	const struct category *cats = NULL;
	const char *learner = NULL;
	bool csv = false, json = false, html = false, any = false, ok = true;
	size_t ncats = 0;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0 || strcmp(argv[i], "--csv=en") == 0)
			csv = true;
		else if (strcmp(argv[i], "--csv=id") == 0)
			csv = true, csv_sep = ';'; /* an Indonesian-locale spreadsheet */
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--html") == 0)
			html = true;
		else if (strcmp(argv[i], "--learner") == 0 && i + 1 < argc)
			learner = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("report", _("unknown option '%s'"), argv[i]);
		else {
			ok &= read_path(&set, argv[i], &d);
			any = true;
		}
	}
	if (csv + json + html > 1)
		return cmd_usage_error("report", "%s", _("choose one of --csv, --json and --html"));
	if (!any) {
		char *own = results_default_path();
		if (own == NULL || access(own, R_OK) != 0) {
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
	if (learner != NULL && !keep_learner(&set, learner)) {
		fprintf(stderr, _("waspada report: no results for the nickname '%s' in these files\n"), learner);
		results_set_free(&set);
		return EXIT_PROBLEMS;
	}
	/* The warning signs are the detector's: only the reports that count them open it. */
	if (!csv && !json) {
		det = detector_open(NULL, NULL, &d);
		diag_clear(&d);
		cats = det != NULL ? detector_categories(det, &ncats) : NULL;
	}
	summary_build(&s, &set, cats, ncats);
	if (html && s.nrows == 0) {
		fprintf(stderr, "%s\n", _("waspada report: no results found (results files end in .jsonl)"));
		rc = EXIT_PROBLEMS;
	}
	if (csv)
		report_csv(&s);
	else if (json)
		report_json(&s);
	else if (html && learner != NULL)
		report_html_learner(stdout, &s, det, learner);
	else if (html)
		report_html_class(stdout, &s, det, count_files(&s));
	else
		report_text(&s, det);
	summary_free(&s);
	detector_close(det);
	results_set_free(&set);
	return !ok ? EXIT_USAGE : rc;
}

const struct cmd_entry cmd_report_entry = {
	"report", "waspada report [--csv|--csv=id|--json|--html] [--learner NICK] [RESULTS-FILE|DIR ...]",
	N_("Show a learner's progress, or make a class's results into one spreadsheet. --html writes "
	   "a picture report of the class (or, with --learner, one pupil's page to take home) as one "
	   "self-contained page to print."),
	cmd_report, CMD_LANG | CMD_LANG_SAVED,
};
