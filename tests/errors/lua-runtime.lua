-- A Lua scenario that fails while it runs: calling a missing helper on line 6.
local function greet(name)
  return "hello " .. name
end

local text = greet(nil)
scenario { id = "broken-lua-runtime", text = text }
