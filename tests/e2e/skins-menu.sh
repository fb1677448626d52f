#!/bin/sh
# The three platform skins (game, chat room, messenger) match their goldens and are saved as
# docs/screens/*.txt; the start screen asks the language once, remembers it, lists the
# scenarios; a mouse click ticks an answer; NO_COLOR still shows every meaning.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need skins-menu

# Save the pane as a documentation screen too.
shot() {
	e2e_cap | sed 's/[[:space:]]*$//' > "docs/screens/$1.txt"
}

e2e_start skin-game 80 24 play blockhaven-stranger --lang en --instant
e2e_wait "Enter: start" && e2e_keys Enter
e2e_wait "What do you notice in this message?"
e2e_keys 0 Enter
e2e_wait "Enter: go on" && e2e_keys Enter
e2e_wait "ur really talented"
e2e_wait "What do you notice in this message?"
e2e_keys 1 Enter
e2e_wait "Look at:"
e2e_check "skin game feedback" $?
shot game-feedback-80x24
e2e_end

e2e_start skin-game-id 80 24 play blockhaven-stranger --lang id --instant
e2e_wait "Si pembangun kastil" && e2e_keys Enter
e2e_wait "Apa yang kamu perhatikan"
shot game-question-id-80x24
e2e_end

e2e_start skin-room 80 24 play tests/e2e/fixtures/chatroom.yaml --instant
e2e_wait "Enter: start" && e2e_keys Enter
e2e_wait "What do you notice in this message?"
e2e_check "skin chatroom question" $?
e2e_cap | grep -q "# #maths-help"
e2e_check "skin chatroom header shows the room" $?
e2e_cap | grep -q "Members"
e2e_check "skin chatroom member list" $?
e2e_golden "skin-chatroom-80x24"
shot chatroom-question-80x24
e2e_end

E2E_TERM=xterm-256color E2E_ENV="NO_COLOR=1" e2e_start skin-messenger 80 24 play tests/e2e/fixtures/messenger.yaml
e2e_wait "Enter: start" && e2e_keys Enter
e2e_wait "typing"
e2e_check "skin messenger header says typing" $?
e2e_wait "What do you notice in this message?"
e2e_cap | grep -q "Nia (cousin) · online"
e2e_check "skin messenger header says online" $?
# A click on "Nothing worrying" (row of option 0 in the grid) ticks it.
row=$(e2e_cap | grep -n "Nothing worrying" | head -1 | cut -d: -f1)
printf '\033[<0;8;%dM\033[<0;8;%dm' "$row" "$row" > "$E2E_DIR/click"
tmux -L "$E2E_SOCK" send-keys -l "$(cat "$E2E_DIR/click")"
e2e_wait "[x] Nothing worrying"
e2e_check "mouse click ticks an answer" $?
e2e_golden "skin-messenger-80x24"
shot messenger-question-80x24
e2e_keys Enter
e2e_wait "Right: nothing worrying here."
e2e_check "skin messenger answer by mouse" $?
e2e_end

e2e_start skin-wide 120 40 play blockhaven-stranger --lang en --instant
e2e_wait "Enter: start" && e2e_keys Enter
e2e_wait "What do you notice in this message?"
shot game-question-120x40
e2e_end

# First launch: the language, then the menu; the choice is remembered.
E2E_SETTINGS= e2e_start menu 80 24
e2e_wait "Pilih bahasa / Choose your language"
e2e_check "menu asks the language first" $?
e2e_golden "menu-language"
shot menu-language
e2e_keys 2
e2e_wait "What should we call you?"
e2e_check "menu asks for a nickname once" $?
e2e_keys "Kiko 7B" Enter
e2e_wait "New here? Start with the beginner questions?"
e2e_check "menu offers a new learner the beginner level" $?
e2e_keys y
e2e_wait "Choose a chat to play:"
grep -q '^level=beginner$' "$E2E_DIR/config/waspada/settings"
e2e_check "menu remembers the beginner level" $?
e2e_check "menu lists the scenarios" $?
grep -q '^name=Kiko 7B$' "$E2E_DIR/config/waspada/settings"
e2e_check "menu remembers the nickname" $?
e2e_cap | grep -q "The castle builder"
e2e_check "menu shows the English scenario" $?
e2e_golden "menu-list-en"
shot menu-list-en
grep -q '^lang=en$' "$E2E_DIR/config/waspada/settings"
e2e_check "menu remembers the language" $?
e2e_keys '?'
e2e_wait "Who can help"
e2e_check "menu ? opens help" $?
shot help-en
e2e_keys q
e2e_wait "Choose a chat to play:"
e2e_keys q
e2e_wait_exit
[ "$(e2e_rc)" = 0 ]
e2e_check "menu q quits with status 0" $?
e2e_check_terminal "menu"
e2e_check_stderr "menu"
e2e_end

E2E_SETTINGS="lang=id
name=
level=standard" e2e_start menu-id 80 24
e2e_wait "Si pembangun kastil"
e2e_check "menu remembered Indonesian goes straight to the list" $?
shot menu-list-id
e2e_keys Enter
e2e_wait "Enter: mulai"
e2e_check "menu Enter starts the scenario" $?
e2e_keys q
e2e_wait "y:" && e2e_keys y
e2e_wait "Si pembangun kastil"
e2e_check "leaving a chat started from the menu returns to the menu" $?
e2e_keys q
e2e_wait_exit
[ "$(e2e_rc)" = 0 ]
e2e_check "menu q after a left chat quits with status 0" $?
e2e_check_stderr "menu-id"
e2e_end

# play FILE (how teachers hand out their own scenarios) asks for the nickname as the menu does.
E2E_SETTINGS= e2e_start play-name 80 24 play tests/e2e/fixtures/messenger.yaml --lang en --instant
e2e_wait "What should we call you?"
e2e_check "play FILE asks for a nickname" $?
e2e_keys "Ana 8C" Enter
e2e_wait "Nia (cousin)"
grep -q '^name=Ana 8C$' "$E2E_DIR/config/waspada/settings"
e2e_check "play FILE remembers the nickname" $?
e2e_keys q
e2e_wait "y:" && e2e_keys y
e2e_wait_exit
grep -q '"learner":"Ana 8C"\|"nickname":"Ana 8C"' "$E2E_DIR/data/waspada/results.jsonl"
e2e_check "play FILE's results carry the nickname" $?
e2e_check_stderr "play-name"
e2e_end

[ "$E2E_FAILS" = 0 ]
