/* results: append-only JSON Lines, fsync'd per record, so a killed session loses at most the
 * turn in progress. */
#include "results.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "i18n.h"
#include "paths.h"
#include "util.h"

struct results {
	int fd;
	char *path;
	char attempt[64];
	char *err;
};

/* $XDG_DATA_HOME/waspada/results.jsonl */
char *
results_default_path(void)
{
	char *dir = paths_user_data(), *p = xasprintf("%s/results.jsonl", dir);

	free(dir);
	return p;
}

/* Open for appending; O_APPEND keeps each record whole even with two sessions at once. */
struct results *
results_open(const char *path, char **err)
{
	struct results *r;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	*err = NULL;
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (paths_mkdirs(dir) != 0) {
			*err = xasprintf(_("Your progress cannot be saved (%s: %s)."), dir, strerror(errno));
			free(dir);
			return NULL;
		}
	}
	free(dir);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf(_("Your progress cannot be saved (%s: %s)."), path, strerror(errno));
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->fd = fd;
	r->path = xstrdup(path);
	return r;
}

/* Close the results file. */
void
results_close(struct results *r)
{
	if (r == NULL)
		return;
	close(r->fd);
	free(r->path);
	free(r->err);
	free(r);
}

/* Write one record as a single line and push it to the disk. */
static bool
write_record(struct results *r, json_t *o)
{
	char *line = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	size_t len, off = 0;
	bool ok = true;

	json_decref(o);
	if (line == NULL)
		return false;
	len = strlen(line);
	line = xrealloc(line, len + 2);
	line[len++] = '\n';
	while (off < len) {
		ssize_t w = write(r->fd, line + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			ok = false;
			break;
		}
		off += (size_t)w;
	}
	if (ok && fsync(r->fd) != 0 && errno != EINVAL)
		ok = false;
	if (!ok && r->err == NULL)
		r->err = xasprintf(_("Your progress could not be saved (%s: %s)."), r->path,
				   strerror(errno ? errno : EIO));
	free(line);
	return ok;
}

/* The current time as an ISO 8601 UTC string. */
static json_t *
now_iso(void)
{
	char s[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

/* A record with the fields every record has. */
static json_t *
record(const struct results *r, const char *type)
{
	json_t *o = json_object();

	json_object_set_new(o, "v", json_integer(1));
	json_object_set_new(o, "type", json_string(type));
	json_object_set_new(o, "attempt", json_string(r->attempt));
	json_object_set_new(o, "time", now_iso());
	return o;
}

/* The first record of an attempt: what is being played, by whom (a nickname at most). */
bool
results_start(struct results *r, const struct play *p, const char *nickname, const char *class_code)
{
	json_t *o;

	snprintf(r->attempt, sizeof r->attempt, "%lld-%ld", (long long)time(NULL), (long)getpid());
	o = record(r, "start");
	json_object_set_new(o, "scenario", json_string(p->s->id));
	json_object_set_new(o, "version", json_integer(p->s->version));
	json_object_set_new(o, "lang", json_string(p->s->lang));
	json_object_set_new(o, "level", json_string(level_id(p->level)));
	if (nickname != NULL && *nickname != '\0')
		json_object_set_new(o, "nickname", json_string(nickname));
	if (class_code != NULL && *class_code != '\0')
		json_object_set_new(o, "class", json_string(class_code));
	return write_record(r, o);
}

/* An array of strings as JSON. */
static json_t *
strings(const char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* One answered question: the verdict, the answer and the mark. */
bool
results_turn(struct results *r, const struct play *p, const struct entry *e)
{
	json_t *o = record(r, "turn");

	json_object_set_new(o, "step", json_string(p->s->steps[e->step].id));
	json_object_set_new(o, "stage", json_string(stage_id(e->verdict.stage)));
	json_object_set_new(o, "categories", strings(e->verdict.categories, e->verdict.ncategories));
	json_object_set_new(o, "answer", strings(e->answer.picks, e->answer.n));
	json_object_set_new(o, "nothing", json_boolean(e->answer.nothing));
	json_object_set_new(o, "credit", json_real(e->mark.credit));
	json_object_set_new(o, "outcome", json_string(outcome_id(e->mark.outcome)));
	return write_record(r, o);
}

/* A reply choice the persona made. */
bool
results_choice(struct results *r, const struct play *p, const struct step *st, int choice)
{
	json_t *o = record(r, "choice");

	json_object_set_new(o, "step", json_string(st->id));
	json_object_set_new(o, "choice", json_integer(choice + 1));
	return write_record(r, o);
}

/* The attempt reached an ending: the scores per stage. */
bool
results_end(struct results *r, const struct play *p)
{
	json_t *o = record(r, "end"), *st = json_object();
	int i, pct;

	json_object_set_new(o, "ending", json_string(p->ending ? p->ending->id : ""));
	json_object_set_new(o, "duration", json_integer((json_int_t)(engine_now() - p->started)));
	pct = tally_percent(&p->tally);
	json_object_set_new(o, "score", pct < 0 ? json_null() : json_integer(pct));
	for (i = 0; i < STAGE_COUNT; i++) {
		int sp = tally_stage_percent(&p->tally, (enum stage)i);
		if (sp >= 0)
			json_object_set_new(st, stage_id((enum stage)i), json_integer(sp));
	}
	json_object_set_new(o, "stages", st);
	return write_record(r, o);
}

/* The sentence to show when saving failed, or NULL. */
const char *
results_error(const struct results *r)
{
	return r ? r->err : NULL;
}

/* This attempt's id. */
const char *
results_attempt(const struct results *r)
{
	return r->attempt;
}
