#!/bin/sh
# Would a phone trust the share's server?  Real HTTPS (tests/remote_srv.py)
# and FTPS (vsftpd, implicit) servers on 127.0.0.1 with certificates made
# here by the openssl CLI: a good chain whose CA the configuration
# installs, an expired certificate, a wrong name, an unknown CA; each
# tls-* code present with its cause and absent without it.  polyaudit's
# own trust (CURL_CA_BUNDLE) is kept apart from the phone's public roots
# (OpenSSL's default store, moved here with SSL_CERT_FILE).
. "$SRCDIR/tests/lib.sh"

ROOT=$T_TMP/root
C=$T_TMP/certs
PW='Tls-Pw-never-sent-5c1d'
mkdir -p "$ROOT" "$C"
unset POLYAUDIT_SHARE_PASSWORD CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR
export POLYAUDIT_SHARE_TIMEOUT=5

# Test-only keys, made now and removed with $T_TMP: P-256, made at once
# (an RSA key takes up to a second; the key type decides no tls-* case).
KEY="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
openssl_ok() {
	"$@" >>"$C/openssl.log" 2>&1 ||
		t_fail "openssl: $*" "$(tail -n 5 "$C/openssl.log")"
}
# ca NAME SUBJECT: a self-signed CA certificate $C/NAME.pem.
ca() {
	openssl_ok openssl req -x509 $KEY -nodes -days 30 \
	    -subj "$2" -keyout "$C/$1.key" -out "$C/$1.pem"
}
# leaf NAME CA SAN START END: a server certificate signed by CA, with its
# key in $C/NAME.server (what the servers load).
leaf() {
	mkdir -p "$C/$1.db"
	: >"$C/$1.db/index.txt"
	echo 01 >"$C/$1.db/serial"
	cat >"$C/$1.cnf" <<EOF
[ca]
default_ca = tca
[tca]
dir = $C/$1.db
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
x509_extensions = ext
[any]
commonName = supplied
[ext]
basicConstraints = CA:FALSE
subjectAltName = $3
EOF
	openssl_ok openssl req $KEY -nodes -subj /CN=127.0.0.1 \
	    -keyout "$C/$1.key" -out "$C/$1.csr"
	openssl_ok openssl ca -batch -notext -config "$C/$1.cnf" \
	    -cert "$C/$2.pem" -keyfile "$C/$2.key" -in "$C/$1.csr" \
	    -out "$C/$1.pem" -startdate "$4" -enddate "$5"
	cat "$C/$1.key" "$C/$1.pem" >"$C/$1.server"
}
ca phoneca "/O=polyaudit tests/CN=Test Phone CA"
ca otherca "/O=polyaudit tests/CN=Unknown Test CA"
ca publicca "/O=polyaudit tests/CN=Stand-in Public Root"
leaf good phoneca IP:127.0.0.1 20200101000000Z 20991231000000Z
leaf expired phoneca IP:127.0.0.1 20200101000000Z 20200201000000Z
leaf name phoneca DNS:other.example 20200101000000Z 20991231000000Z
leaf unknown otherca IP:127.0.0.1 20200101000000Z 20991231000000Z
# polyaudit itself trusts every test CA; the phone's public roots hold
# only a CA no test server uses, unless a case says otherwise.
cat "$C/phoneca.pem" "$C/otherca.pem" >"$C/polyaudit-trust.pem"
export CURL_CA_BUNDLE="$C/polyaudit-trust.pem"
export SSL_CERT_FILE="$C/publicca.pem"

# The share: one master per phone, each naming its own CA file.
# ca_attr NAME FILE: NAME="<the PEM of FILE>" (XML keeps its newlines as
# spaces, as a real template's attribute does).
ca_attr() {
	printf '%s="' "$1"
	cat "$2"
	printf '"'
}
phone() {	# phone MAC FILE
	cat >"$ROOT/$1.cfg" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<APPLICATION APP_FILE_PATH="" CONFIG_FILES="$2"/>
EOF
}
phone 0004f2000011 device-ca.cfg
phone 0004f2000012 no-ca.cfg
phone 0004f2000013 app-ca.cfg
phone 0004f2000014 gated-ca.cfg
phone 0004f2000015 bad-ca.cfg
phone 0004f2000016 other-ca.cfg
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<c device.set="1" device.sec.TLS.customCaCert1.set="1"\n  '
	ca_attr device.sec.TLS.customCaCert1 "$C/phoneca.pem"
	printf '/>\n'
} >"$ROOT/device-ca.cfg"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<c up.x="1"/>\n' \
    >"$ROOT/no-ca.cfg"
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<c '
	ca_attr sec.TLS.customCaCert.1 "$C/phoneca.pem"
	printf '/>\n'
} >"$ROOT/app-ca.cfg"
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<c device.set="1" device.sec.TLS.customCaCert1.set="0"\n  '
	ca_attr device.sec.TLS.customCaCert1 "$C/phoneca.pem"
	printf '/>\n'
} >"$ROOT/gated-ca.cfg"
cat >"$ROOT/bad-ca.cfg" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<c device.set="1" device.sec.TLS.customCaCert1.set="1"
  device.sec.TLS.customCaCert1="{$polycom_root_cert}"/>
EOF
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<c device.set="1" device.sec.TLS.customCaCert2.set="1"\n  '
	ca_attr device.sec.TLS.customCaCert2 "$C/otherca.pem"
	printf '/>\n'
} >"$ROOT/other-ca.cfg"
chmod -R a+rX "$T_TMP"

# https NAME CERT: serve $ROOT over HTTPS with the password $PW, logging
# each request to $T_TMP/NAME.req and each connection to $T_TMP/NAME.conn.
https() {
	: >"$T_TMP/$1.req"
	: >"$T_TMP/$1.conn"
	SRV_PASSWORD=$PW SRV_LOG=$T_TMP/$1.req SRV_CONNLOG=$T_TMP/$1.conn t_start "$1" /usr/bin/python3 \
	    "$SRCDIR/tests/remote_srv.py" https "$ROOT" "$T_TMP/$1.port" "$2"
}
https good "$C/good.server"
https expired "$C/expired.server"
https name "$C/name.server"
https unknown "$C/unknown.server"
# A server that never answers (its case waits out 1 s beside the others).
: >"$T_TMP/silent.conn"
SRV_CONNLOG=$T_TMP/silent.conn t_start silent /usr/bin/python3 \
    "$SRCDIR/tests/remote_srv.py" silent "$ROOT" "$T_TMP/silent.port"
t_vsftpd ftpsgood "$ROOT" "$C/good.server"
t_vsftpd ftpsexpired "$ROOT" "$C/expired.server"
for s in good expired name unknown ftpsgood ftpsexpired; do
	eval "P_$s=\$(cat \"\$T_TMP/$s.port\" 2>/dev/null)"
done

TLS='\[tls-(expired|name|untrusted)\]'
ALL=$T_TMP/all-output
: >"$ALL"
# pa ARGS...: polyaudit, its output also kept for the password check.
pa() {
	"$POLYAUDIT" "$@" >"$T_TMP/pa.out" 2>"$T_TMP/pa.err"
	_r=$?
	cat "$T_TMP/pa.out" "$T_TMP/pa.err" >>"$ALL"
	cat "$T_TMP/pa.out"
	cat "$T_TMP/pa.err" >&2
	return $_r
}
files() { pa files --mac "$@"; }
t_bg silent env POLYAUDIT_SHARE_TIMEOUT=1 "$POLYAUDIT" files --mac 0004f2000012 \
    --share "https://127.0.0.1:$(cat "$T_TMP/silent.port")/"

# A good chain whose CA the configuration installs: no finding, over
# HTTPS and FTPS, through the device slot or an application slot.
G="https://alice:$PW@127.0.0.1:$P_good/"
t_run "good chain, CA in device.sec.TLS.customCaCert1" 0 files 0004f2000011 --share "$G"
t_nogrep "good chain: no tls finding" "$TLS" "$T_OUT"
# HTTP/1.0: one connection per request, and none more for the chain.
t_eq "good chain: read from the transfers, no connection of its own" \
    "$(wc -l <"$T_TMP/good.req")" "$(wc -l <"$T_TMP/good.conn")"
t_grep "(the transfers were counted)" '^[0-9]+ /0004f2000011\.cfg$' "$(cat "$T_TMP/good.req")"
t_run "good chain, CA in sec.TLS.customCaCert.1" 0 files 0004f2000013 --share "$G"
t_nogrep "application slot: no tls finding" "$TLS" "$T_OUT"
t_run "ftps: good chain, CA installed" 0 files 0004f2000011 --share "ftps://127.0.0.1:$P_ftpsgood/"
t_nogrep "ftps good chain: no tls finding" "$TLS" "$T_OUT"
t_grep "ftps: the files were read" "device-ca.cfg +ok" "$T_OUT"

# The same server to a phone without the CA: tls-untrusted names it.
t_run "no CA installed" 1 files 0004f2000012 --share "$G"
t_grep "tls-untrusted names the CA needed" \
    '^  warning: a phone would not trust 127\.0\.0\.1: its chain needs the CA "CN=Test Phone CA,O=polyaudit tests", and neither the public roots nor the 0 CA certificates the configuration installs hold it \[tls-untrusted\]$' "$T_OUT"
t_nogrep "no CA: neither tls-expired nor tls-name" 'tls-(expired|name)' "$T_OUT"
t_run "no CA installed (json)" 1 files 0004f2000012 --share "$G" --format json
t_json "files json with tls-untrusted" files
t_grep "json: tls-untrusted" '"code": *"tls-untrusted"' "$(tr -d '\n' <"$T_TMP/out")"
t_run "ftps: no CA installed" 1 files 0004f2000012 --share "ftps://127.0.0.1:$P_ftpsgood/"
t_grep "ftps: tls-untrusted" 'needs the CA "CN=Test Phone CA,O=polyaudit tests".*\[tls-untrusted\]' "$T_OUT"
t_run "CA not applied (device.sec.TLS.customCaCert1.set=0)" 1 files 0004f2000014 --share "$G"
t_grep "a gated-off CA does not count" '0 CA certificates .*\[tls-untrusted\]' "$T_OUT"
t_run "a CA value that is no certificate" 1 files 0004f2000015 --share "$G"
t_grep "the unreadable CA value is named by file and line" \
    'device\.sec\.TLS\.customCaCert1 \(bad-ca\.cfg:3\) holds no certificate that can be read \[tls-untrusted\]' "$T_OUT"
t_run "another CA installed" 1 files 0004f2000016 --share "$G"
t_grep "another CA: still untrusted, 1 CA counted" 'needs the CA "CN=Test Phone CA,O=polyaudit tests", and neither the public roots nor the 1 CA certificate the' "$T_OUT"
SSL_CERT_FILE=$C/phoneca.pem t_run "the CA among the public roots" 0 files 0004f2000012 --share "$G"
t_nogrep "public root: no tls finding" "$TLS" "$T_OUT"

# An unknown CA: the chain reaches a CA no slot holds.
t_run "unknown CA" 1 files 0004f2000011 --share "https://alice:$PW@127.0.0.1:$P_unknown/"
t_grep "tls-untrusted names the unknown CA" 'needs the CA "CN=Unknown Test CA,O=polyaudit tests", and neither the public roots nor the 1 CA certificate the configuration installs hold it \[tls-untrusted\]' "$T_OUT"
t_nogrep "unknown CA: neither tls-expired nor tls-name" 'tls-(expired|name)' "$T_OUT"
t_run "unknown CA installed in slot 2" 0 files 0004f2000016 --share "https://alice:$PW@127.0.0.1:$P_unknown/"
t_nogrep "unknown CA installed: no tls finding" "$TLS" "$T_OUT"

# A wrong name: the URL's host is not in subjectAltName.
t_run "wrong name" 1 files 0004f2000011 --share "https://alice:$PW@127.0.0.1:$P_name/"
t_grep "tls-name says what the certificate names" \
    "^  warning: the server's certificate does not name 127\.0\.0\.1 in its subjectAltName \(DNS:other\.example\); its subject CN does, and whether phones fall back to the CN is not documented \[tls-name\]$" "$T_OUT"
t_nogrep "wrong name: no tls-expired, no tls-untrusted warning" 'tls-expired|warning: .*tls-untrusted' "$T_OUT"
t_grep "files not read: a note, the CA needed, trust cannot be told" \
    "^  note: the chain of 127\.0\.0\.1 needs the CA \"CN=Test Phone CA,O=polyaudit tests\", which no public root holds; whether the configuration installs it cannot be told: 3 of its files were not read \(first: 0004f2000011\.cfg\) \[tls-untrusted\]$" "$T_OUT"
SSL_CERT_FILE=$C/phoneca.pem t_run "wrong name, the CA a public root" 1 files 0004f2000011 --share "https://alice:$PW@127.0.0.1:$P_name/"
t_nogrep "a public root: no tls-untrusted note either" 'tls-untrusted' "$T_OUT"
t_grep "polyaudit itself refuses the name (its own trust)" "refused: .*127\.0\.0\.1" "$T_OUT"
t_run "wrong name (json)" 1 files 0004f2000011 --share "https://alice:$PW@127.0.0.1:$P_name/" --format json
t_json "files json with tls-name" files

# Expired: the chain is read without sending the password or a request.
t_run "expired certificate" 1 files 0004f2000011 --share "https://alice:$PW@127.0.0.1:$P_expired/"
t_grep "tls-expired names the certificate and the date" \
    "^  warning: the server's certificate \"CN=127\.0\.0\.1\" of 127\.0\.0\.1 expired on 2020-02-01 00:00:00 UTC \[tls-expired\]$" "$T_OUT"
t_nogrep "expired: tls-name absent, no tls-untrusted warning" 'tls-name|warning: .*tls-untrusted' "$T_OUT"
t_eq "expired: the server got no request (no credentials sent)" 0 "$(wc -l <"$T_TMP/expired.req")"
t_eq "expired: one handshake for the chain" 1 "$(grep -c connect "$T_TMP/expired.conn")"
t_run "ftps: expired certificate" 1 files 0004f2000011 --share "ftps://127.0.0.1:$P_ftpsexpired/"
t_grep "ftps: tls-expired" "expired on 2020-02-01 00:00:00 UTC \[tls-expired\]" "$T_OUT"
t_nogrep "ftps expired: no FTP command reached the server" 'FTP command' "$(cat "$T_TMP/ftpsexpired.proto")"
t_run "expired (json)" 1 files 0004f2000011 --share "https://alice:$PW@127.0.0.1:$P_expired/" --format json
t_json "files json with tls-expired" files
t_grep "json: tls-expired" '"code": *"tls-expired"' "$T_OUT"

# show and audit say the same for their phone.
t_run "show: no CA" 1 pa show --mac 0004f2000012 --share "$G"
t_grep "show: tls-untrusted" 'Test Phone CA.*\[tls-untrusted\]' "$T_OUT"
t_run "show: CA installed" 0 pa show --mac 0004f2000011 --share "$G"
t_nogrep "show: no tls finding" "$TLS" "$T_OUT"
t_demo_phone 'Tls-Adm1n'
cp "$ROOT/0004f2000012.cfg" "$ROOT/0004f2aa0001.cfg"
POLYAUDIT_PASSWORD=Tls-Adm1n t_run "audit: no CA" 1 pa audit \
    --share "$G" --scheme http --phone "127.0.0.1:$PORT" --format json
t_json "audit json with tls-untrusted" audit
t_grep "audit: tls-untrusted" '"code": *"tls-untrusted"' "$T_OUT"
t_nogrep "audit: no other tls code" '"code": *"tls-(expired|name)"' "$T_OUT"

# A server that never answers is not asked again for its chain: one
# connection (the transfers wait for the first), no tls finding.
t_wait silent "a silent https server" 1
cat "$T_TMP/bg-silent.out" "$T_TMP/bg-silent.err" >>"$ALL"
t_nogrep "silent: no tls finding" "$TLS" "$T_OUT"
t_eq "silent: one connection, none more for the chain" 1 "$(grep -c connect "$T_TMP/silent.conn")"

# Other shares: no chain, no tls finding.
t_run "a directory share: no tls finding" 0 files 0004f2000012 --share "$ROOT"
t_nogrep "directory: no tls finding" "$TLS" "$T_OUT"
t_nogrep "the share password is in no output" "$PW" "$(cat "$ALL")"
t_grep "(the output check saw the runs)" "tls-expired" "$(cat "$ALL")"
t_done
