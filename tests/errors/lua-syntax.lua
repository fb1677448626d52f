-- A Lua scenario with a syntax error on line 4.
scenario {
  id = "broken-lua-syntax",
  title = "Missing comma" lang = "en",
}
