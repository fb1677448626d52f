#!/bin/sh
# waspada report over a class: a folder of 30 learners' results files (made by real plain-mode
# playthroughs, then copied under 30 nicknames), one of them damaged. The CSV must have one row
# per attempt, quote what needs quoting, and never let a nickname run as a formula.
# Usage: report.sh BIN TMPDIR
BIN=$1 T=$2/report
rm -rf "$T"; mkdir -p "$T/class"
ok=0
fail() { echo "FAIL $1"; ok=1; }
printf '0\n1\n2\n3\n1\n4\n7\n2\n12\n1\n' | WASPADA_RESULTS="$T/a.jsonl" WASPADA_NICKNAME=A \
	"$BIN" play blockhaven-stranger --plain --lang en >/dev/null 2>&1
printf '0\n0\n1\n' | WASPADA_RESULTS="$T/b.jsonl" WASPADA_NICKNAME=B \
	"$BIN" play tests/plans/passes.yaml --plain >/dev/null 2>&1
i=1
while [ $i -le 30 ]; do
	case $i in
	1) nick='=HYPERLINK("x")' ;;    # a formula: must be defused
	2) nick='Budi, "the builder"' ;; # a comma and quotes: must be quoted
	3) nick='Siti Ümmü 🌟' ;;        # UTF-8 for Excel (the BOM) and LibreOffice
	*) nick="learner$i" ;;
	esac
	mkdir -p "$T/class/$i"
	cat "$T/a.jsonl" "$T/b.jsonl" | sed "s/\"nickname\":\"[AB]\"/\"nickname\":$(printf '%s' "$nick" | sed 's/\\/\\\\\\\\/g; s/"/\\\\"/g; s/^/"/; s/$/"/; s/[&|]/\\&/g')/; s/\"class\":\"[^\"]*\"/\"class\":\"7B\"/" \
		>"$T/class/$i/results.jsonl"
	i=$((i + 1))
done
printf 'garbage line\n' >>"$T/class/5/results.jsonl"
"$BIN" report --csv "$T/class" >"$T/out.csv" 2>"$T/err"; rc=$?
rows=$(($(grep -c '' "$T/out.csv") - 1))
[ $rc = 0 ] && [ "$rows" = 60 ] && echo "ok 30 learners, 60 attempts, one row each" || fail "rows: exit $rc, $rows rows (want 60)"
head -c 3 "$T/out.csv" | od -An -tx1 | grep -q 'ef bb bf' && echo "ok UTF-8 byte-order mark" || fail "no BOM"
head -n 1 "$T/out.csv" | grep -q '^.*nickname,class,scenario,language,level,date,duration_seconds,finished,score,trust,isolation,sexualization,control,extortion,none' \
	&& echo "ok header" || fail "header"
grep -q "^\"'=HYPERLINK(\"\"x\"\")\"" "$T/out.csv" && echo "ok formula defused" || fail "formula not defused"
grep -q '^"Budi, ""the builder"""' "$T/out.csv" && echo "ok comma and quotes quoted" || fail "quoting"
grep -q 'Siti Ümmü 🌟' "$T/out.csv" && echo "ok UTF-8 nickname kept" || fail "UTF-8 nickname"
grep -q 'class/5/results.jsonl:[0-9]*:1: warning: \[W401\]' "$T/err" && echo "ok damaged file reported, others kept" || fail "damaged file not reported"
# An Indonesian-locale spreadsheet splits columns at ';' (its decimal mark is the comma).
"$BIN" report --csv=id "$T/class" >"$T/out-id.csv" 2>/dev/null
head -n 1 "$T/out-id.csv" | grep -q 'nickname;class;scenario;language;level;date;duration_seconds;finished;score;trust;isolation;sexualization;control;extortion;none' \
	&& echo "ok --csv=id header with ;" || fail "--csv=id header"
grep '^"learner7";' "$T/out-id.csv" | head -n 1 | awk -F';' '{ exit !(NF == 15) }' && echo "ok --csv=id: 15 fields split at ;" || fail "--csv=id fields"
grep -q '^"Budi, ""the builder""";' "$T/out-id.csv" && echo "ok --csv=id keeps a comma inside a quoted field" || fail "--csv=id quoting"
[ "$(grep -c '' "$T/out-id.csv")" = "$(grep -c '' "$T/out.csv")" ] && echo "ok --csv=id: the same rows" || fail "--csv=id rows"
"$BIN" report --json "$T/class" >"$T/out.json" 2>/dev/null
[ "$(grep -c '"scenario"' "$T/out.json")" = 60 ] && echo "ok --json: 60 attempts" || fail "--json count"
WASPADA_RESULTS="$T/a.jsonl" "$BIN" report >"$T/out.txt" 2>&1
grep -q "Progress per stage" "$T/out.txt" && echo "ok a learner's own progress" || fail "own progress"
# The report follows the language the learner chose on the start screen (saved settings).
mkdir -p "$T/config/waspada" && printf 'lang=id\n' >"$T/config/waspada/settings"
WASPADA_RESULTS="$T/a.jsonl" XDG_CONFIG_HOME="$T/config" "$BIN" report >"$T/out-id.txt" 2>&1
! grep -q "Progress per stage" "$T/out-id.txt" && [ -s "$T/out-id.txt" ] && echo "ok report follows the saved language" || fail "report ignores the saved language"
exit $ok
