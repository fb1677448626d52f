-- A choice that loops to itself before 9,998 messages: valid (one way out), but the old path
-- walk recursed once per visit and overflowed the stack (issue 14).
local steps = { { id = "c", choices = { { text = "again", next = "c" }, { text = "go on", next = "m1" } } } }
for i = 1, 9998 do
  steps[#steps + 1] = message { id = "m" .. i, from = "k", text = "message " .. i .. " about the maths homework", next = i == 9998 and "e" or nil }
end
return scenario {
  id = "self-loop", lang = "en", title = "t", summary = "s", platform = "game",
  persona = { name = "Sam", age = 12 }, contacts = { { id = "k", name = "K" } },
  conversation = steps,
  endings = { { id = "e", title = "e", text = "e" } },
}
