#!/bin/sh
# Reading results is linear in the file, and every line it holds is bounded (issue 14 items 6,
# 12): an attempt of 8,000 turns (it cost 3 GB and 27 s), 61,000 attempts (27 s), a 200 KB
# line, numbers out of range, and a 3 MB answer typed in plain mode. The timeouts only turn the
# old behaviour into a failure; they measure nothing. Usage: results-read.sh BIN TMPDIR
BIN=$1 T=$2/results-read
rm -rf "$T"; mkdir -p "$T"
ok=0
fail() { echo "FAIL $1"; [ -f "$T/err" ] && sed 's/^/    /' "$T/err" | head -n 10; ok=1; }
clean() { ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$1"; }
start='{"v":1,"type":"start","attempt":"%s","time":"2026-12-04T02:26:25Z","scenario":"blockhaven-stranger","version":1,"lang":"en","level":"standard"}\n'
turn='{"v":1,"type":"turn","attempt":"a1","time":"2026-12-04T02:26:25Z","step":"flattery","stage":"trust","categories":["flattery"],"answer":[],"nothing":true,"credit":0.0,"outcome":"missed"}'

{ printf "$start" a1; awk -v t="$turn" 'BEGIN { for (i = 0; i < 8000; i++) print t }'; } >"$T/turns.jsonl"
timeout 60 "$BIN" report --csv "$T/turns.jsonl" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && [ "$(wc -l <"$T/out")" = 2 ] && clean "$T/err"; then echo "ok an attempt of 8,000 turns"
else fail "8,000 turns (exit $rc)"; fi

awk -v s="$start" 'BEGIN { for (i = 0; i < 61000; i++) printf s, "a" i }' >"$T/attempts.jsonl"
timeout 60 "$BIN" report --csv "$T/attempts.jsonl" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && [ "$(wc -l <"$T/out")" = 61001 ] && clean "$T/err"; then echo "ok 61,000 attempts"
else fail "61,000 attempts (exit $rc)"; fi

# A 200 KB line, then numbers out of range: each line damaged (W401), the good record kept.
{
	printf "$start" good
	printf '{"v":1,"type":"start","attempt":"long","nickname":"'; head -c 200000 /dev/zero | tr '\0' x; printf '"}\n'
	printf '{"v":1,"type":"choice","attempt":"good","step":"s","choice":-2147483648}\n'
	printf '{"v":1,"type":"end","attempt":"good","score":4294967297}\n'
	printf '{"v":1,"type":"end","attempt":"good","stages":{"trust":-1}}\n'
	printf '{"v":1,"type":"end","attempt":"good","duration":99999999999999}\n'
	printf '{"v":1,"type":"turn","attempt":"good","step":"s","credit":1e300}\n'
} >"$T/bad.jsonl"
"$BIN" report --csv "$T/bad.jsonl" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && [ "$(wc -l <"$T/out")" = 2 ] && grep -q 'bad.jsonl:2:1: warning: \[W401\] this line is too long' "$T/err" &&
	[ "$(grep -c 'warning: \[W401\] a number on this line is out of range' "$T/err")" = 5 ] && clean "$T/err"
then echo "ok a long line and numbers out of range are damaged lines"
else fail "long line, numbers out of range (exit $rc)"; fi

# A 3 MB answer line in plain mode: refused, and echoed back only in part.
{ printf '\n'; head -c 3000000 /dev/zero | tr '\0' 1; printf '\nq\n'; } |
	WASPADA_RESULTS="$T/r.jsonl" "$BIN" play blockhaven-stranger --plain --lang en >"$T/out" 2>"$T/err"
size=$(wc -c <"$T/out")
if [ "$size" -lt 20000 ] && grep -q 'Please type numbers' "$T/out" && clean "$T/err"; then echo "ok a 3 MB answer is cut ($size bytes out)"
else fail "3 MB answer ($size bytes out)"; fi
# An empty folder: nothing to sort (qsort(NULL, 0) is undefined; UBSan stopped report here).
mkdir -p "$T/empty"
"$BIN" report --csv "$T/empty" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc = 0 ] && [ "$(wc -l <"$T/out")" = 1 ] && clean "$T/err"; then echo "ok report on an empty folder"
else fail "report on an empty folder (exit $rc)"; fi
exit $ok
