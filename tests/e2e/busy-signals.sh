#!/bin/sh
# Leaving while the program is busy (issue 14, item 1): a signal that comes while the detector
# judges a slow message ends the program at once, cleanly; and SIGKILL, which nothing can catch,
# still leaves the terminal usable (the guardian process restores it).
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib/e2e.sh
e2e_need busy-signals

# A scenario whose one message takes the detector many seconds: 12,000 words against thirty
# signal patterns of twelve gaps each (linear, but long).
SLOW=$(mktemp "${TMPDIR:-/tmp}/waspada-slow.XXXXXX")
trap 'rm -f "$SLOW"' EXIT
{
	printf 'waspada: 1\nid: slow-detector\nlang: en\ntitle: "Slow"\nsummary: "A slow message."\n'
	printf 'platform: game\npersona:\n  name: Sam\n  age: 12\ncontacts:\n  - id: zed\n    name: Zed\n'
	printf 'signals:\n  - id: isolation.going-private.slow\n    category: going-private\n    weight: "0.8"\n    patterns:\n'
	i=0
	while [ $i -lt 30 ]; do
		printf '      - "zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 zorb ...9 blax%d"\n' $i
		i=$((i + 1))
	done
	printf '    explanation:\n      en: "A test signal."\n      id: "Tanda untuk uji."\n'
	printf 'conversation:\n  - id: m1\n    from: zed\n    text: "'
	i=0
	while [ $i -lt 1200 ]; do printf 'zorb zorb zorb zorb zorb zorb zorb zorb zorb zorb '; i=$((i + 1)); done
	printf 'end"\n    next: end\nendings:\n  - id: end\n    title: "The end"\n    text: "Sam kept playing."\n'
} >"$SLOW"

for sig in INT TERM; do
	e2e_start "busy$sig" 80 24 play "$SLOW" --lang en --instant
	e2e_wait "Enter: start"
	e2e_keys Enter
	sleep 1
	kill "-$sig" "$(cat "$E2E_DIR/pid")"
	e2e_wait_exit
	e2e_check "SIG$sig while the detector works ends the program" $?
	[ "$(e2e_rc)" = 1 ]
	e2e_check "SIG$sig while the detector works: exit status 1" $? "exit $(e2e_rc)"
	e2e_check_terminal "SIG$sig while the detector works"
	e2e_check_stderr "SIG$sig while the detector works"
	e2e_end
done

# SIGKILL: the program cannot do anything; its guardian gives the terminal its settings back.
e2e_start kill9 80 24 play blockhaven-stranger --lang en --instant
e2e_wait "Enter: start"
e2e_keys Enter
e2e_wait "What do you notice in this message?"
tty=$(tmux -L "$E2E_SOCK" display-message -p '#{pane_tty}')
kill -KILL "$(cat "$E2E_DIR/pid")"
e2e_wait_exit
e2e_check "SIGKILL ends the program" $?
sleep 0.5
flags=" $(stty -a -F "$tty" 2>&1 | tr '\n;' '  ') "
ok=0
for f in icanon echo isig; do
	case $flags in *" $f "*) ;; *) ok=1 ;; esac
done
e2e_check "SIGKILL: terminal settings restored" $ok "stty: $(echo "$flags" | grep -o "isig.*" | cut -c1-100)"e2e_end

[ "$E2E_FAILS" = 0 ]
