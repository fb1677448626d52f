#!/bin/sh
# waspada quiz: the detector still reads every quick-check message as its file says (check: no
# warning at all), the forms come in turn (A, then B), both languages, plain mode, bad options.
# Usage: quiz.sh BIN TMPDIR
BIN=$1 T=$2/quiz
rm -rf "$T"; mkdir -p "$T"
ok=0
fail() { echo "FAIL $1"; ok=1; }
pass() { echo "ok $1"; }

"$BIN" check scenarios/quiz >"$T/check" 2>&1; rc=$?
[ $rc = 0 ] && grep -q '4 file(s) checked: no problems' "$T/check" && pass "check: the detector agrees with every quiz message (4 forms)" \
	|| fail "check scenarios/quiz: $(cat "$T/check")"
for f in scenarios/quiz/en/*.yaml scenarios/quiz/id/*.yaml; do
	n=$(grep -c '^    ask: true' "$f") none=$(grep -c '^    expect: none' "$f")
	stages=$(grep '^    expect: ' "$f" | sort -u | wc -l)
	[ "$n" = 12 ] && [ "$none" -ge 3 ] && [ "$stages" = 6 ] || fail "$f: $n questions, $none harmless, $stages stages"
done
pass "each form: 12 questions, every stage and 3 or more harmless look-alikes"

# The forms in turn: A first, B after A is finished; answers kept like any attempt.
export WASPADA_RESULTS="$T/results.jsonl" XDG_CONFIG_HOME="$T/config"
printf '1\n0\n2\n0\n5 6\n0\n7\n0\n10\n12\n11\n14 15\n' | "$BIN" quiz --plain --lang en --instant >"$T/a.out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q '^== Quick check A' "$T/a.out" && grep -q '"scenario":"quiz-a"' "$T/results.jsonl" \
	&& grep -q '"type":"end".*"score":100' "$T/results.jsonl" && pass "the first quiz is form A, marked by the detector (all right: 100)" || fail "form A: exit $rc"
printf '0\n' | "$BIN" quiz --plain --lang id --instant >"$T/b.out" 2>&1; rc=$?
[ $rc = 1 ] && grep -q '^== Cek cepat B' "$T/b.out" && grep -q 'Apa yang kamu perhatikan' "$T/b.out" \
	&& pass "then form B, in Indonesian; input ending early saves and exits 1" || fail "form B: exit $rc: $(head -n 3 "$T/b.out")"
printf '0\n' | "$BIN" quiz --form a --plain --lang en --instant 2>&1 | grep -q '^== Quick check A' && pass "--form a" || fail "--form a"
"$BIN" quiz --form C >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q -- "--form must be A or B" "$T/err" && pass "--form C: usage error, exit 2" || fail "--form C: exit $rc"
"$BIN" quiz blockhaven-stranger >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "takes no scenario" "$T/err" && pass "a scenario given: usage error, exit 2" || fail "quiz SCENARIO: exit $rc"
exit $ok
