/* ui-terminfo: whether the terminal can show the curses screens at all, asked of terminfo
 * before curses starts (its own file: term.h's macros clash with the rest of the frontend). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "ui.h"

/* Whether curses can work here (see ui.h). Asked before newterm, which on an unknown TERM
 * fails after allocating (a leak under the sanitizer); the description is freed again. */
bool
ui_curses_usable(void)
{
	const char *term = getenv("TERM");
	TERMINAL *saved = cur_term;
	char *cup;
	int err = 0;
	bool ok;

	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return false;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return false;
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1;
	del_curterm(cur_term);
	set_curterm(saved);
	return ok;
}

