/* cmd-play: `waspada play` and the menu: pick a frontend and run the engine. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cmd.h"
#include "engine.h"
#include "i18n.h"
#include "results.h"
#include "ui.h"

struct play_options {
	const char *scenario, *lang, *nickname, *class_code;
	bool plain, reveal, instant;
	enum level level;
};

/* Load a scenario and play it with the options given. */
static int
play_file(const char *path, const struct play_options *o)
{
	struct diags d = {0};
	struct scenario *s = scenario_load(path, &d);
	struct play p;
	char *rpath, *err = NULL;
	int rc;

	if (s == NULL) {
		diag_sort(&d);
		diag_print(&d, stderr);
		diag_clear(&d);
		return EXIT_USAGE;
	}
	/* The learner reads the scenario's language: let the questions and feedback match it. */
	i18n_init(s->lang);
	if (!play_init(&p, s, &d)) {
		diag_print(&d, stderr);
		diag_clear(&d);
		scenario_free(s);
		return EXIT_USAGE;
	}
	p.reveal = o->reveal;
	p.instant = o->instant;
	p.level = o->level;
	rpath = results_default_path();
	p.results = results_open(rpath, &err);
	if (p.results == NULL) {
		fprintf(stderr, "waspada: %s\n", err);
		free(err);
	} else {
		results_start(p.results, &p, o->nickname, o->class_code);
	}
	free(rpath);
	rc = ui_plain_play(&p, stdin, stdout);
	results_close(p.results);
	play_free(&p);
	scenario_free(s);
	diag_clear(&d);
	return rc == 0 ? 0 : EXIT_PROBLEMS;
}

/* Read play's options; the scenario is the one word that is not an option. */
static int
parse_options(int argc, char **argv, struct play_options *o, const char *cmd)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->nickname = getenv("WASPADA_NICKNAME");
	o->class_code = getenv("WASPADA_CLASS");
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--plain") == 0)
			o->plain = true;
		else if (strcmp(a, "--reveal") == 0)
			o->reveal = true;
		else if (strcmp(a, "--instant") == 0)
			o->instant = true;
		else if (strcmp(a, "--lang") == 0 && i + 1 < argc)
			o->lang = argv[++i];
		else if (strncmp(a, "--lang=", 7) == 0)
			o->lang = a + 7;
		else if (strcmp(a, "--level") == 0 && i + 1 < argc) {
			const char *l = argv[++i];
			if (strcmp(l, "beginner") == 0)
				o->level = LEVEL_BEGINNER;
			else if (strcmp(l, "standard") != 0)
				return cmd_usage_error(cmd, _("--level must be beginner or standard, not '%s'"), l);
		} else if (strcmp(a, "--name") == 0 && i + 1 < argc)
			o->nickname = argv[++i];
		else if (strcmp(a, "--class") == 0 && i + 1 < argc)
			o->class_code = argv[++i];
		else if (a[0] == '-' && a[1] != '\0')
			return cmd_usage_error(cmd, _("unknown option '%s'"), a);
		else if (o->scenario != NULL)
			return cmd_usage_error(cmd, "%s", _("give one scenario"));
		else
			o->scenario = a;
	}
	if (o->lang != NULL && !i18n_known(o->lang))
		return cmd_usage_error(cmd, _("--lang must be id or en, not '%s'"), o->lang);
	return 0;
}

/* waspada play SCENARIO [options] */
int
cmd_play(int argc, char **argv)
{
	struct play_options o;
	char *path;
	int rc = parse_options(argc, argv, &o, "play");

	if (rc != 0)
		return rc;
	if (o.scenario == NULL)
		return cmd_usage_error("play", "%s", _("which scenario? (see 'waspada list')"));
	path = catalog_resolve(o.scenario, o.lang ? o.lang : i18n_lang());
	if (path == NULL) {
		fprintf(stderr, _("waspada play: no scenario file or shipped scenario called '%s' "
				  "(see 'waspada list')\n"), o.scenario);
		return EXIT_USAGE;
	}
	rc = play_file(path, &o);
	free(path);
	return rc;
}

/* waspada with no command: choose a scenario in the learner's language, then play it. */
int
cmd_menu(int argc, char **argv)
{
	struct play_options o;
	struct catalog c;
	struct diags d = {0};
	const char **titles;
	size_t i;
	int rc = parse_options(argc, argv, &o, "waspada"), pick;

	if (rc != 0)
		return rc;
	catalog_load(&c, o.lang ? o.lang : i18n_lang(), &d);
	diag_clear(&d);
	if (c.n == 0) {
		fprintf(stderr, "%s\n", _("waspada: no scenarios found; is Waspada installed?"));
		catalog_free(&c);
		return EXIT_USAGE;
	}
	titles = xcalloc(c.n, sizeof(*titles));
	for (i = 0; i < c.n; i++)
		titles[i] = c.v[i].s->title;
	pick = ui_plain_menu(titles, c.n, stdin, stdout);
	free(titles);
	rc = pick < 0 ? EXIT_PROBLEMS : play_file(c.v[pick].path, &o);
	catalog_free(&c);
	return rc;
}
