-- The scenario library's coverage, from the scenario files themselves (through `waspada list
-- --json`, so stages and categories are the detector's, not the authors' claims). Issue 6's
-- numbers: each language has at least 12 scenarios, the same ids in both; at least 5 game, 3 chat
-- room and 3 messenger scenarios; at least 4 benign ones (3/4 of their questions are about fine
-- messages); every stage in at least 4 scenarios, every category in at least 2; 15-40 steps and
-- 5-12 minutes each; boys and girls aged 10-16.
-- Usage: waspada list --json | lua5.4 tests/coverage.lua
local by_lang, failures = {}, 0

local function fail(msg) failures = failures + 1; print("FAIL " .. msg) end

-- The value of a scalar or string field in one JSON line.
local function field(line, key)
  local v = line:match('"' .. key .. '":"([^"]*)"') or line:match('"' .. key .. '":(%-?%d+)')
  return tonumber(v) or v
end

-- The strings of an array field.
local function strings(line, key)
  local out, body = {}, line:match('"' .. key .. '":%[(.-)%]')
  for s in (body or ""):gmatch('"([^"]*)"') do out[#out + 1] = s end
  return out
end

for line in io.lines() do
  local s = { id = field(line, "id"), lang = field(line, "lang"), platform = field(line, "platform"),
              questions = field(line, "questions") or 0, fine = field(line, "fine_questions") or 0,
              messages = field(line, "messages") or 0, minutes = field(line, "minutes") or 0,
              age = field(line, "persona_age") or 0, gender = field(line, "persona_gender"),
              stages = strings(line, "stages"), categories = strings(line, "categories") }
  -- The before/after quick check (scenarios/quiz/) is not part of the course.
  if not s.id:match("^quiz%-") then
    by_lang[s.lang] = by_lang[s.lang] or {}
    table.insert(by_lang[s.lang], s)
  end
end

local STAGES = { "trust", "isolation", "sexualization", "control", "extortion" }
local CATEGORIES = { "flattery", "gifts", "personal-questions", "only-me", "secrecy", "turning-away",
                     "going-private", "who-is-around", "romance-body", "photos", "meeting", "guilt",
                     "threats-leave", "threats-share", "demands" }
local ids = {}
for _, lang in ipairs({ "id", "en" }) do
  local list = by_lang[lang] or {}
  local platforms, benign, stage_n, cat_n, genders = {}, 0, {}, {}, {}
  ids[lang] = {}
  for _, s in ipairs(list) do
    ids[lang][s.id] = true
    platforms[s.platform] = (platforms[s.platform] or 0) + 1
    if s.questions > 0 and s.fine * 4 >= s.questions * 3 then benign = benign + 1 end
    for _, st in ipairs(s.stages) do stage_n[st] = (stage_n[st] or 0) + 1 end
    for _, c in ipairs(s.categories) do cat_n[c] = (cat_n[c] or 0) + 1 end
    if s.gender then genders[s.gender] = true end
    if s.messages < 15 or s.messages > 40 then fail(("%s/%s: %d steps (want 15-40)"):format(lang, s.id, s.messages)) end
    if s.minutes < 5 or s.minutes > 12 then fail(("%s/%s: %d minutes (want 5-12)"):format(lang, s.id, s.minutes)) end
    if s.age < 10 or s.age > 16 then fail(("%s/%s: persona aged %d (want 10-16)"):format(lang, s.id, s.age)) end
  end
  local function want(cond, msg) if not cond then fail(lang .. ": " .. msg) end end
  want(#list >= 12, ("%d scenarios (want at least 12)"):format(#list))
  want((platforms.game or 0) >= 5, ("%d game scenarios (want 5)"):format(platforms.game or 0))
  want((platforms.chatroom or 0) >= 3, ("%d chat room scenarios (want 3)"):format(platforms.chatroom or 0))
  want((platforms.messenger or 0) >= 3, ("%d messenger scenarios (want 3)"):format(platforms.messenger or 0))
  want(benign >= 4, ("%d benign scenarios (want 4)"):format(benign))
  want(genders.boy and genders.girl, "personas should include boys and girls")
  for _, st in ipairs(STAGES) do
    want((stage_n[st] or 0) >= 4, ("stage %s in %d scenarios (want 4)"):format(st, stage_n[st] or 0))
  end
  for _, c in ipairs(CATEGORIES) do
    want((cat_n[c] or 0) >= 2, ("category %s in %d scenarios (want 2)"):format(c, cat_n[c] or 0))
  end
  print(("%s: %d scenarios, %d game, %d chat room, %d messenger, %d benign"):format(lang, #list,
    platforms.game or 0, platforms.chatroom or 0, platforms.messenger or 0, benign))
end
for id in pairs(ids.en or {}) do if not (ids.id or {})[id] then fail("'" .. id .. "' has no Indonesian version") end end
for id in pairs(ids.id or {}) do if not (ids.en or {})[id] then fail("'" .. id .. "' has no English version") end end
print(failures == 0 and "coverage ok" or (failures .. " coverage problems"))
os.exit(failures == 0 and 0 or 1)
