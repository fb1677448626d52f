#!/bin/sh
# A learner who answers every question of every shipped scenario exactly as its author intended
# (`signs:`, or 0 where `expect: none`), along every path of replies, in both languages and at
# both levels, must be marked right at every question and end every attempt at 100 %
# (build/tests/author-answers plays each path through plain mode in one process). Then the
# first path of every scenario is played once more through the real command, `waspada play
# --plain`, and its results file checked the same way.
# Usage: sh tests/author-answers.sh [WASPADA-BINARY]   (prints what is not right; exits 1)
set -u
cd "$(dirname "$0")/.." || exit 2
BIN=${1:-build/san/waspada}
TOOL=build/tests/author-answers
TMP=$(mktemp -d "${TMPDIR:-/tmp}/waspada-author.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
export XDG_CONFIG_HOME="$TMP/config" LANG=C.UTF-8 LC_ALL=C.UTF-8
[ -x "$TOOL" ] || { echo "author-answers: build $TOOL first (make unit)"; exit 2; }
bad=0
"$TOOL" --play scenarios/id/*.yaml scenarios/en/*.yaml || bad=1
"$TOOL" --play --beginner scenarios/id/*.yaml scenarios/en/*.yaml || bad=1
plays=0
for f in scenarios/id/*.yaml scenarios/en/*.yaml; do
	lang=$(basename "$(dirname "$f")")
	"$TOOL" "$f" | awk '/^# path/ { n++; next } n == 1' >"$TMP/in"
	rm -rf "$TMP/data"
	XDG_DATA_HOME="$TMP/data" "$BIN" play "$f" --plain --instant --lang "$lang" <"$TMP/in" >"$TMP/out" 2>&1
	rc=$?
	plays=$((plays + 1))
	res="$TMP/data/waspada/results.jsonl"
	if [ $rc -ne 0 ] || [ ! -f "$res" ]; then echo "$f: waspada play exit $rc"; tail -n 5 "$TMP/out"; bad=1; continue; fi
	if grep '"type":"turn"' "$res" | grep -v '"outcome":"right"'; then echo "$f: a question not marked right"; bad=1; fi
	grep -q '"type":"end".*"score":100,' "$res" || { echo "$f: not 100 %"; tail -n 1 "$res"; bad=1; }
done
echo "author-answers: every path in-process, and $plays plays through waspada play: $([ $bad = 0 ] && echo 'all right, all 100 %' || echo 'NOT all right')"
[ $bad -eq 0 ]
