#!/bin/sh
# Golden CLI tests, in the manner of jq's and curl's test data: each
# directory under tests/golden is one case and holds
#   cmd     the arguments, one shell line without --format ($SAMPLES,
#           $CORPUS, $CASE, $PORT usable; $PORT is the demo phone,
#           tests/lib.sh t_demo_phone, and shows as PORT in the outputs)
#   rc      the expected exit status
#   out.EXT the expected standard output of cmd --format text, json, csv,
#           openmetrics, html in out.txt, out.json, out.csv, out.prom,
#           out.html: one for every format the command offers (a format
#           refused with these options is checked to be refused)
#   err.EXT the expected standard error of that format (when present)
# and may hold a share/ fixture, and
#   mtimes  lines "TIME PATH": the case runs in a copy of its directory in
#           which each PATH was last modified at TIME (touch -d), for
#           outputs that show file times (logs).
# A case whose output does not depend on the format (usage errors, --help)
# or that checks one only (the corpus sets' JSON, up to 1 MB) holds out and
# err instead, and cmd may name --format.  The command runs inside the
# case's directory.  GOLDEN_UPDATE=1 rewrites the existing out files, rc
# and err from the current binary (create an empty out.EXT to add a
# format): review the diff before committing it.
. "$SRCDIR/tests/lib.sh"
SAMPLES=$SRCDIR/samples
# OpenMetrics and HTML say when they were made: a fixed time, for goldens.
SOURCE_DATE_EPOCH=1764547200
export SAMPLES CORPUS SOURCE_DATE_EPOCH

# The demo phone, started for the first case that names $PORT.
POLYAUDIT_PASSWORD='golden-Adm1n'; export POLYAUDIT_PASSWORD

# golden NAME CASE OUT ERR ARGS: run ARGS in CASE, compare with OUT, rc
# and, when it is there, ERR.
golden() {
	dir=$(t_case_dir "$2")
	(cd "$dir" && eval "\"\$POLYAUDIT\" $5") >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	# Only where the case names it: a port can also be digits of the
	# output (the demo phone on 46157 turned 3111-46157-002 into PORT).
	case $5 in *'$PORT'*)
		sed -i "s/\\([^0-9]\\|^\\)$PORT\\([^0-9]\\|\$\\)/\\1PORT\\2/g" \
		    "$T_TMP/out" "$T_TMP/err" ;;
	esac
	if [ -n "$GOLDEN_UPDATE" ]; then
		cp "$T_TMP/out" "$3"
		echo "$rc" >"$2/rc"
		[ -s "$T_TMP/err" ] && cp "$T_TMP/err" "$4" || rm -f "$4"
	fi
	why=
	[ "$rc" = "$(cat "$2/rc")" ] || why="exit $rc, want $(cat "$2/rc")"
	d=$(diff -u "$3" "$T_TMP/out") || why="$why stdout differs"
	e=
	if [ -f "$4" ]; then
		e=$(diff -u "$4" "$T_TMP/err") || why="$why stderr differs"
	fi
	if [ -z "$why" ]; then t_ok "$1"
	else t_fail "$1: $why" "$d" "$e" "$(cat "$T_TMP/err")"; fi
}

# offered ARGS: the --format words of the command ARGS names (its --help,
# read once per command).
offered() {
	set -- $1
	[ -f "$T_TMP/offered-$1" ] ||
		"$POLYAUDIT" "$1" --help | grep -o -- '--format [a-z|]*' |
		    head -n 1 | cut -d' ' -f2 | tr '|' ' ' >"$T_TMP/offered-$1"
	cat "$T_TMP/offered-$1"
}

for CASE in "$SRCDIR"/tests/golden/*/; do
	CASE=${CASE%/}
	name=${CASE##*/}
	export CASE
	args=$(cat "$CASE/cmd")
	case $args in *'$CORPUS'*) t_need_corpus "$name" || continue ;; esac
	case $args in *'$PORT'*) [ -n "${PORT:-}" ] ||
	    t_demo_phone "$POLYAUDIT_PASSWORD" ;; esac
	if [ -f "$CASE/out" ]; then
		golden "$name" "$CASE" "$CASE/out" "$CASE/err" "$args"
		continue
	fi
	fmts=" $(offered "$args") "
	for f in $fmts; do
		case $f in text) x=txt ;; openmetrics) x=prom ;; *) x=$f ;; esac
		if [ -f "$CASE/out.$x" ]; then
			golden "$name $f" "$CASE" "$CASE/out.$x" "$CASE/err.$x" \
			    "$args --format $f"
			continue
		fi
		# No out.EXT: only for a format refused with these options.
		(cd "$CASE" && eval "\"\$POLYAUDIT\" $args --format $f") \
		    >/dev/null 2>"$T_TMP/err"
		rc=$?
		if [ $rc -eq 2 ] && grep -q -- '--format is' "$T_TMP/err"; then
			t_ok "$name: --format $f refused for these options"
		else
			t_fail "$name: --format $f (exit $rc) has no out.$x" \
			    "touch it and run with GOLDEN_UPDATE=1"
		fi
	done
	for out in "$CASE"/out.*; do
		case ${out##*/out.} in
		txt) f=text ;; prom) f=openmetrics ;; *) f=${out##*/out.} ;;
		esac
		case $fmts in *" $f "*) ;;
		*) t_fail "$name: ${out##*/} is no --format of the command" ;;
		esac
	done
done
t_done
