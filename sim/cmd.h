/* cmd: the command line's commands, each an entry beside its parser in a cmd-*.c (as tmux's
 * cmd-*.c), and what they share: the options every command reads (--lang, --help), the help
 * text, and how a usage error is said. main.c holds the table of entries. */
#ifndef WASPADA_CMD_H
#define WASPADA_CMD_H

#include <stddef.h>

#define EXIT_PROBLEMS 1 /* ran, and found problems (or input ended early) */
#define EXIT_USAGE    2 /* usage error, or input that cannot be used */

/* What a command does with --lang (read by cmd.c, never by the command's own parser). */
enum {
	CMD_LANG = 1,       /* takes --lang id|en, the language of its words and scenarios */
	CMD_LANG_AUTO = 2,  /* also --lang auto (detect: the chat's own language) */
	CMD_LANG_SAVED = 4, /* without --lang, speaks the language the learner chose (report) */
};

struct cmd_entry {
	const char *name;  /* NULL: the start screen, `waspada` with no command */
	const char *usage; /* one line of the overview, "waspada NAME [...]" */
	const char *help;  /* N_(): said by `waspada help NAME` under the usage */
	/* Run the command on argv without the shared options; lang is --lang's value, or NULL. */
	int (*exec)(int argc, char **argv, const char *lang);
	int flags;         /* CMD_LANG... */
};

extern const struct cmd_entry cmd_list_entry, cmd_play_entry, cmd_menu_entry, cmd_detect_entry,
	cmd_check_entry, cmd_new_entry, cmd_report_entry, cmd_quiz_entry, cmd_serve_entry;

/* Read the shared options, set the language and run the command argv names (or the start screen,
 * help, version) out of the n entries of table; the exit status. */
int cmd_main(const struct cmd_entry *const *table, size_t n, int argc, char **argv);
/* Print a usage error for a command (NULL: the start screen) and return EXIT_USAGE. */
int cmd_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
