/* import: recognise a chat's format from its first bytes and hand it to that format's reader;
 * a WhatsApp .zip is read through libarchive (the chat's .txt only, never its attachments); a
 * folder of Instagram/Messenger message_N.json files is read oldest file first. */
#define _GNU_SOURCE /* fopencookie */
#include "import.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "transcript.h"
#include "util.h"

static const struct import_reader *const readers[] = {
	&import_whatsapp, &import_telegram, &import_discord_json, &import_discord_csv,
	&import_discord_txt, &import_instagram, &import_line, &import_transcript,
};

/* A FILE that gives back the bytes already read to recognise the format, then the rest: standard
 * input cannot be rewound. */
struct replay {
	FILE *under;
	char *head;
	size_t len, pos;
};

struct importer {
	struct import_ctx ctx;
	const struct import_reader *r;
	void *state;
	FILE *f;            /* what the reader reads */
	FILE *own;          /* opened here (closed here) */
	struct archive *zip;
	char *path;         /* for reopening the .zip (a second pass) */
	char *entry;        /* the chat file inside the .zip */
	char *zipname;      /* "export.zip:WhatsApp Chat with X.txt", for messages */
	/* a folder of message_N.json files */
	char **files;
	size_t nfiles, capfiles, nextfile;
	char *curname;
	int conversation;
};

static bool quiet; /* warnings are not printed (see import_quiet) */

/* A second reading of an input already read once: its warnings were printed the first time. */
void
import_quiet(bool q)
{
	quiet = q;
}

/* Print a located warning, up to a limit so a damaged file cannot flood the screen. */
void
import_warn(struct import_ctx *ctx, long line, const char *fmt, ...)
{
	va_list ap;

	if (++ctx->warnings > IMPORT_MAX_WARNINGS || quiet)
		return;
	fprintf(stderr, "%s:%ld:1: warning: ", ctx->name, line > 0 ? line : 1);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Print a located error and mark the reading failed. */
void
import_error(struct import_ctx *ctx, long line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%ld:1: error: ", ctx->name, line > 0 ? line : 1);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	ctx->failed = true;
}

/* The formats for people, one a line. */
void
import_list_formats(FILE *out)
{
	for (size_t i = 0; i < ARRAY_LEN(readers); i++)
		fprintf(out, "  %-14s %s\n", readers[i]->name, _(readers[i]->title));
	fprintf(out, "  %-14s %s\n", "", _("(a WhatsApp .zip and a folder of message_N.json files too)"));
}

/* Is name a --format value? */
bool
import_known_format(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(readers); i++)
		if (strcmp(readers[i]->name, name) == 0)
			return true;
	return false;
}

/* Read the bytes taken to recognise the format again, then the rest of the stream (fopencookie). */
static ssize_t
replay_read(void *cookie, char *buf, size_t n)
{
	struct replay *r = cookie;

	if (r->pos < r->len) {
		size_t k = r->len - r->pos < n ? r->len - r->pos : n;
		memcpy(buf, r->head + r->pos, k);
		r->pos += k;
		return (ssize_t)k;
	}
	return (ssize_t)fread(buf, 1, n, r->under);
}

/* Close the replaying stream and the stream under it. */
static int
replay_close(void *cookie)
{
	struct replay *r = cookie;

	free(r->head);
	free(r);
	return 0;
}

/* Read up to IMPORT_HEAD bytes of *f into head and make *f give them again: rewind a file, wrap a
 * pipe. Returns the bytes in head. */
static size_t
take_head(FILE **f, FILE **own, char *head, bool *seekable)
{
	size_t n = fread(head, 1, IMPORT_HEAD, *f);

	*seekable = fseek(*f, 0, SEEK_SET) == 0;
	if (*seekable)
		return n;
	clearerr(*f);
	struct replay *r = xcalloc(1, sizeof(*r));
	cookie_io_functions_t io = {.read = replay_read, .close = replay_close};
	r->under = *f;
	r->head = xmalloc(n ? n : 1);
	memcpy(r->head, head, n);
	r->len = n;
	FILE *w = fopencookie(r, "rb", io);
	if (w == NULL) {
		replay_close(r);
		return n;
	}
	*own = w;
	*f = w;
	return n;
}

/* Does the head look like UTF-16 (a byte-order mark, or every other byte NUL)? */
static bool
utf16(const char *h, size_t n)
{
	size_t i, nul = 0;

	if (n >= 2 && (((unsigned char)h[0] == 0xff && (unsigned char)h[1] == 0xfe) ||
		       ((unsigned char)h[0] == 0xfe && (unsigned char)h[1] == 0xff)))
		return true;
	for (i = 0; i < n && i < 512; i++)
		nul += h[i] == '\0';
	return n >= 8 && nul * 3 >= (n < 512 ? n : 512);
}

/* The reader whose sniff is surest about head; NULL if none fits. */
static const struct import_reader *
recognise(const char *head, size_t n)
{
	const struct import_reader *best = NULL;
	int top = 0;

	for (size_t i = 0; i < ARRAY_LEN(readers); i++) {
		int s = readers[i]->sniff(head, n);
		if (s > top) {
			top = s;
			best = readers[i];
		}
	}
	return best;
}

/* Say that no format fits, and list them. */
static void
unknown(struct import_ctx *ctx, const char *what)
{
	import_error(ctx, 1, _("%s; the formats waspada reads (--format NAME forces one):"), what);
	import_list_formats(stderr);
}

/* libarchive, loaded the first time a .zip is read. Linked into the program, it (with libxml2 and
 * ICU under it) cost every session, the chat screen's too, 3.5 MB of the 8 MB it may use
 * (docs/performance.md); only `detect` on a .zip needs it. */
static struct {
	bool tried, ok;
	struct archive *(*read_new)(void);
	int (*support_format_zip)(struct archive *);
	int (*open_filename)(struct archive *, const char *, size_t);
	int (*next_header)(struct archive *, struct archive_entry **);
	la_ssize_t (*read_data)(struct archive *, void *, size_t);
	int (*read_free)(struct archive *);
	const char *(*error_string)(struct archive *);
	const char *(*entry_pathname)(struct archive_entry *);
	mode_t (*entry_filetype)(struct archive_entry *);
} la;

/* Load libarchive (once); false when it is not there. */
static bool
la_load(void)
{
	static const char *const names[] = {"libarchive.so.13", "libarchive.so"};
	void *h = NULL;

	if (la.tried)
		return la.ok;
	la.tried = true;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names) && h == NULL; i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return false;
	/* (a function pointer through void *: what dlsym gives, as POSIX allows) */
	*(void **)&la.read_new = dlsym(h, "archive_read_new");
	*(void **)&la.support_format_zip = dlsym(h, "archive_read_support_format_zip");
	*(void **)&la.open_filename = dlsym(h, "archive_read_open_filename");
	*(void **)&la.next_header = dlsym(h, "archive_read_next_header");
	*(void **)&la.read_data = dlsym(h, "archive_read_data");
	*(void **)&la.read_free = dlsym(h, "archive_read_free");
	*(void **)&la.error_string = dlsym(h, "archive_error_string");
	*(void **)&la.entry_pathname = dlsym(h, "archive_entry_pathname");
	*(void **)&la.entry_filetype = dlsym(h, "archive_entry_filetype");
	la.ok = la.read_new && la.support_format_zip && la.open_filename && la.next_header &&
		la.read_data && la.read_free && la.error_string && la.entry_pathname && la.entry_filetype;
	return la.ok;
}

/* libarchive's read of the chat file inside a .zip, as a FILE. */
static ssize_t
zip_read(void *cookie, char *buf, size_t n)
{
	struct importer *im = cookie;
	la_ssize_t k = la.read_data(im->zip, buf, n);

	if (k < 0) {
		import_error(&im->ctx, 0, _("cannot read the chat inside the .zip: %s"),
			     la.error_string(im->zip));
		errno = EIO;
		return -1;
	}
	return (ssize_t)k;
}

/* Open the .zip (again) and stop at the chat file: entry when known, else the first .txt or .json
 * that is not in a folder of attachments. false after an error. */
static bool
zip_seek_entry(struct importer *im)
{
	struct archive_entry *e;
	char *first = NULL;
	int rc;

	if (im->zip != NULL)
		la.read_free(im->zip);
	im->zip = la.read_new();
	la.support_format_zip(im->zip);
	if (la.open_filename(im->zip, im->path, 64 * 1024) != ARCHIVE_OK) {
		import_error(&im->ctx, 1, _("cannot open the .zip: %s"), la.error_string(im->zip));
		return false;
	}
	while ((rc = la.next_header(im->zip, &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
		const char *p = la.entry_pathname(e), *base;
		size_t n = p ? strlen(p) : 0;
		if (p == NULL || la.entry_filetype(e) != AE_IFREG)
			continue;
		if (im->entry != NULL) {
			if (strcmp(p, im->entry) == 0)
				return true;
			continue;
		}
		/* The chat is "_chat.txt" (iOS) or "WhatsApp Chat with NAME.txt" / "Chat WhatsApp
		 * dengan NAME.txt" (Android); another .txt may be a shared document. */
		base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
		if (n > 4 && strcmp(p + n - 4, ".txt") == 0) {
			bool chat = strcmp(base, "_chat.txt") == 0 || strstr(base, "WhatsApp") != NULL;
			if (chat || first == NULL) {
				free(first);
				first = xstrdup(p);
			}
			if (chat)
				break;
		}
	}
	if (im->entry == NULL && first != NULL) {
		im->entry = first; /* open it again and stop there */
		return zip_seek_entry(im);
	}
	if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
		import_error(&im->ctx, 1, _("cannot read the .zip: %s"), la.error_string(im->zip));
	else
		import_error(&im->ctx, 1, "%s", _("this .zip holds no chat (.txt) file"));
	return false;
}

/* Rewinding the chat inside a .zip (a reader's second pass) opens the .zip again. */
static int
zip_seek(void *cookie, off64_t *off, int whence)
{
	struct importer *im = cookie;

	if (whence != SEEK_SET || *off != 0 || !zip_seek_entry(im))
		return -1;
	return 0;
}

/* Close the chat file inside a zip and the archive. */
static int
zip_close(void *cookie)
{
	return 0;
}

/* Open a .zip's chat file as im->f. */
static bool
open_zip(struct importer *im, const char *path)
{
	cookie_io_functions_t io = {.read = zip_read, .seek = zip_seek, .close = zip_close};

	im->path = xstrdup(path);
	if (!la_load()) {
		import_error(&im->ctx, 1, "%s", _("reading a .zip needs libarchive (Debian: libarchive13)"));
		return false;
	}
	if (!zip_seek_entry(im))
		return false;
	im->zipname = xasprintf("%s:%s", path, im->entry);
	im->ctx.name = im->zipname;
	im->f = fopencookie(im, "rb", io);
	if (im->f == NULL) {
		import_error(&im->ctx, 1, "%s", strerror(errno));
		return false;
	}
	im->own = im->f;
	return true;
}

/* N of message_N.json, or -1. */
static long
message_number(const char *name)
{
	char *end;
	long n;

	if (strncmp(name, "message_", 8) != 0)
		return -1;
	n = strtol(name + 8, &end, 10);
	return strcmp(end, ".json") == 0 && n >= 0 ? n : -1;
}

/* qsort order of message_N.json names: highest N first. */
static int
by_number_desc(const void *a, const void *b)
{
	const char *x = strrchr(*(char *const *)a, '/') + 1, *y = strrchr(*(char *const *)b, '/') + 1;
	long m = message_number(x), n = message_number(y);
	return m < n ? 1 : m > n ? -1 : 0;
}

/* List a folder's message_N.json files, highest N (the oldest messages) first. */
static bool
open_folder(struct importer *im, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d == NULL) {
		import_error(&im->ctx, 1, "%s: %s", _("cannot open"), strerror(errno));
		return false;
	}
	while ((e = readdir(d)) != NULL && im->nfiles < 10000) {
		if (message_number(e->d_name) < 0)
			continue;
		GROW(im->files, im->capfiles, im->nfiles + 1);
		im->files[im->nfiles++] = xasprintf("%s/%s", path, e->d_name);
	}
	closedir(d);
	if (im->nfiles == 0) {
		unknown(&im->ctx, _("this folder has no message_N.json files (Instagram or Messenger)"));
		return false;
	}
	qsort(im->files, im->nfiles, sizeof(*im->files), by_number_desc);
	im->r = &import_instagram;
	return true;
}

/* Start the folder's next file; false when there is none (or it cannot be opened). */
static bool
next_file(struct importer *im)
{
	if (im->state != NULL)
		im->r->close(im->state);
	im->state = NULL;
	if (im->own != NULL)
		fclose(im->own);
	im->own = im->f = NULL;
	while (im->nextfile < im->nfiles) {
		const char *p = im->files[im->nextfile++];
		im->ctx.name = p;
		im->f = im->own = fopen(p, "rb");
		if (im->f == NULL) {
			import_error(&im->ctx, 1, "%s: %s", _("cannot open"), strerror(errno));
			return false;
		}
		im->state = im->r->open(im->f, &im->ctx);
		return im->state != NULL;
	}
	return false;
}

/* Open a chat (see import.h). */
struct importer *
import_open(const char *path, const char *format)
{
	struct importer *im = xcalloc(1, sizeof(*im));
	char *head = xmalloc(IMPORT_HEAD);
	size_t n;
	struct stat st;

	im->ctx.name = path;
	if (format != NULL) {
		for (size_t i = 0; i < ARRAY_LEN(readers); i++)
			if (strcmp(readers[i]->name, format) == 0)
				im->r = readers[i];
	}
	if (strcmp(path, "-") == 0) {
		im->f = stdin;
	} else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		free(head);
		if (!open_folder(im, path) || !next_file(im)) {
			import_close(im);
			return NULL;
		}
		return im;
	} else if ((im->f = im->own = fopen(path, "rb")) == NULL) {
		import_error(&im->ctx, 1, "%s: %s", _("cannot open"), strerror(errno));
		goto fail;
	}
	n = take_head(&im->f, &im->own, head, &im->ctx.seekable);
	if (n >= 4 && memcmp(head, "PK\003\004", 4) == 0) {
		if (strcmp(path, "-") == 0) {
			import_error(&im->ctx, 1, "%s", _("a .zip cannot be read from standard input; give its file name"));
			goto fail;
		}
		if (im->own != NULL)
			fclose(im->own);
		im->own = im->f = NULL;
		if (!open_zip(im, path))
			goto fail;
		n = fread(head, 1, IMPORT_HEAD, im->f);
		im->ctx.seekable = true; /* zip_seek opens it again */
		if (fseek(im->f, 0, SEEK_SET) != 0) {
			import_error(&im->ctx, 1, "%s", _("cannot read the .zip again"));
			goto fail;
		}
	}
	if (im->r == NULL) {
		if (utf16(head, n)) {
			import_error(&im->ctx, 1, "%s", _("this file is UTF-16 text; save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8 FILE > chat.txt)"));
			goto fail;
		}
		im->r = recognise(head, n);
		if (im->r == NULL) {
			size_t i = 0;
			while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
				i++;
			if (i < n && (head[i] == '{' || head[i] == '['))
				unknown(&im->ctx, _("this JSON is not an export waspada knows"));
			else if (n >= 4 && memcmp(head, "PK", 2) == 0)
				unknown(&im->ctx, _("this archive is not a WhatsApp .zip"));
			else
				unknown(&im->ctx, _("this is not a chat export waspada knows"));
			goto fail;
		}
	}
	free(head);
	head = NULL;
	im->state = im->r->open(im->f, &im->ctx);
	if (im->state == NULL)
		goto fail;
	return im;
fail:
	free(head);
	import_close(im);
	return NULL;
}

/* The next message (see import.h). */
bool
import_next(struct importer *im, struct import_msg *m)
{
	for (;;) {
		if (im->ctx.failed || im->state == NULL)
			return false;
		m->chat = NULL;
		if (im->r->next(im->state, m)) {
			if (im->files != NULL)
				m->conversation = 1; /* the files of a folder are one conversation */
			im->ctx.usable++;
			return true;
		}
		if (im->files == NULL || im->nextfile >= im->nfiles || !next_file(im))
			return false;
	}
}

/* The format being read (see import.h). */
const char *
import_format(const struct importer *im)
{
	return im->r->name;
}

/* What the reader counted: messages, media, system lines (see import.h). */
const struct import_ctx *
import_stats(const struct importer *im)
{
	return &im->ctx;
}

/* Whether the input could not be read to its end (see import.h). */
bool
import_failed(const struct importer *im)
{
	return im->ctx.failed || (im->f != NULL && ferror(im->f));
}

/* Close everything opened here and say how many warnings were held back. */
void
import_close(struct importer *im)
{
	if (im == NULL)
		return;
	if (im->state != NULL)
		im->r->close(im->state);
	if (im->ctx.warnings > IMPORT_MAX_WARNINGS && !quiet)
		fprintf(stderr, _("%s: %ld more warnings not shown\n"), im->ctx.name,
			im->ctx.warnings - IMPORT_MAX_WARNINGS);
	if (im->own != NULL)
		fclose(im->own);
	if (im->zip != NULL)
		la.read_free(im->zip);
	for (size_t i = 0; i < im->nfiles; i++)
		free(im->files[i]);
	free(im->files);
	free(im->path);
	free(im->entry);
	free(im->zipname);
	free(im);
}

/* ---- the transcript format (transcript.c), unchanged ---- */

/* How sure the head of a file looks like Waspada's own transcript format ("SPEAKER: text"). */
static int
transcript_sniff(const char *h, size_t n)
{
	size_t i = 0;

	while (i < n && (h[i] == ' ' || h[i] == '\n' || h[i] == '\r' || h[i] == '\t'))
		i++;
	/* JSON is never a transcript ("[12:00] Kim: hi" is: a time in brackets) */
	if (i < n && (h[i] == '{' || (h[i] == '[' && i + 1 < n && strchr(" \r\n\t{[\"", h[i + 1]) != NULL)))
		return 0;
	return 1; /* the last resort: its own warnings say what is wrong line by line */
}

/* Start reading a transcript through transcript.c. */
static void *
transcript_open_(FILE *f, struct import_ctx *ctx)
{
	struct transcript *t = xmalloc(sizeof(*t));
	transcript_open(t, f, ctx->name);
	return t;
}

/* The next message of the transcript, or false at its end. */
static bool
transcript_next_(void *st, struct import_msg *m)
{
	struct transcript_msg tm;

	if (!transcript_next(st, &tm))
		return false;
	m->line = tm.line;
	m->conversation = tm.conversation;
	m->speaker = tm.speaker;
	m->text = tm.text;
	m->text_len = tm.text_len;
	m->time = NULL;
	m->child = tm.child;
	return true;
}

/* Free the transcript reader. */
static void
transcript_close_(void *st)
{
	transcript_close(st);
	free(st);
}

const struct import_reader import_transcript = {
	"transcript", N_("lines of \"SPEAKER: text\" (docs/detect.md)"),
	transcript_sniff, transcript_open_, transcript_next_, transcript_close_,
};
