#!/bin/sh
# Golden CLI tests, in the manner of jq's and curl's test data: each
# directory under tests/golden holds
#   cmd   the arguments, one shell line ($SAMPLES, $CORPUS, $CASE, $PORT
#         usable; $PORT is the demo phone, tests/lib.sh t_demo_phone)
#   out   the expected standard output
#   rc    the expected exit status
#   err   the expected standard error (compared only when present)
# and may hold a share/ fixture, and
#   mtimes  lines "TIME PATH": the case runs in a copy of its directory in
#         which each PATH was last modified at TIME (touch -d), for
#         outputs that show file times (logs)  A case of several formats has, instead
# of out, one out.EXT per format it checks: cmd runs once with --format
# text, json, csv, openmetrics or html for out.txt, out.json, out.csv,
# out.prom, out.html; rc and err hold for each of them.  The command runs
# inside the case's directory; the demo phone's port shows as PORT.
# GOLDEN_UPDATE=1 rewrites the existing out files, rc and err from the
# current binary (create an empty out.EXT to add a format): review the diff
# before committing it.
. "$SRCDIR/tests/lib.sh"
SAMPLES=$SRCDIR/samples
# OpenMetrics and HTML say when they were made: a fixed time, for goldens.
SOURCE_DATE_EPOCH=1764547200
export SAMPLES CORPUS SOURCE_DATE_EPOCH

# The demo phone, started for the first case that names $PORT.
POLYAUDIT_PASSWORD='golden-Adm1n'; export POLYAUDIT_PASSWORD

# golden NAME CASE OUT ARGS: run ARGS in CASE, compare with OUT, rc, err.
golden() {
	dir=$2
	if [ -f "$2/mtimes" ]; then
		dir=$T_TMP/case
		rm -rf "$dir"
		cp -R "$2" "$dir"
		while read -r when path; do
			touch -h -d "$when" "$dir/$path"
		done <"$2/mtimes"
	fi
	(cd "$dir" && eval "\"\$POLYAUDIT\" $4") >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ -n "${PORT:-}" ]; then
		sed -i "s/\\([^0-9]\\|^\\)$PORT\\([^0-9]\\|\$\\)/\\1PORT\\2/g" \
		    "$T_TMP/out" "$T_TMP/err"
	fi
	if [ -n "$GOLDEN_UPDATE" ]; then
		cp "$T_TMP/out" "$3"
		echo "$rc" >"$2/rc"
		[ -s "$T_TMP/err" ] && cp "$T_TMP/err" "$2/err" || rm -f "$2/err"
	fi
	why=
	[ "$rc" = "$(cat "$2/rc")" ] || why="exit $rc, want $(cat "$2/rc")"
	d=$(diff -u "$3" "$T_TMP/out") || why="$why stdout differs"
	e=
	if [ -f "$2/err" ]; then
		e=$(diff -u "$2/err" "$T_TMP/err") || why="$why stderr differs"
	fi
	if [ -z "$why" ]; then t_ok "$1"
	else t_fail "$1: $why" "$d" "$e" "$(cat "$T_TMP/err")"; fi
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
		golden "$name" "$CASE" "$CASE/out" "$args"
		continue
	fi
	for out in "$CASE"/out.*; do
		case ${out##*/out.} in
		txt) f=text ;; json) f=json ;; csv) f=csv ;;
		prom) f=openmetrics ;; html) f=html ;;
		*) t_fail "$name: ${out##*/} names a format"; continue ;;
		esac
		golden "$name $f" "$CASE" "$out" "$args --format $f"
	done
done
t_done
