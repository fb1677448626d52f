#!/bin/sh
# The command line as cmd.c reads it: the overview and every command's help (in both languages,
# --lang anywhere on the line), --help after a command, and the usage errors of the shared
# options (--lang without a value, a language a command does not take, --lang on a command that
# has none, an unknown option before a command). One block per line, with its exit status.
# Usage: cli.sh BIN   (compared with tests/cli.out by tests/run.sh)
BIN=$1
run() {
	echo "\$ waspada $*"
	"$BIN" "$@" </dev/null 2>&1
	echo "exit $?"
}
run --help
run help --lang id
for c in list play detect check new report quiz serve; do run help "$c"; done
run play --help --lang id
run detect --lang=id -h
run help nope
run nope
run --bogus
run --lang xx
run --plain --help
run list --lang
run list --lang=de
run detect --lang klingon
run detect --lang auto --bogus
run report --lang xx
run new x --lang=fr
run check --lang id scenarios
run serve --lang en
run quiz --lang
