#!/bin/sh
# Detector unit tests (pure Lua): sh tests/detector/run.sh [WASPADA-BINARY]
# The binary is not needed: the tests load lua/lexicon/*.yaml with tests/detector/yaml_subset.lua.
# Last line: "N passed, N failed"; exit status 1 on any failure.
cd "$(dirname "$0")/../.." || exit 2
exec lua5.4 tests/detector/run.lua
