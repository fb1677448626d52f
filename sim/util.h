/* util: memory that never returns NULL, growable strings, an arena, UTF-8 checks, fatal(). */
#ifndef WASPADA_UTIL_H
#define WASPADA_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc of an array of n items of size bytes, the product checked (tmux's xreallocarray). */
void *xreallocarray(void *p, size_t n, size_t size);
/* The capacity an array with room for cap items grows to so that it holds n items of size
 * bytes: doubled, at least 8 and at least n; fatal() when the bytes cannot be counted. */
size_t util_grow_cap(size_t cap, size_t n, size_t size);
/* Room for n items in array p that has room for *cap (git's ALLOC_GROW): p, or p grown by
 * util_grow_cap with *cap updated. One rule for every growing array, so appends stay linear. */
void *util_grow(void *p, size_t *cap, size_t n, size_t size);
#define GROW(p, cap, n) ((p) = util_grow((p), &(cap), (n), sizeof(*(p))))
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Called before fatal() prints, so a frontend can give the terminal back first. */
void util_set_fatal_hook(void (*hook)(void));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Open a regular file for reading without blocking (a FIFO, a device: NULL, errno EINVAL). */
FILE *fopen_regular(const char *path);
/* true for characters that must never reach a terminal as they are: C0 and C1 controls (ESC
 * starts CSI and OSC sequences; U+009B is CSI on its own), DEL, bidi overrides and marks,
 * line and paragraph separators, the byte-order mark. The one rule for every screen. */
bool util_is_control(unsigned cp);
/* Write n bytes of text for a terminal: controls dropped (newlines and tabs kept when
 * keep_lines, else written as a space), broken UTF-8 as U+FFFD. Every string from a file goes out through this. */
void util_put_clean(FILE *out, const char *s, size_t n, bool keep_lines);
/* The program is leaving (a signal came): long work (the detector, the matcher) stops at its
 * next check. util_request_stop only sets a flag, so a signal handler may call it. */
void util_request_stop(void);
/* FNV-1a of a string, for hash sets. */
size_t util_hash(const char *s);
bool util_stop_requested(void);
/* Also run hook at a stop request (from a signal handler: it must be async-signal-safe). The
 * detector sets a Lua hook there, as Lua's own lua.c does at Ctrl-C. */
void util_set_stop_hook(void (*hook)(void));

/* A growable byte string, always NUL-terminated. */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* An arena: many small allocations freed together (one scenario, one verdict). */
struct arena_block;
struct arena {
	struct arena_block *head;
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* Length of the valid UTF-8 prefix of s[0..n); equals n when all of it is valid. */
size_t utf8_valid_prefix(const char *s, size_t n);
/* Decode one code point at s (n bytes left); returns bytes used, 0 if invalid. */
int utf8_decode(const char *s, size_t n, unsigned *cp);

/* Read a whole file, at most limit bytes; NULL with errno set (EFBIG when too large). */
char *read_file(const char *path, size_t limit, size_t *len);

/* Levenshtein distance, for "did you mean". */
int edit_distance(const char *a, const char *b);

#endif
