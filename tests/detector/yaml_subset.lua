-- A small reader for the plain YAML subset that lua/lexicon/*.yaml uses, so that the detector's unit tests and
-- tests/eval.lua --self can run with nothing but lua5.4 (the program itself loads YAML with libyaml in C).
-- Supports: comments, block mappings, block sequences (including "- key: value" items), plain, 'single' and
-- "double" quoted scalars, and the empty flow forms [] and {}. Every scalar comes back as a string, as from
-- the C loader. Anything else is an error with a line number.

local M = {}

-- Strip a trailing comment from a plain (unquoted) line part.
local function strip_comment(s)
  local p = s:find("%s#")
  if p then s = s:sub(1, p - 1) end
  if s:sub(1, 1) == "#" then return "" end
  return (s:gsub("%s+$", ""))
end

-- Turn one scalar's source text into its string value.
local function scalar(src, lineno)
  src = src:gsub("^%s+", "")
  local q = src:sub(1, 1)
  if q == '"' then
    local out, i = {}, 2
    while i <= #src do
      local c = src:sub(i, i)
      if c == "\\" then
        local n = src:sub(i + 1, i + 1)
        local map = { n = "\n", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
        out[#out + 1] = map[n] or n
        i = i + 2
      elseif c == '"' then
        local rest = strip_comment(src:sub(i + 1))
        if rest ~= "" then error(("line %d: text after quoted string"):format(lineno)) end
        return table.concat(out)
      else
        out[#out + 1] = c; i = i + 1
      end
    end
    error(("line %d: unterminated string"):format(lineno))
  elseif q == "'" then
    local out, i = {}, 2
    while i <= #src do
      local c = src:sub(i, i)
      if c == "'" then
        if src:sub(i + 1, i + 1) == "'" then out[#out + 1] = "'"; i = i + 2
        else return table.concat(out) end
      else out[#out + 1] = c; i = i + 1 end
    end
    error(("line %d: unterminated string"):format(lineno))
  end
  local v = strip_comment(src)
  if v == "[]" or v == "{}" then return {} end
  if v:match("^[&*!|>%[{]") then error(("line %d: unsupported YAML: %s"):format(lineno, v)) end
  return v
end

-- Split "key: value" (key may be quoted); returns key, rest or nil.
local function split_key(s)
  local k, rest = s:match('^"([^"]*)":%s*(.*)$')
  if not k then k, rest = s:match("^'([^']*)':%s*(.*)$") end
  if not k then k, rest = s:match("^([^:#][^:]-):%s+(.*)$") end
  if not k then k = s:match("^([^:#][^:]-):$"); rest = "" end
  if k then return k, rest end
  return nil
end

-- Parse YAML text into Lua values.
function M.parse(text)
  local lines = {}
  local n = 0
  for raw in (text .. "\n"):gmatch("(.-)\r?\n") do
    n = n + 1
    local ind, body = raw:match("^( *)(.*)$")
    if body:find("^\t") then error(("line %d: tab indentation"):format(n)) end
    if body ~= "" and not body:match("^#") then
      lines[#lines + 1] = { ind = #ind, body = body, no = n }
    end
  end
  local pos = 1
  local parse_block
  -- parse the value of a "key:" or "- " whose content is on the following, more-indented lines
  local function nested(parent_ind)
    local l = lines[pos]
    if not l or l.ind <= parent_ind then
      -- a sequence may sit at the same indentation as its key
      if l and l.ind == parent_ind and l.body:match("^%- ") or (l and l.ind == parent_ind and l.body == "-") then
        return parse_block(l.ind)
      end
      return ""
    end
    return parse_block(l.ind)
  end
  parse_block = function(ind)
    local first = lines[pos]
    if first.body:match("^%-%s") or first.body == "-" then
      local seq = {}
      while lines[pos] and lines[pos].ind == ind and (lines[pos].body:match("^%-%s") or lines[pos].body == "-") do
        local l = lines[pos]
        local rest = l.body:gsub("^%-%s*", "")
        if rest == "" then
          pos = pos + 1
          seq[#seq + 1] = nested(ind)
        elseif split_key(rest) and not rest:match("^[\"']") then
          -- "- key: value" starts a mapping whose further keys are indented like the first key
          local kind = ind + (#l.body - #rest)
          lines[pos] = { ind = kind, body = rest, no = l.no }
          seq[#seq + 1] = parse_block(kind)
        else
          pos = pos + 1
          seq[#seq + 1] = scalar(rest, l.no)
        end
      end
      return seq
    end
    local map = {}
    while lines[pos] and lines[pos].ind == ind do
      local l = lines[pos]
      if l.body:match("^%-%s") then break end
      local k, rest = split_key(l.body)
      if not k then error(("line %d: expected 'key: value'"):format(l.no)) end
      if map[k] ~= nil then error(("line %d: key '%s' given twice"):format(l.no, k)) end
      pos = pos + 1
      rest = rest or ""
      if strip_comment(rest) == "" and not rest:match("^[\"']") then
        map[k] = nested(ind)
      else
        map[k] = scalar(rest, l.no)
      end
    end
    if lines[pos] and lines[pos].ind > ind then
      error(("line %d: unexpected indentation"):format(lines[pos].no))
    end
    return map
  end
  if #lines == 0 then return {} end
  local v = parse_block(lines[1].ind)
  if lines[pos] then error(("line %d: unexpected content"):format(lines[pos].no)) end
  return v
end

-- Load every *.yaml file of a directory listing (names given), sorted, as the detector's lexicons array.
function M.load_files(paths)
  table.sort(paths)
  local out = {}
  for _, p in ipairs(paths) do
    local f = assert(io.open(p, "rb"))
    local text = f:read("a")
    f:close()
    local ok, v = pcall(M.parse, text)
    if not ok then error(p .. ": " .. tostring(v), 0) end
    out[#out + 1] = v
  end
  return out
end

-- The lexicon files of a lexicon directory (uses `ls`, only in tests).
function M.load_dir(dir)
  local paths = {}
  local p = io.popen('ls "' .. dir .. '"')
  for name in p:lines() do
    if name:match("%.yaml$") then paths[#paths + 1] = dir .. "/" .. name end
  end
  p:close()
  return M.load_files(paths)
end

return M
