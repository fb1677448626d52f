#!/bin/sh
# Write a scenario with N messages of history before one question (for the redraw benchmark and
# the step-limit test). Usage: gen-long.sh N > FILE.yaml
n=$1
cat <<HEAD
waspada: 1
id: long-$n
lang: en
title: "A long chat"
summary: "$n messages of history, then a question."
platform: chatroom
persona: {name: Sam, age: 12}
contacts: [{id: kim, name: Kim}, {id: rio, name: Rio}]
conversation:
HEAD
i=1
while [ $i -lt "$n" ]; do
	if [ $((i % 2)) = 0 ]; then who=kim; else who=rio; fi
	printf '  - {id: m%d, from: %s, text: "message %d: did you finish the maths homework? it was long"}\n' $i $who $i
	i=$((i + 1))
done
printf '  - {id: last, from: kim, text: "see you tomorrow at school", ask: true, next: end}\n'
printf 'endings: [{id: end, title: "The end", text: "Done."}]\n'
