-- expect: would take too long
local t = setmetatable({}, { __index = table.concat })
local s = table.concat(t, "", 1, math.maxinteger)

-- Reached only if the attack above was not stopped: then `check` passes and the test fails.
return scenario {
  id = "escaped", lang = "en", title = "escaped", summary = "escaped", platform = "game",
  persona = { name = "Sam", age = 12 }, contacts = { { id = "k", name = "K" } },
  conversation = { { id = "m1", from = "k", text = "hi", next = "e" } },
  endings = { { id = "e", title = "e", text = "e" } },
}
