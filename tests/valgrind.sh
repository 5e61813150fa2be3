#!/bin/sh
# The CLI under valgrind: no memory errors (uninitialised reads included,
# which ASan does not see), no definite or indirect leaks.  ASan and
# valgrind do not mix, so this runs tests/polyaudit-plain, the same sources
# built without sanitizer flags (Makefile.am).
# Every golden case and every other test already runs under ASan+UBSan
# (tools/check.sh), so valgrind, about 1.5 s a run, gets one representative
# run per command and per output format, hostile inputs and error paths
# first: the golden cases named below, dhcp, diff, history, completion,
# and audit of phonesim's hostile fleet.  The end checks that every command
# --help lists and every --format word ran here: a new command or format
# needs a line below.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/sim.sh"
PLAIN=$BUILDDIR/tests/polyaudit-plain
if ! command -v valgrind >/dev/null 2>&1; then
	t_fail "valgrind is installed (tools/setup.sh installs it)"; t_done; exit 1
fi
# Inlined frames are not read into stack traces (a sixth of each run's
# time; every error is still found and named by its function), and no
# gdbserver is offered.
VG="valgrind -q --error-exitcode=99 --leak-check=full --read-inline-info=no --vgdb=no"
VG="$VG --errors-for-leak-kinds=definite,indirect"
VG="$VG --show-leak-kinds=definite,indirect"
SAMPLES=$SRCDIR/samples
export SAMPLES CORPUS
RAN=" "		# "command/format" of every run, for the coverage check

# ran ARGS...: note the command and format of polyaudit ARGS.
ran() {
	_c=$1 _f=text
	while [ $# -gt 1 ]; do
		[ "$1" = --format ] && _f=$2
		shift
	done
	RAN="$RAN$_c/$_f "
}

# vg NAME RC ARGS...: polyaudit ARGS under valgrind exits RC, not 99.
vg() {
	_n=$1 _rc=$2; shift 2
	ran "$@"
	t_run "valgrind: $_n" "$_rc" $VG "$PLAIN" "$@"
}

# golden CASE [FORMAT]: tests/golden/CASE's command (with --format FORMAT
# when the case has one out.EXT per format) under valgrind exits as
# tests/golden.sh wants it to.
POLYAUDIT_PASSWORD='golden-Adm1n'; export POLYAUDIT_PASSWORD
golden() {
	CASE=$SRCDIR/tests/golden/$1
	export CASE
	if ! [ -f "$CASE/cmd" ]; then
		t_fail "valgrind: golden $1 exists"; return
	fi
	args=$(cat "$CASE/cmd")${2:+ --format $2}
	case $args in *'$CORPUS'*) t_need_corpus "valgrind: golden $1" || return ;; esac
	case $args in *'$PORT'*) [ -n "${PORT:-}" ] ||
	    t_demo_phone "$POLYAUDIT_PASSWORD" ;; esac
	eval "ran $args"
	want=$(cat "$CASE/rc")
	dir=$(t_case_dir "$CASE")
	(cd "$dir" && eval "$VG \"\$PLAIN\" $args") >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = "$want" ]; then t_ok "valgrind: golden $1${2:+ $2} (exit $rc)"
	else t_fail "valgrind: golden $1${2:+ $2} (exit $rc, want $want)" \
	    "$(grep -A12 '^==' "$T_TMP/err" | head -60)"; fi
}

golden hostile-share text		# show: markup, control bytes, bad XML
golden hostile-share html		# show --format html
golden corpus-wazo-5.9.2		# show --format json: a real tree
golden diag-hygiene-scan json		# scan: notes and errors
golden diag-firmware text		# files
golden pin-option43 json		# pin: the PIN rules, option 43
golden demo-audit openmetrics		# audit against the demo phone
golden logs-signatures json		# logs: the log parser on every kind
golden usage-bad-mac			# a usage error

GOLDEN='010C4D532D55432D436C69656E74 0205687474707303 17 7365727665722E6671646E2E636F6D70616E792E636F6D 040334343305 25 2F4365727450726F762F4365727450726F766973696F6E696E67536572766963652E737663'
vg "dhcp decode 43" 0 dhcp decode --format json "$GOLDEN"
vg "dhcp encode" 0 dhcp encode --fqdn pool-web.example.com --format json
vg "completion bash" 0 completion bash

# scan --record of a copy of the samples, one value changed in it, diff
# against the samples, and the history of the two recorded scans.
cp -R "$SAMPLES" "$T_TMP/share"
vg "scan --record" 0 scan --share "$T_TMP/share" --record "$T_TMP/h.db"
sed -i 's/reg.1.auth.usePinCredentials="1"/reg.1.auth.usePinCredentials="0"/' \
    "$T_TMP/share/lync.cfg"
vg "diff" 1 diff --format csv "$SAMPLES" "$T_TMP/share"
"$POLYAUDIT" scan --share "$T_TMP/share" --record "$T_TMP/h.db" >/dev/null ||
	t_fail "second recorded scan"
vg "history" 0 history --db "$T_TMP/h.db" --format json
t_grep "history: the edited value" '"name":"reg.1.auth.usePinCredentials"' "$T_OUT"

# audit of the hostile fleet: every error path (a refused login too).
# The two phones that never finish (2 drips, 14 hangs) have their own run
# with a short --timeout, beside the fleet's, which ends with its last
# answer: its --timeout is only a bound (under valgrind on a loaded
# machine one phone took more than 8 s).
sim_start h "$SRCDIR/tests/phones/hostile.json" || t_fail "hostile simulator starts"
awk '$1 != 8 { printf "127.0.0.1:%s 0004f2bb%04x VVX411\n", $2, $1 }' \
    "$T_TMP/h.ports" >"$T_TMP/all"
grep -v ' 0004f2bb000[2e] ' "$T_TMP/all" >"$T_TMP/inv"
grep ' 0004f2bb000[2e] ' "$T_TMP/all" >"$T_TMP/slow"
t_eq "the fleet without the phones that never finish" 14 "$(wc -l <"$T_TMP/inv")"
ran audit
t_bg slow env POLYAUDIT_PASSWORD=Hostile-Adm1n-Pw $VG "$PLAIN" audit \
    --share "$SAMPLES" --inventory "$T_TMP/slow" --scheme http --timeout 2 \
    --quiet
POLYAUDIT_PASSWORD=Hostile-Adm1n-Pw vg "audit hostile fleet" 1 audit \
    --share "$SAMPLES" --inventory "$T_TMP/inv" --scheme http --timeout 30 \
    --quiet
t_wait slow "valgrind: audit: drip and hang time out" 2
t_eq "... both" 2 "$(t_count 'no answer within|timed out' "$T_OUT")"

# Every command and every format ran under valgrind at least once.
for c in $("$POLYAUDIT" --help | awk '$1 == "polyaudit" { print $2 }' | uniq); do
	t_grep "valgrind: command $c ran (a line in tests/valgrind.sh)" \
	    " $c/" "$RAN"
done
for f in $("$POLYAUDIT" --help | grep -o -- '--format [a-z|]*' |
    cut -d' ' -f2 | tr '|' '\n' | sort -u); do
	t_grep "valgrind: --format $f ran (a line in tests/valgrind.sh)" \
	    "/$f " "$RAN"
done
t_done
