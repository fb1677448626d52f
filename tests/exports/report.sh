#!/bin/sh
# `detect --report` (what a person at a terminal sees): its parts are there in both languages, it
# never calls a chat safe, and a message's escape codes never reach the terminal.
# Usage: report.sh BIN TMPDIR
BIN=$1 T=$2
cd "$(dirname "$0")/../.." || exit 2
ok=0
has() { # has NAME FILE PATTERN...: every pattern is in FILE
	name=$1 file=$2; shift 2
	for p in "$@"; do
		grep -qiF -- "$p" "$file" || { echo "FAIL $name: no '$p' in:"; cat "$file"; ok=1; return; }
	done
	echo "ok $name"
}
hasnt() { # hasnt NAME FILE EXTENDED-REGEX
	if grep -qiE -- "$3" "$2"; then echo "FAIL $1: '$3' in:"; cat "$2"; ok=1; else echo "ok $1"; fi
}
"$BIN" detect --report --lang en tests/detect/human.txt >"$T/r1" 2>&1 || { echo "FAIL exit $?"; ok=1; }
has "signs found (en)" "$T/r1" "Conversation 1" "Threats and blackmail" "The messages that worry it most" \
	"i'll send our chats to ur school" "What to do next" "Who can help" "SAPA 129" "under 18"
hasnt "never 'safe' (en, signs)" "$T/r1" '\bsafe\b'
"$BIN" detect --report --lang en tests/exports/wa-android-en-us.txt >"$T/r2" 2>&1
has "no signs (en)" "$T/r2" "a whatsapp export" "found no warning signs" "can miss things" "Who can help" "under 18" \
	"were not read"
hasnt "never 'safe' (en, none)" "$T/r2" '\bsafe\b'
"$BIN" detect --report --lang id tests/exports/wa-android-id.txt >"$T/r3" 2>&1
has "signs found (id)" "$T/r3" "Obrolan 1" "Menjauhkan dari orang sekitar" "jangan bilang siapa2" "SAPA 129"
"$BIN" detect --report --lang id tests/exports/wa-ios-id.txt >"$T/r3" 2>&1
has "no signs (id)" "$T/r3" "tidak menemukan tanda bahaya" "bisa saja terlewat" "SAPA 129" "di bawah 18"
hasnt "never 'aman' (id)" "$T/r3" '\baman\b'
printf '21/07/26 16.05 - Andi: kirim foto kamu dong \033[2J\033]0;x\007 sekarang, jangan bilang siapa-siapa\n21/07/26 16.06 - Sam: ga mau\n' >"$T/esc.txt"
"$BIN" detect --report --lang id "$T/esc.txt" >"$T/r4" 2>&1
if grep -q "$(printf '\033')" "$T/r4" || grep -q "$(printf '\007')" "$T/r4"; then echo "FAIL escape codes reach the report"; ok=1; else echo "ok no escape codes"; fi
# a Telegram account's chats are named in the report
sed 's/"server sekolah kak"/"ok"/; s/"kamu main di server mana?"/"send me a pic of u, or i will send our chats to ur school"/' \
	tests/exports/telegram-account.json >"$T/tg.json"
"$BIN" detect --report --lang en "$T/tg.json" >"$T/r5" 2>&1
has "a chat's name (telegram)" "$T/r5" "Conversation 1: Kak Rio (2 messages, from 2026-07-20 19:00 to 2026-07-20 19:01)" \
	"In 1 other conversation it found no warning signs."
# --json on an export keeps design.md's keys and adds time and format; a transcript's lines do not change
"$BIN" detect --json --lang id tests/exports/wa-ios-id.txt >"$T/j1" 2>&1
if [ "$(wc -l <"$T/j1")" = 3 ] && head -n 1 "$T/j1" | grep -q '^{"conversation":1,"line":2,"speaker":"Andi","text":"hai dek","stage":"[a-z]*","signals":\[.*\],"categories":\[.*\],"spans":\[.*\],"confidence":[0-9.]*,"explanation":".*","lang":"id","time":"2026-07-21T16:05:40","format":"whatsapp"}$'; then
	echo "ok --json on an export"; else echo "FAIL --json on an export:"; cat "$T/j1"; ok=1; fi
"$BIN" detect --json --lang en tests/detect/human.txt >"$T/j2" 2>&1
if grep -q '"time"\|"format"' "$T/j2"; then echo "FAIL a transcript's JSON has time/format"; ok=1; else echo "ok --json on a transcript unchanged"; fi
exit $ok
