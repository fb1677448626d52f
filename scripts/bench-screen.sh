#!/bin/sh
# The chat screen's part of `make bench` (called by scripts/bench.sh): the instruction cost of one
# keypress redraw with 100 and with 10,000 messages of history (callgrind, which counts
# instructions, so the figure does not depend on how busy the machine is), the idle CPU of a
# session waiting for an answer, and 40 sessions at once.
set -u
cd "$(dirname "$0")/.." || exit 2
B=build/bench
S="waspada-bench-$$"
T="tmux -L $S"
export XDG_DATA_HOME="$B/data" XDG_CONFIG_HOME="$B/config"
trap '$T kill-server 2>/dev/null' EXIT

# Wait until the pane shows text (up to N tenths of a second).
wait_for() { # wait_for TARGET TEXT TENTHS (its own counter: callers loop with i)
	_w=0
	while [ $_w -lt "$3" ]; do
		$T capture-pane -p -t "$1" 2>/dev/null | grep -q "$2" && return 0
		sleep 0.1; _w=$((_w + 1))
	done
	return 1
}

# Instructions for one keypress at the question (an arrow: the screen is redrawn), with HISTORY
# messages above it: callgrind's counters are zeroed at the question, 20 arrows are pressed,
# and the counters are dumped before anything else happens.
redraw_ir() { # redraw_ir HISTORY
	sh scripts/gen-long.sh "$1" >"$B/long-$1.yaml"
	out="$B/callgrind-$1.out"
	rm -f "$out" "$out".*
	$T new -d -s cg -x80 -y24 "valgrind --tool=callgrind --callgrind-out-file=$out \
		./build/waspada play $B/long-$1.yaml --instant --lang en --name bench --level standard"
	wait_for cg "Enter: start" 600 && $T send-keys -t cg Enter
	wait_for cg "What do you notice" 3000 || { echo "timeout" >&2; $T kill-session -t cg; return 1; }
	sleep 1
	pid=$(pgrep -f "valgrind.bin.*callgrind-out-file=$out" | head -n 1)
	callgrind_control -z "$pid" >/dev/null 2>&1
	k=0
	while [ $k -lt 20 ]; do $T send-keys -t cg Down; k=$((k + 1)); sleep 0.1; done
	sleep 1
	callgrind_control -d "$pid" >/dev/null 2>&1
	$T send-keys -t cg q; sleep 0.3; $T send-keys -t cg y
	i=0; while [ ! -s "$out" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	$T kill-session -t cg 2>/dev/null
	dump=$(ls "$out".* 2>/dev/null | head -n 1)
	total=$(callgrind_annotate "$dump" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
	echo $(( ${total:-0} / 20 ))
}

if [ "${BENCH_SKIP_REDRAW:-0}" != 1 ] && command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
	for h in 100 10000; do
		per=$(redraw_ir $h)
		eval "per_$h=$per"
		printf '%-46s %8s instructions per keypress (callgrind)\n' "redraw, $h messages of history" "$per"
	done
	awk -v a="$per_100" -v b="$per_10000" 'BEGIN { printf "%-46s %8.1f %%   (goal: within 10 %%)\n", \
		"  difference 10,000 vs 100", (b - a) * 100 / a }'
fi

# One session waiting at a question: resident memory and CPU over 10 idle seconds.
$T new -d -s one -x80 -y24 "./build/waspada play blockhaven-stranger --lang en --instant --name bench --level standard"
wait_for one "Enter: start" 100 && $T send-keys -t one Enter
wait_for one "What do you notice" 100
pid=$($T list-panes -t one -F '#{pane_pid}')
t0=$(awk '{ print $14 + $15 }' /proc/$pid/stat); sleep 10; t1=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
rss=$(awk '/VmHWM/ { print $2 }' /proc/$pid/status)
printf '%-46s %8s ticks of CPU in 10 s (goal: none); peak resident %s MB (goal < 8 MB)\n' \
	"one idle session at a question" "$((t1 - t0))" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
$T kill-session -t one

# A classroom on one server: 40 sessions at their first question.
i=1
while [ $i -le 40 ]; do
	$T new -d -s "s$i" -x80 -y24 "./build/waspada play blockhaven-stranger --lang en --instant --name bench --level standard"
	i=$((i + 1))
done
i=1; while [ $i -le 40 ]; do wait_for "s$i" "Enter: start" 300 && $T send-keys -t "s$i" Enter; i=$((i + 1)); done
i=1; while [ $i -le 40 ]; do wait_for "s$i" "What do you notice" 300; i=$((i + 1)); done
pids=$(i=1; while [ $i -le 40 ]; do $T list-panes -t "s$i" -F '#{pane_pid}'; i=$((i + 1)); done)
total_rss=0; total_cpu=0
for p in $pids; do
	total_rss=$((total_rss + $(awk '/VmRSS/ { print $2 }' /proc/$p/status)))
	total_cpu=$((total_cpu + $(awk '{ print $14 + $15 }' /proc/$p/stat)))
done
sleep 10
idle_cpu=0
for p in $pids; do idle_cpu=$((idle_cpu + $(awk '{ print $14 + $15 }' /proc/$p/stat))); done
printf '%-46s %8s MB resident in all; %s ticks of CPU to start; %s ticks in 10 idle s\n' \
	"40 sessions at once" "$(awk -v k="$total_rss" 'BEGIN { printf "%.0f", k / 1024 }')" "$total_cpu" \
	"$((idle_cpu - total_cpu))"
