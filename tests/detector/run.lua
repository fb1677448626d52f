-- Unit tests of the Waspada stage detector's lexicon rules, run against its C matcher (the only one) with
-- the learned model left out, so each rule is seen on its own (tests/detector-model.sh tests the two together).
--
--   build/tests/detector-lua tests/detector/run.lua              (lua/lexicon/*.yaml, read by yaml_subset.lua)
--   build/tests/detector-lua tests/detector/run.lua DIR          (another lexicon folder)
--   build/tests/detector-lua tests/detector/run.lua LEXICONS.lua (a Lua file returning the lexicons array)
--
-- The single-message cases are a table, tests/detector/cases.tsv (read below); what needs code or several
-- messages is here. Covers normalisation, every benign look-alike of issue 3, context effects, spans into the
-- original text, persona lines, the module API and odd input. Last line: "N passed, N failed"; exit status 1
-- on failure.

local root = (arg[0]:match("^(.*)/tests/detector/run%.lua$")) or "."
package.path = root .. "/lua/?.lua;" .. root .. "/tests/detector/?.lua;" .. package.path

local detector = require("detector")
local native = require("detector.native")
local Y = require("yaml_subset")

local source = arg[1] or (root .. "/lua/lexicon")
local lexicons
if source:match("%.lua$") then lexicons = dofile(source) else lexicons = Y.load_dir(source) end

local passed, failed = 0, 0

-- Record one check.
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    print("FAIL " .. name .. (detail and ("\n     " .. detail) or ""))
  end
end

local D = detector.new(lexicons)
check("lexicon loads without problems", #D.problems == 0, table.concat(D.problems, "; "))

-- Canonical words of a text in one language, joined by spaces.
local function words(lang, text)
  local fast = D.langs[lang].fast
  local n = native.scan(fast, text, {})
  local out = {}
  for i = 1, n do out[i] = native.word(fast, i) end
  return table.concat(out, " ")
end

-- One message in a fresh conversation.
local function one(lang, speaker, text, persona)
  D:reset()
  return D:message(speaker, text, { lang = lang, persona = persona })
end

-- A conversation: list of {speaker, text, persona}; returns the verdict of the last message.
local function conv(lang, msgs)
  D:reset()
  local v
  for _, m in ipairs(msgs) do v = D:message(m[1], m[2], { lang = lang, persona = m[3] }) end
  return v
end

local function expect_stage(name, v, stage)
  check(name, v.stage == stage, ("got %s [%s]"):format(v.stage, table.concat(v.signals, ",")))
end

----------------------------------------------------------------------------- normalisation
local function same_words(name, lang, a, b)
  local wa, wb = words(lang, a), words(lang, b)
  check("normalise " .. name, wa == wb, ("%q -> %q but %q -> %q"):format(a, wa, b, wb))
end
check("emoji kept", words("en", "ok 🤫 shh"):find("🤫", 1, true) ~= nil, words("en", "ok 🤫 shh"))
check("numbers kept", words("en", "i'm 13") == "im 13", words("en", "i'm 13"))

----------------------------------------------------------------------------- the table of single messages
-- tests/detector/cases.tsv, one case a line, tab-separated: STAGE LANG SPEAKER TEXT NAME (the message alone, in
-- a fresh conversation, gets STAGE), or "same LANG A B NAME" (A and B read as the same canonical words). Lines
-- starting with # are comments: each round's comments say why its rules are there.
do
  local n = 0
  for line in io.lines(root .. "/tests/detector/cases.tsv") do
    n = n + 1
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local f = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
      if #f ~= 5 then
        check("cases.tsv:" .. n .. ": five tab-separated fields", false, line)
      elseif f[1] == "same" then
        same_words(f[5], f[2], f[3], f[4])
      else
        expect_stage(f[5], one(f[2], f[3], f[4]), f[1])
      end
    end
  end
end

----------------------------------------------------------------------------- spans into the original text
do
  local text = "lol ok. DON'T tell ANYONE!!"
  local v = one("en", "X", text)
  local s = v.spans[1]
  check("span exists", s ~= nil)
  if s then
    check("span is 0-based half-open into the original", text:sub(s[1] + 1, s[2]) == "DON'T tell ANYONE",
      ("[%d,%d) = %q"):format(s[1], s[2], text:sub(s[1] + 1, s[2])))
  end
  text = "🤫🤫 keep it s3cr3t ok"
  v = one("en", "X", text)
  s = v.spans[1]
  check("span after emoji (byte offsets)", s and text:sub(s[1] + 1, s[2]):find("s3cr3t", 1, true) ~= nil,
    s and text:sub(s[1] + 1, s[2]) or "no span")
  text = "pls d o n t   t e l l your mum"
  v = one("en", "X", text)
  s = v.spans[1]
  check("span over spaced letters", s and text:sub(s[1] + 1, s[2]) == "d o n t   t e l l your mum",
    s and text:sub(s[1] + 1, s[2]) or "no span")
  text = "Kamu harus MERAHASIAKAN ini dari ortu ya"
  v = one("id", "X", text)
  s = v.spans[1]
  check("span over an affixed word", s and text:sub(s[1] + 1, s[2]) == "MERAHASIAKAN ini dari ortu",
    s and text:sub(s[1] + 1, s[2]) or "no span")
  for _, sp in ipairs(v.spans) do
    check("span within text", sp[1] >= 0 and sp[2] <= #text and sp[1] < sp[2])
  end
end

----------------------------------------------------------------------------- warning signs are found

----------------------------------------------------------------------------- benign look-alikes stay none
local benign = {
  { "en", "Coach_Ryan", "Can your parents confirm in the group if you can make Saturday's match?" },
  { "en", "Coach_Dana", "Please ask your parents to confirm the match on the sign-up sheet" },
  { "en", "Jules", "nice build!" },
  { "en", "Kiki", "gg you played great" },
  { "en", "Kiki", "you're so good at this game" },
  { "en", "CousinEmma", "don't tell grandma, it's a surprise party" },
  { "en", "Mum", "are you home yet?" },
  { "en", "Dad", "Are you alone or is Granny there?" },
  { "en", "Lucas", "send me the homework photo" },
  { "en", "Ella", "I won't tell your parents" },
  { "en", "Mod", "never share photos of yourself with people you don't know" },
  { "id", "Coach_Budi", "Tolong ortu konfirmasi di grup ini bisa ikut pertandingan atau nggak" },
  { "id", "Jojo", "gg main kamu keren bgt tadi" },
  { "id", "Jojo", "bangunan lu mantap" },
  { "id", "SepupuTari", "jangan bilang nenek ya, ini kejutan ulang tahunnya" },
  { "id", "Mama", "udah sampe rumah belum nak?" },
  { "id", "Dina", "kirim foto pr matematika dong" },
  { "id", "Dina", "aku gak akan bilang ortumu kok" },
  { "id", "Mod_Kiki", "jangan share foto diri di sini ya" },
}
for _, b in ipairs(benign) do
  expect_stage("benign: " .. b[3], one(b[1], b[2], b[3]), "none")
end
expect_stage("twin: photo of you not homework",
  one("en", "Stranger", "send me a photo of you, not your homework lol"), "sexualization")

----------------------------------------------------------------------------- context
do
  local cold = one("en", "Sky", "send me a pic")
  local warm = conv("en", {
    { "Sky", "you're so mature for your age" },
    { "Sky", "don't tell your parents we talk, it's our secret" },
    { "Sky", "are your parents home?" },
    { "Sky", "send me a pic" },
  })
  check("photo after secrecy and isolation is more certain", warm.confidence > cold.confidence,
    ("%.2f vs %.2f"):format(warm.confidence, cold.confidence))
  local alone_cold = one("en", "Sky", "are you alone?")
  local alone_warm = conv("en", { { "Sky", "have you ever had a boyfriend?" }, { "Sky", "are you alone?" } })
  check("'are you alone' after romantic talk is more certain", alone_warm.confidence > alone_cold.confidence,
    ("%.2f vs %.2f"):format(alone_warm.confidence, alone_cold.confidence))
  expect_stage("pushing after the child says no is pressure", conv("en", {
    { "Sky", "send me a pic" }, { "Mia", "no i dont want to", true }, { "Sky", "come on, just one" } }), "control")
  expect_stage("id: maksa setelah anak menolak", conv("id", {
    { "Om", "pap dong" }, { "Sari", "gak ah malu", true }, { "Om", "ayolah sekali aja" } }), "control")
  expect_stage("weak sign after warning signs counts", conv("en", {
    { "Sky", "are you home alone right now?" }, { "Mia", "my brother is here", true },
    { "Sky", "is he in your room?" } }), "isolation")
  expect_stage("a surprise mentioned just before explains the secret", conv("en", {
    { "Jo", "we're planning a surprise party for grandma on sunday" }, { "Amy", "yay", true },
    { "Jo", "don't tell her ok?" } }), "none")
  local v = conv("en", { { "Sky", "you're so mature for your age" }, { "Sky", "are you in your room?" } })
  D:reset()
  local after = D:message("Sky", "are you in your room?", { lang = "en" })
  check("reset forgets earlier evidence", v.stage == "isolation" and after.stage == "none",
    v.stage .. " then " .. after.stage)
end

----------------------------------------------------------------------------- broader phrasing (recall round)
expect_stage("one more round is fine", conv("en", {
  { "Sky", "send me a pic of you" }, { "Sky", "one more round then sleep" } }), "none")
expect_stage("one more, after a photo request", conv("en", {
  { "Sky", "send me a pic of you" }, { "Sky", "cute. one more?" } }), "sexualization")
expect_stage("u promised, after pressure", conv("en", {
  { "Sky", "send me a pic of you" }, { "Mia", "no", true }, { "Sky", "relax, u promised" } }), "control")
expect_stage("send them one more (about someone else)", conv("en", {
  { "Jess", "he wrote 'if u tell anyone i'll send ur pics to everyone at ur school'" },
  { "Jess", "maybe i'll just send him one more" } }), "none")
expect_stage("id: kirim pulsa after a threat is a demand", conv("id", {
  { "Om", "aku sebarin foto kamu ke sekolah" }, { "Om", "kirim pulsa sekarang" } }), "extortion")

----------------------------------------------------------------------------- persona lines
expect_stage("persona line is none", one("en", "Mia", "don't tell your parents, send me a pic", true), "none")
expect_stage("persona line is none (id)", one("id", "Sari", "jangan bilang ortu ya", true), "none")

----------------------------------------------------------------------------- verdict shape and explanations
do
  local v = one("id", "Om", "jangan bilang ortu ya")
  check("categories behind the stage", v.categories[1] == "secrecy", table.concat(v.categories, ","))
  check("signal ids", v.signals[1] and v.signals[1]:match("^isolation%.") ~= nil, table.concat(v.signals, ","))
  check("confidence in range", v.confidence > 0 and v.confidence <= 1)
  check("explanation in Indonesian", type(v.explanation) == "string" and v.explanation:find("nggak") ~= nil,
    v.explanation)
  local n = one("en", "Kiki", "gg you played great")
  check("none has a kind sentence", type(n.explanation) == "string" and #n.explanation > 10, n.explanation)
  check("none has empty evidence", #n.signals == 0 and #n.spans == 0 and #n.categories == 0)
  local b = one("en", "Jo", "don't tell grandma, it's a surprise party")
  check("none explains the harmless reason", b.explanation:lower():find("surprise") ~= nil, b.explanation)
  local e = one("en", "Sky", "don't tell your parents")
  check("explanation in English", e.explanation:find("safe friend") ~= nil, e.explanation)
end

----------------------------------------------------------------------------- module API
do
  local cats = detector.categories()
  local want = { "flattery", "gifts", "personal-questions", "only-me", "secrecy", "turning-away", "going-private",
                 "who-is-around", "romance-body", "photos", "meeting", "guilt", "threats-leave", "threats-share",
                 "demands" }
  check("15 categories", #cats == 15, tostring(#cats))
  for i, id in ipairs(want) do
    local c = cats[i] or {}
    check("category " .. id, c.id == id and type(c.label) == "table" and c.label.en and c.label.id and c.hint.en
      and c.hint.id and c.stage ~= nil)
  end
  local st = detector.stages()
  check("5 stages in order", #st == 5 and st[1].id == "trust" and st[5].id == "extortion" and st[3].label.id ~= nil)
  check("guess_lang id", detector.guess_lang({ "eh kamu lagi apa?", "gak tau nih, bosen bgt wkwk" }) == "id")
  check("guess_lang en", detector.guess_lang({ "hey what are you doing?", "nothing much, just bored lol" }) == "en")
  check("guess_lang empty", detector.guess_lang({}) == "en")
end

----------------------------------------------------------------------------- odd input
do
  local ok, v = pcall(one, "en", "X", "")
  check("empty text", ok and v.stage == "none")
  ok, v = pcall(one, "en", "X", "\255\254 s\0e\1cret \192")
  check("invalid UTF-8 and control bytes", ok and type(v.stage) == "string")
  ok, v = pcall(function() D:reset(); return D:message("X", "don't tell anyone") end)
  check("no opts", ok and v.stage == "isolation")
  ok, v = pcall(function() D:reset(); return D:message(nil, "hi", { lang = "xx" }) end)
  check("unknown language and no speaker", ok and v.stage == "none")
  local long = string.rep("abc def ", 50000) .. "send me a pic"
  ok, v = pcall(one, "en", "X", long)
  check("long line", ok and v.stage == "sexualization")
  local extra = { signals = { { id = "isolation.going-private.club", category = "going-private", weight = "0.9",
    patterns = { "secret clubhouse" }, explanation = { en = "A secret clubhouse is private.", id = "Rahasia." } } } }
  local lx = {}
  for i, l in ipairs(lexicons) do lx[i] = l end
  lx[#lx + 1] = extra
  local d2 = detector.new(lx)
  local v2 = d2:message("X", "come to the secret clubhouse", { lang = "en" })
  check("a scenario can add its own signal", v2.stage == "isolation" and v2.signals[1] == "isolation.going-private.club",
    v2.stage .. " " .. table.concat(v2.signals, ","))
end

----------------------------------------------------------------------------- scenario writers' reports
do
  expect_stage("school mention does not explain away 'what are you wearing now'", conv("id", {
    { "Om", "tadi di sekolah gimana?" }, { "Rara", "biasa aja", true }, { "Om", "km lagi pake baju apa skrg?" } }),
    "sexualization")
  expect_stage("hesitation counts only for the partner it was said to", conv("en", {
    { "Jess", "omg look at this" }, { "Mia", "stop", true }, { "Dad", "please bring the washing in" } }), "none")
  expect_stage("a 'no' with a laughing emoji is play", conv("en", {
    { "Kai", "guess what" }, { "Mia", "stoppp 😂", true }, { "Kai", "please" } }), "none")
  expect_stage("pushing after a real no is still pressure", conv("en", {
    { "Kai", "send one more" }, { "Mia", "no i dont want to", true }, { "Kai", "come on, please" } }), "control")
  local v = one("en", "X", "pay me in gift cards or everyone sees the pics")
  check("gift cards under a threat are a demand, not a gift", v.stage == "extortion" and
    not table.concat(v.signals, ","):find("gifts"), table.concat(v.signals, ","))
  expect_stage("a friend's own trouble (en)", conv("en", {
    { "Jess", "i failed maths again" }, { "Jess", "pls don't tell anyone, promise me??" } }), "none")
  expect_stage("a friend's own trouble (id)", conv("id", {
    { "Lita", "rel aku ada masalah" }, { "Lita", "pls jangan bilang siapa2 ya rel. janji??" } }), "none")
  expect_stage("'about us' stays secrecy even after own trouble", conv("en", {
    { "X", "i failed my test lol" }, { "X", "don't tell anyone about us" } }), "isolation")
  expect_stage("own trouble does not excuse a speaker who showed signs", conv("en", {
    { "X", "ur so mature for ur age" }, { "X", "i failed my test" }, { "X", "don't tell anyone ok" } }), "isolation")
end

----------------------------------------------------------------------------- hard look-alikes (after held-out v5)
do
  expect_stage("school-outing words do not excuse a flatterer (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "Mia", "haha thx", true }, { "X", "video call tonight for the history project?" } }),
    "sexualization")
  expect_stage("school-outing words do not excuse a flatterer (id)", conv("id", {
    { "X", "kamu dewasa banget buat umurmu" }, { "Nisa", "hehe makasih", true }, { "X", "nanti vc ya buat proyek sejarah" } }),
    "sexualization")
  expect_stage("own secret does not excuse a flatterer (id)", conv("id", {
    { "X", "kamu cantik banget" }, { "X", "jangan bilang mama aku ya" } }), "isolation")
  expect_stage("a gift after flattery still counts, thanks or not (id)", conv("id", {
    { "X", "kamu dewasa banget buat umurmu" }, { "X", "makasih udah nemenin, aku kirim diamond ya" } }), "trust")
  expect_stage("clan words do not excuse a speaker who showed signs (id)", conv("id", {
    { "X", "jangan bilang ortumu ya" }, { "X", "gabung klan aku, cuma kita aja" } }), "isolation")
end

----------------------------------------------------------------------------- recall round v7 (kinds from v5/v6)
do
  expect_stage("facetime after flattery (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "Mia", "lol", true }, { "X", "facetime tonight when ur parents are asleep?" } }), "sexualization")
  expect_stage("facetime for homework does not excuse a flatterer (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "X", "facetime later for the maths homework, camera on" } }), "sexualization")
  expect_stage("'never mind then' after a photo request (en)", conv("en", {
    { "X", "send me a pic of you" }, { "Mia", "no", true }, { "X", "never mind then" } }), "control")
end

----------------------------------------------------------------------------- look-alike round v8 (kinds from v7)
do
  expect_stage("'snap me a pic of the food' after signs counts (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "X", "dont tell ur mum we talk" }, { "X", "snap me a pic of your dinner" } }), "sexualization")
  expect_stage("a joke debt after a threat still counts (en)", conv("en", {
    { "X", "i'll send our chats to your school" }, { "X", "pay me back by tonight or else lol" } }), "extortion")
  expect_stage("'Om' in a family chat is family (id)", conv("id", {
    { "Mama", "om mau ke rumah ya" }, { "Om", "kamu sendirian di rumah? om bawa martabak" } }), "none")
end

----------------------------------------------------------------------------- recall round v9 prep (kinds from v7/v8)
do
  -- a gift inside a meeting plan is about the meeting (after earlier signs)
  expect_stage("'meet at the cafe, i'll pay, just us' (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "X", "we should meet at the gaming cafe, i'll pay, just us" } }), "sexualization")
  expect_stage("'cari aja orang lain yg mau ngasih skin' (id)", conv("id", {
    { "X", "kirim foto kamu dong" }, { "Kiki", "gak ah", true }, { "X", "yaudah lupain, cari aja orang lain yg mau ngasih skin" } }), "control")
end

----------------------------------------------------------------------------- v9 round (kinds from blind set v9)
do
  -- "you really get me" is weak: it counts after other signs, a friend's snack line stays fine
  expect_stage("'you really understand me' after flattery (en)", conv("en", {
    { "X", "ur so mature for ur age" }, { "X", "you really understand me" } }), "trust")
  -- "fine, ignore me then" right after a no; a tired friend stays fine
  expect_stage("'ok ignore me then' after a no (en)", conv("en", {
    { "X", "send me a pic of u" }, { "Mia", "no", true }, { "X", "ok ignore me then" } }), "control")
  -- told off for slow replies: counts after other signs, not from a friend in a hurry
  expect_stage("'why do u take so long to answer' after a photo request (en)", conv("en", {
    { "X", "send me a pic of u" }, { "X", "why do u take so long to answer" } }), "control")
  expect_stage("'kok balesnya lama banget' after a photo request (id)", conv("id", {
    { "X", "kirim foto kamu dong" }, { "X", "kok balesnya lama banget sih" } }), "control")
  expect_stage("'dont bring sam' after a photo request (en)", conv("en", {
    { "X", "send me a pic of u" }, { "X", "dont bring sam" } }), "sexualization")
  expect_stage("'awas kalau kamu bilang ortu' after a photo request (id)", conv("id", {
    { "X", "kirim foto kamu dong" }, { "X", "awas kalau kamu bilang ortu" } }), "extortion")
  expect_stage("'aku gak bakal nge-judge' after flattery (id)", conv("id", {
    { "X", "kamu cantik banget" }, { "X", "aku gak bakal nge-judge kok" } }), "trust")
end

----------------------------------------------------------------------------- v10 round
-- Kinds of phrasing behind blind set v10's misses and false alarms, and the textbook warning-sign families they
-- belong to; each rule with a line that counts and a friendly look-alike that stays fine. (No v10 sentence here.)
do
  expect_stage("'you owe me 50 quid' after a threat (en)", conv("en", {
    { "X", "i'll send your photos to your class" }, { "X", "you owe me 50 quid, pay me back by tonight" } }), "extortion")
  expect_stage("'tick tock' after a threat (en)", conv("en", {
    { "X", "i'll send your photos to your class" }, { "X", "tick tock" } }), "extortion")
  expect_stage("'nobody would believe you' after a photo request (en)", conv("en", {
    { "X", "send me a photo of you" }, { "X", "nobody would believe you anyway" } }), "control")

  expect_stage("'kamu punya waktu 2 jam' after a threat (id)", conv("id", {
    { "X", "aku sebar fotomu ke semua temanmu" }, { "X", "kamu punya waktu 2 jam" } }), "extortion")
  -- id: salinan yang disimpan, urutan lain
  expect_stage("'videomu masih aku simpan' after a threat (id)", conv("id", {
    { "X", "kalau gak kirim lagi, aku sebar" }, { "X", "videomu masih aku simpan" } }), "extortion")
  expect_stage("'gak bakal ada yang percaya' after a photo request (id)", conv("id", {
    { "X", "kirim fotomu dong" }, { "X", "gak bakal ada yang percaya sama kamu" } }), "control")
end

----------------------------------------------------------------------------- v11 round
do
  expect_stage("'every time you go quiet on me' after a photo request (en)", conv("en", {
    { "X", "send me a pic of you" }, { "Mia", "no", true }, { "X", "every time you go quiet on me i feel like you dont care" } }), "control")

  expect_stage("'gitu doang gak mau' after a no (id)", conv("id", {
    { "X", "nyalain kamera dong" }, { "Raka", "ga ah", true }, { "X", "gitu doang ga mau" } }), "control")
end

----------------------------------------------------------------------------- v12 round
do

  expect_stage("'id love to see how that dress looks on you' after flattery (en)", conv("en", {
    { "X", "you're so mature for your age" }, { "X", "I would love to see how that dress looks on you" } }), "sexualization")
  expect_stage("'has anyone asked you out yet?' after turning away (en)", conv("en", {
    { "X", "your friends don't really get you like i do" }, { "X", "has anyone asked you out yet?" } }), "sexualization")
  expect_stage("'normal at your age to have someone' after turning away (en)", conv("en", {
    { "X", "your friends don't really get you like i do" }, { "X", "its totally normal at your age to have someone" } }), "sexualization")

  expect_stage("'lewat dr itu ya... km tau sendiri' after a threat (id)", conv("id", {
    { "X", "fotomu aku sebar ke grup kelas" }, { "X", "lewat dr itu ya... km tau sendiri" } }), "extortion")
  expect_stage("'kalo vouchernya nyampe, semuanya aman' after a threat (id)", conv("id", {
    { "X", "fotomu aku sebar ke grup kelas" }, { "X", "kalo voucher nya nyampe sebelum jam 9, semuanya aman" } }), "extortion")
end

----------------------------------------------------------------------------- v13 round
do

  expect_stage("'i'll stop talking to you then' after a complaint about answering (en)", conv("en", {
    { "X", "why did you take so long? when I message you, you answer straight away" }, { "Mia", "sorry, dinner", true },
    { "X", "fine, I'll stop talking to you then" } }), "control")
  -- en: "it's normal, everyone our age does it" after a request (sexualization.photos.normal)
  expect_stage("'relax, it's normal, everyone our age does it' after a photo request (en)", conv("en", {
    { "X", "send me a pic of you, it's just for me" }, { "X", "relax, it's normal, everyone our age does it" } }), "sexualization")
  -- en: threats
  expect_stage("'you've got until 9pm or I post it' after a threat naming everyone in your contacts (en)", conv("en", {
    { "X", "if you block me I'll send your photo to everyone in your contacts" }, { "X", "you've got until 9pm tonight or I post it" } }), "extortion")
  expect_stage("'your parents wouldn't understand' after secrecy (en)", conv("en", {
    { "X", "this is just between us ok" }, { "X", "your parents wouldn't understand" } }), "isolation")

  -- id: "itu normal, semua orang juga gitu" sesudah permintaan
  expect_stage("'santai aja, semua org juga gitu kok, itu normal' after a photo request (id)", conv("id", {
    { "X", "kirim foto km dong, buat aku aja" }, { "X", "santai aja, semua org juga gitu kok, itu normal" } }), "sexualization")
  -- id: ancaman dalam ragam resmi dan tenggat
  expect_stage("'top up-in diamond akunku, km cuma punya waktu sampe jam 9' after a threat (id)", conv("id", {
    { "X", "kalo km blokir, fotomu aku sebar ke grup kelasmu" }, { "X", "top up-in diamond akunku, km cuma punya waktu sampe jam 9 malem" } }), "extortion")
end

do -- v14 round: whole arcs over days (each rule: a line that fires and a harmless look-alike)
  expect_stage("'how old r u? im 13 too' after secrecy still counts (en)", conv("en", {
    { "X", "dont tell ur parents we talk ok" }, { "X", "how old r u? im 13 too" } }), "trust")
  expect_stage("'u took 3 hours to answer' after a secret (en)", conv("en", {
    { "X", "dont tell ur mum about me ok" }, { "X", "u took like 3 hours to answer me" } }), "control")
  -- en: relax + gift is a sweetener; joking debts; a themed outfit; a long surprise plan
  expect_stage("'relax, i'll get u the skin' after a threat is trust (en)", conv("en", {
    { "X", "send the pic or i tell ur mum" }, { "X", "relax lol. i'll get u the dragon skin this weekend" } }), "trust")
  expect_stage("'relax, you said you would' after pushing still counts (en)", conv("en", {
    { "X", "send me a pic of u" }, { "Mia", "no", true }, { "X", "relax, you said you would" } }), "control")
  local surprise = { { "Amy", "dont tell dad ok, its a surprise, his 50th is on sunday" } }
  for i = 1, 7 do surprise[#surprise + 1] = { "Amy", "ok the cake is ordered" } end
  surprise[#surprise + 1] = { "Amy", "and delete this chat after, he reads my phone" }
  expect_stage("a surprise plan keeps explaining 'delete this chat' a few days on (en)", conv("en", surprise), "none")
  expect_stage("'delete this chat' after a warning sign is not a surprise (en)", conv("en", {
    { "X", "its a surprise party haha" }, { "X", "how old r u? u seem so mature" }, { "X", "delete this chat after" } }), "isolation")
  -- en: threats, the parent who doesn't get you, is she home
  expect_stage("'dont make me share the screenshots' (en)", conv("en", {
    { "X", "get me a steam card by friday" }, { "X", "dont make me share the screenshots" } }), "extortion")
  expect_stage("'birthday money' is the child's money, not a party (en)", conv("en", {
    { "X", "would be a shame if ur class saw those screenshots" }, { "X", "get me a steam card by friday, use ur birthday money" } }), "extortion")
  expect_stage("'he doesnt get u at all. is he home?' after gifts (en)", conv("en", {
    { "X", "i'll gift u my rare pet, ur my favourite person" }, { "X", "he doesnt get u at all. is he home right now?" } }), "isolation")
  expect_stage("'temen km itu gk tulus' after a gift (id)", conv("id", {
    { "X", "aku kirimin 500 koin ya buat km" }, { "X", "temen km itu kayaknya gk tulus deh" } }), "isolation")
  expect_stage("'kok cuma di-read doang?' after a secret (id)", conv("id", {
    { "X", "jgn bilang ortu soal kita ya" }, { "X", "kok cuma di-read doang?" } }), "control")
  expect_stage("'kalo telat, nambah jadi 300' after a threat (id)", conv("id", {
    { "X", "kirim 100rb atau chat km aku sebar ke ortu" }, { "X", "kalo telat, nambah jadi 300" } }), "extortion")
  expect_stage("'santai aja, ntar aku beliin skin' after a threat is trust (id)", conv("id", {
    { "X", "kirim 100rb atau chat km aku sebar ke ortu" }, { "X", "santai aja, ntar aku beliin skin baru deh" } }), "trust")
end

do -- v15 round: group chats (each rule: a line that fires and a harmless look-alike)
  expect_stage("'whos home alone? we should game' after flattery still counts (en)", conv("en", {
    { "X", "u seem so mature for ur age" }, { "X", "whos home alone this weekend, we should game" } }), "isolation")
  expect_stage("'siapa yg rumahnya kosong, mabar yuk' after flattery still counts (id)", conv("id", {
    { "X", "km cantik bgt" }, { "X", "siapa yg rumahnya kosong, mabar yuk" } }), "isolation")
  -- id: a surprise plan keeps explaining "delete the group after" for a few days
  local sp = { { "Putri", "bikin kejutan yuk buat bu guru hari jumat" } }
  for i = 1, 6 do sp[#sp + 1] = { "Putri", "aq bawa balon sama kue" } end
  sp[#sp + 1] = { "Putri", "abis jumat grupnya dihapus aja" }
  expect_stage("a surprise plan keeps explaining 'grupnya dihapus aja' (id)", conv("id", sp), "none")
  expect_stage("'hapus aja chatnya' after a warning sign is not a surprise (id)", conv("id", {
    { "X", "bikin kejutan yuk" }, { "X", "km cantik bgt" }, { "X", "abis ini chatnya dihapus aja ya" } }), "isolation")
  -- "I can see you're online" (weak: counts only after a warning sign)
  expect_stage("'answer me, i know ur online' after a secret (en)", conv("en", {
    { "X", "dont tell anyone about us" }, { "X", "answer me, i know ur online" } }), "control")
  expect_stage("'bales dong, aku liat km online' after a secret (id)", conv("id", {
    { "X", "jgn bilang ortu soal kita" }, { "X", "bales dong, aku liat km online" } }), "control")
end

-- Per-conversation state is bounded (issue 14 item 7): 5,000 distinct speakers keep at most 1,000 speaker
-- records, and the speaker who matters (here, the one the warning comes from, who spoke first) still counts.
do
  D:reset()
  D:message("X", "you're so mature for your age", { lang = "en" })
  for i = 1, 5000 do D:message("user" .. i, "hi", { lang = "en" }) end
  local n = 0
  for _ in pairs(D.conv.speakers) do n = n + 1 end
  check("5,000 speakers: at most 1,000 remembered", n <= 1000, n .. " remembered")
  local v = D:message("X", "send me a photo of you and dont tell your mum, our secret ok", { lang = "en" })
  check("after 5,000 speakers a photo request with secrecy is still seen", v.stage ~= "none", v.stage)
end

print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
