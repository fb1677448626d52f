#!/bin/sh
# `detect` on a terminal offers the chat itself, read-only in the chat screen, with the evidence
# highlighted: the offer, the highlight and the panel, n/p between signs, scrolling, q and the
# terminal given back. Never asked without a terminal (a script must not hang on it).
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need detect-view

CHAT=tests/exports/wa-android-en-view.txt

# The quoted evidence of the panel's "Look at:" line (its first span).
look_at() {
	e2e_cap | sed -n 's/.*Look at: “\([^”]*\)”.*/\1/p' | head -n 1
}

e2e_start view 80 24 detect --lang en "$CHAT"
e2e_wait "Type y and Enter to open it, or just Enter to skip:"
e2e_check "view: offered after the report" $?
# the report's lines are wrapped at words for the terminal, a list item's rows under its text
e2e_cap | grep -q "^    Don't delete the chat or the account yet"
e2e_check "view: the report wraps at words, under the item's text" $?
e2e_keys y Enter
e2e_wait "What the message shows"
e2e_check "view: the chat screen opens on a sign" $?
e2e_wait "sign 1 of"
e2e_check "view: the panel counts the signs" $?
e2e_cap | grep -q "Highlighted: the words taken as warning signs."
e2e_check "view: the status line says what the highlight means" $?
e2e_cap | grep -q "▶"
e2e_check "view: the sign's message is marked" $?
e2e_cap | grep -q "detector: "
e2e_check "view: the detector's note under it, as --reveal shows it" $?
e2e_cap | grep -q "Rex_Gamer: "
e2e_check "view: the export's speaker names" $?
first=$(look_at)
[ -n "$first" ]
e2e_check "view: the panel quotes the evidence" $?
# The evidence in the chat itself starts right after an attribute change (the highlight).
esc=$(printf '\033')
tmux -L "$E2E_SOCK" capture-pane -p -e | grep -q "${esc}\[[0-9;]*m$(printf '%s' "$first" | cut -c1-8)"
e2e_check "view: the evidence is highlighted in the message" $?
e2e_keys n
e2e_wait "sign 2 of"
e2e_check "view: n goes to the next sign" $?
[ "$(look_at)" != "$first" ]
e2e_check "view: the panel explains the next sign" $?
e2e_keys p
e2e_wait "sign 1 of"
e2e_check "view: p goes back" $?
e2e_keys p
e2e_wait "That was the first warning sign"
e2e_check "view: p at the first sign says so" $?
e2e_keys Home
e2e_wait "saw your build in the server"
e2e_check "view: Home shows the first message" $?
e2e_wait "newer messages below (End)"
e2e_check "view: scrolled back, it says newer messages are below" $?
e2e_keys End
e2e_wait "Sam: sorry"
e2e_check "view: End shows the last message" $?
e2e_keys '?'
e2e_wait "n, p: the next or the previous warning sign"
e2e_check "view: ? shows the keys and the help for adults" $?
e2e_keys q
e2e_wait "What the message shows"
e2e_keys q
e2e_wait_exit
[ "$(e2e_rc)" = 0 ]
e2e_check "view: q closes (exit 0)" $?
e2e_check_terminal "view"
e2e_check_stderr "view"
e2e_end

# Indonesian: an Indonesian chat, the offer and the screen in the reader's language.
e2e_start view-id 80 24 detect --lang id tests/exports/wa-android-id-view.txt
e2e_wait "Ketik y lalu Enter untuk membukanya"
e2e_check "view id: offered in Indonesian" $?
e2e_keys y Enter
e2e_wait "Apa yang ditunjukkan pesan ini"
e2e_check "view id: the panel in Indonesian" $?
e2e_wait "Disorot: kata-kata tanda bahaya."
e2e_check "view id: the highlight said in words" $?
e2e_cap | grep -q "Kak Bayu: " && e2e_cap | grep -q "Perhatikan: “"
e2e_check "view id: the speaker's name and the evidence" $?
e2e_keys n
e2e_wait "tanda 2 dari"
e2e_check "view id: n goes to the next sign" $?
e2e_wait "n: tanda berikut"
e2e_check "view id: then the keys in Indonesian" $?
e2e_keys q
e2e_wait_exit
e2e_check_terminal "view id"
e2e_check_stderr "view id"
e2e_end

# Several conversations: asked for a number (the one with the most signs named), a wrong one asked again.
e2e_start two 80 24 detect --lang en tests/e2e/fixtures/two-chats.txt
e2e_wait "Type its number (1-2; 2 has the most signs) and Enter"
e2e_check "view: several conversations: asked which" $?
e2e_keys 7 Enter
e2e_wait "Please type a number from 1 to 2"
e2e_check "view: a number out of range is asked again" $?
e2e_keys 2 Enter
e2e_wait "Conversation 2 · read only"
e2e_check "view: the conversation chosen opens" $?
e2e_cap | grep -q "Rex: " && ! e2e_cap | grep -q "Mama: "
e2e_check "view: only that conversation's messages" $?
e2e_keys q
e2e_wait_exit
e2e_check_terminal "view two"
e2e_check_stderr "view two"
e2e_end

# A terminal that cannot draw the screen: never asked; --view says why (exit 2).
E2E_TERM=dumb
e2e_start dumb 80 24 detect --lang en --view "$CHAT"
unset E2E_TERM
e2e_wait_exit
[ "$(e2e_rc)" = 2 ] && grep -q "cannot show the chat screen" "$E2E_DIR/err"
e2e_check "view: TERM=dumb and --view: a clear error" $?
e2e_end

# Enter skips; --view opens at once; --no-view never asks.
e2e_start skip 80 24 detect --lang en "$CHAT"
e2e_wait "or just Enter to skip:"
e2e_keys Enter
e2e_wait_exit
e2e_cap | grep -q SHELL-BACK && ! e2e_cap | grep -q "What the message shows"
e2e_check "view: Enter skips" $?
e2e_end
e2e_start straight 80 24 detect --lang en --view "$CHAT"
e2e_wait "What the message shows"
e2e_check "view: --view opens without asking" $?
e2e_keys q
e2e_wait_exit
e2e_check_terminal "--view"
e2e_end
# A signal closes it with the terminal given back (exit 1, as a lesson left early).
e2e_start signal 80 24 detect --lang en --view "$CHAT"
e2e_wait "What the message shows"
kill -TERM "$(cat "$E2E_DIR/pid")"
e2e_wait_exit
[ "$(e2e_rc)" = 1 ]
e2e_check "view: SIGTERM closes it (exit 1)" $?
e2e_check_terminal "view signal"
e2e_check_stderr "view signal"
e2e_end
e2e_start never 80 24 detect --lang en --no-view "$CHAT"
e2e_wait_exit
e2e_wait "SHELL-BACK" && ! e2e_cap | grep -q "Type y"
e2e_check "view: --no-view never asks" $?
e2e_end

# Without a terminal on standard input (a script), never asked, never waiting.
e2e_start no-tty 80 24 detect --lang en "$CHAT" '</dev/null'
e2e_wait_exit
e2e_check "view: stdin not a terminal: ends by itself" $?
e2e_cap | grep -q "Who can help:" && ! e2e_cap | grep -q "Type y"
e2e_check "view: stdin not a terminal: the report, no question" $?
e2e_end
# A FIFO cannot be read twice: the report, and no question (it would wait for a writer forever).
fifo_dir=$(mktemp -d "${TMPDIR:-/tmp}/waspada-fifo.XXXXXX")
mkfifo "$fifo_dir/chat"
(cat "$CHAT" >"$fifo_dir/chat") &
e2e_start fifo 80 24 detect --lang en "$fifo_dir/chat"
e2e_wait_exit
e2e_check "view: a FIFO: ends by itself" $?
e2e_cap | grep -q "Who can help:" && ! e2e_cap | grep -q "Type y"
e2e_check "view: a FIFO: the report, no question" $?
e2e_end
rm -rf "$fifo_dir"
out=$(timeout 60 "$WASPADA" detect --lang en --report "$CHAT" </dev/null 2>&1)
case $out in *"Type y"*|*"What the message shows"*) false ;; *"worry it most"*) true ;; *) false ;; esac
e2e_check "view: a pipe gets the report without a question" $?
timeout 60 "$WASPADA" detect --view "$CHAT" </dev/null >/dev/null 2>&1
[ $? = 2 ]
e2e_check "view: --view without a terminal is a usage error" $?

[ "$E2E_FAILS" = 0 ]
