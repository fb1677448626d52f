/* detector-lua: run a Lua test script (tests/detector/run.lua, tests/eval.lua --self) with the
 * detector's C half (detector.native: the matcher and the model) preloaded, as waspada runs it.
 *
 *   build/tests/detector-lua SCRIPT.lua [ARGS...]
 *
 * The script gets the standard libraries (it reads the lexicon files itself) and `arg` as lua5.4
 * gives it. WASPADA_MODEL=FILE adds the learned model; without it the lexicon decides alone. */
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "lua-api.h"

/* Run the script in a protected call; the Lua source's own style of a protected main. */
static int
pmain(lua_State *L)
{
	int argc = (int)lua_tointeger(L, 1);
	char **argv = lua_touserdata(L, 2);
	const char *model = getenv("WASPADA_MODEL");

	luaL_openlibs(L);
	lua_getglobal(L, "package");
	lua_getfield(L, -1, "loaded");
	lua_api_push_matcher(L, model != NULL ? model : "");
	lua_setfield(L, -2, "detector.native");
	lua_pop(L, 2);
	lua_createtable(L, argc, 0);
	for (int i = 1; i < argc; i++) {
		lua_pushstring(L, argv[i]);
		lua_rawseti(L, -2, i - 1);
	}
	lua_setglobal(L, "arg");
	if (luaL_loadfile(L, argv[1]) != LUA_OK)
		return lua_error(L);
	for (int i = 2; i < argc; i++)
		lua_pushstring(L, argv[i]);
	lua_call(L, argc - 2, 0);
	return 0;
}

int
main(int argc, char **argv)
{
	lua_State *L;
	int status;

	if (argc < 2) {
		fprintf(stderr, "usage: detector-lua SCRIPT.lua [ARGS...]\n");
		return 2;
	}
	L = luaL_newstate();
	if (L == NULL)
		return 2;
	lua_pushcfunction(L, pmain);
	lua_pushinteger(L, argc);
	lua_pushlightuserdata(L, argv);
	status = lua_pcall(L, 2, 0, 0);
	if (status != LUA_OK)
		fprintf(stderr, "detector-lua: %s\n", lua_tostring(L, -1));
	lua_close(L);
	return status == LUA_OK ? 0 : 1;
}
