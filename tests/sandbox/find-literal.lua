-- expect: ran too long
local s = string.rep("a", 200000)
local needle = string.rep("a", 250) .. "b"
local n = 0
for i = 1, 200 do if s:find(needle) then n = n + 1 end; if s:match(needle) then n = n + 1 end end

-- Reached only if the attack above was not stopped: then `check` passes and the test fails.
return scenario {
  id = "escaped", lang = "en", title = "escaped", summary = "escaped", platform = "game",
  persona = { name = "Sam", age = 12 }, contacts = { { id = "k", name = "K" } },
  conversation = { { id = "m1", from = "k", text = "hi", next = "e" } },
  endings = { { id = "e", title = "e", text = "e" } },
}
