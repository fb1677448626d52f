/* content: the content rules a program can check (content-guidelines.md): no refused word in
 * any learner-visible text, messages short enough to read, every ending with its debrief. */
#include "content.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "i18n.h"
#include "paths.h"

#define CONTENT_MAX_MESSAGE 400 /* bytes: longer messages are hard to read in a chat bubble */

struct refused {
	char **words;
	size_t n, cap;
};

/* Load data/refused-words.txt (comments and blank lines skipped), lower-cased. */
static bool
load_refused(struct refused *r, struct diags *d)
{
	char *path = xasprintf("%s/data/refused-words.txt", paths_data());
	size_t len;
	char *text = read_file(path, 1 << 20, &len), *line, *save = NULL;

	memset(r, 0, sizeof(*r));
	if (text == NULL) {
		diag_add(d, path, 1, 1, DIAG_ERROR, D_READ, "%s", _("cannot read the refused-words list"));
		free(path);
		return false;
	}
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		for (char *p = line; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		GROW(r->words, r->cap, r->n + 1);
		r->words[r->n++] = xstrdup(line);
	}
	free(text);
	free(path);
	return true;
}

/* Whether a refused word (or prefix*) stands as a whole word in text; returns it or NULL.
 * The text is cut into words once; each word is compared with the list. */
static const char *
find_refused(const struct refused *r, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	char word[64];

	while (*p != '\0') {
		size_t n = 0, i;
		while (*p != '\0' && !isalnum(*p))
			p++;
		while (isalnum(*p) || *p >= 0x80) {
			if (n < sizeof word - 1)
				word[n++] = (char)tolower(*p);
			p++;
		}
		word[n] = '\0';
		if (n == 0)
			continue;
		for (i = 0; i < r->n; i++) {
			const char *w = r->words[i];
			size_t wl = strlen(w);
			if (wl > 1 && w[wl - 1] == '*' ? strncmp(word, w, wl - 1) == 0 : strcmp(word, w) == 0)
				return w;
		}
	}
	return NULL;
}

/* Check one text at a position. */
static void
check_text(const struct refused *r, const char *path, int line, int col, const char *text,
	   struct diags *d)
{
	const char *w;

	if (text == NULL)
		return;
	if ((w = find_refused(r, text)) != NULL)
		diag_add(d, path, line, col, DIAG_ERROR, D_REFUSED,
			 _("'%s' is on the refused-words list (data/refused-words.txt): learners never "
			   "see explicit words; imply the kind of request instead"), w);
}

/* Every ending's debrief shows what to do and whom to call, from data/help.yaml: there must be
 * some for the scenario's language. */
static void
content_check_help(const struct scenario *s, struct diags *d)
{
	struct help h;

	if (!help_load(&h, s->lang, d))
		return;
	if (h.helplines == NULL || h.helplines[0] == NULL || h.what_to_do == NULL ||
	    h.what_to_do[0] == NULL)
		diag_add(d, s->path, 1, 1, DIAG_ERROR, D_NO_HELP,
			 _("data/help.yaml has no helplines or advice in '%s': every debrief must say "
			   "what to do and whom to call"), s->lang);
	help_free(&h);
}

/* Apply the content rules to a loaded scenario. */
void
content_check(const struct scenario *s, struct diags *d)
{
	struct refused r;
	size_t i, j;

	if (!load_refused(&r, d))
		return;
	check_text(&r, s->path, 1, 1, s->title, d);
	check_text(&r, s->path, 1, 1, s->summary, d);
	for (i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		check_text(&r, s->path, st->line, st->col, st->text, d);
		if (st->text != NULL && strlen(st->text) > CONTENT_MAX_MESSAGE)
			diag_add(d, s->path, st->line, st->col, DIAG_WARNING, D_LONG,
				 _("this message is %zu bytes long; keep chat messages under %d so they "
				   "read like a chat"), strlen(st->text), CONTENT_MAX_MESSAGE);
		for (j = 0; j < st->nchoices; j++) {
			check_text(&r, s->path, st->choices[j].line, st->choices[j].col,
				   st->choices[j].text, d);
			check_text(&r, s->path, st->choices[j].line, st->choices[j].col,
				   st->choices[j].action, d);
		}
	}
	for (i = 0; i < s->nendings; i++) {
		const struct ending *e = &s->endings[i];
		check_text(&r, s->path, e->line, e->col, e->title, d);
		check_text(&r, s->path, e->line, e->col, e->text, d);
		for (const char **a = e->advice; a && *a; a++)
			check_text(&r, s->path, e->line, e->col, *a, d);
	}
	for (i = 0; i < r.n; i++)
		free(r.words[i]);
	free(r.words);
	content_check_help(s, d);
}
