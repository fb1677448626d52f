-- A Lua file that describes no scenario.
local x = 1 + 1
