#!/bin/sh
# Every file of the shared corpus goes through "show --all", once as a
# listed configuration file and once as the master: no crash, no hang, a
# JSON object, and a parse verdict that agrees with xmllint's (the
# "wellformed" column of SOURCES.tsv), except where polyaudit is lenient
# on purpose (a comment before the XML declaration).
. "$SRCDIR/tests/lib.sh"
tsv=$CORPUS/SOURCES.tsv
t_need_corpus "every file of the corpus" || { t_done; exit; }

share=$T_TMP/share
# show_all NAME: "show --all" on $share must not crash or hang (exit 0 or 1).
show_all() {
	timeout 20 "$POLYAUDIT" show --share "$share" --mac 0004f2000001 --all \
	    --format json >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	case $rc in
	0|1)	t_ok "$1, exit $rc"; t_json "$1" show ;;
	*)	t_fail "$1, exit $rc" "$(cat "$T_TMP/err")" ;;
	esac
}

tab=$(printf '\t')
tail -n +2 "$tsv" | while IFS=$tab read -r path repo _ _ _ kind wf notes; do
	f=$CORPUS/$path
	rm -rf "$share"; mkdir -p "$share"
	cp "$f" "$share/f.cfg"
	printf '<APPLICATION CONFIG_FILES="f.cfg"/>\n' >"$share/000000000000.cfg"
	show_all "$path: listed file"
	t_grep "$path: JSON object" '^\{' "$(head -c 1 "$T_TMP/out")"
	status=$(grep -A3 '"path": "f.cfg"' "$T_TMP/out" | sed -n 's/.*"status": "\([a-z]*\)".*/\1/p' | head -n 1)
	want=ok
	[ "$wf" = no ] && want=malformed
	case $notes in *"comment before"*|*"Comment before"*) want=ok ;; esac
	case $path in *polycom_default.cfg) want=ok ;; esac
	t_eq "$path: parse verdict agrees with xmllint" "$want" "$status"

	mv "$share/f.cfg" "$share/000000000000.cfg"
	show_all "$path: as master"
done >"$T_TMP/tap"
cat "$T_TMP/tap"
T_N=$(grep -c '^\(not \)\{0,1\}ok' "$T_TMP/tap")
T_FAIL=$(grep -c '^not ok' "$T_TMP/tap")
t_done
