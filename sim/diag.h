/* diag: collected, located problems, printed as FILE:LINE:COLUMN: severity: [CODE] message. */
#ifndef WASPADA_DIAG_H
#define WASPADA_DIAG_H

#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

/* Stable codes: docs/diagnostics.md explains each one. Keep the two in step. */
#define D_READ        "E001" /* the file cannot be read */
#define D_TOO_BIG     "E002" /* over a size limit */
#define D_UTF8        "E003" /* not valid UTF-8 */
#define D_SYNTAX      "E004" /* YAML or Lua syntax */
#define D_LIMIT       "E005" /* nesting, aliases, node count, messages */
#define D_LUA         "E006" /* a Lua scenario raised an error */
#define D_SANDBOX     "E007" /* a Lua scenario hit the sandbox's time or memory budget */
#define D_UNKNOWN_KEY "E101" /* a key the format does not have */
#define D_TYPE        "E102" /* a value of the wrong kind */
#define D_MISSING     "E103" /* a required field is absent */
#define D_VALUE       "E104" /* a value outside the allowed set */
#define D_DUP_ID      "E105" /* two things share an id */
#define D_DUP_KEY     "E106" /* a key given twice in one mapping */
#define D_CONTROL     "E107" /* control characters in text */
#define D_REFUSED     "E108" /* a word on data/refused-words.txt in learner-visible text */
#define D_NO_HELP     "E109" /* no helplines or advice for the scenario's language */
#define D_LONG        "W103" /* a chat message too long to read as one */
#define D_SIGNAL      "W104" /* a scenario's own signal the detector cannot use */
#define D_NOWHERE     "E201" /* next/from points at nothing */
#define D_UNREACHABLE "E202" /* a message or ending no path reaches */
#define D_NO_ENDING   "E203" /* the conversation can run out without an ending */
#define D_TR_MISSING  "W501" /* a translation lacks a step or ending of its twin */
#define D_TR_SHAPE    "W502" /* a translation's step differs in kind, question, choices or intent */
#define D_TR_OUTDATED "W503" /* a translation's version is behind its twin's */
#define D_DAMAGED     "W401" /* a results file line that cannot be read */
#define D_LOOP        "E204" /* a loop the learner cannot leave */
#define D_TEST_FAILED "E301" /* a scenario's test plan did not give what it expects */
#define D_UNASKED     "W601" /* --explore: a stage the detector sees but no question asks about */
#define D_INTENT_STAGE "W301" /* the detector's stage differs from `expect` */
#define D_INTENT_SIGN  "W302" /* the detector does not see a category `signs` names */
#define D_INTENT_EXTRA "W303" /* the detector sees a category `signs` does not name */

struct diag {
	char *file;
	int line, col;
	enum diag_severity severity;
	const char *code;
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

void diag_add(struct diags *d, const char *file, int line, int col, enum diag_severity sev,
	      const char *code, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Sort by file position so a long list reads top to bottom. */
void diag_sort(struct diags *d);
void diag_print(const struct diags *d, FILE *out);
void diag_clear(struct diags *d);
const char *diag_severity_name(enum diag_severity sev);

#endif
