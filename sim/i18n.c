/* i18n: pick the language once, then let gettext translate every UI string. */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

static const char *current = "en";

/* true for a language Waspada ships. */
int
i18n_known(const char *lang)
{
	return lang != NULL && (strcmp(lang, "id") == 0 || strcmp(lang, "en") == 0);
}

/* The language the locale asks for: Indonesian when it names id (id_ID, id.UTF-8...), else English. */
static const char *
locale_lang(void)
{
	const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		/* LANGUAGE may list several (id:en); the first decides. */
		if (strncmp(v, "id", 2) == 0 && (v[2] == '\0' || strchr("_.:@", v[2]) != NULL))
			return "id";
		if (strncmp(v, "in_", 3) == 0) /* the old code for Indonesian */
			return "id";
		return "en";
	}
	return "en";
}

/* Set up gettext for lang (or the locale's language) and return the one in force. */
const char *
i18n_init(const char *lang)
{
	const char *loc;

	current = i18n_known(lang) ? lang : locale_lang();
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	/* Our own text is UTF-8 and needs a UTF-8 character type for wide-character drawing. */
	loc = setlocale(LC_CTYPE, NULL);
	if (loc == NULL || (strstr(loc, "UTF-8") == NULL && strstr(loc, "utf8") == NULL))
		setlocale(LC_CTYPE, "C.UTF-8");
	/* gettext ignores LANGUAGE under the plain "C" locale; C.UTF-8 lets it choose. */
	loc = setlocale(LC_MESSAGES, NULL);
	if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", current, 1);
	bindtextdomain("waspada", paths_locale());
	bind_textdomain_codeset("waspada", "UTF-8");
	textdomain("waspada");
	return current;
}

/* The language chosen by i18n_init. */
const char *
i18n_lang(void)
{
	return current;
}
