/* report-html: `report --html`: the class's picture report and a pupil's page to take home,
 * one self-contained HTML page each (inline CSS and SVG, no scripts, nothing fetched). */
#ifndef WASPADA_REPORT_HTML_H
#define WASPADA_REPORT_HTML_H

#include <stdio.h>

#include "detector.h"
#include "summary.h"

/* The class page, in the teacher's language (i18n_lang()); nfiles: results files read. */
void report_html_class(FILE *f, const struct summary *s, struct detector *det, size_t nfiles);
/* One pupil's page, in the language of their newest attempt (s holds only their attempts). */
void report_html_learner(FILE *f, const struct summary *s, struct detector *det, const char *nick);

#endif
