-- The same scenario as twin.yaml, written with the Lua API (docs/lua-api.md).
local rex = "rex"

return scenario {
  waspada = 1,
  id = "twin",
  lang = "en",
  title = "Twin",
  summary = "The same scenario in YAML and in Lua.",
  platform = "messenger",
  persona = { name = "Ayu", age = 13 },
  contacts = { contact { id = rex, name = "Rex" } },
  conversation = {
    message { id = "m1", from = rex, text = "hey, you're so mature for your age", ask = true },
    message { id = "m2", from = "persona", text = "haha thanks" },
    choice { id = "c1", choices = {
      { action = "Stop replying and show my aunt.", next = "safe" },
      { text = "Keep chatting.", next = "m3" },
    } },
    message { id = "m3", from = rex, text = "don't tell your parents about me, ok?", ask = true,
              next = "safe" },
  },
  endings = {
    ending { id = "safe", title = "The end", text = "Ayu showed the chat to her aunt." },
  },
}
