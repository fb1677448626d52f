#!/bin/sh
# Resizing mid-message (while someone is typing) and mid-question keeps the state; a too-small
# window says the size it needs; PgUp/Home/End scroll back through the chat and return.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need resize-scroll

# Without --instant: the typing pause is where we resize.
e2e_start resize 80 24 play blockhaven-stranger --lang en
e2e_wait "Enter: start"
e2e_keys Enter
e2e_wait "is typing"
e2e_check "resize typing indicator shown" $?
tmux -L "$E2E_SOCK" resize-window -x 120 -y 40
e2e_wait "What do you notice in this message?"
e2e_check "resize mid-message: the message still arrives" $?
e2e_wait "did u build it all by urself?"
e2e_check "resize mid-message: wrapped for the new width" $?
e2e_keys 3
e2e_wait "[x] Personal questions"
tmux -L "$E2E_SOCK" resize-window -x 60 -y 20
e2e_wait "Please make the window at least 80×24."
e2e_check "resize too small says the size" $?
e2e_golden "resize-too-small"
tmux -L "$E2E_SOCK" resize-window -x 80 -y 24
e2e_wait "[x] Personal questions"
e2e_check "resize back keeps the ticked answer" $?
e2e_golden "resize-back-80x24"
e2e_keys q
e2e_wait "Leave this chat now?"
e2e_keys y
e2e_wait_exit
e2e_check_stderr "resize"
e2e_end

# Scrolling back: play on with --instant until the chat is longer than the screen.
e2e_start scroll 80 24 play blockhaven-stranger --lang en --instant
e2e_wait "Enter: start"
e2e_keys Enter
n=0
while [ $n -lt 6 ]; do
	e2e_wait "Enter: answer" && e2e_keys 0 Enter
	e2e_wait "Enter: go on" && e2e_keys Enter
	e2e_wait "reply?" && e2e_keys 1 && break
	n=$((n + 1))
done
e2e_wait "What do you notice in this message?"
! e2e_cap | grep -q "joined the server"
e2e_check "scroll the first message is off screen" $?
e2e_keys Home
e2e_wait "joined the server"
e2e_check "scroll Home shows the first message" $?
e2e_wait "newer messages below (End)"
e2e_check "scroll says newer messages are below" $?
e2e_golden "scroll-home-80x24"
e2e_keys End
e2e_wait "What do you notice in this message?"
! e2e_cap | grep -q "newer messages below"
e2e_check "scroll End returns to the newest" $?
e2e_keys PPage
e2e_wait "newer messages below (End)"
e2e_check "scroll PgUp reads back" $?
e2e_keys NPage NPage
sleep 0.2
! e2e_cap | grep -q "newer messages below"
e2e_check "scroll PgDn stops at the newest" $?
e2e_keys q
e2e_wait "Leave this chat now?"
e2e_keys y
e2e_wait_exit
e2e_check_stderr "scroll"
e2e_end

[ "$E2E_FAILS" = 0 ]
