/* lua-api: the Lua side of Waspada: Lua scenario files, and Lua values to and from trees. */
#ifndef WASPADA_LUA_API_H
#define WASPADA_LUA_API_H

#include <lua.h>
#include <stdbool.h>

#include "diag.h"
#include "tree.h"

/* Run a Lua scenario file in a fresh sandbox and return its scenario as a located tree. */
struct tree *lua_api_load_scenario(struct arena *a, const char *path, struct diags *d);
/* The same from text in memory (fuzzing, tests); path names it in messages. */
struct tree *lua_api_parse_scenario(struct arena *a, const char *path, const char *text, size_t len,
				    struct diags *d);
/* Push a tree as plain Lua values (maps, arrays, strings). */
void lua_api_push_tree(lua_State *L, const struct tree *t);

/* Push the detector.native module for lua/detector.lua: the C matcher, and the learned model
 * read from model_path when first asked for ("": none). */
void lua_api_push_matcher(lua_State *L, const char *model_path);

#endif
