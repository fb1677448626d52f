/* cmd-play: `waspada play` and the menu: pick a frontend and run the engine. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "cmd.h"
#include "engine.h"
#include "i18n.h"
#include "paths.h"
#include "results.h"
#include "settings.h"
#include "ui.h"

struct play_options {
	const char *scenario, *lang, *nickname, *class_code;
	bool plain, reveal, instant, resume, level_given;
	char *nickname_storage; /* the remembered nickname, when o->nickname points at it */
	enum level level;
};

/* Whether path is a regular file we can read (earlier results live in one). */
static bool
is_regular_file(const char *path)
{
	struct stat st;

	return path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

/* A nickname or class code, asked once on a terminal (an empty answer is remembered too), so
 * that no result is anonymous by accident: the menu asks it, and so does `play FILE`. */
static void
ask_nickname(struct play_options *o)
{
	char *name = settings_get("name");

	if (name == NULL && o->nickname == NULL) {
		char typed[64] = "";
		if (ui_curses_input(_("What should we call you?"),
				    _("A nickname or your class code, for your teacher's list. Not your "
				      "full name. You can leave it empty."), typed, sizeof typed)) {
			settings_set("name", typed);
			if (typed[0] != '\0')
				o->nickname = o->nickname_storage = xstrdup(typed);
		}
	}
	free(name);
}

/* Load a scenario and play it with the options given. */
static int
play_file(const char *path, struct play_options *o)
{
	struct diags d = {0};
	struct scenario *s = scenario_load(path, &d);
	struct play p;
	struct results_set past = {0};
	const struct attempt *unfinished;
	bool curses, resume = o->resume;
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
	/* An attempt that was cut off (closed terminal, dropped connection) can go on. */
	if (is_regular_file(rpath)) {
		results_read(&past, rpath, &d);
		diag_print(&d, stderr);
		diag_clear(&d);
	}
	unfinished = results_unfinished(&past, s->id, s->lang);
	curses = !o->plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && ui_curses_usable();
	if (curses && unfinished == NULL && o->nickname == NULL && ui_curses_begin()) {
		ask_nickname(o);
		ui_curses_end();
	}
	/* On the chat screen the learner is asked; plain mode keeps its input for answers. */
	if (unfinished != NULL && curses && !o->resume && ui_curses_begin()) {
		resume = ui_curses_ask(_("You started this chat before. Continue where you left off?"),
					 _("Your earlier answers are kept."), _("y: continue"),
					 _("n: start again"));
		ui_curses_end();
	}
	if (unfinished != NULL && !resume && !curses)
		fprintf(stderr, "%s\n", _("waspada: you have an unfinished attempt at this scenario; add "
					  "--resume to continue it."));
	p.results = results_open(rpath, &err);
	if (p.results == NULL) {
		fprintf(stderr, "waspada: %s\n", err);
		free(err);
	} else if (unfinished != NULL && resume) {
		p.resume = unfinished;
		/* The attempt goes on at the level it was started at, whatever the setting now. */
		p.level = unfinished->level != NULL && strcmp(unfinished->level, "beginner") == 0
				  ? LEVEL_BEGINNER : LEVEL_STANDARD;
		results_continue(p.results, unfinished->id);
	} else {
		struct results_begin b = {s->id, s->lang, level_id(p.level), s->version, o->nickname,
					  o->class_code};
		results_start(p.results, &b);
	}
	free(rpath);
	/* The chat screen on a terminal; the plain mode for pipes, screen readers and --plain. */
	if (curses)
		rc = ui_curses_play(&p);
	else
		rc = ui_plain_play(&p, stdin, stdout);
	results_close(p.results);
	play_free(&p);
	results_set_free(&past);
	scenario_free(s);
	diag_clear(&d);
	return rc == 0 ? 0 : EXIT_PROBLEMS;
}

/* Read play's options; the scenario is the one word that is not an option. */
static int
parse_options(int argc, char **argv, const char *lang, struct play_options *o, const char *cmd)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->nickname = getenv("WASPADA_NICKNAME");
	o->class_code = getenv("WASPADA_CLASS");
	o->lang = lang;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--plain") == 0)
			o->plain = true;
		else if (strcmp(a, "--reveal") == 0)
			o->reveal = true;
		else if (strcmp(a, "--instant") == 0)
			o->instant = true;
		else if (strcmp(a, "--resume") == 0)
			o->resume = true;
		else if (strcmp(a, "--level") == 0 && i + 1 < argc) {
			const char *l = argv[++i];
			o->level_given = true;
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
	if (!o->level_given) {
		/* The level the learner chose on the start screen, if any. */
		char *lv = settings_get("level");
		if (lv != NULL && strcmp(lv, "beginner") == 0)
			o->level = LEVEL_BEGINNER;
		free(lv);
	}
	if (o->nickname == NULL || *o->nickname == '\0') {
		/* The nickname the learner gave on the start screen, if any (freed by the caller). */
		o->nickname_storage = settings_get("name");
		o->nickname = o->nickname_storage != NULL && *o->nickname_storage != '\0'
				      ? o->nickname_storage : NULL;
	}
	/* A record holds UTF-8 only: say so rather than drop the name silently. */
	if (o->nickname != NULL && utf8_valid_prefix(o->nickname, strlen(o->nickname)) != strlen(o->nickname)) {
		fprintf(stderr, "waspada: %s\n", _("the nickname is not valid UTF-8 text, so it is not saved "
						   "with your results"));
		o->nickname = NULL;
	}
	if (o->class_code != NULL &&
	    utf8_valid_prefix(o->class_code, strlen(o->class_code)) != strlen(o->class_code)) {
		fprintf(stderr, "waspada: %s\n", _("the class code is not valid UTF-8 text, so it is not "
						   "saved with your results"));
		o->class_code = NULL;
	}
	return 0;
}

/* Find the scenario play was given and play it. */
static int
play_named(struct play_options *o)
{
	char *path;
	int rc;

	if (o->scenario == NULL)
		return cmd_usage_error("play", "%s", _("which scenario? (see 'waspada list')"));
	path = catalog_resolve(o->scenario, o->lang ? o->lang : i18n_lang());
	if (path == NULL) {
		fprintf(stderr, _("waspada play: no scenario file or shipped scenario called '%s' "
				  "(see 'waspada list')\n"), o->scenario);
		return EXIT_USAGE;
	}
	rc = play_file(path, o);
	free(path);
	return rc;
}

/* waspada play SCENARIO [options] */
static int
cmd_play(int argc, char **argv, const char *lang)
{
	struct play_options o;
	int rc = parse_options(argc, argv, lang, &o, "play");

	if (rc != 0)
		return rc;
	rc = play_named(&o);
	free(o.nickname_storage);
	return rc;
}

const struct cmd_entry cmd_play_entry = {
	"play",
	"waspada play SCENARIO [--plain] [--lang id|en] [--reveal] [--instant] [--level beginner|standard]\n"
	"                    [--resume] [--name NICK] [--class CODE]",
	N_("Play a scenario (a file, or the id of a shipped one). --plain gives the line-by-line mode "
	   "for screen readers and scripts (chosen by itself when input or output is not a terminal); "
	   "--reveal shows the detector's verdict on every message (a teacher's preview); --instant "
	   "skips the typing pauses; --level beginner asks only \"worrying or not, and which stage\"; "
	   "--resume goes on with an attempt that was cut off; --name and --class set the nickname "
	   "or class code written with the results."),
	cmd_play, CMD_LANG,
};

/* The start screen on a terminal: the language (asked once, then remembered), then a scenario,
 * and back to the list after each chat. */
static int
menu_curses(struct play_options *o)
{
	char *saved = settings_get("lang"), *level;
	const char *lang = o->lang != NULL ? o->lang
		: saved != NULL && i18n_known(saved) ? (strcmp(saved, "id") == 0 ? "id" : "en") : NULL;
	int rc = 0;

	free(saved);
	if (lang == NULL) {
		lang = ui_curses_language(i18n_lang());
		if (lang == NULL)
			return 0;
		settings_set("lang", lang);
	}
	i18n_init(lang);
	ask_nickname(o);
	/* A new learner is offered the beginner questions rather than having to find "b". */
	level = settings_get("level");
	if (level == NULL && !o->level_given && ui_curses_begin()) {
		bool easy = ui_curses_ask(_("New here? Start with the beginner questions?"),
					  _("Easier: worrying or not, and which stage? b in the list switches."),
					  _("y: beginner"), _("n: all the warning signs"));
		o->level = easy ? LEVEL_BEGINNER : LEVEL_STANDARD;
		settings_set("level", level_id(o->level));
	}
	free(level);
	for (;;) {
		struct catalog c;
		struct diags d = {0};
		int pick;

		i18n_init(lang);
		catalog_load(&c, lang, &d);
		diag_clear(&d);
		if (c.n == 0) {
			fprintf(stderr, "%s\n", _("waspada: no scenarios found; is Waspada installed?"));
			catalog_free(&c);
			return EXIT_USAGE;
		}
		{
			/* Each scenario's line shows the learner's best score so far. */
			struct results_set past = {0};
			char *rpath = results_default_path();
			if (is_regular_file(rpath))
				results_read(&past, rpath, &d);
			diag_clear(&d);
			free(rpath);
			pick = ui_curses_menu(&c, &past, lang, o->level == LEVEL_BEGINNER);
			results_set_free(&past);
		}
		if (pick == UI_MENU_LEVEL) {
			o->level = o->level == LEVEL_BEGINNER ? LEVEL_STANDARD : LEVEL_BEGINNER;
			settings_set("level", level_id(o->level));
			catalog_free(&c);
			continue;
		}
		if (pick == UI_MENU_LANG) {
			const char *l = ui_curses_language(lang);
			if (l != NULL) {
				lang = l;
				settings_set("lang", lang);
			}
			catalog_free(&c);
			continue;
		}
		if (pick < 0) {
			catalog_free(&c);
			return rc;
		}
		rc = play_file(c.v[pick].path, o);
		catalog_free(&c);
		/* Finishing or leaving a chat (q) goes back to the list; a signal ends the program. */
		if (rc == EXIT_USAGE || ui_curses_interrupted())
			return rc;
		rc = 0;
	}
}

/* The start screen without a terminal: a numbered list, then plain mode. */
static int
menu_plain(struct play_options *o)
{
	struct catalog c;
	struct diags d = {0};
	const char **titles;
	size_t i;
	int rc, pick;

	catalog_load(&c, o->lang ? o->lang : i18n_lang(), &d);
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
	rc = pick < 0 ? EXIT_PROBLEMS : play_file(c.v[pick].path, o);
	catalog_free(&c);
	return rc;
}

/* waspada with no command: choose a scenario in the learner's language, then play it. */
static int
cmd_menu(int argc, char **argv, const char *lang)
{
	struct play_options o;
	int rc = parse_options(argc, argv, lang, &o, NULL);

	if (rc != 0)
		return rc;
	if (!o.plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && ui_curses_usable())
		rc = menu_curses(&o);
	else
		rc = menu_plain(&o);
	free(o.nickname_storage);
	return rc;
}

/* `waspada` alone, or with play's options but no command: the overview says it in its own words. */
const struct cmd_entry cmd_menu_entry = {NULL, NULL, NULL, cmd_menu, CMD_LANG};

/* The quiz form a learner takes next: the one they finished fewer times, A first (so the
 * first check is A, the second B). */
static char
quiz_next_form(void)
{
	struct results_set past = {0};
	struct diags d = {0};
	char *rpath = results_default_path();
	int done[2] = {0, 0};
	size_t i;

	if (is_regular_file(rpath))
		results_read(&past, rpath, &d);
	diag_clear(&d);
	free(rpath);
	for (i = 0; i < past.n; i++)
		if (past.v[i].finished && past.v[i].scenario != NULL) {
			done[0] += strcmp(past.v[i].scenario, "quiz-a") == 0;
			done[1] += strcmp(past.v[i].scenario, "quiz-b") == 0;
		}
	results_set_free(&past);
	return done[0] > done[1] ? 'B' : 'A';
}

/* waspada quiz [--form A|B] [--plain] [--lang id|en]: the before/after quick check, played
 * like any scenario (scenarios/quiz/LANG/quiz-a.yaml, quiz-b.yaml; docs/teachers.md). */
static int
cmd_quiz(int argc, char **argv, const char *lang_given)
{
	struct play_options o;
	char **args = xcalloc((size_t)argc + 1, sizeof(*args)), form = 0, *saved = NULL, *path;
	const char *lang;
	int i, n = 0, rc;

	/* --form is the quiz's own option; the rest are play's. */
	for (i = 0; i < argc; i++) {
		const char *f = NULL;
		if (strcmp(argv[i], "--form") == 0 && i + 1 < argc)
			f = argv[++i];
		else if (strncmp(argv[i], "--form=", 7) == 0)
			f = argv[i] + 7;
		else {
			args[n++] = argv[i];
			continue;
		}
		if ((f[0] != 'A' && f[0] != 'a' && f[0] != 'B' && f[0] != 'b') || f[1] != '\0') {
			free(args);
			return cmd_usage_error("quiz", _("--form must be A or B, not '%s'"), f);
		}
		form = (char)(f[0] == 'a' || f[0] == 'A' ? 'A' : 'B');
	}
	rc = parse_options(n, args, lang_given, &o, "quiz");
	free(args);
	if (rc != 0)
		return rc;
	if (o.scenario != NULL) {
		free(o.nickname_storage);
		return cmd_usage_error("quiz", _("the quiz takes no scenario (did you mean 'waspada play %s'?)"),
				       o.scenario);
	}
	saved = settings_get("lang");
	lang = o.lang != NULL ? o.lang
		: saved != NULL && i18n_known(saved) ? (strcmp(saved, "id") == 0 ? "id" : "en")
		: (strcmp(i18n_lang(), "id") == 0 ? "id" : "en");
	if (form == 0)
		form = quiz_next_form();
	path = xasprintf("%s/scenarios/quiz/%s/quiz-%c.yaml", paths_data(), lang, form == 'A' ? 'a' : 'b');
	rc = play_file(path, &o);
	free(path);
	free(saved);
	free(o.nickname_storage);
	return rc;
}

const struct cmd_entry cmd_quiz_entry = {
	"quiz", "waspada quiz [--form A|B] [--plain] [--lang id|en]",
	N_("The quick check before and after the lessons: twelve single messages, asked and marked like "
	   "a scenario's, kept with the results. Form A and form B show the same warning signs in "
	   "other messages; without --form, the form taken fewer times (A first). `report --html` "
	   "shows each pupil's gain."),
	cmd_quiz, CMD_LANG,
};
