# e2e.sh: shared by tests/e2e/*.sh: drive build/san/waspada in a private tmux server and
# compare screens with goldens. Source it from the repository's root.
# WASPADA: the binary (default build/san/waspada). WASPADA_UPDATE_GOLDEN=1 rewrites goldens.

WASPADA=${WASPADA:-build/san/waspada}
GOLDEN=tests/e2e/golden
E2E_FAILS=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
[ -f tests/lsan.supp ] && export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}

# Skip the whole script (exit 0, saying so) when tmux or the binary is missing.
e2e_need() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "SKIP $1 (no tmux)"
		exit 0
	fi
	if [ ! -x "$WASPADA" ]; then
		echo "SKIP $1 (no $WASPADA; run make san)"
		exit 0
	fi
}

# e2e_start NAME COLS ROWS ARGS...: run waspada ARGS in a fresh tmux server of that size.
# Afterwards $E2E_DIR holds pid, rc (exit status), stty (terminal state after) and err (stderr).
e2e_start() {
	name=$1 cols=$2 rows=$3
	shift 3
	E2E_SOCK=waspada-test-$$-$name
	E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/waspada-e2e.XXXXXX")
	mkdir -p "$E2E_DIR/data" "$E2E_DIR/config"
	# Unset: a learner who already gave a (empty) nickname; set to "": a first launch.
	settings=${E2E_SETTINGS-name=}
	[ -n "$settings" ] && mkdir -p "$E2E_DIR/config/waspada" &&
		printf '%s\n' "$settings" > "$E2E_DIR/config/waspada/settings"
	cat > "$E2E_DIR/run" <<RUN
#!/bin/sh
cd '$PWD'
export XDG_DATA_HOME='$E2E_DIR/data' XDG_CONFIG_HOME='$E2E_DIR/config' LANG=C.UTF-8 LC_ALL=C.UTF-8
export TERM=${E2E_TERM:-tmux-256color} ${E2E_ENV:-E2E=1}
sh -c 'echo \$\$ > "$E2E_DIR/pid"; exec "\$@"' sh '$WASPADA' $* 2> '$E2E_DIR/err'
echo \$? > '$E2E_DIR/rc'
stty -a > '$E2E_DIR/stty' 2>&1
echo "SHELL-BACK"
sleep 600
RUN
	chmod +x "$E2E_DIR/run"
	tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x "$cols" -y "$rows" "$E2E_DIR/run"
}

# The pane's text now.
e2e_cap() {
	tmux -L "$E2E_SOCK" capture-pane -p
}

# Send keys to the pane (tmux key names).
e2e_keys() {
	tmux -L "$E2E_SOCK" send-keys "$@"
}

# Wait (up to ~10 s) until the pane shows TEXT; 1 when it never does.
e2e_wait() {
	i=0
	while [ $i -lt 200 ]; do
		if e2e_cap | grep -F -q -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# Wait until the program has ended (the wrapper wrote its exit status).
e2e_wait_exit() {
	i=0
	while [ $i -lt 200 ]; do
		[ -s "$E2E_DIR/rc" ] && [ -s "$E2E_DIR/stty" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# Record a result line.
e2e_check() {
	if [ "$2" = 0 ]; then
		echo "PASS $1"
	else
		echo "FAIL $1${3:+: $3}"
		E2E_FAILS=$((E2E_FAILS + 1))
	fi
}

# Compare the pane with golden NAME (trailing blanks ignored); rewrite with WASPADA_UPDATE_GOLDEN=1.
e2e_golden() {
	e2e_cap | sed 's/[[:space:]]*$//' > "$E2E_DIR/$1.txt"
	if [ "${WASPADA_UPDATE_GOLDEN:-0}" = 1 ] || [ ! -f "$GOLDEN/$1.txt" ]; then
		cp "$E2E_DIR/$1.txt" "$GOLDEN/$1.txt"
	fi
	if cmp -s "$E2E_DIR/$1.txt" "$GOLDEN/$1.txt"; then
		e2e_check "golden $1" 0
	else
		diff -u "$GOLDEN/$1.txt" "$E2E_DIR/$1.txt" | head -40
		e2e_check "golden $1" 1 "screen differs from $GOLDEN/$1.txt"
	fi
}

# The terminal is back to normal after the program: canonical input, echo, signals.
e2e_check_terminal() {
	flags=" $(tr '\n;' '  ' < "$E2E_DIR/stty") "
	if case $flags in *" icanon "*) false ;; esac || case $flags in *" echo "*) false ;; esac ||
	   case $flags in *" isig "*) false ;; esac; then
		e2e_check "$1 terminal restored" 1 "stty: $(echo "$flags" | cut -c1-200)"
	else
		e2e_check "$1 terminal restored" 0
	fi
	if e2e_cap | grep -q SHELL-BACK; then
		e2e_check "$1 screen given back" 0
	else
		e2e_check "$1 screen given back" 1
	fi
}

# Nothing on stderr: no sanitizer report, no leak.
e2e_check_stderr() {
	if [ -s "$E2E_DIR/err" ]; then
		head -30 "$E2E_DIR/err"
		e2e_check "$1 clean stderr (sanitizers)" 1
	else
		e2e_check "$1 clean stderr (sanitizers)" 0
	fi
}

# The exit status the program ended with.
e2e_rc() {
	cat "$E2E_DIR/rc" 2>/dev/null
}

# Stop this test's tmux server and remove its files.
e2e_end() {
	tmux -L "$E2E_SOCK" kill-server 2>/dev/null
	rm -rf "$E2E_DIR"
}

# Answer every question and reply (first reply; 0 or the given answer) until the debrief.
e2e_play_to_end() {
	i=0
	while [ $i -lt 400 ]; do
		screen=$(e2e_cap)
		case $screen in
		*"Enter: finish"*|*"Enter: selesai"*) return 0 ;;
		*"reply?"*|*"membalas?"*) e2e_keys 1 ;;
		*"Enter: answer"*|*"Enter: jawab"*) e2e_keys "${E2E_ANSWER:-0}" Enter ;;
		*"Enter: go on"*|*"Enter: start"*|*"Enter: lanjut"*|*"Enter: mulai"*) e2e_keys Enter ;;
		esac
		e2e_changed "$screen"
		i=$((i + 1))
	done
	return 1
}

# Wait (up to ~3 s) until the pane differs from the text given.
e2e_changed() {
	j=0
	while [ $j -lt 60 ]; do
		[ "$(e2e_cap)" != "$1" ] && return 0
		sleep 0.05
		j=$((j + 1))
	done
	return 1
}
