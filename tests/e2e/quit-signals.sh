#!/bin/sh
# Leaving: q asks first (n stays, y leaves with status 1); SIGTERM, SIGHUP and SIGINT during a
# question leave with status 1; each time the terminal is back to normal and progress is saved.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need quit-signals

e2e_start quit 80 24 play blockhaven-stranger --lang en --instant
e2e_wait "Enter: start"
e2e_keys Enter
e2e_wait "What do you notice in this message?"
e2e_keys q
e2e_wait "Leave this chat now?"
e2e_check "quit q asks first" $?
e2e_golden "quit-confirm-80x24"
e2e_keys n
sleep 0.2
e2e_wait "What do you notice in this message?" && ! e2e_cap | grep -q "Leave this chat now?"
e2e_check "quit n stays in the chat" $?
e2e_keys q
e2e_wait "Leave this chat now?"
e2e_keys y
e2e_wait_exit
[ "$(e2e_rc)" = 1 ]
e2e_check "quit y leaves with status 1" $?
e2e_wait "Your progress so far is saved."
e2e_check "quit says progress is saved" $?
e2e_check_terminal "quit"
e2e_check_stderr "quit"
grep -q '"type":"start"' "$E2E_DIR"/data/waspada/*.jsonl 2>/dev/null
e2e_check "quit attempt recorded" $?
e2e_end

# Send SIG to the running program and check it left cleanly: ended, the terminal given back,
# nothing from the sanitizers. WANT_RC: the exit status expected, or "" for any.
signal_and_check() { # signal_and_check SIG LABEL WANT_RC
	kill "-$1" "$(cat "$E2E_DIR/pid")"
	e2e_wait_exit
	e2e_check "SIG$1$2 ends the program" $?
	if [ -n "$3" ]; then
		[ "$(e2e_rc)" = "$3" ]
		e2e_check "SIG$1$2 exit status $3" $?
	fi
	e2e_check_terminal "SIG$1$2"
	e2e_check_stderr "SIG$1$2"
}

for sig in TERM HUP INT; do
	e2e_start "sig$sig" 80 24 play blockhaven-stranger --lang en --instant
	e2e_wait "Enter: start"
	e2e_keys Enter
	e2e_wait "What do you notice in this message?"
	e2e_keys 0 Enter
	e2e_wait "Enter: go on"
	e2e_keys Enter
	e2e_wait "ur really talented"
	signal_and_check "$sig" "" 1
	grep -q '"type":"turn"' "$E2E_DIR"/data/waspada/*.jsonl 2>/dev/null
	e2e_check "SIG$sig the answered turn was saved" $?
	e2e_end
done

# The same during the typing animation and on the debrief (issue 8: every phase).
for sig in TERM HUP INT; do
	e2e_start "typing$sig" 80 24 play tests/e2e/fixtures/messenger.yaml --lang en
	e2e_wait "Enter: start"
	e2e_keys Enter
	e2e_wait "typing"
	signal_and_check "$sig" " while typing" 1
	e2e_end

	e2e_start "debrief$sig" 80 24 play tests/e2e/fixtures/messenger.yaml --lang en --instant
	e2e_wait "Enter: start"
	e2e_keys Enter
	e2e_wait "What do you notice in this message?"
	e2e_keys 0 Enter
	e2e_wait "Enter: go on"
	e2e_keys Enter
	e2e_wait "ask your dad"
	e2e_wait "What do you notice in this message?"
	e2e_keys 0 Enter
	e2e_wait "Enter: go on"
	e2e_keys Enter
	e2e_wait "How does Ben reply?"
	e2e_keys 1
	e2e_wait "Enter: finish"
	signal_and_check "$sig" " on the debrief" ""
	grep -q '"type":"end"' "$E2E_DIR"/data/waspada/*.jsonl 2>/dev/null
	e2e_check "SIG$sig on the debrief: the finished attempt was saved" $?
	e2e_end
done

# A crash gives the terminal back too (the sanitizer then reports it, as it should).
e2e_start segv 80 24 play blockhaven-stranger --lang en --instant
e2e_wait "Enter: start"
kill -SEGV "$(cat "$E2E_DIR/pid")"
e2e_wait_exit
e2e_check "SIGSEGV ends the program" $?
[ "$(e2e_rc)" != 0 ]
e2e_check "SIGSEGV exit status non-zero" $?
e2e_check_terminal "SIGSEGV"
e2e_end

[ "$E2E_FAILS" = 0 ]
