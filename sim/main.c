/* main: read the command line, set up the language, hand over to one command. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "paths.h"
#include "settings.h"
#include "util.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *help;
};

static const struct command commands[] = {
	{"list", cmd_list, "waspada list [--json] [--lang id|en]",
	 N_("List the scenarios Waspada ships: id, language, platform, difficulty and title (--json "
	    "adds the stages they show).")},
	{"play", cmd_play,
	 "waspada play SCENARIO [--plain] [--lang id|en] [--reveal] [--instant] [--level beginner|standard]\n"
	 "                    [--resume] [--name NICK] [--class CODE]",
	 N_("Play a scenario (a file, or the id of a shipped one). --plain gives the line-by-line mode "
	    "for screen readers and scripts (chosen by itself when input or output is not a terminal); "
	    "--reveal shows the detector's verdict on every message (a teacher's preview); --instant "
	    "skips the typing pauses; --level beginner asks only \"worrying or not, and which stage\"; "
	    "--resume goes on with an attempt that was cut off; --name and --class set the nickname "
	    "or class code written with the results.")},
	{"detect", cmd_detect,
	 "waspada detect [--report|--json|--messages] [--lang id|en|auto] [--child NAME] [--format NAME] [--view[=N]|--no-view] [FILE|DIR|-]",
	 N_("Run the stage detector on a chat: a transcript (lines of \"SPEAKER: text\"; an empty line "
	    "starts a new conversation), a chat app's export (WhatsApp .txt or .zip, Telegram "
	    "result.json, DiscordChatExporter JSON/CSV/TXT, Instagram/Messenger JSON or their folder, "
	    "LINE .txt; recognised from the content, --format forces one) or a scenario file. On a "
	    "terminal it tells you what it found and what to do (--report elsewhere); otherwise one line "
	    "per message, --json one JSON object per message, --messages the messages as read, not "
	    "judged. --child says which speaker is the child (whose own lines are never flagged); "
	    "without it the child is guessed, and the output says whom it took. After the report on a "
	    "terminal it offers to open a conversation read-only in the chat screen, the warning signs "
	    "highlighted; --view[=N] opens it (N, else the most worrying one) without asking, --no-view "
	    "never asks.")},
	{"check", cmd_check, "waspada check [--json] [--explore [--seed N]] SCENARIO|DIR ...",
	 N_("Check scenario files and report every problem as FILE:LINE:COLUMN. --explore also reports "
	    "the stages no question asks about and where each path ends; --seed N walks a sample of the "
	    "paths of a very branching scenario.")},
	{"new", cmd_new, "waspada new NAME [--lang id|en] [--platform game|chatroom|messenger]",
	 N_("Write a new, commented scenario file to start from.")},
	{"report", cmd_report, "waspada report [--csv|--csv=id|--json|--html] [--learner NICK] [RESULTS-FILE|DIR ...]",
	 N_("Show a learner's progress, or make a class's results into one spreadsheet. --html writes "
	    "a picture report of the class (or, with --learner, one pupil's page to take home) as one "
	    "self-contained page to print.")},
	{"quiz", cmd_quiz, "waspada quiz [--form A|B] [--plain] [--lang id|en]",
	 N_("The quick check before and after the lessons: twelve single messages, asked and marked like "
	    "a scenario's, kept with the results. Form A and form B show the same warning signs in "
	    "other messages; without --form, the form taken fewer times (A first). `report --html` "
	    "shows each pupil's gain.")},
	{"serve", cmd_serve, serve_usage,
	 N_("Serve Waspada to a class's browsers (lab PCs, Chromebooks, phones) from this machine: "
	    "each pupil plays the chat screen in a browser and the teacher follows the class at "
	    "/teacher. Prints the addresses, the class code, the teacher's password and a QR code. "
	    "--results is the class folder (default: under the data folder), --max the most pupils "
	    "at once (40). Set up with 'make serve'; see docs/serve.md.")},
};

/* Print the overview or one command's help. */
int
cmd_help(const char *name)
{
	size_t i;

	if (name == NULL) {
		printf("%s\n\n", _("Waspada: learn to recognise online grooming, one chat at a time."));
		printf("%s\n", _("Usage:"));
		printf("  waspada                 %s\n", _("choose a language and a scenario"));
		for (i = 0; i < ARRAY_LEN(commands); i++)
			printf("  %s\n", commands[i].usage);
		printf("  waspada --help | --version | help COMMAND\n\n");
		printf("%s\n", _("Exit status: 0 success; 1 problems found or input ended early; "
				 "2 usage error or unusable input."));
		return 0;
	}
	for (i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0) {
			printf("%s: %s\n\n%s\n", _("Usage"), commands[i].usage, _(commands[i].help));
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

	fprintf(stderr, "waspada %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\n(see 'waspada help %s')\n"), command);
	return EXIT_USAGE;
}

/* The value of --lang anywhere on the line, so messages are in that language from the start. */
static const char *
lang_option(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc && i18n_known(argv[i + 1]))
			return argv[i + 1];
		if (strncmp(argv[i], "--lang=", 7) == 0 && i18n_known(argv[i] + 7))
			return argv[i] + 7;
	}
	return NULL;
}

/* Open /dev/null on any of fds 0-2 that is closed: otherwise the next file opened (the results
 * file) becomes stdout, and the lesson is written into it. */
static void
std_fds_open(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			_exit(EXIT_USAGE); /* cannot happen: the lowest free number was fd */
}

/* At exit: output that could not be written (a full disk, /dev/full) is an error, not a
 * success with a truncated class CSV. */
static void
close_stdout(void)
{
	bool failed = ferror(stdout) != 0; /* an error met earlier, its buffer already dropped */

	errno = 0;
	if (fclose(stdout) != 0 || failed) {
		fprintf(stderr, _("waspada: the output could not be written: %s\n"),
			strerror(errno ? errno : EIO));
		_exit(EXIT_USAGE);
	}
}

/* Pick the language and run the command, every call into Lua protected by the commands. */
int
main(int argc, char **argv)
{
	size_t i;

	std_fds_open();
	atexit(close_stdout);
	paths_init();
	i18n_init(lang_option(argc, argv));
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
			return cmd_help(NULL);
		if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
			printf("waspada %s\n", WASPADA_VERSION);
			return 0;
		}
		return cmd_menu(argc, argv);
	}
	if (strcmp(argv[1], "help") == 0)
		return cmd_help(argc > 2 ? argv[2] : NULL);
	if (strcmp(argv[1], "report") == 0 && lang_option(argc, argv) == NULL) {
		/* A learner's report speaks the language they chose on the start screen. */
		char *saved = settings_get("lang");
		if (saved != NULL && i18n_known(saved))
			i18n_init(strcmp(saved, "id") == 0 ? "id" : "en");
		free(saved);
	}
	for (i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			/* --help after any command shows that command's help. */
			for (int k = 2; k < argc; k++)
				if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0)
					return cmd_help(commands[i].name);
			return commands[i].run(argc - 1, argv + 1);
		}
	fprintf(stderr, _("waspada: there is no command '%s'; try 'waspada --help'\n"), argv[1]);
	return EXIT_USAGE;
}
