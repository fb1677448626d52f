#!/bin/sh
# No word of data/refused-words.txt in any learner-visible text that `check` does not see:
# help texts, the UI's translations, the lexicon's labels and explanations. (Scenarios are
# covered by `waspada check`, rule E108.) Usage: content.sh
cd "$(dirname "$0")/.." || exit 2
words=$(mktemp); trap 'rm -f "$words"' EXIT
# Whole-word regexes; a trailing * means any ending.
grep -v '^#' data/refused-words.txt | sed '/^$/d; s/\*$/[[:alnum:]]*/; s/^/\\b/; s/$/\\b/' >"$words"
bad=0
for f in data/help.yaml po/id.po po/en.po; do
	if grep -n -i -E -f "$words" "$f"; then echo "refused word in $f"; bad=1; fi
done
for f in lua/lexicon/*.yaml; do
	if grep -n -E '^\s+(id|en):' "$f" | grep -i -E -f "$words"; then echo "refused word in $f"; bad=1; fi
done
exit $bad
