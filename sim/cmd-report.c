/* cmd-report: `waspada report` (issue 5 builds it; until then it says so plainly). */
#include <stdio.h>

#include "cmd.h"
#include "i18n.h"

/* Not built yet: say so, and where the raw results are. */
int
cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "%s\n", _("waspada report: not available yet; results are kept as JSON Lines "
				  "in ~/.local/share/waspada/results.jsonl"));
	return EXIT_USAGE;
}
