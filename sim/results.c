/* results: append-only JSON Lines, fsync'd per record, so a killed session loses at most the
 * turn in progress. */
#include "results.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "paths.h"
#include "util.h"

#define RESULTS_MAX_LINE (64 * 1024) /* bytes in one record line; longer lines are damage */

struct results {
	int fd;
	char *path;
	char attempt[64];
	char *err;
};

/* $WASPADA_RESULTS if set (a teacher's shared folder, or tests), else
 * $XDG_DATA_HOME/waspada/results.jsonl; NULL when neither that nor HOME is set. */
char *
results_default_path(void)
{
	const char *env = getenv("WASPADA_RESULTS");
	char *dir, *p;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	dir = paths_user_data();
	if (dir == NULL)
		return NULL;
	p = xasprintf("%s/results.jsonl", dir);
	free(dir);
	return p;
}

/* Open for appending; O_APPEND keeps each record whole even with two sessions at once. */
struct results *
results_open(const char *path, char **err)
{
	struct results *r;
	char *dir, *slash;
	int fd;

	*err = NULL;
	if (path == NULL) {
		*err = xstrdup(_("Your progress cannot be saved: HOME is not set (set HOME or "
				 "XDG_DATA_HOME to your own folder)."));
		return NULL;
	}
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (paths_mkdirs(dir) != 0) {
			*err = xasprintf(_("Your progress cannot be saved (%s: %s)."), dir, strerror(errno));
			free(dir);
			return NULL;
		}
	}
	free(dir);
	/* Never through a symlink: a planted link would make the learner append to any file. */
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == ELOOP) {
		*err = xasprintf(_("Your progress cannot be saved: %s is a symbolic link, and results "
				   "are never written through one."), path);
		return NULL;
	}
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
results_start(struct results *r, const struct results_begin *b)
{
	json_t *o;

	snprintf(r->attempt, sizeof r->attempt, "%lld-%ld", (long long)time(NULL), (long)getpid());
	o = record(r, "start");
	json_object_set_new(o, "scenario", json_string(b->scenario));
	json_object_set_new(o, "version", json_integer(b->version));
	json_object_set_new(o, "lang", json_string(b->lang));
	json_object_set_new(o, "level", json_string(b->level));
	if (b->nickname != NULL && *b->nickname != '\0')
		json_object_set_new(o, "nickname", json_string(b->nickname));
	if (b->class_code != NULL && *b->class_code != '\0')
		json_object_set_new(o, "class", json_string(b->class_code));
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
results_turn(struct results *r, const char *step, const struct key *key, const struct answer *a,
	     const struct mark *m)
{
	json_t *o = record(r, "turn");

	json_object_set_new(o, "step", json_string(step));
	json_object_set_new(o, "stage", json_string(stage_id(key->stage)));
	json_object_set_new(o, "categories", strings(key->need, key->nneed));
	if (key->nalso > 0)
		json_object_set_new(o, "also", strings(key->also, key->nalso));
	json_object_set_new(o, "answer", strings(a->picks, a->n));
	json_object_set_new(o, "nothing", json_boolean(a->nothing));
	json_object_set_new(o, "credit", json_real(m->credit));
	json_object_set_new(o, "outcome", json_string(outcome_id(m->outcome)));
	return write_record(r, o);
}

/* A reply choice the persona made. */
bool
results_choice(struct results *r, const char *step, int choice)
{
	json_t *o = record(r, "choice");

	json_object_set_new(o, "step", json_string(step));
	json_object_set_new(o, "choice", json_integer(choice + 1));
	return write_record(r, o);
}

/* The attempt reached an ending: the scores per stage. */
bool
results_end(struct results *r, const char *ending, double seconds, const struct tally *t)
{
	json_t *o = record(r, "end"), *st = json_object();
	int i, pct;

	json_object_set_new(o, "ending", json_string(ending));
	json_object_set_new(o, "duration", json_integer((json_int_t)seconds));
	pct = tally_percent(t);
	json_object_set_new(o, "score", pct < 0 ? json_null() : json_integer(pct));
	for (i = 0; i < STAGE_COUNT; i++) {
		int sp = tally_stage_percent(t, (enum stage)i);
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

/* Where this file's attempts are in the set, by id: a hash of positions (plus one; 0 is
 * empty), so finding an attempt is O(1) whatever the number of attempts (a linear search made
 * 61,000 attempts take 27 s). */
struct attempt_index {
	size_t *slot, cap, n;
};

/* The slot for id: its attempt's, or the empty one where it would go. */
static size_t *
index_slot(struct attempt_index *ix, const struct results_set *set, const char *id)
{
	size_t h = util_hash(id) & (ix->cap - 1);

	while (ix->slot[h] != 0 && strcmp(set->v[ix->slot[h] - 1].id, id) != 0)
		h = (h + 1) & (ix->cap - 1);
	return &ix->slot[h];
}

/* The attempt with this id in this file, or a new one. */
static struct attempt *
find_attempt(struct results_set *set, struct attempt_index *ix, const char *id, const char *file,
	     size_t *cap)
{
	size_t i, *slot;
	struct attempt *at;

	if (2 * (ix->n + 1) > ix->cap) {
		struct attempt_index bigger = {xcalloc(ix->cap ? 2 * ix->cap : 64, sizeof(size_t)),
					       ix->cap ? 2 * ix->cap : 64, ix->n};
		for (i = 0; i < ix->cap; i++)
			if (ix->slot[i] != 0)
				*index_slot(&bigger, set, set->v[ix->slot[i] - 1].id) = ix->slot[i];
		free(ix->slot);
		*ix = bigger;
	}
	slot = index_slot(ix, set, id);
	if (*slot != 0)
		return &set->v[*slot - 1];
	GROW(set->v, *cap, set->n + 1);
	at = &set->v[set->n++];
	memset(at, 0, sizeof(*at));
	at->id = arena_strdup(&set->arena, id);
	at->file = file;
	at->score = -1;
	for (i = 0; i < STAGE_COUNT; i++)
		at->stage_score[i] = -1;
	*slot = set->n;
	ix->n++;
	return at;
}

/* Room for one more item in an array of n items that grows by doubling: its capacity is the
 * next power of two, so no count is kept beside it (the arrays are freed with the set). */
static void *
grow(void *v, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		v = xreallocarray(v, n ? 2 * n : 4, size);
	return v;
}

/* Append an event to an attempt. */
static void
add_event(struct attempt *at, const struct record_event *ev)
{
	at->events = grow(at->events, at->nevents, sizeof(*at->events));
	at->events[at->nevents++] = *ev;
}

/* Whether key, when it is an integer, lies in [lo, hi] (an integer out of range would overflow
 * or be cut short when kept: a score of 4294967297 became 1). */
static bool
int_in_range(json_t *o, const char *key, json_int_t lo, json_int_t hi)
{
	json_t *v = json_object_get(o, key);

	return !json_is_integer(v) || (json_integer_value(v) >= lo && json_integer_value(v) <= hi);
}

/* Whether every number a record carries is in its range (else the line counts as damaged). */
static bool
record_in_range(json_t *o)
{
	json_t *st = json_object_get(o, "stages"), *v = json_object_get(o, "credit");
	const char *k;

	if (!int_in_range(o, "version", 0, 1000000) || !int_in_range(o, "choice", 1, 100000) ||
	    !int_in_range(o, "duration", 0, 100L * 365 * 24 * 3600) || !int_in_range(o, "score", 0, 100))
		return false;
	if (json_is_number(v) && !(json_number_value(v) >= 0 && json_number_value(v) <= 1))
		return false;
	json_object_foreach(st, k, v)
		if (json_is_integer(v) && (json_integer_value(v) < 0 || json_integer_value(v) > 100))
			return false;
	return true;
}

/* Take in one parsed record. */
static void
take_record(struct results_set *set, struct attempt_index *ix, json_t *o, const char *file,
	    size_t *cap)
{
	struct arena *a = &set->arena;
	const char *type = json_string_value(json_object_get(o, "type"));
	const char *id = json_string_value(json_object_get(o, "attempt"));
	struct attempt *at;
	struct record_event ev = {0};

	if (type == NULL || id == NULL)
		return;
	at = find_attempt(set, ix, id, file, cap);
	if (strcmp(type, "start") == 0) {
		at->scenario = jstr(a, o, "scenario");
		at->lang = jstr(a, o, "lang");
		at->level = jstr(a, o, "level");
		at->nickname = jstr(a, o, "nickname");
		at->class_code = jstr(a, o, "class");
		at->started = jstr(a, o, "time");
		at->version = (int)json_integer_value(json_object_get(o, "version"));
	} else if (strcmp(type, "turn") == 0) {
		struct record_turn *t;
		at->turns = grow(at->turns, at->nturns, sizeof(*at->turns));
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
			add_event(at, &ev);
	} else if (strcmp(type, "choice") == 0) {
		ev.is_choice = true;
		ev.step = jstr(a, o, "step");
		ev.choice = (int)json_integer_value(json_object_get(o, "choice")) - 1;
		if (ev.step != NULL && ev.choice >= 0)
			add_event(at, &ev);
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

/* Read one line (with its newline) into b, keeping at most max bytes: the rest of a longer
 * line is read and dropped, and *too_long says so (a 500 MB line is never held). Returns the
 * bytes kept, or -1 at the end of the file. */
static long
read_line(FILE *f, struct buf *b, size_t max, bool *too_long)
{
	int c;

	b->len = 0;
	*too_long = false;
	while ((c = getc_unlocked(f)) != EOF) {
		if (b->len < max) {
			char ch = (char)c;
			buf_add(b, &ch, 1);
		} else {
			*too_long = true;
		}
		if (c == '\n')
			break;
	}
	if (c == EOF && b->len == 0 && !*too_long)
		return -1;
	return (long)b->len;
}

/* Read a results file, keeping every good record (see results.h). */
bool
results_read(struct results_set *set, const char *path, struct diags *d)
{
	FILE *f = fopen_regular(path);
	struct buf line = {0};
	struct attempt_index ix = {NULL, 0, 0};
	size_t cap = set->n, bad = 0;
	bool too_long;
	long n;
	long lineno = 0;
	const char *file;

	/* Only a regular file has an end: a device such as /dev/zero would be read forever, and
	 * opening a FIFO would wait for a writer. */
	if (f == NULL && errno == EINVAL) {
		diag_add(d, path, 1, 1, DIAG_ERROR, D_READ, "%s", _("this is not a results file"));
		return false;
	}
	if (f == NULL) {
		diag_add(d, path, 1, 1, DIAG_ERROR, D_READ, _("cannot read the file: %s"), strerror(errno));
		return false;
	}
	file = arena_strdup(&set->arena, path);
	while ((n = read_line(f, &line, RESULTS_MAX_LINE, &too_long)) >= 0) {
		json_error_t err;
		json_t *o = NULL;
		const char *why = NULL;
		lineno++;
		if (n == 0 || (n == 1 && line.s[0] == '\n'))
			continue;
		if (too_long)
			why = _("this line is too long to be a record; skipped");
		else if (line.s[n - 1] != '\n')
			why = _("the last record is incomplete; skipped"); /* the session was killed mid-write */
		else if ((o = json_loadb(line.s, (size_t)n, JSON_REJECT_DUPLICATES, &err)) == NULL ||
			 !json_is_object(o)) /* (json_is_object names its argument twice) */
			why = _("this line is damaged; skipped");
		else if (!record_in_range(o))
			why = _("a number on this line is out of range; skipped");
		if (why != NULL) {
			if (bad++ < 10)
				diag_add(d, path, lineno > INT_MAX ? INT_MAX : (int)lineno, 1, DIAG_WARNING,
					 D_DAMAGED, "%s", why);
			json_decref(o);
			continue;
		}
		take_record(set, &ix, o, file, &cap);
		json_decref(o);
	}
	if (bad > 10)
		diag_add(d, path, lineno > INT_MAX ? INT_MAX : (int)lineno, 1, DIAG_WARNING, D_DAMAGED,
			 _("%zu damaged lines in all; the good records are kept"), bad);
	buf_free(&line);
	free(ix.slot);
	fclose(f);
	return true;
}

/* Free what results_read kept. */
void
results_set_free(struct results_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].turns);
		free(set->v[i].events);
	}
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
