#!/bin/sh
# The C matcher (sim/matcher.c) against the Lua one it ports (lua/detector/normalise.lua run(),
# lexicon.lua scan()): every message of the corpus, every shipped scenario and every detect test
# input, read both ways. Two checks: with WASPADA_DETECTOR_CROSSCHECK the detector compares words,
# sentence breaks, spans and matches message by message and stops at the first difference; and the
# whole `detect --json` output with the C matcher must equal the pure-Lua detector's, byte for byte.
# Usage: sh tests/detector-native.sh BINARY TMPDIR
BIN=$1
TMP=$2
cd "$(dirname "$0")/.." || exit 2
status=0
n=0
files="tests/corpus/*/*.txt tests/corpus/heldout/*/*.txt tests/detect/*.txt tests/signals/*.yaml scenarios/*/*.yaml scenarios/*/*.lua"
# under valgrind (make valgrind) a sample: the C matcher's memory is what is checked there
[ "${VALGRIND:-0}" = 1 ] && files="tests/detect/*.txt tests/corpus/en/game.txt tests/corpus/id/game.txt"
for f in $files; do
	[ -f "$f" ] || continue
	# each file as --lang auto decides, and the corpus also through the other language's lexicon
	case $f in
	*/en/*) langs="auto id" ;;
	*/id/*) langs="auto en" ;;
	*) langs=auto ;;
	esac
	for lang in $langs; do
		WASPADA_DETECTOR_CROSSCHECK=1 "$BIN" detect --json --lang $lang "$f" >"$TMP/native.json" 2>"$TMP/native.err"
		[ $? = 99 ] && echo "valgrind error" >>"$TMP/native.err"
		if grep -q "matchers differ" "$TMP/native.err"; then
			echo "$f (--lang $lang): $(grep -m1 "matchers differ" "$TMP/native.err")"
			status=1
		fi
		WASPADA_DETECTOR_LUA=1 "$BIN" detect --json --lang $lang "$f" >"$TMP/lua.json" 2>>"$TMP/native.err"
		[ $? = 99 ] && echo "valgrind error" >>"$TMP/native.err"
		if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|stack traceback|valgrind error' "$TMP/native.err"; then
			echo "$f (--lang $lang): memory or runtime error"
			head -n 20 "$TMP/native.err"
			status=1
		fi
		if ! cmp -s "$TMP/native.json" "$TMP/lua.json"; then
			echo "$f (--lang $lang): detect output differs between the C and the Lua matcher"
			diff "$TMP/lua.json" "$TMP/native.json" | head -n 4
			status=1
		fi
		n=$((n + 1))
	done
done
echo "$n runs compared"
exit $status
