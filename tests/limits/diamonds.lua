-- Twenty two-way replies in a row, then 9,000 messages: 2^20 ways through, each long (issue 14:
-- the path budget counted leaves, not work, and a scenario like this took 785 s to check).
local steps = {}
for i = 1, 20 do
  steps[#steps + 1] = { id = "c" .. i, choices = { { text = "yes", next = i < 20 and "c" .. (i + 1) or "m1" }, { text = "no", next = i < 20 and "c" .. (i + 1) or "m1" } } }
end
for i = 1, 9000 do
  steps[#steps + 1] = message { id = "m" .. i, from = "k", text = "message " .. i, next = i == 9000 and "e" or nil }
end
return scenario {
  id = "diamonds", lang = "en", title = "t", summary = "s", platform = "game",
  persona = { name = "Sam", age = 12 }, contacts = { { id = "k", name = "K" } },
  conversation = steps,
  endings = { { id = "e", title = "e", text = "e" } },
}
