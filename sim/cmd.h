/* cmd: one function per subcommand of design.md's command line. Each returns the exit status. */
#ifndef WASPADA_CMD_H
#define WASPADA_CMD_H

#define EXIT_PROBLEMS 1 /* ran, and found problems (or input ended early) */
#define EXIT_USAGE    2 /* usage error, or input that cannot be used */

int cmd_list(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_menu(int argc, char **argv);
int cmd_detect(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_serve(int argc, char **argv);
extern const char serve_usage[]; /* beside serve's parser in cmd-serve.c */
int cmd_quiz(int argc, char **argv);
/* Print the help of one command (NULL: the overview) to stdout. 0, or 2 for an unknown one. */
int cmd_help(const char *command);
/* Print a usage error for a command and return EXIT_USAGE. */
int cmd_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
