/* lua-api: binds the scenario API for Lua files (scenario, message, choice, ending) and turns
 * the tables a script builds into the same located tree the YAML loader makes. */
#include "lua-api.h"

#include <errno.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lua-sandbox.h"

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

/* Convert the Lua value at idx, recursively. */
static struct tree *
conv_value(struct conv *c, int idx, int line, int depth)
{
	lua_State *L = c->L;
	struct tree *t;
	char num[64];
	size_t n, i;
	const char *s;

	idx = lua_absindex(L, idx);
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
	case LUA_TTABLE:
		break;
	default:
		diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_TYPE,
			 _("a %s cannot be part of a scenario; use text, numbers, true/false or tables"),
			 luaL_typename(L, idx));
		c->failed = true;
		return NULL;
	}
	if (depth > TREE_MAX_DEPTH) {
		diag_add(c->d, c->path, line, 1, DIAG_ERROR, D_LIMIT, "%s",
			 _("tables nested too deeply (the limit is 64 levels; is a table inside itself?)"));
		c->failed = true;
		return NULL;
	}
	line = table_line(L, idx, line);
	n = lua_rawlen(L, idx);
	/* A table with only the keys 1..n is a list; anything else must be a map of names. */
	{
		size_t keys = 0;
		bool named = false;
		lua_pushnil(L);
		while (lua_next(L, idx) != 0) {
			keys++;
			if (lua_type(L, -2) == LUA_TSTRING)
				named = true;
			lua_pop(L, 1);
		}
		if (!named && keys == n) {
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
		if ((t = conv_node(c, TREE_MAP, line)) == NULL)
			return NULL;
		t->items = arena_alloc(c->a, (2 * keys + 1) * sizeof(*t->items));
	}
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
	/* Lua tables have no order: sort fields by name so output and messages are stable. */
	for (i = 1; i < t->n; i++) {
		struct tree *k = t->items[2 * i], *v = t->items[2 * i + 1];
		size_t j = i;
		for (; j > 0 && strcmp(t->items[2 * (j - 1)]->str, k->str) > 0; j--) {
			t->items[2 * j] = t->items[2 * (j - 1)];
			t->items[2 * j + 1] = t->items[2 * (j - 1) + 1];
		}
		t->items[2 * j] = k;
		t->items[2 * j + 1] = v;
	}
	return t;
}

/* Convert a Lua value to a tree (see lua-api.h). */
struct tree *
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
