#!/bin/sh
# A whole scenario on the chat screen, at 80x24 and 120x40, in English and Indonesian:
# intro, a question answered with a number, feedback, replies, to the debrief; exit 0.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need playthrough

for size in 80x24 120x40; do
	cols=${size%x*} rows=${size#*x}
	e2e_start "play-$size" "$cols" "$rows" play blockhaven-stranger --lang en --instant
	e2e_wait "Enter: start"
	e2e_check "play $size intro" $?
	e2e_golden "play-intro-$size"
	e2e_keys Enter
	e2e_wait "What do you notice in this message?"
	e2e_check "play $size first question" $?
	e2e_golden "play-question-$size"
	e2e_keys 0 Enter
	e2e_wait "Right: nothing worrying here."
	e2e_check "play $size answer 0 is right" $?
	e2e_keys Enter
	e2e_wait "ur really talented"
	# a two-digit-capable key: 1 waits, said in the status line, for a second digit or Space
	e2e_keys 1
	e2e_wait "Space: tick 1"
	e2e_check "play $size a typed 1 is shown while it waits" $?
	e2e_keys Space
	e2e_wait "[x] Flattery"
	e2e_check "play $size number key ticks" $?
	e2e_keys Enter
	e2e_wait "You spotted it"
	e2e_check "play $size feedback right" $?
	e2e_wait "more mature than"
	e2e_check "play $size evidence shown" $?
	e2e_golden "play-feedback-$size"
	e2e_keys Enter
	e2e_play_to_end
	e2e_check "play $size reaches the debrief" $?
	e2e_golden "play-debrief-$size"
	e2e_keys Enter
	e2e_wait_exit
	[ "$(e2e_rc)" = 0 ]
	e2e_check "play $size exit status 0" $?
	e2e_check_terminal "play $size"
	e2e_check_stderr "play $size"
	grep -q '"type":"end"' "$E2E_DIR"/data/waspada/*.jsonl 2>/dev/null
	e2e_check "play $size result saved" $?
	e2e_end
done

# Indonesian, with the second reply each time.
e2e_start play-id 80 24 play blockhaven-stranger --lang id --instant
e2e_wait "Si pembangun kastil"
e2e_keys Enter
e2e_wait "Apa yang kamu perhatikan dari pesan ini?"
e2e_check "play id question in Indonesian" $?
e2e_golden "play-question-id-80x24"
e2e_play_to_end
e2e_check "play id reaches the debrief" $?
e2e_keys Enter
e2e_wait_exit
[ "$(e2e_rc)" = 0 ]
e2e_check "play id exit status 0" $?
e2e_check_stderr "play id"
e2e_end

[ "$E2E_FAILS" = 0 ]
