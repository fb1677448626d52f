#!/bin/sh
# make bench: the figures design.md asks for, each beside the anchor it is compared with, measured
# in the same run. Medians of several runs; these machines are noisy, so read the ratios.
set -u
cd "$(dirname "$0")/.." || exit 2
BIN=./build/waspada
B=build/bench
mkdir -p "$B"
export XDG_DATA_HOME="$B/data" XDG_CONFIG_HOME="$B/config" LANG=C.UTF-8
RUNS=${RUNS:-15}

# Milliseconds (float) a command takes, median of RUNS runs.
median_ms() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s%N); "$@" >/dev/null 2>&1 </dev/null; e=$(date +%s%N)
		echo $(( (e - s) / 1000 ))
		i=$((i + 1))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] / 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }

echo "Waspada benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m))"
echo

# 1. Start-up to the first frame: plain mode up to its first question, beside a bare Lua.
w=$(median_ms "$BIN" play blockhaven-stranger --plain --lang en --instant)
l=$(median_ms lua5.4 -e '')
printf '%-46s %8s ms   lua5.4 -e %s: %s ms   ratio %sx (goal <= 10x)\n' \
	"start-up to the first question" "$w" "''" "$l" "$(ratio "$w" "$l")"

# 1b. Start-up to the first frame: the moment the first output (the chat's header) arrives,
# beside a bare Lua printing one character. The detector is compiled after that, on the first
# message it judges.
first_byte_ms() { # median of RUNS: milliseconds from start to the first byte on stdout
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s%N)
		"$@" </dev/null 2>/dev/null | { head -c 1 >/dev/null; date +%s%N >"$B/first"; cat >/dev/null; }
		echo $(( ($(cat "$B/first") - s) / 1000 ))
		i=$((i + 1))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] / 1000 }'
}
f=$(first_byte_ms "$BIN" play blockhaven-stranger --plain --lang en --instant)
fl=$(first_byte_ms lua5.4 -e 'io.write("x")')
printf '%-46s %8s ms   lua5.4 printing one byte: %s ms   ratio %sx (goal <= 10x)\n' \
	"start-up to the first frame (header shown)" "$f" "$fl" "$(ratio "$f" "$fl")"

# 2. check of every shipped scenario (format, links, the detector on every path).
c=$(median_ms "$BIN" check scenarios)
n=$(find scenarios -name '*.yaml' -o -name '*.lua' | wc -l)
printf '%-46s %8s ms   (%s files; goal < 100 ms)\n' "check of all shipped scenarios" "$c" "$n"

# 3. The detector in batch on 50 MB, beside grep -F -i with the lexicon's phrases.
T=$B/transcript.txt
if [ ! -s "$T" ] || [ "$(stat -c %s "$T")" -lt 50000000 ]; then
	: >"$T"
	while [ "$(stat -c %s "$T")" -lt 50000000 ]; do cat tests/corpus/*/*.txt >>"$T"; done
fi
lua5.4 scripts/phrases.lua lua/lexicon/*.yaml >"$B/phrases.txt"
mb=$(awk -v s="$(stat -c %s "$T")" 'BEGIN { printf "%.1f", s / 1e6 }')
RUNS=3
# grep's output goes to a pipe: with /dev/null GNU grep stops at the first match.
g=$(median_ms sh -c "grep -c -i -F -f $B/phrases.txt $T | cat")
d=$(median_ms sh -c "$BIN detect --json --lang auto $T | cat >/dev/null")
printf '%-46s %8s MB/s   grep -c -i -F -f PHRASES (%s phrases): %s MB/s   ratio %sx (goal <= 5x)\n' \
	"detect --json on $mb MB" "$(awk -v m="$mb" -v t="$d" 'BEGIN { printf "%.1f", m / (t / 1000) }')" \
	"$(wc -l <"$B/phrases.txt")" "$(awk -v m="$mb" -v t="$g" 'BEGIN { printf "%.1f", m / (t / 1000) }')" \
	"$(ratio "$d" "$g")"
# 3a. The same with the lexicon alone (WASPADA_MODEL=none: the detector before the learned model), so
# the model's cost is read from one run.
l=$(median_ms sh -c "WASPADA_MODEL=none $BIN detect --json --lang auto $T | cat >/dev/null")
printf '%-46s %8s MB/s   ratio %sx grep; the model costs %sx (goal: 1x)\n' \
	"  the lexicon alone (WASPADA_MODEL=none)" "$(awk -v m="$mb" -v t="$l" 'BEGIN { printf "%.1f", m / (t / 1000) }')" \
	"$(ratio "$l" "$g")" "$(ratio "$d" "$l")"

# 3a'. Per message against the detector issue 12 was filed against (commit 7e8c6b8, the lexicon alone), in
# instructions (callgrind: the same count whatever the machine's load). The per-MB cost is the count on 2 MB
# less the count on 1 MB, so that start-up cancels out. Skipped without git history or valgrind.
ISSUE_DAY=7e8c6b8
if command -v valgrind >/dev/null 2>&1 && git cat-file -e "$ISSUE_DAY^{commit}" 2>/dev/null; then
	O=$B/issue-day
	if [ ! -x "$O/build/waspada" ]; then
		rm -rf "$O"; mkdir -p "$O"
		git archive "$ISSUE_DAY" | tar -x -C "$O" && make -s -C "$O" build/waspada >/dev/null 2>&1
	fi
	head -c 1000000 "$T" >"$B/t1"; head -c 2000000 "$T" >"$B/t2"
	instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
	if [ -x "$O/build/waspada" ]; then
		n1=$(instr "$BIN" detect --json --lang auto "$B/t1"); n2=$(instr "$BIN" detect --json --lang auto "$B/t2")
		o1=$(instr "$O/build/waspada" detect --json --lang auto "$B/t1"); o2=$(instr "$O/build/waspada" detect --json --lang auto "$B/t2")
		printf '%-46s %8s M/MB   the detector of %s (lexicon alone): %s M/MB   ratio %sx (goal <= 1x)\n' \
			"  instructions per MB, model and lexicon" "$(( (n2 - n1) / 1000000 ))" "$ISSUE_DAY" \
			"$(( (o2 - o1) / 1000000 ))" "$(awk -v a=$((n2 - n1)) -v b=$((o2 - o1)) 'BEGIN { printf "%.2f", a / b }')"
	fi
fi

# 3b. The ceiling the JSON writer sets: the same records written with yajl as detect
# writes them, without the detector (scripts/json-ceiling.c).
if cc -O2 -o "$B/json-ceiling" scripts/json-ceiling.c $(pkg-config --cflags --libs yajl) 2>/dev/null; then
	j=$(median_ms sh -c "$B/json-ceiling $T | cat >/dev/null")
	printf '%-46s %8s MB/s   ratio %sx grep: the most detect --json can reach with this JSON library\n' \
		"  yajl alone, the same JSON Lines" "$(awk -v m="$mb" -v t="$j" 'BEGIN { printf "%.1f", m / (t / 1000) }')" \
		"$(ratio "$j" "$g")"
fi

# 4. Peak resident memory of a plain session up to its first question.
rss=$(/usr/bin/time -f %M "$BIN" play blockhaven-stranger --plain --lang en --instant </dev/null 2>&1 >/dev/null | tail -n 1)
printf '%-46s %8s MB   (goal < 8 MB)\n' "peak resident memory, one session" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"

# 5. Chat exports read in bounded memory (issue 15): a generated WhatsApp .txt of WA_MB (1 GB) and a
# Telegram result.json of TG_MB (500 MB), read by `detect --messages` (the readers alone, every
# message written as JSON), beside `wc -l` on the same file: time and peak resident memory.
WA_MB=${WA_MB:-1024} TG_MB=${TG_MB:-500}
sh scripts/gen-exports.sh "$B/exports" "$WA_MB" "$TG_MB"
timed() { # timed CMD...: "SECONDS KB" of one run, output thrown away
	/usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null </dev/null | tail -n 1
}
for f in whatsapp.txt telegram.json; do
	p=$B/exports/$f
	mb=$(awk -v s="$(stat -c %s "$p")" 'BEGIN { printf "%.0f", s / 1e6 }')
	set -- $(timed "$BIN" detect --messages "$p"); ws=$1 wk=$2
	set -- $(timed wc -l "$p"); cs=$1 ck=$2
	printf '%-46s %6s s %6.1f MB peak   wc -l: %s s %.1f MB   ratio %sx time (goal: <= 64 MB resident)\n' \
		"detect --messages, $f of $mb MB" "$ws" "$(awk -v k="$wk" 'BEGIN { print k / 1024 }')" \
		"$cs" "$(awk -v k="$ck" 'BEGIN { print k / 1024 }')" "$(ratio "$ws" "$cs")"
done
# and the whole of detect (the detector too) on the first 20 MB of the WhatsApp export
head -c 20000000 "$B/exports/whatsapp.txt" >"$B/exports/wa20.txt"
set -- $(timed "$BIN" detect --json "$B/exports/wa20.txt")
printf '%-46s %6s s %6.1f MB peak\n' "detect --json, 20 MB of the WhatsApp export" "$1" "$(awk -v k="$2" 'BEGIN { print k / 1024 }')"

[ -x scripts/bench-screen.sh ] && sh scripts/bench-screen.sh

# 5. waspada serve: 40 simulated pupils in the browser's place on loopback (scripts/bench-serve.js;
# bounded: SERVE_PUPILS pupils for SERVE_SECONDS seconds).
if [ -d serve/node_modules/ws ] && command -v node >/dev/null 2>&1; then
	echo
	node scripts/bench-serve.js "$BIN" "${SERVE_PUPILS:-40}" "${SERVE_SECONDS:-60}"
fi
exit 0
