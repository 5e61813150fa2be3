#!/bin/sh
# Run the demo on samples/ with an already built tree: tools/demo-run.sh BUILDDIR
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-.}
pa=$build/polyaudit
samples=$top/samples
say() { printf '\n\033[1m$ %s\033[0m\n' "$*" | sed 's|'"$top"'/||g'; }
[ -t 1 ] || say() { printf '\n$ %s\n' "$*" | sed 's|'"$top"'/||g'; }

cat <<'EOT'
polyaudit demo.  The reception phone (00:04:f2:aa:00:01) shows no "PIN
Authentication" sign-in option, although lync.cfg switches it on for
every phone.  Which file really decides?
EOT
say polyaudit show --share samples --mac 00:04:f2:aa:00:01
"$pa" show --share "$samples" --mac 00:04:f2:aa:00:01
cat <<'EOT'

The web override the phone uploaded (overrides/0004f2aa0001-web.cfg)
sets reg.1.auth.usePinCredentials to 0 and shadows lync.cfg's 1: someone
switched PIN sign-in off in the phone's web interface.  A VVX 411 on the
default master, for comparison:
EOT
say polyaudit show --share samples --mac 0004f2aa0002 --model VVX411
"$pa" show --share "$samples" --mac 0004f2aa0002 --model VVX411
cat <<'EOT'

What did the reception phone upload?  Its app log is on the share:
EOT
say polyaudit logs --share samples --mac 0004f2aa0001
"$pa" logs --share "$samples" --mac 0004f2aa0001
cat <<'EOT'

One line proves a failed log upload; the others are counted, not guessed
at.

Before any parameter matters the phone must start the right firmware.
The VVX 400 in the stock room has its own master naming its own split
image:
EOT
say polyaudit files --share samples --mac 0004f2aa0005 --model VVX400
"$pa" files --share "$samples" --mac 0004f2aa0005 --model VVX400
cat <<'EOT'

The image is not on the share: the phone keeps what is in its flash, and
one without firmware cannot start.

Is the phone really running that?  Ask it, read-only, over its REST API.
(Here the phone is the bundled simulator on 127.0.0.1; its admin password
comes from the environment, never from the command line.)
EOT
sim=$build/tests/phonesim
[ -x "$sim" ] || make -s -C "$build" tests/phonesim >/dev/null 2>&1
ports=$(mktemp "${TMPDIR:-/tmp}/polyaudit-demo.XXXXXX")
rm -f "$ports"
"$sim" --ports-file "$ports" --max-seconds 60 "$samples/phones/demo.json" >/dev/null &
simpid=$!
trap 'kill $simpid 2>/dev/null; rm -f "$ports"' EXIT
i=0
while [ ! -s "$ports" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(awk '{ print $2 }' "$ports")
say POLYAUDIT_PASSWORD=... polyaudit audit --share samples --phone 127.0.0.1:$port --scheme http
POLYAUDIT_PASSWORD=demo-Adm1n "$pa" audit --share "$samples" --phone "127.0.0.1:$port" --scheme http
cat <<'EOT'

The phone runs reg.1.auth.usePinCredentials=0 and says the value comes
from its web UI: the cause is confirmed.  Remove the line from
overrides/0004f2aa0001-web.cfg (or reset the web settings on the phone),
and give the phone a dhcp.option43.override.stsUri it will apply: it runs
the default, empty, so lync.cfg never reached it.
EOT
exit 0
