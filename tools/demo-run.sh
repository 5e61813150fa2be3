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
exit 0
