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
#include <sys/stat.h>
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

/* $WASPADA_RESULTS if set (a teacher's shared folder, or tests), else
 * $XDG_DATA_HOME/waspada/results.jsonl. */
char *
results_default_path(void)
{
	const char *env = getenv("WASPADA_RESULTS");
	char *dir, *p;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	dir = paths_user_data();
	p = xasprintf("%s/results.jsonl", dir);
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
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf(_("Your progress cannot be saved (%s: %s)."), path, strerror(errno));
		return NULL;
	}
	/* A session killed mid-write leaves a torn last line: end it, so the next record starts on
	 * a line of its own and only the torn one is lost. */
	{
		char last;
		off_t end = lseek(fd, 0, SEEK_END);
		if (end > 0 && pread(fd, &last, 1, end - 1) == 1 && last != '\n')
			(void)!write(fd, "\n", 1); /* a failure shows at the first record's write */
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

/* One answered question: its key (the signs to find, and the others the detector sees), the
 * answer and the mark. */
bool
results_turn(struct results *r, const struct play *p, const struct entry *e)
{
	json_t *o = record(r, "turn");

	json_object_set_new(o, "step", json_string(p->s->steps[e->step].id));
	json_object_set_new(o, "stage", json_string(stage_id(e->key.stage)));
	json_object_set_new(o, "categories", strings(e->key.need, e->key.nneed));
	if (e->key.nalso > 0)
		json_object_set_new(o, "also", strings(e->key.also, e->key.nalso));
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

/* Continue an existing attempt: its later records carry the same id. */
void
results_continue(struct results *r, const char *attempt)
{
	snprintf(r->attempt, sizeof r->attempt, "%s", attempt);
}

/* A string field copied into the arena, or NULL. */
static const char *
jstr(struct arena *a, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

/* An array of strings copied into the arena. */
static const char **
jstrings(struct arena *a, json_t *o, const char *key, size_t *n)
{
	json_t *v = json_object_get(o, key), *x;
	const char **out;
	size_t i;

	*n = 0;
	if (!json_is_array(v))
		return NULL;
	out = arena_alloc(a, (json_array_size(v) + 1) * sizeof(*out));
	json_array_foreach(v, i, x)
		if (json_is_string(x))
			out[(*n)++] = arena_strdup(a, json_string_value(x));
	return out;
}

/* The attempt with this id in set, or a new one. */
static struct attempt *
find_attempt(struct results_set *set, const char *id, const char *file, size_t *cap)
{
	size_t i;
	struct attempt *at;

	for (i = set->n; i-- > 0;)
		if (strcmp(set->v[i].id, id) == 0 && strcmp(set->v[i].file, file) == 0)
			return &set->v[i];
	if (set->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		set->v = xrealloc(set->v, *cap * sizeof(*set->v));
	}
	at = &set->v[set->n++];
	memset(at, 0, sizeof(*at));
	at->id = arena_strdup(&set->arena, id);
	at->file = file;
	at->score = -1;
	for (i = 0; i < STAGE_COUNT; i++)
		at->stage_score[i] = -1;
	return at;
}

/* Append an event to an attempt (arrays grow in the arena: fine for a few hundred turns). */
static void
add_event(struct arena *a, struct attempt *at, const struct record_event *ev)
{
	struct record_event *v = arena_alloc(a, (at->nevents + 1) * sizeof(*v));

	if (at->nevents > 0)
		memcpy(v, at->events, at->nevents * sizeof(*v));
	v[at->nevents++] = *ev;
	at->events = v;
}

/* Take in one parsed record. */
static void
take_record(struct results_set *set, json_t *o, const char *file, size_t *cap)
{
	struct arena *a = &set->arena;
	const char *type = json_string_value(json_object_get(o, "type"));
	const char *id = json_string_value(json_object_get(o, "attempt"));
	struct attempt *at;
	struct record_event ev = {0};

	if (type == NULL || id == NULL)
		return;
	at = find_attempt(set, id, file, cap);
	if (strcmp(type, "start") == 0) {
		at->scenario = jstr(a, o, "scenario");
		at->lang = jstr(a, o, "lang");
		at->level = jstr(a, o, "level");
		at->nickname = jstr(a, o, "nickname");
		at->class_code = jstr(a, o, "class");
		at->started = jstr(a, o, "time");
		at->version = (int)json_integer_value(json_object_get(o, "version"));
	} else if (strcmp(type, "turn") == 0) {
		struct record_turn *t = arena_alloc(a, (at->nturns + 1) * sizeof(*t));
		if (at->nturns > 0)
			memcpy(t, at->turns, at->nturns * sizeof(*t));
		at->turns = t;
		t = &at->turns[at->nturns];
		t->step = jstr(a, o, "step");
		t->stage = stage_from_id(json_string_value(json_object_get(o, "stage")));
		if (t->stage == STAGE_COUNT)
			t->stage = STAGE_NONE;
		t->categories = jstrings(a, o, "categories", &t->ncategories);
		t->answer = jstrings(a, o, "answer", &t->nanswer);
		t->nothing = json_is_true(json_object_get(o, "nothing"));
		t->credit = json_number_value(json_object_get(o, "credit"));
		ev.step = t->step;
		ev.turn = at->nturns++;
		if (ev.step != NULL)
			add_event(a, at, &ev);
	} else if (strcmp(type, "choice") == 0) {
		ev.is_choice = true;
		ev.step = jstr(a, o, "step");
		ev.choice = (int)json_integer_value(json_object_get(o, "choice")) - 1;
		if (ev.step != NULL && ev.choice >= 0)
			add_event(a, at, &ev);
	} else if (strcmp(type, "end") == 0) {
		json_t *st = json_object_get(o, "stages"), *v;
		const char *k;
		at->finished = true;
		at->ending = jstr(a, o, "ending");
		at->duration = (long)json_integer_value(json_object_get(o, "duration"));
		v = json_object_get(o, "score");
		at->score = json_is_integer(v) ? (int)json_integer_value(v) : -1;
		json_object_foreach(st, k, v) {
			enum stage s = stage_from_id(k);
			if (s < STAGE_COUNT && json_is_integer(v))
				at->stage_score[s] = (int)json_integer_value(v);
		}
	}
}

/* Read a results file, keeping every good record (see results.h). */
bool
results_read(struct results_set *set, const char *path, struct diags *d)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t linecap = 0, cap = set->n, bad = 0;
	ssize_t n;
	long lineno = 0;
	const char *file;
	struct stat st;

	if (f == NULL) {
		diag_add(d, path, 1, 1, DIAG_ERROR, D_READ, _("cannot read the file: %s"), strerror(errno));
		return false;
	}
	/* Only a regular file has an end: a device such as /dev/zero would be read forever. */
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add(d, path, 1, 1, DIAG_ERROR, D_READ, "%s", _("this is not a results file"));
		fclose(f);
		return false;
	}
	file = arena_strdup(&set->arena, path);
	while ((n = getline(&line, &linecap, f)) >= 0) {
		json_error_t err;
		json_t *o;
		lineno++;
		if (n == 0 || (n == 1 && line[0] == '\n'))
			continue;
		o = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &err);
		if (!json_is_object(o) || line[n - 1] != '\n') {
			/* A torn last line (the session was killed mid-write) or damage: skip it. */
			if (bad++ < 10)
				diag_add(d, path, (int)lineno, 1, DIAG_WARNING, D_DAMAGED,
					 "%s", line[n - 1] != '\n' ? _("the last record is incomplete; skipped")
								   : _("this line is damaged; skipped"));
			json_decref(o);
			continue;
		}
		take_record(set, o, file, &cap);
		json_decref(o);
	}
	if (bad > 10)
		diag_add(d, path, (int)lineno, 1, DIAG_WARNING, D_DAMAGED,
			 _("%zu damaged lines in all; the good records are kept"), bad);
	free(line);
	fclose(f);
	return true;
}

/* Free what results_read kept. */
void
results_set_free(struct results_set *set)
{
	free(set->v);
	arena_free(&set->arena);
	memset(set, 0, sizeof(*set));
}

/* The newest attempt at this scenario that has no end record. */
const struct attempt *
results_unfinished(const struct results_set *set, const char *scenario, const char *lang)
{
	size_t i;

	for (i = set->n; i-- > 0;) {
		const struct attempt *at = &set->v[i];
		if (at->scenario != NULL && at->lang != NULL && strcmp(at->scenario, scenario) == 0 &&
		    strcmp(at->lang, lang) == 0)
			return at->finished || at->nevents == 0 ? NULL : at;
	}
	return NULL;
}
