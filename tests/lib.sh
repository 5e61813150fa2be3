# Shared by the shell tests: TAP output, so "make check" counts each case.
# Source it, call the t_* helpers, end with t_done.

: "${POLYAUDIT:?run through make check}"
: "${SRCDIR:?run through make check}"
: "${BUILDDIR:?run through make check}"
CORPUS=$SRCDIR/../shared/corpus
T_N=0
T_FAIL=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/polyaudit-test.XXXXXX")
T_START=$(date +%s%N)	# t_done says how long the test took
trap 't_cleanup' EXIT
trap 'exit 1' INT TERM

t_cleanup() {
	for f in "$T_TMP"/*.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	rm -rf "$T_TMP"
}

t_ok() {	# t_ok NAME: record a pass
	T_N=$((T_N + 1)); echo "ok $T_N - $1"
}

t_fail() {	# t_fail NAME [DETAIL...]: record a failure with details
	T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1))
	echo "not ok $T_N - $1"
	shift
	for d in "$@"; do printf '%s\n' "$d" | sed 's/^/# /'; done
}

# t_run NAME RC CMD...: run CMD, keep its output in $T_OUT/$T_ERR, and check
# its exit status is RC.
t_run() {
	_name=$1 _want=$2; shift 2
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	_rc=$?
	T_OUT=$(cat "$T_TMP/out"); T_ERR=$(cat "$T_TMP/err")
	if [ "$_rc" -eq "$_want" ]; then
		t_ok "$_name (exit $_want)"
	else
		t_fail "$_name (exit $_rc, want $_want)" "stdout: $T_OUT" "stderr: $T_ERR"
	fi
}

# t_grep NAME PATTERN TEXT: TEXT matches the extended regexp PATTERN.
t_grep() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then t_ok "$1"
	else t_fail "$1" "pattern: $2" "text: $(printf '%s\n' "$3" | head -n 20)"; fi
}

# t_nogrep NAME PATTERN TEXT: TEXT does not match PATTERN.
t_nogrep() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		t_fail "$1" "unwanted: $2" "text: $(printf '%s\n' "$3" | grep -E -- "$2" | head -n 20)"
	else t_ok "$1"; fi
}

# t_eq NAME WANT GOT
t_eq() {
	if [ "$2" = "$3" ]; then t_ok "$1"
	else t_fail "$1" "want: $2" "got:  $3"; fi
}

t_skip() {	# t_skip NAME REASON: a case not run here, and why
	T_N=$((T_N + 1)); echo "ok $T_N - $1 # SKIP $2"
}

# t_need_corpus WHAT: a test that needs ../shared/corpus says so by
# calling this.  Without the corpus, WHAT is a skip in the tarball's build
# (make distcheck runs configure --disable-corpus-tests) and a failure
# anywhere else; either way it returns 1.
t_need_corpus() {
	[ -d "$CORPUS" ] && return 0
	if [ "${CORPUS_TESTS:-yes}" = no ]; then
		t_skip "$1" "no ../shared/corpus beside the tarball"
	else
		t_fail "$1: ../shared/corpus is at $CORPUS"
	fi
	return 1
}

# t_json NAME SCHEMA [FILE]: each JSON document in FILE (one, or JSON
# Lines; default: the last t_run's stdout) is valid against
# schemas/SCHEMA.schema.json.  Checked by t_done, all in one python3 run;
# works from subshells too.
t_json() {
	_j=$(mktemp "$T_TMP/json.XXXXXX")
	cp "${3:-$T_TMP/out}" "$_j"
	printf '%s\t%s\t%s\n' "$2" "$_j" "$1" >>"$T_TMP/json.list"
}

# t_json_checked: check now what t_json recorded, one case each, with
# Debian's python3-jsonschema (tools/setup.sh installs it).
t_json_checked() {
	[ -f "$T_TMP/json.list" ] || return 0
	/usr/bin/python3 "$SRCDIR/tests/schema-check.py" "$SRCDIR/schemas" \
	    "$T_TMP/json.list" >"$T_TMP/json.res" 2>"$T_TMP/json.err" ||
		t_fail "schema-check.py runs" "$(cat "$T_TMP/json.err")"
	while IFS='	' read -r _st _name _why; do
		if [ "$_st" = ok ]; then t_ok "schema: $_name"
		else t_fail "schema: $_name" "$_why"; fi
	done <"$T_TMP/json.res"
	rm -f "$T_TMP/json.list"
}

# t_until SECONDS CMD...: run CMD every 20 ms until it succeeds (0) or
# about SECONDS have passed (1).  Servers say they are ready by writing a
# file; looking often keeps each start-up short.
t_until() {
	_u=$(($1 * 50)); shift
	until "$@"; do
		[ "$_u" -gt 0 ] || return 1
		_u=$((_u - 1)); sleep 0.02
	done
}

# t_bg TAG CMD...: start CMD in the background, its output kept for
# t_wait TAG: cases whose commands wait (time-outs, slow servers) run
# beside each other instead of one after the other.
t_bg() {
	_tag=$1; shift
	"$@" >"$T_TMP/bg-$_tag.out" 2>"$T_TMP/bg-$_tag.err" &
	echo $! >"$T_TMP/bg-$_tag.pid"
}

# t_wait TAG NAME RC: wait for t_bg TAG's command and check it as t_run
# NAME RC would: $T_OUT, $T_ERR and $T_TMP/out (for t_json) are its output.
t_wait() {
	wait "$(cat "$T_TMP/bg-$1.pid")"
	_rc=$?
	rm -f "$T_TMP/bg-$1.pid"
	cp "$T_TMP/bg-$1.out" "$T_TMP/out"; cp "$T_TMP/bg-$1.err" "$T_TMP/err"
	T_OUT=$(cat "$T_TMP/out"); T_ERR=$(cat "$T_TMP/err")
	if [ "$_rc" -eq "$3" ]; then
		t_ok "$2 (exit $3)"
	else
		t_fail "$2 (exit $_rc, want $3)" "stdout: $T_OUT" "stderr: $T_ERR"
	fi
}

# t_count PATTERN TEXT: how many lines of TEXT match the extended regexp.
t_count() {
	printf '%s\n' "$2" | grep -cE -- "$1"
}

# t_demo_phone PASSWORD: the simulator serving the samples' demo phone
# with that admin password, in the background until the test ends; sets
# $PORT.
t_demo_phone() {
	sed "s/\"password\": \"demo-Adm1n\"/\"password\": \"$1\"/" \
	    "$SRCDIR/samples/phones/demo.json" >"$T_TMP/demo-phone.json"
	"$BUILDDIR/tests/phonesim" --ports-file "$T_TMP/demo-phone.ports" \
	    --max-seconds 60 "$T_TMP/demo-phone.json" >/dev/null \
	    2>"$T_TMP/demo-phone.err" &
	echo $! >"$T_TMP/demo-phone.pid"
	t_until 10 test -s "$T_TMP/demo-phone.ports"
	PORT=$(awk 'NR == 1 { print $2 }' "$T_TMP/demo-phone.ports")
	[ -n "$PORT" ] || { t_fail "the demo phone starts" "$(cat "$T_TMP/demo-phone.err")"; PORT=9; }
}

# t_up FILE PIDFILE: FILE is written, or the process of PIDFILE is gone
# (for t_until: a server that died is not waited for).
t_up() {
	[ -s "$1" ] || ! kill -0 "$(cat "$2")" 2>/dev/null
}

# t_listening tcp|udp PORT: a socket listens on (TCP) or is bound to (UDP)
# local port PORT, as the kernel's table says.
t_listening() {
	awk -v port="$(printf ':%04X' "$2")" -v state="$([ "$1" = tcp ] && echo 0A || echo 07)" \
	    'NR > 1 && substr($2, length($2) - 4) == port && $4 == state { f = 1 }
	    END { exit !f }' "/proc/net/$1" "/proc/net/${1}6"
}

# t_listen_or_gone tcp|udp PORT PIDFILE: for t_until, as t_up.
t_listen_or_gone() {
	t_listening "$1" "$2" || ! kill -0 "$(cat "$3")" 2>/dev/null
}

# t_start NAME CMD...: start a server in the background and wait for the
# port it writes to $T_TMP/NAME.port.
t_start() {
	_name=$1; shift
	"$@" >"$T_TMP/$_name.log" 2>&1 &
	echo $! >"$T_TMP/$_name.pid"
	if ! t_until 10 t_up "$T_TMP/$_name.port" "$T_TMP/$_name.pid" ||
	    ! [ -s "$T_TMP/$_name.port" ]; then
		t_fail "$_name server starts" "$*" "$(cat "$T_TMP/$_name.log")" \
		    "install the servers with tools/setup.sh"
		return 1
	fi
	t_ok "$_name server starts on 127.0.0.1:$(awk 'NR == 1 { print $NF }' "$T_TMP/$_name.port")"
}

# t_vsftpd NAME ROOT CERT [OPTION]: vsftpd serving ROOT as implicit FTPS
# (what ftps:// means), anonymous, read-only, with the key and certificate
# in CERT and the configuration line OPTION, logging the FTP protocol to $T_TMP/NAME.proto; the port in
# $T_TMP/NAME.port.  It needs root to chroot anonymous users, takes its
# port in the configuration and says nothing when ready.
t_vsftpd() {
	if [ "$(id -u)" -ne 0 ]; then
		t_fail "$1 server starts" "vsftpd needs root to chroot anonymous users"
		return 1
	elif ! [ -x /usr/sbin/vsftpd ]; then
		t_fail "$1 server starts" "no /usr/sbin/vsftpd: install vsftpd" \
		    "(tools/setup.sh)"
		return 1
	fi
	mkdir -p /var/run/vsftpd/empty
	# The port is free when picked, but on a busy machine an outgoing
	# connection may take it before vsftpd binds it, and vsftpd then ends
	# without a word: another port, three tries at most.
	for _try in 1 2 3; do
		_p=$(/usr/bin/python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		cat >"$T_TMP/$1.conf" <<VSFTPD
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$_p
background=NO
anonymous_enable=YES
local_enable=NO
write_enable=NO
anon_root=$2
no_anon_password=YES
ssl_enable=YES
implicit_ssl=YES
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
rsa_cert_file=$3
require_ssl_reuse=NO
pasv_address=127.0.0.1
${4:-}
seccomp_sandbox=NO
secure_chroot_dir=/var/run/vsftpd/empty
xferlog_enable=YES
xferlog_std_format=NO
log_ftp_protocol=YES
vsftpd_log_file=$T_TMP/$1.proto
VSFTPD
		: >"$T_TMP/$1.proto"
		/usr/sbin/vsftpd "$T_TMP/$1.conf" >"$T_TMP/$1.log" 2>&1 &
		echo $! >"$T_TMP/$1.pid"
		t_until 5 t_listen_or_gone tcp "$_p" "$T_TMP/$1.pid"
		t_listening tcp "$_p" && break
		kill "$(cat "$T_TMP/$1.pid")" 2>/dev/null
	done
	if ! t_listening tcp "$_p"; then
		t_fail "$1 server starts" "$(cat "$T_TMP/$1.log")"
		return 1
	fi
	echo "$_p" >"$T_TMP/$1.port"
	t_ok "$1 server starts on 127.0.0.1:$_p"
}

# t_case_dir CASE: the directory to run the golden case CASE in: CASE
# itself, or, when it has an mtimes file (lines "TIME PATH"), a copy in
# which each PATH was last modified at TIME (touch -d).
t_case_dir() {
	if ! [ -f "$1/mtimes" ]; then
		echo "$1"
		return
	fi
	rm -rf "$T_TMP/case"
	cp -R "$1" "$T_TMP/case"
	while read -r _when _path; do
		touch -h -d "$_when" "$T_TMP/case/$_path"
	done <"$1/mtimes"
	echo "$T_TMP/case"
}

t_done() {
	t_json_checked
	echo "# took $((($(date +%s%N) - T_START) / 1000000)) ms"
	echo "1..$T_N"
	[ "$T_FAIL" -eq 0 ]
}
