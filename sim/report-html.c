/* report-html: the HTML pages of `report --html` (see report-html.h). Every number comes from
 * the summary (summary.c), the same one the CSV and JSON are written from; every text that came
 * from a results file goes through svg_escape. */
#include "report-html.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "help.h"
#include "i18n.h"
#include "scenario.h"
#include "svg.h"
#include "util.h"

#define HEAT_MAX   40  /* pupils drawn in the heat map (all of them are in the table) */
#define PAIRS_MAX  40  /* pupils drawn in the before/after chart */
#define MISSED_MAX 5   /* messages quoted for discussion */
#define FLAGGED_MAX 3  /* harmless messages quoted, the most often flagged */

/* The page's style: plain, high contrast, A4 when printed; charts scale to their column. */
static const char page_css[] =
	"@page{size:A4;margin:14mm}\n"
	"body{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:11pt;color:#111;margin:1.5em auto;"
	"max-width:60em;line-height:1.35}\n"
	"h1{font-size:18pt;margin:0 0 .2em}h2{font-size:13pt;border-bottom:2px solid #333;margin-top:1.6em}h3{font-size:11.5pt}\n"
	".sub{color:#444;margin:0 0 1em}\n"
	".glance{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}\n"
	".fig{border:1px solid #777;border-radius:6px;padding:.5em .9em;flex:1 1 9em;margin:0}\n"
	".fig b{display:block;font-size:20pt}\n"
	".pair{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}\n"
	".pair>figure{flex:none;max-width:100%}.pair>table{flex:none}\n"
	"svg.chart{max-width:100%;height:auto}\n"
	"svg text{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:11px;fill:#111}\n"
	"svg .head{font-weight:bold}svg .num{font-weight:bold}\n"
	"svg .frame{fill:none;stroke:#999}svg .bar{fill:#2c5d8f}\n"
	"svg .h0{fill:#fff;stroke:#ccc}svg .h1{fill:#eef3f8}svg .h2{fill:#c9d9ea}svg .h3{fill:#f4c27a}"
	"svg .h4{fill:#d9702b}svg .h5{fill:#8f2c1c}\n"
	"svg .cell{font-size:10px}svg .light{fill:#fff}\n"
	"svg .axis{stroke:#bbb}svg .gain{stroke:#333;stroke-width:2}\n"
	"svg .before{fill:#fff;stroke:#333;stroke-width:2}svg .after{fill:#333}\n"
	"table{border-collapse:collapse;font-size:9.5pt;margin:.4em 0}\n"
	"th,td{border:1px solid #999;padding:2px 5px;text-align:left;vertical-align:top}\n"
	"td.n,th.n{text-align:right}caption{text-align:left;font-weight:bold;padding:.2em 0}\n"
	"table.small{font-size:8pt}table.small thead th{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;max-height:12em;vertical-align:bottom;font-weight:normal}\n"
	"blockquote{border-left:4px solid #2c5d8f;margin:.6em 0;padding:.2em .8em;background:#f4f6f9}\n"
	".why{margin:.2em 0 1em 1.2em}.note{color:#444;font-size:9.5pt}\n"
	"section{break-inside:auto}figure{margin:0;break-inside:avoid}tr{break-inside:avoid}\n"
	"@media print{body{margin:0;max-width:none}a{color:inherit}.fig{break-inside:avoid}}\n";

/* The page's head and title. */
static void
page_open(FILE *f, const char *lang, const char *title)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		strcmp(lang, "id") == 0 ? "id" : "en");
	svg_escape(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", page_css);
}

/* Text as an escaped element. */
static void
tag(FILE *f, const char *name, const char *text)
{
	fprintf(f, "<%s>", name);
	svg_escape(f, text);
	fprintf(f, "</%s>\n", name);
}

/* A percentage cell ("–" when not known). */
static void
pct_cell(FILE *f, int v)
{
	if (v >= 0)
		fprintf(f, "<td class=\"n\">%d%%</td>", v);
	else
		fputs("<td class=\"n\">\xe2\x80\x93</td>", f);
}

/* Seconds as "1 h 05 min" or "12 min". */
static void
duration(FILE *f, long sec)
{
	long min = (sec + 30) / 60;

	if (min >= 60)
		fprintf(f, _("%ld h %02ld min"), min / 60, min % 60);
	else
		fprintf(f, _("%ld min"), min);
}

/* A sign's label in a language. */
static const char *
sign_label(const struct category *c, const char *lang)
{
	return c->label[lang_index(lang)];
}

/* A stage's label in a language. */
static const char *
stage_label(struct detector *det, enum stage st, const char *lang)
{
	return det != NULL ? detector_stage_label(det, st, lang) : stage_id(st);
}

/* The class at a glance: four figures (data-value holds the exact number for scripts). */
static void
glance(FILE *f, const struct summary *s)
{
	fprintf(f, "<section>\n<h2>%s</h2>\n<div class=\"glance\">\n", _("The class at a glance"));
	fprintf(f, "<p class=\"fig\" id=\"fig-pupils\" data-value=\"%zu\"><b>%zu</b>%s</p>\n",
		s->npupils, s->npupils, _("pupils"));
	fprintf(f, "<p class=\"fig\" id=\"fig-finished\" data-value=\"%zu\"><b>%zu</b>", s->finished, s->finished);
	fprintf(f, _("scenarios finished (of %zu started)"), s->attempts);
	fputs("</p>\n", f);
	fprintf(f, "<p class=\"fig\" id=\"fig-average\" data-value=\"%d\"><b>", s->average);
	if (s->average >= 0)
		fprintf(f, "%d%%", s->average);
	else
		fputs("\xe2\x80\x93", f);
	fprintf(f, "</b>%s</p>\n", _("average score of finished scenarios"));
	fprintf(f, "<p class=\"fig\" id=\"fig-time\" data-value=\"%ld\"><b>", s->seconds);
	duration(f, s->seconds);
	fprintf(f, "</b>%s</p>\n</div>\n</section>\n", _("time spent in finished scenarios"));
}

/* The signs caught, grouped by stage: bars, and the same numbers in a table beside them. */
static void
signs_caught(FILE *f, const struct summary *s, struct detector *det, const char *lang)
{
	struct svg_bar *bars = xcalloc(s->ncats + STAGE_COUNT + 2, sizeof(*bars));
	size_t i, n = 0;
	int st;

	fprintf(f, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n<div class=\"pair\">\n",
		_("How often the class caught each warning sign"),
		_("Each time a message showed a sign, did the pupil name it? Beginner-level answers count "
		  "when they named the sign's stage."));
	for (st = 0; st < STAGE_NONE; st++) {
		bars[n].label = stage_label(det, (enum stage)st, lang);
		bars[n++].heading = true;
		for (i = 0; i < s->ncats; i++)
			if (s->cats[i].stage == (enum stage)st) {
				bars[n].label = sign_label(&s->cats[i], lang);
				bars[n++].value = summary_percent(&s->signs[i]);
			}
	}
	bars[n].label = _("Harmless look-alikes (lower is better)");
	bars[n++].heading = true;
	bars[n].label = _("flagged as worrying");
	bars[n++].value = summary_percent(&s->fine);
	fputs("<figure>\n", f);
	svg_bars(f, _("Warning signs caught by the class, in percent"), bars, n);
	fputs("</figure>\n", f);
	fprintf(f, "<table id=\"signs\">\n<caption>%s</caption>\n<thead><tr><th>%s</th><th class=\"n\">%s</th>"
		"<th class=\"n\">%s</th><th class=\"n\">%s</th></tr></thead>\n<tbody>\n",
		_("The same numbers"), _("warning sign"), _("shown"), _("caught"), "%");
	for (st = 0; st < STAGE_NONE; st++) {
		fputs("<tr><th colspan=\"4\">", f);
		svg_escape(f, stage_label(det, (enum stage)st, lang));
		fputs("</th></tr>\n", f);
		for (i = 0; i < s->ncats; i++)
			if (s->cats[i].stage == (enum stage)st) {
				fprintf(f, "<tr data-sign=\"%s\"><td>", s->cats[i].id);
				svg_escape(f, sign_label(&s->cats[i], lang));
				fprintf(f, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td>", s->signs[i].shown,
					s->signs[i].caught);
				pct_cell(f, summary_percent(&s->signs[i]));
				fputs("</tr>\n", f);
			}
	}
	fprintf(f, "<tr><th colspan=\"4\">%s</th></tr>\n<tr data-sign=\"none\"><td>%s</td>"
		"<td class=\"n\">%d</td><td class=\"n\">%d</td>", _("Harmless look-alikes (lower is better)"),
		_("flagged as worrying"), s->fine.shown, s->fine.caught);
	pct_cell(f, summary_percent(&s->fine));
	fputs("</tr>\n</tbody>\n</table>\n</div>\n</section>\n", f);
	free(bars);
}

/* qsort order of sign indexes by the class's share caught, lowest first. */
static const struct summary *sort_summary;
/* qsort order of signs: the least caught first (ties: the lexicon's order). */
static int
cmp_sign(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	int x = summary_percent(&sort_summary->signs[a]), y = summary_percent(&sort_summary->signs[b]);

	return x != y ? x - y : a - b;
}

/* Pupils x signs: who and what needs attention first, drawn and tabled. */
static void
heat_map(FILE *f, const struct summary *s, const char *lang)
{
	int cols[SUMMARY_SIGNS];
	size_t ncols = 0, nrows = s->npupils < HEAT_MAX ? s->npupils : HEAT_MAX, r, c;
	const char **rowl = xcalloc(nrows + 1, sizeof(*rowl)), **coll;
	int *cells;

	for (c = 0; c < s->ncats; c++)
		if (s->signs[c].shown > 0)
			cols[ncols++] = (int)c;
	sort_summary = s;
	qsort(cols, ncols, sizeof(*cols), cmp_sign);
	coll = xcalloc(ncols + 1, sizeof(*coll));
	cells = xcalloc(nrows * ncols + 1, sizeof(*cells));
	for (c = 0; c < ncols; c++)
		coll[c] = sign_label(&s->cats[cols[c]], lang);
	for (r = 0; r < nrows; r++) {
		rowl[r] = s->pupils[r].name;
		for (c = 0; c < ncols; c++)
			cells[r * ncols + c] = summary_percent(&s->pupils[r].signs[cols[c]]);
	}
	fprintf(f, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", _("Who and what needs attention"),
		_("Percent of the times each pupil named each sign. Pupils who caught the fewest signs "
		  "come first, and so do the signs the class caught least. Darker cells are lower; a dot "
		  "means the pupil never met that sign."));
	if (nrows == 0 || ncols == 0) {
		fprintf(f, "<p>%s</p>\n</section>\n", _("No warning sign has been answered yet."));
		goto out;
	}
	if (s->npupils > nrows) {
		fputs("<p class=\"note\">", f);
		fprintf(f, _("The %zu pupils who need attention most are shown; all %zu are in the table of "
			     "pupils below."), nrows, s->npupils);
		fputs("</p>\n", f);
	}
	fputs("<figure>\n", f);
	svg_heat(f, _("Warning signs caught by each pupil, in percent"), rowl, nrows, coll, ncols, cells);
	fputs("</figure>\n", f);
	fprintf(f, "<table class=\"small\" id=\"heat\">\n<caption>%s</caption>\n<thead><tr><th>%s</th>",
		_("The same numbers (percent caught)"), _("pupil"));
	for (c = 0; c < ncols; c++) {
		fputs("<th class=\"n\">", f);
		svg_escape(f, coll[c]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (r = 0; r < nrows; r++) {
		fputs("<tr><th>", f);
		svg_escape(f, rowl[r]);
		fputs("</th>", f);
		for (c = 0; c < ncols; c++)
			pct_cell(f, cells[r * ncols + c]);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
out:
	free(rowl);
	free(coll);
	free(cells);
}

/* A message of a shipped scenario with the detector's explanation, as `detect` gives it on the
 * scenario file (its messages in file order). false when the scenario or step is not found. */
static bool
find_message(struct detector *det, const struct summary_message *m, struct scenario **out,
	     const struct step **step, char **explanation)
{
	char *path = catalog_resolve(m->scenario, m->lang ? m->lang : "en");
	struct diags d = {0};
	struct scenario *sc;
	size_t i;

	*out = NULL;
	*explanation = NULL;
	sc = path != NULL ? scenario_load(path, &d) : NULL;
	free(path);
	diag_clear(&d);
	if (sc == NULL)
		return false;
	if (det != NULL) {
		detector_reset(det);
		detector_scenario_roles(det, sc);
	}
	for (i = 0; i < sc->nsteps; i++) {
		const struct step *st = &sc->steps[i];
		struct verdict v;
		const char *err;
		bool found = st->id != NULL && strcmp(st->id, m->step) == 0;
		if (st->kind != STEP_MESSAGE || st->speaker == SPEAKER_SYSTEM)
			continue;
		if (det != NULL && detector_message(det, scenario_speaker_name(sc, st->speaker), st->text,
						    strlen(st->text), sc->lang,
						    st->speaker == SPEAKER_PERSONA, &v, &err)) {
			if (found && v.explanation != NULL)
				*explanation = xstrdup(v.explanation);
			verdict_free(&v);
		}
		if (found) {
			*out = sc;
			*step = st;
			return true;
		}
	}
	scenario_free(sc);
	return false;
}

/* A message quoted for discussion: who said it and what, then the chat it is from (the caller
 * goes on inside the open paragraph). */
static void
quote_message(FILE *f, const struct scenario *sc, const struct step *st)
{
	fputs("<blockquote><p><b>", f);
	svg_escape(f, scenario_speaker_name(sc, st->speaker));
	fputs(":</b> ", f);
	svg_escape(f, st->text);
	fputs("</p></blockquote>\n<div class=\"why\"><p>", f);
	svg_escape(f, sc->title);
	fprintf(f, " (%s) \xc2\xb7 ", sc->lang);
}

/* The messages the class missed most, quoted, as prompts for a discussion. */
static void
missed_messages(FILE *f, const struct summary *s, struct detector *det, const char *lang)
{
	size_t i, k, shown = 0;

	fprintf(f, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", _("Messages to talk about"),
		_("The messages the class missed most often (no warning sign named), with what the "
		  "detector saw in them. Read one aloud and ask: what is the sign, and what could the "
		  "child do next?"));
	for (i = 0; i < s->nmessages && shown < MISSED_MAX; i++) {
		const struct summary_message *m = &s->messages[i];
		struct scenario *sc;
		const struct step *st;
		char *why;
		if (m->missed == 0)
			break;
		if (m->stage == STAGE_NONE)
			continue;
		if (!find_message(det, m, &sc, &st, &why))
			continue;
		shown++;
		quote_message(f, sc, st);
		fprintf(f, _("missed in %d of %d answers"), m->missed, m->shown);
		fputs("</p>\n<p>", f);
		fprintf(f, "<b>%s</b> ", _("Signs:"));
		for (k = 0; k < m->ncategories; k++) {
			int c = summary_sign_index(s, m->categories[k]);
			if (k > 0)
				fputs(", ", f);
			svg_escape(f, c >= 0 ? sign_label(&s->cats[c], lang) : m->categories[k]);
		}
		fputs("</p>\n", f);
		if (why != NULL) {
			fprintf(f, "<p><b>%s</b> ", _("What the detector saw:"));
			svg_escape(f, why);
			fputs("</p>\n", f);
		}
		fputs("</div>\n", f);
		free(why);
		scenario_free(sc);
	}
	if (shown == 0)
		fprintf(f, "<p>%s</p>\n", _("No worrying message was missed. Well done, class!"));
	/* The harmless look-alikes flagged most: "why is this one fine?" is a discussion too. */
	for (i = 0, shown = 0; i < s->nmessages && shown < FLAGGED_MAX; i++) {
		const struct summary_message *m = &s->messages[i];
		struct scenario *sc;
		const struct step *st;
		char *why;
		if (m->missed == 0)
			break;
		if (m->stage != STAGE_NONE || !find_message(det, m, &sc, &st, &why))
			continue;
		if (shown++ == 0)
			fprintf(f, "<h3>%s</h3>\n<p class=\"note\">%s</p>\n", _("Harmless, but often flagged"),
				_("On their own, these messages show no warning sign. Ask: what makes a message "
				  "like this fine, and what would turn it into a warning sign?"));
		quote_message(f, sc, st);
		fprintf(f, _("flagged as worrying in %d of %d answers"), m->missed, m->shown);
		fputs("</p></div>\n", f);
		free(why);
		scenario_free(sc);
	}
	fputs("</section>\n", f);
}

/* A gain as "+12" / "-3" / "–". */
static void
gain_cell(FILE *f, int before, int after)
{
	if (before >= 0 && after >= 0)
		fprintf(f, "<td class=\"n\">%+d</td>", after - before);
	else
		fputs("<td class=\"n\">\xe2\x80\x93</td>", f);
}

/* The before/after check: each pupil's first and last quiz, and the class's mean gain. */
static void
before_after(FILE *f, const struct summary *s)
{
	const char **labels = xcalloc(PAIRS_MAX + 1, sizeof(*labels));
	int before[PAIRS_MAX], after[PAIRS_MAX];
	size_t i, n = 0, any = 0;

	fprintf(f, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", _("Before and after"),
		_("Each pupil's first quick check (waspada quiz) and their latest one, in percent. Form A and "
		  "form B have different messages, so the second check is not a memory test."));
	for (i = 0; i < s->npupils; i++)
		if (s->pupils[i].before >= 0) {
			any++;
			if (s->pupils[i].after >= 0 && n < PAIRS_MAX) {
				labels[n] = s->pupils[i].name;
				before[n] = s->pupils[i].before;
				after[n++] = s->pupils[i].after;
			}
		}
	if (any == 0) {
		fprintf(f, "<p>%s</p>\n</section>\n", _("No pupil has taken the quick check yet. Run "
							 "'waspada quiz' before the lessons and again after them."));
		free(labels);
		return;
	}
	fprintf(f, "<p id=\"class-gain\" data-before=\"%d\" data-after=\"%d\" data-gain=\"%d\" data-paired=\"%zu\">",
		s->before, s->after, s->gain, s->paired);
	if (s->paired > 0)
		fprintf(f, _("Class: %d%% before, %d%% after: a gain of %+d points (%zu pupils took both)."),
			s->before, s->after, s->gain, s->paired);
	else
		fputs(_("No pupil has taken the second check yet."), f);
	fputs("</p>\n<div class=\"pair\">\n", f);
	if (n > 0) {
		fputs("<figure>\n", f);
		svg_pairs(f, _("Quick check before and after, per pupil, in percent"), labels, before, after,
			  n, _("before"), _("after"));
		fputs("</figure>\n", f);
	}
	fprintf(f, "<table id=\"gains\">\n<caption>%s</caption>\n<thead><tr><th>%s</th><th class=\"n\">%s</th>"
		"<th class=\"n\">%s</th><th class=\"n\">%s</th></tr></thead>\n<tbody>\n", _("The same numbers"),
		_("pupil"), _("before"), _("after"), _("gain"));
	for (i = 0; i < s->npupils; i++) {
		const struct summary_pupil *p = &s->pupils[i];
		if (p->before < 0)
			continue;
		fputs("<tr><td>", f);
		svg_escape(f, p->name);
		fputs("</td>", f);
		pct_cell(f, p->before);
		pct_cell(f, p->after);
		gain_cell(f, p->before, p->after);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</div>\n</section>\n", f);
	free(labels);
}

/* Every pupil in one table, needing attention first. */
static void
pupils_table(FILE *f, const struct summary *s)
{
	size_t i;

	fprintf(f, "<section>\n<h2>%s</h2>\n<table id=\"pupils\">\n<thead><tr><th>%s</th><th>%s</th>"
		"<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
		"<th class=\"n\">%s</th><th class=\"n\">%s</th></tr></thead>\n<tbody>\n",
		_("Every pupil"), _("pupil"), _("class"), _("finished / started"), _("average score"),
		_("time"), _("signs caught"), _("harmless flagged"), _("quick check gain"));
	for (i = 0; i < s->npupils; i++) {
		const struct summary_pupil *p = &s->pupils[i];
		/* The exact numbers as data- attributes, for a script (and the tests) to read back. */
		fprintf(f, "<tr data-finished=\"%zu\" data-started=\"%zu\" data-average=\"%d\" "
			"data-seconds=\"%ld\" data-before=\"%d\" data-after=\"%d\"><td>", p->finished,
			p->attempts, p->average, p->seconds, p->before, p->after);
		svg_escape(f, p->name);
		fputs("</td><td>", f);
		svg_escape(f, p->class_code ? p->class_code : "");
		fprintf(f, "</td><td class=\"n\">%zu / %zu</td>", p->finished, p->attempts);
		pct_cell(f, p->average);
		fputs("<td class=\"n\">", f);
		duration(f, p->seconds);
		fputs("</td>", f);
		pct_cell(f, summary_percent(&p->all));
		pct_cell(f, summary_percent(&p->fine));
		gain_cell(f, p->before, p->after);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
}

/* Today's date (UTC), for the page's footer. */
static void
today(char out[16])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The class page (see report-html.h). */
void
report_html_class(FILE *f, const struct summary *s, struct detector *det, size_t nfiles)
{
	const char *lang = i18n_lang();
	char date[16];

	today(date);
	page_open(f, lang, _("Waspada: what the class learned"));
	tag(f, "h1", _("Waspada: what the class learned"));
	fputs("<p class=\"sub\">", f);
	fprintf(f, _("From %zu results files, made on %s."), nfiles, date);
	fputs("</p>\n", f);
	if (s->nrows == 0) {
		fprintf(f, "<p>%s</p>\n</body>\n</html>\n", _("No results to show yet: the pupils' results "
							      "files hold no attempt."));
		return;
	}
	glance(f, s);
	signs_caught(f, s, det, lang);
	heat_map(f, s, lang);
	missed_messages(f, s, det, lang);
	before_after(f, s);
	pupils_table(f, s);
	fprintf(f, "<p class=\"note\">%s</p>\n</body>\n</html>\n",
		_("Made by 'waspada report --html'. A page for one pupil to take home: "
		  "'waspada report --html --learner NICKNAME'. The same numbers for a spreadsheet: "
		  "'waspada report --csv'."));
}

/* qsort order of sign indexes for one pupil: most missed first. */
static const struct summary_pupil *sort_pupil;
/* qsort order of one pupil's signs: the most missed first (ties: the lexicon's order). */
static int
cmp_pupil_missed(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	int x = sort_pupil->signs[a].shown - sort_pupil->signs[a].caught;
	int y = sort_pupil->signs[b].shown - sort_pupil->signs[b].caught;

	return x != y ? y - x : a - b;
}

/* One pupil's page (see report-html.h). */
void
report_html_learner(FILE *f, const struct summary *s, struct detector *det, const char *nick)
{
	const struct summary_pupil *p = s->npupils > 0 ? &s->pupils[0] : NULL;
	const char *lang = i18n_init(p && p->lang ? p->lang : i18n_lang());
	struct svg_bar *bars = xcalloc(s->ncats + 1, sizeof(*bars));
	int order[SUMMARY_SIGNS];
	size_t i, n = 0, nmissed = 0;
	struct help h = {0};
	struct diags d = {0};
	char *title = xasprintf(_("What %s learned with Waspada"), nick);

	page_open(f, lang, title);
	tag(f, "h1", title);
	fputs("<p class=\"sub\">", f);
	if (p != NULL && p->attempts > 0)
		fprintf(f, _("You finished %zu of the %zu chats you started, and looked at %d warning signs. "
			     "Thank you for practising!"), p->finished, p->attempts, p->all.shown);
	else
		fputs(_("Thank you for practising!"), f);
	fputs("</p>\n", f);
	/* What they spotted. */
	fprintf(f, "<section>\n<h2>%s</h2>\n", _("What you spotted"));
	for (i = 0; p != NULL && i < s->ncats; i++)
		if (p->signs[i].shown > 0) {
			bars[n].label = sign_label(&s->cats[i], lang);
			bars[n++].value = summary_percent(&p->signs[i]);
		}
	if (n > 0) {
		size_t named = 0;
		/* What went well first, in words; then every sign met, drawn and tabled. */
		for (i = 0; i < s->ncats; i++)
			if (p->signs[i].caught > 0) {
				fprintf(f, "%s", named++ == 0 ? "<p>" : ", ");
				if (named == 1)
					fprintf(f, "%s ", _("You spotted:"));
				svg_escape(f, sign_label(&s->cats[i], lang));
			}
		if (named > 0)
			fputs(".</p>\n", f);
		fputs("<div class=\"pair\">\n<figure>\n", f);
		svg_bars(f, _("Warning signs you named, in percent"), bars, n);
		fprintf(f, "</figure>\n<table>\n<caption>%s</caption>\n<thead><tr><th>%s</th><th class=\"n\">%s</th>"
			"</tr></thead>\n<tbody>\n", _("The same numbers"), _("warning sign"), _("you named it"));
		for (i = 0; i < s->ncats; i++)
			if (p->signs[i].shown > 0) {
				fputs("<tr><td>", f);
				svg_escape(f, sign_label(&s->cats[i], lang));
				fputs("</td><td class=\"n\">", f);
				fprintf(f, _("%d of %d times"), p->signs[i].caught, p->signs[i].shown);
				fputs("</td></tr>\n", f);
			}
		fputs("</tbody>\n</table>\n</div>\n", f);
	} else
		fprintf(f, "<p>%s</p>\n", _("Play a chat to see which warning signs you spot."));
	if (p != NULL && p->fine.shown > 0) {
		fputs("<p>", f);
		fprintf(f, _("You also met %d harmless messages that only looked worrying, and you knew %d of "
			     "them were fine."), p->fine.shown, p->fine.shown - p->fine.caught);
		fputs("</p>\n", f);
	}
	if (p != NULL && p->before >= 0) {
		fputs("<p>", f);
		if (p->after >= 0)
			fprintf(f, _("Your quick check: %d%% the first time, %d%% the last time."), p->before, p->after);
		else
			fprintf(f, _("Your first quick check: %d%%."), p->before);
		fputs("</p>\n", f);
	}
	fputs("</section>\n", f);
	/* What to remember: the signs missed most, with the detector's own kind hint. */
	for (i = 0; p != NULL && i < s->ncats; i++)
		if (p->signs[i].shown > p->signs[i].caught)
			order[nmissed++] = (int)i;
	sort_pupil = p;
	qsort(order, nmissed, sizeof(*order), cmp_pupil_missed);
	fprintf(f, "<section>\n<h2>%s</h2>\n", _("Worth remembering next time"));
	if (nmissed == 0)
		fprintf(f, "<p>%s</p>\n", _("You named every warning sign you met. Brilliant!"));
	else
		fputs("<ul>\n", f);
	for (i = 0; i < nmissed && i < 3; i++) {
		const struct category *c = &s->cats[order[i]];
		fputs("<li><b>", f);
		svg_escape(f, sign_label(c, lang));
		fputs(":</b> ", f);
		svg_escape(f, c->hint[lang_index(lang)]);
		fputs("</li>\n", f);
	}
	if (nmissed > 0)
		fputs("</ul>\n", f);
	fputs("</section>\n", f);
	/* What to do and who to call, from data/help.yaml. */
	fprintf(f, "<section>\n<h2>%s</h2>\n", _("If something online worries you"));
	if (help_load(&h, lang, &d)) {
		size_t k;
		fputs("<p><b>", f);
		svg_escape(f, h.never_your_fault);
		fputs("</b></p>\n<ol>\n", f);
		for (k = 0; h.what_to_do[k] != NULL; k++) {
			fputs("<li>", f);
			svg_escape(f, h.what_to_do[k]);
			fputs("</li>\n", f);
		}
		fprintf(f, "</ol>\n<p><b>%s</b></p>\n<ul>\n", _("Who can help:"));
		for (k = 0; h.helplines[k] != NULL; k++) {
			fputs("<li>", f);
			svg_escape(f, h.helplines[k]);
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
		help_free(&h);
	}
	diag_clear(&d);
	fprintf(f, "</section>\n<section>\n<h2>%s</h2>\n<p>%s</p>\n</section>\n", _("For parents and carers"),
		_("Your child practised spotting the warning signs of online grooming in made-up chats. Ask "
		  "them which sign surprised them most. If they ever tell you about a worrying chat, stay "
		  "calm, listen, thank them for telling you, and remember: it is never the child's fault."));
	fputs("</body>\n</html>\n", f);
	(void)det;
	free(bars);
	free(title);
}
