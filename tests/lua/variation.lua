-- What YAML cannot say: the conversation is built by code. A helper makes each message, a
-- loop adds the same friendly messages from a team, and the persona's name is a variable.
local persona = { name = "Budi", age = 11, hobby = "football games" }
local steps = {}

local function say(id, from, text, opts)
  local m = { id = id, from = from, text = text }
  for k, v in pairs(opts or {}) do m[k] = v end
  steps[#steps + 1] = message(m)
end

local cheers = { "nice pass!", "gg everyone", "see you at practice tomorrow" }
for i, text in ipairs(cheers) do
  say("team-" .. i, "captain", text, { ask = (i == 2) })
end
say("dm", "stranger", "u play so well " .. persona.name .. ", add me on another app?", { ask = true, next = "done" })

return scenario {
  id = "lua-variation",
  lang = "en",
  title = "Built by code",
  summary = "A scenario whose messages are made by a loop.",
  platform = "game",
  persona = persona,
  contacts = {
    { id = "captain", name = "Captain Rio", role = "teammate" },
    { id = "stranger", name = "xX_Pro_Xx", role = "stranger" },
  },
  conversation = steps,
  endings = { ending { id = "done", title = "The end", text = "Budi kept playing with his team." } },
}
