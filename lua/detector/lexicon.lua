-- Waspada stage detector: compiling lexicon patterns and finding them in a normalised message.
--
-- Pattern syntax (what a teacher writes in lua/lexicon/*.yaml; see docs/detector.md):
--   words            whole words, matched after the same normalisation as the chat text
--   word*            any word starting with "word" ("pic*" meets pic, pics, picture)
--   a|b|c            any one of these words in this place
--   ...              up to GAP (4) other words in between ("send ... pic" meets "send me a cute pic")
--   ...1 to ...9     up to that many other words in between ("dont ...1 tell" meets "don't go telling")
--   ^ (at the start) only at the start of the message or of a sentence ("^no" is a reply, "no way" inside is not)
-- A pattern never reaches across the end of a sentence.
--
-- Matching is indexed: every pattern is filed under the words its first slot can take, so a message costs one
-- table look-up per word plus a check of the few patterns that start with that word, not a scan of the lexicon.

local find, sub, gmatch = string.find, string.sub, string.gmatch

local M = {}
M.__index = M

local GAP = 4              -- how many words "..." may skip
local CAND_MAX = 100000    -- the per-word candidate cache is dropped when it grows past this

-- Make an empty pattern set that normalises with `norm` (a normaliser from detector.normalise).
function M.new(norm)
  return setmetatable({ norm = norm, by_word = {}, by_prefix = {}, cand = {}, cand_n = 0, count = 0 }, M)
end

-- Every word a pattern mentions (to teach the normaliser which stems to aim for).
function M.pattern_words(p)
  local out = {}
  for part in gmatch(p, "%S+") do
    if not part:match("^%.%.%.%d?$") and sub(part, -1) ~= "*" then
      for alt in gmatch(part, "[^|]+") do out[#out + 1] = alt end
    end
  end
  return out
end

-- Compile one pattern string for `owner` (a signal, benign group, negation or hesitation record).
-- Returns nil and a message when the pattern cannot be used.
function M:add(text, owner)
  local norm = self.norm
  local slots, ns = {}, 0
  local buf = {}
  local anchored = false
  if text:sub(1, 1) == "^" then anchored = true; text = text:sub(2) end
  local function flush()
    if #buf == 0 then return end
    for _, w in ipairs(norm:rewrite(buf)) do ns = ns + 1; slots[ns] = { kind = "w", w = w } end
    buf = {}
  end
  for part in gmatch(text, "%S+") do
    if part == "..." or part:match("^%.%.%.%d$") then
      flush()
      local max = tonumber(part:sub(4)) or GAP
      if ns > 0 and slots[ns].kind ~= "g" then ns = ns + 1; slots[ns] = { kind = "g", max = max } end
    elseif find(part, "|", 1, true) then
      flush()
      local set, any = {}, false
      for alt in gmatch(part, "[^|]+") do
        local ws = norm:words_of(alt)
        if ws[1] then set[ws[1]] = true; any = true end
      end
      if any then ns = ns + 1; slots[ns] = { kind = "a", set = set } end
    elseif #part > 1 and sub(part, -1) == "*" then
      flush()
      local p = norm:basic(sub(part, 1, -2))
      if p ~= "" then ns = ns + 1; slots[ns] = { kind = "p", w = p } end
    else
      for _, w in ipairs(norm:words_of(part)) do buf[#buf + 1] = w end
    end
  end
  flush()
  while ns > 0 and slots[ns].kind == "g" do slots[ns] = nil; ns = ns - 1 end
  if ns == 0 then return nil, "pattern has no words: " .. text end
  local first = slots[1]
  local entry = { slots = slots, n = ns, owner = owner, text = text, anchored = anchored }
  if first.kind == "w" then
    local l = self.by_word[first.w] or {}; self.by_word[first.w] = l; l[#l + 1] = entry
  elseif first.kind == "a" then
    for w in pairs(first.set) do
      local l = self.by_word[w] or {}; self.by_word[w] = l; l[#l + 1] = entry
    end
  else
    self.by_prefix[#self.by_prefix + 1] = entry
  end
  self.count = self.count + 1
  self.cand = {}; self.cand_n = 0
  return entry
end

-- The patterns that may start at word `w`, cached per distinct word, as a node:
--   node.any        patterns to try from their second slot (one-word patterns, or a gap/prefix second slot)
--   node.nxt[w2]    patterns whose second slot is the word w2 (or has w2 among its alternatives), to try from
--                   their third slot; this two-word index keeps the work per word small on long lexicons.
function M:candidates(w)
  local c = self.cand[w]
  if c ~= nil then return c end
  local list = {}
  for _, e in ipairs(self.by_word[w] or {}) do list[#list + 1] = e end
  for _, e in ipairs(self.by_prefix) do
    local p = e.slots[1].w
    if sub(w, 1, #p) == p then list[#list + 1] = e end
  end
  local node = false
  if #list > 0 then
    node = { any = {}, nxt = {} }
    for _, e in ipairs(list) do
      local s2 = e.slots[2]
      if s2 and s2.kind == "w" then
        local l = node.nxt[s2.w] or {}; node.nxt[s2.w] = l; l[#l + 1] = e
      elseif s2 and s2.kind == "a" then
        for w2 in pairs(s2.set) do
          local l = node.nxt[w2] or {}; node.nxt[w2] = l; l[#l + 1] = e
        end
      else
        node.any[#node.any + 1] = e
      end
    end
  end
  if self.cand_n >= CAND_MAX then self.cand = {}; self.cand_n = 0 end
  self.cand[w] = node
  self.cand_n = self.cand_n + 1
  return node
end

-- Try to match slots j.. at word k; returns the index of the last word matched, or nil.
local function match(slots, j, ns, W, B, n, k, start)
  if j > ns then return k - 1 end
  if k > n or (k > start and B[k]) then return nil end
  local sl = slots[j]
  local kind = sl.kind
  if kind == "g" then
    local r = match(slots, j + 1, ns, W, B, n, k, start)
    if r then return r end
    for skip = 1, sl.max do
      local kk = k + skip - 1
      if kk >= n or (kk > start and B[kk]) then return nil end
      r = match(slots, j + 1, ns, W, B, n, kk + 1, start)
      if r then return r end
    end
    return nil
  end
  local w = W[k]
  if kind == "w" then
    if w ~= sl.w then return nil end
  elseif kind == "a" then
    if not sl.set[w] then return nil end
  elseif sub(w, 1, #sl.w) ~= sl.w then
    return nil
  end
  return match(slots, j + 1, ns, W, B, n, k + 1, start)
end

-- Find every pattern in the normalised words of `st` (n words); calls fn(entry, first, last) per match.
function M:scan(st, n, fn)
  local W, B = st.w, st.brk
  local cache = self.cand
  for k = 1, n do
    local node = cache[W[k]]
    if node == nil then node = self:candidates(W[k]); cache = self.cand end
    if node then
      local start_ok = k == 1 or B[k]
      local l = node.any
      for i = 1, #l do
        local e = l[i]
        if not e.anchored or start_ok then
          local last = match(e.slots, 2, e.n, W, B, n, k + 1, k)
          if last then fn(e, k, last) end
        end
      end
      if k < n and not B[k + 1] then
        l = node.nxt[W[k + 1]]
        if l then
          for i = 1, #l do
            local e = l[i]
            if not e.anchored or start_ok then
              local last = match(e.slots, 3, e.n, W, B, n, k + 2, k)
              if last then fn(e, k, last) end
            end
          end
        end
      end
    end
  end
end

return M
