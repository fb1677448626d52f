-- Waspada stage detector: text normalisation.
--
-- sim/matcher.c does all of this in C inside waspada (compiling: new/add_vocab/finish/words_of; per message:
-- run/resolve); this file is the reference, used by tests/eval.lua --self and tests/detector/run.lua, and
-- compared with the C by tests/detector-native.sh. Change both together.
--
-- Turns a chat message into an array of canonical words, each remembering the byte range of the ORIGINAL text
-- it came from, so that evidence spans can point back into what the learner actually saw.
--
-- Steps (all driven by the lexicon's `normalise:` data, nothing language-specific is hard-coded here):
--   1. lower-case, split into tokens (letters/digits, and emoji/other UTF-8 characters one by one);
--   2. join spelled-out words ("s e c r e t", "s.e.c.r.e.t") back into one token;
--   3. per token: apostrophes dropped, slang/abbreviations expanded, leetspeak undone ("s3cr3t"), repeated
--      letters collapsed ("pleaseee" -> "plese"; patterns get the same treatment, so both sides agree), and
--      affixes/clitics stripped towards a word the lexicon knows ("merahasiakan" -> "rahasia");
--   4. multi-word phrases rewritten to one canonical form ("you are" -> "your", "orang tua" -> "ortu").
-- Every step is applied identically to lexicon patterns when they are compiled, so text and patterns always
-- meet in the same canonical form, even where that form is not a real word.

local find, sub, gsub, gmatch, byte, lower = string.find, string.sub, string.gsub, string.gmatch, string.byte,
    string.lower

local M = {}
M.__index = M

local MIN_STEM = 3          -- a stripped word must keep at least this many bytes
local CACHE_MAX = 200000    -- the per-token cache is dropped when it grows past this (memory stays flat)
local EMPTY = {}

-- Drop apostrophes and undo leetspeak in one lower-cased token (no dictionary).
local function prep(self, t)
  if not find(t, "%A") then return t end          -- letters only: nothing to do (the common case)
  if find(t, "'", 1, true) then t = gsub(t, "'", "") end
  -- leetspeak only inside words: "s3cr3t" yes, "13" or "13yo" no (ages and numbers must survive)
  local leet = self.leet
  if find(t, "%a[%d@$]") then
    local p = find(t, "%a")
    t = sub(t, 1, p) .. gsub(sub(t, p + 1), "[%d@$]", leet)
  elseif find(t, "^[@$]%a") then
    t = gsub(sub(t, 1, 1), "[@$]", leet) .. sub(t, 2)
  end
  return t
end

-- "pleaseee", "sooo", "nggak": runs of one letter become a single letter (patterns get the same).
-- Lua patterns cannot repeat a back-reference, so halve the runs until none is left.
-- Pure, so memoised (bounded): the back-reference search is the costliest step of compiling a lexicon.
local collapsed, ncollapsed = {}, 0
local function collapse(t)
  local r = collapsed[t]
  if r then return r end
  r = t
  while find(r, "(%a)%1") do r = gsub(r, "(%a)%1", "%1") end
  if ncollapsed >= 50000 then collapsed = {}; ncollapsed = 0 end
  collapsed[t] = r; ncollapsed = ncollapsed + 1
  return r
end

-- prep() then collapse(): the dictionary-free canonical form of a token.
local function basic(self, t)
  return collapse(prep(self, t))
end

-- Candidate stems of a word, most likely first: up to two suffix layers, then up to two prefix layers (with
-- the sound restoration Indonesian needs: "mengirim" -> "irim" or "kirim"). Fills `out`, returns the count.
local function candidates(self, t, out)
  local n = 0
  local layer, nl = { t }, 1
  for _ = 1, 2 do                                     -- "rahasiakannya" -> "rahasiakan" -> "rahasia"
    local nxt, nn = {}, 0
    for i = 1, nl do
      local b = layer[i]
      for _, s in ipairs(self.suffixes) do
        local ls = #s
        if #b - ls >= MIN_STEM and sub(b, -ls) == s then
          nn = nn + 1; nxt[nn] = sub(b, 1, -ls - 1)
          n = n + 1; out[n] = nxt[nn]
        end
      end
    end
    if nn == 0 then break end
    layer, nl = nxt, nn
  end
  local cnt = n
  for i = 1, cnt do                                   -- "hiding" -> "hid" -> "hide"
    for _, r in ipairs(self.suffix_restore) do n = n + 1; out[n] = out[i] .. r end
  end
  local pool, np = { t }, 1                           -- prefixes, on the word and on its suffix-stripped forms
  for i = 1, cnt do np = np + 1; pool[np] = out[i] end
  for _ = 1, 2 do                                     -- "memperlihatkan": mem- then per-
    local nxt, nn = {}, 0
    for pi = 1, np do
      local b = pool[pi]
      for _, p in ipairs(self.prefixes) do
        local lp = #p
        if #b - lp >= MIN_STEM and sub(b, 1, lp) == p then
          local rest = sub(b, lp + 1)
          n = n + 1; out[n] = rest; nn = nn + 1; nxt[nn] = rest
          local rs = self.prefix_restore[p]
          if rs then
            for _, r in ipairs(rs) do n = n + 1; out[n] = r .. rest; nn = nn + 1; nxt[nn] = r .. rest end
          end
        end
      end
    end
    if nn == 0 then break end
    pool, np = nxt, nn
  end
  return n
end

-- Make a normaliser for one language from merged `normalise:` tables (see lua/lexicon/*.yaml).
function M.new(data)
  local self = setmetatable({
    leet = {}, raw_slang = {}, slang = {}, phrases_by_last = {},
    prefixes = {}, suffixes = {}, prefix_restore = {}, suffix_restore = {},
    canon = {}, vocab_prep = {}, vseen = {}, cache = {}, cache_n = 0, scratch = {}, slang_exact = {},
    clitics = {}, inflections = {},
  }, M)
  for _, d in ipairs(data) do
    for k, v in pairs(d.leet or {}) do self.leet[k] = v end
    for _, p in ipairs(d.prefixes or {}) do self.prefixes[#self.prefixes + 1] = lower(p) end
    for _, s in ipairs(d.suffixes or {}) do self.suffixes[#self.suffixes + 1] = lower(s) end
    if d.reduplication_mark then self.redup = tostring(d.reduplication_mark) end
    for _, x in ipairs(d.inflections or {}) do self.inflections[#self.inflections + 1] = lower(x) end
    for suffix, words in pairs(d.clitics or {}) do
      local ws = {}
      for w in gmatch(lower(tostring(words)), "%S+") do ws[#ws + 1] = w end
      self.clitics[#self.clitics + 1] = { suffix = lower(suffix), words = ws }
    end
    for _, s in ipairs(d.suffix_restore or {}) do self.suffix_restore[#self.suffix_restore + 1] = lower(s) end
    for p, list in pairs(d.prefix_restore or {}) do
      if type(list) == "string" then list = { list } end
      self.prefix_restore[lower(p)] = list
    end
  end
  -- longest affixes first, so "meng" is tried before "me"
  local function bylen(a, b) if #a ~= #b then return #a > #b end return a < b end
  table.sort(self.prefixes, bylen); table.sort(self.suffixes, bylen)
  table.sort(self.clitics, function(a, b) return bylen(a.suffix, b.suffix) end)
  self.data = data
  return self
end

-- Register the words the lexicon uses, so that stemming knows which forms to aim for. Call before finish().
function M:add_vocab(word)
  local vs = self.vseen
  if vs[word] then return end             -- idempotent: a word seen before changes nothing
  vs[word] = true
  local p = prep(self, lower(word))
  if p ~= "" and not find(p, "[^%w]") then
    local c = collapse(p)
    self.canon[c] = c
    self.vocab_prep[p] = c        -- stems are looked for before collapsing ("tahunnya" is not "tahu" + "nya")
  end
end

-- Load slang/phrases and index every stripped form of the known words; after this, norm() may be used.
function M:finish()
  local canon = self.canon
  for _, d in ipairs(self.data) do
    for _, v in pairs(d.slang or {}) do
      for w in gmatch(lower(v), "[%w']+") do self:add_vocab(w) end
    end
    for k, v in pairs(d.phrases or {}) do
      for w in gmatch(lower(k .. " " .. v), "[%w']+") do self:add_vocab(w) end
    end
  end
  -- a word that slang rewrites ("usia" -> "umur") is not a stemming target: its rewrite is
  local slang_keys = {}
  for _, d in ipairs(self.data) do
    for k in pairs(d.slang or {}) do slang_keys[basic(self, lower(k))] = true end
  end
  for w in pairs(slang_keys) do canon[w] = nil end
  -- normalise.inflections (English): a lexicon word that is an inflected form of another lexicon word
  -- ("sees" and "see", "kissed" and "kiss") is merged into that root, so any form in a chat meets any form in
  -- a pattern. Decided on a snapshot of the exact words, so the order of the words does not matter.
  if #self.inflections > 0 then
    local exact = {}
    for w, c in pairs(self.vocab_prep) do if canon[c] == c then exact[c] = true end end
    local merge = {}
    local infl, inlast = self.inflections, {}
    for i = 1, #infl do inlast[i] = byte(infl[i], -1) end
    for w, c in pairs(self.vocab_prep) do
      local lw, last = #w, byte(w, -1)
      for ii = 1, #infl do
        local sfx = infl[ii]
        local ls = #sfx
        if last == inlast[ii] and lw - ls >= MIN_STEM and sub(w, -ls) == sfx then
          local stem = sub(w, 1, -ls - 1)
          local root = collapse(stem)
          if not exact[root] then
            for _, r in ipairs(self.suffix_restore) do
              if exact[collapse(stem .. r)] then root = collapse(stem .. r); break end
            end
          end
          if exact[root] and root ~= c then merge[w] = root; break end
        end
      end
    end
    for w, root in pairs(merge) do
      canon[self.vocab_prep[w]] = root
      self.vocab_prep[w] = root
    end
  end
  -- every stripped form of a known word points back to that word (exact words always win)
  local words = {}
  for w in pairs(self.vocab_prep) do words[#words + 1] = w end
  table.sort(words)
  local sfx_list, sfx_len, sfx_last, nsfx = self.suffixes, {}, {}, #self.suffixes
  local sfx_by_last = {}                     -- suffix indices by their last byte, in order
  for si = 1, nsfx do
    sfx_len[si] = #sfx_list[si]
    local b = byte(sfx_list[si], -1)
    if b then
      local l = sfx_by_last[b] or {}; sfx_by_last[b] = l; l[#l + 1] = si
    end
  end
  for _, w in ipairs(words) do
    local target = self.vocab_prep[w]
    if canon[target] then
      target = canon[target]
      -- only suffix-stripped forms of 4+ letters: a chat word may lack an ending the lexicon wrote
      -- ("parent" for "parents"), but a short or prefix-less form is too often another word ("bar" is not
      -- "sebar"); prefixed chat words are still found, by stripping the chat word itself
      for bi = 1, 2 do
        local base = bi == 1 and w or target
        local lb = #base
        local cand = sfx_by_last[byte(base, -1)]
        for ci = 1, cand and #cand or 0 do
          local si = cand[ci]
          local ls = sfx_len[si]
          if lb - ls >= 4 and sub(base, -ls) == sfx_list[si] then
            local c = collapse(sub(base, 1, -ls - 1))
            if canon[c] == nil and not slang_keys[c] then canon[c] = target end
          end
        end
      end
    end
  end
  -- slang: a raw key with digits ("b4", "gr8") is looked up before leetspeak is undone; others after, first
  -- as written ("bf") and then with repeated letters collapsed ("bff" -> "bf" must not undo "bf" = boyfriend,
  -- so a key written exactly like the collapsed form wins); keys are taken in sorted order, so the result
  -- never depends on table order
  for _, d in ipairs(self.data) do
    local keys = {}
    for k in pairs(d.slang or {}) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local list = {}
      for w in gmatch(lower(d.slang[k]), "%S+") do list[#list + 1] = basic(self, w) end
      local lk = lower(k)
      if find(lk, "%d") then
        self.raw_slang[gsub(lk, "'", "")] = list
      else
        local p = prep(self, lk)
        local c = collapse(p)
        self.slang_exact[p] = list
        if p == c or not self.slang[c] then self.slang[c] = list end
      end
    end
  end
  -- phrases: indexed by their last canonical word so they can be rewritten while words are pushed
  for _, d in ipairs(self.data) do
    for k, v in pairs(d.phrases or {}) do
      local from = self:words_of(k)
      local to = self:words_of(v)
      if #from >= 2 then
        local last = from[#from]
        local l = self.phrases_by_last[last]
        if not l then l = {}; self.phrases_by_last[last] = l end
        l[#l + 1] = { from = from, to = to }
      end
    end
  end
  for _, l in pairs(self.phrases_by_last) do
    table.sort(l, function(a, b)
      if #a.from ~= #b.from then return #a.from > #b.from end
      return table.concat(a.from, " ") < table.concat(b.from, " ")
    end)
  end
end

-- Canonical word(s) of one lower-cased token (a slang word's expansion, a lexicon word or the stem of one, or the
-- token tidied); uncached work for norm(). sim/matcher.c resolve() is the same in C: change both together.
local function resolve(self, tok)
  if byte(tok) >= 128 then return { tok } end   -- emoji and other non-ASCII characters stay as they are
  local t = tok
  if find(t, "'", 1, true) then t = gsub(t, "'", "") end
  -- chat-style reduplication ("teman2", "om2") means the plain word here
  local rd = self.redup
  if rd and #t > #rd and sub(t, -#rd) == rd and find(sub(t, -#rd - 1, -#rd - 1), "%a") then
    t = sub(t, 1, -#rd - 1)
  end
  local r = self.raw_slang[t]
  if r then return r end
  local tp = prep(self, t)
  t = collapse(tp)
  r = self.slang_exact[tp] or self.slang[t]
  if r then return r end
  local c = self.canon[t]
  if c then return { c } end
  if t == "" then return EMPTY end
  if find(t, "^%d+$") then return { t } end
  -- a possessive clitic becomes its own word ("fotomu" -> "foto kamu", "ortuku" -> "ortu aku"), so "whose"
  -- survives stemming; only when what is left is a word the lexicon knows
  for _, cl in ipairs(self.clitics) do
    local lc = #cl.suffix
    if #tp - lc >= 2 and sub(tp, -lc) == cl.suffix then
      local bp = sub(tp, 1, -lc - 1)
      local bc = collapse(bp)
      local base = self.slang_exact[bp] or self.slang[bc] or (self.canon[bc] and { self.canon[bc] })
      if base then
        r = {}
        for i = 1, #base do r[i] = base[i] end
        for _, w in ipairs(cl.words) do r[#r + 1] = w end
        return r
      end
    end
  end
  -- strip affixes from the uncollapsed form first ("tahunnya" -> "tahun"), then from the collapsed one
  -- ("secretsss" -> "secrets" -> "secret"); the first known word (or slang word) wins
  local out = self.scratch
  for pass = 1, (tp ~= t) and 2 or 1 do
    local n = candidates(self, pass == 1 and tp or t, out)
    for i = 1, n do
      local w = collapse(out[i])
      c = self.canon[w]
      if c then return { c } end
      -- "temennya" -> "temen" -> "teman"; not a stem of 3 letters or fewer, too often a short chat word by
      -- accident ("dinda" is a name, not "di" + "nda" = "tidak")
      local sl = #w >= 4 and self.slang[w]
      if sl then return sl end
    end
  end
  return { t }
end

-- Canonical word(s) of one lower-cased token; cached, returns a shared array (do not modify).
function M:norm(tok)
  local cache = self.cache
  local r = cache[tok]
  if r then return r end
  r = resolve(self, tok)
  if self.cache_n >= CACHE_MAX then self.cache = {}; self.cache_n = 0; cache = self.cache end
  cache[tok] = r
  self.cache_n = self.cache_n + 1
  return r
end

-- Canonical words of a short string (a pattern or phrase written by a teacher); no spans, no phrase rewriting.
function M:words_of(s)
  local out = {}
  for tok in gmatch(lower(s), "[%w@$']+") do
    for _, w in ipairs(self:norm(tok)) do out[#out + 1] = w end
  end
  for tok in gmatch(s, "[\128-\255]+") do
    for ch in gmatch(tok, utf8.charpattern) do
      if ch ~= "\239\184\143" and ch ~= "\226\128\141" then out[#out + 1] = ch end
    end
  end
  return out
end

-- words_of() for the compiler of lexicon patterns: cached per string, returns a shared array (do not modify).
-- Only valid after finish() (the canonical forms no longer change then).
function M:words_shared(s)
  local wc = self.wcache
  if not wc then wc = {}; self.wcache = wc end
  local r = wc[s]
  if not r then r = self:words_of(s); wc[s] = r end
  return r
end

-- Single ASCII letters (tokens that may be part of a spelled-out word).
local LETTER = {}
for b = 97, 122 do LETTER[string.char(b)] = true end

-- sim/matcher.c matcher_run() does the same in C (the detector uses it when it runs inside waspada); change both
-- together, and run tests/detector-native.sh.
-- Normalise one message into the reusable arrays of `st`: st.w[i] word, st.s[i]/st.e[i] 0-based [s,e) span
-- in `text`, st.brk[i] true when a sentence break comes before word i. Returns the number of words.
function M:run(text, st)
  local low = lower(text)
  -- pass 1: raw tokens (ASCII word runs; non-ASCII characters one by one, so emoji stand alone)
  local rt, rs, re = st.rt, st.rs, st.re
  local nr = 0
  local high = find(low, "[\128-\255]")             -- any non-ASCII byte at all? (most messages: none)
  for s, tok, e in gmatch(low, "()([%w@$'\128-\255]+)()") do
    if not high or not find(tok, "[\128-\255]") then
      nr = nr + 1; rt[nr] = tok; rs[nr] = s; re[nr] = e
    else
      -- mixed token: split into ASCII runs and single UTF-8 characters
      local p = 1
      local L = #tok
      while p <= L do
        local a, b2 = find(tok, "^[%w@$']+", p)
        if a then
          nr = nr + 1; rt[nr] = sub(tok, a, b2); rs[nr] = s + a - 1; re[nr] = s + b2
          p = b2 + 1
        else
          local c1, c2 = find(tok, "^[\192-\255][\128-\191]*", p)
          if not c1 then c1, c2 = p, p end         -- stray continuation byte: keep it alone
          local ch = sub(tok, c1, c2)
          -- variation selector and zero-width joiner carry no meaning on their own
          if ch ~= "\239\184\143" and ch ~= "\226\128\141" then
            nr = nr + 1; rt[nr] = ch; rs[nr] = s + c1 - 1; re[nr] = s + c2
          end
          p = c2 + 1
        end
      end
    end
  end
  -- pass 2: join spelled-out words, normalise, rewrite phrases
  local W, S, E, B = st.w, st.s, st.e, st.brk
  local n = 0
  local i = 1
  local pbl = self.phrases_by_last
  -- sentence-break bytes of the message, in order (bp: position, bnl: is a newline); most messages have few
  local bp, bnl, nb = st.bp, st.bnl, 0
  local b0 = find(low, "[.!?;\n]")
  if b0 then
    for p, c in gmatch(low, "()([.!?;\n])", b0) do nb = nb + 1; bp[nb] = p; bnl[nb] = c == "\n" end
  end
  local bi = 1
  local cache = self.cache
  while i <= nr do
    local tok, ts, te = rt[i], rs[i], re[i]
    local brk = false
    -- a break byte in the gap before this token; a one-byte gap breaks only if it is a newline ("s.e.c")
    if i > 1 and bi <= nb then
      local g0, g1 = re[i - 1], ts - 1
      while bi <= nb and bp[bi] < g0 do bi = bi + 1 end
      if g1 >= g0 and bi <= nb and bp[bi] <= g1 then
        if g1 > g0 or bnl[bi] then brk = true end
      end
    end
    -- "s e c r e t" / "s.e.c.r.e.t" / "d-m": a run of single letters, each followed by the same kind of
    -- one-character separator (spaces, or punctuation); spaced runs need 4 letters ("u r a" stays apart)
    if LETTER[tok] then
      local j = i
      local spaced = nil
      while j < nr and LETTER[rt[j + 1]] and rs[j + 1] - re[j] == 1 do
        local sp = byte(low, re[j]) == 32
        if spaced == nil then spaced = sp elseif spaced ~= sp then break end
        j = j + 1
      end
      local len = j - i + 1
      if (spaced and len >= 4) or (spaced == false and len >= 2) then
        local parts = {}
        for k = i, j do parts[#parts + 1] = rt[k] end
        tok = table.concat(parts); te = re[j]
        i = j
      end
    end
    local ws = cache[tok] or self:norm(tok)
    for k = 1, #ws do
      n = n + 1
      W[n] = ws[k]; S[n] = ts - 1; E[n] = te - 1; B[n] = brk and k == 1
      -- phrase rewriting: does the tail of the word list now spell a known phrase?
      local cands = pbl[ws[k]]
      if cands then
        for _, ph in ipairs(cands) do
          local from = ph.from
          local m = #from
          if n >= m then
            local ok = true
            for q = 1, m do
              if W[n - m + q] ~= from[q] or (q > 1 and B[n - m + q]) then ok = false; break end
            end
            if ok then
              local s0, e0, b0 = S[n - m + 1], E[n], B[n - m + 1]
              n = n - m
              for q = 1, #ph.to do
                n = n + 1; W[n] = ph.to[q]; S[n] = s0; E[n] = e0; B[n] = b0 and q == 1
              end
              break
            end
          end
        end
      end
    end
    i = i + 1
  end
  return n
end

-- Rewrite known phrases inside a plain array of canonical words (used for lexicon patterns); returns a new array.
function M:rewrite(words)
  local W, n = {}, 0
  local pbl = self.phrases_by_last
  for wi = 1, #words do
    local w = words[wi]
    n = n + 1; W[n] = w
    local cands = pbl[w]
    if cands then
      for ci = 1, #cands do
        local ph = cands[ci]
        local m = #ph.from
        if n >= m then
          local ok = true
          for q = 1, m do if W[n - m + q] ~= ph.from[q] then ok = false; break end end
          if ok then
            for q = n - m + 1, n do W[q] = nil end
            n = n - m
            for q = 1, #ph.to do n = n + 1; W[n] = ph.to[q] end
            break
          end
        end
      end
    end
  end
  return W
end

-- The dictionary-free part of normalisation (apostrophes, leetspeak, repeated letters), for pattern prefixes.
function M:basic(s) return basic(self, lower(s)) end

-- Fresh reusable arrays for run().
function M.state()
  return { rt = {}, rs = {}, re = {}, w = {}, s = {}, e = {}, brk = {}, bp = {}, bnl = {} }
end

return M
