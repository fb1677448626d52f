-- Waspada detector evaluation: compares the detector's verdicts with the gold labels of a labelled corpus.
--
-- Usage (run from the repository root):
--   build/waspada detect --json --lang en FILE.txt | lua5.4 tests/eval.lua en FILE.txt
--   cat tests/corpus/en/*.txt | build/waspada detect --json --lang en - | lua5.4 tests/eval.lua en tests/corpus/en/*.txt
--       (several corpus files + one JSON Lines stream on stdin = the files concatenated in that order)
--   build/tests/detector-lua tests/eval.lua --self en tests/corpus/en/*.txt
--       (runs lua/detector.lua here with the C half preloaded, loading lua/lexicon/*.yaml with a small YAML
--        reader, and passing persona=true for each conversation's "# child: NAME" speaker; WASPADA_MODEL=FILE
--        adds the model)
-- Options: --errors (print every misclassified line), --lexicon DIR (with --self; default lua/lexicon),
--          --title TEXT (a heading for the report).
--
-- Corpus format: the transcript format of docs/detector.md, where the leading [label] of each message line is
-- the GOLD stage: "[trust] SkyBuilder: ur so mature for ur age". "# child: NAME" names the child's speaker.
-- Prints per stage precision/recall/F1, macro-F1 over the six classes (5 stages + none) and over the five
-- stages, a confusion matrix, and the false-alarm rate on benign (gold none) messages, with and without the
-- child's own lines. Exit status 0, or 2 when the input is unusable.

local STAGES = { "trust", "isolation", "sexualization", "control", "extortion", "none" }
local IS_STAGE = {}
for _, s in ipairs(STAGES) do IS_STAGE[s] = true end

-- Print a message to stderr and exit 2 (unusable input).
local function die(msg)
  io.stderr:write("eval: ", msg, "\n")
  os.exit(2)
end

-- Parse the arguments.
local opts = { errors = false, self = false, lexicon = "lua/lexicon", files = {} }
do
  local i = 1
  while i <= #arg do
    local a = arg[i]
    if a == "--errors" then opts.errors = true
    elseif a == "--self" then opts.self = true
    elseif a == "--lexicon" then i = i + 1; opts.lexicon = arg[i]
    elseif a == "--title" then i = i + 1; opts.title = arg[i]
    elseif not opts.lang then opts.lang = a
    else opts.files[#opts.files + 1] = a end
    i = i + 1
  end
  if not opts.lang or #opts.files == 0 then
    die("usage: lua5.4 tests/eval.lua [--errors] [--self [--lexicon DIR]] LANG CORPUS.txt... [< detect.jsonl]")
  end
end

-- Read the corpus files: gold labels by (global) line number, with speaker, child flag and text.
local gold = {}        -- global line number -> { stage=, file=, line=, text=, child= }
local corpus_lines = {} -- all lines, concatenated, for --self
local offset = 0
for _, path in ipairs(opts.files) do
  local f = io.open(path, "rb")
  if not f then die("cannot open " .. path) end
  local no, child = 0, nil
  for line in f:lines() do
    no = no + 1
    line = line:gsub("\r$", "")
    corpus_lines[#corpus_lines + 1] = line
    if line:match("^%s*$") then
      child = nil
    elseif line:match("^#") then
      local c = line:match("^#%s*child:%s*(.-)%s*$")
      if c then child = c end
    else
      local label, rest = line:match("^%[([^%]]*)%]%s*(.*)$")
      if label then label = label:match("^([^:]*)") end   -- [stage:category,...]: the stage
      local speaker = (rest or line):match("^([^:]+):")
      if label and IS_STAGE[label] and speaker then
        gold[offset + no] = { stage = label, file = path, line = no, text = rest, child = (speaker == child),
                              speaker = speaker }
      elseif speaker then
        io.stderr:write(("%s:%d: warning: message without a gold [label]\n"):format(path, no))
      end
    end
  end
  f:close()
  offset = offset + no
end

-- A tiny JSON reader for one JSON Lines object (strings, numbers, arrays, objects, true/false/null).
local function json_decode(s)
  local pos = 1
  local function ws() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
  local value
  local function str()
    local out = {}
    pos = pos + 1
    while true do
      local c = s:sub(pos, pos)
      if c == "" then error("unterminated string") end
      if c == '"' then pos = pos + 1; return table.concat(out) end
      if c == "\\" then
        local e = s:sub(pos + 1, pos + 1)
        if e == "u" then
          local cp = tonumber(s:sub(pos + 2, pos + 5), 16) or 63
          out[#out + 1] = utf8.char(cp); pos = pos + 6
        else
          local map = { n = "\n", t = "\t", r = "\r", b = "\b", f = "\f" }
          out[#out + 1] = map[e] or e; pos = pos + 2
        end
      else
        out[#out + 1] = c; pos = pos + 1
      end
    end
  end
  value = function()
    ws()
    local c = s:sub(pos, pos)
    if c == "{" then
      local o = {}
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "}" then pos = pos + 1; return o end
      while true do
        ws()
        local k = str()
        ws()
        if s:sub(pos, pos) ~= ":" then error("expected :") end
        pos = pos + 1
        o[k] = value()
        ws()
        local d = s:sub(pos, pos); pos = pos + 1
        if d == "}" then return o end
        if d ~= "," then error("expected , or }") end
      end
    elseif c == "[" then
      local a = {}
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "]" then pos = pos + 1; return a end
      while true do
        a[#a + 1] = value()
        ws()
        local d = s:sub(pos, pos); pos = pos + 1
        if d == "]" then return a end
        if d ~= "," then error("expected , or ]") end
      end
    elseif c == '"' then
      return str()
    else
      local lit = s:match("^[%w%.%-+]+", pos)
      if not lit then error("unexpected character at " .. pos) end
      pos = pos + #lit
      if lit == "true" then return true elseif lit == "false" then return false elseif lit == "null" then return nil end
      return tonumber(lit)
    end
  end
  return value()
end

-- Predictions by global line number: from stdin JSON Lines, or by running the detector here (--self).
local pred = {}
if opts.self then
  package.path = "lua/?.lua;tests/detector/?.lua;" .. package.path
  local detector = require("detector")
  local Y = require("yaml_subset")
  local d = detector.new(Y.load_dir(opts.lexicon))
  for _, p in ipairs(d.problems) do io.stderr:write("lexicon problem: ", p, "\n") end
  local child, started = nil, false
  d:reset()
  for no, line in ipairs(corpus_lines) do
    if line:match("^%s*$") then
      if started then d:reset(); started = false end
      child = nil
    elseif line:match("^#") then
      local c = line:match("^#%s*child:%s*(.-)%s*$")
      if c then child = c end
    else
      local body = line:gsub("^%[[^%]]*%]%s*", "")
      local sp, text = body:match("^([^:]+):%s?(.*)$")
      if sp then
        started = true
        local v = d:message(sp, text, { lang = opts.lang, persona = (sp == child) })
        pred[no] = { stage = v.stage, signals = v.signals, confidence = v.confidence }
      end
    end
  end
else
  local n = 0
  for line in io.lines() do
    if line:match("%S") then
      local ok, o = pcall(json_decode, line)
      if not ok or type(o) ~= "table" then die("stdin: not a JSON object: " .. line:sub(1, 80)) end
      if type(o.line) ~= "number" or type(o.stage) ~= "string" then die("stdin: object without line/stage") end
      pred[o.line] = { stage = o.stage, signals = o.signals or {}, confidence = o.confidence }
      n = n + 1
    end
  end
  if n == 0 then die("no detections on stdin (pipe `waspada detect --json` into this, or use --self)") end
end

-- Count.
local conf = {}
for _, g in ipairs(STAGES) do
  conf[g] = {}
  for _, p in ipairs(STAGES) do conf[g][p] = 0 end
end
local total, missing, errors = 0, 0, {}
local benign, benign_fa, benign_nc, benign_nc_fa = 0, 0, 0, 0
local lines_sorted = {}
for no in pairs(gold) do lines_sorted[#lines_sorted + 1] = no end
table.sort(lines_sorted)
for _, no in ipairs(lines_sorted) do
  local g = gold[no]
  local p = pred[no]
  if not p then
    missing = missing + 1
  else
    local ps = IS_STAGE[p.stage] and p.stage or "none"
    total = total + 1
    conf[g.stage][ps] = conf[g.stage][ps] + 1
    if g.stage == "none" then
      benign = benign + 1
      if ps ~= "none" then benign_fa = benign_fa + 1 end
      if not g.child then
        benign_nc = benign_nc + 1
        if ps ~= "none" then benign_nc_fa = benign_nc_fa + 1 end
      end
    end
    if ps ~= g.stage then errors[#errors + 1] = { g = g, p = p, ps = ps } end
  end
end
if total == 0 then die("no gold-labelled message matched a detection (are the line numbers from the same files?)") end

-- Report.
local function pct(x) return ("%5.1f%%"):format(100 * x) end
print(("== %s (%s): %d messages, %d files%s"):format(opts.title or "Waspada detector evaluation", opts.lang,
  total, #opts.files, missing > 0 and (", " .. missing .. " without a detection") or ""))
print(("%-14s %9s %9s %9s %8s"):format("stage", "precision", "recall", "F1", "support"))
local f1sum6, f1sum5 = 0, 0
for _, s in ipairs(STAGES) do
  local tp, fp, fn = conf[s][s], 0, 0
  for _, o in ipairs(STAGES) do
    if o ~= s then fp = fp + conf[o][s]; fn = fn + conf[s][o] end
  end
  local prec = (tp + fp) > 0 and tp / (tp + fp) or 0
  local rec = (tp + fn) > 0 and tp / (tp + fn) or 0
  local f1 = (prec + rec) > 0 and 2 * prec * rec / (prec + rec) or 0
  f1sum6 = f1sum6 + f1
  if s ~= "none" then f1sum5 = f1sum5 + f1 end
  print(("%-14s %9.3f %9.3f %9.3f %8d"):format(s, prec, rec, f1, tp + fn))
end
local correct = 0
for _, s in ipairs(STAGES) do correct = correct + conf[s][s] end
print(("macro-F1 (6 classes: 5 stages + none): %.3f"):format(f1sum6 / 6))
print(("macro-F1 (5 stages, none excluded):    %.3f"):format(f1sum5 / 5))
print(("accuracy: %.3f"):format(correct / total))
print(("benign false-alarm rate: %s (%d of %d gold-none messages flagged)"):format(
  pct(benign > 0 and benign_fa / benign or 0), benign_fa, benign))
print(("benign false-alarm rate, child's own lines excluded: %s (%d of %d)"):format(
  pct(benign_nc > 0 and benign_nc_fa / benign_nc or 0), benign_nc_fa, benign_nc))
print("confusion matrix (rows: gold, columns: detected)")
local short = { trust = "trust", isolation = "isol", sexualization = "sexual", control = "control",
                extortion = "extort", none = "none" }
local head = ("%-14s"):format("")
for _, p in ipairs(STAGES) do head = head .. ("%8s"):format(short[p]) end
print(head)
for _, g in ipairs(STAGES) do
  local row = ("%-14s"):format(g)
  for _, p in ipairs(STAGES) do row = row .. ("%8d"):format(conf[g][p]) end
  print(row)
end
if opts.errors then
  print(("misclassified (%d):"):format(#errors))
  for _, e in ipairs(errors) do
    print(("%s:%d: gold %s, detected %s [%s] %s"):format(e.g.file, e.g.line, e.g.stage, e.ps,
      table.concat(e.p.signals or {}, ","), e.g.text))
  end
end
os.exit(0)
