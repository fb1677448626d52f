/* lua-sandbox: what a Lua scenario may do, and the budgets that stop it when it misbehaves.
 * docs/lua-api.md lists the rules; tests/sandbox/ has an attack for each. */
#include "lua-sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "util.h"

#define HOOK_EVERY 1000        /* instructions between budget checks */
#define PATTERN_MAX_LEN 256    /* bytes in one Lua pattern */
#define PATTERN_MAX_COST 2e8   /* worst-case matching steps allowed for one call */
#define C_LOOP_MAX (1 << 24)   /* steps one table/string library loop may take (bounded sandboxes) */
#define C_STEPS_PER_INSTR 10   /* C work (bytes compared, elements moved) charged as one instruction */
#define ALLOC_PER_INSTR 64     /* bytes allocated charged as one instruction */
#define WALL_SECONDS 10        /* backstop: no single call runs longer than this */

struct sb {
	size_t used, limit;
	long long budget, left;
	bool expired;     /* the instruction budget ran out during this call */
	bool out_of_mem;  /* the memory cap refused an allocation during this call */
	bool bound_patterns;
	struct timespec armed; /* when the current call started (the wall-clock backstop) */
};

/* The sandbox record kept in the state's extra space. */
static struct sb *
sb_of(lua_State *L)
{
	return *(struct sb **)lua_getextraspace(L);
}

/* lua_Alloc with a cap: refusing memory makes Lua raise a memory error, which nothing can catch. */
static void *
sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sb *sb = ud;
	size_t old = ptr != NULL ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		sb->used -= old;
		return NULL;
	}
	if (nsize > old && sb->used - old + nsize > sb->limit) {
		sb->out_of_mem = true;
		return NULL;
	}
	p = realloc(ptr, nsize);
	if (p == NULL)
		return NULL;
	sb->used = sb->used - old + nsize;
	/* Work done in C (string building, copying) happens between instructions: count it by the
	 * bytes it allocates, so a loop of cheap-looking calls on big strings still runs out. */
	if (sb->bound_patterns && nsize > old)
		sb->left -= (long long)((nsize - old) / ALLOC_PER_INSTR);
	return p;
}

/* Whether the current call has run past the wall-clock backstop: work the budget cannot see
 * (comparing two long equal strings, say) is still stopped. */
static bool
sb_wall_expired(const struct sb *sb)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - sb->armed.tv_sec >= WALL_SECONDS;
}

/* Count hook: once the budget is spent, every later check raises again, so a script that
 * catches the error still cannot run on. */
static void
sb_hook(lua_State *L, lua_Debug *ar)
{
	struct sb *sb = sb_of(L);
	const char *src = "?";
	int line = 0;

	sb->left -= HOOK_EVERY;
	if (util_stop_requested()) { /* a signal came: the program is leaving */
		sb->expired = true;
		lua_pushstring(L, _("stopped: the program is leaving"));
		lua_error(L);
	}
	if (sb->left > 0 && !(sb->bound_patterns && sb_wall_expired(sb)))
		return;
	sb->expired = true;
	if (lua_getinfo(L, "Sl", ar)) {
		src = ar->source[0] == '@' ? ar->source + 1 : ar->short_src;
		line = ar->currentline;
	}
	lua_pushfstring(L, "%s:%d: %s", src, line,
			_("the script ran too long and was stopped (is there an endless loop?)"));
	lua_error(L);
}

/* pcall/xpcall that cannot swallow the sandbox's own stops (time or memory). */
static int
sb_pcallk_cont(lua_State *L, int status, lua_KContext extra)
{
	struct sb *sb = sb_of(L);

	if (status != LUA_OK && status != LUA_YIELD) {
		if (sb->expired || sb->out_of_mem || status == LUA_ERRMEM)
			return lua_error(L); /* re-raise the value on top */
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return 2;
	}
	return lua_gettop(L) - (int)extra;
}

/* The sandbox's pcall. */
static int
sb_pcall(lua_State *L)
{
	int status;

	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, sb_pcallk_cont);
	return sb_pcallk_cont(L, status, 0);
}

/* The sandbox's xpcall (function, handler, args...). */
static int
sb_xpcall(lua_State *L)
{
	int status, n = lua_gettop(L);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, sb_pcallk_cont);
	return sb_pcallk_cont(L, status, 2);
}

/* setmetatable without __gc: a finaliser could run outside any budget. */
static int
sb_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "%s", _("__gc metamethods are not allowed in scenarios"));
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* load() of text only, always in the sandbox's own globals. */
static int
sb_load(lua_State *L)
{
	size_t len;
	const char *s, *name;

	if (lua_type(L, 1) != LUA_TSTRING)
		return luaL_error(L, "%s", _("load() in a scenario takes text only"));
	s = lua_tolstring(L, 1, &len);
	name = luaL_optstring(L, 2, "=(load)");
	if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	return 1;
}

/* collectgarbage("count") only: stopping or tuning the collector could defeat the memory cap. */
static int
sb_collectgarbage(lua_State *L)
{
	const char *opt = luaL_optstring(L, 1, "collect");

	if (strcmp(opt, "count") != 0)
		return luaL_error(L, _("collectgarbage(\"%s\") is not allowed in scenarios; only \"count\""),
				  opt);
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) +
				  (lua_Number)lua_gc(L, LUA_GCCOUNTB, 0) / 1024);
	return 1;
}

/* Charge `steps` of C work to the instruction budget, and stop the script as the hook would
 * once it is spent: the hook never runs inside a C function, so each bounded call pays here. */
static void
sb_charge(lua_State *L, double steps)
{
	struct sb *sb = sb_of(L);

	sb->left -= (long long)(steps / C_STEPS_PER_INSTR);
	if (sb->left > 0 && !sb->expired)
		return;
	sb->expired = true;
	luaL_where(L, 1);
	lua_pushstring(L, _("the script ran too long and was stopped (is there an endless loop?)"));
	lua_concat(L, 2);
	lua_error(L);
}

/* Refuse a library call whose loop would run past C_LOOP_MAX steps. */
static int
sb_too_long(lua_State *L)
{
	return luaL_error(L, "%s", _("this call would take too long (too many elements or repeats)"));
}

/* Worst-case cost of matching a pattern against n bytes: n^(quantifiers+1), where %b counts as
 * a quantifier (it scans to the end of the text from every start). Lua's matcher backtracks,
 * and a C function cannot be interrupted by the instruction hook, so a bad pattern is refused
 * before it runs. */
static double
pattern_cost(const char *p, size_t plen, size_t n)
{
	size_t i = 0;
	int q = 0;
	double cost = (double)(n ? n : 1);

	while (i < plen) {
		char c = p[i];
		if (c == '%') {
			i += 2;
			if (i <= plen && p[i - 1] == 'b') {
				i += 2;
				q++;
			} else if (i <= plen && p[i - 1] == 'f' && i < plen && p[i] == '[') {
				while (i < plen && p[i] != ']')
					i++;
				i++;
			}
		} else if (c == '[') {
			i++;
			if (i < plen && p[i] == '^')
				i++;
			if (i < plen && p[i] == ']')
				i++;
			while (i < plen && p[i] != ']')
				i += p[i] == '%' ? 2 : 1;
			i++;
		} else {
			i++;
		}
		if (i < plen && (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?')) {
			q++;
			i++;
		}
	}
	while (q-- > 0 && cost <= PATTERN_MAX_COST)
		cost *= (double)(n ? n : 1);
	return cost;
}

/* Whether a pattern has none of Lua's special characters (string.find then searches it as
 * plain text). */
static bool
pattern_is_plain(const char *p, size_t plen)
{
	for (size_t i = 0; i < plen; i++)
		if (p[i] != '\0' && strchr("^$*+?.([%-", p[i]) != NULL)
			return false;
	return true;
}

/* string.find/match/gmatch/gsub with bounded pattern length and worst-case work; the likely
 * work (text times pattern) is charged to the budget, so a loop of calls is bounded too. */
static int
sb_pattern_call(lua_State *L)
{
	size_t n, plen;
	const char *p;
	int plain = 0;
	double work;

	luaL_checklstring(L, 1, &n);
	p = luaL_checklstring(L, 2, &plen);
	if (lua_toboolean(L, lua_upvalueindex(2)) && lua_gettop(L) >= 4)
		plain = lua_toboolean(L, 4);
	/* A plain search (or a pattern without special characters) compares the pattern at
	 * every start: text times pattern, whatever its length. */
	work = (double)(n ? n : 1) * (double)(plen ? plen : 1);
	if (plain || pattern_is_plain(p, plen)) {
		if (work > PATTERN_MAX_COST)
			return luaL_error(L, "%s",
					  _("this pattern could take too long on this text; use a simpler "
					    "pattern or a shorter text"));
	} else {
		if (plen > PATTERN_MAX_LEN)
			return luaL_error(L, _("this pattern is too long (the limit is %d bytes)"),
					  PATTERN_MAX_LEN);
		if (pattern_cost(p, plen, n) > PATTERN_MAX_COST)
			return luaL_error(L, "%s",
					  _("this pattern could take too long on this text; use a simpler "
					    "pattern or a shorter text"));
	}
	sb_charge(L, work);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* string.rep: an empty text repeated 2^63 times allocates nothing, so the memory cap never
 * stops its loop; bound the repeats instead. */
static int
sb_rep(lua_State *L)
{
	size_t l, lsep = 0;
	lua_Integer n;

	luaL_checklstring(L, 1, &l);
	n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n > C_LOOP_MAX && l + lsep == 0)
		return sb_too_long(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	if (n > 0) /* after the call: a result past the memory cap has failed on memory already */
		sb_charge(L, (double)n * (double)(l + lsep + 1));
	return 1;
}

/* The length of a table argument, asked once (a __len metamethod may answer differently on
 * each call, so the bound and the loop must use the same answer). */
static lua_Integer
sb_len(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TTABLE && !luaL_getmetafield(L, idx, "__len"))
		luaL_checktype(L, idx, LUA_TTABLE);
	else if (lua_type(L, idx) != LUA_TTABLE)
		lua_pop(L, 1);
	return luaL_len(L, idx);
}

/* Refuse a loop over [first, last] longer than C_LOOP_MAX, and charge it. */
static void
sb_bound_range(lua_State *L, lua_Integer first, lua_Integer last)
{
	lua_Unsigned steps;

	if (first > last)
		return;
	steps = (lua_Unsigned)last - (lua_Unsigned)first;
	if (steps >= C_LOOP_MAX)
		sb_too_long(L);
	sb_charge(L, (double)steps + 1);
}

/* table.move with its range bounded. */
static int
sb_tmove(lua_State *L)
{
	sb_bound_range(L, luaL_checkinteger(L, 2), luaL_checkinteger(L, 3));
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* table.concat with its range worked out once and bounded, then passed on explicitly. */
static int
sb_tconcat(lua_State *L)
{
	lua_Integer i, j;

	lua_settop(L, 4);
	i = luaL_optinteger(L, 3, 1);
	j = lua_isnil(L, 4) ? sb_len(L, 1) : luaL_checkinteger(L, 4);
	sb_bound_range(L, i, j);
	lua_pushinteger(L, i);
	lua_replace(L, 3);
	lua_pushinteger(L, j);
	lua_replace(L, 4);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 4, 1);
	return 1;
}

/* table.insert as Lua's own, with the length asked once and the shift bounded. */
static int
sb_tinsert(lua_State *L)
{
	lua_Integer e = sb_len(L, 1), pos;

	e = (lua_Integer)((lua_Unsigned)e + 1u); /* first empty slot, as Lua computes it */
	switch (lua_gettop(L)) {
	case 2:
		pos = e;
		break;
	case 3:
		pos = luaL_checkinteger(L, 2);
		luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
		sb_bound_range(L, pos, e);
		for (lua_Integer i = e; i > pos; i--) {
			lua_geti(L, 1, i - 1);
			lua_seti(L, 1, i);
		}
		break;
	default:
		return luaL_error(L, "wrong number of arguments to 'insert'");
	}
	lua_seti(L, 1, pos);
	return 0;
}

/* table.remove as Lua's own, with the length asked once and the shift bounded. */
static int
sb_tremove(lua_State *L)
{
	lua_Integer size = sb_len(L, 1), pos = luaL_optinteger(L, 2, size);

	if (pos != size)
		luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2,
			      "position out of bounds");
	sb_bound_range(L, pos, size);
	lua_geti(L, 1, pos);
	for (; pos < size; pos++) {
		lua_geti(L, 1, pos + 1);
		lua_seti(L, 1, pos);
	}
	lua_pushnil(L);
	lua_seti(L, 1, pos);
	return 1;
}

/* table.sort with the length asked once and bounded: a table with a metatable is sorted as a
 * plain copy (whose length cannot change under the sort) and written back. */
static int
sb_tsort(lua_State *L)
{
	lua_Integer n = sb_len(L, 1);

	sb_bound_range(L, 1, n);
	if (n > 1)
		sb_charge(L, (double)n * 24); /* n log n comparisons, at most 2^24 elements */
	if (!lua_getmetatable(L, 1)) {
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_insert(L, 1);
		lua_call(L, lua_gettop(L) - 1, 0);
		return 0;
	}
	lua_pop(L, 1);
	lua_settop(L, 2);
	lua_createtable(L, n > 0 ? (int)n : 0, 0); /* 3: the copy */
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, 1, i);
		lua_rawseti(L, 3, i);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushvalue(L, 3);
	lua_pushvalue(L, 2);
	lua_call(L, 2, 0);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 3, i);
		lua_seti(L, 1, i);
	}
	return 0;
}

/* Refuse writes to a library table. */
static int
sb_readonly(lua_State *L)
{
	return luaL_error(L, "%s", _("the standard library cannot be changed in a scenario"));
}

/* The iterator pairs() gives for a library proxy: next() over the real table, which it holds
 * as an upvalue so that the script never sees it (the state it passes is the proxy). */
static int
sb_proxy_next(lua_State *L)
{
	lua_settop(L, 2);
	if (lua_next(L, lua_upvalueindex(1)))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* pairs() over a read-only library proxy walks the real table without handing it out. */
static int
sb_proxy_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, sb_proxy_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Replace global `name` with a read-only view of the library table. */
static void
sb_protect_library(lua_State *L, const char *name)
{
	lua_newtable(L);                 /* proxy */
	lua_newtable(L);                 /* its metatable */
	lua_getglobal(L, name);
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, "__index");
	lua_pushcclosure(L, sb_proxy_pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushcfunction(L, sb_readonly);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_setglobal(L, name);
}

/* Replace field NAME of the table on top with a C closure over the original. */
static void
sb_wrap(lua_State *L, const char *name, lua_CFunction f)
{
	lua_getfield(L, -1, name);
	lua_pushcclosure(L, f, 1);
	lua_setfield(L, -2, name);
}

/* Wrap string.NAME so its pattern is bounded. */
static void
sb_bound_pattern(lua_State *L, const char *name, int is_find)
{
	lua_getfield(L, -1, name);
	lua_pushboolean(L, is_find);
	lua_pushcclosure(L, sb_pattern_call, 2);
	lua_setfield(L, -2, name);
}

/* Build a sandboxed state (see lua-sandbox.h). */
lua_State *
sandbox_new(const struct sandbox_limits *lim)
{
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base},
		{LUA_STRLIBNAME, luaopen_string},
		{LUA_TABLIBNAME, luaopen_table},
		{LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8},
	};
	static const char *const removed[] = {"dofile", "loadfile", "print", "warn", "require"};
	struct sb *sb = xcalloc(1, sizeof(*sb));
	lua_State *L;
	size_t i;

	sb->limit = lim->memory;
	sb->budget = sb->left = lim->instructions;
	sb->bound_patterns = lim->bound_patterns;
	L = lua_newstate(sb_alloc, sb);
	if (L == NULL) {
		free(sb);
		return NULL;
	}
	*(struct sb **)lua_getextraspace(L) = sb;
	for (i = 0; i < ARRAY_LEN(libs); i++) {
		luaL_requiref(L, libs[i].name, libs[i].func, 1);
		lua_pop(L, 1);
	}
	/* math.random is fine (no seeding from the outside is possible); string.dump is not. */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	if (lim->bound_patterns) {
		sb_bound_pattern(L, "find", 1);
		sb_bound_pattern(L, "match", 0);
		sb_bound_pattern(L, "gmatch", 0);
		sb_bound_pattern(L, "gsub", 0);
		sb_wrap(L, "rep", sb_rep);
	}
	lua_pop(L, 1);
	/* The table functions whose loops run in C, bounded before they start (tests/sandbox/table-*). */
	if (lim->bound_patterns) {
		lua_getglobal(L, LUA_TABLIBNAME);
		sb_wrap(L, "move", sb_tmove);
		sb_wrap(L, "concat", sb_tconcat);
		sb_wrap(L, "sort", sb_tsort);
		lua_pushcfunction(L, sb_tinsert);
		lua_setfield(L, -2, "insert");
		lua_pushcfunction(L, sb_tremove);
		lua_setfield(L, -2, "remove");
		lua_pop(L, 1);
	}
	/* The string metatable is shared by every string: hide it. */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
	for (i = 0; i < ARRAY_LEN(removed); i++) {
		lua_pushnil(L);
		lua_setglobal(L, removed[i]);
	}
	lua_register(L, "pcall", sb_pcall);
	lua_register(L, "xpcall", sb_xpcall);
	lua_register(L, "load", sb_load);
	lua_register(L, "collectgarbage", sb_collectgarbage);
	lua_getglobal(L, "setmetatable");
	lua_pushcclosure(L, sb_setmetatable, 1);
	lua_setglobal(L, "setmetatable");
	sb_protect_library(L, LUA_STRLIBNAME);
	sb_protect_library(L, LUA_TABLIBNAME);
	sb_protect_library(L, LUA_MATHLIBNAME);
	sb_protect_library(L, LUA_UTF8LIBNAME);
	lua_sethook(L, sb_hook, LUA_MASKCOUNT, HOOK_EVERY);
	return L;
}

/* Close a sandboxed state and its record. */
void
sandbox_close(lua_State *L)
{
	struct sb *sb;

	if (L == NULL)
		return;
	sb = sb_of(L);
	lua_close(L);
	free(sb);
}

/* Give the next call a full instruction budget. */
void
sandbox_arm(lua_State *L)
{
	struct sb *sb = sb_of(L);

	sb->left = sb->budget;
	sb->expired = false;
	sb->out_of_mem = false;
	clock_gettime(CLOCK_MONOTONIC, &sb->armed);
}

/* Whether the sandbox stopped the last call. */
bool
sandbox_tripped(lua_State *L)
{
	struct sb *sb = sb_of(L);

	return sb->expired || sb->out_of_mem;
}

/* Load and run a chunk of text under a fresh budget. */
bool
sandbox_run(lua_State *L, const char *path, const char *text, size_t len, int nresults)
{
	char *name = xasprintf("@%s", path);
	int rc;

	sandbox_arm(L);
	rc = luaL_loadbufferx(L, text, len, name, "t");
	free(name);
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, nresults, 0);
	if (rc == LUA_OK)
		return true;
	if (rc == LUA_ERRMEM || sb_of(L)->out_of_mem) {
		lua_pop(L, 1);
		lua_pushfstring(L, "%s:1: %s", path,
				_("the script used too much memory and was stopped"));
		sb_of(L)->out_of_mem = true;
	} else if (lua_type(L, -1) != LUA_TSTRING) {
		const char *t = luaL_typename(L, -1);
		lua_pop(L, 1);
		lua_pushfstring(L, "%s:1: %s (%s)", path, _("the script raised an error"), t);
	}
	return false;
}

/* Pull the line out of "path:LINE: message"; 0 when the message names no line in path. */
int
sandbox_error_line(const char *err, const char *path, const char **msg)
{
	size_t n = strlen(path);
	int line = 0;
	const char *p;

	*msg = err;
	if (strncmp(err, path, n) != 0 || err[n] != ':')
		return 0;
	for (p = err + n + 1; *p >= '0' && *p <= '9'; p++)
		line = line * 10 + (*p - '0');
	if (*p != ':' || line == 0)
		return 0;
	p++;
	while (*p == ' ')
		p++;
	*msg = p;
	return line;
}
