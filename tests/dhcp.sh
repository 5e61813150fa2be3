#!/bin/sh
# polyaudit dhcp decode|encode|probe.  The probe talks to dnsmasq on
# 127.0.0.1, unicast only, on high ports; it never broadcasts.
. "$SRCDIR/tests/lib.sh"

P=$POLYAUDIT
GOLDEN='010C4D532D55432D436C69656E74 0205687474707303 17 7365727665722E6671646E2E636F6D70616E792E636F6D 040334343305 25 2F4365727450726F762F4365727450726F766973696F6E696E67536572766963652E737663'
LONG=lyncpool-web.internal.example.com

# ---------------------------------------------------------------- decode
t_run "decode golden option 43" 0 "$P" dhcp decode "$GOLDEN"
t_eq "decode text" "option 43 (MS-UC-Client vendor options), 90 bytes
  code name                     len  value
    1  UCIdentifier              12  MS-UC-Client
    2  URLScheme                  5  https
    3  WebServerFqdn             23  server.fqdn.company.com
    4  WebServerPort              3  443
    5  CertProvRelPath           37  /CertProv/CertProvisioningService.svc
STS URI: https://server.fqdn.company.com:443/CertProv/CertProvisioningService.svc" "$T_OUT"

t_run "decode json" 1 "$P" dhcp decode --format json 010C4D532D55432D436C69656E74 02056874747073
t_json "decode json" dhcp-decode
t_eq "decode json output" '{
  "option": 43,
  "suboptions": [
    {
      "code": 1,
      "length": 12,
      "value": "MS-UC-Client"
    },
    {
      "code": 2,
      "length": 5,
      "value": "https"
    }
  ],
  "sts_uri": null,
  "warnings": [
    {
      "code": "missing-suboption",
      "message": "sub-option 3 (WebServerFqdn) is missing"
    },
    {
      "code": "missing-suboption",
      "message": "sub-option 4 (WebServerPort) is missing"
    },
    {
      "code": "missing-suboption",
      "message": "sub-option 5 (CertProvRelPath) is missing"
    }
  ],
  "notes": []
}' "$T_OUT"

t_run "decode golden as json" 0 "$P" dhcp decode "$GOLDEN" --format json
t_json "decode golden as json" dhcp-decode
t_grep "json sts_uri" '"sts_uri": "https://server.fqdn.company.com:443/CertProv/CertProvisioningService.svc"' "$T_OUT"
t_grep "json empty warnings" '"warnings": \[\]' "$T_OUT"

t_run "decode Cisco dotted form" 0 "$P" dhcp decode \
    "$(printf '%s' "$GOLDEN" | tr -d ' ' | sed 's/..../&./g; s/\.$//')"

# The long FQDN cut at 180 hex characters, as Cisco IOS does.
CUT=$("$P" dhcp encode --fqdn $LONG --format json | sed -n 's/.*"hex": "\(.*\)",*/\1/p' | head -n 1 | cut -c1-180)
t_eq "cut value is 180 characters" 180 "${#CUT}"
t_run "decode Cisco-truncated option 43" 1 "$P" dhcp decode "$CUT"
t_grep "names the truncated sub-option" 'warning \[truncated\]: sub-option 5 \(CertProvRelPath\) is truncated' "$T_OUT"
t_grep "names Cisco's 180 limit" 'warning \[cisco-180\]: .*180 hex characters.*option ext 43 hex.*IOS XE 3.2.1S' "$T_OUT"
t_grep "no STS URI" 'STS URI: \(cannot be composed\)' "$T_OUT"

t_run "decode non-https, wrong identifier" 1 "$P" dhcp decode 0103414243020468747470
t_grep "not-ms-uc-client" 'warning \[not-ms-uc-client\]: sub-option 1 is "ABC"' "$T_OUT"
t_grep "not-https" 'warning \[not-https\]' "$T_OUT"

t_run "decode option 120" 0 "$P" dhcp decode --option 120 0006736572766572046671646E07636F6D70616E7903636F6D00
t_eq "option 120 text" "option 120 (SIP servers, RFC 3361), 26 bytes, encoding 0 (domain names)
  server.fqdn.company.com" "$T_OUT"
t_run "decode option 60 string" 0 "$P" dhcp decode --option 60 --format json 4D532D55432D436C69656E74
t_json "decode option 60 string" dhcp-decode
t_grep "option 60 string" '"value": "MS-UC-Client"' "$T_OUT"
t_run "decode option 160, a URL with credentials" 0 "$P" dhcp decode --option 160 687474703a2f2f706278757365723a706278706173734031302e312e322e332f706f6c79636f6d
t_grep "option 160 URL, password as ***" '^option 160 \(boot server\), 39 bytes, URL: http://pbxuser:\*\*\*@10.1.2.3/polycom$' "$T_OUT"
t_nogrep "option 160: the password never shows" 'pbxpass' "$T_OUT$T_ERR"
t_run "decode option 66, JSON" 0 "$P" dhcp decode --option 66 --format json 31302e312e322e3300
t_grep "option 66 address" '"server": "10.1.2.3", *"form": "address", *"scheme": null' "$(printf '%s' "$T_OUT" | tr -d '\n')"
t_run "decode option 66, not printable (exit 1)" 1 "$P" dhcp decode --option 66 6101621b
t_grep "option 66 control bytes visible" 'a\\x01b\\x1b' "$T_OUT"
t_run "decode option 60 RFC 3925" 0 "$P" dhcp decode --option 60 0000363D0A0107506F6C79636F6DFF
t_grep "option 60 company" '1  company +7  Polycom' "$T_OUT"

# Issue 18.5: pasted with the option's code and length in front.
t_run "decode 43 with its header" 0 "$P" dhcp decode "2b 5a $GOLDEN"
t_grep "header noted" 'note \[option-header\]: .*\(option 43, length 90\): those two bytes were dropped' "$T_OUT"
t_grep "header dropped, STS URI composed" 'STS URI: https://server.fqdn.company.com:443/CertProv/' "$T_OUT"
t_run "decode 60 with its header and End" 0 "$P" dhcp decode --option 60 --format json 3c0f0000363D090107506F6C79636F6DFF
t_grep "header note in json" '"code": "option-header"' "$T_OUT"
t_grep "json no warnings" '"warnings": \[\]' "$T_OUT"
t_run "another option's header" 1 "$P" dhcp decode "3c 5a $GOLDEN"
t_grep "says which bytes to drop" 'warning \[option-header\]: .*option 60 \(length 90\): drop the first two bytes, or decode it with --option 60' "$T_OUT"
# Issue 18.6: a trailing ff (DHCP End) after a complete option is a note.
t_run "option 60 with End after its data" 0 "$P" dhcp decode --option 60 0000363D090107506F6C79636F6DFF
t_grep "End noted" 'note \[end-option\]: the trailing ff is the DHCP End option' "$T_OUT"
t_run "option 120 with End" 0 "$P" dhcp decode --option 120 0006736572766572046671646E07636F6D70616E7903636F6D00FF
t_grep "120 End noted" 'note \[end-option\]' "$T_OUT"
t_run "a capture's pads after End" 0 "$P" dhcp decode "$GOLDEN ff 00 00"
t_grep "pads noted" 'note \[padding\]: 2 pad byte\(s\) 00 after the DHCP End option' "$T_OUT"
t_run "data after End is still a warning" 1 "$P" dhcp decode 010C4D532D55432D436C69656E74FF01
t_grep "data-after-end" 'warning \[data-after-end\]' "$T_OUT"

t_run "odd hex digits" 2 "$P" dhcp decode 010
t_grep "odd message" 'polyaudit: dhcp decode: odd number of hex digits \(3\)' "$T_ERR"
t_run "bad hex character" 2 "$P" dhcp decode 0102ZZ
t_grep "bad character message" "bad character 'Z' at position 5" "$T_ERR"
t_run "decode without HEX" 2 "$P" dhcp decode
t_run "decode bad --option" 2 "$P" dhcp decode --option 44 00
t_run "decode bad --format" 2 "$P" dhcp decode --format xml 00
t_run "decode --help" 0 "$P" dhcp decode --help
t_grep "decode usage" '^usage: polyaudit dhcp decode' "$T_OUT"
t_run "dhcp without subcommand" 2 "$P" dhcp
t_run "dhcp unknown subcommand" 2 "$P" dhcp frob

# ---------------------------------------------------------------- encode
t_run "encode short FQDN" 0 "$P" dhcp encode --fqdn server.fqdn.company.com
t_grep "encode hex" "^$(printf '%s' "$GOLDEN" | tr -d ' ')\$" "$T_OUT"
t_grep "encode netsh value" '^netsh dhcp server set optionvalue 3 Binary vendor=MSUCClient 7365727665722E6671646E2E636F6D70616E792E636F6D$' "$T_OUT"
t_grep "encode netsh class" '^netsh dhcp server add class MSUCClient "UC Vendor Class Id" "MS-UC-Client" 1$' "$T_OUT"
t_grep "encode Cisco line" '^option 43 hex 010C4D53' "$T_OUT"
t_nogrep "no Cisco warning" 'cisco-180' "$T_OUT"
t_run "encode long FQDN" 1 "$P" dhcp encode --fqdn $LONG --port 4443
t_grep "long: ext form" '^option ext 43 hex 010C' "$T_OUT"
t_grep "long: warns" 'warning \[cisco-180\]: 202 hex characters exceed the 180' "$T_OUT"
t_grep "long: port" 'https://lyncpool-web.internal.example.com:4443/CertProv' "$T_OUT"
t_run "encode json" 0 "$P" dhcp encode --fqdn server.fqdn.company.com --format json
t_json "encode json" dhcp-encode
t_grep "encode json cisco" '"cisco_ios": "option 43 hex"' "$T_OUT"
t_run "encode without --fqdn" 2 "$P" dhcp encode
t_run "encode bad FQDN" 2 "$P" dhcp encode --fqdn 'a b'
t_run "encode bad port" 2 "$P" dhcp encode --fqdn a.b --port 70000
t_run "encode --help" 0 "$P" dhcp encode --help

# ---------------------------------------------------------------- probe
t_run "probe --help" 0 "$P" dhcp probe --help
t_grep "probe usage names test options" 'test/lab only' "$T_OUT"
t_run "probe bad server" 2 "$P" dhcp probe --server not-an-ip --timeout 1
t_run "probe unknown interface" 2 "$P" dhcp probe --server 127.0.0.1 \
    --server-port 9 --client-port 9 --interface nosuch0 --timeout 1
t_grep "unknown interface message" 'cannot bind to interface nosuch0' "$T_ERR"

# Port 68 without privilege: as nobody when run as root.  The probe would
# only ever send unicast to 127.0.0.1, and bind fails before it sends.
if [ "$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null || echo 1024)" -le 68 ]; then
	t_ok "# SKIP unprivileged processes may bind port 68 here"
else
	if [ "$(id -u)" -eq 0 ]; then
		AS_NOBODY="setpriv --reuid 65534 --regid 65534 --clear-groups"
	else
		AS_NOBODY=
	fi
	t_run "probe on port 68 without privilege" 2 $AS_NOBODY "$P" dhcp \
	    probe --server 127.0.0.1 --server-port 9 --timeout 1
	t_grep "EACCES message" 'cannot bind UDP port 68: Permission denied; the DHCP client port needs root or CAP_NET_BIND_SERVICE' "$T_ERR"
fi

DNSMASQ=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
BASE=$((20000 + $$ % 20000))
SPORT=$BASE CPORT=$((BASE + 1)) SILENT=$((BASE + 2)) ELSEWHERE=$((BASE + 3))
HEX=$(printf '%s' "$GOLDEN" | tr -d ' ' | sed 's/../&:/g; s/:$//')

# start_dnsmasq NAME SERVERPORT CLIENTPORT [OPTION...]: DHCP on lo only,
# DNS off.
start_dnsmasq() {
	_name=$1 _sport=$2 _cport=$3; shift 3
	if [ ! -x "$DNSMASQ" ]; then
		echo "dnsmasq not found: apt-get install dnsmasq-base" >"$T_TMP/$_name.log"
		return 1
	fi
	"$DNSMASQ" --keep-in-foreground --log-facility=- --log-dhcp \
	    --conf-file=/dev/null --port=0 --leasefile-ro \
	    --interface=lo --bind-interfaces \
	    --dhcp-alternate-port="$_sport,$_cport" "$@" \
	    --dhcp-range=127.0.0.0,static,255.0.0.0 \
	    --dhcp-vendorclass=set:ms,MS-UC-Client \
	    --dhcp-option=tag:ms,43,"$HEX" \
	    --dhcp-option=tag:ms,120,00:06:73:65:72:76:65:72:00 \
	    >"$T_TMP/$_name.log" 2>&1 &
	echo $! >"$T_TMP/$_name.pid"
	t_until 5 dnsmasq_up "$_name" && grep -q 'DHCP, static leases' "$T_TMP/$_name.log"
}
dnsmasq_up() {	# dnsmasq_up NAME: ready (or gone)
	grep -q 'DHCP, static leases' "$T_TMP/$1.log" ||
	    ! kill -0 "$(cat "$T_TMP/$1.pid")" 2>/dev/null
}

if start_dnsmasq answer $SPORT $CPORT; then
	t_ok "dnsmasq answering on 127.0.0.1:$SPORT"
	t_run "probe gets option 43" 0 "$P" dhcp probe --server 127.0.0.1 \
	    --server-port $SPORT --client-port $CPORT --timeout 3
	t_grep "probe: DHCPACK" '^DHCPACK \(DHCP message type 5\) from 127.0.0.1$' "$T_OUT"
	t_grep "probe: STS URI" '^STS URI: https://server.fqdn.company.com:443/CertProv/CertProvisioningService.svc$' "$T_OUT"
	t_grep "probe: option 120" '^  server$' "$T_OUT"
	# dnsmasq logs the INFORM soon after its answer.
	t_until 2 grep -q 'requested options' "$T_TMP/answer.log"
	LOG=$(cat "$T_TMP/answer.log")
	t_grep "INFORM carried vendor class" 'vendor class: MS-UC-Client' "$LOG"
	t_grep "INFORM asked for 43 and 120" 'requested options: 43:vendor-encap, 120:sip-server' "$LOG"
	t_run "probe json" 0 "$P" dhcp probe --server 127.0.0.1 \
	    --server-port $SPORT --client-port $CPORT --timeout 3 --format json
	t_json "probe json" dhcp-probe
	t_grep "probe json answered" '"answered": true' "$T_OUT"
	t_grep "probe json sts_uri" '"sts_uri": "https://server.fqdn.company.com:443/' "$T_OUT"
	# dnsmasq holds the server port: a client port in use fails clearly.
	t_run "probe with client port in use" 2 "$P" dhcp probe \
	    --server 127.0.0.1 --server-port $SPORT --client-port $SPORT \
	    --timeout 1
	t_grep "bind failure names the cause" "cannot bind UDP port $SPORT: Address already in use; another DHCP client" "$T_ERR"
	t_run "probe bound to interface lo" 0 "$P" dhcp probe \
	    --server 127.0.0.1 --interface lo --server-port $SPORT \
	    --client-port $CPORT --timeout 3
	t_grep "probe on lo: STS URI" '^STS URI: https://server.fqdn.company.com' "$T_OUT"
else
	t_fail "dnsmasq did not start, so the probe cannot be tested" \
	    "$(cat "$T_TMP/answer.log")"
fi

# A server that ignores the phone's INFORM: from the client's side this
# is the same silence as an ACK dropped on its way to UDP 68.  (dnsmasq
# answers an INFORM on the request's source port, so its alternate
# client port cannot simulate the drop.)
if start_dnsmasq silent $SILENT $ELSEWHERE --dhcp-ignore=tag:ms; then
	t_ok "silent dnsmasq on 127.0.0.1:$SILENT"
	# The two probes wait out their second side by side (client ports
	# of their own).
	t_bg json "$P" dhcp probe --server 127.0.0.1 --server-port $SILENT \
	    --client-port $((BASE + 4)) --timeout 1 --format json
	t_run "probe without answer" 1 "$P" dhcp probe --server 127.0.0.1 \
	    --server-port $SILENT --client-port $CPORT --timeout 1
	t_grep "no-answer message" "^problem: no answer to the DHCPINFORM sent to 127.0.0.1 port $SILENT within 1 s: either the server does not answer DHCPINFORM .*dropped on its way to UDP port $CPORT .*firewall" "$T_OUT"
	t_wait json "probe without answer, json" 1
	t_json "probe json without answer" dhcp-probe
	t_grep "json answered false" '"answered": false' "$T_OUT"
else
	t_fail "dnsmasq did not start, so the silent probe cannot be tested" \
	    "$(cat "$T_TMP/silent.log")"
fi

# Bounded work: option 120 with 240,000 labels in one name (arguments of
# 100,000 hex digits: one may not pass 128 KiB).
awk 'BEGIN { printf "00"; for (i = 0; i < 240000; i++) printf "0161"; print "00" }' | fold -w 100000 >"$T_TMP/labels"
# shellcheck disable=SC2046
t_run "option 120, 240,000 labels (exit 0)" 0 timeout 60 "$POLYAUDIT" dhcp decode --option 120 $(cat "$T_TMP/labels")
t_eq "option 120, 240,000 labels: one name of them" 480000 "$(printf '%s\n' "$T_OUT" | sed -n 's/^  \(a[a.]*\)$/\1/p' | wc -c | tr -d ' ')"
t_done
