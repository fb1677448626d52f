#!/bin/sh
# Run every libFuzzer target for SECONDS each, with corpora seeded from the tests, the shipped
# scenarios and ../shared/yaml-test-suite. Prints one line per target; exits non-zero on a crash,
# leak or timeout (the reproducer is left in build/fuzz/). Usage: run.sh SECONDS
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${1:-60}
export WASPADA_DATADIR=$(pwd)
bad=0
seed() { # seed NAME FILES...: copy seeds into the target's corpus folder once
	dir=build/fuzz/corpus-$1; shift
	mkdir -p "$dir"
	for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')" 2>/dev/null; done
}
seed yaml tests/errors/*.yaml scenarios/*/*.yaml tests/lua/*.yaml data/*.yaml
suite=${YAML_TEST_SUITE:-../shared/yaml-test-suite}
[ -d "$suite" ] && for f in "$suite"/*/in.yaml; do
	cp "$f" "build/fuzz/corpus-yaml/suite-$(basename "$(dirname "$f")").yaml"; done
seed yaml tests/signals/*.yaml tests/fuzz/seeds/*.yaml
# issue 14's kinds: the sandbox attacks (C-function loops included), a self-looping reply, escape
# sequences, double BOMs, duplicate keys, thousands of speakers
seed lua tests/lua/*.lua tests/errors/*.lua tests/sandbox/*.lua tests/limits/*.lua
seed transcript tests/detect/*.txt tests/corpus/*/*.txt tests/fuzz/seeds/*.txt
seed detector tests/detect/*.txt tests/fuzz/seeds/*.txt
IMPORTS="import import-whatsapp import-telegram import-discord-json import-discord-csv import-discord-txt import-instagram import-line"
for t in $IMPORTS; do seed "$t" tests/exports/*.* tests/exports/*/*.json; done
for t in yaml lua transcript detector $IMPORTS; do
	bin=build/fuzz/fuzz-$t
	[ -x "$bin" ] || { echo "fuzz-$t: not built"; bad=1; continue; }
	log=build/fuzz/fuzz-$t.log
	if (cd build/fuzz && "./fuzz-$t" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
			-print_final_stats=1 "corpus-$t" >"fuzz-$t.log" 2>&1); then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "fuzz-$t: ${secs}s, $runs runs, no crash, leak or hang"
	else
		echo "fuzz-$t: FAILED (see $log)"; tail -n 30 "$log"; bad=1
	fi
done
exit $bad
