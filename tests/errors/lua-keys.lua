-- A Lua scenario with authoring errors: lines come from message{} and ending{}.
scenario {
  waspada = 1,
  id = "broken-lua-keys",
  lang = "en",
  title = "Lua with typos",
  summary = "Errors in a Lua scenario are located like YAML's.",
  platform = "game",
  persona = { name = "Sam", age = 12 },
  contacts = { contact { id = "kim", name = "Kim" } },
  conversation = {
    message { id = "m1", from = "kim", text = "hello", aks = true },
    message { id = "m2", from = "bob", text = "who am I?" },
    message { id = "m3", from = "kim", text = "bye", next = "end" },
  },
  endings = {
    ending { id = "end", title = "The end", text = "Done.", kind = "happy" },
  },
}
