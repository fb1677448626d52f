#!/bin/sh
# The detector as it runs (lexicon and learned model together), on what the issue of the same
# name asked for: a verdict is unchanged by how a phone or a font writes the letters, and by an
# honorific in a name; a scenario's own signal still counts; the model is really there.
# Usage: sh tests/detector-model.sh WASPADA TMPDIR. Last line: "N passed, N failed".
BIN=$1; TMP=$2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

# stage LANG SPEAKER TEXT: the stage of one message in a conversation of its own
stage() {
	printf '%s: %s\n' "$2" "$3" > "$TMP/one.txt"
	"$BIN" detect --json --lang "$1" "$TMP/one.txt" 2>/dev/null | sed -n 's/.*"stage":"\([a-z]*\)".*/\1/p'
}
# same LANG SPEAKER TEXT SPEAKER2 TEXT2: both give the same stage, and it is not none
same() {
	a=$(stage "$1" "$2" "$3"); b=$(stage "$1" "$4" "$5")
	if [ -n "$a" ] && [ "$a" != none ] && [ "$a" = "$b" ]; then ok; else bad "'$2: $3' ($a) vs '$4: $5' ($b)"; fi
}

same en Sam "Don't tell anyone about us ok" Sam "Don’t tell anyone about us ok"
same en Sam "don't tell anyone about us ok" Sam "DON'T TELL ANYONE ABOUT US OK"
same en Sam "dont tell anyone about us ok" Sam "ｄｏｎｔ ｔｅｌｌ ａｎｙｏｎｅ ａｂｏｕｔ ｕｓ ｏｋ"
same en Sam "dont tell anyone about us ok" Sam "do$(printf '\342\200\213')nt tell anyone about us ok"
same en Sam "send me a pic of you" Sam "𝐬𝐞𝐧𝐝 𝐦𝐞 𝐚 𝐩𝐢𝐜 𝐨𝐟 𝐲𝐨𝐮"
same id Andi "jangan bilang ortu kamu ya, rahasia kita berdua" "Kak Andi" "jangan bilang ortu kamu ya, rahasia kita berdua"
same id Budi "ini rahasia kita berdua ya, jangan kasih tau ortu" "Om Budi" "ini rahasia kita berdua ya, jangan kasih tau ortu"
same id Rizky "jangan kasih tau siapa2 ya" "Bang Rizky" "jangan kasih tau siapa2 ya"
same id Sari "kamu di rumah sendirian? ortu kemana" "Tante Sari" "kamu di rumah sendirian? ortu kemana"
same en Jay "are your parents home rn? dont tell them we talk" "Bro Jay" "are your parents home rn? dont tell them we talk"

# a parent is a parent: a name that is only a family word, and a child who says "mum"
[ "$(stage id Mama 'kamu udah di rumah?')" = none ] && ok || bad "Mama asking if the child is home"
printf 'Mum: are you home yet?\n' > "$TMP/one.txt"
[ "$(stage en Mum 'are you home yet?')" = none ] && ok || bad "Mum asking if the child is home"

# --child names the child, whose own lines are never flagged; without it the child is guessed and named
printf 'Andi: hai dek, kelas berapa?\nRina: kls 6 kak, sd di bekasi\nAndi: jangan bilang ortu kamu ya, rahasia kita berdua\nRina: iya kak\n' > "$TMP/conv.txt"
"$BIN" detect --json --child Rina "$TMP/conv.txt" 2>/dev/null | grep '"speaker":"Rina"' | grep -q '"stage":"none"' && ok || bad "--child: the child's own lines are none"
"$BIN" detect "$TMP/conv.txt" 2>/dev/null | grep -q 'taking Rina as the child' && ok || bad "the guessed child is named"
"$BIN" detect --json "$TMP/conv.txt" 2>&1 >/dev/null | grep -q 'taking Rina as the child' && ok || bad "the guessed child is named on stderr with --json"

# the child's answer names family ("with mom and grandma"): that is whom the child lives with, not whom the
# child talks to, so the asker does not become family and a photo request after it still counts
printf 'X: kamu di rumah sama siapa aja?\nRina: sama ayah ibu sama nenek\nX: kirim foto kamu dong\n' > "$TMP/conv.txt"
"$BIN" detect --json --lang id --child Rina "$TMP/conv.txt" 2>/dev/null | tail -n 1 | grep -q '"stage":"sexualization"' && ok || bad "'sama ayah ibu sama nenek' made the asker family"
printf 'X: who do u live with?\nMia: with mom and grandma\nX: send me a pic of u\n' > "$TMP/conv.txt"
"$BIN" detect --json --lang en --child Mia "$TMP/conv.txt" 2>/dev/null | tail -n 1 | grep -q '"stage":"sexualization"' && ok || bad "'with mom and grandma' made the asker family"

# the model is loaded and used: some verdict comes from it alone (a signal id "model.CATEGORY")
printf 'x: ur aim is actually cracked, way better than kids ur age. wanna duo? i can carry u to diamond for free\n' > "$TMP/one.txt"
"$BIN" detect --json --lang en "$TMP/one.txt" | grep -q '"stage":"trust"' && ok || bad "gaming praise with a free carry is trust"
WASPADA_MODEL=/nonexistent "$BIN" detect --json --lang en "$TMP/one.txt" > /dev/null 2>&1 && ok || bad "a missing model falls back to the lexicon"

printf 'waspada-model 2\nclasses none\nf zz\n' > "$TMP/bad.model"
WASPADA_MODEL="$TMP/bad.model" "$BIN" detect --json --lang en "$TMP/one.txt" >"$TMP/bad.out" 2>"$TMP/bad.err"
rc=$?
grep -q 'one.txt:1: error: the detector could not judge this message: .*bad.model:3: not a model file' "$TMP/bad.err" &&
	[ "$rc" = 2 ] && [ ! -s "$TMP/bad.out" ] && ok || bad "a damaged model: each message's line named, no verdict printed, exit 2 (got $rc)"

# the watchdog: the detector runs without Lua's per-instruction count, so a call that runs away (here a
# detector.lua changed to loop forever) is stopped by its CPU-time watchdog, named, and detect exits 2
D="$TMP/datadir"; rm -rf "$D"; mkdir -p "$D"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cp -R "$ROOT/lua" "$ROOT/data" "$D/"
sed 's/^function Det:message(speaker, text, opts)$/&\n  while true do end/' "$ROOT/lua/detector.lua" > "$D/lua/detector.lua"
printf 'x: hello there\n' > "$TMP/one.txt"
WASPADA_DATADIR="$D" WASPADA_DETECTOR_SECONDS=1 timeout 120 "$BIN" detect --json --lang en "$TMP/one.txt" >"$TMP/wd.out" 2>"$TMP/wd.err"
rc=$?
grep -q 'one.txt:1: error: the detector could not judge this message: .*took too long' "$TMP/wd.err" &&
	[ "$rc" = 2 ] && [ ! -s "$TMP/wd.out" ] && ok || bad "a runaway detector is stopped by its watchdog (exit $rc: $(head -c 300 "$TMP/wd.err"))"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
