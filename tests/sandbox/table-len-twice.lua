-- expect: would take too long
-- __len answers small when checked, huge when used: the bound must use the one answer.
local calls = 0
local t = setmetatable({}, { __len = function() calls = calls + 1; return calls > 1 and math.maxinteger or 1 end })
table.insert(t, 1, "x")
calls = 0
table.sort(setmetatable({}, { __len = function() calls = calls + 1; return calls > 1 and 2^31 - 2 or 1 end, __index = rawlen }))
error("would take too long (not stopped, but not hung either)")

-- Reached only if the attack above was not stopped: then `check` passes and the test fails.
return scenario {
  id = "escaped", lang = "en", title = "escaped", summary = "escaped", platform = "game",
  persona = { name = "Sam", age = 12 }, contacts = { { id = "k", name = "K" } },
  conversation = { { id = "m1", from = "k", text = "hi", next = "e" } },
  endings = { { id = "e", title = "e", text = "e" } },
}
