-- Check that `report --html` shows the same figures as `report --csv` of the same files:
-- the class at a glance, every pupil's row, and the before/after gain.
-- Usage: lua5.4 tests/tools/report-figures.lua CLASS.csv CLASS.html   (exit 1 on a mismatch)
local csv_path, html_path = arg[1], arg[2]
local function slurp(p) local f = assert(io.open(p, "rb")); local s = f:read("a"); f:close(); return s end
local bad = 0
local function check(what, got, want)
  if got == want then print("ok " .. what .. " = " .. tostring(want))
  else print("FAIL " .. what .. ": html " .. tostring(got) .. ", csv " .. tostring(want)); bad = bad + 1 end
end

-- The CSV: RFC 4180 fields, CRLF rows, a byte-order mark first.
local text = slurp(csv_path):gsub("^\239\187\191", "")
local rows, pos = {}, 1
while pos <= #text do
  local row = {}
  while true do
    local field
    if text:sub(pos, pos) == '"' then
      local i, buf = pos + 1, {}
      while true do
        local q = assert(text:find('"', i, true), "unterminated quote")
        buf[#buf + 1] = text:sub(i, q - 1)
        if text:sub(q + 1, q + 1) == '"' then buf[#buf + 1] = '"'; i = q + 2 else pos = q + 1; break end
      end
      field = table.concat(buf)
    else
      local e = text:find("[,\r]", pos) or #text + 1
      field = text:sub(pos, e - 1); pos = e
    end
    row[#row + 1] = field
    local c = text:sub(pos, pos)
    if c == "," then pos = pos + 1 else pos = pos + 2; break end
  end
  rows[#rows + 1] = row
end
local head = table.remove(rows, 1)
local col = {}
for i, h in ipairs(head) do col[h] = i end

local function round(x) return math.floor(x + 0.5) end
local pupils, order = {}, {}
local started, finished, sum, nscored, seconds = 0, 0, 0, 0, 0
for _, r in ipairs(rows) do
  local nick = r[col.nickname]:gsub("^'([=+%-@\t\r])", "%1")
  local key = r[col.class] .. "\0" .. nick
  local p = pupils[key]
  if not p then p = {name = nick, started = 0, finished = 0, sum = 0, n = 0, seconds = 0, quiz = {}}; pupils[key] = p; order[#order + 1] = key end
  local fin, score = r[col.finished] == "yes", tonumber(r[col.score])
  if r[col.scenario]:match("^quiz%-") then
    if fin and score then p.quiz[#p.quiz + 1] = score end
  else
    started, p.started = started + 1, p.started + 1
    if fin then
      finished, p.finished = finished + 1, p.finished + 1
      seconds = seconds + tonumber(r[col.duration_seconds]); p.seconds = p.seconds + tonumber(r[col.duration_seconds])
      if score then sum, nscored, p.sum, p.n = sum + score, nscored + 1, p.sum + score, p.n + 1 end
    end
  end
end

local html = slurp(html_path)
local function fig(id) return tonumber(html:match('id="fig%-' .. id .. '" data%-value="(%-?%d+)"')) end
check("pupils", fig("pupils"), #order)
check("scenarios finished", fig("finished"), finished)
check("average score", fig("average"), nscored > 0 and round(sum / nscored) or -1)
check("seconds spent", fig("time"), seconds)

local function unescape(s)
  return (s:gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&quot;", '"'):gsub("&#39;", "'"):gsub("&amp;", "&"))
end
local shown, paired, bsum, asum = 0, 0, 0, 0
for fin, st, avg, sec, before, after, name, class in html:gmatch(
    '<tr data%-finished="(%d+)" data%-started="(%d+)" data%-average="(%-?%d+)" data%-seconds="(%d+)" ' ..
    'data%-before="(%-?%d+)" data%-after="(%-?%d+)"><td>(.-)</td><td>(.-)</td>') do
  local p = pupils[unescape(class) .. "\0" .. unescape(name)]
  shown = shown + 1
  if not p then print("FAIL pupil " .. name .. " is not in the CSV"); bad = bad + 1
  else
    local want_b, want_a = p.quiz[1] or -1, #p.quiz > 1 and p.quiz[#p.quiz] or -1
    local got = table.concat({fin, st, avg, sec, before, after}, " ")
    local want = table.concat({p.finished, p.started, p.n > 0 and round(p.sum / p.n) or -1, p.seconds, want_b, want_a}, " ")
    if got ~= want then print("FAIL pupil " .. p.name .. ": html " .. got .. ", csv " .. want); bad = bad + 1 end
    if want_a >= 0 then paired, bsum, asum = paired + 1, bsum + want_b, asum + want_a end
  end
end
check("pupil rows", shown, #order)
local gb, ga, gg, gp = html:match('id="class%-gain" data%-before="(%-?%d+)" data%-after="(%-?%d+)" data%-gain="(%-?%d+)" data%-paired="(%d+)"')
if paired > 0 or gp then
  check("pupils with before and after", tonumber(gp), paired)
  check("class gain", tonumber(gg), paired > 0 and round(asum / paired) - round(bsum / paired) or 0)
end
os.exit(bad == 0 and 0 or 1)
