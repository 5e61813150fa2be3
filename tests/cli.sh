#!/bin/sh
# End-to-end robustness of the resolver on hostile shares built on disk:
# bounded time, a finding naming file and line, and nothing outside the
# share's root ever opened (checked with strace and a planted file).
. "$SRCDIR/tests/lib.sh"
S=$T_TMP/share
OUT=$T_TMP/outside
mkdir -p "$S/overrides" "$OUT"
echo '<x secret.value="PLANTED-OUTSIDE"/>' >"$OUT/planted.cfg"
ln -s "$OUT/planted.cfg" "$S/link-out.cfg"
ln -s /dev/zero "$S/zero.cfg"
ln -s loop2.cfg "$S/loop1.cfg"; ln -s loop1.cfg "$S/loop2.cfg"
mkfifo "$S/fifo.cfg"
# A sparse file past the 16 MiB limit.
dd if=/dev/zero of="$S/huge.cfg" bs=1 count=0 seek=20M 2>/dev/null
cat >"$S/bomb.cfg" <<'EOX'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<x a.b="&lol3;"/>
EOX
cat >"$S/xxe.cfg" <<EOX
<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file://$OUT/planted.cfg">]>
<x a.c="&e;"/>
EOX
printf '\357\273\277<!-- c -->\r\n<?xml version="1.0"?>\r\n<x\r\n  ok.crlf="1"\r\n/>\r\n' >"$S/bomcrlf.cfg"
cat >"$S/000000000000.cfg" <<EOX
<APPLICATION CONFIG_FILES="bomcrlf.cfg, link-out.cfg, zero.cfg, loop1.cfg, fifo.cfg, huge.cfg, bomb.cfg, xxe.cfg, ../outside/planted.cfg, $OUT/planted.cfg"/>
EOX

t_run "hostile share resolves (exit 1)" 1 timeout 20 \
    "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --all
if command -v strace >/dev/null 2>&1; then
	# LeakSanitizer cannot run under ptrace; the run above checks leaks.
	ASAN_OPTIONS=detect_leaks=0 timeout 20 strace -f -qq \
	    -e trace=open,openat,openat2 -o "$T_TMP/trace" "$POLYAUDIT" show \
	    --share "$S" --mac 0004f2000001 --all >/dev/null 2>&1
	t_grep "strace saw the share read" "openat.*bomcrlf\.cfg" "$(cat "$T_TMP/trace")"
	t_nogrep "nothing outside the share is opened" "$OUT/planted|/dev/zero" \
	    "$(cat "$T_TMP/trace")"
else
	t_fail "strace is installed (tools/setup.sh installs it)"
fi
t_nogrep "planted value never shows" "PLANTED" "$T_OUT"
t_grep "BOM, comment and CRLF parse; line counted" 'ok\.crlf +"1" +config +bomcrlf\.cfg:4' "$T_OUT"
for f in link-out zero loop1 fifo huge; do
	t_grep "$f.cfg refused" "config +$f\.cfg +refused" "$T_OUT"
done
t_grep "symlink out named" 'link-out\.cfg.*leads outside the share' "$T_OUT"
t_grep "symlink loop named" 'loop1\.cfg.*symbolic link loop' "$T_OUT"
t_grep "fifo named" 'fifo\.cfg.*not a regular file' "$T_OUT"
t_grep "huge file named" 'huge\.cfg.*larger than the 16 MiB limit' "$T_OUT"
t_grep "entity bomb malformed with line" "bomb\.cfg:2: error: malformed file: DTD declares an entity" "$T_OUT"
t_grep "XXE malformed" "xxe\.cfg:2: error: malformed file: DTD declares an entity" "$T_OUT"
t_grep "../ entry refused" "entry \.\./outside/planted\.cfg leaves the share" "$T_OUT"
t_grep "absolute entry refused" "entry $OUT/planted\.cfg leaves the share" "$T_OUT"

# A list of 10,000 entries, most of them one file again and again.
list=$(i=0; while [ $i -lt 10000 ]; do printf 'bomcrlf.cfg, n%d.cfg, ' $i; i=$((i + 1)); done)
printf '<APPLICATION CONFIG_FILES="%s"/>\n' "$list" >"$S/000000000000.cfg"
t_run "10,000-entry list (exit 1)" 1 timeout 30 "$POLYAUDIT" files --share "$S" --mac 0004f2000001 --format json
t_json "10,000-entry list" files
t_eq "each missing entry listed once" 10000 "$(printf '%s\n' "$T_OUT" | grep -c '"code": "missing-file"')"
t_eq "the repeated entry noted once per repeat" 9999 "$(printf '%s\n' "$T_OUT" | grep -c '"code": "duplicate-entry"')"
# An empty file says so; bytes that are not UTF-8 keep their JSON key.
E=$T_TMP/odd
mkdir -p "$E"
printf '<c CONFIG_FILES="empty.cfg, m-[PHONE_MODEL].cfg"/>\n' >"$E/0004f2000002.cfg"
: >"$E/empty.cfg"
t_run "empty file and a model not in UTF-8 (exit 1)" 1 "$POLYAUDIT" files \
    --share "$E" --mac 0004f2000002 --model "$(printf 'V\376')" --format json
t_json "empty file, model not UTF-8" files
t_grep "empty file named as such" '"error": "empty file: no root element"' "$T_OUT"
t_grep "the byte becomes U+FFFD, the key stays" \
    "\"model\": \"V$(printf '\357\277\275')\"" "$T_OUT"
t_grep "... also inside a message" \
    "file m-V$(printf '\357\277\275')\\.cfg is not on the share" "$T_OUT"
# Values and names that try to forge a finding line: text and CSV show the
# controls made visible (one value, one line), JSON keeps them exact.
F=$T_TMP/forge
mkdir -p "$F"
echo '<c CONFIG_FILES="a.cfg, b.cfg, evil&#10;  b.cfg:1: error: forged [forged].cfg"/>' >"$F/0004f2000003.cfg"
echo '<x x.y="1&#10;  b.cfg:1: error: forged finding [forged]&#13;&#x9b;" x.z="&#9;&#127;"/>' >"$F/a.cfg"
echo '<x x.y="2"/>' >"$F/b.cfg"
C1=$(printf '\302\233')
t_run "forging share, text (exit 1)" 1 "$POLYAUDIT" show --share "$F" --mac 0004f2000003 --all
t_nogrep "text: no forged finding line" '^ +b\.cfg:1: error: forged' "$T_OUT"
t_grep "text: the value made visible in its finding" '^  b\.cfg:1: warning: x\.y="2" here is shadowed by "1\\n  b\.cfg:1: error: forged finding \[forged\]\\r\\u009b" from a\.cfg:1 \[conflict\]$' "$T_OUT"
t_grep "text: the entry name made visible" 'listed file evil\\n  b\.cfg:1: error: forged \[forged\]\.cfg is not on the share; the master writes it as evil\\n  b\.cfg:1: error: forged \[forged\]\.cfg \[missing-file\]$' "$T_OUT"
t_grep "text: TAB and DEL made visible" '^  x\.z +"\\t\\x7f" +config +a\.cfg:1$' "$T_OUT"
t_nogrep "text: no raw CR, TAB, DEL or C1" "$(printf '[\r\t\177]')|$C1" "$T_OUT"
t_run "forging share, CSV (exit 1)" 1 "$POLYAUDIT" show --share "$F" --mac 0004f2000003 --all --format csv
t_eq "CSV: a header and one line per parameter" 3 "$(printf '%s\n' "$T_OUT" | wc -l)"
t_grep "CSV: the value in one cell" "^0004f2000003,x\\.y,1\\\\n  b\\.cfg:1: error: forged finding \\[forged\\]\\\\r\\\\u009b,config,a\\.cfg,1,2@b\\.cfg:1$(printf '\r')\$" "$T_OUT"
t_run "forging share, JSON (exit 1)" 1 "$POLYAUDIT" show --share "$F" --mac 0004f2000003 --all --format json
t_grep "JSON: the exact value, RFC 8259 escapes" "\"value\": \"1\\\\n  b\\.cfg:1: error: forged finding \\[forged\\]\\\\r$C1\"" "$T_OUT"
t_run "forging share, files (exit 1)" 1 "$POLYAUDIT" files --share "$F" --mac 0004f2000003
t_grep "files: the entry on one line" '^  config +evil\\n  b\.cfg:1: error: forged \[forged\]\.cfg +missing$' "$T_OUT"
# Malformed files are named by kind, line and column, never by their
# bytes: an undefined entity, bytes that are not UTF-8, a repeated
# attribute, a wrong closing tag.
M=$T_TMP/malformed
mkdir -p "$M"
echo '<x a.b="&PLANTEDentity;"/>' >"$M/e.cfg"
printf '<x a.b="\344PLANTED-utf8"/>\n' >"$M/u.cfg"
printf '<x\n PLANTED.name="1" PLANTED.name="2"/>\n' >"$M/r.cfg"
echo '<x></PLANTEDtag>' >"$M/t.cfg"
echo '<APPLICATION CONFIG_FILES="e.cfg, u.cfg, r.cfg, t.cfg"/>' >"$M/000000000000.cfg"
for f in text json; do
	t_run "malformed files, $f (exit 1)" 1 "$POLYAUDIT" files --share "$M" --mac 0004f2000001 --format $f
	t_nogrep "malformed files, $f: no file bytes quoted" 'PLANTED|0xE4|\\xe4' "$T_OUT$T_ERR"
done
t_run "malformed files, text (exit 1)" 1 "$POLYAUDIT" files --share "$M" --mac 0004f2000001
t_grep "undefined entity named" '^  e\.cfg:1: error: malformed file: undefined entity, column [0-9]+' "$T_OUT"
t_grep "invalid UTF-8 named" '^  u\.cfg:1: error: malformed file: invalid UTF-8, column 9' "$T_OUT"
t_grep "attribute redefined named" '^  r\.cfg:2: error: malformed file: attribute redefined, column [0-9]+' "$T_OUT"
t_grep "tag mismatch named" '^  t\.cfg:1: error: malformed file: opening and ending tag mismatch, column [0-9]+' "$T_OUT"
# Bounded work: an element of 320,000 attributes (libxml2 would check them
# pairwise: 20 s) is refused, saying why; a CONFIG_FILES entry of 320,000
# [PHONE_MAC_ADDRESS] is substituted in one pass (was 106 s).
B=$T_TMP/bounded
mkdir -p "$B/m"
awk 'BEGIN { printf "<x"; for (i = 0; i < 320000; i++) printf " a%x=\"1\"", i; print "/>" }' >"$B/big.cfg"
echo '<APPLICATION CONFIG_FILES="big.cfg"/>' >"$B/000000000000.cfg"
t_run "320,000 attributes (exit 1)" 1 timeout 60 "$POLYAUDIT" files --share "$B" --mac 0004f2000001
t_grep "320,000 attributes: refused, saying why" '^  big\.cfg:1: error: malformed file: an element with 320000 attributes, more than the 10000 polyaudit parses \(libxml2 checks them pairwise' "$T_OUT"
awk 'BEGIN { printf "<APPLICATION CONFIG_FILES=\""; for (i = 0; i < 320000; i++) printf "[PHONE_MAC_ADDRESS]"; print "\"/>" }' >"$B/m/000000000000.cfg"
t_run "320,000 macro tokens (exit 1)" 1 timeout 60 "$POLYAUDIT" files --share "$B/m" --mac 0004f2000001 --format json
t_eq "320,000 macro tokens: each substituted" "320000 0" \
    "$(printf '%s\n' "$T_OUT" | awk -F'"' '/"path": "0004f20000010004f2/ { print gsub("0004f2000001", "", $4), length($4) }')"
# A directory that cannot be listed: a warning names it, and the names a
# phone asks for are still read by name.  Mode 311 is built here (git keeps
# no modes) and read as nobody, since root ignores read permission.
L=$T_TMP/unlisted
mkdir -p "$L/ov" "$T_TMP/outov"
echo '<a OVERRIDES_DIRECTORY="ov" CONFIG_FILES="base.cfg"/>' >"$L/000000000000.cfg"
echo '<x x.y="base"/>' >"$L/base.cfg"
echo '<x x.y="web"/>' >"$L/ov/0004f2000001-web.cfg"
chmod 755 "$T_TMP"
chmod 311 "$L/ov"
if runuser -u nobody -- test -r "$L/base.cfg" 2>/dev/null &&
    ! runuser -u nobody -- ls "$L/ov" >/dev/null 2>&1; then
	t_run "mode 311 overrides, as nobody (exit 1)" 1 runuser -u nobody -- \
	    "$POLYAUDIT" show --share "$L" --mac 0004f2000001 --all
	t_grep "mode 311: warning names the directory" \
	    '^  ov: warning: directory ov cannot be listed \(Permission denied\).*\[unlistable-dir\]' "$T_OUT"
	t_grep "mode 311: the web override is read by name" \
	    'web-override +ov/0004f2000001-web\.cfg +ok' "$T_OUT"
	t_grep "mode 311: ... and wins" 'x\.y +"web" +web-override' "$T_OUT"
	t_grep "mode 311: a really absent file is missing" \
	    'phone-override +ov/0004f2000001-phone\.cfg +missing' "$T_OUT"
else
	t_skip "mode 311 overrides, as nobody" "runuser -u nobody cannot read the test dir"
fi
chmod 755 "$L/ov"
rm -rf "$L/ov"
echo '<x x.y="web"/>' >"$T_TMP/outov/0004f2000001-web.cfg"
ln -s "$T_TMP/outov" "$L/ov"
t_run "overrides linked out of the share (exit 1)" 1 "$POLYAUDIT" show \
    --share "$L" --mac 0004f2000001 --all
t_grep "link out: warning names the directory" \
    '^  ov: warning: directory ov cannot be listed \(symbolic link leads outside the share\).*\[unlistable-dir\]' "$T_OUT"
t_grep "link out: the web override is refused, not missing" \
    'web-override +ov/0004f2000001-web\.cfg +refused: symbolic link leads outside the share' "$T_OUT"
t_nogrep "link out: nothing from outside wins" 'x\.y +"web"' "$T_OUT"
# A report that cannot be written (a full disk) is a runtime error, said
# so, not the exit status of what it would have said.
if [ -w /dev/full ]; then
	for f in text json; do
		t_run "scan to a full disk, $f" 2 sh -c \
		    '"$1" scan --share "$2" --format "$3" >/dev/full' sh \
		    "$POLYAUDIT" "$SRCDIR/samples" "$f"
		t_grep "scan to a full disk, $f: said" \
		    '^polyaudit: cannot write the standard output' "$T_ERR"
	done
	t_run "files to a full disk" 2 sh -c \
	    '"$1" files --share "$2" --mac 0004f2aa0001 >/dev/full' sh \
	    "$POLYAUDIT" "$SRCDIR/samples"
else
	t_skip "a full disk" "no writable /dev/full"
fi
t_done
