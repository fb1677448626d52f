#!/bin/sh
# Faults around a learner's results: a full disk, a data folder that cannot be made or written,
# a results file with a torn last line and garbage in the middle. Each gives a clear message, the
# lesson goes on, and nothing already saved is lost. Usage: faults.sh BIN TMPDIR
BIN=$1 T=$2/faults
rm -rf "$T"; mkdir -p "$T"
ok=0
fail() { echo "FAIL $1"; [ -f "$T/err" ] && sed 's/^/    /' "$T/err" | head -n 10; ok=1; }
answers='0\n1\n2\n3\n1\n4\n7\n2\n12\n1\n'

# A full disk: /dev/full fails every write with ENOSPC.
printf "$answers" | WASPADA_RESULTS=/dev/full "$BIN" play blockhaven-stranger --plain --lang en >"$T/out" 2>"$T/err"
rc=$?
if [ $rc = 0 ] && grep -q 'could not be saved (/dev/full: No space left on device)' "$T/err" && grep -q '== You' "$T/out"; then
	echo "ok full disk: said so, and the lesson went on"
else fail "full disk (exit $rc)"; fi

# The data folder cannot be made: XDG_DATA_HOME is a file.
: >"$T/not-a-folder"
printf "$answers" | XDG_DATA_HOME="$T/not-a-folder" "$BIN" play blockhaven-stranger --plain --lang en >"$T/out" 2>"$T/err"
rc=$?
if [ $rc = 0 ] && grep -q 'cannot be saved' "$T/err"; then echo "ok data folder is a file"; else fail "data folder is a file (exit $rc)"; fi

# A read-only file system.
printf "$answers" | XDG_DATA_HOME=/proc/self/waspada-test "$BIN" play blockhaven-stranger --plain --lang en >"$T/out" 2>"$T/err"
rc=$?
if [ $rc = 0 ] && grep -q 'cannot be saved' "$T/err"; then echo "ok read-only data folder"; else fail "read-only data folder (exit $rc)"; fi

# A damaged results file: good records, garbage in the middle, a torn last line.
R="$T/results.jsonl"
printf "$answers" | WASPADA_RESULTS="$R" "$BIN" play blockhaven-stranger --plain --lang en >/dev/null 2>&1
printf 'this is not JSON at all \001\002\n' >>"$R"
printf "$answers" | WASPADA_RESULTS="$R" "$BIN" play blockhaven-stranger --plain --lang en >/dev/null 2>&1
printf '{"v":1,"type":"turn","attempt":"x","ste' >>"$R"
before=$(grep -c '"type":"end"' "$R")
"$BIN" report --csv "$R" >"$T/csv" 2>"$T/err"; rc=$?
rows=$(($(wc -l <"$T/csv") - 1))
if [ $rc = 0 ] && [ "$rows" = 2 ] && grep -q "results.jsonl:[0-9]*:1: warning: \[W401\] this line is damaged" "$T/err" \
	&& grep -q "warning: \[W401\] the last record is incomplete" "$T/err"; then
	echo "ok damaged results file: reported with lines, 2 good attempts kept"
else fail "damaged results file (exit $rc, $rows rows)"; fi
# Playing again after the torn line: the new records start on their own line and are readable.
printf "$answers" | WASPADA_RESULTS="$R" "$BIN" play blockhaven-stranger --plain --lang en >/dev/null 2>&1
after=$(grep -c '"type":"end"' "$R")
"$BIN" report --csv "$R" >"$T/csv" 2>"$T/err"
if [ "$after" = $((before + 1)) ] && [ "$(($(wc -l <"$T/csv") - 1))" = 3 ]; then
	echo "ok a new attempt after a torn line is whole"
else fail "append after a torn line"; fi
exit $ok
