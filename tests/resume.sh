#!/bin/sh
# kill -9 in the middle of a scenario, then --resume: the saved answers come back and at most
# the turn in progress is lost. Usage: resume.sh BIN TMPDIR
BIN=$1 T=$2
export XDG_DATA_HOME="$T/resume-data"
rm -rf "$XDG_DATA_HOME"; rm -f "$T/fifo"; mkfifo "$T/fifo"
results="$XDG_DATA_HOME/waspada/results.jsonl"
"$BIN" play blockhaven-stranger --plain --lang en <"$T/fifo" >"$T/first.out" 2>&1 &
pid=$!
exec 3>"$T/fifo"
printf '0\n1\n2\n' >&3
# Wait until the three answers are on disk (the program fsyncs each before going on).
# How many turn records are on disk (grep -c prints 0 and fails when there are none).
turns_saved() { n=$(grep -c '"type":"turn"' "$results" 2>/dev/null); echo "${n:-0}"; }
i=0
while [ "$(turns_saved)" -lt 3 ] && [ $i -lt 1200 ]; do
	sleep 0.05; i=$((i + 1))
done
kill -9 $pid; wait $pid 2>/dev/null
exec 3>&-
turns=$(grep -c '"type":"turn"' "$results")
[ "$turns" = 3 ] || { echo "FAIL: $turns turns saved before the kill, want 3"; exit 1; }
# Resume and finish: the three saved answers are not asked again.
printf '3\n2\n4\n7\n2\n12\n1\n' | "$BIN" play blockhaven-stranger --plain --lang en --resume >"$T/second.out" 2>&1
rc=$?
[ $rc = 0 ] || { echo "FAIL: resumed play exited $rc"; cat "$T/second.out"; exit 1; }
grep -q 'Continuing where you left off (3 answers kept)' "$T/second.out" || { echo "FAIL: no resume"; cat "$T/second.out"; exit 1; }
attempts=$(grep -c '"type":"start"' "$results"); ends=$(grep -c '"type":"end"' "$results")
[ "$attempts" = 1 ] && [ "$ends" = 1 ] || { echo "FAIL: $attempts attempts, $ends ends"; exit 1; }
[ "$(grep -c '"type":"turn"' "$results")" = 7 ] || { echo "FAIL: want 7 turns in all"; exit 1; }
# One attempt id throughout.
[ "$(sed 's/.*"attempt":"\([^"]*\)".*/\1/' "$results" | sort -u | wc -l)" = 1 ] || { echo "FAIL: attempt ids differ"; exit 1; }
echo "ok resume after kill -9"
