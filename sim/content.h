/* content: content-guidelines.md's rules that a program can check. */
#ifndef WASPADA_CONTENT_H
#define WASPADA_CONTENT_H

#include "diag.h"
#include "scenario.h"

/* Refused words (E108) in any learner-visible text, over-long messages (W103). */
void content_check(const struct scenario *s, struct diags *d);

#endif
