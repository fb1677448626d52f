#!/bin/sh
# Runs build/vg/waspada (a copy of build/waspada) under valgrind's memcheck for `make valgrind`: any error or leak makes the
# exit status 99, which the tests count as a failure.
here=$(cd "$(dirname "$0")/.." && pwd)
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect "$here/build/vg/waspada" "$@"
