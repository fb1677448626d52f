/* import-json: a streaming reader of the "messages" arrays of a JSON export (import-json.h). The
 * input is fed to yajl a line at a time (a block at a time inside a long line), so every message
 * and every error knows its line. */
#define _GNU_SOURCE /* memmem */
#include "import-json.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define BLOCK (64 * 1024)

/* Does the path end with ".messages" (an array of records)? */
static bool
ends_with(const struct jstream *js, const char *suffix)
{
	size_t k = strlen(suffix);
	return js->plen >= k && memcmp(js->path + js->plen - k, suffix, k) == 0;
}

/* A scalar at the current path: into its slot, if the record wants it. */
static void
scalar(struct jstream *js, const char *s, size_t n)
{
	int i;

	if (!js->in_record && !js->overflow && n < 256 && utf8_valid_prefix(s, n) == n &&
	    memchr(s, '\0', n) == NULL && (js->path[js->plen] = '\0', strcmp(js->path, ".name") == 0 ||
					   ends_with(js, ".list[].name"))) {
		js->chat.len = 0; /* a chat's name, before its messages */
		buf_add(&js->chat, s, n);
		return;
	}
	if (!js->in_record || js->overflow)
		return;
	js->path[js->plen] = '\0';
	i = js->fmt->slot(js->path + js->record_base);
	if (i < 0 || i >= JSON_MAX_SLOTS)
		return;
	if (js->slot[i].len + n > IMPORT_MAX_TEXT) {
		if (!js->cut)
			import_warn(js->ctx, js->line, _("message longer than %d KiB; cut there"),
				    IMPORT_MAX_TEXT / 1024);
		js->cut = true;
		n = js->slot[i].len < IMPORT_MAX_TEXT ? IMPORT_MAX_TEXT - js->slot[i].len : 0;
		n = utf8_valid_prefix(s, n);
	}
	/* a NUL written as \u0000 would end the text early: read it as a space; what yajl lets
	 * through that is not UTF-8 (a lone surrogate's escape) becomes U+FFFD */
	for (size_t k = 0; k < n;) {
		size_t run = utf8_valid_prefix(s + k, n - k);
		const char *z = memchr(s + k, '\0', run);
		if (z != NULL)
			run = (size_t)(z - (s + k));
		buf_add(&js->slot[i], s + k, run);
		k += run;
		if (k < n) {
			buf_add(&js->slot[i], s[k] == '\0' ? " " : "\xef\xbf\xbd", s[k] == '\0' ? 1 : 3);
			k++;
		}
	}
	if (js->slot[i].s == NULL)
		buf_add(&js->slot[i], "", 0);
	js->slot_set[i] = true;
}

/* yajl callback: a null value. */
static int
on_null(void *c)
{
	return 1;
}

/* yajl callback: a boolean value. */
static int
on_bool(void *c, int v)
{
	scalar(c, v ? "true" : "false", v ? 4 : 5);
	return 1;
}

/* yajl callback: a number, kept as its text. */
static int
on_number(void *c, const char *s, size_t n)
{
	scalar(c, s, n);
	return 1;
}

/* yajl callback: a string (a lone surrogate escape becomes U+FFFD, so the text stays UTF-8). */
static int
on_string(void *c, const unsigned char *s, size_t n)
{
	scalar(c, (const char *)s, n);
	return 1;
}

/* Enter a container: remember where its path starts. */
static bool
push(struct jstream *js, bool array)
{
	if (js->depth >= JSON_MAX_DEPTH || js->plen + 2 >= JSON_MAX_PATH) {
		import_error(js->ctx, js->line, _("the JSON is nested deeper than %d levels"), JSON_MAX_DEPTH);
		return false;
	}
	js->stack[js->depth].array = array;
	js->stack[js->depth].base = js->plen;
	js->depth++;
	if (array) {
		memcpy(js->path + js->plen, "[]", 2);
		js->plen += 2;
	}
	return true;
}

/* yajl callback: an object opens (nesting bounded). */
static int
on_start_map(void *c)
{
	struct jstream *js = c;

	if (!js->in_record && ends_with(js, ".messages[]")) {
		js->in_record = true;
		js->record_depth = js->depth;
		js->record_base = js->plen;
		js->record_line = js->line;
		js->cut = false;
		for (int i = 0; i < JSON_MAX_SLOTS; i++) {
			js->slot[i].len = 0;
			if (js->slot[i].s != NULL)
				js->slot[i].s[0] = '\0';
			js->slot_set[i] = false;
		}
	}
	return push(js, false);
}

/* yajl callback: a key inside an object. */
static int
on_key(void *c, const unsigned char *k, size_t n)
{
	struct jstream *js = c;

	js->plen = js->stack[js->depth - 1].base;
	if (js->plen + 1 + n >= JSON_MAX_PATH) { /* a key this long is no key an export has */
		n = 0;
		js->overflow = true;
	} else {
		js->overflow = false;
	}
	js->path[js->plen++] = '.';
	memcpy(js->path + js->plen, k, n);
	js->plen += n;
	return 1;
}

/* yajl callback: an object closes. */
static int
on_end_map(void *c)
{
	struct jstream *js = c;

	js->depth--;
	js->plen = js->stack[js->depth].base;
	js->overflow = false;
	if (js->in_record && js->depth == js->record_depth) {
		js->in_record = false;
		for (int i = 0; i < JSON_MAX_SLOTS; i++)
			if (js->slot[i].s == NULL)
				buf_add(&js->slot[i], "", 0);
		js->fmt->record(js);
	}
	return 1;
}

/* yajl callback: an array opens (nesting bounded). */
static int
on_start_array(void *c)
{
	struct jstream *js = c;

	if (!js->in_record && ends_with(js, ".messages"))
		js->conversation++; /* each chat of a Telegram export is a conversation */
	return push(js, true);
}

/* yajl callback: an array closes. */
static int
on_end_array(void *c)
{
	struct jstream *js = c;

	js->depth--;
	js->plen = js->stack[js->depth].base;
	return 1;
}

static const yajl_callbacks callbacks = {
	on_null, on_bool, NULL, NULL, on_number, on_string,
	on_start_map, on_key, on_end_map, on_start_array, on_end_array,
};

/* Start reading f. */
void
jstream_open(struct jstream *js, FILE *f, struct import_ctx *ctx, const struct jformat *fmt)
{
	memset(js, 0, sizeof(*js));
	js->ctx = ctx;
	js->fmt = fmt;
	js->f = f;
	js->h = yajl_alloc(&callbacks, NULL, js);
	js->block = xmalloc(BLOCK);
	js->line = 1;
	js->path[0] = '\0';
}

/* Queue a message (see import-json.h). */
void
jstream_give(struct jstream *js, const char *speaker, const char *text, size_t len, const char *time)
{
	long head[2] = {js->record_line, js->conversation};

	buf_add(&js->queue, (const char *)head, sizeof(head));
	buf_add(&js->queue, speaker, strlen(speaker) + 1);
	buf_add(&js->queue, (const char *)&len, sizeof(len));
	buf_add(&js->queue, text, len);
	buf_add(&js->queue, "", 1);
	buf_add(&js->queue, time ? time : "", strlen(time ? time : "") + 1);
	buf_add(&js->queue, js->chat.s ? js->chat.s : "", js->chat.len + 1);
}

/* A slot's value. */
const char *
jstream_slot(const struct jstream *js, int i, size_t *len)
{
	if (len != NULL)
		*len = js->slot[i].len;
	return js->slot[i].s ? js->slot[i].s : "";
}

/* Report yajl's error at the line being fed. */
static void
parse_error(struct jstream *js, const unsigned char *chunk, size_t n, bool at_end)
{
	unsigned char *msg = yajl_get_error(js->h, 0, chunk, n);
	char *nl;

	if (msg != NULL && (nl = strchr((char *)msg, '\n')) != NULL)
		*nl = '\0';
	if (at_end)
		import_error(js->ctx, js->line, "%s", _("the JSON ends too early (is the file cut short?)"));
	else
		import_error(js->ctx, js->line, _("the JSON is damaged here: %s"), msg ? (char *)msg : "?");
	if (msg != NULL)
		yajl_free_error(js->h, msg);
}

/* Feed the next block, a line at a time. */
static void
feed(struct jstream *js)
{
	size_t n = fread(js->block, 1, BLOCK, js->f), i = 0;

	if (n == 0) {
		js->eof = true;
		if (yajl_complete_parse(js->h) != yajl_status_ok && !js->ctx->failed)
			parse_error(js, NULL, 0, true);
		return;
	}
	while (i < n && !js->ctx->failed) {
		const char *nl = memchr(js->block + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (js->block + i)) + 1 : n - i;
		if (yajl_parse(js->h, (unsigned char *)js->block + i, len) != yajl_status_ok) {
			if (!js->ctx->failed)
				parse_error(js, (unsigned char *)js->block + i, len, false);
			return;
		}
		js->line += nl != NULL;
		i += len;
	}
}

/* Take one queued message. */
static void
take(struct jstream *js, struct import_msg *m)
{
	const char *q = js->queue.s + js->qpos, *s;
	long head[2];
	size_t len;

	memcpy(head, q, sizeof(head));
	q += sizeof(head);
	s = q;
	q += strlen(s) + 1;
	js->speaker.len = 0;
	buf_add(&js->speaker, s, strlen(s));
	memcpy(&len, q, sizeof(len));
	q += sizeof(len);
	js->text.len = 0;
	buf_add(&js->text, q, len);
	q += len + 1;
	js->time.len = 0;
	buf_add(&js->time, q, strlen(q));
	q += strlen(q) + 1;
	js->chat_out.len = 0;
	buf_add(&js->chat_out, q, strlen(q));
	q += strlen(q) + 1;
	js->qpos = (size_t)(q - js->queue.s);
	m->line = head[0];
	m->conversation = head[1] > 0 ? (int)head[1] : 1;
	m->speaker = js->speaker.s;
	m->text = js->text.s;
	m->text_len = len;
	m->time = js->time.len ? js->time.s : NULL;
	m->chat = js->chat_out.len ? js->chat_out.s : NULL;
	m->child = false;
}

/* The next message (see import-json.h). */
bool
jstream_next(struct jstream *js, struct import_msg *m)
{
	for (;;) {
		if (js->qpos < js->queue.len) {
			take(js, m);
			return true;
		}
		js->queue.len = js->qpos = 0;
		if (js->eof || js->ctx->failed)
			return false;
		feed(js);
	}
}

/* Free a JSON stream (see import-json.h). */
void
jstream_close(struct jstream *js)
{
	yajl_free(js->h);
	free(js->block);
	for (int i = 0; i < JSON_MAX_SLOTS; i++)
		buf_free(&js->slot[i]);
	buf_free(&js->queue);
	buf_free(&js->speaker);
	buf_free(&js->text);
	buf_free(&js->time);
	buf_free(&js->chat);
	buf_free(&js->chat_out);
}

/* Does head look like a JSON export with these keys? */
bool
jstream_sniff(const char *head, size_t n, const char *const *keys)
{
	size_t i = 0;

	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
		i++;
	if (i >= n || head[i] != '{')
		return false;
	for (; *keys != NULL; keys++)
		if (memmem(head, n, *keys, strlen(*keys)) == NULL)
			return false;
	return true;
}
