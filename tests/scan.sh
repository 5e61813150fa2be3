#!/bin/sh
# scan over a generated share of a few hundred phones, with exact counts:
# bench/genshare.sh makes every tenth phone upload a web override that
# switches PIN sign-in off and two in ten a phone-UI override.
. "$SRCDIR/tests/lib.sh"
S=$T_TMP/share
sh "$SRCDIR/bench/genshare.sh" "$S" 300 5 200 || t_fail "generate the share"
# A phone with only an override file, resolved through the zeros master.
echo '<PHONE_CONFIG><OVERRIDES up.x="1"/></PHONE_CONFIG>' >"$S/overrides/0004f2ffffff-phone.cfg"

t_run "scan --format json" 0 "$POLYAUDIT" scan --share "$S" --format json
t_json "scan of 301 phones" scan
json=$T_OUT sum=$T_ERR
t_eq "one line per phone" 301 "$(t_count '^\{"mac":"0004f2' "$json")"
t_eq "PIN off by web override" 30 "$(t_count '"name":"reg.1.auth.usePinCredentials","value":"0","source":"web-override"' "$json")"
t_eq "PIN on from shared01.cfg" 271 "$(t_count '"name":"reg.1.auth.usePinCredentials","value":"1","source":"config","file":"shared01.cfg"' "$json")"
t_grep "override-only phone uses the zeros master" '"mac":"0004f2ffffff","model":null,"master":"000000000000.cfg"' "$json"
t_grep "summary on stderr counts phones" 'Summary: 301 phones, 0 with errors' "$sum"
t_grep "summary counts web overrides" '^ +30  web-override files$' "$sum"
t_grep "summary counts the shared file" '^ +271  shared01.cfg$' "$sum"
t_nogrep "nothing but JSON on stdout" '^[^{]' "$json"

# Release after use: with every file read again for each phone
# (POLYAUDIT_TEST_UNCACHED), the output is the same.
POLYAUDIT_TEST_UNCACHED=1 t_run "scan, every file read again per phone" 0 "$POLYAUDIT" scan --share "$S" --format json
t_eq "same JSON Lines with files released after use" "$json" "$T_OUT"
t_eq "same summary with files released after use" "$sum" "$T_ERR"

t_run "scan --param, text" 0 "$POLYAUDIT" scan --share "$S" --param voice.volume.persist.handset
t_eq "phone overrides found in the overrides directory" 60 "$(t_count 'voice.volume.persist.handset +"1" +phone-override +overrides/0004f2[0-9a-f]{6}-phone.cfg:1$' "$T_OUT")"
t_eq "phones without it are unset" 241 "$(t_count 'voice.volume.persist.handset +\(unset\) +unset +-$' "$T_OUT")"
# The row switches between the two phone after phone: the summary, which
# remembers each row's last key, must count both all the same.
t_grep "summary counts the phone-UI overrides" '^ +60  phone-override files$' "$T_OUT"
t_grep "summary counts the phones without it" '^ +241  unset$' "$T_OUT"

t_run "scan --format csv" 0 "$POLYAUDIT" scan --share "$S" --format csv
t_eq "one CSV header" 1 "$(t_count '^mac,name,value' "$T_OUT")"
t_eq "three rows per phone" 903 "$(t_count '^0004f2' "$T_OUT")"

# A directory that only one phone's master names: its override-only
# phones are found (the masters are read before the phones resolve).
mkdir "$S/site9"
echo '<WEB_CONFIG><OVERRIDES up.y="1"/></WEB_CONFIG>' >"$S/site9/0004f2eeeeee-web.cfg"
t_run "scan, site9 not named" 0 "$POLYAUDIT" scan --share "$S" --format json
t_nogrep "a directory no master names holds no phones" '"mac":"0004f2eeeeee"' "$T_OUT"
sed 's/OVERRIDES_DIRECTORY="overrides"/OVERRIDES_DIRECTORY="site9"/' "$S/0004f2000005.cfg" >"$T_TMP/m" &&
    mv "$T_TMP/m" "$S/0004f2000005.cfg"
t_run "scan, site9 named by one master" 0 "$POLYAUDIT" scan --share "$S" --format json
t_grep "a phone in a directory one master names" '"mac":"0004f2eeeeee","model":null,"master":"000000000000.cfg"' "$T_OUT"
t_eq "one line per phone, one more" 302 "$(t_count '^\{"mac":"0004f2' "$T_OUT")"
rm -r "$S/site9"

# A master that lists itself, and a line file another phone lists by
# name: a file lent as shared is not freed with the phone that owns it
# (it was, and the scan crashed), and the output stays the same with
# every file read again.
sed 's/CONFIG_FILES="/CONFIG_FILES="0004f2000007.cfg, 0004f2000009-line.cfg, /' \
    "$S/0004f2000007.cfg" >"$T_TMP/m" && mv "$T_TMP/m" "$S/0004f2000007.cfg"
t_run "scan, a master listing itself and another phone's file" 0 "$POLYAUDIT" scan --share "$S" --format json
self=$T_OUT
t_eq "still one line per phone" 301 "$(t_count '^\{"mac":"0004f2' "$self")"
POLYAUDIT_TEST_UNCACHED=1 t_run "the same, every file read again" 0 "$POLYAUDIT" scan --share "$S" --format json
t_eq "same JSON Lines with files released after use" "$self" "$T_OUT"

# Phones that repeat one CONFIG_FILES list take its site files as the
# list was resolved once; the phone whose token entry names a file the
# list also names plainly is resolved in full (no second occurrence).
for m in 0004f2000010 0004f2000011 0004f2000012; do
	cp "$S/$m.cfg" "$T_TMP/$m.cfg"
	echo '<APPLICATION CONFIG_FILES="[PHONE_MAC_ADDRESS]-line.cfg, shared01.cfg, 0004f2000011-line.cfg, 0004f2000012.cfg, shared02.cfg"/>' >"$S/$m.cfg"
done
t_run "scan, phones repeating one list" 0 "$POLYAUDIT" scan --share "$S" --format json --param reg.1.label
memo=$T_OUT
t_grep "another phone's line file listed by name shadows" '"mac":"0004f2000010".*"shadowed":\[\{"value":"Phone 17","file":"0004f2000011-line.cfg"' "$memo"
t_grep "its own phone takes it once" '"mac":"0004f2000011".*"value":"Phone 17","source":"config","file":"0004f2000011-line.cfg","line":1,"shadowed":\[\]' "$memo"
POLYAUDIT_TEST_UNCACHED=1 t_run "the same, every list resolved in full" 0 "$POLYAUDIT" scan --share "$S" --format json --param reg.1.label
t_eq "same JSON Lines without the remembered list" "$memo" "$T_OUT"
for m in 0004f2000010 0004f2000011 0004f2000012; do
	mv "$T_TMP/$m.cfg" "$S/$m.cfg"
done

rm "$S/shared03.cfg"
t_run "a missing shared file is an error for every phone" 1 "$POLYAUDIT" scan --share "$S" --format json
t_json "scan, a missing shared file" scan
t_grep "summary counts the failing phones" 'Summary: 301 phones, 301 with errors' "$T_ERR"
t_run "usage: --share required" 2 "$POLYAUDIT" scan
t_run "share that is not a directory" 2 "$POLYAUDIT" scan --share "$S/000000000000.cfg"
t_grep "names the problem" 'cannot open share: .*not a directory' "$T_ERR"
t_done
