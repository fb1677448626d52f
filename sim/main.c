/* main: make the process safe to run (fds 0-2, a checked stdout), then hand the line to cmd.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "paths.h"
#include "util.h"

/* The commands, in the order of the overview (`waspada --help`); each entry sits beside its
 * parser in a cmd-*.c. */
static const struct cmd_entry *const commands[] = {
	&cmd_list_entry, &cmd_play_entry, &cmd_detect_entry, &cmd_check_entry, &cmd_new_entry,
	&cmd_report_entry, &cmd_quiz_entry, &cmd_serve_entry, &cmd_menu_entry,
};

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

/* Make the process safe to run, then hand the line to its command. */
int
main(int argc, char **argv)
{
	std_fds_open();
	atexit(close_stdout);
	paths_init();
	return cmd_main(commands, ARRAY_LEN(commands), argc, argv);
}
