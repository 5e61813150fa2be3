#!/bin/sh
# The JSON contract: schemas/*.schema.json are valid draft 2020-12 schemas,
# every golden JSON output is valid against its command's schema, and
# outputs changed the way a contract break would change them are not.
. "$SRCDIR/tests/lib.sh"
SCHEMAS=$SRCDIR/schemas
PY=/usr/bin/python3
check() { "$PY" "$SRCDIR/tests/schema-check.py" "$SCHEMAS" "$@"; }

check --schemas >"$T_TMP/schemas" 2>&1 || t_fail "schema-check.py --schemas runs" "$(cat "$T_TMP/schemas")"
while IFS='	' read -r st name why; do
	if [ "$st" = ok ]; then t_ok "$name"; else t_fail "$name" "$why"; fi
done <"$T_TMP/schemas"

# A command's JSON has the schema of its name; scan --check pin prints pin's.
schema_for() {
	set -- $1
	case "$1 $2" in
	"dhcp "*) echo "dhcp-$2" ;;
	*) case " $* " in
	   *" --check pin "*) echo pin ;;
	   *" --check logs "*) echo logs ;;
	   *" --first-drift "*) echo "$1-drift" ;;
	   *) echo "$1" ;;
	   esac ;;
	esac
}
for CASE in "$SRCDIR"/tests/golden/*/; do
	CASE=${CASE%/}
	cmd=$(cat "$CASE/cmd")
	# One format per case (out), or one out.EXT per format.
	out=$CASE/out.json
	[ -f "$out" ] || case " $cmd " in
	*" --format json "*) out=$CASE/out ;;
	*) continue ;;
	esac
	[ -s "$out" ] || continue
	s=$(schema_for "$cmd")
	if [ -f "$SCHEMAS/$s.schema.json" ]; then
		t_json "golden ${CASE##*/} ($s)" "$s" "$out"
	else
		t_fail "golden ${CASE##*/}: its JSON has a schema" "no schemas/$s.schema.json"
	fi
done

# Each schema is exercised: by a golden case or by a test's t_json.
used=$(cut -f1 "$T_TMP/json.list" 2>/dev/null
	grep -hoE 't_json +"[^"]*" +[a-z0-9-]+' "$SRCDIR"/tests/*.sh | awk '{ print $NF }')
for f in "$SCHEMAS"/*.schema.json; do
	s=${f##*/}; s=${s%.schema.json}
	[ "$s" = common ] && continue
	t_grep "schema $s is checked by a test" "^$s\$" "$used"
	t_grep "man page names $s.schema.json" "$s\\.schema\\.json" "$(cat "$SRCDIR/man/polyaudit.1")"
done

# broken NAME SCHEMA GOLDEN SED WHY: the golden output GOLDEN (CASE/out.json)
# edited by SED, as a contract break would change it, fails its schema
# for the reason WHY.  The edits are checked together (one python3 start),
# by rejected after the last.
: >"$T_TMP/broken.list"
: >"$T_TMP/broken.why"
broken() {
	_b=$T_TMP/broken.$(wc -l <"$T_TMP/broken.list").json
	sed "$4" "$SRCDIR/tests/golden/$3" >"$_b"
	cmp -s "$_b" "$SRCDIR/tests/golden/$3" &&
		{ t_fail "$1: the edit changes the output"; return; }
	printf '%s\t%s\t%s\n' "$2" "$_b" "$1" >>"$T_TMP/broken.list"
	printf '%s\t%s\n' "$1" "$5" >>"$T_TMP/broken.why"
}
rejected() {	# each edit of broken: rejected, for its reason
	check "$T_TMP/broken.list" >"$T_TMP/broken.res" 2>&1
	while IFS='	' read -r _name _why; do
		r=$(awk -F'\t' -v n="$_name" '$2 == n' "$T_TMP/broken.res")
		t_grep "$_name: rejected" "^fail	" "$r"
		t_grep "$_name: because $_why" "$_why" "$r"
	done <"$T_TMP/broken.why"
}
broken "logs: a new uploads state" logs logs-stale/out.json \
    's/"uploads":"stale"/"uploads":"old"/' "'old' is not one of"
broken "logs: a file time not in UTC" logs logs-signatures/out.json \
    's/"modified":"2025-11-30T18:00:00Z"/"modified":"2025-11-30 18:00"/' "does not match"
broken "files: a Created date that is not a string" files files-created/out.json \
    's/"created": "06-05-2014 22:29"/"created": 2014/' "is not of type 'string'"
broken "show: a key renamed" show samples-show-all-model/out.json \
    's/"source":/"origin":/' "'source' is a required property"
broken "show: a line number as a string" show samples-show-all-model/out.json \
    's/"line": \([0-9]*\)/"line": "\1"/' "line: '[0-9]+' is not valid"
broken "show: a new source" show samples-show-all-model/out.json \
    's/"source": "config"/"source": "configuration"/' "'configuration' is not one of"
broken "show: a key that is not in the contract" show samples-show-all-model/out.json \
    '1s/^{$/{"extra": 1,/' "'extra' was unexpected"
broken "show: null for a value always present" show samples-show-all-model/out.json \
    's/"mac": "0004f2aa0002"/"mac": null/' "None is not of type 'string'"
broken "files: a new status" files samples-files-model/out.json \
    's/"status": "missing"/"status": "absent"/' "'absent' is not one of"
broken "files: an error for a file that is ok" files samples-files-model/out.json \
    '0,/"status": "ok"/s/"status": "ok"/"status": "ok", "error": "x"/' "should not be valid"
broken "scan: a count as a string" scan samples-scan/out.json \
    '2s/"errors":0/"errors":"0"/' "line 2: errors: '0' is not of type 'integer'"
broken "scan: a line that is not JSON" scan samples-scan/out.json \
    '1s/^{/[/' "Expecting|is not of type|not valid"
rejected
t_done
