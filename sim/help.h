/* help: what to do and whom to call, read from data/help.yaml (never written in C). */
#ifndef WASPADA_HELP_H
#define WASPADA_HELP_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct help {
	const char *never_your_fault;
	const char **what_to_do;   /* NULL-terminated */
	const char **helplines;    /* "Country: line", the learner's language's countries first */
	const char **for_adults;   /* NULL-terminated: next steps for a parent or teacher (detect) */
	const char *never_share_images;
	struct arena *arena;
};

/* Load the help texts in lang. false with diagnostics when the data file is broken. */
bool help_load(struct help *h, const char *lang, struct diags *d);
void help_free(struct help *h);

#endif
