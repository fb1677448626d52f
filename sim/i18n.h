/* i18n: gettext for the UI, and the choice between Bahasa Indonesia and English. */
#ifndef WASPADA_I18N_H
#define WASPADA_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Set up gettext. lang is "id", "en" or NULL (then the locale decides: Indonesian for id_*,
 * English otherwise). Returns the language in force, "id" or "en". */
const char *i18n_init(const char *lang);
/* The language in force. */
const char *i18n_lang(void);
/* true for the languages Waspada ships: "id" and "en". */
int i18n_known(const char *lang);

#endif
