#!/bin/sh
# The quick check from the start screen (the last two entries of the list) and as
# `waspada quiz` on the chat screen: the same question screen, the answers saved as an attempt
# at quiz-a.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need quiz

E2E_SETTINGS="lang=en
name=Kiko
level=standard" e2e_start quiz-menu 80 24
e2e_wait "Choose a chat to play:"
i=0
while [ $i -lt 13 ]; do e2e_keys Down; i=$((i + 1)); done
e2e_wait "14  Quick check B (after the lessons)"
e2e_check "quiz: form B is the last entry of the start screen's list" $?
e2e_cap | grep -q "13  Quick check A (before the lessons)"
e2e_check "quiz: form A just before it" $?
e2e_keys Up Enter
e2e_wait "Enter: start" && e2e_keys Enter
e2e_wait "What do you notice in this message?"
e2e_cap | grep -q "so mature for ur age"
e2e_check "quiz from the menu: the first message, asked on the question screen" $?
e2e_keys 1 Enter
e2e_wait "Enter: go on"
e2e_check "quiz from the menu: marked like any question" $?
e2e_keys q
e2e_wait "y:" && e2e_keys y
e2e_wait_exit
grep -q '"scenario":"quiz-a".*"nickname":"Kiko"' "$E2E_DIR/data/waspada/results.jsonl" \
	&& grep -q '"type":"turn".*"step":"q1".*"answer":\["flattery"\]' "$E2E_DIR/data/waspada/results.jsonl"
e2e_check "quiz from the menu: the answer is kept as an attempt at quiz-a" $?
e2e_check_stderr "quiz-menu"
e2e_end

E2E_SETTINGS="lang=id
name=
level=standard" e2e_start quiz-cmd 80 24 quiz --instant
e2e_wait "Cek cepat A (sebelum pelajaran)"
e2e_check "waspada quiz: form A on the chat screen, in the remembered language" $?
e2e_keys q
e2e_wait "y:" && e2e_keys y
e2e_wait_exit
e2e_check_terminal "quiz-cmd"
e2e_check_stderr "quiz-cmd"
e2e_end

[ "$E2E_FAILS" = 0 ]
