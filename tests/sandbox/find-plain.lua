-- expect: could take too long
local s = string.rep("a", 4000000)
local needle = string.rep("a", 2000000) .. "b"
local found = string.find(s, needle, 1, true)

-- Reached only if the attack above was not stopped: then `check` passes and the test fails.
return scenario {
  id = "escaped", lang = "en", title = "escaped", summary = "escaped", platform = "game",
  persona = { name = "Sam", age = 12 }, contacts = { { id = "k", name = "K" } },
  conversation = { { id = "m1", from = "k", text = "hi", next = "e" } },
  endings = { { id = "e", title = "e", text = "e" } },
}
