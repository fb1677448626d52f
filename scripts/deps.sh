#!/bin/sh
# Install whatever Waspada needs that this machine lacks, with apt-get.
# Usage: scripts/deps.sh build   (compiler, pkg-config, libraries, gettext)
#        scripts/deps.sh serve   (the same plus Node, npm and node-pty's build tools: make serve)
#        scripts/deps.sh test    (the same plus cmocka, tmux, valgrind, lua5.4, clang, chromium)
# Why a script and not a README list: the quick start must be two commands on a
# fresh Debian/Ubuntu machine (make run, make test), as root or through sudo.
set -eu
want=${1:-build}
missing=""

need_pc() {    # need_pc PKGCONFIG-NAME DEBIAN-PACKAGE
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$1"; then
		missing="$missing $2"
	fi
}
need_cmd() {   # need_cmd COMMAND DEBIAN-PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
need_cmd msgfmt gettext
need_pc ncursesw libncurses-dev
need_pc lua5.4 liblua5.4-dev
need_pc yaml-0.1 libyaml-dev
need_pc jansson libjansson-dev
need_pc yajl libyajl-dev
need_pc libutf8proc libutf8proc-dev
need_pc libqrencode libqrencode-dev
need_pc libarchive libarchive-dev
# liblinear has no pkg-config file: look for its header (make train links it)
[ -f /usr/include/linear.h ] || missing="$missing liblinear-dev"
if [ "$want" = serve ] || [ "$want" = test ]; then
	# waspada serve: Node runs the server, npm installs its pinned packages, node-pty is built
	# with g++ and python3 when npm has no prebuilt one; prlimit sets each pupil's limits.
	need_cmd node nodejs
	need_cmd npm npm
	need_cmd g++ g++
	need_cmd python3 python3
	need_cmd prlimit util-linux
fi
if [ "$want" = test ]; then
	need_cmd chromium chromium
	need_cmd openssl openssl
	need_pc cmocka libcmocka-dev
	need_cmd tmux tmux
	need_cmd valgrind valgrind
	need_cmd lua5.4 lua5.4
	need_cmd clang clang
	need_cmd /usr/bin/time time
	# report --html: an HTML validator, and a browser that draws the page to a PNG.
	need_cmd tidy tidy
	need_cmd chromium chromium
	# libFuzzer and the sanitizer runtimes for clang live in libclang-rt-*-dev.
	if command -v clang >/dev/null 2>&1; then
		rt=$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || true)
		case "$rt" in /*) [ -f "$rt" ] || missing="$missing libclang-rt-dev" ;; *) missing="$missing libclang-rt-dev" ;; esac
	fi
	# The end-to-end tests need a UTF-8 locale to draw Indonesian text and emoji.
	locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || missing="$missing locales"
fi

[ -z "$missing" ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
		echo "waspada: these packages are missing:$missing" >&2
		echo "waspada: install them as root (apt-get install$missing) and run make again." >&2
		exit 1
	fi
fi
# Debian names libclang-rt after the clang version (libclang-rt-14-dev).
pkgs=""
for p in $missing; do
	if [ "$p" = libclang-rt-dev ]; then
		v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n1)
		p="libclang-rt-${v:-14}-dev"
	fi
	case " $pkgs " in *" $p "*) ;; *) pkgs="$pkgs $p" ;; esac
done
echo "waspada: installing missing packages:$pkgs"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $pkgs
