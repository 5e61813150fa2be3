#!/bin/sh
# polyaudit logs on hostile uploads (control characters, invalid UTF-8,
# NULs, a huge line, many signature lines, a link out of the share, a
# directory where a log should be) and over real FTP and HTTP servers
# (tests/remote_srv.py), which must give the directory's answer: the same
# lines, and the same file times through MDTM and Last-Modified.
. "$SRCDIR/tests/lib.sh"

PY=/usr/bin/python3
SRV=$SRCDIR/tests/remote_srv.py
PW='Pw-logs-never-printed-4b1d'
S=$T_TMP/share
M1=0004f2000001
M2=0004f2000002
M3=0004f2000003
NOW=1764547200			# 2025-12-01T00:00:00Z
SOURCE_DATE_EPOCH=$NOW; export SOURCE_DATE_EPOCH
unset POLYAUDIT_SHARE_PASSWORD CURL_CA_BUNDLE

mkdir -p "$S/logs"
cat >"$S/000000000000.cfg" <<'EOF'
<?xml version="1.0" standalone="yes"?>
<APPLICATION APP_FILE_PATH="" CONFIG_FILES="" LOG_FILE_DIRECTORY="logs"/>
EOF
# M1: escapes, invalid UTF-8 and a NUL in signature lines.
printf '1015152457|log  |4|00|UtilLogServerC::uploadFifoLog: upload error. \033]0;owned\007\033[31m\r\nres|4|00|Failed to download file \377\376\303(.jpg\000after-nul\n\342\200\256unclassified\n' \
    >"$S/logs/$M1-app.log"
# M2: a huge line, then 30 signature lines (20 are listed).
{
	printf 'res|4|00|Failed to download file '
	head -c 3000000 /dev/zero | tr '\0' 'A'
	printf '\n'
	i=0
	while [ $i -lt 30 ]; do
		echo '0202115811|tickt|*|00|m_bCertExpired [1]'
		i=$((i + 1))
	done
} >"$S/logs/$M2-app.log"
ln -s /etc/passwd "$S/logs/$M2-boot.log"
# A cut inside a two-byte character falls before it.
{
	printf 'res|4|00|Failed to download file '
	i=0
	while [ $i -lt 100 ]; do printf '\303\251'; i=$((i + 1)); done
	printf '\n'
} >"$S/logs/$M1-boot.log"
# M3: a directory where its app log should be; no boot log.
mkdir "$S/logs/$M3-app.log"
touch -d 2025-11-30T12:00:00Z "$S/logs/$M1-app.log" "$S/logs/$M2-app.log"

t_run "hostile lines" 1 "$POLYAUDIT" logs --share "$S" --mac $M1
t_grep "upload error found" "logs/$M1-app.log:1: warning: .*\\[log-upload-failed\\]" "$T_OUT"
t_grep "download error found" "logs/$M1-app.log:2: warning: .*\\[log-download-failed\\]" "$T_OUT"
t_grep "escape sequences shown, not sent" 'upload error\. \\x1b\]0;owned\\x07\\x1b\[31m"' "$T_OUT"
t_grep "invalid UTF-8 shown as bytes" 'file \\xff\\xfe\\xc3\(\.jpg' "$T_OUT"
t_nogrep "nothing after a NUL" "after-nul" "$T_OUT"
t_grep "lines counted, the bidi one unclassified" "3 lines, 2 in the log format, 1 unclassified" "$T_OUT"
t_nogrep "no raw escape or CR in the text" "$(printf '[\033\r\007]')" "$T_OUT"
t_eq "a cut keeps whole characters" 1 \
    "$(t_count "boot.log:1: .*file (é){83}\\.\\.\\.\" \\[log-download-failed\\]" "$T_OUT")"
t_run "hostile lines, JSON" 1 "$POLYAUDIT" logs --share "$S" --mac $M1 --format json
t_json "hostile lines, JSON" logs
t_grep "JSON keeps the escape, escaped" 'upload error\. \\u001B\]0;owned\\u0007' "$T_OUT"

t_run "huge line, many hits, link out" 1 "$POLYAUDIT" logs --share "$S" --mac $M2
t_eq "the huge line is quoted cut at 200 bytes" 1 \
    "$(t_count "logs/$M2-app.log:1: .*\"res\\|4\\|00\\|Failed to download file A{167}\\.\\.\\.\" \\[log-download-failed\\]" "$T_OUT")"
t_eq "20 of the 31 signature lines listed" 20 "$(t_count '\[log-(cert-expired|download-failed)\]' "$T_OUT")"
t_grep "all 31 counted" "31 lines, 31 in the log format, 0 unclassified" "$T_OUT"
t_grep "the link out is refused" "logs/$M2-boot.log: error: log not read: symbolic link leads outside the share \\[refused\\]" "$T_OUT"
t_nogrep "nothing of the linked file is read" "root:" "$T_OUT"
t_eq "the output stays small" 1 "$(printf '%s' "$T_OUT" | wc -c | awk '{ print ($1 < 12000) }')"

t_run "a directory for a log" 1 "$POLYAUDIT" logs --share "$S" --mac $M3
t_grep "... is refused" "logs/$M3-app.log +refused: not a regular file" "$T_OUT"
t_grep "... so its age is unknown" "Newest upload: unknown" "$T_OUT"
t_nogrep "... not stale" "uploads-stale" "$T_OUT"
if [ "$(id -u)" -ne 0 ]; then
	printf 'x\n' >"$T_TMP/unreadable.log"
	cp "$T_TMP/unreadable.log" "$S/logs/$M3-boot.log"
	chmod 000 "$S/logs/$M3-boot.log"
	t_run "an unreadable log" 1 "$POLYAUDIT" logs --share "$S" --mac $M3
	t_grep "... says why" "$M3-boot.log: error: log not read: .*Permission denied" "$T_OUT"
	rm -f "$S/logs/$M3-boot.log"
else
	t_skip "an unreadable log" "running as root, every file is readable"
fi

t_run "every phone with a log" 1 "$POLYAUDIT" logs --share "$S" --format json
t_eq "three phones, from the log names alone" "$M1 $M2 $M3" \
    "$(printf '%s\n' "$T_OUT" | sed 's/^{"mac":"\([0-9a-f]*\)".*/\1/' | tr '\n' ' ' | sed 's/ $//')"
t_json "every phone, JSON Lines" logs

# A file time ahead of now proves no recent upload: a wrong or forged clock.
printf 'x\n' >"$S/logs/$M3-boot.log"
touch -d 2030-01-01T00:00:00Z "$S/logs/$M3-boot.log"
t_run "a log dated ahead of now" 1 "$POLYAUDIT" logs --share "$S" --mac $M3
t_grep "... its age is unknown" "Newest upload: 2030-01-01 00:00:00 UTC, ahead of the current time: age unknown" "$T_OUT"
t_nogrep "... not fresh" "fresh" "$T_OUT"
t_run "a log dated ahead of now, JSON" 1 "$POLYAUDIT" logs --share "$S" --mac $M3 --format json
t_grep "... uploads unknown" '"uploads":"unknown"' "$T_OUT"
rm -f "$S/logs/$M3-boot.log"

# The same share from servers: same lines, same times.
rm -rf "$S/logs/$M3-app.log" "$S/logs/$M2-boot.log"
printf '1130120000|log  |3|00|boot\n' >"$S/logs/$M1-boot.log"
touch -d 2025-11-25T06:30:00Z "$S/logs/$M1-boot.log"
# scan finds a phone by its files: an override file names M1.
printf '<?xml version="1.0"?>\n<PHONE_CONFIG><OVERRIDES up.x="1"/></PHONE_CONFIG>\n' >"$S/$M1-phone.cfg"
chmod -R a+rX "$T_TMP"
run_local() {
	"$POLYAUDIT" logs --share "$S" --format json >"$T_TMP/local.json"
}
run_local
t_grep "local: the boot log's time" '"modified":"2025-11-25T06:30:00Z"' "$(cat "$T_TMP/local.json")"

SRV_PASSWORD=$PW t_start ftp $PY "$SRV" ftp "$S" "$T_TMP/ftp.port"
t_start http $PY "$SRV" http "$S" "$T_TMP/http.port"
export POLYAUDIT_SHARE_PASSWORD="$PW"
for url in "ftp://alice@127.0.0.1:$(cat "$T_TMP/ftp.port")/" \
    "http://127.0.0.1:$(cat "$T_TMP/http.port")/"; do
	proto=${url%%:*}
	t_run "$proto: logs" 1 "$POLYAUDIT" logs --share "$url" --format json
	t_json "$proto: logs" logs
	t_eq "$proto: the directory's answer, file times included" \
	    "$(cat "$T_TMP/local.json")" "$T_OUT"
	t_run "$proto: scan --check logs" 1 "$POLYAUDIT" scan --share "$url" --check logs
	t_grep "$proto: ... finds the upload error" "logs/$M1-app.log:1: .*\\[log-upload-failed\\]" "$T_OUT"
	t_grep "$proto: ... and the stale boot log is not the newest" "Newest upload: 2025-11-30 12:00:00 UTC, 0.5 days ago \\(limit 2\\): fresh" "$T_OUT"
	t_nogrep "$proto: the password is never printed" "$PW" "$T_OUT$T_ERR"
done
t_done
