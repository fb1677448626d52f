/* ui-curses: the terminal session every curses screen shares: starting and giving back the
 * terminal (on every exit, signals and crashes included), colours or none, reading keys and
 * the mouse, drawing clean text, and the scrollable pages (help, debrief). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"
#include "view.h"

static SCREEN *screen;
static bool colour;
static struct termios saved_tio;
static bool have_tio;
/* Set by SIGINT, SIGTERM and SIGHUP; the main loop notices and leaves cleanly. */
static volatile sig_atomic_t interrupted;

static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int crash_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
static struct sigaction old_quit[ARRAY_LEN(quit_signals)];
static struct sigaction old_crash[ARRAY_LEN(crash_signals)];
/* What gives the terminal back when nothing else can (mouse off, colours off, cursor shown,
 * the main screen back). */
static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
/* The guardian: a small child process that gives the terminal back if we die without doing
 * it ourselves (SIGKILL, the OOM killer); guard_fd is our end of the pipe it waits on. */
static int guard_fd = -1;
static pid_t guard_pid = -1;

/* A request to stop: only remember it (nothing else is safe in a handler), and ask a running
 * detector to stop at its next budget check, so the screen answers even while it works. */
static void
on_quit_signal(int sig)
{
	(void)sig;
	interrupted = 1;
	util_request_stop();
}

/* Start the guardian. It waits for our end of a pipe to close: a byte first means we gave the
 * terminal back ourselves; a bare end of file means we died, and it restores the settings we
 * saved. Signals meant for us (Ctrl-C goes to the whole group) leave it running. */
static void
guard_start(void)
{
	int p[2], fd;
	pid_t pid;

	if (!have_tio || pipe(p) != 0)
		return;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0) {
		char c;
		ssize_t r;

		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		/* Hold nothing of ours open (a results file, its lock): only the terminal and the pipe. */
		for (fd = 3; fd < 1024; fd++)
			if (fd != p[0])
				close(fd);
		do
			r = read(p[0], &c, 1);
		while (r < 0 && errno == EINTR);
		if (r == 0) {
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
			r = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
		}
		_exit(0);
	}
	close(p[0]);
	fd = p[1];
	fcntl(fd, F_SETFD, FD_CLOEXEC); /* a program we start must not keep the guardian waiting */
	guard_fd = fd;
	guard_pid = pid;
}

/* Tell the guardian the terminal is ours again, and let it go. */
static void
guard_stop(void)
{
	ssize_t r;

	if (guard_fd < 0)
		return;
	r = write(guard_fd, "x", 1);
	(void)r;
	close(guard_fd);
	while (waitpid(guard_pid, NULL, 0) < 0 && errno == EINTR)
		;
	guard_fd = -1;
	guard_pid = -1;
}

/* A crash: give the terminal back with async-signal-safe calls only, then die as before. */
static void
on_crash_signal(int sig)
{
	ssize_t r;
	size_t i;

	r = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	if (guard_fd >= 0) /* done here: the guardian need not do it again */
		r = write(guard_fd, "x", 1);
	(void)r;
	/* Hand the signal to whoever had it before (the default, or a sanitizer's report). */
	for (i = 0; i < ARRAY_LEN(crash_signals); i++)
		if (crash_signals[i] == sig)
			sigaction(sig, &old_crash[i], NULL);
	raise(sig);
}

/* fatal() gives the terminal back before it prints. */
static void
fatal_hook(void)
{
	if (screen != NULL)
		endwin();
	guard_stop();
}

/* Style ids to curses attributes; colour pairs follow the style's number. */
static attr_t
style_attr(int style)
{
	attr_t a = A_NORMAL;

	switch (style) {
	case UIC_HEADER: a = A_REVERSE | A_BOLD; break;
	case UIC_TITLE: a = A_BOLD; break;
	case UIC_DIM: a = A_DIM; break;
	case UIC_SYSTEM: a = A_DIM; break;
	case UIC_PERSONA: a = A_BOLD; break;
	case UIC_HIGHLIGHT: a = A_REVERSE | A_UNDERLINE | A_BOLD; break;
	case UIC_LIT: a = A_BOLD; break;
	case UIC_UNLIT: a = A_DIM; break;
	case UIC_CURSOR: a = A_REVERSE; break;
	case UIC_HEADING: a = A_BOLD | A_UNDERLINE; break;
	case UIC_GOOD: a = A_BOLD; break;
	case UIC_NOTE: a = A_NORMAL; break;
	case UIC_BUTTON: a = A_REVERSE | A_BOLD; break;
	case UIC_TIME: a = A_DIM; break;
	case UIC_CURRENT: a = A_REVERSE | A_BOLD; break;
	default: break;
	}
	if (colour && style > UIC_NORMAL && style < UIC_STYLES)
		a |= COLOR_PAIR(style);
	return a;
}

/* Colour pairs, for 256, 16 or 8 colours: foreground on the terminal's own background. */
static void
init_colours(void)
{
	bool rich = COLORS >= 256;
	struct {
		int style;
		short fg, bg;
	} pairs[] = {
		{UIC_HEADER, COLOR_WHITE, rich ? 24 : COLOR_BLUE},
		{UIC_TITLE, -1, -1},
		{UIC_DIM, -1, -1},
		{UIC_SYSTEM, rich ? 244 : COLOR_CYAN, -1},
		{UIC_PERSONA, rich ? 71 : COLOR_GREEN, -1},
		{UIC_HIGHLIGHT, COLOR_BLACK, rich ? 221 : COLOR_YELLOW},
		{UIC_LIT, rich ? 214 : COLOR_YELLOW, -1},
		{UIC_UNLIT, rich ? 245 : COLOR_WHITE, -1},
		{UIC_CURSOR, -1, -1},
		{UIC_HEADING, rich ? 110 : COLOR_CYAN, -1},
		{UIC_GOOD, rich ? 71 : COLOR_GREEN, -1},
		{UIC_NOTE, rich ? 179 : COLOR_YELLOW, -1},
		{UIC_BUTTON, COLOR_WHITE, rich ? 24 : COLOR_BLUE},
		{UIC_TIME, rich ? 244 : COLOR_WHITE, -1},
		{UIC_CURRENT, COLOR_BLACK, rich ? 153 : COLOR_CYAN},
		{UIC_SPEAKER0, rich ? 75 : COLOR_CYAN, -1},
		{UIC_SPEAKER0 + 1, rich ? 176 : COLOR_MAGENTA, -1},
		{UIC_SPEAKER0 + 2, rich ? 180 : COLOR_YELLOW, -1},
		{UIC_SPEAKER0 + 3, rich ? 111 : COLOR_BLUE, -1},
		{UIC_SPEAKER0 + 4, rich ? 152 : COLOR_WHITE, -1},
	};
	size_t i;

	start_color();
	use_default_colors();
	for (i = 0; i < ARRAY_LEN(pairs); i++)
		init_pair((short)pairs[i].style, pairs[i].fg, pairs[i].bg);
}

/* Take the terminal: raw keys, no echo, the mouse, colours unless NO_COLOR; signals set a flag. */
bool
ui_curses_begin(void)
{
	struct sigaction sa;
	const char *nc = getenv("NO_COLOR");
	size_t i;

	if (screen != NULL)
		return true;
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	/* Ours before ncurses starts, so it keeps them (it only replaces default handlers). */
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns and the loop sees the flag */
	for (i = 0; i < ARRAY_LEN(quit_signals); i++)
		sigaction(quit_signals[i], &sa, &old_quit[i]);
	sa.sa_handler = on_crash_signal;
	for (i = 0; i < ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], &sa, &old_crash[i]);
	util_set_fatal_hook(fatal_hook);
	guard_start();
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		ui_curses_end();
		return false;
	}
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	colour = (nc == NULL || nc[0] == '\0') && has_colors();
	if (colour)
		init_colours();
	return true;
}

/* Give the terminal back as it was, and the signals to their old handlers. */
void
ui_curses_end(void)
{
	size_t i;

	if (screen != NULL) {
		mousemask(0, NULL);
		endwin();
		delscreen(screen);
		screen = NULL;
	}
	guard_stop();
	util_set_fatal_hook(NULL);
	for (i = 0; i < ARRAY_LEN(quit_signals); i++)
		sigaction(quit_signals[i], &old_quit[i], NULL);
	for (i = 0; i < ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], &old_crash[i], NULL);
}

/* true once SIGINT, SIGTERM or SIGHUP came. */
bool
ui_curses_interrupted(void)
{
	return interrupted != 0;
}

/* The terminal's size. */
void
ui_curses_size(int *cols, int *rows)
{
	getmaxyx(stdscr, *rows, *cols);
}

/* Wait for a key, a click or a resize; timeout_ms < 0 blocks (an idle screen uses no CPU). */
int
ui_curses_read(struct ui_curses_key *k, int timeout_ms)
{
	wint_t ch;
	int r;

	memset(k, 0, sizeof(*k));
	for (;;) {
		if (interrupted) {
			k->kind = UIC_QUIT;
			return k->kind;
		}
		timeout(timeout_ms);
		errno = 0;
		r = get_wch(&ch);
		if (interrupted) {
			k->kind = UIC_QUIT;
			return k->kind;
		}
		if (r == ERR) {
			if (errno == EINTR)
				continue;
			k->kind = UIC_TIMEOUT;
			return k->kind;
		}
		if (r == KEY_CODE_YES) {
			if (ch == KEY_RESIZE) {
				k->kind = UIC_RESIZE;
				return k->kind;
			}
			if (ch == KEY_MOUSE) {
				MEVENT ev;
				if (getmouse(&ev) != OK)
					continue;
				k->y = ev.y;
				k->x = ev.x;
				if (ev.bstate & BUTTON4_PRESSED)
					k->kind = UIC_WHEEL_UP;
				else if (ev.bstate & BUTTON5_PRESSED)
					k->kind = UIC_WHEEL_DOWN;
				else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
					k->kind = UIC_CLICK;
				else
					continue;
				return k->kind;
			}
			k->kind = UIC_KEY;
			k->ch = ch;
			switch (ch) {
			case KEY_PPAGE: k->kind = UIC_SCROLL; k->scroll = VIEW_PAGE_UP; break;
			case KEY_NPAGE: k->kind = UIC_SCROLL; k->scroll = VIEW_PAGE_DOWN; break;
			case KEY_HOME: k->kind = UIC_SCROLL; k->scroll = VIEW_HOME; break;
			case KEY_END: k->kind = UIC_SCROLL; k->scroll = VIEW_END; break;
			case KEY_ENTER: k->kind = UIC_CHAR; k->ch = '\r'; break;
			default: break;
			}
			return k->kind;
		}
		k->kind = UIC_CHAR;
		k->ch = ch == '\n' ? '\r' : ch;
		return k->kind;
	}
}

/* Clear the whole screen before a redraw (curses sends only what changed). */
void
ui_curses_clear(void)
{
	erase();
}

/* Show what was drawn. */
void
ui_curses_show(void)
{
	refresh();
}

/* Fill a row segment with spaces in a style (bars, cursor lines). */
void
ui_curses_fill(int y, int x, int w, int style)
{
	int i;

	attrset(style_attr(style));
	for (i = 0; i < w; i++)
		mvaddch(y, x + i, ' ');
	attrset(A_NORMAL);
}

/* Draw s[0..n) at y,x in at most w cells: controls dropped, broken bytes shown as U+FFFD.
 * Returns the cells used. */
int
ui_curses_put(int y, int x, int w, int style, const char *s, size_t n)
{
	wchar_t buf[256];
	size_t i = 0, k = 0;
	int col = 0;

	if (w <= 0)
		return 0;
	attrset(style_attr(style));
	move(y, x);
	while (i < n) {
		unsigned cp;
		int cw;
		size_t len = view_next(s + i, n - i, &cp, &cw), j;
		int bw;
		if (view_is_control(cp) || (cw == 0 && col == 0 && k == 0)) {
			i += len;
			continue;
		}
		if (col + cw > w)
			break;
		if (k + 8 >= ARRAY_LEN(buf)) {
			addnwstr(buf, (int)k);
			k = 0;
		}
		/* The base, then its combining marks; an emoji cluster is drawn as its base padded
		 * to the cluster's width, so curses and the terminal agree on every column after it. */
		j = view_next_char(s + i, len, &cp, &bw);
		buf[k++] = (wchar_t)cp;
		if (bw < cw) {
			for (; bw < cw; bw++)
				buf[k++] = L' ';
		} else {
			while (j < len && k + 1 < ARRAY_LEN(buf)) {
				unsigned mark;
				int mw;
				j += view_next_char(s + i + j, len - j, &mark, &mw);
				if (mw == 0 && mark != 0x200d && !view_is_control(mark))
					buf[k++] = (wchar_t)mark;
			}
		}
		i += len;
		col += cw;
	}
	if (k > 0)
		addnwstr(buf, (int)k);
	attrset(A_NORMAL);
	return col;
}

/* Draw a C string (see ui_curses_put). */
int
ui_curses_puts(int y, int x, int w, int style, const char *s)
{
	return ui_curses_put(y, x, w, style, s, strlen(s));
}

/* The line that says newer messages are below, at the foot of chat area r (see ui.h). */
void
ui_curses_more_below(const struct view_rect *r)
{
	const char *more = _("\xe2\x86\x93 newer messages below (End)");
	int w = view_width(more, strlen(more));

	ui_curses_puts(r->y + r->h - 1, r->x + r->w - w - 1, w, UIC_CURSOR, more);
}

/* Draw one wrapped row, the evidence spans in the highlight style. Returns cells used. */
int
ui_curses_put_row(int y, int x, int w, int style, const char *s, size_t start, size_t end,
		  const struct span *sp, size_t nsp)
{
	size_t i = start, seg = start;
	int col = 0;
	bool in = view_in_spans(start, sp, nsp);

	while (i <= end) {
		bool hit = i < end && view_in_spans(i, sp, nsp);
		if (i == end || hit != in) {
			col += ui_curses_put(y, x + col, w - col, in ? UIC_HIGHLIGHT : style, s + seg, i - seg);
			seg = i;
			in = hit;
			if (i == end)
				break;
		}
		unsigned cp;
		int cw;
		i += view_next(s + i, end - i, &cp, &cw);
	}
	return col;
}

/* A centred line of text in a row. */
static void
put_centred(int y, int cols, int style, const char *s)
{
	int w = view_width(s, strlen(s));

	ui_curses_puts(y, w < cols ? (cols - w) / 2 : 0, cols, style, s);
}

/* The terminal is too small: say the size needed, in the middle. */
static void
ui_curses_too_small(void)
{
	int cols, rows;
	char *msg;

	ui_curses_size(&cols, &rows);
	erase();
	msg = xasprintf(_("Please make the window at least %d\xc3\x97%d."), VIEW_MIN_COLS, VIEW_MIN_ROWS);
	put_centred(rows / 2 - 1, cols, UIC_TITLE, msg);
	free(msg);
	msg = xasprintf(_("(now %d\xc3\x97%d)"), cols, rows);
	put_centred(rows / 2, cols, UIC_DIM, msg);
	free(msg);
	put_centred(rows / 2 + 1, cols, UIC_DIM, _("q: quit"));
	refresh();
}

/* true when the layout fits; otherwise the "too small" message is on screen. */
bool
ui_curses_fits(void)
{
	int cols, rows;

	ui_curses_size(&cols, &rows);
	if (cols >= VIEW_MIN_COLS && rows >= VIEW_MIN_ROWS)
		return true;
	ui_curses_too_small();
	return false;
}

/* Ask "leave?" in a box over the screen. true: leave. */
bool
ui_curses_confirm_quit(void)
{
	return ui_curses_ask(_("Leave this chat now?"), _("Your progress so far is saved."),
			     _("y: leave"), _("n: stay"));
}

/* Ask a yes/no question in a box over the screen (y, n, Esc or a click). true: yes. */
bool
ui_curses_ask(const char *q, const char *sub, const char *yes, const char *no)
{
	struct ui_curses_key k;
	int cols, rows, w, y = 0, x, bw = 0, yx = 0, nx;

	for (;;) {
		ui_curses_size(&cols, &rows);
		if (ui_curses_fits()) {
			/* Wide enough for the question, within the screen. */
			w = 44;
			if (view_width(q, strlen(q)) + 4 > w)
				w = view_width(q, strlen(q)) + 4;
			if (view_width(sub, strlen(sub)) + 4 > w)
				w = view_width(sub, strlen(sub)) + 4;
			if (w > cols - 4)
				w = cols - 4;
			y = rows / 2 - 3;
			x = (cols - w) / 2;
			for (int i = 0; i < 6; i++)
				ui_curses_fill(y + i, x, w, UIC_HEADER);
			ui_curses_puts(y + 1, x + 2, w - 4, UIC_HEADER, q);
			ui_curses_puts(y + 2, x + 2, w - 4, UIC_HEADER, sub);
			bw = view_width(yes, strlen(yes)) + 2;
			yx = x + 2;
			nx = yx + bw + 2;
			ui_curses_puts(y + 4, yx, bw, UIC_CURSOR, " ");
			ui_curses_puts(y + 4, yx + 1, bw, UIC_CURSOR, yes);
			ui_curses_puts(y + 4, yx + bw - 1, 1, UIC_CURSOR, " ");
			ui_curses_puts(y + 4, nx, view_width(no, strlen(no)) + 2, UIC_CURSOR, " ");
			ui_curses_puts(y + 4, nx + 1, w, UIC_CURSOR, no);
			ui_curses_puts(y + 4, nx + 1 + view_width(no, strlen(no)), 1, UIC_CURSOR, " ");
			refresh();
		}
		switch (ui_curses_read(&k, -1)) {
		case UIC_QUIT:
			return true;
		case UIC_CHAR:
			if (k.ch == 'y' || k.ch == 'Y' || k.ch == 'q')
				return true;
			if (k.ch == 'n' || k.ch == 'N' || k.ch == 't' || k.ch == 'T' || k.ch == 27)
				return false;
			break;
		case UIC_CLICK:
			if (ui_curses_fits() && k.y == y + 4)
				return k.x >= yx && k.x < yx + bw;
			return false;
		case UIC_RESIZE:
			return false; /* the caller redraws its screen, then asks again if needed */
		default:
			break;
		}
	}
}

/* Draw a page: a title bar, the document from its top, a status line. */
static void
draw_doc(struct view_doc *d, const char *title, const char *status,
	 void (*style_row)(const struct view_doc *, size_t, int, int, int))
{
	int cols, rows, h, w, i;

	ui_curses_size(&cols, &rows);
	erase();
	ui_curses_fill(0, 0, cols, UIC_HEADER);
	ui_curses_puts(0, 1, cols - 2, UIC_HEADER, title);
	w = cols - 4;
	if (d->width != w)
		view_doc_wrap(d, w);
	h = rows - 3;
	if (d->top > 0 && d->top + (size_t)h > d->nlines)
		d->top = view_scroll(d->top, d->nlines, h, VIEW_END);
	for (i = 0; i < h && d->top + (size_t)i < d->nlines; i++) {
		const struct view_line *ln = &d->lines[d->top + (size_t)i];
		const struct view_para *p = &d->p[ln->para];
		if (style_row != NULL)
			style_row(d, d->top + (size_t)i, 2 + i, 2, w);
		else
			ui_curses_put(2 + i, 2 + ln->x, w - ln->x, p->style, p->text + ln->start,
				      ln->end - ln->start);
	}
	ui_curses_fill(rows - 1, 0, cols, UIC_HEADER);
	ui_curses_puts(rows - 1, 1, cols - 2, UIC_HEADER, status);
	if (d->nlines > (size_t)h) {
		char *pos = xasprintf("%zu/%zu", d->top + (size_t)h < d->nlines ? d->top + (size_t)h : d->nlines,
				      d->nlines);
		int pw = view_width(pos, strlen(pos));
		ui_curses_puts(rows - 1, cols - pw - 1, pw, UIC_HEADER, pos);
		free(pos);
	}
	refresh();
}

/* Show a scrollable page until Enter, q or Esc. false: a signal asked us to stop. */
bool
ui_curses_page(struct view_doc *d, const char *title, const char *status,
	       void (*style_row)(const struct view_doc *, size_t, int, int, int))
{
	struct ui_curses_key k;
	int cols, rows;

	for (;;) {
		if (ui_curses_fits())
			draw_doc(d, title, status, style_row);
		ui_curses_size(&cols, &rows);
		switch (ui_curses_read(&k, -1)) {
		case UIC_QUIT:
			return false;
		case UIC_SCROLL:
			d->top = view_scroll(d->top, d->nlines, rows - 3, (enum view_scroll)k.scroll);
			break;
		case UIC_WHEEL_UP:
			d->top = view_scroll(d->top, d->nlines, rows - 3, VIEW_LINE_UP);
			d->top = view_scroll(d->top, d->nlines, rows - 3, VIEW_LINE_UP);
			break;
		case UIC_WHEEL_DOWN:
			d->top = view_scroll(d->top, d->nlines, rows - 3, VIEW_LINE_DOWN);
			d->top = view_scroll(d->top, d->nlines, rows - 3, VIEW_LINE_DOWN);
			break;
		case UIC_KEY:
			if (k.ch == KEY_UP)
				d->top = view_scroll(d->top, d->nlines, rows - 3, VIEW_LINE_UP);
			else if (k.ch == KEY_DOWN)
				d->top = view_scroll(d->top, d->nlines, rows - 3, VIEW_LINE_DOWN);
			break;
		case UIC_CHAR:
			if (k.ch == '\r' || k.ch == 'q' || k.ch == 'Q' || k.ch == 27 || k.ch == '?')
				return true;
			if (k.ch == ' ')
				d->top = view_scroll(d->top, d->nlines, rows - 3, VIEW_PAGE_DOWN);
			break;
		default:
			break;
		}
	}
}

/* Add the help texts of data/help.yaml to a page: what to do, who can help, never your fault. */
void
ui_curses_help_text(struct view_doc *d, const struct help *h)
{
	const char *const *a;
	char *line;

	view_doc_add(d, UIC_HEADING, 0, _("What you can do"));
	for (a = h->what_to_do; a != NULL && *a != NULL; a++) {
		line = xasprintf("\xe2\x80\xa2 %s", *a);
		view_doc_add(d, UIC_NORMAL, 2, line);
		free(line);
	}
	view_doc_add(d, UIC_NORMAL, 0, "");
	view_doc_add(d, UIC_HEADING, 0, _("Who can help"));
	for (a = h->helplines; a != NULL && *a != NULL; a++) {
		line = xasprintf("\xe2\x80\xa2 %s", *a);
		view_doc_add(d, UIC_NORMAL, 2, line);
		free(line);
	}
	view_doc_add(d, UIC_NORMAL, 0, "");
	if (h->never_your_fault != NULL)
		view_doc_add(d, UIC_GOOD, 0, h->never_your_fault);
}

/* The help page: the keys, then what to do and who can help. false: a signal came. */
bool
ui_curses_help(const char *lang)
{
	struct view_doc d;
	struct help h;
	struct diags dg = {0};
	bool ok;
	char *line;

	view_doc_init(&d);
	view_doc_add(&d, UIC_HEADING, 0, _("Keys"));
	view_doc_add(&d, UIC_NORMAL, 2, _("Numbers, Space or a click: choose an answer (choose again to undo)"));
	view_doc_add(&d, UIC_NORMAL, 2, _("Arrow keys: move between answers"));
	view_doc_add(&d, UIC_NORMAL, 2, _("Enter: send your answer, or go on"));
	view_doc_add(&d, UIC_NORMAL, 2, _("PgUp, PgDn, Home, End or the mouse wheel: read earlier messages"));
	view_doc_add(&d, UIC_NORMAL, 2, _("Any key while someone is typing: show the message now"));
	view_doc_add(&d, UIC_NORMAL, 2, _("?: this help    q: leave (your progress is saved)"));
	view_doc_add(&d, UIC_NORMAL, 2, _("On the list of chats: l changes the language, b the kind of questions"));
	view_doc_add(&d, UIC_NORMAL, 0, "");
	if (help_load(&h, lang, &dg)) {
		ui_curses_help_text(&d, &h);
		help_free(&h);
	}
	diag_clear(&dg);
	line = xasprintf("Waspada %s", WASPADA_VERSION);
	view_doc_add(&d, UIC_DIM, 0, "");
	view_doc_add(&d, UIC_DIM, 0, line);
	free(line);
	ok = ui_curses_page(&d, _("Help"), _("PgUp/PgDn: scroll    Enter, q or ?: back"), NULL);
	view_doc_free(&d);
	return ok;
}

/* Encode one code point as UTF-8 into out (4 bytes room); returns the length. */
static int
utf8_encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Ask for one short line of text in a box (see ui.h). Its own session: call it outside one. */
bool
ui_curses_input(const char *question, const char *sub, char *out, size_t size)
{
	struct ui_curses_key k;
	size_t len = strlen(out);
	bool done = false, ok = false;
	int cols, rows;

	if (!ui_curses_begin())
		return false;
	while (!done) {
		ui_curses_size(&cols, &rows);
		ui_curses_clear();
		if (ui_curses_fits()) {
			struct view_row r[4];
			int w = cols - 8, y = rows / 2 - 4, n, i;
			ui_curses_puts(y, 4, w, UIC_TITLE, question);
			n = (int)view_wrap(sub, strlen(sub), w, w, r, 4);
			for (i = 0; i < n; i++)
				ui_curses_put(y + 1 + i, 4, w, UIC_DIM, sub + r[i].start, r[i].end - r[i].start);
			ui_curses_fill(y + 2 + n, 4, 30, UIC_CURSOR);
			ui_curses_put(y + 2 + n, 5, 28, UIC_CURSOR, out, len);
			ui_curses_puts(y + 4 + n, 4, w, UIC_DIM, _("Enter: done   Esc: skip"));
			ui_curses_show();
		}
		switch (ui_curses_read(&k, -1)) {
		case UIC_QUIT:
			done = true;
			break;
		case UIC_CHAR:
			if (k.ch == '\r') {
				ok = done = true;
			} else if (k.ch == 27) {
				len = 0;
				ok = done = true; /* skipping is an answer too: we do not ask again */
			} else if (k.ch == 127 || k.ch == 8) {
				while (len > 0 && ((unsigned char)out[len - 1] & 0xc0) == 0x80)
					len--;
				if (len > 0)
					len--;
			} else if (k.ch >= 0x20 && k.ch != 0x7f && !(k.ch >= 0x80 && k.ch < 0xa0) &&
				   k.ch != ',' && k.ch != '"' && view_width(out, len) < 24) {
				/* Commas and quotes would only complicate a teacher's spreadsheet. */
				char enc[4];
				int n = utf8_encode(k.ch, enc);
				if (len + (size_t)n < size) {
					memcpy(out + len, enc, (size_t)n);
					len += (size_t)n;
				}
			}
			break;
		case UIC_KEY:
			if (k.ch == KEY_BACKSPACE) {
				while (len > 0 && ((unsigned char)out[len - 1] & 0xc0) == 0x80)
					len--;
				if (len > 0)
					len--;
			}
			break;
		default:
			break;
		}
		out[len] = '\0';
	}
	ui_curses_end();
	return ok;
}
