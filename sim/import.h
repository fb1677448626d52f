/* import: the chats `detect` reads (docs/detect.md): the transcript format and the exports chat apps
 * make, recognised from their content. One reader per format (import-FORMAT.c) behind one
 * interface; each streams its input, so memory stays bounded whatever the size of the export. */
#ifndef WASPADA_IMPORT_H
#define WASPADA_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define IMPORT_MAX_TEXT (64 * 1024)  /* a longer message is cut there, with a warning */
#define IMPORT_MAX_WARNINGS 20       /* then one summary line */
#define IMPORT_HEAD (64 * 1024)      /* bytes looked at to recognise a format */

/* One message as read; the strings live until the next import_next(). */
struct import_msg {
	long line;          /* 1-based line in the input (of the chat file inside a .zip) */
	int conversation;   /* 1-based */
	const char *speaker;
	const char *text;
	size_t text_len;
	const char *time;   /* ISO 8601 as the export has it (local time when it names no zone), or NULL */
	const char *chat;   /* the chat's name where the export gives one (Telegram), or NULL */
	bool child;         /* the transcript's "# child: NAME" names this speaker */
};

/* What every reader shares: where warnings go and what was left out. */
struct import_ctx {
	const char *name;   /* the input's name, for messages */
	long warnings;
	long left_out;      /* media, system, deleted lines kept out of the verdicts */
	long usable;        /* messages given out */
	bool failed;        /* an error ended the reading (already printed) */
	bool seekable;      /* the FILE can be rewound (a whole-file first pass is possible) */
};

/* One format's reader. */
struct import_reader {
	const char *name;   /* what --format takes */
	const char *title;  /* for people, in the list of formats */
	/* How surely head[0..n) starts this format: 0 not at all, 1-100. */
	int (*sniff)(const char *head, size_t n);
	void *(*open)(FILE *f, struct import_ctx *ctx);
	bool (*next)(void *state, struct import_msg *m);
	void (*close)(void *state);
};

struct importer;

/* Open path ("-" for standard input, a folder for Instagram/Messenger's message_N.json files)
 * as format (NULL: recognise it). NULL after printing a located error. */
struct importer *import_open(const char *path, const char *format);
/* The next message in chronological order; false at the end (or after an error: import_failed). */
bool import_next(struct importer *im, struct import_msg *m);
/* The format's name ("transcript", "whatsapp", ...). */
const char *import_format(const struct importer *im);
const struct import_ctx *import_stats(const struct importer *im);
bool import_failed(const struct importer *im);
void import_close(struct importer *im);
/* The formats, "name (title)" one a line, for usage and errors. */
void import_list_formats(FILE *out);
bool import_known_format(const char *name);

/* Print no warnings from now on (true), or again (false): a second reading of an input. */
void import_quiet(bool q);
/* For readers: a located warning (at most IMPORT_MAX_WARNINGS are printed). */
void import_warn(struct import_ctx *ctx, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* For readers: a located error; the reading stops. */
void import_error(struct import_ctx *ctx, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A line reader for the text formats: lines without their "\n" or "\r\n", NUL-terminated, in
 * blocks (memchr); a line longer than IMPORT_MAX_TEXT is cut there (*cut set), the rest skipped. */
struct import_lines {
	FILE *f;
	char *buf;
	size_t len, pos;
	bool eof, skipping;
	long line;
};
void import_lines_open(struct import_lines *l, FILE *f);
/* The next line, or NULL at the end; *bad names a problem (NULL if none): not UTF-8, a NUL byte. */
char *import_lines_next(struct import_lines *l, size_t *n, bool *cut, const char **bad);
void import_lines_close(struct import_lines *l);

/* Dates written as three numbers (21/07/26, 7/21/2026, 2026-07-21, 21.07.26): which order the file
 * uses is decided from all of them (a first number above 12 means day first, a second one above 12
 * month first); when nothing decides, the hint (12-hour times suggest month first) is taken and a
 * warning says so. */
struct import_dates {
	long dayfirst, monthfirst, ymd, twelve_hour, total;
	int order;          /* 0 undecided, 'd' day first, 'm' month first, 'y' year first */
};
struct import_date {
	int a, b, c;        /* the numbers in file order */
	int alen, clen;     /* digits in the first and last */
};
/* Parse a date at s; bytes used, 0 if none. */
size_t import_date_parse(const char *s, size_t n, struct import_date *d);
/* Decide the order from every line's date (date_of says if a line has one): a first pass over the
 * whole file, then back to its start; a pipe's first block only. */
void import_dates_first_pass(struct import_lines *l, struct import_ctx *ctx, struct import_dates *ds,
			     bool (*date_of)(const char *s, size_t n, struct import_date *d, bool *twelve));
/* Parse a time at s ("16:05", "16.05.12", "4:20 PM" with any space before PM); bytes used, 0 if none. */
size_t import_time_parse(const char *s, size_t n, int *h, int *min, int *sec, bool *twelve);
/* Write "YYYY-MM-DDTHH:MM[:SS]" into out[32]; false (out empty) for an impossible date. */
bool import_iso(const struct import_dates *ds, const struct import_date *d, int h, int min, int sec,
		char out[32]);

/* The readers (import-*.c). */
extern const struct import_reader import_transcript, import_whatsapp, import_telegram,
	import_discord_json, import_discord_csv, import_discord_txt, import_instagram, import_line;

#endif
