/* util: the small helpers every module uses. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);
static volatile sig_atomic_t stop_requested;
static void (*stop_hook)(void);

/* FNV-1a of a NUL-terminated string: the hash of the small open-addressing sets (results'
 * attempt ids, YAML keys). */
size_t
util_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Ask long work to stop (async-signal-safe, as long as the stop hook is). */
void
util_request_stop(void)
{
	stop_requested = 1;
	if (stop_hook != NULL)
		stop_hook();
}

/* Remember what util_request_stop also does: it runs in a signal handler, so only what is safe there. */
void
util_set_stop_hook(void (*hook)(void))
{
	stop_hook = hook;
}

/* Whether util_request_stop was called. */
bool
util_stop_requested(void)
{
	return stop_requested != 0;
}


/* Remember what must run before fatal() writes to the terminal. */
void
util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Give the terminal back, say what went wrong, and stop: for states we cannot recover from. */
void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook != NULL) {
		void (*hook)(void) = fatal_hook;
		fatal_hook = NULL;
		hook();
	}
	fputs("waspada: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* malloc that stops the program cleanly instead of returning NULL. */
void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

/* calloc that never returns NULL. */
void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

/* realloc that never returns NULL. */
void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		fatal("out of memory");
	return p;
}

/* realloc of n items of size bytes that never returns NULL, nor wraps the product around. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatal("out of memory: %zu items of %zu bytes", n, size);
	return xrealloc(p, n * size);
}

/* Doubled, at least 8 and n: the capacity to grow an array to. */
size_t
util_grow_cap(size_t cap, size_t n, size_t size)
{
	size_t c = cap == 0 ? 8 : cap <= SIZE_MAX / 2 ? cap * 2 : SIZE_MAX;

	if (c < n)
		c = n;
	if (size != 0 && c > SIZE_MAX / size)
		fatal("out of memory: %zu items of %zu bytes", c, size);
	return c;
}

/* Room for n items in p, which has room for *cap. */
void *
util_grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap)
		return p;
	*cap = util_grow_cap(*cap, n, size);
	return xreallocarray(p, *cap, size);
}

/* strdup that never returns NULL. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* strndup that never returns NULL. */
char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* vasprintf into fresh memory. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("bad format string");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

/* asprintf into fresh memory. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* Append n bytes to a growable string. */
void
buf_add(struct buf *b, const char *s, size_t n)
{
	GROW(b->s, b->cap, b->len + n + 1);
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append a C string. */
void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Append formatted text. */
void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, p);
	free(p);
}

/* Free a growable string's memory. */
void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

/* Allocate n bytes that live until arena_free(). */
void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(max_align_t);

	n = (n + align - 1) / align * align;
	if (b == NULL || b->size - b->used < n) {
		/* blocks grow from 1 KiB to 16 KiB: a verdict needs little, a scenario a lot, and a
		 * 16 KiB malloc per judged message was a tenth of `detect`'s time */
		size_t size = b == NULL ? 1024 : b->size < 16384 ? b->size * 2 : 16384;
		if (size < n)
			size = n;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

/* Copy a string into the arena. */
char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

/* Copy n bytes of a string into the arena. */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Free everything allocated from the arena. */
void
arena_free(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/* Decode one UTF-8 sequence, rejecting overlongs, surrogates and values past U+10FFFF. */
int
utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c;
	int len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* How many leading bytes of s are valid UTF-8. */
size_t
utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;
	unsigned cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			break;
		i += (size_t)k;
	}
	return i;
}

/* Characters that never reach a terminal as they are (see util.h). */
bool
util_is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x200e && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/* Write text for a terminal, without controls (see util.h). */
void
util_put_clean(FILE *out, const char *s, size_t n, bool keep_lines)
{
	size_t i = 0, run = 0; /* [run, i): clean bytes not written yet, written in one go */

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		int k;
		if (c >= 0x20 && c < 0x7f) { /* printable ASCII, most of any text: no decoding */
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k > 0 && (!util_is_control(cp) || (keep_lines && (cp == '\n' || cp == '\t')))) {
			i += (size_t)k;
			continue;
		}
		fwrite(s + run, 1, i - run, out);
		if (k <= 0) {
			fputs("\xef\xbf\xbd", out);
			i++;
		} else {
			/* a control: dropped, but a line break or tab between words becomes a space,
			 * or a multi-line message on one output line runs its lines together */
			if ((cp == '\n' || cp == '\t' || cp == '\r') && i > 0 && s[i - 1] != '\n' && s[i - 1] != '\t' &&
			    s[i - 1] != ' ' && s[i - 1] != '\r')
				fputc(' ', out);
			i += (size_t)k;
		}
		run = i;
	}
	fwrite(s + run, 1, i - run, out);
}

/* Open a regular file for reading, never blocking on the way: a FIFO named like a scenario or a
 * results file hung the open (and a device never ends). NULL with errno EINVAL when the path is
 * not a regular file. */
FILE *
fopen_regular(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	FILE *f;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if ((f = fdopen(fd, "rb")) == NULL)
		close(fd);
	return f;
}

/* Read a file into memory, refusing files larger than limit (and anything but a regular file). */
char *
read_file(const char *path, size_t limit, size_t *lenp)
{
	FILE *f = fopen_regular(path);
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > limit) {
			fclose(f);
			buf_free(&b);
			errno = EFBIG;
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		buf_free(&b);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	if (b.s == NULL)
		buf_add(&b, "", 0);
	*lenp = b.len;
	return b.s;
}

/* Edit distance between two short strings (keys), for suggestions. */
int
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[64], prev, tmp;

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			int best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}
