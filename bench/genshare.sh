#!/bin/sh
# Write a synthetic provisioning share modelled on real ones:
#   genshare.sh DIR PHONES [SHARED_FILES [PARAMS_PER_FILE]]
# Every phone i (MAC 0004f2 + i in hex) has its own master listing its
# line file and the shared files; 30% of phones have an override file:
# i % 10 == 0 uploaded a web override switching PIN sign-in off,
# i % 10 == 1 or 2 a phone-UI override with unrelated settings.  The
# layout is deterministic, so tests can assert exact counts.
set -e
dir=$1 phones=$2 files=${3:-20} params=${4:-3000}
[ -n "$dir" ] && [ -n "$phones" ] || { echo "usage: $0 DIR PHONES [FILES [PARAMS]]" >&2; exit 2; }
mkdir -p "$dir/overrides"
awk -v dir="$dir" -v phones="$phones" -v files="$files" -v params="$params" 'BEGIN {
	list = ""
	for (f = 1; f <= files; f++) {
		name = sprintf("shared%02d.cfg", f)
		list = list ", " name
		out = dir "/" name
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > out
		print "<polycomConfig>" > out
		for (p = 0; p < params; p++) {
			if (p % 8 == 0) printf "  <group%d\n", p / 8 > out
			printf "    feature.f%02d.p%05d.value=\"%d\"\n", f, p, (p * 7 + f) % 100 > out
			if (p % 8 == 7 || p == params - 1) print "  />" > out
		}
		if (f == 1) {
			print "  <lync reg.1.auth.usePinCredentials=\"1\"" > out
			print "    dhcp.option43.override.stsUri=\"https://pool.example.com:443/CertProv/CertProvisioningService.svc\"/>" > out
		}
		if (f == 2)
			print "  <device device.set=\"1\" device.baseProfile=\"Lync\" device.baseProfile.set=\"1\"/>" > out
		print "</polycomConfig>" > out
		close(out)
	}
	out = dir "/000000000000.cfg"
	printf "<APPLICATION CONFIG_FILES=\"%s\" OVERRIDES_DIRECTORY=\"overrides\"/>\n", substr(list, 3) > out
	close(out)
	for (i = 0; i < phones; i++) {
		mac = sprintf("0004f2%06x", i)
		out = dir "/" mac ".cfg"
		printf "<?xml version=\"1.0\"?>\n<APPLICATION APP_FILE_PATH=\"sip.ld\"\n  CONFIG_FILES=\"[PHONE_MAC_ADDRESS]-line.cfg%s\"\n  OVERRIDES_DIRECTORY=\"overrides\"/>\n", list > out
		close(out)
		out = dir "/" mac "-line.cfg"
		printf "<reg reg.1.address=\"%s@example.com\" reg.1.label=\"Phone %d\"/>\n", mac, i > out
		close(out)
		if (i % 10 == 0) {
			out = dir "/overrides/" mac "-web.cfg"
			print "<WEB_CONFIG><OVERRIDES reg.1.auth.usePinCredentials=\"0\"/></WEB_CONFIG>" > out
			close(out)
		} else if (i % 10 <= 2) {
			out = dir "/overrides/" mac "-phone.cfg"
			print "<PHONE_CONFIG><OVERRIDES voice.volume.persist.handset=\"1\"/></PHONE_CONFIG>" > out
			close(out)
		}
	}
}'
