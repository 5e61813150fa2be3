#!/bin/sh
# audit end to end: the real binary against tests/phonesim over real HTTP
# and HTTPS on 127.0.0.1, for every verdict and reason, both auth schemes,
# both device/info shapes, chunking, TLS identity and the fault switches.
. "$SRCDIR/tests/lib.sh"
SIM=$BUILDDIR/tests/phonesim
SAMPLES=$SRCDIR/samples
PW='s3cret-Adm1n-pw'
POLYAUDIT_PASSWORD=$PW; export POLYAUDIT_PASSWORD

# sim NAME FIXTURE [ARGS]: start the simulator, set $PORT (first phone).
sim() {
	_n=$1 _f=$2; shift 2
	rm -f "$T_TMP/$_n.ports"
	"$SIM" --ports-file "$T_TMP/$_n.ports" --log "$T_TMP/$_n.log" \
	    --max-seconds 120 "$@" "$_f" >/dev/null 2>"$T_TMP/$_n.err" &
	echo $! >"$T_TMP/$_n.pid"
	t_until 10 t_up "$T_TMP/$_n.ports" "$T_TMP/$_n.pid"
	PORT=$(awk 'NR == 1 { print $2 }' "$T_TMP/$_n.ports" 2>/dev/null)
	[ -n "$PORT" ] || { t_fail "simulator $_n starts" "$(cat "$T_TMP/$_n.err")"; PORT=9; }
}
phone() {	# phone JSON-MEMBERS: a fixture of one phone like the demo's
	sed "s/\"password\": \"demo-Adm1n\"/\"password\": \"$PW\"/; s|\"auth\": \"digest\",|$1|" \
	    "$SAMPLES/phones/demo.json"
}
audit() { "$POLYAUDIT" audit --share "$SAMPLES" --scheme http "$@"; }

phone '"auth": "digest", "shape": "v2",' >"$T_TMP/p1.json"
sim p1 "$T_TMP/p1.json"
t_run "audit the demo phone (drift: exit 1)" 1 audit --phone 127.0.0.1:$PORT --format json
t_json "audit of the demo phone" audit
J=$T_OUT
t_grep "host with port" "\"host\": \"127.0.0.1:$PORT\"" "$J"
t_grep "MAC from device/info" '"mac": "0004f2aa0001"' "$J"
t_grep "v2 shape: firmware split at the space" '"firmware": "5.9.6.2996"' "$J"
t_grep "model normalised" '"model": "VVX411"' "$J"
t_grep "provisioning server from network/info" '"prov_server": "ftp://prov.example.com"' "$J"
row() { printf '%s\n' "$J" | tr -d '\n' | sed 's/},/},\n/g' | grep "\"name\": \"$1\""; }
# aligned TEXT: every table row's last column starts in the header's
# display column (wide characters count 2, combining marks 0); prints the
# rows that do not.
aligned() {
	printf '%s\n' "$1" | /usr/bin/python3 -c '
import sys, unicodedata
def cols(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
col = None
for line in sys.stdin.read().split("\n"):
    if "FROM / PHONE SOURCE" in line:
        col = cols(line[:line.index("FROM / PHONE SOURCE")])
        continue
    if col is None or not line.startswith("  ") or line.startswith("    ") or " / " not in line:
        if line.startswith("Summary"):
            col = None
        continue
    cut, w = 0, 0
    while cut < len(line) and w < col:
        w += cols(line[cut]); cut += 1
    if w != col or line[cut - 1] != " " or line[cut] == " ":
        print(line)
'
}
t_grep "match: PIN off, from the web override, and the phone agrees" \
    '"file_value": "0".*"file_source": "web-override".*"phone_value": "0", +"phone_source": "web", +"verdict": "match"' "$(row reg.1.auth.usePinCredentials)"
t_grep "drift from the local UI" '"verdict": "drift", +"reason": "set on the phone.s local UI; the override file is not on the share \(uploads disabled\?\)"' "$(row reg.1.label)"
t_grep "drift, phone default while the share sets it" '"verdict": "drift", +"reason": "the phone did not apply the file: not in its CONFIG_FILES' "$(row dhcp.option43.override.stsUri)"
t_grep "not-on-phone from InvalidParams" '"verdict": "not-on-phone"' "$(row device.prov.password)"
t_grep "summary counts" '"summary": \{ *"match": 19, *"drift": 2, *"not-on-phone": 1, *"phone-only": 0, *"error": 0' "$(printf '%s' "$J" | tr -d '\n')"
t_nogrep "the password never shows" "$PW" "$J$T_ERR"
t_nogrep "share secrets redacted" 'Secr3t-Reception' "$J"
t_grep "digest was used" 'auth=digest' "$(cat "$T_TMP/p1.log")"
t_nogrep "no write endpoint called" 'config/set|Reboot|Restart|factoryReset|configReset|updateConfiguration|callctrl|simulate|sessionStats' "$(cat "$T_TMP/p1.log")"
t_nogrep "password absent from the simulator log" "$PW" "$(cat "$T_TMP/p1.log")"

t_run "text report" 1 audit --phone 127.0.0.1:$PORT
# Issue 18.11: a long value is cut, the columns stay aligned; JSON and
# CSV keep it whole.
t_eq "columns aligned despite the long STS URI" "" "$(aligned "$T_OUT")"
t_grep "long value cut with an ellipsis" 'dhcp.option43.override.stsUri +drift +"https://lyncpool\.example\.\.\." +"" ' "$T_OUT"
t_grep "json keeps the whole value" '"file_value": "https://lyncpool.example.com:443/CertProv/CertProvisioningService.svc"' "$(row dhcp.option43.override.stsUri)"
t_grep "text names the web override and the phone source" 'reg.1.auth.usePinCredentials +match +"0" +"0" +overrides/0004f2aa0001-web.cfg:6 / web' "$T_OUT"
t_grep "text gives the reason" 'why: set on the phone.s local UI' "$T_OUT"
t_nogrep "no colour in a pipe" "$(printf '\033')" "$T_OUT"
t_run "csv report" 1 audit --phone 127.0.0.1:$PORT --format csv
t_grep "csv keeps the whole value" ',https://lyncpool.example.com:443/CertProv/CertProvisioningService.svc,' "$T_OUT"
t_grep "csv header" '^host,mac,name,file_value,file,line,file_source,phone_value,phone_source,verdict,reason' "$T_OUT"
t_eq "csv rows" 22 "$(t_count '^127\.0\.0\.1' "$T_OUT")"
t_run "--param restricts, all match (exit 0)" 0 audit --phone 127.0.0.1:$PORT --param reg.1.auth.usePinCredentials --param reg.1.address
t_grep "summary of two" 'Summary: 2 match, 0 drift' "$T_OUT"
t_run "--mac of another phone is refused (exit 2)" 2 audit --phone 127.0.0.1:$PORT --mac 00:04:f2:aa:00:02
t_grep "says it is not the phone" 'this host is not the phone you named' "$T_ERR"

# 45 names: batches of 20, 20 and 5.
names=$(i=0; while [ $i -lt 45 ]; do printf -- '--param x.p%d ' $i; i=$((i + 1)); done)
: >"$T_TMP/p1.log.mark"
t_run "45 names" 0 audit --phone 127.0.0.1:$PORT $names
t_eq "batches of at most 20" "20 20 5" "$(grep 'config/get.*code=200' "$T_TMP/p1.log" | tail -n 3 | sed 's/.*names=//' | tr '\n' ' ' | sed 's/ $//')"

# Verdicts and reasons the demo phone does not show.
cat >"$T_TMP/p2.json" <<EOF2
{"phones": [{"mac": "0004f2aa0001", "model": "VVX 411", "shape": "v1",
  "password": "$PW", "auth": "basic", "prov_server": "https://other.example.com", "prov_type": "HTTPS",
  "params": {
   "reg.2.auth.usePinCredentials": {"Value": "0", "Source": "web"},
   "tcpIpApp.sntp.address": {"Value": "old.example.com", "Source": "config"},
   "up.screenSaver.enabled": {"Value": "0", "Source": "web"},
   "device.prov.password": {"Value": "flash-value", "Source": "device"},
   "reg.1.auth.usePinCredentials": {"Value": "1", "Source": "default"}}}]}
EOF2
sim p2 "$T_TMP/p2.json"
t_run "second phone" 1 audit --phone 127.0.0.1:$PORT --format json --param reg.2.auth.usePinCredentials \
    --param tcpIpApp.sntp.address --param up.screenSaver.enabled --param device.prov.password --param reg.1.auth.usePinCredentials
t_json "audit of the second phone" audit
J=$T_OUT
t_grep "phone-only: share default, phone set on web" '"verdict": "phone-only", +"reason": "set on the phone.s web UI' "$(row reg.2.auth.usePinCredentials)"
t_grep "config drift names the phone's server" 'has not re-read its configuration since the share changed, or it provisions from another server \(it uses https://other.example.com\)' "$(row tcpIpApp.sntp.address)"
t_grep "stale web override" 'changed on the phone.s web UI since it last uploaded overrides/0004f2aa0001-web.cfg' "$(row up.screenSaver.enabled)"
t_grep "device.* not applied" '"file_source": "not-applied".*"verdict": "drift", +"reason": "the share.s value is not applied: its .set is not 1' "$(row device.prov.password)"
t_nogrep "device value redacted" 'flash-value' "$J"
t_grep "basic was used" 'auth=basic' "$(cat "$T_TMP/p2.log")"
t_grep "v1 shape parsed" '"firmware": ' "$J"

# HTTPS: a certificate whose CN is the MAC, and one whose CN is not.
# P-256 keys: made at once, where RSA keys take up to a second each.
KEY="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
for cn in 0004f2aa0001 someone-else; do
	openssl req -x509 $KEY -nodes -days 2 -subj "/CN=$cn" \
	    -keyout "$T_TMP/$cn.key" -out "$T_TMP/$cn.pem" 2>/dev/null
done
phone '"auth": "both",' >"$T_TMP/p3.json"
sim p3 "$T_TMP/p3.json" --tls "$T_TMP/0004f2aa0001.pem" "$T_TMP/0004f2aa0001.key"
t_run "https with the phone's certificate" 1 "$POLYAUDIT" audit --share "$SAMPLES" --phone 127.0.0.1:$PORT --cacert "$T_TMP/0004f2aa0001.pem" --format json
t_json "audit over https" audit
t_grep "verified, no warning" '"insecure": false, +"tls_warning": null' "$(printf '%s' "$T_OUT" | tr -d '\n')"
t_run "https unverified without a CA: exit 2" 2 "$POLYAUDIT" audit --share "$SAMPLES" --phone 127.0.0.1:$PORT
t_run "--insecure is flagged" 1 "$POLYAUDIT" audit --share "$SAMPLES" --phone 127.0.0.1:$PORT --insecure
t_grep "text says TLS was not verified" 'WARNING: TLS not verified \(--insecure\)' "$T_OUT"
phone '"auth": "both",' >"$T_TMP/p4.json"
sim p4 "$T_TMP/p4.json" --tls "$T_TMP/someone-else.pem" "$T_TMP/someone-else.key"
t_run "https, certificate for another name" 1 "$POLYAUDIT" audit --share "$SAMPLES" --phone 127.0.0.1:$PORT --cacert "$T_TMP/someone-else.pem" --format json
t_json "audit with a TLS warning" audit
t_grep "CN warning" '"tls_warning": "certificate CN someone-else is not' "$T_OUT"
# The expected MAC is known (--mac, the inventory): a certificate that
# names another MAC, by CN or subjectAltName, stops the phone before any
# credentials go out.
openssl req -x509 $KEY -nodes -days 2 -subj "/CN=0004f2aa0009" \
    -keyout "$T_TMP/other.key" -out "$T_TMP/other.pem" 2>/dev/null
openssl req -x509 $KEY -nodes -days 2 -subj "/CN=phone" \
    -addext "subjectAltName=DNS:phone.example.com,DNS:00-04-f2-aa-00-09" \
    -keyout "$T_TMP/san.key" -out "$T_TMP/san.pem" 2>/dev/null
openssl req -x509 $KEY -nodes -days 2 -subj "/CN=phone" \
    -addext "subjectAltName=DNS:0004.f2aa.0009,DNS:00:04:F2:AA:00:01" \
    -keyout "$T_TMP/sanok.key" -out "$T_TMP/sanok.pem" 2>/dev/null
for c in other san; do
	sim "m-$c" "$T_TMP/p4.json" --tls "$T_TMP/$c.pem" "$T_TMP/$c.key"
	t_run "https, $c names another MAC: exit 2" 2 "$POLYAUDIT" audit --share "$SAMPLES" --phone 127.0.0.1:$PORT --cacert "$T_TMP/$c.pem" --mac 00:04:f2:aa:00:01
	t_grep "$c: the error names both MACs" "127\\.0\\.0\\.1:$PORT: .*certificate names MAC 0004f2aa0009, not the expected MAC 0004f2aa0001" "$T_ERR"
	t_eq "$c: no authenticated request" "" "$(grep -v 'auth=none' "$T_TMP/m-$c.log")"
done
echo "127.0.0.1:$PORT 0004f2aa0001" >"$T_TMP/m.inv"
t_run "https, inventory MAC, another MAC in the certificate: exit 2" 2 "$POLYAUDIT" audit --share "$SAMPLES" --inventory "$T_TMP/m.inv" --cacert "$T_TMP/san.pem" --format json
t_grep "inventory: the error names both MACs" '"error":"the certificate names MAC 0004f2aa0009, not the expected MAC 0004f2aa0001' "$T_OUT"
t_eq "inventory: no authenticated request" "" "$(grep -v 'auth=none' "$T_TMP/m-san.log")"
sim m-sanok "$T_TMP/p4.json" --tls "$T_TMP/sanok.pem" "$T_TMP/sanok.key"
t_run "https, the expected MAC among the names: audited" 1 "$POLYAUDIT" audit --share "$SAMPLES" --phone 127.0.0.1:$PORT --cacert "$T_TMP/sanok.pem" --mac 0004f2aa0001 --format json
t_grep "expected MAC among the names: report" '"error": null' "$T_OUT"

# Fault switches: each a clear error, exit 2, bounded time (hang and drip
# wait out --timeout, so theirs is 1 s; the others answer at once).  Each
# fault is a phone of its own, all audited at once, then checked in turn.
fault() {	# fault NAME FAULTS-JSON: start auditing a phone with FAULTS
	phone "\"auth\": \"digest\", \"faults\": {$2}," >"$T_TMP/f-$1.json"
	sim "f-$1" "$T_TMP/f-$1.json"
	case $1 in hang|drip) _t=1 ;; *) _t=5 ;; esac
	t_bg "f-$1" timeout 30 "$POLYAUDIT" audit --share "$SAMPLES" --scheme http --phone 127.0.0.1:$PORT --timeout $_t
}
fault_is() {	# fault_is NAME PATTERN: its audit failed, explained by PATTERN
	t_wait "f-$1" "fault $1" 2
	t_grep "fault $1 explained" "$2" "$T_ERR"
	t_nogrep "fault $1: password not shown" "$PW" "$T_OUT$T_ERR"
	kill "$(cat "$T_TMP/f-$1.pid")" 2>/dev/null
}
fault hang '"hang": true'
fault drip '"drip": true'
fault api_disabled '"api_disabled": true'
fault default_password '"default_password": true'
fault garbage '"garbage": true'
fault truncated '"truncated": true'
fault oversized '"oversized": true'
fault wrong_types '"wrong_types": true'
fault redirect '"redirect": "http://127.0.0.2:9/elsewhere"'
fault http_500 '"http_500": true'
fault status_5000 '"status_5000": true'
fault_is api_disabled 'REST API disabled'
fault_is default_password 'Status 4010.*localAdminPassword'
fault_is garbage 'device/info'
fault_is truncated 'device/info'
fault_is oversized 'exceeds'
fault_is wrong_types 'device/info'
fault_is redirect 'redirect to http://127.0.0.2:9/elsewhere'
fault_is http_500 'HTTP 500'
fault_is status_5000 'Status 5000'
fault_is hang 'no answer within|timed out|Timeout'
fault_is drip 'no answer within|timed out|Timeout'
phone '"auth": "digest",' | sed "s/\"password\": \"$PW\"/\"password\": \"not-the-one\"/" >"$T_TMP/w.json"
sim wrongpw "$T_TMP/w.json"
t_run "wrong password (exit 2)" 2 audit --phone 127.0.0.1:$PORT
t_grep "authentication failed" 'HTTP 401' "$T_ERR"
t_eq "exactly one authenticated attempt" 1 "$(grep -c 'auth=digest\|auth=basic' "$T_TMP/wrongpw.log")"
phone '"auth": "digest", "faults": {"busy_n": 1},' >"$T_TMP/b.json"
sim busy "$T_TMP/b.json"
t_run "busy once, then answers (exit 1)" 1 env POLYAUDIT_BUSY_MS=100 \
    "$POLYAUDIT" audit --share "$SAMPLES" --scheme http --phone 127.0.0.1:$PORT --param reg.1.label
t_grep "the busy answer was retried" 'code=403' "$(cat "$T_TMP/busy.log")"
t_run "nothing listening (exit 2)" 2 audit --phone 127.0.0.1:9 --timeout 5
t_grep "unreachable explained" '127\.0\.0\.1:9' "$T_ERR"

# firmware-drift: the samples' sip.ver says 5.9.6.2996, as the demo phone
# runs; the same phone on 5.9.8.5760 drifts.
t_run "firmware as the share says: no firmware-drift" 0 audit --phone 127.0.0.1:$PORT --param reg.1.auth.usePinCredentials --format json
t_nogrep "no firmware-drift without the cause" 'firmware-drift' "$T_OUT"
t_grep "the share's image and release" '"firmware": \{ *"path": "sip.ld", *"status": "ok"' "$(printf '%s' "$T_OUT" | tr -d '\n')"
phone '"auth": "digest",' | sed 's/"firmware": "5.9.6.2996"/"firmware": "5.9.8.5760"/' >"$T_TMP/fw.json"
sim fw "$T_TMP/fw.json"
t_run "another release than the share's: drift (exit 1)" 1 audit --phone 127.0.0.1:$PORT --param reg.1.auth.usePinCredentials --format json
t_grep "firmware-drift in JSON" '"severity": "warning", *"code": "firmware-drift", *"message": "the phone runs 5.9.8.5760, the share offers 5.9.6.2996 \(sip.ld, from sip.ver\)", *"file": "0004f2aa0001.cfg", *"line": 4' "$(printf '%s' "$T_OUT" | tr -d '\n')"
t_run "firmware-drift in text (exit 1)" 1 audit --phone 127.0.0.1:$PORT --param reg.1.auth.usePinCredentials
t_grep "text names both releases" '^WARNING: the phone runs 5.9.8.5760, the share offers 5.9.6.2996 \(sip.ld, from sip.ver\) \[firmware-drift\]' "$T_OUT"
t_grep "text names the image" '^Firmware: sip.ld \(APP_FILE_PATH, 0004f2aa0001.cfg:4\): ok, release 5.9.6.2996 from sip.ver' "$T_OUT"

# Issue 18.7-18.10: Trio model forms select one per-model list; a name
# left out of the answer; an empty server address; the server user.
TS=$T_TMP/trioshare
mkdir -p "$TS"
printf '<APPLICATION CONFIG_FILES="generic.cfg" CONFIG_FILES_Trio8800="trio.cfg"/>\n' >"$TS/000000000000.cfg"
printf '<c a.b="generic"/>\n' >"$TS/generic.cfg"
printf '<c a.b="trio" x.omitted="1" x.listed="2" u.cjk="受付 Zürich" u.long="Ünïcödé ünïcödé 受付受付受付受付 ünïcödé"/>\n' >"$TS/trio.cfg"
trio() {	# trio MAC MODEL
	printf '{"mac": "%s", "model": "%s", "password": "%s", "auth": "basic",
  "prov_server": "", "prov_type": "FTP", "prov_user": "PlcmSpIp",
  "params": {"a.b": {"Value": "trio", "Source": "config"},
   "u.cjk": {"Value": "受付 Zürich", "Source": "config"},
   "u.long": {"Value": "Ünïcödé ünïcödé 受付受付受付受付 ünïcödé", "Source": "web"}},
  "omitted": ["x.omitted"], "unknown": ["x.listed"]}' "$1" "$2" "$PW"
}
{ printf '{"phones": [\n'; trio 0004f2aa0031 "RealPresence Trio 8800"; printf ',\n'
  trio 0004f2aa0032 "Trio 8800"; printf ',\n'; trio 0004f2aa0033 "Poly Trio 8800"; printf ']}\n'; } >"$T_TMP/trio.json"
sim trio "$T_TMP/trio.json"
awk '{ print "127.0.0.1:" $2 }' "$T_TMP/trio.ports" >"$T_TMP/trio.inv"
t_run "three Trio model forms (exit 1: unknown names)" 1 "$POLYAUDIT" audit --share "$TS" --scheme http --inventory "$T_TMP/trio.inv" --jobs 1
for m in "RealPresence Trio 8800" "Trio 8800" "Poly Trio 8800"; do
	t_grep "reported model $m shown beside its token" "model $m \\(files: Trio8800\\), firmware" "$T_OUT"
done
t_eq "UTF-8 values: aligned by display width" "" "$(aligned "$T_OUT")"
t_grep "UTF-8 value cut on a character, by columns" '"Ünïcödé ünïcödé 受付受付\.\.\." ' "$T_OUT"
t_eq "each form selects CONFIG_FILES_Trio8800" 3 "$(t_count '^  a\.b +match +"trio" +"trio" +trio\.cfg:1' "$T_OUT")"
t_eq "empty server address: none reported, with type and user" 3 \
    "$(t_count '^Provisioning server the phone uses: none reported \(FTP, user PlcmSpIp\)$' "$T_OUT")"
t_nogrep "no (none) (FTP)" '\(none\)' "$T_OUT"
t_eq "left out of the answer: said so" 3 "$(t_count 'why: the phone left the parameter out of its answer without listing it under InvalidParams' "$T_OUT")"
t_eq "listed under InvalidParams: said so" 3 "$(t_count 'why: this firmware does not know the parameter: the phone lists it under InvalidParams' "$T_OUT")"
t_run "Trio json" 1 "$POLYAUDIT" audit --share "$TS" --scheme http --phone "$(head -n 1 "$T_TMP/trio.inv")" --format json
t_grep "json: reported model" '"model_reported": "RealPresence Trio 8800"' "$T_OUT"
t_grep "json: token" '"model": "Trio8800"' "$T_OUT"
t_grep "json: server user" '"prov_user": "PlcmSpIp"' "$T_OUT"
t_run "Trio html" 1 "$POLYAUDIT" audit --share "$TS" --scheme http --phone "$(head -n 1 "$T_TMP/trio.inv")" --format html
t_grep "html: reported model beside its token" 'model RealPresence Trio 8800 \(files: Trio8800\), firmware' "$T_OUT"
t_grep "html: none reported, server user" 'provisioning server <span class="none">none reported</span>, user PlcmSpIp' "$T_OUT"
kill "$(cat "$T_TMP/trio.pid")" 2>/dev/null

t_run "--password on the command line is refused" 2 audit --phone 127.0.0.1:9 --password x
t_run "--phone and --inventory together" 2 audit --phone 127.0.0.1:9 --inventory -
t_run "neither --phone nor --inventory" 2 audit
t_done
