#!/bin/sh
# Terminals curses cannot drive (issue 14, item 13): TERM=dumb, TERM unset and an unknown TERM get
# the plain mode, readable from the first line, with nothing from the sanitizers (an unknown TERM
# leaked inside newterm).
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

[ "$E2E_FAILS" = 0 ]
