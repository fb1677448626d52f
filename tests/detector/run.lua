-- Unit tests of the Waspada stage detector's lexicon rules, run against its C matcher (the only one) with
-- the learned model left out, so each rule is seen on its own (tests/detector-model.sh tests the two together).
--
--   build/tests/detector-lua tests/detector/run.lua              (lua/lexicon/*.yaml, read by yaml_subset.lua)
--   build/tests/detector-lua tests/detector/run.lua DIR          (another lexicon folder)
--   build/tests/detector-lua tests/detector/run.lua LEXICONS.lua (a Lua file returning the lexicons array)
--
-- Covers normalisation, every benign look-alike of issue 3, context effects, spans into the original text,
-- persona lines, the module API and odd input. Last line: "N passed, N failed"; exit status 1 on failure.

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
same_words("repeated letters", "en", "pleaseee", "please")
same_words("repeated letters 2", "en", "sooo cuteee", "so cute")
same_words("leetspeak", "en", "s3cr3t", "secret")
same_words("leetspeak @ and $", "en", "@lone $ecret", "alone secret")
same_words("spaced letters", "en", "s e c r e t", "secret")
same_words("dotted letters", "en", "s.e.c.r.e.t", "secret")
same_words("dashed letters", "en", "d-m m-e", "dm me")
same_words("case", "en", "DON'T TELL", "don't tell")
same_words("u/ur", "en", "u r so cute, ur mum", "you are so cute your mum")
same_words("pls/rn", "en", "pls reply rn", "please reply right now")
same_words("pic/pict/pics", "en", "pic pict pics", "photo photo photo")
same_words("dm", "en", "dm me", "DM me")
same_words("plural stem", "en", "secrets", "secret")
same_words("gk/ga/gak/nggak", "id", "gk ga gak nggak enggak", "tidak tidak tidak tidak tidak")
same_words("ortu", "id", "ortu", "orang tua")
same_words("yg/aja/bgt", "id", "yg aja bgt", "yang saja banget")
same_words("rahasiain", "id", "rahasiain", "rahasia")
same_words("rahasianya", "id", "rahasianya", "rahasia")
same_words("merahasiakan", "id", "merahasiakan", "rahasia")
same_words("-mu/-ku", "id", "nomormu ortuku", "nomor kamu ortu aku")
same_words("-kan/-in/di-/me-", "id", "kirimkan kirimin dikirim mengirim", "kirim kirim kirim kirim")
same_words("di/ke apart", "id", "dirumah", "di rumah")
same_words("reduplication", "id", "teman2", "teman")
same_words("ber-", "id", "bertemu", "temu")
check("emoji kept", words("en", "ok 🤫 shh"):find("🤫", 1, true) ~= nil, words("en", "ok 🤫 shh"))
check("numbers kept", words("en", "i'm 13") == "im 13", words("en", "i'm 13"))

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
expect_stage("mature for your age", one("en", "Sky", "ur so mature for ur age"), "trust")
expect_stage("don't tell your parents", one("en", "Sky", "don't tell your parents about me"), "isolation")
expect_stage("spaced secret", one("en", "Sky", "this is our s e c r e t ok"), "isolation")
expect_stage("are you alone", one("en", "Sky", "are you alone rn?"), "isolation")
expect_stage("photo request", one("en", "Sky", "send me a pic pleaseee"), "sexualization")
expect_stage("camera", one("en", "Sky", "turn on your cam for me"), "sexualization")
expect_stage("meet alone", one("en", "Sky", "let's meet up, just us, don't bring anyone"), "sexualization")
expect_stage("guilt", one("en", "Sky", "after everything i did for you"), "control")
expect_stage("threat to share", one("en", "Sky", "send more or i'll post your pics online"), "extortion")
expect_stage("jangan bilang ortu", one("id", "Om", "jangan bilang ortu ya kalo kita chat"), "isolation")
expect_stage("rahasiain ya", one("id", "Om", "rahasiain ya"), "isolation")
expect_stage("pap dong", one("id", "Om", "pap dong"), "sexualization")
expect_stage("kirimin fotomu", one("id", "Om", "kirimin fotomu dongg"), "sexualization")
expect_stage("sebar", one("id", "Om", "kalo gak mau, aku sebarin chat kita ke sekolahmu"), "extortion")

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
-- the worrying twins of the look-alikes
expect_stage("twin: don't tell your parents", one("en", "Stranger", "don't tell your parents"), "isolation")
expect_stage("twin: photo of you not homework",
  one("en", "Stranger", "send me a photo of you, not your homework lol"), "sexualization")
expect_stage("twin: jangan bilang ortumu", one("id", "Orang", "jangan bilang ortumu ya"), "isolation")

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
  expect_stage("pushing without a no is nothing", one("en", "Sky", "come on, just one"), "none")
  expect_stage("pushing after the child says no is pressure", conv("en", {
    { "Sky", "send me a pic" }, { "Mia", "no i dont want to", true }, { "Sky", "come on, just one" } }), "control")
  expect_stage("id: maksa setelah anak menolak", conv("id", {
    { "Om", "pap dong" }, { "Sari", "gak ah malu", true }, { "Om", "ayolah sekali aja" } }), "control")
  expect_stage("weak sign alone stays none", one("en", "Sky", "is he in your room?"), "none")
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
expect_stage("age-comparison flattery", one("en", "Sky", "ur more talented than ppl twice ur age"), "trust")
expect_stage("than most adults", one("en", "Sky", "u play better than most adults honestly"), "trust")
expect_stage("game currency gift", one("en", "Sky", "i can drop u 500 gems tonight, no catch"), "trust")
expect_stage("paying a friend back is fine", one("en", "Pip", "ill send u the coins i owe u"), "none")
expect_stage("chat is logged -> move", one("en", "Sky", "this server logs everything, lets switch to another app"), "isolation")
expect_stage("keep it lowkey", one("en", "Sky", "keep it lowkey, they'd get the wrong idea"), "isolation")
expect_stage("photo without the hoodie", one("en", "Sky", "got any without the hoodie?"), "sexualization")
expect_stage("if i were your age", one("en", "Sky", "if i were your age i'd ask u out"), "sexualization")
expect_stage("guilt without the usual words", one("en", "Sky", "wow after all those gems? thought u were different"), "control")
expect_stage("quit threat", one("en", "Sky", "if u leave now ill delete my account and never come back"), "control")
expect_stage("payment and we forget this", one("en", "Sky", "50 in gift codes and we forget this"), "extortion")
expect_stage("shame if your school saw", one("en", "Sky", "would be a shame if ur school saw them"), "extortion")
expect_stage("anyone else up for a round is fine", one("en", "Pip", "anyone else up for a quick round?"), "none")
expect_stage("who do you like, from a friend", one("en", "Mara", "do u like anyone in our class?? tell meee"), "none")
expect_stage("deadline for homework is fine", one("en", "Ms_Kaur", "send your answers to the class group by tonight"), "none")
-- weak cues that only count after earlier signs from the same speaker
expect_stage("one more, cold", one("en", "Pip", "one more?"), "none")
expect_stage("one more round is fine", conv("en", {
  { "Sky", "send me a pic of you" }, { "Sky", "one more round then sleep" } }), "none")
expect_stage("one more, after a photo request", conv("en", {
  { "Sky", "send me a pic of you" }, { "Sky", "cute. one more?" } }), "sexualization")
expect_stage("u promised, cold", one("en", "Pip", "u promised u would play tomorrow"), "none")
expect_stage("u promised, after pressure", conv("en", {
  { "Sky", "send me a pic of you" }, { "Mia", "no", true }, { "Sky", "relax, u promised" } }), "control")
expect_stage("send them one more (about someone else)", conv("en", {
  { "Jess", "he wrote 'if u tell anyone i'll send ur pics to everyone at ur school'" },
  { "Jess", "maybe i'll just send him one more" } }), "none")
expect_stage("id: bandingkan umur", one("id", "Om", "bakat kamu ngalahin orang yg umurnya 2x kamu"), "trust")
expect_stage("id: diamond gratis", one("id", "Om", "aku kirimin 500 diamond ya, gratis kok"), "trust")
expect_stage("id: pulsa gratis is a gift, not a demand", one("id", "Om", "aku kirimin pulsa ya buat kamu, gratis kok"), "trust")
expect_stage("id: kirim pulsa after a threat is a demand", conv("id", {
  { "Om", "aku sebarin foto kamu ke sekolah" }, { "Om", "kirim pulsa sekarang" } }), "extortion")
expect_stage("id: balikin koin is fine", one("id", "Kiki", "nih aku balikin koin yg kemarin aku pinjem"), "none")
expect_stage("id: chat direkam -> pindah", one("id", "Om", "chat di game ini direkam, pindah ke aplikasi lain yuk"), "isolation")
expect_stage("id: ortu suka ngelarang", one("id", "Om", "ortu kamu suka ngelarang kamu kenalan sama orang ya?"), "isolation")
expect_stage("id: gak pake jaket", one("id", "Om", "ada foto yg gak pake jaket?"), "sexualization")
expect_stage("id: percuma aku baik", one("id", "Om", "percuma aku baik sama kamu"), "control")
expect_stage("id: hapus akun", one("id", "Om", "kalau kamu pergi aku hapus akun selamanya"), "control")
expect_stage("id: anggap selesai", one("id", "Om", "transfer 200 ribu terus kita anggap selesai"), "extortion")
expect_stage("id: suka sama siapa, from a friend", one("id", "Kiki", "kamu lagi suka sama siapa di kelas? hayo"), "none")
expect_stage("id: satu ronde lagi", one("id", "Kiki", "satu ronde lagi yuk"), "none")
expect_stage("id: tugas paling lambat", one("id", "Bu_Sinta", "kumpulkan tugas paling lambat jam 8 malam"), "none")

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
  expect_stage("outfit for a school event is still fine", one("id", "Lita", "besok ke acara sekolah pakai baju apa?"), "none")
  expect_stage("hesitation counts only for the partner it was said to", conv("en", {
    { "Jess", "omg look at this" }, { "Mia", "stop", true }, { "Dad", "please bring the washing in" } }), "none")
  expect_stage("a 'no' with a laughing emoji is play", conv("en", {
    { "Kai", "guess what" }, { "Mia", "stoppp 😂", true }, { "Kai", "please" } }), "none")
  expect_stage("pushing after a real no is still pressure", conv("en", {
    { "Kai", "send one more" }, { "Mia", "no i dont want to", true }, { "Kai", "come on, please" } }), "control")
  expect_stage("a parent leaving work is not a threat", one("en", "Mum", "I'm leaving work now"), "none")
  expect_stage("leaving work is not a threat (any speaker)", one("en", "Sam", "im leaving school now, see you"), "none")
  expect_stage("'did anyone watch ep 12' is not who-is-around", one("en", "Tom", "did anyone watch ep 12"), "none")
  expect_stage("a friend at the bus stop", one("en", "Ben", "are you alone at the bus stop?"), "none")
  expect_stage("'is anyone home with you' still counts", one("en", "X", "is anyone home with you right now?"), "isolation")
  local v = one("en", "X", "pay me in gift cards or everyone sees the pics")
  check("gift cards under a threat are a demand, not a gift", v.stage == "extortion" and
    not table.concat(v.signals, ","):find("gifts"), table.concat(v.signals, ","))
  expect_stage("bakal = akan (threat to leave)", one("id", "X", "gw gak bakal ngobrol sama lu lagi"), "control")
  expect_stage("don't tell ur teacher", one("en", "X", "don't tell ur teacher"), "isolation")
  expect_stage("don't tell your coach", one("en", "X", "dont tell your coach about this"), "isolation")
  expect_stage("DM with a gift offer", one("en", "X", "DM me, i'll send u all the answers for free"), "isolation")
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
  -- school trips, projects, clubs: harmless for a friend, never an excuse after earlier signs
  expect_stage("photo from a school outing (en)", one("en", "Priya", "send me the pics from the zoo trip when u can"), "none")
  expect_stage("video call for a class project (en)", one("en", "Priya", "can we video call tonight for the history project?"), "none")
  expect_stage("video call for a club (en)", one("en", "Sam", "video call after football practice?"), "none")
  expect_stage("school-outing words do not excuse a flatterer (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "Mia", "haha thx", true }, { "X", "video call tonight for the history project?" } }),
    "sexualization")
  expect_stage("a photo OF YOU from the trip still counts (en)", one("en", "X", "send me a photo of you from the zoo trip"), "sexualization")
  expect_stage("photo from a study tour (id)", one("id", "Putri", "kirim foto pas karyawisata ke kebun binatang dong"), "none")
  expect_stage("vc for a class project (id)", one("id", "Putri", "nanti malam vc ya buat ngerjain maket sejarah"), "none")
  expect_stage("school-outing words do not excuse a flatterer (id)", conv("id", {
    { "X", "kamu dewasa banget buat umurmu" }, { "Nisa", "hehe makasih", true }, { "X", "nanti vc ya buat proyek sejarah" } }),
    "sexualization")
  -- a friend's own little secret about their own sibling or game
  expect_stage("own secret about a sibling (en)", one("en", "Leo", "dont tell my sister i crashed her bike lol"), "none")
  expect_stage("own game secret (en)", one("en", "Leo", "dont tell my cousin i fell off the map 3 times"), "none")
  expect_stage("'don't tell your brother about us' still counts", one("en", "X", "dont tell your brother about us"), "isolation")
  expect_stage("'don't tell my mum we talk' still counts", one("en", "X", "dont tell my mum we talk ok"), "isolation")
  expect_stage("own secret about a sibling (id)", one("id", "Raka", "jangan bilang kakakku aku kalah lagi wkwk"), "none")
  expect_stage("'jangan bilang kakakmu soal kita' still counts", one("id", "X", "jangan bilang kakakmu soal kita ya"), "isolation")
  expect_stage("own secret does not excuse a flatterer (id)", conv("id", {
    { "X", "kamu cantik banget" }, { "X", "jangan bilang mama aku ya" } }), "isolation")
  -- a return favour between friends
  expect_stage("thanks-for-helping gift (en)", one("en", "Leo", "thanks for helping me with the raid, ill give you my spare skin"), "none")
  expect_stage("thanks-for-helping gift (id)", one("id", "Raka", "makasih udah bantuin, nanti skin cadangan aku kasih ke kamu ya"), "none")
  expect_stage("a gift after flattery still counts, thanks or not (id)", conv("id", {
    { "X", "kamu dewasa banget buat umurmu" }, { "X", "makasih udah nemenin, aku kirim diamond ya" } }), "trust")
  expect_stage("gems from a stranger still count", one("en", "X", "i can give you 500 free gems"), "trust")
  -- "just us" about a team or clan
  expect_stage("clan 'kita aja' (id)", one("id", "Bima", "udah gabung tim kita aja, mabar tiap sabtu"), "none")
  expect_stage("'cuma kita aja ya' still counts (id)", one("id", "X", "ini cuma kita aja ya"), "isolation")
  expect_stage("clan words do not excuse a speaker who showed signs (id)", conv("id", {
    { "X", "jangan bilang ortumu ya" }, { "X", "gabung klan aku, cuma kita aja" } }), "isolation")
  -- a public place
  expect_stage("alone at the bus stop (id)", one("id", "Hana", "kamu sendirian di halte? aku ke sana"), "none")
  expect_stage("alone at home still counts (id)", one("id", "X", "kamu sendirian di rumah?"), "isolation")
end

----------------------------------------------------------------------------- recall round v7 (kinds from v5/v6)
do
  -- facetime is a video call: fine for schoolwork from a friend, not from someone who showed signs
  expect_stage("facetime for a class presentation (en)", one("en", "Zoe", "facetime later so we can rehearse the science presentation?"), "none")
  expect_stage("facetime after flattery (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "Mia", "lol", true }, { "X", "facetime tonight when ur parents are asleep?" } }), "sexualization")
  expect_stage("facetime for homework does not excuse a flatterer (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "X", "facetime later for the maths homework, camera on" } }), "sexualization")
  -- comparison with grown-ups in other words
  expect_stage("'like a grown designer' (en)", one("en", "X", "u sketch like a grown designer"), "trust")
  expect_stage("'most of my adult clients couldn't' (en)", one("en", "X", "most of my adult clients couldnt do that"), "trust")
  expect_stage("'lebih jago dari om' (id)", one("id", "X", "kamu lebih jago dari om2 di server aku"), "trust")
  expect_stage("'orang dewasa aja susah' (id)", one("id", "X", "tulisanmu rapi, orang dewasa aja susah bikin gitu"), "trust")
  expect_stage("'like a real pro' from a friend stays fine (en)", one("en", "Sam", "u play like a real pro lol"), "none")
  -- only one who gets me, with a longer gap
  expect_stage("'only one on this server who actually gets me' (en)", one("en", "X", "ur the only one on this whole server who actually gets me"), "trust")
  expect_stage("'cuma kamu ... ngerti aku' (id)", one("id", "X", "cuma kamu di grup ini yg ngerti aku"), "trust")
  -- photos and body talk hidden in another request
  expect_stage("'with you in the shot' (en)", one("en", "X", "send your new desk, with you in the shot"), "sexualization")
  expect_stage("'look better without the jacket' (en)", one("en", "X", "bet you look better without that jacket"), "sexualization")
  expect_stage("'keren tanpa jaket' (id)", one("id", "X", "kamu pasti lebih keren tanpa jaket itu"), "sexualization")
  -- home by yourself; telling me when alone
  expect_stage("'home by yourself tonight' (en)", one("en", "X", "will u be home by yourself tonight?"), "isolation")
  expect_stage("a parent's 'home by yourself' stays fine (en)", one("en", "Mum", "are you home by yourself? dad's late"), "none")
  expect_stage("'kabarin kalau sendirian' (id)", one("id", "X", "chat aku ya pas kamu sendirian"), "isolation")
  -- guilt by disappointment and quitting; going cold only counts after signs
  expect_stage("'just like the others' (en)", one("en", "X", "wow ur just like the others"), "control")
  expect_stage("'i'll stop helping you' (en)", one("en", "X", "then ill stop helping you with your levels"), "control")
  expect_stage("'never mind then' from a friend stays fine (en)", one("en", "Sam", "oh ur busy? never mind then"), "none")
  expect_stage("'never mind then' after a photo request (en)", conv("en", {
    { "X", "send me a pic of you" }, { "Mia", "no", true }, { "X", "never mind then" } }), "control")
  expect_stage("'gak mau ngajarin kamu lagi' (id)", one("id", "X", "aku gak mau ngajarin kamu lagi"), "control")
  -- parents wouldn't understand us
  expect_stage("'your dad wouldn't get what we have' (en)", one("en", "X", "your dad wouldnt get what we have"), "isolation")
  expect_stage("'ortumu gak ngerti hubungan kita' (id)", one("id", "X", "ortumu gak bakal ngerti hubungan kita"), "isolation")
  -- threats phrased as interest: weak alone, a threat with kept chats or after signs
  expect_stage("'your teacher would love to see your essay' stays fine (en)", one("en", "Sam", "your teacher would love to see this essay"), "none")
  expect_stage("'i kept it all. your class would love to see it' (en)", one("en", "X", "i kept it all. your class would love to see it"), "extortion")
  expect_stage("'guru pasti tertarik' stays fine alone (id)", one("id", "Bima", "guru kita pasti tertarik sama idemu"), "none")
  expect_stage("'semua aku ss. gurumu pasti seneng liat' (id)", one("id", "X", "semua udah aku ss. gurumu pasti seneng liat"), "extortion")
  -- payment to make it go away
  expect_stage("'pay and we delete it' (en)", one("en", "X", "pay 20 and we delete it"), "extortion")
  expect_stage("'transfer ... nanti aku hapus' (id)", one("id", "X", "transfer 100rb, nanti aku hapus semuanya"), "extortion")
end

----------------------------------------------------------------------------- look-alike round v8 (kinds from v7)
do
  -- a photo of a thing ("snap me a pic of the ..."); of you, or after signs, still counts
  expect_stage("'snap me a pic of the brownies' (en)", one("en", "Sam", "snap me a pic of the brownies when they come out"), "none")
  expect_stage("'snap me a pic of the sunset' (en)", one("en", "Sam", "snap me a photo of the view from ur window"), "none")
  expect_stage("'snap me a pic of you' still counts (en)", one("en", "X", "snap me a pic of you rn"), "sexualization")
  expect_stage("'add me on snap' still counts (en)", one("en", "X", "add me on snap, easier there"), "isolation")
  expect_stage("'snap me a pic of the food' after signs counts (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "X", "dont tell ur mum we talk" }, { "X", "snap me a pic of your dinner" } }), "sexualization")
  expect_stage("'got any without the hoodie' after a clip still counts (en)", one("en", "X", "nice clip. got any without the hoodie?"), "sexualization")
  -- a friend's own feelings as their secret; secrecy about us still counts
  expect_stage("'dont tell anyone i got scared' (en)", one("en", "Sam", "dont tell anyone i got scared on the ghost train"), "none")
  expect_stage("'dont tell anyone we talk' still counts (en)", one("en", "X", "dont tell anyone we talk, ok?"), "isolation")
  expect_stage("'jangan bilang siapa2 aku takut' (id)", one("id", "Bima", "jangan bilang siapa2 ya aku takut gelap"), "none")
  expect_stage("'jangan bilang siapa2 kita chat' still counts (id)", one("id", "X", "jangan bilang siapa2 kalo kita chat"), "isolation")
  -- a joking debt; a real demand or a share threat still counts
  expect_stage("'pay me back the fiver ... lol' (en)", one("en", "Sam", "pay me back my fiver by friday or ur banned from my house lol"), "none")
  expect_stage("'pay me back ... ' without a laugh still counts (en)", one("en", "X", "pay me back by friday or else"), "extortion")
  expect_stage("'pay me ... lol' with a share threat still counts (en)", one("en", "X", "pay me 20 by tonight or i send your pics to everyone lol"), "extortion")
  expect_stage("a joke debt after a threat still counts (en)", conv("en", {
    { "X", "i'll send our chats to your school" }, { "X", "pay me back by tonight or else lol" } }), "extortion")
  expect_stage("'balikin goceng ... wkwk' (id)", one("id", "Bima", "balikin goceng aku besok ya atau awas wkwk"), "none")
  -- a name that is only a family word is family ("om" only in a family chat); an honorific before a name never
  -- is (issue 12: "Kak Andi", "Tante Sari", "Uncle Raj" is how children online address any older stranger)
  expect_stage("an uncle asking 'home by yourself' (en)", one("en", "Uncle", "are you home by yourself? i'll drop the charger off"), "none")
  expect_stage("'Uncle Raj' is a name, not a role (en)", one("en", "Uncle Raj", "are you home by yourself? i'll drop the charger off"), "isolation")
  expect_stage("'home by yourself' from a stranger still counts (en)", one("en", "X", "are you home by yourself?"), "isolation")
  expect_stage("tante asking 'sendirian di rumah' (id)", one("id", "Tante", "kamu sendirian di rumah? tante mau mampir"), "none")
  expect_stage("'Tante Sari' is a name, not a role (id)", one("id", "Tante Sari", "kamu sendirian di rumah? tante mau mampir"), "isolation")
  expect_stage("'Om' alone is not family (id)", one("id", "Om Hendra", "kamu sendirian di rumah?"), "isolation")
  expect_stage("'Om' in a family chat is family (id)", conv("id", {
    { "Mama", "om mau ke rumah ya" }, { "Om", "kamu sendirian di rumah? om bawa martabak" } }), "none")
  -- leaving a thing somewhere is not a threat to leave
  expect_stage("'i'll leave them by the door' (en)", one("en", "Sam", "ill leave them by the door, grab them later"), "none")
  expect_stage("'i'll leave' alone still counts (en)", one("en", "X", "fine then, ill leave"), "control")
  expect_stage("'aku tinggal di teras' (id)", one("id", "Bima", "bukunya aku tinggal di teras ya"), "none")
  expect_stage("'aku tinggalin kamu' still counts (id)", one("id", "X", "kalo gitu aku tinggal aja kamu"), "control")
  -- recording a school task on a call
  expect_stage("video call to record the skit (en)", one("en", "Sam", "video call tonight? we need to record our skit"), "none")
  expect_stage("'vc buat rekam dialog' (id)", one("id", "Bima", "vc nanti malem ya buat rekam dialog bahasa inggris"), "none")
  expect_stage("a video call to record 'for me' still counts (en)", one("en", "X", "video call tonight, just you"), "sexualization")
  -- a club's or school's page is public
  expect_stage("'foto udah di ig sekolah' (id)", one("id", "Kak Amy", "foto lombanya udah ada di ig sekolah ya"), "none")
  expect_stage("'on the club's instagram' (en)", one("en", "Coach Dee", "the match photos are on the club instagram"), "none")
  expect_stage("'pindah ke ig aja' still counts (id)", one("id", "X", "chat lewat ig aja yuk"), "isolation")
end

----------------------------------------------------------------------------- recall round v9 prep (kinds from v7/v8)
do
  -- guilt after help, in other words; a friend's own story about helping stays fine
  expect_stage("'this is the thanks i get' (en)", one("en", "X", "wow so this is the thanks i get"), "control")
  expect_stage("'i helped you ... and now you ignore me' (en)", one("en", "X", "i helped you with every level and now you ignore me"), "control")
  expect_stage("'after all my help' (en)", one("en", "X", "after all my help you cant even do this"), "control")
  expect_stage("'i helped my brother ... and now he' stays fine (en)", one("en", "Sam", "i helped my little brother with his homework and now he wont stop asking"), "none")
  expect_stage("'gini balasannya' (id)", one("id", "X", "udah aku bantuin terus, gini balasannya"), "control")
  expect_stage("'dibantuin malah ngilang' (id)", one("id", "X", "udah dibantuin malah ngilang"), "control")
  expect_stage("'gini balasan dari panitia lomba' stays fine (id)", one("id", "Bima", "gini balasan dari panitia lomba, kita lolos!"), "none")
  expect_stage("'bantuin PR malah salah wkwk' stays fine (id)", one("id", "Bima", "udah aku bantuin PRnya malah salah semua wkwk"), "none")
  -- "you were just using me"; a friend's own choice stays fine
  expect_stage("'you only wanted my skins' (en)", one("en", "X", "so you only wanted my skins"), "control")
  expect_stage("'you only wanted the blue one' stays fine (en)", one("en", "Sam", "you only wanted the blue one right?"), "none")
  expect_stage("'kamu cuma manfaatin aku' (id)", one("id", "X", "kalo kamu ngilang berarti kamu cuma manfaatin aku"), "control")
  expect_stage("'manfaatin waktu libur' stays fine (id)", one("id", "Bima", "manfaatin waktu libur buat belajar ya"), "none")
  -- "i thought we were mates"; plans stay fine
  expect_stage("'i thought we were mates' (en)", one("en", "X", "wow ok. i thought we were actually mates"), "control")
  expect_stage("'i thought we were meeting at 4' stays fine (en)", one("en", "Sam", "i thought we were meeting at 4"), "none")
  expect_stage("'aku kira kita sahabat' (id)", one("id", "X", "aku kira kita sahabat"), "control")
  expect_stage("'kirain kita ketemu jam 4' stays fine (id)", one("id", "Bima", "kirain kita ketemu jam 4"), "none")
  -- "nobody listens to you the way i do"; a friend's boast about a game stays fine
  expect_stage("'listens to you the way i do' (en)", one("en", "X", "nobody else here actually listens to you the way i do"), "trust")
  expect_stage("'plays support the way i do' stays fine (en)", one("en", "Sam", "nobody plays support the way i do lol"), "none")
  expect_stage("'cuma kamu ... dengerin aku' (id)", one("id", "X", "cuma kamu di server ini yg beneran dengerin aku"), "trust")
  expect_stage("'gak ada yg dengerin kamu kayak aku' (id)", one("id", "X", "gak ada yg dengerin kamu kayak aku"), "trust")
  expect_stage("'cuma kamu yg dengerin guru' stays fine (id)", one("id", "Bima", "cuma kamu di kelas yg dengerin guru tadi"), "none")
  -- "no need to mention me"; "no need to mention it" stays fine
  expect_stage("'no need to mention me to your dad' (en)", one("en", "X", "no need to mention me to your dad"), "isolation")
  expect_stage("'no need to mention it' stays fine (en)", one("en", "Sam", "no need to mention it, happy to help"), "none")
  expect_stage("'gak usah sebut aku ke papamu' (id)", one("id", "X", "gak usah sebut nama aku ke papamu"), "isolation")
  expect_stage("'gak usah sebut aku di presentasi' stays fine (id)", one("id", "Bima", "gak usah sebut nama aku di presentasi ya"), "none")
  -- comparison with older players and college students
  expect_stage("'the older players ... cant' (en)", one("en", "X", "the older players on my server cant do half of this"), "trust")
  expect_stage("'girls in my college would kill for' (en)", one("en", "X", "girls in my art college would kill for that shading"), "trust")
  expect_stage("'i would kill for a pizza' stays fine (en)", one("en", "Sam", "i would kill for a pizza rn"), "none")
  expect_stage("'mahasiswi ... aja iri' (id)", one("id", "X", "mahasiswi seni di kampusku aja iri sama arsiranmu"), "trust")
  expect_stage("'mahasiswa lagi demo' stays fine (id)", one("id", "Bima", "mahasiswa di kampus kakakku lagi demo"), "none")
  -- what you're wearing, clothes off after a comparison
  expect_stage("'show me what ur wearing today' (en)", one("en", "X", "show me what ur wearing today"), "sexualization")
  expect_stage("'what ur wearing to the party' stays fine (en)", one("en", "Sam", "show me what ur wearing to the party!"), "none")
  expect_stage("'better with ... jumper off' (en)", one("en", "X", "you'd look even better with your hair down and that jumper off"), "sexualization")
  expect_stage("'take your jumper off its boiling' stays fine (en)", one("en", "Sam", "take your jumper off its boiling in here"), "none")
  expect_stage("'liatin baju kamu hari ini' (id)", one("id", "X", "liatin dong baju kamu hari ini"), "sexualization")
  expect_stage("'liatin baju buat pensi besok' stays fine (id)", one("id", "Bima", "liatin dong baju kamu buat pensi besok"), "none")
  -- prettier in real life, can i see; a pet stays fine
  expect_stage("'prettier in real life, can i see' (en)", one("en", "X", "i bet ur even prettier in real life, can i see?"), "sexualization")
  expect_stage("'my puppy is cuter in real life' stays fine (en)", one("en", "Sam", "my puppy is even cuter in real life"), "none")
  expect_stage("'aslinya lebih cantik, boleh liat' (id)", one("id", "X", "pasti aslinya kamu lebih cantik, boleh liat gak?"), "sexualization")
  -- threats pointing back at "our chats" / "that photo"; a proud friend stays fine
  expect_stage("'your teacher would find our chats interesting' (en)", one("en", "X", "your teacher would find our chats very interesting i bet"), "extortion")
  expect_stage("'your class group would love to see that photo' (en)", one("en", "X", "your class group would love to see that photo"), "extortion")
  expect_stage("'the class group ... photo from the trip' stays fine (en)", one("en", "Sam", "the class group would love to see that photo from the trip"), "none")
  expect_stage("'interested to read it' after a kept copy (en)", one("en", "X", "ive saved everything you said. your mum would be really interested to read it"), "extortion")
  expect_stage("'interested to read your story' stays fine (en)", one("en", "Sam", "your mum would be really interested to read your story"), "none")
  expect_stage("'gurumu pasti tertarik sama obrolan kita' (id)", one("id", "X", "gurumu pasti tertarik sama obrolan kita"), "extortion")
  expect_stage("'grup kelasmu pasti seneng liat foto itu' (id)", one("id", "X", "grup kelasmu pasti seneng liat foto itu"), "extortion")
  expect_stage("'nenek pasti seneng liat foto kue itu' stays fine (id)", one("id", "Bima", "nenek pasti seneng liat foto kue itu"), "none")
  expect_stage("'semuanya aku simpen ... beres' (id)", one("id", "X", "kirim voucher 100rb nanti semuanya beres"), "extortion")
  -- your family doesn't see how special you are; the writer's own family stays fine
  expect_stage("'your parents dont realise how talented you are' (en)", one("en", "X", "your parents dont even realise how talented you are"), "isolation")
  expect_stage("'my parents dont realise how late it is' stays fine (en)", one("en", "Sam", "my parents dont even realise how late it is"), "none")
  expect_stage("'keluargamu gak sadar betapa pintarnya kamu' (id)", one("id", "X", "keluargamu pasti gak sadar betapa pinternya kamu"), "isolation")
  expect_stage("'guru gak sadar betapa susahnya soal itu' stays fine (id)", one("id", "Bima", "guru gak sadar betapa susahnya soal itu"), "none")
  -- a gift inside a meeting plan is about the meeting (after earlier signs)
  expect_stage("'meet at the cafe, i'll pay, just us' (en)", conv("en", {
    { "X", "ur so mature for your age" }, { "X", "we should meet at the gaming cafe, i'll pay, just us" } }), "sexualization")
  -- short words with -nya; a parent's own line stays fine
  same_words("hpnya = hp (id)", "id", "hpnya", "hp")
  expect_stage("'mama kamu suka ngecek hpnya' (id)", one("id", "X", "mama kamu suka ngecek hpnya gak?"), "isolation")
  expect_stage("a mum's 'hpnya jangan dibawa' stays fine (id)", one("id", "Mama", "hpnya jangan dibawa ke kamar ya"), "none")
  -- a joking debt with "kalau gak"; a real demand still counts
  expect_stage("'kalo gak bayar aku keluarin dari grup wkwk' (id)", one("id", "Fajar", "utang cilok 5rb jangan lupa, kalo gak bayar aku keluarin dari grup wkwk"), "none")
  expect_stage("'kalau tidak aku sebar' with a laugh still counts (id)", one("id", "X", "bayar 50rb kalau gak aku sebar fotomu wkwk"), "extortion")
  -- looking for another teammate is not a threat to leave
  expect_stage("'find another teammate for the tournament' (en)", one("en", "Sam", "ill find another teammate for the tournament if you cant come"), "none")
  expect_stage("'find someone else' still counts (en)", one("en", "X", "fine ill just find someone else"), "control")
  expect_stage("'cari aja orang lain yg mau ngasih skin' (id)", conv("id", {
    { "X", "kirim foto kamu dong" }, { "Kiki", "gak ah", true }, { "X", "yaudah lupain, cari aja orang lain yg mau ngasih skin" } }), "control")
end

----------------------------------------------------------------------------- v9 round (kinds from blind set v9)
do
  -- chat spellings: "wat" = what, "nge-judge" = judge, "td" = tadi
  same_words("wat = what (en)", "en", "wat r u doing", "what are you doing")
  same_words("wut = what (en)", "en", "wut", "what")
  same_words("nge-judge = judge (id)", "id", "nge-judge", "judge")
  same_words("td = tadi (id)", "id", "td", "tadi")
  expect_stage("'wut r u wearing rn' (en)", one("en", "X", "wut r u wearing rn"), "sexualization")
  expect_stage("'wat time is practice' stays fine (en)", one("en", "Sam", "wat time is practice tmrw"), "none")
  -- "you're the only one i can talk to"; a friend's party story stays fine
  expect_stage("'only person i can really open up to' (en)", one("en", "X", "youre the only person i can really open up to"), "trust")
  expect_stage("'the only one i talked to at the party' stays fine (en)", one("en", "Sam", "the only one i talked to at the party was sam"), "none")
  -- "you really get me" is weak: it counts after other signs, a friend's snack line stays fine
  expect_stage("'you really understand me' after flattery (en)", conv("en", {
    { "X", "ur so mature for ur age" }, { "X", "you really understand me" } }), "trust")
  expect_stage("'you always get me the best snacks' stays fine (en)", one("en", "Sam", "you always get me the best snacks lol"), "none")
  -- guilt after time spent; "after everything that happened" stays fine
  expect_stage("'after all the time i wasted on you' (en)", one("en", "X", "after all the time i wasted on you, seriously?"), "control")
  expect_stage("'after everything we've been through' (en)", one("en", "X", "after everything we've been through"), "control")
  expect_stage("'after everything that happened today' stays fine (en)", one("en", "Sam", "after everything that happened today"), "none")
  expect_stage("'after i bought you that skin' (en)", one("en", "X", "after i bought you that skin"), "control")
  expect_stage("'after i bought mum flowers' stays fine (en)", one("en", "Sam", "after i bought mum flowers we had cake"), "none")
  expect_stage("'thought you actually cared about me' (en)", one("en", "X", "thought you actually cared about me"), "control")
  expect_stage("'i thought you liked pizza' stays fine (en)", one("en", "Sam", "i thought you liked pizza"), "none")
  -- "fine, ignore me then" right after a no; a tired friend stays fine
  expect_stage("'ok ignore me then' after a no (en)", conv("en", {
    { "X", "send me a pic of u" }, { "Mia", "no", true }, { "X", "ok ignore me then" } }), "control")
  expect_stage("'ignore me, im just tired' stays fine (en)", one("en", "Sam", "ignore me, im just tired lol"), "none")
  -- told off for slow replies: counts after other signs, not from a friend in a hurry
  expect_stage("'why do u take so long to answer' after a photo request (en)", conv("en", {
    { "X", "send me a pic of u" }, { "X", "why do u take so long to answer" } }), "control")
  expect_stage("'reply faster next time lol' stays fine (en)", one("en", "Sam", "reply faster next time lol"), "none")
  expect_stage("'kok balesnya lama banget' after a photo request (id)", conv("id", {
    { "X", "kirim foto kamu dong" }, { "X", "kok balesnya lama banget sih" } }), "control")
  expect_stage("'bales cepet ya, bisnya mau jalan' stays fine (id)", one("id", "Rani", "bales cepet ya, bisnya udah mau jalan"), "none")
  -- "... or they get posted"; "or it goes in the bin" stays fine
  expect_stage("'by friday or they get posted to your class' (en)", one("en", "X", "20 quid by friday or they get posted to your class"), "extortion")
  expect_stage("'eat it or it goes in the bin' stays fine (en)", one("en", "Mum", "eat it or it goes in the bin"), "none")
  -- "dont bring your friends"; "dont bring up the test" stays fine; a bare "dont bring sam" counts after signs
  expect_stage("'dont bring your friends' (en)", one("en", "X", "meet me there, dont bring your friends"), "sexualization")
  expect_stage("'dont bring up the test' stays fine (en)", one("en", "Sam", "dont bring up the test"), "none")
  expect_stage("'dont bring sam' after a photo request (en)", conv("en", {
    { "X", "send me a pic of u" }, { "X", "dont bring sam" } }), "sexualization")
  -- a plan with the whole group; "just us" still counts
  expect_stage("'cinema with everyone, my treat' stays fine (en)", one("en", "Sam", "lets meet at the cinema with everyone, my treat"), "none")
  expect_stage("'cinema, just us, my treat' (en)", one("en", "X", "lets meet at the cinema, just us, my treat"), "sexualization")
  expect_stage("'nonton rame-rame ... aku traktir' stays fine (id)", one("id", "Rani", "nonton rame-rame yuk sama anak kelas, aku traktir"), "none")
  expect_stage("'nonton berdua aja, aku traktir' (id)", one("id", "X", "nonton berdua aja yuk, aku traktir"), "sexualization")
  -- praise for a whole class; praise for one child still counts
  expect_stage("'you guys were so mature at the assembly' stays fine (en)", one("en", "Ms Lee", "you guys were so mature at the assembly, well done"), "none")
  expect_stage("'youre so mature honestly' (en)", one("en", "X", "youre so mature honestly"), "trust")
  expect_stage("'kalian dewasa banget tadi' stays fine (id)", one("id", "Bu Sari", "kalian dewasa banget tadi pas diskusi"), "none")
  expect_stage("'kamu dewasa banget buat umur 12' (id)", one("id", "X", "kamu dewasa banget buat umur 12"), "trust")
  -- a friend's own crush news; "jangan bilang ... kita chat" still counts
  expect_stage("'aku tadi ditembak kakak kelas' stays fine (id)", one("id", "Fajar", "jangan bilang siapa2 ya, aku tadi ditembak kakak kelas"), "none")
  expect_stage("'aku deg-degan, jangan bilang' stays fine (id)", one("id", "Rani", "aku deg-degan banget, jangan bilang siapa-siapa"), "none")
  expect_stage("'jangan bilang siapa2 ya kita chat' (id)", one("id", "X", "jangan bilang siapa2 ya kita chat"), "isolation")
  -- "pasti lucu" is about looks; a cat stays fine
  expect_stage("'kamu pasti lucu aslinya' (id)", one("id", "X", "kamu pasti lucu aslinya"), "trust")
  expect_stage("'kucingmu pasti lebih lucu aslinya' stays fine (id)", one("id", "Bima", "kucingmu pasti lebih lucu aslinya"), "none")
  -- guilt after help; helping your own family stays fine
  expect_stage("'aku udah bantuin kamu naik level, masa gini' (id)", one("id", "X", "aku udah bantuin kamu naik level, masa gini"), "control")
  expect_stage("'aku udah bantu mama masak' stays fine (id)", one("id", "Bima", "aku udah bantu mama masak"), "none")
  expect_stage("'setelah semua yang aku lakuin buat kamu' (id)", one("id", "X", "setelah semua yang udah aku lakuin buat kamu"), "control")
  expect_stage("'setelah semua yang terjadi hari ini' stays fine (id)", one("id", "Bima", "setelah semua yang terjadi hari ini aku capek"), "none")
  -- keeping money or a snack together; "simpen berdua" as a secret still counts
  expect_stage("'simpen berdua uang kasnya' stays fine (id)", one("id", "Bima", "kita simpen berdua aja uang kasnya"), "none")
  expect_stage("'uangnya kita bagi berdua' stays fine (id)", one("id", "Bima", "uangnya kita bagi berdua aja"), "none")
  expect_stage("'simpen berdua, jangan sampai ortumu tahu' (id)", one("id", "X", "simpen berdua aja ya, jangan sampai ortumu tahu"), "isolation")
  -- "awas kalau ..." is weak: a friend's "awas kalo telat" stays fine, after a photo request it counts
  expect_stage("'awas kalo telat lagi' stays fine (id)", one("id", "Zaki", "awas kalo telat lagi ya"), "none")
  expect_stage("'awas kalau kamu bilang ortu' after a photo request (id)", conv("id", {
    { "X", "kirim foto kamu dong" }, { "X", "awas kalau kamu bilang ortu" } }), "extortion")
  -- "kalau gak mau ... aku gak mau chat lagi" is a threat to leave; a share threat is still blackmail
  expect_stage("'kalo gak mau, aku gak mau chat kamu lagi' (id)", one("id", "X", "ya udah kalo gak mau, aku gak mau chat kamu lagi"), "control")
  expect_stage("'kalo gak mau kirim, aku sebar fotomu' (id)", one("id", "X", "kalo gak mau kirim, aku sebar fotomu"), "extortion")
  -- patterns that never matched as written ("kasih tahu", "di|ke halte", "nge-judge", "kekanak-kanakan")
  expect_stage("'jangan kasih tahu soal kita' (id)", one("id", "X", "jangan kasih tahu soal kita ya"), "isolation")
  expect_stage("'jangan bilang soal ini, aku malu' stays fine (id)", one("id", "Bima", "jangan bilang soal ini ke siapa-siapa ya, aku malu"), "none")
  expect_stage("'kamu sendirian di halte?' stays fine (id)", one("id", "Rani", "kamu sendirian di halte?"), "none")
  expect_stage("'kamu sendirian di rumah?' (id)", one("id", "X", "kamu sendirian di rumah?"), "isolation")
  expect_stage("'aku gak bakal nge-judge' after flattery (id)", conv("id", {
    { "X", "kamu cantik banget" }, { "X", "aku gak bakal nge-judge kok" } }), "trust")
  expect_stage("'aku gak bakal nge-judge' from a friend stays fine (id)", one("id", "Bima", "aku gak bakal nge-judge kok"), "none")
  expect_stage("'teman kamu kekanak-kanakan' (id)", one("id", "X", "teman kamu kekanak-kanakan"), "isolation")
  expect_stage("'film itu kekanak-kanakan' stays fine (id)", one("id", "Bima", "film itu kekanak-kanakan banget"), "none")
end

----------------------------------------------------------------------------- v10 round
-- Kinds of phrasing behind blind set v10's misses and false alarms, and the textbook warning-sign families they
-- belong to; each rule with a line that counts and a friendly look-alike that stays fine. (No v10 sentence here.)
do
  -- en: a friend's own crush is excused; "i like you" in a secret is still about us
  expect_stage("'dont tell anyone i fancy oliver' stays fine (en)", one("en", "Nia", "dont tell anyone i fancy oliver ok"), "none")
  expect_stage("'dont tell anyone i like you' (en)", one("en", "X", "dont tell anyone i like you"), "isolation")
  -- en: a small debt between friends; "you owe me" from a stranger still counts
  expect_stage("'you still owe me 3 quid from lunch' stays fine (en)", one("en", "Tom", "you still owe me 3 quid from lunch, pay me back"), "none")
  expect_stage("'you owe me' (en)", one("en", "X", "you owe me"), "control")
  expect_stage("'pay me back or else lol' stays fine (en)", one("en", "Tom", "pay me back or else lol"), "none")
  expect_stage("'you owe me 50 quid' after a threat (en)", conv("en", {
    { "X", "i'll send your photos to your class" }, { "X", "you owe me 50 quid, pay me back by tonight" } }), "extortion")
  -- en: a deadline said with "got till" or "hours"; homework is fine
  expect_stage("'youve got till midnight' (en)", one("en", "X", "youve got till midnight"), "extortion")
  expect_stage("'u got 2 hours' (en)", one("en", "X", "u got 2 hours"), "extortion")
  expect_stage("'you've got 2 hours of homework' stays fine (en)", one("en", "Ali", "you've got 2 hours of homework left lol"), "none")
  expect_stage("'tick tock' after a threat (en)", conv("en", {
    { "X", "i'll send your photos to your class" }, { "X", "tick tock" } }), "extortion")
  expect_stage("'tick tock, the bus leaves at 8' stays fine (en)", one("en", "Ali", "tick tock, the bus leaves at 8"), "none")
  -- en: "... or your whole school sees it", "or all your friends find out"
  expect_stage("'or the whole school finds out' (en)", one("en", "X", "send it or the whole school finds out"), "extortion")
  expect_stage("'or all your friends will know' (en)", one("en", "X", "do it or all your friends will know"), "extortion")
  expect_stage("'hurry or the whole class leaves' stays fine (en)", one("en", "Ali", "hurry up or the whole class leaves without us"), "none")
  -- en: a kept copy of what the child sent; what happens "then"
  expect_stage("'i still have the video you sent' (en)", one("en", "X", "i still have the video you sent me"), "extortion")
  expect_stage("'i still have the video from the concert' stays fine (en)", one("en", "Ali", "i still have the video from the concert"), "none")
  expect_stage("'then it goes straight to your dad' (en)", one("en", "X", "then it goes straight to your dad"), "extortion")
  expect_stage("'then it goes in the oven' stays fine (en)", one("en", "Ali", "then it goes in the oven for 20 minutes"), "none")
  -- en: "i'm done with you" is a threat to leave; to a whole group it is a goodnight
  expect_stage("'fine then, im done with you' (en)", one("en", "X", "fine then, im done with you"), "control")
  expect_stage("'im done with you guys, night' stays fine (en)", one("en", "Ali", "im done with you guys, night all"), "none")
  -- en: photo slang, "ruin your life", "who else is home"
  expect_stage("'send nudes' (en)", one("en", "X", "send nudes"), "sexualization")
  expect_stage("'nude nail polish' stays fine (en)", one("en", "Ali", "i love that nude nail polish"), "none")
  expect_stage("'im going to ruin your life' (en)", one("en", "X", "im going to ruin your life"), "extortion")
  expect_stage("'this song will ruin your life' stays fine (en)", one("en", "Ali", "this song will ruin your life lol"), "none")
  expect_stage("'who else is home with you' (en)", one("en", "X", "who else is home with you?"), "isolation")
  expect_stage("'who else wants pizza' stays fine (en)", one("en", "Ali", "who else wants pizza?"), "none")
  -- en: kept quiet by blame or doubt
  expect_stage("'if you tell your mum youll be the one in trouble' (en)", one("en", "X", "if you tell your mum, you'll be the one in trouble"), "control")
  expect_stage("'theyll believe me not you' (en)", one("en", "X", "they'll believe me, not you"), "control")
  expect_stage("'youll be the one who scores' stays fine (en)", one("en", "Ali", "you'll be the one who scores next time"), "none")
  expect_stage("'nobody would believe you' after a photo request (en)", conv("en", {
    { "X", "send me a photo of you" }, { "X", "nobody would believe you anyway" } }), "control")
  expect_stage("'nobody will believe you made that' stays fine (en)", one("en", "Ali", "nobody will believe you made that in 3 days"), "none")
  -- en: "everyone does it" next to a photo request is about the photo; alone it is still pressure
  expect_stage("'send me a pic, everyone your age does it' (en)", one("en", "X", "send me a pic, everyone your age does it"), "sexualization")
  expect_stage("'everyone your age does it' (en)", one("en", "X", "relax, everyone your age does it"), "control")
  -- en: a camera for registration; "talk to me about anything"; wiping chats; posting your photo online
  expect_stage("'camera on for registration' stays fine (en)", one("en", "Teacher", "please turn your camera on for registration"), "none")
  expect_stage("'turn your camera on for me' (en)", one("en", "X", "turn your camera on for me"), "sexualization")
  expect_stage("'you can always talk to me about anything' (en)", one("en", "X", "you can always talk to me about anything"), "trust")
  expect_stage("'talk to me about anything but maths' stays fine (en)", one("en", "Ali", "talk to me about anything but maths lol"), "none")
  expect_stage("'wipe our messages' (en)", one("en", "X", "wipe our messages after you read them"), "isolation")
  expect_stage("'wipe the whiteboard' stays fine (en)", one("en", "Ali", "can you wipe the whiteboard"), "none")
  expect_stage("'im going to post your pictures online' (en)", one("en", "X", "im going to post your pictures online"), "extortion")
  expect_stage("'ill post the team photos online' stays fine (en)", one("en", "Coach", "i'll post the team photos online tomorrow"), "none")

  -- id: gebetan teman sendiri; "aku sayang kamu" dalam rahasia tetap dihitung
  expect_stage("'jangan bilang, aku suka sama Raka' stays fine (id)", one("id", "Nia", "jangan bilang siapa2 ya, aku suka sama Raka"), "none")
  expect_stage("'jangan cerita ... aku sayang kamu' (id)", one("id", "X", "jangan cerita ke siapa pun kalau aku sayang kamu"), "isolation")
  -- id: "rahasia kecil kita"; "lanjut di DM"
  expect_stage("'ini rahasia kecil kita' (id)", one("id", "X", "ini rahasia kecil kita ya"), "isolation")
  expect_stage("'rahasia kecilku: takut gelap' stays fine (id)", one("id", "Nia", "rahasia kecilku: aku takut gelap"), "none")
  expect_stage("'lanjut di dm aja yuk' (id)", one("id", "X", "lanjut di dm aja yuk"), "isolation")
  expect_stage("'lanjut di grup kelas' stays fine (id)", one("id", "Nia", "lanjut di grup kelas aja"), "none")
  -- id: utang antar teman; formulir akun; nasihat keamanan
  expect_stage("'balikin duit 15rb, buat beli pulsa' stays fine (id)", one("id", "Bima", "balikin duit 15rb yang kemarin ya, buat beli pulsa"), "none")
  expect_stage("'aku beliin pulsa gratis buat kamu' (id)", one("id", "X", "aku beliin pulsa gratis buat kamu"), "trust")
  expect_stage("'masukkan alamat email ... memulihkan akun' stays fine (id)", one("id", "Bot", "masukkan alamat email yang terdaftar untuk memulihkan akun"), "none")
  expect_stage("'kami tidak akan pernah meminta kata sandi' stays fine (id)", one("id", "Bot", "kami tidak akan pernah meminta kata sandi, ketik alamat emailmu"), "none")
  expect_stage("'alamat rumahmu di mana?' (id)", one("id", "X", "alamat rumahmu di mana?"), "trust")
  -- id: ancaman pergi, bukan menjauhkan dari teman
  expect_stage("'ya udah gak usah temenan lagi' (id)", one("id", "X", "ya udah gak usah temenan lagi"), "control")
  expect_stage("'gak usah chat lagi, aku udah sampai' stays fine (id)", one("id", "Bima", "gak usah chat lagi, aku udah sampai"), "none")
  expect_stage("'aku bakal ngilang aja' (id)", one("id", "X", "aku bakal ngilang aja"), "control")
  expect_stage("'aku ngilang bentar, mau makan' stays fine (id)", one("id", "Bima", "aku ngilang bentar ya, mau makan"), "none")
  -- id: "gak bakal aku sebar" dibaca dengan penyangkalannya
  expect_stage("'aku gak bakal nyebarin kok' stays fine (id)", one("id", "Bima", "tenang, aku gak bakal nyebarin kok"), "none")
  expect_stage("'aku bakal sebarin fotomu' (id)", one("id", "X", "aku bakal sebarin fotomu"), "extortion")
  -- id: "kalau kamu gak ..., aku kasih tau / upload"; "... atau videomu aku kirim"
  expect_stage("'kalau kamu gak mau, aku kasih tau mamamu' (id)", one("id", "X", "kalau kamu gak mau, aku kasih tau mamamu"), "extortion")
  expect_stage("'kalau kamu gak kirim lagi, aku upload fotomu' (id)", one("id", "X", "kalau kamu gak kirim lagi, aku upload fotomu"), "extortion")
  expect_stage("'kalau kamu gak dateng, aku post foto kelas' stays fine (id)", one("id", "Bima", "kalau kamu gak dateng, aku post foto kelas sendiri ya"), "none")
  expect_stage("'transfer 200rb atau videomu aku kirim' (id)", one("id", "X", "transfer 200rb atau videomu aku kirim ke teman-temanmu"), "extortion")
  -- id: batas waktu dan akibatnya
  expect_stage("'lewat sedikit aku kirim ke mamamu' (id)", one("id", "X", "lewat sedikit aku kirim ke mamamu"), "extortion")
  expect_stage("'telat dikit aku kirim ke grup tugasnya' stays fine (id)", one("id", "Bima", "telat dikit aku kirim ke grup kelas tugasnya"), "none")
  expect_stage("'kamu punya waktu 2 jam' after a threat (id)", conv("id", {
    { "X", "aku sebar fotomu ke semua temanmu" }, { "X", "kamu punya waktu 2 jam" } }), "extortion")
  expect_stage("'kamu punya waktu 2 jam buat istirahat' stays fine (id)", one("id", "Bima", "kamu punya waktu 2 jam buat istirahat"), "none")
  expect_stage("'kamu punya waktu 3 jam buat transfer' (id)", one("id", "X", "kamu punya waktu 3 jam buat transfer"), "extortion")
  expect_stage("'waktu seminggu buat bayar kas kelas' stays fine (id)", one("id", "Bima", "kamu punya waktu seminggu buat bayar kas kelas"), "none")
  -- id: salinan yang disimpan, urutan lain
  expect_stage("'videomu masih aku simpan' after a threat (id)", conv("id", {
    { "X", "kalau gak kirim lagi, aku sebar" }, { "X", "videomu masih aku simpan" } }), "extortion")
  expect_stage("'foto liburan masih aku simpan' stays fine (id)", one("id", "Bima", "foto liburan kita masih aku simpan"), "none")
  -- id: membuat anak diam dengan menyalahkan atau meragukan
  expect_stage("'kalau kamu ngadu, nanti kamu yang dihukum' (id)", one("id", "X", "kalau kamu ngadu, nanti kamu yang dihukum"), "control")
  expect_stage("'kamu yang menang, bukan aku' stays fine (id)", one("id", "Bima", "kamu yang menang, bukan aku"), "none")
  expect_stage("'gak bakal ada yang percaya' after a photo request (id)", conv("id", {
    { "X", "kirim fotomu dong" }, { "X", "gak bakal ada yang percaya sama kamu" } }), "control")
  expect_stage("'siapa yang percaya kamu jago' stays fine (id)", one("id", "Bima", "siapa yang percaya kamu bisa jago gitu wkwk"), "none")
  -- id: "semua anak juga gitu" di samping minta foto itu soal fotonya
  expect_stage("'kirim foto dong, semua anak juga gitu' (id)", one("id", "X", "kirim foto dong, semua anak juga gitu"), "sexualization")
  expect_stage("'semua anak juga gitu kok' (id)", one("id", "X", "santai, semua anak juga gitu kok"), "control")
  -- id: kamera buat absen
  expect_stage("'nyalain kamera buat absen' stays fine (id)", one("id", "Bu Sari", "nyalain kamera buat absen ya"), "none")
  expect_stage("'nyalain kamera dong buat aku' (id)", one("id", "X", "nyalain kamera dong buat aku"), "sexualization")
end

----------------------------------------------------------------------------- v11 round
do
  local function st(name, lang, speaker, text, stage) expect_stage(name .. " (" .. lang .. ")", one(lang, speaker, text), stage) end
  -- en: UK/US/AU words for telling on someone; blame turned on the child
  st("'if you snitch ... they'll blame you not me'", "en", "X", "if you snitch to your teacher they'll blame you not me", "control")
  st("'dont even bother grassing'", "en", "X", "dont even bother grassing, nobody will care", "control")
  st("'dont even think about telling him the ending' stays fine", "en", "Ali", "dont even think about telling him the ending of the film", "none")
  -- en: the polite voice of guilt
  st("'given you so much of my time'", "en", "X", "i've given you so much of my time and this is how you act", "control")
  st("'given you all time to finish' stays fine", "en", "Ms Lee", "i've given you all a lot of time to finish this", "none")
  st("'dont make me regret trusting you'", "en", "X", "don't make me regret trusting you", "control")
  st("'dont make me wait' stays fine", "en", "Ali", "don't make me wait, the film starts at 6", "none")
  st("'sorry i went quiet on you, phone died' stays fine", "en", "Ali", "sorry i went quiet on you, my phone died", "none")
  -- en: "best not to mention it", "keep this confidential for now"
  st("'better not to tell your mum about our chats yet'", "en", "X", "better not to tell your mum about our chats yet", "isolation")
  st("'keep this confidential for now'", "en", "X", "keep this confidential for now ok", "isolation")
  st("'the counsellor will keep it confidential' stays fine", "en", "Ms Lee", "the counsellor will keep it confidential", "none")
  -- en: "if you dont ill screenshot"; "til"
  st("'if you dont ... ill screenshot everything you said'", "en", "X", "if you dont do it ill screenshot everything you said and post it", "extortion")
  st("'ill screenshot the leaderboard for you' stays fine", "en", "Ali", "ill screenshot the leaderboard for you", "none")
  st("'u got til midnight to pay'", "en", "X", "u got til midnight to pay", "extortion")
  -- en: fake authority
  st("'i need your password to verify your account'", "en", "X", "i'm a moderator, i need your password to verify your account", "trust")
  st("'never share your password, staff will never ask' stays fine", "en", "Mod", "reminder: never share your password with anyone, staff will never ask", "none")
  st("'500 gems added to your account' stays fine", "en", "Shop Bot", "order confirmed: 500 gems added to your account", "none")
  st("'send a quick verification video'", "en", "X", "send a quick verification video so we know it's you", "sexualization")
  st("'for the casting we need a few photos of you'", "en", "X", "for the casting we need a few photos of you in your room", "sexualization")
  st("'upload the audition video to the school portal' stays fine", "en", "Ms Lee", "upload the audition video to the class page on the school portal", "none")
  st("'beware of scammers offering free gems, report them' stays fine", "en", "Mod", "beware of scammers offering free gems in dms, report them", "none")
  st("'add me on discord for free gems'", "en", "X", "add me on discord for free gems", "isolation")
  -- en: friends' look-alikes
  st("'hurry up or else well miss the bus' stays fine", "en", "Ali", "hurry up or else we'll miss the bus", "none")
  st("'send it or else' still counts", "en", "X", "send another pic or else", "extortion")
  st("'you have until friday to hand in the essay' stays fine", "en", "Ms Lee", "you have until friday to hand in the essay", "none")
  st("'lets move to another server, this one lags' stays fine", "en", "Ali", "lets move to another server, this one lags", "none")
  st("'are you alone in the queue?' stays fine", "en", "Ali", "are you alone in the queue?", "none")
  st("'alone in the queue? lets talk on snap instead'", "en", "X", "hey are you alone in the queue? lets talk on snap instead", "isolation")
  st("'delete the old messages from the group chat' stays fine", "en", "Ali", "delete the old messages from the group chat", "none")
  st("'delete our chat and the group chat too'", "en", "X", "delete our chat and the group chat too", "isolation")
  st("Mum's 'you can tell me anything' stays fine", "en", "Mum", "you can tell me anything, sweetheart", "none")
  st("a stranger's 'you can tell me anything'", "en", "X", "you can tell me anything, i'm always here for you", "trust")
  st("'ill post that clip of you falling over lol jk' stays fine", "en", "Ali", "i'll post that clip of you falling over lol jk", "none")
  st("'ill post your photo online, you think im joking?'", "en", "X", "i'll post your photo online, you think im joking?", "extortion")
  st("'dont forget to tell your mum thanks' stays fine", "en", "Ali", "dont forget to tell your mum thanks", "none")
  st("'my parents keep arguing, dont tell anyone' stays fine", "en", "Ali", "my parents keep arguing, dont tell anyone", "none")
  st("'you owe me one for that' stays fine", "en", "Ali", "you owe me one for that", "none")
  st("'do your homework or im telling miss lol' stays fine", "en", "Ali", "do your homework or im telling miss lol", "none")
  st("'aunty, is that ok with you?' about a gift stays fine", "en", "Sam", "want me to top up your game for your birthday? aunty, is that ok with you?", "none")
  st("'want me to top up your game?'", "en", "X", "want me to top up your game? free coins", "trust")
  expect_stage("'every time you go quiet on me' after a photo request (en)", conv("en", {
    { "X", "send me a pic of you" }, { "Mia", "no", true }, { "X", "every time you go quiet on me i feel like you dont care" } }), "control")

  -- id: bahasa Jawa dan Jakarta
  st("'ojo crito sopo2 yo'", "id", "X", "ojo crito sopo2 yo", "isolation")
  st("'ojo lali mangan yo' stays fine", "id", "Nia", "ojo lali mangan yo", "none")
  st("'kowe dewe neng omah?'", "id", "X", "kowe dewe neng omah?", "isolation")
  st("'kalau tidak transfer, fotomu kami sebar'", "id", "X", "kalau tidak transfer, fotomu kami sebar", "extortion")
  st("'kalo ga, videonya tak kirim ke ortumu'", "id", "X", "kalo ga, videonya tak kirim ke ortumu", "extortion")
  st("'tak mau ah, capek' stays fine", "id", "Nia", "tak mau ah, capek", "none")
  st("'tak sebar yo wkwk gak deng' stays fine", "id", "Nia", "video kamu joget masih ada, tak sebar yo wkwk gak deng", "none")
  st("'aku kirim surat izinnya ke ortu kamu' stays fine", "id", "Nia", "aku kirim surat izinnya ke ortu kamu ya", "none")
  st("'aku kirim pulsa buat kamu'", "id", "X", "aku kirim pulsa buat kamu ya", "trust")
  st("'aku laporin pak guru wkwk' stays fine", "id", "Nia", "kalau nggak piket, aku laporin pak guru wkwk", "none")
  st("'kalau nggak, aku laporin ke ortu kamu'", "id", "X", "kalau nggak kirim, aku laporin ke ortu kamu", "extortion")
  st("'lu utang satu sama gw' stays fine", "id", "Nia", "lu utang satu sama gw", "none")
  st("'obrolan kita masih aku simpen, transfer sekarang'", "id", "X", "obrolan kita masih aku simpen, transfer sekarang", "extortion")
  st("'catatan kita masih aku simpen' stays fine", "id", "Nia", "catatan kita masih aku simpen kok", "none")
  st("'aku udah topupin kamu, masa gitu aja gak mau'", "id", "X", "aku udah topupin kamu, masa gitu aja gak mau", "control")
  st("'yaudah aku unfriend aja, jangan nyesel'", "id", "X", "yaudah aku unfriend aja, jangan nyesel", "control")
  st("'aku block aja akun spam itu' stays fine", "id", "Nia", "aku block aja akun spam itu", "none")
  st("'jgn lupa bilang makasih ke mamanya' stays fine", "id", "Mama", "jgn lupa bilang makasih ke mamanya Nabila", "none")
  st("'jangan bilang mama ya' still counts", "id", "X", "jangan bilang mama ya", "isolation")
  -- id: otoritas palsu
  st("'aku admin, kirim password akunmu'", "id", "X", "aku admin, kirim password akunmu buat verifikasi", "trust")
  st("'jangan pernah kasih password' stays fine", "id", "Mod", "jangan pernah kasih password ke siapa pun ya", "none")
  st("'kirim video verifikasi'", "id", "X", "kirim video verifikasi biar aku tahu itu kamu", "sexualization")
  st("'video audisi lewat e-learning sekolah' stays fine", "id", "Bu Sari", "video audisi dikumpulkan lewat e-learning sekolah", "none")
  st("'awas penipu ... langsung report' stays fine", "id", "Mod", "awas penipu yang nawarin diamond gratis di dm, langsung report aja", "none")
  st("'chat aku di wa, nanti aku kasih diamond gratis'", "id", "X", "chat aku di wa, nanti aku kasih diamond gratis", "isolation")
  st("'tanya ibumu dulu' about a gift stays fine", "id", "Mas Bayu", "mau tak topupin diamond buat kado? tanya ibumu dulu ya", "none")
  expect_stage("'gitu doang gak mau' after a no (id)", conv("id", {
    { "X", "nyalain kamera dong" }, { "Raka", "ga ah", true }, { "X", "gitu doang ga mau" } }), "control")
  expect_stage("'gitu doang' from a friend stays fine (id)", one("id", "Nia", "gitu doang kok, gampang"), "none")
end

----------------------------------------------------------------------------- v12 round
do
  local function st(name, lang, speaker, text, stage) expect_stage(name .. " (" .. lang .. ")", one(lang, speaker, text), stage) end
  -- normalisation: Indonesian teens' English words; "outing" is a trip, not "out"
  same_words("'jgn spill' = 'jangan bilang'", "id", "jgn spill", "jangan bilang")
  same_words("'di private aja' = 'privat saja'", "id", "di private aja", "privat saja")
  same_words("'nganggep' = 'anggap'", "id", "nganggep", "anggap")
  same_words("'outing' = 'trip'", "en", "outing", "trip")
  same_words("'what'll' = 'what will'", "en", "what'll", "what will")

  -- en: guilt as a hint
  st("'thats on me for thinking i mattered'", "en", "X", "i guess that's on me for thinking i mattered to someone", "control")
  st("'i thought it mattered' stays fine", "en", "Ali", "i thought it mattered but the teacher said no", "none")
  st("'i thought i meant something to you'", "en", "X", "i thought i meant something to you", "control")
  st("'i thought i meant to bring my kit' stays fine", "en", "Ali", "i thought i meant to bring my kit today", "none")
  st("'the one time i ask for one small thing'", "en", "X", "the one time i ask for one small thing you say no", "control")
  st("'can i ask one small thing' stays fine", "en", "Ali", "can i ask one small thing, pass the ball more", "none")
  st("'i guess i dont matter to you'", "en", "X", "i guess i don't matter to you", "control")
  st("'guess im not important to you'", "en", "X", "guess i'm not important to you", "control")
  st("'i dont matter in this round' stays fine", "en", "Ali", "i don't matter in this round, i'm just support", "none")
  -- en: a favour owed for covering with a parent
  st("'you owe me for covering for you' stays fine", "en", "Katie", "you owe me for covering for you lol. told mum you were at the library", "none")
  st("a stranger's 'you owe me' still counts", "en", "X", "you owe me, after everything i did for you", "control")
  -- en: secrecy and going private, said indirectly
  st("'somewhere a bit quieter'", "en", "X", "lets carry on somewhere a bit quieter", "isolation")
  st("'the library is somewhere quieter' stays fine", "en", "Ali", "the library is somewhere quieter to study", "none")
  st("'if you kept this between us'", "en", "X", "it'd be nice if you kept this between us", "isolation")
  st("'kept my crush between us' stays fine", "en", "Jess", "it'd be nice if you kept my crush between us", "none")
  st("'what we talk about stays here'", "en", "X", "what we talk about stays here", "isolation")
  st("'what happens at the sleepover stays here' stays fine", "en", "Ali", "what happens at the sleepover stays here lol", "none")
  st("'no need for anyone else to know'", "en", "X", "no need for anyone else to know", "isolation")
  st("'no need to know all the formulas' stays fine", "en", "Ms Lee", "no need to know all the formulas for the test", "none")
  st("'your mum wouldnt understand anyway'", "en", "X", "your mum wouldn't understand anyway", "isolation")
  st("'your mum wouldnt understand the rules anyway' stays fine", "en", "Ali", "your mum wouldnt understand the rules anyway lol", "none")
  -- en: photos and body talk as a wish or a suggestion
  st("'take one yourself when youre alone in your room'", "en", "X", "you can take one yourself later when you're alone in your room", "sexualization")
  st("'take one of the leaflets' stays fine", "en", "Ms Lee", "take one of the leaflets when you leave", "none")
  expect_stage("'id love to see how that dress looks on you' after flattery (en)", conv("en", {
    { "X", "you're so mature for your age" }, { "X", "I would love to see how that dress looks on you" } }), "sexualization")
  st("a friend's 'see how that dress looks on you' stays fine", "en", "Ali", "I'd love to see how that dress looks on you at prom", "none")
  expect_stage("'has anyone asked you out yet?' after turning away (en)", conv("en", {
    { "X", "your friends don't really get you like i do" }, { "X", "has anyone asked you out yet?" } }), "sexualization")
  st("a friend's 'has jamie asked you out yet' stays fine", "en", "Ali", "has jamie asked you out yet omg", "none")
  expect_stage("'normal at your age to have someone' after turning away (en)", conv("en", {
    { "X", "your friends don't really get you like i do" }, { "X", "its totally normal at your age to have someone" } }), "sexualization")
  st("'normal at your age to have a crush' stays fine", "en", "Ms Lee", "it's totally normal at your age to have a crush on someone", "none")
  st("'send me a photo before you go out'", "en", "X", "send me a photo before you go out", "sexualization")
  st("'photos from the school outing' stays fine", "en", "Ali", "send me the photos from the school outing", "none")
  -- en: threats as a hint
  st("'a pity if these got out'", "en", "X", "it'd be a pity if these got out", "extortion")
  st("'awful if your friends found out'", "en", "X", "it would be awful if your friends found out", "extortion")
  st("'a shame if we lost the file again' stays fine", "en", "Ali", "it'd be a shame if we lost the file again", "none")
  st("'a shame if you missed out on the trip' stays fine", "en", "Ali", "it'd be a shame if you missed out on the trip", "none")
  st("'id hate for your mum to see this'", "en", "X", "i'd hate for your mum to see this", "extortion")
  st("'id hate for you to miss the party' stays fine", "en", "Ali", "i'd hate for you to miss the party", "none")
  st("'you know whatll happen if you tell'", "en", "X", "you know what'll happen if you tell anyone", "extortion")
  st("'you know whatll happen in the next episode' stays fine", "en", "Ali", "you know what'll happen in the next episode?", "none")

  -- id: kata Inggris remaja ("spill", "private")
  st("'gak usah spill ke siapa2'", "id", "X", "gak usah spill ke siapa2 ya", "isolation")
  st("'jgn spill ya, surprise buat mama' stays fine", "id", "Nia", "jgn spill ya, surprise buat mama", "none")
  st("'jangan spill, aku suka sm kak Bayu' stays fine", "id", "Nia", "jangan spill ke siapa2 ya, aku suka sm kak Bayu", "none")
  st("'btw jangan spill chat kita ya'", "id", "X", "btw jangan spill chat kita ya", "isolation")
  st("'jangan spill chat grup kita, ada kejutan' stays fine", "id", "Nia", "jangan spill chat grup kita ke kelas sebelah ya, ada kejutan buat bu guru", "none")
  st("'di private aja yuk'", "id", "X", "di private aja yuk", "isolation")
  st("'akun kamu di private aja biar aman' stays fine", "id", "Nia", "akun kamu di private aja biar aman", "none")
  -- id: hadiah lewat akun game
  st("'mau aq transfer aja ke akun km?'", "id", "X", "mau aq transfer aja ke akun km?", "trust")
  st("'aku kirim link zoom ke akun kamu' stays fine", "id", "Nia", "aku kirim link zoom ke akun kamu", "none")
  -- id: rasa bersalah yang disindirkan
  st("'giliran aku minta hal kecil'", "id", "X", "giliran aku minta hal kecil km gak mau", "control")
  st("'giliran aku yang main' stays fine", "id", "Nia", "giliran aku yang main ya", "none")
  st("'nganggep aku penting buat km'", "id", "X", "mungkin aku aja yg nganggep aku penting buat km", "control")
  st("'kirain pr ini penting buat kamu' stays fine", "id", "Nia", "kirain pr ini penting buat kamu", "none")
  st("'aku emang gak penting buat km'", "id", "X", "mungkin aku emang gak penting buat km", "control")
  st("'aku gak penting kok, yg penting kamu lulus' stays fine", "id", "Nia", "aku gak penting kok, yg penting kamu lulus", "none")
  -- id: utang karena sudah menutupi; teman yang malu sendiri
  st("'km utang sm aq, td aq bilang ke mama km lagi kerja kelompok' stays fine", "id", "Kakak", "km utang sm aq ya, td aq bilang ke mama km lagi kerja kelompok", "none")
  st("a stranger's 'kamu utang sama aku' still counts", "id", "X", "kamu utang sama aku", "control")
  st("'chat yg tadi hapus aja ya'", "id", "X", "chat yg tadi hapus aja ya", "isolation")
  st("'chat yg tadi hapus aja, malu bgt aq' stays fine", "id", "Nia", "chat yg tadi hapus aja ya, malu bgt aq", "none")
  -- id: ancaman yang disindirkan
  st("'sayang aja sih kalo sampe nyebar'", "id", "X", "sayang aja sih kalo sampe nyebar ke grup", "extortion")
  st("'sayang bgt kalo file ppt ilang' stays fine", "id", "Nia", "sayang bgt kalo file ppt ilang", "none")
  st("'sayang kalo video lomba kita gak viral' stays fine", "id", "Nia", "sayang banget kalo video lomba kita gak viral", "none")
  st("'km tau kan apa yg terjadi kalo km gak bales'", "id", "X", "km tau kan apa yg terjadi kalo km gak bales", "extortion")
  st("'tau gak apa yang terjadi kalau kamu campur cuka' stays fine", "id", "Bu Sari", "kamu tau gak apa yang terjadi kalau kamu campur cuka sama soda?", "none")
  st("'kasian ortumu kalo sampe liat ini'", "id", "X", "kasian ortumu kalo sampe liat ini", "extortion")
  st("'kasian mamamu kalo liat kamarmu' stays fine", "id", "Nia", "kasian mamamu kalo liat kamarmu berantakan wkwk", "none")
  expect_stage("'lewat dr itu ya... km tau sendiri' after a threat (id)", conv("id", {
    { "X", "fotomu aku sebar ke grup kelas" }, { "X", "lewat dr itu ya... km tau sendiri" } }), "extortion")
  st("'lewat jalan belakang, kamu tau sendiri macetnya' stays fine", "id", "Nia", "lewat jalan belakang aja, kamu tau sendiri macetnya", "none")
  expect_stage("'kalo vouchernya nyampe, semuanya aman' after a threat (id)", conv("id", {
    { "X", "fotomu aku sebar ke grup kelas" }, { "X", "kalo voucher nya nyampe sebelum jam 9, semuanya aman" } }), "extortion")
  st("'kalo semua udah bayar kas, semua beres' stays fine", "id", "Bu Sari", "kalo semua udah bayar kas, semua beres ya", "none")
  st("'kalau kamu ngadu, nanti yang dimarahin kamu sendiri'", "id", "X", "kalau kamu ngadu, nanti yang dimarahin kamu sendiri", "control")
  st("'aku cerita ke mama, yang kena marah malah adikku' stays fine", "id", "Nia", "aku cerita ke mama, yang kena marah malah adikku", "none")
end

----------------------------------------------------------------------------- v13 round
do
  local function st(name, lang, speaker, text, stage) expect_stage(name .. " (" .. lang .. ")", one(lang, speaker, text), stage) end
  -- normalisation: "who'll"; the formal Indonesian "beri tahu / beritahu / memberitahu", "salahmu", "temen2mu",
  -- "jika/apabila", "unggah", "membuatku"; "baju renang" is a piece of clothing, not the swimming club
  same_words("'who'll' = 'who will'", "en", "who'll", "who will")
  same_words("'beri tahu' = 'bilang'", "id", "beri tahu", "bilang")
  same_words("'beritahu' = 'bilang'", "id", "beritahu", "bilang")
  same_words("'memberitahu' = 'bilang'", "id", "memberitahu", "bilang")
  same_words("'salahmu' = 'salah kamu'", "id", "salahmu", "salah kamu")
  same_words("'temen2mu' = 'teman kamu'", "id", "temen2mu", "teman kamu")
  same_words("'jika' = 'kalau'", "id", "jika", "kalau")
  same_words("'apabila' = 'kalau'", "id", "apabila", "kalau")
  same_words("'unggah' = 'upload'", "id", "unggah", "upload")
  same_words("'membuatku' = 'bikin aku'", "id", "membuatku", "bikin aku")

  -- en: demanding an instant answer (control.guilt.reply-demand); "answers" alone is no longer homework
  st("'when i message you, you answer straight away'", "en", "X", "why so slow?? when I message you, you answer straight away", "control")
  st("'you have to reply when i text you'", "en", "X", "you have to reply when I text you", "control")
  st("'when i message you about the homework, answer straight away' stays fine", "en", "Ali", "when i message you about the homework, answer straight away pls", "none")
  st("a parent's 'when I call you, answer straight away' stays fine", "en", "Mum", "when I call you, you answer straight away, ok? I worry", "none")
  expect_stage("'i'll stop talking to you then' after a complaint about answering (en)", conv("en", {
    { "X", "why did you take so long? when I message you, you answer straight away" }, { "Mia", "sorry, dinner", true },
    { "X", "fine, I'll stop talking to you then" } }), "control")
  st("'did you check the answer sheet?' stays fine", "en", "Ali", "did you check the answer sheet for question 4?", "none")
  -- en: blame that keeps you quiet
  st("'you're the one who'll get in trouble'", "en", "X", "and if you tell anyone, you're the one who'll get in trouble", "control")
  st("'you'd get in more trouble than me'", "en", "X", "you'd get in more trouble than me", "control")
  st("'nobody will believe you if you tell'", "en", "X", "nobody will believe you if you tell", "control")
  st("a parent's 'you won't get in trouble' stays fine", "en", "Ms Lee", "if you tell the truth you won't get in trouble, I promise", "none")
  st("'nobody will believe you scored that goal' stays fine", "en", "Ali", "nobody will believe you scored that goal lol", "none")
  -- en: threats to leave and guilt
  st("'if you don't, we're not friends anymore'", "en", "X", "if you don't, we're not friends anymore", "control")
  st("'not friends anymore lol jk' stays fine", "en", "Ali", "we're not friends anymore if you don't share your crisps lol jk", "none")
  st("'see who else wants to be your friend'", "en", "X", "see who else wants to be your friend", "control")
  st("'see who else wants to join the team' stays fine", "en", "Ali", "see who else wants to join the team for saturday", "none")
  st("'you're being so immature'", "en", "X", "you're being so immature", "control")
  st("'it's too late now, you already sent one'", "en", "X", "it's too late now, you already sent one", "control")
  st("'too late, i already sent the slides' stays fine", "en", "Ali", "too late, i already sent the slides to miss", "none")
  st("'if you don't do it, I'll be really upset'", "en", "X", "if you don't do it, I'll be really upset", "control")
  st("'if you don't come, I'll be really sad, it's my birthday' stays fine", "en", "Ali", "if you don't come, I'll be really sad! it's my birthday", "none")
  st("'you're the one who sent it'", "en", "X", "you're the one who sent it, so stop complaining", "control")
  -- en: "it's normal, everyone our age does it" after a request (sexualization.photos.normal)
  expect_stage("'relax, it's normal, everyone our age does it' after a photo request (en)", conv("en", {
    { "X", "send me a pic of you, it's just for me" }, { "X", "relax, it's normal, everyone our age does it" } }), "sexualization")
  st("'it's normal, everyone our age gets nervous' stays fine", "en", "Ali", "relax, it's normal, everyone our age gets nervous before exams", "none")
  st("'normal for people who love each other to share photos'", "en", "X", "it's normal for people who love each other to share photos", "sexualization")
  st("'it's normal to share photos of the trip' stays fine", "en", "Ms Lee", "it's normal to share photos of the trip with the class", "none")
  -- en: threats
  expect_stage("'you've got until 9pm or I post it' after a threat naming everyone in your contacts (en)", conv("en", {
    { "X", "if you block me I'll send your photo to everyone in your contacts" }, { "X", "you've got until 9pm tonight or I post it" } }), "extortion")
  st("'you've got until friday, everyone in the class group' stays fine", "en", "Ms Lee", "everyone in the class group, you've got until friday for the essay", "none")
  st("'tell anyone and it all goes online'", "en", "X", "tell anyone and it all goes online today", "extortion")
  st("'tell your mum and it all goes on the fridge' stays fine", "en", "Ali", "tell your mum and it all goes on the fridge haha", "none")
  st("'or i post it'", "en", "X", "pay by tonight or i post it", "extortion")
  st("'or i post the team photo without you lol' stays fine", "en", "Ali", "hurry up or I post the team photo without you lol", "none")
  st("advice 'if someone says they'll share your pictures, don't pay and report it' stays fine", "en", "Ms Lee", "If someone says they'll share your pictures unless you pay, don't pay and report it.", "none")
  st("'if you don't pay, I'll share the video' still counts", "en", "X", "if you don't pay, I'll share the video", "extortion")
  -- en: isolation in textbook words
  st("'nobody else should see our chats'", "en", "X", "our chats are private, nobody else should see them", "isolation")
  st("'nobody else should see the surprise' stays fine", "en", "Ali", "nobody else should see the surprise card for miss", "none")
  st("'where's your computer in the house?'", "en", "X", "where's your computer in the house?", "isolation")
  st("'where's the computer room?' stays fine", "en", "Ali", "where's the computer room at your new school?", "none")
  st("'is your dad home? I need to drop off his ladder' stays fine", "en", "Ken", "hi, is your dad home? I need to drop off his ladder", "none")
  st("'it's our special secret'", "en", "X", "it's our special secret", "isolation")
  expect_stage("'your parents wouldn't understand' after secrecy (en)", conv("en", {
    { "X", "this is just between us ok" }, { "X", "your parents wouldn't understand" } }), "isolation")
  st("'my parents wouldn't understand this game' stays fine", "en", "Ali", "my parents wouldn't understand this game either", "none")
  -- en: romance and body in textbook words
  st("'have you ever been in love?'", "en", "X", "have you ever been in love?", "sexualization")
  st("a parent's 'have you ever been in love? the song asks' stays fine", "en", "Mum", "have you ever been in love? that's what the song asks", "none")
  st("'are you a virgin?'", "en", "X", "are you a virgin?", "sexualization")
  st("'extra virgin olive oil' stays fine", "en", "Ali", "get the extra virgin olive oil for the recipe", "none")
  st("'a game where you take off something each time'", "en", "X", "let's play a game, you take off something each time", "sexualization")
  st("'take off your muddy boots' stays fine", "en", "Ali", "take off your muddy boots before you come in", "none")
  st("'you'd look amazing in a bikini'", "en", "X", "you would look amazing in a bikini", "sexualization")
  st("'you'd look amazing in that dress' stays fine", "en", "Aunt Jo", "you'd look amazing in that dress at the wedding", "none")
  st("'have you ever sent a picture like that before?'", "en", "X", "have you ever sent a picture like that before?", "sexualization")

  -- id: menuntut langsung dibalas, menyalahkan, mengancam pergi
  st("'kalo aku chat langsung bales!'", "id", "X", "kok lama bgt balesnya?? kalo aku chat langsung bales!", "control")
  st("'kamu harus balas kalau aku chat'", "id", "X", "kamu harus balas kalau aku chat", "control")
  st("'kalo aku chat soal tugas langsung bales' stays fine", "id", "Nia", "kalo aku chat soal tugas langsung bales ya, deadline jam 9", "none")
  st("mama's 'kalau aku telepon langsung angkat' stays fine", "id", "Mama", "kalau aku telepon langsung angkat ya, mama khawatir", "none")
  st("'ini semua salahmu sendiri'", "id", "X", "Ini semua salahmu sendiri.", "control")
  st("'itu bukan salahmu' stays fine", "id", "Nia", "itu bukan salahmu kok", "none")
  st("'ini BUKAN salahmu' (a friend's comfort) stays fine", "id", "Zara", "nad ini BUKAN salahmu. jangan bayar", "none")
  st("'ini salahmu' is blame", "id", "X", "ini salahmu, kamu yang mulai", "control")
  st("'kamu sendiri yang kirim foto itu'", "id", "X", "kamu sendiri yang kirim foto itu", "control")
  st("'tidak akan ada yang percaya kalau kamu cerita'", "id", "X", "tidak ada yang akan percaya kalau kamu cerita", "control")
  st("'kamu tidak akan dimarahi kalau jujur' stays fine", "id", "Ayah", "kalau kamu jujur, kamu tidak akan dimarahi", "none")
  st("'kalau kamu tidak mau, kita tidak usah berteman lagi'", "id", "X", "kalau kamu tidak mau, kita tidak usah berteman lagi", "control")
  st("'liat aja siapa yg mau temenan sm km'", "id", "X", "liat aja siapa yg mau temenan sm km", "control")
  st("'liat aja siapa yang mau ikut lomba' stays fine", "id", "Nia", "liat aja siapa yang mau ikut lomba, nanti aku daftarin", "none")
  st("'kamu tidak mau kehilangan aku, kan?'", "id", "X", "kamu tidak mau kehilangan aku, kan?", "control")
  st("'kalau kamu tidak mau kirim, aku sedih'", "id", "X", "kalau kamu tidak mau kirim, aku akan sangat sedih", "control")
  st("'kalau kamu tidak mau ikut, aku sedih wkwk' stays fine", "id", "Nia", "kalau kamu tidak mau ikut, aku sedih deh wkwk", "none")
  st("'sudah terlambat, kamu sudah kirim satu'", "id", "X", "sudah terlambat, kamu sudah kirim satu", "control")
  st("'sudah telat, kamu sudah kirim tugasnya?' stays fine", "id", "Nia", "sudah telat, kamu sudah kirim tugasnya belum?", "none")
  st("'kamu membuatku sedih kalau menolak'", "id", "X", "kamu membuatku sedih kalau menolak", "control")
  -- id: "itu normal, semua orang juga gitu" sesudah permintaan
  expect_stage("'santai aja, semua org juga gitu kok, itu normal' after a photo request (id)", conv("id", {
    { "X", "kirim foto km dong, buat aku aja" }, { "X", "santai aja, semua org juga gitu kok, itu normal" } }), "sexualization")
  st("'itu normal kok, semua orang seumuran kita juga jerawatan' stays fine", "id", "Nia", "itu normal kok, semua orang seumuran kita juga pada jerawatan", "none")
  st("'wajar kok, orang pacaran juga kirim foto'", "id", "X", "itu wajar kok, semua orang pacaran juga kirim foto", "sexualization")
  -- id: ragam resmi rahasia dan menjauhkan
  st("'jangan beri tahu orang tuamu tentang percakapan kita'", "id", "X", "Jangan beri tahu orang tuamu tentang percakapan kita.", "isolation")
  st("'jangan beritahu guru atau orang tuamu'", "id", "X", "Jangan beritahu guru atau orang tuamu.", "isolation")
  st("'jangan beri tahu adik, kejutan' stays fine", "id", "Ibu", "jangan beri tahu adik ya soal kue ultahnya, kejutan", "none")
  st("'chat kita jangan sampai dilihat orang lain'", "id", "X", "Chat kita jangan sampai dilihat orang lain.", "isolation")
  st("'jangan sampai lupa bawa baju olahraga' stays fine", "id", "Nia", "jangan sampai lupa bawa baju olahraga besok", "none")
  st("'temen2mu tuh kekanak-kanakan'", "id", "X", "temen2mu tuh kekanak-kanakan", "isolation")
  st("'ngapain main sm mereka'", "id", "X", "ngapain main sm mereka", "isolation")
  st("'temen2mu udah dateng' stays fine", "id", "Ibu", "temen2mu udah dateng tuh di depan", "none")
  st("'kita ketemuan yuk, tapi jangan bilang siapa-siapa'", "id", "X", "kita ketemuan yuk, tapi jangan bilang siapa-siapa", "sexualization")
  st("'ketemuan di taman sama anak sekelas' stays fine", "id", "Nia", "ketemuan di taman yuk sama anak-anak sekelas sabtu", "none")
  -- id: orang yang mencari orang tua; orang tua ada di grup
  st("'dek, bapak ada di rumah? mas mau nanya soal arisan' stays fine", "id", "Mas Yoga", "dek, bapak ada di rumah? mas mau nanya soal arisan minggu dpn", "none")
  st("'ayah ada di rumah? saya mau antar undangan' stays fine", "id", "Pak RT", "Bapak ada di rumah, dik? Saya mau antar undangan.", "none")
  st("'ortumu ada di rumah?' still counts", "id", "X", "ortumu ada di rumah? aku mau ngobrol sama kamu", "isolation")
  st("'orang tua juga ada di grup' stays fine", "id", "Coach Anton", "info latihan cuma lewat grup ini ya, orang tua juga ada di grup", "none")
  -- id: hadiah, badan, romansa dalam ragam resmi
  st("'aku akan memberimu hadiah'", "id", "X", "Aku akan memberimu hadiah kalau kamu mau.", "trust")
  st("'aku kasih hadiah ke teman-teman sekelas' stays fine", "id", "Bu Sari", "ibu kasih hadiah buat semua murid yang ikut lomba", "none")
  st("'kirim foto pakai baju renang'", "id", "X", "kirim foto pakai baju renang dong", "sexualization")
  st("'kirim foto baju renang yang mau kamu beli' stays fine", "id", "Nia", "kirim foto baju renang yang mau kamu beli dong, biar aku kasih saran", "none")
  st("'kamu masih perawan?'", "id", "X", "kamu masih perawan?", "sexualization")
  st("'ceritakan tentang tubuhmu'", "id", "X", "Ceritakan tentang tubuhmu.", "sexualization")
  st("'tunjukkan seperti apa kamu tanpa baju'", "id", "X", "Tunjukkan seperti apa kamu tanpa baju.", "sexualization")
  st("'jangan datang tanpa baju olahraga' stays fine", "id", "Nia", "besok jangan datang tanpa baju olahraga ya", "none")
  -- id: ancaman dalam ragam resmi dan tenggat
  expect_stage("'top up-in diamond akunku, km cuma punya waktu sampe jam 9' after a threat (id)", conv("id", {
    { "X", "kalo km blokir, fotomu aku sebar ke grup kelasmu" }, { "X", "top up-in diamond akunku, km cuma punya waktu sampe jam 9 malem" } }), "extortion")
  st("'kalian punya waktu sampai jam 9 untuk tugas' stays fine", "id", "Bu Sari", "kalian punya waktu sampai jam 9 malam untuk mengumpulkan tugas", "none")
  st("'kalau kamu blokir aku, semuanya aku posting'", "id", "X", "Kalau kamu blokir aku, semuanya aku posting.", "extortion")
  st("'apabila kamu melapor, fotomu akan tersebar'", "id", "X", "Apabila kamu melapor, fotomu akan tersebar.", "extortion")
  st("'fotomu akan saya unggah ke internet'", "id", "X", "Fotomu akan saya unggah ke internet kalau kamu berhenti membalas.", "extortion")
  st("'turuti kemauanku atau keluargamu akan tahu'", "id", "X", "Turuti kemauanku atau keluargamu akan tahu.", "extortion")
  st("'kerjain PR atau ibu bakal tahu' stays fine", "id", "Ibu", "kerjain PR dulu atau ibu bakal tahu kamu main game terus", "none")
  st("'aku sudah rekam video call kita'", "id", "X", "Aku sudah rekam video call kita.", "extortion")
  st("'aku akan bilang ke semua orang di sekolahmu'", "id", "X", "Aku akan bilang ke semua orang di sekolahmu.", "extortion")
  st("'aku akan mempermalukan kamu di depan teman-temanmu'", "id", "X", "Aku akan mempermalukan kamu di depan teman-temanmu.", "extortion")
  st("advice 'kalau ada yang mengancam menyebarkan foto, jangan dituruti' stays fine", "id", "Bu Ratna", "Kalau ada yang mengancam menyebarkan foto atau meminta uang, jangan dituruti dan itu bukan salah kalian.", "none")
  st("advice 'kalau ada yang bilang akan menyebarkan fotomu, jangan bayar' stays fine", "id", "Bu Sari", "Kalau ada yang bilang akan menyebarkan fotomu kalau kamu tidak bayar, jangan bayar dan lapor ke guru.", "none")
  st("advice 'jika ada yang meminta kamu merahasiakan sesuatu, beri tahu ibu' stays fine", "id", "Bu Sari", "Jika ada yang meminta kamu merahasiakan sesuatu dari orang tua, beri tahu ibu.", "none")
  st("'kalo km lapor ke siapa2, langsung aku viralin' still counts", "id", "X", "kalo km lapor ke siapa2, langsung aku viralin", "extortion")
  st("'kalau ada yang tanya, bilang aja kamu di rumah temen' still counts", "id", "X", "kalau ada yang tanya, bilang aja kamu di rumah temen", "isolation")
end

do -- a stem of three letters or fewer is not taken for a slang word
  same_words("'dinda' (a name) is not 'di' + 'nda' (= tidak)", "id", "dinda", "dinda")
  same_words("'temennya' is still 'teman'", "id", "temennya", "teman")
end

do -- a negation reaches neither past a sentence's end nor past a comma
  local function st(name, lang, speaker, text, stage) expect_stage(name .. " (" .. lang .. ")", one(lang, speaker, text), stage) end
  st("'I'd never hurt you, you can trust me' still counts", "en", "X", "I'd never hurt you, you can trust me", "trust")
  st("'i would never ask you to keep secrets' stays fine", "en", "X", "i would never ask you to keep secrets from your parents", "none")
  st("'aku gak bakal nyakitin kamu, kamu bisa percaya sama aku' still counts", "id", "X", "aku gak bakal nyakitin kamu, kamu bisa percaya sama aku", "trust")
  st("'kalau kamu gak dateng, aku post foto kelas sendiri ya' stays fine (a group photo)", "id", "Bima", "kalau kamu gak dateng, aku post foto kelas sendiri ya", "none")
  st("'kalau kamu gak kirim lagi, aku sebar fotomu ke grup kelas' still counts", "id", "X", "kalau kamu gak kirim lagi, aku sebar fotomu ke grup kelas", "extortion")
end

do -- v14 round: whole arcs over days (each rule: a line that fires and a harmless look-alike)
  local function st(name, lang, speaker, text, stage) expect_stage(name .. " (" .. lang .. ")", one(lang, speaker, text), stage) end
  -- en: gifts already sent, the gift before "for you"; a prize shared
  st("'sent u 500 coins btw, enjoy'", "en", "X", "sent u 500 coins btw, enjoy", "trust")
  st("'sent u the coins we traded' stays fine", "en", "Mo", "sent u the coins we traded, check ur inventory", "none")
  st("'i'll even throw in the season pass for u'", "en", "X", "i'll even throw in the season pass for u", "trust")
  st("'got 2 codes from the school quiz, one is for u' stays fine", "en", "Mo", "won 2 codes in the school quiz lol, i'll send one code for you", "none")
  -- en: flattery against adults and a group
  st("'ur cleverer than ur parents think'", "en", "X", "honestly ur cleverer than ur parents think", "trust")
  st("'ur mum thinks ur cleverer than that' stays fine", "en", "Mo", "ur mum thinks ur cleverer than that lol", "none")
  st("'ur better than half my squad'", "en", "X", "tbh ur better than half my squad already", "trust")
  st("'ur better than half my class at spelling' stays fine", "en", "Mo", "ur better than half my class at spelling lol", "none")
  st("'ur literally the most gifted person on this server'", "en", "X", "ur literally the most gifted person on this server", "trust")
  st("'your brother is the most talented person' stays fine", "en", "Mo", "your brother is the most talented person in our club", "none")
  -- en: a classmate's own age
  st("'how old are you? im 11, year 6' stays fine", "en", "Mo", "how old are you? im 11, year 6", "none")
  st("'how old are you? u seem mature' still counts", "en", "X", "how old are you? u seem so mature", "trust")
  expect_stage("'how old r u? im 13 too' after secrecy still counts (en)", conv("en", {
    { "X", "dont tell ur parents we talk ok" }, { "X", "how old r u? im 13 too" } }), "trust")
  -- en: demanding answers
  st("'whenever i text you, you reply. simple'", "en", "X", "whenever i text you, you reply. simple", "control")
  st("'when i text you, you never reply lol' stays fine", "en", "Mo", "when i text you, you never reply lol", "none")
  expect_stage("'u took 3 hours to answer' after a secret (en)", conv("en", {
    { "X", "dont tell ur mum about me ok" }, { "X", "u took like 3 hours to answer me" } }), "control")
  st("'it took 3 hours to answer all the questions' stays fine", "en", "Mo", "the quiz took 3 hours to answer lol", "none")
  -- en: relax + gift is a sweetener; joking debts; a themed outfit; a long surprise plan
  expect_stage("'relax, i'll get u the skin' after a threat is trust (en)", conv("en", {
    { "X", "send the pic or i tell ur mum" }, { "X", "relax lol. i'll get u the dragon skin this weekend" } }), "trust")
  expect_stage("'relax, you said you would' after pushing still counts (en)", conv("en", {
    { "X", "send me a pic of u" }, { "Mia", "no", true }, { "X", "relax, you said you would" } }), "control")
  st("'u owe me a hot chocolate lol' stays fine", "en", "Mo", "i paid for the tickets, u owe me a milkshake lol", "none")
  st("'you owe me' still counts", "en", "X", "after everything i gave you, you owe me", "control")
  st("'what are you wearing friday? the theme is red' stays fine", "en", "Mo", "what are you wearing friday? the theme is red", "none")
  st("'what are you wearing' still counts", "en", "X", "what are you wearing", "sexualization")
  local surprise = { { "Amy", "dont tell dad ok, its a surprise, his 50th is on sunday" } }
  for i = 1, 7 do surprise[#surprise + 1] = { "Amy", "ok the cake is ordered" } end
  surprise[#surprise + 1] = { "Amy", "and delete this chat after, he reads my phone" }
  expect_stage("a surprise plan keeps explaining 'delete this chat' a few days on (en)", conv("en", surprise), "none")
  expect_stage("'delete this chat' after a warning sign is not a surprise (en)", conv("en", {
    { "X", "its a surprise party haha" }, { "X", "how old r u? u seem so mature" }, { "X", "delete this chat after" } }), "isolation")
  -- en: threats, the parent who doesn't get you, is she home
  expect_stage("'dont make me share the screenshots' (en)", conv("en", {
    { "X", "get me a steam card by friday" }, { "X", "dont make me share the screenshots" } }), "extortion")
  st("'can u post the screenshots of our build?' stays fine", "en", "Mo", "can u post the screenshots of our build in the club page?", "none")
  expect_stage("'birthday money' is the child's money, not a party (en)", conv("en", {
    { "X", "would be a shame if ur class saw those screenshots" }, { "X", "get me a steam card by friday, use ur birthday money" } }), "extortion")
  st("'bring ur birthday money to the fair' stays fine", "en", "Mo", "bring ur birthday money to the fair lol", "none")
  expect_stage("'he doesnt get u at all. is he home?' after gifts (en)", conv("en", {
    { "X", "i'll gift u my rare pet, ur my favourite person" }, { "X", "he doesnt get u at all. is he home right now?" } }), "isolation")
  st("'mr lee doesnt get you, is he in?' from a friend stays fine", "en", "Mo", "mr lee just doesnt get you. is he back tomorrow?", "none")
  -- id: hadiah, pujian, umur, lomba, kejutan, dresscode
  st("'anggep aja bonus'", "id", "X", "nih aku transfer 50rb, anggep aja bonus", "trust")
  st("'anggap aja latihan' stays fine", "id", "Bu Sari", "anggap aja ini latihan sebelum ujian ya", "none")
  st("'km anak paling pinter yg pernah aku ajak main'", "id", "X", "km anak paling pinter yg pernah aku ajak main", "trust")
  st("'ini game paling susah yang pernah aku mainin' stays fine", "id", "Nia", "ini game paling susah yang pernah aku mainin", "none")
  st("'km kelas berapa? aku kelas 7' stays fine", "id", "Nia", "km kelas berapa? aku kelas 7 di SMP 1", "none")
  st("'km kelas berapa?' still counts", "id", "X", "km kelas berapa? sekolahnya di mana?", "trust")
  st("'dapet kode dari lomba, satu buat km' stays fine", "id", "Nia", "aku dapet 2 voucher dari lomba 17an, satu buat km ya gratis", "none")
  st("'aku kirimin voucher gratis' still counts", "id", "X", "aku kirimin voucher gratis buat km", "trust")
  st("'jgn bilang Dito ya, kita mau kasih kejutan' stays fine", "id", "Nia", "jgn bilang Dito dulu ya, kita mau kasih kejutan buat dia", "none")
  st("'jgn cerita ke mama, kami biasanya kasih kejutan' still counts", "id", "X", "jangan cerita ke mama dulu ya, kami biasanya kasih kejutan ke ortu", "isolation")
  st("'besok km pake baju apa? dresscode merah' stays fine", "id", "Nia", "nanti km pake baju apa? dresscode merah putih ya", "none")
  st("'km lagi pake baju apa?' still counts", "id", "X", "km lagi pake baju apa sekarang?", "sexualization")
  -- id: menjauhkan dari ortu dan teman, biar tidak dibaca
  st("'ortu km gk ngertiin km'", "id", "X", "ortu km emang gk ngertiin km", "isolation")
  st("'aku gk ngertiin soal nomor 5' stays fine", "id", "Nia", "aku gk ngertiin soal nomor 5 nih", "none")
  st("'DM aja biar gk dibaca yg lain'", "id", "X", "DM aja ya biar gk dibaca yg lain", "isolation")
  st("'tulis di buku biar gk dibaca' stays fine", "id", "Nia", "tulis di buku aja, jangan di papan", "none")
  expect_stage("'temen km itu gk tulus' after a gift (id)", conv("id", {
    { "X", "aku kirimin 500 koin ya buat km" }, { "X", "temen km itu kayaknya gk tulus deh" } }), "isolation")
  st("'temen km tulus kok' stays fine", "id", "Nia", "temen km itu baik kok, tulus", "none")
  -- id: menuntut balasan, tenggat yang naik, menyalahkan, santai + hadiah
  st("'lain kali langsung bales'", "id", "X", "lain kali langsung bales ya", "control")
  st("'lain kali aku bales' stays fine", "id", "Nia", "maaf ya, lain kali aku bales lebih cepet", "none")
  expect_stage("'kok cuma di-read doang?' after a secret (id)", conv("id", {
    { "X", "jgn bilang ortu soal kita ya" }, { "X", "kok cuma di-read doang?" } }), "control")
  expect_stage("'kalo telat, nambah jadi 300' after a threat (id)", conv("id", {
    { "X", "kirim 100rb atau chat km aku sebar ke ortu" }, { "X", "kalo telat, nambah jadi 300" } }), "extortion")
  st("'kalo telat, nambah tugasnya' stays fine", "id", "Nia", "kalo telat, nambah antrian wkwk", "none")
  st("'kalo km cerita, ntar km sendiri yg dimarahin'", "id", "X", "kalo km cerita, ntar km sendiri yg dimarahin", "control")
  st("'kalo telat, ntar km sendiri yg dimarahin pak guru' stays fine", "id", "Nia", "buruan, ntar km sendiri yg dimarahin pak guru", "none")
  expect_stage("'santai aja, ntar aku beliin skin' after a threat is trust (id)", conv("id", {
    { "X", "kirim 100rb atau chat km aku sebar ke ortu" }, { "X", "santai aja, ntar aku beliin skin baru deh" } }), "trust")
end

do -- v15 round: group chats (each rule: a line that fires and a harmless look-alike)
  local function st(name, lang, speaker, text, stage) expect_stage(name .. " (" .. lang .. ")", one(lang, speaker, text), stage) end
  -- a question to the whole group about a plan together; to one child, or after a warning sign, it still counts
  st("'whos home alone friday? we should all play' stays fine", "en", "Jo", "whos home alone friday? we should all play the new map", "none")
  st("'who's alone at home saturday, we should game' stays fine", "en", "Jo", "who's alone at home saturday, we should game", "none")
  st("'are you home alone? we should call' still counts", "en", "X", "are you home alone? we should call", "isolation")
  expect_stage("'whos home alone? we should game' after flattery still counts (en)", conv("en", {
    { "X", "u seem so mature for ur age" }, { "X", "whos home alone this weekend, we should game" } }), "isolation")
  st("'siapa yg rumahnya kosong minggu, nginep yuk' stays fine", "id", "Rehan", "siapa yg minggu rumahnya kosong, nginep bareng yuk", "none")
  st("'rumah siapa yg kosong? kumpul yuk guys' stays fine", "id", "Rehan", "rumah siapa yg kosong? kumpul yuk guys", "none")
  st("'km sendirian di rumah? mabar yuk' still counts", "id", "X", "km sendirian di rumah? mabar yuk", "isolation")
  expect_stage("'siapa yg rumahnya kosong, mabar yuk' after flattery still counts (id)", conv("id", {
    { "X", "km cantik bgt" }, { "X", "siapa yg rumahnya kosong, mabar yuk" } }), "isolation")
  -- id: a surprise plan keeps explaining "delete the group after" for a few days
  local sp = { { "Putri", "bikin kejutan yuk buat bu guru hari jumat" } }
  for i = 1, 6 do sp[#sp + 1] = { "Putri", "aq bawa balon sama kue" } end
  sp[#sp + 1] = { "Putri", "abis jumat grupnya dihapus aja" }
  expect_stage("a surprise plan keeps explaining 'grupnya dihapus aja' (id)", conv("id", sp), "none")
  expect_stage("'hapus aja chatnya' after a warning sign is not a surprise (id)", conv("id", {
    { "X", "bikin kejutan yuk" }, { "X", "km cantik bgt" }, { "X", "abis ini chatnya dihapus aja ya" } }), "isolation")
  -- flattery that singles one child out from the rest of the group
  st("'ur the only one here who really tries, the others just copy'", "en", "X", "ur the only one here who really tries, the others just copy", "trust")
  st("'ur the only one who remembered, the others just forgot lol' stays fine", "en", "Mo", "ur the only one who remembered, the others just forgot lol", "none")
  st("'km paling jago di sini, beda jauh sama yg lain'", "id", "X", "km paling jago di sini, beda jauh sama yg lain", "trust")
  st("'es krimnya beda bgt sama yg lain' stays fine", "id", "Nia", "es krimnya beda bgt sama yg lain wkwk", "none")
  -- who has the phone at night
  st("'is ur phone with u at bedtime?'", "en", "X", "is ur phone with u at bedtime?", "isolation")
  st("'do ur parents take ur tablet?'", "en", "X", "do ur parents take ur tablet at night?", "isolation")
  st("'my mum takes my tablet at night lol' stays fine", "en", "Mo", "my mum takes my tablet at night lol", "none")
  st("'is ur phone with u? call me when u land' stays fine", "en", "Mo", "is ur phone with u? call me when u land", "none")
  st("'ortu km suka ambil hp km gk?'", "id", "X", "ortu km suka ambil hp km gk?", "isolation")
  st("'hp km disita kalo malem?'", "id", "X", "hp km disita kalo malem?", "isolation")
  st("'hp aku disita ibu aku wkwk' stays fine", "id", "Nia", "ibu aku sita hp aku tadi wkwk", "none")
  -- "I can see you're online" (weak: counts only after a warning sign)
  expect_stage("'answer me, i know ur online' after a secret (en)", conv("en", {
    { "X", "dont tell anyone about us" }, { "X", "answer me, i know ur online" } }), "control")
  st("'i can see ur online, wanna play?' stays fine", "en", "Mo", "i can see ur online, wanna play?", "none")
  expect_stage("'bales dong, aku liat km online' after a secret (id)", conv("id", {
    { "X", "jgn bilang ortu soal kita" }, { "X", "bales dong, aku liat km online" } }), "control")
  st("'aku liat km online, mabar yuk' stays fine", "id", "Nia", "aku liat km online, mabar yuk", "none")
  -- moving away because the group is "busy": the group does not excuse it; a complaint alone is fine
  st("'dm me, too much spam in this group'", "en", "X", "dm me, too much spam in this group", "isolation")
  st("'this chat is so busy today lol' stays fine", "en", "Mo", "this chat is so busy today lol", "none")
  st("'this chat is so dead lol' stays fine", "en", "Mo", "this chat is so dead lol", "none")
  st("'this chat is watched by the mods' still counts", "en", "X", "this chat is watched by the mods", "isolation")
  st("'japri aja, grup ini berisik'", "id", "X", "japri aja, grup ini berisik", "isolation")
  st("'grupnya rame, pc aku aja'", "id", "X", "grupnya rame bgt, pc aku aja", "isolation")
  st("'grupnya rame bgt wkwk' stays fine", "id", "Nia", "grupnya rame bgt wkwk", "none")
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
