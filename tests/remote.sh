#!/bin/sh
# Remote shares: real FTP, FTPS, HTTP, HTTPS and TFTP servers on 127.0.0.1
# serve the samples and a corpus set, and every one must give the same
# answer as the directory.  Servers: tests/remote_srv.py (pyftpdlib and
# Python's http.server), vsftpd (implicit FTPS, anonymous) and tftpd-hpa's
# in.tftpd; tools/setup.sh installs them.  A server that does not start is a failure, never a skip.
. "$SRCDIR/tests/lib.sh"

PY=/usr/bin/python3
SRV=$SRCDIR/tests/remote_srv.py
PW='Pw-never-printed-7f3a'	# grepped for in every output at the end
ALL=$T_TMP/all-output
: >"$ALL"
ROOT=$T_TMP/root
SET=fusionpbx-650
SETMAC=0004f2000001
unset POLYAUDIT_SHARE_PASSWORD CURL_CA_BUNDLE SSL_CERT_DIR

# run NAME RC ARGS...: t_run polyaudit, keeping every output stream for
# the password check.
run() {
	_n=$1 _r=$2; shift 2
	t_run "$_n" "$_r" "$POLYAUDIT" "$@"
	printf '%s\n%s\n' "$T_OUT" "$T_ERR" >>"$ALL"
}

t_need_corpus "remote shares (served with a corpus set)" || { t_done; exit; }
# The tree every server serves: samples at the root, a corpus set below,
# and a file outside the set that no "../" may reach.
mkdir -p "$ROOT/sets"
cp -R "$SRCDIR/samples/." "$ROOT/"
cp -R "$CORPUS/sets/$SET" "$ROOT/sets/$SET"
cat >"$ROOT/sets/outside.cfg" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<polycomConfig><x outside.leak="LEAKED"/></polycomConfig>
EOF
chmod -R a+rX "$T_TMP"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$T_TMP/key.pem" \
    -out "$T_TMP/cert.pem" >"$T_TMP/openssl.log" 2>&1 ||
	t_fail "test certificate" "$(cat "$T_TMP/openssl.log")"
cat "$T_TMP/key.pem" "$T_TMP/cert.pem" >"$T_TMP/server.pem"

SRV_PASSWORD=$PW t_start ftp $PY "$SRV" ftp "$ROOT" "$T_TMP/ftp.port"
t_start http $PY "$SRV" http "$ROOT" "$T_TMP/http.port"
SRV_PASSWORD=$PW t_start https $PY "$SRV" https "$ROOT" "$T_TMP/https.port" \
    "$T_TMP/server.pem"
t_start silent $PY "$SRV" silent "$ROOT" "$T_TMP/silent.port"

# freeport tcp|udp: a port the kernel says is free now.
freeport() {
	$PY -c 'import socket, sys; s = socket.socket(socket.AF_INET,
socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' "$1"
}

t_vsftpd ftps "$ROOT" "$T_TMP/server.pem"
t_vsftpd ftpsc "$ROOT" "$T_TMP/server.pem" max_per_ip=2

# in.tftpd takes its port on the command line too.  It must chroot to
# serve a directory, which needs root.
tport=$(freeport udp)
if [ "$(id -u)" -ne 0 ]; then
	t_fail "tftp server starts" "in.tftpd -s needs root to chroot"
elif ! [ -x /usr/sbin/in.tftpd ]; then
	t_fail "tftp server starts" "no /usr/sbin/in.tftpd: install tftpd-hpa" \
	    "(tools/setup.sh)"
else
	/usr/sbin/in.tftpd -L -a "127.0.0.1:$tport" -u root -s "$ROOT" \
	    >"$T_TMP/tftp.log" 2>&1 &
	echo $! >"$T_TMP/tftp.pid"
	t_until 5 t_listen_or_gone udp "$tport" "$T_TMP/tftp.pid"
	if t_listening udp "$tport"; then
		echo "$tport" >"$T_TMP/tftp.port"
		t_ok "tftp server starts on 127.0.0.1:$tport"
	else
		t_fail "tftp server starts" "$(cat "$T_TMP/tftp.log")"
	fi
fi

P_FTP=$(cat "$T_TMP/ftp.port" 2>/dev/null)
P_FTPS=$(cat "$T_TMP/ftps.port" 2>/dev/null)
P_HTTP=$(cat "$T_TMP/http.port" 2>/dev/null)
P_HTTPS=$(cat "$T_TMP/https.port" 2>/dev/null)
P_TFTP=$(cat "$T_TMP/tftp.port" 2>/dev/null)
P_SILENT=$(cat "$T_TMP/silent.port" 2>/dev/null)
export CURL_CA_BUNDLE="$T_TMP/cert.pem"
# A phone trusts the test certificate too, as a public root: what a
# phone makes of a chain is tests/tls.sh's.
export SSL_CERT_FILE="$T_TMP/cert.pem"

# --- the same answers as the directory -------------------------------
# nolisting: JSON on stdin without the no-listing note, which only a
# share that cannot be listed (TFTP) adds, and without prov-redirect,
# which compares the samples' device.prov.serverName with the share's URL
# (tests/diagnose.sh tests it).
# With NOFW set (TFTP), also without the firmware image's presence, which
# only a listing tells (the image itself is never fetched).
nolisting() {
	NOFW=${NOFW:-} $PY -c 'import json, os, sys
d = json.load(sys.stdin)
drop = ["no-listing", "prov-redirect"]
if os.environ["NOFW"]:
	drop.append("firmware-missing")
	if d.get("firmware"):
		d["firmware"]["status"] = "unchecked"
		d["firmware"]["version"] = d["firmware"]["version_from"] = None
d["findings"] = [f for f in d["findings"] if f["code"] not in drop]
print(json.dumps(d, indent=2, sort_keys=True))'
}

run "local samples" 1 show --share "$ROOT" --mac 0004f2aa0001 --all \
    --format json
want_samples=$(printf '%s\n' "$T_OUT" | nolisting)
run "local corpus set" 1 show --share "$ROOT/sets/$SET" --mac $SETMAC \
    --master '{$mac}.cfg' --model VVX411 --all --format json
want_set=$(printf '%s\n' "$T_OUT" | nolisting)
run "local files" 0 files --share "$ROOT" --mac 0004f2aa0001
want_files=$T_OUT
# An uploaded log, with a time every server but TFTP tells.
printf '1015152457|log  |4|00|UtilLogServerC::uploadFifoLog: upload error. protocol 0 result = 17\n' \
    >"$ROOT/0004f2aa0001-app.log"
touch -d 2025-11-30T12:00:00Z "$ROOT/0004f2aa0001-app.log"
chmod a+r "$ROOT/0004f2aa0001-app.log"

# The silent server's case waits out its 1 s time-out (below) beside the
# protocols' cases, timing itself.
t_bg silent sh -c 's=$(date +%s); "$@"; r=$?; echo $(($(date +%s) - s)) >"$0"
exit $r' "$T_TMP/silent.took" env POLYAUDIT_SHARE_TIMEOUT=1 "$POLYAUDIT" \
    files --share "http://127.0.0.1:$P_SILENT/" --mac 0004f2aa0001
export POLYAUDIT_SHARE_PASSWORD="$PW"
# The five protocols run side by side, each against its own server and
# in a directory of its own (its outputs, JSON list, TAP); their cases
# are printed in this order once all have ended.
T_TOP=$T_TMP
pids=
for url in "ftp://alice@127.0.0.1:$P_FTP" "ftps://127.0.0.1:$P_FTPS" \
    "http://127.0.0.1:$P_HTTP" "https://alice@127.0.0.1:$P_HTTPS" \
    "tftp://127.0.0.1:$P_TFTP"; do
	proto=${url%%:*}
	mkdir -p "$T_TOP/$proto"
	(
	T_TMP=$T_TOP/$proto ALL=$T_TOP/$proto/all-output
	NOFW=
	[ "$proto" = tftp ] && NOFW=1
	run "$proto: show --all" 1 show --share "$url/" --mac 0004f2aa0001 \
	    --all --format json
	t_json "$proto: show --all" show
	if [ "$proto" = tftp ]; then
		t_grep "tftp: says it cannot list" \
		    '"code": "no-listing"' "$T_OUT"
		t_grep "tftp: ... and why" 'TFTP cannot list' "$T_OUT"
	else
		t_nogrep "$proto: lists, so no no-listing note" \
		    '"no-listing"' "$T_OUT"
	fi
	t_eq "$proto: show --all is the same as from the directory" \
	    "$(printf '%s\n' "$want_samples" | nolisting)" \
	    "$(printf '%s\n' "$T_OUT" | nolisting)"
	run "$proto: corpus set" 1 show --share "$url/sets/$SET/" \
	    --mac $SETMAC --master '{$mac}.cfg' --model VVX411 --all \
	    --format json
	t_eq "$proto: corpus set ({\$mac} names) is the same as locally" \
	    "$(printf '%s\n' "$want_set" | nolisting)" \
	    "$(printf '%s\n' "$T_OUT" | nolisting)"
	run "$proto: logs" 1 logs --share "$url/" --mac 0004f2aa0001
	t_grep "$proto: logs finds the upload error" \
	    "^  0004f2aa0001-app.log:1: warning: .*\\[log-upload-failed\\]" "$T_OUT"
	if [ "$proto" = tftp ]; then
		t_grep "tftp: no file time, so the age is unknown" \
		    "^Newest upload: unknown" "$T_OUT"
	else
		t_grep "$proto: the file time, as the server tells it" \
		    "app +0004f2aa0001-app.log +written 2025-11-30 12:00:00 UTC" "$T_OUT"
	fi
	run "$proto: files" 0 files --share "$url" --mac 0004f2aa0001
	t_eq "$proto: files is the same as from the directory" \
	    "$(printf '%s\n' "$want_files" | sed "${NOFW:+/^Firmware: /d}")" \
	    "$(printf '%s\n' "$T_OUT" | sed "/^\$/,\$d; ${NOFW:+/^Firmware: /d}")"
	t_grep "$proto: an absent override is missing" \
	    "phone-override +overrides/0004f2aa0001-phone.cfg +missing" \
	    "$T_OUT"
	run "$proto: --master ../ is refused" 1 files --share "$url/sets/$SET/" \
	    --mac $SETMAC --master ../outside.cfg
	t_grep "$proto: master leaving the share named" \
	    "master path leaves the share" "$T_OUT"
	run "$proto: a missing master" 1 files --share "$url/" \
	    --mac 0004f2aa0001 --master nothere.cfg
	t_grep "$proto: a missing master is missing, not refused" \
	    "no-master|master not read: .*no such file" "$T_OUT$T_ERR"
	) >"$T_TOP/$proto/tap" 2>&1 &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
for proto in ftp ftps http https tftp; do
	touch "$T_TMP/$proto/all-output" "$T_TMP/$proto/json.list"
	cat "$T_TMP/$proto/all-output" >>"$ALL"
	cat "$T_TMP/$proto/json.list" >>"$T_TMP/json.list"
	awk -v n="$T_N" '/^(not )?ok [0-9]+ / {
		n++; sub(/ok [0-9]+ /, "ok " n " ") } { print }' "$T_TMP/$proto/tap"
	T_N=$((T_N + $(grep -c '^\(not \)\{0,1\}ok [0-9]' "$T_TMP/$proto/tap")))
	T_FAIL=$((T_FAIL + $(grep -c '^not ok [0-9]' "$T_TMP/$proto/tap")))
	[ -s "$T_TMP/$proto/tap" ] || t_fail "$proto: the cases ran"
done
unset POLYAUDIT_SHARE_PASSWORD

# --- credentials -----------------------------------------------------
run "ftp: no password: login refused" 1 files \
    --share "ftp://alice@127.0.0.1:$P_FTP/" --mac 0004f2aa0001
t_grep "ftp: the refusal names the URL and how to give a password" \
    "ftp://alice@127.0.0.1:$P_FTP/.*login refused.*POLYAUDIT_SHARE_PASSWORD" \
    "$T_OUT"
NOFW=
printf 'machine 127.0.0.1 login alice password %s\n' "$PW" >"$T_TMP/netrc"
run "ftp: password from --netrc-file" 0 files \
    --share "ftp://127.0.0.1:$P_FTP/" --netrc-file "$T_TMP/netrc" \
    --mac 0004f2aa0001
t_eq "ftp: netrc gives the same files" "$want_files" "$T_OUT"
run "https: password written in the URL" 1 show \
    --share "https://alice:$PW@127.0.0.1:$P_HTTPS/" --mac 0004f2aa0001 \
    --all --format json
t_eq "https: URL password gives the same values" "$want_samples" \
    "$(printf '%s\n' "$T_OUT" | nolisting)"
run "an unreadable --netrc-file is an error" 2 files \
    --share "ftp://127.0.0.1:$P_FTP/" --netrc-file "$T_TMP/nonetrc" \
    --mac 0004f2aa0001
t_grep "the netrc error names the file" "nonetrc" "$T_ERR"
run "https: a wrong password in the URL" 1 files \
    --share "https://alice:wrong$PW@127.0.0.1:$P_HTTPS/" --mac 0004f2aa0001
t_grep "https: HTTP 401 is a refusal naming the redacted URL" \
    "https://alice:\*\*\*@127.0.0.1:$P_HTTPS/.*HTTP 401" "$T_OUT"
unset CURL_CA_BUNDLE
run "https: an unknown certificate authority is refused" 1 files \
    --share "https://127.0.0.1:$P_HTTPS/" --mac 0004f2aa0001
t_grep "https: the certificate error is said" "[Cc]ertificate" "$T_OUT"
export CURL_CA_BUNDLE="$T_TMP/cert.pem"

# --- one refused login per server and run ------------------------------
# Servers that log every login (FTP) and every refused request (HTTPS):
# a wrong password is refused once, whatever is left to fetch.  The FTP
# one takes two sessions at once (a third login gets 530).
SRV_PASSWORD=$PW SRV_LOG=$T_TMP/ftpl.req SRV_MAXUSERS=2 t_start ftpl $PY \
    "$SRV" ftp "$ROOT" "$T_TMP/ftpl.port"
SRV_PASSWORD=$PW SRV_LOG=$T_TMP/httpsl.req t_start httpsl $PY "$SRV" https \
    "$ROOT" "$T_TMP/httpsl.port" "$T_TMP/server.pem"
SRV_PASSWORD=$PW SRV_MAXCONNS=2 t_start ftpc $PY "$SRV" ftp "$ROOT" \
    "$T_TMP/ftpc.port"
P_FTPL=$(cat "$T_TMP/ftpl.port" 2>/dev/null)
P_HTTPSL=$(cat "$T_TMP/httpsl.port" 2>/dev/null)
for cmd in files scan; do
	for url in "ftp://alice:wrong@127.0.0.1:$P_FTPL/" \
	    "https://alice:wrong@127.0.0.1:$P_HTTPSL/"; do
		proto=${url%%:*}
		: >"$T_TMP/$proto"l.req
		if [ $cmd = files ]; then
			run "$proto $cmd: wrong password" 1 files --share "$url" \
			    --mac 0004f2aa0001
		else
			run "$proto $cmd: wrong password" 2 scan --share "$url"
		fi
		t_grep "$proto $cmd: login refused is said" "login refused" "$T_OUT$T_ERR"
		t_eq "$proto $cmd: one refused login in the run" 1 \
		    "$(grep -c '^\(login-failed\|401\) ' "$T_TMP/$proto"l.req)"
	done
done
mkdir -p "$T_TMP/urlsl"
printf '<APPLICATION CONFIG_FILES="%s"/>\n' \
    "https://alice:wrong@127.0.0.1:$P_HTTPSL/site.cfg, https://alice:wrong@127.0.0.1:$P_HTTPSL/lync.cfg, https://alice:wrong@127.0.0.1:$P_HTTPSL/device.cfg, ftp://alice:wrong@127.0.0.1:$P_FTPL/site.cfg, ftp://alice:wrong@127.0.0.1:$P_FTPL/device.cfg" \
    >"$T_TMP/urlsl/0004f2bb0002.cfg"
: >"$T_TMP/ftpl.req"; : >"$T_TMP/httpsl.req"
run "URL entries with a wrong password" 1 files --share "$T_TMP/urlsl" \
    --mac 0004f2bb0002 --follow-urls
t_eq "URL entries: each entry refused" 5 "$(t_count '^  config +(https|ftp)://alice:\*\*\*@.* refused' "$T_OUT")"
t_eq "URL entries: one refused login per server (https)" 1 "$(grep -c '^401 ' "$T_TMP/httpsl.req")"
t_eq "URL entries: one refused login per server (ftp)" 1 "$(grep -c '^login-failed ' "$T_TMP/ftpl.req")"

# --- connections are reused -------------------------------------------
# Every file and listing of a run goes over the connections (and logins)
# already made: at most --share-jobs logins however many files.
# within NAME LOW HIGH N: N is from LOW to HIGH.
within() {
	if [ "$4" -ge "$2" ] && [ "$4" -le "$3" ]; then
		t_ok "$1"
	else
		t_fail "$1" "want $2 to $3, got $4"
	fi
}
export POLYAUDIT_SHARE_PASSWORD="$PW"
for jobs in 1 2; do
	: >"$T_TMP/ftpl.req"
	run "ftp: scan --share-jobs $jobs" 0 scan \
	    --share "ftp://alice@127.0.0.1:$P_FTPL/" --share-jobs $jobs
	within "ftp: scan --share-jobs $jobs reads the files ..." 8 100 \
	    "$(grep -c '^sent ' "$T_TMP/ftpl.req")"
	within "ftp: ... over at most $jobs logins" 1 $jobs \
	    "$(grep -c '^login ' "$T_TMP/ftpl.req")"
done
: >"$T_TMP/ftps.proto"
run "ftps: files --share-jobs 1" 0 files --share "ftps://127.0.0.1:$P_FTPS/" \
    --mac 0004f2aa0001 --share-jobs 1
within "ftps: files --share-jobs 1 reads the files ..." 5 100 \
    "$(grep -c 'OK DOWNLOAD' "$T_TMP/ftps.proto")"
t_eq "ftps: ... over one connection and login" "1 1" \
    "$(grep -c '\] CONNECT: ' "$T_TMP/ftps.proto") $(grep -c 'OK LOGIN' "$T_TMP/ftps.proto")"
# Each new connection logs in, one at a time: a server that refuses a
# third session (as proftpd's MaxClientsPerUser) is refused once, not
# once per connection --share-jobs 8 would open.
mkdir -p "$ROOT/fleet"
cp "$SRCDIR"/samples/*.cfg "$ROOT/fleet/"
for i in 10 11 12 13 14 15 16 17 18 19; do
	cp "$ROOT/fleet/0004f2aa0005.cfg" "$ROOT/fleet/0004f2aa00$i.cfg"
done
: >"$T_TMP/ftpl.req"
"$POLYAUDIT" scan --share "ftp://alice@127.0.0.1:$P_FTPL/fleet/" \
    --share-jobs 8 >"$T_TMP/out" 2>"$T_TMP/err"
within "ftp: a server of two sessions, --share-jobs 8: exit 0 or 1" 0 1 $?
cat "$T_TMP/out" "$T_TMP/err" >>"$ALL"
within "ftp: ... at most one refused login" 0 1 \
    "$(grep -c '^login-failed ' "$T_TMP/ftpl.req")"
# One that turns a third connection away (421, as vsftpd's max_per_ip):
# every file still comes, over the two it takes.
run "ftp: a server of two connections, --share-jobs 8" 0 scan \
    --share "ftp://alice@127.0.0.1:$(cat "$T_TMP/ftpc.port")/fleet/" \
    --share-jobs 8
t_grep "ftp: ... every phone read" "^Summary: 12 phones, 0 with errors" \
    "$T_OUT"
# vsftpd's 421 (max_per_ip) comes before the TLS of implicit FTPS.
run "ftps: a server of two connections, --share-jobs 8" 0 scan \
    --share "ftps://127.0.0.1:$(cat "$T_TMP/ftpsc.port")/fleet/" \
    --share-jobs 8
t_grep "ftps: ... every phone read" "^Summary: 12 phones, 0 with errors" \
    "$T_OUT"
rm -rf "$ROOT/fleet"
unset POLYAUDIT_SHARE_PASSWORD

# --- URL entries in CONFIG_FILES --------------------------------------
mkdir -p "$ROOT/urls"
cat >"$ROOT/urls/0004f2bb0001.cfg" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<APPLICATION CONFIG_FILES="http://127.0.0.1:$P_HTTP/site.cfg, https://alice:$PW@127.0.0.1:$P_HTTPS/device.cfg, http://127.0.0.1:$P_HTTP/redirect-away/x.cfg, ../outside.cfg, %2e%2e/outside.cfg, nothere.cfg, local.cfg, big.cfg"/>
EOF
head -c $((17 << 20)) /dev/zero >"$ROOT/urls/big.cfg"
cat >"$ROOT/urls/local.cfg" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<polycomConfig><x local.only="1"/></polycomConfig>
EOF
chmod -R a+rX "$ROOT/urls"

run "local share: URL entries refused" 1 files --share "$ROOT/urls" \
    --mac 0004f2bb0001
t_grep "local share: URL entry refused as before" \
    "URL entry .*site.cfg is not read from a local share" "$T_OUT"
t_nogrep "local share: nothing fetched" "device\.cfg +ok" "$T_OUT"
run "local share --follow-urls" 1 files --share "$ROOT/urls" \
    --mac 0004f2bb0001 --follow-urls
t_grep "--follow-urls: http entry fetched" \
    "http://127.0.0.1:$P_HTTP/site.cfg +ok" "$T_OUT"
t_grep "--follow-urls: https entry with its own password fetched" \
    "https://alice:\*\*\*@127.0.0.1:$P_HTTPS/device.cfg +ok" "$T_OUT"
t_grep "--follow-urls: redirect to another host not followed" \
    "redirected to another host" "$T_OUT"
t_grep "../ entry refused" "entry ../outside.cfg leaves the share" "$T_OUT"
t_grep "percent-encoded ../ is a name, not a way out" \
    "listed file %2e%2e/outside.cfg is not on the share" "$T_OUT"
run "show --follow-urls takes values from fetched files" 1 show \
    --share "$ROOT/urls" --mac 0004f2bb0001 --follow-urls --all --format csv
t_grep "a value from the https entry, provenance is the redacted URL" \
    "https://alice:\*\*\*@127.0.0.1:$P_HTTPS/device.cfg" "$T_OUT"
t_nogrep "nothing from outside the share" "LEAKED" "$T_OUT"
for url in "ftp://127.0.0.1:$P_FTP" "tftp://127.0.0.1:$P_TFTP"; do
	proto=${url%%:*}
	run "$proto share: URL entries fetched without --follow-urls" 1 files \
	    --share "$url/urls/" --netrc-file "$T_TMP/netrc" --mac 0004f2bb0001
	t_grep "$proto share: http entry fetched" \
	    "http://127.0.0.1:$P_HTTP/site.cfg +ok" "$T_OUT"
	t_grep "$proto share: local entry read" "local.cfg +ok" "$T_OUT"
	t_grep "$proto share: a missing entry is missing" \
	    "listed file nothere.cfg is not on the share" "$T_OUT"
	t_grep "$proto share: a file over 16 MiB is not read" \
	    "big.cfg +refused: .*larger than the 16 MiB limit" "$T_OUT"
	run "$proto share: show" 1 show --share "$url/urls/" \
	    --netrc-file "$T_TMP/netrc" --mac 0004f2bb0001 --all --format csv
	t_nogrep "$proto share: nothing from outside the share" "LEAKED" \
	    "$T_OUT"
done

# --- scan from a server ------------------------------------------------
# The same phones and values as the directory; the slow HTTP server logs
# every GET with how many were in progress, so fetching together shows.
SRV_LOG=$T_TMP/slow.req SRV_DELAY=0.1 t_start slow $PY "$SRV" http "$ROOT" \
    "$T_TMP/slow.port"
P_SLOW=$(cat "$T_TMP/slow.port" 2>/dev/null)
t_run "local scan" 0 "$POLYAUDIT" scan --share "$ROOT" --format csv
want_scan=$T_OUT
export POLYAUDIT_SHARE_PASSWORD="$PW"
for url in "ftp://alice@127.0.0.1:$P_FTP" "http://127.0.0.1:$P_SLOW"; do
	proto=${url%%:*}
	run "$proto: scan" 0 scan --share "$url/" --format csv
	t_eq "$proto: scan is the same as from the directory" "$want_scan" \
	    "$T_OUT"
done
# diff between a server and a directory: the same share, then a changed one.
run "ftp: diff against the same directory" 0 diff "ftp://alice@127.0.0.1:$P_FTP/" "$ROOT"
t_grep "ftp: diff compares every phone" "^Summary: $(printf '%s\n' "$want_scan" | tail -n +2 | cut -d, -f1 | sort -u | wc -l) phones, 0 changed" "$T_OUT"
cp -R "$ROOT" "$T_TMP/changed"
sed -i 's/reg.1.auth.usePinCredentials="1"/reg.1.auth.usePinCredentials="0"/' "$T_TMP/changed/lync.cfg"
run "ftp: diff against a changed directory" 1 diff "ftp://alice@127.0.0.1:$P_FTP/" "$T_TMP/changed"
t_grep "ftp: diff names the edited line" '^  reg.1.auth.usePinCredentials "1" -> "0": [0-9]+ phones?, lync.cfg:6 edited$' "$T_OUT"
run "tftp: scan says it cannot list" 2 scan --share "tftp://127.0.0.1:$P_TFTP/"
t_grep "tftp: ... naming the reason" "cannot scan share: .*TFTP cannot list" \
    "$T_ERR"
t_eq "http: every file fetched once" "" \
    "$(awk '$2 !~ /\/$/ { print $2 }' "$T_TMP/slow.req" | sort | uniq -d)"
peak=$(awk '$1 > m { m = $1 } END { print m + 0 }' "$T_TMP/slow.req")
if [ "$peak" -ge 2 ] && [ "$peak" -le 8 ]; then
	t_ok "http: files fetched together, at most 8 at once ($peak)"
else
	t_fail "http: files fetched together, at most 8 at once" \
	    "peak $peak requests in progress" "$(cat "$T_TMP/slow.req")"
fi

# --share-jobs sets how many at once, for a single phone as for a scan.
peak_is() {	# peak_is NAME MAX: 2 to MAX requests were in progress at once
	peak=$(awk '$1 > m { m = $1 } END { print m + 0 }' "$T_TMP/slow.req")
	if [ "$peak" -ge 2 ] && [ "$peak" -le "$2" ]; then
		t_ok "$1 ($peak at once)"
	else
		t_fail "$1" "peak $peak requests in progress, want 2 to $2"
	fi
}
: >"$T_TMP/slow.req"
run "http: scan --share-jobs 3" 0 scan --share "http://127.0.0.1:$P_SLOW/" \
    --format csv --share-jobs 3
t_eq "http: --share-jobs 3 gives the same scan" "$want_scan" "$T_OUT"
peak_is "http: scan --share-jobs 3 keeps to 3" 3
t_nogrep "no progress when stderr is not a terminal" 'files fetched' "$T_ERR"
: >"$T_TMP/slow.req"
run "http: show --share-jobs 2" 1 show --share "http://127.0.0.1:$P_SLOW/" \
    --mac 0004f2aa0001 --share-jobs 2
peak_is "http: one phone's files fetched together, 2 at once" 2
run "--share-jobs 0 is refused" 2 scan --share "$ROOT" --share-jobs 0
t_grep "... saying what is allowed" "bad number '0': give 1 to 64" "$T_ERR"

# Progress on a terminal only: script(1) gives the command one.
script -qec "$POLYAUDIT scan --share http://127.0.0.1:$P_SLOW/ --format csv >'$T_TMP/p.out'" \
    "$T_TMP/p.tty" >/dev/null 2>&1
t_grep "progress on a terminal: files, phones and rate" \
    '[0-9]+/[0-9]+ files fetched, [0-9]+/[0-9]+ phones resolved, [0-9]+ files/s' \
    "$(tr '\r' '\n' <"$T_TMP/p.tty")"
t_eq "... and the same scan on stdout" "$want_scan" "$(cat "$T_TMP/p.out")"
script -qec "$POLYAUDIT scan --share http://127.0.0.1:$P_SLOW/ --format csv >/dev/null 2>'$T_TMP/p.err'" \
    "$T_TMP/p.tty" >/dev/null 2>&1
t_nogrep "no progress when stderr is a file, even on a terminal" \
    'files fetched' "$(cat "$T_TMP/p.err" "$T_TMP/p.tty")"

# --- audit from a server: is the phone's server the audited share? ----
# Four phones: one on the FTP share by address, one naming it
# "localhost", one on another host, one on the right host by another
# type.  All four read the samples, so only the server decides.
cat >"$T_TMP/phones.json" <<EOF
{"phones": [
 {"mac": "0004f2aa0001", "prov_server": "ftp://127.0.0.1:$P_FTP", "prov_type": "FTP"},
 {"mac": "0004f2aa0002", "prov_server": "localhost:$P_FTP", "prov_type": "FTP"},
 {"mac": "0004f2aa0003", "prov_server": "prov.example.com", "prov_type": "FTP"},
 {"mac": "0004f2aa0004", "prov_server": "http://127.0.0.1:$P_FTP/", "prov_type": "HTTP"}
]}
EOF
t_start sim "$BUILDDIR/tests/phonesim" --ports-file "$T_TMP/sim.port" \
    --log "$T_TMP/sim.log" --max-seconds 120 "$T_TMP/phones.json"
: >"$T_TMP/inventory"
i=1
for port in $(awk '{ print $2 }' "$T_TMP/sim.port"); do
	echo "127.0.0.1:$port 0004f2aa000$i" >>"$T_TMP/inventory"
	i=$((i + 1))
done
run "audit over ftp: two phones elsewhere" 1 audit \
    --share "ftp://alice@127.0.0.1:$P_FTP/" --inventory "$T_TMP/inventory" \
    --scheme http --param reg.1.auth.usePinCredentials --format json
t_json "audit over ftp, JSON Lines" audit
J=$T_OUT
line() { printf '%s\n' "$J" | grep "\"mac\":\"$1\""; }
t_grep "over ftp: the values come from the share" \
    '"file_value":"0","file":"overrides/0004f2aa0001-web.cfg"' \
    "$(line 0004f2aa0001)"
t_grep "same address: same server" '"provisioning":\{"match":"same"' \
    "$(line 0004f2aa0001)"
t_grep "localhost resolves to the share's address: same server" \
    '"provisioning":\{"match":"same"' "$(line 0004f2aa0002)"
t_grep "another host: different, and which part" \
    '"match":"different","reason":"the phone provisions from prov.example.com \(FTP\), not from the audited share ftp://alice@127.0.0.1:[0-9]+/ \(host prov.example.com, not 127.0.0.1; port 21, not [0-9]+\)' \
    "$(line 0004f2aa0003)"
t_grep "another type: different" '"match":"different".*type http, not ftp' \
    "$(line 0004f2aa0004)"
t_grep "a difference is a finding" \
    '"severity":"warning","code":"prov-server"' "$(line 0004f2aa0003)"
t_grep "fleet summary counts the server" \
    '2  \(provisioning server\)' "$T_ERR"
rm -f "$T_TMP/slow.req"
run "audit over http: text" 1 audit --share "http://127.0.0.1:$P_SLOW/" \
    --inventory "$T_TMP/inventory" --scheme http \
    --param reg.1.auth.usePinCredentials
t_eq "text: each phone warned" 4 \
    "$(t_count '^WARNING: the phone provisions from .*, not from the audited share http://127\.0\.0\.1' "$T_OUT")"
t_eq "audit over http: every file fetched once" "" \
    "$(awk '{ print $2 }' "$T_TMP/slow.req" | sort | uniq -d)"
t_grep "audit over http: the masters were fetched" '/0004f2aa0001\.cfg' \
    "$(cat "$T_TMP/slow.req")"
run "audit over http: csv row for the server" 1 audit \
    --share "http://127.0.0.1:$P_SLOW/" --inventory "$T_TMP/inventory" \
    --scheme http --param reg.1.auth.usePinCredentials --format csv
t_eq "csv: one provisioning-server row per phone" 4 \
    "$(t_count ',\(provisioning server\),http://127\.0\.0\.1:[0-9]+/,,,,.*,drift,' "$T_OUT")"
run "audit of a directory: the server cannot be matched" 1 audit \
    --share "$ROOT" --inventory "$T_TMP/inventory" --scheme http \
    --param reg.1.auth.usePinCredentials --format json
t_json "audit of a directory, JSON Lines" audit
t_eq "directory: a note per phone, not a warning" 4 \
    "$(t_count '"match":"unknown","reason":"the phone provisions from .* the audited share is the directory' "$T_OUT")"
t_nogrep "directory: no warning" '"severity":"warning","code":"prov-server"' \
    "$T_OUT"
t_nogrep "the simulator saw no write" 'config/set|Reboot|Restart|factoryReset' \
    "$(cat "$T_TMP/sim.log")"
unset POLYAUDIT_SHARE_PASSWORD

# --- a server that does not answer ------------------------------------
# A 1 s time-out (POLYAUDIT_SHARE_TIMEOUT) instead of the default 30 s;
# the run started with t_bg above.
t_wait silent "silent server: refused" 1
printf '%s\n%s\n' "$T_OUT" "$T_ERR" >>"$ALL"
took=$(cat "$T_TMP/silent.took")
export POLYAUDIT_SHARE_TIMEOUT
t_grep "silent server: the time-out is said" "time-out" "$T_OUT"
t_grep "silent server: after the time-out set" "Operation timed out after 1[0-9][0-9][0-9] milliseconds" "$T_OUT"
if [ "$took" -le 20 ]; then t_ok "silent server: bounded (${took}s)"
else t_fail "silent server: bounded" "took ${took}s, want <= 20"; fi
for bad in 0 x 3601 -1 1.5; do
	POLYAUDIT_SHARE_TIMEOUT=$bad
	run "POLYAUDIT_SHARE_TIMEOUT=$bad: refused" 2 files \
	    --share "http://127.0.0.1:$P_SILENT/" --mac 0004f2aa0001
	t_grep "POLYAUDIT_SHARE_TIMEOUT=$bad: said" "POLYAUDIT_SHARE_TIMEOUT: want seconds, 1 to 3600" "$T_ERR"
done
unset POLYAUDIT_SHARE_TIMEOUT
run "closed port: refused at once" 1 files \
    --share "ftp://127.0.0.1:1/" --mac 0004f2aa0001
t_grep "closed port: the cause names the URL" "ftp://127.0.0.1:1/" "$T_OUT"

# --- the password never shows -----------------------------------------
if grep -F -- "$PW" "$ALL" >/dev/null; then
	t_fail "the password appears in no output" \
	    "$(grep -F -- "$PW" "$ALL" | head -5)"
else
	t_ok "the password appears in no output ($(wc -l <"$ALL") lines)"
fi
t_done
