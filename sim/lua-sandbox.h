/* lua-sandbox: Lua states that cannot touch files, the network or the process, and that stop
 * cleanly when a script loops forever or eats memory. */
#ifndef WASPADA_LUA_SANDBOX_H
#define WASPADA_LUA_SANDBOX_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>

struct sandbox_limits {
	size_t memory;          /* bytes the state may hold */
	long long instructions; /* VM instructions per call (sandbox_arm) */
	bool bound_patterns;    /* refuse string patterns that could take too long */
};

/* A new state with only base, string, table, math and utf8, hardened as docs/lua-api.md says. */
lua_State *sandbox_new(const struct sandbox_limits *lim);
void sandbox_close(lua_State *L);
/* Start a fresh instruction budget for the next call into the state. */
void sandbox_arm(lua_State *L);
/* true when the last error was the sandbox stopping a script (time or memory). */
bool sandbox_tripped(lua_State *L);
/* Load a text chunk (never binary) named "@path", then pcall it with nresults results.
 * On error, returns false and leaves the message on the stack. */
bool sandbox_run(lua_State *L, const char *path, const char *text, size_t len, int nresults);
/* Split "path:LINE: message" (Lua's error form) into line and message. */
int sandbox_error_line(const char *err, const char *path, const char **msg);

#endif
