#!/bin/sh
# Bad input for `waspada detect`, made on the fly: each must give a located warning or exit 2,
# never a crash. Usage: generated.sh BIN TMPDIR
BIN=$1 T=$2
ok=0
check() { # check NAME WANT-EXIT PATTERN-IN-STDERR FILE [ARGS]
	name=$1 want=$2 pat=$3 file=$4; shift 4
	"$BIN" detect "$@" "$file" >"$T/g.out" 2>"$T/g.err"; rc=$?
	if [ "$rc" != "$want" ] || ! grep -qE -- "$pat" "$T/g.err" || grep -qE 'Sanitizer|runtime error|traceback' "$T/g.err"; then
		echo "FAIL $name: exit $rc (want $want), stderr:"; head -c 2000 "$T/g.err"; ok=1
	else
		echo "ok $name"
	fi
}
: >"$T/empty.txt"
check empty 2 'empty.txt:1:1: error: ' "$T/empty.txt"
printf 'no speaker here\njust words\n' >"$T/nospeaker.txt"
check no-speaker 2 'nospeaker.txt:2:1: warning: no "SPEAKER: text"' "$T/nospeaker.txt"
printf 'Kim: hello\nKim: caf\351 au lait\nKim: bye\n' >"$T/latin1.txt"
check invalid-utf8 0 'latin1.txt:2:1: warning: line is not valid UTF-8; skipped' "$T/latin1.txt" --lang en
head -c 3000 /dev/urandom >"$T/binary.bin"; printf '\000\001\002\n' >>"$T/binary.bin"
check binary 2 'binary.bin:[0-9]+:1: warning: ' "$T/binary.bin"
{ printf 'Kim: before\nKim: '; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '\nKim: after\n'; } >"$T/long.txt"
check long-line 0 'long.txt:2:1: warning: line longer than 64 KiB; skipped' "$T/long.txt" --lang en
[ "$(wc -l <"$T/g.out")" = 2 ] || { echo "FAIL long-line: expected 2 messages"; ok=1; }
check missing-file 2 'error: ' "$T/does-not-exist.txt"
check bad-lang 2 'lang' "$T/latin1.txt" --lang fr
printf 'Kim: hi from stdin\n' | "$BIN" detect --json --lang en - >"$T/g.out" 2>"$T/g.err" && grep -q '"line":1' "$T/g.out" || { echo "FAIL stdin"; ok=1; }
exit $ok
