/* import-json: the JSON exports read as a stream with yajl: a "record" is each object in an array
 * named "messages"; the scalars inside it are collected by their path relative to the record
 * ("from", "text[].text", "author.name") into the slots a format asks for, and the format turns the
 * finished record into a message. Memory: the block being parsed and one record. */
#ifndef WASPADA_IMPORT_JSON_H
#define WASPADA_IMPORT_JSON_H

#include <yajl/yajl_parse.h>

#include "import.h"
#include "util.h"

#define JSON_MAX_SLOTS 8
#define JSON_MAX_DEPTH 64
#define JSON_MAX_PATH 512

struct jstream;

struct jformat {
	/* The slot a scalar at relative path fills (values at one slot are joined), or -1. */
	int (*slot)(const char *relpath);
	/* A record ended: queue a message with jstream_give, or count it as left out. */
	void (*record)(struct jstream *js);
	void *data;         /* the format's own state */
};

struct jstream {
	struct import_ctx *ctx;
	const struct jformat *fmt;
	FILE *f;
	yajl_handle h;
	char *block;
	bool eof, done;
	long line;          /* the line being fed */
	/* where the parser is */
	char path[JSON_MAX_PATH + 64];
	size_t plen;
	struct { bool array; size_t base; } stack[JSON_MAX_DEPTH];
	int depth;
	bool overflow;      /* too deep or a too long path: ignored below */
	/* the record being read */
	bool in_record;
	int record_depth;
	size_t record_base;
	long record_line;
	int conversation;
	struct buf chat;    /* the name of the chat whose messages follow (Telegram's "name") */
	struct buf slot[JSON_MAX_SLOTS];
	bool slot_set[JSON_MAX_SLOTS];
	bool cut;
	/* messages ready to give out, and the one given */
	struct buf queue;   /* records: line, conversation, then speaker, text, time NUL-terminated */
	size_t qpos;
	struct buf speaker, text, time, chat_out;
};

void jstream_open(struct jstream *js, FILE *f, struct import_ctx *ctx, const struct jformat *fmt);
/* The next queued message; false at the end or after an error. */
bool jstream_next(struct jstream *js, struct import_msg *m);
void jstream_close(struct jstream *js);
/* For a format's record(): queue a message (time may be NULL). */
void jstream_give(struct jstream *js, const char *speaker, const char *text, size_t len,
		  const char *time);
/* A slot's text ("" when not set). */
const char *jstream_slot(const struct jstream *js, int i, size_t *len);
/* Does head look like JSON with all these keys ("\"from_id\"")? NULL-terminated list. */
bool jstream_sniff(const char *head, size_t n, const char *const *keys);

#endif
