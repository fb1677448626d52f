/* cmd-list: `waspada list`: the shipped scenarios, for people or as JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "detector.h"
#include "i18n.h"

/* What the detector finds in a scenario's messages, read in file order (the one key, not the
 * author's): the stages, the categories (added to cats as JSON strings), and how many of the
 * questions are about a message it finds fine. */
static int
scenario_stages(struct detector *det, const struct scenario *s, bool seen[STAGE_COUNT], json_t *cats)
{
	size_t i, k;
	int fine = 0;

	memset(seen, 0, STAGE_COUNT * sizeof(bool));
	detector_reset(det);
	for (i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		struct verdict v;
		const char *err;
		if (st->kind != STEP_MESSAGE || st->speaker == SPEAKER_SYSTEM)
			continue;
		if (detector_message(det, scenario_speaker_name(s, st->speaker), st->text,
				     strlen(st->text), s->lang, st->speaker == SPEAKER_PERSONA, &v, &err)) {
			seen[v.stage] = true;
			fine += st->ask && v.stage == STAGE_NONE;
			for (k = 0; k < v.ncategories; k++) {
				size_t j;
				for (j = 0; j < json_array_size(cats); j++)
					if (strcmp(json_string_value(json_array_get(cats, j)), v.categories[k]) == 0)
						break;
				if (j == json_array_size(cats))
					json_array_append_new(cats, json_string(v.categories[k]));
			}
		}
		verdict_free(&v);
	}
	return fine;
}

/* waspada list [--json] [--lang id|en] */
static int
cmd_list(int argc, char **argv, const char *lang)
{
	bool json = false, seen[STAGE_COUNT];
	struct catalog c;
	struct diags d = {0};
	struct detector *det;
	size_t i;
	int k, rc = 0;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--json") == 0)
			json = true;
		else
			return cmd_usage_error("list", _("unknown option '%s'"), argv[k]);
	}
	catalog_load(&c, lang, &d);
	if (d.errors > 0) {
		/* A broken shipped or installed file is reported, and the rest still listed. */
		diag_sort(&d);
		diag_print(&d, stderr);
		rc = EXIT_USAGE;
	}
	diag_clear(&d);
	det = detector_open(NULL, NULL, &d);
	if (det == NULL) {
		diag_print(&d, stderr);
		diag_clear(&d);
		catalog_free(&c);
		return EXIT_USAGE;
	}
	if (!json)
		printf("%-28s %-4s %-10s %-13s %s\n", "ID", _("LANG"), _("PLATFORM"), _("DIFFICULTY"),
		       _("TITLE"));
	for (i = 0; i < c.n; i++) {
		const struct scenario *s = c.v[i].s;
		json_t *cats = json_array();
		int fine = scenario_stages(det, s, seen, cats);
		if (json) {
			json_t *o = json_object(), *st = json_array();
			json_object_set_new(o, "id", json_string(s->id));
			json_object_set_new(o, "title", json_string(s->title));
			json_object_set_new(o, "lang", json_string(s->lang));
			/* design.md names it "language"; "lang" matches detect's and the files' key. */
			json_object_set_new(o, "language", json_string(s->lang));
			json_object_set_new(o, "platform", json_string(platform_name(s->platform)));
			json_object_set_new(o, "difficulty", json_string(s->difficulty));
			json_object_set_new(o, "order", json_integer(s->order));
			json_object_set_new(o, "summary", json_string(s->summary));
			json_object_set_new(o, "questions", json_integer((json_int_t)scenario_questions(s)));
			for (k = 0; k < STAGE_NONE; k++)
				if (seen[k])
					json_array_append_new(st, json_string(stage_id((enum stage)k)));
			json_object_set_new(o, "stages", st);
			json_object_set_new(o, "categories", cats);
			json_object_set_new(o, "fine_questions", json_integer(fine));
			json_object_set_new(o, "messages", json_integer((json_int_t)s->nsteps));
			json_object_set_new(o, "minutes", json_integer(s->minutes));
			json_object_set_new(o, "persona_age", json_integer(s->persona.age));
			json_object_set_new(o, "persona_gender",
					    s->persona.gender ? json_string(s->persona.gender) : json_null());
			json_object_set_new(o, "path", json_string(c.v[i].path));
			json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
			putchar('\n');
			json_decref(o);
		} else {
			printf("%-28s %-4s %-10s %-13s %s\n", s->id, s->lang, platform_name(s->platform),
			       s->difficulty, s->title);
			json_decref(cats);
		}
	}
	detector_close(det);
	catalog_free(&c);
	return rc;
}

const struct cmd_entry cmd_list_entry = {
	"list", "waspada list [--json] [--lang id|en]",
	N_("List the scenarios Waspada ships: id, language, platform, difficulty and title (--json "
	   "adds the stages they show)."),
	cmd_list, CMD_LANG,
};
