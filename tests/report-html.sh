#!/bin/sh
# report --html over a generated class of 30 pupils (tests/class.sh: real playthroughs in both
# languages, some unfinished, the before/after quiz): the page's figures match the CSV's, it is
# valid HTML (tidy), fetches nothing, escapes what pupils typed, and renders in headless
# Chromium to a PNG that is not blank. Then a pupil's page, and bad input: damaged files, an
# empty folder, an unknown nickname, 10,000 pupils.
# Usage: report-html.sh BIN TMPDIR [SCREENSHOT.png]   (the PNG is kept when a path is given)
BIN=$1 T=$2/report-html SHOT=${3:-}
rm -rf "$T"; mkdir -p "$T"
ok=0
fail() { echo "FAIL $1"; ok=1; }
pass() { echo "ok $1"; }

sh tests/class.sh "$BIN" "$T" 30
"$BIN" report --csv "$T/class" >"$T/class.csv" 2>"$T/csv.err"
LANG=en_US.UTF-8 "$BIN" report --html --lang en "$T/class" >"$T/class.html" 2>"$T/html.err"; rc=$?
[ $rc = 0 ] && [ ! -s "$T/html.err" ] && pass "report --html: exit 0, nothing on stderr" || fail "report --html: exit $rc: $(cat "$T/html.err")"
if lua5.4 tests/tools/report-figures.lua "$T/class.csv" "$T/class.html" >"$T/figures" 2>&1; then
	pass "the page's figures are the CSV's ($(grep -c '^ok' "$T/figures") checks)"
else
	fail "figures differ from the CSV:"; cat "$T/figures"
fi
# The generated pupils answer form B (taken last) better than form A: the gain must be positive.
grep -q 'data-gain="[1-9][0-9]*" data-paired="[1-9]' "$T/class.html" && grep -q 'id="gains"' "$T/class.html" \
	&& pass "before/after gain shown" || fail "no pupil with a before and an after check"

# Valid HTML: tidy exits 0 only with neither errors nor warnings.
valid() {
	if ! command -v tidy >/dev/null 2>&1; then echo "skip (no tidy)"; return 0; fi
	tidy -q -e "$1" >"$T/tidy" 2>&1
}
valid "$T/class.html" && pass "valid HTML (tidy)" || { fail "tidy:"; head -n 20 "$T/tidy"; }

# Self-contained: no URL, no script, no stylesheet or image from anywhere.
selfcontained() {
	! grep -Eiq '(https?|ftp|file|data):|src=|href=|<script|<link|<img|<iframe|@import|url\(' "$1"
}
selfcontained "$T/class.html" && pass "no external URL, no script" || fail "the page refers outside itself: $(grep -Eio '(https?|ftp|file|data):[^ "]*|src=|href=|<script|<link|@import|url\(' "$T/class.html" | head -n 3)"
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$T/class.html" && grep -q 'Budi &amp; &quot;Sari&quot;' "$T/class.html" \
	&& pass "pupils' nicknames escaped" || fail "a nickname is not escaped"
grep -q '<section>' "$T/class.html" && grep -q 'id="signs"' "$T/class.html" && grep -q 'id="heat"' "$T/class.html" \
	&& grep -q '<blockquote>' "$T/class.html" && grep -q 'id="gains"' "$T/class.html" && grep -q 'id="pupils"' "$T/class.html" \
	&& pass "every part: glance, signs, heat map, messages, before/after, pupils" || fail "a part of the page is missing"
[ "$(grep -c '<svg' "$T/class.html")" = "$(grep -c '<figure>' "$T/class.html")" ] && pass "every chart in a figure with its table" || fail "charts"

# The teacher's language.
LANG=id_ID.UTF-8 "$BIN" report --html --lang id "$T/class" >"$T/kelas.html" 2>/dev/null
grep -q '<html lang="id">' "$T/kelas.html" && pass "in Indonesian with --lang id" || fail "not in Indonesian"

# Headless Chromium draws it (a blank page compresses to a few kilobytes).
if command -v chromium >/dev/null 2>&1; then
	png=${SHOT:-$T/class.png}
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$T/chromium" \
		--screenshot="$png" --window-size=1000,1800 "file://$(cd "$T" && pwd)/class.html" >"$T/chromium.log" 2>&1
	size=$(wc -c <"$png" 2>/dev/null || echo 0)
	[ "$size" -gt 40000 ] && pass "rendered by headless chromium ($size bytes of PNG)" || fail "chromium: $size bytes: $(tail -n 3 "$T/chromium.log")"
else
	echo "skip chromium (not installed)"
fi

# A pupil's page: in their language, escaped, with what to do and who to call.
"$BIN" report --html --learner 'Siti Ümmü' "$T/class" >"$T/siti.html" 2>"$T/siti.err"; rc=$?
[ $rc = 0 ] && grep -q '<html lang="id">' "$T/siti.html" && grep -q 'SAPA 129' "$T/siti.html" && grep -q 'bukan salahmu' "$T/siti.html" \
	&& pass "a pupil's page in their language (Indonesian) with what to do and helplines" || fail "pupil page (exit $rc): $(cat "$T/siti.err")"
"$BIN" report --html --learner '<script>alert("x")</script>' "$T/class" >"$T/x.html" 2>/dev/null
valid "$T/x.html" && selfcontained "$T/x.html" && grep -q '<html lang="en">' "$T/x.html" && grep -q '&lt;script&gt;' "$T/x.html" \
	&& pass "a pupil's page: valid, self-contained, escaped" || fail "pupil page x"
"$BIN" report --html --learner nobody "$T/class" >"$T/nobody.html" 2>"$T/nobody.err"; rc=$?
[ $rc = 1 ] && grep -q "nobody" "$T/nobody.err" && pass "unknown nickname: a clear message, exit 1" || fail "unknown nickname: exit $rc"

# Bad input: an empty folder; damaged and hostile records; a device.
mkdir -p "$T/empty"
"$BIN" report --html "$T/empty" >"$T/empty.html" 2>"$T/empty.err"; rc=$?
[ $rc = 1 ] && grep -q 'no results' "$T/empty.err" && valid "$T/empty.html" && pass "empty folder: a clear message, exit 1, still a valid page" \
	|| fail "empty folder: exit $rc: $(cat "$T/empty.err")"
mkdir -p "$T/bad"
cp "$T/class/4/results.jsonl" "$T/bad/a.jsonl"
head -c 3000 /dev/urandom >>"$T/bad/a.jsonl"
printf '\n{"v":1,"type":"start","attempt":"z","scenario":"<b>x</b>","nickname":"\\u0000\\u001b[31mred","lang":7}\n' >>"$T/bad/a.jsonl"
printf '{"v":1,"type":"turn","attempt":"z","step":"nope","stage":"extortion","categories":["demands",5,{"a":1}],"answer":7}\n' >>"$T/bad/a.jsonl"
printf '{"v":1,"type":"end","attempt":"z","duration":-5,"score":"x","stages":[]}\n' >>"$T/bad/a.jsonl"
long=$(head -c 5000 /dev/zero | tr '\0' A)  # a nickname of 5000 letters stays on its row in the charts
printf '{"v":1,"type":"start","attempt":"y","scenario":"game-gift-codes","lang":"en","nickname":"%s"}\n' "$long" >>"$T/bad/a.jsonl"
printf '{"v":1,"type":"turn","attempt":"y","step":"x","stage":"trust","categories":["gifts"],"answer":[]}\n{"type":"turn","attempt":"z","step"' >>"$T/bad/a.jsonl"
"$BIN" report --html "$T/bad" >"$T/bad.html" 2>"$T/bad.err"; rc=$?
[ $rc = 0 ] && grep -q 'warning: \[W401\]' "$T/bad.err" && valid "$T/bad.html" && ! grep -q "$(printf '\033')" "$T/bad.html" \
	&& grep -q '>AAAAAAAAAAAAAAAAAAAA…</text>' "$T/bad.html" \
	&& pass "damaged and hostile records: reported, skipped, a valid page" || fail "damaged records: exit $rc"
"$BIN" report --html /dev/null >"$T/dev.html" 2>"$T/dev.err"; rc=$?
[ $rc = 2 ] && grep -q 'not a results file' "$T/dev.err" && pass "a device: not a results file, exit 2" || fail "device: exit $rc"

# 10,000 pupils: the class copied under new nicknames and attempt ids, in 100 files.
mkdir -p "$T/big"
cat "$T"/class/*/results.jsonl >"$T/all.jsonl"
awk -v dir="$T/big" 'BEGIN { while ((getline l < ARGV[1]) > 0) line[n++] = l; ARGV[1] = "" }
	END { for (k = 0; k < 334; k++) { f = dir "/" int(k / 4) ".jsonl"
		for (i = 0; i < n; i++) { s = line[i]; gsub(/"attempt":"/, "&" k "-", s); gsub(/"nickname":"/, "&" k "-", s); print s > f }
		if (k % 4 == 3) close(f) } }' "$T/all.jsonl" </dev/null
start=$(date +%s)
timeout 300 "$BIN" report --html "$T/big" >"$T/big.html" 2>"$T/big.err"; rc=$?
secs=$(( $(date +%s) - start ))
pupils=$(sed -n 's/.*id="fig-pupils" data-value="\([0-9]*\)".*/\1/p' "$T/big.html")
[ $rc = 0 ] && [ "$pupils" = 10020 ] && [ "$(grep -c '<rect [^>]*class="h' "$T/big.html")" -le 600 ] \
	&& pass "10,020 pupils in ${secs}s: the heat map draws the 40 who need attention most" || fail "10,000 pupils: exit $rc, $pupils pupils, ${secs}s"
exit $ok
