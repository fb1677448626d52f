/* import-telegram: Telegram Desktop's "Export chat history" result.json, one chat or the whole
 * account (chats.list[], each a conversation): "text" is a string or a list of strings and
 * entities ({"type": "bold", "text": ...}); service messages (calls, joins, pins) are left out. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import-json.h"

enum { TYPE, DATE, FROM, TEXT, FROM_ID };

/* Which slot a field of a message fills. */
static int
tg_slot(const char *p)
{
	if (strcmp(p, ".type") == 0)
		return TYPE;
	if (strcmp(p, ".date") == 0)
		return DATE;
	if (strcmp(p, ".from") == 0)
		return FROM;
	if (strcmp(p, ".from_id") == 0)
		return FROM_ID;
	/* "text": "hi" or "text": ["plain ", {"type": "bold", "text": "bold"}] */
	if (strcmp(p, ".text") == 0 || strcmp(p, ".text[]") == 0 || strcmp(p, ".text[].text") == 0)
		return TEXT;
	return -1;
}

/* A message ended: give it out unless it is a service message or has no text (a photo, a sticker). */
static void
tg_record(struct jstream *js)
{
	size_t n;
	const char *type = jstream_slot(js, TYPE, NULL), *text = jstream_slot(js, TEXT, &n);
	const char *from = jstream_slot(js, FROM, NULL);

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n'))
		n--;
	if ((type[0] != '\0' && strcmp(type, "message") != 0) || n == 0) {
		js->ctx->left_out++;
		return;
	}
	if (from[0] == '\0') /* a deleted account: "from": null */
		from = jstream_slot(js, FROM_ID, NULL)[0] ? jstream_slot(js, FROM_ID, NULL) : "?";
	jstream_give(js, from, text, n, jstream_slot(js, DATE, NULL));
}

static const struct jformat tg_format = {tg_slot, tg_record, NULL};

/* A Telegram export names its messages' senders with "from_id" and times with "date_unixtime". */
static int
tg_sniff(const char *h, size_t n)
{
	static const char *const a[] = {"\"messages\"", "\"from_id\"", NULL};
	static const char *const b[] = {"\"messages\"", "\"date_unixtime\"", NULL};
	static const char *const c[] = {"\"chats\"", "\"personal_information\"", NULL};
	return jstream_sniff(h, n, a) || jstream_sniff(h, n, b) || jstream_sniff(h, n, c) ? 80 : 0;
}

/* Start reading a Telegram Desktop result.json. */
static void *
tg_open(FILE *f, struct import_ctx *ctx)
{
	struct jstream *js = xmalloc(sizeof(*js));
	jstream_open(js, f, ctx, &tg_format);
	return js;
}

/* The next message of the Telegram export (service messages left out), or false at its end. */
static bool
tg_next(void *st, struct import_msg *m)
{
	return jstream_next(st, m);
}

/* Free the Telegram reader. */
static void
tg_close(void *st)
{
	jstream_close(st);
	free(st);
}

const struct import_reader import_telegram = {
	"telegram", N_("Telegram Desktop \"Export chat history\" result.json"),
	tg_sniff, tg_open, tg_next, tg_close,
};
