/* ui: the two frontends over the engine, and what both show the same way. */
#ifndef WASPADA_UI_H
#define WASPADA_UI_H

#include <stdio.h>

#include "engine.h"
#include "help.h"

/* The line-based frontend of design.md's plain mode (pipes, screen readers). */
int ui_plain_play(struct play *p, FILE *in, FILE *out);
/* Plain menu: list scenarios and read a number; returns index or -1. */
int ui_plain_menu(const char *const *titles, size_t n, FILE *in, FILE *out);

/* Learner-facing words shared by both frontends. */
const char *ui_platform_label(enum platform pl);
const char *ui_outcome_sentence(const struct entry *e);
/* Write text without any control character (escape sequences never reach the terminal). */
void ui_put_clean(FILE *out, const char *s, size_t n);

#endif
