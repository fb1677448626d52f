-- Print the lexicon's patterns as literal phrases, one per line, for the grep anchor of
-- `make bench` (grep -F -i -f PHRASES). Expands "a|b" word alternatives, splits at "...",
-- drops the "^" and "*" marks. Usage: lua5.4 scripts/phrases.lua lua/lexicon/*.yaml
local seen, out = {}, {}

-- All phrases one pattern stands for.
local function expand(pattern)
  local results = {}
  for piece in (pattern .. "..."):gmatch("(.-)%.%.%.") do
    local phrases = { "" }
    for word in piece:gmatch("%S+") do
      local alts, next_phrases = {}, {}
      for alt in word:gmatch("[^|]+") do alts[#alts + 1] = (alt:gsub("[%^%*]", "")) end
      for _, p in ipairs(phrases) do
        for _, a in ipairs(alts) do
          if #next_phrases < 64 then next_phrases[#next_phrases + 1] = (p == "" and a or p .. " " .. a) end
        end
      end
      phrases = next_phrases
    end
    for _, p in ipairs(phrases) do if #p >= 2 then results[#results + 1] = p end end
  end
  return results
end

for _, file in ipairs(arg) do
  local in_patterns = false
  for line in io.lines(file) do
    local indent, rest = line:match("^(%s*)(.*)$")
    if rest:match("^patterns:") then
      in_patterns = #indent
    elseif in_patterns and rest:match("^%- ") and #indent >= in_patterns then
      local p = rest:sub(3):gsub("%s+#.*$", ""):gsub('^"(.*)"$', "%1"):gsub("^'(.*)'$", "%1")
      for _, phrase in ipairs(expand(p:lower())) do
        if not seen[phrase] then seen[phrase] = true; out[#out + 1] = phrase end
      end
    elseif rest ~= "" and not rest:match("^#") then
      in_patterns = false
    end
  end
end
io.write(table.concat(out, "\n"), "\n")
