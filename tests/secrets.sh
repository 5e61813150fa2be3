#!/bin/sh
# Secrets never reach output unless --show-secrets: passwords planted in
# share files (every secret parameter, model-suffixed, shadowed, in
# conflict, in overrides), in CONFIG_FILES URL entries, in the phone's
# answers and the admin password itself are grepped for in both output
# streams of every command and format.  The admin password is never taken
# from the command line.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/sim.sh"
S=$T_TMP/share
mkdir -p "$S/overrides"
cat >"$S/000000000000.cfg" <<'EOX'
<APPLICATION OVERRIDES_DIRECTORY="overrides" CONFIG_FILES="ftp://prov:PLANTED-URLPW@prov.example.com/x.cfg, secrets.cfg, secrets2.cfg, https://u:PLANTED-URLPW2@h.example.com:8080/y.cfg" device.prov.password="PLANTED-MASTER"/>
EOX
cat >"$S/secrets.cfg" <<'EOX'
<x reg.1.address="a@example.com" reg.1.auth.password="PLANTED-REG1"
   reg.1.auth.password.VVX411="PLANTED-MODEL" reg.2.auth.password="PLANTED-REG2"
   device.set="1" device.prov.password="PLANTED-PROV" device.prov.password.set="1"
   device.auth.localAdminPassword="PLANTED-ADMIN"
   device.auth.localAdminPassword.set="1" reg.1.auth.usePinCredentials="1"
   tcpIpApp.sntp.sharedSECRET="PLANTED-CASE1" reg.1.auth.PIN="PLANTED-CASE2"
   device.prov.serverName="ftp://bob:PLANTED-SERVERURL@prov.example.com/"
   device.prov.serverName.set="1" reg.2.address="sip:alice@example.com"/>
EOX
cat >"$S/secrets2.cfg" <<'EOX'
<x reg.1.auth.password="PLANTED-SHADOWED" reg.2.auth.password="PLANTED-CONFLICT"
   device.prov.serverName="https://eve:PLANTED-SERVERURL2@other.example.com/"
   device.auth.localAdminPassword="PLANTED-ADMIN2"/>
EOX
cp "$S/secrets2.cfg" "$S/0004f2cc0002.cfg"
echo '<x reg.1.auth.password="PLANTED-WEB"/>' >"$S/overrides/0004f2cc0001-web.cfg"
echo '<x device.auth.localAdminPassword="PLANTED-PHONEOV"/>' >"$S/overrides/0004f2cc0001-phone.cfg"
M=0004f2cc0001

# clean NAME CMD...: CMD's stdout and stderr hold no planted secret.
clean() {
	_name=$1; shift
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	_rc=$?
	if [ $_rc -ge 2 ] && [ $_rc -ne 2 ] || [ ! -s "$T_TMP/out" ] && [ ! -s "$T_TMP/err" ]; then
		t_fail "$_name: ran (exit $_rc)" "$(cat "$T_TMP/err")"; return
	fi
	if grep -h PLANTED "$T_TMP/out" "$T_TMP/err" >"$T_TMP/hits"; then
		t_fail "$_name: no secret in output" "$(head -n 10 "$T_TMP/hits")"
	else
		t_ok "$_name: no secret in output (exit $_rc)"
	fi
}

for f in text json; do
	clean "files $f" "$POLYAUDIT" files --share "$S" --mac $M --format $f
done
for f in text json csv; do
	for m in "" "--model VVX411"; do
		clean "show --all $m $f" "$POLYAUDIT" show --share "$S" --mac $M --all $m --format $f
		clean "show secrets2 phone $m $f" "$POLYAUDIT" show --share "$S" --mac 0004f2cc0002 --all $m --format $f
	done
	clean "show --param $f" "$POLYAUDIT" show --share "$S" --mac $M --format $f \
	    --param reg.1.auth.password --param reg.2.auth.password \
	    --param device.prov.password --param device.auth.localAdminPassword
	clean "show pin set $f" "$POLYAUDIT" show --share "$S" --mac $M --format $f
	clean "scan $f" "$POLYAUDIT" scan --share "$S" --format $f
	clean "scan --param $f" "$POLYAUDIT" scan --share "$S" --format $f \
	    --param reg.1.auth.password --param device.auth.localAdminPassword \
	    --param device.prov.password
	clean "scan --model $f" "$POLYAUDIT" scan --share "$S" --model VVX411 --format $f \
	    --param reg.1.auth.password
done

# The control: --show-secrets does show them, so the greps above can fail.
t_run "show --show-secrets" 1 "$POLYAUDIT" show --share "$S" --mac $M --all --show-secrets
t_grep "--show-secrets shows a planted value" "PLANTED-WEB" "$T_OUT"
# Secret names match in any case: SECRET in a word, PIN as a component.
t_grep "--show-secrets shows sharedSECRET" "PLANTED-CASE1" "$T_OUT"
t_grep "--show-secrets shows reg.1.auth.PIN" "PLANTED-CASE2" "$T_OUT"

# No --password option, in any spelling; nothing echoed back.
for a in "--password PLANTED-ARGV" "--password=PLANTED-ARGV" "-p PLANTED-ARGV"; do
	# shellcheck disable=SC2086
	t_run "audit $a is a usage error" 2 "$POLYAUDIT" audit --share "$S" \
	    --phone 127.0.0.1:1 $a
	t_nogrep "audit $a: not echoed" PLANTED "$T_OUT$T_ERR"
done

# audit: the admin password from each source, every format, and the
# error paths (wrong password, redirect carrying credentials).
sim_start s "$SRCDIR/tests/phones/secrets.json" || t_fail "simulator starts"
P0=127.0.0.1:$(sim_port s 0)
echo PLANTED-ADMINPW >"$T_TMP/pw"
for f in text json csv; do
	POLYAUDIT_PASSWORD=PLANTED-ADMINPW clean "audit env $f" "$POLYAUDIT" \
	    audit --share "$S" --phone "$P0" --scheme http --format $f
	t_grep "audit env $f: the phone was read" "0004f2cc0001|reg\.1\.auth\.password" "$(cat "$T_TMP/out")"
	clean "audit --password-file $f" "$POLYAUDIT" audit --share "$S" \
	    --phone "$P0" --scheme http --format $f --password-file "$T_TMP/pw"
	clean "audit --password-stdin $f" "$POLYAUDIT" audit --share "$S" \
	    --phone "$P0" --scheme http --format $f --password-stdin <"$T_TMP/pw"
done
awk '{ printf "127.0.0.1:%s\n", $2 }' "$T_TMP/s.ports" >"$T_TMP/inv"
for f in text json csv; do
	POLYAUDIT_PASSWORD=PLANTED-ADMINPW clean "audit fleet $f" "$POLYAUDIT" \
	    audit --share "$S" --inventory "$T_TMP/inv" --scheme http --format $f
done
POLYAUDIT_PASSWORD=PLANTED-ADMINPW clean "audit wrong password" "$POLYAUDIT" \
    audit --share "$S" --phone "127.0.0.1:$(sim_port s 1)" --scheme http
POLYAUDIT_PASSWORD=PLANTED-ADMINPW clean "audit redirect with credentials" \
    "$POLYAUDIT" audit --share "$S" --phone "127.0.0.1:$(sim_port s 2)" --scheme http
t_nogrep "simulator log holds no password" PLANTED "$(cat "$T_TMP/s.log")"
# One planted value per row of the secret-name table (src/redact.c,
# SECURITY.md), and names that stay visible although a row nearly matches.
R=$T_TMP/rows
mkdir -p "$R"
secret_names="reg.3.auth.password device.auth.localUserPassword dir.corp.password
a.password.b.c device.logincred.password device.net.dot1x.password
xmpp.1.auth.password prov.login.localPassword device.prov.lyncDeviceUpdatePassword
x.y.passwd extension.secret reg.1.pin device.logincred.pin reg.1.auth.userPin
device.sec.configEncryption.key device.wifi.psk.key device.wifi.wep.key2
sec.TLS.customDeviceKey sec.TLS.customDeviceKey.1 x.tls.privateKey
device.snmp.community reg.1.auth.password.VVX411"
visible_names="reg.1.auth.usePinCredentials device.auth.localAdminPassword.set
prov.login.localPassword.hashed up.echoPasswordDigits device.wifi.psk.keyType
device.wifi.wep.defaultKey log.level.change.key device.sec.configEncryption.key.set
dir.corp.auth.useLoginCredentials sec.srtp.key.lifetime prov.loginCredPwdFlushed.enabled"
{
	printf '<x'
	i=0; for n in $secret_names; do i=$((i + 1)); printf ' %s="PLANTED-ROW%d"' "$n" $i; done
	i=0; for n in $visible_names; do i=$((i + 1)); printf ' %s="VISIBLE-%d"' "$n" $i; done
	printf '/>\n'
} >"$R/rows.cfg"
echo '<APPLICATION CONFIG_FILES="rows.cfg"/>' >"$R/0004f2cc0003.cfg"
for f in text json csv; do
	t_run "secret rows, $f (exit 0)" 0 "$POLYAUDIT" show --share "$R" --mac 0004f2cc0003 --all --format $f
	eval "ROWS_$f=\$T_OUT"
done
t_run "secret rows, --show-secrets (exit 0)" 0 "$POLYAUDIT" show --share "$R" --mac 0004f2cc0003 --all --show-secrets --format json
i=0
for n in $secret_names; do
	i=$((i + 1))
	if printf '%s\n%s\n%s\n' "$ROWS_text" "$ROWS_json" "$ROWS_csv" | grep -q "PLANTED-ROW$i\"\|PLANTED-ROW$i,\|PLANTED-ROW$i\$"; then
		t_fail "secret name $n redacted"
	elif ! printf '%s\n' "$T_OUT" | grep -q "\"name\": \"$n\",.*\"value\": \"PLANTED-ROW$i\"" &&
	    ! printf '%s\n' "$T_OUT" | tr -d '\n' | grep -q "\"name\": \"$n\", *\"value\": \"PLANTED-ROW$i\""; then
		t_fail "secret name $n: --show-secrets shows it" "$(printf '%s\n' "$T_OUT" | grep -A1 "\"$n\"")"
	else
		t_ok "secret name $n redacted in text, JSON and CSV"
	fi
done
i=0
for n in $visible_names; do
	i=$((i + 1))
	t_grep "switch $n stays visible" "\"name\": \"$n\", *\"value\": \"VISIBLE-$i\"" "$(printf '%s\n' "$ROWS_json" | tr -d '\n')"
done
# A URL value with a password is a secret whatever its name; a SIP URI of
# the same user@host shape holds none and stays visible.
t_run "show a URL value with a password" 1 "$POLYAUDIT" show --share "$S" --mac $M \
    --param device.prov.serverName --param reg.2.address
t_grep "the URL value shows as ***" 'device\.prov\.serverName +"\*\*\*"' "$T_OUT"
t_grep "a SIP URI stays visible" '"sip:alice@example.com"' "$T_OUT"

t_done
