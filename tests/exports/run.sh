#!/bin/sh
# Every sample export in this folder read by `detect --messages` (speakers, joined multi-line
# texts, no media or system lines, chronological order, the warnings), compared with NAME.out.
# The samples are written by hand from public descriptions of each format; none is a real chat.
# Usage: run.sh BIN TMPDIR   (UPDATE=1 rewrites the .out files after a deliberate change)
BIN=$1 T=$2
cd "$(dirname "$0")" || exit 2
ok=0
for f in *; do
	case $f in *.out|*.sh|*.md) continue ;; esac
	args=""
	[ -f "$f.args" ] && args=$(cat "$f.args")
	case $f in *.args) continue ;; esac
	# shellcheck disable=SC2086
	"$BIN" detect --messages $args "$f" >"$T/x.out" 2>&1
	echo "exit $?" >>"$T/x.out"
	if grep -qE 'Sanitizer|runtime error' "$T/x.out"; then
		echo "FAIL $f: sanitizer"; cat "$T/x.out"; ok=1; continue
	fi
	if [ "${UPDATE:-}" = 1 ]; then cp "$T/x.out" "$f.out"; fi
	if cmp -s "$T/x.out" "$f.out"; then echo "ok $f"; else
		echo "FAIL $f:"; diff "$f.out" "$T/x.out" | head -n 20; ok=1
	fi
done
exit $ok
