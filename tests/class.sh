#!/bin/sh
# Make a class of N pupils' results files (default 30) by real plain-mode playthroughs: each
# pupil plays three shipped scenarios in their language (every third pupil in Indonesian),
# answering like a pupil of their own skill; some leave a chat unfinished; where the quiz
# forms exist, each pupil takes form A first and form B last. Durations are made up (the
# plays use --instant). Answers come from the detector's own verdicts, read from one key run
# of each scenario. Used by tests/report-html.sh and for docs/screens/report-class.png.
# Usage: class.sh BIN DIR [N]
BIN=$1 D=$2 N=${3:-30}
mkdir -p "$D/keys"
cats=$(sed -n '/^categories:/,$p' lua/lexicon/categories.yaml | awk '$1 == "-" && $2 == "id:" { printf "%s ", $3 }')

# key LANG SCENARIO: the events of one playthrough (choices: always the first reply), one a line:
# "Q cat cat" for a question (the detector's categories), "C" for a reply choice.
key() {
	k="$D/keys/$1-$2"
	[ -f "$k" ] && return
	yes 1 | head -n 300 | WASPADA_RESULTS="$k.jsonl" WASPADA_NICKNAME=key \
		"$BIN" play "$2" --plain --instant --lang "$1" >/dev/null 2>&1
	awk '/"type":"turn"/ { c = $0; sub(/.*"categories":\[/, "", c); sub(/\].*/, "", c); gsub(/[",]/, " ", c); print "Q " c }
	     /"type":"choice"/ { print "C" }' "$k.jsonl" >"$k"
}

# answers KEY SKILL SEED CUT: the lines a pupil of this skill types; CUT=1 stops halfway.
answers() {
	awk -v skill="$2" -v seed="$3" -v cut="$4" -v cats="$cats" '
	BEGIN { srand(seed); n = split(cats, c, " "); for (i = 1; i <= n; i++) num[c[i]] = i }
	{ line[NR] = $0 }
	END {
		last = cut ? int(NR / 2) : NR
		for (i = 1; i <= last; i++) {
			m = split(line[i], w, " ")
			if (w[1] == "C") { print 1; continue }
			r = rand()
			if (r < skill) { s = ""; for (j = 2; j <= m; j++) s = s (s == "" ? "" : " ") num[w[j]]; print (s == "" ? 0 : s) }
			else if (r < skill + (1 - skill) / 2) print 0
			else print int(rand() * n) + 1
		}
	}' "$1"
}

# play NICK LANG SCENARIO SKILL SEED CUT FILE
play() {
	key "$2" "$3"
	case $3 in  # the quick check through its own command
	quiz-a) cmd="quiz --form A" ;;
	quiz-b) cmd="quiz --form B" ;;
	*) cmd="play $3" ;;
	esac
	# shellcheck disable=SC2086
	answers "$D/keys/$2-$3" "$4" "$5" "$6" | WASPADA_RESULTS="$7" WASPADA_NICKNAME="$1" WASPADA_CLASS=7B \
		"$BIN" $cmd --plain --instant --lang "$2" >/dev/null 2>&1
}

quiz=yes
set -- blockhaven-stranger game-team-moderated messenger-new-follower game-gift-codes chatroom-anime-fans
i=1
while [ "$i" -le "$N" ]; do
	case $i in
	1) nick='<script>alert("x")</script>' ;;
	2) nick='Budi & "Sari"' ;;
	3) nick='Siti Ümmü' ;;
	*) nick=$(printf 'pupil%02d' "$i") ;;
	esac
	lang=en; [ $((i % 3)) = 0 ] && lang=id
	skill=$(awk -v i="$i" 'BEGIN { printf "%.2f", 0.15 + ((i * 37) % 70) / 100 }')
	f="$D/class/$i/results.jsonl"
	mkdir -p "$D/class/$i"
	[ -n "$quiz" ] && play "$nick" $lang quiz-a "$skill" "$i" 0 "$f"
	a=$(( (i % 5) + 1 )) b=$(( ((i + 1) % 5) + 1 )) c=$(( ((i + 3) % 5) + 1 ))
	eval "s1=\${$a} s2=\${$b} s3=\${$c}"
	play "$nick" $lang "$s1" "$skill" "$((i * 3))" 0 "$f"
	if [ $((i % 10)) = 0 ]; then
		play "$nick" $lang "$s2" "$skill" "$((i * 3 + 1))" 1 "$f"  # left unfinished
	else
		play "$nick" $lang "$s2" "$skill" "$((i * 3 + 1))" 0 "$f"
		play "$nick" $lang "$s3" "$skill" "$((i * 3 + 2))" $((i % 6 == 0)) "$f"
		# The lessons helped: the after-check is answered a little better (some pupils skip it).
		[ -n "$quiz" ] && [ $((i % 7)) != 0 ] && play "$nick" $lang quiz-b \
			"$(awk -v s="$skill" 'BEGIN { s += 0.25; printf "%.2f", (s > 0.95 ? 0.95 : s) }')" "$((i + 100))" 0 "$f"
	fi
	# Plausible times (the plays were instant).
	awk -v i="$i" '{ if (sub(/"duration":0,/, "\"duration\":" (240 + (i * 53 + NR * 31) % 600) ",")) {} print }' \
		"$f" >"$f.tmp" && mv "$f.tmp" "$f"
	i=$((i + 1))
done
