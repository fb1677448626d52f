/* lua-api: binds the scenario API for Lua files (scenario, message, choice, ending), turns
 * the tables a script builds into the same located tree the YAML loader makes, and binds the
 * detector's C matcher (module detector.native). */
#include "lua-api.h"

#include <ctype.h>
#include <errno.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lua-sandbox.h"
#include "matcher.h"
#include "model.h"
#include "model.h"

/* Registry keys (their addresses are unique). */
static char lines_key;     /* weak table: constructed table -> source line */
static char scenario_key;  /* the table given to scenario{} */

#define LUA_SCENARIO_MEMORY (32u * 1024 * 1024)
#define LUA_SCENARIO_INSTRUCTIONS 20000000LL

/* Remember the line of the Lua code that built table t (at index 1). */
static void
mark_line(lua_State *L)
{
	lua_Debug ar;
	int line = 0;

	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
		line = ar.currentline;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &lines_key);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, line);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

/* message{...}, choice{...}, ending{...}, contact{...}: mark the table's line and return it. */
static int
api_mark(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	mark_line(L);
	return 1;
}

/* scenario{...}: the scenario this file describes (once). */
static int
api_scenario(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &scenario_key) != LUA_TNIL)
		return luaL_error(L, "%s", _("scenario{} may only be called once per file"));
	lua_pop(L, 1);
	mark_line(L);
	lua_pushvalue(L, 1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &scenario_key);
	return 1;
}

struct conv {
	lua_State *L;
	struct arena *a;
	const char *path;
	struct diags *d;
	size_t nodes;
	bool failed;
};

/* The marked line of the table at idx, or fallback. */
static int
table_line(lua_State *L, int idx, int fallback)
{
	int line = fallback;

	idx = lua_absindex(L, idx);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &lines_key);
	lua_pushvalue(L, idx);
	if (lua_rawget(L, -2) == LUA_TNUMBER)
		line = (int)lua_tointeger(L, -1);
	lua_pop(L, 2);
	return line;
}

/* A fresh node counted against the same limits as YAML's. */
static struct tree *
conv_node(struct conv *c, enum tree_kind kind, int line)
{
	struct tree *t;

	if (++c->nodes > TREE_MAX_NODES) {
		if (!c->failed)
			diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_LIMIT, "%s",
				 _("the scenario has too many values (the limit is 200000)"));
		c->failed = true;
		return NULL;
	}
	t = arena_alloc(c->a, sizeof(*t));
	t->kind = kind;
	t->line = line;
	t->col = 1;
	return t;
}

/* A scalar node from text, checked for UTF-8 like a YAML file. */
static struct tree *
conv_scalar(struct conv *c, const char *s, size_t n, bool quoted, int line)
{
	struct tree *t;

	if (n > TREE_MAX_SCALAR) {
		diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_TOO_BIG, "%s",
			 _("this text is too long (the limit is 64 KiB)"));
		c->failed = true;
		return NULL;
	}
	if (utf8_valid_prefix(s, n) != n || memchr(s, '\0', n) != NULL) {
		diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_UTF8, "%s",
			 _("this text is not valid UTF-8"));
		c->failed = true;
		return NULL;
	}
	if ((t = conv_node(c, TREE_SCALAR, line)) == NULL)
		return NULL;
	t->str = arena_strndup(c->a, s, n);
	t->quoted = quoted;
	return t;
}

/* qsort order of two map fields (key, value pairs) by key. */
static int
field_cmp(const void *a, const void *b)
{
	const struct tree *const *x = a, *const *y = b;

	return strcmp(x[0]->str, y[0]->str);
}

static struct tree *conv_value(struct conv *c, int idx, int line, int depth);

/* A string, number or boolean at idx as a scalar; any other type is an error. */
static struct tree *
conv_leaf(struct conv *c, int idx, int line)
{
	lua_State *L = c->L;
	char num[64];
	size_t n;
	const char *s;

	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		s = lua_tolstring(L, idx, &n);
		return conv_scalar(c, s, n, true, line);
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx))
			snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, idx));
		else
			snprintf(num, sizeof num, "%.14g", (double)lua_tonumber(L, idx));
		return conv_scalar(c, num, strlen(num), false, line);
	case LUA_TBOOLEAN:
		s = lua_toboolean(L, idx) ? "true" : "false";
		return conv_scalar(c, s, strlen(s), false, line);
	default:
		diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_TYPE,
			 _("a %s cannot be part of a scenario; use text, numbers, true/false or tables"),
			 luaL_typename(L, idx));
		c->failed = true;
		return NULL;
	}
}

/* The table at idx with the keys 1..n as a list. */
static struct tree *
conv_list(struct conv *c, int idx, size_t n, int line, int depth)
{
	lua_State *L = c->L;
	struct tree *t;
	size_t i;

	if ((t = conv_node(c, TREE_SEQ, line)) == NULL)
		return NULL;
	t->items = arena_alloc(c->a, (n + 1) * sizeof(*t->items));
	for (i = 0; i < n; i++) {
		lua_rawgeti(L, idx, (lua_Integer)i + 1);
		t->items[i] = conv_value(c, -1, line, depth + 1);
		lua_pop(L, 1);
		if (t->items[i] == NULL)
			return NULL;
	}
	t->n = n;
	return t;
}

/* The table at idx with its keys (all of them names) as a map, its fields sorted by name. */
static struct tree *
conv_map(struct conv *c, int idx, size_t keys, int line, int depth)
{
	lua_State *L = c->L;
	struct tree *t;
	size_t n;
	const char *s;

	if ((t = conv_node(c, TREE_MAP, line)) == NULL)
		return NULL;
	t->items = arena_alloc(c->a, (2 * keys + 1) * sizeof(*t->items));
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		struct tree *k, *v;
		if (lua_type(L, -2) != LUA_TSTRING) {
			diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_TYPE, "%s",
				 _("a table mixes a list with named fields; keep lists and fields apart"));
			c->failed = true;
			lua_pop(L, 2);
			return NULL;
		}
		s = lua_tolstring(L, -2, &n);
		k = conv_scalar(c, s, n, false, line);
		v = k ? conv_value(c, -1, line, depth + 1) : NULL;
		lua_pop(L, 1);
		if (v == NULL) {
			lua_pop(L, 1);
			return NULL;
		}
		t->items[2 * t->n] = k;
		t->items[2 * t->n + 1] = v;
		t->n++;
	}
	/* Lua tables have no order: sort fields by name so output and messages are stable
	 * (qsort: a table of 99,000 fields took 100 s with an insertion sort). */
	if (t->n > 1)
		qsort(t->items, t->n, 2 * sizeof(*t->items), field_cmp);
	return t;
}

/* Convert the Lua value at idx, recursively. */
static struct tree *
conv_value(struct conv *c, int idx, int line, int depth)
{
	lua_State *L = c->L;
	size_t n, keys = 0;
	bool named = false;

	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE)
		return conv_leaf(c, idx, line);
	if (depth > TREE_MAX_DEPTH) {
		diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_LIMIT, "%s",
			 _("tables nested too deeply (the limit is 64 levels; is a table inside itself?)"));
		c->failed = true;
		return NULL;
	}
	line = table_line(L, idx, line);
	n = lua_rawlen(L, idx);
	/* A table with only the keys 1..n is a list; anything else must be a map of names. */
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		keys++;
		if (lua_type(L, -2) == LUA_TSTRING)
			named = true;
		lua_pop(L, 1);
	}
	if (!named && keys == n)
		return conv_list(c, idx, n, line, depth);
	return conv_map(c, idx, keys, line, depth);
}

/* Convert the Lua value at idx into a tree; lines come from the `lines` registry table when
 * tables were marked, else from line. NULL after a diagnostic. */
static struct tree *
lua_api_to_tree(lua_State *L, int idx, struct arena *a, const char *path, int line,
		struct diags *d)
{
	struct conv c = {.L = L, .a = a, .path = path, .d = d};
	struct tree *t;

	if (!lua_checkstack(L, TREE_MAX_DEPTH * 3 + 20))
		return NULL;
	t = conv_value(&c, idx, line, 0);
	return c.failed ? NULL : t;
}

/* Push a tree as Lua values: scalars become strings, as the YAML says them. */
void
lua_api_push_tree(lua_State *L, const struct tree *t)
{
	size_t i;

	luaL_checkstack(L, 4, "tree");
	switch (t->kind) {
	case TREE_SCALAR:
		lua_pushstring(L, t->str);
		break;
	case TREE_SEQ:
		lua_createtable(L, (int)t->n, 0);
		for (i = 0; i < t->n; i++) {
			lua_api_push_tree(L, t->items[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	case TREE_MAP:
		lua_createtable(L, 0, (int)t->n);
		for (i = 0; i < t->n; i++) {
			lua_api_push_tree(L, t->items[2 * i + 1]);
			lua_setfield(L, -2, t->items[2 * i]->str);
		}
		break;
	}
}

/* Report a Lua error (a string "path:line: msg") as a located diagnostic. */
static void
report_lua_error(lua_State *L, const char *path, struct diags *d)
{
	const char *err = lua_tostring(L, -1), *msg;
	int line;

	if (err == NULL)
		err = _("the script raised an error");
	line = sandbox_error_line(err, path, &msg);
	diag_add(d, path, line, 1, DIAG_ERROR, sandbox_tripped(L) ? D_SANDBOX : D_LUA, "%s", msg);
}

/* Guard for an unprotected error (should not happen: every call is through lua_pcall). */
static int
panic(lua_State *L)
{
	fatal("Lua panic: %s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
}

/* Run a Lua scenario's text in a fresh sandbox and convert what it describes. */
struct tree *
lua_api_parse_scenario(struct arena *a, const char *path, const char *text, size_t len,
		       struct diags *d)
{
	static const struct sandbox_limits lim = {
		.memory = LUA_SCENARIO_MEMORY,
		.instructions = LUA_SCENARIO_INSTRUCTIONS,
		.bound_patterns = true,
	};
	static const char *const markers[] = {"message", "choice", "ending", "contact"};
	struct tree *t = NULL;
	lua_State *L;
	size_t i;

	if (utf8_valid_prefix(text, len) != len || memchr(text, '\0', len) != NULL) {
		size_t off = utf8_valid_prefix(text, len), ln = 1;
		const char *nul = memchr(text, '\0', len);
		if (nul != NULL && (size_t)(nul - text) < off)
			off = (size_t)(nul - text);
		for (i = 0; i < off; i++)
			ln += text[i] == '\n';
		diag_add(d, path, (int)ln, 1, DIAG_ERROR, D_UTF8, "%s",
			 _("this is not valid UTF-8 text; save the file as UTF-8"));
		return NULL;
	}
	L = sandbox_new(&lim);
	if (L == NULL)
		fatal("out of memory");
	lua_atpanic(L, panic);
	lua_newtable(L);
	lua_newtable(L);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &lines_key);
	lua_register(L, "scenario", api_scenario);
	for (i = 0; i < ARRAY_LEN(markers); i++)
		lua_register(L, markers[i], api_mark);

	if (!sandbox_run(L, path, text, len, 1)) {
		report_lua_error(L, path, d);
	} else {
		/* Either `return scenario{...}` / `return {...}` or a bare scenario{...} call. */
		if (lua_type(L, -1) != LUA_TTABLE) {
			lua_pop(L, 1);
			lua_rawgetp(L, LUA_REGISTRYINDEX, &scenario_key);
		}
		if (lua_type(L, -1) != LUA_TTABLE)
			diag_add(d, path, 1, 1, DIAG_ERROR, D_MISSING, "%s",
				 _("the script describes no scenario: call scenario{ ... } or return a table"));
		else
			t = lua_api_to_tree(L, -1, a, path, 1, d);
	}
	sandbox_close(L);
	return t;
}

/* Read a Lua scenario file and convert what it describes. */
struct tree *
lua_api_load_scenario(struct arena *a, const char *path, struct diags *d)
{
	struct tree *t;
	size_t len;
	char *text = tree_read_source(path, &len, d);

	if (text == NULL)
		return NULL;
	t = lua_api_parse_scenario(a, path, text, len, d);
	free(text);
	return t;
}

/* ---- detector.native: the C matcher (matcher.c) for lua/detector.lua ---- */

#define MATCHER_MT "waspada.matcher"

/* The matcher in the userdata at idx. */
static struct matcher *
check_matcher(lua_State *L, int idx)
{
	struct matcher **ud = luaL_checkudata(L, idx, MATCHER_MT);

	if (*ud == NULL)
		luaL_error(L, "matcher is closed");
	return *ud;
}

/* __gc: free the matcher with its userdata. */
static int
matcher_gc(lua_State *L)
{
	struct matcher **ud = luaL_checkudata(L, 1, MATCHER_MT);

	matcher_free(*ud);
	*ud = NULL;
	return 0;
}

/* The strings of the array at idx (non-strings skipped) in a new C array; *n is their count.
 * Raises no Lua error, so the array cannot leak. */
static const char **
string_array(lua_State *L, int idx, size_t *n)
{
	size_t len = lua_type(L, idx) == LUA_TTABLE ? lua_rawlen(L, idx) : 0, i;
	const char **out = xmalloc((len ? len : 1) * sizeof(*out));

	*n = 0;
	for (i = 1; i <= len; i++) {
		lua_rawgeti(L, idx, (lua_Integer)i);
		if (lua_type(L, -1) == LUA_TSTRING)
			out[(*n)++] = lua_tostring(L, -1); /* kept alive by the table */
		lua_pop(L, 1);
	}
	return out;
}

/* Call fn for every string key of the map in field `field` of the table at idx, with the key's
 * value on top of the stack; arg is passed on. */
static void
each_entry(lua_State *L, struct matcher *m, int idx, const char *field, int arg,
	   void (*fn)(lua_State *L, struct matcher *m, const char *key, size_t klen, int arg))
{
	lua_getfield(L, idx, field);
	if (lua_type(L, -1) == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2) != 0) {
			if (lua_type(L, -2) == LUA_TSTRING) { /* a string key: tolstring leaves it as it is */
				size_t kl;
				const char *k = lua_tolstring(L, -2, &kl);
				fn(L, m, k, kl, arg);
			}
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
}

/* One `normalise:` map entry (arg: its enum matcher_src kind): a text, or for prefix_restore
 * a text or a list of texts that replaces an earlier file's. */
static void
src_entry(lua_State *L, struct matcher *m, const char *k, size_t kl, int arg)
{
	enum matcher_src kind = (enum matcher_src)arg;
	size_t n, i;

	(void)kl;
	if (kind == MATCHER_SRC_PREFIX_RESTORE) {
		matcher_src(m, kind, k, NULL);
		if (lua_type(L, -1) == LUA_TTABLE) {
			const char **w = string_array(L, -1, &n);
			for (i = 0; i < n; i++)
				matcher_src(m, kind, k, w[i]);
			free(w);
			return;
		}
	}
	if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER)
		matcher_src(m, kind, k, lua_tostring(L, -1));
}

/* One `normalise:` list (field of the table at idx). */
static void
src_list(lua_State *L, struct matcher *m, int idx, const char *field, enum matcher_src kind)
{
	size_t n, i;
	const char **w;

	lua_getfield(L, idx, field);
	w = string_array(L, -1, &n);
	for (i = 0; i < n; i++)
		matcher_src(m, kind, NULL, w[i]);
	free(w);
	lua_pop(L, 1);
}

/* native.compile(normalise_tables, patterns): a C matcher compiled from the lexicon files'
 * `normalise:` tables (in file order) and every pattern (in order); returns it and, per
 * pattern, its number in matches (0: the pattern has no words). */
static int
native_compile(lua_State *L)
{
	struct matcher **ud;
	struct matcher *m;
	size_t i, n, *index;
	const char **pats;

	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checktype(L, 2, LUA_TTABLE);
	n = lua_rawlen(L, 2);
	for (i = 1; i <= n; i++) {
		int t = lua_rawgeti(L, 2, (lua_Integer)i);
		lua_pop(L, 1);
		if (t != LUA_TSTRING)
			return luaL_error(L, "compile: pattern %d is not a string", (int)i);
	}
	ud = lua_newuserdatauv(L, sizeof(*ud), 0);
	*ud = NULL;
	luaL_setmetatable(L, MATCHER_MT);
	*ud = m = matcher_new();
	for (i = 1; i <= lua_rawlen(L, 1); i++) {
		lua_rawgeti(L, 1, (lua_Integer)i);
		if (lua_type(L, -1) == LUA_TTABLE) {
			int t = lua_gettop(L);
			matcher_src_file(m);
			each_entry(L, m, t, "leet", MATCHER_SRC_LEET, src_entry);
			src_list(L, m, t, "prefixes", MATCHER_SRC_PREFIX);
			src_list(L, m, t, "suffixes", MATCHER_SRC_SUFFIX);
			src_list(L, m, t, "suffix_restore", MATCHER_SRC_SUFFIX_RESTORE);
			src_list(L, m, t, "inflections", MATCHER_SRC_INFLECTION);
			lua_getfield(L, t, "reduplication_mark");
			if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER)
				matcher_src(m, MATCHER_SRC_REDUP, NULL, lua_tostring(L, -1));
			lua_pop(L, 1);
			each_entry(L, m, t, "clitics", MATCHER_SRC_CLITIC, src_entry);
			each_entry(L, m, t, "prefix_restore", MATCHER_SRC_PREFIX_RESTORE, src_entry);
			each_entry(L, m, t, "slang", MATCHER_SRC_SLANG, src_entry);
			each_entry(L, m, t, "phrases", MATCHER_SRC_PHRASE, src_entry);
		}
		lua_pop(L, 1);
	}
	pats = string_array(L, 2, &n); /* all strings: checked above */
	index = xmalloc((n ? n : 1) * sizeof(*index));
	matcher_compile(m, pats, n, index);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushinteger(L, (lua_Integer)index[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	free(pats);
	free(index);
	return 2;
}

/* native.words_of(m, s): the canonical words of a short text (a name, a role word). */
static int
native_words_of(lua_State *L)
{
	struct matcher *m = check_matcher(L, 1);
	size_t len, n, i;
	const char *s = luaL_checklstring(L, 2, &len);
	const struct matcher_str *w = matcher_words_of(m, s, len, &n);

	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushlstring(L, w[i].s, w[i].len);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* native.scan(m, text, out): normalise and match; out[3i-2..3i] = pattern, first, last of
 * match i. Returns the number of words and of matches. */
static int
native_scan(lua_State *L)
{
	struct matcher *m = check_matcher(L, 1);
	size_t len, n, i;
	const char *text = luaL_checklstring(L, 2, &len);
	const struct matcher_hit *h;

	luaL_checktype(L, 3, LUA_TTABLE);
	h = matcher_run(m, text, len, &n);
	for (i = 0; i < n; i++) {
		lua_pushinteger(L, (lua_Integer)h[i].pattern);
		lua_rawseti(L, 3, (lua_Integer)(3 * i + 1));
		lua_pushinteger(L, (lua_Integer)h[i].first);
		lua_rawseti(L, 3, (lua_Integer)(3 * i + 2));
		lua_pushinteger(L, (lua_Integer)h[i].last);
		lua_rawseti(L, 3, (lua_Integer)(3 * i + 3));
	}
	lua_pushinteger(L, (lua_Integer)matcher_nwords(m));
	lua_pushinteger(L, (lua_Integer)n);
	return 2;
}

/* native.word(m, k): the last scan's k-th canonical word (nil outside). */
static int
native_word(lua_State *L)
{
	size_t len;
	const char *w = matcher_word(check_matcher(L, 1), (size_t)luaL_checkinteger(L, 2), &len);

	if (w == NULL)
		lua_pushnil(L);
	else
		lua_pushlstring(L, w, len);
	return 1;
}

/* Whether word k of the last scan is the same as one of the words before it. */
static bool
word_repeats(const struct matcher *m, size_t k, const char *w, size_t len)
{
	size_t j, l;
	const char *v;

	for (j = 1; j < k; j++)
		if ((v = matcher_word(m, j, &l)) != NULL && l == len && memcmp(v, w, len) == 0)
			return true;
	return false;
}

/* native.prefixed(m, prefix, max, t): t[1..n] = prefix .. each different word among the last
 * scan's first max words, the rest of t cleared; returns n. The model's features of a previous
 * message ("p:", "h:") for every message: one call instead of a native.word call and a
 * concatenation per word, and no feature twice, so the caller appends them as they are. */
static int
native_prefixed(lua_State *L)
{
	struct matcher *m = check_matcher(L, 1);
	size_t plen, len, k, n = 0;
	const char *prefix = luaL_checklstring(L, 2, &plen), *w;
	lua_Integer max = luaL_checkinteger(L, 3);

	luaL_checktype(L, 4, LUA_TTABLE);
	for (k = 1; (lua_Integer)k <= max && (w = matcher_word(m, k, &len)) != NULL; k++) {
		luaL_Buffer b;
		if (word_repeats(m, k, w, len))
			continue;
		luaL_buffinit(L, &b);
		luaL_addlstring(&b, prefix, plen);
		luaL_addlstring(&b, w, len);
		luaL_pushresult(&b);
		lua_rawseti(L, 4, (lua_Integer)++n);
	}
	for (k = n + 1; lua_rawgeti(L, 4, (lua_Integer)k) != LUA_TNIL; k++) {
		lua_pop(L, 1);
		lua_pushnil(L);
		lua_rawseti(L, 4, (lua_Integer)k);
	}
	lua_pop(L, 1);
	lua_pushinteger(L, (lua_Integer)n);
	return 1;
}

/* native.brk(m, k): whether a sentence break comes before word k. */
static int
native_brk(lua_State *L)
{
	lua_pushboolean(L, matcher_break(check_matcher(L, 1), (size_t)luaL_checkinteger(L, 2)));
	return 1;
}

/* native.span(m, first, last): 0-based [start, end) of words first..last in the text. */
static int
native_span(lua_State *L)
{
	struct matcher *m = check_matcher(L, 1);
	size_t s, e, s2, e2;

	matcher_span(m, (size_t)luaL_checkinteger(L, 2), &s, &e);
	matcher_span(m, (size_t)luaL_optinteger(L, 3, luaL_checkinteger(L, 2)), &s2, &e2);
	lua_pushinteger(L, (lua_Integer)s);
	lua_pushinteger(L, (lua_Integer)e2);
	return 2;
}

/* ---- the learned model (model.c) ---- */

#define MODEL_MT "waspada.model"

/* The model in the userdata at idx. */
static struct model *
check_model(lua_State *L, int idx)
{
	struct model **ud = luaL_checkudata(L, idx, MODEL_MT);

	if (*ud == NULL)
		luaL_error(L, "model is closed");
	return *ud;
}

/* __gc: free the model with its userdata. */
static int
model_gc(lua_State *L)
{
	struct model **ud = luaL_checkudata(L, 1, MODEL_MT);

	model_free(*ud);
	*ud = NULL;
	return 0;
}

/* native.model(): the learned model (loaded once, from the path in the upvalue), or nil and why
 * when it is switched off (WASPADA_MODEL=none: the path is "") or there is no model file; raises
 * an error for a model file that cannot be read. */
static int
native_model(lua_State *L)
{
	const char *path = lua_tostring(L, lua_upvalueindex(1));
	struct model **ud;
	char *err;

	if (lua_getfield(L, LUA_REGISTRYINDEX, MODEL_MT ".loaded") != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	if (path == NULL || *path == '\0') {
		lua_pushnil(L);
		lua_pushliteral(L, "switched off");
		return 2;
	}
	ud = lua_newuserdatauv(L, sizeof(*ud), 0);
	*ud = NULL;
	luaL_setmetatable(L, MODEL_MT);
	*ud = model_load(path, &err);
	if (*ud == NULL && err == NULL) {
		lua_pushnil(L);
		lua_pushliteral(L, "no model file");
		return 2;
	}
	if (*ud == NULL) { /* a damaged model is an error, not a quiet step back to the lexicon */
		lua_pushstring(L, err);
		free(err);
		return lua_error(L);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, MODEL_MT ".loaded");
	return 1;
}

/* native.classes(model): the model's class names, in order. */
static int
native_classes(lua_State *L)
{
	struct model *md = check_model(L, 1);
	size_t i, n = model_nclasses(md);

	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, model_class(md, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* native.knows(model, feature): whether the model learned a weight for the feature. */
static int
native_knows(lua_State *L)
{
	lua_pushboolean(L, model_knows(check_model(L, 1), luaL_checkstring(L, 2)));
	return 1;
}

/* native.features(m, context): the features of the matcher's last scan and the context, as one
 * line of text (for `make train`). */
static int
native_features(lua_State *L)
{
	struct matcher *m = check_matcher(L, 1);
	struct buf out = {0};
	size_t n;
	const char **ctx;

	luaL_checktype(L, 2, LUA_TTABLE);
	ctx = string_array(L, 2, &n);
	model_features(m, ctx, n, &out);
	free(ctx);
	lua_pushlstring(L, out.s, out.len);
	buf_free(&out);
	return 1;
}

/* native.predict(model, m, context, out): out[i] = the probability of class i (1-based) for the
 * matcher's last scan with the context features. */
static int
native_predict(lua_State *L)
{
	struct model *md = check_model(L, 1);
	struct matcher *m = check_matcher(L, 2);
	double prob[64];
	size_t n, i, nc = model_nclasses(md);
	const char **ctx;

	luaL_checktype(L, 3, LUA_TTABLE);
	luaL_checktype(L, 4, LUA_TTABLE);
	if (nc > ARRAY_LEN(prob))
		return luaL_error(L, "predict: too many classes");
	ctx = string_array(L, 3, &n);
	model_score(md, m, ctx, n, prob);
	free(ctx);
	for (i = 0; i < nc; i++) {
		lua_pushnumber(L, prob[i]);
		lua_rawseti(L, 4, (lua_Integer)i + 1);
	}
	return 0;
}

/* native.evidence(model, m, class): the words of the matcher's last scan (1-based indices, the
 * strongest first) that push class (1-based) the most. */
static int
native_evidence(lua_State *L)
{
	struct model *md = check_model(L, 1);
	struct matcher *m = check_matcher(L, 2);
	lua_Integer c = luaL_checkinteger(L, 3);
	size_t words[8], n = 0, i;

	if (c >= 1)
		n = model_evidence(md, m, (size_t)c - 1, words, ARRAY_LEN(words));
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushinteger(L, (lua_Integer)words[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* The next word of text from *i on (a run of ASCII letters, digits and apostrophes, lower-cased
 * into w), or false at the end; a word longer than w is skipped. */
static bool
next_word(const char *text, size_t len, size_t *i, char w[64], size_t *n)
{
	while (*i < len) {
		bool fits = true;
		*n = 0;
		while (*i < len && (isalnum((unsigned char)text[*i]) || text[*i] == '\'')) {
			if (*n < 64)
				w[(*n)++] = (char)tolower((unsigned char)text[*i]);
			else
				fits = false;
			(*i)++;
		}
		if (*n > 0 && fits)
			return true;
		if (*n == 0)
			(*i)++;
	}
	return false;
}

/* native.has_word(words, text): whether a word of text is a key of the table words. For "is this
 * message code-mixed?": a pattern match in Lua made a new string of every word. */
static int
native_has_word(lua_State *L)
{
	size_t len, i = 0, n;
	const char *text;
	char w[64];

	luaL_checktype(L, 1, LUA_TTABLE);
	text = luaL_checklstring(L, 2, &len);
	while (next_word(text, len, &i, w, &n)) {
		lua_pushlstring(L, w, n);
		bool found = lua_rawget(L, 1) != LUA_TNIL;
		lua_pop(L, 1);
		if (found) {
			lua_pushboolean(L, 1);
			return 1;
		}
	}
	lua_pushboolean(L, 0);
	return 1;
}

/* native.count_words(words, text, counts): for each word of text that is a key of the table words,
 * add 1 to counts[b + 1] for each bit b set in its value (a word can be little in two languages).
 * One pass for every language, for guessing a conversation's language. */
static int
native_count_words(lua_State *L)
{
	size_t len, i = 0, n;
	const char *text;
	char w[64];

	luaL_checktype(L, 1, LUA_TTABLE);
	text = luaL_checklstring(L, 2, &len);
	luaL_checktype(L, 3, LUA_TTABLE);
	while (next_word(text, len, &i, w, &n)) {
		lua_pushlstring(L, w, n);
		lua_Integer bits = lua_rawget(L, 1) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
		lua_pop(L, 1);
		for (int b = 0; b < 16 && bits > 0; b++, bits >>= 1) {
			if (!(bits & 1))
				continue;
			lua_rawgeti(L, 3, b + 1);
			lua_Integer c = lua_tointeger(L, -1);
			lua_pop(L, 1);
			lua_pushinteger(L, c + 1);
			lua_rawseti(L, 3, b + 1);
		}
	}
	return 0;
}

/* Push the detector.native module: the matcher and the model (see lua-api.h). */
void
lua_api_push_matcher(lua_State *L, const char *model_path)
{
	static const luaL_Reg fns[] = {
		{"compile", native_compile}, {"words_of", native_words_of}, {"scan", native_scan}, {"word", native_word},
		{"prefixed", native_prefixed}, {"brk", native_brk}, {"span", native_span}, {"classes", native_classes}, {"knows", native_knows},
		{"features", native_features}, {"predict", native_predict}, {"evidence", native_evidence},
		{"has_word", native_has_word}, {"count_words", native_count_words}, {NULL, NULL},
	};

	if (luaL_newmetatable(L, MATCHER_MT)) {
		lua_pushcfunction(L, matcher_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushliteral(L, "locked");
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
	if (luaL_newmetatable(L, MODEL_MT)) {
		lua_pushcfunction(L, model_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushliteral(L, "locked");
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
	luaL_newlib(L, fns);
	lua_pushstring(L, model_path ? model_path : "");
	lua_pushcclosure(L, native_model, 1);
	lua_setfield(L, -2, "model");
}
