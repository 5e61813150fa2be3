#!/bin/sh
# --format openmetrics: every report is checked by promtool (Debian package
# prometheus), the samples hold the counts the share implies, hostile
# label values stay inside their quotes, and --output replaces the file
# by a rename, as node_exporter's textfile collector needs.
. "$SRCDIR/tests/lib.sh"
SAMPLES=$SRCDIR/samples
SOURCE_DATE_EPOCH=1764547200; export SOURCE_DATE_EPOCH
PW='om-Adm1n-pw'
POLYAUDIT_PASSWORD=$PW; export POLYAUDIT_PASSWORD

command -v promtool >/dev/null ||
	t_fail "promtool is installed" "apt-get install prometheus (tools/setup.sh does)"

# prom NAME FILE: promtool accepts FILE.
prom() {
	if _m=$(promtool check metrics <"$2" 2>&1); then t_ok "$1: promtool check metrics"
	else t_fail "$1: promtool check metrics" "$_m" "$(head -n 30 "$2")"; fi
}

# om NAME RC ARGS...: run polyaudit ARGS --format openmetrics, check it.
om() {
	_n=$1 _rc=$2; shift 2
	t_run "$_n" "$_rc" "$POLYAUDIT" "$@" --format openmetrics
	cp "$T_TMP/out" "$T_TMP/om.prom"
	prom "$_n" "$T_TMP/om.prom"
	t_eq "$_n: ends with # EOF" "# EOF" "$(tail -n 1 "$T_TMP/om.prom")"
}

om "scan the samples" 0 scan --share "$SAMPLES"
t_grep "phones scanned" '^polyaudit_scan_phones 3$' "$T_OUT"
t_grep "PIN off on one phone, from its web override" \
    '^polyaudit_param_phones\{param="reg.1.auth.usePinCredentials",value="0",source="web-override files"\} 1$' "$T_OUT"
t_grep "the STS URI from lync.cfg on all three" \
    '^polyaudit_param_phones\{param="dhcp.option43.override.stsUri",value="https://lyncpool.example.com:443/CertProv/CertProvisioningService.svc",source="lync.cfg"\} 3$' "$T_OUT"
t_grep "last run time from SOURCE_DATE_EPOCH" \
    '^polyaudit_last_run_timestamp_seconds 1764547200$' "$T_OUT"
t_eq "one HELP and one TYPE per family" \
    "$(t_count '^# HELP' "$T_OUT")" "$(t_count '^# TYPE [a-z_]+ gauge$' "$T_OUT")"

om "scan --check pin" 1 scan --share "$SAMPLES" --check pin
t_grep "PIN readiness per phone: no" \
    '^polyaudit_pin_sign_in\{mac="0004f2aa0001",verdict="no"\} 1$' "$T_OUT"
t_grep "PIN readiness per phone: yes" \
    '^polyaudit_pin_sign_in\{mac="0004f2aa0002",verdict="yes"\} 1$' "$T_OUT"
t_grep "phones per verdict and deciding check" \
    '^polyaudit_pin_phones\{verdict="no",check="use-pin"\} 1$' "$T_OUT"

om "pin one phone" 1 pin --share "$SAMPLES" --mac 0004f2aa0001
t_grep "the failed check counted" \
    '^polyaudit_pin_checks\{mac="0004f2aa0001",status="fail"\} 1$' "$T_OUT"

t_need_corpus "OpenMetrics of the corpus directories" &&
for c in "$CORPUS"/*/; do
	c=${c%/}
	t_run "corpus ${c##*/}" "$("$POLYAUDIT" scan --share "$c" >/dev/null 2>&1; echo $?)" \
	    "$POLYAUDIT" scan --share "$c" --format openmetrics
	cp "$T_TMP/out" "$T_TMP/om.prom"
	prom "corpus ${c##*/}" "$T_TMP/om.prom"
done

for g in "$SRCDIR"/tests/golden/*/out.prom; do
	g=${g%/out.prom}
	prom "golden ${g##*/}" "$g/out.prom"
done

# Label values from a hostile share: quote, backslash, newline, a tab
# and a file name with a quote in it.
H=$T_TMP/hostile
mkdir -p "$H"
printf '<PHONE_CONFIG><ALL reg.1.label="a&quot;b\\c&#10;d&#9;e" reg.1.auth.usePinCredentials="1"/></PHONE_CONFIG>\n' >"$H/we\"ird.cfg"
printf '<APPLICATION APP_FILE_PATH="sip.ld" CONFIG_FILES="we&quot;ird.cfg"/>\n' >"$H/000000000000.cfg"
printf '<APPLICATION APP_FILE_PATH="sip.ld" CONFIG_FILES="we&quot;ird.cfg"/>\n' >"$H/0004f2000001.cfg"
om "hostile labels" 0 scan --share "$H" --param reg.1.label
t_eq "made visible as for text, then backslash and quote escaped" 1 \
    "$(grep -cxF 'polyaudit_param_phones{param="reg.1.label",value="a\"b\\\\c\\nd\\te",source="we\"ird.cfg"} 1' "$T_TMP/om.prom")"

# audit: one phone, then a fleet with a phone that does not answer.
t_demo_phone "$PW"
om "audit one phone" 1 audit --share "$SAMPLES" --scheme http --phone "127.0.0.1:$PORT"
t_grep "the phone answered" "^polyaudit_audit_phone_up\\{host=\"127.0.0.1:$PORT\",mac=\"0004f2aa0001\"\\} 1$" "$T_OUT"
t_grep "verdicts per parameter" \
    '^polyaudit_audit_verdicts\{param="reg.1.label",verdict="drift"\} 1$' "$T_OUT"
t_grep "drifted phones" '^polyaudit_audit_phones\{result="drifted"\} 1$' "$T_OUT"
t_grep "findings per code and severity" \
    '^polyaudit_findings\{code="prov-server",severity="note"\} 1$' "$T_OUT"

printf '127.0.0.1:%s\n127.0.0.1:1\n' "$PORT" >"$T_TMP/inv"
om "audit a fleet" 1 audit --share "$SAMPLES" --scheme http --inventory "$T_TMP/inv"
t_grep "the dead phone is down" '^polyaudit_audit_phone_up\{host="127.0.0.1:1",mac=""\} 0$' "$T_OUT"
t_grep "and failed" '^polyaudit_audit_phones\{result="failed"\} 1$' "$T_OUT"

# --output: written beside the old file and renamed over it.
D=$T_TMP/textfile
mkdir "$D"
echo old >"$D/polyaudit.prom"
(umask 022 && ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=rename,renameat,renameat2 -o "$T_TMP/strace" \
    "$POLYAUDIT" scan --share "$SAMPLES" --format openmetrics --output "$D/polyaudit.prom") \
    >"$T_TMP/out" 2>&1
t_eq "--output: exit 0, nothing on stdout" "0:" "$?:$(cat "$T_TMP/out")"
prom "--output file" "$D/polyaudit.prom"
t_grep "--output: replaced by a rename from a temp file in the same directory" \
    "rename(at2?)?\\(.*\"$D/polyaudit.prom.[A-Za-z0-9]{6}\", .*\"$D/polyaudit.prom\".* = 0" "$(cat "$T_TMP/strace")"
t_eq "--output: no temp file left" "polyaudit.prom" "$(ls -A "$D")"
t_eq "--output: readable by the collector (0644 under umask 022)" "644" "$(stat -c %a "$D/polyaudit.prom")"
mkdir "$D/adir"
t_run "--output onto a directory fails" 2 "$POLYAUDIT" scan --share "$SAMPLES" \
    --format openmetrics --output "$D/adir"
t_grep "and says why" 'cannot write .*adir: Is a directory' "$T_ERR"
t_eq "and leaves no temp file" "adir polyaudit.prom" "$(ls -A "$D" | tr '\n' ' ' | sed 's/ $//')"
t_run "--output in a missing directory fails" 2 "$POLYAUDIT" pin --share "$SAMPLES" \
    --mac 0004f2aa0001 --format openmetrics --output "$D/no/such.prom"
t_grep "and says why" 'cannot write .*no/such.prom: No such file or directory' "$T_ERR"
t_run "files offers no openmetrics" 2 "$POLYAUDIT" files --share "$SAMPLES" \
    --mac 0004f2aa0001 --format openmetrics
t_done
