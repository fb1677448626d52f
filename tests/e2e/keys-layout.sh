#!/bin/sh
# Keys and layout at 80x24 (issue 13, item 3): numbers above 9 are typed visibly and never
# guessed from typing speed, the menu says there are more chats below and takes two-digit
# numbers, players join the list when they arrive, emoji with a variation selector keep the
# border in place, and a reply that is an action is narrated, not posted.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need keys-layout

# The menu: 12 chats do not fit at 80x24; the list says so; 1 then 2 goes to chat 12.
E2E_SETTINGS="lang=en
name=
level=standard" e2e_start menu-keys 80 24
e2e_wait "Choose a chat to play:"
e2e_cap | grep -q "more chats below"
e2e_check "menu says there are more chats below" $?
e2e_keys 1
e2e_wait "Number 1: Enter plays it"
e2e_check "menu shows the number being typed" $?
e2e_keys 2
e2e_wait "12  Match day"
e2e_check "menu 1 then 2 goes to chat 12" $?
e2e_cap | grep -q "more above"
e2e_check "menu says there are chats above" $?
e2e_golden "menu-typed-12"
e2e_keys Enter
e2e_wait "Match day"
e2e_wait "Enter: start"
e2e_check "menu Enter plays chat 12" $?
e2e_keys q
e2e_wait "y:" && e2e_keys y
e2e_wait "Choose a chat to play:"
e2e_keys q
e2e_wait_exit
e2e_check_stderr "menu-keys"
e2e_end

# The question: 1 then 5 is not 15 when Space comes between; the typed 1 is in view.
e2e_start ask-keys 80 24 play game-gift-codes --lang en --instant
e2e_wait "Enter: start" && e2e_keys Enter
e2e_wait "What do you notice in this message?"
e2e_cap | grep -q "TurboTyler_TV"
[ $? != 0 ]
e2e_check "a player who has not joined yet is not listed" $?
e2e_keys 1
e2e_wait "1… Space: tick 1, or a second digit (10-15)"
e2e_check "a typed 1 waits in view for a second digit" $?
e2e_keys Space 5
e2e_wait "[x] Keep it secret"
e2e_cap | grep -q "\[x\] Flattery"
e2e_check "1 Space 5 ticks 1 and 5" $?
e2e_cap | grep -q "\[x\] Demands"
[ $? != 0 ]
e2e_check "1 Space 5 does not tick 15" $?
e2e_keys 1 5
e2e_wait "[x] Demands"
e2e_check "1 then 5 ticks 15" $?
e2e_golden "ask-typed-15"
e2e_keys q
e2e_wait "y:" && e2e_keys y
e2e_wait_exit
e2e_check_stderr "ask-keys"
e2e_end

# An emoji with a variation selector (🛡️) keeps every row's right edge in place, and a reply
# that is an action shows as narration.
e2e_start emoji 80 24 play tests/e2e/fixtures/emoji-action.yaml --lang en --instant
e2e_wait "Enter: start" && e2e_keys Enter
e2e_wait "How does Ben reply?"
e2e_cap | sed -n '3,$p' | grep '│' | sed 's/│.*//' >"$E2E_DIR/left"
# every row that holds the side panel's border has it in the same column (tmux's cells, counted
# as characters: one per cell but for wide characters, of which these rows have none)
while IFS= read -r row; do printf '%s' "$row" | wc -m; done <"$E2E_DIR/left" | sort -u | wc -l | grep -qx 1
e2e_check "the side panel's border stays in one column beside a 🛡️" $?
e2e_keys 1
e2e_wait "What do you notice in this message?"
e2e_cap | grep -q "Ben's choice: Show Mum the message."
e2e_check "an action reply is narrated" $?
e2e_cap | grep -q "Ben: Show Mum"
[ $? != 0 ]
e2e_check "an action reply is not posted as Ben's chat message" $?
e2e_golden "action-narrated"
e2e_keys q
e2e_wait "y:" && e2e_keys y
e2e_wait_exit
e2e_check_stderr "emoji"
e2e_end

[ "$E2E_FAILS" = 0 ]
