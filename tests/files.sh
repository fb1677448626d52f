#!/bin/sh
# Files and descriptors (issue 14 items 9-11, 14, 15): a closed stdout, write errors, folder
# symlinks and FIFOs, HOME unset, a symlinked results file, names that are not plain text, a
# double byte-order mark. Usage: files.sh BIN TMPDIR
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") T=$2/files
rm -rf "$T"; mkdir -p "$T"
ok=0
fail() { echo "FAIL $1"; [ -f "$T/err" ] && sed 's/^/    /' "$T/err" | head -n 10; ok=1; }
clean() { ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$1"; }
answers='0\n1\n2\n3\n1\n4\n7\n2\n12\n1\n'

# stdout closed: the results file must not become fd 1 (the lesson was written into it).
printf "$answers" | WASPADA_RESULTS="$T/closed.jsonl" "$BIN" play blockhaven-stranger --plain --lang en >&- 2>"$T/err"
"$BIN" report --csv "$T/closed.jsonl" >"$T/out" 2>>"$T/err"
if [ "$(wc -l <"$T/out")" = 2 ] && ! grep -q W401 "$T/err" && clean "$T/err"; then echo "ok stdout closed: the results file stays whole"
else fail "stdout closed"; fi
cp "$T/closed.jsonl" "$T/pupil.jsonl"

# Write errors: every command that prints exits non-zero when its output cannot be written.
printf "$answers" | WASPADA_RESULTS="$T/closed.jsonl" "$BIN" play blockhaven-stranger --plain --lang en >/dev/full 2>"$T/err"
rc=$?; [ $rc != 0 ] && grep -q 'could not be written' "$T/err" || fail "play --plain >/dev/full exits non-zero (exit $rc)"
for c in "list" "--help" "check scenarios" "report --csv $T/closed.jsonl" "help play"; do
	# shellcheck disable=SC2086
	"$BIN" $c >/dev/full 2>"$T/err"; rc=$?
	if [ $rc = 0 ] || ! grep -q 'could not be written' "$T/err" || ! clean "$T/err"; then fail "$c >/dev/full (exit $rc)"; fi
done
(cd "$T" && "$BIN" new full-test >/dev/full 2>"$T/err"); [ $? != 0 ] || fail "new >/dev/full exits non-zero"
[ $ok = 0 ] && echo "ok write errors end with a non-zero status"

# Folder symlinks are not followed; FIFOs are never opened.
mkdir -p "$T/class/a"
cp "$T/pupil.jsonl" "$T/class/a/pupil.jsonl"
ln -s . "$T/class/a/again"; ln -s .. "$T/class/a/up"; ln -s "$T/class" "$T/class/a/loop"
mkfifo "$T/class/a/pipe.jsonl" "$T/pipe.yaml" "$T/pipe.jsonl"
timeout 20 "$BIN" report --csv "$T/class" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && [ "$(wc -l <"$T/out")" = 2 ] && clean "$T/err"; then echo "ok folder symlinks not followed, a FIFO in a folder skipped"
else fail "folder symlinks / FIFO in a folder (exit $rc, $(wc -l <"$T/out") lines)"; fi
timeout 20 "$BIN" check "$T/pipe.yaml" >"$T/out" 2>&1; rc=$?
if [ $rc = 1 ] && grep -q 'pipe.yaml:1:1: error: .*not a regular file' "$T/out"; then echo "ok check of a FIFO: refused, not hung"
else fail "check of a FIFO (exit $rc)"; fi
timeout 20 "$BIN" play "$T/pipe.yaml" --plain </dev/null >"$T/out" 2>&1; rc=$?
[ $rc = 2 ] && grep -q 'not a regular file' "$T/out" || fail "play of a FIFO (exit $rc)"
timeout 20 "$BIN" report "$T/pipe.jsonl" >"$T/out" 2>&1; rc=$?
[ $rc != 124 ] && grep -q 'not a results file' "$T/out" || fail "report of a FIFO (exit $rc)"

# HOME unset: no shared fallback folder; a symlinked results file: refused. Both said clearly.
printf "$answers" | env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u WASPADA_RESULTS \
	"$BIN" play blockhaven-stranger --plain --lang en >"$T/out" 2>"$T/err"
if grep -q 'HOME is not set' "$T/err" && grep -q '== You' "$T/out" && clean "$T/err"; then echo "ok HOME unset: said so, nothing written to a shared folder"
else fail "HOME unset"; fi
ln -s "$T/elsewhere.txt" "$T/link.jsonl"
printf "$answers" | WASPADA_RESULTS="$T/link.jsonl" "$BIN" play blockhaven-stranger --plain --lang en >"$T/out" 2>"$T/err"
if grep -q 'is a symbolic link' "$T/err" && [ ! -e "$T/elsewhere.txt" ] && clean "$T/err"; then echo "ok a symlinked results file is refused"
else fail "symlinked results file"; fi

# A nickname that is not UTF-8: warned, not silently dropped.
printf "$answers" | WASPADA_RESULTS="$T/nick.jsonl" "$BIN" play blockhaven-stranger --plain --lang en --name "$(printf 'Sam\377')" >/dev/null 2>"$T/err"
if grep -q 'nickname is not valid UTF-8' "$T/err" && clean "$T/err"; then echo "ok a non-UTF-8 nickname is warned about"
else fail "non-UTF-8 nickname warned"; fi

# `new` with quotes and a backslash in NAME: the file passes its own check.
(cd "$T" && "$BIN" new 'Sam "the \ best"' >/dev/null 2>"$T/err") && "$BIN" check "$T/Sam \"the \\ best\".yaml" >"$T/out" 2>&1
if [ $? = 0 ] && grep -q 'no problems' "$T/out"; then echo "ok new: NAME escaped in YAML"
else fail "new with quotes in NAME: $(cat "$T/out")"; fi

# Two byte-order marks: located at 1:1.
printf '\357\273\277\357\273\277waspada: 1\n' >"$T/bom.yaml"
"$BIN" check "$T/bom.yaml" >"$T/out" 2>&1
grep -q 'bom.yaml:1:1: error: .*two byte-order marks' "$T/out" || fail "double BOM at 1:1: $(head -3 "$T/out")"
# Escape sequences never reach the terminal (item 8): detect's human output, diagnostics that
# quote a file (a Lua error, an unknown key), report's text from a pupil-supplied file, and the CSV.
esc() { od -c "$1" | grep -qE '033|302 233|342 200 256'; } # ESC, C1 CSI, RLO
printf 'Kim: hi \033]52;c;cHduZWQ=\007 there \033[2J \302\233 31m \342\200\256evil\n\033[31mBad\033[0m: send me a photo of you, our secret\n' >"$T/esc.txt"
"$BIN" detect --lang en "$T/esc.txt" >"$T/out" 2>"$T/err"
if ! esc "$T/out" && grep -q 'Kim: hi' "$T/out" && grep -q 'sexualization' "$T/out" && clean "$T/err"; then echo "ok detect: no escape sequence in the human output"
else fail "detect: escape sequences in the output"; fi
printf 'error("\\27]52;c;eA==\\7boom \\226\\128\\174")\n' >"$T/esc.lua"
printf 'waspada: 1\n"\\e[2Jkey": 1\n' >"$T/esc.yaml"
"$BIN" check "$T/esc.lua" "$T/esc.yaml" >"$T/out" 2>&1
if ! esc "$T/out" && grep -q 'boom' "$T/out" && grep -q 'unknown key' "$T/out" && clean "$T/out"; then echo "ok diagnostics: a file's text is cleaned"
else fail "diagnostics: escape sequences: $(od -c "$T/out" | head -5)"; fi
printf '{"v":1,"type":"start","attempt":"x","time":"2026-12-04T02:26:25Z","scenario":"\\u001b]52;c;eA==\\u0007evil\\u202e","lang":"en\\u009b2J","nickname":"\\uff1dHYPERLINK(1)"}\n{"v":1,"type":"turn","attempt":"x","step":"s","stage":"trust","categories":["\\u001b[2Jcat"],"answer":[]}\n' >"$T/esc.jsonl"
"$BIN" report "$T/esc.jsonl" >"$T/out" 2>"$T/err"; "$BIN" report --csv "$T/esc.jsonl" >"$T/csv" 2>>"$T/err"
if ! esc "$T/out" && ! esc "$T/csv" && grep -q "\"'＝HYPERLINK" "$T/csv" && grep -q evil "$T/out" && clean "$T/err"; then echo "ok report: a pupil's file cannot drive the terminal; full-width = defused"
else fail "report: escape sequences or ＝ not defused"; fi
exit $ok
