/* cmd-new: `waspada new` (issue 7 builds it; until then it says so plainly). */
#include <stdio.h>

#include "cmd.h"
#include "i18n.h"

/* Not built yet: say so, and where the raw results are. */
int
cmd_new(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "%s\n", _("waspada new: not available yet; copy a file from scenarios/ and change it"));
	return EXIT_USAGE;
}
