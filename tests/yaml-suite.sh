#!/bin/sh
# The public YAML test suite ($YAML_TEST_SUITE, by default ../shared/yaml-test-suite) through the loader's YAML stage, built
# with ASan: no case may crash, and every case the suite marks as an error must be rejected with
# a FILE:LINE:COLUMN diagnostic. Prints a summary line. Usage: yaml-suite.sh [BIN-unused]
set -u
suite=${YAML_TEST_SUITE:-../shared/yaml-test-suite}
tool=build/tests/yaml-load
[ -x "$tool" ] || { echo "missing $tool (make unit)"; exit 1; }
total=0 errors=0 rejected=0 crashed=0 accepted_bad=""
for dir in $(find "$suite" -name in.yaml | sed 's|/in.yaml$||' | sort); do
	total=$((total + 1))
	out=$("$tool" "$dir/in.yaml" 2>&1); rc=$?
	if [ $rc -gt 1 ] || printf '%s' "$out" | grep -qE 'Sanitizer|runtime error'; then
		crashed=$((crashed + 1)); echo "CRASH $dir"; printf '%s\n' "$out" | head -n 20
		continue
	fi
	if [ -f "$dir/error" ]; then
		errors=$((errors + 1))
		if printf '%s' "$out" | grep -qE '^[^:]+:[0-9]+:[0-9]+: error: '; then
			rejected=$((rejected + 1))
		else
			accepted_bad="$accepted_bad ${dir#$suite/}"
		fi
	fi
done
[ -n "$accepted_bad" ] && echo "error cases libyaml accepts:$accepted_bad"
echo "$total cases, no crash: $((total - crashed)); error cases rejected with a position: $rejected of $errors"
[ $crashed -eq 0 ]
