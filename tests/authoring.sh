#!/bin/sh
# A teacher's first steps: `waspada new`, then `check`, then a plain playthrough, in both
# languages and on each platform; plus the check errors that need a file system to provoke.
# Usage: authoring.sh BIN TMPDIR
BIN=$1 T=$2/authoring
rm -rf "$T"; mkdir -p "$T"
ok=0
fail() { echo "FAIL $1"; ok=1; }
for lang in en id; do
	for platform in game chatroom messenger; do
		f="$T/my-$lang-$platform"
		(cd "$T" && "$BIN" new "my-$lang-$platform" --lang "$lang" --platform "$platform") >"$T/out" 2>&1 || { fail "new $lang $platform"; cat "$T/out"; continue; }
		"$BIN" check "$f.yaml" >"$T/out" 2>&1 || { fail "check after new $lang $platform"; cat "$T/out"; continue; }
		grep -q "no problems" "$T/out" || { fail "new $lang $platform has warnings"; cat "$T/out"; }
		printf '0\n1\n5\n1\n' | XDG_DATA_HOME="$T/data" "$BIN" play "$f.yaml" --plain >"$T/out" 2>&1 \
			|| { fail "play after new $lang $platform"; tail -n 5 "$T/out"; continue; }
		echo "ok new + check + play ($lang, $platform)"
	done
done
(cd "$T" && "$BIN" new my-en-game >"$T/out" 2>&1) && fail "new overwrote a file"
grep -q "already exists" "$T/out" && echo "ok new never overwrites" || fail "new: no 'already exists'"
# E001: a file that is not there.
"$BIN" check "$T/no-such-file.yaml" >"$T/out" 2>&1
grep -q "no-such-file.yaml:1:1: error: \[E001\]" "$T/out" && echo "ok E001" || { fail "E001"; cat "$T/out"; }
# E109: a data folder whose help has no helplines.
mkdir -p "$T/datadir" && cp -R lua scenarios data "$T/datadir/"
printf 'never_your_fault: {en: "x", id: "x"}\nwhat_to_do: {en: [], id: []}\nhelplines: []\n' >"$T/datadir/data/help.yaml"
WASPADA_DATADIR="$T/datadir" "$BIN" check scenarios/en/blockhaven-stranger.yaml >"$T/out" 2>&1
grep -q "error: \[E109\]" "$T/out" && echo "ok E109" || { fail "E109"; cat "$T/out"; }
exit $ok
