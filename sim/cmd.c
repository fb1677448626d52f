/* cmd: what every command shares: the options read once for all of them (--lang, --help), the
 * help text made of the entries, and how a usage error is said. The commands themselves are
 * entries in cmd-*.c, listed in main.c; nothing here names one. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "settings.h"
#include "util.h"

/* The options every command line may have, wherever they stand. */
struct cmd_common {
	const char *lang;     /* --lang's value (the last one given), or NULL */
	const char *lang_arg; /* the word that gave it, for an error about it */
	bool lang_missing;    /* --lang was the last word, with no value */
	bool help;            /* --help or -h */
};

/* Print the overview or one command's help. */
static int
cmd_help(const struct cmd_entry *const *table, size_t n, const char *name)
{
	size_t i;

	if (name == NULL) {
		printf("%s\n\n", _("Waspada: learn to recognise online grooming, one chat at a time."));
		printf("%s\n", _("Usage:"));
		printf("  waspada                 %s\n", _("choose a language and a scenario"));
		for (i = 0; i < n; i++)
			if (table[i]->name != NULL)
				printf("  %s\n", table[i]->usage);
		printf("  waspada --help | --version | help COMMAND\n\n");
		printf("%s\n", _("Exit status: 0 success; 1 problems found or input ended early; "
				 "2 usage error or unusable input."));
		return 0;
	}
	for (i = 0; i < n; i++)
		if (table[i]->name != NULL && strcmp(table[i]->name, name) == 0) {
			printf("%s: %s\n\n%s\n", _("Usage"), table[i]->usage, _(table[i]->help));
			return 0;
		}
	fprintf(stderr, _("waspada: there is no command '%s'; try 'waspada --help'\n"), name);
	return EXIT_USAGE;
}

/* Say what was wrong with a command line, and how to get help. */
int
cmd_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	if (command != NULL)
		fprintf(stderr, "waspada %s: ", command);
	else
		fputs("waspada: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (command != NULL)
		fprintf(stderr, _("\n(see 'waspada help %s')\n"), command);
	else
		fprintf(stderr, "\n%s\n", _("(see 'waspada --help')"));
	return EXIT_USAGE;
}

/* Take --lang, --lang=V, --help and -h out of argv (after the program's name), so that no
 * command's parser meets them; *argc is what is left. */
static void
take_common(int *argc, char **argv, struct cmd_common *c)
{
	int i, k = 1;

	memset(c, 0, sizeof(*c));
	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--lang") == 0) {
			c->lang_arg = argv[i];
			if (i + 1 < *argc)
				c->lang = argv[++i];
			else
				c->lang_missing = true;
		} else if (strncmp(argv[i], "--lang=", 7) == 0) {
			c->lang_arg = argv[i];
			c->lang = argv[i] + 7;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			c->help = true;
		} else {
			argv[k++] = argv[i];
		}
	}
	argv[k] = NULL;
	*argc = k;
}

/* Whether --lang is right for command e: 0, or the usage error's exit status. */
static int
check_lang(const struct cmd_entry *e, const struct cmd_common *c)
{
	if (c->lang_arg == NULL)
		return 0;
	if (!(e->flags & (CMD_LANG | CMD_LANG_AUTO)))
		return cmd_usage_error(e->name, _("unknown option '%s'"), c->lang_arg);
	if (c->lang_missing)
		return cmd_usage_error(e->name, _("'%s' needs a value"), c->lang_arg);
	if (i18n_known(c->lang) || ((e->flags & CMD_LANG_AUTO) && strcmp(c->lang, "auto") == 0))
		return 0;
	if (e->flags & CMD_LANG_AUTO)
		return cmd_usage_error(e->name, _("--lang must be id, en or auto, not '%s'"), c->lang);
	return cmd_usage_error(e->name, _("--lang must be id or en, not '%s'"), c->lang);
}

/* Find the command argv[1] names: the start screen when there is none; NULL when it is unknown. */
static const struct cmd_entry *
find_entry(const struct cmd_entry *const *table, size_t n, int argc, char **argv)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (argc < 2 || argv[1][0] == '-' ? table[i]->name == NULL
		    : table[i]->name != NULL && strcmp(argv[1], table[i]->name) == 0)
			return table[i];
	return NULL;
}

/* Read the shared options, set the language, and run the command the line names. */
int
cmd_main(const struct cmd_entry *const *table, size_t n, int argc, char **argv)
{
	struct cmd_common c;
	const struct cmd_entry *e;
	int rc;

	take_common(&argc, argv, &c);
	i18n_init(i18n_known(c.lang) ? c.lang : NULL);
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("waspada %s\n", WASPADA_VERSION);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "help") == 0)
		return cmd_help(table, n, argc > 2 ? argv[2] : NULL);
	e = find_entry(table, n, argc, argv);
	if (e == NULL) {
		fprintf(stderr, _("waspada: there is no command '%s'; try 'waspada --help'\n"), argv[1]);
		return EXIT_USAGE;
	}
	if (c.help)
		return cmd_help(table, n, e->name);
	if ((rc = check_lang(e, &c)) != 0)
		return rc;
	if ((e->flags & CMD_LANG_SAVED) && c.lang == NULL) {
		/* A learner's report speaks the language they chose on the start screen. */
		char *saved = settings_get("lang");
		if (saved != NULL && i18n_known(saved))
			i18n_init(strcmp(saved, "id") == 0 ? "id" : "en");
		free(saved);
	}
	/* The start screen reads its options from argv[1], a command's from after its name. */
	return e->name == NULL ? e->exec(argc, argv, c.lang) : e->exec(argc - 1, argv + 1, c.lang);
}
