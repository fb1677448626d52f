/* cmd-check: `waspada check`: every problem in every scenario file, located. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "explore.h"
#include "cmd.h"
#include "i18n.h"
#include "paths.h"

/* Check one file into d: its format, then the detector's verdict against the author's intent
 * on every path. */
static void
check_file(const char *path, struct diags *d)
{
	struct scenario *s = scenario_load(path, d);
	struct detector *det;

	if (s == NULL)
		return;
	det = detector_open(s->signals, s->path, d);
	if (det != NULL)
		explore_check_intent(s, det, d);
	detector_close(det);
	scenario_free(s);
}

/* waspada check [--json] SCENARIO|DIR ... */
int
cmd_check(int argc, char **argv)
{
	struct diags d = {0};
	bool json = false;
	int i, files = 0;
	size_t k;

	for (i = 1; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "--json") == 0) {
			json = true;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("check", _("unknown option '%s'"), argv[i]);
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t n;
			char **v = paths_find(argv[i], catalog_is_scenario_file, &n);
			for (k = 0; k < n; k++) {
				check_file(v[k], &d);
				free(v[k]);
				files++;
			}
			free(v);
		} else {
			char *path = catalog_resolve(argv[i], NULL);
			check_file(path ? path : argv[i], &d);
			free(path);
			files++;
		}
	}
	if (files == 0)
		return cmd_usage_error("check", "%s", _("give one or more scenario files or folders"));
	diag_sort(&d);
	if (json) {
		for (k = 0; k < d.n; k++) {
			json_t *o = json_pack("{s:s,s:i,s:i,s:s,s:s,s:s}", "file", d.v[k].file, "line",
					      d.v[k].line, "column", d.v[k].col, "severity",
					      diag_severity_name(d.v[k].severity), "code", d.v[k].code,
					      "message", d.v[k].msg);
			json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
			putchar('\n');
			json_decref(o);
		}
	} else {
		diag_print(&d, stderr);
		if (d.errors == 0 && d.warnings == 0)
			printf(_("%d file(s) checked: no problems.\n"), files);
		else if (d.errors == 0)
			printf(_("%d file(s) checked: no errors, %zu warning(s).\n"), files, d.warnings);
	}
	i = d.errors > 0 ? EXIT_PROBLEMS : 0;
	diag_clear(&d);
	return i;
}
