#!/bin/sh
# pin: one case per cause that hides PIN sign-in, on shares built from
# samples/, with and without a phone (tests/phonesim) and option 43.
. "$SRCDIR/tests/lib.sh"
SIM=$BUILDDIR/tests/phonesim
GOOD43=010C4D532D55432D436C69656E74020568747470730317736572766572\
2E6671646E2E636F6D70616E792E636F6D04033434330525\
2F4365727450726F762F4365727450726F766973696F6E696E67536572766963652E737663
# share NAME: a copy of samples/ to change
share() { rm -rf "$T_TMP/$1"; cp -R "$SRCDIR/samples" "$T_TMP/$1"; S=$T_TMP/$1; }
pin() { "$POLYAUDIT" pin --share "$S" "$@"; }

share s1
t_run "override switches PIN off: no" 1 pin --mac 0004f2aa0001
t_grep "names the winning file and line" '\[NO\] reg.1.auth.usePinCredentials is "0" \(overrides/0004f2aa0001-web.cfg:6, web-override\), shadowing "1" from lync.cfg:6' "$T_OUT"
t_grep "verdict line" '^Phone 0004f2aa0001: PIN sign-in should be offered: no$' "$T_OUT"
t_run "phone on the default master: yes" 0 pin --mac 0004f2aa0002
t_grep "STS URI from the override" '\[ok\] the STS URI comes from dhcp.option43.override.stsUri' "$T_OUT"

sed -i 's/device.baseProfile="Lync"/device.baseProfile="Generic"/' "$S/device.cfg"
t_run "Generic base profile: no" 1 pin --mac 0004f2aa0002
t_grep "names the base profile" '\[NO\] device.baseProfile is "Generic" \(device.cfg:4, config\)' "$T_OUT"
t_grep "default follows the profile" 'reg.1.auth.usePinCredentials is "1" \(lync.cfg:6' "$T_OUT"

share s2
sed -i '/device.baseProfile/d' "$S/device.cfg"
sed -i '/reg.1.auth.usePinCredentials/d' "$S/lync.cfg"
t_run "no base profile, no usePinCredentials: no" 1 pin --mac 0004f2aa0002 --format json
t_json "pin, no base profile" pin
t_grep "base profile unknown" '"check": "base-profile",[^}]*"status": "unknown"' "$(printf '%s' "$T_OUT" | tr -d '\n')"
t_grep "Generic default 0 fails" '"message": "reg.1.auth.usePinCredentials is \\"0\\" \(default with the Generic base profile\): set it to \\"1\\""' "$T_OUT"

share s3
sed -i 's/feature.lync.hideSignInSignOut="0"/feature.lync.hideSignInSignOut="1"/' "$S/site.cfg"
t_run "sign-in hidden: no" 1 pin --mac 0004f2aa0002
t_grep "names the switch" '\[NO\] feature.lync.hideSignInSignOut is "1" \(site.cfg:5, config\): sign-in is hidden' "$T_OUT"

share s4
sed -i '/dhcp.option43.override.stsUri/d' "$S/lync.cfg"
t_run "no override, no option 43: cannot tell" 1 pin --mac 0004f2aa0002
t_grep "cannot tell" 'should be offered: cannot tell' "$T_OUT"
t_grep "asks for option 43" '\[\?\?\] no dhcp.option43.override.stsUri .*give --option43 HEX' "$T_OUT"
t_run "good option 43: yes" 0 pin --mac 0004f2aa0002 --option43 "$GOOD43"
t_grep "STS URI from option 43" 'DHCP option 43 gives the STS URI https://server.fqdn.company.com:443/CertProv/CertProvisioningService.svc' "$T_OUT"
long=$("$POLYAUDIT" dhcp encode --fqdn lyncpool-web.internal.example.com --format json | sed -n 's/.*"hex": "\([0-9A-Fa-f]*\)".*/\1/p' | head -n 1)
cut180=$(printf '%s' "$long" | cut -c1-180)
t_eq "a long FQDN makes more than 180 hex characters" 1 "$([ ${#long} -gt 180 ] && echo 1)"
t_run "option 43 cut by Cisco IOS: no" 1 pin --mac 0004f2aa0002 --option43 "$cut180"
t_grep "names the truncation" '\[NO\] option 43: .*(truncat|cut)' "$T_OUT"
t_grep "names Cisco's limit" '180' "$T_OUT"
t_run "bad hex is a usage error" 2 pin --mac 0004f2aa0002 --option43 zz

share s5
sed -i 's|https://lyncpool.example.com:443/CertProv/CertProvisioningService.svc|http://lyncpool.example.com/CertProv|' "$S/lync.cfg"
t_run "malformed override: no" 1 pin --mac 0004f2aa0002
t_grep "names the override's file and line" '\[NO\] dhcp.option43.override.stsUri "http://lyncpool.example.com/CertProv" \(lync.cfg:10, config\) is not an https URL' "$T_OUT"

# The phone's running values beat the share's.
share s6
cat >"$T_TMP/ph.json" <<EOJ
{"phones": [{"mac": "0004f2aa0002", "model": "VVX 411", "firmware": "5.2.0.8330",
  "password": "pw-0002", "params": {
   "reg.1.auth.usePinCredentials": {"Value": "0", "Source": "web"},
   "device.baseProfile": {"Value": "Lync", "Source": "device"},
   "dhcp.option43.override.stsUri": {"Value": "https://lyncpool.example.com:443/CertProv/CertProvisioningService.svc", "Source": "config"}}}]}
EOJ
"$SIM" --ports-file "$T_TMP/ports" --max-seconds 60 "$T_TMP/ph.json" >/dev/null 2>&1 &
echo $! >"$T_TMP/sim.pid"
t_until 5 test -s "$T_TMP/ports"
port=$(awk '{ print $2 }' "$T_TMP/ports")
POLYAUDIT_PASSWORD=pw-0002 t_run "phone runs 0 from its web UI, old firmware: no" 1 \
    pin --mac 0004f2aa0002 --phone "127.0.0.1:$port" --scheme http
t_grep "the phone's value wins" '\[NO\] reg.1.auth.usePinCredentials is "0" \(the phone runs it \(Source web\)\)' "$T_OUT"
t_grep "override needs 5.3" '\[NO\] dhcp.option43.override.stsUri .*needs UC Software 5.3 or later; the phone runs 5.2.0.8330' "$T_OUT"
t_nogrep "password never printed" 'pw-0002' "$T_OUT$T_ERR"
POLYAUDIT_PASSWORD=pw-0002 t_run "unreachable phone: exit 2" 2 \
    pin --mac 0004f2aa0002 --phone 127.0.0.1:9 --scheme http --timeout 5
t_grep "says the phone could not be read" 'the phone could not be read' "$T_OUT"

share s7
t_run "scan --check pin (exit 1: one phone says no)" 1 "$POLYAUDIT" scan --share "$S" --check pin
t_grep "one verdict per phone" '^0004f2aa0001  no +reg.1.auth.usePinCredentials' "$T_OUT"
t_grep "yes for the other" '^0004f2aa0002  yes' "$T_OUT"
t_run "scan --check pin, JSON Lines" 1 "$POLYAUDIT" scan --share "$S" --check pin --format json
t_json "scan --check pin, JSON Lines" pin
t_eq "two JSON lines" 2 "$(t_count '^\{"mac":"0004f2aa000[12]","verdict":"(yes|no)"' "$T_OUT")"
t_run "scan --check other is a usage error" 2 "$POLYAUDIT" scan --share "$S" --check dhcp
# A share value that tries to forge an [ok] evidence line: text and CSV
# show the newline as \n (one value, one line), JSON keeps the exact value.
share s8
sed -i 's/device.baseProfile="Lync"/device.baseProfile="Generic\&#10;  [ok] device.baseProfile is \&quot;Lync\&quot;\&#13;\&#9;\&#127;\&#x9b;"/' "$S/device.cfg"
t_run "forged evidence value: no" 1 pin --mac 0004f2aa0002
t_nogrep "no forged [ok] line" '^  \[ok\] device\.baseProfile' "$T_OUT"
t_grep "the value on one line, controls visible" '^  \[NO\] device\.baseProfile is "Generic\\n  \[ok\] device\.baseProfile is "Lync"\\r\\t\\x7f\\u009b" \(device\.cfg:4' "$T_OUT"
t_run "forged evidence value, JSON: no" 1 pin --mac 0004f2aa0002 --format json
t_grep "JSON keeps the exact value (RFC 8259 escapes)" '"message": "device\.baseProfile is \\"Generic\\n  \[ok\] device\.baseProfile is \\"Lync\\"\\r\\t'"$(printf '\177\302\233')"'\\"' "$T_OUT"
t_run "forged evidence value, scan CSV" 1 "$POLYAUDIT" scan --share "$S" --check pin --format csv
t_eq "scan CSV: a header and one line per phone" 4 "$(printf '%s\n' "$T_OUT" | wc -l)"
t_grep "scan CSV: the reason in one cell" '^0004f2aa0002,no,"device\.baseProfile is ""Generic\\n  \[ok\] device\.baseProfile is ""Lync""\\r\\t\\x7f\\u009b"" ' "$T_OUT"
t_run "forged evidence value, scan text" 1 "$POLYAUDIT" scan --share "$S" --check pin
t_nogrep "scan text: no forged line" '^  \[ok\]' "$T_OUT"
t_done
