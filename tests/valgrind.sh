#!/bin/sh
# The CLI under valgrind: no memory errors, no definite or indirect leaks.
# ASan and valgrind do not mix, so this runs tests/polyaudit-plain, the
# same sources built without sanitizer flags (Makefile.am).  Commands: every
# golden case (show, files, scan on the samples, hostile shares and corpus
# sets, usage errors), dhcp decode/encode, and audit against phonesim.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/sim.sh"
PLAIN=$BUILDDIR/tests/polyaudit-plain
if ! command -v valgrind >/dev/null 2>&1; then
	t_fail "valgrind is installed (tools/setup.sh installs it)"; t_done; exit 1
fi
VG="valgrind -q --error-exitcode=99 --leak-check=full"
VG="$VG --errors-for-leak-kinds=definite,indirect"
VG="$VG --show-leak-kinds=definite,indirect"
SAMPLES=$SRCDIR/samples
export SAMPLES CORPUS

# vg NAME RC ARGS...: polyaudit ARGS under valgrind exits RC, not 99.
vg() {
	_n=$1 _rc=$2; shift 2
	t_run "valgrind: $_n" "$_rc" $VG "$PLAIN" "$@"
}

POLYAUDIT_PASSWORD='golden-Adm1n'; export POLYAUDIT_PASSWORD
for CASE in "$SRCDIR"/tests/golden/*/; do
	CASE=${CASE%/}
	export CASE
	args=$(cat "$CASE/cmd")
	case $args in *'$CORPUS'*) t_need_corpus "valgrind: golden ${CASE##*/}" || continue ;; esac
	case $args in *'$PORT'*) [ -n "${PORT:-}" ] ||
	    t_demo_phone "$POLYAUDIT_PASSWORD" ;; esac
	want=$(cat "$CASE/rc")
	(cd "$CASE" && eval "$VG \"\$PLAIN\" $args") >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = "$want" ]; then t_ok "valgrind: golden ${CASE##*/} (exit $rc)"
	else t_fail "valgrind: golden ${CASE##*/} (exit $rc, want $want)" \
	    "$(grep -A12 '^==' "$T_TMP/err" | head -60)"; fi
done

GOLDEN='010C4D532D55432D436C69656E74 0205687474707303 17 7365727665722E6671646E2E636F6D70616E792E636F6D 040334343305 25 2F4365727450726F762F4365727450726F766973696F6E696E67536572766963652E737663'
vg "dhcp decode 43" 0 dhcp decode --format json "$GOLDEN"
vg "dhcp decode cut 43" 1 dhcp decode 010C4D532D55432D436C69656E74 02056874747073
vg "dhcp decode 120" 0 dhcp decode --option 120 00076578616d706c6503636f6d00
vg "dhcp decode 60" 0 dhcp decode --option 60 506f6c79636f6d
vg "dhcp encode" 0 dhcp encode --fqdn pool-web.example.com --format json

# audit: the demo phone, then the hostile fleet (every error path).
sim_start d "$SRCDIR/samples/phones/demo.json" || t_fail "demo simulator starts"
POLYAUDIT_PASSWORD=demo-Adm1n vg "audit one phone, json" 1 audit \
    --share "$SAMPLES" --phone "127.0.0.1:$(sim_port d 0)" --scheme http \
    --format json
POLYAUDIT_PASSWORD=demo-Adm1n vg "audit one phone, csv" 1 audit \
    --share "$SAMPLES" --phone "127.0.0.1:$(sim_port d 0)" --scheme http \
    --format csv
POLYAUDIT_PASSWORD=wrong vg "audit wrong password" 2 audit \
    --share "$SAMPLES" --phone "127.0.0.1:$(sim_port d 0)" --scheme http
sim_start h "$SRCDIR/tests/phones/hostile.json" || t_fail "hostile simulator starts"
awk '$1 != 8 { printf "127.0.0.1:%s 0004f2bb%04x VVX411\n", $2, $1 }' \
    "$T_TMP/h.ports" >"$T_TMP/inv"
POLYAUDIT_PASSWORD=Hostile-Adm1n-Pw vg "audit hostile fleet" 1 audit \
    --share "$SAMPLES" --inventory "$T_TMP/inv" --scheme http --timeout 8 \
    --quiet
t_done
