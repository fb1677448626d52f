/* import-discord: the three exports DiscordChatExporter makes of a channel: JSON (messages[] with
 * author.nickname / author.name, content, timestamp), CSV (AuthorID,Author,Date,Content,...) and
 * plain text ("[DATE TIME] AUTHOR" then the message's lines). Messages without words (only
 * attachments, stickers, embeds) and system messages (joins, pins, calls) are left out. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import-json.h"

/* ---- JSON ---- */

enum { TYPE, TIME, CONTENT, NAME, NICK };

static int
dj_slot(const char *p)
{
	if (strcmp(p, ".type") == 0)
		return TYPE;
	if (strcmp(p, ".timestamp") == 0)
		return TIME;
	if (strcmp(p, ".content") == 0)
		return CONTENT;
	if (strcmp(p, ".author.name") == 0)
		return NAME;
	if (strcmp(p, ".author.nickname") == 0)
		return NICK;
	return -1;
}

/* A message ended: a member's words ("Default", "Reply") are given out. */
static void
dj_record(struct jstream *js)
{
	size_t n;
	const char *type = jstream_slot(js, TYPE, NULL), *text = jstream_slot(js, CONTENT, &n);
	const char *who = jstream_slot(js, NICK, NULL);

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n'))
		n--;
	if ((type[0] != '\0' && strcmp(type, "Default") != 0 && strcmp(type, "Reply") != 0) || n == 0) {
		js->ctx->left_out++;
		return;
	}
	if (who[0] == '\0')
		who = jstream_slot(js, NAME, NULL);
	jstream_give(js, who[0] ? who : "?", text, n, jstream_slot(js, TIME, NULL));
}

static const struct jformat dj_format = {dj_slot, dj_record, NULL};

static int
dj_sniff(const char *h, size_t n)
{
	static const char *const keys[] = {"\"guild\"", "\"channel\"", "\"messages\"", NULL};
	return jstream_sniff(h, n, keys) ? 80 : 0;
}

static void *
dj_open(FILE *f, struct import_ctx *ctx)
{
	struct jstream *js = xmalloc(sizeof(*js));
	jstream_open(js, f, ctx, &dj_format);
	return js;
}

static bool
dj_next(void *st, struct import_msg *m)
{
	return jstream_next(st, m);
}

static void
dj_close(void *st)
{
	jstream_close(st);
	free(st);
}

const struct import_reader import_discord_json = {
	"discord-json", N_("DiscordChatExporter JSON"),
	dj_sniff, dj_open, dj_next, dj_close,
};
