-- expect: could take too long
local s = string.rep("(", 200000)
local n = 0
for i = 1, 50 do if s:find("%b()") then n = n + 1 end end

-- Reached only if the attack above was not stopped: then `check` passes and the test fails.
return scenario {
  id = "escaped", lang = "en", title = "escaped", summary = "escaped", platform = "game",
  persona = { name = "Sam", age = 12 }, contacts = { { id = "k", name = "K" } },
  conversation = { { id = "m1", from = "k", text = "hi", next = "e" } },
  endings = { { id = "e", title = "e", text = "e" } },
}
