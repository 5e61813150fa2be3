#!/bin/sh
# Golden CLI tests, in the manner of jq's and curl's test data: each
# directory under tests/golden holds
#   cmd   the arguments, one shell line ($SAMPLES, $CORPUS, $CASE usable)
#   out   the expected standard output
#   rc    the expected exit status
#   err   the expected standard error (compared only when present)
# and may hold a share/ fixture.  The command runs inside the case's
# directory.  GOLDEN_UPDATE=1 rewrites out, rc and err from the current
# binary: review the diff before committing it.
. "$SRCDIR/tests/lib.sh"
SAMPLES=$SRCDIR/samples
# OpenMetrics and HTML say when they were made: a fixed time, for goldens.
SOURCE_DATE_EPOCH=1764547200
export SAMPLES CORPUS SOURCE_DATE_EPOCH

for CASE in "$SRCDIR"/tests/golden/*/; do
	CASE=${CASE%/}
	name=${CASE##*/}
	export CASE
	args=$(cat "$CASE/cmd")
	case $args in *'$CORPUS'*) t_need_corpus "$name" || continue ;; esac
	(cd "$CASE" && eval "\"\$POLYAUDIT\" $args") >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ -n "$GOLDEN_UPDATE" ]; then
		cp "$T_TMP/out" "$CASE/out"
		echo "$rc" >"$CASE/rc"
		[ -s "$T_TMP/err" ] && cp "$T_TMP/err" "$CASE/err" || rm -f "$CASE/err"
	fi
	why=
	[ "$rc" = "$(cat "$CASE/rc")" ] || why="exit $rc, want $(cat "$CASE/rc")"
	d=$(diff -u "$CASE/out" "$T_TMP/out") || why="$why stdout differs"
	if [ -f "$CASE/err" ]; then
		e=$(diff -u "$CASE/err" "$T_TMP/err") || why="$why stderr differs"
	fi
	if [ -z "$why" ]; then t_ok "$name"
	else t_fail "$name: $why" "$d" "${e:-}" "$(cat "$T_TMP/err")"; fi
done
t_done
