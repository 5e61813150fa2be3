#!/bin/sh
# polyaudit diff end to end: two shares built here, one change for every
# cause, each format, the summary, secrets, exit statuses.
. "$SRCDIR/tests/lib.sh"
A=$T_TMP/old B=$T_TMP/new
mkdir -p "$A/overrides" "$B/overrides"
both() { printf '%s\n' "$2" >"$A/$1"; printf '%s\n' "$2" >"$B/$1"; }
master() { printf '<APPLICATION CONFIG_FILES="%s" OVERRIDES_DIRECTORY="overrides"/>\n' "$2" >"$1"; }
for m in 0004f2000001 0004f2000002 0004f2000003 0004f2000004 0004f2000005; do
	master "$A/$m.cfg" "site.cfg, lync.cfg"
	master "$B/$m.cfg" "site.cfg, lync.cfg"
done
both site.cfg '<s
  up.oneTouchVoicemail="0"
  reg.1.auth.password="Old-Secr3t"
  reg.1.auth.usePinCredentials="1"/>'
both lync.cfg '<d device.set="1" device.baseProfile="Lync" device.baseProfile.set="1"
  dhcp.option43.override.stsUri="https://pool.example.com/CertProv/CertProvisioningService.svc"/>'
both extra.cfg '<e up.oneTouchVoicemail="1" feature.extra="x"/>'

t_run "identical shares (exit 0)" 0 "$POLYAUDIT" diff "$A" "$B"
t_grep "summary of none" '^Summary: 5 phones, 0 changed, 0 appeared, 0 went$' "$T_OUT"

# Every cause at once, one phone each.
sed 's/usePinCredentials="1"/usePinCredentials="0"/; s/Old-Secr3t/New-Secr3t/' "$A/site.cfg" >"$B/site.cfg"
master "$B/0004f2000001.cfg" "extra.cfg, site.cfg, lync.cfg"	# listed
master "$A/0004f2000002.cfg" "extra.cfg, site.cfg, lync.cfg"	# unlisted
printf '<WEB_CONFIG><OVERRIDES reg.1.auth.usePinCredentials="1" feature.web="1"/></WEB_CONFIG>\n' >"$B/overrides/0004f2000003-web.cfg"
printf '<PHONE_CONFIG><OVERRIDES feature.local="1"/></PHONE_CONFIG>\n' >"$A/overrides/0004f2000004-phone.cfg"
master "$B/0004f2000005.cfg" "broken.cfg, site.cfg, lync.cfg"
master "$A/0004f2000005.cfg" "broken.cfg, site.cfg, lync.cfg"
printf '<b feature.b="1"/>\n' >"$A/broken.cfg"
printf '<b feature.b="1"\n <oops\n' >"$B/broken.cfg"
master "$B/0004f2000006.cfg" "site.cfg, lync.cfg"		# appeared
master "$A/0004f2000000.cfg" "site.cfg, lync.cfg"		# went

t_run "changes (exit 1)" 1 "$POLYAUDIT" diff "$A" "$B"
T=$T_OUT
row() { printf '%s\n' "$T" | grep -A2 "^$1  $2:"; }
t_grep "edited: both winners and the line" 'was site.cfg:4 \(config\), now site.cfg:4 \(config\)' "$(row 0004f2000002 reg.1.auth.usePinCredentials)"
t_grep "edited: cause" 'because site.cfg:4 edited' "$(row 0004f2000002 reg.1.auth.usePinCredentials)"
t_grep "PIN verdict turns with it" '"yes" -> "no"' "$(row 0004f2000002 'PIN sign-in offered')"
t_grep "listed, with the master's list line" 'because extra.cfg added to the list the phone reads \(0004f2000001.cfg:1\)' "$(row 0004f2000001 up.oneTouchVoicemail)"
t_grep "listed: new name" '\(unset\) -> "x"' "$(row 0004f2000001 feature.extra)"
t_grep "unlisted" 'because extra.cfg removed from the list the phone reads \(0004f2000002.cfg:1\)' "$(row 0004f2000002 feature.extra)"
t_grep "override appeared" 'because web-override file overrides/0004f2000003-web.cfg appeared' "$(row 0004f2000003 feature.web)"
t_nogrep "the override keeps the PIN on" '0004f2000003  (PIN|reg.1.auth.usePin)' "$T"
t_grep "override went" 'because phone-override file overrides/0004f2000004-phone.cfg went' "$(row 0004f2000004 feature.local)"
t_grep "malformed" 'because broken.cfg became malformed \(line [0-9]+\)' "$(row 0004f2000005 feature.b)"
t_grep "phone appeared" '"0004f2000006.cfg"' "$(row 0004f2000006 '(phone)')"
t_grep "phone appeared: cause" 'because phone appeared' "$(row 0004f2000006 '(phone)')"
t_grep "phone went" 'because phone went' "$(row 0004f2000000 '(phone)')"
t_grep "secret change: *** -> ***" '"\*\*\*" -> "\*\*\*"' "$(row 0004f2000002 reg.1.auth.password)"
t_grep "secret change: both file:line" 'was site.cfg:3 \(config\), now site.cfg:3' "$(row 0004f2000002 reg.1.auth.password)"
t_nogrep "no secret value in the output" 'Secr3t' "$T"
t_grep "summary counts" '^Summary: 7 phones, 7 changed, 1 appeared, 1 went$' "$T"
sum=$(printf '%s\n' "$T" | sed -n '/^Summary/,$p')
t_grep "summary: PIN verdict first" '^  PIN sign-in offered "yes" -> "no": 4 phones, site.cfg:4 edited$' "$(printf '%s\n' "$sum" | sed -n 2p)"
t_grep "summary: transition, phones and cause" '^  reg.1.auth.usePinCredentials "1" -> "0": 4 phones, site.cfg:4 edited$' "$sum"
t_grep "summary: override files as a kind" 'feature.local "1" -> \(unset\): 1 phone, phone-override file went' "$sum"
t_grep "summary: secrets redacted" 'reg.1.auth.password "\*\*\*" -> "\*\*\*": 5 phones, site.cfg:3 edited' "$sum"

t_run "--show-secrets" 1 "$POLYAUDIT" diff --show-secrets "$A" "$B"
t_grep "secret shown when asked" '"Old-Secr3t" -> "New-Secr3t"' "$T_OUT"

t_run "JSON Lines" 1 "$POLYAUDIT" diff --format json "$A" "$B"
t_json "diff, JSON Lines" diff
J=$T_OUT
t_eq "every line is JSON" "$(printf '%s\n' "$J" | wc -l)" "$(printf '%s\n' "$J" | /usr/bin/python3 -c 'import json, sys
print(sum(1 for l in sys.stdin if isinstance(json.loads(l), dict)))')"
t_grep "JSON change with both sides" '^\{"mac":"0004f2000002","name":"reg.1.auth.usePinCredentials","old":\{"value":"1","source":"config","file":"site.cfg","line":4\},"new":\{"value":"0","source":"config","file":"site.cfg","line":4\},"cause":"edited","cause_file":"site.cfg","cause_line":4' "$J"
t_grep "JSON: absent side is null" '"mac":"0004f2000006","name":"\(phone\)","old":null' "$J"
t_nogrep "JSON: no secret" 'Secr3t' "$J"
t_grep "JSON: summary on stderr" '^Summary: 7 phones' "$T_ERR"

t_run "CSV" 1 "$POLYAUDIT" diff --format csv "$A" "$B"
t_grep "CSV header" '^mac,name,old_value,old_source,old_file,old_line,new_value,new_source,new_file,new_line,cause,cause_file,cause_line,why' "$T_OUT"
t_grep "CSV row" '^0004f2000004,feature.local,1,phone-override,overrides/0004f2000004-phone.cfg,1,,unset,,,override-went,overrides/0004f2000004-phone.cfg,1,phone-override file overrides/0004f2000004-phone.cfg went' "$T_OUT"
t_grep "CSV: absent side" '^0004f2000000,\(phone\),0004f2000000.cfg,config,0004f2000000.cfg,0,,absent,' "$T_OUT"

t_run "OpenMetrics to a file" 1 "$POLYAUDIT" diff --format openmetrics --output "$T_TMP/d.prom" "$A" "$B"
t_eq "OpenMetrics: nothing on stdout" "" "$T_OUT"
if m=$(promtool check metrics <"$T_TMP/d.prom" 2>&1); then t_ok "OpenMetrics: promtool check metrics"
else t_fail "OpenMetrics: promtool check metrics" "$m"; fi
P=$(cat "$T_TMP/d.prom")
t_grep "OpenMetrics: phones per result" '^polyaudit_diff_phones\{result="changed"\} 7$' "$P"
t_grep "OpenMetrics: phones per transition and cause" '^polyaudit_diff_changes\{param="reg.1.auth.usePinCredentials",old="1",new="0",cause="site.cfg:4 edited"\} 4$' "$P"
t_grep "OpenMetrics: secrets as ***" '^polyaudit_diff_changes\{param="reg.1.auth.password",old="\*\*\*",new="\*\*\*",' "$P"
t_nogrep "OpenMetrics: no secret" 'Secr3t' "$P"
t_eq "OpenMetrics: ends with # EOF" "# EOF" "$(tail -n 1 "$T_TMP/d.prom")"

t_run "--param restricts" 1 "$POLYAUDIT" diff --param feature.extra "$A" "$B"
t_eq "--param: only that name and the lone phones" "" "$(printf '%s\n' "$T_OUT" | grep -E '^0004' | grep -vE 'feature.extra|\(phone\)')"
t_run "--check pin: the verdicts only" 1 "$POLYAUDIT" diff --check pin "$A" "$B"
t_eq "--check pin rows" "" "$(printf '%s\n' "$T_OUT" | grep -E '^0004' | grep -vE 'PIN sign-in offered|\(phone\)')"
t_grep "--check pin: a verdict" '^0004f2000002  PIN sign-in offered: "yes" -> "no"' "$T_OUT"

t_run "one share only (exit 2)" 2 "$POLYAUDIT" diff "$A"
t_grep "says what is missing" 'diff: give OLD NEW' "$T_ERR"
t_run "three shares (exit 2)" 2 "$POLYAUDIT" diff "$A" "$B" "$A"
t_run "bad --check (exit 2)" 2 "$POLYAUDIT" diff --check foo "$A" "$B"
t_run "missing share (exit 2)" 2 "$POLYAUDIT" diff "$A" "$T_TMP/nope"
t_grep "says which" 'cannot open share' "$T_ERR"
t_run "--help" 0 "$POLYAUDIT" diff --help
t_grep "--help: usage" '^usage: polyaudit diff' "$T_OUT"
t_done
