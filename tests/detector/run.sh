#!/bin/sh
# Detector unit tests: sh tests/detector/run.sh
# The lexicon's rules against the C matcher (build/tests/detector-lua, made by `make unit`), without
# the learned model. Last line: "N passed, N failed"; exit status 1 on any failure.
cd "$(dirname "$0")/../.." || exit 2
WASPADA_MODEL= exec build/tests/detector-lua tests/detector/run.lua
