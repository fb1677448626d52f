-- Waspada stage detector: reads a conversation message by message and says which grooming stage each message
-- shows, the warning-sign categories and lexicon signals behind it, where the evidence is, how sure it is, and
-- one kind sentence of explanation for a 12-year-old.
--
--   local detector = require("detector")
--   local d = detector.new(lexicons)     -- lexicons: array of parsed lua/lexicon/*.yaml files (+ scenario extras)
--   d:reset()                            -- a new conversation starts
--   local v = d:message(speaker, text, { lang = "id" | "en", persona = true | false })
--   detector.guess_lang(texts), detector.categories(), detector.stages()
--
-- All words, weights, labels and explanations are data (lua/lexicon/*.yaml). This file holds only the rules:
-- how evidence is matched (detector/lexicon.lua), normalised (detector/normalise.lua), cancelled by negation,
-- benign context or speaker role, and weighed with what the same speaker said earlier. docs/detector.md has more.
-- Runs without io/os/debug.

-- Compiling the lexicon, normalising and matching each message, and the learned model run in C
-- (sim/matcher.c, sim/model.c, bound as detector.native by sim/lua-api.c); this file holds the rules.
local native = require("detector.native")

local detector = {}
local Det = {}
Det.__index = Det          -- a table, not a function: every method call looks here

-- d.problems: the lexicon's unusable entries; reading it builds every language first (languages are otherwise
-- built on first use).
local function problems_of(self)
  local function all()
    for _, lang in ipairs(self.order) do local _ = self.langs[lang] end
    return self._problems
  end
  return setmetatable({}, { __index = function(_, i) return all()[i] end, __len = function() return #all() end })
end

local STAGE_ORDER = { "trust", "isolation", "sexualization", "control", "extortion" }
local EMPTY = setmetatable({}, { __newindex = function() error("verdicts are read-only", 2) end })
local RANK = {}
for i, s in ipairs(STAGE_ORDER) do RANK[s] = i end

-- Defaults for the tunable numbers; categories.yaml `settings:` may override each.
local DEFAULTS = {
  threshold = 0.5,          -- a stage needs at least this score to be the verdict
  context_weight = 0.2,     -- how much earlier evidence of a boosting stage adds
  context_max = 0.25,       -- cap on that boost
  hesitation_window = 4,    -- messages after the child hesitates during which pushing counts as pressure
  benign_window = 4,        -- messages during which a speaker's harmless topic (a surprise party) still explains a secret
  negation_reach = 3,       -- how many words before a signal a negation may stand
  stage_bonus = 0.05,       -- per stage rank, added when choosing between stages that both passed
}

-- The registry of the most recently loaded lexicons, for detector.categories()/stages()/guess_lang().
local last_meta

-- Function words for guessing the language when no lexicon has been loaded yet.
local FALLBACK_WORDS = {
  id = { "yang", "aku", "kamu", "gak", "ga", "nggak", "aja", "dong", "sih", "kok", "udah", "mau", "ini", "itu",
         "sama", "apa", "wkwk", "gw", "lu", "deh", "ya", "di", "dan", "tidak", "bisa", "lagi", "jangan" },
  en = { "the", "you", "and", "is", "are", "to", "what", "it", "my", "your", "that", "do", "me", "for", "have",
         "this", "so", "with", "just", "can", "don't", "ur", "u", "im" },
}

-- Read a number from YAML (scalars arrive as strings).
local function num(v, default)
  local n = tonumber(v)
  if n == nil then return default end
  return n
end

-- Read a boolean from YAML ("true"/"false" strings, or real booleans).
local function bool(v, default)
  if v == nil then return default end
  if type(v) == "boolean" then return v end
  v = tostring(v):lower()
  return v == "true" or v == "yes" or v == "1"
end

-- A YAML value that should be a list: a lone string becomes a one-element list.
local function list(v)
  if v == nil then return {} end
  if type(v) ~= "table" then return { v } end
  return v
end

-- Collect stages, categories, settings, texts and function words from all lexicon files (later files win).
local function collect_meta(lexicons)
  local meta = { stages = {}, stage_by_id = {}, categories = {}, cat_by_id = {}, settings = {}, texts = {},
                 function_words = {} }
  for k, v in pairs(DEFAULTS) do meta.settings[k] = v end
  for _, lx in ipairs(lexicons) do
    if type(lx) == "table" then
      for _, s in ipairs(list(lx.stages)) do
        if type(s) == "table" and RANK[s.id] then
          local old = meta.stage_by_id[s.id]
          local rec = { id = s.id, label = s.label or (old and old.label) or {},
                        boosted_by = list(s.boosted_by or (old and old.boosted_by)) }
          meta.stage_by_id[s.id] = rec
        end
      end
      for _, c in ipairs(list(lx.categories)) do
        if type(c) == "table" and type(c.id) == "string" and RANK[c.stage] then
          local rec = { id = c.id, stage = c.stage, label = c.label or {}, hint = c.hint or {},
                        ignore_roles = {} }
          for _, r in ipairs(list(c.ignore_roles)) do rec.ignore_roles[r] = true end
          if not meta.cat_by_id[c.id] then meta.categories[#meta.categories + 1] = c.id end
          meta.cat_by_id[c.id] = rec
        end
      end
      if type(lx.settings) == "table" then
        for k, v in pairs(lx.settings) do
          if DEFAULTS[k] ~= nil then meta.settings[k] = num(v, DEFAULTS[k]) end
        end
      end
      if type(lx.texts) == "table" then
        for k, v in pairs(lx.texts) do meta.texts[k] = v end
      end
      if type(lx.language) == "string" and type(lx.function_words) == "table" then
        local fw = meta.function_words[lx.language] or {}
        for _, w in ipairs(lx.function_words) do fw[#fw + 1] = tostring(w) end
        meta.function_words[lx.language] = fw
      end
    end
  end
  for _, id in ipairs(STAGE_ORDER) do
    local s = meta.stage_by_id[id] or { id = id, label = { en = id, id = id }, boosted_by = {} }
    meta.stage_by_id[id] = s
    meta.stages[#meta.stages + 1] = s
  end
  return meta
end

-- Whether earlier evidence from this speaker (or the child's recent "no") would boost this stage.
local function boostable(meta, sp, stage, recent_hes)
  local st = meta.stage_by_id[stage]
  if not st then return false end
  for _, b in ipairs(st.boosted_by) do
    if b == "hesitation" then
      if recent_hes then return true end
    elseif (sp.prior[b] or 0) > 0 then
      return true
    end
  end
  return false
end

-- A language's lexicon entries from its files, in order: its normaliser data, signals (a later file may replace
-- a signal with the same id: a scenario refining the lexicon), benign groups and word lists. Unusable signals
-- are listed in problems.
local function read_entries(files, meta, problems)
  local ndata = {}
  for _, lx in ipairs(files) do
    if type(lx.normalise) == "table" then ndata[#ndata + 1] = lx.normalise end
  end
  local sigs, sig_by_id = {}, {}
  local benign, negations, hesitations, roles, benign_negations, neg_exc_words = {}, {}, {}, {}, {}, {}
  local playful = {}
  for _, lx in ipairs(files) do
    for _, s in ipairs(list(lx.signals)) do
      if type(s) == "table" and type(s.id) == "string" then
        local cat = meta.cat_by_id[s.category]
        local stage = s.stage or (cat and cat.stage)
        if not cat or not RANK[stage] or (cat and cat.stage ~= stage) then
          problems[#problems + 1] = "signal " .. s.id .. ": unknown category or stage"
        else
          local rec = { id = s.id, stage = stage, rank = RANK[stage], category = s.category,
                        weight = math.max(0, math.min(1, num(s.weight, 0.6))), patterns = list(s.patterns),
                        explanation = s.explanation or {}, unless = list(s.unless), needs = s.needs,
                        negatable = bool(s.negatable, true), kind = "signal" }
          -- not_with: categories that, found in the same message, take this signal's place ("pay me in gift
          -- cards or ..." is a demand, not a gift)
          local nw = list(s.not_with)
          if #nw > 0 then
            rec.not_with = {}
            for _, c in ipairs(nw) do rec.not_with[tostring(c)] = true end
          end
          if sig_by_id[s.id] then
            for i, old in ipairs(sigs) do if old.id == s.id then sigs[i] = rec end end
          else
            sigs[#sigs + 1] = rec
          end
          sig_by_id[s.id] = rec
        end
      end
    end
    for _, b in ipairs(list(lx.benign)) do
      if type(b) == "table" and type(b.id) == "string" then
        benign[#benign + 1] = { id = b.id, patterns = list(b.patterns), explanation = b.explanation or {},
                                kind = "benign", window = tonumber(b.window),
                                unsuspected = bool(b.unsuspected, false), playful = bool(b.playful, false) }
      end
    end
    for _, p in ipairs(list(lx.negations)) do negations[#negations + 1] = p end
    for _, p in ipairs(list(lx.hesitations)) do hesitations[#hesitations + 1] = p end
    for _, p in ipairs(list(lx.playful)) do playful[#playful + 1] = p end
    for _, p in ipairs(list(lx.benign_negations)) do benign_negations[#benign_negations + 1] = p end
    for _, p in ipairs(list(lx.negation_exceptions)) do neg_exc_words[#neg_exc_words + 1] = p end
    if type(lx.roles) == "table" then
      for role, words in pairs(lx.roles) do
        for _, w in ipairs(list(words)) do roles[#roles + 1] = { role = role, word = w } end
      end
    end
  end
  return { ndata = ndata, sigs = sigs, benign = benign, negations = negations, hesitations = hesitations,
           roles = roles, benign_negations = benign_negations, neg_exc_words = neg_exc_words, playful = playful }
end

-- Compile a language's patterns in C (sim/matcher.c): L.fast, the matcher, and L.owner_of, pattern number ->
-- the signal, benign group or word list it belongs to. A pattern with no words is listed in problems.
local function compile_patterns(lang, E, problems)
  -- every pattern in the order it is compiled, and what it belongs to
  local NEG, HES, BNEG, PLAY = { kind = "negation" }, { kind = "hesitation" }, { kind = "benign-negation" },
    { kind = "playful" }
  local texts, owners, wheres = {}, {}, {}
  local function want(ps, owner, where)
    for j = 1, #ps do
      local n = #texts + 1
      texts[n], owners[n], wheres[n] = tostring(ps[j]), owner, where
    end
  end
  local sigs, benign = E.sigs, E.benign
  for i = 1, #sigs do want(sigs[i].patterns, sigs[i], "signal " .. sigs[i].id) end
  for i = 1, #benign do want(benign[i].patterns, benign[i], "benign " .. benign[i].id) end
  want(E.negations, NEG, "negation"); want(E.benign_negations, BNEG, "benign negation")
  want(E.hesitations, HES, "hesitation"); want(E.playful, PLAY, "playful")
  local function no_words(i)
    local t = texts[i]
    if string.byte(t, 1) == 94 then t = string.sub(t, 2) end
    problems[#problems + 1] = wheres[i] .. ": pattern has no words: " .. t
  end
  -- the C compiles the lexicon and matches
  local L = { lang = lang }
  local index
  L.fast, index = native.compile(E.ndata, texts)
  L.owner_of = {}
  for i = 1, #texts do
    if index[i] > 0 then L.owner_of[index[i]] = owners[i] else no_words(i) end
  end
  L.words_of = function(s) return native.words_of(L.fast, s) end
  return L
end

-- The sets of canonical words the rules look up: speaker roles ("Mum", "Ibu", "Coach"), negation
-- exceptions, possessives, function words, and the benign groups by id.
local function word_sets(L, E, files)
  L.role_of = {}
  for _, r in ipairs(E.roles) do
    for _, w in ipairs(L.words_of(tostring(r.word))) do L.role_of[w] = r.role end
  end
  L.neg_exc = {}
  for _, w in ipairs(E.neg_exc_words) do
    for _, x in ipairs(L.words_of(tostring(w))) do L.neg_exc[x] = true end
  end
  -- words that make a family word someone's ("my mum", "ibu aku"): then it is not the child calling someone
  L.not_vocative = {}
  for _, w in ipairs({ "my", "your", "his", "her", "their", "our", "aku", "saya", "kamu", "dia", "gue", "gw" }) do
    for _, x in ipairs(L.words_of(w)) do L.not_vocative[x] = true end
  end
  -- words after which a family word is what the child talks about, not whom the child talks to ("sama ayah ibu
  -- sama nenek", "there is grandma", "with my aunt"): the answer to "who is at home?" must not make the asker family
  for _, w in ipairs({ "sama", "sm", "ama", "dan", "and", "with", "w", "n", "ke", "di", "to", "at", "dengan",
                       "dgn", "bareng", "ada", "cuma", "only", "just", "or", "atau", "the", "is", "tinggal",
                       "kecuali", "except", "ask", "tanya", "bilang", "tell", "told" }) do
    for _, x in ipairs(L.words_of(w)) do L.not_vocative[x] = true end
  end
  -- function words ("you", "the", "yang"), never shown alone as the model's evidence
  L.function_word = {}
  for _, lx in ipairs(files) do
    for _, w in ipairs(list(lx.function_words)) do
      for _, x in ipairs(L.words_of(tostring(w))) do L.function_word[x] = true end
    end
  end
  L.benign_by_id = {}
  for _, b in ipairs(E.benign) do L.benign_by_id[b.id] = b end
end

-- Build the matcher of one language: its normaliser, and its signals, benign groups, negations, hesitations, roles.
local function build_lang(lang, files, meta, problems)
  local E = read_entries(files, meta, problems)
  local L = compile_patterns(lang, E, problems)
  word_sets(L, E, files)
  return L
end

-- Create a detector from parsed lexicon files. Files without `language:` (shared data, a scenario's own
-- signals) apply to every language. Unusable entries are skipped and listed in d.problems.
function detector.new(lexicons)
  lexicons = lexicons or {}
  local meta = collect_meta(lexicons)
  last_meta = meta
  local langs_seen, order = {}, {}
  for _, lx in ipairs(lexicons) do
    if type(lx) == "table" and type(lx.language) == "string" and not langs_seen[lx.language] then
      langs_seen[lx.language] = true; order[#order + 1] = lx.language
    end
  end
  if #order == 0 then order[1] = "en" end
  local self = setmetatable({ meta = meta, langs = {}, _problems = {}, pending = {}, order = order }, Det)
  -- a language's matcher is built the first time it is used (most runs need only one language)
  local pending = self.pending
  for _, lang in ipairs(order) do
    local files = {}
    for _, lx in ipairs(lexicons) do
      if type(lx) == "table" and (lx.language == nil or lx.language == lang) then files[#files + 1] = lx end
    end
    pending[lang] = files
  end
  setmetatable(self.langs, { __index = function(t, lang)
    local files = pending[lang]
    if not files then return nil end
    pending[lang] = nil
    local L = build_lang(lang, files, meta, self._problems)
    rawset(t, lang, L)
    return L
  end })
  self.default_lang = pending.en and "en" or order[1]
  -- per-message scratch, reused so that a long transcript does not churn tables
  self.hits = {}; self.nhits = 0
  self.problems = problems_of(self)
  self.hitbuf = {}
  self.given_roles = {}                                           -- speaker -> role from a scenario (Det:set_role)
  self.ctx, self.ctx_seen, self.probs, self.catp = {}, {}, {}, {} -- the model's context features and answer
  self.ctx_gen, self.none_v = 0, {}
  self.other_hits, self.nother = {}, 0                            -- the other language's signals in this message
  self.empty_lex = { stage = "none", final = {}, best_sig = {} }   -- what the lexicon found in a message with no match
  self.fixed_v = { none = {}, persona = {} }                      -- the C matcher's matches: pattern, first word, last word, ...
  self.negs = {}; self.nnegs = 0
  self.benign_now = {}
  self.benign_hits, self.benign_first, self.nbenign = {}, {}, 0
  self.bnegs, self.nbneg = {}, 0
  self:reset()
  return self
end

-- A new conversation starts: forget every speaker and every topic.
function Det:reset()
  self.conv = { n = 0, speakers = {}, hesitated_at = -100, hesitated_to = false, last_other = false,
                child_words = {}, child_feats = {}, child_at = -100 }
end

-- Every unusable lexicon entry, after building every language: a plain array (for `check`).
function Det:all_problems()
  local out = {}
  for i = 1, #self.problems do out[i] = self.problems[i] end
  return out
end

-- A copy of plain data (the conversation state holds only tables, strings, numbers, booleans).
local function copy(v)
  if type(v) ~= "table" then return v end
  local t = {}
  for k, x in pairs(v) do t[k] = copy(x) end
  return t
end

-- The conversation so far, to come back to: `check` walks each branch of a reply choice from the
-- same point instead of replaying the whole chat for every path.
function Det:snapshot()
  return copy(self.conv)
end

-- Go back to a snapshot (it stays usable for the next branch).
function Det:restore(snap)
  self.conv = copy(snap)
end

-- The current message's k-th canonical word, whether a sentence break comes before it, and the byte span of
-- words first..last in the original text.
function Det:word_at(k) return native.word(self.cur_fast, k) end
function Det:brk_at(k) return native.brk(self.cur_fast, k) end
function Det:span_of(first, last) return native.span(self.cur_fast, first, last) end

-- Remember one pattern match of the current message (called by the matcher).
function Det:_record(o, first, last)
  local kind = o.kind
  if kind == "signal" then
    local n = self.nhits + 1
    self.nhits = n
    local h = self.hits[n]
    if not h then h = {}; self.hits[n] = h end
    h.sig = o; h.first = first; h.last = last
  elseif kind == "negation" then
    -- "kalau tidak" (if not), "mau tidak" (or not?) are not negations of what follows
    if first > 1 and self.cur_neg_exc[self:word_at(first - 1)] then return end
    self.nnegs = self.nnegs + 1
    self.negs[self.nnegs] = last
  elseif kind == "benign" then
    local n = self.nbenign + 1
    self.nbenign = n
    self.benign_hits[n] = o.id; self.benign_first[n] = first
  elseif kind == "benign-negation" then
    self.nbneg = self.nbneg + 1
    self.bnegs[self.nbneg] = last
  elseif kind == "hesitation" then
    self.hesitant = true
  elseif kind == "playful" then
    self.playful = true
  end
end

-- The role of a speaker ("family", "sibling", "relative", "staff"), cached per conversation. A contact's
-- `role:` in a scenario always decides. Otherwise a name decides only when it is nothing but a family word
-- ("Mama", "Mum ❤️"): an honorific before a name ("Kak Andi", "Om Budi", "Bro Jay") is how children online
-- address any older stranger, so it never makes a speaker family. What the conversation says can (see
-- Det:message: the child calling someone "ma" or "dad").
local MAX_SPEAKERS = 1000  -- speakers one conversation remembers (a 500,000-speaker transcript exhausted memory)

-- Forget the least recently heard half of the speakers (amortised: once per MAX_SPEAKERS / 2 new speakers).
-- The speaker last heard and the one the child last said no to are kept whatever their turn.
local function forget_speakers(conv)
  local order = {}
  for name, sp in pairs(conv.speakers) do order[#order + 1] = { name = name, seen = sp.seen or 0 } end
  table.sort(order, function(a, b) return a.seen > b.seen end)
  local kept, n = {}, 0
  for i, o in ipairs(order) do
    if i <= MAX_SPEAKERS // 2 or o.name == conv.last_other or o.name == conv.hesitated_to then
      kept[o.name] = conv.speakers[o.name]; n = n + 1
    end
  end
  conv.speakers, conv.nspeakers = kept, n
end

local function speaker_state(self, L, speaker)
  local conv = self.conv
  local sp = conv.speakers[speaker]
  if sp then sp.seen = conv.n; return sp end
  if (conv.nspeakers or 0) >= MAX_SPEAKERS then forget_speakers(conv) end
  conv.nspeakers = (conv.nspeakers or 0) + 1
  local role = self.given_roles[speaker]
  if role == nil then
    role = false
    for _, w in ipairs(L.words_of(speaker or "")) do
      local r = L.role_of[w]
      if r and r ~= "staff" and (role == false or role == r) then
        role = r
      elseif w:find("^[%a%d]") then  -- a word that is not a family word: a name, so no role from it
        role = false; break
      end
    end
  end
  sp = { role = role, prior = {}, suspicion = 0, benign_at = {}, nmsg = 0, asked = 0, seen = conv.n }
  if role == "family" or role == "sibling" then self.conv.family_seen = true end
  for _, s in ipairs(STAGE_ORDER) do sp.prior[s] = 0 end
  self.conv.speakers[speaker] = sp
  return sp
end

-- Forget the roles a scenario gave (the next scenario has its own contacts).
function Det:clear_roles()
  self.given_roles = {}
end

-- A scenario contact's role (free text: "mum", "sepupu, 15 tahun", "coach", "stranger"): its first word decides,
-- and a peer word anywhere in it makes a peer, so "friend's older cousin" and "sepupu teman" are not family; a first word that is no role ("stranger", "says he is
-- 16") means no role at all, whatever the name says.
-- The role is read in the scenario's language only: building the other language's lexicon for it would cost
-- every `play` a second lexicon (1.3 MB, measured).
function Det:set_role(speaker, role_text, lang)
  local role = false
  local L = self.langs[lang] or self.langs[self.default_lang]
  local ws = L.words_of(tostring(role_text or ""))
  if ws[1] and L.role_of[ws[1]] then role = L.role_of[ws[1]] end
  -- "sepupu teman" (a friend's cousin) is a peer's relative, not the child's
  for _, w in ipairs(ws) do if L.role_of[w] == "peer" then role = "peer" end end
  if role == "relative" then role = "family" end   -- the author says so: no need to wait for other family
  self.given_roles[speaker] = role
end

-- Pick a text in `lang` from a {id=..., en=...} table, falling back to English, then to any language.
local function text_in(t, lang)
  if type(t) ~= "table" then return t end
  if t[lang] then return t[lang] end
  if t.en then return t.en end
  for _, v in pairs(t) do return v end
  return nil
end

-- Is a signal match cancelled by a negation just before it ("I would never ask you for ...")?
-- A negation reaches neither past the end of a sentence nor past a comma: "I'd never hurt you, you can trust me"
-- still says "you can trust me".
local function negated(self, first, text)
  local reach = self.meta.settings.negation_reach
  for i = 1, self.nnegs do
    local e = self.negs[i]
    if e < first and first - e <= reach then
      local ok = true
      for k = e + 1, first do
        if self:brk_at(k) then ok = false; break end
        local _, prev_end = self:span_of(k - 1, k - 1)
        local start = self:span_of(k, k)
        if start > prev_end and string.find(string.sub(text, prev_end + 1, start), ",", 1, true) then
          ok = false; break
        end
      end
      if ok then return true end
    end
  end
  return false
end

-- The verdict of every message of a kind ("none": nothing matched, "persona": the child's own line) in a
-- language, made once and shared: callers only read verdicts.
function Det:fixed(kind, lang, confidence)
  local by_lang = self.fixed_v[kind]
  local v = by_lang[lang]
  if not v then
    v = { stage = "none", categories = {}, signals = {}, spans = {}, confidence = confidence,
          explanation = text_in(self.meta.texts[kind], lang) or "" }
    by_lang[lang] = v
  end
  return v
end

-- Does the text have a small word of another language ("the", "you"; "yang", "aku")? Only then is it read
-- with that language's lexicon too: most messages are in one language, and building and running a second
-- lexicon for every session costs 1.3 MB and a second matching (measured).
function Det:looks_mixed(lang, text)
  local sets = self.fw_raw
  if not sets then
    sets = {}
    for l, words in pairs(self.meta.function_words) do
      local set = {}
      for _, w in ipairs(words) do set[string.lower(w)] = true end
      sets[l] = set
    end
    self.fw_raw = sets
  end
  for _, l in ipairs(self.order) do
    local set = sets[l]
    if l ~= lang and set and native.has_word(set, text) then return true end
  end
  return false
end

-- The language that is not `lang` (the first other one with a lexicon), built on first use; nil with one.
function Det:other_lang(lang)
  for _, l in ipairs(self.order) do
    if l ~= lang then return self.langs[l] end
  end
  return nil
end

-- The learned model (sim/model.c), loaded the first time a message needs it; false when there is none
-- (WASPADA_MODEL=none, or no model file): the lexicon then decides alone. A damaged model file is an error.
function Det:model()
  local md = self.md
  if md == nil then
    md = native.model()
    if md then
      local cls = {}
      for i, name in ipairs(native.classes(md)) do cls[name] = i end
      self.cls, self.none_ci, self.stage_ci, self.cat_list, self.mine = cls, cls.none or 0, {}, {}, {}
      for i, s in ipairs(STAGE_ORDER) do self.stage_ci[i] = cls[s] or 0 end
      for _, id in ipairs(self.meta.categories) do
        local cat = self.meta.cat_by_id[id]
        table.insert(self.cat_list, { id = id, ci = cls[id] or 0, ignore_roles = cat.ignore_roles })
      end
    else
      md = false   -- switched off, or no model file: the lexicon decides alone
    end
    self.md = md
  end
  return md
end

local MODEL = {
  other_stage = 0.35,   -- a second stage joins the verdict's evidence from this probability
  category = 0.5,       -- a category counts from this probability
  lexicon_category = 0.25, -- a category the lexicon found, of another stage, counts from this probability
  lexicon_sure = 0.8,    -- on a speaker's first message, a lexicon verdict this sure stands ...
  model_sure = 0.95,     -- ... unless the model is this sure of "none"
  evidence = 3,         -- at most this many words are shown as the model's evidence for one category
}

-- Feature names, made once: "x:sig:" .. id would build a new string for every message. Only for names from
-- the lexicon (bounded); a chat's own words are never kept here.
local FEATURE = setmetatable({}, { __index = function(t, prefix)
  local names = setmetatable({}, { __index = function(u, id) local f = prefix .. id; rawset(u, id, f); return f end })
  rawset(t, prefix, names)
  return names
end })

-- Add feature f to the message's context once (seen[f] holds the number of the message that added it last). Only
-- for features that can repeat within a message (a lexicon signal found twice, a word the child said twice);
-- the others are added once by construction.
local function add_feature(self, f, n)
  local seen, gen = self.ctx_seen, self.ctx_gen
  if seen[f] ~= gen then
    seen[f] = gen
    n = n + 1
    self.ctx[n] = f
  end
  return n
end

local F_LANG, F_ROLE, F_PREV, F_LEX = FEATURE["x:lang:"], FEATURE["x:role:"], FEATURE["x:prev:"], FEATURE["x:lex:"]
local F_SIG, F_CAT, F_CUT, F_MIX = FEATURE["x:sig:"], FEATURE["x:cat:"], FEATURE["x:cut:"], FEATURE["x:mix:"]
local F_BENIGN = FEATURE["x:benign:"]

-- The context features of a message for the model: what the lexicon found and cancelled, who speaks, what
-- this speaker showed before (the lexicon's memory, so that training and use see the same thing). This runs
-- for every message, so it is written for speed: no closures, no new strings.
local function context(self, L, sp, lang, text, lex)
  local ctx, n = self.ctx, 2
  ctx[1] = F_LANG[lang]
  ctx[2] = F_ROLE[sp.role or "none"]
  -- A speaker's first messages: an opener that goes straight to a request reads differently from the same words
  -- deep in a friendship. (Not how many speakers: the quiz's twelve contacts, a scenario's separate chats and a
  -- quoted line must not change verdict with the cast; measured, a group feature gained nothing.)
  if sp.asked > 0 then n = n + 1; ctx[n] = "x:asked" end
  if sp.nmsg == 0 then n = n + 1; ctx[n] = "x:first" elseif sp.nmsg < 3 then n = n + 1; ctx[n] = "x:early" end
  if string.find(text, "?", 1, true) then n = n + 1; ctx[n] = "x:q" end
  if lex.recent_hes then n = n + 1; ctx[n] = "x:hes" end
  local prior, threshold = sp.prior, self.meta.settings.threshold
  for i = 1, #STAGE_ORDER do
    local s = STAGE_ORDER[i]
    if prior[s] >= threshold then n = n + 1; ctx[n] = F_PREV[s] end
  end
  if lex.stage ~= "none" then n = n + 1; ctx[n] = F_LEX[lex.stage] end
  local conv = self.conv
  local child = conv.n - conv.child_at <= 2 and #conv.child_feats > 0
  if self.nhits > 0 or self.nother > 0 then
    self.ctx_gen = self.ctx_gen + 1
    if self.ctx_gen % 1024 == 0 then self.ctx_seen = {} end   -- old marks would pile up over a long chat
    for i = 1, self.nhits do
      local h = self.hits[i]
      if h.ok or h.dup then
        n = add_feature(self, F_SIG[h.sig.id], n); n = add_feature(self, F_CAT[h.sig.category], n)
      else
        n = add_feature(self, F_CUT[h.sig.category], n)
      end
    end
    for i = 1, self.nother do n = add_feature(self, F_MIX[self.other_hits[i].sig.category], n) end
  end
  -- (sorted: a table's order changes from run to run, and `make train` must give the same model every time)
  if next(self.benign_now) then
    local topics = {}
    for id in pairs(self.benign_now) do topics[#topics + 1] = id end
    table.sort(topics)
    for _, id in ipairs(topics) do n = n + 1; ctx[n] = F_BENIGN[id] end
  end
  -- what the child said just before (one or two messages back): a "no" makes the next push pressure
  -- (these two lists hold each word once, native.prefixed sees to it, and no other feature starts with "h:" or
  -- "p:": they are appended as they are, without add_feature's check, which was a tenth of detect's time)
  if child then
    local cf = conv.child_feats
    table.move(cf, 1, #cf, n + 1, ctx); n = n + #cf
  end
  -- this speaker's previous message's words (a request split over two messages)
  local pf = sp.pfeats
  if pf then
    table.move(pf, 1, #pf, n + 1, ctx); n = n + #pf
  else
    pf = {}; sp.pfeats = pf
  end
  native.prefixed(self.cur_fast, "p:", 16, pf)
  for i = n + 1, #ctx do ctx[i] = nil end
  return ctx
end

-- The verdict when the model is there: the model decides the stage and the categories, reading the lexicon's
-- findings among its features; a lexicon signal the model never saw (a teacher's new signal, a scenario's
-- own) keeps its verdict. The evidence is the lexicon's where it found the category, else the words that
-- pushed the model most. docs/detector.md, "How the lexicon and the model combine".
function Det:combine(md, L, sp, lang, text, lex)
  local meta, cls, probs = self.meta, self.cls, self.probs
  local ctx = context(self, L, sp, lang, text, lex)
  if self.keep_features then self.last_features = native.features(self.cur_fast, ctx) end
  if md then native.predict(md, self.cur_fast, ctx, probs) end
  local first = sp.nmsg == 0
  sp.nmsg = sp.nmsg + 1
  if string.find(text, "?", 1, true) then sp.asked = sp.asked + 1 end
  if not md then return nil end  -- the lexicon decides alone
  -- the likeliest stage (a stage's class index in the model is looked up once, in Det:model)
  local sci = self.stage_ci
  local best, bp = "none", probs[self.none_ci] or 0
  for i = 1, #STAGE_ORDER do
    local q = probs[sci[i]] or 0
    if q > bp then best, bp = STAGE_ORDER[i], q end
  end
  if best == "none" and lex.stage ~= "none" then
    local sig, f = lex.best_sig[lex.stage], lex.final[lex.stage]
    if sig and not native.knows(md, "x:sig:" .. sig.id) then
      best, bp = lex.stage, f
    elseif first and f >= MODEL.lexicon_sure and bp < MODEL.model_sure then
      -- with nothing before it from this speaker (a line quoted on its own, the opening of a chat), a sure
      -- lexicon finding stands unless the model is surer that nothing is wrong: the model learned from whole
      -- conversations, which seldom open with a warning sign
      best, bp = lex.stage, (f + (probs[cls[lex.stage] or 0] or 0)) / 2
    end
  end
  if best == "none" then
    local cb = lex.cancelled_by
    local expl = cb and L.benign_by_id[cb] and text_in(L.benign_by_id[cb].explanation, lang)
    local pct = math.floor(bp * 100 + 0.5)
    if expl then
      return { stage = "none", categories = EMPTY, signals = EMPTY, spans = EMPTY, confidence = pct / 100,
               explanation = expl }
    end
    -- most messages: a verdict made once per language and confidence, shared (callers only read verdicts)
    local by_pct = self.none_v[lang]
    if not by_pct then by_pct = {}; self.none_v[lang] = by_pct end
    local v = by_pct[pct]
    if not v then
      v = { stage = "none", categories = EMPTY, signals = EMPTY, spans = EMPTY, confidence = pct / 100,
            explanation = text_in(meta.texts.none, lang) or "" }
      by_pct[pct] = v
    end
    return v
  end
  -- each category's probability once, with the signs this speaker's role makes ordinary (a parent asking "are
  -- you home?") at 0, for the model too
  local role = sp.role
  if role == "relative" then role = self.conv.family_seen and "family" or false end
  local catp, cl = self.catp, self.cat_list
  for i = 1, #cl do
    local c = cl[i]
    catp[c.id] = (role and c.ignore_roles[role]) and 0 or (probs[c.ci] or 0)
  end
  local by_stage = meta.cats_of_stage
  if not by_stage then
    by_stage = {}
    for _, id in ipairs(meta.categories) do
      local st = meta.cat_by_id[id].stage
      by_stage[st] = by_stage[st] or {}
      table.insert(by_stage[st], id)
    end
    meta.cats_of_stage = by_stage
  end
  -- the lexicon's hits by category; those only the other language's lexicon found are evidence, not a vote
  local lexcat, mixed = EMPTY, EMPTY
  if self.nhits > 0 or self.nother > 0 then
    lexcat, mixed = {}, {}
    for i = 1, self.nhits do
      local h = self.hits[i]
      if h.ok or h.dup then
        local c = h.sig.category
        lexcat[c] = lexcat[c] or {}
        table.insert(lexcat[c], h)
      end
    end
    for i = 1, self.nother do
      local h = self.other_hits[i]
      local c = h.sig.category
      if not lexcat[c] or mixed[c] then
        mixed[c] = true
        lexcat[c] = lexcat[c] or {}
        table.insert(lexcat[c], h)
      end
    end
  end
  -- the stages that count: the verdict's, then the others in stage order; a sign of another stage counts when
  -- the model sees that sign, or the lexicon found it and the model finds it or its stage plausible
  local categories, signals, spans, seen = {}, {}, {}, {}
  local sci, mine = self.stage_ci, self.mine
  for si = 0, #STAGE_ORDER do
    local s = si == 0 and best or STAGE_ORDER[si]
    if si > 0 and s == best then goto next_stage end
    for i = #mine, 1, -1 do mine[i] = nil end
    local ps = si == 0 and 1 or (probs[sci[si]] or 0)
    for _, id in ipairs(by_stage[s] or EMPTY) do
      local q = catp[id]
      if q >= MODEL.category or (lexcat[id] and not mixed[id] and
          (si == 0 or ps >= MODEL.other_stage or q >= MODEL.lexicon_category)) then
        mine[#mine + 1] = id
      end
    end
    if #mine == 0 and si == 0 then   -- the verdict's stage always names its likeliest sign
      local top, topp = nil, 0
      for _, id in ipairs(by_stage[s] or EMPTY) do
        if catp[id] > topp then top, topp = id, catp[id] end
      end
      if not top then   -- every sign of the stage is ordinary from this speaker
        return { stage = "none", categories = {}, signals = {}, spans = {}, confidence = 0.5,
                 explanation = text_in(meta.texts.none, lang) or "" }
      end
      mine[1] = top
    end
    if #mine > 1 then
      table.sort(mine, function(a, b)
        local ka, kb = catp[a] + (lexcat[a] and 1 or 0), catp[b] + (lexcat[b] and 1 or 0)
        if ka ~= kb then return ka > kb end
        return a < b
      end)
    end
    for _, c in ipairs(mine) do
      if not seen[c] then
        seen[c] = true
        categories[#categories + 1] = c
        if lexcat[c] then
          for _, h in ipairs(lexcat[c]) do
            if not seen[h.sig.id] then seen[h.sig.id] = true; signals[#signals + 1] = h.sig.id end
            spans[#spans + 1] = h.span or { self:span_of(h.first, h.last) }
          end
        else
          signals[#signals + 1] = "model." .. c
          -- the words that pushed it most, but not "you", "the", "yang" unless nothing else did
          local ks, shown = native.evidence(md, self.cur_fast, cls[c] or 0), 0
          for pass = 1, 2 do
            for _, k in ipairs(ks) do
              local fw = L.function_word[self:word_at(k)] and true or false
              if shown < MODEL.evidence and fw == (pass == 2) then
                spans[#spans + 1] = { self:span_of(k, k) }; shown = shown + 1
              end
            end
            if shown > 0 then break end
          end
        end
      end
    end
    ::next_stage::
  end
  table.sort(spans, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] > b[2]) end)
  local merged = {}
  for _, sp2 in ipairs(spans) do
    local m = merged[#merged]
    if m and sp2[1] <= m[2] + 1 then
      if sp2[2] > m[2] then m[2] = sp2[2] end
    else
      merged[#merged + 1] = { sp2[1], sp2[2] }
    end
  end
  -- the explanation: the lexicon's sentence for the main sign when it found it, else the sign's kind hint
  local main, expl = categories[1], nil
  local best_h
  for _, h in ipairs(lexcat[main] or {}) do
    if not best_h or h.sig.weight > best_h.sig.weight then best_h = h end
  end
  if best_h then expl = text_in(best_h.sig.explanation, lang) end
  if not expl then
    local cat = meta.cat_by_id[main]
    expl = cat and text_in(cat.hint, lang) or ""
  end
  return { stage = best, categories = categories, signals = signals, spans = merged,
           confidence = math.floor(bp * 100 + 0.5) / 100, explanation = expl }
end

-- A code-mixed message: the other language's lexicon reads it too, so that a wrong language guess does not
-- hide a sign from the model. Its signals (before any rule) are features and, where the model agrees,
-- evidence; the rules see only the message's own language's.
local function scan_other_lang(self, lang, text)
  local O = self:other_lang(lang)
  if O then
    local _, nh = native.scan(O.fast, text, self.hitbuf)
    local hb = self.hitbuf
    for i = 3, 3 * nh, 3 do
      local o = O.owner_of[hb[i - 2]]
      if o and o.kind == "signal" then
        local n = self.nother + 1
        self.nother = n
        local h = self.other_hits[n] or {}
        self.other_hits[n] = h
        h.sig, h.ok, h.span = o, true, { native.span(O.fast, hb[i - 1], hb[i]) }
      end
    end
  end
end

-- Harmless topics of this message (a homework photo, a family trip) for this speaker, unless negated.
local function note_benign(self, L, sp)
  local bn, conv = self.benign_now, self.conv
  -- they count unless negated right before ("a photo of you, not your homework")
  for i = 1, self.nbenign do
    local first, neg = self.benign_first[i], false
    -- a `playful` group counts only with a laughter marker in the same message ("pay me back ... lol")
    local g = L.benign_by_id[self.benign_hits[i]]
    if g and g.playful and not self.playful then neg = true end
    for j = 1, self.nbneg do
      local e = self.bnegs[j]
      if e < first and first - e <= 2 then neg = true; break end
    end
    if not neg then
      bn[self.benign_hits[i]] = true
      self.bn_dirty = true
      sp.benign_at[self.benign_hits[i]] = conv.n
    end
  end
end

-- The child's own line: never a warning sign, but a "no" or "I'm not sure" makes later pushing pressure, and
-- the child calling someone "mum" says who that is.
local function child_line(self, L, lang)
  local conv = self.conv
  -- a "no" is said to whoever spoke last (not to everyone in a group chat); a "stoppp 😂" is play, not a no
  if self.hesitant and not self.playful then conv.hesitated_at = conv.n; conv.hesitated_to = conv.last_other end
  -- the child's words, for the model reading the next messages ("no", "my mum says", "im not sure")
  local cw, n = conv.child_words, 0
  for k = 1, 24 do
    local w = self:word_at(k)
    if not w then break end
    n = n + 1; cw[n] = w
  end
  for k = n + 1, #cw do cw[k] = nil end
  native.prefixed(self.cur_fast, "h:", 24, conv.child_feats)
  conv.child_at = conv.n
  -- the child calling someone "mum" or "ayah" says who that is (a name like "Kak Andi" never does): a family
  -- word as the last word of a short answer ("ok mum", "iya ma"), not after "my" ("my mum says no" is about
  -- the mother, said to whoever the child is talking to)
  local other = conv.last_other and conv.speakers[conv.last_other]
  if other and not other.role and self.given_roles[conv.last_other] == nil and n >= 1 and n <= 8 then
    local last, before = cw[n], cw[n - 1]
    if L.role_of[last] == "family" and not (before and L.not_vocative[before]) then
      other.role = "family"; conv.family_seen = true
    end
  end
  -- (no features: the model never sees the child's own lines, so `make train` does not learn from them either;
  -- a child's "ok i won't tell anyone" would teach it that "tell anyone" is harmless)
  return self:fixed("persona", lang, 0.95)
end

-- Weigh each surviving signal of the message: negated, explained away by a harmless topic, ordinary from this
-- speaker's role, or waiting for context are cancelled (the first harmless topic that cancelled one is kept
-- for a kind "none" explanation). Returns each stage's score (1 - prod(1 - w)), its strongest signal and
-- that topic.
local function weigh_hits(self, L, sp, text, recent_hes)
  local meta, set, conv, bn = self.meta, self.meta.settings, self.conv, self.benign_now
  local score = {}                      -- stage -> 1 - prod(1 - w)
  local best_sig = {}                   -- stage -> strongest signal
  local cancelled_by
  self.serial = (self.serial or 0) + 1
  local conv_serial = self.serial
  local present = {}                    -- categories of the signals that survived, for `not_with`
  for i = 1, self.nhits do
    local h = self.hits[i]
    local sig = h.sig
    local ok = true
    h.dup = false
    if sig.negatable and self.nnegs > 0 and negated(self, h.first, text) then ok = false end
    if ok then
      for _, u in ipairs(sig.unless) do
        local at = sp.benign_at[u]
        local g = L.benign_by_id[u]
        local window = g and g.window or set.benign_window
        -- (an `unsuspected` topic explains nothing away once this speaker has shown a warning sign)
        if (bn[u] or (at and conv.n - at <= window)) and not (g and g.unsuspected and sp.suspicion > 0) then
          ok = false; cancelled_by = cancelled_by or u; break
        end
      end
    end
    if ok and sp.role then
      -- a `relative` name ("Om Budi") is family only in a conversation where a family member also speaks;
      -- strangers call themselves "om" too
      local role = sp.role
      if role == "relative" then role = conv.family_seen and "family" or false end
      local cat = meta.cat_by_id[sig.category]
      if role and cat and cat.ignore_roles[role] then ok = false end
    end
    if ok and sig.needs == "hesitation" and not recent_hes then ok = false end
    if ok and sig.needs == "context" and sp.suspicion < set.threshold then ok = false end
    h.ok = ok
    -- a weak sign (below the threshold) only pushes others aside (`not_with`) when it could count here, i.e.
    -- when this speaker's earlier evidence boosts its stage: "kirim pulsa" is a gift out of nowhere, a demand
    -- after a threat
    if ok and (sig.weight >= set.threshold or boostable(meta, sp, sig.stage, recent_hes)) then
      present[sig.category] = true
    end
  end
  for i = 1, self.nhits do
    local h = self.hits[i]
    local sig = h.sig
    local ok = h.ok
    if ok and sig.not_with then
      for c in pairs(sig.not_with) do if present[c] then ok = false; break end end
    end
    if ok and sig.seen == conv_serial then ok = false; h.dup = true end  -- one signal counts once per message
    h.ok = ok
    if ok then
      sig.seen = conv_serial
      local s = sig.stage
      score[s] = 1 - (1 - (score[s] or 0)) * (1 - sig.weight)
      if not best_sig[s] or sig.weight > best_sig[s].weight then best_sig[s] = sig end
    end
  end
  return score, best_sig, cancelled_by
end

-- Each stage's final certainty: its score, made more certain by earlier evidence from this speaker of the
-- stages that lead to it. Returns the verdict's stage (or nil), every stage's certainty and the highest.
local function stage_scores(self, sp, score, recent_hes)
  local meta, set = self.meta, self.meta.settings
  local verdict, top, vadj = nil, 0, -1
  local final = {}
  for _, s in ipairs(STAGE_ORDER) do
    local base = score[s]
    if base then
      local boost = 0
      for _, b in ipairs(meta.stage_by_id[s].boosted_by) do
        if b == "hesitation" then
          if recent_hes then boost = boost + set.context_weight end
        elseif sp.prior[b] then
          boost = boost + set.context_weight * sp.prior[b]
        end
      end
      if boost > set.context_max then boost = set.context_max end
      local f = base + boost
      if f > 0.99 then f = 0.99 end
      final[s] = f
      -- the strongest stage wins; a small bonus per stage lets the more advanced stage win near-ties
      -- ("send me a pic, just between us" is about the photo more than the secret)
      local adj = f + set.stage_bonus * RANK[s]
      if f >= set.threshold and adj > vadj then verdict = s; vadj = adj end
      if f > top then top = f end
    end
  end
  return verdict, final, top
end

-- The lexicon's own verdict (without the model): the signals of every stage that passed, the verdict's stage
-- first, then by stage order, with their spans merged and the strongest signal's explanation.
local function lexicon_verdict(self, verdict, final, best_sig, lang)
  local meta, set = self.meta, self.meta.settings
  local categories, signals, spans, seen_cat, seen_sig = {}, {}, {}, {}, {}
  local function take(stage)
    for i = 1, self.nhits do
      local h = self.hits[i]
      local sig = h.sig
      if (h.ok or h.dup) and sig.stage == stage then
        if not seen_sig[sig.id] then seen_sig[sig.id] = true; signals[#signals + 1] = sig.id end
        if not seen_cat[sig.category] then seen_cat[sig.category] = true; categories[#categories + 1] = sig.category end
        spans[#spans + 1] = { self:span_of(h.first, h.last) }
      end
    end
  end
  take(verdict)
  for _, s in ipairs(STAGE_ORDER) do
    if s ~= verdict and final[s] and final[s] >= set.threshold then take(s) end
  end
  -- spans: sorted, overlapping ones merged
  table.sort(spans, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] > b[2]) end)
  local merged = {}
  for _, sp2 in ipairs(spans) do
    local m = merged[#merged]
    if m and sp2[1] <= m[2] then
      if sp2[2] > m[2] then m[2] = sp2[2] end
    else
      merged[#merged + 1] = { sp2[1], sp2[2] }
    end
  end
  local sig = best_sig[verdict]
  local expl = text_in(sig.explanation, lang)
  if not expl then
    local cat = meta.cat_by_id[sig.category]
    expl = cat and text_in(cat.hint, lang) or ""
  end
  return { stage = verdict, categories = categories, signals = signals, spans = merged,
           confidence = math.floor(final[verdict] * 100 + 0.5) / 100, explanation = expl }
end

-- Label one message. See the header for the shape of the verdict.
function Det:message(speaker, text, opts)
  opts = opts or {}
  text = type(text) == "string" and text or tostring(text or "")
  local lang = opts.lang
  local L = self.langs[lang] or self.langs[self.default_lang]
  lang = lang or L.lang
  local conv = self.conv
  local meta, set = self.meta, self.meta.settings
  conv.n = conv.n + 1
  self.last_features = nil
  self.nhits = 0; self.nnegs = 0; self.hesitant = false; self.playful = false; self.nbenign = 0; self.nbneg = 0
  if self.bn_dirty then
    local bn = self.benign_now
    for k in pairs(bn) do bn[k] = nil end
    self.bn_dirty = false
  end
  self.cur_fast = L.fast
  self.cur_neg_exc = L.neg_exc
  do
    local _, nh = native.scan(L.fast, text, self.hitbuf)
    local hb, owner_of = self.hitbuf, L.owner_of
    for i = 3, 3 * nh, 3 do self:_record(owner_of[hb[i - 2]], hb[i - 1], hb[i]) end
  end
  self.nother = 0
  if not opts.persona and (self.keep_features or self:model()) and self:looks_mixed(lang, text) then
    scan_other_lang(self, lang, text)
  end
  speaker = speaker or ""
  local sp = speaker_state(self, L, speaker)
  note_benign(self, L, sp)
  if opts.persona then return child_line(self, L, lang) end
  conv.last_other = speaker
  local md = self:model()
  -- pushing counts as pressure for a few messages after the child said no to this speaker
  local recent_hes = conv.n - conv.hesitated_at <= set.hesitation_window
    and (not conv.hesitated_to or conv.hesitated_to == speaker)
  -- most messages match nothing: without the model, answer at once
  if self.nhits == 0 then
    if not md and not self.keep_features then
      sp.nmsg = sp.nmsg + 1
      return self:fixed("none", lang, 1.0)
    end
    -- nothing matched: no rule has anything to weigh, so the model reads the message with an empty finding
    local lex = self.empty_lex
    lex.recent_hes = recent_hes
    local v = self:combine(md, L, sp, lang, text, lex)
    if v then return v end
    return self:fixed("none", lang, 1.0)
  end

  local score, best_sig, cancelled_by = weigh_hits(self, L, sp, text, recent_hes)
  local verdict, final, top = stage_scores(self, sp, score, recent_hes)
  local lex = { stage = verdict or "none", final = final, best_sig = best_sig, cancelled_by = cancelled_by,
                recent_hes = recent_hes }
  if not verdict then
    local v = self:combine(md, L, sp, lang, text, lex)
    if v then return v end
    local expl = cancelled_by and L.benign_by_id[cancelled_by] and text_in(L.benign_by_id[cancelled_by].explanation, lang)
    return { stage = "none", categories = {}, signals = {}, spans = {},
             confidence = math.floor((1 - top * 0.8) * 100 + 0.5) / 100,
             explanation = expl or text_in(meta.texts.none, lang) or "" }
  end

  -- the model reads what this speaker showed BEFORE this message; then remember this one for the next
  local v = self:combine(md, L, sp, lang, text, lex)
  for s, f in pairs(final) do
    if f >= set.threshold and f > sp.prior[s] then sp.prior[s] = f end
    if f >= set.threshold and f > sp.suspicion then sp.suspicion = f end
  end
  if v then return v end
  return lexicon_verdict(self, verdict, final, best_sig, lang)
end

-- Guess the language of a conversation from its messages by counting common function words.
local fw_sets = setmetatable({}, { __mode = "k" })   -- function-word lists -> their sets, made once
function detector.guess_lang(texts)
  local fw = (last_meta and next(last_meta.function_words)) and last_meta.function_words or FALLBACK_WORDS
  local g = fw_sets[fw]
  if not g then
    -- the languages sorted by name (a tie goes to the first), and each little word with a bit per language
    g = { langs = {}, bits = {} }
    for lang in pairs(fw) do g.langs[#g.langs + 1] = lang end
    table.sort(g.langs)
    for i, lang in ipairs(g.langs) do
      for _, w in ipairs(fw[lang]) do
        w = w:lower()
        g.bits[w] = (g.bits[w] or 0) | (1 << (i - 1))
      end
    end
    fw_sets[fw] = g
  end
  local counts = {}
  for i = 1, #g.langs do counts[i] = 0 end
  for _, t in ipairs(texts or {}) do native.count_words(g.bits, tostring(t), counts) end
  local best, bestn = nil, 0
  for i, lang in ipairs(g.langs) do
    if counts[i] > bestn then best, bestn = lang, counts[i] end
  end
  return best or "en"
end

-- The warning-sign categories, in lexicon order: { id, stage, label = {id=, en=}, hint = {id=, en=} }.
-- Uses the lexicons given, or those of the most recent detector.new().
function detector.categories(lexicons)
  local meta = lexicons and collect_meta(lexicons) or last_meta or collect_meta({})
  local out = {}
  for _, id in ipairs(meta.categories) do
    local c = meta.cat_by_id[id]
    out[#out + 1] = { id = c.id, stage = c.stage, label = c.label, hint = c.hint }
  end
  return out
end

-- The stages in the seed's order (trust .. extortion): { id, label = {id=, en=} }.
function detector.stages(lexicons)
  local meta = lexicons and collect_meta(lexicons) or last_meta or collect_meta({})
  local out = {}
  for _, s in ipairs(meta.stages) do out[#out + 1] = { id = s.id, label = s.label } end
  return out
end

return detector
