#!/bin/sh
# Terminals curses cannot drive (issue 14, item 13): TERM=dumb and an unknown TERM get the plain
# mode, with nothing from the sanitizers (an unknown TERM leaked inside newterm); and a screen too
# small for the chat leaves on q.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need terminals

for term in dumb xyz-no-such-terminal; do
	E2E_TERM=$term e2e_start "term-$term" 80 24 play blockhaven-stranger --lang en --instant
	e2e_wait "What do you notice in this message?"
	e2e_check "TERM=$term: the plain mode asks the first question" $?
	e2e_cap | grep -q "Your answer (for example"
	e2e_check "TERM=$term: plain prompts, not a screen" $?
	e2e_keys C-d
	e2e_wait_exit
	e2e_check "TERM=$term: leaves at the end of input" $?
	e2e_check_terminal "TERM=$term"
	e2e_check_stderr "TERM=$term"
	e2e_end
done

# A screen too small for the chat says "q: quit": q leaves at once (it used to open a confirmation
# box that could not be drawn, so the learner saw nothing happen).
e2e_start small 30 10 play blockhaven-stranger --lang en --instant
e2e_wait "q: quit"
e2e_check "a too-small screen says so" $?
e2e_keys q
e2e_wait_exit
e2e_check "q on a too-small screen leaves" $?
[ "$(e2e_rc)" = 1 ]
e2e_check "q on a too-small screen: exit status 1" $?
e2e_check_terminal "too-small screen"
e2e_end

[ "$E2E_FAILS" = 0 ]
