-- Waspada stage detector: compiling lexicon patterns and finding them in a normalised message.
-- (sim/matcher.c does the same in C inside waspada: compile_pattern() and scan(); this file is the reference.)
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

local find, sub, gmatch, byte = string.find, string.sub, string.gmatch, string.byte

local M = {}
M.__index = M

local GAP = 4              -- how many words "..." may skip
local CAND_MAX = 100000    -- the per-word candidate cache is dropped when it grows past this

-- Make an empty pattern set that normalises with `norm` (a normaliser from detector.normalise).
function M.new(norm)
  return setmetatable({ norm = norm, by_word = {}, by_prefix = {}, cand = {}, cand_n = 0, count = 0,
                        list = {}, wslot = {}, pdesc = {}, gslot = {} }, M)   -- slots are shared, read-only
end

-- The whitespace-separated parts of a pattern, without a leading "^" (cached; a shared array, do not modify),
-- and whether it had one.
local split_cache, split_n = {}, 0
function M.split(text)
  local r = split_cache[text]
  if r then return r, r.anchored end
  local anchored = byte(text, 1) == 94
  r = { anchored = anchored }
  local n = 0
  for part in gmatch(anchored and sub(text, 2) or text, "%S+") do n = n + 1; r[n] = part end
  if split_n >= 20000 then split_cache = {}; split_n = 0 end
  split_cache[text] = r; split_n = split_n + 1
  return r, anchored
end

-- Compile one pattern string for `owner` (a signal, benign group, negation or hesitation record).
-- Returns nil and a message when the pattern cannot be used.
function M:add(text, owner)
  local norm = self.norm
  local wslot, pdesc = self.wslot, self.pdesc
  local slots, ns = {}, 0
  local buf, nb = nil, 0
  local parts, anchored = M.split(text)
  if anchored then text = sub(text, 2) end                                     -- "^"
  for pi = 1, #parts + 1 do
    local part = parts[pi]
    -- what a part is, worked out once per distinct part: a slot (gap, a|b, word*), false (nothing), or the
    -- array of its canonical words
    local d
    if part then d = pdesc[part] end
    if d == nil and part then
      if byte(part, 1) == 46 and (part == "..." or find(part, "^%.%.%.%d$")) then
        local max = tonumber(sub(part, 4)) or GAP
        d = self.gslot[max]
        if not d then d = { kind = "g", max = max }; self.gslot[max] = d end
      elseif find(part, "|", 1, true) then
        local set, list, any = {}, {}, false
        for a in gmatch(part, "[^|]+") do
          local ws = norm:words_shared(a)
          if ws[1] then set[ws[1]] = true; any = true end
        end
        for w in pairs(set) do list[#list + 1] = w end
        d = any and { kind = "a", set = set, list = list } or false
      elseif #part > 1 and byte(part, -1) == 42 then                          -- "word*"
        local p = norm:basic(sub(part, 1, -2))
        d = p ~= "" and { kind = "p", w = p } or false
      else
        d = norm:words_shared(part)
      end
      pdesc[part] = d
    end
    if d == nil or (d and d.kind) or d == false then
      if nb > 0 then                                 -- words so far, with known phrases rewritten
        local ws = nb == 1 and buf or norm:rewrite(buf)
        for i = 1, #ws do
          local w = ws[i]
          local sl = wslot[w]
          if not sl then sl = { kind = "w", w = w }; wslot[w] = sl end
          ns = ns + 1; slots[ns] = sl
        end
        buf, nb = nil, 0
      end
      if d then
        if d.kind ~= "g" then ns = ns + 1; slots[ns] = d
        elseif ns > 0 and slots[ns].kind ~= "g" then ns = ns + 1; slots[ns] = d end
      end
    else
      for i = 1, #d do
        if nb == 0 then buf = {} end
        nb = nb + 1; buf[nb] = d[i]
      end
    end
  end
  while ns > 0 and slots[ns].kind == "g" do slots[ns] = nil; ns = ns - 1 end
  if ns == 0 then return nil, "pattern has no words: " .. text end
  local first = slots[1]
  local entry = { slots = slots, n = ns, owner = owner, text = text, anchored = anchored }
  if first.kind == "w" then
    local l = self.by_word[first.w] or {}; self.by_word[first.w] = l; l[#l + 1] = entry
  elseif first.kind == "a" then
    local list = first.list
    for i = 1, #list do
      local w = list[i]
      local l = self.by_word[w] or {}; self.by_word[w] = l; l[#l + 1] = entry
    end
  else
    self.by_prefix[#self.by_prefix + 1] = entry
  end
  self.count = self.count + 1
  entry.index = self.count          -- list: every pattern in order (sim/matcher.c numbers them the same)
  self.list[self.count] = entry
  if self.cand_n > 0 or next(self.cand) then self.cand = {}; self.cand_n = 0 end
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
    -- try the next slot at k, k+1, ... k+max; a next slot that is a plain word or a choice of words is
    -- checked here first (same result as the recursive call failing at once, only cheaper)
    local nx = slots[j + 1]
    local nk = nx.kind
    local nw, nset = nx.w, nx.set
    local r
    for kk = k, k + sl.max do
      if kk > k and (kk - 1 >= n or (kk - 1 > start and B[kk - 1])) then return nil end
      local w = W[kk]
      if nk == "w" then
        if w == nw then
          r = match(slots, j + 1, ns, W, B, n, kk, start)
          if r then return r end
        end
      elseif nk == "a" then
        if w ~= nil and nset[w] then
          r = match(slots, j + 1, ns, W, B, n, kk, start)
          if r then return r end
        end
      else
        r = match(slots, j + 1, ns, W, B, n, kk, start)
        if r then return r end
      end
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
-- sim/matcher.c scan() does the same in C, in the same order; change both together.
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
