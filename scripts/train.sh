#!/bin/sh
# Rebuild the detector's learned model from the labelled corpus (make train).
# Usage: scripts/train.sh WASPADA TRAIN [--cv K] [-o MODEL] [CORPUS-DIR...]
# Every *.txt under the corpus folders (default tests/corpus) is read: tests/corpus/en/...,
# tests/corpus/heldout/id/... -- the language is the folder name. Each message's features come
# from `waspada detect --features` (the lexicon's findings among them, so the model is trained
# with the lexicon it runs beside; WASPADA_MODEL=none keeps an old model out of it), its gold
# label from the corpus line: [stage] or [stage:category,category].
set -eu
bin=$1; train=$2; shift 2
opts=""
while [ $# -gt 0 ]; do
	case $1 in
	--cv|-o|-C|--prune|--holdout|--none-shift) opts="$opts $1 $2"; shift 2 ;;
	*) break ;;
	esac
done
dirs=${*:-tests/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# TRAIN_ROWS=FILE keeps the rows between runs (measuring many settings on the same corpus)
if [ -n "${TRAIN_ROWS:-}" ] && [ -s "$TRAIN_ROWS" ]; then
	"$train" $opts "$TRAIN_ROWS"
	exit
fi
for lang in en id; do
	files=$(find $dirs -path "*/$lang/*.txt" | LC_ALL=C sort)
	[ -n "$files" ] || continue
	# one stream, a blank line between files so that no conversation runs into the next file;
	# $lang.files: the file each line of the stream came from (the group names it)
	for f in $files; do cat "$f"; printf '\n'; done > "$tmp/$lang.txt"
	for f in $files; do awk -v f="$(basename "$f" .txt)" '{ print f } END { print f }' "$f"; done > "$tmp/$lang.files"
	WASPADA_MODEL=none "$bin" detect --features --lang "$lang" "$tmp/$lang.txt" > "$tmp/$lang.feat"
	awk -v lang="$lang" -F '\t' '
		FILENAME ~ /\.files$/ { file[FNR] = $0; next }
		NR == FNR {
			if (match($0, /^\[[a-z-]+(:[a-z,-]+)?\] /)) {
				lab = substr($0, 2, RLENGTH - 3)
				n = index(lab, ":")
				stage[FNR] = n ? substr(lab, 1, n - 1) : lab
				cats[FNR] = n ? substr(lab, n + 1) : "-"
			}
			next
		}
		($2 in stage) && $3 != "" { printf "%s:%s:%s\t%s\t%s\t%s\n", lang, file[$2], $1, stage[$2], cats[$2], $3 }
	' "$tmp/$lang.txt" "$tmp/$lang.files" "$tmp/$lang.feat" >> "$tmp/rows.tsv"
done
# the shipped scenarios' questions: their authors' `expect:` and `signs:` are labels too, each
# counted three times (a question is a deliberate teaching example, and learners are marked on it)
for f in $(LC_ALL=C ls scenarios/*/*.yaml 2>/dev/null); do
	lang=$(basename "$(dirname "$f")")
	WASPADA_MODEL=none "$bin" detect --features --lang "$lang" "$f" > "$tmp/scn.feat"
	awk -v group="$lang:$f" -F '\t' '
		NR == FNR {
			if ($0 ~ /^  - id:/) step = FNR
			if ($0 ~ /^    expect: */) { v = $0; sub(/^    expect: */, "", v); stage[step] = v }
			if ($0 ~ /^    signs: *\[/) { v = $0; sub(/^    signs: *\[/, "", v); sub(/\].*/, "", v); gsub(/ /, "", v); cats[step] = v }
			next
		}
		($2 in stage) && $3 != "" { for (i = 0; i < 3; i++) printf "%s\t%s\t%s\t%s\n", group, stage[$2], (cats[$2] != "" ? cats[$2] : "-"), $3 }
	' "$f" "$tmp/scn.feat" >> "$tmp/rows.tsv"
done
[ -n "${TRAIN_ROWS:-}" ] && cp "$tmp/rows.tsv" "$TRAIN_ROWS"
"$train" $opts "$tmp/rows.tsv"
