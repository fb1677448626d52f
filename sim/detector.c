/* detector: runs lua/detector.lua in its own sandboxed state and converts its verdicts. */
#include "detector.h"

#include <dirent.h>
#include <lauxlib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "i18n.h"
#include "lua-api.h"
#include "lua-sandbox.h"
#include "paths.h"
#include "util.h"

/* The detector is our own code, but a scenario may add signals to it, so it runs under the
 * same kind of budgets as a scenario (patterns are not bounded: its texts are long). */
#define DETECTOR_MEMORY (256u * 1024 * 1024)
#define DETECTOR_INSTRUCTIONS 200000000LL
#define DETECTOR_CPU_SECONDS 60   /* one call's CPU time before the watchdog stops it (tests: WASPADA_DETECTOR_SECONDS) */

struct detector {
	lua_State *L;
	int obj;                    /* registry ref of the detector object */
	int opts;                   /* registry ref of the options table detector_message refills */
	int module;                 /* registry ref of the module table */
	struct category *cats;
	size_t ncats;
	const char *stage_labels[STAGE_COUNT][2];
	struct arena arena;         /* categories and labels */
	char *error;                /* the last failed message's error */
	bool keep_features;         /* verdicts carry the model's features (detector_keep_features) */
	long seconds;               /* the watchdog: CPU seconds one call may take */
};

/* 0 for Indonesian, 1 for English (the two label slots). */
int
lang_index(const char *lang)
{
	return lang != NULL && strcmp(lang, "id") == 0 ? 0 : 1;
}

/* require(name) limited to DATADIR/lua/NAME.lua, loaded as text in this state. */
static int
det_require(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1), *p;
	char *path, *rel, *text;
	size_t len;

	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
			return luaL_error(L, "require: bad module name '%s'", name);
	lua_getfield(L, LUA_REGISTRYINDEX, "waspada.loaded");
	if (lua_getfield(L, -1, name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	rel = xstrdup(name);
	for (char *q = rel; *q != '\0'; q++)
		if (*q == '.')
			*q = '/';
	path = xasprintf("%s/lua/%s.lua", paths_data(), rel);
	free(rel);
	text = read_file(path, TREE_MAX_FILE, &len);
	if (text == NULL) {
		lua_pushfstring(L, "require: cannot read %s", path);
		free(path);
		return lua_error(L);
	}
	lua_pushfstring(L, "@%s", path);
	free(path);
	if (luaL_loadbufferx(L, text, len, lua_tostring(L, -1), "t") != LUA_OK) {
		free(text);
		return lua_error(L);
	}
	free(text);
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, -4, name);
	return 1;
}

/* qsort order for file names. */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Push an array of every lexicon file's content; false after diagnostics. */
static bool
push_lexicons(lua_State *L, const struct tree *extra, const char *extra_path, struct diags *d)
{
	char *dir = xasprintf("%s/lua/lexicon", paths_data());
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, errors = d->errors;
	int k = 0;

	if (dp == NULL) {
		diag_add(d, dir, 1, 1, DIAG_ERROR, D_READ, "%s",
			 _("cannot open the detector's lexicon folder; is Waspada installed?"));
		free(dir);
		return false;
	}
	while ((e = readdir(dp)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0) {
			GROW(names, cap, n + 1);
			names[n++] = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_names);
	lua_createtable(L, (int)n + 1, 0);
	for (i = 0; i < n; i++) {
		struct arena a = {0};
		struct tree *t = tree_load_yaml(&a, names[i], d);
		if (t != NULL) {
			lua_api_push_tree(L, t);
			lua_rawseti(L, -2, ++k);
		}
		arena_free(&a);
		free(names[i]);
	}
	free(names);
	free(dir);
	if (extra != NULL) {
		/* A scenario's `signals:` is a lexicon of its own with just signals. */
		lua_createtable(L, 0, 2);
		lua_api_push_tree(L, extra);
		lua_setfield(L, -2, "signals");
		lua_pushstring(L, extra_path ? extra_path : "scenario");
		lua_setfield(L, -2, "source");
		lua_rawseti(L, -2, ++k);
	}
	return d->errors == errors;
}

/* The detector runs only our own Lua (lua/detector.lua) over data, so it is not metered instruction
 * by instruction: Lua's count hook sends every instruction through a slow path, and cost 18 % of
 * `detect`'s time (docs/performance.md). A watchdog on the call's CPU time stops a call that runs
 * away instead, the way Lua's own lua.c stops a script at Ctrl-C: the signal handler only sets a
 * hook, and the hook raises the error inside Lua. */
static lua_State *volatile det_running;

/* The hook the watchdog (or a stop request) sets: every instruction from now on fails, so no pcall
 * inside can swallow it. */
static void
det_stop_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	if (util_stop_requested())
		luaL_error(L, "%s", _("stopped: the program is leaving"));
	luaL_error(L, "%s", _("the detector took too long on this message and was stopped"));
}

/* Stop the running call, if there is one (async-signal-safe: lua_sethook may be called so). */
static void
det_interrupt(void)
{
	lua_State *L = det_running;

	if (L != NULL)
		lua_sethook(L, det_stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* SIGVTALRM: the running call has used its CPU time. */
static void
det_watchdog(int sig)
{
	(void)sig;
	det_interrupt();
}

/* Call module.fn(args...) or obj:fn(args...) under the watchdog; false with the error on top. */
static bool
det_call(struct detector *det, int nargs, int nresults)
{
	struct itimerval on = {{0, 0}, {det->seconds, 0}}, off = {{0, 0}, {0, 0}};
	lua_State *outer = det_running;
	int rc;

	sandbox_arm(det->L);
	det_running = det->L;
	setitimer(ITIMER_VIRTUAL, &on, NULL);
	rc = lua_pcall(det->L, nargs, nresults, 0);
	setitimer(ITIMER_VIRTUAL, &off, NULL);
	det_running = outer;
	lua_sethook(det->L, NULL, 0, 0);   /* the watchdog's hook, had it fired */
	return rc == LUA_OK;
}

/* Copy a string field of the table at idx into the arena ("" when absent). */
static const char *
field_str(lua_State *L, int idx, const char *key, struct arena *a)
{
	const char *s;

	lua_getfield(L, idx, key);
	s = lua_type(L, -1) == LUA_TSTRING ? arena_strdup(a, lua_tostring(L, -1)) : "";
	lua_pop(L, 1);
	return s;
}

/* A label table {id=..., en=...} at field key of the table at idx, into out[2]. */
static void
field_labels(lua_State *L, int idx, const char *key, struct arena *a, const char *out[2])
{
	lua_getfield(L, idx, key);
	if (lua_type(L, -1) == LUA_TTABLE) {
		out[0] = field_str(L, -1, "id", a);
		out[1] = field_str(L, -1, "en", a);
	} else {
		out[0] = out[1] = lua_type(L, -1) == LUA_TSTRING ? arena_strdup(a, lua_tostring(L, -1)) : "";
	}
	lua_pop(L, 1);
}

/* Read detector.categories() and detector.stages() once. */
static bool
load_labels(struct detector *det, const char **err)
{
	lua_State *L = det->L;
	size_t i, n;

	lua_rawgeti(L, LUA_REGISTRYINDEX, det->module);
	lua_getfield(L, -1, "categories");
	if (!det_call(det, 0, 1)) {
		*err = lua_tostring(L, -1);
		return false;
	}
	n = lua_type(L, -1) == LUA_TTABLE ? lua_rawlen(L, -1) : 0;
	det->cats = arena_alloc(&det->arena, (n + 1) * sizeof(*det->cats));
	for (i = 0; i < n; i++) {
		struct category *c = &det->cats[det->ncats];
		lua_rawgeti(L, -1, (lua_Integer)i + 1);
		if (lua_type(L, -1) == LUA_TTABLE) {
			c->id = field_str(L, -1, "id", &det->arena);
			c->stage = stage_from_id(field_str(L, -1, "stage", &det->arena));
			field_labels(L, -1, "label", &det->arena, c->label);
			field_labels(L, -1, "hint", &det->arena, c->hint);
			if (c->stage < STAGE_NONE && c->id[0] != '\0')
				det->ncats++;
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_getfield(L, -1, "stages");
	if (!det_call(det, 0, 1)) {
		*err = lua_tostring(L, -1);
		return false;
	}
	n = lua_type(L, -1) == LUA_TTABLE ? lua_rawlen(L, -1) : 0;
	for (i = 0; i < n; i++) {
		lua_rawgeti(L, -1, (lua_Integer)i + 1);
		if (lua_type(L, -1) == LUA_TTABLE) {
			enum stage st = stage_from_id(field_str(L, -1, "id", &det->arena));
			if (st < STAGE_COUNT)
				field_labels(L, -1, "label", &det->arena, det->stage_labels[st]);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 2);
	/* Keep the seed's order of stages, whatever order the data lists categories in. */
	for (i = 1; i < det->ncats; i++) {
		struct category c = det->cats[i];
		size_t j = i;
		for (; j > 0 && det->cats[j - 1].stage > c.stage; j--)
			det->cats[j] = det->cats[j - 1];
		det->cats[j] = c;
	}
	return true;
}

/* Start the detector (see detector.h). */
struct detector *
detector_open(const struct tree *extra, const char *extra_path, struct diags *d)
{
	static const struct sandbox_limits lim = {
		.memory = DETECTOR_MEMORY,
		.instructions = DETECTOR_INSTRUCTIONS,
		.bound_patterns = false,
	};
	struct detector *det = xcalloc(1, sizeof(*det));
	const char *err = NULL;
	lua_State *L;

	det->L = L = sandbox_new(&lim);
	if (L == NULL)
		fatal("out of memory");
	lua_sethook(L, NULL, 0, 0);   /* no instruction count: det_call's watchdog instead */
	{
		const char *env = getenv("WASPADA_DETECTOR_SECONDS");
		long sec = env != NULL ? strtol(env, NULL, 10) : 0;
		det->seconds = sec >= 1 && sec <= 3600 ? sec : DETECTOR_CPU_SECONDS;
	}
	{
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = det_watchdog;
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGVTALRM, &sa, NULL);
	}
	util_set_stop_hook(det_interrupt);   /* Ctrl-C or SIGTERM while the detector works */
	lua_newtable(L);
	/* the C matcher and the learned model: WASPADA_MODEL=FILE reads another model (`make
	 * train` measuring a fold), WASPADA_MODEL=none runs the lexicon alone */
	{
		const char *env = getenv("WASPADA_MODEL");
		char *model = env != NULL ? xstrdup(strcmp(env, "none") == 0 ? "" : env)
					  : xasprintf("%s/lua/model/waspada.model", paths_data());
		lua_api_push_matcher(L, model);
		free(model);
		lua_setfield(L, -2, "detector.native");
	}
	lua_setfield(L, LUA_REGISTRYINDEX, "waspada.loaded");
	lua_register(L, "require", det_require);

	lua_pushcfunction(L, det_require);
	lua_pushliteral(L, "detector");
	if (!det_call(det, 1, 1)) {
		err = lua_tostring(L, -1);
		goto fail;
	}
	det->module = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_rawgeti(L, LUA_REGISTRYINDEX, det->module);
	lua_getfield(L, -1, "new");
	if (!push_lexicons(L, extra, extra_path, d)) {
		detector_close(det);
		return NULL;
	}
	if (!det_call(det, 1, 1)) {
		err = lua_tostring(L, -1);
		goto fail;
	}
	det->obj = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_createtable(L, 0, 2);
	det->opts = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pop(L, 1);
	if (!load_labels(det, &err))
		goto fail;
	return det;
fail:
	{
		const char *msg;
		char *where = xasprintf("%s/lua/detector.lua", paths_data());
		int line = sandbox_error_line(err ? err : "?", where, &msg);
		diag_add(d, where, line, 1, DIAG_ERROR, D_LUA, _("the detector could not start: %s"),
			 msg);
		free(where);
	}
	detector_close(det);
	return NULL;
}

/* Stop the detector and free its state. */
void
detector_close(struct detector *det)
{
	if (det == NULL)
		return;
	sandbox_close(det->L);
	arena_free(&det->arena);
	free(det->error);
	free(det);
}

/* Start a new conversation. */
void
detector_reset(struct detector *det)
{
	lua_State *L = det->L;

	lua_rawgeti(L, LUA_REGISTRYINDEX, det->obj);
	lua_getfield(L, -1, "reset");
	lua_insert(L, -2);
	if (!det_call(det, 1, 0))
		lua_pop(L, 1);
}

/* Copy an array of strings from field key of the table at idx. */
static const char **
field_strings(lua_State *L, int idx, const char *key, struct arena *a, size_t *n)
{
	const char **v = NULL;
	size_t i, len;

	*n = 0;
	lua_getfield(L, idx, key);
	if (lua_type(L, -1) == LUA_TTABLE) {
		len = lua_rawlen(L, -1);
		v = arena_alloc(a, (len + 1) * sizeof(*v));
		for (i = 0; i < len; i++) {
			lua_rawgeti(L, -1, (lua_Integer)i + 1);
			if (lua_type(L, -1) == LUA_TSTRING)
				v[(*n)++] = arena_strdup(a, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	return v;
}

/* Judge one message (see detector.h). */
bool
detector_message(struct detector *det, const char *speaker, const char *text, size_t len,
		 const char *lang, bool persona, struct verdict *out, const char **err)
{
	lua_State *L = det->L;
	int top = lua_gettop(L);
	size_t i, n;

	memset(out, 0, sizeof(*out));
	out->stage = STAGE_NONE;
	out->explanation = "";
	lua_rawgeti(L, LUA_REGISTRYINDEX, det->obj);
	lua_getfield(L, -1, "message");
	lua_insert(L, -2);
	lua_pushstring(L, speaker);
	lua_pushlstring(L, text, len);
	lua_rawgeti(L, LUA_REGISTRYINDEX, det->opts);   /* (Det:message keeps no reference to it) */
	lua_pushstring(L, lang);
	lua_setfield(L, -2, "lang");
	lua_pushboolean(L, persona);
	lua_setfield(L, -2, "persona");
	if (!det_call(det, 4, 1)) {
		/* kept in the detector, not in the verdict: callers skip a failed verdict entirely */
		free(det->error);
		det->error = xstrdup(lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
		*err = det->error;
		lua_settop(L, top);
		return false;
	}
	if (lua_type(L, -1) == LUA_TTABLE) {
		out->stage = stage_from_id(field_str(L, -1, "stage", &out->arena));
		if (out->stage == STAGE_COUNT)
			out->stage = STAGE_NONE;
		lua_getfield(L, -1, "confidence");
		out->confidence = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 0;
		lua_pop(L, 1);
		if (!(out->confidence >= 0))
			out->confidence = 0;
		if (out->confidence > 1)
			out->confidence = 1;
		out->categories = field_strings(L, -1, "categories", &out->arena, &out->ncategories);
		out->signals = field_strings(L, -1, "signals", &out->arena, &out->nsignals);
		out->explanation = field_str(L, -1, "explanation", &out->arena);
		if (det->keep_features) {
			lua_rawgeti(L, LUA_REGISTRYINDEX, det->obj);
			if (lua_getfield(L, -1, "last_features") == LUA_TSTRING)
				out->features = arena_strdup(&out->arena, lua_tostring(L, -1));
			lua_pop(L, 2);
		}
		lua_getfield(L, -1, "spans");
		if (lua_type(L, -1) == LUA_TTABLE) {
			n = lua_rawlen(L, -1);
			out->spans = arena_alloc(&out->arena, (n + 1) * sizeof(*out->spans));
			for (i = 0; i < n; i++) {
				lua_Integer s = 0, e = 0;
				lua_rawgeti(L, -1, (lua_Integer)i + 1);
				if (lua_type(L, -1) == LUA_TTABLE) {
					lua_rawgeti(L, -1, 1);
					lua_rawgeti(L, -2, 2);
					s = lua_tointeger(L, -2);
					e = lua_tointeger(L, -1);
					lua_pop(L, 2);
				}
				lua_pop(L, 1);
				/* Keep only spans inside the text: the screen highlights by them. */
				if (s >= 0 && e > s && (size_t)e <= len) {
					out->spans[out->nspans].start = (size_t)s;
					out->spans[out->nspans].end = (size_t)e;
					out->nspans++;
				}
			}
		}
		lua_pop(L, 1);
	}
	lua_settop(L, top);
	return true;
}

/* Call obj:method(args on the stack) with nargs arguments and nresults results. */
static bool
det_method(struct detector *det, const char *method, int nargs, int nresults)
{
	lua_State *L = det->L;

	lua_rawgeti(L, LUA_REGISTRYINDEX, det->obj);
	lua_getfield(L, -1, method);
	lua_insert(L, -2 - nargs); /* function below the arguments */
	lua_insert(L, -1 - nargs); /* the object as the first argument */
	return det_call(det, nargs + 1, nresults);
}

/* Tell the detector who a scenario's contacts are: their `role:` always decides (Det:set_role). */
void
detector_scenario_roles(struct detector *det, const struct scenario *s)
{
	lua_State *L = det->L;

	if (!det_method(det, "clear_roles", 0, 0))
		lua_pop(L, 1);
	for (size_t i = 0; i < s->ncontacts; i++) {
		const struct contact *c = &s->contacts[i];
		if (c->role == NULL || c->name == NULL)
			continue;
		lua_pushstring(L, c->name);
		lua_pushstring(L, c->role);
		lua_pushstring(L, s->lang);
		if (!det_method(det, "set_role", 3, 0))
			lua_pop(L, 1); /* the error: a role the detector cannot read is no role */
	}
}

/* Ask the Lua detector to keep every message's features (see detector.h). */
void
detector_keep_features(struct detector *det)
{
	lua_State *L = det->L;

	lua_rawgeti(L, LUA_REGISTRYINDEX, det->obj);
	lua_pushboolean(L, 1);
	lua_setfield(L, -2, "keep_features");
	lua_pop(L, 1);
	det->keep_features = true;
}

/* The signal in a scenario's `signals:` list with this id, or NULL. */
static const struct tree *
find_signal(const struct tree *signals, const char *id, size_t idlen)
{
	size_t i;

	for (i = 0; signals->kind == TREE_SEQ && i < signals->n; i++) {
		const struct tree *sid = tree_get(signals->items[i], "id");
		if (sid != NULL && sid->kind == TREE_SCALAR && strlen(sid->str) == idlen &&
		    strncmp(sid->str, id, idlen) == 0)
			return signals->items[i];
	}
	return NULL;
}

/* Where a problem the detector reports about one of a scenario's signals is: the pattern it
 * names, else the signal. */
static const struct tree *
problem_place(const struct tree *sig, const char *problem)
{
	const char *text = strstr(problem, ": pattern has no words: ");
	const struct tree *pats = tree_get(sig, "patterns");
	size_t i;

	if (text == NULL || pats == NULL)
		return sig;
	text += strlen(": pattern has no words: ");
	if (pats->kind == TREE_SCALAR)
		return pats;
	for (i = 0; pats->kind == TREE_SEQ && i < pats->n; i++) {
		const char *p = pats->items[i]->str;
		if (p != NULL && (strcmp(p, text) == 0 || (p[0] == '^' && strcmp(p + 1, text) == 0)))
			return pats->items[i];
	}
	return sig;
}

/* Report, as warnings at their place, what the detector could not use of a scenario's own
 * `signals:` (an unknown category, a pattern without a word): otherwise such a signal would
 * silently do nothing. */
void
detector_check_signals(struct detector *det, const struct tree *signals, const char *path,
		       struct diags *d)
{
	lua_State *L = det->L;
	int top = lua_gettop(L);
	lua_Integer i, n;

	if (signals == NULL || !det_method(det, "all_problems", 0, 1)) {
		lua_settop(L, top);
		return;
	}
	n = lua_type(L, -1) == LUA_TTABLE ? (lua_Integer)lua_rawlen(L, -1) : 0;
	for (i = 1; i <= n; i++) {
		const char *p, *colon;
		const struct tree *sig, *at;
		lua_Integer j;
		bool seen = false;
		lua_rawgeti(L, -1, i);
		p = lua_tostring(L, -1);
		for (j = 1; p != NULL && j < i && !seen; j++) { /* each language reports it: once is enough */
			lua_rawgeti(L, -2, j);
			seen = lua_tostring(L, -1) != NULL && strcmp(lua_tostring(L, -1), p) == 0;
			lua_pop(L, 1);
		}
		if (!seen && p != NULL && strncmp(p, "signal ", 7) == 0 && (colon = strchr(p + 7, ':')) != NULL &&
		    (sig = find_signal(signals, p + 7, (size_t)(colon - p - 7))) != NULL) {
			at = problem_place(sig, p);
			diag_add(d, path, at->line, at->col, DIAG_WARNING, D_SIGNAL,
				 _("the detector cannot use this: %s"), p);
		}
		lua_pop(L, 1);
	}
	lua_settop(L, top);
}

/* Keep the conversation state (see detector.h). */
int
detector_snapshot(struct detector *det)
{
	if (!det_method(det, "snapshot", 0, 1)) {
		lua_pop(det->L, 1);
		return 0;
	}
	return luaL_ref(det->L, LUA_REGISTRYINDEX);
}

/* Go back to a kept state. */
bool
detector_restore(struct detector *det, int snap)
{
	lua_rawgeti(det->L, LUA_REGISTRYINDEX, snap);
	if (!det_method(det, "restore", 1, 0)) {
		lua_pop(det->L, 1);
		return false;
	}
	return true;
}

/* Forget a kept state. */
void
detector_drop(struct detector *det, int snap)
{
	if (snap > 0)
		luaL_unref(det->L, LUA_REGISTRYINDEX, snap);
}

/* Free a verdict's memory. */
void
verdict_free(struct verdict *v)
{
	arena_free(&v->arena);
	memset(v, 0, sizeof(*v));
}

/* Ask the detector which language a conversation is in. */
const char *
detector_guess_lang(struct detector *det, const char *const *texts, size_t n)
{
	lua_State *L = det->L;
	const char *lang = "en";
	size_t i;

	lua_rawgeti(L, LUA_REGISTRYINDEX, det->module);
	lua_getfield(L, -1, "guess_lang");
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, texts[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	if (det_call(det, 1, 1) && lua_type(L, -1) == LUA_TSTRING &&
	    strcmp(lua_tostring(L, -1), "id") == 0)
		lang = "id";
	lua_pop(L, 2);
	return lang;
}

/* The categories the learner chooses from. */
const struct category *
detector_categories(struct detector *det, size_t *n)
{
	*n = det->ncats;
	return det->cats;
}

/* A stage's name for learners. */
const char *
detector_stage_label(struct detector *det, enum stage st, const char *lang)
{
	const char *s = st < STAGE_COUNT ? det->stage_labels[st][lang_index(lang)] : NULL;

	return s != NULL && *s != '\0' ? s : stage_id(st);
}
